/* sqlite_money.c: receipts, coverage lines, remittances and 1+1
 * referrals (SQLite backend).  Coverage is never stored apart: it is the
 * lines of valid (not void) receipts, so money and coverage cannot
 * disagree. */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_int.h"

/* Steps a statement expected to finish without rows. */
static int done(store_t *s, sqlite3_stmt *st, const char *what, err_t *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, what, e);
}

/* Binds the calendar year as the half-open range of ISO dates
 * [year-01-01, year+1-01-01) to parameters i and i + 1. */
static void bind_year(sqlite3_stmt *st, int i, int year)
{
	sq_bind_date(st, i, date_make(year, 1, 1));
	sq_bind_date(st, i + 1, date_make(year + 1, 1, 1));
}

/* See store.h. */
int store_book_for(store_t *s, int64_t collector_id, const char *username, int64_t *book_id, err_t *e)
{
	char code[BOOK_CODE_MAX + 1];
	sqlite3_stmt *st = sq_prep(s, SQ_BOOK_FIND, "SELECT id FROM receipt_book WHERE collector_id = ?1 ORDER BY id LIMIT 1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, collector_id);
	rc = sq_one(s, st, sq_read_int64, book_id, "receipt_book", e);
	if (rc != PO_ENOTFOUND)
		return rc;
	snprintf(code, sizeof code, "Q-%s", username);
	st = sq_prep(s, SQ_BOOK_ADD, "INSERT INTO receipt_book (code, collector_id) VALUES (?1, ?2)", e);
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, collector_id);
	rc = done(s, st, "receipt_book", e);
	if (!rc)
		*book_id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

/* See store.h. */
int store_receipt_issue(store_t *s, int64_t book_id, receipt_t *r, const receipt_line_t *lines, size_t n, err_t *e)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;
	st = sq_prep(s, SQ_BOOK_NEXT,
		     "UPDATE receipt_book SET next_serial = next_serial + 1 WHERE id = ?1 RETURNING next_serial - 1, code", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, book_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return sq_fail(s, rc, "receipt_book", e);
	}
	r->serial = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, r->book, sizeof r->book);
	sqlite3_step(st);
	sqlite3_reset(st);
	st = sq_prep(s, SQ_RECEIPT_ADD,
		     "INSERT INTO receipt (book_id, serial, date, collector_id, payer_id, total, method)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, book_id);
	sqlite3_bind_int64(st, 2, r->serial);
	sq_bind_date(st, 3, r->date);
	sqlite3_bind_int64(st, 4, r->collector_id);
	sqlite3_bind_int64(st, 5, r->payer_id);
	sqlite3_bind_int64(st, 6, r->total);
	sqlite3_bind_text(st, 7, r->method[0] ? r->method : "cash", -1, SQLITE_STATIC);
	rc = done(s, st, "receipt", e);
	if (rc)
		return rc;
	r->id = sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < n; i++) {
		const receipt_line_t *l = &lines[i];
		st = sq_prep(s, SQ_LINE_ADD,
			     "INSERT INTO receipt_line (receipt_id, line_no, person_id, scheme, period_from, period_to, months,"
			     " ordinal, income, category, supported_months, gross, state_support, local_support, net)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", e);
		if (!st)
			return e->code;
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		sqlite3_bind_int64(st, 3, l->person_id);
		sqlite3_bind_text(st, 4, l->scheme, -1, SQLITE_STATIC);
		sq_bind_date(st, 5, l->from);
		sq_bind_date(st, 6, l->to);
		sqlite3_bind_int(st, 7, l->months);
		if (l->ordinal)
			sqlite3_bind_int(st, 8, l->ordinal);
		if (l->income)
			sqlite3_bind_int64(st, 9, l->income);
		sq_bind_text_or_null(st, 10, l->category);
		sqlite3_bind_int(st, 11, l->supported_months);
		sqlite3_bind_int64(st, 12, l->gross);
		sqlite3_bind_int64(st, 13, l->state_support);
		sqlite3_bind_int64(st, 14, l->local_support);
		sqlite3_bind_int64(st, 15, l->net);
		rc = done(s, st, "receipt_line", e);
		if (rc)
			return rc;
	}
	return PO_OK;
}

