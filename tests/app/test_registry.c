/* test_registry.c: the registry's use cases for the web API: editing a
 * person, households and their head, the dashboard's figures, units in
 * a scope, participation, coverage and pension of a person, membership,
 * stops, quotes and parameter rows, each inside the caller's units. */
#include "fixture.h"

#include <sqlite3.h>

#include "app/registry.h"

/* A login of role at the unit (in memory only: use cases read its role
 * and unit). */
static user_t user_at(fixture_t *f, const char *name, enum user_role role, const char *unit)
{
	user_t u;
	memset(&u, 0, sizeof u);
	u.id = 999;
	snprintf(u.username, sizeof u.username, "%s", name);
	u.role = role;
	u.unit_id = fixture_unit_id(f, unit);
	snprintf(u.unit_code, sizeof u.unit_code, "%s", unit);
	return u;
}

/* Sets column c of in to s. */
static void put(person_fields_t *in, enum pcol c, const char *s)
{
	in->v[c] = s;
	in->n[c] = strlen(s);
}

/* Adds one person as an import row would, with household, relation and
 * membership (each NULL when not given); returns the id. */
static int64_t add_person(fixture_t *f, const char *name, const char *dob, const char *sex, const char *cccd,
			  const char *unit, const char *hh, const char *rel, const char *member)
{
	const char *v[PCOL_COUNT] = {0};
	v[PCOL_FULL_NAME] = name;
	v[PCOL_DOB] = dob;
	v[PCOL_SEX] = sex;
	v[PCOL_UNIT] = unit;
	v[PCOL_CCCD] = cccd;
	v[PCOL_HOUSEHOLD] = hh;
	v[PCOL_RELATION] = rel;
	v[PCOL_MEMBER] = member;
	return fixture_person_row(f, v);
}

/* ---- editing a person ---- */

static void update_changes_only_the_given_fields(void **state)
{
	fixture_t *f = fixture_new();
	user_t by = user_at(f, "lan", UROLE_UNION, "29350");
	int64_t id = fixture_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", "084185000001", "29350-01");
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX];
	size_t nerrs = 0;
	search_result_t r;
	person_t p;
	(void)state;
	memset(&in, 0, sizeof in);
	put(&in, PCOL_FULL_NAME, "Nguyễn Thị Lan Anh");
	put(&in, PCOL_PHONE, "0912 345 678");
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_OK);
	assert_string_equal(p.full_name, "Nguyễn Thị Lan Anh");
	assert_string_equal(p.phone, "0912345678");
	assert_string_equal(p.cccd, "084185000001");
	assert_string_equal(p.unit_code, "29350-01");
	assert_int_equal(p.dob.y, 1985);
	assert_int_equal(p.sex, 'F');
	/* the search index follows the new name */
	assert_int_equal(people_search(&f->app, "lan anh", NULL, 0, 10, &r, &f->e), PO_OK);
	assert_int_equal(r.total, 1);
	search_result_free(&r);
	assert_int_equal(people_search(&f->app, "anh nguyen", NULL, 0, 10, &r, &f->e), PO_OK);
	assert_int_equal(r.total, 1);
	search_result_free(&r);
	/* one audit entry with the changed fields before and after */
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action = 'person.update'"), 1);
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action = 'person.update'"),
			    "{\"after\":{\"full_name\":\"Nguyễn Thị Lan Anh\",\"phone\":\"0912345678\"},"
			    "\"before\":{\"full_name\":\"Nguyễn Thị Lan\",\"phone\":null}}");
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM person_word WHERE person_id = 1"), 4);
	/* the same values again: nothing written, nothing audited */
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_OK);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action = 'person.update'"), 1);
	/* an optional column given empty is cleared */
	memset(&in, 0, sizeof in);
	put(&in, PCOL_PHONE, "");
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_OK);
	assert_string_equal(p.phone, "");
	fixture_free(f);
}

static void update_checks_every_column_like_import(void **state)
{
	fixture_t *f = fixture_new();
	user_t by = user_at(f, "lan", UROLE_UNION, "29350");
	int64_t id = fixture_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", "084185000001", "29350");
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX];
	size_t nerrs = 0;
	person_t p;
	(void)state;
	memset(&in, 0, sizeof in);
	put(&in, PCOL_DOB, "31/02/1990");
	put(&in, PCOL_SEX, "X");
	put(&in, PCOL_FULL_NAME, "");
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_EINVAL);
	assert_int_equal(nerrs, 3);
	assert_string_equal(errs[0].field, "full_name");
	assert_string_equal(errs[1].field, "dob");
	assert_string_equal(errs[2].field, "sex");
	/* a new date of birth is checked against the stored CCCD */
	memset(&in, 0, sizeof in);
	put(&in, PCOL_DOB, "1990-03-02");
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_EINVAL);
	assert_int_equal(nerrs, 1);
	assert_string_equal(errs[0].field, "cccd");
	/* nothing changed */
	assert_int_equal(app_person_get(&f->app, id, NULL, 0, &p, &f->e), PO_OK);
	assert_int_equal(p.dob.y, 1985);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action = 'person.update'"), 0);
	fixture_free(f);
}

