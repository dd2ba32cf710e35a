/* sqlite_registry.c: the registry's read models (see store_registry.h):
 * figures of a set of units, households and their members, a person's
 * paid periods and receipts (SQLite backend).
 *
 * A set of units (or people) reaches SQL as one bound parameter, a JSON
 * array of ids, read with json_each: `unit_id IN (SELECT value FROM
 * json_each(?1))` makes SQLite build one ephemeral index of the set and
 * probe it, so a statement over the set is the same whatever its size. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"

#define IN_SET "(SELECT value FROM json_each(?1))"

/* Ids (of units or people) as a JSON array text ("[1,2,3]"), malloc'd;
 * NULL (e filled) when memory runs out. */
static char *ids_json(const int64_t *ids, size_t n, err_t *e)
{
	size_t cap = n * 21 + 3, len = 0, i;
	char *s = malloc(cap);
	if (!s) {
		err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		return NULL;
	}
	s[len++] = '[';
	for (i = 0; i < n; i++) {
		int k = snprintf(s + len, cap - len, "%s%" PRId64, i ? "," : "", ids[i]);
		if (k < 0 || (size_t)k >= cap - len) {
			free(s);
			err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "ids_json");
			return NULL;
		}
		len += (size_t)k;
	}
	s[len++] = ']';
	s[len] = '\0';
	return s;
}

/* Steps a statement that yields one row of `ncols` integers into out;
 * resets it and drops its bindings (the units text is freed after). */
static int one_row(store_t *s, sqlite3_stmt *st, int64_t *out, int ncols, const char *what, err_t *e)
{
	int rc = sqlite3_step(st), i;
	if (rc == SQLITE_ROW)
		for (i = 0; i < ncols; i++)
			out[i] = sqlite3_column_int64(st, i);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW ? PO_OK : sq_fail(s, rc, what, e);
}

/* See store_registry.h. */
int store_people_in_units(store_t *s, const int64_t *units, size_t n, int64_t *count, err_t *e)
{
	sqlite3_stmt *st;
	char *set;
	int rc;
	*count = 0;
	set = ids_json(units, n, e);
	if (!set)
		return e->code;
	st = sq_prep(s, SQ_REG_PEOPLE_IN, "SELECT count(*) FROM person WHERE unit_id IN " IN_SET, e);
	if (!st) {
		free(set);
		return e->code;
	}
	sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
	rc = one_row(s, st, count, 1, "person", e);
	free(set);
	return rc;
}

/* A date text "YYYY-MM-DD" as the number YYYYMMDD (the same order); 0
 * for anything else. */
static int32_t day_key(const unsigned char *t)
{
	int32_t v = 0;
	int i;
	if (!t)
		return 0;
	for (i = 0; i < DATE_ISO_LEN; i++) {
		if (i == 4 || i == 7) {
			if (t[i] != '-')
				return 0;
			continue;
		}
		if (t[i] < '0' || t[i] > '9')
			return 0;
		v = v * 10 + (t[i] - '0');
	}
	return t[DATE_ISO_LEN] ? 0 : v;
}

/* The same key of a date_t. */
static int32_t date_key(date_t d)
{
	return d.y * 10000 + d.m * 100 + d.d;
}

/* One person of the units while store_figures counts: her id, the last
 * covered day per scheme (0 bhyt, 1 bhxh; 0 when none) and flags. */
struct fig_person {
	int64_t id;
	int32_t last[2];
	unsigned char member, on[2];
};

