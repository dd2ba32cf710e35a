/* collect.h: collection: one payment, one receipt, its coverage lines,
 * the 1+1 referral; voiding, remitting, cash on hand, referral counts. */
#ifndef PLUSONE_APP_COLLECT_H
#define PLUSONE_APP_COLLECT_H

#include <jansson.h>

#include "app/app.h"
#include "rules/advance.h"
#include "rules/bhxh.h"

#define CATEGORY_REASON_MAX 300 /* bytes of the reason for a category override */
#define REFERRAL_WALK_MAX 100000 /* referrers followed up a chain, at most */

typedef struct collect_item {
	char scheme[5];             /* "bhxh" or "bhyt" */
	int64_t person;
	money_t income;             /* bhxh */
	int months;
	bool has_category;          /* bhxh: category given, else derived */
	enum bhxh_category category;
	int advance_years;          /* bhxh: 0, or paid ADVANCE_YEARS_MIN..MAX years in
	                             * advance (months = 12 × years, discounted) */
	/* bhxh: why a category other than the derived one is given (an
	 * officer's or administrator's override); "" for none */
	char category_reason[CATEGORY_REASON_MAX + 1];
} collect_item_t;

typedef struct collect_request {
	int64_t payer;
	int64_t referred_by;        /* 0 for none */
	char method[9];             /* "cash" (default) or "transfer" */
	collect_item_t items[RECEIPT_LINES_MAX];
	size_t n;
} collect_request_t;

/* Records one payment collected by `collector` on d, in one transaction:
 * checks the collector (a login of role admin, union or collector, not
 * disabled: PO_EINVAL naming "collector" otherwise), every person
 * (existing, inside the collector's units) and the referrer (existing,
 * inside them too, someone else than the payer, and not someone the
 * payer brought in, directly or down a chain: PO_EINVAL naming
 * "referred_by"), computes
 * each item with the rules in force on d (BHXH category derived from the
 * person: poverty certificate valid on d, ethnicity other
 * than Kinh, island unit; the highest support wins.  A category given
 * must be the derived one, unless the collector is an officer or an
 * administrator, who may choose another with a reason (category_reason,
 * else PO_EINVAL naming it; a collector's or union cadre's other
 * category is PO_EINVAL naming "category"); an override is recorded in
 * the receipt's audit entry, derived and chosen; the 120-month cap
 * counts the support already given; a BHXH item paid in advance
 * (advance_years) is quoted by bhxh_advance_quote_for: the discounted
 * amount as gross, the state support of each month left under the cap,
 * 12 × years months of cover; BHYT ordinals from the household's
 * members already paying this calendar year plus the items before it),
 * extends coverage from the last covered day, issues a receipt with the
 * book's next serial, records the referral.  Fills *r and lines[0..n).
 * Anything invalid: PO_EINVAL naming the field, nothing recorded. */
int app_collect(app_t *a, const char *collector, date_t d, const collect_request_t *rq, receipt_t *r,
		receipt_line_t *lines, err_t *e);

/* Computes exactly what app_collect would record for the same request on
 * the same data (the same checks, amounts, periods, ordinals and
 * categories, by the same code) and records nothing: the work runs in a
 * transaction that is rolled back, so no serial is used.  *r has no id,
 * book nor serial. */
int app_collect_preview(app_t *a, const char *collector, date_t d, const collect_request_t *rq, receipt_t *r,
			receipt_line_t *lines, err_t *e);

/* app_collect (record true) or app_collect_preview (record false), and,
 * when the error concerns one item, its index in *item (rq->n when it
 * concerns none; item may be NULL). */
int app_collect_run(app_t *a, const char *collector, date_t d, const collect_request_t *rq, bool record,
		    receipt_t *r, receipt_line_t *lines, size_t *item, err_t *e);

/* The same inside a transaction the caller holds: no commit nor
 * rollback (the caller does either); always records. */
int app_collect_in_tx(app_t *a, const char *collector, date_t d, const collect_request_t *rq, receipt_t *r,
		      receipt_line_t *lines, size_t *item, err_t *e);

struct app_idem; /* app/idem.h */

/* What a keyed payment of the command line hands to its idempotency
 * key's render function (app_collect_k). */
typedef struct collect_result {
	const receipt_t *r;
	const receipt_line_t *lines;
	size_t n;
} collect_result_t;

