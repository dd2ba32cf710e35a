/* sqlite_handover.c: remittances and their confirmation, and the
 * settings table (SQLite backend; see store_handover.h). */
#include <stdint.h>
#include <string.h>

#include "store/sqlite_int.h"

/* The columns read_remittance() reads, from remittance m, its collector
 * c and her unit un, and the confirming login k (may be NULL). */
#define REMIT_SELECT                                                                                                   \
	"SELECT m.id, m.date, m.receipts, m.amount, m.commission, m.collector_id, c.unit_id, c.username,"             \
	" c.full_name, un.code, m.confirmed_by, k.username, k.full_name, m.confirmed_at, un.name"                    \
	" FROM remittance m JOIN app_user c ON c.id = m.collector_id JOIN unit un ON un.id = c.unit_id"             \
	" LEFT JOIN app_user k ON k.id = m.confirmed_by"

/* Fills the remittance_row_t at out from a REMIT_SELECT row (an sq_one
 * reader). */
static void read_remittance(sqlite3_stmt *st, void *out)
{
	remittance_row_t *r = out;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->date = sq_col_date(st, 1);
	r->receipts = sqlite3_column_int64(st, 2);
	r->amount = sqlite3_column_int64(st, 3);
	r->commission = sqlite3_column_int64(st, 4);
	r->collector_id = sqlite3_column_int64(st, 5);
	r->collector_unit_id = sqlite3_column_int64(st, 6);
	sq_col_text(st, 7, r->collector, sizeof r->collector);
	sq_col_text(st, 8, r->collector_name, sizeof r->collector_name);
	sq_col_text(st, 9, r->collector_unit_code, sizeof r->collector_unit_code);
	r->confirmed_by_id = sqlite3_column_int64(st, 10);
	sq_col_text(st, 11, r->confirmed_by, sizeof r->confirmed_by);
	sq_col_text(st, 12, r->confirmed_by_name, sizeof r->confirmed_by_name);
	sq_col_text(st, 13, r->confirmed_at, sizeof r->confirmed_at);
	sq_col_text(st, 14, r->collector_unit_name, sizeof r->collector_unit_name);
}

/* store_remittances_each's callback and its context. */
struct walk {
	int (*fn)(const remittance_row_t *r, void *ctx);
	void *ctx;
};

/* Hands a REMIT_SELECT row to the walk's callback (an sq_each row function). */
static int remit_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	remittance_row_t r;
	read_remittance(st, &r);
	return w->fn(&r, w->ctx);
}

/* See store_handover.h. */
int store_remittances_each(store_t *s, int64_t collector_id, int64_t before_id,
			   int (*fn)(const remittance_row_t *r, void *ctx), void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_HO_REMITS,
				   REMIT_SELECT " WHERE m.id < ?2 AND (?1 = 0 OR m.collector_id = ?1) ORDER BY m.id DESC", e);
	struct walk w = {fn, ctx};
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, collector_id);
	sqlite3_bind_int64(st, 2, before_id > 0 ? before_id : INT64_MAX);
	return sq_each(s, st, remit_row, &w, "remittance", e);
}

/* See store_handover.h. */
int store_remittance_get(store_t *s, int64_t id, remittance_row_t *r, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_HO_REMIT_GET, REMIT_SELECT " WHERE m.id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sq_one(s, st, read_remittance, r, "remittance", e);
	return rc == PO_ENOTFOUND ? err_set(e, PO_ENOTFOUND, "id", MSG_REMIT_UNKNOWN, (long long)id) : rc;
}

/* See store_handover.h. */
int store_remittance_confirm(store_t *s, int64_t id, int64_t by_id, err_t *e)
{
	remittance_row_t r;
	sqlite3_stmt *st;
	int rc = store_remittance_get(s, id, &r, e);
	if (rc)
		return rc;
	if (r.confirmed_by_id)
		return err_set(e, PO_ECONFLICT, "id", MSG_REMIT_CONFIRMED, (long long)id);
	st = sq_prep(s, SQ_HO_REMIT_CONFIRM,
		     "UPDATE remittance SET confirmed_by = ?2, confirmed_at = ?3 WHERE id = ?1 AND confirmed_by IS NULL", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, by_id);
	sqlite3_bind_text(st, 3, sq_now(s), -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "remittance", e);
	if (sqlite3_changes(s->db) == 0)
		return err_set(e, PO_ECONFLICT, "id", MSG_REMIT_CONFIRMED, (long long)id);
	return PO_OK;
}

/* See store_handover.h. */
int store_setting_get(store_t *s, const char *key, char *out, size_t cap, bool *found, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_HO_SETTING_GET, "SELECT value FROM setting WHERE key = ?1", e);
	int rc;
	*found = false;
	if (cap)
		out[0] = '\0';
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		sq_col_text(st, 0, out, cap);
		*found = true;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "setting", e);
}

/* See store_handover.h. */
int store_setting_set(store_t *s, const char *key, const char *value, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_HO_SETTING_SET,
				   "INSERT INTO setting (key, value) VALUES (?1, ?2)"
				   " ON CONFLICT (key) DO UPDATE SET value = excluded.value", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "setting", e);
}
