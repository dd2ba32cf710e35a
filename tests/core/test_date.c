/* test_date.c: civil dates, parsing, months, ages, today (core/date.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/date.h"

/* A date_t from its fields (not year_only). */
static date_t mk(int y, int m, int d)
{
	date_t r;
	r.y = (int16_t)y;
	r.m = (int8_t)m;
	r.d = (int8_t)d;
	r.year_only = false;
	return r;
}

/* Asserts that d is y-m-d with the given year_only flag. */
static void assert_date(date_t d, int y, int m, int d_, bool year_only)
{
	assert_int_equal(d.y, y);
	assert_int_equal(d.m, m);
	assert_int_equal(d.d, d_);
	assert_int_equal(d.year_only, year_only);
}

/* date_parse_input on a C string, field "dob". */
static int parse_in(const char *s, bool allow_year_only, date_t *out, err_t *e)
{
	return date_parse_input(s, strlen(s), allow_year_only, out, "dob", e);
}

/* Asserts that parsing s fails with message id, field "dob", and (when
 * not NULL) the exact English and Vietnamese texts. */
static void assert_rejected(const char *s, bool allow_year_only, enum msg_id id, const char *en,
			    const char *vi)
{
	date_t d = mk(1111, 11, 11);
	err_t e;
	err_clear(&e);
	assert_int_equal(parse_in(s, allow_year_only, &d, &e), PO_EINVAL);
	assert_int_equal(e.code, PO_EINVAL);
	assert_string_equal(msg_name(e.msg), msg_name(id));
	assert_string_equal(e.field, "dob");
	if (en)
		assert_string_equal(err_text(&e, LANG_EN), en);
	if (vi)
		assert_string_equal(err_text(&e, LANG_VI), vi);
	assert_date(d, 1111, 11, 11, false); /* untouched on failure */
}

static void leap_years_follow_the_gregorian_rule(void **state)
{
	(void)state;
	assert_false(date_is_leap(1900));
	assert_true(date_is_leap(2000));
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2023));
	assert_false(date_is_leap(2100));
	assert_true(date_is_leap(2400));
	assert_true(date_is_leap(1996));
}

static void days_in_month_knows_february_and_short_months(void **state)
{
	(void)state;
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2023, 2), 28);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2024, 4), 30);
	assert_int_equal(date_days_in_month(2024, 1), 31);
	assert_int_equal(date_days_in_month(2024, 12), 31);
	assert_int_equal(date_days_in_month(2024, 0), 0);
	assert_int_equal(date_days_in_month(2024, 13), 0);
}

static void date_valid_accepts_real_days_only(void **state)
{
	(void)state;
	assert_true(date_valid(2024, 2, 29));
	assert_false(date_valid(2023, 2, 29));
	assert_false(date_valid(1900, 2, 29));
	assert_true(date_valid(2000, 2, 29));
	assert_false(date_valid(2024, 4, 31));
	assert_true(date_valid(1, 1, 1));
	assert_true(date_valid(9999, 12, 31));
	assert_false(date_valid(0, 1, 1));
	assert_false(date_valid(10000, 1, 1));
	assert_false(date_valid(2024, 0, 1));
	assert_false(date_valid(2024, 1, 0));
}

static void parse_input_reads_day_month_year_with_and_without_zeros(void **state)
{
	date_t d;
	err_t e;
	(void)state;
	assert_int_equal(parse_in("15/08/1985", false, &d, &e), PO_OK);
	assert_date(d, 1985, 8, 15, false);
	assert_int_equal(parse_in("5/8/1985", false, &d, &e), PO_OK);
	assert_date(d, 1985, 8, 5, false);
	assert_int_equal(parse_in("05/8/1985", false, &d, &e), PO_OK);
	assert_date(d, 1985, 8, 5, false);
	assert_int_equal(parse_in("1/12/2000", false, &d, &e), PO_OK);
	assert_date(d, 2000, 12, 1, false);
	assert_int_equal(parse_in("29/02/2024", false, &d, &e), PO_OK);
	assert_date(d, 2024, 2, 29, false);
	assert_int_equal(parse_in("29/2/2000", false, &d, &e), PO_OK);
	assert_date(d, 2000, 2, 29, false);
}

