/* sqlite_accounts.c: sessions, logins and the audit log for the account
 * use cases (SQLite backend; see store_accounts.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"

/* The columns user_from_row reads, from app_user a joined to unit un. */
#define USER_COLS "a.id, a.username, a.role, a.unit_id, un.code, a.disabled, a.full_name"

/* Fills *u from the first seven columns of a row (USER_COLS). */
static void user_from_row(sqlite3_stmt *st, user_t *u)
{
	char role[16];
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, u->username, sizeof u->username);
	sq_col_text(st, 2, role, sizeof role);
	user_role_parse(role, &u->role);
	u->unit_id = sqlite3_column_int64(st, 3);
	sq_col_text(st, 4, u->unit_code, sizeof u->unit_code);
	u->disabled = sqlite3_column_int(st, 5) != 0;
	sq_col_text(st, 6, u->full_name, sizeof u->full_name);
}

/* See sqlite_int.h. */
void sq_read_user(sqlite3_stmt *st, void *ctx)
{
	const struct sq_user_read *r = ctx;
	user_from_row(st, r->u);
	if (r->text && r->cap)
		sq_col_text(st, 7, r->text, r->cap);
}

/* Steps a statement that writes and returns nothing; *n (may be NULL)
 * gets the rows it changed. */
static int step_write(store_t *s, sqlite3_stmt *st, const char *what, int64_t *n, err_t *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, what, e);
	if (n)
		*n = sqlite3_changes64(s->db);
	return PO_OK;
}

/* See store_accounts.h. */
int store_session_owner(store_t *s, const char *token_hash, user_t *u, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_ACC_SESSION_OWNER,
				   "SELECT " USER_COLS " FROM session se JOIN app_user a ON a.id = se.user_id"
				   " JOIN unit un ON un.id = a.unit_id WHERE se.token_hash = ?1", e);
	struct sq_user_read r = {u, NULL, 0};
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
	return sq_one(s, st, sq_read_user, &r, "session", e);
}

/* See store_accounts.h. */
int store_session_delete(store_t *s, const char *token_hash, bool *deleted, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_ACC_SESSION_DEL, "DELETE FROM session WHERE token_hash = ?1", e);
	int64_t n = 0;
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
	rc = step_write(s, st, "session", &n, e);
	*deleted = !rc && n > 0;
	return rc;
}

/* See store_accounts.h. */
int store_sessions_delete_user(store_t *s, int64_t user_id, const char *keep_hash, int64_t *n, err_t *e)
{
	sqlite3_stmt *st;
	if (keep_hash) {
		st = sq_prep(s, SQ_ACC_SESSIONS_USER, "DELETE FROM session WHERE user_id = ?1 AND token_hash <> ?2", e);
		if (!st)
			return e->code;
		sqlite3_bind_text(st, 2, keep_hash, -1, SQLITE_STATIC);
	} else {
		st = sq_prep(s, SQ_ACC_SESSIONS_USER_ALL, "DELETE FROM session WHERE user_id = ?1", e);
		if (!st)
			return e->code;
	}
	sqlite3_bind_int64(st, 1, user_id);
	return step_write(s, st, "session", n, e);
}

/* See store_accounts.h. */
int store_sessions_purge(store_t *s, const char *now, int64_t *n, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_ACC_SESSIONS_PURGE, "DELETE FROM session WHERE expires_at <= ?1", e);
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	return step_write(s, st, "session", n, e);
}

/* See store_accounts.h. */
int store_user_get(store_t *s, int64_t id, user_t *u, char *hash, size_t hash_cap, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_ACC_USER_GET,
				   "SELECT " USER_COLS ", a.pass_hash FROM app_user a JOIN unit un ON un.id = a.unit_id"
				   " WHERE a.id = ?1", e);
	struct sq_user_read r = {u, hash, hash_cap};
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sq_one(s, st, sq_read_user, &r, "app_user", e);
	return rc == PO_ENOTFOUND ? err_set(e, PO_ENOTFOUND, "id", MSG_USER_ID_UNKNOWN) : rc;
}

/* See store_accounts.h. */
int store_user_set_password(store_t *s, int64_t id, const char *pass_hash, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_ACC_USER_PASSWORD, "UPDATE app_user SET pass_hash = ?2 WHERE id = ?1", e);
	int64_t n = 0;
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, pass_hash, -1, SQLITE_STATIC);
	rc = step_write(s, st, "app_user", &n, e);
	if (!rc && n == 0)
		return err_set(e, PO_ENOTFOUND, "id", MSG_USER_ID_UNKNOWN);
	return rc;
}