/* See sqlite_int.h. */
void sq_read_receipt(sqlite3_stmt *st, void *out)
{
	receipt_t *r = out;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, r->book, sizeof r->book);
	r->serial = sqlite3_column_int64(st, 2);
	r->date = sq_col_date(st, 3);
	r->collector_id = sqlite3_column_int64(st, 4);
	sq_col_text(st, 5, r->collector, sizeof r->collector);
	r->payer_id = sqlite3_column_int64(st, 6);
	r->total = sqlite3_column_int64(st, 7);
	r->is_void = sqlite3_column_int(st, 8) != 0;
	r->remittance_id = sqlite3_column_int64(st, 9);
	sq_col_text(st, 10, r->method, sizeof r->method);
}

/* See store.h. */
int store_receipt_get(store_t *s, int64_t id, receipt_t *r, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_RECEIPT_GET,
				   "SELECT r.id, b.code, r.serial, r.date, r.collector_id, u.username, r.payer_id, r.total,"
				   " r.void, r.remittance_id, r.method FROM receipt r JOIN receipt_book b ON b.id = r.book_id"
				   " JOIN app_user u ON u.id = r.collector_id WHERE r.id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sq_one(s, st, sq_read_receipt, r, "receipt", e);
	return rc == PO_ENOTFOUND ? err_set(e, PO_ENOTFOUND, "id", MSG_RECEIPT_UNKNOWN, (long long)id) : rc;
}

/* See store.h. */
int store_receipt_lines(store_t *s, int64_t id, receipt_line_t *lines, size_t max, size_t *n, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_LINES_GET,
				   "SELECT person_id, scheme, period_from, period_to, months, ordinal, income, category,"
				   " supported_months, gross, state_support, local_support, net FROM receipt_line"
				   " WHERE receipt_id = ?1 ORDER BY line_no", e);
	int rc;
	*n = 0;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		receipt_line_t *l = &lines[(*n)++];
		memset(l, 0, sizeof *l);
		l->person_id = sqlite3_column_int64(st, 0);
		sq_col_text(st, 1, l->scheme, sizeof l->scheme);
		l->from = sq_col_date(st, 2);
		l->to = sq_col_date(st, 3);
		l->months = sqlite3_column_int(st, 4);
		l->ordinal = sqlite3_column_int(st, 5);
		l->income = sqlite3_column_int64(st, 6);
		sq_col_text(st, 7, l->category, sizeof l->category);
		l->supported_months = sqlite3_column_int(st, 8);
		l->gross = sqlite3_column_int64(st, 9);
		l->state_support = sqlite3_column_int64(st, 10);
		l->local_support = sqlite3_column_int64(st, 11);
		l->net = sqlite3_column_int64(st, 12);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? PO_OK : sq_fail(s, rc, "receipt_line", e);
}

/* The callback of a walk over last covered days, remittance lines,
 * referrals or enrolled members (the member of fn by the walk) and the
 * caller's context, for the row functions below. */
struct walk {
	union {
		int (*last)(int64_t person, int64_t unit_id, const char *scheme, date_t last, void *ctx);
		int (*line)(const char *scheme, int months, money_t net, bool is_new, void *ctx);
		int (*link)(int64_t person, int64_t unit_id, int64_t referrer, void *ctx);
		int (*member)(int64_t person, int64_t unit_id, void *ctx);
		int (*brought)(int64_t person, const char *relation, date_t d, void *ctx);
	} fn;
	void *ctx;
};

/* Hands a row (person, unit, scheme, last day) to fn.last (an sq_each row
 * function). */
static int last_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	char scheme[8];
	sq_col_text(st, 2, scheme, sizeof scheme);
	return w->fn.last(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), scheme, sq_col_date(st, 3), w->ctx);
}

