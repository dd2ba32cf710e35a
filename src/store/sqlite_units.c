/* sqlite_units.c: units, successor links and households (SQLite backend). */
#include <string.h>

#include "store/sqlite_int.h"

#define UNIT_COLS "id, code, name, kind, parent_id, valid_from, valid_to, island"

/* Fills the unit_t at out from a row of UNIT_COLS (an sq_one reader). */
static void unit_from_row(sqlite3_stmt *st, void *out)
{
	unit_t *u = out;
	char kind[16];
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, u->code, sizeof u->code);
	sq_col_text(st, 2, u->name, sizeof u->name);
	sq_col_text(st, 3, kind, sizeof kind);
	unit_kind_parse(kind, &u->kind);
	u->parent_id = sqlite3_column_int64(st, 4);
	u->valid_from = sq_col_date(st, 5);
	u->ended = sqlite3_column_type(st, 6) != SQLITE_NULL;
	if (u->ended)
		u->valid_to = sq_col_date(st, 6);
	u->island = sqlite3_column_int(st, 7) != 0;
}

/* See store.h. */
int store_unit_insert(store_t *s, unit_t *u, err_t *e)
{
	sqlite3_stmt *st;
	int rc;
	/* a code may be reused by a later unit, never by two units in force
	 * on the same day: the periods [valid_from, valid_to) must not meet */
	st = sq_prep(s, SQ_UNIT_CONFLICT,
		     "SELECT 1 FROM unit WHERE code = ?1 AND (valid_to IS NULL OR valid_to > ?2)"
		     " AND (?3 IS NULL OR valid_from < ?3)", e);
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, u->code, -1, SQLITE_STATIC);
	sq_bind_date(st, 2, u->valid_from);
	if (u->ended)
		sq_bind_date(st, 3, u->valid_to);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return err_set(e, PO_ECONFLICT, "code", MSG_UNIT_CODE_TAKEN, u->code);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "unit", e);
	st = sq_prep(s, SQ_UNIT_INSERT,
		     "INSERT INTO unit (code, name, kind, parent_id, valid_from, valid_to, island)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", e);
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, u->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, unit_kind_name(u->kind), -1, SQLITE_STATIC);
	if (u->parent_id)
		sqlite3_bind_int64(st, 4, u->parent_id);
	sq_bind_date(st, 5, u->valid_from);
	if (u->ended)
		sq_bind_date(st, 6, u->valid_to);
	sqlite3_bind_int(st, 7, u->island ? 1 : 0);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return err_set(e, PO_ECONFLICT, "code", MSG_UNIT_CODE_TAKEN, u->code);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "unit", e);
	u->id = sqlite3_last_insert_rowid(s->db);
	return PO_OK;
}

/* See store.h. */
int store_unit_get(store_t *s, int64_t id, unit_t *u, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_UNIT_GET, "SELECT " UNIT_COLS " FROM unit WHERE id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sq_one(s, st, unit_from_row, u, "unit", e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_ENOTFOUND, "unit", MSG_UNIT_ID_UNKNOWN, (long long)id);
	return rc;
}

/* See store.h. */
int store_unit_by_code(store_t *s, const char *code, date_t on, unit_t *u, err_t *e)
{
	/* the version in force on `on` sorts first, then the most recent */
	sqlite3_stmt *st = sq_prep(s, SQ_UNIT_BY_CODE,
				   "SELECT " UNIT_COLS " FROM unit WHERE code = ?1"
				   " ORDER BY (valid_from <= ?2 AND (valid_to IS NULL OR valid_to > ?2)) DESC,"
				   " valid_from DESC LIMIT 1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sq_bind_date(st, 2, on);
	rc = sq_one(s, st, unit_from_row, u, "unit", e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_ENOTFOUND, "unit_code", MSG_UNIT_UNKNOWN, code);
	return rc;
}

/* See store.h. */
int store_unit_end(store_t *s, int64_t id, date_t on, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_UNIT_END, "UPDATE unit SET valid_to = ?2 WHERE id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sq_bind_date(st, 2, on);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "unit", e);
	return PO_OK;
}

/* See store.h. */
int store_unit_successor_add(store_t *s, int64_t pred, int64_t succ, date_t on, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_UNIT_SUCC_ADD,
				   "INSERT INTO unit_successor (pred_id, succ_id, effective) VALUES (?1, ?2, ?3)", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, pred);
	sqlite3_bind_int64(st, 2, succ);
	sq_bind_date(st, 3, on);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "unit_successor", e);
	return PO_OK;
}

/* The callback of a walk over units, successor links, counts per unit or
 * certificates (the member of fn by the walk), for the row functions
 * below: the caller's context, and the household of the certificates. */
