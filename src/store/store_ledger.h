/* store_ledger.h: part of the store interface (see store.h): receipts
 * read back for listing and printing (who paid, who voided, why). */
#ifndef PLUSONE_STORE_LEDGER_H
#define PLUSONE_STORE_LEDGER_H

#define RECEIPT_REASON_MAX 300 /* bytes of a void reason */
#define STORE_TIME_MAX 24      /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */

/* A receipt with what a printed receipt or a list needs besides its
 * lines: the payer's name and unit (today's), and, for a void receipt,
 * the reason, who voided it and when (UTC, ISO). */
typedef struct receipt_row {
	receipt_t r;
	char payer_name[NAME_BYTES_MAX + 1];
	int64_t payer_unit_id;
	char payer_unit_code[UNIT_CODE_MAX + 1];
	char void_reason[RECEIPT_REASON_MAX + 1];
	char void_by[USERNAME_MAX + 1];
	char void_at[STORE_TIME_MAX];
	char collector_name[USER_FULL_NAME_MAX + 1]; /* the collector's full name, "" when not given */
	char payer_unit_name[UNIT_NAME_MAX + 1];     /* the name of the payer's unit */
} receipt_row_t;

/* What receipts a scan returns.  Zero values mean "any". */
typedef struct receipt_filter {
	int64_t collector_id;  /* the collector's login, 0 for any */
	date_t from, to;       /* receipt dates, both included; from 0001-01-01 to 9999-12-31 for any */
	int64_t person_id;     /* receipts paid by her or with a line for her, 0 for any */
	bool include_void;     /* void receipts too */
	int64_t before_id;     /* receipts with a smaller id only, 0 for none */
} receipt_filter_t;

/* Calls fn for each receipt matching f, newest (highest id) first; stops
 * early when fn returns non-zero (and returns that value). */
int store_receipts_each(store_t *s, const receipt_filter_t *f, int (*fn)(const receipt_row_t *row, void *ctx),
			void *ctx, err_t *e);

/* The receipt with that id with its payer and void details;
 * PO_ENOTFOUND (field "id") when none. */
int store_receipt_row(store_t *s, int64_t id, receipt_row_t *row, err_t *e);

/* Who a receipt line is for, as a printed receipt names her. */
typedef struct store_line_person {
	char full_name[NAME_BYTES_MAX + 1];
	char bhxh_code[BHXH_LEN + 1]; /* "" when unknown */
	date_t dob;                   /* dob.year_only when only the year is known */
} store_line_person_t;

/* The people of a receipt's lines, in line order: out[i] for i < *n, at
 * most max. */
int store_receipt_line_people(store_t *s, int64_t id, store_line_person_t *out, size_t max, size_t *n, err_t *e);

#endif