/* See store.h. */
int store_coverage_each(store_t *s, int (*fn)(int64_t person, int64_t unit_id, const char *scheme, date_t last,
					      void *ctx),
			void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_COVER_EACH,
				   "SELECT c.pid, p.unit_id, c.scheme, max(c.t) FROM (SELECT l.person_id AS pid, l.scheme,"
				   " l.period_to AS t FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id WHERE r.void = 0"
				   " UNION ALL SELECT person_id, scheme, period_to FROM coverage_import) c"
				   " JOIN person p ON p.id = c.pid GROUP BY c.pid, c.scheme", e);
	struct walk w = {.fn.last = fn, .ctx = ctx};
	if (!st)
		return e->code;
	return sq_each(s, st, last_row, &w, "receipt_line", e);
}

/* See store.h. */
int store_receipt_void(store_t *s, int64_t id, const char *reason, const char *by, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_RECEIPT_VOID,
				   "UPDATE receipt SET void = 1, void_reason = ?2, void_by = ?3, void_at = ?4 WHERE id = ?1", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, sq_now(s), -1, SQLITE_TRANSIENT);
	return done(s, st, "receipt", e);
}

/* See store.h. */
int store_coverage_last(store_t *s, int64_t person_id, const char *scheme, date_t *last, bool *has, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_COVER_LAST,
				   "SELECT max(t) FROM (SELECT max(l.period_to) AS t FROM receipt_line l"
				   " JOIN receipt r ON r.id = l.receipt_id WHERE l.person_id = ?1 AND l.scheme = ?2 AND r.void = 0"
				   " UNION ALL SELECT max(period_to) FROM coverage_import WHERE person_id = ?1 AND scheme = ?2)", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_text(st, 2, scheme, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return sq_fail(s, rc, "receipt_line", e);
	}
	*has = sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (*has)
		*last = sq_col_date(st, 0);
	sqlite3_reset(st);
	return PO_OK;
}

/* See store.h. */
int store_supported_months(store_t *s, int64_t person_id, int *n, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_SUPPORTED,
				   "SELECT coalesce(sum(l.supported_months), 0) FROM receipt_line l"
				   " JOIN receipt r ON r.id = l.receipt_id"
				   " WHERE l.person_id = ?1 AND l.scheme = 'bhxh' AND r.void = 0", e);
	int64_t v = 0;
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sq_one(s, st, sq_read_int64, &v, "receipt", e);
	*n = (int)v;
	return rc;
}

/* See store.h. */
int store_bhyt_payers(store_t *s, int64_t household_id, int year, int64_t except, int *n, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_BHYT_PAYERS,
				   "SELECT count(DISTINCT pid) FROM (SELECT l.person_id AS pid FROM receipt_line l"
				   " JOIN receipt r ON r.id = l.receipt_id JOIN person p ON p.id = l.person_id"
				   " WHERE p.household_id = ?1 AND l.scheme = 'bhyt' AND r.void = 0"
				   " AND r.date >= ?2 AND r.date < ?3 AND l.person_id <> ?4"
				   " UNION ALL SELECT c.person_id FROM coverage_import c JOIN person p ON p.id = c.person_id"
				   " WHERE p.household_id = ?1 AND c.scheme = 'bhyt' AND c.period_from >= ?2"
				   " AND c.period_from < ?3 AND c.person_id <> ?4)", e);
	int64_t v = 0;
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, household_id);
	bind_year(st, 2, year);
	sqlite3_bind_int64(st, 4, except);
	rc = sq_one(s, st, sq_read_int64, &v, "receipt", e);
	*n = (int)v;
	return rc;
}

/* A reader for sq_one: the row's first columns (at most 4) as integers
 * into the int64_t array at out. */
static void read_int64s(sqlite3_stmt *st, void *out)
{
	int64_t *v = out;
	int i, n = sqlite3_column_count(st);
	for (i = 0; i < n && i < 4; i++)
		v[i] = sqlite3_column_int64(st, i);
}

