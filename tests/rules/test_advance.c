/* test_advance.c: advance payment, lump sum for missing time and refunds
 * of voluntary BHXH (rules/advance.h), with the legal parameter rows
 * built in code and the expected amounts written out to the dong.
 *
 * The exact expected sums were computed independently, offline, with
 * Python's fractions module (exact rationals, term by term, not the
 * closed form advance.c uses):
 *     from fractions import Fraction as F
 *     import math
 *     rnd = lambda x: math.floor(x + F(1, 2))         # half up
 *     g = rnd(F(income * 2200, 10000))                  # monthly gross
 *     q = 1 + F(r_ppm, 10**6)
 *     advance = rnd(sum(F(g) / q**(i - 1) for i in range(1, months + 1)))
 *     missing = rnd(sum(F(g) * q**i for i in range(1, months + 1)))
 * Each vector below names its inputs; the fractional part of the exact
 * sum is given where it matters (near ties). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules/advance.h"

/* ---- the parameter rows ------------------------------------------------ */

/* A date_t from y, m, d. */
static date_t D(int y, int m, int d)
{
	date_t t;
	t.y = (int16_t)y;
	t.m = (int8_t)m;
	t.d = (int8_t)d;
	t.year_only = false;
	return t;
}

#define ROW(f, k, y, m, d, v) { f, k, { y, m, d, false }, v }

/* The legal rows used by the voluntary BHXH quotes (support shares and
 * the 2027 poverty line included), the fund rate of 2019 (Thông báo
 * 63/TB-BHXH: 5.80 %/year = 4833 ppm/month), made-up rates for 2024
 * (4900) and 2026 (5000), test data only, and the missing-months
 * maximum; not in sorted order. */
static const param_row_t legal_rows[] = {
	ROW("bhxh_support_months_max", "", 2018, 1, 1, 120),
	ROW("bhxh_support_bp", "poor", 2018, 1, 1, 3000),
	ROW("bhxh_support_bp", "poor", 2025, 7, 1, 5000),
	ROW("bhxh_support_bp", "near_poor", 2018, 1, 1, 2500),
	ROW("bhxh_support_bp", "near_poor", 2025, 7, 1, 4000),
	ROW("bhxh_support_bp", "ethnic_minority", 2018, 1, 1, 1000),
	ROW("bhxh_support_bp", "ethnic_minority", 2025, 7, 1, 3000),
	ROW("bhxh_support_bp", "island", 2018, 1, 1, 1000),
	ROW("bhxh_support_bp", "island", 2025, 7, 1, 5000),
	ROW("bhxh_support_bp", "other", 2018, 1, 1, 1000),
	ROW("bhxh_support_bp", "other", 2025, 7, 1, 2000),
	ROW("poverty_line_rural", "", 2027, 1, 1, 2200000),
	ROW("bhxh_fund_rate_ppm", "2026", 2027, 1, 1, 5000),
	ROW("bhxh_missing_months_max", "", 2025, 7, 1, 60),
	ROW("bhxh_missing_months_max", "", 2018, 1, 1, 120),
	ROW("bhxh_fund_rate_ppm", "2024", 2025, 1, 1, 4900),
	ROW("bhxh_fund_rate_ppm", "2019", 2020, 1, 1, 4833),
	ROW("bhxh_ceiling_factor", "", 2018, 1, 1, 20),
	ROW("bhxh_rate_bp", "", 2018, 1, 1, 2200),
	ROW("poverty_line_rural", "", 2022, 1, 1, 1500000),
	ROW("poverty_line_rural", "", 2016, 1, 1, 700000),
	ROW("base_salary", "", 2026, 7, 1, 2530000),
	ROW("base_salary", "", 2024, 7, 1, 2340000),
	ROW("base_salary", "", 2023, 7, 1, 1800000),
	ROW("base_salary", "", 2019, 7, 1, 1490000),
	ROW("base_salary", "", 2018, 7, 1, 1390000),
};
#define LEGAL_N (sizeof legal_rows / sizeof legal_rows[0])
#define EXTRA_MAX 8

/* A params_t over its own copy of the legal rows plus up to EXTRA_MAX
 * more. */
typedef struct fixture {
	param_row_t rows[LEGAL_N + EXTRA_MAX];
	params_t p;
} fixture_t;

static fixture_t fx;

