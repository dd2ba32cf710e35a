/* import_coverage.c: recording cover paid outside plusone (online
 * renewals, lists from the insurance office), so every figure stays true
 * without a receipt.  The same discipline as the people import: a file
 * that is not UTF-8 or lacks a column is refused whole; every row ends
 * inserted, updated (already recorded) or rejected with its line and
 * reason; rows are written in batches. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/import_int.h"
#include "core/text.h"

enum ccol { CC_CCCD = 0, CC_BHXH, CC_SCHEME, CC_FROM, CC_TO, CC_COUNT };

static const struct {
	const char *name, *vi;
} ccols[CC_COUNT] = {
	[CC_CCCD] = {"cccd", "Số CCCD"},
	[CC_BHXH] = {"bhxh_code", "Mã số BHXH"},
	[CC_SCHEME] = {"scheme", "Loại bảo hiểm"},
	[CC_FROM] = {"from", "Từ ngày"},
	[CC_TO] = {"to", "Đến ngày"},
};

/* The field of column c in record r, or NULL/0 when absent. */
static const char *field(const int *col, const csv_record_t *r, int c, size_t *n)
{
	int i = col[c];
	if (i < 0 || (size_t)i >= r->nfields) {
		*n = 0;
		return NULL;
	}
	*n = r->f[i].n;
	return r->f[i].p;
}

