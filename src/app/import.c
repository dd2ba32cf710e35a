/* import.c: the people import (see import.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/import.h"
#include "app/import_int.h"
#include "core/csv.h"
#include "core/text.h"

#define SCAN_CHUNK (1u << 20)      /* bytes read at a time by the UTF-8 scan */
#define LEGACY_LINE_MAX (256 * 1024) /* bytes of one line of a legacy file */
#define PATH_MAX_LEN 4096

/* Scans the whole file for UTF-8 validity.  PO_OK, or PO_EINVAL naming
 * the line of the first bad byte (and the legacy encoding it resembles). */
int import_scan_utf8(FILE *f, const char *path, err_t *e)
{
	unsigned char *buf = malloc(SCAN_CHUNK + 4);
	size_t have = 0, n, line = 1, i, bad;
	int rc = PO_OK;
	if (!buf)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	for (;;) {
		size_t keep = 0, end;
		n = fread(buf + have, 1, SCAN_CHUNK, f);
		if (n == 0 && ferror(f)) {
			rc = err_set(e, PO_EIO, "file", MSG_IO, path, strerror(errno));
			break;
		}
		end = have + n;
		if (n > 0) {
			/* hold back an incomplete sequence at the end of the chunk */
			size_t k = end, back = 0;
			while (k > 0 && back < 3 && (buf[k - 1] & 0xC0) == 0x80) {
				k--;
				back++;
			}
			if (k > 0 && buf[k - 1] >= 0xC0) {
				unsigned char c = buf[k - 1];
				size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
				if (back + 1 < need)
					keep = back + 1;
			}
		}
		if (!vn_utf8_valid((const char *)buf, end - keep, &bad)) {
			enum vn_legacy enc;
			for (i = 0; i < bad; i++)
				line += buf[i] == '\n';
			enc = vn_legacy_detect((const char *)buf, end);
			if (enc != VN_LEGACY_NONE)
				rc = err_set(e, PO_EINVAL, "file", MSG_IMPORT_LEGACY, line, vn_legacy_name(enc));
			else
				rc = err_set(e, PO_EINVAL, "file", MSG_IMPORT_NOT_UTF8, line);
			break;
		}
		for (i = 0; i < end - keep; i++)
			line += buf[i] == '\n';
		if (n == 0) {
			if (keep)
				rc = err_set(e, PO_EINVAL, "file", MSG_IMPORT_NOT_UTF8, line);
			break;
		}
		memmove(buf, buf + end - keep, keep);
		have = keep;
	}
	free(buf);
	return rc;
}

/* Converts a legacy-encoded file line by line into a temporary UTF-8
 * file, returned rewound in *out. */
static int convert_legacy(FILE *in, enum vn_legacy enc, const char *path, FILE **out, err_t *e)
{
	FILE *t = tmpfile();
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	buf_t b;
	int rc = PO_OK;
	if (!t)
		return err_set(e, PO_EIO, "file", MSG_IO, "tmpfile", strerror(errno));
	buf_init(&b, LEGACY_LINE_MAX * 3);
	while ((n = getline(&line, &cap, in)) > 0) {
		if ((size_t)n > LEGACY_LINE_MAX) {
			rc = err_set(e, PO_ELIMIT, "file", MSG_LIMIT, "line", (size_t)LEGACY_LINE_MAX);
			break;
		}
		buf_reset(&b);
		rc = vn_legacy_to_utf8(enc, line, (size_t)n, &b);
		if (rc) {
			err_set(e, rc, "file", MSG_LIMIT, "line", (size_t)LEGACY_LINE_MAX);
			break;
		}
		if (fwrite(b.p, 1, b.len, t) != b.len) {
			rc = err_set(e, PO_EIO, "file", MSG_IO, "tmpfile", strerror(errno));
			break;
		}
	}
	if (!rc && ferror(in))
		rc = err_set(e, PO_EIO, "file", MSG_IO, path, strerror(errno));
	free(line);
	buf_free(&b);
	if (rc) {
		fclose(t);
		return rc;
	}
	rewind(t);
	*out = t;
	return PO_OK;
}