struct walk {
	union {
		int (*unit)(const unit_t *u, void *ctx);
		int (*link)(int64_t pred, int64_t succ, date_t on, void *ctx);
		int (*count)(int64_t unit_id, int64_t n, void *ctx);
		int (*cert)(const poverty_cert_t *c, void *ctx);
	} fn;
	void *ctx;
	int64_t household_id;
};

/* Hands a row of UNIT_COLS to fn.unit (an sq_each row function). */
static int unit_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	unit_t u;
	unit_from_row(st, &u);
	return w->fn.unit(&u, w->ctx);
}

/* See store.h. */
int store_units_each(store_t *s, int (*fn)(const unit_t *u, void *ctx), void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_UNIT_EACH,
				   "SELECT " UNIT_COLS " FROM unit ORDER BY code, valid_from", e);
	struct walk w = {.fn.unit = fn, .ctx = ctx};
	if (!st)
		return e->code;
	return sq_each(s, st, unit_row, &w, "unit", e);
}

/* Hands a row (pred, succ, date) to fn.link (an sq_each row function). */
static int link_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	return w->fn.link(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sq_col_date(st, 2), w->ctx);
}

/* See store.h. */
int store_successors_each(store_t *s, int (*fn)(int64_t pred, int64_t succ, date_t on, void *ctx),
			  void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_SUCC_EACH,
				   "SELECT pred_id, succ_id, effective FROM unit_successor ORDER BY pred_id, succ_id", e);
	struct walk w = {.fn.link = fn, .ctx = ctx};
	if (!st)
		return e->code;
	return sq_each(s, st, link_row, &w, "unit_successor", e);
}

/* Hands a row (unit, count) to fn.count (an sq_each row function). */
static int count_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	return w->fn.count(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), w->ctx);
}

/* See store.h. */
int store_people_per_unit(store_t *s, int (*fn)(int64_t unit_id, int64_t n, void *ctx), void *ctx,
			  err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PEOPLE_PER_UNIT,
				   "SELECT unit_id, count(*) FROM person GROUP BY unit_id", e);
	struct walk w = {.fn.count = fn, .ctx = ctx};
	if (!st)
		return e->code;
	return sq_each(s, st, count_row, &w, "person", e);
}

/* See store.h. */
int store_household_find(store_t *s, const char *code, int64_t *id, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_HH_FIND, "SELECT id FROM household WHERE code = ?1", e);
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	return sq_one(s, st, sq_read_int64, id, "household", e);
}

/* See store.h. */
int store_household_insert(store_t *s, const char *code, int64_t unit_id, int64_t *id, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_HH_INSERT, "INSERT INTO household (code, unit_id) VALUES (?1, ?2)", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, unit_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "household", e);
	*id = sqlite3_last_insert_rowid(s->db);
	return PO_OK;
}

/* See store.h. */
int store_household_set_head(store_t *s, int64_t household_id, int64_t person_id, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_HH_HEAD, "UPDATE household SET head_id = ?2 WHERE id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, household_id);
	sqlite3_bind_int64(st, 2, person_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "household", e);
	return PO_OK;
}

/* See store.h. */
int store_poverty_add(store_t *s, const poverty_cert_t *c, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_POVERTY_ADD,
				   "INSERT INTO household_poverty (household_id, status, valid_from, valid_to)"
				   " VALUES (?1, ?2, ?3, ?4)", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, c->household_id);
	sqlite3_bind_text(st, 2, c->status == POVERTY_POOR ? "poor" : "near_poor", -1, SQLITE_STATIC);
	sq_bind_date(st, 3, c->valid_from);
	sq_bind_date(st, 4, c->valid_to);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return err_set(e, PO_ECONFLICT, "from", MSG_POVERTY_TAKEN);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "household_poverty", e);
	return PO_OK;
}

/* Hands a row (status, from, to) of the walk's household to fn.cert (an
 * sq_each row function). */
static int cert_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	poverty_cert_t c;
	char status[16];
	c.household_id = w->household_id;
	sq_col_text(st, 0, status, sizeof status);
	c.status = strcmp(status, "poor") == 0 ? POVERTY_POOR : POVERTY_NEAR_POOR;
	c.valid_from = sq_col_date(st, 1);
	c.valid_to = sq_col_date(st, 2);
	return w->fn.cert(&c, w->ctx);
}

/* See store.h. */
int store_poverty_each(store_t *s, int64_t household_id, int (*fn)(const poverty_cert_t *c, void *ctx),
		       void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_POVERTY_EACH,
				   "SELECT status, valid_from, valid_to FROM household_poverty"
				   " WHERE household_id = ?1 ORDER BY valid_from", e);
	struct walk w = {.fn.cert = fn, .ctx = ctx, .household_id = household_id};
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, household_id);
	return sq_each(s, st, cert_row, &w, "household_poverty", e);
}
