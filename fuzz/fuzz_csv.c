/* fuzz_csv.c: fuzz target for the CSV reader and writer (core/csv.h).
 *
 * Reads the input as a CSV file and checks, for every record: line
 * numbers increase, nfields <= CSV_FIELDS_MAX, a bad record has no
 * fields and a reason, a blank record has one field, every field is
 * NUL-terminated at n and lies in the record; the offset never goes
 * back and ends at the input's size.  Then every good record is written
 * again with csv_write_field and the result read back: it must give the
 * same records, byte for byte.  The first input byte picks the read
 * buffer size of the first pass, so buffer boundaries fall everywhere.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the process with a message when cond is false (assert() may be
 * compiled out in fuzz builds; this is not). */
#define CHECK(cond)                                                                      \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "fuzz_csv: %s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                                        \
			abort();                                                         \
		}                                                                        \
	} while (0)

/* A read-only FILE over the n bytes at p (glibc accepts n == 0). */
static FILE *open_mem(const void *p, size_t n)
{
	static char empty[1];
	return fmemopen(n ? (void *)(uintptr_t)p : empty, n, "r");
}

/* Checks the invariants of one record just read; last_line is the line
 * of the previous record (0 for none). */
static void check_record(const csv_record_t *rec, size_t last_line)
{
	size_t i;
	CHECK(rec->line > last_line);
	CHECK(rec->nfields <= CSV_FIELDS_MAX);
	if (rec->bad) {
		CHECK(rec->nfields == 0);
		CHECK(!rec->blank);
		CHECK(rec->err.code == PO_EINVAL || rec->err.code == PO_ELIMIT);
		CHECK(rec->err.msg == MSG_CSV_AFTER_QUOTE || rec->err.msg == MSG_CSV_UNTERMINATED ||
		      rec->err.msg == MSG_CSV_TOO_MANY_FIELDS || rec->err.msg == MSG_CSV_TOO_LONG);
		CHECK(rec->err.vi[0] != '\0' && rec->err.en[0] != '\0');
		return;
	}
	CHECK(rec->nfields >= 1);
	CHECK(rec->err.code == PO_OK);
	if (rec->blank)
		CHECK(rec->nfields == 1);
	for (i = 0; i < rec->nfields; i++) {
		CHECK(rec->f[i].p != NULL);
		CHECK(rec->f[i].n <= CSV_RECORD_MAX);
		CHECK(rec->f[i].p[rec->f[i].n] == '\0');
		if (i > 0)
			CHECK(rec->f[i].p > rec->f[i - 1].p + rec->f[i - 1].n);
	}
}

/* See the top of the file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t bufsize = size ? 1 + data[0] % 17 : 1;
	size_t last_line = 0, last_off = 0, good = 0, i;
	csv_reader_t *r, *r2;
	csv_record_t rec, rec2;
	FILE *f, *f2;
	buf_t out;
	int rc;

	/* pass 1: invariants, and every good record written out again */
	f = open_mem(data, size);
	if (!f)
		return 0;
	r = csv_reader_new_sized(f, bufsize);
	CHECK(r != NULL);
	buf_init(&out, 4 * size + 4096);
	while ((rc = csv_read(r, &rec)) == 1) {
		check_record(&rec, last_line);
		last_line = rec.line;
		CHECK(csv_offset(r) >= last_off && csv_offset(r) <= size);
		last_off = csv_offset(r);
		if (rec.bad)
			continue;
		good++;
		for (i = 0; i < rec.nfields; i++) {
			CHECK(csv_write_field(&out, rec.f[i].p, rec.f[i].n) == PO_OK);
			CHECK(buf_putc(&out, i + 1 < rec.nfields ? ',' : '\n') == PO_OK);
		}
	}
	CHECK(rc == 0);
	CHECK(csv_offset(r) == size);
	CHECK(csv_read(r, &rec) == 0);
	csv_reader_free(r);
	fclose(f);

	/* pass 2: the original's good records and the rewritten file's
	 * records, side by side */
	f = open_mem(data, size);
	f2 = open_mem(out.p, out.len);
	CHECK(f && f2);
	r = csv_reader_new(f);
	r2 = csv_reader_new_sized(f2, 1 + size % 5);
	CHECK(r && r2);
	while (csv_read(r, &rec) == 1) {
		if (rec.bad)
			continue;
		CHECK(csv_read(r2, &rec2) == 1);
		check_record(&rec2, 0);
		CHECK(!rec2.bad);
		CHECK(rec2.nfields == rec.nfields);
		for (i = 0; i < rec.nfields; i++) {
			CHECK(rec2.f[i].n == rec.f[i].n);
			CHECK(memcmp(rec2.f[i].p, rec.f[i].p, rec.f[i].n) == 0);
		}
		good--;
	}
	CHECK(good == 0);
	CHECK(csv_read(r2, &rec2) == 0);
	csv_reader_free(r);
	csv_reader_free(r2);
	fclose(f);
	fclose(f2);
	buf_free(&out);
	return 0;
}
