/* test_rules.c: dated parameters, BHXH tự nguyện and BHYT hộ gia đình
 * quotes (rules/params.h, rules/bhxh.h, rules/bhyt.h), with the legal
 * parameter rows 2016–2027 built in code and the expected amounts
 * written out to the dong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules/bhxh.h"
#include "rules/bhyt.h"

/* ---- the parameter rows ------------------------------------------------ */

/* A date_t from y, m, d. */
static date_t D(int y, int m, int d)
{
	date_t t;
	t.y = (int16_t)y;
	t.m = (int8_t)m;
	t.d = (int8_t)d;
	t.year_only = false;
	return t;
}

#define ROW(f, k, y, m, d, v) { f, k, { y, m, d, false }, v }

/* The legal rows of RULES.md §1–3, deliberately not in sorted order. */
static const param_row_t legal_rows[] = {
	ROW("bhyt_tier_bp", "5", 2018, 1, 1, 4000),
	ROW("bhyt_tier_bp", "4", 2018, 1, 1, 5000),
	ROW("bhyt_tier_bp", "3", 2018, 1, 1, 6000),
	ROW("bhyt_tier_bp", "2", 2018, 1, 1, 7000),
	ROW("bhyt_tier_bp", "1", 2018, 1, 1, 10000),
	ROW("bhyt_rate_bp", "", 2018, 1, 1, 450),
	ROW("bhxh_support_bp", "other", 2025, 7, 1, 2000),
	ROW("bhxh_support_bp", "other", 2018, 1, 1, 1000),
	ROW("bhxh_support_bp", "island", 2025, 7, 1, 5000),
	ROW("bhxh_support_bp", "island", 2018, 1, 1, 1000),
	ROW("bhxh_support_bp", "ethnic_minority", 2025, 7, 1, 3000),
	ROW("bhxh_support_bp", "ethnic_minority", 2018, 1, 1, 1000),
	ROW("bhxh_support_bp", "near_poor", 2025, 7, 1, 4000),
	ROW("bhxh_support_bp", "near_poor", 2018, 1, 1, 2500),
	ROW("bhxh_support_bp", "poor", 2025, 7, 1, 5000),
	ROW("bhxh_support_bp", "poor", 2018, 1, 1, 3000),
	ROW("bhxh_support_months_max", "", 2018, 1, 1, 120),
	ROW("bhxh_ceiling_factor", "", 2018, 1, 1, 20),
	ROW("bhxh_rate_bp", "", 2018, 1, 1, 2200),
	ROW("poverty_line_rural", "", 2027, 1, 1, 2200000),
	ROW("poverty_line_rural", "", 2022, 1, 1, 1500000),
	ROW("poverty_line_rural", "", 2026, 1, 1, 1500000),
	ROW("poverty_line_rural", "", 2016, 1, 1, 700000),
	ROW("base_salary", "", 2026, 7, 1, 2530000),
	ROW("base_salary", "", 2024, 7, 1, 2340000),
	ROW("base_salary", "", 2023, 7, 1, 1800000),
	ROW("base_salary", "", 2019, 7, 1, 1490000),
	ROW("base_salary", "", 2018, 7, 1, 1390000),
};
#define LEGAL_N (sizeof legal_rows / sizeof legal_rows[0])
#define EXTRA_MAX 8

/* A params_t over its own copy of the legal rows plus up to EXTRA_MAX
 * more. */
typedef struct fixture {
	param_row_t rows[LEGAL_N + EXTRA_MAX];
	params_t p;
} fixture_t;

static fixture_t fx;

/* Fills fx with the legal rows only, sorted. */
static void fx_legal(void)
{
	memcpy(fx.rows, legal_rows, sizeof legal_rows);
	fx.p.rows = fx.rows;
	fx.p.n = LEGAL_N;
	params_sort(&fx.p);
}

/* Appends the row (family, key, from, value) to fx and sorts again. */
static void fx_add(const char *family, const char *key, date_t from, int64_t value)
{
	param_row_t *r;
	assert_true(fx.p.n < LEGAL_N + EXTRA_MAX);
	r = &fx.rows[fx.p.n++];
	memset(r, 0, sizeof *r);
	memcpy(r->family, family, strlen(family) + 1);
	memcpy(r->key, key, strlen(key) + 1);
	r->from = from;
	r->value = value;
	params_sort(&fx.p);
}

/* cmocka setup: the legal rows. */
static int setup_legal(void **state)
{
	(void)state;
	fx_legal();
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

/* A BHXH request with no province and no support used before. */
static bhxh_request_t req(date_t d, money_t income, int months, enum bhxh_category c)
{
	bhxh_request_t r;
	memset(&r, 0, sizeof r);
	r.date = d;
	r.income = income;
	r.months = months;
	r.category = c;
	return r;
}

/* Quotes r against fx; asserts PO_OK; returns the quote. */
static bhxh_quote_t quote_ok(const bhxh_request_t *r)
{
	bhxh_quote_t q;
	err_t e;
	err_clear(&e);
	memset(&q, 0, sizeof q);
	assert_int_equal(bhxh_quote(&fx.p, r, &q, &e), PO_OK);
	return q;
}

/* Asserts that r is refused with code, field and message id; returns
 * the error for further checks. */
static err_t quote_refused(const bhxh_request_t *r, int code, const char *field, enum msg_id id)
{
	bhxh_quote_t q;
	err_t e;
	err_clear(&e);
	memset(&q, 0x5A, sizeof q);
	assert_int_equal(bhxh_quote(&fx.p, r, &q, &e), code);
	assert_string_equal(e.field, field);
	assert_string_equal(msg_name(e.msg), msg_name(id));
	assert_true(e.vi[0] != '\0');
	assert_true(e.en[0] != '\0');
	/* *q untouched on failure */
	assert_int_equal(q.gross, (money_t)0x5A5A5A5A5A5A5A5ALL);
	return e;
}

/* Asserts that text contains needle. */
static void assert_contains(const char *text, const char *needle)
{
	if (!strstr(text, needle))
		fail_msg("\"%s\" does not contain \"%s\"", text, needle);
}

/* Net per month of a one-month quote at income on d for category c. */
static money_t net_at(date_t d, money_t income, enum bhxh_category c)
{
	bhxh_request_t r = req(d, income, 1, c);
	return quote_ok(&r).net;
}

/* A BHYT request. */
static bhyt_request_t hreq(date_t d, int members, int months, int first)
{
	bhyt_request_t r;
	memset(&r, 0, sizeof r);
	r.date = d;
	r.members = members;
	r.months = months;
	r.first_ordinal = first;
	return r;
}

/* Quotes r against fx; asserts PO_OK. */
static void hquote_ok(const bhyt_request_t *r, bhyt_quote_t *q)
{
	err_t e;
	err_clear(&e);
	assert_int_equal(bhyt_quote(&fx.p, r, q, &e), PO_OK);
}

/* Asserts that r is refused with PO_EINVAL naming field. */
static void hquote_refused(const bhyt_request_t *r, const char *field, enum msg_id id)
{
	static bhyt_quote_t q;
	err_t e;
	err_clear(&e);
	q.n = -7;
	assert_int_equal(bhyt_quote(&fx.p, r, &q, &e), PO_EINVAL);
	assert_string_equal(e.field, field);
	assert_string_equal(msg_name(e.msg), msg_name(id));
	assert_int_equal(q.n, -7);
}

/* Monthly BHYT amount of the person with ordinal k on d. */
static money_t bhyt_monthly(date_t d, int k)
{
	static bhyt_quote_t q;
	bhyt_request_t r = hreq(d, 1, 3, k);
	hquote_ok(&r, &q);
	assert_int_equal(q.n, 1);
	assert_int_equal(q.person[0].ordinal, k);
	return q.person[0].monthly;
}

/* The ceiling of a quote on d (from a quote at the floor). */
static money_t ceiling_on(date_t d)
{
	bhxh_request_t r = req(d, 1500000, 1, BHXH_OTHER);
	int64_t pl = 0;
	assert_int_equal(params_get(&fx.p, P_POVERTY_LINE, "", d, &pl, NULL), PO_OK);
	r.income = pl;
	return quote_ok(&r).ceiling;
}

/* Deterministic PRNG (splitmix64). */
static uint64_t rng_state;

/* The next pseudo-random 64-bit value. */
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A pseudo-random integer in lo..hi (hi - lo < 2^63). */
static int64_t rng_in(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rng() % (uint64_t)(hi - lo + 1));
}

/* ---- params ------------------------------------------------------------- */

