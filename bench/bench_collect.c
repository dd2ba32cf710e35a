/* bench_collect.c: receipts issued per second, each a durable commit
 * (synchronous=FULL, as for all money).
 *
 * Usage: bench_collect DB [N]
 * Makes a fresh database at DB with one commune, 1,000 people in
 * households and one collector, then issues N receipts (default 5,000),
 * each one BHXH month and one BHYT quarter, through app_collect: the
 * same path as `plusone collect`.  Prints receipts per second.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/collect.h"

/* Monotonic seconds. */
static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Stops with the error's English text. */
static void die(const char *what, const err_t *e)
{
	fprintf(stderr, "bench_collect: %s: %s\n", what, e->en);
	exit(1);
}

int main(int argc, char **argv)
{
	app_t a = {0};
	err_t e;
	unit_t u;
	user_t usr;
	int n = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 5000, i, changed;
	char path[512];
	double t0, dt;
	if (argc < 2 || n < 1) {
		fprintf(stderr, "usage: bench_collect DB [N]\n");
		return 2;
	}
	unlink(argv[1]);
	snprintf(path, sizeof path, "%s-wal", argv[1]);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", argv[1]);
	unlink(path);
	if (store_open(argv[1], &a.store, &e) || store_migrate(a.store, NULL, &e))
		die("open", &e);
	a.actor = "bench";
	a.today = (date_t){2026, 1, 1, false};
	if (app_params_sync(&a, &changed, &e))
		die("params", &e);
	memset(&u, 0, sizeof u);
	snprintf(u.code, sizeof u.code, "29350");
	snprintf(u.name, sizeof u.name, "Xã Hiếu Tử");
	u.kind = UNIT_COMMUNE;
	if (app_unit_add(&a, &u, NULL, &e))
		die("unit", &e);
	if (store_tx_begin(a.store, &e))
		die("begin", &e);
	for (i = 0; i < 1000; i++) {
		person_parsed_t pp;
		bool ins;
		memset(&pp, 0, sizeof pp);
		pp.member = -1;
		snprintf(pp.p.full_name, sizeof pp.p.full_name, "Người Thứ %d", i);
		pp.p.dob = (date_t){1980, 1, 1, false};
		pp.p.sex = 'F';
		pp.p.unit_id = u.id;
		snprintf(pp.p.household_code, sizeof pp.p.household_code, "H%d", i / 4);
		pp.has[PCOL_FULL_NAME] = pp.has[PCOL_DOB] = pp.has[PCOL_SEX] = pp.has[PCOL_UNIT] = true;
		pp.has[PCOL_HOUSEHOLD] = true;
		if (person_upsert(&a, &pp, &ins, &e))
			die("person", &e);
	}
	if (store_tx_commit(a.store, &e))
		die("commit", &e);
	memset(&usr, 0, sizeof usr);
	snprintf(usr.username, sizeof usr.username, "ctv");
	usr.role = UROLE_COLLECTOR;
	if (app_user_add(&a, &usr, "29350", "mật khẩu dài", &e))
		die("user", &e);
	t0 = now_s();
	for (i = 0; i < n; i++) {
		collect_request_t rq;
		receipt_t r;
		receipt_line_t lines[RECEIPT_LINES_MAX];
		date_t d = date_add_days((date_t){2026, 1, 1, false}, i / 50);
		memset(&rq, 0, sizeof rq);
		rq.payer = 1 + i % 1000;
		rq.n = 2;
		memcpy(rq.items[0].scheme, "bhxh", 5);
		rq.items[0].person = rq.payer;
		rq.items[0].income = 1500000 + (i % 20) * 50000;
		rq.items[0].months = 1;
		memcpy(rq.items[1].scheme, "bhyt", 5);
		rq.items[1].person = rq.payer;
		rq.items[1].months = 3;
		if (app_collect(&a, "ctv", d, &rq, &r, lines, &e))
			die("collect", &e);
	}
	dt = now_s() - t0;
	printf("collect: %d receipts (durable commits) in %.2f s: %.0f receipts/s\n", n, dt, n / dt);
	store_close(a.store);
	return 0;
}