/* The person with that id in p[0..n) (sorted by id), or NULL. */
static struct fig_person *fig_find(struct fig_person *p, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p[mid].id == id)
			return &p[mid];
		if (p[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* True when the sorted ids[0..n) hold id. */
static bool id_in(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return true;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Folds every row of st (person, scheme, first day, last day and, when
 * nvoids > 0, the receipt) whose person is in p[0..n) and whose receipt
 * is not among the sorted voids[0..nvoids) into her last covered day
 * and whether a period contains day `on`.  PO_OK or the database's
 * error. */
static int fold_periods(store_t *s, sqlite3_stmt *st, struct fig_person *p, size_t n, int32_t on,
			const int64_t *voids, size_t nvoids, const char *what, err_t *e)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fig_person *q = fig_find(p, n, sqlite3_column_int64(st, 0));
		const unsigned char *scheme = sqlite3_column_text(st, 1);
		int32_t f, t;
		int k;
		if (!q || !scheme || (nvoids && id_in(voids, nvoids, sqlite3_column_int64(st, 4))))
			continue;
		k = strcmp((const char *)scheme, "bhxh") == 0;
		f = day_key(sqlite3_column_text(st, 2));
		t = day_key(sqlite3_column_text(st, 3));
		if (!f || !t)
			continue;
		if (t > q->last[k])
			q->last[k] = t;
		if (f <= on && on <= t)
			q->on[k] = 1;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, what, e);
}

/* Orders fig_person records by id. */
static int fig_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct fig_person *)a)->id, y = ((const struct fig_person *)b)->id;
	return (x > y) - (x < y);
}

/* The people of the set `set` (a JSON array of unit ids) into *p (sorted
 * by id, malloc'd), *np of them. */
static int fig_people(store_t *s, const char *set, struct fig_person **p, size_t *np, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REG_FIG_PEOPLE, "SELECT id, member FROM person WHERE unit_id IN " IN_SET, e);
	size_t cap = 0;
	bool sorted = true;
	int rc = PO_OK, step;
	*p = NULL;
	*np = 0;
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct fig_person *q;
		if (*np == cap) {
			size_t ncap = cap ? cap * 2 : 1024;
			if (*np >= STORE_FIGURES_PEOPLE_MAX) {
				rc = err_set(e, PO_ELIMIT, NULL, MSG_LIMIT, "people", (size_t)STORE_FIGURES_PEOPLE_MAX);
				break;
			}
			q = realloc(*p, ncap * sizeof *q);
			if (!q) {
				rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
				break;
			}
			*p = q;
			cap = ncap;
		}
		q = &(*p)[*np];
		memset(q, 0, sizeof *q);
		q->id = sqlite3_column_int64(st, 0);
		q->member = sqlite3_column_int(st, 1) != 0;
		if (*np && q->id < q[-1].id)
			sorted = false;
		(*np)++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(s, step, "person", e);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	/* a table scan gives id order; an index on the unit would not */
	if (!rc && !sorted)
		qsort(*p, *np, sizeof **p, fig_cmp);
	return rc;
}

/* The ids of the void receipts, sorted, into *ids (malloc'd; NULL when
 * none), *n of them. */
static int void_receipts(store_t *s, int64_t **ids, size_t *n, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REG_VOIDS, "SELECT id FROM receipt WHERE void = 1 ORDER BY id", e);
	size_t cap = 0;
	int rc = PO_OK, step;
	*ids = NULL;
	*n = 0;
	if (!st)
		return e->code;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			int64_t *q;
			if (*n >= STORE_FIGURES_PEOPLE_MAX) {
				rc = err_set(e, PO_ELIMIT, NULL, MSG_LIMIT, "void receipts", (size_t)STORE_FIGURES_PEOPLE_MAX);
				break;
			}
			q = realloc(*ids, ncap * sizeof *q);
			if (!q) {
				rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
				break;
			}
			*ids = q;
			cap = ncap;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(s, step, "receipt", e);
	sqlite3_reset(st);
	return rc;
}

#define FIG_PROBE_MAX 4096 /* up to this many people, their periods are looked up by person */

/* See store_registry.h.  The people of the units are read once into
 * memory (sorted by id, 24 bytes each, at most STORE_FIGURES_PEOPLE_MAX);
 * then the lines of valid receipts and the imported cover are folded
 * into them: for a few people (a hamlet) looked up through the person
 * index of each table, for more in one scan of each table.  The day's
 * receipts are read through their date index.  No query per person. */