/* params_get returns the latest row not after the date, also on the
 * exact day of a change and the day before it. */
static void params_get_picks_the_row_in_force(void **state)
{
	int64_t v = -1;
	err_t e;
	(void)state;
	err_clear(&e);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(2018, 7, 1), &v, &e), PO_OK);
	assert_int_equal(v, 1390000);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(2019, 6, 30), &v, &e), PO_OK);
	assert_int_equal(v, 1390000);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(2019, 7, 1), &v, &e), PO_OK);
	assert_int_equal(v, 1490000);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(2023, 6, 30), &v, &e), PO_OK);
	assert_int_equal(v, 1490000);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(2023, 7, 1), &v, &e), PO_OK);
	assert_int_equal(v, 1800000);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(2024, 6, 30), &v, &e), PO_OK);
	assert_int_equal(v, 1800000);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(2024, 7, 1), &v, &e), PO_OK);
	assert_int_equal(v, 2340000);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(2026, 6, 30), &v, &e), PO_OK);
	assert_int_equal(v, 2340000);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(2026, 7, 1), &v, &e), PO_OK);
	assert_int_equal(v, 2530000);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(9999, 12, 31), &v, &e), PO_OK);
	assert_int_equal(v, 2530000);
	assert_int_equal(params_get(&fx.p, P_POVERTY_LINE, "", D(2021, 12, 31), &v, &e), PO_OK);
	assert_int_equal(v, 700000);
	assert_int_equal(params_get(&fx.p, P_POVERTY_LINE, "", D(2022, 1, 1), &v, &e), PO_OK);
	assert_int_equal(v, 1500000);
	assert_int_equal(params_get(&fx.p, P_BHXH_SUPPORT, "poor", D(2025, 6, 30), &v, &e), PO_OK);
	assert_int_equal(v, 3000);
	assert_int_equal(params_get(&fx.p, P_BHXH_SUPPORT, "poor", D(2025, 7, 1), &v, &e), PO_OK);
	assert_int_equal(v, 5000);
	assert_int_equal(params_get(&fx.p, P_BHXH_SUPPORT, "near_poor", D(2025, 7, 1), &v, &e), PO_OK);
	assert_int_equal(v, 4000);
	assert_int_equal(params_get(&fx.p, P_BHYT_TIER, "1", D(2020, 1, 1), &v, &e), PO_OK);
	assert_int_equal(v, 10000);
	assert_int_equal(params_get(&fx.p, P_BHYT_TIER, "5", D(2020, 1, 1), &v, &e), PO_OK);
	assert_int_equal(v, 4000);
	/* NULL key reads as "" */
	assert_int_equal(params_get(&fx.p, P_BHXH_RATE, NULL, D(2020, 1, 1), &v, &e), PO_OK);
	assert_int_equal(v, 2200);
}

/* Missing family, key or date: PO_ENOTFOUND, a message naming family,
 * key and date, *out untouched. */
static void params_get_reports_what_is_missing(void **state)
{
	int64_t v = 42;
	err_t e;
	params_t empty = {NULL, 0};
	(void)state;
	err_clear(&e);
	assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", D(2018, 6, 30), &v, &e), PO_ENOTFOUND);
	assert_int_equal(v, 42);
	assert_int_equal(e.code, PO_ENOTFOUND);
	assert_string_equal(e.field, "base_salary");
	assert_string_equal(msg_name(e.msg), "MSG_RULES_PARAM_MISSING");
	assert_string_equal(err_text(&e, LANG_EN), "no parameter base_salary recorded for 2018-06-30");
	assert_string_equal(err_text(&e, LANG_VI),
			    "Chưa có tham số base_salary áp dụng cho ngày 2018-06-30");

	err_clear(&e);
	assert_int_equal(params_get(&fx.p, P_BHXH_SUPPORT, "student", D(2025, 1, 1), &v, &e),
			 PO_ENOTFOUND);
	assert_string_equal(err_text(&e, LANG_EN),
			    "no parameter bhxh_support_bp (key \"student\") recorded for 2025-01-01");
	assert_int_equal(params_get(&fx.p, P_BHXH_SUPPORT, "", D(2025, 1, 1), &v, &e), PO_ENOTFOUND);
	assert_int_equal(params_get(&fx.p, P_BHXH_SUPPORT, "zzz", D(2025, 1, 1), &v, &e), PO_ENOTFOUND);
	assert_int_equal(params_get(&fx.p, P_BHXH_SUPPORT, "a", D(2025, 1, 1), &v, &e), PO_ENOTFOUND);
	assert_int_equal(params_get(&fx.p, P_BHXH_SUPPORT, "poor", D(2017, 12, 31), &v, &e),
			 PO_ENOTFOUND);
	assert_int_equal(params_get(&fx.p, P_POVERTY_LINE, "", D(2015, 12, 31), &v, &e), PO_ENOTFOUND);
	assert_int_equal(params_get(&fx.p, "aaa", "", D(2025, 1, 1), &v, &e), PO_ENOTFOUND);
	assert_int_equal(params_get(&fx.p, "zzz", "", D(2025, 1, 1), &v, &e), PO_ENOTFOUND);
	assert_int_equal(params_get(&fx.p, "bhxh", "", D(2025, 1, 1), &v, &e), PO_ENOTFOUND);
	assert_int_equal(params_get(&fx.p, "bhxh_rate_bpx", "", D(2025, 1, 1), &v, &e), PO_ENOTFOUND);
	assert_int_equal(params_get(&empty, P_BASE_SALARY, "", D(2025, 1, 1), &v, &e), PO_ENOTFOUND);
	assert_int_equal(params_get(NULL, P_BASE_SALARY, "", D(2025, 1, 1), &v, NULL), PO_ENOTFOUND);
	assert_int_equal(v, 42);
}

/* params_sort: any input order gives the same answers; duplicates of one
 * family, key and date resolve to the larger value whatever the order. */
static void params_sort_makes_input_order_irrelevant(void **state)
{
	static const struct { const char *f, *k; } probes[] = {
		{P_BASE_SALARY, ""}, {P_POVERTY_LINE, ""}, {P_BHXH_RATE, ""},
		{P_BHXH_CEILING, ""}, {P_BHXH_SUPPORT_MONTHS, ""}, {P_BHXH_SUPPORT, "poor"},
		{P_BHXH_SUPPORT, "near_poor"}, {P_BHXH_SUPPORT, "ethnic_minority"},
		{P_BHXH_SUPPORT, "island"}, {P_BHXH_SUPPORT, "other"}, {P_BHYT_RATE, ""},
		{P_BHYT_TIER, "1"}, {P_BHYT_TIER, "2"}, {P_BHYT_TIER, "3"},
		{P_BHYT_TIER, "4"}, {P_BHYT_TIER, "5"},
	};
	param_row_t a[LEGAL_N], b[LEGAL_N];
	params_t pa = {a, LEGAL_N}, pb = {b, LEGAL_N};
	size_t i, j;
	int round;
	(void)state;
	rng_state = 7;
	memcpy(a, legal_rows, sizeof a);
	params_sort(&pa);
	for (i = 1; i < LEGAL_N; i++) { /* sorted by family, key, from */
		int c = strcmp(a[i - 1].family, a[i].family);
		if (c == 0)
			c = strcmp(a[i - 1].key, a[i].key);
		if (c == 0)
			c = date_cmp(a[i - 1].from, a[i].from);
		assert_true(c < 0);
	}
	for (round = 0; round < 50; round++) {
		memcpy(b, legal_rows, sizeof b);
		for (i = LEGAL_N - 1; i > 0; i--) { /* Fisher-Yates */
			size_t k = (size_t)rng_in(0, (int64_t)i);
			param_row_t t = b[i];
			b[i] = b[k];
			b[k] = t;
		}
		params_sort(&pb);
		assert_memory_equal(a, b, sizeof a);
		for (j = 0; j < sizeof probes / sizeof probes[0]; j++) {
			date_t d = date_add_days(D(2015, 1, 1), (int32_t)rng_in(0, 5000));
			int64_t va = -1, vb = -2;
			int ra = params_get(&pa, probes[j].f, probes[j].k, d, &va, NULL);
			int rb = params_get(&pb, probes[j].f, probes[j].k, d, &vb, NULL);
			assert_int_equal(ra, rb);
			if (ra == PO_OK)
				assert_int_equal(va, vb);
		}
	}
	/* duplicates */
	fx_add(P_BHXH_RATE, "", D(2030, 1, 1), 1000);
	fx_add(P_BHXH_RATE, "", D(2030, 1, 1), 3000);
	fx_add(P_BHXH_RATE, "", D(2030, 1, 1), 2000);
	{
		int64_t v = 0;
		assert_int_equal(params_get(&fx.p, P_BHXH_RATE, "", D(2030, 1, 1), &v, NULL), PO_OK);
		assert_int_equal(v, 3000);
		assert_int_equal(params_get(&fx.p, P_BHXH_RATE, "", D(2029, 12, 31), &v, NULL), PO_OK);
		assert_int_equal(v, 2200);
	}
	/* empty and one-row sets are fine */
	params_sort(NULL);
	{
		params_t one = {a, 1};
		params_sort(&one);
		one.n = 0;
		params_sort(&one);
	}
}