static void parse_input_accepts_dashes_and_dots_as_day_month_separators(void **state)
{
	date_t d;
	err_t e;
	(void)state;
	assert_int_equal(parse_in("15-08-1985", false, &d, &e), PO_OK);
	assert_date(d, 1985, 8, 15, false);
	assert_int_equal(parse_in("15.8.1985", false, &d, &e), PO_OK);
	assert_date(d, 1985, 8, 15, false);
	assert_rejected("15/08-1985", false, MSG_DATE_FORMAT, NULL, NULL);
}

static void parse_input_reads_iso_dates(void **state)
{
	date_t d;
	err_t e;
	(void)state;
	assert_int_equal(parse_in("1985-08-15", false, &d, &e), PO_OK);
	assert_date(d, 1985, 8, 15, false);
	assert_int_equal(parse_in("2024-02-29", true, &d, &e), PO_OK);
	assert_date(d, 2024, 2, 29, false);
}

static void parse_input_rejects_29_february_of_a_common_year_naming_the_month(void **state)
{
	(void)state;
	assert_rejected("29/02/2023", false, MSG_DATE_DAY, "invalid date: February 2023 has 28 days",
			"Ngày không hợp lệ: tháng 2 năm 2023 chỉ có 28 ngày");
	assert_rejected("1900-02-29", false, MSG_DATE_DAY, "invalid date: February 1900 has 28 days",
			"Ngày không hợp lệ: tháng 2 năm 1900 chỉ có 28 ngày");
	assert_rejected("30/02/2024", false, MSG_DATE_DAY, "invalid date: February 2024 has 29 days",
			"Ngày không hợp lệ: tháng 2 năm 2024 chỉ có 29 ngày");
}

static void parse_input_rejects_31_april(void **state)
{
	(void)state;
	assert_rejected("31/04/2024", false, MSG_DATE_DAY, "invalid date: April 2024 has 30 days",
			"Ngày không hợp lệ: tháng 4 năm 2024 chỉ có 30 ngày");
	assert_rejected("32/01/2024", false, MSG_DATE_DAY, "invalid date: January 2024 has 31 days",
			NULL);
}

static void parse_input_rejects_month_13_and_day_0(void **state)
{
	(void)state;
	assert_rejected("15/13/1985", false, MSG_DATE_MONTH,
			"invalid date: there is no month 13 (months are 1 to 12)",
			"Ngày không hợp lệ: không có tháng 13 (tháng từ 1 đến 12)");
	assert_rejected("1985-00-10", false, MSG_DATE_MONTH, NULL, NULL);
	assert_rejected("00/08/1985", false, MSG_DATE_DAY_ZERO, "invalid date: there is no day 0", NULL);
	assert_rejected("00/00/0000", false, MSG_DATE_YEAR_RANGE,
			"invalid date: year 0 is outside 1-9999", NULL);
}