/* See store.h. */
int store_remit(store_t *s, int64_t collector_id, date_t d, int64_t *remit_id, int64_t *count, money_t *amount,
		err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REMIT_SUM,
				   "SELECT count(*), coalesce(sum(total), 0) FROM receipt"
				   " WHERE collector_id = ?1 AND void = 0 AND remittance_id IS NULL", e);
	int64_t v[4] = {0};
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, collector_id);
	rc = sq_one(s, st, read_int64s, v, "receipt", e);
	if (rc)
		return rc;
	*count = v[0];
	*amount = v[1];
	*remit_id = 0;
	if (*count == 0)
		return PO_OK;
	st = sq_prep(s, SQ_REMIT_ADD, "INSERT INTO remittance (collector_id, date, receipts, amount) VALUES (?1, ?2, ?3, ?4)", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, collector_id);
	sq_bind_date(st, 2, d);
	sqlite3_bind_int64(st, 3, *count);
	sqlite3_bind_int64(st, 4, *amount);
	rc = done(s, st, "remittance", e);
	if (rc)
		return rc;
	*remit_id = sqlite3_last_insert_rowid(s->db);
	st = sq_prep(s, SQ_REMIT_MARK,
		     "UPDATE receipt SET remittance_id = ?2 WHERE collector_id = ?1 AND void = 0 AND remittance_id IS NULL", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, collector_id);
	sqlite3_bind_int64(st, 2, *remit_id);
	return done(s, st, "receipt", e);
}

/* See store.h. */
int store_cash(store_t *s, int64_t collector_id, int64_t *receipts, money_t *collected, money_t *remitted, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_CASH,
				   "SELECT count(*), coalesce(sum(total), 0),"
				   " coalesce(sum(CASE WHEN remittance_id IS NOT NULL THEN total END), 0)"
				   " FROM receipt WHERE collector_id = ?1 AND void = 0", e);
	int64_t v[4] = {0};
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, collector_id);
	rc = sq_one(s, st, read_int64s, v, "receipt", e);
	if (rc)
		return rc;
	*receipts = v[0];
	*collected = v[1];
	*remitted = v[2];
	return PO_OK;
}

/* See store.h. */
int store_referral_add(store_t *s, int64_t person, int64_t referrer, const char *relation, int64_t receipt_id,
		       date_t d, bool *added, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REFERRAL_ADD,
				   "INSERT OR IGNORE INTO referral (person_id, referrer_id, relation, receipt_id, date)"
				   " VALUES (?1, ?2, ?3, ?4, ?5)", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_int64(st, 2, referrer);
	sqlite3_bind_text(st, 3, relation, -1, SQLITE_STATIC);
	if (receipt_id)
		sqlite3_bind_int64(st, 4, receipt_id);
	sq_bind_date(st, 5, d);
	rc = done(s, st, "referral", e);
	if (!rc)
		*added = sqlite3_changes(s->db) > 0;
	return rc;
}

/* Hands a row (person, unit, referrer) to fn.link (an sq_each row
 * function). */
static int link_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	return w->fn.link(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			  w->ctx);
}

/* See store.h. */
int store_referrals_each(store_t *s, int (*fn)(int64_t person, int64_t unit_id, int64_t referrer, void *ctx),
			 void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REFERRAL_EACH,
				   "SELECT f.person_id, p.unit_id, f.referrer_id FROM referral f JOIN person p ON p.id = f.person_id", e);
	struct walk w = {.fn.link = fn, .ctx = ctx};
	if (!st)
		return e->code;
	return sq_each(s, st, link_row, &w, "referral", e);
}

/* The invariants `plusone check` verifies: a name, and a query listing
 * the ids of the records that break it. */
