/* params.c: dated legal parameters (see params.h).
 *
 * The rows are kept sorted by (family, key, from), names compared like
 * strcmp.  A lookup is one binary search for the last row not after
 * (family, key, date), which must then be of that family and key.  No
 * I/O, no allocation.
 *
 * Speed: a quote makes six or seven lookups, and a bulk run makes
 * millions of quotes, so a lookup must cost tens of nanoseconds.
 * Comparing names with strcmp or memcmp costs a library call per step
 * of the search; instead, a family of up to 24 bytes and a key of up to
 * 16, with their NULs, are compared as big-endian 64-bit words, masked
 * to the query's own bytes.  That is exact: strcmp of a row's name with
 * the query is decided within the query's bytes and its NUL, so the
 * row's bytes after its own NUL never matter, whatever they hold.
 * Longer names take a memcmp search with the same result.  (Measured
 * with bench/bench_quote.c: the word comparison, fully unrolled, made
 * quotes about 40% faster than strcmp; a branch-free search was slower,
 * as each step then waits for the one before.)
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rules/params.h"

#define FAST_FAMILY_WORDS 3 /* families of up to 24 bytes take the fast search */
#define FAST_KEY_WORDS 2    /* keys of up to 16 bytes */
#define FAST_WORDS (FAST_FAMILY_WORDS + FAST_KEY_WORDS)

/* name_cmp_words reads that many bytes of a row's arrays */
_Static_assert(PARAM_FAMILY_MAX + 1 >= 8 * FAST_FAMILY_WORDS, "family array too short");
_Static_assert(PARAM_KEY_MAX + 1 >= 8 * FAST_KEY_WORDS, "key array too short");

/* An int32 that orders dates exactly as date_cmp does (year, then month,
 * then day, each as a signed number; year_only is ignored, as there). */
static int32_t date_key(date_t d)
{
	return (int32_t)d.y * 65536 + ((int32_t)d.m + 128) * 256 + ((int32_t)d.d + 128);
}

/* Where row r sorts against (family, key, k), k a date_key, fn and kn
 * the sizes of family and key with their NULs: -2 or 2 when its family
 * or key is before or after, else -1, 0 or 1 as its date is before, the
 * same as or after k.  So |result| <= 1 exactly when r is a row of
 * family/key.  memcmp over the query's bytes and its NUL has the sign of
 * strcmp (a shorter row name has its NUL first; a longer one differs at
 * the query's NUL); fn <= sizeof r->family and kn <= sizeof r->key, so it
 * never reads past the row's arrays. */
static int row_cmp(const param_row_t *r, const char *family, size_t fn, const char *key,
		   size_t kn, int32_t k)
{
	int c = memcmp(r->family, family, fn);
	int32_t rk;
	if (c)
		return c < 0 ? -2 : 2;
	c = memcmp(r->key, key, kn);
	if (c)
		return c < 0 ? -2 : 2;
	rk = date_key(r->from);
	return rk < k ? -1 : rk > k;
}

/* qsort comparator on param_row_t: family, key, from, then value, so the
 * order (and so which of two rows with the same family, key and date
 * wins) does not depend on the input order. */
static int row_sort_cmp(const void *pa, const void *pb)
{
	const param_row_t *a = pa, *b = pb;
	int c = strcmp(a->family, b->family);
	int32_t ka, kb;
	if (c)
		return c;
	c = strcmp(a->key, b->key);
	if (c)
		return c;
	ka = date_key(a->from);
	kb = date_key(b->from);
	if (ka != kb)
		return ka < kb ? -1 : 1;
	return a->value < b->value ? -1 : a->value > b->value;
}

/* See params.h.  p NULL or empty: nothing to do.  Rows whose family or
 * key lack a NUL within their arrays are a caller bug (not checked). */
void params_sort(params_t *p)
{
	if (!p || !p->rows || p->n < 2)
		return;
	qsort(p->rows, p->n, sizeof p->rows[0], row_sort_cmp);
}

