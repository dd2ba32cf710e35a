/* bhyt.c: household health insurance contributions (see bhyt.h).
 *
 * Integer arithmetic only; each person's monthly amount is rounded once
 * by money_round_div.  No I/O, no allocation.
 *
 * Bounds that keep every product inside int64: the parameters are
 * checked on each quote (a value outside its range is a broken parameter
 * table, PO_EINVAL naming it): base salary 1 .. 10^10 dong, rate and tiers
 * 0 .. 10000 bp, so base × rate × tier <= 10^18 < 9.2 × 10^18, and the
 * total of 50 people over 12 months at most 6 × 10^12.
 */
#include <string.h>

#include "rules/bhyt.h"

#define PARAM_DONG_MAX 10000000000LL /* 10^10 dong: bound of a monthly reference amount */
#define BP_ONE 10000LL               /* 100% in basis points */
#define TIERS 5                      /* tier "5" is for the 5th member and later */
#define ORDINAL_MAX 1000             /* bound of first_ordinal */

static const char *const tier_keys[TIERS] = {"1", "2", "3", "4", "5"};

/* The tier (0-based index into tier_keys) of the member with ordinal
 * k >= 1: k − 1 for the first four, 4 for the 5th and later. */
static int tier_of(int k)
{
	return k >= TIERS ? TIERS - 1 : k - 1;
}

/* See bhyt.h.  Checks members (1..BHYT_MEMBERS_MAX), months (3, 6, 12),
 * first_ordinal (1..1000), in that order, PO_EINVAL naming the field;
 * then reads base salary, rate and the tiers needed on r->date
 * (PO_ENOTFOUND, or PO_EINVAL for a value outside the bounds at the
 * top of this file).  Person i (0-based) has ordinal first_ordinal + i;
 * monthly = round(base × rate × tier / 10^8), amount = monthly × months,
 * total = the sum of the amounts.  No top-up when the base salary
 * changes within the period.  *q is written only on success; its
 * person[] entries from n on are zero. */
int bhyt_quote(const params_t *p, const bhyt_request_t *r, bhyt_quote_t *q, err_t *e)
{
	int64_t base, rate, tier_bp[TIERS] = {0};
	int t, t_first, t_last, i, rc;
	money_t total = 0;
	if (r->members < 1 || r->members > BHYT_MEMBERS_MAX)
		return err_set(e, PO_EINVAL, "members", MSG_RULES_BHYT_MEMBERS, BHYT_MEMBERS_MAX,
			       r->members);
	if (r->months != 3 && r->months != 6 && r->months != 12)
		return err_set(e, PO_EINVAL, "months", MSG_RULES_BHYT_MONTHS, r->months);
	if (r->first_ordinal < 1 || r->first_ordinal > ORDINAL_MAX)
		return err_set(e, PO_EINVAL, "first_ordinal", MSG_RULES_BHYT_ORDINAL, ORDINAL_MAX,
			       r->first_ordinal);

	if ((rc = params_get_range(p, P_BASE_SALARY, "", r->date, 1, PARAM_DONG_MAX, &base, e)) ||
	    (rc = params_get_range(p, P_BHYT_RATE, "", r->date, 0, BP_ONE, &rate, e)))
		return rc;
	t_first = tier_of(r->first_ordinal);
	t_last = tier_of(r->first_ordinal + r->members - 1);
	for (t = t_first; t <= t_last; t++)
		if ((rc = params_get_range(p, P_BHYT_TIER, tier_keys[t], r->date, 0, BP_ONE, &tier_bp[t], e)))
			return rc;

	for (i = 0; i < r->members; i++) {
		bhyt_person_t *pp = &q->person[i];
		int k = r->first_ordinal + i;
		int64_t tb = tier_bp[tier_of(k)];
		pp->ordinal = k;
		pp->tier_bp = (int32_t)tb;
		pp->monthly = money_round_div(base * rate * tb, BP_ONE * BP_ONE);
		pp->amount = pp->monthly * r->months;
		total += pp->amount;
	}
	if (r->members < BHYT_MEMBERS_MAX)
		memset(&q->person[r->members], 0,
		       (size_t)(BHYT_MEMBERS_MAX - r->members) * sizeof q->person[0]);
	q->n = r->members;
	q->total = total;
	q->base_salary = base;
	q->rate_bp = (int32_t)rate;
	return PO_OK;
}
