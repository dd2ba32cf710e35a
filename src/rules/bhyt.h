/* bhyt.h: household health insurance (BHYT hộ gia đình) contributions.
 *
 * Pure.  The first member of a household pays bhyt_rate_bp of the base
 * salary per month; the 2nd, 3rd, 4th pay tier 2, 3, 4 of that, the 5th
 * and later tier 5 (bhyt_tier_bp, keyed "1".."5").  The base salary on
 * the payment date applies to the whole period (no top-up when it
 * changes within the period); each person's monthly amount,
 * base × bhyt_rate_bp × tier_bp / 10^8, is rounded once, half up, by
 * money_round_div, then multiplied by the months.
 */
#ifndef PLUSONE_RULES_BHYT_H
#define PLUSONE_RULES_BHYT_H

#include "core/money.h"
#include "rules/params.h"

#define BHYT_MEMBERS_MAX 50 /* members quoted at once */

typedef struct bhyt_request {
	date_t date;       /* payment date */
	int members;       /* 1..BHYT_MEMBERS_MAX people joining together */
	int months;        /* 3, 6 or 12 */
	int first_ordinal; /* ordinal of the first of them (1 for a new household) */
} bhyt_request_t;

typedef struct bhyt_person {
	int ordinal;
	money_t monthly, amount;
	int32_t tier_bp;
} bhyt_person_t;

typedef struct bhyt_quote {
	bhyt_person_t person[BHYT_MEMBERS_MAX];
	int n;
	money_t total;
	money_t base_salary;
	int32_t rate_bp;
} bhyt_quote_t;

/* Quotes the premiums: person[i] has ordinal first_ordinal + i, for i <
 * members; total is the sum of their amounts.  PO_OK and *q (person[]
 * from n on zeroed), or PO_EINVAL naming the field (members outside
 * 1..BHYT_MEMBERS_MAX, months not 3/6/12, first_ordinal outside
 * 1..1000), PO_ENOTFOUND for a parameter missing on the date (only the
 * tiers the members need are read), or PO_EINVAL (field: the family) for a parameter
 * outside the bounds that keep the arithmetic exact (base salary
 * 1 .. 10^10 dong, rate and tiers 0 .. 10000 bp).  *q is written only
 * on success.  No I/O, no allocation. */
int bhyt_quote(const params_t *p, const bhyt_request_t *r, bhyt_quote_t *q, err_t *e);

#endif
