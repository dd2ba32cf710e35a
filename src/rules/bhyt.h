/* bhyt.h: household health insurance (BHYT hộ gia đình) contributions.
 *
 * Pure.  The first member of a household pays bhyt_rate_bp of the base
 * salary per month; the 2nd, 3rd, 4th pay tier 2, 3, 4 of that, the 5th
 * and later tier 5 (bhyt_tier_bp, keyed "1".."5").  The base salary on
 * the payment date applies to the whole period; each person's monthly
 * amount is rounded once, then multiplied by the months.
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

/* Quotes the premiums.  PO_OK and *q, or PO_EINVAL naming the field
 * (members, months, first_ordinal out of bounds), or PO_ENOTFOUND for a
 * parameter missing on the date. */
int bhyt_quote(const params_t *p, const bhyt_request_t *r, bhyt_quote_t *q, err_t *e);

#endif
