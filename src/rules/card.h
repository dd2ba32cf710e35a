/* card.h: when a household health insurance card is valid.  Pure.
 *
 * A continuing participant's new card starts the day after the old one
 * ends.  A first-time participant, or one whose cover lapsed, gets a card
 * valid from 30 days after paying in full (Luật 51/2024 art. 16(3)).
 * "Lapsed" is dated: from 2025-07-01, a gap of 90 days or more since the
 * old card ended; before, a gap of 3 months or more (counted in calendar
 * months) within the fiscal year.  Both numbers are parameters:
 * P_CARD_WAIT_DAYS (30), P_CARD_LAPSE_DAYS (90, from 2025-07-01; absent
 * before) and P_CARD_LAPSE_MONTHS (3, before 2025-07-01).  Which rule
 * applies is decided by the payment date: the days rule when a
 * P_CARD_LAPSE_DAYS row is in force on it.
 *
 * Counting (card.c has the details): the uncovered days are those from
 * the day after the old card's end to the day before the payment.  Days
 * rule: lapsed when there are P_CARD_LAPSE_DAYS of them or more (paid 90
 * days after the old end: 89 uncovered days, continuous).  Months rule:
 * the uncovered days are cut at each year end (fiscal year = calendar
 * year) and lapsed when one year's piece spans P_CARD_LAPSE_MONTHS
 * calendar months (date_add_months from its first day) or more.
 */
#ifndef PLUSONE_RULES_CARD_H
#define PLUSONE_RULES_CARD_H

#include <stdbool.h>

#include "rules/params.h"

#define P_CARD_WAIT_DAYS "bhyt_card_wait_days"
#define P_CARD_LAPSE_DAYS "bhyt_lapse_days"
#define P_CARD_LAPSE_MONTHS "bhyt_lapse_months"

typedef struct card_validity {
	date_t from, to;   /* first and last day covered */
	bool continuous;   /* starts the day after the previous card */
} card_validity_t;

/* The validity of a card paid on `paid` for `months` months (3, 6, 12),
 * given the last day of the previous card (has_previous false for a
 * first-time participant).  to = date_add_months(from, months) − 1 day
 * (the day clamped: from 2025-08-31, 3 months end on 2025-11-29).
 * Continuous: from = previous_end + 1, also when paid before the old
 * card ends or within the allowed gap; first time or lapsed: from =
 * paid + P_CARD_WAIT_DAYS.  PO_EINVAL naming "paid" or "previous_end"
 * (not a real day; previous_end more than 12 months after paid) or
 * "months" (not 3, 6, 12); PO_ENOTFOUND for a missing parameter;
 * PO_EINVAL for a parameter out of its bounds.  *out is written only
 * on success. */
int bhyt_card_validity(const params_t *p, date_t paid, int months, bool has_previous, date_t previous_end,
		       card_validity_t *out, err_t *e);

#endif
