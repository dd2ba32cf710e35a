/* search_index.h: an in-memory index of people's names for a long-lived
 * process (the web server), answering the same name searches as
 * people_search does from the database, in the same order with the same
 * exact totals, in microseconds instead of milliseconds.
 *
 * People are numbered by rank, their place in search order (collation
 * key, then id).  Each distinct folded name word has the sorted ranks of
 * the people whose name holds it: a plain array for a rare word, a bitmap
 * over all ranks for a common one (at least one person in
 * SIX_DENSE_DIVISOR holds it: "nguyen", "thi", "van").  A query word is a
 * prefix, i.e. a range of the sorted words; the query's answer is the
 * intersection over its words of the union over each range, restricted
 * to the caller's units (a bitmap over ranks per scope, cached).  Common
 * two-word queries become a few word-wise ANDs and a popcount.
 *
 * The index is a snapshot taken at a people version (store.h); it is
 * immutable, so any number of threads may query it at once.  Memory at
 * one million people: about 20 MB.
 */
#ifndef PLUSONE_APP_SEARCH_INDEX_H
#define PLUSONE_APP_SEARCH_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/text.h"
#include "store/store.h"

#define SIX_DENSE_DIVISOR 32   /* a word held by ≥ n/32 people is a bitmap */
#define SIX_PEOPLE_MAX 50000000 /* people an index may hold */
#define SIX_SCOPES_CACHED 32    /* scope bitmaps remembered per index */
#define SIX_VERIFY_RANGE_MAX 64 /* words checked one by one for query words that start one another */

typedef struct search_index search_index_t;

/* Builds an index of every person in s.  *out is malloc'd: free with
 * search_index_free.  PO_ELIMIT past SIX_PEOPLE_MAX people or for ids
 * beyond 32 bits (the caller then keeps searching the database). */
int search_index_build(store_t *s, search_index_t **out, err_t *e);

void search_index_free(search_index_t *ix);

/* The people version the index was built at. */
int64_t search_index_version(const search_index_t *ix);

/* People in the index, and bytes it holds. */
size_t search_index_people(const search_index_t *ix);
size_t search_index_bytes(const search_index_t *ix);

/* Answers a name query given as folded words (each the prefix of a
 * different name word), for the units in scope[0..nscope) (sorted; NULL
 * for everyone): *total matches, and the ids of the first
 * min(limit, total) in search order into ids[].  Query words that start
 * one another ("nguyen nguyen", "da danh") are checked person by person
 * (a name holding a word twice counts twice); PO_EDEFER when their
 * prefixes cover more than SIX_VERIFY_RANGE_MAX words (the caller then
 * asks the database).  Thread-safe. */
int search_index_query(search_index_t *ix, char (*words)[VN_WORD_MAX], size_t nwords, const int64_t *scope,
		       size_t nscope, size_t limit, int64_t *total, int64_t *ids, size_t *n, err_t *e);

#endif
