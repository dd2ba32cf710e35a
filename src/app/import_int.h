/* import_int.h: what the two imports (people, coverage) share: the
 * importer's state, the UTF-8 pre-scan and the reject file.  Internal to
 * app/. */
#ifndef PLUSONE_APP_IMPORT_INT_H
#define PLUSONE_APP_IMPORT_INT_H

#include <stdio.h>
#include <sys/types.h>

#include "app/import.h"
#include "core/buf.h"
#include "core/csv.h"

struct importer {
	app_t *a;
	const import_opts_t *o;
	import_stats_t *st;
	int col[PCOL_COUNT];          /* field index of each column, -1 absent */
	size_t nheader;
	FILE *rej;
	buf_t line;                   /* one reject row being built */
	buf_t reason;                 /* the reason of one rejected row */
	FILE *deferred;               /* bulk load: rows to replay at the end */
	size_t batch_left;
	off_t size;
};

/* Scans the whole file for UTF-8 validity.  PO_OK, or PO_EINVAL naming
 * the line of the first bad byte (and the legacy encoding it resembles). */
int import_scan_utf8(FILE *f, const char *path, err_t *e);

/* Reads the header, the first record that is not blank (blank lines
 * are counted in st).  PO_EINVAL for an unreadable header or an empty
 * file, PO_EIO when reading fails. */
int import_read_header(csv_reader_t *r, csv_record_t *rec, import_stats_t *st, enum lang lang, err_t *e);

/* Writes the reject file's header: the original columns, line, error. */
int import_reject_header(struct importer *im, const csv_record_t *h, err_t *e);

/* Writes one rejected row with its line number and reason. */
int import_reject(struct importer *im, const csv_record_t *r, const char *reason, err_t *e);

/* Joins a row's errors into one reason in out, each naming its column. */
void import_reason(const err_t *errs, size_t n, enum lang lang, buf_t *out);

#endif
