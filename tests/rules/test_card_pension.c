/* test_card_pension.c: BHYT card validity (rules/card.h) and the
 * pension projection (rules/pension.h), with the card parameters built
 * in code and the expected dates and amounts written out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules/card.h"
#include "rules/pension.h"

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

#define ROW(f, y, m, d, v) { f, "", { y, m, d, false }, v }

/* The card rows of data/params/bhyt_card.tsv, not in sorted order. */
static const param_row_t card_rows[] = {
	ROW("bhyt_lapse_months", 2018, 1, 1, 3),
	ROW("bhyt_lapse_days", 2025, 7, 1, 90),
	ROW("bhyt_card_wait_days", 2018, 1, 1, 30),
};
#define CARD_N (sizeof card_rows / sizeof card_rows[0])

static param_row_t rows[CARD_N + 2];
static params_t P;

/* cmocka setup: P holds the card rows, sorted. */
static int setup_card(void **state)
{
	(void)state;
	memcpy(rows, card_rows, sizeof card_rows);
	P.rows = rows;
	P.n = CARD_N;
	params_sort(&P);
	return 0;
}

/* Asserts a == b, printing both. */
static void eq_date(date_t a, date_t b)
{
	char x[DATE_ISO_LEN + 1], y[DATE_ISO_LEN + 1];
	date_format_iso(a, x);
	date_format_iso(b, y);
	assert_string_equal(x, y);
}

/* The card for paid/months/previous (has_prev); asserts PO_OK and the
 * expected from, to and continuity. */
static void card_ok(date_t paid, int months, bool has_prev, date_t prev, date_t from, date_t to,
		    bool continuous)
{
	card_validity_t c;
	err_t e;
	memset(&c, 0, sizeof c);
	err_clear(&e);
	assert_int_equal(bhyt_card_validity(&P, paid, months, has_prev, prev, &c, &e), PO_OK);
	eq_date(c.from, from);
	eq_date(c.to, to);
	assert_int_equal(c.continuous, continuous);
}

/* The card after a gap: continuous (from previous + 1) or lapsed (from
 * paid + 30); 12 months. */
static void gap_case(date_t prev, date_t paid, bool continuous)
{
	date_t from = continuous ? date_add_days(prev, 1) : date_add_days(paid, 30);
	card_ok(paid, 12, true, prev, from, date_add_days(date_add_months(from, 12), -1), continuous);
}

/* ---- card ---------------------------------------------------------------- */

/* First time: 30 days after paying. */
static void test_card_first_time(void **state)
{
	(void)state;
	card_ok(D(2025, 8, 1), 12, false, D(1, 1, 1), D(2025, 8, 31), D(2026, 8, 30), false);
	/* the day clamps: 2025-08-31 + 3 months = 2025-11-30, minus a day */
	card_ok(D(2025, 8, 1), 3, false, D(1, 1, 1), D(2025, 8, 31), D(2025, 11, 29), false);
	card_ok(D(2025, 8, 1), 6, false, D(1, 1, 1), D(2025, 8, 31), D(2026, 2, 27), false);
	/* before 2025-07-01 the wait is the same */
	card_ok(D(2020, 3, 10), 12, false, D(1, 1, 1), D(2020, 4, 9), D(2021, 4, 8), false);
}

/* Continuous: the day after the old card, whenever it was paid. */
static void test_card_continuous(void **state)
{
	(void)state;
	card_ok(D(2025, 12, 15), 12, true, D(2025, 12, 31), D(2026, 1, 1), D(2026, 12, 31), true);
	card_ok(D(2025, 12, 15), 3, true, D(2025, 12, 31), D(2026, 1, 1), D(2026, 3, 31), true);
	card_ok(D(2025, 12, 15), 6, true, D(2025, 12, 31), D(2026, 1, 1), D(2026, 6, 30), true);
	/* paid on the last day and on the day after */
	card_ok(D(2025, 12, 31), 12, true, D(2025, 12, 31), D(2026, 1, 1), D(2026, 12, 31), true);
	card_ok(D(2026, 1, 1), 12, true, D(2025, 12, 31), D(2026, 1, 1), D(2026, 12, 31), true);
	/* paid long before the old card ends */
	card_ok(D(2025, 8, 1), 12, true, D(2026, 6, 30), D(2026, 7, 1), D(2027, 6, 30), true);
}

