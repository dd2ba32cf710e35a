/* fixture.h: a fresh database with a few units, for the app tests. */
#ifndef PLUSONE_TESTS_FIXTURE_H
#define PLUSONE_TESTS_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"

typedef struct fixture {
	char dir[64];
	char path[128];
	app_t app;
	err_t e;
} fixture_t;

/* Creates an empty migrated database in a temporary directory, with the
 * units 84 (province) > 846 (district) > 29350 Hiếu Tử, 29365 Tập Ngãi
 * (communes) > 29350-01 (hamlet). */
static inline fixture_t *fixture_new(void)
{
	fixture_t *f = calloc(1, sizeof *f);
	static const struct {
		const char *code, *name, *parent;
		enum unit_kind kind;
	} units[] = {
		{"84", "Tỉnh Trà Vinh", NULL, UNIT_PROVINCE},
		{"846", "Huyện Tiểu Cần", "84", UNIT_DISTRICT},
		{"29350", "Xã Hiếu Tử", "846", UNIT_COMMUNE},
		{"29365", "Xã Tập Ngãi", "846", UNIT_COMMUNE},
		{"29350-01", "Ấp Tân Trung Giồng", "29350", UNIT_HAMLET},
	};
	size_t i;
	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/plusone-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	assert_int_equal(store_open(f->path, &f->app.store, &f->e), PO_OK);
	assert_int_equal(store_migrate(f->app.store, NULL, &f->e), PO_OK);
	f->app.actor = "test";
	f->app.today = (date_t){2026, 11, 29, false};
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		unit_t u;
		memset(&u, 0, sizeof u);
		snprintf(u.code, sizeof u.code, "%s", units[i].code);
		snprintf(u.name, sizeof u.name, "%s", units[i].name);
		u.kind = units[i].kind;
		assert_int_equal(app_unit_add(&f->app, &u, units[i].parent, &f->e), PO_OK);
	}
	return f;
}

/* Closes and deletes the database. */
static inline void fixture_free(fixture_t *f)
{
	char p[160];
	store_close(f->app.store);
	unlink(f->path);
	snprintf(p, sizeof p, "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", f->path);
	unlink(p);
	rmdir(f->dir);
	free(f);
}

/* Writes text to a file in the fixture's directory; returns its path
 * (static buffer). */
static inline const char *fixture_file(fixture_t *f, const char *name, const char *text, size_t n)
{
	static char path[192];
	FILE *fp;
	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, n, fp), n);
	fclose(fp);
	return path;
}

/* Reads a whole small file into a static buffer. */
static inline const char *fixture_read(const char *path)
{
	static char buf[65536];
	FILE *fp = fopen(path, "rb");
	size_t n;
	assert_non_null(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Adds one person from typed fields (as a row of the import would). */
static inline int64_t fixture_person(fixture_t *f, const char *name, const char *dob, const char *sex,
				     const char *cccd, const char *unit)
{
	person_fields_t in;
	person_parsed_t pp;
	err_t errs[PERSON_ERRORS_MAX];
	size_t n;
	bool ins;
	memset(&in, 0, sizeof in);
	in.v[PCOL_FULL_NAME] = name;
	in.n[PCOL_FULL_NAME] = strlen(name);
	in.v[PCOL_DOB] = dob;
	in.n[PCOL_DOB] = strlen(dob);
	in.v[PCOL_SEX] = sex;
	in.n[PCOL_SEX] = strlen(sex);
	if (cccd) {
		in.v[PCOL_CCCD] = cccd;
		in.n[PCOL_CCCD] = strlen(cccd);
	}
	in.v[PCOL_UNIT] = unit;
	in.n[PCOL_UNIT] = strlen(unit);
	assert_int_equal(person_parse(&f->app, &in, &pp, errs, &n), PO_OK);
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	assert_int_equal(person_upsert(&f->app, &pp, &ins, &f->e), PO_OK);
	assert_int_equal(store_tx_commit(f->app.store, &f->e), PO_OK);
	return pp.p.id;
}

#endif
