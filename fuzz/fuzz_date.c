/* fuzz_date.c: fuzz target for the date parsers and arithmetic
 * (core/date.h).
 *
 * The input is copied into a buffer of exactly its size (so AddressSanitizer
 * sees any read past n) and given to date_parse_input (with and without
 * year-only dates) and date_parse_iso.  Checks: a success gives a valid
 * date that formats to YYYY-MM-DD and parses back to the same day (and
 * date_parse_iso accepts exactly the bytes date_format_iso writes, and
 * date_parse_input reads back what date_format_vn writes, DD/MM/YYYY); a
 * failure gives PO_EINVAL with the field, a message id and both texts;
 * day numbers round-trip; adding days and months always gives a valid
 * date and adding days moves the day number by exactly that much.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the process with a message when cond is false (assert() may be
 * compiled out in fuzz builds; this is not). */
#define CHECK(cond)                                                                       \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "fuzz_date: %s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                                         \
			abort();                                                          \
		}                                                                         \
	} while (0)

/* Checks a filled error: PO_EINVAL, field "f", a message id, both texts
 * non-empty and NUL-terminated inside their arrays. */
static void check_err(const err_t *e)
{
	CHECK(e->code == PO_EINVAL);
	CHECK(e->msg != MSG_NONE && e->msg < MSG__COUNT);
	CHECK(strcmp(e->field, "f") == 0);
	CHECK(memchr(e->vi, '\0', sizeof e->vi) != NULL && e->vi[0] != '\0');
	CHECK(memchr(e->en, '\0', sizeof e->en) != NULL && e->en[0] != '\0');
}

/* Checks the invariants of a date a parser accepted; k varies the
 * arithmetic by input. */
static void check_date(date_t d, int32_t k)
{
	char iso[DATE_ISO_LEN + 1];
	date_t back, moved;
	err_t e;
	int32_t n, step = k % 100000;
	CHECK(date_valid(d.y, d.m, d.d));
	CHECK(!d.year_only || (d.m == 1 && d.d == 1));
	date_format_iso(d, iso);
	CHECK(strlen(iso) == DATE_ISO_LEN);
	CHECK(date_parse_iso(iso, DATE_ISO_LEN, &back, "f", &e) == PO_OK);
	CHECK(date_cmp(back, d) == 0 && !back.year_only);
	CHECK(date_parse_input(iso, DATE_ISO_LEN, false, &back, "f", &e) == PO_OK);
	CHECK(date_cmp(back, d) == 0);
	date_format_vn(d, iso);
	CHECK(strlen(iso) == (d.year_only ? 4u : (size_t)DATE_ISO_LEN));
	CHECK(date_parse_input(iso, strlen(iso), d.year_only, &back, "f", &e) == PO_OK);
	CHECK(date_cmp(back, d) == 0 && back.year_only == d.year_only);
	n = date_to_days(d);
	back = date_from_days(n);
	CHECK(date_cmp(back, d) == 0);
	moved = date_add_days(d, step);
	CHECK(date_valid(moved.y, moved.m, moved.d));
	if (date_valid(moved.y, moved.m, moved.d) && moved.y > 1 && moved.y < 9999)
		CHECK(date_to_days(moved) - n == step);
	moved = date_add_months(d, (int)(k % 2400));
	CHECK(date_valid(moved.y, moved.m, moved.d));
	CHECK(moved.d <= d.d || d.year_only);
	CHECK(date_age_years(d, d) == 0);
	CHECK(date_cmp(d, d) == 0);
	if (n < 2932896) {
		moved = date_add_days(d, 1);
		CHECK(date_cmp(d, moved) < 0 && date_cmp(moved, d) > 0);
	}
}

/* See the comment at the top of the file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	int32_t k = 0;
	date_t d;
	err_t e;
	int allow, rc_iso;
	size_t i;
	if (!s)
		return 0;
	if (size)
		memcpy(s, data, size);
	for (i = 0; i < size && i < 4; i++)
		k = (int32_t)((uint32_t)k << 8 | data[i]);

	for (allow = 0; allow <= 1; allow++) {
		err_clear(&e);
		if (date_parse_input(s, size, allow, &d, "f", &e) == PO_OK) {
			CHECK(e.code == PO_OK);
			CHECK(allow || !d.year_only);
			check_date(d, k);
		} else {
			check_err(&e);
		}
	}

	err_clear(&e);
	rc_iso = date_parse_iso(s, size, &d, "f", &e);
	if (rc_iso == PO_OK) {
		char iso[DATE_ISO_LEN + 1];
		date_t again;
		CHECK(size == DATE_ISO_LEN && !d.year_only);
		date_format_iso(d, iso);
		CHECK(memcmp(iso, s, DATE_ISO_LEN) == 0);
		CHECK(date_parse_input(s, size, false, &again, "f", &e) == PO_OK);
		CHECK(date_cmp(again, d) == 0);
		check_date(d, k);
	} else {
		check_err(&e);
	}

	/* arithmetic on arbitrary numbers stays inside the calendar */
	d = date_from_days(k);
	CHECK(date_valid(d.y, d.m, d.d));
	d = date_add_months(d, k);
	CHECK(date_valid(d.y, d.m, d.d));
	d = date_add_days(d, k);
	CHECK(date_valid(d.y, d.m, d.d));
	if (size >= 4) {
		date_t raw;
		char out[DATE_ISO_LEN + 1];
		raw.y = (int16_t)(data[0] | data[1] << 8);
		raw.m = (int8_t)data[2];
		raw.d = (int8_t)data[3];
		raw.year_only = data[0] & 1;
		date_format_iso(raw, out); /* any fields: still 10 characters */
		CHECK(strlen(out) == DATE_ISO_LEN);
		(void)date_cmp(raw, d);
		(void)date_age_years(raw, d);
		(void)date_to_days(raw);
	}
	free(s);
	return 0;
}