static const struct {
	const char *name;
	const char *sql;
} checks[] = {
	{"receipt_total", "SELECT r.id FROM receipt r LEFT JOIN receipt_line l ON l.receipt_id = r.id"
			  " GROUP BY r.id HAVING r.total IS NOT coalesce(sum(l.net), 0)"},
	{"receipt_empty", "SELECT r.id FROM receipt r WHERE NOT EXISTS"
			  " (SELECT 1 FROM receipt_line l WHERE l.receipt_id = r.id)"},
	{"serial_repeat", "SELECT min(id) FROM receipt GROUP BY book_id, serial HAVING count(*) > 1"},
	{"serial_ahead", "SELECT r.id FROM receipt r JOIN receipt_book b ON b.id = r.book_id WHERE r.serial >= b.next_serial"},
	{"period_overlap", "SELECT a.receipt_id FROM receipt_line a JOIN receipt ra ON ra.id = a.receipt_id AND ra.void = 0"
			   " JOIN receipt_line b ON b.person_id = a.person_id AND b.scheme = a.scheme"
			   " AND (b.receipt_id > a.receipt_id OR (b.receipt_id = a.receipt_id AND b.line_no > a.line_no))"
			   " JOIN receipt rb ON rb.id = b.receipt_id AND rb.void = 0"
			   " WHERE a.period_from <= b.period_to AND b.period_from <= a.period_to"},
	{"void_remitted", "SELECT id FROM receipt WHERE void = 1 AND remittance_id IS NOT NULL"},
	{"import_overlap", "SELECT c.id FROM coverage_import c WHERE EXISTS (SELECT 1 FROM coverage_import o"
			   " WHERE o.person_id = c.person_id AND o.scheme = c.scheme AND o.id > c.id"
			   " AND o.period_from <= c.period_to AND c.period_from <= o.period_to)"
			   " OR EXISTS (SELECT 1 FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id AND r.void = 0"
			   " WHERE l.person_id = c.person_id AND l.scheme = c.scheme"
			   " AND l.period_from <= c.period_to AND c.period_from <= l.period_to)"},
	{"remittance_amount", "SELECT m.id FROM remittance m LEFT JOIN receipt r ON r.remittance_id = m.id"
			      " GROUP BY m.id HAVING m.amount IS NOT coalesce(sum(r.total), 0)"
			      " OR m.receipts IS NOT count(r.id)"},
	{"line_split", "SELECT receipt_id FROM receipt_line WHERE net <> gross - state_support - local_support"
		       " OR state_support < 0 OR local_support < 0 OR net < 0"},
	{"search_index", "SELECT id FROM person WHERE name_fold <> '' AND id NOT IN (SELECT person_id FROM person_word)"},
	{"word_count", "SELECT 0 FROM (SELECT word, count(*) AS c FROM person_word GROUP BY word) x"
		       " LEFT JOIN word_count w USING (word) WHERE w.n IS NOT x.c"},
	{"foreign_key", "SELECT rowid FROM pragma_foreign_key_check"},
	/* a 1+1 loop (A brought B, B brought A; or longer): each person has
	 * at most one referrer, so walking up from her either ends or comes
	 * back to her; the walk is bounded by the number of referrals */
	{"referral_loop", "WITH RECURSIVE up(start, cur, depth) AS ("
			  " SELECT person_id, referrer_id, 1 FROM referral"
			  " UNION ALL SELECT up.start, f.referrer_id, up.depth + 1 FROM up"
			  " JOIN referral f ON f.person_id = up.cur"
			  " WHERE up.cur <> up.start AND up.depth <= (SELECT count(*) FROM referral))"
			  " SELECT DISTINCT start FROM up WHERE cur = start ORDER BY start"},
};

/* See store.h. */
int store_check(store_t *s, int (*fn)(const char *what, int64_t id, void *ctx), void *ctx, int *problems, err_t *e)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;
	*problems = 0;
	for (i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		rc = sqlite3_prepare_v2(s->db, checks[i].sql, -1, &st, NULL);
		if (rc != SQLITE_OK)
			return sq_fail(s, rc, checks[i].name, e);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			(*problems)++;
			if (fn(checks[i].name, sqlite3_column_int64(st, 0), ctx))
				break;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			return sq_fail(s, rc, checks[i].name, e);
	}
	rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, "quick_check", e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && strcmp(r, "ok") != 0) {
			(*problems)++;
			fn("database", 0, ctx);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "quick_check", e);
}

/* See store.h. */
int store_bhyt_paid_in(store_t *s, int64_t person_id, int year, bool *paid, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_BHYT_PAID,
				   "SELECT (SELECT count(*) FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id"
				   " WHERE l.person_id = ?1 AND l.scheme = 'bhyt' AND r.void = 0 AND r.date >= ?2 AND r.date < ?3)"
				   " + (SELECT count(*) FROM coverage_import WHERE person_id = ?1 AND scheme = 'bhyt'"
				   " AND period_from >= ?2 AND period_from < ?3)", e);
	int64_t v = 0;
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person_id);
	bind_year(st, 2, year);
	rc = sq_one(s, st, sq_read_int64, &v, "receipt", e);
	*paid = v > 0;
	return rc;
}

