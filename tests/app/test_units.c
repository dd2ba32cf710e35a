/* test_units.c: units as a dated tree; the 2025 merge of Tiểu Cần. */
#include "fixture.h"

/* Adds a unit or fails the test. */
static int64_t add(fixture_t *f, const char *code, const char *name, enum unit_kind kind, const char *parent)
{
	unit_t u;
	memset(&u, 0, sizeof u);
	snprintf(u.code, sizeof u.code, "%s", code);
	snprintf(u.name, sizeof u.name, "%s", name);
	u.kind = kind;
	assert_int_equal(app_unit_add(&f->app, &u, parent, &f->e), PO_OK);
	return u.id;
}

static void unit_add_refuses_bad_input(void **state)
{
	fixture_t *f = fixture_new();
	unit_t u;
	(void)state;
	memset(&u, 0, sizeof u);
	snprintf(u.code, sizeof u.code, "29350");
	snprintf(u.name, sizeof u.name, "Trùng mã");
	u.kind = UNIT_COMMUNE;
	assert_int_equal(app_unit_add(&f->app, &u, "846", &f->e), PO_ECONFLICT);
	assert_string_equal(f->e.field, "code");
	snprintf(u.code, sizeof u.code, "29999");
	assert_int_equal(app_unit_add(&f->app, &u, "000", &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "parent");
	snprintf(u.code, sizeof u.code, "ma co dau");
	assert_int_equal(app_unit_add(&f->app, &u, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "code");
	snprintf(u.code, sizeof u.code, "29999");
	snprintf(u.name, sizeof u.name, "   ");
	assert_int_equal(app_unit_add(&f->app, &u, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "name");
	fixture_free(f);
}

/* Builds Tiểu Cần's 11 units and the 2025 merge into 4 communes. */
static void build_tieu_can(fixture_t *f)
{
	static const char *codes[] = {"29341", "29344", "29347", "29353", "29356", "29359",
				      "29362", "29368", "29371"};
	static const struct {
		const char *code, *name;
		const char *from[3];
		size_t n;
	} merges[] = {
		{"29341", "Xã Tiểu Cần", {"29341", "29347", "29353"}, 3},
		{"29371", "Xã Tân Hòa", {"29356", "29371", "29344"}, 3},
		{"29362", "Xã Hùng Hòa", {"29368", "29362", "29359"}, 3},
		{"29365", "Xã Tập Ngãi", {"29350", "29365"}, 2},
	};
	size_t i;
	char hamlet[16];
	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		add(f, codes[i], "Xã cũ", UNIT_COMMUNE, "846");
		snprintf(hamlet, sizeof hamlet, "%s-01", codes[i]);
		add(f, hamlet, "Ấp Một", UNIT_HAMLET, codes[i]);
	}
	add(f, "29365-01", "Ấp Ngãi Phú", UNIT_HAMLET, "29365");
	add(f, "86", "Tỉnh Vĩnh Long", UNIT_PROVINCE, NULL);
	for (i = 0; i < 4; i++) {
		unit_t u;
		memset(&u, 0, sizeof u);
		snprintf(u.code, sizeof u.code, "%s", merges[i].code);
		snprintf(u.name, sizeof u.name, "%s", merges[i].name);
		u.kind = UNIT_COMMUNE;
		assert_int_equal(app_unit_reorganize(&f->app, &u, "86", merges[i].from, merges[i].n,
						     (date_t){2025, 7, 1, false}, &f->e),
				 PO_OK);
	}
}

static void a_merged_code_finds_the_unit_in_force_on_each_date(void **state)
{
	fixture_t *f = fixture_new();
	unit_t u;
	(void)state;
	build_tieu_can(f);
	assert_int_equal(store_unit_by_code(f->app.store, "29341", (date_t){2023, 5, 1, false}, &u, &f->e), PO_OK);
	assert_string_equal(u.name, "Xã cũ");
	assert_true(u.ended);
	assert_int_equal(u.valid_to.y, 2025);
	assert_int_equal(store_unit_by_code(f->app.store, "29341", (date_t){2026, 1, 1, false}, &u, &f->e), PO_OK);
	assert_string_equal(u.name, "Xã Tiểu Cần");
	assert_false(u.ended);
	/* 29359 (Hùng Hòa's own old code) ended: the latest version answers */
	assert_int_equal(store_unit_by_code(f->app.store, "29359", (date_t){2026, 1, 1, false}, &u, &f->e), PO_OK);
	assert_true(u.ended);
	fixture_free(f);
}

static void reorganize_refuses_unknown_and_ended_units(void **state)
{
	fixture_t *f = fixture_new();
	unit_t u;
	const char *bad[] = {"29350", "00000"};
	int64_t n = 0;
	(void)state;
	memset(&u, 0, sizeof u);
	snprintf(u.code, sizeof u.code, "29365");
	snprintf(u.name, sizeof u.name, "Xã Tập Ngãi");
	u.kind = UNIT_COMMUNE;
	assert_int_equal(app_unit_reorganize(&f->app, &u, NULL, bad, 2, (date_t){2025, 7, 1, false}, &f->e),
			 PO_EINVAL);
	assert_string_equal(f->e.field, "from");
	/* all or nothing: 29350 was not ended */
	assert_int_equal(store_unit_by_code(f->app.store, "29350", (date_t){2026, 1, 1, false}, &u, &f->e), PO_OK);
	assert_false(u.ended);
	(void)n;
	fixture_free(f);
}

static void subtree_of_a_new_commune_takes_in_the_merged_ones(void **state)
{
	fixture_t *f = fixture_new();
	unit_tree_t *t;
	unit_t u, h1, h2, old;
	int64_t *ids;
	size_t n;
	(void)state;
	build_tieu_can(f);
	assert_int_equal(unit_tree_load(f->app.store, &t, &f->e), PO_OK);
	assert_int_equal(store_unit_by_code(f->app.store, "29365", (date_t){2026, 1, 1, false}, &u, &f->e), PO_OK);
	assert_int_equal(store_unit_by_code(f->app.store, "29350-01", (date_t){2026, 1, 1, false}, &h1, &f->e),
			 PO_OK);
	assert_int_equal(store_unit_by_code(f->app.store, "29365-01", (date_t){2026, 1, 1, false}, &h2, &f->e),
			 PO_OK);
	assert_int_equal(store_unit_by_code(f->app.store, "29350", (date_t){2024, 1, 1, false}, &old, &f->e),
			 PO_OK);
	assert_int_equal(unit_tree_subtree(t, u.id, &ids, &n, &f->e), PO_OK);
	/* new Tập Ngãi + old Hiếu Tử + old Tập Ngãi + their 2 hamlets */
	assert_int_equal(n, 5);
	assert_true(unit_set_has(ids, n, h1.id));
	assert_true(unit_set_has(ids, n, h2.id));
	assert_true(unit_set_has(ids, n, old.id));
	free(ids);
	/* the old commune's subtree is its own hamlet only */
	assert_int_equal(unit_tree_subtree(t, old.id, &ids, &n, &f->e), PO_OK);
	assert_int_equal(n, 2);
	free(ids);
	assert_int_equal(unit_tree_current(t, old.id, (date_t){2026, 1, 1, false}), u.id);
	assert_int_equal(unit_tree_current(t, old.id, (date_t){2024, 1, 1, false}), old.id);
	unit_tree_free(t);
	fixture_free(f);
}

static void people_of_old_communes_count_in_the_new_ones(void **state)
{
	fixture_t *f = fixture_new();
	unit_tree_t *t;
	unit_t u;
	int64_t *ids;
	size_t n;
	search_result_t r;
	(void)state;
	build_tieu_can(f);
	fixture_person(f, "Kim Thị Sóc", "1980-01-01", "F", NULL, "29350-01");
	fixture_person(f, "Lê Thị Hoa", "1981-01-01", "F", NULL, "29365-01");
	fixture_person(f, "Trần Thị Hoa", "1982-01-01", "F", NULL, "29341-01");
	assert_int_equal(unit_tree_load(f->app.store, &t, &f->e), PO_OK);
	assert_int_equal(store_unit_by_code(f->app.store, "29365", (date_t){2026, 1, 1, false}, &u, &f->e), PO_OK);
	assert_int_equal(unit_tree_subtree(t, u.id, &ids, &n, &f->e), PO_OK);
	assert_int_equal(people_search(&f->app, "thi", ids, n, 10, &r, &f->e), PO_OK);
	assert_int_equal(r.total, 2);
	assert_string_equal(r.items[0].full_name, "Lê Thị Hoa");
	assert_string_equal(r.items[1].full_name, "Kim Thị Sóc");
	search_result_free(&r);
	free(ids);
	unit_tree_free(t);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unit_add_refuses_bad_input),
		cmocka_unit_test(a_merged_code_finds_the_unit_in_force_on_each_date),
		cmocka_unit_test(reorganize_refuses_unknown_and_ended_units),
		cmocka_unit_test(subtree_of_a_new_commune_takes_in_the_merged_ones),
		cmocka_unit_test(people_of_old_communes_count_in_the_new_ones),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
