/* bench_search.c: people search over a database, timed in-process.
 *
 * Usage: bench_search DB [QUERIES] [SEED] [index]
 * Draws QUERIES (default 10,000) random people from DB, makes for each
 * an accentless two-word query from the person's given name and family
 * name ("lan nguyen"), runs people_search with the CLI's default limit,
 * and prints the median, p90, p99 and max latency in microseconds and
 * the mean number of matches.  Queries are built before timing starts.
 * BENCH_LIMIT in the environment sets the limit (default 20);
 * BENCH_MMAP_MIB maps the database file (see store_set_mmap).
 * With "index", the in-memory name index the web server keeps is built
 * first (its build time and size are printed) and answers the queries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/search_index.h"
#include "core/text.h"

/* Monotonic time in nanoseconds. */
static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Orders long longs. */
static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	app_t a = {0};
	err_t e;
	int64_t n = 0;
	int nq = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 10000, i;
	unsigned long long seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 42;
	char (*queries)[128];
	long long *lat, total_hits = 0, *hits;
	int slow[5] = {-1, -1, -1, -1, -1}, k;
	int limit = getenv("BENCH_LIMIT") ? (int)strtol(getenv("BENCH_LIMIT"), NULL, 10) : SEARCH_LIMIT_DEFAULT;
	if (argc < 2 || nq < 1) {
		fprintf(stderr, "usage: bench_search DB [QUERIES] [SEED]\n");
		return 2;
	}
	if (store_open(argv[1], &a.store, &e) || store_people_count(a.store, &n, &e) || n == 0) {
		fprintf(stderr, "bench_search: %s\n", e.en);
		return 1;
	}
	a.actor = "bench";
	a.today = date_today();
	if (getenv("BENCH_MMAP_MIB") && store_set_mmap(a.store, (unsigned)strtoul(getenv("BENCH_MMAP_MIB"), NULL, 10), &e)) {
		fprintf(stderr, "bench_search: %s\n", e.en);
		return 1;
	}
	if (argc > 4 && strcmp(argv[4], "index") == 0) {
		long long t0 = now_ns();
		search_index_t *ix;
		if (search_index_build(a.store, &ix, &e)) {
			fprintf(stderr, "bench_search: index: %s\n", e.en);
			return 1;
		}
		printf("index: %zu people built in %.2f s, %.1f MB\n", search_index_people(ix), (now_ns() - t0) / 1e9,
		       search_index_bytes(ix) / 1e6);
		a.six = ix;
	}
	queries = calloc((size_t)nq, sizeof *queries);
	lat = calloc((size_t)nq, sizeof *lat);
	hits = calloc((size_t)nq, sizeof *hits);
	if (!queries || !lat || !hits)
		return 1;
	for (i = 0; i < nq; i++) {
		person_t p;
		char fold[512], *words[16], *s;
		int nw = 0;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		if (store_person_get(a.store, 1 + (int64_t)((seed >> 33) % (unsigned long long)n), &p, &e)) {
			i--;
			continue;
		}
		vn_fold(p.full_name, strlen(p.full_name), fold, sizeof fold);
		for (s = fold; *s && nw < 16;) {
			words[nw++] = s;
			while (*s && *s != ' ')
				s++;
			if (*s)
				*s++ = '\0';
		}
		snprintf(queries[i], sizeof queries[i], "%s %s", nw ? words[nw - 1] : "a", nw > 1 ? words[0] : "");
	}
	for (i = 0; i < nq; i++) {
		search_result_t r;
		long long t0 = now_ns();
		if (people_search(&a, queries[i], NULL, 0, limit, &r, &e)) {
			fprintf(stderr, "bench_search: %s: %s\n", queries[i], e.en);
			return 1;
		}
		lat[i] = now_ns() - t0;
		hits[i] = r.total;
		total_hits += r.total;
		for (k = 0; k < 5; k++)
			if (slow[k] < 0 || lat[i] > lat[slow[k]]) {
				memmove(slow + k + 1, slow + k, (size_t)(4 - k) * sizeof *slow);
				slow[k] = i;
				break;
			}
		search_result_free(&r);
	}
	for (k = 0; k < 5 && slow[k] >= 0; k++)
		printf("slow: \"%s\" %.0f us, %lld matches\n", queries[slow[k]], lat[slow[k]] / 1e3, hits[slow[k]]);
	qsort(lat, (size_t)nq, sizeof *lat, cmp_ll);
	printf("search: %d queries over %lld people: median %.0f us, p90 %.0f us, p99 %.0f us, max %.0f us; "
	       "mean matches %.1f\n",
	       nq, (long long)n, lat[nq / 2] / 1e3, lat[nq * 90 / 100] / 1e3, lat[nq * 99 / 100] / 1e3,
	       lat[nq - 1] / 1e3, (double)total_hits / nq);
	free(queries);
	free(lat);
	free(hits);
	search_index_free(a.six);
	store_close(a.store);
	return 0;
}