/* Fills e with PO_ENOTFOUND for family/key on d (field: the family) and
 * returns PO_ENOTFOUND. */
static int not_found(const char *family, const char *key, date_t d, err_t *e)
{
	char iso[DATE_ISO_LEN + 1];
	if (!e)
		return PO_ENOTFOUND; /* nothing to format */
	date_format_iso(d, iso);
	if (key[0])
		return err_set(e, PO_ENOTFOUND, family, MSG_RULES_PARAM_KEY_MISSING, family, key, iso);
	return err_set(e, PO_ENOTFOUND, family, MSG_RULES_PARAM_MISSING, family, iso);
}

/* The 8 bytes at s as an integer whose order is that of the bytes
 * compared one by one as unsigned chars (memcmp order). */
static uint64_t be64(const char *s)
{
	uint64_t w;
	memcpy(&w, s, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* The query's names as big-endian words: w[0 .. FAST_FAMILY_WORDS − 1]
 * the family's, the next FAST_KEY_WORDS the key's, each masked (m) to
 * the bytes of the name and its NUL; words past a name are 0 with mask
 * 0. */
typedef struct probe {
	uint64_t w[FAST_WORDS], m[FAST_WORDS];
} probe_t;

/* Fills w and m for the name s of size n (with its NUL, 1 <= n <= 8 ×
 * the words available); the words past the name are left alone.  Reads
 * only the n bytes of s: the last, partial word of a name of 8 bytes or
 * more is read as the 8 bytes ending at the NUL, shifted into place. */
static void probe_name(const char *s, size_t n, uint64_t *w, uint64_t *m)
{
	size_t full = n / 8, c = n % 8, i;
	for (i = 0; i < full; i++) {
		w[i] = be64(s + 8 * i);
		m[i] = ~(uint64_t)0;
	}
	if (c) {
		uint64_t t = 0;
		if (n >= 8) {
			t = be64(s + n - 8) << (8 * (8 - c));
		} else {
			for (i = 0; i < c; i++)
				t |= (uint64_t)(unsigned char)s[i] << (56 - 8 * i);
		}
		w[full] = t;
		m[full] = ~(uint64_t)0 << (8 * (8 - c));
	}
}

/* <0, 0, >0 as row r's family and key sort before, with or after the
 * probe's, exactly as strcmp on the family then the key would say: the
 * comparison of a row's name with the query is decided within the
 * query's bytes and its NUL, which the masks keep; the row's bytes after
 * its own NUL never matter.  Reads 24 bytes of the family and 16 of the
 * key, within the arrays (41 and 25 bytes).  Unrolled: a loop over the
 * words the names take was measurably slower. */
static inline int name_cmp_words(const param_row_t *r, const probe_t *q)
{
	uint64_t a;
	/* the words past a name have mask 0 and compare equal */
#define WORD(i, at)                                           \
	a = be64(at) & q->m[i];                               \
	if (a != q->w[i])                                     \
		return a < q->w[i] ? -1 : 1;
	WORD(0, r->family)
	WORD(1, r->family + 8)
	WORD(2, r->family + 16)
	WORD(3, r->key)
	WORD(4, r->key + 8)
#undef WORD
	return 0;
}

/* The fast lookup, for a family of at most 24 bytes and a key of at most
 * 16 with their NULs (fn, kn): the index of the last row of family/key
 * not after date key k in *at and true, or false when there is none.
 * An upper-bound binary search on (names, date): lo only moves past a
 * row that compared <= 0, so rows[lo - 1] is the last such row, and
 * same_name tells whether it was of family/key. */
static bool find_by_words(const params_t *p, const char *family, size_t fn, const char *key,
			  size_t kn, int32_t k, size_t *at)
{
	const param_row_t *rows = p->rows;
	size_t lo = 0, hi = p->n;
	bool same_name = false;
	probe_t q = {{0}, {0}};
	probe_name(family, fn, q.w, q.m);
	probe_name(key, kn, q.w + FAST_FAMILY_WORDS, q.m + FAST_FAMILY_WORDS);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = name_cmp_words(&rows[mid], &q);
		if (c == 0) {
			int32_t rk = date_key(rows[mid].from);
			c = rk > k;
		}
		if (c <= 0) {
			lo = mid + 1;
			same_name = c == 0;
		} else {
			hi = mid;
		}
	}
	if (lo == 0 || !same_name)
		return false;
	*at = lo - 1;
	return true;
}

/* See params.h.  The rows must be sorted (params_sort).  family or key
 * NULL reads as "".  When two rows have the same family, key and date,
 * the one with the larger value wins (the last in sorted order).  A name
 * longer than its row array can hold is not found.  *out is left alone
 * on failure; e may be NULL (then nothing is formatted). */
int params_get(const params_t *p, const char *family, const char *key, date_t d, int64_t *out, err_t *e)
{
	size_t lo = 0, hi, fn, kn, at;
	int32_t k = date_key(d);
	int last = 2; /* row_cmp of rows[lo - 1] once lo > 0 */
	if (!family)
		family = "";
	if (!key)
		key = "";
	fn = strlen(family) + 1;
	kn = key[0] ? strlen(key) + 1 : 1; /* most keys are "" */
	if (!p || !p->rows || p->n == 0 || fn > PARAM_FAMILY_MAX + 1 || kn > PARAM_KEY_MAX + 1)
		return not_found(family, key, d, e);
	if (fn <= 8 * FAST_FAMILY_WORDS && kn <= 8 * FAST_KEY_WORDS) {
		if (!find_by_words(p, family, fn, key, kn, k, &at))
			return not_found(family, key, d, e);
		*out = p->rows[at].value;
		return PO_OK;
	}

	/* Longer names: the memcmp search.  lo = the number of rows <=
	 * (family, key, d), the upper bound; lo only moves past a row that
	 * compared <= 0, so rows[lo - 1] is the last such row and `last` its
	 * comparison: it is of family/key exactly when |last| <= 1. */
	hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = row_cmp(&p->rows[mid], family, fn, key, kn, k);
		if (c <= 0) {
			lo = mid + 1;
			last = c;
		} else {
			hi = mid;
		}
	}
	if (lo == 0 || last < -1)
		return not_found(family, key, d, e);
	*out = p->rows[lo - 1].value;
	return PO_OK;
}

