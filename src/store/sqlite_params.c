/* sqlite_params.c: dated legal parameters (SQLite backend). */
#include <string.h>

#include "store/sqlite_int.h"

/* Binds the columns of p to ?1..?7 and its origin to ?8. */
static void bind_param(sqlite3_stmt *st, const param_record_t *p)
{
	sqlite3_bind_text(st, 1, p->family, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->key, -1, SQLITE_STATIC);
	sq_bind_date(st, 3, p->from);
	sqlite3_bind_int64(st, 4, p->value);
	sqlite3_bind_text(st, 5, p->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, p->status, -1, SQLITE_STATIC);
	sq_bind_text_or_null(st, 7, p->note);
	sqlite3_bind_text(st, 8, p->admin ? "admin" : "shipped", -1, SQLITE_STATIC);
}

/* See store.h. */
int store_param_ship(store_t *s, const param_record_t *p, bool *changed, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PARAM_SHIP,
				   "INSERT INTO param (family, key, valid_from, value, source, status, note, origin)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
				   " ON CONFLICT (family, key, valid_from) DO UPDATE SET"
				   " value = excluded.value, source = excluded.source, status = excluded.status,"
				   " note = excluded.note"
				   " WHERE origin = 'shipped' AND (value IS NOT excluded.value OR source IS NOT excluded.source"
				   " OR status IS NOT excluded.status OR note IS NOT excluded.note)", e);
	int rc;
	if (!st)
		return e->code;
	bind_param(st, p);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "param", e);
	*changed = sqlite3_changes(s->db) > 0;
	return PO_OK;
}

/* See store.h. */
int store_param_add(store_t *s, const param_record_t *p, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PARAM_ADD,
				   "INSERT INTO param (family, key, valid_from, value, source, status, note, origin)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", e);
	int rc;
	if (!st)
		return e->code;
	bind_param(st, p);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return err_set(e, PO_ECONFLICT, "from", MSG_PARAM_TAKEN, p->family, p->key);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "param", e);
	return PO_OK;
}

/* store_params_each's callback and its context, for param_row. */
struct walk {
	int (*fn)(const param_record_t *p, void *ctx);
	void *ctx;
};

/* Hands a row (family, key, from, value, source, status, note, origin) to
 * the walk's callback (an sq_each row function). */
static int param_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	param_record_t p;
	char origin[12];
	memset(&p, 0, sizeof p);
	sq_col_text(st, 0, p.family, sizeof p.family);
	sq_col_text(st, 1, p.key, sizeof p.key);
	p.from = sq_col_date(st, 2);
	p.value = sqlite3_column_int64(st, 3);
	sq_col_text(st, 4, p.source, sizeof p.source);
	sq_col_text(st, 5, p.status, sizeof p.status);
	sq_col_text(st, 6, p.note, sizeof p.note);
	sq_col_text(st, 7, origin, sizeof origin);
	p.admin = strcmp(origin, "admin") == 0;
	return w->fn(&p, w->ctx);
}

/* See store.h. */
int store_params_each(store_t *s, int (*fn)(const param_record_t *p, void *ctx), void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PARAM_EACH,
				   "SELECT family, key, valid_from, value, source, status, note, origin FROM param"
				   " ORDER BY family, key, valid_from", e);
	struct walk w = {fn, ctx};
	if (!st)
		return e->code;
	return sq_each(s, st, param_row, &w, "param", e);
}
