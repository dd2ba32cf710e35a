/* test_store.c: the SQLite store: migrations, transactions, constraints,
 * users and the audit log. */
#include "fixture.h"

static void migrate_is_idempotent(void **state)
{
	fixture_t *f = fixture_new();
	int applied = -1, v = 0;
	(void)state;
	assert_int_equal(store_migrate(f->app.store, &applied, &f->e), PO_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(store_schema_version(f->app.store, &v, &f->e), PO_OK);
	assert_int_equal(v, store_schema_target());
	fixture_free(f);
}

static void database_uses_wal_and_foreign_keys(void **state)
{
	fixture_t *f = fixture_new();
	person_t p;
	unsigned char key[4] = {2, 1, 0, 0};
	person_index_t ix = {"x", key, 4};
	(void)state;
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode='wal'"), 1);
	memset(&p, 0, sizeof p);
	snprintf(p.full_name, sizeof p.full_name, "X");
	p.dob = (date_t){1980, 1, 1, false};
	p.sex = 'F';
	p.unit_id = 999999; /* no such unit */
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	/* refused by the foreign key on person.unit_id (SQLITE_CONSTRAINT_FOREIGNKEY
	 * is the only code the store maps to this message), and by nothing
	 * else: a NOT NULL, CHECK or unique failure answers otherwise */
	err_clear(&f->e);
	assert_int_equal(store_person_insert(f->app.store, &p, &ix, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "unit_code");
	assert_string_equal(msg_name(f->e.msg), msg_name(MSG_PERSON_BAD_REF));
	store_tx_rollback(f->app.store);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM person"), 0);
	/* the same person in a unit that exists is stored */
	p.unit_id = fixture_unit_id(f, "29350");
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	assert_int_equal(store_person_insert(f->app.store, &p, &ix, &f->e), PO_OK);
	assert_int_equal(store_tx_commit(f->app.store, &f->e), PO_OK);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM person"), 1);
	fixture_free(f);
}

static void rollback_leaves_nothing(void **state)
{
	fixture_t *f = fixture_new();
	int64_t n = -1;
	(void)state;
	fixture_person(f, "Nguyễn Thị Lan", "1985-03-02", "F", NULL, "29350");
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	{
		person_t p;
		unsigned char key[4] = {2, 1, 0, 0};
		person_index_t ix = {"lan", key, 4};
		memset(&p, 0, sizeof p);
		snprintf(p.full_name, sizeof p.full_name, "Lan");
		p.dob = (date_t){1990, 1, 1, false};
		p.sex = 'F';
		p.unit_id = 1;
		assert_int_equal(store_person_insert(f->app.store, &p, &ix, &f->e), PO_OK);
	}
	store_tx_rollback(f->app.store);
	assert_int_equal(store_people_count(f->app.store, &n, &f->e), PO_OK);
	assert_int_equal(n, 1);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM person_word"), 3);
	fixture_free(f);
}

static void person_round_trips_every_field(void **state)
{
	fixture_t *f = fixture_new();
	person_t p;
	int64_t id = fixture_person(f, "Thạch Thị Sa Rươn", "1979", "Nữ", "084179000123", "29350-01");
	(void)state;
	assert_int_equal(store_person_get(f->app.store, id, &p, &f->e), PO_OK);
	assert_string_equal(p.full_name, "Thạch Thị Sa Rươn");
	assert_int_equal(p.dob.y, 1979);
	assert_true(p.dob.year_only);
	assert_int_equal(p.sex, 'F');
	assert_string_equal(p.cccd, "084179000123");
	assert_string_equal(p.unit_code, "29350-01");
	assert_string_equal(p.ethnicity, "Kinh");
	assert_string_equal(p.bhxh_code, "");
	assert_false(p.member);
	assert_int_equal(store_person_get(f->app.store, id + 100, &p, &f->e), PO_ENOTFOUND);
	fixture_free(f);
}

static void cccd_taken_by_another_is_a_conflict(void **state)
{
	fixture_t *f = fixture_new();
	person_t p;
	unsigned char key[4] = {2, 1, 0, 0};
	person_index_t ix = {"b", key, 4};
	(void)state;
	fixture_person(f, "Lê Thị A", "1985-01-01", "F", "084185000001", "29350");
	memset(&p, 0, sizeof p);
	snprintf(p.full_name, sizeof p.full_name, "B");
	snprintf(p.cccd, sizeof p.cccd, "084185000001");
	p.dob = (date_t){1985, 1, 1, false};
	p.sex = 'F';
	p.unit_id = 1;
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	assert_int_equal(store_person_insert(f->app.store, &p, &ix, &f->e), PO_ECONFLICT);
	assert_string_equal(f->e.field, "cccd");
	store_tx_rollback(f->app.store);
	fixture_free(f);
}

static void user_password_is_an_argon2id_hash_and_verifies(void **state)
{
	fixture_t *f = fixture_new();
	user_t u, v;
	char hash[256];
	(void)state;
	memset(&u, 0, sizeof u);
	snprintf(u.username, sizeof u.username, "ctv.lan");
	u.role = UROLE_COLLECTOR;
	assert_int_equal(app_user_add(&f->app, &u, "29350-01", "mật khẩu dài", &f->e), PO_OK);
	assert_int_equal(store_user_find(f->app.store, "CTV.LAN", &v, hash, sizeof hash, &f->e), PO_OK);
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	assert_null(strstr(hash, "mật khẩu"));
	assert_int_equal(v.role, UROLE_COLLECTOR);
	assert_string_equal(v.unit_code, "29350-01");
	assert_int_equal(app_user_verify(&f->app, "ctv.lan", "mật khẩu dài", &v, &f->e), PO_OK);
	assert_int_equal(app_user_verify(&f->app, "ctv.lan", "sai mật khẩu", &v, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_user_verify(&f->app, "khong.co", "mật khẩu dài", &v, &f->e), PO_ENOTFOUND);
	assert_string_equal(f->e.en, "wrong username or password");
	fixture_free(f);
}

static void user_add_refuses_bad_input(void **state)
{
	fixture_t *f = fixture_new();
	user_t u;
	(void)state;
	memset(&u, 0, sizeof u);
	snprintf(u.username, sizeof u.username, "ctv");
	u.role = UROLE_UNION;
	assert_int_equal(app_user_add(&f->app, &u, "29350", "ngan", &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "password");
	assert_int_equal(app_user_add(&f->app, &u, "99999", "đủ dài rồi", &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "unit");
	snprintf(u.username, sizeof u.username, "tên có dấu");
	assert_int_equal(app_user_add(&f->app, &u, "29350", "đủ dài rồi", &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "username");
	snprintf(u.username, sizeof u.username, "ctv");
	assert_int_equal(app_user_add(&f->app, &u, "29350", "đủ dài rồi", &f->e), PO_OK);
	assert_int_equal(app_user_add(&f->app, &u, "29350", "đủ dài rồi", &f->e), PO_ECONFLICT);
	fixture_free(f);
}

static void every_change_leaves_an_audit_entry(void **state)
{
	fixture_t *f = fixture_new();
	user_t u;
	(void)state;
	/* the fixture added 5 units */
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action='unit.add' AND actor='test'"), 5);
	memset(&u, 0, sizeof u);
	snprintf(u.username, sizeof u.username, "admin");
	u.role = UROLE_ADMIN;
	assert_int_equal(app_user_add(&f->app, &u, "84", "quản trị 2026", &f->e), PO_OK);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action='user.add'"), 1);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE detail LIKE '%quản trị%'"), 0);
	fixture_free(f);
}

static void poverty_status_follows_the_certificate_dates(void **state)
{
	fixture_t *f = fixture_new();
	person_fields_t in;
	person_parsed_t pp;
	err_t errs[PERSON_ERRORS_MAX];
	size_t n;
	bool ins;
	enum poverty st;
	(void)state;
	memset(&in, 0, sizeof in);
	in.v[PCOL_FULL_NAME] = "Kim Thị Sa Ly";
	in.n[PCOL_FULL_NAME] = strlen(in.v[PCOL_FULL_NAME]);
	in.v[PCOL_DOB] = "1975";
	in.n[PCOL_DOB] = 4;
	in.v[PCOL_SEX] = "F";
	in.n[PCOL_SEX] = 1;
	in.v[PCOL_UNIT] = "29350";
	in.n[PCOL_UNIT] = 5;
	in.v[PCOL_HOUSEHOLD] = "HGD9";
	in.n[PCOL_HOUSEHOLD] = 4;
	assert_int_equal(person_parse(&f->app, &in, &pp, errs, &n), PO_OK);
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	assert_int_equal(person_upsert(&f->app, &pp, &ins, &f->e), PO_OK);
	assert_int_equal(store_tx_commit(f->app.store, &f->e), PO_OK);
	assert_int_equal(app_poverty_add(&f->app, "HGD9", POVERTY_NEAR_POOR, (date_t){2022, 1, 1, false},
					 (date_t){2025, 12, 31, false}, &f->e),
			 PO_OK);
	assert_int_equal(app_poverty_add(&f->app, "HGD9", POVERTY_POOR, (date_t){2025, 7, 1, false},
					 (date_t){2026, 6, 30, false}, &f->e),
			 PO_OK);
	assert_int_equal(app_poverty_on(&f->app, pp.p.household_id, (date_t){2021, 12, 31, false}, &st, &f->e), PO_OK);
	assert_int_equal(st, POVERTY_NONE);
	assert_int_equal(app_poverty_on(&f->app, pp.p.household_id, (date_t){2022, 1, 1, false}, &st, &f->e), PO_OK);
	assert_int_equal(st, POVERTY_NEAR_POOR);
	assert_int_equal(app_poverty_on(&f->app, pp.p.household_id, (date_t){2025, 6, 30, false}, &st, &f->e), PO_OK);
	assert_int_equal(st, POVERTY_NEAR_POOR);
	/* both valid: poor is the stronger */
	assert_int_equal(app_poverty_on(&f->app, pp.p.household_id, (date_t){2025, 7, 1, false}, &st, &f->e), PO_OK);
	assert_int_equal(st, POVERTY_POOR);
	assert_int_equal(app_poverty_on(&f->app, pp.p.household_id, (date_t){2026, 6, 30, false}, &st, &f->e), PO_OK);
	assert_int_equal(st, POVERTY_POOR);
	assert_int_equal(app_poverty_on(&f->app, pp.p.household_id, (date_t){2026, 7, 1, false}, &st, &f->e), PO_OK);
	assert_int_equal(st, POVERTY_NONE);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrate_is_idempotent),
		cmocka_unit_test(database_uses_wal_and_foreign_keys),
		cmocka_unit_test(rollback_leaves_nothing),
		cmocka_unit_test(person_round_trips_every_field),
		cmocka_unit_test(cccd_taken_by_another_is_a_conflict),
		cmocka_unit_test(user_password_is_an_argon2id_hash_and_verifies),
		cmocka_unit_test(user_add_refuses_bad_input),
		cmocka_unit_test(every_change_leaves_an_audit_entry),
		cmocka_unit_test(poverty_status_follows_the_certificate_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