static void update_refuses_numbers_of_someone_else(void **state)
{
	fixture_t *f = fixture_new();
	user_t by = user_at(f, "lan", UROLE_UNION, "846");
	int64_t a = fixture_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", "084185000001", "29350");
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX];
	size_t nerrs = 0;
	person_t p;
	(void)state;
	fixture_person(f, "Trần Thị Bé", "1990-01-01", "F", "084190000002", "29365");
	memset(&in, 0, sizeof in);
	put(&in, PCOL_CCCD, "084190000002");
	put(&in, PCOL_DOB, "1990-01-01");
	assert_int_equal(app_person_update(&f->app, &by, a, &in, &p, errs, &nerrs), PO_ECONFLICT);
	assert_string_equal(errs[0].field, "cccd");
	memset(&in, 0, sizeof in);
	put(&in, PCOL_BHXH, "8412345678");
	assert_int_equal(app_person_update(&f->app, &by, 2, &in, &p, errs, &nerrs), PO_OK);
	assert_int_equal(app_person_update(&f->app, &by, a, &in, &p, errs, &nerrs), PO_ECONFLICT);
	assert_string_equal(errs[0].field, "bhxh_code");
	fixture_free(f);
}

static void update_keeps_to_the_callers_units(void **state)
{
	fixture_t *f = fixture_new();
	user_t other = user_at(f, "ngai", UROLE_UNION, "29365");
	user_t by = user_at(f, "lan", UROLE_UNION, "29350");
	user_t viewer = user_at(f, "xem", UROLE_VIEWER, "846");
	int64_t id = fixture_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", NULL, "29350");
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX], missing;
	size_t nerrs = 0;
	person_t p;
	(void)state;
	memset(&in, 0, sizeof in);
	put(&in, PCOL_PHONE, "0912345678");
	/* outside her units: the same answer as a person who does not exist */
	assert_int_equal(app_person_update(&f->app, &other, id, &in, &p, errs, &nerrs), PO_ENOTFOUND);
	assert_int_equal(app_person_update(&f->app, &other, 999, &in, &p, &missing, &nerrs), PO_ENOTFOUND);
	assert_string_equal(errs[0].field, missing.field);
	assert_int_equal(app_person_update(&f->app, &viewer, id, &in, &p, errs, &nerrs), PO_EFORBIDDEN);
	assert_string_equal(errs[0].field, "role");
	/* moving her to a unit outside the caller's */
	memset(&in, 0, sizeof in);
	put(&in, PCOL_UNIT, "29365");
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_EINVAL);
	assert_string_equal(errs[0].field, "unit_code");
	/* inside them: the index follows the unit */
	put(&in, PCOL_UNIT, "29350-01");
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_OK);
	assert_string_equal(p.unit_code, "29350-01");
	assert_int_equal(fixture_query_int(f, "SELECT count(DISTINCT unit_id) FROM person_word WHERE person_id = 1"), 1);
	assert_int_equal(fixture_query_int(f, "SELECT unit_id FROM person_word WHERE person_id = 1 LIMIT 1"),
			 fixture_unit_id(f, "29350-01"));
	fixture_free(f);
}

static void update_moves_between_households(void **state)
{
	fixture_t *f = fixture_new();
	user_t by = user_at(f, "lan", UROLE_UNION, "29350");
	int64_t id = fixture_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", NULL, "29350");
	int64_t *scope;
	size_t n = fixture_scope(f, "29350", &scope);
	household_view_t h;
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX];
	size_t nerrs = 0;
	person_t p;
	(void)state;
	memset(&in, 0, sizeof in);
	put(&in, PCOL_HOUSEHOLD, "HGD9");
	put(&in, PCOL_RELATION, "Chủ hộ");
	put(&in, PCOL_MEMBER, "có");
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_OK);
	assert_string_equal(p.household_code, "HGD9");
	assert_true(p.member);
	assert_int_equal(app_household_get(&f->app, p.household_id, scope, n, f->app.today, &h, &f->e), PO_OK);
	assert_int_equal(h.h.head_id, id);
	assert_int_equal(h.nmembers, 1);
	household_view_free(&h);
	/* leaving it leaves it without a head */
	memset(&in, 0, sizeof in);
	put(&in, PCOL_HOUSEHOLD, "");
	put(&in, PCOL_MEMBER, "không");
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_OK);
	assert_int_equal(p.household_id, 0);
	assert_false(p.member);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM household WHERE code = 'HGD9' AND head_id IS NULL"), 1);
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action = 'person.update' ORDER BY id DESC"),
			    "{\"after\":{\"household_code\":null,\"member\":false},"
			    "\"before\":{\"household_code\":\"HGD9\",\"member\":true}}");
	/* a household of a unit outside the caller's is not hers to join */
	add_person(f, "Lê Văn Xa", "1970-01-01", "M", NULL, "29365", "HGD3", "Chủ hộ", NULL);
	memset(&in, 0, sizeof in);
	put(&in, PCOL_HOUSEHOLD, "HGD3");
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_EINVAL);
	assert_string_equal(errs[0].field, "household_code");
	/* one of her units is */
	add_person(f, "Trần Văn Hùng", "1978-01-01", "M", NULL, "29350", "HGD1", "Chủ hộ", NULL);
	put(&in, PCOL_HOUSEHOLD, "HGD1");
	assert_int_equal(app_person_update(&f->app, &by, id, &in, &p, errs, &nerrs), PO_OK);
	assert_string_equal(p.household_code, "HGD1");
	free(scope);
	fixture_free(f);
}