int store_figures(store_t *s, const int64_t *units, size_t n, date_t on, int due_days, store_figures_t *out,
		  err_t *e)
{
	struct fig_person *p = NULL;
	size_t np = 0, i;
	int32_t day = date_key(on), since = date_key(date_add_days(on, -90)), until = date_key(date_add_days(on, due_days));
	int64_t v[2] = {0, 0};
	sqlite3_stmt *st;
	char *set, *who = NULL;
	int rc;
	memset(out, 0, sizeof *out);
	set = ids_json(units, n, e);
	if (!set)
		return e->code;
	rc = fig_people(s, set, &p, &np, e);

	/* their paid periods */
	if (!rc && np && np <= FIG_PROBE_MAX) {
		int64_t *ids = malloc(np * sizeof *ids);
		if (!ids) {
			rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		} else {
			for (i = 0; i < np; i++)
				ids[i] = p[i].id;
			who = ids_json(ids, np, e);
			free(ids);
			if (!who)
				rc = e->code;
		}
		if (!rc) {
			st = sq_prep(s, SQ_REG_FIG_COVER_IN,
				     "SELECT l.person_id, l.scheme, l.period_from, l.period_to FROM receipt_line l"
				     " JOIN receipt r ON r.id = l.receipt_id WHERE r.void = 0 AND l.person_id IN " IN_SET, e);
			if (st)
				sqlite3_bind_text(st, 1, who, -1, SQLITE_STATIC);
			rc = st ? fold_periods(s, st, p, np, day, NULL, 0, "receipt_line", e) : e->code;
		}
		if (!rc) {
			st = sq_prep(s, SQ_REG_FIG_DUE_IN,
				     "SELECT person_id, scheme, period_from, period_to FROM coverage_import"
				     " WHERE person_id IN " IN_SET, e);
			if (st)
				sqlite3_bind_text(st, 1, who, -1, SQLITE_STATIC);
			rc = st ? fold_periods(s, st, p, np, day, NULL, 0, "coverage_import", e) : e->code;
		}
	} else if (!rc && np) {
		/* every line in table order, less those of void receipts: no
		 * look-up per line */
		int64_t *voids = NULL;
		size_t nvoids = 0;
		rc = void_receipts(s, &voids, &nvoids, e);
		if (!rc) {
			st = sq_prep(s, SQ_REG_FIG_COVER,
				     "SELECT person_id, scheme, period_from, period_to, receipt_id FROM receipt_line", e);
			rc = st ? fold_periods(s, st, p, np, day, voids, nvoids, "receipt_line", e) : e->code;
		}
		free(voids);
		if (!rc) {
			st = sq_prep(s, SQ_REG_FIG_DUE, "SELECT person_id, scheme, period_from, period_to FROM coverage_import", e);
			rc = st ? fold_periods(s, st, p, np, day, NULL, 0, "coverage_import", e) : e->code;
		}
	}
	free(who);
	for (i = 0; !rc && i < np; i++) {
		out->people++;
		out->members += p[i].member;
		out->bhyt_active += p[i].on[0];
		out->members_bhyt += p[i].on[0] && p[i].member;
		out->bhxh_active += p[i].on[1];
		out->due_bhyt += p[i].last[0] && p[i].last[0] >= since && p[i].last[0] <= until;
		out->due_bhxh += p[i].last[1] && p[i].last[1] < day;
	}
	free(p);

	/* the day's receipts, by where the payer lives */
	if (!rc) {
		st = sq_prep(s, SQ_REG_FIG_RECEIPTS,
			     "SELECT count(*), coalesce(sum(r.total), 0) FROM receipt r JOIN person p ON p.id = r.payer_id"
			     " WHERE r.date = ?2 AND r.void = 0 AND p.unit_id IN " IN_SET, e);
		rc = st ? PO_OK : e->code;
		if (!rc) {
			sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
			sq_bind_date(st, 2, on);
			rc = one_row(s, st, v, 2, "receipt", e);
			out->receipts = v[0];
			out->collected = v[1];
		}
	}
	free(set);
	return rc;
}