/* Hands a row (scheme, months, net, is new) to fn.line (an sq_each row
 * function). */
static int line_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	char scheme[8];
	sq_col_text(st, 0, scheme, sizeof scheme);
	return w->fn.line(scheme, sqlite3_column_int(st, 1), sqlite3_column_int64(st, 2), sqlite3_column_int(st, 3) != 0,
			  w->ctx);
}

/* See store.h. */
int store_remittance_lines_each(store_t *s, int64_t remit_id,
				int (*fn)(const char *scheme, int months, money_t net, bool is_new, void *ctx), void *ctx,
				err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REMIT_LINES,
				   "SELECT l.scheme, l.months, l.net, NOT EXISTS (SELECT 1 FROM receipt_line o"
				   " JOIN receipt ro ON ro.id = o.receipt_id AND ro.void = 0"
				   " WHERE o.person_id = l.person_id AND o.scheme = l.scheme AND o.receipt_id < l.receipt_id)"
				   " FROM receipt r JOIN receipt_line l ON l.receipt_id = r.id"
				   " WHERE r.remittance_id = ?1 ORDER BY r.id, l.line_no", e);
	struct walk w = {.fn.line = fn, .ctx = ctx};
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, remit_id);
	return sq_each(s, st, line_row, &w, "receipt_line", e);
}

/* See store.h. */
int store_remittance_commission(store_t *s, int64_t remit_id, money_t commission, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REMIT_COMMISSION, "UPDATE remittance SET commission = ?2 WHERE id = ?1", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, remit_id);
	sqlite3_bind_int64(st, 2, commission);
	return done(s, st, "remittance", e);
}

/* Hands a row (person, unit) to fn.member (an sq_each row function). */
static int member_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	return w->fn.member(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), w->ctx);
}

/* See store.h. */
int store_enrolled_members_each(store_t *s, int (*fn)(int64_t person, int64_t unit_id, void *ctx), void *ctx,
				err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_ENROLLED,
				   "SELECT p.id, p.unit_id FROM person p WHERE p.member = 1 AND EXISTS"
				   " (SELECT 1 FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id AND r.void = 0"
				   " WHERE l.person_id = p.id)", e);
	struct walk w = {.fn.member = fn, .ctx = ctx};
	if (!st)
		return e->code;
	return sq_each(s, st, member_row, &w, "person", e);
}

