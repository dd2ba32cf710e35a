/* cmd_money.c: the money commands: `collect`, `receipt void`, `remit`,
 * `cash`, `referrals` (see app/collect.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/collect.h"
#include "app/idem.h"
#include "app/ledger.h"
#include "cli/cli.h"
#include "report/json_ledger.h"

#define COLLECT_INPUT_MAX (1u << 20) /* bytes of the payment read from stdin */

/* Reads the payment JSON from stdin into rq (app_collect_parse names the
 * first problem as the command line does). */
static int read_payment(collect_request_t *rq, err_t *e)
{
	char *buf = malloc(COLLECT_INPUT_MAX + 1);
	size_t n, nerrs = 0;
	json_t *doc;
	json_error_t je;
	int rc;
	if (!buf)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	n = fread(buf, 1, COLLECT_INPUT_MAX + 1, stdin);
	if (n > COLLECT_INPUT_MAX) {
		free(buf);
		return err_set(e, PO_ELIMIT, "stdin", MSG_LIMIT, "stdin", (size_t)COLLECT_INPUT_MAX);
	}
	doc = json_loadb(buf, n, JSON_REJECT_DUPLICATES, &je);
	free(buf);
	if (!doc || !json_is_object(doc)) {
		json_decref(doc);
		return err_set(e, PO_EINVAL, "stdin", MSG_CLI_JSON_BAD, doc ? 0 : je.line, doc ? "object expected" : je.text);
	}
	rc = app_collect_parse(doc, rq, false, e, 1, &nerrs);
	json_decref(doc);
	return rc;
}

/* Prints a receipt as text: the printable receipt. */
static void receipt_print(const receipt_t *r, const receipt_line_t *lines, size_t n, enum lang lang)
{
	char d[DATE_ISO_LEN + 1], f[DATE_ISO_LEN + 1], t[DATE_ISO_LEN + 1], m[MONEY_FMT_MAX];
	size_t i;
	date_format_iso(r->date, d);
	printf(lang == LANG_EN ? "RECEIPT  book %s  no. %lld  date %s  collector %s  payer %lld\n"
			       : "BIÊN LAI  quyển %s  số %lld  ngày %s  người thu %s  người nộp %lld\n",
	       r->book, (long long)r->serial, d, r->collector, (long long)r->payer_id);
	for (i = 0; i < n; i++) {
		date_format_iso(lines[i].from, f);
		date_format_iso(lines[i].to, t);
		money_format(lines[i].net, 1, m);
		printf("  %lld %-4s %s → %s (%d %s) %16s\n", (long long)lines[i].person_id,
		       lines[i].scheme[2] == 'x' ? "BHXH" : "BHYT", f, t, lines[i].months,
		       lang == LANG_EN ? "months" : "tháng", m);
	}
	money_format(r->total, 1, m);
	printf(lang == LANG_EN ? "  Total %s\n" : "  Tổng cộng %s\n", m);
}

/* The answer a keyed `collect` remembers (app_idem_t render; result a
 * collect_result_t): {"receipt"} as --json prints it. */
static char *collect_answer(const void *result, int *status, void *ctx)
{
	const collect_result_t *res = result;
	json_t *o = json_pack("{s:o}", "receipt", report_receipt(res->r, res->lines, res->n));
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	(void)ctx;
	json_decref(o);
	*status = 0;
	return s;
}

/* `collect --collector USERNAME --date D [--idempotency-key KEY]` with
 * the payment on stdin.  With a key, the same payment sent again prints
 * the receipt it first issued and records nothing. */
