/* card.c: when a household health insurance card is valid (see card.h).
 *
 * Pure: no I/O, no allocation, integer dates only.
 *
 * The rule, by the payment date `paid`:
 *
 * - No previous card: first time.  from = paid + P_CARD_WAIT_DAYS.
 * - A previous card that ends on or after paid − 1 day (paid before the
 *   old card ends, or on the day after): continuous.
 * - Otherwise there is a gap: the uncovered days run from g =
 *   previous_end + 1 to paid − 1, both included.
 *   - When P_CARD_LAPSE_DAYS is in force on paid (from 2025-07-01): the
 *     gap is date_to_days(paid) − date_to_days(g), the number of
 *     uncovered days before the payment day (paid the day after the old
 *     card ended: 0; paid 90 days after: 89).  Lapsed when gap >=
 *     P_CARD_LAPSE_DAYS.
 *   - Before (no lapse-days row on paid): the older rule "a gap of 3
 *     months or more within the fiscal year" (fiscal year = calendar
 *     year).  The uncovered days are cut at each 31 December into one
 *     piece per calendar year; a piece [s, t] counts
 *     P_CARD_LAPSE_MONTHS (N) months or more when
 *     t + 1 >= date_add_months(s, N), i.e. it spans N calendar months
 *     as date_add_months counts them (the day clamped to the month's
 *     end).  Lapsed when some piece does.  So, N = 3: old card ends
 *     2024-03-31, paid 2024-06-30 → continuous; paid 2024-07-01 →
 *     lapsed.  Old card ends 2023-10-31, paid 2024-03-01 → two pieces of
 *     2 months (Nov–Dec 2023, Jan–Feb 2024) → continuous.  A gap that
 *     covers a whole calendar year is always lapsed (N <= 12).
 * - Continuous: from = previous_end + 1 (also when paid is earlier, and
 *   also when paid is later within the allowed gap: the new period
 *   follows on from the old card).  Lapsed: from = paid + wait days.
 * - to = date_add_months(from, months) − 1 day.
 *
 * Parameter bounds (a value outside is a broken parameter table,
 * PO_EINVAL naming it): wait days 0..365, lapse days 1..3650, lapse months
 * 1..12.
 */
#include "rules/card.h"

#define WAIT_DAYS_MAX 365
#define LAPSE_DAYS_MAX 3650
#define LAPSE_MONTHS_MAX 12 /* a fiscal year has 12 months */

/* True when the uncovered days s..t (s <= t, both included) span n
 * calendar months or more: t + 1 on or after date_add_months(s, n). */
static bool spans_months(date_t s, date_t t, int n)
{
	return date_cmp(date_add_days(t, 1), date_add_months(s, n)) >= 0;
}

/* The older rule: true when the uncovered days g..last (g <= last), cut
 * into one piece per calendar year, have a piece spanning n months or
 * more (1 <= n <= 12).  Only the first and the last year's pieces can be
 * short: a year in between is a whole 12 months. */
static bool lapsed_in_fiscal_year(date_t g, date_t last, int n)
{
	if (g.y == last.y)
		return spans_months(g, last, n);
	if (last.y - g.y >= 2)
		return true;
	return spans_months(g, date_make(g.y, 12, 31), n) || spans_months(date_make(last.y, 1, 1), last, n);
}

/* True when d is a real calendar day. */
static bool valid(date_t d)
{
	return date_valid(d.y, d.m, d.d);
}

/* Decides whether the participant who paid on `paid`, whose previous
 * card ended on previous_end, lapsed (see the top of this file): *lapsed
 * set; PO_OK, or a parameter error (PO_ENOTFOUND, PO_EINVAL). */
static int is_lapsed(const params_t *p, date_t paid, date_t previous_end, bool *lapsed, err_t *e)
{
	date_t g = date_add_days(previous_end, 1); /* first uncovered day */
	int64_t lapse_days, lapse_months;
	int rc;
	if (date_cmp(g, paid) >= 0) {
		*lapsed = false; /* no uncovered day before the payment */
		return PO_OK;
	}
	/* no lapse-days row on paid (before 2025-07-01): the months rule */
	if (params_get(p, P_CARD_LAPSE_DAYS, "", paid, &lapse_days, NULL) == PO_OK) {
		if ((rc = params_get_range(p, P_CARD_LAPSE_DAYS, "", paid, 1, LAPSE_DAYS_MAX, &lapse_days, e)))
			return rc;
		*lapsed = (int64_t)date_to_days(paid) - date_to_days(g) >= lapse_days;
		return PO_OK;
	}
	if ((rc = params_get_range(p, P_CARD_LAPSE_MONTHS, "", paid, 1, LAPSE_MONTHS_MAX, &lapse_months, e)))
		return rc;
	*lapsed = lapsed_in_fiscal_year(g, date_add_days(paid, -1), (int)lapse_months);
	return PO_OK;
}

/* See card.h.  Checks, in order: paid a real day (PO_EINVAL "paid",
 * MSG_CARD_DATE_INVALID), months 3/6/12 ("months",
 * MSG_RULES_BHYT_MONTHS), and with a previous card previous_end a real
 * day ("previous_end", MSG_CARD_DATE_INVALID) not after paid + 12
 * months ("previous_end", MSG_CARD_PREVIOUS_END).  Then reads the
 * parameters on paid (PO_ENOTFOUND when missing; PO_EINVAL for a
 * value outside the bounds at the top of this file).  The wait days are
 * read for every card, so a table without them fails the same way for
 * everybody.  *out is written only on success. */
int bhyt_card_validity(const params_t *p, date_t paid, int months, bool has_previous, date_t previous_end,
		       card_validity_t *out, err_t *e)
{
	int64_t wait_days;
	bool lapsed = true;
	date_t from;
	int rc;
	if (!valid(paid))
		return err_set(e, PO_EINVAL, "paid", MSG_CARD_DATE_INVALID, paid.y, paid.m, paid.d);
	if (months != 3 && months != 6 && months != 12)
		return err_set(e, PO_EINVAL, "months", MSG_RULES_BHYT_MONTHS, months);
	if (has_previous) {
		char a[DATE_ISO_LEN + 1], b[DATE_ISO_LEN + 1];
		if (!valid(previous_end))
			return err_set(e, PO_EINVAL, "previous_end", MSG_CARD_DATE_INVALID, previous_end.y,
				       previous_end.m, previous_end.d);
		if (date_cmp(previous_end, date_add_months(paid, 12)) > 0) {
			date_format_iso(previous_end, a);
			date_format_iso(paid, b);
			return err_set(e, PO_EINVAL, "previous_end", MSG_CARD_PREVIOUS_END, a, b);
		}
	}
	if ((rc = params_get_range(p, P_CARD_WAIT_DAYS, "", paid, 0, WAIT_DAYS_MAX, &wait_days, e)))
		return rc;
	if (has_previous && (rc = is_lapsed(p, paid, previous_end, &lapsed, e)))
		return rc;
	if (lapsed)
		from = date_add_days(paid, (int32_t)wait_days);
	else
		from = date_add_days(previous_end, 1);
	out->from = from;
	out->to = date_add_days(date_add_months(from, months), -1);
	out->continuous = !lapsed;
	return PO_OK;
}