/* The reference lookup: a linear scan with strcmp and date_cmp for the
 * last row of family/key not after d (the larger value among rows of the
 * same date).  PO_OK or PO_ENOTFOUND. */
static int ref_get(const param_row_t *rows, size_t n, const char *family, const char *key,
		   date_t d, int64_t *out)
{
	const param_row_t *best = NULL;
	size_t i;
	for (i = 0; i < n; i++) {
		const param_row_t *r = &rows[i];
		if (strcmp(r->family, family) != 0 || strcmp(r->key, key) != 0 ||
		    date_cmp(r->from, d) > 0)
			continue;
		if (!best || date_cmp(r->from, best->from) > 0 ||
		    (date_cmp(r->from, best->from) == 0 && r->value > best->value))
			best = r;
	}
	if (!best)
		return PO_ENOTFOUND;
	*out = best->value;
	return PO_OK;
}

/* Names of every length around the 8-byte words params_get compares
 * (7, 8, 9, 15, 16, 17, 23, 24, 25 bytes and the longest), sharing
 * prefixes, with bytes above 0x7F, and the empty name. */
static const char *const family_pool[] = {
	"base_salary", "bhxh_support_bp", "bhxh_support_bpx", "bhxh_support_b",
	"bhxh_support_months_max", "bhxh_support_months_maxx", "bhxh_support_months_ma",
	"abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop",
	"abcdefghijklmnopq", "abcdefghijklmnopqrstuvw", "abcdefghijklmnopqrstuvwx",
	"abcdefghijklmnopqrstuvwxy", "abcdefghijklmnopqrstuvwxyz0123456789ABCD",
	"\xC4\x91\xE1\xBB\x93ng", "\xC4\x91\xE1\xBB\x93ng_b", "z", "",
};
static const char *const key_pool[] = {
	"", "1", "5", "84", "poor", "poo", "poorx", "near_poor", "ethnic_minorit",
	"ethnic_minority", "ethnic_minority_", "ethnic_minority_x", "abcdefg", "abcdefgh",
	"abcdefghi", "abcdefghijklmnopqrstuvwx", "h\xE1\xBB\x99", "\xFF",
};
#define NPOOL(a) (sizeof a / sizeof a[0])

/* params_get agrees with the reference lookup on random row sets (names
 * of every length and shared prefixes, garbage after the names' NULs,
 * duplicate dates) and random queries, including names not present; the
 * query strings are exact-size heap copies, so a read past a name's NUL
 * would be caught by the address sanitizer. */
static void params_get_agrees_with_a_linear_scan(void **state)
{
	param_row_t rows[64];
	int round, qi;
	(void)state;
	rng_state = 4242;
	for (round = 0; round < 1500; round++) {
		params_t p = {rows, (size_t)rng_in(1, 64)};
		size_t i;
		for (i = 0; i < p.n; i++) {
			const char *f = family_pool[rng() % NPOOL(family_pool)];
			const char *k = key_pool[rng() % NPOOL(key_pool)];
			size_t j;
			for (j = 0; j < sizeof rows[i].family; j++) /* garbage tails */
				rows[i].family[j] = (char)rng();
			for (j = 0; j < sizeof rows[i].key; j++)
				rows[i].key[j] = (char)rng();
			memcpy(rows[i].family, f, strlen(f) + 1);
			memcpy(rows[i].key, k, strlen(k) + 1);
			rows[i].from = date_add_days(D(2016, 1, 1), (int32_t)rng_in(0, 40) * 90);
			rows[i].value = rng_in(-1000, 1000);
			if (rng() % 8 == 0 && i > 0) { /* same family and key as the row before */
				memcpy(rows[i].family, rows[i - 1].family, sizeof rows[i].family);
				memcpy(rows[i].key, rows[i - 1].key, sizeof rows[i].key);
			}
		}
		params_sort(&p);
		for (qi = 0; qi < 60; qi++) {
			const char *f = family_pool[rng() % NPOOL(family_pool)];
			const char *k = key_pool[rng() % NPOOL(key_pool)];
			char *fh, *kh;
			date_t d = date_add_days(D(2015, 6, 1), (int32_t)rng_in(0, 4200));
			int64_t got = 7777, want = 8888;
			int rc, wrc;
			if (qi % 3 == 0) { /* a name of the set, so that most lookups hit */
				const param_row_t *r = &rows[rng() % p.n];
				f = r->family;
				k = r->key;
			}
			/* plain malloc: cmocka's test_malloc pads the block, which
			 * would hide a read past the end from the sanitizer */
			fh = malloc(strlen(f) + 1);
			kh = malloc(strlen(k) + 1);
			assert_non_null(fh);
			assert_non_null(kh);
			memcpy(fh, f, strlen(f) + 1);
			memcpy(kh, k, strlen(k) + 1);
			rc = params_get(&p, fh, kh, d, &got, NULL);
			wrc = ref_get(rows, p.n, fh, kh, d, &want);
			assert_int_equal(rc, wrc);
			if (rc == PO_OK)
				assert_int_equal(got, want);
			else
				assert_int_equal(got, 7777);
			free(fh);
			free(kh);
		}
	}
}

/* ---- BHXH: vectors and tables ------------------------------------------- */

/* Every line of the shared BHXH vectors (date, income, months, category:
 * monthly gross, state support, net, total net; or refused). */
static void bhxh_vectors(void **state)
{
	static const struct {
		date_t d;
		money_t income;
		int months;
		enum bhxh_category c;
		bool refused;
		money_t gross, support, net, total_net;
	} v[] = {
		{{2025, 8, 1, false}, 1500000, 1, BHXH_POOR, false, 330000, 165000, 165000, 165000},
		{{2025, 8, 1, false}, 1500000, 1, BHXH_NEAR_POOR, false, 330000, 132000, 198000, 198000},
		{{2025, 8, 1, false}, 1500000, 1, BHXH_ETHNIC_MINORITY, false, 330000, 99000, 231000, 231000},
		{{2025, 8, 1, false}, 1500000, 1, BHXH_OTHER, false, 330000, 66000, 264000, 264000},
		{{2025, 8, 1, false}, 1500000, 12, BHXH_OTHER, false, 330000, 66000, 264000, 3168000},
		{{2023, 3, 15, false}, 1500000, 1, BHXH_POOR, false, 330000, 99000, 231000, 231000},
		{{2023, 3, 15, false}, 1500000, 1, BHXH_NEAR_POOR, false, 330000, 82500, 247500, 247500},
		{{2023, 3, 15, false}, 1500000, 1, BHXH_ETHNIC_MINORITY, false, 330000, 33000, 297000, 297000},
		{{2023, 3, 15, false}, 1500000, 1, BHXH_OTHER, false, 330000, 33000, 297000, 297000},
		{{2025, 8, 1, false}, 1499999, 1, BHXH_OTHER, true, 0, 0, 0, 0},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		bhxh_request_t r = req(v[i].d, v[i].income, v[i].months, v[i].c);
		if (v[i].refused) {
			err_t e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
			assert_int_equal(err_exit_status(e.code), 2);
			continue;
		}
		bhxh_quote_t q = quote_ok(&r);
		assert_int_equal(q.gross, v[i].gross);
		assert_int_equal(q.state_support, v[i].support);
		assert_int_equal(q.local_support, 0);
		assert_int_equal(q.net, v[i].net);
		assert_int_equal(q.total_net, v[i].total_net);
	}
}

/* RULES.md §2, "net amounts at the floor, per month", every period and
 * category (island: as "other" before 2025-07, 50% from then). */