/* The canonical form of payment rq dated d, what an idempotency key
 * of a collection is checked against (app/idem.h), the same for every
 * client: {"date", "payer", "referred_by", "method", "items":
 * [{"scheme", "person", "months", "income" (0 but for bhxh),
 * "category" ("" when derived), "category_reason"}]}.  The caller owns
 * it; NULL when memory runs out. */
json_t *app_collect_canon(const collect_request_t *rq, date_t d);

/* app_collect under the idempotency key k (app/idem.h; NULL: none) of
 * the collector's login, in the payment's transaction: the same key and
 * payment again answers the first answer (k->replayed, k->rec; nothing
 * recorded, *r and lines not filled), the same key with another payment
 * is PO_ECONFLICT; otherwise the payment is recorded and k->render of a
 * collect_result_t remembered with the key. */
int app_collect_k(app_t *a, const char *collector, date_t d, const collect_request_t *rq, struct app_idem *k,
		  receipt_t *r, receipt_line_t *lines, err_t *e);

/* Whether recording that `referrer` brought `person` in would close a
 * loop: true when `person` is `referrer` or brought her in, directly or
 * through a chain of referrals (at most REFERRAL_WALK_MAX steps up). */
int app_referral_loops(app_t *a, int64_t person, int64_t referrer, bool *loops, err_t *e);

/* Voids a receipt not yet remitted: it stays, marked void with the
 * reason (1 to RECEIPT_REASON_MAX bytes), the user and the time; its
 * coverage no longer counts.  An unknown receipt is PO_EINVAL; one
 * already remitted or already void PO_ECONFLICT. */
int app_receipt_void(app_t *a, int64_t id, const char *reason, receipt_t *r, err_t *e);

/* The same inside a transaction the caller holds (with its audit entry). */
int app_receipt_void_in_tx(app_t *a, int64_t id, const char *reason, receipt_t *r, err_t *e);

/* Hands over the collector's receipts not remitted and not void, and
 * computes the collection organisation's commission: each line's net ×
 * the dated contract rate (family commission_bp) of its product, keyed
 * "<scheme>_m<months>_<new|cont>" (new: the person's first valid line of
 * that scheme); a product without a rate earns nothing. */
int app_remit(app_t *a, const char *collector, date_t d, int64_t *remit_id, int64_t *count, money_t *amount,
	      money_t *commission, err_t *e);

/* The same inside a transaction the caller holds (no commit nor
 * rollback). */
int app_remit_in_tx(app_t *a, const char *collector, date_t d, int64_t *remit_id, int64_t *count, money_t *amount,
		    money_t *commission, err_t *e);

/* The collector's valid receipts, money collected and remitted. */
int app_cash(app_t *a, const char *collector, int64_t *receipts, money_t *collected, money_t *remitted, err_t *e);

/* A receipt and its lines (lines has RECEIPT_LINES_MAX room). */
int app_receipt_show(app_t *a, int64_t id, receipt_t *r, receipt_line_t *lines, size_t *n, err_t *e);

/* Records afterwards that `referrer` mobilised `person` (relation:
 * family, neighbour, friend, other).  PO_ECONFLICT when she already has
 * a referrer. */
int app_referral_add(app_t *a, int64_t person, int64_t referrer, const char *relation, date_t d, err_t *e);

/* The same when `person` and `referrer` must live inside
 * scope[0..nscope) (NULL: no limit): one outside it is refused as one
 * who does not exist (PO_EINVAL, "person" or "by").  A referral that
 * closes a loop (the person brought the referrer in, directly or down a
 * chain) is PO_EINVAL ("by"). */
int app_referral_add_in(app_t *a, const int64_t *scope, size_t nscope, int64_t person, int64_t referrer,
			const char *relation, date_t d, err_t *e);

/* One person due to pay: whose cover ends (or ended) when. */
typedef struct due_item {
	person_t p;
	char scheme[5];
	date_t last;         /* last covered day */
} due_item_t;

/* People of the unit's subtree due to pay on date `on`: BHYT cards
 * ending within `days` days from `on` (or ended less than 90 days ago),
 * and BHXH participants whose paid period ended before `on`.  Calls fn
 * for each, ordered by the last covered day. */
#define DUE_DAYS_MAX 366 /* days ahead a due list looks at, at most */

