/* fixture.h: a fresh database with a few units, for the app and web
 * tests, and the helpers they share to fill it (people, logins,
 * payments) and to read it back (one-value queries).  The helpers that
 * write assert that the write succeeds, so a test states only its own
 * checks. */
#ifndef PLUSONE_TESTS_FIXTURE_H
#define PLUSONE_TESTS_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "app/app.h"
#include "app/collect.h"

typedef struct fixture {
	char dir[64];
	char path[128];
	app_t app;
	err_t e;
} fixture_t;

/* Creates an empty migrated database (no units, no logins, no people)
 * in a temporary directory; the actor is "test" and today 2026-11-29.
 * Free it with fixture_free. */
static inline fixture_t *fixture_new_empty(void)
{
	fixture_t *f = calloc(1, sizeof *f);
	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/plusone-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	assert_int_equal(store_open(f->path, &f->app.store, &f->e), PO_OK);
	assert_int_equal(store_migrate(f->app.store, NULL, &f->e), PO_OK);
	f->app.actor = "test";
	f->app.today = (date_t){2026, 11, 29, false};
	return f;
}

/* fixture_new_empty with the units 84 (province) > 846 (district) >
 * 29350 Hiếu Tử, 29365 Tập Ngãi (communes) > 29350-01 (hamlet), added
 * in that order (ids 1 to 5, audit entries 1 to 5). */
static inline fixture_t *fixture_new(void)
{
	fixture_t *f = fixture_new_empty();
	static const struct {
		const char *code, *name, *parent;
		enum unit_kind kind;
	} units[] = {
		{"84", "Tỉnh Trà Vinh", NULL, UNIT_PROVINCE},
		{"846", "Huyện Tiểu Cần", "84", UNIT_DISTRICT},
		{"29350", "Xã Hiếu Tử", "846", UNIT_COMMUNE},
		{"29365", "Xã Tập Ngãi", "846", UNIT_COMMUNE},
		{"29350-01", "Ấp Tân Trung Giồng", "29350", UNIT_HAMLET},
	};
	size_t i;
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		unit_t u;
		memset(&u, 0, sizeof u);
		snprintf(u.code, sizeof u.code, "%s", units[i].code);
		snprintf(u.name, sizeof u.name, "%s", units[i].name);
		u.kind = units[i].kind;
		assert_int_equal(app_unit_add(&f->app, &u, units[i].parent, &f->e), PO_OK);
	}
	return f;
}

/* Closes and deletes the database. */
static inline void fixture_free(fixture_t *f)
{
	char p[160];
	store_close(f->app.store);
	unlink(f->path);
	snprintf(p, sizeof p, "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", f->path);
	unlink(p);
	rmdir(f->dir);
	free(f);
}

/* Writes text to a file in the fixture's directory; returns its path
 * (static buffer). */
static inline const char *fixture_file(fixture_t *f, const char *name, const char *text, size_t n)
{
	static char path[192];
	FILE *fp;
	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, n, fp), n);
	fclose(fp);
	return path;
}

