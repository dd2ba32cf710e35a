/* bhxh.h: voluntary social insurance (BHXH tự nguyện) contributions.
 *
 * Pure: the amounts follow from the parameters in force on the payment
 * date and the inputs, nothing else.  Rules (see docs/rules.md), each
 * monthly amount rounded once, half up, by money_round_div:
 *   gross monthly       = income × bhxh_rate_bp / 10^4
 *   state support/month = poverty_line × bhxh_rate_bp × support_bp(category) / 10^8
 *   local support/month = poverty_line × bhxh_rate_bp × local_bp(province) / 10^8
 *                         (0 when no row for the province; never more
 *                         than gross − state support)
 *   net monthly = gross − state − local
 * Income must lie between the rural poverty line (floor) and
 * bhxh_ceiling_factor × base salary (ceiling) in force on the date.
 * State support is paid for at most bhxh_support_months_max months of a
 * person's participation in all: given the months already supported, a
 * quote supports only the months left.  Local support has no such cap.
 */
#ifndef PLUSONE_RULES_BHXH_H
#define PLUSONE_RULES_BHXH_H

#include <stdbool.h>

#include "core/money.h"
#include "rules/params.h"

enum bhxh_category {
	BHXH_POOR = 0,        /* hộ nghèo */
	BHXH_NEAR_POOR,       /* hộ cận nghèo */
	BHXH_ETHNIC_MINORITY, /* dân tộc thiểu số */
	BHXH_ISLAND,          /* xã đảo, đặc khu */
	BHXH_OTHER,           /* everyone else */
	BHXH_CATEGORY_COUNT
};

/* "poor", "near_poor", "ethnic_minority", "island", "other" (also the
 * keys of bhxh_support_bp); "" for a value outside the enumeration. */
const char *bhxh_category_name(enum bhxh_category c);

/* True and *out for exactly one of those names; false (and *out
 * untouched) for anything else, NULL included. */
bool bhxh_category_parse(const char *s, enum bhxh_category *out);

typedef struct bhxh_request {
	date_t date;               /* payment date: the parameters of this day apply */
	money_t income;            /* chosen monthly income (thu nhập làm căn cứ đóng) */
	int months;                /* 1, 3, 6 or 12 */
	enum bhxh_category category;
	char province[3];          /* 2-digit code for local support, "" for none */
	int supported_before;      /* months of state support already received (0..) */
} bhxh_request_t;

typedef struct bhxh_quote {
	/* per month */
	money_t gross, state_support, local_support, net;
	/* for the period */
	money_t total_gross, total_state_support, total_local_support, total_net;
	int supported_months;      /* months of the period that get state support */
	/* the parameters used */
	money_t poverty_line, base_salary, floor, ceiling;
	int32_t rate_bp, support_bp, local_bp;
} bhxh_quote_t;

/* Quotes a payment.  PO_OK and *q, or PO_EINVAL naming the field: income
 * below the floor or above the ceiling (the message states the bound in
 * dong, formatted the Vietnamese way: "1.500.000 đ"), months not
 * 1/3/6/12, an unknown category, supported_before negative, a province
 * that is neither "" nor 2 digits; PO_ENOTFOUND when a parameter is
 * missing for the date (a missing local support row is not an error:
 * it means 0); PO_EINVAL (field: the family) when a parameter in force lies outside the
 * bounds that keep the arithmetic exact (base salary and poverty line
 * 1 .. 10^10 dong, rates and shares 0 .. 10000 bp, ceiling factor
 * 1 .. 1000, support months 0 .. 1200).  Totals: gross, local support
 * and net × months, state support × supported_months.  *q is written
 * only on success.  No I/O, no allocation. */
int bhxh_quote(const params_t *p, const bhxh_request_t *r, bhxh_quote_t *q, err_t *e);

/* The last day to pay the period that starts on `start` in a mode of
 * `months` months (Luật BHXH 2024 art. 36(3)): monthly within the month;
 * every 3 months within the 3 months; every 6 months within its first 4
 * months; every 12 months within its first 7 months.  A participant who
 * has not paid by then counts as paused.  months other than 1/3/6/12 is
 * treated as monthly. */
date_t bhxh_payment_deadline(date_t start, int months);

#endif