/* cmocka setup: fx holds the legal rows only, sorted. */
static int setup_legal(void **state)
{
	(void)state;
	memcpy(fx.rows, legal_rows, sizeof legal_rows);
	fx.p.rows = fx.rows;
	fx.p.n = LEGAL_N;
	params_sort(&fx.p);
	return 0;
}

/* Appends the row (family, key, from, value) to fx and sorts again. */
static void fx_add(const char *family, const char *key, date_t from, int64_t value)
{
	param_row_t *r;
	assert_true(fx.p.n < LEGAL_N + EXTRA_MAX);
	r = &fx.rows[fx.p.n++];
	memset(r, 0, sizeof *r);
	memcpy(r->family, family, strlen(family) + 1);
	memcpy(r->key, key, strlen(key) + 1);
	r->from = from;
	r->value = value;
	params_sort(&fx.p);
}

/* Sets the value of every row of family/key in fx (there must be one). */
static void fx_set(const char *family, const char *key, int64_t value)
{
	size_t i;
	int found = 0;
	for (i = 0; i < fx.p.n; i++) {
		if (strcmp(fx.rows[i].family, family) == 0 && strcmp(fx.rows[i].key, key) == 0) {
			fx.rows[i].value = value;
			found = 1;
		}
	}
	assert_true(found);
}

/* Removes every row of family from fx. */
static void fx_drop(const char *family)
{
	size_t i, k = 0;
	for (i = 0; i < fx.p.n; i++)
		if (strcmp(fx.rows[i].family, family) != 0)
			fx.rows[k++] = fx.rows[i];
	fx.p.n = k;
	params_sort(&fx.p);
}

/* ---- helpers ------------------------------------------------------------ */

/* The advance quote for years at income on d; asserts PO_OK. */
static lump_quote_t adv_ok(date_t d, money_t income, int years)
{
	lump_quote_t q;
	err_t e;
	err_clear(&e);
	memset(&q, 0, sizeof q);
	assert_int_equal(bhxh_advance_quote(&fx.p, d, income, years, &q, &e), PO_OK);
	return q;
}

/* The missing-time quote for months at income on d; asserts PO_OK. */
static lump_quote_t mis_ok(date_t d, money_t income, int months)
{
	lump_quote_t q;
	err_t e;
	err_clear(&e);
	memset(&q, 0, sizeof q);
	assert_int_equal(bhxh_missing_quote(&fx.p, d, income, months, &q, &e), PO_OK);
	return q;
}

/* Asserts that the advance (advance true) or missing-time quote is
 * refused with code, field and message id and *q untouched; returns the
 * error. */
static err_t refused(bool advance, date_t d, money_t income, int n, int code, const char *field,
		     enum msg_id id)
{
	lump_quote_t q;
	err_t e;
	err_clear(&e);
	memset(&q, 0x5A, sizeof q);
	if (advance)
		assert_int_equal(bhxh_advance_quote(&fx.p, d, income, n, &q, &e), code);
	else
		assert_int_equal(bhxh_missing_quote(&fx.p, d, income, n, &q, &e), code);
	assert_string_equal(e.field, field);
	assert_string_equal(msg_name(e.msg), msg_name(id));
	assert_true(e.vi[0] != '\0');
	assert_true(e.en[0] != '\0');
	assert_int_equal(q.amount, (money_t)0x5A5A5A5A5A5A5A5ALL);
	return e;
}

/* Asserts that text contains needle. */
static void assert_contains(const char *text, const char *needle)
{
	if (!strstr(text, needle))
		fail_msg("\"%s\" does not contain \"%s\"", text, needle);
}

/* The refund; asserts PO_OK. */
static money_t refund_ok(money_t total, int paid, int used, money_t support, int supported)
{
	money_t out = -1;
	err_t e;
	err_clear(&e);
	assert_int_equal(bhxh_refund(total, paid, used, support, supported, &out, &e), PO_OK);
	return out;
}

/* Asserts that the refund is refused with PO_EINVAL naming field, and
 * *refund untouched. */
static void refund_refused(money_t total, int paid, int used, money_t support, int supported,
			   const char *field, enum msg_id id)
{
	money_t out = -7;
	err_t e;
	err_clear(&e);
	assert_int_equal(bhxh_refund(total, paid, used, support, supported, &out, &e), PO_EINVAL);
	assert_string_equal(e.field, field);
	assert_string_equal(msg_name(e.msg), msg_name(id));
	assert_int_equal(out, -7);
}

