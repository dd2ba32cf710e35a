/* test_duplicates.c: adding a person never changes another; namesakes
 * of an import stay two people and are listed as possible duplicates; a
 * merge keeps both histories and is audited; each inside the caller's
 * units. */
#include "fixture.h"

#include "app/duplicates.h"
#include "app/import.h"
#include "app/registry.h"

#define HEADER "full_name,dob,sex,cccd,bhxh_code,phone,ethnicity,unit_code,household_code,relation,member\n"

/* A login of role at the unit (in memory only). */
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

/* Imports text as a file; returns the status and fills st. */
static int run(fixture_t *f, const char *text, import_stats_t *st)
{
	import_opts_t o;
	memset(&o, 0, sizeof o);
	o.path = fixture_file(f, "in.csv", text, strlen(text));
	o.lang = LANG_VI;
	return app_import_people(&f->app, &o, st, &f->e);
}

struct pairs_ctx {
	int n;
	dup_view_t last;
};

/* Counts the pairs listed and keeps the last (app_duplicates_list
 * callback). */
static int count_pair(const dup_view_t *v, void *ctx)
{
	struct pairs_ctx *c = ctx;
	c->n++;
	c->last = *v;
	return 0;
}

/* The number of open pairs inside scope; *last the last listed. */
static int pairs(fixture_t *f, const int64_t *scope, size_t n, dup_view_t *last)
{
	struct pairs_ctx c;
	memset(&c, 0, sizeof c);
	assert_int_equal(app_duplicates_list(&f->app, scope, n, NULL, 0, count_pair, &c, &f->e), PO_OK);
	if (last)
		*last = c.last;
	return c.n;
}

static void adding_a_namesake_never_changes_her(void **state)
{
	fixture_t *f = fixture_new();
	user_t by = user_at(f, "lan", UROLE_UNION, "29350");
	const char *v[PCOL_COUNT] = {0};
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX];
	size_t nerrs = 0, ncands = 0;
	person_t p, cands[PERSON_CANDIDATES_MAX];
	int64_t lan;
	(void)state;
	v[PCOL_FULL_NAME] = "Nguyễn Thị Lan";
	v[PCOL_DOB] = "1990";
	v[PCOL_SEX] = "F";
	v[PCOL_UNIT] = "29350-01";
	v[PCOL_MEMBER] = "có";
	v[PCOL_PHONE] = "0912345678";
	lan = fixture_person_row(f, v);
	assert_int_equal(app_membership_set(&f->app, lan, NULL, ROLE_GROUP_HEAD, date_make(2020, 1, 1), &f->e), PO_OK);
	/* the same name, year, sex and hamlet, no identifier, not a member */
	memset(&in, 0, sizeof in);
	put(&in, PCOL_FULL_NAME, "Nguyễn Thị Lan");
	put(&in, PCOL_DOB, "1990");
	put(&in, PCOL_SEX, "Nữ");
	put(&in, PCOL_UNIT, "29350-01");
	put(&in, PCOL_MEMBER, "không");
	put(&in, PCOL_PHONE, "0987654321");
	assert_int_equal(app_person_create(&f->app, &by, &in, &p, errs, &nerrs), PO_ECONFLICT);
	assert_string_equal(errs[0].field, "candidates");
	assert_int_equal(app_person_add(&f->app, &by, &in, false, &p, cands, &ncands, errs, &nerrs), PO_ECONFLICT);
	assert_int_equal(ncands, 1);
	assert_int_equal(cands[0].id, lan);
	assert_string_equal(cands[0].phone, "0912345678");
	/* nothing was written: she is still a member with her role and phone */
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM person"), 1);
	assert_int_equal(fixture_query_int(f, "SELECT member FROM person WHERE id = 1"), 1);
	assert_string_equal(fixture_query_text(f, "SELECT role FROM union_member WHERE person_id = 1"), "group_head");
	assert_string_equal(fixture_query_text(f, "SELECT phone FROM person WHERE id = 1"), "0912345678");
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action = 'person.add'"), 0);
	/* confirmed as another woman: added beside her, she is unchanged */
	assert_int_equal(app_person_add(&f->app, &by, &in, true, &p, cands, &ncands, errs, &nerrs), PO_OK);
	assert_int_equal(p.id, lan + 1);
	assert_false(p.member);
	assert_string_equal(p.phone, "0987654321");
	assert_int_equal(fixture_query_int(f, "SELECT member FROM person WHERE id = 1"), 1);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM union_member WHERE person_id = 1"), 1);
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action = 'person.add'"),
			    "{\"unit\":\"29350-01\",\"confirmed_not\":[1]}");
	/* a new CCCD is a new person: no question asked */
	put(&in, PCOL_CCCD, "084190000123");
	assert_int_equal(app_person_add(&f->app, &by, &in, false, &p, cands, &ncands, errs, &nerrs), PO_OK);
	assert_int_equal(p.id, lan + 2);
	fixture_free(f);
}