static int cmd_collect_run(cli_t *c, int argc, char **argv)
{
	const char *collector = NULL, *date_s = NULL, *key = NULL;
	cli_opt_t opts[] = {{"collector", &collector, NULL},
			    {"date", &date_s, NULL},
			    {"idempotency-key", &key, NULL},
			    {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	collect_request_t rq;
	receipt_t r;
	receipt_line_t lines[RECEIPT_LINES_MAX];
	size_t n = 0;
	app_idem_t k;
	date_t d;
	err_t e;

	memset(&k, 0, sizeof k);
	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && !collector)
		rc = err_set(&e, PO_EINVAL, "--collector", MSG_CLI_MISSING_ARG, "--collector");
	if (!rc && !date_s)
		rc = err_set(&e, PO_EINVAL, "--date", MSG_CLI_MISSING_ARG, "--date");
	if (!rc)
		rc = cli_date_arg(date_s, "date", &d, &e);
	if (!rc)
		rc = read_payment(&rq, &e);
	if (!rc && key) {
		json_t *canon = app_collect_canon(&rq, d);
		rc = app_idem_init(&k, key, "collect.cli", 0, canon, collect_answer, NULL, &e);
		if (rc && !strcmp(e.field, "Idempotency-Key"))
			memcpy(e.field, "--idempotency-key", sizeof "--idempotency-key");
		json_decref(canon);
	}
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_collect_k(&c->app, collector, d, &rq, key ? &k : NULL, &r, lines, &e);
	n = rq.n;
	/* sent again: the receipt first issued, as recorded */
	if (!rc && key && k.replayed && !c->json)
		rc = app_receipt_show(&c->app, k.rec.entity_id, &r, lines, &n, &e);
	if (rc) {
		app_idem_free(&k);
		return cli_fail(c, &e);
	}
	if (c->json && key) {
		json_error_t je;
		rc = cli_print_json(json_loads(k.rec.response, 0, &je));
		app_idem_free(&k);
		return rc;
	}
	app_idem_free(&k);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "receipt", report_receipt(&r, lines, n));
		return cli_print_json(o);
	}
	receipt_print(&r, lines, n, c->lang);
	return 0;
}

/* Parses a positive id argument. */
static int id_arg(const char *s, int64_t *out, err_t *e)
{
	char *end;
	long long v;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || end == s || v < 1)
		return err_set(e, PO_EINVAL, "id", MSG_CLI_BAD_ID, s);
	*out = v;
	return PO_OK;
}

/* `receipt void ID --reason TEXT`. */
static int receipt_void(cli_t *c, int argc, char **argv)
{
	const char *reason = NULL;
	cli_opt_t opts[] = {{"reason", &reason, NULL}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	int64_t id = 0;
	receipt_t r;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "id", MSG_CLI_MISSING_ARG, "ID");
	if (!rc)
		rc = id_arg(pos[0], &id, &e);
	if (!rc && !reason)
		rc = err_set(&e, PO_EINVAL, "--reason", MSG_CLI_MISSING_ARG, "--reason");
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_receipt_void(&c->app, id, reason, &r, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "receipt", report_receipt_voided(&r, reason));
		return cli_print_json(o);
	}
	printf(c->lang == LANG_EN ? "Receipt %lld (book %s no. %lld) is void.\n"
				  : "Đã hủy biên lai %lld (quyển %s số %lld).\n",
	       (long long)r.id, r.book, (long long)r.serial);
	return 0;
}

/* `remit --collector USERNAME --date D`. */
static int remit_run(cli_t *c, int argc, char **argv)
{
	const char *collector = NULL, *date_s = NULL;
	cli_opt_t opts[] = {{"collector", &collector, NULL}, {"date", &date_s, NULL}, {NULL, NULL, NULL}};
	char *pos[1], am[MONEY_FMT_MAX], cm[MONEY_FMT_MAX];
	int npos, rc;
	remittance_sum_t m;
	date_t d;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && !collector)
		rc = err_set(&e, PO_EINVAL, "--collector", MSG_CLI_MISSING_ARG, "--collector");
	if (!rc && !date_s)
		rc = err_set(&e, PO_EINVAL, "--date", MSG_CLI_MISSING_ARG, "--date");
	if (!rc)
		rc = cli_date_arg(date_s, "date", &d, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_remit(&c->app, collector, d, &m.id, &m.receipts, &m.amount, &m.commission, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "remittance", report_remittance(&m));
		return cli_print_json(o);
	}
	money_format(m.amount, 1, am);
	money_format(m.commission, 1, cm);
	printf(c->lang == LANG_EN ? "Remitted %lld receipts, %s; commission %s.\n"
				  : "Đã nộp %lld biên lai, %s; thù lao thu %s.\n",
	       (long long)m.receipts, am, cm);
	return 0;
}