/* ---- tests -------------------------------------------------------------- */

/* r = 0: no discount and no interest, amount = monthly × months exactly,
 * for every length. */
static void zero_rate_is_monthly_times_months(void **state)
{
	int n;
	(void)state;
	fx_set(P_FUND_RATE, "2024", 0);
	for (n = ADVANCE_YEARS_MIN; n <= ADVANCE_YEARS_MAX; n++) {
		lump_quote_t q = adv_ok(D(2025, 3, 1), 1500000, n);
		assert_int_equal(q.months, 12 * n);
		assert_int_equal(q.monthly_gross, 330000);
		assert_int_equal(q.amount, 330000 * 12 * n);
		assert_int_equal(q.undiscounted, q.amount);
		assert_int_equal(q.rate_ppm, 0);
		assert_int_equal(q.rate_year, 2024);
	}
	for (n = 1; n <= 60; n++) {
		lump_quote_t q = mis_ok(D(2025, 8, 1), 1777777, n);
		assert_int_equal(q.monthly_gross, 391111); /* 391110.94 */
		assert_int_equal(q.amount, 391111LL * n);
		assert_int_equal(q.undiscounted, q.amount);
	}
}

/* Exact vectors (see the top of this file for the formula). */
static void exact_vectors(void **state)
{
	lump_quote_t q;
	(void)state;
	/* 2 years in advance on 2020-03-01 at TN 1,500,000, r = 4833 (2019):
	 * Σ_{i=1..24} 330000 / 1.004833^(i−1) = 7496996.2751... */
	q = adv_ok(D(2020, 3, 1), 1500000, 2);
	assert_int_equal(q.months, 24);
	assert_int_equal(q.monthly_gross, 330000);
	assert_int_equal(q.amount, 7496996);
	assert_int_equal(q.undiscounted, 7920000);
	assert_int_equal(q.rate_ppm, 4833);
	assert_int_equal(q.rate_year, 2019);
	/* 5 years: Σ_{i=1..60} 330000 / 1.004833^(i−1) = 17234880.878... */
	assert_int_equal(adv_ok(D(2020, 12, 31), 1500000, 5).amount, 17234881);
	/* 3 years at 5,000,000 (g 1,100,000) = 36441539.426... */
	assert_int_equal(adv_ok(D(2020, 6, 15), 5000000, 3).amount, 36441539);
	/* 2025, r = 4900 (the test rate for 2024): 5 years at 1,500,000 =
	 * 17202682.0219...; 2 years at 3,000,000 (g 660,000) = 14982732.364... */
	assert_int_equal(adv_ok(D(2025, 3, 1), 1500000, 5).amount, 17202682);
	assert_int_equal(adv_ok(D(2025, 3, 1), 3000000, 2).amount, 14982732);

	/* Missing time on 2020-03-01 (max 120), r = 4833:
	 * Σ_{i=1..1} 330000 × 1.004833^i = 331594.89 */
	q = mis_ok(D(2020, 3, 1), 1500000, 1);
	assert_int_equal(q.months, 1);
	assert_int_equal(q.amount, 331595);
	assert_int_equal(q.undiscounted, 330000);
	/* 60 months = 23016625.4686...; 120 months at 2,000,000 (g 440,000)
	 * = 71672778.2211... */
	assert_int_equal(mis_ok(D(2020, 3, 1), 1500000, 60).amount, 23016625);
	q = mis_ok(D(2020, 3, 1), 2000000, 120);
	assert_int_equal(q.amount, 71672778);
	assert_int_equal(q.undiscounted, 52800000);
	/* 2025-08-01 (max 60), r = 4900: 60 months = 23065715.7302... */
	assert_int_equal(mis_ok(D(2025, 8, 1), 1500000, 60).amount, 23065716);
}

/* The advance carries the state support of bhxh_quote for every advance
 * month left under the 120-month cap, not discounted: net = the
 * discounted amount − support per month × supported months. */