static void adding_keeps_to_the_callers_units(void **state)
{
	fixture_t *f = fixture_new();
	user_t by = user_at(f, "lan", UROLE_UNION, "29350");
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX], unknown;
	size_t nerrs = 0;
	person_t p;
	(void)state;
	fixture_person_fields(f, "Lê Văn Xa", "1970-01-01", "M", NULL, "29365", "HGD3");
	memset(&in, 0, sizeof in);
	put(&in, PCOL_FULL_NAME, "Thạch Thị Sa");
	put(&in, PCOL_DOB, "1992-04-05");
	put(&in, PCOL_SEX, "F");
	put(&in, PCOL_UNIT, "29350");
	/* a household of another commune: refused as unknown, nobody added */
	put(&in, PCOL_HOUSEHOLD, "HGD3");
	assert_int_equal(app_person_create(&f->app, &by, &in, &p, errs, &nerrs), PO_EINVAL);
	assert_string_equal(errs[0].field, "household_code");
	assert_int_equal(errs[0].msg, MSG_HOUSEHOLD_UNKNOWN);
	assert_string_equal(errs[0].en, "no household with code HGD3");
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM person"), 1);
	/* a unit outside her units answers as an unknown code */
	put(&in, PCOL_HOUSEHOLD, "HGD7");
	put(&in, PCOL_UNIT, "99999");
	assert_int_equal(app_person_create(&f->app, &by, &in, &p, &unknown, &nerrs), PO_EINVAL);
	put(&in, PCOL_UNIT, "29365");
	assert_int_equal(app_person_create(&f->app, &by, &in, &p, errs, &nerrs), PO_EINVAL);
	assert_string_equal(errs[0].field, unknown.field);
	assert_int_equal(errs[0].msg, unknown.msg);
	assert_string_equal(errs[0].en, "unknown unit code 29365");
	/* her own commune: the new household is made there */
	put(&in, PCOL_UNIT, "29350");
	assert_int_equal(app_person_create(&f->app, &by, &in, &p, errs, &nerrs), PO_OK);
	assert_string_equal(p.household_code, "HGD7");
	fixture_free(f);
}