/* From 2025-07-01: lapsed at 90 uncovered days before the payment. */
static void test_card_lapse_days(void **state)
{
	(void)state;
	/* old card ends 2025-08-31; 2025-09-01 + 89 days = 2025-11-29 */
	gap_case(D(2025, 8, 31), D(2025, 11, 29), true);  /* 89 days uncovered */
	gap_case(D(2025, 8, 31), D(2025, 11, 30), false); /* 90 */
	card_ok(D(2025, 11, 30), 12, true, D(2025, 8, 31), D(2025, 12, 30), D(2026, 12, 29), false);
	/* February: 89 days are three calendar months (not lapsed now) */
	gap_case(D(2026, 1, 31), D(2026, 5, 1), true);
	gap_case(D(2026, 1, 31), D(2026, 5, 2), false);
	/* leap February: 2028-02-01 .. 2028-04-29 is 89 days */
	gap_case(D(2028, 1, 31), D(2028, 4, 30), true);
	gap_case(D(2028, 1, 31), D(2028, 5, 1), false);
	/* across a year end */
	gap_case(D(2025, 11, 30), D(2026, 2, 28), true);  /* 89 */
	gap_case(D(2025, 11, 30), D(2026, 3, 1), false);  /* 90 */
	/* the first day of the days rule decides by the payment date */
	gap_case(D(2025, 3, 31), D(2025, 6, 30), true);  /* months rule: Apr–Jun 29 */
	gap_case(D(2025, 4, 2), D(2025, 7, 1), true);    /* 89 days */
	gap_case(D(2025, 4, 1), D(2025, 7, 1), false);   /* 90 days */
}

/* Before 2025-07-01: lapsed at 3 calendar months within a year. */
static void test_card_lapse_months(void **state)
{
	(void)state;
	/* uncovered 2024-04-01 .. 06-29: not yet 3 months */
	gap_case(D(2024, 3, 31), D(2024, 6, 30), true);
	gap_case(D(2024, 3, 31), D(2024, 7, 1), false);
	card_ok(D(2024, 7, 1), 12, true, D(2024, 3, 31), D(2024, 7, 31), D(2025, 7, 30), false);
	/* 89 days in February–April 2023 are three months: lapsed */
	gap_case(D(2023, 1, 31), D(2023, 4, 30), true);
	gap_case(D(2023, 1, 31), D(2023, 5, 1), false);
	/* leap year: from 2024-02-29, 3 months = 2024-05-29 */
	gap_case(D(2024, 2, 28), D(2024, 5, 28), true);
	gap_case(D(2024, 2, 28), D(2024, 5, 29), false);
	/* common year: from 2023-02-28, 3 months = 2023-05-28 */
	gap_case(D(2023, 2, 27), D(2023, 5, 27), true);
	gap_case(D(2023, 2, 27), D(2023, 5, 28), false);
	/* across the year end: each year's piece counted alone */
	gap_case(D(2023, 10, 31), D(2024, 3, 1), true);   /* 2 + 2 months */
	gap_case(D(2023, 10, 31), D(2024, 4, 1), false);  /* Jan–Mar 2024 */
	gap_case(D(2023, 9, 30), D(2024, 1, 1), false);   /* Oct–Dec 2023 */
	gap_case(D(2023, 9, 30), D(2023, 12, 31), true);  /* Oct 1 – Dec 30 */
	gap_case(D(2023, 10, 1), D(2024, 1, 1), true);    /* Oct 2 – Dec 31 */
	/* a whole year uncovered */
	gap_case(D(2021, 12, 31), D(2023, 1, 5), false);
	gap_case(D(2020, 6, 30), D(2023, 1, 2), false);
}