static void advance_carries_state_support(void **state)
{
	static const struct {
		int y, m, d;
		money_t income;
		int years, before;
		enum bhxh_category c;
		money_t amount, per_month;
		int supported;
	} t[] = {
		/* 2025-08-01, r = 4900: 2 years at the floor = 7,491,366; poor 50 % */
		{2025, 8, 1, 1500000, 2, 0, BHXH_POOR, 7491366, 165000, 24},
		{2025, 8, 1, 1500000, 2, 110, BHXH_POOR, 7491366, 165000, 10},
		{2025, 8, 1, 1500000, 2, 120, BHXH_POOR, 7491366, 165000, 0},
		{2025, 8, 1, 1500000, 5, 0, BHXH_NEAR_POOR, 17202682, 132000, 60},
		{2025, 8, 1, 1500000, 5, 100, BHXH_OTHER, 17202682, 66000, 20},
		/* the old shares (NĐ 134/2015) before 2025-07-01: other 10 % of 22 % × 700,000 */
		{2020, 3, 1, 1500000, 2, 0, BHXH_OTHER, 7496996, 15400, 24},
		/* 2027-01-15, the 2,200,000 floor, r = 5000 (test rate for 2026):
		 * 2 years = 10,975,029; 5 years = 25,160,347 */
		{2027, 1, 15, 2200000, 2, 0, BHXH_POOR, 10975029, 242000, 24},
		{2027, 1, 15, 2200000, 2, 0, BHXH_NEAR_POOR, 10975029, 193600, 24},
		{2027, 1, 15, 2200000, 2, 0, BHXH_ETHNIC_MINORITY, 10975029, 145200, 24},
		{2027, 1, 15, 2200000, 2, 0, BHXH_ISLAND, 10975029, 242000, 24},
		{2027, 1, 15, 2200000, 5, 0, BHXH_OTHER, 25160347, 96800, 60},
		/* the support follows the poverty line, not the chosen income */
		{2027, 1, 15, 4400000, 2, 0, BHXH_OTHER, 21950059, 96800, 24},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		bhxh_request_t r;
		lump_quote_t q;
		err_t e;
		memset(&r, 0, sizeof r);
		r.date = D(t[i].y, t[i].m, t[i].d);
		r.income = t[i].income;
		r.category = t[i].c;
		r.supported_before = t[i].before;
		if (bhxh_advance_quote_for(&fx.p, &r, t[i].years, &q, &e) != PO_OK)
			fail_msg("case %zu: %s", i, e.en);
		assert_int_equal(q.amount, t[i].amount);
		assert_int_equal(q.months, 12 * t[i].years);
		assert_int_equal(q.monthly_state_support, t[i].per_month);
		assert_int_equal(q.supported_months, t[i].supported);
		assert_int_equal(q.state_support, t[i].per_month * t[i].supported);
		assert_int_equal(q.net, q.amount - q.state_support);
		assert_int_equal((int)q.category, (int)t[i].c);
	}
	/* bhxh_advance_quote is category other with nothing received before */
	assert_int_equal(adv_ok(D(2027, 1, 15), 2200000, 2).state_support, 24 * 96800);
	assert_int_equal(adv_ok(D(2027, 1, 15), 2200000, 2).net, 10975029 - 24 * 96800);
	/* below the 2027 floor: refused naming it */
	{
		bhxh_request_t r;
		lump_quote_t q;
		err_t e;
		memset(&r, 0, sizeof r);
		r.date = D(2027, 1, 15);
		r.income = 2199999;
		r.category = BHXH_POOR;
		assert_int_equal(bhxh_advance_quote_for(&fx.p, &r, 2, &q, &e), PO_EINVAL);
		assert_string_equal(e.field, "income");
		assert_contains(e.vi, "2.200.000 đ");
		r.income = 2200000;
		r.supported_before = -1;
		assert_int_equal(bhxh_advance_quote_for(&fx.p, &r, 2, &q, &e), PO_EINVAL);
		assert_string_equal(e.field, "supported_before");
	}
	/* the missing time carries none */
	assert_int_equal(mis_ok(D(2025, 8, 1), 1500000, 60).state_support, 0);
	assert_int_equal(mis_ok(D(2025, 8, 1), 1500000, 60).net, 23065716);
}

/* The sum is rounded once, exactly: a tie goes up, and near-ties (within
 * 10^-5 of .5, where a double computation of 60 discounted terms can
 * land on the wrong side) go the right way. */