/* Reads a whole small file into a static buffer. */
static inline const char *fixture_read(const char *path)
{
	static char buf[65536];
	FILE *fp = fopen(path, "rb");
	size_t n;
	assert_non_null(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Adds one person from a row of typed fields as the import would:
 * v[c] is the text of column c, NULL for a column not given.  Asserts
 * that the row parses and is stored (in its own transaction); returns
 * the person's id. */
static inline int64_t fixture_person_row(fixture_t *f, const char *const v[PCOL_COUNT])
{
	person_fields_t in;
	person_parsed_t pp;
	err_t errs[PERSON_ERRORS_MAX];
	size_t n;
	bool ins;
	int c;
	memset(&in, 0, sizeof in);
	for (c = 0; c < PCOL_COUNT; c++)
		if (v[c]) {
			in.v[c] = v[c];
			in.n[c] = strlen(v[c]);
		}
	assert_int_equal(person_parse(&f->app, &in, &pp, errs, &n), PO_OK);
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	assert_int_equal(person_upsert(&f->app, &pp, &ins, &f->e), PO_OK);
	assert_int_equal(store_tx_commit(f->app.store, &f->e), PO_OK);
	return pp.p.id;
}

/* fixture_person_row with the name, date of birth, sex and unit code
 * given, the CCCD and the household code when not NULL; returns the id. */
static inline int64_t fixture_person_fields(fixture_t *f, const char *name, const char *dob, const char *sex,
					    const char *cccd, const char *unit, const char *household)
{
	const char *v[PCOL_COUNT] = {0};
	v[PCOL_FULL_NAME] = name;
	v[PCOL_DOB] = dob;
	v[PCOL_SEX] = sex;
	v[PCOL_CCCD] = cccd;
	v[PCOL_UNIT] = unit;
	v[PCOL_HOUSEHOLD] = household;
	return fixture_person_row(f, v);
}

/* fixture_person_fields without a household; returns the id. */
static inline int64_t fixture_person(fixture_t *f, const char *name, const char *dob, const char *sex,
				     const char *cccd, const char *unit)
{
	return fixture_person_fields(f, name, dob, sex, cccd, unit, NULL);
}

/* The id of the unit with that code in force today; asserts it exists. */
static inline int64_t fixture_unit_id(fixture_t *f, const char *code)
{
	unit_t u;
	assert_int_equal(store_unit_by_code(f->app.store, code, f->app.today, &u, &f->e), PO_OK);
	return u.id;
}

/* The sorted unit ids of the subtree of the unit with that code in *ids
 * (the caller frees it); returns how many. */
static inline size_t fixture_scope(fixture_t *f, const char *code, int64_t **ids)
{
	size_t n = 0;
	assert_int_equal(app_unit_scope(&f->app, code, "unit", ids, &n, &f->e), PO_OK);
	return n;
}

/* Adds a login with a real (hashed: about 0.1 s) password through
 * app_user_add, audited like any; returns the user as added (id set). */
static inline user_t fixture_user(fixture_t *f, const char *name, enum user_role role, const char *unit,
				  const char *password)
{
	user_t u;
	memset(&u, 0, sizeof u);
	snprintf(u.username, sizeof u.username, "%s", name);
	u.role = role;
	assert_int_equal(app_user_add(&f->app, &u, unit, password, &f->e), PO_OK);
	return u;
}

/* Adds a login straight in the store, without hashing and without an
 * audit entry: its hash is a placeholder no password matches, so it
 * never logs in.  Returns the user as stored (id, unit id and code). */
static inline user_t fixture_user_raw(fixture_t *f, const char *name, enum user_role role, const char *unit)
{
	user_t u;
	memset(&u, 0, sizeof u);
	snprintf(u.username, sizeof u.username, "%s", name);
	u.role = role;
	u.unit_id = fixture_unit_id(f, unit);
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	assert_int_equal(store_user_insert(f->app.store, &u, "placeholder", &f->e), PO_OK);
	assert_int_equal(store_tx_commit(f->app.store, &f->e), PO_OK);
	assert_int_equal(store_user_find(f->app.store, name, &u, NULL, 0, &f->e), PO_OK);
	return u;
}

/* A BHXH item of a payment: months at that monthly income, the category
 * derived from the person. */
static inline collect_item_t fixture_bhxh(int64_t person, money_t income, int months)
{
	collect_item_t it;
	memset(&it, 0, sizeof it);
	memcpy(it.scheme, "bhxh", 5);
	it.person = person;
	it.income = income;
	it.months = months;
	return it;
}

/* A BHYT item of a payment: months of the person's card. */
static inline collect_item_t fixture_bhyt(int64_t person, int months)
{
	collect_item_t it;
	memset(&it, 0, sizeof it);
	memcpy(it.scheme, "bhyt", 5);
	it.person = person;
	it.months = months;
	return it;
}

/* Records a payment of items[0..n) by payer, collected by the login
 * collector on d, in cash, through app_collect; fails the test (naming
 * the field and the message) unless it is recorded.  Returns the
 * receipt. */
static inline receipt_t fixture_collect(fixture_t *f, const char *collector, date_t d, int64_t payer,
					const collect_item_t *items, size_t n)
{
	collect_request_t rq;
	receipt_line_t lines[RECEIPT_LINES_MAX];
	receipt_t r;
	size_t i;
	assert_true(n <= RECEIPT_LINES_MAX);
	memset(&rq, 0, sizeof rq);
	rq.payer = payer;
	for (i = 0; i < n; i++)
		rq.items[i] = items[i];
	rq.n = n;
	if (app_collect(&f->app, collector, d, &rq, &r, lines, &f->e) != PO_OK)
		fail_msg("collect: %s: %s", f->e.field, f->e.en);
	return r;
}

/* Runs a query of one integer on the fixture's database file through a
 * connection of its own (so it sees what is committed); -1 when it
 * gives no row. */
static inline long long fixture_query_int(fixture_t *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Runs a query of one text the same way; "" for no row or NULL.  The
 * text is in a static buffer, overwritten by the next call. */
static inline const char *fixture_query_text(fixture_t *f, const char *sql)
{
	static char out[4096];
	sqlite3 *db;
	sqlite3_stmt *st;
	out[0] = '\0';
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

#endif