static void bhxh_net_at_the_floor_table(void **state)
{
	static const struct {
		date_t d;
		money_t floor, gross, net[BHXH_CATEGORY_COUNT];
	} t[] = {
		/*                                         poor    near    ethnic  island  other */
		{{2019, 7, 1, false}, 700000, 154000, {107800, 115500, 138600, 138600, 138600}},
		{{2020, 6, 15, false}, 700000, 154000, {107800, 115500, 138600, 138600, 138600}},
		{{2021, 12, 31, false}, 700000, 154000, {107800, 115500, 138600, 138600, 138600}},
		{{2022, 1, 1, false}, 1500000, 330000, {231000, 247500, 297000, 297000, 297000}},
		{{2024, 2, 29, false}, 1500000, 330000, {231000, 247500, 297000, 297000, 297000}},
		{{2025, 6, 30, false}, 1500000, 330000, {231000, 247500, 297000, 297000, 297000}},
		{{2025, 7, 1, false}, 1500000, 330000, {165000, 198000, 231000, 165000, 264000}},
		{{2026, 12, 31, false}, 1500000, 330000, {165000, 198000, 231000, 165000, 264000}},
	};
	size_t i;
	int c;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		for (c = 0; c < BHXH_CATEGORY_COUNT; c++) {
			bhxh_request_t r = req(t[i].d, t[i].floor, 1, (enum bhxh_category)c);
			bhxh_quote_t q = quote_ok(&r);
			assert_int_equal(q.floor, t[i].floor);
			assert_int_equal(q.poverty_line, t[i].floor);
			assert_int_equal(q.gross, t[i].gross);
			assert_int_equal(q.net, t[i].net[c]);
			assert_int_equal(q.state_support, t[i].gross - t[i].net[c]);
			assert_int_equal(q.rate_bp, 2200);
		}
	}
}

/* Every category by name and on a full quote: support share and amounts
 * on 2025-08-01 at 2,000,000 for 3 months. */
static void bhxh_every_category(void **state)
{
	static const struct {
		enum bhxh_category c;
		const char *name;
		int32_t bp_old, bp_new;
		money_t support_new;
	} t[] = {
		{BHXH_POOR, "poor", 3000, 5000, 165000},
		{BHXH_NEAR_POOR, "near_poor", 2500, 4000, 132000},
		{BHXH_ETHNIC_MINORITY, "ethnic_minority", 1000, 3000, 99000},
		{BHXH_ISLAND, "island", 1000, 5000, 165000},
		{BHXH_OTHER, "other", 1000, 2000, 66000},
	};
	enum bhxh_category c = BHXH_OTHER;
	size_t i;
	(void)state;
	assert_int_equal(sizeof t / sizeof t[0], BHXH_CATEGORY_COUNT);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		bhxh_request_t r;
		bhxh_quote_t q;
		assert_string_equal(bhxh_category_name(t[i].c), t[i].name);
		assert_true(bhxh_category_parse(t[i].name, &c));
		assert_int_equal(c, t[i].c);
		r = req(D(2025, 8, 1), 2000000, 3, t[i].c);
		q = quote_ok(&r);
		assert_int_equal(q.support_bp, t[i].bp_new);
		assert_int_equal(q.gross, 440000);
		assert_int_equal(q.state_support, t[i].support_new);
		assert_int_equal(q.net, 440000 - t[i].support_new);
		assert_int_equal(q.total_gross, 1320000);
		assert_int_equal(q.total_state_support, 3 * t[i].support_new);
		assert_int_equal(q.total_net, 3 * (440000 - t[i].support_new));
		assert_int_equal(q.supported_months, 3);
		r.date = D(2025, 6, 30);
		q = quote_ok(&r);
		assert_int_equal(q.support_bp, t[i].bp_old);
	}
	assert_string_equal(bhxh_category_name(BHXH_CATEGORY_COUNT), "");
	assert_string_equal(bhxh_category_name((enum bhxh_category)-1), "");
	c = BHXH_POOR;
	assert_false(bhxh_category_parse("Poor", &c));
	assert_false(bhxh_category_parse("", &c));
	assert_false(bhxh_category_parse("poor ", &c));
	assert_false(bhxh_category_parse("student", &c));
	assert_false(bhxh_category_parse(NULL, &c));
	assert_int_equal(c, BHXH_POOR);
}

/* Rounding: the gross is rounded once, half up; the support depends on
 * the poverty line only, never on the income. */
static void bhxh_rounds_once_half_up(void **state)
{
	static const struct { money_t income, gross; } t[] = {
		{1500001, 330000}, /* 330,000.22 */
		{1500002, 330000}, /* 330,000.44 */
		{1500003, 330001}, /* 330,000.66 */
		{1500025, 330006}, /* 330,005.5: half up */
		{1500075, 330017}, /* 330,016.5 */
		{1523456, 335160}, /* 335,160.32 */
		{46799999, 10296000}, /* 10,295,999.78 */
		{46800000, 10296000},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		bhxh_request_t r = req(D(2025, 1, 1), t[i].income, 12, BHXH_NEAR_POOR);
		bhxh_quote_t q = quote_ok(&r);
		assert_int_equal(q.gross, t[i].gross);
		assert_int_equal(q.state_support, 82500);
		assert_int_equal(q.net, t[i].gross - 82500);
		assert_int_equal(q.total_gross, 12 * t[i].gross);
		assert_int_equal(q.total_net, 12 * (t[i].gross - 82500));
	}
}

/* ---- BHXH: the days of change ------------------------------------------- */

/* Base salary 2019-07-01 (ceiling 27.8M → 29.8M). */
static void bhxh_change_2019_07_01(void **state)
{
	bhxh_request_t r = req(D(2019, 6, 30), 29800000, 1, BHXH_OTHER);
	err_t e;
	(void)state;
	e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH);
	assert_contains(e.vi, "27.800.000 đ");
	assert_contains(e.en, "27.800.000 đ");
	r.income = 27800000;
	assert_int_equal(quote_ok(&r).ceiling, 27800000);
	assert_int_equal(quote_ok(&r).gross, 6116000);
	assert_int_equal(quote_ok(&r).base_salary, 1390000);
	r.date = D(2019, 7, 1);
	r.income = 29800000;
	assert_int_equal(quote_ok(&r).ceiling, 29800000);
	assert_int_equal(quote_ok(&r).gross, 6556000);
	assert_int_equal(quote_ok(&r).net, 6556000 - 15400);
	r.income = 29800001;
	e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH);
	assert_contains(e.vi, "29.800.000 đ");
}

/* Poverty line 2022-01-01 (floor 700,000 → 1,500,000). */
static void bhxh_change_2022_01_01(void **state)
{
	bhxh_request_t r = req(D(2021, 12, 31), 700000, 1, BHXH_POOR);
	err_t e;
	(void)state;
	assert_int_equal(quote_ok(&r).net, 107800);
	r.income = 699999;
	e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
	assert_string_equal(e.vi, "Thu nhập 699.999 đ thấp hơn mức tối thiểu 700.000 đ (chuẩn hộ nghèo nông thôn)");
	r.income = 1500000;
	assert_int_equal(quote_ok(&r).net, 330000 - 46200);
	r.date = D(2022, 1, 1);
	assert_int_equal(quote_ok(&r).net, 231000);
	r.income = 700000;
	e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
	assert_string_equal(e.vi, "Thu nhập 700.000 đ thấp hơn mức tối thiểu 1.500.000 đ (chuẩn hộ nghèo nông thôn)");
	assert_string_equal(e.en, "income 700.000 đ is below the minimum 1.500.000 đ (the rural poverty line)");
}

/* Base salary 2023-07-01 (ceiling 29.8M → 36M). */
static void bhxh_change_2023_07_01(void **state)
{
	(void)state;
	assert_int_equal(ceiling_on(D(2023, 6, 30)), 29800000);
	assert_int_equal(ceiling_on(D(2023, 7, 1)), 36000000);
	{
		bhxh_request_t r = req(D(2023, 6, 30), 36000000, 1, BHXH_OTHER);
		err_t e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH);
		assert_contains(e.en, "29.800.000 đ");
		r.date = D(2023, 7, 1);
		assert_int_equal(quote_ok(&r).gross, 7920000);
		assert_int_equal(quote_ok(&r).net, 7920000 - 33000);
	}
}

/* Base salary 2024-07-01 (ceiling 36M → 46.8M). */
static void bhxh_change_2024_07_01(void **state)
{
	(void)state;
	assert_int_equal(ceiling_on(D(2024, 6, 30)), 36000000);
	assert_int_equal(ceiling_on(D(2024, 7, 1)), 46800000);
	{
		bhxh_request_t r = req(D(2024, 6, 30), 46800000, 1, BHXH_OTHER);
		err_t e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH);
		assert_contains(e.vi, "36.000.000 đ");
		r.date = D(2024, 7, 1);
		assert_int_equal(quote_ok(&r).gross, 10296000);
	}
}

