/* test_money.c: rounding, basis points, parsing and formatting of dong
 * (core/money.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/money.h"

/* money_parse on a C string, field "income". */
static int parse(const char *s, money_t *out, err_t *e)
{
	return money_parse(s, strlen(s), out, "income", e);
}

/* Asserts that s parses to v. */
static void assert_parses(const char *s, money_t v)
{
	money_t got = -1;
	err_t e;
	err_clear(&e);
	assert_int_equal(parse(s, &got, &e), PO_OK);
	assert_int_equal(got, v);
}

/* Asserts that s is refused with message id (and, when not NULL, the
 * exact English text), field "income", *out untouched. */
static void assert_refused(const char *s, enum msg_id id, const char *en)
{
	money_t got = 42;
	err_t e;
	err_clear(&e);
	assert_int_equal(parse(s, &got, &e), PO_EINVAL);
	assert_string_equal(msg_name(e.msg), msg_name(id));
	assert_string_equal(e.field, "income");
	if (en)
		assert_string_equal(err_text(&e, LANG_EN), en);
	assert_true(err_text(&e, LANG_VI)[0] != '\0');
	assert_int_equal(got, 42);
}

/* Asserts money_format(v, with_unit) == want. */
static void assert_formats(money_t v, int with_unit, const char *want)
{
	char out[MONEY_FMT_MAX];
	money_format(v, with_unit, out);
	assert_string_equal(out, want);
}

static void round_div_rounds_halves_up(void **state)
{
	(void)state;
	assert_int_equal(money_round_div(5, 2), 3);
	assert_int_equal(money_round_div(4, 2), 2);
	assert_int_equal(money_round_div(7, 3), 2);
	assert_int_equal(money_round_div(8, 3), 3);
	assert_int_equal(money_round_div(1, 2), 1);
	assert_int_equal(money_round_div(1, 3), 0);
	assert_int_equal(money_round_div(0, 7), 0);
	assert_int_equal(money_round_div(15, 10), 2);
	assert_int_equal(money_round_div(14999, 10000), 1);
	assert_int_equal(money_round_div(5000, 10000), 1);
	assert_int_equal(money_round_div(4999, 10000), 0);
}

static void round_div_rounds_negative_halves_away_from_zero(void **state)
{
	(void)state;
	assert_int_equal(money_round_div(-5, 2), -3);
	assert_int_equal(money_round_div(-4, 2), -2);
	assert_int_equal(money_round_div(-7, 3), -2);
	assert_int_equal(money_round_div(-8, 3), -3);
	assert_int_equal(money_round_div(-1, 2), -1);
	assert_int_equal(money_round_div(-1, 3), 0);
}

static void round_div_never_overflows_at_the_int64_limits(void **state)
{
	(void)state;
	assert_int_equal(money_round_div(INT64_MAX, 1), INT64_MAX);
	assert_int_equal(money_round_div(INT64_MIN, 1), INT64_MIN);
	assert_int_equal(money_round_div(INT64_MAX, 2), 4611686018427387904LL);
	assert_int_equal(money_round_div(INT64_MIN, 2), -4611686018427387904LL);
	assert_int_equal(money_round_div(INT64_MIN + 1, 2), -4611686018427387904LL);
	assert_int_equal(money_round_div(INT64_MAX, INT64_MAX), 1);
	assert_int_equal(money_round_div(INT64_MAX - 1, INT64_MAX), 1);
	assert_int_equal(money_round_div(INT64_MAX / 2, INT64_MAX), 0);
	assert_int_equal(money_round_div(INT64_MAX / 2 + 1, INT64_MAX), 1);
	assert_int_equal(money_round_div(INT64_MIN, INT64_MAX), -1);
}

static void apply_bp_computes_contribution_shares(void **state)
{
	(void)state;
	assert_int_equal(money_apply_bp(1500000, 2200), 330000);
	assert_int_equal(money_apply_bp(330000, 2000), 66000);
	assert_int_equal(money_apply_bp(1499999, 2200), 330000); /* 329999.78 */
	assert_int_equal(money_apply_bp(2340000, 450), 105300);
	assert_int_equal(money_apply_bp(1, 5000), 1);            /* 0.5 */
	assert_int_equal(money_apply_bp(1, 4999), 0);            /* 0.4999 */
	assert_int_equal(money_apply_bp(0, 2200), 0);
	assert_int_equal(money_apply_bp(12345, 0), 0);
	assert_int_equal(money_apply_bp(12345, 10000), 12345);
	assert_int_equal(money_apply_bp(-1500000, 2200), -330000);
	assert_int_equal(money_apply_bp(-1, 5000), -1);
}

