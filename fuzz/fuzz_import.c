/* fuzz_import.c: fuzz target for the whole people import: CSV reading,
 * header mapping, every field rule, deduplication, households, the bulk
 * load with its deferred rows, and the reject file.
 *
 * The input is written to a file and imported into a database in a
 * temporary directory that has the units 29350 and 29350-01.  A fresh database is made every
 * 16 inputs, so both the bulk load (empty registry) and the row-by-row
 * path (people present) are exercised.  Checks: the import either
 * refuses the file (PO_EINVAL) or accounts for every row (read =
 * inserted + updated + rejected), and the database stays consistent:
 * every person has search index entries, and no household code or CCCD
 * appears twice.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "app/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the process with a message when cond is false. */
#define CHECK(cond)                                                                             \
	do {                                                                                    \
		if (!(cond)) {                                                                  \
			fprintf(stderr, "fuzz_import: %s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                                         \
			abort();                                                                \
		}                                                                               \
	} while (0)

static app_t app;
static unsigned runs;
static char dir[64];

static char db[128];

/* A fresh database with two units. */
static void fresh_store(void)
{
	char p[160];
	unit_t u;
	err_t e;
	store_close(app.store);
	unlink(db);
	snprintf(p, sizeof p, "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", db);
	unlink(p);
	CHECK(store_open(db, &app.store, &e) == PO_OK);
	CHECK(store_migrate(app.store, NULL, &e) == PO_OK);
	CHECK(store_set_durable(app.store, false, &e) == PO_OK);
	app.actor = "fuzz";
	app.today = (date_t){2026, 11, 29, false};
	memset(&u, 0, sizeof u);
	snprintf(u.code, sizeof u.code, "29350");
	snprintf(u.name, sizeof u.name, "Xã Hiếu Tử");
	u.kind = UNIT_COMMUNE;
	CHECK(app_unit_add(&app, &u, NULL, &e) == PO_OK);
	memset(&u, 0, sizeof u);
	snprintf(u.code, sizeof u.code, "29350-01");
	snprintf(u.name, sizeof u.name, "Ấp Một");
	u.kind = UNIT_HAMLET;
	CHECK(app_unit_add(&app, &u, "29350", &e) == PO_OK);
}

/* The one integer a query returns, read through a second connection. */
static long long query_int(const char *sql)
{
	sqlite3 *c;
	sqlite3_stmt *st;
	long long v = -1;
	CHECK(sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(c, sql, -1, &st, NULL) == SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(c);
	return v;
}

/* The invariants of the registry after any import. */
static void check_consistent(void)
{
	CHECK(query_int("SELECT count(*) FROM person WHERE name_fold <> ''"
			" AND id NOT IN (SELECT person_id FROM person_word)") == 0);
	CHECK(query_int("SELECT count(*) FROM person_word WHERE person_id NOT IN (SELECT id FROM person)") == 0);
	CHECK(query_int("SELECT count(*) - count(DISTINCT code) FROM household") == 0);
	CHECK(query_int("SELECT count(cccd) - count(DISTINCT cccd) FROM person") == 0);
	CHECK(query_int("SELECT count(bhxh_code) - count(DISTINCT bhxh_code) FROM person") == 0);
	CHECK(query_int("SELECT count(*) FROM pragma_index_list('person')") == 6);
	CHECK(query_int("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'people_version_%'") == 3);
	CHECK(query_int("SELECT n FROM people_version") >= 1);
	CHECK(query_int("SELECT count(*) FROM (SELECT word, count(*) AS c FROM person_word GROUP BY word) x"
			" LEFT JOIN word_count w USING (word) WHERE w.n IS NOT x.c") == 0);
	CHECK(query_int("SELECT count(*) FROM word_count WHERE n <> 0"
			" AND word NOT IN (SELECT word FROM person_word)") == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[128], rej[160];
	import_opts_t o;
	import_stats_t st;
	err_t e;
	FILE *f;
	int rc;

	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/plusone-fuzz-XXXXXX");
		CHECK(mkdtemp(dir) != NULL);
		snprintf(db, sizeof db, "%s/f.db", dir);
	}
	if (runs++ % 16 == 0)
		fresh_store();
	snprintf(path, sizeof path, "%s/in.csv", dir);
	snprintf(rej, sizeof rej, "%s/in.csv.rejects.csv", dir);
	f = fopen(path, "wb");
	CHECK(f != NULL);
	CHECK(fwrite(data, 1, size, f) == size);
	CHECK(fclose(f) == 0);
	memset(&o, 0, sizeof o);
	o.path = path;
	o.batch_rows = 3;
	rc = app_import_people(&app, &o, &st, &e);
	CHECK(rc == PO_OK || rc == PO_EINVAL);
	if (rc == PO_OK)
		CHECK(st.read == st.inserted + st.updated + st.rejected);
	check_consistent();
	unlink(rej);
	unlink(path);
	return 0;
}