/* Support regime 2025-07-01 (NĐ 134/2015 → NĐ 159/2025): every category
 * the day before and the day of. */
static void bhxh_change_2025_07_01(void **state)
{
	static const money_t before[] = {231000, 247500, 297000, 297000, 297000};
	static const money_t after[] = {165000, 198000, 231000, 165000, 264000};
	int c;
	(void)state;
	for (c = 0; c < BHXH_CATEGORY_COUNT; c++) {
		assert_int_equal(net_at(D(2025, 6, 30), 1500000, (enum bhxh_category)c), before[c]);
		assert_int_equal(net_at(D(2025, 7, 1), 1500000, (enum bhxh_category)c), after[c]);
	}
	assert_int_equal(ceiling_on(D(2025, 6, 30)), 46800000);
	assert_int_equal(ceiling_on(D(2025, 7, 1)), 46800000);
}

/* Base salary 2026-07-01 (ceiling 46.8M → 50.6M). */
static void bhxh_change_2026_07_01(void **state)
{
	bhxh_request_t r = req(D(2026, 6, 30), 50600000, 12, BHXH_POOR);
	err_t e;
	bhxh_quote_t q;
	(void)state;
	e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH);
	assert_string_equal(e.vi, "Thu nhập 50.600.000 đ cao hơn mức tối đa 46.800.000 đ (20 lần lương cơ sở 2.340.000 đ)");
	assert_string_equal(e.en, "income 50.600.000 đ is above the maximum 46.800.000 đ (20 × the base salary 2.340.000 đ)");
	r.date = D(2026, 7, 1);
	q = quote_ok(&r);
	assert_int_equal(q.ceiling, 50600000);
	assert_int_equal(q.base_salary, 2530000);
	assert_int_equal(q.gross, 11132000);
	assert_int_equal(q.state_support, 165000);
	assert_int_equal(q.net, 10967000);
	assert_int_equal(q.total_gross, 133584000);
	assert_int_equal(q.total_state_support, 1980000);
	assert_int_equal(q.total_net, 131604000);
	r.income = 50600001;
	e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH);
	assert_contains(e.vi, "50.600.000 đ");
	assert_contains(e.en, "50.600.000 đ");
}

/* Poverty line 2027-01-01 (NĐ 351/2025: 1,500,000 → 2,200,000): the
 * floor and the base of the support both move; 2026-12-31 still quotes
 * at the old floor. */
static void bhxh_change_2027_01_01(void **state)
{
	static const struct { enum bhxh_category c; money_t support; } t[] = {
		{BHXH_POOR, 242000}, {BHXH_NEAR_POOR, 193600}, {BHXH_ETHNIC_MINORITY, 145200},
		{BHXH_ISLAND, 242000}, {BHXH_OTHER, 96800},
	};
	bhxh_request_t r;
	bhxh_quote_t q;
	err_t e;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		r = req(D(2027, 1, 15), 2200000, 1, t[i].c);
		q = quote_ok(&r);
		assert_int_equal(q.floor, 2200000);
		assert_int_equal(q.poverty_line, 2200000);
		assert_int_equal(q.gross, 484000);
		assert_int_equal(q.state_support, t[i].support);
		assert_int_equal(q.net, 484000 - t[i].support);
		assert_int_equal(q.total_gross, 484000);
		assert_int_equal(q.total_state_support, t[i].support);
	}
	r = req(D(2027, 1, 15), 2199999, 1, BHXH_OTHER);
	e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
	assert_string_equal(e.vi, "Thu nhập 2.199.999 đ thấp hơn mức tối thiểu 2.200.000 đ (chuẩn hộ nghèo nông thôn)");
	assert_string_equal(e.en, "income 2.199.999 đ is below the minimum 2.200.000 đ (the rural poverty line)");
	assert_int_equal(err_exit_status(e.code), 2);
	r.date = D(2027, 1, 1);
	quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
	/* the last day of 2026: the 1,500,000 floor, 330,000 gross */
	r = req(D(2026, 12, 31), 1500000, 1, BHXH_POOR);
	q = quote_ok(&r);
	assert_int_equal(q.floor, 1500000);
	assert_int_equal(q.gross, 330000);
	assert_int_equal(q.state_support, 165000);
	r.income = 1499999;
	quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
	/* 12 months paid on 2027-01-15 at the floor: 5,808,000 gross */
	r = req(D(2027, 1, 15), 2200000, 12, BHXH_NEAR_POOR);
	q = quote_ok(&r);
	assert_int_equal(q.total_gross, 5808000);
	assert_int_equal(q.total_state_support, 2323200);
	assert_int_equal(q.total_net, 3484800);
}

/* ---- BHXH: refusals ------------------------------------------------------ */

/* Income below the floor, above the ceiling, months, category,
 * supported_before, province: PO_EINVAL naming the field, exit status 2;
 * parameters missing: PO_ENOTFOUND. */
static void bhxh_refusals(void **state)
{
	bhxh_request_t r;
	err_t e;
	static const int bad_months[] = {0, 2, 4, 5, 7, 11, 13, 24, -1, 60};
	size_t i;
	(void)state;

	r = req(D(2025, 8, 1), 1499999, 1, BHXH_OTHER);
	e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
	assert_string_equal(e.vi, "Thu nhập 1.499.999 đ thấp hơn mức tối thiểu 1.500.000 đ (chuẩn hộ nghèo nông thôn)");
	assert_string_equal(e.en, "income 1.499.999 đ is below the minimum 1.500.000 đ (the rural poverty line)");
	assert_int_equal(err_exit_status(e.code), 2);
	r.income = 0;
	quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
	r.income = -1500000;
	e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
	assert_contains(e.vi, "-1.500.000 đ");
	r.income = INT64_MIN;
	quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);

	r.income = 46800001;
	e = quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH);
	assert_contains(e.vi, "46.800.000 đ");
	assert_int_equal(err_exit_status(e.code), 2);
	r.income = MONEY_MAX;
	quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH);
	r.income = INT64_MAX;
	quote_refused(&r, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH);

	r = req(D(2025, 8, 1), 1500000, 2, BHXH_OTHER);
	e = quote_refused(&r, PO_EINVAL, "months", MSG_RULES_BHXH_MONTHS);
	assert_string_equal(e.en, "months must be 1, 3, 6 or 12, not 2");
	assert_string_equal(e.vi, "Số tháng đóng phải là 1, 3, 6 hoặc 12, không phải 2");
	for (i = 0; i < sizeof bad_months / sizeof bad_months[0]; i++) {
		r.months = bad_months[i];
		quote_refused(&r, PO_EINVAL, "months", MSG_RULES_BHXH_MONTHS);
	}

	r = req(D(2025, 8, 1), 1500000, 1, BHXH_CATEGORY_COUNT);
	e = quote_refused(&r, PO_EINVAL, "category", MSG_RULES_CATEGORY);
	assert_contains(e.en, "(5)");
	r.category = (enum bhxh_category)-1;
	quote_refused(&r, PO_EINVAL, "category", MSG_RULES_CATEGORY);
	r.category = (enum bhxh_category)1000;
	quote_refused(&r, PO_EINVAL, "category", MSG_RULES_CATEGORY);

	r = req(D(2025, 8, 1), 1500000, 1, BHXH_OTHER);
	r.supported_before = -1;
	e = quote_refused(&r, PO_EINVAL, "supported_before", MSG_RULES_SUPPORTED_BEFORE);
	assert_contains(e.en, "(-1)");

	r = req(D(2025, 8, 1), 1500000, 1, BHXH_OTHER);
	memcpy(r.province, "8", 2);
	quote_refused(&r, PO_EINVAL, "province", MSG_RULES_PROVINCE);
	memcpy(r.province, "8a", 3);
	quote_refused(&r, PO_EINVAL, "province", MSG_RULES_PROVINCE);
	memcpy(r.province, "841", 3); /* no NUL */
	quote_refused(&r, PO_EINVAL, "province", MSG_RULES_PROVINCE);

	/* the request is checked before the parameters are read */
	r = req(D(2010, 1, 1), 1500000, 2, BHXH_OTHER);
	quote_refused(&r, PO_EINVAL, "months", MSG_RULES_BHXH_MONTHS);
	/* no parameters on the date */
	r = req(D(2018, 6, 30), 1500000, 1, BHXH_OTHER);
	e = quote_refused(&r, PO_ENOTFOUND, "base_salary", MSG_RULES_PARAM_MISSING);
	assert_int_equal(err_exit_status(e.code), 2);
	assert_string_equal(e.en, "no parameter base_salary recorded for 2018-06-30");
}

