/* test_page_common.c: the text helpers every page shares (pages.h):
 * ids read from forms and queries, and stored UTC times shown in
 * Vietnam's time, dates the Vietnamese way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "web/pages.h"

/* page_id: digits only, positive, in range; 0 for everything else. */
static void ids_from_text(void **state)
{
	(void)state;
	assert_int_equal(page_id("1"), 1);
	assert_int_equal(page_id("9223372036854775807"), INT64_MAX);
	assert_int_equal(page_id("9223372036854775808"), 0); /* too big */
	assert_int_equal(page_id("0"), 0);
	assert_int_equal(page_id("-3"), 0);
	assert_int_equal(page_id("12a"), 0);
	assert_int_equal(page_id(""), 0);
	assert_int_equal(page_id(NULL), 0);
}

/* page_local_time: UTC + 7 hours, across midnight and the year's end;
 * other text as it is, cut to the room given. */
static void times_in_vietnam(void **state)
{
	char out[PAGE_TIME_TEXT], small[6];
	(void)state;
	page_local_time("2026-12-08T09:15:42Z", out, sizeof out);
	assert_string_equal(out, "08/12/2026 16:15");
	page_local_time("2026-12-31T17:05:00.123Z", out, sizeof out);
	assert_string_equal(out, "01/01/2027 00:05");
	page_local_time("2028-02-28T20:59:59Z", out, sizeof out);
	assert_string_equal(out, "29/02/2028 03:59");
	page_local_time("2026-02-30T10:00:00Z", out, sizeof out); /* no such day */
	assert_string_equal(out, "2026-02-30T10:00:00Z");
	page_local_time("hôm qua", out, sizeof out);
	assert_string_equal(out, "hôm qua");
	page_local_time("hôm qua", small, sizeof small); /* "hôm " fits, "q" does not */
	assert_string_equal(small, "hôm ");
	page_local_time(NULL, out, sizeof out);
	assert_string_equal(out, "");
}

/* page_date: DD/MM/YYYY, the year alone for a year-only date, nothing
 * for an unknown one. */
static void dates_the_vietnamese_way(void **state)
{
	json_t *o = json_object();
	date_t y = date_make(1990, 1, 1), none;
	(void)state;
	y.year_only = true;
	memset(&none, 0, sizeof none);
	page_date(o, "d", date_make(2027, 1, 15));
	page_date(o, "y", y);
	page_date(o, "none", none);
	assert_string_equal(json_string_value(json_object_get(o, "d")), "15/01/2027");
	assert_string_equal(json_string_value(json_object_get(o, "y")), "1990");
	assert_null(json_object_get(o, "none"));
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids_from_text),
		cmocka_unit_test(times_in_vietnam),
		cmocka_unit_test(dates_the_vietnamese_way),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
