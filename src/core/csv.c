/* csv.c: streaming CSV reader and field writer (see csv.h).
 *
 * The reader pulls the file through one fixed buffer (CSV_BUF_SIZE bytes
 * by default) and copies the current record's fields, unquoted and each
 * followed by a NUL, into one fixed record store of CSV_RECORD_MAX +
 * CSV_FIELDS_MAX bytes.  Nothing else is allocated after csv_reader_new,
 * so memory stays flat however long the file is.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

struct csv_reader {
	FILE *f;
	const unsigned char *cur; /* bytes being served: head or buf */
	size_t pos, len;          /* next byte and end in cur */
	size_t base;              /* file offset of cur[0] */
	unsigned char *buf;       /* the read buffer */
	size_t cap;               /* its size */
	unsigned char head[3];    /* the first bytes of the file (BOM check) */
	size_t line;              /* physical line of the next byte */
	bool started;             /* head has been read */
	bool eof, ioerr;          /* the file is exhausted / reading failed */
	char *store;              /* record store: fields and their NULs */
};

#define STORE_SIZE ((size_t)CSV_RECORD_MAX + CSV_FIELDS_MAX)

/* See csv.h. */
csv_reader_t *csv_reader_new_sized(FILE *f, size_t bufsize)
{
	csv_reader_t *r;
	if (bufsize == 0)
		bufsize = CSV_BUF_SIZE;
	r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->buf = malloc(bufsize);
	r->store = malloc(STORE_SIZE);
	if (!r->buf || !r->store) {
		csv_reader_free(r);
		return NULL;
	}
	r->f = f;
	r->cap = bufsize;
	r->cur = r->buf;
	r->line = 1;
	return r;
}

/* See csv.h. */
csv_reader_t *csv_reader_new(FILE *f)
{
	return csv_reader_new_sized(f, CSV_BUF_SIZE);
}

/* See csv.h. */
void csv_reader_free(csv_reader_t *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->store);
	free(r);
}

/* See csv.h. */
size_t csv_offset(const csv_reader_t *r)
{
	return r->base + r->pos;
}

/* Makes cur[pos] available, reading from the file when every byte in
 * cur has been consumed.  The first call reads the first three bytes of
 * the file into head and skips them when they are a UTF-8 byte order
 * mark.  Returns false at end of file or when reading failed (ioerr set). */
static bool refill(csv_reader_t *r)
{
	size_t n;
	while (r->pos >= r->len) {
		r->base += r->len;
		r->pos = r->len = 0;
		if (r->eof || r->ioerr)
			return false;
		if (!r->started) {
			r->started = true;
			n = fread(r->head, 1, sizeof r->head, r->f);
			if (n < sizeof r->head && ferror(r->f))
				r->ioerr = true;
			else if (n < sizeof r->head)
				r->eof = true;
			r->cur = r->head;
			r->len = n;
			if (n == 3 && r->head[0] == 0xEF && r->head[1] == 0xBB && r->head[2] == 0xBF)
				r->pos = 3;
			continue;
		}
		n = fread(r->buf, 1, r->cap, r->f);
		if (n == 0) {
			if (ferror(r->f))
				r->ioerr = true;
			else
				r->eof = true;
			return false;
		}
		r->cur = r->buf;
		r->len = n;
	}
	return true;
}

/* The next byte (consumed), or -1 at end of file or on a read error. */
static inline int getb(csv_reader_t *r)
{
	if (r->pos < r->len || refill(r))
		return r->cur[r->pos++];
	return -1;
}

/* The next byte without consuming it, or -1 at end of file or on a read
 * error. */
static inline int peekb(csv_reader_t *r)
{
	if (r->pos < r->len || refill(r))
		return r->cur[r->pos];
	return -1;
}

/* The state of the record being read. */
struct rd {
	char *w;         /* next free byte of the store */
	size_t clen;     /* content bytes stored (NULs not counted) */
	enum msg_id why; /* first fault, MSG_NONE while the record is good */
	size_t why_field;
};

/* Appends k bytes to the current field unless the record is already bad;
 * makes it bad (too long) when the content would pass CSV_RECORD_MAX. */
static inline void put(struct rd *d, const unsigned char *p, size_t k)
{
	if (d->why != MSG_NONE)
		return;
	if (k > (size_t)CSV_RECORD_MAX - d->clen) {
		d->why = MSG_CSV_TOO_LONG;
		return;
	}
	memcpy(d->w, p, k);
	d->w += k;
	d->clen += k;
}

/* Reads the rest of an unquoted field whose first byte is c (c may
 * already be a separator, a line end or -1).  Returns the byte that
 * ended the field: ',', '\r', '\n' or -1. */
static int read_unquoted(csv_reader_t *r, struct rd *d, int c)
{
	const unsigned char *p, *q, *e;
	if (c < 0 || c == ',' || c == '\r' || c == '\n')
		return c;
	{
		unsigned char b = (unsigned char)c;
		put(d, &b, 1);
	}
	for (;;) {
		if (r->pos >= r->len && !refill(r))
			return -1;
		p = r->cur + r->pos;
		e = r->cur + r->len;
		for (q = p; q < e && *q != ',' && *q != '\n' && *q != '\r'; q++)
			;
		put(d, p, (size_t)(q - p));
		r->pos += (size_t)(q - p);
		if (q < e) {
			r->pos++;
			return *q;
		}
	}
}