static void rounds_once_exactly(void **state)
{
	(void)state;
	/* tie: 1 month, r = 4850: 330000 × 1.00485 = 331600.5 exactly → up */
	fx_add(P_FUND_RATE, "2022", D(2023, 1, 1), 4850);
	assert_int_equal(mis_ok(D(2023, 2, 1), 1500000, 1).amount, 331601);
	/* 2 years at 2,401,541 (g 528,339), r = 4833: 12002895.49999982... */
	assert_int_equal(adv_ok(D(2020, 3, 1), 2401541, 2).amount, 12002895);
	/* 5 years at 2,378,768 (g 523,329): 27331857.5000108... */
	assert_int_equal(adv_ok(D(2020, 3, 1), 2378768, 5).amount, 27331858);
	/* 60 missing months at 2,363,123 (g 519,887): 36260740.5000027... */
	assert_int_equal(mis_ok(D(2020, 3, 1), 2363123, 60).amount, 36260741);
}

/* The largest sums within the bounds: r = 2 %/month (the most accepted),
 * 60 and 120 months, the 2024 ceiling 46,800,000 (g 10,296,000):
 * advance 5 years = 365056051.0114...; missing 120 months =
 * 5127648048.6072... */
static void largest_sums(void **state)
{
	(void)state;
	fx_set(P_FUND_RATE, "2024", 20000);
	assert_int_equal(adv_ok(D(2025, 3, 1), 46800000, 5).amount, 365056051);
	fx_add(P_FUND_RATE, "2023", D(2024, 1, 1), 20000); /* 120 months before 2025-07-01 */
	assert_int_equal(mis_ok(D(2024, 8, 1), 46800000, 120).amount, 5127648049LL);
}

/* More years → a larger amount; a higher r → a smaller advance and a
 * larger missing-time amount; advance <= undiscounted <= missing. */
static void monotone(void **state)
{
	static const int64_t rates[] = { 0, 1, 100, 4833, 4900, 10000, 19000, 20000 };
	money_t prev_adv = 0, prev_mis = 0;
	size_t k;
	int n;
	(void)state;
	for (n = ADVANCE_YEARS_MIN; n <= ADVANCE_YEARS_MAX; n++) {
		lump_quote_t q = adv_ok(D(2025, 3, 1), 2000000, n);
		assert_true(q.amount > prev_adv);
		assert_true(q.amount < q.undiscounted);
		prev_adv = q.amount;
	}
	prev_adv = 0;
	for (n = 1; n <= 60; n++) {
		lump_quote_t q = mis_ok(D(2025, 8, 1), 2000000, n);
		assert_true(q.amount > prev_mis);
		assert_true(q.amount > q.undiscounted);
		prev_mis = q.amount;
	}
	prev_mis = 0;
	for (k = 0; k < sizeof rates / sizeof rates[0]; k++) {
		lump_quote_t a, m;
		fx_set(P_FUND_RATE, "2024", rates[k]);
		a = adv_ok(D(2025, 3, 1), 2000000, 5);
		m = mis_ok(D(2025, 8, 1), 2000000, 60);
		assert_true(a.amount <= a.undiscounted);
		assert_true(m.amount >= m.undiscounted);
		if (k > 0) {
			assert_true(a.amount < prev_adv);
			assert_true(m.amount > prev_mis);
		}
		prev_adv = a.amount;
		prev_mis = m.amount;
	}
}

/* Refusals: years 0 and 6, months 0 and over the maximum in force, a
 * missing rate year, income outside floor and ceiling, broken
 * parameters. */