int app_due(app_t *a, const char *unit_code, date_t on, int days, int (*fn)(const due_item_t *d, void *ctx),
	    void *ctx, err_t *e);

/* The same for the people attached to units[0..nunits) (sorted ids, a
 * subtree); *total (when not NULL) gets the number of entries due, also
 * those after fn stopped the walk. */
int app_due_in(app_t *a, const int64_t *units, size_t nunits, date_t on, int days,
	       int (*fn)(const due_item_t *d, void *ctx), void *ctx, size_t *total, err_t *e);

/* A person's voluntary BHXH participation on a date, derived from her
 * paid periods: enrolled or not; start; mode and income of the latest
 * payment; last covered day; the next period and its payment deadline;
 * the state: "active" (covered on the date), "due" (the next period has
 * begun and its deadline has not passed), "paused" (the deadline passed
 * without payment), "stopped" (a stop recorded after her last paid
 * period), "not_enrolled". */
typedef struct participation {
	bool enrolled;
	date_t start, last_covered, next_from, deadline;
	int mode_months;
	money_t income;
	const char *state;
} participation_t;

int app_participation(app_t *a, int64_t person, date_t on, participation_t *out, err_t *e);

/* Records that a person stopped voluntary BHXH on d, with the reason
 * (withdrawal, compulsory insurance, retirement, death).  From then on
 * her state is "stopped" until she pays again for a period after d. */
int app_participation_stop(app_t *a, int64_t person, date_t d, const char *reason, err_t *e);

#define REFERRAL_TOP_MAX 10

typedef struct referral_top {
	int64_t person;
	char full_name[NAME_BYTES_MAX + 1];
	int64_t mobilized;
} referral_top_t;

/* The 1+1 figures of a unit's subtree: referrals whose mobilised person
 * lives in it (pairs, distinct mobilisers, the top mobilisers, most
 * first then by id, at most REFERRAL_TOP_MAX), the longest chain ending
 * there (in people), and the completion rate: of its enrolled union
 * members (members with a valid payment), how many brought someone in,
 * in basis points rounded half up (0 when nobody is enrolled). */
typedef struct referral_summary {
	int64_t pairs, mobilizers, longest_chain;
	int64_t enrolled, brought, completion_bp;
	referral_top_t top[REFERRAL_TOP_MAX];
	size_t ntop;
} referral_summary_t;

/* The figures of the subtree of the unit with that code (in force today;
 * PO_EINVAL naming "unit" for an unknown code). */
int app_referral_summary(app_t *a, const char *unit_code, referral_summary_t *s, err_t *e);

/* The same for the units units[0..nunits) (sorted ids, a subtree). */
int app_referral_summary_in(app_t *a, const int64_t *units, size_t nunits, referral_summary_t *s, err_t *e);

/* Referrals whose mobilised person lives inside the unit's subtree:
 * pairs, distinct mobilisers, and the top mobilisers (most first, then
 * by id), at most REFERRAL_TOP_MAX. */
int app_referrals(app_t *a, const char *unit_code, int64_t *pairs, int64_t *mobilizers, referral_top_t *top,
		  size_t *ntop, err_t *e);

/* Who brought `person` in (1+1): *has false when nobody is recorded;
 * else her referrer's id, the relation and the date.  The person must be
 * inside scope[0..nscope) (PO_ENOTFOUND otherwise, as for a missing
 * one); the referrer may live elsewhere (the caller decides whether to
 * name her). */
int app_person_referrer(app_t *a, int64_t person, const int64_t *scope, size_t nscope, bool *has,
			int64_t *referrer, char relation[16], date_t *d, err_t *e);

/* Calls fn(person, relation, date, ctx) for each person `referrer`
 * brought in (PO_EINVAL when referrer is nobody). */
int app_referrals_by(app_t *a, int64_t referrer,
		     int (*fn)(int64_t person, const char *relation, date_t d, void *ctx), void *ctx, err_t *e);

/* The 1+1 completion rate of the unit's subtree: of the enrolled union
 * members (members with a valid payment), how many brought someone in
 * (*brought of *enrolled). */
int app_referral_completion(app_t *a, const char *unit_code, int64_t *enrolled, int64_t *brought, err_t *e);

/* The longest referral chain (in people: A brought B who brought C = 3)
 * among mobilised people of the unit's subtree. */
int app_referral_chain(app_t *a, const char *unit_code, int64_t *longest, err_t *e);

#endif
