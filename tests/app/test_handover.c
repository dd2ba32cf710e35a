/* test_handover.c: what follows a collection (app/handover.h): the
 * receipt as printed names the participant's mã số BHXH and date of
 * birth and the collector's full name; the officer sees each
 * collector's cash, confirms a remittance once, and lists its receipts;
 * the collection point is set by a top-level admin only. */
#include "fixture.h"

#include "app/due_household.h"
#include "app/handover.h"
#include "app/ledger.h"

/* The fixture with the shipped legal parameters. */
static fixture_t *money_fixture(void)
{
	fixture_t *f = fixture_new();
	int n;
	assert_int_equal(app_params_sync(&f->app, &n, &f->e), PO_OK);
	return f;
}

/* A login with a full name, straight in the store (see fixture_user_raw). */
static user_t named_user(fixture_t *f, const char *name, enum user_role role, const char *unit, const char *full)
{
	user_t u = fixture_user_raw(f, name, role, unit);
	snprintf(u.full_name, sizeof u.full_name, "%s", full);
	assert_int_equal(store_user_update(f->app.store, &u, &f->e), PO_OK);
	return u;
}

/* A woman of unit with a BHXH number; returns her id. */
static int64_t woman(fixture_t *f, const char *name, const char *dob, const char *bhxh, const char *unit,
		     const char *hh)
{
	const char *v[PCOL_COUNT] = {0};
	v[PCOL_FULL_NAME] = name;
	v[PCOL_DOB] = dob;
	v[PCOL_SEX] = "F";
	v[PCOL_BHXH] = bhxh;
	v[PCOL_UNIT] = unit;
	v[PCOL_HOUSEHOLD] = hh;
	return fixture_person_row(f, v);
}

static void a_printed_receipt_names_bhxh_code_dob_and_collector(void **state)
{
	fixture_t *f = money_fixture();
	receipt_view_t *v = malloc(sizeof *v);
	int64_t p, q;
	receipt_t r;
	(void)state;
	named_user(f, "thu", UROLE_COLLECTOR, "29350-01", "Võ Thị Ngọc Hiếu");
	p = woman(f, "Nguyễn Thị Ái", "1988-09-23", "8400037247", "29350-01", "HT-1");
	q = woman(f, "Trần Văn Bé", "1990", NULL, "29350-01", "HT-1");
	r = fixture_collect(f, "thu", f->app.today, p, (collect_item_t[]){fixture_bhyt(p, 12), fixture_bhyt(q, 12)}, 2);
	assert_int_equal(app_receipt_view(&f->app, r.id, NULL, 0, v, &f->e), PO_OK);
	assert_string_equal(v->h.collector_name, "Võ Thị Ngọc Hiếu");
	assert_int_equal(v->n, 2);
	assert_string_equal(v->bhxh[0], "8400037247");
	assert_int_equal(v->dob[0].y, 1988);
	assert_int_equal(v->dob[0].m, 9);
	assert_int_equal(v->dob[0].d, 23);
	assert_false(v->dob[0].year_only);
	assert_string_equal(v->bhxh[1], "");
	assert_int_equal(v->dob[1].y, 1990);
	assert_true(v->dob[1].year_only);
	free(v);
	fixture_free(f);
}

/* What a walk over collectors' cash gathers. */
struct seen {
	char names[8][USERNAME_MAX + 1];
	money_t collected[8], remitted[8];
	int n;
};

static int seen_cash(const collector_cash_t *c, void *ctx)
{
	struct seen *s = ctx;
	snprintf(s->names[s->n], sizeof s->names[0], "%s", c->u.username);
	s->collected[s->n] = c->collected;
	s->remitted[s->n] = c->remitted;
	s->n++;
	return 0;
}

