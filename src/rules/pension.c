/* pension.c: the member's pension projection (see pension.h).
 *
 * Pure: no I/O, no allocation, integers only; amounts rounded once by
 * money_round_div (through money_apply_bp for the pension).
 *
 * Retirement age (Bộ luật Lao động 2019 art. 169, Nghị định 135/2020
 * art. 4 and appendix I).  The age for calendar year Y >= 2021 is
 *   men   60 years + 3 × (Y − 2020) months, at most 62 years (2028 on);
 *   women 55 years + 4 × (Y − 2020) months, at most 60 years (2035 on),
 * and it applies to whoever reaches it in year Y.  A person reaches an
 * age in the month of birth plus that age (date_add_months of the date
 * of birth), so only the birth month and year matter, as in the
 * appendix.  Someone who reached the old age (60 / 55) before 2021 keeps
 * it.  Otherwise the age is that of the first Y from 2021 in which the
 * person reaches the age of Y; the age of Y rises by 3 (4) months a year
 * while the calendar moves 12, so once a person has not yet reached the
 * age of Y by the end of Y, the age of Y + 1 is reached in Y + 1 or
 * later, never earlier: exactly one Y fits.  This reproduces the
 * appendix, in blocks of 9 birth months for men and 8 for women: men
 * born 01–09/1961 60y3m, 10/1961–06/1962 60y6m, 07/1962–03/1963 60y9m,
 * 04–12/1963 61y, ..., 07/1965–03/1966 61y9m, from 04/1966 62y; women
 * born 01–08/1966 55y4m, 09/1966–04/1967 55y8m, 05–12/1967 56y, ...,
 * 09/1974–04/1975 59y8m, from 05/1975 60y.  (A cohort could reach the
 * next year's age too, e.g. a woman born 09/1969 reaches 57y in 09/2026
 * and 57y4m in 01/2027: the first year, 57y, is hers.)
 * The date returned is the day the age is reached (dob + age, the day
 * clamped to a shorter month: born 29 February, reached 28 February in
 * a common year).  The pension itself is paid from the first day of the
 * following month (not computed here).
 *
 * Months counted: total = before 2014 + from 2014 + planned.
 * Transitional rule (Luật BHXH 2024 art. 141(9) as our rules read it):
 * a person who joined before 2021-01-01 may retire at 60 (men) / 55
 * (women) with 20 years.  The projection takes that earlier date when it
 * applies: the months counted there are the past months plus the
 * planned ones that fit between today and that date (whole months,
 * none when it is past), and they must reach 240.  Then the age is
 * 60y0m / 55y0m and total_months is that count.
 *
 * Years needed: 15 when the retirement date is on or after 2025-07-01,
 * else 20 (the 2014 law); 20 in the transitional case.
 *
 * Rate, counted in half years H = 2 × whole years + (leftover months
 * 1–6: 1, 7–11: 2):
 *   women: 4500 + 100 × (H − 30) bp (2% a year, 1% a half year);
 *   men, H >= 40: 4500 + 100 × (H − 40) bp;
 *   men, H < 40: 4000 + 50 × (H − 30) bp (1% a year, 0.5% a half year);
 *   at most 7500 bp; 0 when not eligible.
 * Under the 2014 law (retirement before 2025-07-01) the same formula
 * holds for everyone eligible (20 years or more).
 *
 * One-time withdrawal (art. 102): 1.5 months of average income per whole
 * year before 2014, 2 months per year from 2014.  The leftover months of
 * the years before 2014 are carried to the period from 2014 (NĐ 115/2015
 * art. 19(2) practice), whose leftover months then count as half a year
 * (1–6) or a year (7–11).  Counted in half months of income:
 *   T = 3 × (before / 12) + 4 × (after / 12) + (after % 12: 0 → 0,
 *       1–6 → 2, 7–11 → 4), after = from 2014 + planned + before % 12;
 *   one_time = money_round_div(average × T, 2) − support, at least 0.
 * It is computed for every plan, eligible or not.
 *
 * Bounds (PO_EINVAL beyond): each month count 0..PENSION_MONTHS_MAX,
 * amounts 0..MONEY_MAX; so average × T <= 10^15 × 1200 < 9.2 × 10^18.
 */
#include "rules/pension.h"

#define PENSION_MONTHS_MAX 1200 /* 100 years: a bound for each month count */
#define RATE_CAP_BP 7500

/* The retirement age in months, above the base age, for calendar year
 * y >= 2021: men 3 a year up to 24, women 4 a year up to 60. */
static int rise_months(bool female, int y)
{
	int step = female ? 4 : 3, cap = female ? 60 : 24;
	int r = step * (y - 2020);
	return r > cap ? cap : r;
}

/* See pension.h and the top of this file.  sex 'F' is a woman, anything
 * else is taken as a man (pension_project checks sex first).  dob must
 * be a real day; a year-only dob is 1 January of its year. */
void pension_retirement(date_t dob, char sex, int *age_years, int *age_months, date_t *date)
{
	bool female = sex == 'F';
	int base = female ? 55 : 60, y, total = 0;
	date_t reach = date_add_months(dob, base * 12);
	if (reach.y >= 2021) {
		for (y = 2021;; y++) {
			total = rise_months(female, y);
			reach = date_add_months(dob, base * 12 + total);
			/* reach.y >= y always (see the top); the age of the
			 * final year (2028 / 2035 on) is reached by all */
			if (reach.y <= y || total == rise_months(female, y + 1))
				break;
		}
	}
	*age_years = base + total / 12;
	*age_months = total % 12;
	*date = reach;
}

