/* bench_quote.c: quotes per second of bhxh_quote (and some bhyt_quote)
 * on one core, with the legal parameter rows built in code.
 *
 *     bench_quote [N]      N quotes, default 10,000,000
 *
 * The requests (dates 2018-07 .. 2027-12, incomes between floor and
 * ceiling, every category, months 1/3/6/12, some with a province that
 * has local support) are drawn beforehand from a fixed pseudo-random
 * sequence into a pool of REQ_POOL, then quoted round-robin; every 16th
 * quote is a BHYT quote instead.  A checksum of all amounts is printed
 * so the work cannot be optimised away, and it is the same on every run.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules/bhxh.h"
#include "rules/bhyt.h"

#define DEFAULT_N 10000000L
#define REQ_POOL 4096 /* a power of two */
#define BHYT_EVERY 16 /* one quote in BHYT_EVERY is a BHYT quote */

#define ROW(f, k, y, m, d, v) { f, k, { y, m, d, false }, v }

/* The legal rows of RULES.md §1–3 plus one local support row. */
static param_row_t rows[] = {
	ROW("base_salary", "", 2018, 7, 1, 1390000),
	ROW("base_salary", "", 2019, 7, 1, 1490000),
	ROW("base_salary", "", 2023, 7, 1, 1800000),
	ROW("base_salary", "", 2024, 7, 1, 2340000),
	ROW("base_salary", "", 2026, 7, 1, 2530000),
	ROW("poverty_line_rural", "", 2016, 1, 1, 700000),
	ROW("poverty_line_rural", "", 2022, 1, 1, 1500000),
	ROW("bhxh_rate_bp", "", 2018, 1, 1, 2200),
	ROW("bhxh_ceiling_factor", "", 2018, 1, 1, 20),
	ROW("bhxh_support_months_max", "", 2018, 1, 1, 120),
	ROW("bhxh_support_bp", "poor", 2018, 1, 1, 3000),
	ROW("bhxh_support_bp", "poor", 2025, 7, 1, 5000),
	ROW("bhxh_support_bp", "near_poor", 2018, 1, 1, 2500),
	ROW("bhxh_support_bp", "near_poor", 2025, 7, 1, 4000),
	ROW("bhxh_support_bp", "ethnic_minority", 2018, 1, 1, 1000),
	ROW("bhxh_support_bp", "ethnic_minority", 2025, 7, 1, 3000),
	ROW("bhxh_support_bp", "island", 2018, 1, 1, 1000),
	ROW("bhxh_support_bp", "island", 2025, 7, 1, 5000),
	ROW("bhxh_support_bp", "other", 2018, 1, 1, 1000),
	ROW("bhxh_support_bp", "other", 2025, 7, 1, 2000),
	ROW("bhyt_rate_bp", "", 2018, 1, 1, 450),
	ROW("bhyt_tier_bp", "1", 2018, 1, 1, 10000),
	ROW("bhyt_tier_bp", "2", 2018, 1, 1, 7000),
	ROW("bhyt_tier_bp", "3", 2018, 1, 1, 6000),
	ROW("bhyt_tier_bp", "4", 2018, 1, 1, 5000),
	ROW("bhyt_tier_bp", "5", 2018, 1, 1, 4000),
	ROW("bhxh_local_support_bp", "84", 2024, 1, 1, 500),
};

static bhxh_request_t pool[REQ_POOL];
static bhyt_request_t hpool[REQ_POOL];

/* The next value of a fixed xorshift64 sequence. */
static uint64_t next_rand(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* Fills pool and hpool with valid requests; exits on a parameter error. */
static void fill_pools(const params_t *p)
{
	static const int bhxh_months[] = {1, 3, 6, 12};
	static const int bhyt_months[] = {3, 6, 12};
	uint64_t s = 88172645463325252ULL;
	date_t start = {2018, 7, 1, false};
	size_t i;
	for (i = 0; i < REQ_POOL; i++) {
		bhxh_request_t *r = &pool[i];
		bhyt_request_t *h = &hpool[i];
		int64_t floor = 0, base = 0;
		memset(r, 0, sizeof *r);
		r->date = date_add_days(start, (int32_t)(next_rand(&s) % 3470));
		if (params_get(p, P_POVERTY_LINE, "", r->date, &floor, NULL) ||
		    params_get(p, P_BASE_SALARY, "", r->date, &base, NULL)) {
			fprintf(stderr, "bench_quote: parameters missing\n");
			exit(1);
		}
		r->income = floor + (money_t)(next_rand(&s) % (uint64_t)(20 * base - floor + 1));
		r->months = bhxh_months[next_rand(&s) % 4];
		r->category = (enum bhxh_category)(next_rand(&s) % BHXH_CATEGORY_COUNT);
		r->supported_before = (int)(next_rand(&s) % 130);
		if (next_rand(&s) % 4 == 0)
			memcpy(r->province, "84", 3);
		memset(h, 0, sizeof *h);
		h->date = r->date;
		h->members = 1 + (int)(next_rand(&s) % 6);
		h->months = bhyt_months[next_rand(&s) % 3];
		h->first_ordinal = 1 + (int)(next_rand(&s) % 4);
	}
}

/* Seconds on the monotonic clock. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs N quotes (argv[1], default DEFAULT_N) and prints the rate and the
 * checksum.  Exit status 1 when a quote fails or N is not a positive
 * number. */
int main(int argc, char **argv)
{
	params_t p = {rows, sizeof rows / sizeof rows[0]};
	static bhyt_quote_t hq;
	bhxh_quote_t q;
	err_t e;
	long n = DEFAULT_N, i, nbhxh = 0, nbhyt = 0;
	uint64_t sum = 0;
	double t0, t1;
	if (argc > 1) {
		char *end;
		n = strtol(argv[1], &end, 10);
		if (*end || n <= 0) {
			fprintf(stderr, "usage: bench_quote [N]\n");
			return 1;
		}
	}
	params_sort(&p);
	fill_pools(&p);
	t0 = now();
	for (i = 0; i < n; i++) {
		size_t k = (size_t)i & (REQ_POOL - 1);
		if (i % BHYT_EVERY == BHYT_EVERY - 1) {
			if (bhyt_quote(&p, &hpool[k], &hq, &e)) {
				fprintf(stderr, "bench_quote: %s\n", e.en);
				return 1;
			}
			sum = sum * 31 + (uint64_t)hq.total;
			nbhyt++;
		} else {
			if (bhxh_quote(&p, &pool[k], &q, &e)) {
				fprintf(stderr, "bench_quote: %s\n", e.en);
				return 1;
			}
			sum = sum * 31 + (uint64_t)q.total_net + (uint64_t)q.supported_months;
			nbhxh++;
		}
	}
	t1 = now();
	printf("%ld quotes (%ld bhxh, %ld bhyt) in %.3f s: %.0f quotes/s; checksum %016" PRIx64 "\n",
	       n, nbhxh, nbhyt, t1 - t0, (double)n / (t1 - t0), sum);
	return 0;
}
