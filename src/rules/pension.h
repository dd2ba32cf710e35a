/* pension.h: the member's projection: "what will I have when I am
 * old?".  Pure.  Luật BHXH 2024 (in force from 2025-07-01) and Bộ luật
 * Lao động 2019 art. 169.
 *
 * - Retirement age: men 60y3m in 2021 rising 3 months a year to 62
 *   (2028); women 55y4m in 2021 rising 4 months a year to 60 (2035).  A
 *   person born in month M of year Y reaches the age of her birth cohort
 *   per the published schedule (decree 135/2020 table): implement the
 *   rule "the age applying in the calendar year in which she reaches it".
 * - Eligibility: retirement age and at least 15 years of contributions
 *   (20 under the 2014 law, before 2025-07-01); transitional: people who
 *   joined voluntary insurance before 2021-01-01 with 20 years may retire
 *   at 60 (men) / 55 (women).
 * - Rate: women 45% at 15 years + 2% per further year, at most 75%; men
 *   45% at 20 years + 2% per year, at most 75%; men with 15–19 years 40%
 *   + 1% per year.  Leftover months: 1–6 count as half a year, 7–11 as a
 *   full year.
 * - Pension = rate × average income (incomes given already adjusted).
 * - One-time withdrawal alternative: 1.5 months of average income per
 *   year before 2014, 2 months per year from 2014, minus the state
 *   support received.
 * Rates are in basis points; amounts rounded once by money_round_div.
 */
#ifndef PLUSONE_RULES_PENSION_H
#define PLUSONE_RULES_PENSION_H

#include <stdbool.h>

#include "core/date.h"
#include "core/money.h"

typedef struct pension_plan {
	date_t dob;
	char sex;                   /* 'F' or 'M' */
	int months_before_2014;     /* contribution months before 2014-01-01 */
	int months_from_2014;       /* contribution months from 2014 until now */
	int months_planned;         /* months she plans to pay from now to retirement */
	money_t average_income;     /* average monthly income (adjusted) */
	money_t support_received;   /* state support received in all */
	bool joined_before_2021;    /* joined voluntary insurance before 2021-01-01 */
} pension_plan_t;

typedef struct pension_projection {
	date_t retirement_date;     /* first day at retirement age */
	int age_years, age_months;  /* the retirement age that applies */
	int total_months;           /* contribution months at retirement */
	bool eligible;              /* enough years at retirement age */
	int years_needed;           /* 15 (or 20) */
	int32_t rate_bp;            /* pension rate (0 when not eligible) */
	money_t monthly_pension;    /* rate × average income (0 when not eligible) */
	money_t one_time;           /* the withdrawal alternative */
	int missing_months;         /* months short of eligibility (0 when eligible) */
} pension_projection_t;

/* Projects the pension.  PO_EINVAL naming the field for impossible
 * inputs (sex not F/M, dob not a real day or after `today`, a month
 * count outside 0..1200, an amount outside 0..MONEY_MAX).  The
 * transitional rule is taken when it applies (the earlier retirement);
 * the one-time amount is never below 0.  pension.c has the counting. */
int pension_project(const pension_plan_t *plan, date_t today, pension_projection_t *out, err_t *e);

/* The retirement age for a person of that sex ('F', else taken as a
 * man) born on dob (a real day), and the date she reaches it (dob + the
 * age; the pension is paid from the first of the next month).  The age
 * is that of the first calendar year from 2021 in which she reaches that
 * year's age; 60 / 55 for those who reached it before 2021.  This
 * reproduces the cohorts of NĐ 135/2020 appendix I (men born 04/1966 on:
 * 62; women born 05/1975 on: 60). */
void pension_retirement(date_t dob, char sex, int *age_years, int *age_months, date_t *date);

#endif