/* The end: date_add_months(from, months) − 1, leap days included. */
static void test_card_leap(void **state)
{
	(void)state;
	card_ok(D(2023, 1, 31), 12, false, D(1, 1, 1), D(2023, 3, 2), D(2024, 3, 1), false);
	card_ok(D(2024, 1, 31), 12, true, D(2024, 2, 28), D(2024, 2, 29), D(2025, 2, 27), true);
	card_ok(D(2023, 1, 31), 12, true, D(2023, 2, 28), D(2023, 3, 1), D(2024, 2, 29), true);
	card_ok(D(2024, 1, 1), 3, false, D(1, 1, 1), D(2024, 1, 31), D(2024, 4, 29), false);
}

/* Wrong inputs and missing parameters. */
static void test_card_errors(void **state)
{
	card_validity_t c;
	err_t e;
	params_t none = {NULL, 0};
	(void)state;
	err_clear(&e);
	assert_int_equal(bhyt_card_validity(&P, D(2025, 8, 1), 1, false, D(1, 1, 1), &c, &e), PO_EINVAL);
	assert_string_equal(e.field, "months");
	assert_int_equal(bhyt_card_validity(&P, D(2025, 8, 1), 24, false, D(1, 1, 1), &c, &e), PO_EINVAL);
	assert_string_equal(e.field, "months");
	assert_int_equal(bhyt_card_validity(&P, D(2025, 2, 30), 12, false, D(1, 1, 1), &c, &e), PO_EINVAL);
	assert_string_equal(e.field, "paid");
	assert_int_equal(bhyt_card_validity(&P, D(2025, 8, 1), 12, true, D(2025, 13, 1), &c, &e), PO_EINVAL);
	assert_string_equal(e.field, "previous_end");
	/* a year after paid is allowed, a day more is not */
	card_ok(D(2025, 8, 1), 12, true, D(2026, 8, 1), D(2026, 8, 2), D(2027, 8, 1), true);
	assert_int_equal(bhyt_card_validity(&P, D(2025, 8, 1), 12, true, D(2026, 8, 2), &c, &e), PO_EINVAL);
	assert_string_equal(e.field, "previous_end");
	assert_int_equal(e.msg, MSG_CARD_PREVIOUS_END);
	assert_int_equal(bhyt_card_validity(&none, D(2025, 8, 1), 12, false, D(1, 1, 1), &c, &e), PO_ENOTFOUND);
	assert_string_equal(e.field, P_CARD_WAIT_DAYS);
	/* before 2018 nothing is recorded */
	assert_int_equal(bhyt_card_validity(&P, D(2017, 8, 1), 12, false, D(1, 1, 1), &c, &e), PO_ENOTFOUND);
	/* a broken table */
	P.rows[P.n] = (param_row_t)ROW("bhyt_lapse_days", 2026, 1, 1, 0);
	P.n++;
	params_sort(&P);
	assert_int_equal(bhyt_card_validity(&P, D(2026, 8, 1), 12, true, D(2026, 1, 31), &c, &e), PO_EINVAL);
	assert_string_equal(e.field, P_CARD_LAPSE_DAYS);
	/* no gap: the lapse parameters are not read */
	card_ok(D(2026, 8, 1), 12, true, D(2026, 8, 31), D(2026, 9, 1), D(2027, 8, 31), true);
}

/* ---- pension: retirement age --------------------------------------------- */

/* Asserts the retirement age of (dob, sex) and the date it is reached. */
static void retire(date_t dob, char sex, int years, int months, date_t when)
{
	int y = -1, m = -1;
	date_t d = D(1, 1, 1);
	pension_retirement(dob, sex, &y, &m, &d);
	assert_int_equal(y, years);
	assert_int_equal(m, months);
	eq_date(d, when);
}