static void import_keeps_namesakes_apart(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	dup_view_t last;
	const char *two = HEADER "Nguyễn Thị Lan,1990,F,,,,,29350,,,\n"
				 "Nguyễn Thị Lan,1990,F,,,,,29350,,,có\n"
				 "Trần Thị Út,1991,F,,,0912000111,,29350,HGD1,Con,\n";
	(void)state;
	assert_int_equal(run(f, two, &st), PO_OK);
	assert_int_equal(st.read, 3);
	assert_int_equal(st.inserted, 3);
	assert_int_equal(st.updated, 0);
	assert_int_equal(st.possible_duplicates, 1);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM person WHERE full_name = 'Nguyễn Thị Lan'"), 2);
	/* a load into an empty registry writes last the rows it must look
	 * up: the first Lan is 1, Út 2, the second Lan 3 */
	assert_int_equal(fixture_query_int(f, "SELECT member FROM person WHERE id = 1"), 0);
	assert_int_equal(fixture_query_int(f, "SELECT member FROM person WHERE id = 3"), 1);
	assert_int_equal(pairs(f, NULL, 0, &last), 1);
	assert_int_equal(last.older.id, 1);
	assert_int_equal(last.newer.id, 3);
	/* the same file again changes nobody and adds nobody */
	assert_int_equal(run(f, two, &st), PO_OK);
	assert_int_equal(st.read, 3);
	assert_int_equal(st.inserted, 0);
	assert_int_equal(st.updated, 3);
	assert_int_equal(st.possible_duplicates, 0);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM person"), 3);
	assert_int_equal(pairs(f, NULL, 0, NULL), 1);
	/* a safer key (the phone; the household and relation) finds her and
	 * updates her; blank cells erase nothing */
	assert_int_equal(run(f, HEADER "Trần Thị Út,1991,F,,,0912000111,Khmer,29350,,,\n"
				       "Trần Thị Út,1991,F,,,,,29350,HGD1,con,có\n", &st), PO_OK);
	assert_int_equal(st.inserted, 0);
	assert_int_equal(st.updated, 2);
	assert_string_equal(fixture_query_text(f, "SELECT ethnicity || '/' || phone || '/' || relation FROM person WHERE id = 2"),
			    "Khmer/0912000111/con");
	assert_int_equal(fixture_query_int(f, "SELECT member FROM person WHERE id = 2"), 1);
	/* a namesake with something new and no safer key is a third Lan */
	assert_int_equal(run(f, HEADER "Nguyễn Thị Lan,1990,F,,,0977000222,,29350,,,\n", &st), PO_OK);
	assert_int_equal(st.inserted, 1);
	assert_int_equal(st.possible_duplicates, 1);
	assert_int_equal(pairs(f, NULL, 0, NULL), 3);
	fixture_free(f);
}

