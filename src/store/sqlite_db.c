#include <pthread.h>
/* sqlite_db.c: opening, migrating and transactions of the SQLite backend. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"

#define SQ_BUSY_TIMEOUT_MS 10000 /* wait this long for another writer */

/* See sqlite_int.h. */
int sq_fail(store_t *s, int rc, const char *what, err_t *e)
{
	int primary = rc & 0xff;
	const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return err_set(e, PO_EBUSY, NULL, MSG_DB_BUSY);
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return err_set(e, PO_ECONFLICT, NULL, MSG_DB_CONFLICT, what);
	if (primary == SQLITE_FULL || primary == SQLITE_IOERR)
		return err_set(e, PO_EIO, NULL, MSG_DB_ERROR, what, msg);
	return err_set(e, PO_EINTERNAL, NULL, MSG_DB_ERROR, what, msg);
}

/* See sqlite_int.h. */
sqlite3_stmt *sq_prep(store_t *s, enum sq_stmt id, const char *sql, err_t *e)
{
	sqlite3_stmt *st = s->st[id];
	int rc;
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(s, rc, "prepare", e);
		return NULL;
	}
	s->st[id] = st;
	return st;
}

/* See sqlite_int.h. */
int sq_each(store_t *s, sqlite3_stmt *st, int (*row)(sqlite3_stmt *st, void *ctx), void *ctx, const char *what,
	    err_t *e)
{
	int rc, stop = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		stop = row(st, ctx);
		if (stop)
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, what, e);
}

/* See sqlite_int.h. */
int sq_one(store_t *s, sqlite3_stmt *st, void (*read)(sqlite3_stmt *st, void *ctx), void *ctx, const char *what,
	   err_t *e)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read(st, ctx);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return PO_OK;
	return rc == SQLITE_DONE ? PO_ENOTFOUND : sq_fail(s, rc, what, e);
}

/* See sqlite_int.h. */
void sq_read_int64(sqlite3_stmt *st, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(st, 0);
}

/* See sqlite_int.h. */
int sq_exec(store_t *s, const char *sql, err_t *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int code = sq_fail(s, rc, "exec", e);
		if (msg && e && code == PO_EINTERNAL)
			err_set(e, PO_EINTERNAL, NULL, MSG_DB_ERROR, "exec", msg);
		sqlite3_free(msg);
		return code;
	}
	return PO_OK;
}

/* See sqlite_int.h. */
int sq_bind_date(sqlite3_stmt *st, int i, date_t d)
{
	char iso[DATE_ISO_LEN + 1];
	date_format_iso(d, iso);
	return sqlite3_bind_text(st, i, iso, DATE_ISO_LEN, SQLITE_TRANSIENT);
}

/* See sqlite_int.h. */
int sq_bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (!s || !*s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* See sqlite_int.h. */
date_t sq_col_date(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	date_t d = {1, 1, 1, false};
	if (t)
		date_parse_iso(t, strlen(t), &d, "", NULL);
	return d;
}

/* See sqlite_int.h. */
void sq_col_text(sqlite3_stmt *st, int i, char *out, size_t cap)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(out, t, n);
	out[n] = '\0';
}

/* Process-wide SQLite settings, before any connection: no memory
 * statistics (they take a global mutex on every allocation, which the
 * server's threads would fight over). */
static void sq_global_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static pthread_once_t sq_once = PTHREAD_ONCE_INIT;

/* See store.h. */
int store_open(const char *where, store_t **out, err_t *e)
{
	char pragmas[256];
	store_t *s;
	int rc;
	*out = NULL;
	pthread_once(&sq_once, sq_global_setup);
	if (!where || !*where)
		return err_set(e, PO_EINVAL, "db", MSG_DB_PATH_EMPTY);
	if (strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0)
		return err_set(e, PO_EINVAL, "db", MSG_DB_NO_PG);
	s = calloc(1, sizeof *s);
	if (!s)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	rc = sqlite3_open_v2(where, &s->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, PO_EIO, "db", MSG_DB_OPEN, where, s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		sqlite3_close(s->db);
		free(s);
		return PO_EIO;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, SQ_BUSY_TIMEOUT_MS);
	snprintf(pragmas, sizeof pragmas,
		 "PRAGMA page_size=8192;" /* takes effect on a new, empty file only */
		 "PRAGMA journal_mode=WAL;"
		 "PRAGMA foreign_keys=ON;"
		 "PRAGMA synchronous=FULL;"
		 "PRAGMA temp_store=FILE;"
		 "PRAGMA cache_size=-%d;",
		 SQ_CACHE_KIB);
	rc = sq_exec(s, pragmas, e);
	if (rc) {
		/* a file that is not a database says so here */
		if (e && e->code == PO_EINTERNAL)
			err_set(e, PO_EIO, "db", MSG_DB_OPEN, where, sqlite3_errmsg(s->db));
		store_close(s);
		return PO_EIO;
	}
	*out = s;
	return PO_OK;
}

