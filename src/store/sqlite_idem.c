/* sqlite_idem.c: idempotency keys (see store_idem.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"

/* The cut-off of remembered keys, in SQL: IDEM_DAYS days before now. */
#define IDEM_CUTOFF "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-30 days')"

/* Copies column i (text or NULL) into out (cap bytes). */
static void col_text(sqlite3_stmt *st, int i, char *out, size_t cap)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	snprintf(out, cap, "%s", t ? (const char *)t : "");
}

/* Reads one idem_key row into the record at ctx (sq_one reader). */
static void idem_read(sqlite3_stmt *st, void *ctx)
{
	idem_record_t *r = ctx;
	const unsigned char *t = sqlite3_column_text(st, 5);
	col_text(st, 0, r->action, sizeof r->action);
	col_text(st, 1, r->request_hash, sizeof r->request_hash);
	col_text(st, 2, r->entity, sizeof r->entity);
	r->entity_id = sqlite3_column_int64(st, 3);
	r->status = sqlite3_column_int(st, 4);
	r->response = strdup(t ? (const char *)t : "");
}

/* See store_idem.h. */
int store_idem_get(store_t *s, int64_t user_id, const char *key, idem_record_t *r, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_IDEM_GET,
				   "SELECT action, request_hash, entity, entity_id, status, response FROM idem_key"
				   " WHERE user_id = ?1 AND key = ?2 AND created_at >= " IDEM_CUTOFF,
				   e);
	int rc;
	memset(r, 0, sizeof *r);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	rc = sq_one(s, st, idem_read, r, "idem_key", e);
	if (!rc && !r->response)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	return rc;
}

/* See store_idem.h. */
int store_idem_put(store_t *s, int64_t user_id, const char *key, const idem_record_t *r, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_IDEM_PUT,
				   "INSERT INTO idem_key (user_id, key, action, request_hash, entity, entity_id, status,"
				   " response, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
				   e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->request_hash, -1, SQLITE_STATIC);
	sq_bind_text_or_null(st, 5, r->entity[0] ? r->entity : NULL);
	if (r->entity_id)
		sqlite3_bind_int64(st, 6, r->entity_id);
	else
		sqlite3_bind_null(st, 6);
	sqlite3_bind_int(st, 7, r->status);
	sqlite3_bind_text(st, 8, r->response ? r->response : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, sq_now(s), -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "idem_key", e);
	return PO_OK;
}

/* See store_idem.h. */
int store_idem_purge(store_t *s, int64_t *purged, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_IDEM_PURGE, "DELETE FROM idem_key WHERE created_at < " IDEM_CUTOFF, e);
	int rc;
	if (purged)
		*purged = 0;
	if (!st)
		return e->code;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "idem_key", e);
	if (purged)
		*purged = sqlite3_changes(s->db);
	return PO_OK;
}
