/* fuzz_ids.c: fuzz target for the identifier parsers (core/ids.h) and
 * the amount parser (core/money.h), which read the same kind of typed
 * numbers.
 *
 * The input is copied into a buffer of exactly its size (so AddressSanitizer
 * sees any read past n) and given to every parser.  Checks: a success
 * writes NUL-terminated digits of the right length with the documented
 * shape (province prefix and century digit of a CCCD, 0 + mobile prefix
 * of a phone, upper-case letters and level 1-5 of a card), and parsing
 * the output again gives the same output; a CCCD agrees with the person
 * it describes and disagrees, with the right message, with a person of
 * another year or sex; a failure gives PO_EINVAL with the field, a
 * message id and both texts; an accepted amount is within MONEY_MAX and
 * formats to text that parses back to it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ids.h"
#include "core/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the process with a message when cond is false (assert() may be
 * compiled out in fuzz builds; this is not). */
#define CHECK(cond)                                                                      \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "fuzz_ids: %s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                                        \
			abort();                                                         \
		}                                                                        \
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

/* True when s holds exactly n ASCII digits and then a NUL. */
static bool digits_nul(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[n] == '\0';
}

/* A date_t for 1 July of year y. */
static date_t mid_year(int y)
{
	date_t d;
	d.y = (int16_t)y;
	d.m = 7;
	d.d = 1;
	d.year_only = false;
	return d;
}

/* Checks an accepted CCCD number and its agreement with people. */
static void check_cccd(const char *out)
{
	char again[CCCD_LEN + 1];
	int d4, year;
	char sex;
	err_t e;
	CHECK(digits_nul(out, CCCD_LEN));
	CHECK(out[0] == '0' && ids_province_name(out + 1) != NULL);
	CHECK(out[3] <= '5');
	CHECK(ids_cccd_parse(out, CCCD_LEN, again, "f", &e) == PO_OK);
	CHECK(memcmp(again, out, CCCD_LEN + 1) == 0);
	d4 = out[3] - '0';
	year = 1900 + d4 / 2 * 100 + (out[4] - '0') * 10 + (out[5] - '0');
	sex = d4 % 2 ? 'F' : 'M';
	CHECK(ids_cccd_check_person(out, mid_year(year), sex, "f", &e) == PO_OK);
	err_clear(&e);
	CHECK(ids_cccd_check_person(out, mid_year(year + 1), sex, "f", &e) == PO_EINVAL);
	check_err(&e);
	CHECK(e.msg == MSG_CCCD_YEAR);
	err_clear(&e);
	CHECK(ids_cccd_check_person(out, mid_year(year), sex == 'F' ? 'M' : 'F', "f", &e) ==
	      PO_EINVAL);
	check_err(&e);
	CHECK(e.msg == (sex == 'F' ? MSG_CCCD_SEX_FEMALE : MSG_CCCD_SEX_MALE));
}

/* Checks an accepted amount. */
static void check_amount(money_t v)
{
	char text[MONEY_FMT_MAX];
	money_t back = -1;
	err_t e;
	CHECK(v >= 0 && v <= MONEY_MAX);
	money_format(v, 1, text);
	CHECK(money_parse(text, strlen(text), &back, "f", &e) == PO_OK && back == v);
	money_format(v, 0, text);
	CHECK(money_parse(text, strlen(text), &back, "f", &e) == PO_OK && back == v);
}

/* See the comment at the top of the file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	char out[16], again[16], kind[3];
	int level;
	money_t v;
	err_t e;
	if (!s)
		return 0;
	if (size)
		memcpy(s, data, size);

	err_clear(&e);
	if (ids_cccd_parse(s, size, out, "f", &e) == PO_OK)
		check_cccd(out);
	else
		check_err(&e);

	err_clear(&e);
	if (ids_bhxh_parse(s, size, out, "f", &e) == PO_OK) {
		CHECK(digits_nul(out, BHXH_LEN));
		CHECK(ids_bhxh_parse(out, BHXH_LEN, again, "f", &e) == PO_OK);
		CHECK(strcmp(again, out) == 0);
		CHECK(ids_bhyt_card_parse(out, BHXH_LEN, again, kind, &level, "f", &e) == PO_OK);
		CHECK(strcmp(again, out) == 0 && kind[0] == '\0' && level == 0);
	} else {
		check_err(&e);
	}

	err_clear(&e);
	if (ids_bhyt_card_parse(s, size, out, kind, &level, "f", &e) == PO_OK) {
		CHECK(digits_nul(out, BHXH_LEN));
		CHECK(ids_bhxh_parse(out, BHXH_LEN, again, "f", &e) == PO_OK);
		if (level == 0) {
			CHECK(kind[0] == '\0');
		} else {
			CHECK(level >= 1 && level <= 5);
			CHECK(kind[0] >= 'A' && kind[0] <= 'Z' && kind[1] >= 'A' && kind[1] <= 'Z');
			CHECK(kind[2] == '\0');
		}
	} else {
		check_err(&e);
	}

	err_clear(&e);
	if (ids_phone_parse(s, size, out, "f", &e) == PO_OK) {
		char intl[16];
		CHECK(digits_nul(out, PHONE_LEN));
		CHECK(out[0] == '0' && strchr("35789", out[1]) != NULL);
		CHECK(ids_phone_parse(out, PHONE_LEN, again, "f", &e) == PO_OK);
		CHECK(strcmp(again, out) == 0);
		memcpy(intl, "+84 ", 4);
		memcpy(intl + 4, out + 1, PHONE_LEN);
		CHECK(ids_phone_parse(intl, 4 + PHONE_LEN - 1, again, "f", &e) == PO_OK);
		CHECK(strcmp(again, out) == 0);
	} else {
		check_err(&e);
	}

	err_clear(&e);
	if (money_parse(s, size, &v, "f", &e) == PO_OK)
		check_amount(v);
	else
		check_err(&e);

	if (size >= 2) {
		const char *name = ids_province_name(s);
		CHECK(name == NULL || name[0] != '\0');
	}
	if (size >= 14) {
		/* check_person on raw bytes: never a crash, always a verdict */
		char cccd[CCCD_LEN + 1];
		date_t dob;
		int rc;
		memcpy(cccd, s, CCCD_LEN);
		cccd[CCCD_LEN] = '\0';
		dob = mid_year(1900 + (unsigned char)s[12] % 300);
		err_clear(&e);
		rc = ids_cccd_check_person(cccd, dob, s[13], "f", &e);
		if (rc != PO_OK)
			check_err(&e);
	}
	free(s);
	return 0;
}
