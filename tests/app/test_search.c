/* test_search.c: people search as the contract says: accents and case
 * ignored, each query word the start of a different name word, any
 * order, identifiers by their digits, Vietnamese order. */
#include "fixture.h"

/* Searches and returns the result (freed by the caller). */
static search_result_t find(fixture_t *f, const char *q, int limit)
{
	search_result_t r;
	assert_int_equal(people_search(&f->app, q, NULL, 0, limit, &r, &f->e), PO_OK);
	return r;
}

/* Adds the people the tests search among. */
static void seed(fixture_t *f)
{
	fixture_person(f, "Nguyễn Thị Ánh", "1980-01-01", "F", "084180000001", "29350");
	fixture_person(f, "Trần Văn Đức", "1975-01-01", "M", "084075000002", "29350");
	fixture_person(f, "Lê Thị Lan", "1990-01-01", "F", NULL, "29365");
	fixture_person(f, "Đỗ Thị Lân", "1991-01-01", "F", NULL, "29365");
	fixture_person(f, "Nguyễn Văn An", "1960-01-01", "M", NULL, "29350-01");
	fixture_person(f, "An Thị An", "1961-01-01", "F", NULL, "29350-01");
	fixture_person(f, "Dương Văn Dũng", "1962-01-01", "M", NULL, "29350");
}

static void accentless_query_finds_accented_names(void **state)
{
	fixture_t *f = fixture_new();
	search_result_t r;
	(void)state;
	seed(f);
	r = find(f, "nguyen anh", 10);
	assert_int_equal(r.total, 1);
	assert_string_equal(r.items[0].full_name, "Nguyễn Thị Ánh");
	assert_string_equal(r.items[0].cccd, "084180000001");
	search_result_free(&r);
	r = find(f, "NGUYỄN", 10);
	assert_int_equal(r.total, 2);
	search_result_free(&r);
	fixture_free(f);
}

static void d_matches_d_with_stroke(void **state)
{
	fixture_t *f = fixture_new();
	search_result_t r;
	(void)state;
	seed(f);
	r = find(f, "duc", 10);
	assert_int_equal(r.total, 1);
	assert_string_equal(r.items[0].full_name, "Trần Văn Đức");
	search_result_free(&r);
	r = find(f, "đ", 10); /* Đức, Đỗ, Dương, Dũng */
	assert_int_equal(r.total, 3);
	search_result_free(&r);
	fixture_free(f);
}

static void words_match_in_any_order_as_prefixes(void **state)
{
	fixture_t *f = fixture_new();
	search_result_t r;
	(void)state;
	seed(f);
	r = find(f, "anh ng", 10);
	assert_int_equal(r.total, 1);
	search_result_free(&r);
	r = find(f, "van tr", 10);
	assert_int_equal(r.total, 1);
	assert_string_equal(r.items[0].full_name, "Trần Văn Đức");
	search_result_free(&r);
	r = find(f, "thi xyz", 10);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.n, 0);
	search_result_free(&r);
	fixture_free(f);
}

static void each_query_word_needs_its_own_name_word(void **state)
{
	fixture_t *f = fixture_new();
	search_result_t r;
	(void)state;
	seed(f);
	r = find(f, "an an", 10); /* only "An Thị An" has two words starting with "an" */
	assert_int_equal(r.total, 1);
	assert_string_equal(r.items[0].full_name, "An Thị An");
	search_result_free(&r);
	r = find(f, "an", 10); /* An, Ánh, An Thị An */
	assert_int_equal(r.total, 3);
	search_result_free(&r);
	fixture_free(f);
}

static void results_follow_vietnamese_order_by_given_name(void **state)
{
	fixture_t *f = fixture_new();
	search_result_t r;
	(void)state;
	seed(f);
	r = find(f, "thi", 10);
	assert_int_equal(r.total, 4);
	/* An < Ánh < Lan < Lân */
	assert_string_equal(r.items[0].full_name, "An Thị An");
	assert_string_equal(r.items[1].full_name, "Nguyễn Thị Ánh");
	assert_string_equal(r.items[2].full_name, "Lê Thị Lan");
	assert_string_equal(r.items[3].full_name, "Đỗ Thị Lân");
	search_result_free(&r);
	r = find(f, "thi", 2); /* a limit keeps the first in order, the total stays */
	assert_int_equal(r.total, 4);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.items[1].full_name, "Nguyễn Thị Ánh");
	search_result_free(&r);
	fixture_free(f);
}

static void digits_find_cccd_bhxh_and_phone(void **state)
{
	fixture_t *f = fixture_new();
	search_result_t r;
	person_t p;
	(void)state;
	seed(f);
	r = find(f, "084075000002", 10);
	assert_int_equal(r.total, 1);
	assert_string_equal(r.items[0].full_name, "Trần Văn Đức");
	search_result_free(&r);
	assert_int_equal(store_person_get(f->app.store, 3, &p, &f->e), PO_OK);
	snprintf(p.bhxh_code, sizeof p.bhxh_code, "8412345678");
	snprintf(p.phone, sizeof p.phone, "0912345678");
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	assert_int_equal(store_person_update(f->app.store, &p, NULL, &f->e), PO_OK);
	assert_int_equal(store_tx_commit(f->app.store, &f->e), PO_OK);
	r = find(f, "8412345678", 10);
	assert_int_equal(r.total, 1);
	assert_string_equal(r.items[0].full_name, "Lê Thị Lan");
	search_result_free(&r);
	r = find(f, "0912345678", 10);
	assert_int_equal(r.total, 1);
	assert_string_equal(r.items[0].phone, "0912345678");
	search_result_free(&r);
	fixture_free(f);
}

static void scope_keeps_people_of_other_units_out(void **state)
{
	fixture_t *f = fixture_new();
	search_result_t r;
	unit_tree_t *t;
	unit_t u;
	int64_t *ids;
	size_t n;
	(void)state;
	seed(f);
	assert_int_equal(unit_tree_load(f->app.store, &t, &f->e), PO_OK);
	assert_int_equal(store_unit_by_code(f->app.store, "29350", f->app.today, &u, &f->e), PO_OK);
	assert_int_equal(unit_tree_subtree(t, u.id, &ids, &n, &f->e), PO_OK);
	assert_int_equal(people_search(&f->app, "thi", ids, n, 10, &r, &f->e), PO_OK);
	assert_int_equal(r.total, 2); /* Ánh in 29350, An Thị An in its hamlet */
	search_result_free(&r);
	free(ids);
	unit_tree_free(t);
	fixture_free(f);
}

static void bad_queries_are_refused(void **state)
{
	fixture_t *f = fixture_new();
	search_result_t r;
	(void)state;
	assert_int_equal(people_search(&f->app, "  ,. ", NULL, 0, 10, &r, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "q");
	assert_int_equal(people_search(&f->app, "lan", NULL, 0, 0, &r, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "limit");
	assert_int_equal(people_search(&f->app, "a b c d e f g h i", NULL, 0, 10, &r, &f->e), PO_EINVAL);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accentless_query_finds_accented_names),
		cmocka_unit_test(d_matches_d_with_stroke),
		cmocka_unit_test(words_match_in_any_order_as_prefixes),
		cmocka_unit_test(each_query_word_needs_its_own_name_word),
		cmocka_unit_test(results_follow_vietnamese_order_by_given_name),
		cmocka_unit_test(digits_find_cccd_bhxh_and_phone),
		cmocka_unit_test(scope_keeps_people_of_other_units_out),
		cmocka_unit_test(bad_queries_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
