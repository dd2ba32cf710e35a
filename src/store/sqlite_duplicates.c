/* sqlite_duplicates.c: the possible duplicates list and the merge of two
 * people (see store_duplicates.h).  Rarely run, so its statements are
 * prepared for each use rather than cached. */
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_duplicates.h"

/* Prepares sql on the store's connection; NULL (e filled) on failure. */
static sqlite3_stmt *prep(store_t *s, const char *sql, err_t *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(s, rc, "duplicate", e);
		return NULL;
	}
	return st;
}

/* Runs a statement binding ?1 and ?2 to the two ids; PO_OK when done. */
static int run2(store_t *s, const char *sql, int64_t a, int64_t b, err_t *e)
{
	sqlite3_stmt *st = prep(s, sql, e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "duplicate", e);
}

/* See store_duplicates.h. */
int store_duplicate_add(store_t *s, int64_t x, int64_t y, int64_t unit_id, err_t *e)
{
	sqlite3_stmt *st;
	int rc;
	if (x == y)
		return PO_OK;
	st = prep(s, "INSERT OR IGNORE INTO person_duplicate (older, newer, unit_id) VALUES (?1, ?2, ?3)", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, x < y ? x : y);
	sqlite3_bind_int64(st, 2, x < y ? y : x);
	sqlite3_bind_int64(st, 3, unit_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "duplicate", e);
}

/* Reads one row (id, older, newer, unit_id, status). */
static void pair_from_row(sqlite3_stmt *st, dup_pair_t *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->older = sqlite3_column_int64(st, 1);
	p->newer = sqlite3_column_int64(st, 2);
	p->unit_id = sqlite3_column_int64(st, 3);
	sq_col_text(st, 4, p->status, sizeof p->status);
}

/* See store_duplicates.h. */
int store_duplicates_each(store_t *s, int (*fn)(const dup_pair_t *p, void *ctx), void *ctx, err_t *e)
{
	sqlite3_stmt *st = prep(s,
				"SELECT id, older, newer, unit_id, status FROM person_duplicate"
				" WHERE status = 'open' ORDER BY id", e);
	dup_pair_t p;
	int rc, stop = 0;
	if (!st)
		return e->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pair_from_row(st, &p);
		stop = fn(&p, ctx);
		if (stop)
			break;
	}
	sqlite3_finalize(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "duplicate", e);
}

/* See store_duplicates.h. */
int store_duplicate_get(store_t *s, int64_t id, dup_pair_t *p, err_t *e)
{
	sqlite3_stmt *st = prep(s, "SELECT id, older, newer, unit_id, status FROM person_duplicate WHERE id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		pair_from_row(st, p);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return PO_OK;
	if (rc == SQLITE_DONE)
		return err_set(e, PO_ENOTFOUND, "id", MSG_DUPLICATE_UNKNOWN, (long long)id);
	return sq_fail(s, rc, "duplicate", e);
}

/* See store_duplicates.h. */
int store_duplicate_close(store_t *s, int64_t x, int64_t y, const char *status, const char *by, bool *closed,
			  err_t *e)
{
	sqlite3_stmt *st = prep(s,
				"UPDATE person_duplicate SET status = ?3, resolved_by = ?4, resolved_at = ?5"
				" WHERE older = ?1 AND newer = ?2 AND status = 'open'", e);
	int rc;
	*closed = false;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, x < y ? x : y);
	sqlite3_bind_int64(st, 2, x < y ? y : x);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, by ? by : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, sq_now(s), -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		*closed = sqlite3_changes(s->db) > 0;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "duplicate", e);
}

/* See store_duplicates.h. */
int store_person_merge(store_t *s, int64_t keep, int64_t drop, err_t *e)
{
	static const char *const steps[] = {
		"UPDATE receipt SET payer_id = ?1 WHERE payer_id = ?2",
		"UPDATE receipt_line SET person_id = ?1 WHERE person_id = ?2",
		"UPDATE OR IGNORE coverage_import SET person_id = ?1 WHERE person_id = ?2",
		"DELETE FROM coverage_import WHERE person_id = ?2",
		"UPDATE OR IGNORE bhxh_stop SET person_id = ?1 WHERE person_id = ?2",
		"DELETE FROM bhxh_stop WHERE person_id = ?2",
		"DELETE FROM referral WHERE (person_id = ?1 AND referrer_id = ?2) OR (person_id = ?2 AND referrer_id = ?1)",
		"UPDATE OR IGNORE referral SET person_id = ?1 WHERE person_id = ?2",
		"DELETE FROM referral WHERE person_id = ?2",
		"UPDATE referral SET referrer_id = ?1 WHERE referrer_id = ?2",
		"UPDATE OR IGNORE union_member SET person_id = ?1 WHERE person_id = ?2",
		"DELETE FROM union_member WHERE person_id = ?2",
		"UPDATE household SET head_id = CASE WHEN id = (SELECT household_id FROM person WHERE id = ?1)"
		" THEN ?1 ELSE NULL END WHERE head_id = ?2",
		/* her other pairs now concern keep */
		"UPDATE person_duplicate SET status = 'merged' WHERE status = 'open' AND"
		" ((older = ?2 AND newer = ?1) OR (older = ?1 AND newer = ?2))",
		"UPDATE OR IGNORE person_duplicate SET older = min(?1, newer), newer = max(?1, newer)"
		" WHERE status = 'open' AND older = ?2 AND newer <> ?1",
		"UPDATE OR IGNORE person_duplicate SET older = min(?1, older), newer = max(?1, older)"
		" WHERE status = 'open' AND newer = ?2 AND older <> ?1",
		"UPDATE person_duplicate SET status = 'merged' WHERE status = 'open' AND (older = ?2 OR newer = ?2)",
		"DELETE FROM person_word WHERE person_id = ?2",
		"DELETE FROM person WHERE id = ?2",
	};
	size_t i;
	int rc;
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		rc = run2(s, steps[i], keep, drop, e);
		if (rc)
			return rc;
	}
	return PO_OK;
}