/* See store.h. */
int store_coverage_import(store_t *s, int64_t person, const char *scheme, date_t from, date_t to, const char *source,
			  bool *inserted, err_t *e)
{
	sqlite3_stmt *st;
	int64_t n = 0;
	int rc;
	*inserted = false;
	/* the same period again: nothing to do */
	st = sq_prep(s, SQ_COVER_SAME,
		     "SELECT count(*) FROM coverage_import WHERE person_id = ?1 AND scheme = ?2"
		     " AND period_from = ?3 AND period_to = ?4", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_text(st, 2, scheme, -1, SQLITE_STATIC);
	sq_bind_date(st, 3, from);
	sq_bind_date(st, 4, to);
	rc = sq_one(s, st, sq_read_int64, &n, "receipt", e);
	if (rc || n)
		return rc;
	st = sq_prep(s, SQ_COVER_OVERLAP,
		     "SELECT (SELECT count(*) FROM coverage_import WHERE person_id = ?1 AND scheme = ?2"
		     " AND period_from <= ?4 AND ?3 <= period_to)"
		     " + (SELECT count(*) FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id AND r.void = 0"
		     " WHERE l.person_id = ?1 AND l.scheme = ?2 AND l.period_from <= ?4 AND ?3 <= l.period_to)", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_text(st, 2, scheme, -1, SQLITE_STATIC);
	sq_bind_date(st, 3, from);
	sq_bind_date(st, 4, to);
	rc = sq_one(s, st, sq_read_int64, &n, "receipt", e);
	if (rc)
		return rc;
	if (n)
		return err_set(e, PO_ECONFLICT, "from", MSG_COVERAGE_OVERLAP);
	st = sq_prep(s, SQ_COVER_ADD,
		     "INSERT INTO coverage_import (person_id, scheme, period_from, period_to, source) VALUES (?1, ?2, ?3, ?4, ?5)", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_text(st, 2, scheme, -1, SQLITE_STATIC);
	sq_bind_date(st, 3, from);
	sq_bind_date(st, 4, to);
	sq_bind_text_or_null(st, 5, source);
	rc = done(s, st, "coverage_import", e);
	if (!rc)
		*inserted = true;
	return rc;
}

/* See store.h. */
int store_bhxh_summary(store_t *s, int64_t person, bool *has, date_t *first, date_t *last, int *months,
		       money_t *income, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_BHXH_SPAN,
				   "SELECT min(f), max(t) FROM (SELECT l.period_from AS f, l.period_to AS t FROM receipt_line l"
				   " JOIN receipt r ON r.id = l.receipt_id AND r.void = 0 WHERE l.person_id = ?1 AND l.scheme = 'bhxh'"
				   " UNION ALL SELECT period_from, period_to FROM coverage_import WHERE person_id = ?1 AND scheme = 'bhxh')",
				   e);
	int rc;
	*has = false;
	*months = 0;
	*income = 0;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return sq_fail(s, rc, "receipt_line", e);
	}
	*has = sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (*has) {
		*first = sq_col_date(st, 0);
		*last = sq_col_date(st, 1);
	}
	sqlite3_reset(st);
	if (!*has)
		return PO_OK;
	st = sq_prep(s, SQ_BHXH_LAST,
		     "SELECT l.months, l.income FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id AND r.void = 0"
		     " WHERE l.person_id = ?1 AND l.scheme = 'bhxh' ORDER BY l.period_to DESC LIMIT 1", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*months = sqlite3_column_int(st, 0);
		*income = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "receipt_line", e);
}

/* Hands a row (person, relation, date) to fn.brought (an sq_each row
 * function). */
static int brought_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	char rel[16];
	sq_col_text(st, 1, rel, sizeof rel);
	return w->fn.brought(sqlite3_column_int64(st, 0), rel, sq_col_date(st, 2), w->ctx);
}

/* See store.h. */
int store_referrals_by(store_t *s, int64_t referrer,
		       int (*fn)(int64_t person, const char *relation, date_t d, void *ctx), void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REFERRALS_BY,
				   "SELECT person_id, relation, date FROM referral WHERE referrer_id = ?1 ORDER BY date, person_id", e);
	struct walk w = {.fn.brought = fn, .ctx = ctx};
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, referrer);
	return sq_each(s, st, brought_row, &w, "referral", e);
}

/* See store.h. */
int store_bhxh_stop(store_t *s, int64_t person, date_t d, const char *reason, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_STOP_ADD, "INSERT INTO bhxh_stop (person_id, date, reason) VALUES (?1, ?2, ?3)", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	sq_bind_date(st, 2, d);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return err_set(e, PO_ECONFLICT, "date", MSG_STOP_TAKEN);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "bhxh_stop", e);
}

/* See store.h. */
int store_bhxh_last_stop(store_t *s, int64_t person, date_t d, bool *has, date_t *when, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_STOP_LAST, "SELECT max(date) FROM bhxh_stop WHERE person_id = ?1 AND date <= ?2", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	sq_bind_date(st, 2, d);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return sq_fail(s, rc, "bhxh_stop", e);
	}
	*has = sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (*has)
		*when = sq_col_date(st, 0);
	sqlite3_reset(st);
	return PO_OK;
}

/* See store.h. */
int store_referrer_of(store_t *s, int64_t person, bool *has, int64_t *referrer, char *relation, size_t cap,
		      date_t *d, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REFERRER_OF,
				   "SELECT referrer_id, relation, date FROM referral WHERE person_id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	rc = sqlite3_step(st);
	*has = rc == SQLITE_ROW;
	if (*has) {
		*referrer = sqlite3_column_int64(st, 0);
		sq_col_text(st, 1, relation, cap);
		*d = sq_col_date(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "referrer", e);
}