/* `cash --collector USERNAME`. */
static int cash_run(cli_t *c, int argc, char **argv)
{
	const char *collector = NULL;
	cli_opt_t opts[] = {{"collector", &collector, NULL}, {NULL, NULL, NULL}};
	char *pos[1], a[MONEY_FMT_MAX], b[MONEY_FMT_MAX], h[MONEY_FMT_MAX];
	int npos, rc;
	cash_sum_t cs;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && !collector)
		rc = err_set(&e, PO_EINVAL, "--collector", MSG_CLI_MISSING_ARG, "--collector");
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_cash(&c->app, collector, &cs.receipts, &cs.collected, &cs.remitted, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		return cli_print_json(report_cash(&cs));
	money_format(cs.collected, 1, a);
	money_format(cs.remitted, 1, b);
	money_format(cs.collected - cs.remitted, 1, h);
	printf(c->lang == LANG_EN ? "%lld receipts: collected %s, remitted %s, on hand %s.\n"
				  : "%lld biên lai: đã thu %s, đã nộp %s, đang giữ %s.\n",
	       (long long)cs.receipts, a, b, h);
	return 0;
}

struct brought_out {
	cli_t *c;
	json_t *arr;
};

/* Prints or collects one person someone brought in. */
static int brought_row(int64_t person, const char *relation, date_t d, void *ctx)
{
	struct brought_out *o = ctx;
	person_t p;
	err_t e;
	char iso[DATE_ISO_LEN + 1];
	date_format_iso(d, iso);
	if (app_person_get(&o->c->app, person, NULL, 0, &p, &e))
		p.full_name[0] = '\0';
	if (o->arr) {
		json_array_append_new(o->arr, json_pack("{s:I,s:s,s:s,s:s}", "person", (json_int_t)person, "full_name",
							p.full_name, "relation", relation, "date", iso));
	} else {
		printf("  %-8lld ", (long long)person);
		cli_print_padded(p.full_name, 30);
		printf(" %-10s %s\n", relation, iso);
	}
	return 0;
}

/* `referrals --person ID`: the people she brought in. */
static int referrals_of(cli_t *c, const char *person_s)
{
	struct brought_out o = {c, NULL};
	int64_t id = 0;
	int rc;
	err_t e;
	rc = id_arg(person_s, &id, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		o.arr = json_array();
	rc = app_referrals_by(&c->app, id, brought_row, &o, &e);
	if (rc) {
		json_decref(o.arr);
		return cli_fail(c, &e);
	}
	if (c->json)
		return cli_print_json(json_pack("{s:I,s:o}", "person", (json_int_t)id, "brought", o.arr));
	return 0;
}

/* `referrals --unit CODE` | `referrals --person ID`. */
static int referrals_run(cli_t *c, int argc, char **argv)
{
	const char *unit = NULL, *person = NULL;
	cli_opt_t opts[] = {{"unit", &unit, NULL}, {"person", &person, NULL}, {NULL, NULL, NULL}};
	referral_summary_t s;
	char *pos[1];
	int npos, rc;
	size_t i;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && person && !unit)
		return referrals_of(c, person);
	if (!rc && !unit)
		rc = err_set(&e, PO_EINVAL, "--unit", MSG_CLI_MISSING_ARG, "--unit");
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_referral_summary(&c->app, unit, &s, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = report_referrals(&s);
		json_object_set_new(o, "enrolled_members", json_integer(s.enrolled));
		json_object_set_new(o, "members_who_brought", json_integer(s.brought));
		json_object_set_new(o, "completion_bp", json_integer(s.completion_bp));
		return cli_print_json(o);
	}
	printf(c->lang == LANG_EN ? "%lld pairs, %lld people brought someone in.\n"
				  : "%lld cặp 1+1, %lld người đã vận động thêm người.\n",
	       (long long)s.pairs, (long long)s.mobilizers);
	for (i = 0; i < s.ntop; i++) {
		printf("  %-8lld ", (long long)s.top[i].person);
		cli_print_padded(s.top[i].full_name, 30);
		printf(" %lld\n", (long long)s.top[i].mobilized);
	}
	return 0;
}

/* See cli.h. */
int cmd_collect(cli_t *c, int argc, char **argv)
{
	return cmd_collect_run(c, argc, argv);
}