static void refusals(void **state)
{
	err_t e;
	(void)state;
	refused(true, D(2025, 3, 1), 1500000, 0, PO_EINVAL, "years", MSG_ADV_YEARS);
	/* one year at once is the 12-month mode, not an advance */
	e = refused(true, D(2025, 3, 1), 1500000, 1, PO_EINVAL, "years", MSG_ADV_YEARS);
	assert_string_equal(e.en, "advance years must be between 2 and 5, not 1 (one year at once is the 12-month mode)");
	assert_string_equal(e.vi, "Số năm đóng trước phải từ 2 đến 5, không phải 1 (đóng 1 năm một lần là phương thức 12 tháng)");
	refused(true, D(2025, 3, 1), 1500000, 6, PO_EINVAL, "years", MSG_ADV_YEARS);
	refused(true, D(2025, 3, 1), 1500000, -1, PO_EINVAL, "years", MSG_ADV_YEARS);
	refused(false, D(2025, 8, 1), 1500000, 0, PO_EINVAL, "months", MSG_ADV_MISSING_MONTHS);
	/* 60 from 2025-07-01, 120 before */
	e = refused(false, D(2025, 8, 1), 1500000, 61, PO_EINVAL, "months",
		    MSG_ADV_MISSING_MONTHS);
	assert_contains(e.en, "between 1 and 60, not 61");
	assert_int_equal(mis_ok(D(2025, 6, 30), 1500000, 120).months, 120);
	refused(false, D(2025, 6, 30), 1500000, 121, PO_EINVAL, "months", MSG_ADV_MISSING_MONTHS);

	/* no rate for 2023 (a 2024 payment), nor for 2018 */
	e = refused(true, D(2024, 5, 1), 1500000, 2, PO_ENOTFOUND, "rate", MSG_ADV_RATE_MISSING);
	assert_contains(e.vi, "Chưa có lãi suất đầu tư quỹ BHXH năm 2023");
	assert_contains(e.en, "2023");
	assert_contains(e.en, "01/05/2024");
	assert_contains(e.vi, "(cần cho khoản đóng ngày 01/05/2024)");
	e = refused(false, D(2019, 5, 1), 1500000, 1, PO_ENOTFOUND, "rate",
		    MSG_ADV_RATE_MISSING);
	assert_contains(e.vi, "năm 2018");
	/* the 2019 rate recorded from 2020-01-01 is not yet known on 2019-12-31 */
	refused(true, D(2019, 12, 31), 1500000, 2, PO_ENOTFOUND, "rate", MSG_ADV_RATE_MISSING);

	/* income below the floor (1,500,000 from 2022) or above 20 × base */
	e = refused(true, D(2025, 3, 1), 1499999, 2, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
	assert_contains(e.vi, "1.500.000 đ");
	refused(false, D(2025, 8, 1), 1499999, 1, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
	e = refused(true, D(2025, 3, 1), 46800001, 2, PO_EINVAL, "income",
		    MSG_RULES_INCOME_HIGH);
	assert_contains(e.vi, "46.800.000 đ");
	assert_int_equal(adv_ok(D(2025, 3, 1), 46800000, 2).monthly_gross, 10296000);
	assert_int_equal(adv_ok(D(2025, 3, 1), 1500000, 2).monthly_gross, 330000);

	/* a rate outside 0..20000 ppm is a broken table */
	fx_set(P_FUND_RATE, "2024", 20001);
	refused(true, D(2025, 3, 1), 1500000, 2, PO_EINVAL, P_FUND_RATE,
		MSG_RULES_PARAM_KEY_RANGE);
	fx_set(P_FUND_RATE, "2024", -1);
	refused(false, D(2025, 8, 1), 1500000, 1, PO_EINVAL, P_FUND_RATE,
		MSG_RULES_PARAM_KEY_RANGE);
}

/* Missing parameters: the missing-months maximum (PO_ENOTFOUND, or
 * PO_EINVAL outside 1..120) and the base salary. */
static void missing_parameters(void **state)
{
	(void)state;
	fx_add(P_MISSING_MONTHS_MAX, "", D(2026, 1, 1), 121);
	refused(false, D(2026, 2, 1), 1500000, 1, PO_EINVAL, P_MISSING_MONTHS_MAX,
		MSG_RULES_PARAM_RANGE);
	fx_drop(P_MISSING_MONTHS_MAX);
	refused(false, D(2025, 8, 1), 1500000, 1, PO_ENOTFOUND, P_MISSING_MONTHS_MAX,
		MSG_RULES_PARAM_MISSING);
	/* the advance does not need it */
	assert_int_equal(adv_ok(D(2025, 3, 1), 1500000, 2).months, 24);
	/* before the first base salary row */
	fx_add(P_FUND_RATE, "2017", D(2018, 1, 1), 4000);
	refused(true, D(2018, 3, 1), 1500000, 2, PO_ENOTFOUND, P_BASE_SALARY,
		MSG_RULES_PARAM_MISSING);
}

/* Refunds: nothing used → all minus the support; all used → 0; a part,
 * rounded once; never negative. */
static void refunds(void **state)
{
	(void)state;
	/* nothing used: 12 months of 330,000, 12 supported at 99,000 */
	assert_int_equal(refund_ok(3960000, 12, 0, 99000, 12), 3960000 - 12 * 99000);
	assert_int_equal(refund_ok(3960000, 12, 0, 0, 0), 3960000);
	/* all used */
	assert_int_equal(refund_ok(3960000, 12, 12, 99000, 12), 0);
	assert_int_equal(refund_ok(3960000, 12, 12, 0, 0), 0);
	/* 5 of 12 used: 3,960,000 × 7 / 12 = 2,310,000 − 7 × 99,000 */
	assert_int_equal(refund_ok(3960000, 12, 5, 99000, 12), 2310000 - 693000);
	/* only 3 months supported: at most 3 deducted */
	assert_int_equal(refund_ok(3960000, 12, 5, 99000, 3), 2310000 - 297000);
	/* rounding once, half up: 1,000,001 × 2 / 3 = 666,667.33 → 666,667;
	 * 1,000,001 × 1 / 2 = 500,000.5 → 500,001 */
	assert_int_equal(refund_ok(1000001, 3, 1, 0, 0), 666667);
	assert_int_equal(refund_ok(1000001, 2, 1, 0, 0), 500001);
	/* an advance quote, 60 months, 24 used, 36 supported */
	assert_int_equal(refund_ok(17202682, 60, 24, 66000, 36),
			 (17202682LL * 36 + 30) / 60 - 36 * 66000);
	/* support larger than the part refunded: 0, never negative */
	assert_int_equal(refund_ok(1000000, 10, 9, 200000, 10), 0);
	assert_int_equal(refund_ok(0, 10, 0, 1, 10), 0);
	/* the largest inputs do not overflow */
	assert_int_equal(refund_ok(MONEY_MAX, 1200, 0, 0, 0), MONEY_MAX);
	assert_int_equal(refund_ok(MONEY_MAX, 1200, 0, MONEY_MAX, 1200), 0);
	assert_int_equal(refund_ok(MONEY_MAX, 1200, 1, 0, 0), (MONEY_MAX * 1199 + 600) / 1200);
}

/* Refund refusals: months and amounts out of range. */
static void refund_refusals(void **state)
{
	(void)state;
	refund_refused(1000, 0, 0, 0, 0, "paid_months", MSG_ADV_PAID_MONTHS);
	refund_refused(1000, 1201, 0, 0, 0, "paid_months", MSG_ADV_PAID_MONTHS);
	refund_refused(1000, 12, -1, 0, 0, "used_months", MSG_ADV_USED_MONTHS);
	refund_refused(1000, 12, 13, 0, 0, "used_months", MSG_ADV_USED_MONTHS);
	refund_refused(1000, 12, 0, 0, -1, "supported_months", MSG_ADV_SUPPORTED_MONTHS);
	refund_refused(1000, 12, 0, 0, 13, "supported_months", MSG_ADV_SUPPORTED_MONTHS);
	refund_refused(-1, 12, 0, 0, 0, "paid_total", MSG_ADV_PAID_TOTAL);
	refund_refused(MONEY_MAX + 1, 12, 0, 0, 0, "paid_total", MSG_ADV_PAID_TOTAL);
	refund_refused(1000, 12, 0, -1, 0, "support_per_month", MSG_ADV_SUPPORT_PER_MONTH);
	refund_refused(1000, 12, 0, MONEY_MAX + 1, 0, "support_per_month",
		       MSG_ADV_SUPPORT_PER_MONTH);
}

/* Runs every test; the exit status is the number that failed. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(zero_rate_is_monthly_times_months, setup_legal),
		cmocka_unit_test_setup(exact_vectors, setup_legal),
		cmocka_unit_test_setup(advance_carries_state_support, setup_legal),
		cmocka_unit_test_setup(rounds_once_exactly, setup_legal),
		cmocka_unit_test_setup(largest_sums, setup_legal),
		cmocka_unit_test_setup(monotone, setup_legal),
		cmocka_unit_test_setup(refusals, setup_legal),
		cmocka_unit_test_setup(missing_parameters, setup_legal),
		cmocka_unit_test_setup(refunds, setup_legal),
		cmocka_unit_test_setup(refund_refusals, setup_legal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