/* A parameter outside its sane range is a broken table: PO_EINVAL
 * naming the parameter ("không hợp lệ"; 422 / exit 2, never a 500),
 * never an overflow. */
static void bhxh_refuses_broken_parameters(void **state)
{
	bhxh_request_t r = req(D(2030, 1, 1), 1500000, 1, BHXH_OTHER);
	err_t e;
	(void)state;
	fx_add(P_BHXH_RATE, "", D(2030, 1, 1), 10001);
	e = quote_refused(&r, PO_EINVAL, "bhxh_rate_bp", MSG_RULES_PARAM_RANGE);
	assert_string_equal(e.en, "parameter bhxh_rate_bp in force on 2030-01-01 is invalid: the value 10001 is outside the allowed range 0..10000 (an administrator must correct the parameter table)");
	fx_legal();
	fx_add(P_POVERTY_LINE, "", D(2030, 1, 1), 10000000001LL);
	quote_refused(&r, PO_EINVAL, "poverty_line_rural", MSG_RULES_PARAM_RANGE);
	fx_legal();
	fx_add(P_BASE_SALARY, "", D(2030, 1, 1), 0);
	e = quote_refused(&r, PO_EINVAL, "base_salary", MSG_RULES_PARAM_RANGE);
	assert_int_equal(err_exit_status(e.code), 2);
	assert_contains(e.vi, "Tham số base_salary áp dụng cho ngày 2030-01-01 không hợp lệ: giá trị 0,");
	fx_legal();
	fx_add(P_BHXH_SUPPORT, "other", D(2030, 1, 1), -1);
	e = quote_refused(&r, PO_EINVAL, "bhxh_support_bp", MSG_RULES_PARAM_KEY_RANGE);
	assert_string_equal(e.vi, "Tham số bhxh_support_bp (khóa \"other\") áp dụng cho ngày 2030-01-01 không hợp lệ: giá trị -1, ngoài khoảng cho phép 0..10000 (quản trị viên cần sửa bảng tham số)");
	fx_legal();
	fx_add(P_BHXH_CEILING, "", D(2030, 1, 1), 1001);
	quote_refused(&r, PO_EINVAL, "bhxh_ceiling_factor", MSG_RULES_PARAM_RANGE);
	fx_legal();
	fx_add(P_BHXH_LOCAL, "84", D(2030, 1, 1), 20000);
	memcpy(r.province, "84", 3);
	quote_refused(&r, PO_EINVAL, "bhxh_local_support_bp", MSG_RULES_PARAM_KEY_RANGE);
	fx_legal();
	/* at the bounds: fine */
	fx_add(P_POVERTY_LINE, "", D(2030, 1, 1), 10000000000LL);
	fx_add(P_BASE_SALARY, "", D(2030, 1, 1), 10000000000LL);
	fx_add(P_BHXH_CEILING, "", D(2030, 1, 1), 1000);
	fx_add(P_BHXH_RATE, "", D(2030, 1, 1), 10000);
	fx_add(P_BHXH_SUPPORT, "other", D(2030, 1, 1), 10000);
	r = req(D(2030, 1, 1), 10000000000000LL, 12, BHXH_OTHER);
	{
		bhxh_quote_t q = quote_ok(&r);
		assert_int_equal(q.gross, 10000000000000LL);
		assert_int_equal(q.state_support, 10000000000LL);
		assert_int_equal(q.total_net, 12 * (10000000000000LL - 10000000000LL));
	}
}

/* ---- BHXH: the 120-month cap and local support ------------------------- */

/* State support for at most 120 months in all: supported_before 115 with
 * 12 months gives 5, 119 gives 1, 120 and more give 0. */
static void bhxh_support_cap_120_months(void **state)
{
	static const struct { int before, months, supported; } t[] = {
		{0, 12, 12}, {108, 12, 12}, {109, 12, 11}, {115, 12, 5}, {119, 12, 1},
		{120, 12, 0}, {121, 12, 0}, {1000000, 12, 0}, {2147483647, 12, 0},
		{117, 3, 3}, {118, 3, 2}, {119, 1, 1}, {120, 1, 0}, {116, 6, 4},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		bhxh_request_t r = req(D(2025, 8, 1), 2000000, t[i].months, BHXH_POOR);
		bhxh_quote_t q;
		r.supported_before = t[i].before;
		q = quote_ok(&r);
		assert_int_equal(q.supported_months, t[i].supported);
		/* the monthly amounts do not change, only the totals */
		assert_int_equal(q.gross, 440000);
		assert_int_equal(q.state_support, 165000);
		assert_int_equal(q.net, 275000);
		assert_int_equal(q.total_gross, 440000 * t[i].months);
		assert_int_equal(q.total_state_support, 165000 * t[i].supported);
		assert_int_equal(q.total_net, 440000 * t[i].months - 165000 * t[i].supported);
	}
	{
		bhxh_request_t r = req(D(2025, 8, 1), 1500000, 12, BHXH_OTHER);
		r.supported_before = 115;
		bhxh_quote_t q = quote_ok(&r);
		assert_int_equal(q.total_net, 12 * 330000 - 5 * 66000);
	}
}

/* Local support: per province, a percentage of 22% × poverty line, zero
 * when no row; it is not capped at 120 months; the two supports together
 * never exceed the gross. */
static void bhxh_local_support(void **state)
{
	bhxh_request_t r = req(D(2025, 8, 1), 1500000, 12, BHXH_OTHER);
	bhxh_quote_t q;
	(void)state;
	fx_add(P_BHXH_LOCAL, "84", D(2024, 1, 1), 1000);
	fx_add(P_BHXH_LOCAL, "86", D(2025, 1, 1), 9000);
	memcpy(r.province, "84", 3);
	q = quote_ok(&r);
	assert_int_equal(q.local_bp, 1000);
	assert_int_equal(q.gross, 330000);
	assert_int_equal(q.state_support, 66000);
	assert_int_equal(q.local_support, 33000);
	assert_int_equal(q.net, 231000);
	assert_int_equal(q.total_local_support, 396000);
	assert_int_equal(q.total_net, 12 * 231000);
	/* the cap applies to state support only */
	r.supported_before = 120;
	q = quote_ok(&r);
	assert_int_equal(q.supported_months, 0);
	assert_int_equal(q.total_state_support, 0);
	assert_int_equal(q.total_local_support, 396000);
	assert_int_equal(q.total_net, 12 * 330000 - 396000);
	/* near-poor on the first day of the local row */
	r = req(D(2024, 1, 1), 2000000, 1, BHXH_NEAR_POOR);
	memcpy(r.province, "84", 3);
	q = quote_ok(&r);
	assert_int_equal(q.local_support, 33000);
	assert_int_equal(q.net, 440000 - 82500 - 33000);
	/* before the row: none */
	r.date = D(2023, 12, 31);
	q = quote_ok(&r);
	assert_int_equal(q.local_support, 0);
	assert_int_equal(q.local_bp, 0);
	/* no row for the province, or none given: none */
	r.date = D(2025, 8, 1);
	memcpy(r.province, "83", 3);
	assert_int_equal(quote_ok(&r).local_support, 0);
	r.province[0] = '\0';
	assert_int_equal(quote_ok(&r).local_support, 0);
	/* poor 50% + local 90%: capped at the gross, net 0 */
	r = req(D(2025, 8, 1), 1500000, 6, BHXH_POOR);
	memcpy(r.province, "86", 3);
	q = quote_ok(&r);
	assert_int_equal(q.state_support, 165000);
	assert_int_equal(q.local_support, 165000);
	assert_int_equal(q.net, 0);
	assert_int_equal(q.total_net, 0);
	/* at a higher income the full local share fits */
	r.income = 5000000;
	q = quote_ok(&r);
	assert_int_equal(q.local_support, 297000);
	assert_int_equal(q.net, 1100000 - 165000 - 297000);
}

/* ---- BHYT ---------------------------------------------------------------- */