/* Men: the cohorts of NĐ 135/2020 appendix I. */
static void test_retirement_men(void **state)
{
	(void)state;
	retire(D(1960, 12, 10), 'M', 60, 0, D(2020, 12, 10));
	retire(D(1961, 1, 15), 'M', 60, 3, D(2021, 4, 15));
	retire(D(1961, 9, 1), 'M', 60, 3, D(2021, 12, 1));
	retire(D(1961, 10, 1), 'M', 60, 6, D(2022, 4, 1));
	retire(D(1962, 6, 30), 'M', 60, 6, D(2022, 12, 30));
	retire(D(1962, 7, 1), 'M', 60, 9, D(2023, 4, 1));
	retire(D(1963, 3, 1), 'M', 60, 9, D(2023, 12, 1));
	retire(D(1963, 4, 1), 'M', 61, 0, D(2024, 4, 1));
	retire(D(1963, 12, 31), 'M', 61, 0, D(2024, 12, 31));
	retire(D(1964, 1, 1), 'M', 61, 3, D(2025, 4, 1));
	retire(D(1964, 9, 1), 'M', 61, 3, D(2025, 12, 1));
	retire(D(1964, 10, 1), 'M', 61, 6, D(2026, 4, 1));
	retire(D(1965, 6, 1), 'M', 61, 6, D(2026, 12, 1));
	retire(D(1965, 7, 1), 'M', 61, 9, D(2027, 4, 1));
	retire(D(1966, 3, 31), 'M', 61, 9, D(2027, 12, 31));
	retire(D(1966, 4, 1), 'M', 62, 0, D(2028, 4, 1));
	retire(D(1966, 12, 1), 'M', 62, 0, D(2028, 12, 1));
	retire(D(1980, 5, 20), 'M', 62, 0, D(2042, 5, 20));
}

/* Women: the cohorts of NĐ 135/2020 appendix I. */
static void test_retirement_women(void **state)
{
	date_t y1980 = D(1980, 1, 1);
	(void)state;
	retire(D(1965, 12, 1), 'F', 55, 0, D(2020, 12, 1));
	retire(D(1966, 1, 1), 'F', 55, 4, D(2021, 5, 1));
	retire(D(1966, 8, 1), 'F', 55, 4, D(2021, 12, 1));
	retire(D(1966, 9, 1), 'F', 55, 8, D(2022, 5, 1));
	retire(D(1967, 4, 1), 'F', 55, 8, D(2022, 12, 1));
	retire(D(1967, 5, 1), 'F', 56, 0, D(2023, 5, 1));
	retire(D(1970, 1, 1), 'F', 57, 4, D(2027, 5, 1));
	retire(D(1970, 8, 1), 'F', 57, 4, D(2027, 12, 1));
	retire(D(1969, 4, 1), 'F', 56, 8, D(2025, 12, 1));
	retire(D(1969, 5, 1), 'F', 57, 0, D(2026, 5, 1));
	/* 57y4m from 1969-09 would be reached in 2027, but 57y is reached in 2026 */
	retire(D(1969, 12, 1), 'F', 57, 0, D(2026, 12, 1));
	retire(D(1974, 8, 1), 'F', 59, 4, D(2033, 12, 1));
	retire(D(1974, 9, 1), 'F', 59, 8, D(2034, 5, 1));
	retire(D(1975, 4, 1), 'F', 59, 8, D(2034, 12, 1));
	retire(D(1975, 5, 1), 'F', 60, 0, D(2035, 5, 1));
	retire(D(1980, 2, 29), 'F', 60, 0, D(2040, 2, 29));
	y1980.year_only = true;
	retire(y1980, 'F', 60, 0, D(2040, 1, 1));
	/* born 29 February, reached on 28 February in a common year */
	retire(D(1984, 2, 29), 'M', 62, 0, D(2046, 2, 28));
}

/* ---- pension: projection ------------------------------------------------- */

/* A plan with all months from 2014 and nothing else. */
static pension_plan_t plan(date_t dob, char sex, int months)
{
	pension_plan_t p;
	memset(&p, 0, sizeof p);
	p.dob = dob;
	p.sex = sex;
	p.months_from_2014 = months;
	return p;
}

