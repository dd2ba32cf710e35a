/* cmd_import.c: `plusone import people FILE [--reject REJECTS.csv]
 * [--encoding utf8|tcvn3|vni] [--batch N] [--no-progress]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/import.h"
#include "cli/cli.h"

/* Parses --batch: rows per transaction, 1..1,000,000. */
static int batch_arg(const char *s, size_t *out, err_t *e)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || end == s || v < 1 || v > 1000000)
		return err_set(e, PO_EINVAL, "--batch", MSG_CLI_BAD_NUMBER, "--batch");
	*out = (size_t)v;
	return PO_OK;
}

/* The contract's import counts as JSON. */
static json_t *stats_json(const import_stats_t *st)
{
	return json_pack("{s:I,s:I,s:I,s:I,s:I}", "read", (json_int_t)st->read, "inserted", (json_int_t)st->inserted,
			 "updated", (json_int_t)st->updated, "rejected", (json_int_t)st->rejected, "blank",
			 (json_int_t)st->blank);
}

/* Renders the import's progress on standard error, at most once a
 * second, and ends the line when done. */
static void show_progress(const import_stats_t *st, int percent, bool done, void *ctx)
{
	static time_t last;
	const cli_t *c = ctx;
	time_t now = time(NULL);
	if (!done && now == last)
		return;
	last = now;
	fprintf(stderr,
		c->lang == LANG_EN ? "\r%lld rows (%d%%): %lld inserted, %lld updated, %lld rejected   "
				   : "\r%lld dòng (%d%%): thêm %lld, cập nhật %lld, loại %lld   ",
		(long long)(st->inserted + st->updated + st->rejected), percent, (long long)st->inserted,
		(long long)st->updated, (long long)st->rejected);
	if (done)
		fputc('\n', stderr);
}

/* `import people`. */
static int import_people(cli_t *c, int argc, char **argv)
{
	const char *rej = NULL, *enc = NULL, *batch = NULL;
	bool quiet = false;
	cli_opt_t opts[] = {{"reject", &rej, NULL}, {"encoding", &enc, NULL}, {"batch", &batch, NULL},
			    {"no-progress", NULL, &quiet}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	import_opts_t o;
	import_stats_t st;
	err_t e;

	memset(&o, 0, sizeof o);
	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "FILE", MSG_CLI_MISSING_ARG, "FILE");
	if (!rc && enc && !vn_legacy_parse_name(enc, &o.encoding))
		rc = err_set(&e, PO_EINVAL, "--encoding", MSG_CLI_BAD_ENCODING, enc);
	if (!rc && batch)
		rc = batch_arg(batch, &o.batch_rows, &e);
	if (rc)
		return cli_fail(c, &e);
	o.path = pos[0];
	o.reject_path = rej;
	o.lang = c->lang;
	if (!quiet && isatty(2)) {
		o.progress = show_progress;
		o.progress_ctx = c;
	}
	rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_import_people(&c->app, &o, &st, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		/* and, when there are some, the inserted rows listed as
		 * possible duplicates (so that an import without them prints
		 * exactly the contract's keys) */
		json_t *doc = stats_json(&st);
		if (st.possible_duplicates)
			json_object_set_new(doc, "possible_duplicates", json_integer(st.possible_duplicates));
		return cli_print_json(doc);
	}
	if (st.possible_duplicates)
		printf(c->lang == LANG_EN ? "%lld people added beside a namesake: see `people duplicates`.\n"
					  : "%lld người được thêm bên cạnh một người trùng tên: xem `people duplicates`.\n",
		       (long long)st.possible_duplicates);
	if (c->lang == LANG_EN)
		printf("Read %lld rows: %lld inserted, %lld updated, %lld rejected; %lld blank lines.\n",
		       (long long)st.read, (long long)st.inserted, (long long)st.updated, (long long)st.rejected,
		       (long long)st.blank);
	else
		printf("Đã đọc %lld dòng: thêm %lld, cập nhật %lld, loại %lld; %lld dòng trống.\n",
		       (long long)st.read, (long long)st.inserted, (long long)st.updated, (long long)st.rejected,
		       (long long)st.blank);
	if (st.rejected)
		printf(c->lang == LANG_EN ? "Rejected rows and reasons: %s%s\n" : "Các dòng bị loại và lý do: %s%s\n",
		       rej ? rej : o.path, rej ? "" : ".rejects.csv");
	return 0;
}

/* `import coverage FILE [--reject R] [--batch N]`. */
static int import_coverage(cli_t *c, int argc, char **argv)
{
	const char *rej = NULL, *batch = NULL;
	cli_opt_t opts[] = {{"reject", &rej, NULL}, {"batch", &batch, NULL}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	import_opts_t o;
	import_stats_t st;
	err_t e;

	memset(&o, 0, sizeof o);
	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "FILE", MSG_CLI_MISSING_ARG, "FILE");
	if (!rc && batch)
		rc = batch_arg(batch, &o.batch_rows, &e);
	if (rc)
		return cli_fail(c, &e);
	o.path = pos[0];
	o.reject_path = rej;
	o.lang = c->lang;
	rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_import_coverage(&c->app, &o, &st, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		return cli_print_json(stats_json(&st));
	}
	printf(c->lang == LANG_EN ? "Read %lld rows: %lld periods recorded, %lld already there, %lld rejected.\n"
				  : "Đã đọc %lld dòng: ghi %lld kỳ, %lld kỳ đã có, loại %lld.\n",
	       (long long)st.read, (long long)st.inserted, (long long)st.updated, (long long)st.rejected);
	return 0;
}

/* See cli.h. */
int cmd_import(cli_t *c, int argc, char **argv)
{
	err_t e;
	if (argc >= 1 && strcmp(argv[0], "people") == 0)
		return import_people(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "coverage") == 0)
		return import_coverage(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "import", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "import");
	return cli_fail(c, &e);
}