/* Every line of the shared BHYT vectors. */
static void bhyt_vectors(void **state)
{
	static const struct {
		date_t d;
		int members, months, first;
		money_t amounts[5], total;
	} v[] = {
		{{2025, 1, 10, false}, 5, 12, 1, {1263600, 884520, 758160, 631800, 505440}, 4043520},
		{{2025, 1, 10, false}, 1, 3, 1, {315900}, 315900},
		{{2026, 9, 1, false}, 1, 12, 1, {1366200}, 1366200},
	};
	static bhyt_quote_t q;
	size_t i;
	int k;
	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		bhyt_request_t r = hreq(v[i].d, v[i].members, v[i].months, v[i].first);
		hquote_ok(&r, &q);
		assert_int_equal(q.n, v[i].members);
		for (k = 0; k < v[i].members; k++)
			assert_int_equal(q.person[k].amount, v[i].amounts[k]);
		assert_int_equal(q.total, v[i].total);
	}
}

/* RULES.md §3: annual amounts for both base salaries and all 5 ordinals
 * (and the 6th, 7th … pay as the 5th). */
static void bhyt_annual_table(void **state)
{
	static const struct {
		date_t d;
		money_t base, annual[5];
		int32_t tier[5];
	} t[] = {
		{{2024, 7, 1, false}, 2340000, {1263600, 884520, 758160, 631800, 505440}, {10000, 7000, 6000, 5000, 4000}},
		{{2026, 7, 1, false}, 2530000, {1366200, 956340, 819720, 683100, 546480}, {10000, 7000, 6000, 5000, 4000}},
	};
	static bhyt_quote_t q;
	size_t i;
	int k;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		bhyt_request_t r = hreq(t[i].d, 7, 12, 1);
		money_t sum = 0;
		hquote_ok(&r, &q);
		assert_int_equal(q.n, 7);
		assert_int_equal(q.base_salary, t[i].base);
		assert_int_equal(q.rate_bp, 450);
		for (k = 0; k < 7; k++) {
			int tk = k < 5 ? k : 4;
			assert_int_equal(q.person[k].ordinal, k + 1);
			assert_int_equal(q.person[k].tier_bp, t[i].tier[tk]);
			assert_int_equal(q.person[k].amount, t[i].annual[tk]);
			assert_int_equal(q.person[k].monthly * 12, t[i].annual[tk]);
			sum += t[i].annual[tk];
		}
		assert_int_equal(q.total, sum);
		/* person entries beyond n are zero */
		assert_int_equal(q.person[7].amount, 0);
		assert_int_equal(q.person[BHYT_MEMBERS_MAX - 1].ordinal, 0);
		/* one at a time, by ordinal */
		for (k = 1; k <= 5; k++)
			assert_int_equal(bhyt_monthly(t[i].d, k) * 12, t[i].annual[k - 1]);
		assert_int_equal(bhyt_monthly(t[i].d, 6) * 12, t[i].annual[4]);
		assert_int_equal(bhyt_monthly(t[i].d, 1000) * 12, t[i].annual[4]);
	}
}

/* BHYT on the day before and the day of each base salary change; later
 * ordinals joining an existing household; 3 and 6 months. */
static void bhyt_changes_and_periods(void **state)
{
	static const struct { date_t before, on; money_t m_before[5], m_on[5]; } t[] = {
		{{2019, 6, 30, false}, {2019, 7, 1, false},
		 {62550, 43785, 37530, 31275, 25020}, {67050, 46935, 40230, 33525, 26820}},
		{{2023, 6, 30, false}, {2023, 7, 1, false},
		 {67050, 46935, 40230, 33525, 26820}, {81000, 56700, 48600, 40500, 32400}},
		{{2024, 6, 30, false}, {2024, 7, 1, false},
		 {81000, 56700, 48600, 40500, 32400}, {105300, 73710, 63180, 52650, 42120}},
		{{2026, 6, 30, false}, {2026, 7, 1, false},
		 {105300, 73710, 63180, 52650, 42120}, {113850, 79695, 68310, 56925, 45540}},
	};
	static bhyt_quote_t q;
	size_t i;
	int k;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		for (k = 1; k <= 5; k++) {
			assert_int_equal(bhyt_monthly(t[i].before, k), t[i].m_before[k - 1]);
			assert_int_equal(bhyt_monthly(t[i].on, k), t[i].m_on[k - 1]);
		}
	{
		/* members 3 to 6 of a household joining on 2025-03-01 for 6 months */
		bhyt_request_t r = hreq(D(2025, 3, 1), 4, 6, 3);
		hquote_ok(&r, &q);
		assert_int_equal(q.n, 4);
		assert_int_equal(q.person[0].ordinal, 3);
		assert_int_equal(q.person[0].amount, 6 * 63180);
		assert_int_equal(q.person[1].amount, 6 * 52650);
		assert_int_equal(q.person[2].amount, 6 * 42120);
		assert_int_equal(q.person[3].ordinal, 6);
		assert_int_equal(q.person[3].amount, 6 * 42120);
		assert_int_equal(q.total, 6 * (63180 + 52650 + 42120 + 42120));
		/* 50 members, 3 months */
		r = hreq(D(2025, 3, 1), 50, 3, 1);
		hquote_ok(&r, &q);
		assert_int_equal(q.n, 50);
		assert_int_equal(q.person[49].ordinal, 50);
		assert_int_equal(q.total, 3 * (105300 + 73710 + 63180 + 52650 + 46 * 42120));
	}
}

/* Members, months and first_ordinal out of bounds; parameters missing. */
static void bhyt_refusals(void **state)
{
	static const int bad_months[] = {0, 1, 2, 4, 5, 7, 9, 11, 13, 24, -3};
	bhyt_request_t r;
	static bhyt_quote_t q;
	err_t e;
	size_t i;
	(void)state;
	r = hreq(D(2025, 1, 10), 0, 12, 1);
	hquote_refused(&r, "members", MSG_RULES_BHYT_MEMBERS);
	r.members = -1;
	hquote_refused(&r, "members", MSG_RULES_BHYT_MEMBERS);
	r.members = BHYT_MEMBERS_MAX + 1;
	hquote_refused(&r, "members", MSG_RULES_BHYT_MEMBERS);
	r.members = BHYT_MEMBERS_MAX;
	hquote_ok(&r, &q);
	r = hreq(D(2025, 1, 10), 1, 12, 1);
	for (i = 0; i < sizeof bad_months / sizeof bad_months[0]; i++) {
		r.months = bad_months[i];
		hquote_refused(&r, "months", MSG_RULES_BHYT_MONTHS);
	}
	r = hreq(D(2025, 1, 10), 1, 12, 0);
	hquote_refused(&r, "first_ordinal", MSG_RULES_BHYT_ORDINAL);
	r.first_ordinal = -5;
	hquote_refused(&r, "first_ordinal", MSG_RULES_BHYT_ORDINAL);
	r.first_ordinal = 1001;
	hquote_refused(&r, "first_ordinal", MSG_RULES_BHYT_ORDINAL);
	r.first_ordinal = 1000;
	r.members = 50;
	hquote_ok(&r, &q);
	assert_int_equal(q.person[49].ordinal, 1049);
	/* parameters */
	r = hreq(D(2018, 6, 30), 1, 12, 1);
	err_clear(&e);
	assert_int_equal(bhyt_quote(&fx.p, &r, &q, &e), PO_ENOTFOUND);
	assert_string_equal(e.field, "base_salary");
	fx_add(P_BHYT_RATE, "", D(2030, 1, 1), 10001);
	r = hreq(D(2030, 1, 1), 1, 12, 1);
	assert_int_equal(bhyt_quote(&fx.p, &r, &q, &e), PO_EINVAL);
	assert_string_equal(e.field, "bhyt_rate_bp");
	fx_legal();
	/* only the tiers needed are read: a missing tier 5 matters only from
	 * the 5th member on */
	{
		size_t j;
		for (j = 0; j < fx.p.n; j++)
			if (strcmp(fx.rows[j].family, P_BHYT_TIER) == 0 && strcmp(fx.rows[j].key, "5") == 0)
				fx.rows[j].key[0] = '9';
		params_sort(&fx.p);
		r = hreq(D(2025, 1, 10), 4, 12, 1);
		hquote_ok(&r, &q);
		r.members = 5;
		err_clear(&e);
		assert_int_equal(bhyt_quote(&fx.p, &r, &q, &e), PO_ENOTFOUND);
		assert_string_equal(e.en, "no parameter bhyt_tier_bp (key \"5\") recorded for 2025-01-10");
	}
}

/* ---- properties --------------------------------------------------------- */

#define PROPERTY_RUNS 200000

/* Over many pseudo-random requests from 2018-07-01 to 2027-12-31: net =
 * gross − supports, supports within the gross, the totals as specified,
 * the amounts as computed independently here, and monotone in income. */
