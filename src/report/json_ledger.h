/* json_ledger.h: JSON shapes of the money records (see json.h), shared
 * by the command line (collect, receipt, remit, cash, referrals, due)
 * and the web API, so that the two never drift apart.  Each function
 * returns a new object (NULL only when out of memory). */
#ifndef PLUSONE_REPORT_JSON_LEDGER_H
#define PLUSONE_REPORT_JSON_LEDGER_H

#include <stddef.h>

#include "app/ledger.h"
#include "report/json.h"

#define REMINDER_MAX 1024 /* bytes of a due reminder: the text and any name fit */

/* A receipt as the contract prints it for `collect --json`: id, book,
 * serial, date, collector, payer, total, method, lines[] (person,
 * scheme, from, to, months, ordinal (null for BHXH), gross,
 * state_support, local_support, net).  id, book and serial are null for
 * a receipt not recorded (r->id 0: a preview). */
json_t *report_receipt(const receipt_t *r, const receipt_line_t *lines, size_t n);

/* The same followed by "void" and "remitted" (`receipt show --json`). */
json_t *report_receipt_shown(const receipt_t *r, const receipt_line_t *lines, size_t n);

/* A voided receipt as `receipt void --json` prints it: id, book, serial,
 * total, void (true), reason. */
json_t *report_receipt_voided(const receipt_t *r, const char *reason);

/* A receipt as printed (the web API): report_receipt, each line with
 * also full_name, category and income (null for BHYT) and
 * supported_months; then payer_name, payer_unit_code, totals {gross,
 * state_support, local_support, net}; and, for a recorded receipt (not a
 * preview), void, remitted, remittance_id, void_reason, voided_by,
 * voided_at (null unless void). */
json_t *report_receipt_view(const receipt_view_t *v);

/* A remittance: {"id" (null when nothing was handed over), "receipts",
 * "amount", "commission"}. */
json_t *report_remittance(const remittance_sum_t *m);

/* A collector's money: {"receipts", "collected", "remitted", "on_hand"}. */
json_t *report_cash(const cash_sum_t *c);

/* The 1+1 figures the contract fixes: {"pairs", "mobilizers", "top":
 * [{"person", "full_name", "mobilized"}], "longest_chain"}. */
json_t *report_referrals(const referral_summary_t *s);

/* The reminder text of a due entry, always in Vietnamese (it is sent to
 * the person), into out (cap bytes; REMINDER_MAX always suffice). */
void report_due_reminder(const due_item_t *d, char *out, size_t cap);

/* A due entry: {"person", "full_name", "phone" (null when none),
 * "unit_code", "scheme", "last_covered", "reminder"}. */
json_t *report_due_item(const due_item_t *d);

#endif