/* Whole calendar months from a to b (0 when b is not after a): the
 * largest k with date_add_months(a, k) <= b, counted on the day of the
 * month. */
static int months_between(date_t a, date_t b)
{
	int k;
	if (date_cmp(b, a) <= 0)
		return 0;
	k = (b.y - a.y) * 12 + (b.m - a.m);
	if (b.d < a.d)
		k--;
	return k < 0 ? 0 : k;
}

/* The pension rate in basis points for total contribution months (at
 * least 15 years: the caller checks eligibility), as at the top. */
static int32_t rate_bp(bool female, int total)
{
	int left = total % 12;
	int h = 2 * (total / 12) + (left == 0 ? 0 : left <= 6 ? 1 : 2);
	int32_t r;
	if (female)
		r = 4500 + 100 * (h - 30);
	else if (h >= 40)
		r = 4500 + 100 * (h - 40);
	else
		r = 4000 + 50 * (h - 30);
	return r > RATE_CAP_BP ? RATE_CAP_BP : r;
}

/* The one-time withdrawal in half months of average income, as at the
 * top: before = months before 2014, after = months from 2014 on. */
static int64_t one_time_half_months(int before, int after)
{
	int left;
	after += before % 12;
	left = after % 12;
	return 3 * (int64_t)(before / 12) + 4 * (int64_t)(after / 12) + (left == 0 ? 0 : left <= 6 ? 2 : 4);
}

/* Checks a month count n named field: PO_OK or PO_EINVAL
 * (MSG_PENSION_MONTHS). */
static int check_months(int n, const char *field, err_t *e)
{
	if (n < 0 || n > PENSION_MONTHS_MAX)
		return err_set(e, PO_EINVAL, field, MSG_PENSION_MONTHS, PENSION_MONTHS_MAX, n);
	return PO_OK;
}

/* Checks an amount v named field: PO_OK or PO_EINVAL
 * (MSG_PENSION_AMOUNT). */
static int check_amount(money_t v, const char *field, err_t *e)
{
	if (v < 0 || v > MONEY_MAX)
		return err_set(e, PO_EINVAL, field, MSG_PENSION_AMOUNT, (long long)MONEY_MAX, (long long)v);
	return PO_OK;
}

/* See pension.h and the top of this file.  Checks, in order: sex ('F'
 * or 'M', "sex"), dob a real day ("dob", MSG_PENSION_DATE_INVALID) not
 * after today ("dob", MSG_DATE_FUTURE), the month counts
 * ("months_before_2014", "months_from_2014", "months_planned") and the
 * amounts ("average_income", "support_received").  today must be a real
 * day.  *out is written only on success. */
int pension_project(const pension_plan_t *plan, date_t today, pension_projection_t *out, err_t *e)
{
	pension_projection_t r = {0};
	bool female;
	int past, rc, needed;
	date_t early;
	if (plan->sex != 'F' && plan->sex != 'M')
		return err_set(e, PO_EINVAL, "sex", MSG_PENSION_SEX);
	if (!date_valid(plan->dob.y, plan->dob.m, plan->dob.d))
		return err_set(e, PO_EINVAL, "dob", MSG_PENSION_DATE_INVALID, plan->dob.y, plan->dob.m,
			       plan->dob.d);
	if (date_cmp(plan->dob, today) > 0) {
		char a[DATE_ISO_LEN + 1], b[DATE_ISO_LEN + 1];
		date_format_iso(plan->dob, a);
		date_format_iso(today, b);
		return err_set(e, PO_EINVAL, "dob", MSG_DATE_FUTURE, a, b);
	}
	if ((rc = check_months(plan->months_before_2014, "months_before_2014", e)) ||
	    (rc = check_months(plan->months_from_2014, "months_from_2014", e)) ||
	    (rc = check_months(plan->months_planned, "months_planned", e)) ||
	    (rc = check_amount(plan->average_income, "average_income", e)) ||
	    (rc = check_amount(plan->support_received, "support_received", e)))
		return rc;

	female = plan->sex == 'F';
	past = plan->months_before_2014 + plan->months_from_2014;
	pension_retirement(plan->dob, plan->sex, &r.age_years, &r.age_months, &r.retirement_date);
	r.total_months = past + plan->months_planned;
	needed = date_cmp(r.retirement_date, date_make(2025, 7, 1)) >= 0 ? 15 : 20;

	/* transitional: 60 / 55 with 20 years for those who joined before 2021 */
	early = date_add_months(plan->dob, (female ? 55 : 60) * 12);
	if (plan->joined_before_2021 && date_cmp(early, r.retirement_date) < 0) {
		int fit = months_between(today, early);
		int at_early = past + (plan->months_planned < fit ? plan->months_planned : fit);
		if (at_early >= 240) {
			r.retirement_date = early;
			r.age_years = female ? 55 : 60;
			r.age_months = 0;
			r.total_months = at_early;
			needed = 20;
		}
	}

	r.years_needed = needed;
	r.eligible = r.total_months >= needed * 12;
	if (r.eligible) {
		r.rate_bp = rate_bp(female, r.total_months);
		r.monthly_pension = money_apply_bp(plan->average_income, r.rate_bp);
	} else {
		r.missing_months = needed * 12 - r.total_months;
	}
	r.one_time = money_round_div(plan->average_income *
					     one_time_half_months(plan->months_before_2014,
								  r.total_months - plan->months_before_2014),
				     2) -
		     plan->support_received;
	if (r.one_time < 0)
		r.one_time = 0;
	*out = r;
	return PO_OK;
}
