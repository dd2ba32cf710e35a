/* sqlite_users.c: logins and the audit log (SQLite backend). */
#include "store/sqlite_int.h"

/* See store.h. */
int store_user_insert(store_t *s, user_t *u, const char *pass_hash, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_USER_INSERT,
				   "INSERT INTO app_user (username, pass_hash, role, unit_id, full_name) VALUES (?1, ?2, ?3, ?4, ?5)",
				   e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, u->username, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, pass_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, user_role_name(u->role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, u->unit_id);
	sqlite3_bind_text(st, 5, u->full_name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return err_set(e, PO_ECONFLICT, "username", MSG_USER_TAKEN, u->username);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "app_user", e);
	u->id = sqlite3_last_insert_rowid(s->db);
	return PO_OK;
}

/* See store.h. */
int store_user_find(store_t *s, const char *username, user_t *u, char *hash, size_t hash_cap, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_USER_FIND,
				   "SELECT a.id, a.username, a.role, a.unit_id, u.code, a.disabled, a.full_name, a.pass_hash"
				   " FROM app_user a JOIN unit u ON u.id = a.unit_id WHERE a.username = ?1", e);
	struct sq_user_read r = {u, hash, hash_cap};
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	rc = sq_one(s, st, sq_read_user, &r, "app_user", e);
	return rc == PO_ENOTFOUND ? err_set(e, PO_ENOTFOUND, "username", MSG_USER_UNKNOWN, username) : rc;
}

/* See store.h. */
int store_audit(store_t *s, const char *actor, const char *action, const char *entity, int64_t entity_id,
		const char *detail_json, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_AUDIT,
				   "INSERT INTO audit (actor, action, entity, entity_id, detail, unit_id) VALUES (?1, ?2, ?3, ?4, ?5,"
				   " (SELECT unit_id FROM app_user WHERE username = ?1))", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
	if (entity_id)
		sqlite3_bind_int64(st, 4, entity_id);
	sq_bind_text_or_null(st, 5, detail_json);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "audit", e);
	return PO_OK;
}

/* See store.h. */
int store_session_add(store_t *s, const char *token_hash, int64_t user_id, const char *csrf, const char *expires,
		      err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_SESSION_ADD,
				   "INSERT INTO session (token_hash, user_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, expires, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "session", e);
}

/* See store.h. */
int store_session_find(store_t *s, const char *token_hash, const char *now, user_t *u, char *csrf, size_t cap,
		       err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_SESSION_FIND,
				   "SELECT a.id, a.username, a.role, a.unit_id, un.code, a.disabled, a.full_name, se.csrf"
				   " FROM session se JOIN app_user a ON a.id = se.user_id JOIN unit un ON un.id = a.unit_id"
				   " WHERE se.token_hash = ?1 AND se.expires_at > ?2", e);
	struct sq_user_read r = {u, csrf, cap};
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	rc = sq_one(s, st, sq_read_user, &r, "session", e);
	if (rc)
		return rc;
	return u->disabled ? PO_ENOTFOUND : PO_OK;
}