/* Projects p on today; asserts PO_OK; returns the projection. */
static pension_projection_t project_ok(const pension_plan_t *p, date_t today)
{
	pension_projection_t r;
	err_t e;
	err_clear(&e);
	memset(&r, 0xA5, sizeof r);
	assert_int_equal(pension_project(p, today, &r, &e), PO_OK);
	return r;
}

/* The rate for sex and months of a person retiring in 2035 and later. */
static int32_t rate_of(char sex, int months)
{
	pension_plan_t p = plan(D(1980, 6, 1), sex, months);
	pension_projection_t r = project_ok(&p, D(2026, 1, 1));
	assert_true(r.eligible);
	return r.rate_bp;
}

/* Eligibility at exactly 15 years under the 2024 law. */
static void test_pension_eligibility(void **state)
{
	pension_plan_t p = plan(D(1970, 1, 1), 'M', 100);
	pension_projection_t r;
	(void)state;
	p.months_planned = 80;
	r = project_ok(&p, D(2026, 1, 1));
	eq_date(r.retirement_date, D(2032, 1, 1));
	assert_int_equal(r.age_years, 62);
	assert_int_equal(r.total_months, 180);
	assert_true(r.eligible);
	assert_int_equal(r.years_needed, 15);
	assert_int_equal(r.rate_bp, 4000);
	assert_int_equal(r.missing_months, 0);
	p.months_planned = 79;
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.total_months, 179);
	assert_false(r.eligible);
	assert_int_equal(r.rate_bp, 0);
	assert_int_equal(r.monthly_pension, 0);
	assert_int_equal(r.missing_months, 1);
	/* retirement before 2025-07-01: 20 years (born 06/1967: 56y, 2023-06) */
	p = plan(D(1967, 6, 1), 'F', 200);
	r = project_ok(&p, D(2023, 1, 1));
	eq_date(r.retirement_date, D(2023, 6, 1));
	assert_int_equal(r.years_needed, 20);
	assert_false(r.eligible);
	assert_int_equal(r.missing_months, 40);
	p.months_from_2014 = 240;
	r = project_ok(&p, D(2023, 1, 1));
	assert_true(r.eligible);
	assert_int_equal(r.rate_bp, 5500);
	/* on 2025-07-01 exactly: 15 years (man born 1964-04: 61y3m) */
	p = plan(D(1964, 4, 1), 'M', 180);
	r = project_ok(&p, D(2025, 1, 1));
	eq_date(r.retirement_date, D(2025, 7, 1));
	assert_int_equal(r.years_needed, 15);
	assert_true(r.eligible);
	p = plan(D(1964, 3, 31), 'M', 180);
	r = project_ok(&p, D(2025, 1, 1));
	eq_date(r.retirement_date, D(2025, 6, 30));
	assert_int_equal(r.years_needed, 20);
	assert_false(r.eligible);
	assert_int_equal(r.missing_months, 60);
}

/* The rate table and the leftover months. */
static void test_pension_rates(void **state)
{
	(void)state;
	assert_int_equal(rate_of('F', 180), 4500);
	assert_int_equal(rate_of('F', 192), 4700);
	assert_int_equal(rate_of('F', 360), 7500);
	assert_int_equal(rate_of('F', 372), 7500);
	assert_int_equal(rate_of('F', 354), 7400); /* 29y6m */
	assert_int_equal(rate_of('M', 180), 4000);
	assert_int_equal(rate_of('M', 228), 4400);
	assert_int_equal(rate_of('M', 240), 4500);
	assert_int_equal(rate_of('M', 252), 4700);
	assert_int_equal(rate_of('M', 420), 7500); /* 35y */
	assert_int_equal(rate_of('M', 432), 7500);
	/* leftover months: 1–6 half a year, 7–11 a year */
	assert_int_equal(rate_of('F', 181), 4600);
	assert_int_equal(rate_of('F', 186), 4600);
	assert_int_equal(rate_of('F', 187), 4700);
	assert_int_equal(rate_of('F', 191), 4700);
	assert_int_equal(rate_of('M', 241), 4600);
	assert_int_equal(rate_of('M', 247), 4700);
	assert_int_equal(rate_of('M', 183), 4050); /* 15y3m at 1% a year */
	assert_int_equal(rate_of('M', 235), 4500); /* 19y7m counts 20 years */
	assert_int_equal(rate_of('M', 234), 4450); /* 19y6m */
}