/* See import_int.h. */
int import_read_header(csv_reader_t *r, csv_record_t *rec, import_stats_t *st, enum lang lang, err_t *e)
{
	int got;
	while ((got = csv_read(r, rec)) == 1) {
		if (rec->blank) {
			st->blank++;
			continue;
		}
		if (rec->bad)
			return err_set(e, PO_EINVAL, "file", MSG_IMPORT_BAD_HEADER, err_text(&rec->err, lang));
		return PO_OK;
	}
	if (got < 0)
		return err_set(e, PO_EIO, "file", MSG_IO, "file", strerror(errno));
	return err_set(e, PO_EINVAL, "file", MSG_IMPORT_EMPTY);
}

/* Maps the header record to columns.  PO_EINVAL when a required column is
 * missing or a column appears twice. */
static int map_header(struct importer *im, const csv_record_t *h, err_t *e)
{
	size_t i;
	int c;
	for (c = 0; c < PCOL_COUNT; c++)
		im->col[c] = -1;
	for (i = 0; i < h->nfields; i++) {
		for (c = 0; c < PCOL_COUNT; c++) {
			if (vn_header_eq(h->f[i].p, h->f[i].n, pcol_name((enum pcol)c)) ||
			    vn_header_eq(h->f[i].p, h->f[i].n, pcol_header_vi((enum pcol)c)))
				break;
		}
		if (c == PCOL_COUNT)
			continue; /* an extra column: kept in the reject file only */
		if (im->col[c] >= 0)
			return err_set(e, PO_EINVAL, pcol_name((enum pcol)c), MSG_IMPORT_DUP_COLUMN,
				       pcol_header_vi((enum pcol)c), pcol_name((enum pcol)c));
		im->col[c] = (int)i;
	}
	for (c = 0; c < PCOL_COUNT; c++)
		if (pcol_required((enum pcol)c) && im->col[c] < 0)
			return err_set(e, PO_EINVAL, pcol_name((enum pcol)c), MSG_IMPORT_MISSING_COLUMN,
				       pcol_header_vi((enum pcol)c), pcol_name((enum pcol)c));
	im->nheader = h->nfields;
	return PO_OK;
}

/* Writes the reject file's header: the original columns, line, error. */
int import_reject_header(struct importer *im, const csv_record_t *h, err_t *e)
{
	size_t i;
	buf_reset(&im->line);
	for (i = 0; i < h->nfields; i++) {
		if (i)
			buf_putc(&im->line, ',');
		csv_write_field(&im->line, h->f[i].p, h->f[i].n);
	}
	buf_puts(&im->line, h->nfields ? ",line,error\n" : "line,error\n");
	if (fwrite(im->line.p, 1, im->line.len, im->rej) != im->line.len)
		return err_set(e, PO_EIO, "reject", MSG_IO, "reject", strerror(errno));
	return PO_OK;
}

/* Writes one rejected row with its line number and reason. */
int import_reject(struct importer *im, const csv_record_t *r, const char *reason, err_t *e)
{
	size_t i, nf = r->nfields > im->nheader ? r->nfields : im->nheader;
	char num[32];
	buf_reset(&im->line);
	for (i = 0; i < nf; i++) {
		if (i)
			buf_putc(&im->line, ',');
		if (i < r->nfields && !r->bad)
			csv_write_field(&im->line, r->f[i].p, r->f[i].n);
	}
	snprintf(num, sizeof num, "%s%zu,", nf ? "," : "", r->line);
	buf_puts(&im->line, num);
	csv_write_field(&im->line, reason, strlen(reason));
	buf_putc(&im->line, '\n');
	im->st->rejected++;
	if (fwrite(im->line.p, 1, im->line.len, im->rej) != im->line.len)
		return err_set(e, PO_EIO, "reject", MSG_IO, "reject", strerror(errno));
	return PO_OK;
}

/* Joins a row's errors into one reason in out (emptied first), each
 * naming its column: "Ngày sinh (dob): ...; Số CCCD (cccd): ..." (in
 * English "dob: ..."). */