/* `receipt show ID`: the receipt as printed. */
static int receipt_show(cli_t *c, int argc, char **argv)
{
	char *pos[1];
	int npos, rc;
	int64_t id = 0;
	receipt_t r;
	receipt_line_t lines[RECEIPT_LINES_MAX];
	size_t n = 0;
	err_t e;

	rc = cli_parse(argc, argv, NULL, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "id", MSG_CLI_MISSING_ARG, "ID");
	if (!rc)
		rc = id_arg(pos[0], &id, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_receipt_show(&c->app, id, &r, lines, &n, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "receipt", report_receipt_shown(&r, lines, n));
		return cli_print_json(o);
	}
	receipt_print(&r, lines, n, c->lang);
	if (r.is_void)
		printf(c->lang == LANG_EN ? "  VOID\n" : "  ĐÃ HỦY\n");
	return 0;
}

/* See cli.h. */
int cmd_receipt(cli_t *c, int argc, char **argv)
{
	err_t e;
	if (argc >= 1 && strcmp(argv[0], "void") == 0)
		return receipt_void(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "show") == 0)
		return receipt_show(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "receipt", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "receipt");
	return cli_fail(c, &e);
}

/* See cli.h. */
int cmd_remit(cli_t *c, int argc, char **argv)
{
	return remit_run(c, argc, argv);
}

/* See cli.h. */
int cmd_cash(cli_t *c, int argc, char **argv)
{
	return cash_run(c, argc, argv);
}

/* See cli.h. */
int cmd_referrals(cli_t *c, int argc, char **argv)
{
	return referrals_run(c, argc, argv);
}

/* `referral add PERSON --by ID [--relation R] [--date D]`: a 1+1
 * referral recorded after the payment. */
