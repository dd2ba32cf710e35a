/* test_search_index.c: the in-memory name index gives exactly what the
 * database search gives — same totals, same people in the same order —
 * over the demo's 20,000 people, for hundreds of queries drawn from
 * their names, with and without a unit scope; and a stale index is not
 * used. */
#include "fixture.h"

#include "app/demo.h"
#include "app/search_index.h"
#include "core/text.h"

static fixture_t *fx;
static search_index_t *ix;

/* Loads the demo and builds the index. */
static int setup(void **state)
{
	demo_report_t rep;
	bool loaded;
	(void)state;
	fx = fixture_new_empty(); /* the demo brings its own units */
	assert_int_equal(app_demo_load(&fx->app, &rep, &loaded, &fx->e), PO_OK);
	assert_true(loaded);
	assert_int_equal(search_index_build(fx->app.store, &ix, &fx->e), PO_OK);
	return 0;
}

/* Frees both. */
static int teardown(void **state)
{
	(void)state;
	search_index_free(ix);
	fixture_free(fx);
	return 0;
}

/* Runs q both ways and compares; returns the total. */
static int64_t same_both_ways(const char *q, const int64_t *scope, size_t nscope, int limit)
{
	search_result_t a, b;
	size_t i;
	fx->app.six = NULL;
	assert_int_equal(people_search(&fx->app, q, scope, nscope, limit, &a, &fx->e), PO_OK);
	fx->app.six = ix;
	assert_int_equal(people_search(&fx->app, q, scope, nscope, limit, &b, &fx->e), PO_OK);
	fx->app.six = NULL;
	if (a.total != b.total || a.n != b.n)
		fail_msg("\"%s\": database %lld/%zu, index %lld/%zu", q, (long long)a.total, a.n, (long long)b.total,
			 b.n);
	for (i = 0; i < a.n; i++)
		if (a.items[i].id != b.items[i].id)
			fail_msg("\"%s\": result %zu: database %lld, index %lld", q, i, (long long)a.items[i].id,
				 (long long)b.items[i].id);
	search_result_free(&a);
	search_result_free(&b);
	return a.total;
}

/* A deterministic pseudo-random number. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Queries drawn from people's names (whole words, prefixes, 1–3 words,
 * accented and not) give the same answers both ways. */
static void index_answers_like_the_database(void **state)
{
	uint64_t seed = 20261129;
	int k, nonzero = 0;
	int64_t count;
	(void)state;
	assert_int_equal(store_people_count(fx->app.store, &count, &fx->e), PO_OK);
	assert_int_equal((int64_t)search_index_people(ix), count);
	for (k = 0; k < 400; k++) {
		person_t p;
		char fold[256], q[256], *w[8], *s;
		size_t nw = 0, i, qn = 0, take;
		int64_t id = (int64_t)(next(&seed) % (uint64_t)count) + 1;
		if (store_person_get(fx->app.store, id, &p, &fx->e) != PO_OK)
			continue;
		if (k % 4 == 0) { /* accented, as typed */
			nonzero += same_both_ways(p.full_name, NULL, 0, 20) > 0;
			continue;
		}
		vn_fold(p.full_name, strlen(p.full_name), fold, sizeof fold);
		for (s = fold; *s && nw < 8;) {
			w[nw++] = s;
			while (*s && *s != ' ')
				s++;
			if (*s)
				*s++ = '\0';
		}
		take = 1 + next(&seed) % 3;
		for (i = 0; i < take && i < nw; i++) {
			size_t j = next(&seed) % nw, len = strlen(w[j]);
			if (k % 3 == 0 && len > 1)
				len = 1 + next(&seed) % len; /* a prefix */
			qn += (size_t)snprintf(q + qn, sizeof q - qn, "%s%.*s", qn ? " " : "", (int)len, w[j]);
		}
		q[qn] = '\0';
		nonzero += same_both_ways(q, NULL, 0, 1 + (int)(next(&seed) % 50)) > 0;
	}
	assert_true(nonzero > 300);
}

/* The same with a unit scope: a commune, a hamlet, two communes. */
static void index_respects_the_scope(void **state)
{
	static const char *const queries[] = {"nguyen", "thi", "thi nguyen", "lan", "n", "th ng", "son", "thach",
					      "kim", "van", "a", "nguyen van", "tran thi", "h",
					      /* words that start one another: checked person by person */
					      "nguyen nguyen", "thi thi", "ng nguyen", "da danh", "tran trang", "van van thi",
					      "h h h", "n n"};
	static const char *const codes[] = {"29362", "29371", "29365"};
	size_t i, k;
	int64_t sum = 0;
	(void)state;
	for (k = 0; k < sizeof codes / sizeof codes[0]; k++) {
		int64_t *scope = NULL;
		size_t n = 0;
		if (app_unit_scope(&fx->app, codes[k], "unit", &scope, &n, &fx->e) != PO_OK)
			fail_msg("unit %s: %s", codes[k], fx->e.en);
		for (i = 0; i < sizeof queries / sizeof queries[0]; i++)
			sum += same_both_ways(queries[i], scope, n, 20);
		free(scope);
	}
	assert_true(sum > 1000);
}

/* After a change to people, the index is stale and not used: the new
 * person is found (by the database). */
static void a_stale_index_is_not_used(void **state)
{
	search_result_t r;
	(void)state;
	fixture_person(fx, "Xyzabc Thị Mới", "1990", "F", NULL, "29362");
	fx->app.six = ix;
	assert_int_equal(people_search(&fx->app, "xyzabc", NULL, 0, 5, &r, &fx->e), PO_OK);
	fx->app.six = NULL;
	assert_int_equal(r.total, 1);
	assert_string_equal(r.items[0].full_name, "Xyzabc Thị Mới");
	search_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(index_answers_like_the_database),
		cmocka_unit_test(index_respects_the_scope),
		cmocka_unit_test(a_stale_index_is_not_used),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
