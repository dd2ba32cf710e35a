/* import.h: importing people from a CSV file (the contract's
 * `import people`). */
#ifndef PLUSONE_APP_IMPORT_H
#define PLUSONE_APP_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/legacy.h"

#define IMPORT_BATCH_ROWS 5000 /* rows per transaction */
#define IMPORT_PROGRESS_ROWS 5000 /* rows between two progress reports */
#define IMPORT_SEEN_LOG2_BITS 26 /* 8 MiB filter of keys written by a bulk load */

typedef struct import_stats {
	int64_t read, inserted, updated, rejected, blank;
	/* of the inserted, the people added beside someone of the same name,
	 * date of birth, sex and unit whom nothing proved to be her: each is
	 * in the possible duplicates list (people duplicates) */
	int64_t possible_duplicates;
} import_stats_t;

typedef struct import_opts {
	const char *path;        /* the CSV file */
	const char *reject_path; /* NULL: path + ".rejects.csv" */
	enum vn_legacy encoding; /* VN_LEGACY_NONE: the file must be UTF-8 */
	enum lang lang;          /* language of the reject reasons */
	size_t batch_rows;       /* 0: IMPORT_BATCH_ROWS */
	/* When not NULL, told how far the import is every IMPORT_PROGRESS_ROWS
	 * rows (percent of the file read) and once more at the end (done). */
	void (*progress)(const import_stats_t *st, int percent, bool done, void *ctx);
	void *progress_ctx;
} import_opts_t;

/* Imports every row of the file: each data row ends inserted, updated
 * or rejected (written to the reject file with its line and reason);
 * blank lines are counted.  A file that is not valid UTF-8 (unless an
 * encoding is given) or lacks a required column is refused whole with
 * PO_EINVAL and nothing is imported.  Rows are written in transactions
 * of batch_rows, so an interrupted import leaves whole batches and can
 * be run again; into an empty registry the whole file is one transaction
 * (all or nothing) and the indexes are built once at the end. */
int app_import_people(app_t *a, const import_opts_t *o, import_stats_t *st, err_t *e);

/* Imports cover paid outside plusone (online renewals, insurance-office
 * lists): columns cccd and/or bhxh_code (which person), scheme (bhxh,
 * bhyt), from and to (the covered days).  Same refusals, reject file and
 * batches as app_import_people; a row whose period is already recorded
 * counts as updated; a row overlapping other cover of the person is
 * rejected.  The cover counts like a receipt's for coverage, BHYT
 * ordinals and due lists. */
int app_import_coverage(app_t *a, const import_opts_t *o, import_stats_t *st, err_t *e);

#endif