static int referral_add(cli_t *c, int argc, char **argv)
{
	const char *by_s = NULL, *rel = "other", *date_s = NULL;
	cli_opt_t opts[] = {{"by", &by_s, NULL}, {"relation", &rel, NULL}, {"date", &date_s, NULL}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	int64_t person = 0, by = 0;
	date_t d;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "person", MSG_CLI_MISSING_ARG, "PERSON");
	if (!rc)
		rc = id_arg(pos[0], &person, &e);
	if (!rc && !by_s)
		rc = err_set(&e, PO_EINVAL, "--by", MSG_CLI_MISSING_ARG, "--by");
	if (!rc)
		rc = id_arg(by_s, &by, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	d = c->app.today;
	if (!rc && date_s)
		rc = cli_date_arg(date_s, "date", &d, &e);
	if (!rc)
		rc = app_referral_add(&c->app, person, by, rel, d, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		return cli_print_json(json_pack("{s:I,s:I,s:s}", "person", (json_int_t)person, "referred_by", (json_int_t)by,
						"relation", rel));
	printf(c->lang == LANG_EN ? "Recorded: %lld was brought in by %lld (%s).\n"
				  : "Đã ghi: người %lld do người %lld vận động (%s).\n",
	       (long long)person, (long long)by, rel);
	return 0;
}

/* See cli.h. */
int cmd_referral(cli_t *c, int argc, char **argv)
{
	err_t e;
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return referral_add(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "referral", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "referral");
	return cli_fail(c, &e);
}

struct due_out {
	cli_t *c;
	json_t *arr;
};

/* Prints or collects one person due, with a ready reminder. */
static int due_row(const due_item_t *d, void *ctx)
{
	struct due_out *o = ctx;
	char last[DATE_ISO_LEN + 1], msg[REMINDER_MAX];
	bool bhyt = d->scheme[2] == 'y';
	if (o->arr) {
		json_array_append_new(o->arr, report_due_item(d));
	} else {
		date_format_iso(d->last, last);
		report_due_reminder(d, msg, sizeof msg);
		printf("%-8lld ", (long long)d->p.id);
		cli_print_padded(d->p.full_name, 28);
		printf(" %-10s %s %s\n  %s\n", d->p.phone[0] ? d->p.phone : "-", bhyt ? "BHYT" : "BHXH", last, msg);
	}
	return 0;
}

/* `due --unit CODE [--days N] [--date D]`: who must pay soon. */
int cmd_due(cli_t *c, int argc, char **argv)
{
	const char *unit = NULL, *days_s = NULL, *date_s = NULL;
	cli_opt_t opts[] = {{"unit", &unit, NULL}, {"days", &days_s, NULL}, {"date", &date_s, NULL}, {NULL, NULL, NULL}};
	struct due_out o = {c, NULL};
	char *pos[1], *end;
	int npos, rc, days = 30;
	date_t d;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && !unit)
		rc = err_set(&e, PO_EINVAL, "--unit", MSG_CLI_MISSING_ARG, "--unit");
	if (!rc && days_s) {
		long v = strtol(days_s, &end, 10);
		if (*end || end == days_s || v < 0 || v > DUE_DAYS_MAX)
			rc = err_set(&e, PO_EINVAL, "days", MSG_DUE_DAYS, DUE_DAYS_MAX);
		else
			days = (int)v;
	}
	if (!rc)
		rc = cli_open(c, false, &e);
	d = c->app.today;
	if (!rc && date_s)
		rc = cli_date_arg(date_s, "date", &d, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		o.arr = json_array();
	rc = app_due(&c->app, unit, d, days, due_row, &o, &e);
	if (rc) {
		json_decref(o.arr);
		return cli_fail(c, &e);
	}
	if (c->json) {
		json_t *j = json_object();
		json_object_set_new(j, "date", cli_json_date(d));
		json_object_set_new(j, "days", json_integer(days));
		json_object_set_new(j, "due", o.arr);
		return cli_print_json(j);
	}
	return 0;
}

/* `participation PERSON [--date D]`: her voluntary BHXH state;
 * `participation PERSON --stop --date D --reason TEXT` records a stop. */
int cmd_participation(cli_t *c, int argc, char **argv)
{
	const char *date_s = NULL, *reason = NULL;
	bool stop = false;
	cli_opt_t opts[] = {{"date", &date_s, NULL}, {"stop", NULL, &stop}, {"reason", &reason, NULL}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	int64_t id = 0;
	participation_t pt;
	date_t d;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "person", MSG_CLI_MISSING_ARG, "PERSON");
	if (!rc)
		rc = id_arg(pos[0], &id, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	d = c->app.today;
	if (!rc && date_s)
		rc = cli_date_arg(date_s, "date", &d, &e);
	if (!rc && stop && !reason)
		rc = err_set(&e, PO_EINVAL, "--reason", MSG_CLI_MISSING_ARG, "--reason");
	if (!rc && stop)
		rc = app_participation_stop(&c->app, id, d, reason, &e);
	if (!rc)
		rc = app_participation(&c->app, id, d, &pt, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "person", json_integer(id));
		json_object_set_new(o, "date", cli_json_date(d));
		json_object_set_new(o, "state", json_string(pt.state));
		json_object_set_new(o, "start", pt.enrolled ? cli_json_date(pt.start) : json_null());
		json_object_set_new(o, "mode_months", pt.mode_months ? json_integer(pt.mode_months) : json_null());
		json_object_set_new(o, "income", pt.income ? json_integer(pt.income) : json_null());
		json_object_set_new(o, "last_covered", pt.enrolled ? cli_json_date(pt.last_covered) : json_null());
		json_object_set_new(o, "next_from", pt.enrolled ? cli_json_date(pt.next_from) : json_null());
		json_object_set_new(o, "deadline", pt.enrolled ? cli_json_date(pt.deadline) : json_null());
		return cli_print_json(o);
	}
	if (!pt.enrolled) {
		printf(c->lang == LANG_EN ? "Not enrolled in voluntary social insurance.\n"
					  : "Chưa tham gia BHXH tự nguyện.\n");
		return 0;
	}
	{
		char lc[DATE_ISO_LEN + 1], dl[DATE_ISO_LEN + 1];
		date_format_iso(pt.last_covered, lc);
		date_format_iso(pt.deadline, dl);
		printf(c->lang == LANG_EN ? "State: %s; covered until %s; next payment due by %s.\n"
					  : "Trạng thái: %s; đã đóng đến %s; kỳ tiếp theo phải đóng trước %s.\n",
		       strcmp(pt.state, "active") == 0    ? (c->lang == LANG_EN ? "active" : "đang tham gia")
		       : strcmp(pt.state, "due") == 0     ? (c->lang == LANG_EN ? "due" : "đến hạn đóng")
		       : strcmp(pt.state, "stopped") == 0 ? (c->lang == LANG_EN ? "stopped" : "đã dừng tham gia")
							  : (c->lang == LANG_EN ? "paused" : "tạm dừng"),
		       lc, dl);
	}
	return 0;
}
