/* sqlite_ledger.c: receipts read back for lists and printing (SQLite
 * backend; see store_ledger.h). */
#include <stdint.h>
#include <string.h>

#include "store/sqlite_int.h"

/* The columns read_row() reads, from receipt r, its book b, its
 * collector u, its payer p and the payer's unit un. */
#define ROW_SELECT                                                                                                     \
	"SELECT r.id, b.code, r.serial, r.date, r.collector_id, u.username, r.payer_id, r.total, r.void,"              \
	" r.remittance_id, r.method, p.full_name, p.unit_id, un.code, r.void_reason, r.void_by, r.void_at,"            \
	" u.full_name, un.name"                                                                                        \
	" FROM receipt r JOIN receipt_book b ON b.id = r.book_id JOIN app_user u ON u.id = r.collector_id"            \
	" JOIN person p ON p.id = r.payer_id JOIN unit un ON un.id = p.unit_id"

/* The filters every list shares: ?2..?3 the dates, ?4 1 to include void
 * receipts, ?5 the id to stay below. */
#define LIST_WHERE " WHERE r.id < ?5 AND r.date >= ?2 AND r.date <= ?3 AND r.void <= ?4"
#define LIST_COLLECTOR " AND r.collector_id = ?1"
#define LIST_PERSON                                                                                                    \
	" AND r.id IN (SELECT receipt_id FROM receipt_line WHERE person_id = ?6"                                      \
	" UNION SELECT id FROM receipt WHERE payer_id = ?6)"
#define LIST_ORDER " ORDER BY r.id DESC"

/* Fills the receipt_row_t at out from the current result of a ROW_SELECT
 * statement (an sq_one reader). */
static void read_row(sqlite3_stmt *st, void *out)
{
	receipt_row_t *row = out;
	memset(row, 0, sizeof *row);
	sq_read_receipt(st, &row->r);
	sq_col_text(st, 11, row->payer_name, sizeof row->payer_name);
	row->payer_unit_id = sqlite3_column_int64(st, 12);
	sq_col_text(st, 13, row->payer_unit_code, sizeof row->payer_unit_code);
	sq_col_text(st, 14, row->void_reason, sizeof row->void_reason);
	sq_col_text(st, 15, row->void_by, sizeof row->void_by);
	sq_col_text(st, 16, row->void_at, sizeof row->void_at);
	sq_col_text(st, 17, row->collector_name, sizeof row->collector_name);
	sq_col_text(st, 18, row->payer_unit_name, sizeof row->payer_unit_name);
}

/* store_receipts_each's callback and its context, for list_row. */
struct walk {
	int (*fn)(const receipt_row_t *row, void *ctx);
	void *ctx;
};

/* Hands a ROW_SELECT row to the walk's callback (an sq_each row function). */
static int list_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	receipt_row_t row;
	read_row(st, &row);
	return w->fn(&row, w->ctx);
}

/* See store_ledger.h.  One cached statement per shape of the filter (by
 * collector, by person, both, neither), so that SQLite can use the
 * index of the collector or of the person when there is one. */
int store_receipts_each(store_t *s, const receipt_filter_t *f, int (*fn)(const receipt_row_t *row, void *ctx),
			void *ctx, err_t *e)
{
	static const char *const sql[4] = {
		ROW_SELECT LIST_WHERE LIST_ORDER,
		ROW_SELECT LIST_WHERE LIST_COLLECTOR LIST_ORDER,
		ROW_SELECT LIST_WHERE LIST_PERSON LIST_ORDER,
		ROW_SELECT LIST_WHERE LIST_COLLECTOR LIST_PERSON LIST_ORDER,
	};
	static const enum sq_stmt ids[4] = {SQ_LED_LIST, SQ_LED_LIST_C, SQ_LED_LIST_P, SQ_LED_LIST_CP};
	int shape = (f->collector_id ? 1 : 0) | (f->person_id ? 2 : 0);
	sqlite3_stmt *st = sq_prep(s, ids[shape], sql[shape], e);
	struct walk w = {fn, ctx};
	if (!st)
		return e->code;
	if (f->collector_id)
		sqlite3_bind_int64(st, 1, f->collector_id);
	sq_bind_date(st, 2, f->from);
	sq_bind_date(st, 3, f->to);
	sqlite3_bind_int(st, 4, f->include_void ? 1 : 0);
	sqlite3_bind_int64(st, 5, f->before_id > 0 ? f->before_id : INT64_MAX);
	if (f->person_id)
		sqlite3_bind_int64(st, 6, f->person_id);
	return sq_each(s, st, list_row, &w, "receipt", e);
}

/* See store_ledger.h. */
int store_receipt_row(store_t *s, int64_t id, receipt_row_t *row, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_LED_ROW, ROW_SELECT " WHERE r.id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sq_one(s, st, read_row, row, "receipt", e);
	return rc == PO_ENOTFOUND ? err_set(e, PO_ENOTFOUND, "id", MSG_RECEIPT_UNKNOWN, (long long)id) : rc;
}

/* See store_ledger.h. */
int store_receipt_line_people(store_t *s, int64_t id, store_line_person_t *out, size_t max, size_t *n, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_LED_NAMES,
				   "SELECT p.full_name, p.bhxh_code, p.dob, p.dob_year_only FROM receipt_line l JOIN person p ON p.id = l.person_id"
				   " WHERE l.receipt_id = ?1 ORDER BY l.line_no", e);
	int rc;
	*n = 0;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		store_line_person_t *o = &out[*n];
		sq_col_text(st, 0, o->full_name, sizeof o->full_name);
		sq_col_text(st, 1, o->bhxh_code, sizeof o->bhxh_code);
		o->dob = sq_col_date(st, 2);
		o->dob.year_only = sqlite3_column_int(st, 3) != 0;
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? PO_OK : sq_fail(s, rc, "receipt_line", e);
}

/* See store_handover.h. */
int store_remittance_receipts_each(store_t *s, int64_t id, int (*fn)(const receipt_row_t *row, void *ctx), void *ctx,
				   err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_LED_REMIT_RECEIPTS,
				   ROW_SELECT " WHERE r.remittance_id = ?1 ORDER BY b.code, r.serial", e);
	struct walk w = {fn, ctx};
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	return sq_each(s, st, list_row, &w, "receipt", e);
}
