/* bhxh.c: voluntary social insurance contributions (see bhxh.h).
 *
 * Integer arithmetic only, every monthly amount rounded once by
 * money_round_div.  No I/O, no allocation.
 *
 * Bounds that keep every product inside int64: the parameters are
 * checked on each quote (a value outside its range is a broken parameter
 * table, PO_EINVAL naming it):
 *   base salary, poverty line   1 .. PARAM_DONG_MAX (10^10 dong)
 *   rates and shares            0 .. 10000 bp
 *   ceiling factor              1 .. 1000
 *   support months              0 .. 1200
 * so the ceiling is at most 10^13, the income (between floor and
 * ceiling) at most 10^13, income × rate at most 10^17, poverty line ×
 * rate × share at most 10^10 × 10^4 × 10^4 = 10^18 < 9.2 × 10^18, and a
 * period total at most 12 × 10^13.
 */
#include <string.h>

#include "rules/bhxh.h"
#include "rules/bhxh_int.h"

#define PARAM_DONG_MAX 10000000000LL /* 10^10 dong: bound of a monthly reference amount */
#define BP_ONE 10000LL               /* 100% in basis points */
#define CEILING_FACTOR_MAX 1000
#define SUPPORT_MONTHS_MAX 1200

static const char *const category_names[BHXH_CATEGORY_COUNT] = {
	"poor", "near_poor", "ethnic_minority", "island", "other",
};

/* See bhxh.h.  "" for a value outside the enumeration. */
const char *bhxh_category_name(enum bhxh_category c)
{
	if ((int)c < 0 || (int)c >= BHXH_CATEGORY_COUNT)
		return "";
	return category_names[c];
}

/* See bhxh.h.  Exactly one of the five names (ASCII, lower case); NULL
 * or anything else is false with *out untouched. */
bool bhxh_category_parse(const char *s, enum bhxh_category *out)
{
	int c;
	if (!s)
		return false;
	for (c = 0; c < BHXH_CATEGORY_COUNT; c++) {
		if (strcmp(s, category_names[c]) == 0) {
			*out = (enum bhxh_category)c;
			return true;
		}
	}
	return false;
}

/* See bhxh_int.h: PO_OK when poverty <= income <= factor × base, else
 * PO_EINVAL (field "income", MSG_RULES_INCOME_LOW or _HIGH, the bound
 * formatted by money_format).  factor 1..1000 and base 1..10^10, so the
 * ceiling fits int64. */
int bhxh_income_check(money_t income, money_t poverty, int64_t factor, money_t base, err_t *e)
{
	money_t ceiling = factor * base;
	char inc[MONEY_FMT_MAX], bound[MONEY_FMT_MAX], bs[MONEY_FMT_MAX];
	if (income >= poverty && income <= ceiling)
		return PO_OK;
	money_format(income, 1, inc);
	if (income < poverty) {
		money_format(poverty, 1, bound);
		return err_set(e, PO_EINVAL, "income", MSG_RULES_INCOME_LOW, inc, bound);
	}
	money_format(ceiling, 1, bound);
	money_format(base, 1, bs);
	return err_set(e, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH, inc, bound,
		       (long long)factor, bs);
}

/* True when months is a payment mode of bhxh.h: 1, 3, 6 or 12. */
static bool valid_months(int months)
{
	return months == 1 || months == 3 || months == 6 || months == 12;
}

/* True when province is "" or two ASCII digits followed by a NUL (the
 * only bytes read are those up to the first NUL, at most 3). */
static bool valid_province(const char province[3])
{
	if (province[0] == '\0')
		return true;
	return province[0] >= '0' && province[0] <= '9' && province[1] >= '0' &&
	       province[1] <= '9' && province[2] == '\0';
}

/* poverty_line × rate_bp × share_bp / 10^8, rounded once: one month of
 * support.  Fits int64 within the bounds at the top of this file. */
static money_t support_per_month(money_t poverty_line, int64_t rate_bp, int64_t share_bp)
{
	return money_round_div(poverty_line * rate_bp * share_bp, BP_ONE * BP_ONE);
}