/* See store_accounts.h. */
int store_user_update(store_t *s, const user_t *u, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_ACC_USER_UPDATE,
				   "UPDATE app_user SET role = ?2, unit_id = ?3, disabled = ?4, full_name = ?5 WHERE id = ?1", e);
	int64_t n = 0;
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_text(st, 2, user_role_name(u->role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, u->unit_id);
	sqlite3_bind_int(st, 4, u->disabled ? 1 : 0);
	sqlite3_bind_text(st, 5, u->full_name, -1, SQLITE_STATIC);
	rc = step_write(s, st, "app_user", &n, e);
	if (!rc && n == 0)
		return err_set(e, PO_ENOTFOUND, "id", MSG_USER_ID_UNKNOWN);
	return rc;
}

/* The callback of a walk over users or audit entries (the member of fn by
 * the walk) and the caller's context, for the row functions below. */
struct walk {
	union {
		int (*user)(const user_t *u, void *ctx);
		int (*entry)(const audit_entry_t *r, void *ctx);
	} fn;
	void *ctx;
};

/* Hands a row of USER_COLS to fn.user (an sq_each row function). */
static int user_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	user_t u;
	user_from_row(st, &u);
	return w->fn.user(&u, w->ctx);
}

/* See store_accounts.h. */
int store_users_each(store_t *s, int (*fn)(const user_t *u, void *ctx), void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_ACC_USERS_EACH,
				   "SELECT " USER_COLS " FROM app_user a JOIN unit un ON un.id = a.unit_id"
				   " ORDER BY a.username COLLATE NOCASE, a.id", e);
	struct walk w = {.fn.user = fn, .ctx = ctx};
	if (!st)
		return e->code;
	return sq_each(s, st, user_row, &w, "app_user", e);
}

/* Hands a row (id, at, actor, action, entity, entity id, detail) to
 * fn.entry, "" for a NULL text but the detail (an sq_each row function). */
static int entry_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	audit_entry_t r;
	r.id = sqlite3_column_int64(st, 0);
	r.at = (const char *)sqlite3_column_text(st, 1);
	r.actor = (const char *)sqlite3_column_text(st, 2);
	r.action = (const char *)sqlite3_column_text(st, 3);
	r.entity = (const char *)sqlite3_column_text(st, 4);
	r.entity_id = sqlite3_column_int64(st, 5);
	r.detail = (const char *)sqlite3_column_text(st, 6);
	if (!r.at)
		r.at = "";
	if (!r.actor)
		r.actor = "";
	if (!r.action)
		r.action = "";
	if (!r.entity)
		r.entity = "";
	return w->fn.entry(&r, w->ctx);
}

/* See store_accounts.h. */
int store_audit_each(store_t *s, const audit_filter_t *f, int (*fn)(const audit_entry_t *r, void *ctx), void *ctx,
		     err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_ACC_AUDIT_LIST,
				   "SELECT id, at, actor, action, entity, entity_id, detail FROM audit"
				   " WHERE (?1 IS NULL OR actor = ?1)"
				   " AND (?2 IS NULL OR substr(action, 1, length(?2)) = ?2)"
				   " AND (?3 IS NULL OR entity = ?3)"
				   " AND (?4 IS NULL OR entity_id = ?4)"
				   " AND (?5 IS NULL OR id < ?5)"
				   " AND (?7 IS NULL OR unit_id IN (SELECT value FROM json_each(?7)))"
				   " ORDER BY id DESC LIMIT ?6", e);
	struct walk w = {.fn.entry = fn, .ctx = ctx};
	char *units = NULL;
	int rc;
	if (!st)
		return e->code;
	if (f->units) {
		size_t cap = f->nunits * 21 + 3, len = 0, i;
		units = malloc(cap);
		if (!units)
			return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		units[len++] = '[';
		for (i = 0; i < f->nunits; i++)
			len += (size_t)snprintf(units + len, cap - len, "%s%lld", i ? "," : "", (long long)f->units[i]);
		units[len++] = ']';
		units[len] = '\0';
		sqlite3_bind_text(st, 7, units, -1, SQLITE_STATIC);
	}
	sq_bind_text_or_null(st, 1, f->actor);
	sq_bind_text_or_null(st, 2, f->action_prefix);
	sq_bind_text_or_null(st, 3, f->entity);
	if (f->entity_id)
		sqlite3_bind_int64(st, 4, f->entity_id);
	if (f->before_id)
		sqlite3_bind_int64(st, 5, f->before_id);
	sqlite3_bind_int(st, 6, f->limit > 0 ? f->limit : AUDIT_LIMIT_DEFAULT);
	rc = sq_each(s, st, entry_row, &w, "audit", e);
	sqlite3_clear_bindings(st);
	free(units);
	return rc;
}