/* Fills e for the value v of family/key on d, outside lo..hi: a broken
 * parameter table ("tham số … không hợp lệ").  Returns PO_EINVAL, so an
 * adapter answers 422 / exit 2 naming the parameter, never 500 (field:
 * the family; MSG_RULES_PARAM_RANGE, or MSG_RULES_PARAM_KEY_RANGE when
 * key is not ""). */
static int range_error(const char *family, const char *key, date_t d, int64_t v, int64_t lo,
		       int64_t hi, err_t *e)
{
	char iso[DATE_ISO_LEN + 1];
	date_format_iso(d, iso);
	if (key[0])
		return err_set(e, PO_EINVAL, family, MSG_RULES_PARAM_KEY_RANGE, family, key, iso,
			       (long long)v, (long long)lo, (long long)hi);
	return err_set(e, PO_EINVAL, family, MSG_RULES_PARAM_RANGE, family, iso,
		       (long long)v, (long long)lo, (long long)hi);
}

/* See params.h. */
int params_get_range(const params_t *p, const char *family, const char *key, date_t d,
		   int64_t lo, int64_t hi, int64_t *out, err_t *e)
{
	int rc = params_get(p, family, key, d, out, e);
	if (rc)
		return rc;
	if (*out < lo || *out > hi)
		return range_error(family, key, d, *out, lo, hi, e);
	return PO_OK;
}