/* See bhxh.h.  The checks, in order: category, months, supported_before,
 * province (PO_EINVAL naming that field), the parameters on r->date
 * (PO_ENOTFOUND, or PO_EINVAL for one outside the bounds at the top
 * of this file), then the income against floor and ceiling (PO_EINVAL,
 * field "income", the bound formatted by money_format).  Then:
 *   gross  = round(income × rate / 10^4)
 *   state  = round(poverty line × rate × share(category) / 10^8)
 *   local  = round(poverty line × rate × share(province) / 10^8), 0 when
 *            province is "" or has no bhxh_local_support_bp row on the
 *            date, and never more than gross − state (so net >= 0 even
 *            when the two shares add up to more than 100%)
 *   net    = gross − state − local
 *   supported_months = min(months, max(0, support months max −
 *            supported_before)): only state support counts toward the cap
 *   totals = monthly amount × months, except the state support, which is
 *            × supported_months; local support has no cap of its own (no
 *            rule caps it: the province's decision sets its terms).
 * *q is written only on success. */
int bhxh_quote(const params_t *p, const bhxh_request_t *r, bhxh_quote_t *q, err_t *e)
{
	int64_t base, poverty, rate, factor, months_max, share, local_share = 0;
	int64_t left;
	money_t ceiling, gross, state, local;
	int rc;
	if ((int)r->category < 0 || (int)r->category >= BHXH_CATEGORY_COUNT)
		return err_set(e, PO_EINVAL, "category", MSG_RULES_CATEGORY, (int)r->category);
	if (!valid_months(r->months))
		return err_set(e, PO_EINVAL, "months", MSG_RULES_BHXH_MONTHS, r->months);
	if (r->supported_before < 0)
		return err_set(e, PO_EINVAL, "supported_before", MSG_RULES_SUPPORTED_BEFORE,
			       r->supported_before);
	if (!valid_province(r->province))
		return err_set(e, PO_EINVAL, "province", MSG_RULES_PROVINCE);

	if ((rc = params_get_range(p, P_BASE_SALARY, "", r->date, 1, PARAM_DONG_MAX, &base, e)) ||
	    (rc = params_get_range(p, P_POVERTY_LINE, "", r->date, 1, PARAM_DONG_MAX, &poverty, e)) ||
	    (rc = params_get_range(p, P_BHXH_RATE, "", r->date, 0, BP_ONE, &rate, e)) ||
	    (rc = params_get_range(p, P_BHXH_CEILING, "", r->date, 1, CEILING_FACTOR_MAX, &factor,
				 e)) ||
	    (rc = params_get_range(p, P_BHXH_SUPPORT_MONTHS, "", r->date, 0, SUPPORT_MONTHS_MAX,
				 &months_max, e)) ||
	    (rc = params_get_range(p, P_BHXH_SUPPORT, category_names[r->category], r->date, 0,
				 BP_ONE, &share, e)))
		return rc;
	if (r->province[0] != '\0') {
		/* no error text for a missing row: it means no local support */
		if (params_get(p, P_BHXH_LOCAL, r->province, r->date, &local_share, NULL) != PO_OK)
			local_share = 0;
		else if ((rc = params_get_range(p, P_BHXH_LOCAL, r->province, r->date, 0, BP_ONE, &local_share, e)))
			return rc;
	}

	ceiling = factor * base;
	if ((rc = bhxh_income_check(r->income, poverty, factor, base, e)))
		return rc;

	gross = money_round_div(r->income * rate, BP_ONE); /* <= 10^13 × 10^4 */
	state = support_per_month(poverty, rate, share);
	local = local_share ? support_per_month(poverty, rate, local_share) : 0;
	if (local > gross - state)
		local = gross - state;
	left = months_max - r->supported_before;
	if (left < 0)
		left = 0;

	/* all checks passed: *q is written from here on */
	q->gross = gross;
	q->state_support = state;
	q->local_support = local;
	q->net = gross - state - local;
	q->supported_months = left < r->months ? (int)left : r->months;
	q->total_gross = gross * r->months;
	q->total_state_support = state * q->supported_months;
	q->total_local_support = local * r->months;
	q->total_net = q->total_gross - q->total_state_support - q->total_local_support;
	q->poverty_line = poverty;
	q->base_salary = base;
	q->floor = poverty;
	q->ceiling = ceiling;
	q->rate_bp = (int32_t)rate;
	q->support_bp = (int32_t)share;
	q->local_bp = (int32_t)local_share;
	return PO_OK;
}

/* See bhxh.h. */
date_t bhxh_payment_deadline(date_t start, int months)
{
	int window = months == 3 ? 3 : months == 6 ? 4 : months == 12 ? 7 : 1;
	date_t first = date_make(start.y, start.m, 1);
	/* within the month(s) the window covers, counted from the period's month */
	return date_add_days(date_add_months(first, window), -1);
}