static void merge_keeps_both_histories(void **state)
{
	fixture_t *f = fixture_new();
	user_t ctv;
	int64_t *scope, *other;
	size_t n = fixture_scope(f, "29350", &scope), no = fixture_scope(f, "29365", &other);
	import_stats_t st;
	dup_view_t last;
	person_t p;
	int changed;
	(void)state;
	assert_int_equal(app_params_sync(&f->app, &changed, &f->e), PO_OK);
	ctv = fixture_user(f, "ctv", UROLE_COLLECTOR, "846", "mật khẩu thu tiền");
	(void)ctv;
	/* the load writes last the row it must look up: Lan 1, Xa 2, the other Lan 3 */
	assert_int_equal(run(f, HEADER "Nguyễn Thị Lan,1990,F,,,,Kinh,29350,HGD1,Chủ hộ,\n"
				       "Nguyễn Thị Lan,1990,F,,,0912345678,Khmer,29350,,,có\n"
				       "Lê Văn Xa,1970,M,,,,,29365,,,\n", &st), PO_OK);
	assert_int_equal(st.possible_duplicates, 1);
	assert_int_equal(app_membership_set(&f->app, 3, NULL, ROLE_GROUP_HEAD, date_make(2021, 3, 1), &f->e), PO_OK);
	fixture_collect(f, "ctv", date_make(2026, 6, 1), 3, (collect_item_t[]){fixture_bhyt(3, 12)}, 1);
	fixture_collect(f, "ctv", date_make(2026, 6, 2), 1, (collect_item_t[]){fixture_bhxh(1, 1500000, 3)}, 1);
	assert_int_equal(pairs(f, other, no, NULL), 0); /* not listed outside her units */
	/* either id outside the caller's units: as if missing */
	assert_int_equal(app_people_merge(&f->app, scope, n, 1, 2, &p, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_people_merge(&f->app, other, no, 2, 1, &p, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_people_merge(&f->app, scope, n, 1, 1, &p, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "drop");
	assert_int_equal(app_people_merge(&f->app, scope, n, 1, 3, &p, &f->e), PO_OK);
	/* kept: her household and head, her ethnicity; filled: the phone, membership */
	assert_string_equal(p.household_code, "HGD1");
	assert_string_equal(p.phone, "0912345678");
	assert_string_equal(p.ethnicity, "Kinh");
	assert_true(p.member);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM person WHERE id = 3"), 0);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM receipt WHERE payer_id = 1"), 2);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM receipt_line WHERE person_id = 1"), 2);
	assert_string_equal(fixture_query_text(f, "SELECT role FROM union_member WHERE person_id = 1"), "group_head");
	assert_int_equal(fixture_query_int(f, "SELECT head_id FROM household WHERE code = 'HGD1'"), 1);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM person_word WHERE person_id = 3"), 0);
	assert_string_equal(fixture_query_text(f, "SELECT status FROM person_duplicate"), "merged");
	assert_string_equal(
		fixture_query_text(f, "SELECT detail FROM audit WHERE action = 'person.merge' AND entity_id = 1"),
		"{\"conflicts\":{\"ethnicity\":{\"dropped\":\"Khmer\",\"kept\":\"Kinh\"}},\"dropped\":3,"
		"\"dropped_person\":{\"bhxh_code\":null,\"cccd\":null,\"dob\":\"1990\",\"ethnicity\":\"Khmer\","
		"\"full_name\":\"Nguyễn Thị Lan\",\"household_code\":null,\"id\":3,\"member\":true,"
		"\"phone\":\"0912345678\",\"relation\":null,\"sex\":\"F\",\"unit_code\":\"29350\"},"
		"\"filled\":{\"member\":true,\"phone\":\"0912345678\"}}");
	assert_int_equal(pairs(f, NULL, 0, &last), 0);
	free(scope);
	free(other);
	fixture_free(f);
}

static void two_people_after_all(void **state)
{
	fixture_t *f = fixture_new();
	int64_t *scope, *other;
	size_t n = fixture_scope(f, "29350", &scope), no = fixture_scope(f, "29365", &other);
	import_stats_t st;
	dup_view_t last;
	(void)state;
	assert_int_equal(run(f, HEADER "Nguyễn Thị Lan,1990,F,,,,,29350,,,\nNguyễn Thị Lan,1990,F,,,,,29350,,,\n", &st),
			 PO_OK);
	assert_int_equal(pairs(f, scope, n, &last), 1);
	assert_int_equal(app_duplicate_distinct(&f->app, other, no, last.pair.id, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_duplicate_distinct(&f->app, scope, n, 99, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_duplicate_distinct(&f->app, scope, n, last.pair.id, &f->e), PO_OK);
	assert_int_equal(pairs(f, scope, n, NULL), 0);
	assert_string_equal(fixture_query_text(f, "SELECT status || '/' || resolved_by FROM person_duplicate"),
			    "distinct/test");
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action = 'person.distinct'"),
			    "{\"pair\":1,\"other\":2}");
	/* closed: a second time answers as missing; importing again does not reopen it */
	assert_int_equal(app_duplicate_distinct(&f->app, scope, n, last.pair.id, &f->e), PO_ENOTFOUND);
	assert_int_equal(run(f, HEADER "Nguyễn Thị Lan,1990,F,,,,,29350,,,\nNguyễn Thị Lan,1990,F,,,,,29350,,,\n", &st),
			 PO_OK);
	assert_int_equal(st.updated, 2);
	assert_int_equal(pairs(f, scope, n, NULL), 0);
	free(scope);
	free(other);
	fixture_free(f);
}

static void outside_answers_as_unknown(void **state)
{
	fixture_t *f = fixture_new();
	user_t by = user_at(f, "lan", UROLE_UNION, "29350");
	int64_t lan = fixture_person_fields(f, "Nguyễn Thị Lan", "1985-03-02", "F", NULL, "29350", "HGD1");
	int64_t xa = fixture_person_fields(f, "Lê Văn Xa", "1970-01-01", "M", NULL, "29365", "HGD3");
	person_details_t d;
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX], unknown;
	size_t nerrs = 0;
	household_rec_t h;
	person_t p;
	unit_t b;
	char want[128];
	(void)state;
	assert_int_equal(store_person_get(f->app.store, lan, &p, &f->e), PO_OK);
	/* the head of her household: a person of another commune is unknown */
	assert_int_equal(app_household_set_head(&f->app, &by, p.household_id, 9999, &unknown), PO_EINVAL);
	assert_int_equal(app_household_set_head(&f->app, &by, p.household_id, xa, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, unknown.field);
	assert_int_equal(f->e.msg, unknown.msg);
	snprintf(want, sizeof want, "no person with id %lld", (long long)xa);
	assert_string_equal(f->e.en, want);
	assert_int_equal(store_household_get(f->app.store, p.household_id, &h, &f->e), PO_OK);
	assert_int_equal(h.head_id, 0);
	/* moving her to a unit outside: as an unknown code */
	memset(&in, 0, sizeof in);
	put(&in, PCOL_UNIT, "99999");
	assert_int_equal(app_person_update(&f->app, &by, lan, &in, &p, &unknown, &nerrs), PO_EINVAL);
	put(&in, PCOL_UNIT, "29365");
	assert_int_equal(app_person_update(&f->app, &by, lan, &in, &p, errs, &nerrs), PO_EINVAL);
	assert_string_equal(errs[0].field, unknown.field);
	assert_int_equal(errs[0].msg, unknown.msg);
	assert_string_equal(errs[0].en, "unknown unit code 29365");
	/* a branch outside: as an unknown code */
	memset(&b, 0, sizeof b);
	snprintf(b.code, sizeof b.code, "CH29365");
	snprintf(b.name, sizeof b.name, "Chi hội Tập Ngãi");
	b.kind = UNIT_BRANCH;
	assert_int_equal(app_unit_add(&f->app, &b, "29365", &f->e), PO_OK);
	assert_int_equal(app_person_membership(&f->app, &by, lan, "CH29365", ROLE_MEMBER, date_make(2020, 1, 1), &d, &f->e),
			 PO_EINVAL);
	assert_int_equal(f->e.msg, MSG_UNIT_UNKNOWN);
	assert_string_equal(f->e.field, "branch");
	/* a new unit under a parent outside: as an unknown parent */
	{
		user_t admin = user_at(f, "qt", UROLE_ADMIN, "29350");
		unit_view_t v;
		memset(&b, 0, sizeof b);
		snprintf(b.code, sizeof b.code, "29365-09");
		snprintf(b.name, sizeof b.name, "Ấp Mới");
		b.kind = UNIT_HAMLET;
		assert_int_equal(app_unit_add_under(&f->app, &admin, &b, "29365", &v, &f->e), PO_EINVAL);
		assert_string_equal(f->e.field, "parent");
		assert_string_equal(f->e.en, "unknown unit code 29365");
	}
	fixture_free(f);
}

static void blank_cells_never_erase(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	(void)state;
	assert_int_equal(run(f, HEADER "Lê Thị Hồng,1970-05-06,F,084170000111,8412345678,0987654321,Khmer,29350,HGD5,Chủ hộ,có\n",
			     &st), PO_OK);
	assert_int_equal(st.inserted, 1);
	/* the same CCCD with every optional cell blank: found, nothing erased */
	assert_int_equal(run(f, HEADER "Lê Thị Hồng,1970-05-06,F,084170000111,,,,29350,,,\n", &st), PO_OK);
	assert_int_equal(st.updated, 1);
	assert_int_equal(st.inserted, 0);
	assert_string_equal(fixture_query_text(f, "SELECT p.bhxh_code || '/' || p.phone || '/' || p.ethnicity || '/' || h.code"
						  " || '/' || p.relation || '/' || p.member FROM person p"
						  " JOIN household h ON h.id = p.household_id"),
			    "8412345678/0987654321/Khmer/HGD5/Chủ hộ/1");
	assert_int_equal(fixture_query_int(f, "SELECT head_id FROM household WHERE code = 'HGD5'"), 1);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(adding_a_namesake_never_changes_her),
		cmocka_unit_test(adding_keeps_to_the_callers_units),
		cmocka_unit_test(import_keeps_namesakes_apart),
		cmocka_unit_test(merge_keeps_both_histories),
		cmocka_unit_test(two_people_after_all),
		cmocka_unit_test(outside_answers_as_unknown),
		cmocka_unit_test(blank_cells_never_erase),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