/* See store.h. */
void store_close(store_t *s)
{
	int i;
	if (!s)
		return;
	for (i = 0; i < SQ__COUNT; i++)
		sqlite3_finalize(s->st[i]);
	if (s->db) {
		if (s->in_tx)
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(s->db);
	}
	free(s);
}

/* See store.h. */
int store_schema_target(void)
{
	return sq_migration_count;
}

/* See store.h. */
int store_schema_version(store_t *s, int *version, err_t *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, "user_version", e);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sq_fail(s, rc, "user_version", e);
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return PO_OK;
}

/* See store.h. */
int store_migrate(store_t *s, int *applied, err_t *e)
{
	int v, rc, n = 0;
	char pragma[64];
	if (applied)
		*applied = 0;
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_schema_version(s, &v, e);
	if (rc)
		goto fail;
	if (v > sq_migration_count) {
		rc = err_set(e, PO_EINVAL, "db", MSG_DB_TOO_NEW, v, sq_migration_count);
		goto fail;
	}
	for (; v < sq_migration_count; v++) {
		rc = sq_exec(s, sq_migrations[v], e);
		if (rc)
			goto fail;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
		rc = sq_exec(s, pragma, e);
		if (rc)
			goto fail;
		n++;
	}
	rc = store_tx_commit(s, e);
	if (rc)
		return rc;
	if (applied)
		*applied = n;
	return PO_OK;
fail:
	store_tx_rollback(s);
	return rc;
}

/* Steps a statement that returns no rows. */
static int step_done(store_t *s, sqlite3_stmt *st, const char *what, err_t *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, what, e);
	return PO_OK;
}

/* See store.h. */
int store_tx_begin(store_t *s, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_BEGIN, "BEGIN IMMEDIATE", e);
	int rc;
	if (!st)
		return e ? e->code : PO_EINTERNAL;
	rc = step_done(s, st, "begin", e);
	if (!rc)
		s->in_tx = 1;
	return rc;
}

/* See store.h. */
bool store_in_tx(const store_t *s)
{
	return s->in_tx != 0;
}

/* See store.h. */
int store_read_begin(store_t *s, err_t *e)
{
	int rc = sq_exec(s, "BEGIN DEFERRED", e);
	if (!rc)
		s->in_tx = 1;
	return rc;
}

/* See store.h. */
int store_tx_commit(store_t *s, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_COMMIT, "COMMIT", e);
	int rc;
	if (!st)
		return e ? e->code : PO_EINTERNAL;
	rc = step_done(s, st, "commit", e);
	if (!rc)
		s->in_tx = 0;
	return rc;
}

/* See store.h. */
void store_tx_rollback(store_t *s)
{
	if (!s->in_tx)
		return;
	if (sqlite3_get_autocommit(s->db) == 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
}

/* See store.h. */
int store_set_durable(store_t *s, bool full, err_t *e)
{
	return sq_exec(s, full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", e);
}

/* See sqlite_int.h. */
const char *sq_now(store_t *s)
{
	time_t t = time(NULL);
	struct tm tm;
	if (t != s->now_t || !s->now[0]) {
		gmtime_r(&t, &tm);
		strftime(s->now, sizeof s->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
		s->now_t = t;
	}
	return s->now;
}

/* See store.h. */
int store_set_cache(store_t *s, unsigned kib, err_t *e)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=-%u", kib);
	return sq_exec(s, sql, e);
}

/* See store.h. */
int store_set_mmap(store_t *s, unsigned mib, err_t *e)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA mmap_size=%llu", (unsigned long long)mib << 20);
	return sq_exec(s, sql, e);
}