/* True when the text holds something besides blanks. */
static bool filled(const char *s, size_t n)
{
	size_t i;
	for (i = 0; s && i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return true;
	return false;
}

/* Checks and records one row. */
static int coverage_row(struct importer *im, const int *col, const csv_record_t *r, err_t *e)
{
	err_t errs[CC_COUNT + 1];
	size_t nerrs = 0, n;
	const char *v;
	char cccd[CCCD_LEN + 1] = "", bhxh[BHXH_LEN + 1] = "", scheme[8] = "";
	date_t from = {0, 0, 0, false}, to = {0, 0, 0, false};
	int64_t person = 0;
	bool inserted;
	int rc;

	if (r->bad) {
		import_reason(&r->err, 1, im->o->lang, &im->reason);
		return import_reject(im, r, buf_cstr(&im->reason), e);
	}
	v = field(col, r, CC_CCCD, &n);
	if (filled(v, n) && ids_cccd_parse(v, n, cccd, "cccd", &errs[nerrs]))
		nerrs++;
	v = field(col, r, CC_BHXH, &n);
	if (filled(v, n) && ids_bhxh_parse(v, n, bhxh, "bhxh_code", &errs[nerrs]))
		nerrs++;
	v = field(col, r, CC_SCHEME, &n);
	{
		char f[16];
		size_t len = vn_fold(v ? v : "", n, f, sizeof f);
		if (len == 4 && (memcmp(f, "bhxh", 4) == 0 || memcmp(f, "bhyt", 4) == 0))
			memcpy(scheme, f, 5);
		else
			err_set(&errs[nerrs++], PO_EINVAL, "scheme", MSG_COLLECT_SCHEME, len < sizeof f ? f : "");
	}
	v = field(col, r, CC_FROM, &n);
	if (date_parse_input(v ? v : "", n, false, &from, "from", &errs[nerrs]))
		nerrs++;
	v = field(col, r, CC_TO, &n);
	if (date_parse_input(v ? v : "", n, false, &to, "to", &errs[nerrs]))
		nerrs++;
	if (!nerrs && date_cmp(to, from) < 0)
		err_set(&errs[nerrs++], PO_EINVAL, "to", MSG_COVERAGE_DATES);
	if (!nerrs && !cccd[0] && !bhxh[0])
		err_set(&errs[nerrs++], PO_EINVAL, "cccd", MSG_COVERAGE_NO_ID);
	if (!nerrs) {
		rc = cccd[0] ? store_person_find_cccd(im->a->store, cccd, &person, e)
			     : store_person_find_bhxh(im->a->store, bhxh, &person, e);
		if (rc == PO_ENOTFOUND)
			err_set(&errs[nerrs++], PO_EINVAL, cccd[0] ? "cccd" : "bhxh_code", MSG_COVERAGE_PERSON);
		else if (rc)
			return rc;
	}
	if (!nerrs) {
		rc = store_coverage_import(im->a->store, person, scheme, from, to, im->o->path, &inserted, &errs[0]);
		if (rc == PO_ECONFLICT)
			nerrs = 1;
		else if (rc) {
			*e = errs[0];
			return rc;
		}
	}
	if (nerrs) {
		import_reason(errs, nerrs, im->o->lang, &im->reason);
		return import_reject(im, r, buf_cstr(&im->reason), e);
	}
	if (inserted)
		im->st->inserted++;
	else
		im->st->updated++;
	return PO_OK;
}

/* See import.h. */
int app_import_coverage(app_t *a, const import_opts_t *o, import_stats_t *st, err_t *e)
{
	struct importer im;
	char rej_path[4096], tmp_path[4104], detail[200];
	int col[CC_COUNT];
	FILE *f;
	csv_reader_t *r = NULL;
	csv_record_t *rec = NULL;
	struct stat sb;
	bool in_tx = false;
	size_t batch = o->batch_rows ? o->batch_rows : IMPORT_BATCH_ROWS, i;
	int rc, got, c;

	memset(st, 0, sizeof *st);
	memset(&im, 0, sizeof im);
	im.a = a;
	im.o = o;
	im.st = st;
	buf_init(&im.line, CSV_RECORD_MAX * 2 + 8192);
	buf_init(&im.reason, (CC_COUNT + 1) * (ERR_TEXT_MAX + 64));
	if (snprintf(rej_path, sizeof rej_path, "%s", o->reject_path ? o->reject_path : "") >= (int)sizeof rej_path ||
	    (!o->reject_path && snprintf(rej_path, sizeof rej_path, "%s.rejects.csv", o->path) >= (int)sizeof rej_path))
		return err_set(e, PO_EINVAL, "reject", MSG_LIMIT, "path", sizeof rej_path);
	snprintf(tmp_path, sizeof tmp_path, "%s.part", rej_path);
	f = fopen(o->path, "rb");
	if (!f)
		return err_set(e, PO_EINVAL, "file", MSG_IO, o->path, strerror(errno));
	rc = fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode) ? err_set(e, PO_EINVAL, "file", MSG_IO, o->path, strerror(EISDIR))
								: PO_OK;
	if (!rc) {
		struct stat rb;
		if (stat(rej_path, &rb) == 0 && rb.st_dev == sb.st_dev && rb.st_ino == sb.st_ino)
			rc = err_set(e, PO_EINVAL, "reject", MSG_IMPORT_REJECT_IS_INPUT, rej_path);
	}
	if (!rc)
		rc = import_scan_utf8(f, o->path, e);
	if (rc)
		goto out;
	rewind(f);
	r = csv_reader_new(f);
	rec = malloc(sizeof *rec);
	if (!r || !rec) {
		rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		goto out;
	}
	rc = import_read_header(r, rec, st, o->lang, e);
	if (rc)
		goto out;
	for (c = 0; c < CC_COUNT; c++)
		col[c] = -1;
	for (i = 0; i < rec->nfields; i++)
		for (c = 0; c < CC_COUNT; c++)
			if (col[c] < 0 && (vn_header_eq(rec->f[i].p, rec->f[i].n, ccols[c].name) ||
					   vn_header_eq(rec->f[i].p, rec->f[i].n, ccols[c].vi)))
				col[c] = (int)i;
	for (c = CC_SCHEME; c < CC_COUNT; c++)
		if (col[c] < 0) {
			rc = err_set(e, PO_EINVAL, ccols[c].name, MSG_IMPORT_MISSING_COLUMN, ccols[c].vi, ccols[c].name);
			goto out;
		}
	if (col[CC_CCCD] < 0 && col[CC_BHXH] < 0) {
		rc = err_set(e, PO_EINVAL, "cccd", MSG_COVERAGE_ID_COLUMN);
		goto out;
	}
	im.nheader = rec->nfields;
	im.rej = fopen(tmp_path, "wb");
	if (!im.rej) {
		rc = err_set(e, PO_EINVAL, "reject", MSG_IO, tmp_path, strerror(errno));
		goto out;
	}
	rc = import_reject_header(&im, rec, e);
	while (!rc && (got = csv_read(r, rec)) == 1) {
		if (rec->blank) {
			st->blank++;
			continue;
		}
		if (!in_tx) {
			rc = store_tx_begin(a->store, e);
			if (rc)
				break;
			in_tx = true;
			im.batch_left = batch;
		}
		rc = coverage_row(&im, col, rec, e);
		if (!rc && --im.batch_left == 0) {
			rc = store_tx_commit(a->store, e);
			in_tx = rc != PO_OK;
		}
	}
	if (!rc && got < 0)
		rc = err_set(e, PO_EIO, "file", MSG_IO, o->path, strerror(errno));
	if (!rc && !in_tx) {
		rc = store_tx_begin(a->store, e);
		in_tx = rc == PO_OK;
	}
	st->read = st->inserted + st->updated + st->rejected;
	if (!rc) {
		snprintf(detail, sizeof detail,
			 "{\"read\":%lld,\"inserted\":%lld,\"updated\":%lld,\"rejected\":%lld,\"blank\":%lld}",
			 (long long)st->read, (long long)st->inserted, (long long)st->updated, (long long)st->rejected,
			 (long long)st->blank);
		rc = store_audit(a->store, a->actor, "import.coverage", "coverage", 0, detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (!rc)
		in_tx = false;
	if (!rc) {
		FILE *rej = im.rej;
		im.rej = NULL;
		if (fclose(rej) != 0 || rename(tmp_path, rej_path) != 0)
			rc = err_set(e, PO_EIO, "reject", MSG_IO, rej_path, strerror(errno));
	}
out:
	if (in_tx)
		store_tx_rollback(a->store);
	if (im.rej) {
		fclose(im.rej);
		unlink(tmp_path);
	}
	csv_reader_free(r);
	free(rec);
	fclose(f);
	buf_free(&im.line);
	buf_free(&im.reason);
	return rc;
}
