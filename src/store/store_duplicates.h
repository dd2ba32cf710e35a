/* store_duplicates.h: part of the store interface: the list of possible
 * duplicate people (two records sharing name, date of birth, sex and
 * unit that nothing proves to be one person) and the merge of two
 * records into one.  Every call runs inside the caller's transaction. */
#ifndef PLUSONE_STORE_DUPLICATES_H
#define PLUSONE_STORE_DUPLICATES_H

#include <stdint.h>

#include "store/store.h"

/* One pair of the list: older/newer are person ids (older < newer). */
typedef struct dup_pair {
	int64_t id;
	int64_t older, newer;
	int64_t unit_id;
	char status[12];        /* "open", "merged" or "distinct" */
} dup_pair_t;

/* Records the pair {x, y} (x != y) as possibly one person of unit_id;
 * a pair already listed, whatever its status, is left as it is. */
int store_duplicate_add(store_t *s, int64_t x, int64_t y, int64_t unit_id, err_t *e);

/* Calls fn for each open pair, oldest first; stops when fn returns
 * non-zero (and returns that value). */
int store_duplicates_each(store_t *s, int (*fn)(const dup_pair_t *p, void *ctx), void *ctx, err_t *e);

/* The pair with that id, or PO_ENOTFOUND. */
int store_duplicate_get(store_t *s, int64_t id, dup_pair_t *p, err_t *e);

/* Closes the pair {x, y} (in either order) with status "merged" or
 * "distinct", by user `by`.  *closed tells whether such a pair was
 * open. */
int store_duplicate_close(store_t *s, int64_t x, int64_t y, const char *status, const char *by, bool *closed,
			  err_t *e);

/* Moves everything recorded about person drop to person keep and deletes
 * drop: receipts she paid and receipt lines of her cover, imported cover
 * and stops (a row keep already has the same of is dropped as a copy),
 * 1+1 referrals (she as the one brought in, unless keep already has a
 * referrer, and she as the referrer; a referral between the two is
 * dropped), her union membership details when keep has none, the head
 * of her household (keep when keep is of that household, else none),
 * and her open pairs of the duplicates list (a pair that would become
 * keep with keep is closed as merged).  The caller updates keep's own
 * fields afterwards. */
int store_person_merge(store_t *s, int64_t keep, int64_t drop, err_t *e);

#endif