/* Fills the household_rec_t at out from a row (id, code, unit, unit code,
 * head) (an sq_one reader). */
static void household_from_row(sqlite3_stmt *st, void *out)
{
	household_rec_t *h = out;
	memset(h, 0, sizeof *h);
	h->id = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, h->code, sizeof h->code);
	h->unit_id = sqlite3_column_int64(st, 2);
	sq_col_text(st, 3, h->unit_code, sizeof h->unit_code);
	h->head_id = sqlite3_column_int64(st, 4);
}

/* See store_registry.h. */
int store_household_get(store_t *s, int64_t id, household_rec_t *h, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REG_HH_GET,
				   "SELECT h.id, h.code, h.unit_id, u.code, h.head_id FROM household h"
				   " JOIN unit u ON u.id = h.unit_id WHERE h.id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sq_one(s, st, household_from_row, h, "household", e);
	return rc == PO_ENOTFOUND ? err_set(e, PO_ENOTFOUND, "id", MSG_REG_HOUSEHOLD_UNKNOWN, (long long)id) : rc;
}

/* The callback of a walk over members, paid periods or receipts (the
 * member of fn by the walk) and the caller's context, for the row
 * functions below. */
struct walk {
	union {
		int (*member)(int64_t person_id, void *ctx);
		int (*period)(const coverage_period_t *p, void *ctx);
		int (*receipt)(const receipt_t *r, void *ctx);
	} fn;
	void *ctx;
};

/* Hands a row (person) to fn.member (an sq_each row function). */
static int member_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	return w->fn.member(sqlite3_column_int64(st, 0), w->ctx);
}

/* See store_registry.h. */
int store_household_members_each(store_t *s, int64_t household_id, int (*fn)(int64_t person_id, void *ctx),
				 void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REG_HH_MEMBERS,
				   "SELECT p.id FROM person p JOIN household h ON h.id = p.household_id"
				   " WHERE p.household_id = ?1 ORDER BY p.id IS h.head_id DESC, p.dob, p.id", e);
	struct walk w = {.fn.member = fn, .ctx = ctx};
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, household_id);
	return sq_each(s, st, member_row, &w, "person", e);
}

/* See store_registry.h. */
int store_household_clear_head(store_t *s, int64_t household_id, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REG_HH_NO_HEAD, "UPDATE household SET head_id = NULL WHERE id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, household_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "household", e);
}

/* Copies text column i into out (cap bytes) without cutting a UTF-8
 * sequence when it is too long. */
static void col_text_utf8(sqlite3_stmt *st, int i, char *out, size_t cap)
{
	size_t n;
	sq_col_text(st, i, out, cap);
	n = strlen(out);
	if ((size_t)sqlite3_column_bytes(st, i) <= n)
		return;
	/* cut: drop a trailing sequence that lost some of its bytes */
	{
		size_t lead = n, want;
		unsigned char c;
		while (lead > 0 && ((unsigned char)out[lead - 1] & 0xC0) == 0x80)
			lead--;
		if (lead == 0)
			return;
		c = (unsigned char)out[lead - 1];
		want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if (n - (lead - 1) < want)
			out[lead - 1] = '\0';
	}
}