/* The monthly pension, rounded half up once. */
static void test_pension_amount(void **state)
{
	pension_plan_t p = plan(D(1980, 6, 1), 'F', 240);
	pension_projection_t r;
	(void)state;
	p.average_income = 5000000;
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.rate_bp, 5500);
	assert_int_equal(r.monthly_pension, 2750000);
	p.months_from_2014 = 192; /* 4700 bp */
	p.average_income = 3333333;     /* 1,566,666.51 */
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.monthly_pension, 1566667);
	p.average_income = 3333330;     /* 1,566,665.1 */
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.monthly_pension, 1566665);
	p.average_income = 1500050; /* × 4700 bp = 705,023.5 → 705,024 */
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.monthly_pension, 705024);
}

/* The one-time withdrawal. */
static void test_pension_one_time(void **state)
{
	pension_plan_t p = plan(D(1980, 6, 1), 'F', 72);
	pension_projection_t r;
	(void)state;
	p.months_before_2014 = 60;
	p.average_income = 3000000;
	p.support_received = 1000000;
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.total_months, 132);
	assert_false(r.eligible);
	assert_int_equal(r.missing_months, 48);
	assert_int_equal(r.one_time, 19 * 3000000 + 1500000 - 1000000); /* 19.5 months */
	/* leftover months before 2014 move to the later period: 5y5m +
	 * 6y = 5 × 1.5 + 6y5m → 6.5 × 2 = 20.5 months */
	p.months_before_2014 = 65;
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.one_time, 20 * 3000000 + 1500000 - 1000000);
	/* planned months count; 7–11 leftover months are a year */
	p.months_before_2014 = 60;
	p.months_planned = 7; /* after = 79 = 6y7m → 7 years */
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.one_time, 3000000 * 43 / 2 - 1000000);
	/* half dong rounds up: 1 month at 1,000,001 → half a year = 1,000,001 */
	p = plan(D(1980, 6, 1), 'F', 1);
	p.average_income = 1000001;
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.one_time, 1000001);
	p.months_before_2014 = 12; /* + 1.5 × 1,000,001 = 1,500,001.5 → ..02 */
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.one_time, 2500003);
	/* support larger than the amount: nothing, not a negative */
	p.support_received = 10000000;
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.one_time, 0);
}

/* Joined before 2021 with 20 years: 60 (men) / 55 (women). */
static void test_pension_transitional(void **state)
{
	pension_plan_t p = plan(D(1965, 6, 1), 'M', 240);
	pension_projection_t r;
	(void)state;
	p.joined_before_2021 = true;
	r = project_ok(&p, D(2025, 1, 1));
	eq_date(r.retirement_date, D(2025, 6, 1));
	assert_int_equal(r.age_years, 60);
	assert_int_equal(r.age_months, 0);
	assert_int_equal(r.years_needed, 20);
	assert_true(r.eligible);
	assert_int_equal(r.rate_bp, 4500);
	/* without the flag: the schedule (61y6m, 2026-12) */
	p.joined_before_2021 = false;
	r = project_ok(&p, D(2025, 1, 1));
	eq_date(r.retirement_date, D(2026, 12, 1));
	assert_int_equal(r.age_years, 61);
	assert_int_equal(r.age_months, 6);
	assert_int_equal(r.years_needed, 15);
	/* 230 months + 5 planned months fit before 60: not 20 years */
	p = plan(D(1965, 6, 1), 'M', 230);
	p.joined_before_2021 = true;
	p.months_planned = 20;
	r = project_ok(&p, D(2025, 1, 1));
	eq_date(r.retirement_date, D(2026, 12, 1));
	assert_int_equal(r.total_months, 250);
	/* 235 + 5: exactly 20 years at 60; later planned months are not paid */
	p.months_from_2014 = 235;
	r = project_ok(&p, D(2025, 1, 1));
	eq_date(r.retirement_date, D(2025, 6, 1));
	assert_int_equal(r.total_months, 240);
	/* a woman: 55 */
	p = plan(D(1972, 3, 15), 'F', 250);
	p.joined_before_2021 = true;
	r = project_ok(&p, D(2026, 1, 1));
	eq_date(r.retirement_date, D(2027, 3, 15));
	assert_int_equal(r.age_years, 55);
	assert_int_equal(r.rate_bp, 5700); /* 20y10m counts 21 years: 45% + 6 × 2% */
}

