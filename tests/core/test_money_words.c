/* test_money_words.c: amounts of dong in Vietnamese words
 * (core/money_words.h): known readings, then every amount read back by
 * an independent reader of the words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/money_words.h"

/* Asserts that v reads exactly as `words`. */
static void assert_words(money_t v, const char *words)
{
	char out[MONEY_WORDS_MAX];
	money_words_vi(v, out);
	assert_string_equal(out, words);
}

static void small_amounts_read_as_accountants_write_them(void **state)
{
	(void)state;
	assert_words(0, "Không đồng");
	assert_words(1, "Một đồng");
	assert_words(4, "Bốn đồng");
	assert_words(5, "Năm đồng");
	assert_words(10, "Mười đồng");
	assert_words(11, "Mười một đồng");
	assert_words(14, "Mười bốn đồng");
	assert_words(15, "Mười lăm đồng");
	assert_words(20, "Hai mươi đồng");
	assert_words(21, "Hai mươi mốt đồng");
	assert_words(24, "Hai mươi bốn đồng");
	assert_words(25, "Hai mươi lăm đồng");
	assert_words(55, "Năm mươi lăm đồng");
	assert_words(91, "Chín mươi mốt đồng");
	assert_words(100, "Một trăm đồng");
	assert_words(101, "Một trăm lẻ một đồng");
	assert_words(105, "Một trăm lẻ năm đồng");
	assert_words(110, "Một trăm mười đồng");
	assert_words(111, "Một trăm mười một đồng");
	assert_words(115, "Một trăm mười lăm đồng");
	assert_words(999, "Chín trăm chín mươi chín đồng");
}

static void thousands_and_millions_leave_zero_groups_out(void **state)
{
	(void)state;
	assert_words(1000, "Một nghìn đồng");
	assert_words(1001, "Một nghìn không trăm lẻ một đồng");
	assert_words(1010, "Một nghìn không trăm mười đồng");
	assert_words(1021, "Một nghìn không trăm hai mươi mốt đồng");
	assert_words(15000, "Mười lăm nghìn đồng");
	assert_words(21500, "Hai mươi mốt nghìn năm trăm đồng");
	assert_words(105000, "Một trăm lẻ năm nghìn đồng");
	assert_words(1000000, "Một triệu đồng");
	assert_words(1000005, "Một triệu không trăm lẻ năm đồng");
	assert_words(1005000, "Một triệu không trăm lẻ năm nghìn đồng");
	assert_words(1366200, "Một triệu ba trăm sáu mươi sáu nghìn hai trăm đồng");
	assert_words(1263600, "Một triệu hai trăm sáu mươi ba nghìn sáu trăm đồng");
	assert_words(484000, "Bốn trăm tám mươi bốn nghìn đồng");
	assert_words(330000, "Ba trăm ba mươi nghìn đồng");
	assert_words(2200000, "Hai triệu hai trăm nghìn đồng");
}

static void billions_and_the_int64_extremes(void **state)
{
	(void)state;
	assert_words(1000000000LL, "Một tỷ đồng");
	assert_words(1000000001LL, "Một tỷ không trăm lẻ một đồng");
	assert_words(25000000000LL, "Hai mươi lăm tỷ đồng");
	assert_words(1000000000000LL, "Một nghìn tỷ đồng");
	assert_words(1000000000000000LL, "Một triệu tỷ đồng");
	assert_words(1000000000000000000LL, "Một tỷ tỷ đồng");
	assert_words(INT64_MAX, "Chín tỷ tỷ hai trăm hai mươi ba triệu tỷ ba trăm bảy mươi hai nghìn tỷ không trăm ba "
				"mươi sáu tỷ tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm nghìn tám trăm lẻ bảy đồng");
	assert_words(-500, "Âm năm trăm đồng");
	assert_words(INT64_MIN, "Âm chín tỷ tỷ hai trăm hai mươi ba triệu tỷ ba trăm bảy mươi hai nghìn tỷ không trăm "
				"ba mươi sáu tỷ tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm nghìn tám trăm lẻ tám "
				"đồng");
}

/* An independent reader of the words: the value of a digit word, or -1. */
static int64_t digit_of(const char *w)
{
	static const char *const d[10] = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
	int i;
	for (i = 0; i < 10; i++)
		if (strcmp(w, d[i]) == 0)
			return i;
	if (strcmp(w, "mốt") == 0)
		return 1;
	if (strcmp(w, "lăm") == 0)
		return 5;
	return -1;
}

