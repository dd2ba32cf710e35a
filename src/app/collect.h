/* collect.h: collection: one payment, one receipt, its coverage lines,
 * the 1+1 referral; voiding, remitting, cash on hand, referral counts. */
#ifndef PLUSONE_APP_COLLECT_H
#define PLUSONE_APP_COLLECT_H

#include "app/app.h"
#include "rules/bhxh.h"

typedef struct collect_item {
	char scheme[5];             /* "bhxh" or "bhyt" */
	int64_t person;
	money_t income;             /* bhxh */
	int months;
	bool has_category;          /* bhxh: category given, else derived */
	enum bhxh_category category;
} collect_item_t;

typedef struct collect_request {
	int64_t payer;
	int64_t referred_by;        /* 0 for none */
	collect_item_t items[RECEIPT_LINES_MAX];
	size_t n;
} collect_request_t;

/* Records one payment collected by `collector` on d, in one transaction:
 * checks every person (existing, inside the collector's units), computes
 * each item with the rules in force on d (BHXH category derived from the
 * person when not given: poverty certificate valid on d, ethnicity other
 * than Kinh, island unit; the highest support wins; the 120-month cap
 * counts the support already given; BHYT ordinals from the household's
 * members already paying this calendar year plus the items before it),
 * extends coverage from the last covered day, issues a receipt with the
 * book's next serial, records the referral.  Fills *r and lines[0..n).
 * Anything invalid: PO_EINVAL naming the field, nothing recorded. */
int app_collect(app_t *a, const char *collector, date_t d, const collect_request_t *rq, receipt_t *r,
		receipt_line_t *lines, err_t *e);

/* Voids a receipt not yet remitted: it stays, marked void with the
 * reason, the user and the time; its coverage no longer counts. */
int app_receipt_void(app_t *a, int64_t id, const char *reason, receipt_t *r, err_t *e);

/* Hands over the collector's receipts not remitted and not void. */
int app_remit(app_t *a, const char *collector, date_t d, int64_t *remit_id, int64_t *count, money_t *amount,
	      err_t *e);

/* The collector's valid receipts, money collected and remitted. */
int app_cash(app_t *a, const char *collector, int64_t *receipts, money_t *collected, money_t *remitted, err_t *e);

#define REFERRAL_TOP_MAX 10

typedef struct referral_top {
	int64_t person;
	char full_name[NAME_BYTES_MAX + 1];
	int64_t mobilized;
} referral_top_t;

/* Referrals whose mobilised person lives inside the unit's subtree:
 * pairs, distinct mobilisers, and the top mobilisers (most first, then
 * by id), at most REFERRAL_TOP_MAX. */
int app_referrals(app_t *a, const char *unit_code, int64_t *pairs, int64_t *mobilizers, referral_top_t *top,
		  size_t *ntop, err_t *e);

#endif