/* Wrong inputs. */
static void test_pension_errors(void **state)
{
	pension_plan_t p = plan(D(1980, 6, 1), 'F', 100);
	pension_projection_t r;
	err_t e;
	(void)state;
	err_clear(&e);
	p.sex = 'X';
	assert_int_equal(pension_project(&p, D(2026, 1, 1), &r, &e), PO_EINVAL);
	assert_string_equal(e.field, "sex");
	p.sex = 'F';
	assert_int_equal(pension_project(&p, D(1980, 5, 31), &r, &e), PO_EINVAL);
	assert_string_equal(e.field, "dob");
	assert_int_equal(e.msg, MSG_DATE_FUTURE);
	p.dob = D(1981, 2, 29);
	assert_int_equal(pension_project(&p, D(2026, 1, 1), &r, &e), PO_EINVAL);
	assert_string_equal(e.field, "dob");
	p.dob = D(1980, 6, 1);
	p.months_before_2014 = -1;
	assert_int_equal(pension_project(&p, D(2026, 1, 1), &r, &e), PO_EINVAL);
	assert_string_equal(e.field, "months_before_2014");
	p.months_before_2014 = 0;
	p.months_from_2014 = 1201;
	assert_int_equal(pension_project(&p, D(2026, 1, 1), &r, &e), PO_EINVAL);
	assert_string_equal(e.field, "months_from_2014");
	p.months_from_2014 = 0;
	p.months_planned = -5;
	assert_int_equal(pension_project(&p, D(2026, 1, 1), &r, &e), PO_EINVAL);
	assert_string_equal(e.field, "months_planned");
	p.months_planned = 0;
	p.average_income = -1;
	assert_int_equal(pension_project(&p, D(2026, 1, 1), &r, &e), PO_EINVAL);
	assert_string_equal(e.field, "average_income");
	p.average_income = 0;
	p.support_received = MONEY_MAX + 1;
	assert_int_equal(pension_project(&p, D(2026, 1, 1), &r, &e), PO_EINVAL);
	assert_string_equal(e.field, "support_received");
	/* the largest inputs do not overflow */
	p = plan(D(1980, 6, 1), 'M', 1200);
	p.months_before_2014 = 1200;
	p.months_planned = 1200;
	p.average_income = MONEY_MAX;
	r = project_ok(&p, D(2026, 1, 1));
	assert_int_equal(r.rate_bp, 7500);
	assert_int_equal(r.one_time, MONEY_MAX / 2 * (3 * 100 + 4 * 200));
}

/* Runs the tests. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_card_first_time, setup_card),
		cmocka_unit_test_setup(test_card_continuous, setup_card),
		cmocka_unit_test_setup(test_card_lapse_days, setup_card),
		cmocka_unit_test_setup(test_card_lapse_months, setup_card),
		cmocka_unit_test_setup(test_card_leap, setup_card),
		cmocka_unit_test_setup(test_card_errors, setup_card),
		cmocka_unit_test(test_retirement_men),
		cmocka_unit_test(test_retirement_women),
		cmocka_unit_test(test_pension_eligibility),
		cmocka_unit_test(test_pension_rates),
		cmocka_unit_test(test_pension_amount),
		cmocka_unit_test(test_pension_one_time),
		cmocka_unit_test(test_pension_transitional),
		cmocka_unit_test(test_pension_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
