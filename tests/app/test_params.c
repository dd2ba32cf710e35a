/* test_params.c: recording legal parameters (app_param_add,
 * app_param_add_by, rules/param_family.h): only known families and keys,
 * values within their family's bounds, written by an administrator of a
 * top-level unit only; a broken row in the database refuses a quote as
 * invalid input, never as an internal error. */
#include "fixture.h"

#include "app/params_shipped.h"
#include "app/registry.h"
#include "rules/param_family.h"
#include "rules/param_notice.h"

/* Runs one SQL statement on the fixture's database through a connection
 * of its own (a change made behind plusone's back). */
static void exec_sql(fixture_t *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Asserts that param_family_check refuses family/key/value naming field
 * with message id. */
static void refused(const char *family, const char *key, int64_t value, const char *field, enum msg_id id)
{
	err_t e;
	err_clear(&e);
	if (param_family_check(family, key, value, &e) != PO_EINVAL)
		fail_msg("%s/%s = %lld accepted", family ? family : "(null)", key ? key : "(null)", (long long)value);
	assert_string_equal(e.field, field);
	assert_string_equal(msg_name(e.msg), msg_name(id));
}

/* A row for app_param_add: family/key from 2027-07-01, value v. */
static param_record_t row(const char *family, const char *key, int64_t v)
{
	param_record_t p;
	memset(&p, 0, sizeof p);
	snprintf(p.family, sizeof p.family, "%s", family);
	snprintf(p.key, sizeof p.key, "%s", key);
	p.from = date_make(2027, 7, 1);
	p.value = v;
	snprintf(p.source, sizeof p.source, "NĐ thử nghiệm");
	snprintf(p.status, sizeof p.status, "open");
	return p;
}

/* Known families only, each with its keys, each value within its
 * family's bounds; the messages name the field in both languages. */
static void families_keys_and_bounds(void **state)
{
	err_t e;
	int64_t lo, hi;
	(void)state;
	assert_int_equal(param_family_check("base_salary", "", 1000000, &e), PO_OK);
	assert_int_equal(param_family_check("base_salary", NULL, 20000000, &e), PO_OK);
	refused("base_salary", "", 0, "value", MSG_PARAM_VALUE_RANGE);
	err_clear(&e);
	assert_int_equal(param_family_check("base_salary", "", 999999, &e), PO_EINVAL);
	assert_string_equal(e.vi, "Giá trị 999999 của tham số base_salary không hợp lệ: phải từ 1000000 đến 20000000");
	assert_string_equal(e.en, "the value 999999 of parameter base_salary is not valid: it must be from 1000000 to 20000000");
	refused("base_salary", "", 20000001, "value", MSG_PARAM_VALUE_RANGE);
	refused("base_salary", "", -2530000, "value", MSG_PARAM_VALUE_RANGE);
	refused("base_salery", "", 2530000, "family", MSG_PARAM_FAMILY_UNKNOWN);
	refused("", "", 1, "family", MSG_PARAM_FAMILY_UNKNOWN);
	refused(NULL, "", 1, "family", MSG_PARAM_FAMILY_UNKNOWN);
	refused("base_salary", "84", 2530000, "key", MSG_PARAM_KEY_NONE);
	assert_int_equal(param_family_check("poverty_line_rural", "", 2200000, &e), PO_OK);
	refused("poverty_line_rural", "", 99999, "value", MSG_PARAM_VALUE_RANGE);
	/* basis points: 0..10000 */
	assert_int_equal(param_family_check("bhxh_support_bp", "poor", 0, &e), PO_OK);
	assert_int_equal(param_family_check("bhxh_support_bp", "island", 10000, &e), PO_OK);
	refused("bhxh_support_bp", "poor", 10001, "value", MSG_PARAM_VALUE_RANGE);
	refused("bhxh_support_bp", "", 5000, "key", MSG_PARAM_KEY_CATEGORY);
	refused("bhxh_support_bp", "rich", 5000, "key", MSG_PARAM_KEY_CATEGORY);
	refused("bhxh_rate_bp", "", 0, "value", MSG_PARAM_VALUE_RANGE);
	refused("bhyt_rate_bp", "", 10001, "value", MSG_PARAM_VALUE_RANGE);
	assert_int_equal(param_family_check("bhyt_tier_bp", "5", 4000, &e), PO_OK);
	refused("bhyt_tier_bp", "6", 4000, "key", MSG_PARAM_KEY_TIER);
	refused("bhyt_tier_bp", "0", 4000, "key", MSG_PARAM_KEY_TIER);
	/* provinces, years, commission products */
	assert_int_equal(param_family_check("bhxh_local_support_bp", "84", 1000, &e), PO_OK);
	refused("bhxh_local_support_bp", "8", 1000, "key", MSG_PARAM_KEY_PROVINCE);
	refused("bhxh_local_support_bp", "00", 1000, "key", MSG_PARAM_KEY_PROVINCE);
	assert_int_equal(param_family_check("bhxh_fund_rate_ppm", "2025", 5000, &e), PO_OK);
	refused("bhxh_fund_rate_ppm", "1999", 5000, "key", MSG_PARAM_KEY_YEAR);
	refused("bhxh_fund_rate_ppm", "", 5000, "key", MSG_PARAM_KEY_YEAR);
	refused("bhxh_fund_rate_ppm", "2025", 20001, "value", MSG_PARAM_VALUE_RANGE);
	assert_int_equal(param_family_check("commission_bp", "bhxh_m12_new", 1900, &e), PO_OK);
	assert_int_equal(param_family_check("commission_bp", "bhyt_m3_cont", 420, &e), PO_OK);
	assert_int_equal(param_family_check("commission_bp", "bhxh_m60_new", 1900, &e), PO_OK);
	refused("commission_bp", "bhxh_m61_new", 1900, "key", MSG_PARAM_KEY_COMMISSION);
	refused("commission_bp", "bhxh_m012_new", 1900, "key", MSG_PARAM_KEY_COMMISSION);
	refused("commission_bp", "bhxh_m12_old", 1900, "key", MSG_PARAM_KEY_COMMISSION);
	refused("commission_bp", "bhtn_m12_new", 1900, "key", MSG_PARAM_KEY_COMMISSION);
	refused("commission_bp", "bhxh_m_new", 1900, "key", MSG_PARAM_KEY_COMMISSION);
	refused("bhxh_ceiling_factor", "", 101, "value", MSG_PARAM_VALUE_RANGE);
	refused("bhxh_missing_months_max", "", 121, "value", MSG_PARAM_VALUE_RANGE);
	refused("bhyt_lapse_months", "", 13, "value", MSG_PARAM_VALUE_RANGE);
	assert_true(param_family_bounds("base_salary", &lo, &hi));
	assert_int_equal(lo, 1000000);
	assert_int_equal(hi, 20000000);
	assert_false(param_family_bounds("base_salery", &lo, &hi));
}

/* Every row shipped in data/params passes the check an administrator's
 * row must pass. */
static void every_shipped_row_passes(void **state)
{
	unsigned i;
	err_t e;
	(void)state;
	assert_true(shipped_param_count >= 35);
	for (i = 0; i < shipped_param_count; i++) {
		const shipped_param_t *s = &shipped_params[i];
		if (param_family_check(s->family, s->key, s->value, &e) != PO_OK)
			fail_msg("%s/%s from %s: %s", s->family, s->key, s->valid_from, e.en);
	}
}

/* app_param_add refuses an unknown family and a value out of bounds
 * before writing anything. */
static void add_checks_the_family(void **state)
{
	fixture_t *f = fixture_new();
	param_record_t p;
	(void)state;
	p = row("base_salary", "", 0);
	assert_int_equal(app_param_add(&f->app, &p, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "value");
	p = row("base_salery", "", 2700000);
	assert_int_equal(app_param_add(&f->app, &p, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "family");
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM param"), 0);
	p = row("base_salary", "", 2700000);
	assert_int_equal(app_param_add(&f->app, &p, &f->e), PO_OK);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM param WHERE origin = 'admin'"), 1);
	fixture_free(f);
}

/* Only an administrator of a top-level unit (84, the province: no
 * parent) records parameters; an officer of the province, an
 * administrator of the district or a commune, a disabled administrator
 * of the province are refused (PO_EFORBIDDEN) and nothing is written. */
static void only_a_top_level_admin_writes(void **state)
{
	fixture_t *f = fixture_new();
	param_record_t p = row("base_salary", "", 2700000);
	user_t top = fixture_user_raw(f, "quocgia", UROLE_ADMIN, "84");
	user_t officer = fixture_user_raw(f, "canbo", UROLE_OFFICER, "84");
	user_t district = fixture_user_raw(f, "huyen", UROLE_ADMIN, "846");
	user_t commune = fixture_user_raw(f, "xa", UROLE_ADMIN, "29350");
	user_t off = top;
	(void)state;
	off.disabled = true;
	assert_int_equal(app_param_add_by(&f->app, &officer, &p, &f->e), PO_EFORBIDDEN);
	assert_string_equal(f->e.field, "role");
	assert_string_equal(f->e.vi, "Chỉ quản trị viên của đơn vị cấp cao nhất (không có đơn vị cấp trên) được ghi "
				     "tham số pháp lý; canbo là officer của đơn vị 84");
	assert_string_equal(f->e.en, "only an administrator of a top-level unit (one without a parent) may record legal "
				     "parameters; canbo is officer of unit 84");
	assert_int_equal(app_param_add_by(&f->app, &district, &p, &f->e), PO_EFORBIDDEN);
	assert_int_equal(app_param_add_by(&f->app, &commune, &p, &f->e), PO_EFORBIDDEN);
	assert_int_equal(app_param_add_by(&f->app, &off, &p, &f->e), PO_EFORBIDDEN);
	assert_int_equal(app_param_add_by(&f->app, NULL, &p, &f->e), PO_EFORBIDDEN);
	assert_int_equal(app_param_writer_check(&f->app, &commune, &f->e), PO_EFORBIDDEN);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM param"), 0);
	assert_int_equal(app_param_writer_check(&f->app, &top, &f->e), PO_OK);
	assert_int_equal(app_param_add_by(&f->app, &top, &p, &f->e), PO_OK);
	assert_int_equal(fixture_query_int(f, "SELECT value FROM param WHERE family = 'base_salary'"), 2700000);
	/* the top-level admin is checked by family like anyone */
	p = row("base_salary", "", 0);
	assert_int_equal(app_param_add_by(&f->app, &top, &p, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "value");
	fixture_free(f);
}

/* base_salary = 0 written straight into the database: a quote is
 * refused as invalid input naming the parameter (422 / exit 2), not an
 * internal error. */
static void a_broken_row_refuses_the_quote(void **state)
{
	fixture_t *f = fixture_new();
	bhxh_request_t r;
	bhxh_quote_t q;
	int n;
	(void)state;
	assert_int_equal(app_params_sync(&f->app, &n, &f->e), PO_OK);
	exec_sql(f, "UPDATE param SET value = 0 WHERE family = 'base_salary' AND valid_from = '2026-07-01'");
	memset(&r, 0, sizeof r);
	r.date = date_make(2026, 12, 1);
	r.income = 1500000;
	r.months = 1;
	r.category = BHXH_OTHER;
	assert_int_equal(app_quote_bhxh(&f->app, &r, &q, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "base_salary");
	assert_int_equal(err_exit_status(f->e.code), 2);
	assert_non_null(strstr(f->e.vi, "không hợp lệ"));
	fixture_free(f);
}

/* A params_t over rows (sorted). */
static params_t rows_of(param_row_t *rows, size_t n)
{
	params_t p = {rows, n};
	params_sort(&p);
	return p;
}

#define PROW(f, k, y, m, d, v) { f, k, { y, m, d, false }, v }

/* param_changes: rows coming into force after the first date and by the
 * second, whose value differs from the one the day before; in words,
 * dates dd/mm/yyyy; a quote's note names the payment date. */
static void changes_in_words(void **state)
{
	param_row_t rows[] = {
		PROW("poverty_line_rural", "", 2022, 1, 1, 1500000),
		PROW("poverty_line_rural", "", 2026, 1, 1, 1500000),
		PROW("poverty_line_rural", "", 2027, 1, 1, 2200000),
		PROW("base_salary", "", 2024, 7, 1, 2340000),
		PROW("base_salary", "", 2026, 7, 1, 2530000),
		PROW("bhxh_support_bp", "other", 2018, 1, 1, 1000),
		PROW("bhxh_support_bp", "other", 2025, 7, 1, 2000),
		PROW("bhxh_support_bp", "poor", 2018, 1, 1, 3000),
		PROW("bhxh_support_bp", "poor", 2025, 7, 1, 5000),
		PROW("bhyt_rate_bp", "", 2018, 1, 1, 450),
		PROW("bhyt_rate_bp", "", 2028, 1, 1, 475),
	};
	params_t p = rows_of(rows, sizeof rows / sizeof rows[0]);
	param_notice_t n[PARAM_NOTICE_MAX];
	(void)state;
	/* 2026-11-29 + 60 days: the 2027 poverty line only (the 2026-01-01
	 * row repeats 1,500,000: no change) */
	assert_int_equal(param_changes(&p, NULL, 0, date_make(2026, 11, 29), date_make(2027, 1, 28), n, PARAM_NOTICE_MAX), 1);
	assert_string_equal(n[0].family, "poverty_line_rural");
	assert_int_equal(n[0].before, 1500000);
	assert_int_equal(n[0].after, 2200000);
	assert_string_equal(n[0].vi, "Từ 01/01/2027: chuẩn nghèo nông thôn 1.500.000 đ → 2.200.000 đ: mức đóng BHXH tự "
				     "nguyện tối thiểu và tiền Nhà nước hỗ trợ tăng");
	assert_string_equal(n[0].en, "From 01/01/2027: rural poverty line 1.500.000 đ → 2.200.000 đ: the minimum voluntary "
				     "BHXH contribution and the state support rise");
	/* the span is (after, until]: the day of the change is the last one announced ahead */
	assert_int_equal(param_changes(&p, NULL, 0, date_make(2025, 12, 31), date_make(2026, 1, 1), n, PARAM_NOTICE_MAX), 0);
	assert_int_equal(param_changes(&p, NULL, 0, date_make(2026, 12, 31), date_make(2027, 1, 1), n, PARAM_NOTICE_MAX), 1);
	assert_int_equal(param_changes(&p, NULL, 0, date_make(2027, 1, 1), date_make(2027, 3, 1), n, PARAM_NOTICE_MAX), 0);
	/* shares in percent, keyed; several changes in date order, then family */
	assert_int_equal(param_changes(&p, NULL, 0, date_make(2025, 6, 1), date_make(2026, 7, 1), n, PARAM_NOTICE_MAX), 3);
	assert_string_equal(n[0].vi, "Từ 01/07/2025: tỷ lệ Nhà nước hỗ trợ BHXH tự nguyện (other) 10 % → 20 %: tiền Nhà "
				     "nước hỗ trợ tăng");
	assert_string_equal(n[1].key, "poor");
	assert_string_equal(n[2].family, "base_salary");
	/* at most max kept, the number there are returned */
	assert_int_equal(param_changes(&p, NULL, 0, date_make(2025, 6, 1), date_make(2026, 7, 1), n, 1), 3);
	assert_string_equal(n[0].key, "other");
	/* 4,5 % → 4,75 %; English decimals with a point */
	assert_int_equal(param_changes(&p, NULL, 0, date_make(2027, 6, 1), date_make(2028, 1, 1), n, PARAM_NOTICE_MAX), 1);
	assert_string_equal(n[0].vi, "Từ 01/01/2028: tỷ lệ đóng BHYT hộ gia đình 4,5 % → 4,75 %: số tiền phải đóng tăng");
	assert_string_equal(n[0].en, "From 01/01/2028: household BHYT contribution rate 4.5 % → 4.75 %: contributions rise");
	/* a BHXH quote for a poor person: her share, not the other's */
	assert_int_equal(bhxh_quote_notices(&p, date_make(2025, 6, 20), date_make(2026, 5, 31), BHXH_POOR, n, PARAM_NOTICE_MAX), 1);
	assert_string_equal(n[0].key, "poor");
	assert_string_equal(n[0].vi, "Số tiền tính theo quy định tại ngày đóng 20/06/2025. Từ 01/07/2025: tỷ lệ Nhà nước hỗ "
				     "trợ BHXH tự nguyện (poor) 30 % → 50 %: tiền Nhà nước hỗ trợ tăng (không áp dụng cho "
				     "lần đóng này).");
	/* 12 months paid on 2026-12-20 run to 2027-11-30 and reach 2027-01-01 */
	assert_int_equal(date_cmp(quote_period_end(date_make(2026, 12, 20), 12), date_make(2027, 11, 30)), 0);
	assert_int_equal(bhxh_quote_notices(&p, date_make(2026, 12, 20), date_make(2027, 11, 30), BHXH_OTHER, n, PARAM_NOTICE_MAX), 1);
	assert_string_equal(n[0].en, "Amounts follow the rules in force on the payment date 20/12/2026. From 01/01/2027: rural "
				     "poverty line 1.500.000 đ → 2.200.000 đ: the minimum voluntary BHXH contribution and the "
				     "state support rise (not applied to this payment).");
	/* the BHYT quote does not follow the poverty line */
	assert_int_equal(bhyt_quote_notices(&p, date_make(2026, 12, 20), date_make(2027, 12, 19), n, PARAM_NOTICE_MAX), 0);
	assert_int_equal(bhyt_quote_notices(&p, date_make(2026, 6, 20), date_make(2027, 6, 19), n, PARAM_NOTICE_MAX), 1);
	assert_string_equal(n[0].family, "base_salary");
}

/* The dashboard announces the next 60 days' changes to officers, union
 * cadres and administrators, not to collectors and viewers. */
static void dashboard_announces_to_officers_and_cadres(void **state)
{
	fixture_t *f = fixture_new();
	static const enum user_role told[] = {UROLE_OFFICER, UROLE_UNION, UROLE_ADMIN};
	static const enum user_role not_told[] = {UROLE_COLLECTOR, UROLE_VIEWER};
	int64_t *scope = NULL;
	size_t ns = fixture_scope(f, "29350", &scope), i;
	static dashboard_t d;
	char name[16];
	int nch;
	(void)state;
	assert_int_equal(app_params_sync(&f->app, &nch, &f->e), PO_OK);
	for (i = 0; i < 3; i++) {
		user_t u;
		snprintf(name, sizeof name, "u%zu", i);
		u = fixture_user_raw(f, name, told[i], "29350");
		assert_int_equal(app_dashboard(&f->app, &u, scope, ns, date_make(2026, 11, 29), &d, &f->e), PO_OK);
		assert_int_equal(d.nupcoming, 1);
		assert_string_equal(d.upcoming[0].vi, "Từ 01/01/2027: chuẩn nghèo nông thôn 1.500.000 đ → 2.200.000 đ: mức "
						      "đóng BHXH tự nguyện tối thiểu và tiền Nhà nước hỗ trợ tăng");
		/* 61 days ahead: not yet */
		assert_int_equal(app_dashboard(&f->app, &u, scope, ns, date_make(2026, 11, 1), &d, &f->e), PO_OK);
		assert_int_equal(d.nupcoming, 0);
	}
	for (i = 0; i < 2; i++) {
		user_t u;
		snprintf(name, sizeof name, "v%zu", i);
		u = fixture_user_raw(f, name, not_told[i], "29350");
		assert_int_equal(app_dashboard(&f->app, &u, scope, ns, date_make(2026, 11, 29), &d, &f->e), PO_OK);
		assert_int_equal(d.nupcoming, 0);
	}
	free(scope);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(families_keys_and_bounds),
		cmocka_unit_test(every_shipped_row_passes),
		cmocka_unit_test(add_checks_the_family),
		cmocka_unit_test(only_a_top_level_admin_writes),
		cmocka_unit_test(a_broken_row_refuses_the_quote),
		cmocka_unit_test(changes_in_words),
		cmocka_unit_test(dashboard_announces_to_officers_and_cadres),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