/* Reads a quoted field after its opening quote, up to and including the
 * closing quote, undoubling "" and counting line ends.  Returns false
 * when the file ended inside the quotes. */
static bool read_quoted(csv_reader_t *r, struct rd *d)
{
	const unsigned char *p, *q, *e;
	static const unsigned char quote = '"', lf = '\n';
	for (;;) {
		if (r->pos >= r->len && !refill(r))
			return false;
		p = r->cur + r->pos;
		e = r->cur + r->len;
		for (q = p; q < e && *q != '"' && *q != '\n' && *q != '\r'; q++)
			;
		put(d, p, (size_t)(q - p));
		r->pos += (size_t)(q - p);
		if (q == e)
			continue;
		r->pos++;
		if (*q == '"') {
			if (peekb(r) != '"')
				return true; /* the closing quote */
			r->pos++;
			put(d, &quote, 1);
		} else if (*q == '\n') {
			put(d, q, 1);
			r->line++;
		} else { /* CR, alone or in CRLF: one line end either way */
			put(d, q, 1);
			if (peekb(r) == '\n') {
				r->pos++;
				put(d, &lf, 1);
			}
			r->line++;
		}
	}
}

/* See csv.h. */
int csv_read(csv_reader_t *r, csv_record_t *rec)
{
	struct rd d = {r->store, 0, MSG_NONE, 0};
	size_t nf = 0;
	bool quoted = false;
	int c;

	rec->nfields = 0;
	rec->blank = rec->bad = false;
	err_clear(&rec->err);
	if (r->ioerr)
		return -PO_EIO;
	c = getb(r);
	if (c < 0)
		return r->ioerr ? -PO_EIO : 0;
	rec->line = r->line;

	for (;;) { /* one field per turn; c is its first byte */
		char *start = d.w;
		nf++;
		if (nf > CSV_FIELDS_MAX && d.why == MSG_NONE)
			d.why = MSG_CSV_TOO_MANY_FIELDS;
		if (c == '"') {
			quoted = true;
			if (!read_quoted(r, &d)) {
				/* the end of the file inside quotes: this wins over an
				 * earlier fault, as it explains the swallowed rest */
				d.why = MSG_CSV_UNTERMINATED;
				d.why_field = nf;
				c = -1;
				break;
			}
			do
				c = getb(r);
			while (c == ' ' || c == '\t');
			if (c >= 0 && c != ',' && c != '\r' && c != '\n') {
				if (d.why == MSG_NONE) {
					d.why = MSG_CSV_AFTER_QUOTE;
					d.why_field = nf;
				}
				c = read_unquoted(r, &d, c);
			}
		} else {
			c = read_unquoted(r, &d, c);
		}
		if (d.why == MSG_NONE) {
			*d.w = '\0';
			rec->f[nf - 1].p = start;
			rec->f[nf - 1].n = (size_t)(d.w - start);
			d.w++;
		}
		if (c != ',')
			break;
		c = getb(r);
	}

	/* c is the line end (or -1): consume a CRLF's LF, count the line */
	if (c == '\r' && peekb(r) == '\n')
		r->pos++;
	if (c == '\r' || c == '\n')
		r->line++;
	if (r->ioerr)
		return -PO_EIO;

	switch (d.why) {
	case MSG_NONE:
		rec->nfields = nf;
		if (nf == 1 && !quoted) {
			size_t i;
			rec->blank = true;
			for (i = 0; i < rec->f[0].n; i++)
				if (rec->f[0].p[i] != ' ' && rec->f[0].p[i] != '\t')
					rec->blank = false;
		}
		return 1;
	case MSG_CSV_TOO_MANY_FIELDS:
		err_set(&rec->err, PO_ELIMIT, NULL, d.why, (size_t)CSV_FIELDS_MAX);
		break;
	case MSG_CSV_TOO_LONG:
		err_set(&rec->err, PO_ELIMIT, NULL, d.why, (size_t)CSV_RECORD_MAX);
		break;
	default:
		err_set(&rec->err, PO_EINVAL, NULL, d.why, d.why_field);
	}
	rec->bad = true;
	return 1;
}

/* True when the n bytes at s must be quoted to read back unchanged. */
static bool needs_quotes(const char *s, size_t n)
{
	size_t i;
	if (n == 0)
		return false;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return true;
	if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
	    (unsigned char)s[2] == 0xBF)
		return true;
	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return true;
	return false;
}

/* See csv.h. */
int csv_write_field(buf_t *out, const char *s, size_t n)
{
	size_t saved = out->len, i, from;
	int rc;
	if (!needs_quotes(s, n))
		return buf_append(out, s, n);
	rc = buf_putc(out, '"');
	for (from = i = 0; !rc && i < n; i++) {
		if (s[i] != '"')
			continue;
		/* up to and including the quote, then the doubling quote */
		rc = buf_append(out, s + from, i + 1 - from);
		if (!rc)
			rc = buf_putc(out, '"');
		from = i + 1;
	}
	if (!rc)
		rc = buf_append(out, s + from, n - from);
	if (!rc)
		rc = buf_putc(out, '"');
	if (rc) {
		out->len = saved;
		if (out->p)
			out->p[saved] = '\0';
	}
	return rc;
}
