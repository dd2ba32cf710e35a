/* ledger.h: the money use cases on behalf of a logged-in user (the web
 * API and pages), and receipts read back as printed.
 *
 * Each *_by use case takes the caller (`by`) and her units (`scope`,
 * sorted ids, nscope of them; NULL for no limit) and checks again what
 * her role allows, whatever the adapter checked before:
 *   - collect and preview: admin, union, collector (not officer, not
 *     viewer); the people paid for inside her units (app_collect checks
 *     them against her login in its transaction); the date neither after
 *     today nor more than COLLECT_BACKDATE_DAYS before it;
 *   - void: a collector her own receipts only; union and admin any
 *     receipt whose payer lives inside their units;
 *   - remit: the caller's own receipts, dated like a payment;
 *   - cash: a collector her own; union and admin also a login whose unit
 *     is inside their units;
 *   - receipts, 1+1 figures and due lists: any role, inside the units.
 * A record outside the caller's units is answered like a missing one:
 * PO_ENOTFOUND for what is asked for by id, unit or name (a receipt, a
 * unit, a login), and, for a person named in a payment or a referral,
 * PO_EINVAL with the message of an unknown person.
 */
#ifndef PLUSONE_APP_LEDGER_H
#define PLUSONE_APP_LEDGER_H

#include <jansson.h>

#include "app/app.h"
#include "app/collect.h"
#include "app/idem.h"

#define COLLECT_BACKDATE_DAYS 30  /* days before today a payment may be dated through the web */
#define RECEIPTS_LIMIT_DEFAULT 50 /* receipts in one page of a list */
#define RECEIPTS_LIMIT_MAX 500
#define COLLECT_ERRORS_MAX 32     /* field errors one payment reports, at most */

/* A receipt as printed: the receipt with its payer and void details,
 * its lines and the name, mã số BHXH ("" when unknown) and date of
 * birth of each line's person. */
typedef struct receipt_view {
	receipt_row_t h;
	receipt_line_t lines[RECEIPT_LINES_MAX];
	char names[RECEIPT_LINES_MAX][NAME_BYTES_MAX + 1];
	char bhxh[RECEIPT_LINES_MAX][BHXH_LEN + 1];
	date_t dob[RECEIPT_LINES_MAX];
	size_t n;
} receipt_view_t;

/* Which receipts a list shows; zero values mean "any". */
typedef struct receipt_query {
	const char *collector; /* a login name, or NULL */
	bool has_from, has_to; /* receipt dates from / to (both included) */
	date_t from, to;
	int64_t person;        /* receipts she paid or has a line on, 0 for any */
	bool include_void;     /* void receipts too */
	int limit;             /* 1..RECEIPTS_LIMIT_MAX; 0 for RECEIPTS_LIMIT_DEFAULT */
	int64_t before;        /* only receipts with a smaller id (paging), 0 for none */
} receipt_query_t;

/* A remittance as recorded: id 0 when there was nothing to hand over. */
typedef struct remittance_sum {
	int64_t id, receipts;
	money_t amount, commission;
} remittance_sum_t;

/* A collector's money: valid receipts, their total, the part remitted. */
typedef struct cash_sum {
	char collector[USERNAME_MAX + 1];
	int64_t receipts;
	money_t collected, remitted;
} cash_sum_t;

/* Reads a payment given as JSON (the contract's `collect` input: payer,
 * referred_by, method, items with scheme, person, months, income,
 * category) into *rq, checking the types and ranges a JSON value can get
 * wrong; the amounts, people and rules are app_collect's.  With `every`
 * false it stops at the first problem and names fields as the command
 * line does ("months"); with `every` true it reports every problem, up
 * to max, naming each by its path ("items[1].months").  Returns PO_OK or
 * PO_EINVAL with errs[0..*nerrs). */
int app_collect_parse(const json_t *doc, collect_request_t *rq, bool every, err_t *errs, size_t max,
		      size_t *nerrs);

/* Records (record true) or previews (record false: nothing is written,
 * see app_collect_preview) a payment collected by `by` on d, after the
 * checks of her role and of the date above.  *v is the receipt as
 * printed (a preview has no id, book nor serial).  An error about an
 * item names it by its path ("items[1].months"); a person outside her
 * units is refused as an unknown one. */
int app_collect_by(app_t *a, const user_t *by, date_t d, const collect_request_t *rq, bool record,
		   receipt_view_t *v, err_t *e);