static void apply_bp_is_exact_at_the_bounds(void **state)
{
	(void)state;
	assert_int_equal(money_apply_bp(MONEY_MAX, 1000000), 100000000000000000LL);
	assert_int_equal(money_apply_bp(MONEY_MAX, 2200), 220000000000000LL);
	/* (10^15 - 1) × 3 / 10^4 = 299999999999.9997 */
	assert_int_equal(money_apply_bp(MONEY_MAX - 1, 3), 300000000000LL);
	/* (10^15 - 1) × 999999 / 10^4 = 99999899999999900.0001 */
	assert_int_equal(money_apply_bp(MONEY_MAX - 1, 999999), 99999899999999900LL);
	assert_int_equal(money_apply_bp(-MONEY_MAX, 1000000), -100000000000000000LL);
}

static void apply_bp_saturates_beyond_the_bounds(void **state)
{
	(void)state;
	assert_int_equal(money_apply_bp(INT64_MAX, 1000000), INT64_MAX);
	assert_int_equal(money_apply_bp(INT64_MIN, 1000000), INT64_MIN);
	assert_int_equal(money_apply_bp(INT64_MAX, INT32_MAX), INT64_MAX);
}

/* Reference for apply_bp in 128-bit integers: half away from zero. */
static int64_t reference_apply_bp(int64_t amount, int32_t bp)
{
	__int128 p = (__int128)amount * bp;
	__int128 q = p / 10000, r = p % 10000;
	if (r >= 5000)
		q++;
	else if (r <= -5000)
		q--;
	return (int64_t)q;
}

static void apply_bp_matches_128_bit_arithmetic(void **state)
{
	uint64_t x = 0x2545F4914F6CDD1DULL;
	int i;
	(void)state;
	for (i = 0; i < 200000; i++) {
		int64_t amount;
		int32_t bp;
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		amount = (int64_t)(x % (2 * (uint64_t)MONEY_MAX + 1)) - MONEY_MAX;
		if (i % 3 == 0)
			amount %= 100000000; /* everyday amounts too */
		bp = (int32_t)((x >> 40) % 2000001) - 1000000;
		assert_int_equal(money_apply_bp(amount, bp), reference_apply_bp(amount, bp));
	}
}

static void parse_reads_grouped_amounts(void **state)
{
	(void)state;
	assert_parses("1.500.000", 1500000);
	assert_parses("1,500,000", 1500000);
	assert_parses("1 500 000", 1500000);
	assert_parses("1500000", 1500000);
	assert_parses("0", 0);
	assert_parses("999", 999);
	assert_parses("1.000", 1000);
	assert_parses("12.345.678", 12345678);
	assert_parses("1\xC2\xA0" "500\xC2\xA0" "000", 1500000);
	assert_parses("1\xE2\x80\xAF" "500\xE2\x80\xAF" "000", 1500000);
	assert_parses("1.000.000.000.000.000", MONEY_MAX);
	assert_parses("1000000000000000", MONEY_MAX);
}

static void parse_reads_a_unit_after_the_number(void **state)
{
	(void)state;
	assert_parses("1 500 000 đ", 1500000);
	assert_parses("1500000VND", 1500000);
	assert_parses("1.500.000đ", 1500000);
	assert_parses("1.500.000 Đ", 1500000);
	assert_parses("1.500.000 d", 1500000);
	assert_parses("1.500.000 vnd", 1500000);
	assert_parses("1.500.000 VNĐ", 1500000);
	assert_parses("1.500.000 đồng", 1500000);
	assert_parses("1.500.000 Đồng", 1500000);
	assert_parses("1.500.000 dong", 1500000);
	assert_parses("  2.340.000 đ \t", 2340000);
}

static void parse_reads_only_n_bytes(void **state)
{
	money_t v = 0;
	err_t e;
	(void)state;
	assert_int_equal(money_parse("1234567", 3, &v, "income", &e), PO_OK);
	assert_int_equal(v, 123);
	assert_int_equal(money_parse("1.500.000 đ and more", 13, &v, "income", &e), PO_OK);
	assert_int_equal(v, 1500000);
}

static void parse_refuses_decimals(void **state)
{
	(void)state;
	assert_refused("1.5", MSG_MONEY_DECIMAL, "amount \"1.5\" must be whole dong, without decimals");
	assert_refused("1,50", MSG_MONEY_DECIMAL, NULL);
	assert_refused("1500000.50", MSG_MONEY_DECIMAL, NULL);
	assert_refused("1500000,5 đ", MSG_MONEY_DECIMAL, NULL);
}

static void parse_refuses_negative_amounts(void **state)
{
	money_t v = 0;
	err_t e;
	(void)state;
	assert_refused("-3", MSG_MONEY_NEGATIVE, "amount \"-3\" must not be negative");
	assert_refused("-1.500.000 đ", MSG_MONEY_NEGATIVE, NULL);
	assert_int_equal(parse("-3", &v, &e), PO_EINVAL);
	assert_string_equal(err_text(&e, LANG_VI), "Số tiền \"-3\" không được âm");
}

