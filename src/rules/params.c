/* params.c: dated legal parameters (see params.h).
 *
 * The rows are kept sorted by (family, key, from); a lookup is one binary
 * search for the last row not after (family, key, d), then a check that
 * this row is of the family and key asked for.  No I/O, no allocation.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/params.h"

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
 * the query's NUL) and is cheaper; fn <= sizeof r->family and kn <=
 * sizeof r->key, so it never reads past the row's arrays.  All three
 * comparisons are made and combined without branches: in a binary
 * search a mispredicted branch costs more than a comparison. */
static int row_cmp(const param_row_t *r, const char *family, size_t fn, const char *key,
		   size_t kn, int32_t k)
{
	int cf = memcmp(r->family, family, fn);
	int ck = memcmp(r->key, key, kn);
	int32_t rk = date_key(r->from);
	int cd = (rk > k) - (rk < k);
	int cn = ck ? 2 * ((ck > 0) - (ck < 0)) : cd;
	return cf ? 2 * ((cf > 0) - (cf < 0)) : cn;
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
	date_format_iso(d, iso);
	if (key[0])
		return err_set(e, PO_ENOTFOUND, family, MSG_RULES_PARAM_KEY_MISSING, family, key, iso);
	return err_set(e, PO_ENOTFOUND, family, MSG_RULES_PARAM_MISSING, family, iso);
}

/* See params.h.  The rows must be sorted (params_sort).  key NULL reads
 * as "" (no key).  When two rows have the same family, key and date, the
 * one with the larger value wins (the last in sorted order).  *out is
 * left alone on failure. */
int params_get(const params_t *p, const char *family, const char *key, date_t d, int64_t *out, err_t *e)
{
	int32_t k = date_key(d);
	int last;
	size_t fn, kn;
	if (!family)
		family = "";
	if (!key)
		key = "";
	fn = strlen(family) + 1;
	kn = strlen(key) + 1;
	if (!p || !p->rows || p->n == 0 || fn > PARAM_FAMILY_MAX + 1 || kn > PARAM_KEY_MAX + 1)
		return not_found(family, key, d, e);
	/* Branch-free binary search: rows[base] is the last row <= (family,
	 * key, d) when there is one, and the loop runs log2(n) times
	 * whatever the data, so its branch predicts well. */
	{
		const param_row_t *rows = p->rows;
		size_t base = 0, n = p->n;
		while (n > 1) {
			size_t half = n / 2;
			int c = row_cmp(&rows[base + half], family, fn, key, kn, k);
			base = c <= 0 ? base + half : base;
			n -= half;
		}
		last = row_cmp(&rows[base], family, fn, key, kn, k);
		if (last < -1 || last > 0)
			return not_found(family, key, d, e);
		*out = rows[base].value;
	}
	return PO_OK;
}