static void bhxh_properties(void **state)
{
	static const int months_of[] = {1, 3, 6, 12};
	int run;
	(void)state;
	rng_state = 20250701;
	fx_add(P_BHXH_LOCAL, "84", D(2024, 1, 1), 700);
	for (run = 0; run < PROPERTY_RUNS; run++) {
		date_t d = date_add_days(D(2018, 7, 1), (int32_t)rng_in(0, 3470));
		int64_t pl = 0, base = 0, share = 0, local_share = 0;
		money_t ceiling, income, income2, exp_gross, exp_state, exp_local;
		bhxh_request_t r, r2;
		bhxh_quote_t q, q2;
		int supported;
		assert_int_equal(params_get(&fx.p, P_POVERTY_LINE, "", d, &pl, NULL), PO_OK);
		assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", d, &base, NULL), PO_OK);
		ceiling = 20 * base;
		switch (rng() % 4) { /* favour the bounds */
		case 0: income = pl + rng_in(0, 100); break;
		case 1: income = ceiling - rng_in(0, 100); break;
		default: income = rng_in(pl, ceiling); break;
		}
		r = req(d, income, months_of[rng() % 4], (enum bhxh_category)(rng() % BHXH_CATEGORY_COUNT));
		r.supported_before = (int)rng_in(0, 140);
		if (rng() % 3 == 0)
			memcpy(r.province, "84", 3);
		q = quote_ok(&r);
		assert_int_equal(params_get(&fx.p, P_BHXH_SUPPORT, bhxh_category_name(r.category), d,
					    &share, NULL), PO_OK);
		if (r.province[0])
			(void)params_get(&fx.p, P_BHXH_LOCAL, "84", d, &local_share, NULL);
		/* independently: 22% rounded half up; supports of 22% × pl */
		exp_gross = (income * 22 + 50) / 100;
		exp_state = (pl * 22 * share + 500000) / 1000000;
		exp_local = (pl * 22 * local_share + 500000) / 1000000;
		assert_int_equal(q.gross, exp_gross);
		assert_int_equal(q.state_support, exp_state);
		assert_int_equal(q.local_support, exp_local);
		assert_int_equal(q.floor, pl);
		assert_int_equal(q.ceiling, ceiling);
		/* structure */
		assert_int_equal(q.net, q.gross - q.state_support - q.local_support);
		assert_true(q.state_support >= 0 && q.local_support >= 0);
		assert_true(q.state_support + q.local_support <= q.gross);
		assert_true(q.net >= 0);
		supported = 120 - r.supported_before;
		if (supported < 0)
			supported = 0;
		if (supported > r.months)
			supported = r.months;
		assert_int_equal(q.supported_months, supported);
		assert_int_equal(q.total_gross, q.gross * r.months);
		assert_int_equal(q.total_state_support, q.state_support * supported);
		assert_int_equal(q.total_local_support, q.local_support * r.months);
		assert_int_equal(q.total_net, q.total_gross - q.total_state_support - q.total_local_support);
		assert_true(q.total_net >= q.net * r.months);
		/* monotone in income: a higher income on the same day, same
		 * category, months and support history */
		income2 = rng_in(0, 3);
		income2 = income + income2 * rng_in(1, 1000000);
		if (income2 > ceiling)
			income2 = ceiling;
		r2 = r;
		r2.income = income2;
		q2 = quote_ok(&r2);
		assert_true(q2.gross >= q.gross);
		assert_true(q2.net >= q.net);
		assert_true(q2.total_gross >= q.total_gross);
		assert_true(q2.total_net >= q.total_net);
		assert_int_equal(q2.state_support, q.state_support);
		assert_int_equal(q2.local_support, q.local_support);
		/* just outside the bounds: refused */
		r2.income = pl - 1 - rng_in(0, 1000);
		quote_refused(&r2, PO_EINVAL, "income", MSG_RULES_INCOME_LOW);
		r2.income = ceiling + 1 + rng_in(0, 1000);
		quote_refused(&r2, PO_EINVAL, "income", MSG_RULES_INCOME_HIGH);
	}
}

/* Monthly gross never decreases as the income rises by one dong, over a
 * whole range from the floor (and each step is 0 or 1 dong). */
static void bhxh_gross_is_monotone_step_by_step(void **state)
{
	bhxh_request_t r = req(D(2025, 8, 1), 1500000, 1, BHXH_OTHER);
	money_t prev = 0, income;
	(void)state;
	for (income = 1500000; income <= 1520000; income++) {
		money_t g;
		r.income = income;
		g = quote_ok(&r).gross;
		if (income > 1500000)
			assert_true(g == prev || g == prev + 1);
		prev = g;
	}
	assert_int_equal(prev, 334400);
}

/* BHYT over many pseudo-random requests: amount = monthly × months, total
 * = Σ amounts, monthly as computed here, never increasing with the
 * ordinal, the ordinals consecutive. */
static void bhyt_properties(void **state)
{
	static const int months_of[] = {3, 6, 12};
	static const int64_t tiers[] = {10000, 7000, 6000, 5000, 4000};
	static bhyt_quote_t q;
	int run, i;
	(void)state;
	rng_state = 105;
	for (run = 0; run < PROPERTY_RUNS / 4; run++) {
		date_t d = date_add_days(D(2018, 7, 1), (int32_t)rng_in(0, 3470));
		bhyt_request_t r = hreq(d, (int)rng_in(1, BHYT_MEMBERS_MAX), months_of[rng() % 3],
					(int)rng_in(1, rng() % 2 ? 6 : 1000));
		int64_t base = 0;
		money_t sum = 0;
		hquote_ok(&r, &q);
		assert_int_equal(params_get(&fx.p, P_BASE_SALARY, "", d, &base, NULL), PO_OK);
		assert_int_equal(q.n, r.members);
		assert_int_equal(q.base_salary, base);
		for (i = 0; i < q.n; i++) {
			int k = r.first_ordinal + i;
			int64_t tb = tiers[k >= 5 ? 4 : k - 1];
			assert_int_equal(q.person[i].ordinal, k);
			assert_int_equal(q.person[i].tier_bp, tb);
			assert_int_equal(q.person[i].monthly, (base * 450 * tb + 50000000) / 100000000);
			assert_int_equal(q.person[i].amount, q.person[i].monthly * r.months);
			if (i > 0)
				assert_true(q.person[i].monthly <= q.person[i - 1].monthly);
			sum += q.person[i].amount;
		}
		assert_int_equal(q.total, sum);
	}
}

/* Runs every test; the exit status is the number that failed. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(params_get_picks_the_row_in_force, setup_legal),
		cmocka_unit_test_setup(params_get_reports_what_is_missing, setup_legal),
		cmocka_unit_test_setup(params_sort_makes_input_order_irrelevant, setup_legal),
		cmocka_unit_test(params_get_agrees_with_a_linear_scan),
		cmocka_unit_test_setup(bhxh_vectors, setup_legal),
		cmocka_unit_test_setup(bhxh_net_at_the_floor_table, setup_legal),
		cmocka_unit_test_setup(bhxh_every_category, setup_legal),
		cmocka_unit_test_setup(bhxh_rounds_once_half_up, setup_legal),
		cmocka_unit_test_setup(bhxh_change_2019_07_01, setup_legal),
		cmocka_unit_test_setup(bhxh_change_2022_01_01, setup_legal),
		cmocka_unit_test_setup(bhxh_change_2023_07_01, setup_legal),
		cmocka_unit_test_setup(bhxh_change_2024_07_01, setup_legal),
		cmocka_unit_test_setup(bhxh_change_2025_07_01, setup_legal),
		cmocka_unit_test_setup(bhxh_change_2026_07_01, setup_legal),
		cmocka_unit_test_setup(bhxh_change_2027_01_01, setup_legal),
		cmocka_unit_test_setup(bhxh_refusals, setup_legal),
		cmocka_unit_test_setup(bhxh_refuses_broken_parameters, setup_legal),
		cmocka_unit_test_setup(bhxh_support_cap_120_months, setup_legal),
		cmocka_unit_test_setup(bhxh_local_support, setup_legal),
		cmocka_unit_test_setup(bhyt_vectors, setup_legal),
		cmocka_unit_test_setup(bhyt_annual_table, setup_legal),
		cmocka_unit_test_setup(bhyt_changes_and_periods, setup_legal),
		cmocka_unit_test_setup(bhyt_refusals, setup_legal),
		cmocka_unit_test_setup(bhxh_properties, setup_legal),
		cmocka_unit_test_setup(bhxh_gross_is_monotone_step_by_step, setup_legal),
		cmocka_unit_test_setup(bhyt_properties, setup_legal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