/* ---- households ---- */

static void household_lists_members_head_first(void **state)
{
	fixture_t *f = fixture_new();
	user_t by = user_at(f, "lan", UROLE_UNION, "29350");
	user_t other = user_at(f, "ngai", UROLE_UNION, "29365");
	int64_t *scope, *far;
	size_t n = fixture_scope(f, "29350", &scope), nfar = fixture_scope(f, "29365", &far);
	household_view_t h;
	int64_t child, head, husband, hh;
	(void)state;
	child = add_person(f, "Trần Thị Mai", "2005-01-01", "F", NULL, "29350-01", "HGD1", "Con", NULL);
	head = add_person(f, "Nguyễn Thị Lan", "1980-01-01", "F", NULL, "29350-01", "HGD1", "Chủ hộ", "có");
	husband = add_person(f, "Trần Văn Hùng", "1978-01-01", "M", NULL, "29350-01", "HGD1", "Chồng", NULL);
	hh = fixture_query_int(f, "SELECT id FROM household WHERE code = 'HGD1'");
	assert_int_equal(app_household_get(&f->app, hh, scope, n, f->app.today, &h, &f->e), PO_OK);
	assert_string_equal(h.h.code, "HGD1");
	assert_string_equal(h.h.unit_code, "29350-01");
	assert_int_equal(h.h.head_id, head);
	assert_int_equal(h.nmembers, 3);
	assert_int_equal(h.members[0].id, head);
	assert_int_equal(h.members[1].id, husband);
	assert_int_equal(h.members[2].id, child);
	assert_int_equal(h.poverty_today, POVERTY_NONE);
	household_view_free(&h);
	/* outside the caller's units: as missing */
	assert_int_equal(app_household_get(&f->app, hh, far, nfar, f->app.today, &h, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_household_get(&f->app, 99, scope, n, f->app.today, &h, &f->e), PO_ENOTFOUND);
	/* the head must be a member */
	{
		int64_t stranger = fixture_person(f, "Lê Thị Xa", "1970-01-01", "F", NULL, "29350");
		assert_int_equal(app_household_set_head(&f->app, &by, hh, stranger, &f->e), PO_EINVAL);
		assert_string_equal(f->e.field, "head");
	}
	assert_int_equal(app_household_set_head(&f->app, &other, hh, husband, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_household_set_head(&f->app, &by, hh, husband, &f->e), PO_OK);
	assert_int_equal(fixture_query_int(f, "SELECT head_id FROM household WHERE code = 'HGD1'"), husband);
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action = 'household.head'"),
			    "{\"before\":{\"head\":2},\"after\":{\"head\":3}}");
	/* a poverty certificate by the household's id */
	assert_int_equal(app_household_poverty_add(&f->app, &other, hh, POVERTY_POOR, date_make(2026, 1, 1),
						   date_make(2026, 12, 31), &f->e),
			 PO_ENOTFOUND);
	assert_int_equal(app_household_poverty_add(&f->app, &by, hh, POVERTY_POOR, date_make(2026, 1, 1),
						   date_make(2026, 12, 31), &f->e),
			 PO_OK);
	assert_int_equal(app_household_get(&f->app, hh, scope, n, f->app.today, &h, &f->e), PO_OK);
	assert_int_equal(h.poverty_today, POVERTY_POOR);
	assert_int_equal(h.ncerts, 1);
	assert_int_equal(h.members[0].id, husband);
	household_view_free(&h);
	free(scope);
	free(far);
	fixture_free(f);
}

/* ---- collection for the figures ---- */

/* Loads the shipped parameters and a collector, ctv, at 846. */
static user_t money_setup(fixture_t *f)
{
	int changed;
	assert_int_equal(app_params_sync(&f->app, &changed, &f->e), PO_OK);
	return fixture_user(f, "ctv", UROLE_COLLECTOR, "846", "mật khẩu thu tiền");
}

/* Counts due items (app_due callback). */
static int count_due(const due_item_t *d, void *ctx)
{
	int *n = ctx;
	(void)d;
	(*n)++;
	return 0;
}

static void dashboard_counts_the_callers_units(void **state)
{
	fixture_t *f = fixture_new();
	user_t ctv = money_setup(f);
	int64_t *scope, *one;
	size_t n = fixture_scope(f, "846", &scope), none = fixture_scope(f, "29350", &one);
	int64_t lan, hung, mai, xa;
	dashboard_t d;
	receipt_t r;
	int due = 0;
	(void)state;
	lan = add_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", NULL, "29350-01", "HGD1", "Chủ hộ", "có");
	hung = add_person(f, "Trần Văn Hùng", "1978-01-01", "M", NULL, "29350-01", "HGD1", "Chồng", NULL);
	mai = add_person(f, "Trần Thị Mai", "2005-01-01", "F", NULL, "29350-01", "HGD1", "Con", "có");
	xa = add_person(f, "Lê Thị Xa", "1970-01-01", "F", NULL, "29365", "HGD3", "Chủ hộ", "có");
	{
		collect_item_t it[] = {fixture_bhxh(lan, 1500000, 12), fixture_bhyt(lan, 12), fixture_bhyt(hung, 12)};
		r = fixture_collect(f, "ctv", date_make(2025, 8, 1), lan, it, 3);
		assert_int_equal(r.total, 3168000 + 1263600 + 884520);
	}
	r = fixture_collect(f, "ctv", date_make(2025, 9, 15), mai, (collect_item_t[]){fixture_bhyt(mai, 12)}, 1);
	assert_int_equal(r.total, 758160);
	r = fixture_collect(f, "ctv", date_make(2025, 9, 15), xa, (collect_item_t[]){fixture_bhyt(xa, 12)}, 1);
	assert_int_equal(r.total, 1263600);
	/* 2025-09-15: Lan's and Hùng's cards (from 2025-08-31) are valid,
	 * Mai's and Xa's begin on 2025-10-15; Lan's BHXH covers the day */
	assert_int_equal(app_dashboard(&f->app, &ctv, scope, n, date_make(2025, 9, 15), &d, &f->e), PO_OK);
	assert_int_equal(d.f.people, 4);
	assert_int_equal(d.f.members, 3);
	assert_int_equal(d.f.members_bhyt, 1);
	assert_int_equal(d.f.bhyt_active, 2);
	assert_int_equal(d.f.bhxh_active, 1);
	assert_int_equal(d.f.receipts, 2);
	assert_int_equal(d.f.collected, 758160 + 1263600);
	assert_int_equal(d.f.due_bhyt, 0);
	assert_int_equal(d.f.due_bhxh, 0);
	assert_true(d.has_cash);
	assert_int_equal(d.cash_receipts, 3);
	assert_int_equal(d.cash_collected, 3168000 + 1263600 + 884520 + 758160 + 1263600);
	assert_int_equal(d.cash_remitted, 0);
	/* only Hiếu Tử */
	assert_int_equal(app_dashboard(&f->app, &ctv, one, none, date_make(2025, 9, 15), &d, &f->e), PO_OK);
	assert_int_equal(d.f.people, 3);
	assert_int_equal(d.f.members, 2);
	assert_int_equal(d.f.receipts, 1);
	assert_int_equal(d.f.collected, 758160);
	/* 2025-10-20: every card is valid, Mai is a member */
	assert_int_equal(app_dashboard(&f->app, NULL, scope, n, date_make(2025, 10, 20), &d, &f->e), PO_OK);
	assert_int_equal(d.f.members_bhyt, 3);
	assert_int_equal(d.f.bhyt_active, 4);
	assert_int_equal(d.f.receipts, 0);
	assert_false(d.has_cash);
	/* 2026-08-15: Lan's and Hùng's cards end 2026-08-30 (within 30
	 * days), Lan's BHXH ended 2026-07-31; the same as the due list */
	assert_int_equal(app_dashboard(&f->app, &ctv, scope, n, date_make(2026, 8, 15), &d, &f->e), PO_OK);
	assert_int_equal(d.f.due_bhyt, 2);
	assert_int_equal(d.f.due_bhxh, 1);
	assert_int_equal(d.f.bhxh_active, 0);
	assert_int_equal(app_due(&f->app, "846", date_make(2026, 8, 15), DASHBOARD_DUE_DAYS, count_due, &due, &f->e),
			 PO_OK);
	assert_int_equal(due, 3);
	/* a void receipt no longer counts: Xa's card goes */
	assert_int_equal(app_receipt_void(&f->app, 3, "ghi nhầm", &r, &f->e), PO_OK);
	assert_int_equal(app_dashboard(&f->app, &ctv, scope, n, date_make(2025, 9, 15), &d, &f->e), PO_OK);
	assert_int_equal(d.f.receipts, 1);
	assert_int_equal(d.cash_receipts, 2);
	assert_int_equal(app_dashboard(&f->app, NULL, scope, n, date_make(2025, 10, 20), &d, &f->e), PO_OK);
	assert_int_equal(d.f.bhyt_active, 3);
	assert_int_equal(d.f.members_bhyt, 2);
	/* more people than are looked up one by one: the periods are read
	 * by scanning the tables, with the same figures */
	{
		char sql[512];
		sqlite3 *db;
		snprintf(sql, sizeof sql,
			 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
			 " INSERT INTO person (full_name, name_fold, sort_key, dob, sex, unit_id, member, nat_hash)"
			 " SELECT 'Người ' || i, 'nguoi ' || i, x'00', '1990-01-01', 'F', %lld, i %% 2, i FROM n",
			 (long long)fixture_unit_id(f, "29365"));
		assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
	assert_int_equal(app_dashboard(&f->app, NULL, scope, n, date_make(2025, 10, 20), &d, &f->e), PO_OK);
	assert_int_equal(d.f.people, 5004);
	assert_int_equal(d.f.members, 2503);
	assert_int_equal(d.f.bhyt_active, 3);
	assert_int_equal(d.f.members_bhyt, 2);
	assert_int_equal(app_dashboard(&f->app, NULL, scope, n, date_make(2026, 8, 15), &d, &f->e), PO_OK);
	assert_int_equal(d.f.due_bhyt, 2);
	assert_int_equal(d.f.due_bhxh, 1);
	free(scope);
	free(one);
	fixture_free(f);
}

/* ---- a person's participation, coverage and pension ---- */

struct timeline {
	coverage_period_t p[8];
	size_t np;
	receipt_t r[8];
	size_t nr;
};

/* Keeps a period (app_person_coverage callback). */
static int keep_period(const coverage_period_t *p, void *ctx)
{
	struct timeline *t = ctx;
	if (t->np < 8)
		t->p[t->np++] = *p;
	return 0;
}

/* Keeps a receipt (app_person_coverage callback). */
static int keep_receipt(const receipt_t *r, void *ctx)
{
	struct timeline *t = ctx;
	if (t->nr < 8)
		t->r[t->nr++] = *r;
	return 0;
}

static void coverage_participation_and_pension(void **state)
{
	fixture_t *f = fixture_new();
	int64_t *scope, *far;
	size_t n = fixture_scope(f, "29350", &scope), nfar = fixture_scope(f, "29365", &far);
	struct timeline t;
	participation_t pt;
	pension_view_t v;
	int64_t lan;
	bool ins;
	(void)state;
	money_setup(f);
	lan = fixture_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", "084185000001", "29350");
	{
		collect_item_t it[] = {fixture_bhxh(lan, 1500000, 12), fixture_bhyt(lan, 12)};
		fixture_collect(f, "ctv", date_make(2025, 8, 1), lan, it, 2);
	}
	/* cover paid elsewhere before plusone */
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	assert_int_equal(store_coverage_import(f->app.store, lan, "bhxh", date_make(2013, 7, 1), date_make(2014, 6, 30),
					       "BHXH huyện", &ins, &f->e),
			 PO_OK);
	assert_int_equal(store_tx_commit(f->app.store, &f->e), PO_OK);

	memset(&t, 0, sizeof t);
	assert_int_equal(app_person_coverage(&f->app, lan, scope, n, keep_period, keep_receipt, &t, &f->e), PO_OK);
	assert_int_equal(t.np, 3);
	assert_string_equal(t.p[0].scheme, "bhyt");
	assert_int_equal(date_cmp(t.p[0].from, date_make(2025, 8, 31)), 0);
	assert_int_equal(date_cmp(t.p[0].to, date_make(2026, 8, 30)), 0);
	assert_int_equal(t.p[0].net, 1263600);
	assert_int_equal(t.p[0].ordinal, 1);
	assert_string_equal(t.p[1].scheme, "bhxh");
	assert_int_equal(t.p[1].months, 12);
	assert_int_equal(t.p[1].net, 3168000);
	assert_int_equal(t.p[1].state_support, 792000);
	assert_string_equal(t.p[1].book, "Q-ctv");
	assert_true(t.p[2].imported);
	assert_string_equal(t.p[2].source, "BHXH huyện");
	assert_int_equal(t.nr, 1);
	assert_int_equal(t.r[0].total, 3168000 + 1263600);
	assert_int_equal(app_person_coverage(&f->app, lan, far, nfar, keep_period, keep_receipt, &t, &f->e),
			 PO_ENOTFOUND);

	assert_int_equal(app_person_participation(&f->app, lan, scope, n, date_make(2026, 1, 1), &pt, &f->e), PO_OK);
	assert_string_equal(pt.state, "active");
	assert_int_equal(app_person_participation(&f->app, lan, far, nfar, date_make(2026, 1, 1), &pt, &f->e),
			 PO_ENOTFOUND);

	/* 6 months before 2014, 6 + 12 from 2014; from 2026-11 to her
	 * retirement (60 for a woman born 03/1985: 2045-03-02) 220 months */
	assert_int_equal(app_person_pension(&f->app, lan, scope, n, f->app.today, 0, -1, &v, &f->e), PO_OK);
	assert_int_equal(v.plan.months_before_2014, 6);
	assert_int_equal(v.plan.months_from_2014, 18);
	assert_int_equal(v.plan.months_planned, 220);
	assert_true(v.planned_to_retirement);
	assert_int_equal(v.plan.average_income, 1500000);
	assert_int_equal(v.plan.support_received, 792000);
	assert_true(v.plan.joined_before_2021);
	assert_int_equal(date_cmp(v.pr.retirement_date, date_make(2045, 3, 2)), 0);
	assert_int_equal(v.pr.total_months, 244);
	assert_true(v.pr.eligible);
	/* 20 years 4 months: 45 % + 5 × 2 % + 1 % (the leftover half year) */
	assert_int_equal(v.pr.rate_bp, 5600);
	assert_int_equal(v.pr.monthly_pension, 840000);
	/* with an income and months given */
	assert_int_equal(app_person_pension(&f->app, lan, scope, n, f->app.today, 2000000, 0, &v, &f->e), PO_OK);
	assert_int_equal(v.plan.months_planned, 0);
	assert_false(v.pr.eligible);
	assert_int_equal(v.pr.missing_months, 15 * 12 - 24);
	assert_int_equal(app_person_pension(&f->app, lan, far, nfar, f->app.today, 0, -1, &v, &f->e), PO_ENOTFOUND);
	free(scope);
	free(far);
	fixture_free(f);
}

static void pension_needs_an_income(void **state)
{
	fixture_t *f = fixture_new();
	int64_t *scope;
	size_t n = fixture_scope(f, "29350", &scope);
	pension_view_t v;
	int64_t id = fixture_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", NULL, "29350");
	(void)state;
	assert_int_equal(app_person_pension(&f->app, id, scope, n, f->app.today, 0, -1, &v, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "income");
	assert_int_equal(app_person_pension(&f->app, id, scope, n, f->app.today, 1500000, -1, &v, &f->e), PO_OK);
	assert_int_equal(v.plan.months_from_2014, 0);
	assert_int_equal(v.plan.months_planned, 220);
	assert_false(v.plan.joined_before_2021);
	free(scope);
	fixture_free(f);
}

static void membership_and_stop_keep_to_the_units(void **state)
{
	fixture_t *f = fixture_new();
	user_t by = user_at(f, "lan", UROLE_UNION, "29350");
	user_t other = user_at(f, "ngai", UROLE_UNION, "29365");
	user_t viewer = user_at(f, "xem", UROLE_VIEWER, "846");
	person_details_t d;
	participation_t pt;
	unit_t b;
	int64_t lan;
	(void)state;
	money_setup(f);
	memset(&b, 0, sizeof b);
	snprintf(b.code, sizeof b.code, "CH29350");
	snprintf(b.name, sizeof b.name, "Chi hội Hiếu Tử");
	b.kind = UNIT_BRANCH;
	assert_int_equal(app_unit_add(&f->app, &b, "29350", &f->e), PO_OK);
	snprintf(b.code, sizeof b.code, "CH29365");
	snprintf(b.name, sizeof b.name, "Chi hội Tập Ngãi");
	assert_int_equal(app_unit_add(&f->app, &b, "29365", &f->e), PO_OK);
	lan = fixture_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", NULL, "29350");
	assert_int_equal(app_person_membership(&f->app, &by, lan, "CH29365", ROLE_MEMBER, date_make(2020, 1, 1), &d,
					       &f->e),
			 PO_EINVAL);
	assert_string_equal(f->e.field, "branch");
	assert_int_equal(app_person_membership(&f->app, &other, lan, "CH29365", ROLE_MEMBER, date_make(2020, 1, 1), &d,
					       &f->e),
			 PO_ENOTFOUND);
	assert_int_equal(app_person_membership(&f->app, &viewer, lan, NULL, ROLE_MEMBER, date_make(2020, 1, 1), &d,
					       &f->e),
			 PO_EFORBIDDEN);
	assert_string_equal(f->e.field, "role");
	assert_int_equal(app_person_membership(&f->app, &by, lan, "CH29350", ROLE_BRANCH_HEAD, date_make(2020, 1, 1), &d,
					       &f->e),
			 PO_OK);
	assert_true(d.has_membership);
	assert_true(d.p.member);
	assert_string_equal(d.branch_code, "CH29350");
	assert_int_equal(d.membership.role, ROLE_BRANCH_HEAD);
	fixture_collect(f, "ctv", date_make(2026, 6, 1), lan, (collect_item_t[]){fixture_bhxh(lan, 1500000, 3)}, 1);
	assert_int_equal(app_person_stop(&f->app, &other, lan, f->app.today, "đóng BHXH bắt buộc", &pt, &f->e),
			 PO_ENOTFOUND);
	assert_int_equal(app_person_stop(&f->app, &by, lan, f->app.today, "đóng BHXH bắt buộc", &pt, &f->e), PO_OK);
	assert_string_equal(pt.state, "stopped");
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action = 'participation.stop'"), 1);
	fixture_free(f);
}

/* ---- units ---- */

struct codes {
	char v[16][UNIT_CODE_MAX + 1];
	size_t n;
};

/* Keeps a unit's code (app_units_list callback). */
static int keep_code(const unit_view_t *v, void *ctx)
{
	struct codes *c = ctx;
	if (c->n < 16)
		snprintf(c->v[c->n++], sizeof c->v[0], "%s", v->u.code);
	return 0;
}

static void units_inside_the_scope(void **state)
{
	fixture_t *f = fixture_new();
	user_t admin = user_at(f, "admin", UROLE_ADMIN, "846");
	user_t cadre = user_at(f, "lan", UROLE_UNION, "846");
	int64_t *scope, *all;
	size_t n = fixture_scope(f, "29350", &scope), nall = fixture_scope(f, "84", &all);
	struct codes c;
	unit_detail_t d;
	unit_view_t v;
	unit_t u;
	(void)state;
	fixture_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", NULL, "29350-01");
	fixture_person(f, "Lê Thị Xa", "1970-01-01", "F", NULL, "29350");
	fixture_person(f, "Trần Thị Bé", "1990-01-01", "F", NULL, "29365");
	memset(&c, 0, sizeof c);
	assert_int_equal(app_units_list(&f->app, scope, n, f->app.today, false, keep_code, &c, &f->e), PO_OK);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.v[0], "29350");
	assert_string_equal(c.v[1], "29350-01");
	memset(&c, 0, sizeof c);
	assert_int_equal(app_units_list(&f->app, all, nall, f->app.today, false, keep_code, &c, &f->e), PO_OK);
	assert_int_equal(c.n, 5);

	/* one unit: the parent only inside the scope */
	assert_int_equal(app_unit_detail(&f->app, fixture_unit_id(f, "29350"), scope, n, f->app.today, &d, &f->e), PO_OK);
	assert_string_equal(d.unit.u.code, "29350");
	assert_string_equal(d.unit.parent_code, "846");
	assert_false(d.has_parent);
	assert_int_equal(d.nchildren, 1);
	assert_string_equal(d.children[0].u.code, "29350-01");
	assert_int_equal(d.people, 2);
	unit_detail_free(&d);
	assert_int_equal(app_unit_detail(&f->app, fixture_unit_id(f, "846"), all, nall, f->app.today, &d, &f->e), PO_OK);
	assert_true(d.has_parent);
	assert_string_equal(d.parent.u.code, "84");
	assert_int_equal(d.nchildren, 2);
	assert_int_equal(d.people, 3);
	unit_detail_free(&d);
	assert_int_equal(app_unit_detail(&f->app, fixture_unit_id(f, "29365"), scope, n, f->app.today, &d, &f->e),
			 PO_ENOTFOUND);
	assert_int_equal(app_unit_detail(&f->app, 9999, all, nall, f->app.today, &d, &f->e), PO_ENOTFOUND);

	/* adding: an administrator, under a unit of hers */
	memset(&u, 0, sizeof u);
	snprintf(u.code, sizeof u.code, "29365-01");
	snprintf(u.name, sizeof u.name, "Ấp Sóc Cầu");
	u.kind = UNIT_HAMLET;
	assert_int_equal(app_unit_add_under(&f->app, &cadre, &u, "29365", &v, &f->e), PO_EFORBIDDEN);
	assert_string_equal(f->e.field, "role");
	assert_int_equal(app_unit_add_under(&f->app, &admin, &u, "84", &v, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "parent");
	assert_int_equal(app_unit_add_under(&f->app, &admin, &u, NULL, &v, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "parent");
	assert_int_equal(app_unit_add_under(&f->app, &admin, &u, "29365", &v, &f->e), PO_OK);
	assert_string_equal(v.u.code, "29365-01");
	assert_string_equal(v.parent_code, "29365");
	assert_int_equal(app_unit_add_under(&f->app, &admin, &u, "29365", &v, &f->e), PO_ECONFLICT);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action = 'unit.add' AND entity_id = 6"), 1);
	free(scope);
	free(all);
	fixture_free(f);
}

/* ---- quotes and parameters ---- */

static void quotes_are_the_rules_with_the_stored_parameters(void **state)
{
	fixture_t *f = fixture_new();
	bhxh_request_t r;
	bhxh_quote_t q;
	bhyt_request_t br;
	bhyt_quote_t bq;
	card_validity_t card;
	lump_quote_t lq;
	int changed;
	(void)state;
	assert_int_equal(app_params_sync(&f->app, &changed, &f->e), PO_OK);
	memset(&r, 0, sizeof r);
	r.date = date_make(2025, 8, 1);
	r.income = 1500000;
	r.months = 12;
	r.category = BHXH_OTHER;
	assert_int_equal(app_quote_bhxh(&f->app, &r, &q, &f->e), PO_OK);
	assert_int_equal(q.total_gross, 3960000);
	assert_int_equal(q.total_state_support, 792000);
	assert_int_equal(q.total_net, 3168000);
	r.income = 1000;
	assert_int_equal(app_quote_bhxh(&f->app, &r, &q, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "income");
	memset(&br, 0, sizeof br);
	br.date = date_make(2025, 8, 1);
	br.members = 3;
	br.months = 12;
	br.first_ordinal = 1;
	assert_int_equal(app_quote_bhyt(&f->app, &br, &bq, &card, false, date_make(1, 1, 1), &f->e), PO_OK);
	assert_int_equal(bq.total, 1263600 + 884520 + 758160);
	assert_int_equal(date_cmp(card.from, date_make(2025, 8, 31)), 0);
	/* a 2-year advance in 2020 uses the 2019 fund rate (quote_more.sh),
	 * with the "other" support of the 700,000 poverty line: 15,400 a month */
	memset(&r, 0, sizeof r);
	r.date = date_make(2020, 3, 1);
	r.income = 1500000;
	r.category = BHXH_OTHER;
	assert_int_equal(app_quote_bhxh_lump(&f->app, &r, true, 2, &lq, &f->e), PO_OK);
	assert_int_equal(lq.months, 24);
	assert_int_equal(lq.amount, 7496996);
	assert_int_equal(lq.undiscounted, 24 * 330000);
	assert_int_equal(lq.state_support, 24 * 15400);
	assert_int_equal(lq.net, 7496996 - 24 * 15400);
	/* none for 2024 is recorded */
	r.date = date_make(2025, 3, 1);
	assert_int_equal(app_quote_bhxh_lump(&f->app, &r, true, 2, &lq, &f->e), PO_ENOTFOUND);
	fixture_free(f);
}

static void param_rows_are_checked_as_typed(void **state)
{
	param_record_t p;
	err_t e;
	(void)state;
	assert_int_equal(app_param_parse("base_salary", NULL, "2027-07-01", "2700000", "NĐ mới", "law", NULL, &p, &e),
			 PO_OK);
	assert_string_equal(p.family, "base_salary");
	assert_string_equal(p.key, "");
	assert_int_equal(p.value, 2700000);
	assert_int_equal(p.from.y, 2027);
	assert_int_equal(app_param_parse("base_salary", NULL, "2027-07-01", "2,7tr", "NĐ", "law", NULL, &p, &e),
			 PO_EINVAL);
	assert_string_equal(e.field, "value");
	assert_int_equal(app_param_parse("base_salary", NULL, "01/07/2027", "1", "NĐ", "law", NULL, &p, &e), PO_EINVAL);
	assert_string_equal(e.field, "from");
	assert_int_equal(app_param_parse("base_salary", NULL, "2027-07-01", "1", "", "law", NULL, &p, &e), PO_EINVAL);
	assert_string_equal(e.field, "source");
	assert_int_equal(app_param_parse("base_salary", NULL, "2027-07-01", "1", NULL, "law", NULL, &p, &e), PO_EINVAL);
	assert_string_equal(e.field, "source");
	assert_int_equal(app_param_parse("base_salary_of_a_very_long_family_name_xx", NULL, "2027-07-01", "1", "NĐ",
					 "law", NULL, &p, &e),
			 PO_EINVAL);
	assert_string_equal(e.field, "family");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(update_changes_only_the_given_fields),
		cmocka_unit_test(update_checks_every_column_like_import),
		cmocka_unit_test(update_refuses_numbers_of_someone_else),
		cmocka_unit_test(update_keeps_to_the_callers_units),
		cmocka_unit_test(update_moves_between_households),
		cmocka_unit_test(household_lists_members_head_first),
		cmocka_unit_test(dashboard_counts_the_callers_units),
		cmocka_unit_test(coverage_participation_and_pension),
		cmocka_unit_test(pension_needs_an_income),
		cmocka_unit_test(membership_and_stop_keep_to_the_units),
		cmocka_unit_test(units_inside_the_scope),
		cmocka_unit_test(quotes_are_the_rules_with_the_stored_parameters),
		cmocka_unit_test(param_rows_are_checked_as_typed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
