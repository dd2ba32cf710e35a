/* csv.h: a streaming CSV reader (RFC 4180) and a CSV field writer.
 *
 * The reader holds one record at a time, so memory does not grow with
 * the file.  It accepts comma-separated records ending in LF or CRLF (or
 * a last record without a line end), quoted fields with commas, quotes
 * ("") and line breaks inside, and skips a UTF-8 byte order mark at the
 * start.  A record that breaks the rules (a quote in the middle of a
 * quoted field followed by something other than a comma or a line end,
 * an unterminated quote at end of file, a record over the limits) is
 * returned as a bad record with a reason and the reader carries on with
 * the next line: one bad row never stops a file.
 *
 * Details of the reading (decided here, tested in tests/core/test_csv.c):
 * - Line ends: LF, CRLF, and a lone CR (files saved by old Mac Excel)
 *   each end a record and count as one line.  Inside quotes they are
 *   kept byte for byte (CRLF stays CRLF) and still counted as lines.
 * - A field is quoted only when its first byte is a quote.  A quote
 *   anywhere else in an unquoted field is kept literally (ab"c, and
 *   ` "x"` with its leading space, are taken as typed).  Nothing is
 *   trimmed from unquoted fields.
 * - After a closing quote, spaces and tabs before the comma or line end
 *   are ignored; any other byte there makes the record bad.
 * - The byte order mark EF BB BF is skipped only as the first three
 *   bytes of the file.
 * - A record is blank when it is one unquoted field of spaces and tabs
 *   only (an empty line included): nfields is 1 and f[0] holds those
 *   bytes.  `,,,` is not blank (four empty fields).
 * - A bad record has nfields 0: nothing of it is handed out, only line,
 *   bad and err.  Reasons: MSG_CSV_AFTER_QUOTE and MSG_CSV_UNTERMINATED
 *   (PO_EINVAL), MSG_CSV_TOO_MANY_FIELDS and MSG_CSV_TOO_LONG (PO_ELIMIT).
 *   After a fault, the rest of the record is still read by the same
 *   rules (quotes and all) without being kept, so the next record starts
 *   where it really starts and line numbers stay right.  An unterminated
 *   quote runs to the end of the file, so everything after its start is
 *   that one bad record.
 * - Bytes are not checked as UTF-8 here, and a NUL byte is kept inside a
 *   field (use f[i].n, not strlen).
 */
#ifndef PLUSONE_CORE_CSV_H
#define PLUSONE_CORE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "err.h"

#define CSV_FIELDS_MAX 64          /* fields per record */
#define CSV_RECORD_MAX (64 * 1024) /* bytes per record, quotes removed */

typedef struct csv_field {
	const char *p; /* field content, quotes removed, NUL-terminated */
	size_t n;
} csv_field_t;

typedef struct csv_record {
	size_t line;     /* 1-based line number where the record starts */
	size_t nfields;  /* fields read (at most CSV_FIELDS_MAX) */
	csv_field_t f[CSV_FIELDS_MAX];
	bool blank;      /* the record is an empty line (or only spaces) */
	bool bad;        /* the record breaks the rules; see err */
	err_t err;       /* why it is bad (field is empty) */
} csv_record_t;

typedef struct csv_reader csv_reader_t;

#define CSV_BUF_SIZE (64 * 1024) /* bytes read from the file at a time */

/* A reader over f (not closed by the reader).  NULL when out of memory.
 * It holds about CSV_BUF_SIZE + CSV_RECORD_MAX bytes, whatever the file. */
csv_reader_t *csv_reader_new(FILE *f);

/* Like csv_reader_new, reading bufsize bytes at a time (0 means
 * CSV_BUF_SIZE); tests use tiny sizes to cross every buffer boundary. */
csv_reader_t *csv_reader_new_sized(FILE *f, size_t bufsize);

/* Reads the next record into *rec; its field pointers stay valid until
 * the next call.  Returns 1 when a record was read (possibly blank or
 * bad), 0 at end of file, or -PO_EIO when reading failed. */
int csv_read(csv_reader_t *r, csv_record_t *rec);

/* Bytes consumed so far (for a progress line). */
size_t csv_offset(const csv_reader_t *r);

/* Releases the reader.  NULL is fine. */
void csv_reader_free(csv_reader_t *r);

/* Appends one field to out, quoted when it holds a comma, a quote, CR or
 * LF, or begins or ends with a space (quotes doubled inside).  The
 * content is kept byte for byte, so a reject file can be fixed and
 * imported again.  (A tab at either end and a leading byte order mark
 * are quoted too, so csv_read gives back exactly the same bytes.)
 * Returns PO_OK, or PO_ELIMIT / PO_ENOMEM with out unchanged. */
int csv_write_field(buf_t *out, const char *s, size_t n);

#endif