static void parse_input_takes_a_bare_year_only_when_allowed(void **state)
{
	date_t d;
	err_t e;
	(void)state;
	assert_int_equal(parse_in("1985", true, &d, &e), PO_OK);
	assert_date(d, 1985, 1, 1, true);
	assert_int_equal(parse_in(" 2000 ", true, &d, &e), PO_OK);
	assert_date(d, 2000, 1, 1, true);
	assert_rejected("1985", false, MSG_DATE_YEAR_ONLY,
			"only the year 1985 is given: a full date is needed (DD/MM/YYYY)",
			"Chỉ có năm 1985: cần ngày đầy đủ (DD/MM/YYYY)");
	assert_rejected("0000", true, MSG_DATE_YEAR_RANGE, NULL, NULL);
	assert_rejected("985", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("19850", true, MSG_DATE_FORMAT, NULL, NULL);
}

static void parse_input_rejects_garbage_with_the_input_quoted(void **state)
{
	date_t d;
	err_t e;
	(void)state;
	assert_rejected("abc", true, MSG_DATE_FORMAT,
			"date \"abc\" is not in a recognised format: expected DD/MM/YYYY (e.g. 15/08/1985) "
			"or YYYY-MM-DD",
			"Ngày \"abc\" không đúng định dạng: cần DD/MM/YYYY (ví dụ 15/08/1985) hoặc YYYY-MM-DD");
	assert_rejected("15/08", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("15/08/", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("15/08/1985/", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("1985/08/15", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("15//1985", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("2024-2-5", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("2024-02-05T00:00", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("15/08/1985 00:00:00", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("150/8/1985", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("15/080/1985", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("15/08/19850", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("-15/08/1985", true, MSG_DATE_FORMAT, NULL, NULL);
	assert_rejected("ngày 15", true, MSG_DATE_FORMAT, "date \"ngày 15\" is not in a recognised "
			"format: expected DD/MM/YYYY (e.g. 15/08/1985) or YYYY-MM-DD", NULL);
	assert_rejected("15/08/85", true, MSG_DATE_TWO_DIGIT_YEAR,
			"date \"15/08/85\": the year must have 4 digits",
			"Ngày \"15/08/85\": năm phải đủ 4 chữ số");
	assert_rejected("", true, MSG_DATE_EMPTY, "the date is missing", "Thiếu ngày");
	assert_rejected(" \t ", true, MSG_DATE_EMPTY, NULL, NULL);
	/* an embedded NUL is a byte like any other, shown as '?' */
	err_clear(&e);
	assert_int_equal(date_parse_input("15/08\0/1985", 11, true, &d, "dob", &e), PO_EINVAL);
	assert_string_equal(msg_name(e.msg), "MSG_DATE_FORMAT");
	assert_string_equal(err_text(&e, LANG_EN), "date \"15/08?/1985\" is not in a recognised "
			    "format: expected DD/MM/YYYY (e.g. 15/08/1985) or YYYY-MM-DD");
}

static void parse_input_ignores_surrounding_spaces(void **state)
{
	date_t d;
	err_t e;
	(void)state;
	assert_int_equal(parse_in("  15/08/1985\t", false, &d, &e), PO_OK);
	assert_date(d, 1985, 8, 15, false);
	assert_int_equal(parse_in("\r\n1985-08-15 ", false, &d, &e), PO_OK);
	assert_date(d, 1985, 8, 15, false);
	assert_int_equal(parse_in("\xC2\xA0" "15/08/1985" "\xC2\xA0", false, &d, &e), PO_OK);
	assert_date(d, 1985, 8, 15, false);
	assert_rejected("15 /08/1985", false, MSG_DATE_FORMAT, NULL, NULL);
}

static void parse_input_reads_only_n_bytes(void **state)
{
	static const char buf[] = "15/08/19851234";
	static const char iso[] = "1985-08-15xyz";
	date_t d;
	err_t e;
	(void)state;
	assert_int_equal(date_parse_input(buf, 10, false, &d, "dob", &e), PO_OK);
	assert_date(d, 1985, 8, 15, false);
	assert_int_equal(date_parse_input(iso, 10, false, &d, "dob", &e), PO_OK);
	assert_date(d, 1985, 8, 15, false);
	assert_int_equal(date_parse_iso(iso, 10, &d, "date", &e), PO_OK);
	assert_date(d, 1985, 8, 15, false);
}

static void parse_iso_wants_exactly_yyyy_mm_dd(void **state)
{
	date_t d;
	err_t e;
	(void)state;
	assert_int_equal(date_parse_iso("2024-02-29", 10, &d, "date", &e), PO_OK);
	assert_date(d, 2024, 2, 29, false);
	err_clear(&e);
	assert_int_equal(date_parse_iso("15/08/1985", 10, &d, "date", &e), PO_EINVAL);
	assert_string_equal(msg_name(e.msg), "MSG_DATE_ISO_FORMAT");
	assert_string_equal(e.field, "date");
	assert_string_equal(err_text(&e, LANG_EN),
			    "date \"15/08/1985\" must be written YYYY-MM-DD (e.g. 1985-08-15)");
	assert_string_equal(err_text(&e, LANG_VI),
			    "Ngày \"15/08/1985\" phải viết dạng YYYY-MM-DD (ví dụ 1985-08-15)");
	assert_int_equal(date_parse_iso(" 2024-02-29", 11, &d, "date", &e), PO_EINVAL);
	assert_int_equal(date_parse_iso("2024-02-2", 9, &d, "date", &e), PO_EINVAL);
	assert_int_equal(date_parse_iso("1985", 4, &d, "date", &e), PO_EINVAL);
	assert_int_equal(date_parse_iso("", 0, &d, "date", &e), PO_EINVAL);
	assert_int_equal(date_parse_iso("2023-02-29", 10, &d, "date", &e), PO_EINVAL);
	assert_string_equal(msg_name(e.msg), "MSG_DATE_DAY");
	assert_int_equal(date_parse_iso("0000-01-01", 10, &d, "date", &e), PO_EINVAL);
	assert_string_equal(msg_name(e.msg), "MSG_DATE_YEAR_RANGE");
	assert_int_equal(date_parse_iso("2024-13-01", 10, &d, "date", &e), PO_EINVAL);
	assert_string_equal(msg_name(e.msg), "MSG_DATE_MONTH");
	/* a NULL e is allowed: the status alone */
	assert_int_equal(date_parse_iso("nope", 4, &d, "date", NULL), PO_EINVAL);
}

static void add_months_clamps_the_day_to_the_end_of_a_shorter_month(void **state)
{
	(void)state;
	assert_date(date_add_months(mk(2024, 1, 31), 1), 2024, 2, 29, false);
	assert_date(date_add_months(mk(2023, 1, 31), 1), 2023, 2, 28, false);
	assert_date(date_add_months(mk(2024, 3, 31), -1), 2024, 2, 29, false);
	assert_date(date_add_months(mk(2024, 5, 31), 1), 2024, 6, 30, false);
	assert_date(date_add_months(mk(2024, 2, 29), 12), 2025, 2, 28, false);
	assert_date(date_add_months(mk(2023, 12, 31), 2), 2024, 2, 29, false);
	assert_date(date_add_months(mk(2024, 1, 31), 0), 2024, 1, 31, false);
}

static void add_months_crosses_years_both_ways(void **state)
{
	(void)state;
	assert_date(date_add_months(mk(2024, 1, 15), -1), 2023, 12, 15, false);
	assert_date(date_add_months(mk(2024, 1, 15), 12), 2025, 1, 15, false);
	assert_date(date_add_months(mk(2024, 1, 15), -12), 2023, 1, 15, false);
	assert_date(date_add_months(mk(2024, 1, 15), 13), 2025, 2, 15, false);
	assert_date(date_add_months(mk(2024, 1, 15), -13), 2022, 12, 15, false);
	assert_date(date_add_months(mk(2024, 12, 15), 1), 2025, 1, 15, false);
	assert_date(date_add_months(mk(2024, 3, 31), -13), 2023, 2, 28, false);
	assert_date(date_add_months(mk(2024, 6, 1), 120), 2034, 6, 1, false);
}

static void add_months_clamps_at_the_ends_of_the_calendar(void **state)
{
	(void)state;
	assert_date(date_add_months(mk(9999, 12, 31), 1), 9999, 12, 31, false);
	assert_date(date_add_months(mk(1, 1, 15), -1), 1, 1, 15, false);
	assert_date(date_add_months(mk(2024, 1, 31), INT32_MAX), 9999, 12, 31, false);
	assert_date(date_add_months(mk(2024, 1, 31), INT32_MIN), 1, 1, 31, false);
}

static void day_numbers_have_known_values(void **state)
{
	(void)state;
	assert_int_equal(date_to_days(mk(1970, 1, 1)), 0);
	assert_int_equal(date_to_days(mk(2000, 3, 1)), 11017);
	assert_int_equal(date_to_days(mk(1969, 12, 31)), -1);
	assert_int_equal(date_to_days(mk(2000, 1, 1)), 10957);
	assert_int_equal(date_to_days(mk(1900, 1, 1)), -25567);
	assert_int_equal(date_to_days(mk(2024, 2, 29)), 19782);
	assert_int_equal(date_to_days(mk(1, 1, 1)), -719162);
	assert_int_equal(date_to_days(mk(9999, 12, 31)), 2932896);
	assert_date(date_from_days(0), 1970, 1, 1, false);
	assert_date(date_from_days(11017), 2000, 3, 1, false);
	assert_date(date_from_days(11016), 2000, 2, 29, false);
	assert_date(date_from_days(-25567), 1900, 1, 1, false);
}

static void day_numbers_round_trip_every_day_from_1900_to_2100(void **state)
{
	/* walks the calendar by hand and checks both conversions each day */
	int y = 1900, m = 1, d = 1;
	int32_t n = date_to_days(mk(1900, 1, 1));
	(void)state;
	while (y <= 2100) {
		date_t back = date_from_days(n);
		assert_int_equal(date_to_days(mk(y, m, d)), n);
		assert_date(back, y, m, d, false);
		assert_true(date_valid(back.y, back.m, back.d));
		if (++d > date_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
		n++;
	}
	assert_int_equal(n, date_to_days(mk(2101, 1, 1)));
	assert_int_equal(n - date_to_days(mk(1900, 1, 1)), 201 * 365 + 49);
}

static void from_days_clamps_to_years_1_to_9999(void **state)
{
	(void)state;
	assert_date(date_from_days(INT32_MIN), 1, 1, 1, false);
	assert_date(date_from_days(INT32_MAX), 9999, 12, 31, false);
	assert_date(date_from_days(-719163), 1, 1, 1, false);
}

static void add_days_steps_over_month_and_year_ends(void **state)
{
	(void)state;
	assert_date(date_add_days(mk(2024, 2, 28), 1), 2024, 2, 29, false);
	assert_date(date_add_days(mk(2024, 2, 28), 2), 2024, 3, 1, false);
	assert_date(date_add_days(mk(2023, 2, 28), 1), 2023, 3, 1, false);
	assert_date(date_add_days(mk(2023, 12, 31), 1), 2024, 1, 1, false);
	assert_date(date_add_days(mk(2000, 3, 1), -1), 2000, 2, 29, false);
	assert_date(date_add_days(mk(2024, 1, 1), 366), 2025, 1, 1, false);
	assert_date(date_add_days(mk(9999, 12, 31), INT32_MAX), 9999, 12, 31, false);
}

static void compare_orders_by_year_month_day(void **state)
{
	date_t yo = mk(1985, 1, 1);
	(void)state;
	yo.year_only = true;
	assert_true(date_cmp(mk(2024, 2, 29), mk(2024, 3, 1)) < 0);
	assert_true(date_cmp(mk(2024, 3, 1), mk(2024, 2, 29)) > 0);
	assert_true(date_cmp(mk(2023, 12, 31), mk(2024, 1, 1)) < 0);
	assert_int_equal(date_cmp(mk(2024, 5, 5), mk(2024, 5, 5)), 0);
	assert_int_equal(date_cmp(yo, mk(1985, 1, 1)), 0);
	assert_true(date_cmp(yo, mk(1985, 1, 2)) < 0);
}

static void age_is_reached_on_the_birthday(void **state)
{
	(void)state;
	assert_int_equal(date_age_years(mk(1985, 8, 15), mk(2025, 8, 14)), 39);
	assert_int_equal(date_age_years(mk(1985, 8, 15), mk(2025, 8, 15)), 40);
	assert_int_equal(date_age_years(mk(1985, 8, 15), mk(2025, 12, 31)), 40);
	assert_int_equal(date_age_years(mk(1985, 8, 15), mk(1985, 8, 15)), 0);
	assert_int_equal(date_age_years(mk(1985, 8, 15), mk(1985, 8, 14)), -1);
}

static void age_of_someone_born_on_29_february(void **state)
{
	date_t leapling = mk(2000, 2, 29);
	(void)state;
	assert_int_equal(date_age_years(leapling, mk(2001, 2, 28)), 0);
	assert_int_equal(date_age_years(leapling, mk(2001, 3, 1)), 1);
	assert_int_equal(date_age_years(leapling, mk(2004, 2, 28)), 3);
	assert_int_equal(date_age_years(leapling, mk(2004, 2, 29)), 4);
	assert_int_equal(date_age_years(leapling, mk(2018, 2, 28)), 17);
	assert_int_equal(date_age_years(leapling, mk(2018, 3, 1)), 18);
}

static void age_from_a_year_only_birth_counts_from_1_january(void **state)
{
	date_t d;
	err_t e;
	(void)state;
	assert_int_equal(parse_in("1965", true, &d, &e), PO_OK);
	assert_int_equal(date_age_years(d, mk(2025, 1, 1)), 60);
	assert_int_equal(date_age_years(d, mk(2024, 12, 31)), 59);
}

static void format_iso_writes_ten_characters_and_a_nul(void **state)
{
	char out[DATE_ISO_LEN + 2];
	date_t yo = mk(1985, 1, 1);
	(void)state;
	memset(out, 'x', sizeof out);
	date_format_iso(mk(1985, 8, 15), out);
	assert_string_equal(out, "1985-08-15");
	assert_int_equal(out[DATE_ISO_LEN + 1], 'x');
	date_format_iso(mk(1, 1, 1), out);
	assert_string_equal(out, "0001-01-01");
	date_format_iso(mk(9999, 12, 31), out);
	assert_string_equal(out, "9999-12-31");
	yo.year_only = true;
	date_format_iso(yo, out);
	assert_string_equal(out, "1985-01-01");
}

static void format_vn_writes_day_month_year_and_parses_back(void **state)
{
	char out[DATE_ISO_LEN + 2];
	date_t yo = mk(1985, 1, 1), back;
	err_t e;
	(void)state;
	memset(out, 'x', sizeof out);
	date_format_vn(mk(1985, 8, 5), out);
	assert_string_equal(out, "05/08/1985");
	assert_int_equal(out[DATE_ISO_LEN + 1], 'x');
	date_format_vn(mk(2026, 12, 31), out);
	assert_string_equal(out, "31/12/2026");
	assert_int_equal(date_parse_input(out, strlen(out), false, &back, "date", &e), PO_OK);
	assert_int_equal(date_cmp(back, mk(2026, 12, 31)), 0);
	yo.year_only = true;
	date_format_vn(yo, out);
	assert_string_equal(out, "1985");
}

static void formatted_dates_parse_back_to_the_same_day(void **state)
{
	char out[DATE_ISO_LEN + 1];
	int32_t n;
	(void)state;
	for (n = -719162; n <= 2932896; n += 97) {
		date_t d = date_from_days(n), back;
		err_t e;
		date_format_iso(d, out);
		assert_int_equal(date_parse_iso(out, DATE_ISO_LEN, &back, "date", &e), PO_OK);
		assert_int_equal(date_cmp(d, back), 0);
	}
}

static void today_comes_from_plusone_today_when_it_is_valid(void **state)
{
	date_t t;
	(void)state;
	assert_int_equal(setenv("PLUSONE_TODAY", "2024-02-29", 1), 0);
	t = date_today();
	assert_date(t, 2024, 2, 29, false);
	assert_int_equal(setenv("PLUSONE_TODAY", "2026-07-01", 1), 0);
	assert_date(date_today(), 2026, 7, 1, false);
	unsetenv("PLUSONE_TODAY");
}

/* Today in Vietnam computed here independently: whole days of
 * (now + 7 h) since the epoch. */
static int32_t vn_day_number(void)
{
	int64_t t = (int64_t)time(NULL) + 7 * 3600;
	return (int32_t)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

static void today_is_the_vietnam_date_otherwise(void **state)
{
	static const char *const bad[] = {"2024-02-30", "29/02/2024", "", "tomorrow", "2024-02-29 "};
	size_t i;
	(void)state;
	unsetenv("PLUSONE_TODAY");
	for (i = 0; i <= sizeof bad / sizeof bad[0]; i++) {
		int32_t before, after, got;
		if (i < sizeof bad / sizeof bad[0])
			assert_int_equal(setenv("PLUSONE_TODAY", bad[i], 1), 0);
		else
			unsetenv("PLUSONE_TODAY");
		before = vn_day_number();
		got = date_to_days(date_today());
		after = vn_day_number();
		assert_true(got == before || got == after);
		assert_false(date_today().year_only);
	}
	unsetenv("PLUSONE_TODAY");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(leap_years_follow_the_gregorian_rule),
		cmocka_unit_test(days_in_month_knows_february_and_short_months),
		cmocka_unit_test(date_valid_accepts_real_days_only),
		cmocka_unit_test(parse_input_reads_day_month_year_with_and_without_zeros),
		cmocka_unit_test(parse_input_accepts_dashes_and_dots_as_day_month_separators),
		cmocka_unit_test(parse_input_reads_iso_dates),
		cmocka_unit_test(parse_input_rejects_29_february_of_a_common_year_naming_the_month),
		cmocka_unit_test(parse_input_rejects_31_april),
		cmocka_unit_test(parse_input_rejects_month_13_and_day_0),
		cmocka_unit_test(parse_input_takes_a_bare_year_only_when_allowed),
		cmocka_unit_test(parse_input_rejects_garbage_with_the_input_quoted),
		cmocka_unit_test(parse_input_ignores_surrounding_spaces),
		cmocka_unit_test(parse_input_reads_only_n_bytes),
		cmocka_unit_test(parse_iso_wants_exactly_yyyy_mm_dd),
		cmocka_unit_test(add_months_clamps_the_day_to_the_end_of_a_shorter_month),
		cmocka_unit_test(add_months_crosses_years_both_ways),
		cmocka_unit_test(add_months_clamps_at_the_ends_of_the_calendar),
		cmocka_unit_test(day_numbers_have_known_values),
		cmocka_unit_test(day_numbers_round_trip_every_day_from_1900_to_2100),
		cmocka_unit_test(from_days_clamps_to_years_1_to_9999),
		cmocka_unit_test(add_days_steps_over_month_and_year_ends),
		cmocka_unit_test(compare_orders_by_year_month_day),
		cmocka_unit_test(age_is_reached_on_the_birthday),
		cmocka_unit_test(age_of_someone_born_on_29_february),
		cmocka_unit_test(age_from_a_year_only_birth_counts_from_1_january),
		cmocka_unit_test(format_iso_writes_ten_characters_and_a_nul),
		cmocka_unit_test(format_vn_writes_day_month_year_and_parses_back),
		cmocka_unit_test(formatted_dates_parse_back_to_the_same_day),
		cmocka_unit_test(today_comes_from_plusone_today_when_it_is_valid),
		cmocka_unit_test(today_is_the_vietnam_date_otherwise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