/* app_collect_by recording, under the idempotency key k (NULL: none,
 * exactly app_collect_by): inside the payment's transaction, a key
 * already used by `by` for the same request answers its first answer
 * (k->replayed, k->rec; nothing recorded, *v not filled), one used for
 * another request is PO_ECONFLICT; otherwise the payment is recorded
 * and its answer (k->render of *v, the receipt as printed) remembered
 * with the key, so that of two identical requests at once exactly one
 * records a receipt. */
int app_collect_by_k(app_t *a, const user_t *by, date_t d, const collect_request_t *rq, app_idem_t *k,
		     receipt_view_t *v, err_t *e);

/* The receipt with that id as printed; PO_ENOTFOUND when none, or when
 * its payer lives outside scope[0..nscope) (scope NULL: any). */
int app_receipt_view(app_t *a, int64_t id, const int64_t *scope, size_t nscope, receipt_view_t *v, err_t *e);

/* The receipts q asks for whose payer lives inside scope[0..nscope)
 * (NULL: any), newest (highest id) first, at most q->limit: fn is called
 * for each (it stops the walk by returning non-zero).  *next_before is
 * the `before` of the next page (the last id given) when more may
 * follow, else 0.  A q->collector who is unknown, or (scope not NULL)
 * whose unit is outside the scope, is PO_ENOTFOUND ("collector"), the
 * same answer for both, as app_cash_by gives. */
int app_receipts_list(app_t *a, const int64_t *scope, size_t nscope, const receipt_query_t *q,
		      int (*fn)(const receipt_view_t *v, void *ctx), void *ctx, int64_t *next_before, err_t *e);

/* Voids receipt id for `by` with the reason (cleaned: NFC, spaces
 * collapsed; 1 to RECEIPT_REASON_MAX bytes), in one transaction with its
 * audit entry.  Checked in this order: PO_ENOTFOUND when it is missing
 * or outside her units; PO_EINVAL ("role") when a collector asks for
 * someone else's receipt; PO_EINVAL ("reason"); PO_ECONFLICT when it is
 * already void or remitted.  *v is the receipt after. */
int app_receipt_void_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t id,
			const char *reason, receipt_view_t *v, err_t *e);

/* app_receipt_void_by under the idempotency key k (NULL: none), as
 * app_collect_by_k: a void sent again answers its first answer (not 409
 * "already void"); k->render gets the receipt after the void (*v). */
int app_receipt_void_by_k(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t id,
			  const char *reason, app_idem_t *k, receipt_view_t *v, err_t *e);

/* app_remit_by under the idempotency key k (NULL: none), as
 * app_collect_by_k: a remittance sent again answers its first answer;
 * k->render gets *out. */
int app_remit_by_k(app_t *a, const user_t *by, date_t d, app_idem_t *k, remittance_sum_t *out, err_t *e);

/* Hands over the caller's own receipts not yet remitted (app_remit) on
 * date d, which is neither after today nor more than
 * COLLECT_BACKDATE_DAYS before it (PO_EINVAL, "date"). */
int app_remit_by(app_t *a, const user_t *by, date_t d, remittance_sum_t *out, err_t *e);

/* The cash of `collector` (a login name; NULL or "" for the caller):
 * a login unknown or whose unit is outside scope (not NULL) is
 * PO_ENOTFOUND ("collector") for every role, as app_receipts_list
 * answers; of the others a collector may ask only for herself
 * (PO_EINVAL, "collector"), union and admin for any. */
int app_cash_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, const char *collector,
		cash_sum_t *out, err_t *e);

/* The 1+1 figures of the unit with that code (in force today; NULL or ""
 * for the caller's own unit), *unit set to it: PO_ENOTFOUND ("unit")
 * when it is unknown or outside her units.  A top mobiliser who lives
 * outside her units has an empty full_name. */
int app_referral_summary_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, const char *unit_code,
			    unit_t *unit, referral_summary_t *s, err_t *e);

/* Records that `referrer` brought `person` in (relation as
 * app_referral_add; date d not after today) for `by`, who may change
 * data (not a viewer); `person` and the referrer must both live inside
 * her units (one outside answers like an unknown one), and the referral
 * must not close a loop (app_referral_add_in). */
int app_referral_add_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t person,
			int64_t referrer, const char *relation, date_t d, err_t *e);

/* The due list (app_due_in) of the unit with that code (NULL or "": the
 * caller's own unit), *unit set to it; PO_ENOTFOUND ("unit") when it is
 * unknown or outside her units.  *total counts every entry due. */
int app_due_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, const char *unit_code, date_t on,
	       int days, int (*fn)(const due_item_t *d, void *ctx), void *ctx, unit_t *unit, size_t *total,
	       err_t *e);

#endif