void import_reason(const err_t *errs, size_t n, enum lang lang, buf_t *out)
{
	size_t i;
	int c;
	buf_reset(out);
	for (i = 0; i < n; i++) {
		const char *field = errs[i].field, *vi = NULL;
		for (c = 0; c < PCOL_COUNT; c++)
			if (strcmp(field, pcol_name((enum pcol)c)) == 0)
				vi = pcol_header_vi((enum pcol)c);
		if (i)
			buf_puts(out, "; ");
		if (vi && lang == LANG_VI)
			buf_printf(out, "%s (%s): ", vi, field);
		else if (*field)
			buf_printf(out, "%s: ", field);
		buf_puts(out, err_text(&errs[i], lang));
	}
}

/* With PLUSONE_TRACE set, prints the seconds since the first call and
 * what was done by then on stderr (for tuning large imports). */
static void trace(const import_opts_t *o, const char *what)
{
	static struct timespec t0;
	struct timespec t;
	(void)o;
	if (!getenv("PLUSONE_TRACE"))
		return;
	clock_gettime(CLOCK_MONOTONIC, &t);
	if (!t0.tv_sec)
		t0 = t;
	fprintf(stderr, "import: %.3f s %s\n",
		(double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9, what);
}

/* Reports progress to the caller's function, if any. */
static void progress(struct importer *im, const csv_reader_t *r, bool done)
{
	int pct = 100;
	if (!im->o->progress)
		return;
	if (!done && im->size > 0)
		pct = (int)(csv_offset(r) * 100 / (size_t)im->size);
	im->o->progress(im->st, pct, done, im->o->progress_ctx);
}

/* Keeps a record that a bulk load must replay once the indexes exist:
 * its line number, then its fields, as one CSV line of the defer file. */
static int defer(struct importer *im, const csv_record_t *r, err_t *e)
{
	char num[32];
	size_t i;
	if (!im->deferred) {
		im->deferred = tmpfile();
		if (!im->deferred)
			return err_set(e, PO_EIO, "file", MSG_IO, "tmpfile", strerror(errno));
	}
	buf_reset(&im->line);
	snprintf(num, sizeof num, "%zu", r->line);
	buf_puts(&im->line, num);
	for (i = 0; i < r->nfields; i++) {
		buf_putc(&im->line, ',');
		csv_write_field(&im->line, r->f[i].p, r->f[i].n);
	}
	buf_putc(&im->line, '\n');
	if (fwrite(im->line.p, 1, im->line.len, im->deferred) != im->line.len)
		return err_set(e, PO_EIO, "file", MSG_IO, "tmpfile", strerror(errno));
	return PO_OK;
}

static int import_row(struct importer *im, const csv_record_t *r, err_t *e);

/* Replays the deferred records, in file order, now that the indexes
 * exist and every look-up is possible. */
static int replay_deferred(struct importer *im, csv_record_t *rec, err_t *e)
{
	csv_reader_t *r;
	csv_record_t *orig;
	int got, rc = PO_OK;
	size_t i;
	if (!im->deferred)
		return PO_OK;
	rewind(im->deferred);
	r = csv_reader_new(im->deferred);
	orig = malloc(sizeof *orig);
	if (!r || !orig) {
		csv_reader_free(r);
		free(orig);
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	while (!rc && (got = csv_read(r, rec)) == 1) {
		char *end;
		if (rec->bad || rec->nfields < 1) {
			rc = err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "deferred record");
			break;
		}
		memset(orig, 0, sizeof *orig);
		orig->line = (size_t)strtoull(rec->f[0].p, &end, 10);
		orig->nfields = rec->nfields - 1;
		for (i = 0; i < orig->nfields; i++)
			orig->f[i] = rec->f[i + 1];
		rc = import_row(im, orig, e);
	}
	if (!rc && got < 0)
		rc = err_set(e, PO_EIO, "file", MSG_IO, "tmpfile", strerror(errno));
	csv_reader_free(r);
	free(orig);
	return rc;
}

/* Processes one data record inside the open transaction. */
static int import_row(struct importer *im, const csv_record_t *r, err_t *e)
{
	person_fields_t in;
	person_parsed_t pp;
	err_t errs[PERSON_ERRORS_MAX];
	size_t nerrs;
	bool inserted;
	int c, rc;

	im->st->read++;
	if (r->bad) {
		import_reason(&r->err, 1, im->o->lang, &im->reason);
		return import_reject(im, r, buf_cstr(&im->reason), e);
	}
	for (c = 0; c < PCOL_COUNT; c++) {
		int i = im->col[c];
		in.v[c] = i >= 0 && (size_t)i < r->nfields ? r->f[i].p : NULL;
		in.n[c] = i >= 0 && (size_t)i < r->nfields ? r->f[i].n : 0;
	}
	rc = person_parse(im->a, &in, &pp, errs, &nerrs);
	if (rc == PO_EINVAL) {
		import_reason(errs, nerrs, im->o->lang, &im->reason);
		return import_reject(im, r, buf_cstr(&im->reason), e);
	}
	if (rc) {
		*e = errs[0];
		return rc;
	}
	rc = person_upsert(im->a, &pp, &inserted, &errs[0]);
	if (rc == PO_EDEFER) {
		im->st->read--; /* counted when it is replayed */
		return defer(im, r, e);
	}
	if (rc == PO_ECONFLICT || rc == PO_EINVAL) {
		import_reason(errs, 1, im->o->lang, &im->reason);
		return import_reject(im, r, buf_cstr(&im->reason), e);
	}
	if (rc) {
		*e = errs[0];
		return rc;
	}
	if (inserted)
		im->st->inserted++;
	else
		im->st->updated++;
	if (pp.duplicates)
		im->st->possible_duplicates++;
	return PO_OK;
}

/* See import.h. */
int app_import_people(app_t *a, const import_opts_t *o, import_stats_t *st, err_t *e)
{
	struct importer im;
	people_memo_t memo;
	bloom_t seen = {NULL, 0};
	char rej_path[PATH_MAX_LEN], tmp_path[PATH_MAX_LEN + 8], detail[256];
	FILE *f = NULL, *src = NULL;
	csv_reader_t *r = NULL;
	csv_record_t *rec = NULL;
	struct stat sb;
	bool in_tx = false, bulk = false;
	size_t rows_done = 0;
	int64_t existing = 0;
	size_t batch = o->batch_rows ? o->batch_rows : IMPORT_BATCH_ROWS;
	int rc = PO_OK, got;

	memset(st, 0, sizeof *st);
	memset(&im, 0, sizeof im);
	memset(&memo, 0, sizeof memo);
	im.a = a;
	im.o = o;
	im.st = st;
	buf_init(&im.line, CSV_RECORD_MAX * 2 + 8192);
	buf_init(&im.reason, PERSON_ERRORS_MAX * (ERR_TEXT_MAX + 64));

	if (o->reject_path)
		rc = snprintf(rej_path, sizeof rej_path, "%s", o->reject_path) >= (int)sizeof rej_path;
	else
		rc = snprintf(rej_path, sizeof rej_path, "%s.rejects.csv", o->path) >= (int)sizeof rej_path;
	if (rc)
		return err_set(e, PO_EINVAL, "reject", MSG_LIMIT, "path", (size_t)PATH_MAX_LEN);
	snprintf(tmp_path, sizeof tmp_path, "%s.part", rej_path);

	f = fopen(o->path, "rb");
	if (!f)
		return err_set(e, PO_EINVAL, "file", MSG_IO, o->path, strerror(errno));
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		return err_set(e, PO_EINVAL, "file", MSG_IO, o->path, strerror(EISDIR));
	}
	im.size = sb.st_size;
	{
		/* the reject file replaces its path at the end: never the input */
		struct stat rb;
		if (stat(rej_path, &rb) == 0 && rb.st_dev == sb.st_dev && rb.st_ino == sb.st_ino) {
			rc = err_set(e, PO_EINVAL, "reject", MSG_IMPORT_REJECT_IS_INPUT, rej_path);
			goto out;
		}
	}
	trace(o, "start");
	if (o->encoding == VN_LEGACY_NONE) {
		rc = import_scan_utf8(f, o->path, e);
		if (rc)
			goto out;
		rewind(f);
		src = f;
		trace(o, "UTF-8 checked");
	} else {
		rc = convert_legacy(f, o->encoding, o->path, &src, e);
		if (rc)
			goto out;
	}
	r = csv_reader_new(src);
	rec = malloc(sizeof *rec);
	if (!r || !rec) {
		rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		goto out;
	}

	/* the header: the first record that is not blank */
	rc = import_read_header(r, rec, st, o->lang, e);
	if (rc)
		goto out;
	rc = map_header(&im, rec, e);
	if (rc)
		goto out;
	im.rej = fopen(tmp_path, "wb");
	if (!im.rej) {
		rc = err_set(e, PO_EINVAL, "reject", MSG_IO, tmp_path, strerror(errno));
		goto out;
	}
	rc = import_reject_header(&im, rec, e);
	if (rc)
		goto out;

	memset(&memo, 0, sizeof memo);
	a->memo = &memo;
	rc = store_set_durable(a->store, false, e);
	if (rc)
		goto out;
	/* into an empty registry: one transaction, indexes built at the end */
	rc = store_people_count(a->store, &existing, e);
	if (rc)
		goto out;
	if (existing == 0) {
		if (bloom_init(&seen, IMPORT_SEEN_LOG2_BITS) != PO_OK) {
			rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
			goto out;
		}
		memo.seen = &seen;
		rc = store_tx_begin(a->store, e);
		if (rc)
			goto out;
		in_tx = true;
		bulk = true;
		rc = store_bulk_begin(a->store, e);
		if (rc)
			goto out;
	}
	while ((got = csv_read(r, rec)) == 1) {
		if (rec->blank) {
			st->blank++;
			continue;
		}
		if (!in_tx) {
			rc = store_tx_begin(a->store, e);
			if (rc)
				goto out;
			in_tx = true;
			im.batch_left = batch;
		}
		rc = import_row(&im, rec, e);
		if (rc)
			goto out;
		if (++rows_done % IMPORT_PROGRESS_ROWS == 0)
			progress(&im, r, false);
		if (!bulk && --im.batch_left == 0) {
			rc = store_tx_commit(a->store, e);
			if (rc)
				goto out;
			in_tx = false;
		}
	}
	if (got < 0) {
		rc = err_set(e, PO_EIO, "file", MSG_IO, o->path, strerror(errno));
		goto out;
	}
	if (!in_tx) {
		rc = store_tx_begin(a->store, e);
		if (rc)
			goto out;
		in_tx = true;
	}
	if (bulk) {
		trace(o, "rows loaded");
		rc = store_bulk_end(a->store, e);
		if (rc)
			goto out;
		trace(o, "indexes built");
		memo.seen = NULL;
		memo.hh_id = 0;
		rc = replay_deferred(&im, rec, e);
		if (rc)
			goto out;
		trace(o, "deferred rows replayed");
	}
	snprintf(detail, sizeof detail,
		 "{\"read\":%lld,\"inserted\":%lld,\"updated\":%lld,\"rejected\":%lld,\"blank\":%lld,"
		 "\"possible_duplicates\":%lld}",
		 (long long)st->read, (long long)st->inserted, (long long)st->updated, (long long)st->rejected,
		 (long long)st->blank, (long long)st->possible_duplicates);
	rc = store_audit(a->store, a->actor, "import.people", "person", 0, detail, e);
	if (rc)
		goto out;
	rc = store_tx_commit(a->store, e);
	if (rc)
		goto out;
	in_tx = false;
	progress(&im, r, true);
	trace(o, "committed");
	if (fclose(im.rej) != 0) {
		im.rej = NULL;
		rc = err_set(e, PO_EIO, "reject", MSG_IO, tmp_path, strerror(errno));
		goto out;
	}
	im.rej = NULL;
	if (rename(tmp_path, rej_path) != 0)
		rc = err_set(e, PO_EIO, "reject", MSG_IO, rej_path, strerror(errno));
out:
	a->memo = NULL;
	people_memo_free(&memo);
	bloom_free(&seen);
	if (in_tx)
		store_tx_rollback(a->store);
	store_set_durable(a->store, true, NULL);
	if (im.rej) {
		fclose(im.rej);
		unlink(tmp_path);
	}
	csv_reader_free(r);
	free(rec);
	if (im.deferred)
		fclose(im.deferred);
	if (src && src != f)
		fclose(src);
	if (f)
		fclose(f);
	buf_free(&im.line);
	buf_free(&im.reason);
	return rc;
}
