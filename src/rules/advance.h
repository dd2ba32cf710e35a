/* advance.h: voluntary BHXH paid at once: in advance for up to 5 years
 * (đóng trước, a lower amount), or for the missing time needed to reach
 * a pension (đóng cho thời gian còn thiếu, a higher amount), and the
 * refund of unused months.  Pure.
 *
 * Advance (NĐ 159/2025 art. 6; NĐ 134/2015 art. 10(3) the same way):
 *     Σ_{i=1..12n} TN × 22% / (1 + r)^(i−1),   n ≤ 5 years
 * Missing time (NĐ 159/2025 art. 7; ≤ 120 months under NĐ 134/2015):
 *     Σ_{i=1..t} TN × 22% × (1 + r)^i,          t ≤ 60 months
 * r is the average monthly investment rate of the social insurance fund
 * for the year before the payment: parameter family P_FUND_RATE, keyed by
 * that year ("2024"), value in millionths per month (ppm: 4833 =
 * 0.4833 %/month).  A quote is refused when that year's rate is not
 * recorded.  The terms are over the monthly gross g = round(TN × 22%)
 * (rounded first, as bhxh_quote's gross); the sum of g-terms is computed
 * exactly in rational arithmetic (a fixed-size bignum, see advance.c)
 * and rounded once, half up, by money_round_div.  r must lie in
 * 0..20000 ppm and P_MISSING_MONTHS_MAX in 1..120 (else PO_EINVAL naming it: a
 * broken parameter table).  *q is written only on success.
 */
#ifndef PLUSONE_RULES_ADVANCE_H
#define PLUSONE_RULES_ADVANCE_H

#include "core/money.h"
#include "rules/bhxh.h"
#include "rules/params.h"

#define P_FUND_RATE "bhxh_fund_rate_ppm" /* key: year; value: millionths per month */
#define P_MISSING_MONTHS_MAX "bhxh_missing_months_max" /* 60 from 2025-07-01, 120 before */
/* An advance covers several years ("nhiều năm về sau", Luật BHXH 2024
 * art. 36(2)): at least 2.  One year at once is the 12-month mode
 * (bhxh_quote, months 12: no discount), so a line of 24 months or more
 * is an advance and one of 12 months or fewer never is. */
#define ADVANCE_YEARS_MIN 2
#define ADVANCE_YEARS_MAX 5

typedef struct lump_quote {
	int months;              /* months paid for */
	money_t monthly_gross;   /* TN × 22%, rounded */
	money_t amount;          /* the discounted / compounded total, rounded once */
	money_t undiscounted;    /* monthly_gross × months, for comparison */
	int32_t rate_ppm;        /* r used */
	int rate_year;           /* the year r is for */
	/* state support (advance only; 0 for the missing time) */
	enum bhxh_category category;
	money_t poverty_line;    /* in force on the payment date */
	int32_t support_bp;      /* the category's share */
	money_t monthly_state_support; /* as bhxh_quote's state_support */
	int supported_months;    /* months of the advance that get it (the 120-month cap) */
	money_t state_support;   /* monthly_state_support × supported_months, at most amount */
	money_t net;             /* amount − state_support: what the participant pays */
} lump_quote_t;

/* Advance payment for `years` (ADVANCE_YEARS_MIN..MAX; 12 × years
 * months) at income r->income on r->date for category r->category, with
 * r->supported_before months of state support already received
 * (r->months and r->province are not read: no local support is applied
 * to an advance).  The discounted amount as above, and the state support
 * of bhxh_quote for each advance month left under the 120-month cap
 * (bhxh_support_months_max), not discounted: NĐ 159/2025 pays support on
 * advance payments (its refund rule subtracts the support received), per
 * month at the poverty line of the payment date.  The support is never
 * more than the amount (net >= 0).  Refusals: PO_EINVAL for years out of
 * range (field "years", MSG_ADV_YEARS), a bad category or a negative
 * supported_before (as bhxh_quote), the income bounds; PO_ENOTFOUND
 * (field "rate", MSG_ADV_RATE_MISSING naming the year) when r for the
 * year before the date is missing; parameter errors as bhxh_quote. */
int bhxh_advance_quote_for(const params_t *p, const bhxh_request_t *r, int years, lump_quote_t *q, err_t *e);

/* bhxh_advance_quote_for for category "other" (the support everyone
 * receives) with no support received before. */
int bhxh_advance_quote(const params_t *p, date_t d, money_t income, int years, lump_quote_t *q, err_t *e);

/* Lump sum for `months` missing months (1..P_MISSING_MONTHS_MAX in force
 * on d) at income TN on date d, without state support (none is known
 * for these months: open), so state_support 0 and net = amount.  Same
 * refusals; PO_EINVAL (field "months") for months out of range;
 * PO_ENOTFOUND when no P_MISSING_MONTHS_MAX row is in force on d. */
int bhxh_missing_quote(const params_t *p, date_t d, money_t income, int months, lump_quote_t *q, err_t *e);

/* The refund of a prepaid period: paid_total for paid_months months, of
 * which used_months were used, minus the state support received for the
 * unused months (support_per_month × unused supported months, where
 * supported_months of the period were supported):
 *     refund = paid_total × unused / paid_months (rounded once)
 *              − support_per_month × min(unused, supported_months)
 * never below 0.  PO_EINVAL naming the field for paid_months outside
 * 1..1200, used_months or supported_months outside 0..paid_months,
 * paid_total or support_per_month outside 0..MONEY_MAX.  *refund is
 * written only on success. */
int bhxh_refund(money_t paid_total, int paid_months, int used_months, money_t support_per_month,
		int supported_months, money_t *refund, err_t *e);

#endif