/* The value of words w[0..n) (no "đồng"): groups below a thousand, each
 * followed by its unit (nghìn, triệu, tỷ, nghìn tỷ, triệu tỷ, tỷ tỷ),
 * units strictly decreasing; -1 for anything else. */
static int64_t read_words(char **w, int n)
{
	uint64_t total = 0, group = 0, cur = 0, last_unit = UINT64_MAX;
	int i;
	for (i = 0; i < n; i++) {
		int64_t d = digit_of(w[i]);
		uint64_t unit = 0;
		if (d >= 0) {
			cur += (uint64_t)d;
			continue;
		}
		if (strcmp(w[i], "trăm") == 0) {
			group += cur * 100;
			cur = 0;
			continue;
		}
		if (strcmp(w[i], "mươi") == 0) {
			group += cur * 10;
			cur = 0;
			continue;
		}
		if (strcmp(w[i], "mười") == 0) {
			group += 10;
			continue;
		}
		if (strcmp(w[i], "lẻ") == 0)
			continue;
		if (strcmp(w[i], "nghìn") == 0)
			unit = 1000;
		else if (strcmp(w[i], "triệu") == 0)
			unit = 1000000;
		else if (strcmp(w[i], "tỷ") == 0)
			unit = 1000000000;
		else
			return -1;
		while (i + 1 < n && strcmp(w[i + 1], "tỷ") == 0) {
			unit *= 1000000000;
			i++;
		}
		if (unit >= last_unit || group + cur == 0 || group + cur > 999)
			return -1;
		total += (group + cur) * unit;
		last_unit = unit;
		group = cur = 0;
	}
	if (group + cur > 999)
		return -1;
	total += group + cur;
	return total > INT64_MAX ? -1 : (int64_t)total;
}

/* Reads money_words_vi's output for v back to a number (lower-casing the
 * first letter), -1 when it does not end in "đồng". */
static int64_t read_back(money_t v)
{
	char out[MONEY_WORDS_MAX], *w[80], *tok, *save = NULL;
	int n = 0;
	money_words_vi(v, out);
	if (out[0] >= 'A' && out[0] <= 'Z')
		out[0] = (char)(out[0] - 'A' + 'a');
	for (tok = strtok_r(out, " ", &save); tok && n < 80; tok = strtok_r(NULL, " ", &save))
		w[n++] = tok;
	if (n < 2 || strcmp(w[n - 1], "đồng") != 0)
		return -1;
	if (n == 2 && strcmp(w[0], "không") == 0)
		return 0;
	return read_words(w, n - 1);
}

static void every_amount_up_to_two_million_reads_back(void **state)
{
	money_t v;
	(void)state;
	for (v = 0; v <= 2000000; v++)
		if (read_back(v) != v) {
			char out[MONEY_WORDS_MAX];
			money_words_vi(v, out);
			fail_msg("%lld reads as \"%s\"", (long long)v, out);
		}
}

static void large_amounts_read_back(void **state)
{
	uint64_t x = 88172645463325252ULL;
	int i;
	(void)state;
	for (i = 0; i < 200000; i++) {
		money_t v;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		v = (money_t)(x >> (1 + i % 40)); /* every magnitude up to 2^63 */
		if (read_back(v) != v) {
			char out[MONEY_WORDS_MAX];
			money_words_vi(v, out);
			fail_msg("%lld reads as \"%s\"", (long long)v, out);
		}
	}
	assert_int_equal(read_back(INT64_MAX), INT64_MAX);
}

static void no_reading_says_mot_after_ten_or_lam_alone(void **state)
{
	char out[MONEY_WORDS_MAX];
	money_t v;
	(void)state;
	for (v = 0; v < 100000; v++) {
		money_words_vi(v, out);
		assert_null(strstr(out, "mười mốt"));
		assert_null(strstr(out, "mươi một "));
		assert_null(strstr(out, "mươi năm "));
		assert_null(strstr(out, "mười năm"));
		assert_null(strstr(out, "lẻ lăm"));
		assert_null(strstr(out, "  "));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_amounts_read_as_accountants_write_them),
		cmocka_unit_test(thousands_and_millions_leave_zero_groups_out),
		cmocka_unit_test(billions_and_the_int64_extremes),
		cmocka_unit_test(every_amount_up_to_two_million_reads_back),
		cmocka_unit_test(large_amounts_read_back),
		cmocka_unit_test(no_reading_says_mot_after_ten_or_lam_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