/* Hands a row of SQ_REG_PERIODS to fn.period (an sq_each row function). */
static int period_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	coverage_period_t p;
	memset(&p, 0, sizeof p);
	sq_col_text(st, 0, p.scheme, sizeof p.scheme);
	p.from = sq_col_date(st, 1);
	p.to = sq_col_date(st, 2);
	p.months = sqlite3_column_int(st, 3);
	p.imported = sqlite3_column_int(st, 4) != 0;
	p.receipt_id = sqlite3_column_int64(st, 5);
	sq_col_text(st, 6, p.book, sizeof p.book);
	p.serial = sqlite3_column_int64(st, 7);
	if (!p.imported)
		p.paid_on = sq_col_date(st, 8);
	p.ordinal = sqlite3_column_int(st, 9);
	p.income = sqlite3_column_int64(st, 10);
	p.gross = sqlite3_column_int64(st, 11);
	p.state_support = sqlite3_column_int64(st, 12);
	p.local_support = sqlite3_column_int64(st, 13);
	p.net = sqlite3_column_int64(st, 14);
	col_text_utf8(st, 15, p.source, sizeof p.source);
	return w->fn.period(&p, w->ctx);
}

/* See store_registry.h. */
int store_person_periods_each(store_t *s, int64_t person, int limit,
			      int (*fn)(const coverage_period_t *p, void *ctx), void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(
		s, SQ_REG_PERIODS,
		"SELECT scheme, f, t, months, imported, rid, book, serial, paid, ordinal, income, gross, state_support,"
		" local_support, net, source FROM ("
		" SELECT l.scheme AS scheme, l.period_from AS f, l.period_to AS t, l.months AS months, 0 AS imported,"
		" r.id AS rid, b.code AS book, r.serial AS serial, r.date AS paid, coalesce(l.ordinal, 0) AS ordinal,"
		" coalesce(l.income, 0) AS income, l.gross AS gross, l.state_support AS state_support,"
		" l.local_support AS local_support, l.net AS net, NULL AS source"
		" FROM receipt_line l JOIN receipt r ON r.id = l.receipt_id AND r.void = 0"
		" JOIN receipt_book b ON b.id = r.book_id WHERE l.person_id = ?1"
		" UNION ALL SELECT scheme, period_from, period_to, 0, 1, 0, NULL, 0, NULL, 0, 0, 0, 0, 0, 0, source"
		" FROM coverage_import WHERE person_id = ?1)"
		" ORDER BY t DESC, f DESC, scheme LIMIT ?2",
		e);
	struct walk w = {.fn.period = fn, .ctx = ctx};
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_int(st, 2, limit);
	return sq_each(s, st, period_row, &w, "receipt_line", e);
}

/* Hands a receipt row (sq_read_receipt's columns) to fn.receipt (an
 * sq_each row function). */
static int receipt_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	receipt_t r;
	sq_read_receipt(st, &r);
	return w->fn.receipt(&r, w->ctx);
}

/* See store_registry.h. */
int store_person_receipts_each(store_t *s, int64_t person, int limit, int (*fn)(const receipt_t *r, void *ctx),
			       void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REG_RECEIPTS,
				   "SELECT r.id, b.code, r.serial, r.date, r.collector_id, u.username, r.payer_id, r.total,"
				   " r.void, r.remittance_id, r.method FROM receipt r JOIN receipt_book b ON b.id = r.book_id"
				   " JOIN app_user u ON u.id = r.collector_id"
				   " WHERE r.payer_id = ?1 OR r.id IN (SELECT receipt_id FROM receipt_line WHERE person_id = ?1)"
				   " ORDER BY r.date DESC, r.id DESC LIMIT ?2", e);
	struct walk w = {.fn.receipt = fn, .ctx = ctx};
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_int(st, 2, limit);
	return sq_each(s, st, receipt_row, &w, "receipt", e);
}

/* See store_registry.h. */
int store_bhxh_support_received(store_t *s, int64_t person, money_t *total, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_REG_SUPPORT,
				   "SELECT coalesce(sum(l.state_support + l.local_support), 0) FROM receipt_line l"
				   " JOIN receipt r ON r.id = l.receipt_id AND r.void = 0"
				   " WHERE l.person_id = ?1 AND l.scheme = 'bhxh'", e);
	int64_t v = 0;
	int rc;
	*total = 0;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person);
	rc = one_row(s, st, &v, 1, "receipt_line", e);
	*total = v;
	return rc;
}