static void parse_refuses_bad_grouping(void **state)
{
	(void)state;
	assert_refused("1.50.000", MSG_MONEY_GROUPING,
		       "amount \"1.50.000\": separators must split the digits in groups of three "
		       "(e.g. 1.500.000)");
	assert_refused("1500.000", MSG_MONEY_GROUPING, NULL);
	assert_refused("1.500,000", MSG_MONEY_GROUPING, NULL);
	assert_refused("1.500 000", MSG_MONEY_GROUPING, NULL);
	assert_refused("1.5000", MSG_MONEY_GROUPING, NULL);
	assert_refused("12 34", MSG_MONEY_GROUPING, NULL);
	assert_refused("1.000.00", MSG_MONEY_GROUPING, NULL);
}

static void parse_refuses_other_text(void **state)
{
	(void)state;
	assert_refused("", MSG_MONEY_EMPTY, "the amount is missing");
	assert_refused("   ", MSG_MONEY_EMPTY, NULL);
	assert_refused("abc", MSG_MONEY_FORMAT, NULL);
	assert_refused("+3", MSG_MONEY_FORMAT, NULL);
	assert_refused("1.500.000 USD", MSG_MONEY_FORMAT, NULL);
	assert_refused("1.500.000.", MSG_MONEY_FORMAT, NULL);
	assert_refused("1..500", MSG_MONEY_FORMAT, NULL);
	assert_refused(".500", MSG_MONEY_FORMAT, NULL);
	assert_refused("đ", MSG_MONEY_FORMAT, NULL);
	assert_refused("đ 1000", MSG_MONEY_FORMAT, NULL);
	assert_refused("1000 đ đ", MSG_MONEY_FORMAT, NULL);
	assert_refused("1e6", MSG_MONEY_FORMAT, NULL);
	assert_refused("1  500", MSG_MONEY_FORMAT, NULL);
}

static void parse_refuses_amounts_above_the_bound(void **state)
{
	(void)state;
	assert_refused("1000000000000001", MSG_MONEY_TOO_LARGE,
		       "amount \"1000000000000001\" exceeds the limit of 1.000.000.000.000.000 dong");
	assert_refused("99999999999999999999999999999", MSG_MONEY_TOO_LARGE, NULL);
	assert_refused("9.223.372.036.854.775.808", MSG_MONEY_TOO_LARGE, NULL);
}

static void format_groups_by_three_with_dots(void **state)
{
	(void)state;
	assert_formats(1263600, 1, "1.263.600 đ");
	assert_formats(0, 1, "0 đ");
	assert_formats(999, 1, "999 đ");
	assert_formats(1000, 1, "1.000 đ");
	assert_formats(-1000, 1, "-1.000 đ");
	assert_formats(-999, 1, "-999 đ");
	assert_formats(1263600, 0, "1.263.600");
	assert_formats(100000, 0, "100.000");
	assert_formats(MONEY_MAX, 0, "1.000.000.000.000.000");
}

static void format_handles_the_int64_extremes(void **state)
{
	char out[MONEY_FMT_MAX];
	(void)state;
	assert_formats(INT64_MAX, 1, "9.223.372.036.854.775.807 đ");
	assert_formats(INT64_MIN, 1, "-9.223.372.036.854.775.808 đ");
	money_format(INT64_MIN, 1, out);
	assert_true(strlen(out) < MONEY_FMT_MAX);
}

static void formatted_amounts_parse_back(void **state)
{
	money_t v, back;
	char out[MONEY_FMT_MAX];
	err_t e;
	(void)state;
	for (v = 0; v <= MONEY_MAX; v = v * 7 + 13) {
		money_format(v, 1, out);
		assert_int_equal(money_parse(out, strlen(out), &back, "x", &e), PO_OK);
		assert_int_equal(back, v);
		money_format(v, 0, out);
		assert_int_equal(money_parse(out, strlen(out), &back, "x", &e), PO_OK);
		assert_int_equal(back, v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_div_rounds_halves_up),
		cmocka_unit_test(round_div_rounds_negative_halves_away_from_zero),
		cmocka_unit_test(round_div_never_overflows_at_the_int64_limits),
		cmocka_unit_test(apply_bp_computes_contribution_shares),
		cmocka_unit_test(apply_bp_is_exact_at_the_bounds),
		cmocka_unit_test(apply_bp_saturates_beyond_the_bounds),
		cmocka_unit_test(apply_bp_matches_128_bit_arithmetic),
		cmocka_unit_test(parse_reads_grouped_amounts),
		cmocka_unit_test(parse_reads_a_unit_after_the_number),
		cmocka_unit_test(parse_reads_only_n_bytes),
		cmocka_unit_test(parse_refuses_decimals),
		cmocka_unit_test(parse_refuses_negative_amounts),
		cmocka_unit_test(parse_refuses_bad_grouping),
		cmocka_unit_test(parse_refuses_other_text),
		cmocka_unit_test(parse_refuses_amounts_above_the_bound),
		cmocka_unit_test(format_groups_by_three_with_dots),
		cmocka_unit_test(format_handles_the_int64_extremes),
		cmocka_unit_test(formatted_amounts_parse_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