static void the_officer_sees_the_cash_of_the_collectors_of_her_units(void **state)
{
	fixture_t *f = money_fixture();
	user_t officer = fixture_user_raw(f, "canbo", UROLE_OFFICER, "29350");
	user_t viewer = fixture_user_raw(f, "xem", UROLE_VIEWER, "29350");
	struct seen s = {0};
	int64_t *scope, p, q, id, n;
	size_t ns = fixture_scope(f, "29350", &scope);
	money_t amount, commission;
	receipt_t r;
	(void)state;
	fixture_user_raw(f, "thu", UROLE_COLLECTOR, "29350-01");
	fixture_user_raw(f, "thu2", UROLE_COLLECTOR, "29365");
	fixture_user_raw(f, "hoi", UROLE_UNION, "29350"); /* collects nothing: not listed */
	p = woman(f, "Nguyễn Thị Ái", "1988-09-23", NULL, "29350-01", "HT-1");
	q = woman(f, "Lê Thị Xa", "1980-01-01", NULL, "29365", "TN-1");
	r = fixture_collect(f, "thu", f->app.today, p, (collect_item_t[]){fixture_bhyt(p, 12)}, 1);
	fixture_collect(f, "thu2", f->app.today, q, (collect_item_t[]){fixture_bhyt(q, 12)}, 1);
	assert_int_equal(app_collectors_cash_by(&f->app, &officer, scope, ns, seen_cash, &s, &f->e), PO_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.names[0], "thu");
	assert_int_equal(s.collected[0], r.total);
	assert_int_equal(s.collected[0], 1366200); /* 4.5 % of 2,530,000 × 12 months */
	assert_int_equal(s.remitted[0], 0);
	assert_int_equal(app_remit(&f->app, "thu", f->app.today, &id, &n, &amount, &commission, &f->e), PO_OK);
	memset(&s, 0, sizeof s);
	assert_int_equal(app_collectors_cash_by(&f->app, &officer, scope, ns, seen_cash, &s, &f->e), PO_OK);
	assert_int_equal(s.remitted[0], 1366200);
	/* the operator's view (no scope) lists both */
	memset(&s, 0, sizeof s);
	assert_int_equal(app_collectors_cash_by(&f->app, &officer, NULL, 0, seen_cash, &s, &f->e), PO_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(app_collectors_cash_by(&f->app, &viewer, scope, ns, seen_cash, &s, &f->e), PO_EFORBIDDEN);
	free(scope);
	fixture_free(f);
}

/* What a walk over a remittance's receipts gathers. */
struct items {
	int64_t serial[8];
	money_t sum;
	int n;
};

static int seen_item(const receipt_row_t *row, void *ctx)
{
	struct items *it = ctx;
	it->serial[it->n++] = row->r.serial;
	it->sum += row->r.total;
	return 0;
}

static int count_remit(const remittance_row_t *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static void a_remittance_is_confirmed_once_by_an_officer_of_its_units(void **state)
{
	fixture_t *f = money_fixture();
	user_t officer = fixture_user_raw(f, "canbo", UROLE_OFFICER, "29350");
	user_t far = fixture_user_raw(f, "canbo2", UROLE_OFFICER, "29365");
	user_t cadre = fixture_user_raw(f, "hoi", UROLE_UNION, "29350");
	user_t thu = named_user(f, "thu", UROLE_COLLECTOR, "29350-01", "Võ Thị Ngọc Hiếu");
	user_t thu2 = fixture_user_raw(f, "thu2", UROLE_COLLECTOR, "29350-01");
	int64_t *scope, *far_scope, p1, p2, id, n, next;
	size_t ns = fixture_scope(f, "29350", &scope), nf = fixture_scope(f, "29365", &far_scope);
	money_t amount, commission;
	remittance_row_t m;
	struct items it = {0};
	int listed = 0;
	(void)state;
	p1 = woman(f, "Nguyễn Thị Ái", "1988-09-23", NULL, "29350-01", "HT-1");
	p2 = woman(f, "Trần Thị Bé", "1985-01-01", NULL, "29350-01", "HT-2");
	fixture_collect(f, "thu", f->app.today, p1, (collect_item_t[]){fixture_bhyt(p1, 12)}, 1);
	fixture_collect(f, "thu", f->app.today, p2, (collect_item_t[]){fixture_bhyt(p2, 6)}, 1);
	assert_int_equal(app_remit(&f->app, "thu", f->app.today, &id, &n, &amount, &commission, &f->e), PO_OK);
	assert_int_equal(n, 2);
	assert_int_equal(amount, 1366200 + 683100);
	/* the bảng kê: its receipts by serial, adding up to the amount */
	assert_int_equal(app_remittance_by(&f->app, &officer, scope, ns, id, &m, seen_item, &it, &f->e), PO_OK);
	assert_int_equal(it.n, 2);
	assert_int_equal(it.serial[0], 1);
	assert_int_equal(it.serial[1], 2);
	assert_int_equal(it.sum, 2049300);
	assert_int_equal(m.amount, 2049300);
	assert_string_equal(m.collector_name, "Võ Thị Ngọc Hiếu");
	assert_int_equal(m.confirmed_by_id, 0);
	/* who may see it: her, officers of her units; not another collector */
	assert_int_equal(app_remittance_by(&f->app, &thu, scope, ns, id, &m, NULL, NULL, &f->e), PO_OK);
	assert_int_equal(app_remittance_by(&f->app, &thu2, scope, ns, id, &m, NULL, NULL, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_remittance_by(&f->app, &far, far_scope, nf, id, &m, NULL, NULL, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_remittances_by(&f->app, &thu2, scope, ns, 0, 50, count_remit, &listed, &next, &f->e), PO_OK);
	assert_int_equal(listed, 0);
	assert_int_equal(app_remittances_by(&f->app, &officer, scope, ns, 0, 50, count_remit, &listed, &next, &f->e), PO_OK);
	assert_int_equal(listed, 1);
	/* only an officer confirms; outside her units it is unknown */
	assert_int_equal(app_remittance_confirm_by(&f->app, &cadre, scope, ns, id, &m, &f->e), PO_EFORBIDDEN);
	assert_int_equal(app_remittance_confirm_by(&f->app, &thu, scope, ns, id, &m, &f->e), PO_EFORBIDDEN);
	assert_int_equal(app_remittance_confirm_by(&f->app, &far, far_scope, nf, id, &m, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_remittance_confirm_by(&f->app, &officer, scope, ns, id + 1, &m, &f->e), PO_ENOTFOUND);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM remittance WHERE confirmed_by IS NOT NULL"), 0);
	assert_int_equal(app_remittance_confirm_by(&f->app, &officer, scope, ns, id, &m, &f->e), PO_OK);
	assert_int_equal(m.confirmed_by_id, officer.id);
	assert_string_equal(m.confirmed_by, "canbo");
	assert_int_equal(strlen(m.confirmed_at), 20);
	/* twice: a conflict, nothing written */
	assert_int_equal(app_remittance_confirm_by(&f->app, &officer, scope, ns, id, &m, &f->e), PO_ECONFLICT);
	assert_string_equal(f->e.field, "id");
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action='remittance.confirm'"), 1);
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action='remittance.confirm'"),
			    "{\"amount\":2049300,\"collector\":\"thu\",\"receipts\":2}");
	free(scope);
	free(far_scope);
	fixture_free(f);
}

static void only_a_top_level_admin_sets_the_collection_point(void **state)
{
	fixture_t *f = fixture_new();
	user_t top = fixture_user_raw(f, "root", UROLE_ADMIN, "84");
	user_t low = fixture_user_raw(f, "adm", UROLE_ADMIN, "29350");
	user_t officer = fixture_user_raw(f, "canbo", UROLE_OFFICER, "84");
	collection_point_t p, got;
	(void)state;
	assert_int_equal(app_point_get(&f->app, &got, &f->e), PO_OK);
	assert_string_equal(got.name, "");
	memset(&p, 0, sizeof p);
	snprintf(p.name, sizeof p.name, "  Điểm thu   Hội LHPN ");
	snprintf(p.code, sizeof p.code, "VL-TC-0001");
	snprintf(p.address, sizeof p.address, "Khóm 1, xã Tiểu Cần");
	assert_int_equal(app_point_set(&f->app, &low, &p, NULL, &f->e), PO_EFORBIDDEN);
	assert_int_equal(app_point_set(&f->app, &officer, &p, NULL, &f->e), PO_EFORBIDDEN);
	assert_int_equal(app_point_set(&f->app, &top, &p, &got, &f->e), PO_OK);
	assert_string_equal(got.name, "Điểm thu Hội LHPN");
	assert_int_equal(app_point_get(&f->app, &got, &f->e), PO_OK);
	assert_string_equal(got.name, "Điểm thu Hội LHPN");
	assert_string_equal(got.code, "VL-TC-0001");
	assert_string_equal(got.address, "Khóm 1, xã Tiểu Cần");
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action='settings.point'"),
			    "{\"after\":{\"address\":\"Khóm 1, xã Tiểu Cần\",\"code\":\"VL-TC-0001\",\"name\":\"Điểm thu "
			    "Hội LHPN\"},\"before\":{\"address\":\"\",\"code\":\"\",\"name\":\"\"}}");
	snprintf(p.code, sizeof p.code, "%s", "\xff");
	assert_int_equal(app_point_set(&f->app, NULL, &p, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "code");
	assert_int_equal(app_point_get(&f->app, &got, &f->e), PO_OK);
	assert_string_equal(got.code, "VL-TC-0001");
	fixture_free(f);
}

static void a_households_collection_holds_its_members_who_are_due(void **state)
{
	fixture_t *f = money_fixture();
	due_item_t due[HOUSEHOLD_DUE_MAX];
	int64_t *scope, *far_scope, a, b, c, d, other, hh;
	size_t ns = fixture_scope(f, "29350", &scope), nf = fixture_scope(f, "29365", &far_scope), n = 9;
	(void)state;
	fixture_user_raw(f, "thu", UROLE_COLLECTOR, "29350-01");
	a = woman(f, "Nguyễn Thị Ái", "1988-09-23", NULL, "29350-01", "HT-1"); /* card ended 60 days ago: due */
	b = woman(f, "Nguyễn Thị Bé", "1990-01-01", NULL, "29350-01", "HT-1"); /* card for a year: not due */
	c = woman(f, "Nguyễn Thị Cúc", "1992-01-01", NULL, "29350", "HT-1");   /* never insured: not on the list */
	d = woman(f, "Nguyễn Thị Dung", "1980-05-05", NULL, "29350-01", "HT-1"); /* BHXH ended in September: due */
	other = woman(f, "Lê Thị Xuân", "1985-01-01", NULL, "29350-01", "HT-2"); /* due, another household */
	(void)c;
	fixture_collect(f, "thu", date_make(2026, 6, 1), a, (collect_item_t[]){fixture_bhyt(a, 3)}, 1);
	fixture_collect(f, "thu", f->app.today, b, (collect_item_t[]){fixture_bhyt(b, 12)}, 1);
	fixture_collect(f, "thu", date_make(2026, 9, 1), d, (collect_item_t[]){fixture_bhxh(d, 1500000, 1)}, 1);
	fixture_collect(f, "thu", date_make(2026, 6, 1), other, (collect_item_t[]){fixture_bhyt(other, 3)}, 1);
	assert_int_equal(store_household_find(f->app.store, "HT-1", &hh, &f->e), PO_OK);
	assert_int_equal(app_household_due(&f->app, hh, scope, ns, f->app.today, HOUSEHOLD_DUE_DAYS, due,
					   HOUSEHOLD_DUE_MAX, &n, &f->e), PO_OK);
	assert_int_equal(n, 2);
	/* in the due list's order: by the last covered day */
	assert_int_equal(due[0].p.id, a);
	assert_string_equal(due[0].scheme, "bhyt");
	assert_int_equal(due[0].last.y, 2026);
	assert_int_equal(due[0].last.m, 9);
	assert_int_equal(due[0].last.d, 30);
	assert_int_equal(due[1].p.id, d);
	assert_string_equal(due[1].scheme, "bhxh");
	/* outside her units the household is unknown */
	assert_int_equal(app_household_due(&f->app, hh, far_scope, nf, f->app.today, HOUSEHOLD_DUE_DAYS, due,
					   HOUSEHOLD_DUE_MAX, &n, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_household_due(&f->app, hh + 100, scope, ns, f->app.today, HOUSEHOLD_DUE_DAYS, due,
					   HOUSEHOLD_DUE_MAX, &n, &f->e), PO_ENOTFOUND);
	free(scope);
	free(far_scope);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_printed_receipt_names_bhxh_code_dob_and_collector),
		cmocka_unit_test(the_officer_sees_the_cash_of_the_collectors_of_her_units),
		cmocka_unit_test(a_remittance_is_confirmed_once_by_an_officer_of_its_units),
		cmocka_unit_test(only_a_top_level_admin_sets_the_collection_point),
		cmocka_unit_test(a_households_collection_holds_its_members_who_are_due),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
