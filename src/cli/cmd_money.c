/* cmd_money.c: the money commands: `collect`, `receipt void`, `remit`,
 * `cash`, `referrals` (see app/collect.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/collect.h"
#include "cli/cli.h"

#define COLLECT_INPUT_MAX (1u << 20) /* bytes of the payment read from stdin */

/* A positive id from a JSON value (integer); 0 when absent or null. */
static int json_id(json_t *v, const char *field, int64_t *out, bool required, err_t *e)
{
	*out = 0;
	if (!v || json_is_null(v)) {
		if (required)
			return err_set(e, PO_EINVAL, field, MSG_CLI_MISSING_ARG, field);
		return PO_OK;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return err_set(e, PO_EINVAL, field, MSG_CLI_JSON_FIELD, field);
	*out = json_integer_value(v);
	return PO_OK;
}

/* Reads the payment JSON from stdin into rq. */
static int read_payment(collect_request_t *rq, err_t *e)
{
	char *buf = malloc(COLLECT_INPUT_MAX + 1);
	size_t n;
	json_t *doc, *items, *it;
	json_error_t je;
	size_t i;
	int rc = PO_OK;
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
	memset(rq, 0, sizeof *rq);
	rc = json_id(json_object_get(doc, "payer"), "payer", &rq->payer, true, e);
	if (!rc)
		rc = json_id(json_object_get(doc, "referred_by"), "referred_by", &rq->referred_by, false, e);
	if (!rc && json_object_get(doc, "method")) {
		const char *m = json_string_value(json_object_get(doc, "method"));
		if (!m || strlen(m) >= sizeof rq->method)
			rc = err_set(e, PO_EINVAL, "method", MSG_COLLECT_METHOD, m ? m : "");
		else
			memcpy(rq->method, m, strlen(m) + 1);
	}
	items = json_object_get(doc, "items");
	if (!rc && (!json_is_array(items) || json_array_size(items) < 1 || json_array_size(items) > RECEIPT_LINES_MAX))
		rc = err_set(e, PO_EINVAL, "items", MSG_COLLECT_NO_ITEMS, RECEIPT_LINES_MAX);
	json_array_foreach(items, i, it)
	{
		collect_item_t *ci = &rq->items[i];
		json_t *v;
		const char *scheme;
		if (rc)
			break;
		if (!json_is_object(it)) {
			rc = err_set(e, PO_EINVAL, "items", MSG_CLI_JSON_FIELD, "items");
			break;
		}
		scheme = json_string_value(json_object_get(it, "scheme"));
		if (!scheme || (strcmp(scheme, "bhxh") && strcmp(scheme, "bhyt"))) {
			rc = err_set(e, PO_EINVAL, "scheme", MSG_COLLECT_SCHEME, scheme ? scheme : "");
			break;
		}
		memcpy(ci->scheme, scheme, 5);
		rc = json_id(json_object_get(it, "person"), "person", &ci->person, true, e);
		if (rc)
			break;
		v = json_object_get(it, "months");
		if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 12) {
			rc = err_set(e, PO_EINVAL, "months", MSG_CLI_RANGE, "months", 1L, 12L);
			break;
		}
		ci->months = (int)json_integer_value(v);
		if (ci->scheme[2] == 'x') {
			v = json_object_get(it, "income");
			if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > MONEY_MAX) {
				rc = err_set(e, PO_EINVAL, "income", MSG_CLI_JSON_FIELD, "income");
				break;
			}
			ci->income = json_integer_value(v);
			v = json_object_get(it, "category");
			if (v && !json_is_null(v)) {
				if (!json_is_string(v) || !bhxh_category_parse(json_string_value(v), &ci->category)) {
					rc = err_set(e, PO_EINVAL, "category", MSG_CLI_CATEGORY_BAD,
						     json_is_string(v) ? json_string_value(v) : "");
					break;
				}
				ci->has_category = true;
			}
		}
		rq->n++;
	}
	json_decref(doc);
	return rc;
}

/* The receipt as the contract prints it. */
static json_t *receipt_json(const receipt_t *r, const receipt_line_t *lines, size_t n)
{
	json_t *o = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "book", json_string(r->book));
	json_object_set_new(o, "serial", json_integer(r->serial));
	json_object_set_new(o, "date", cli_json_date(r->date));
	json_object_set_new(o, "collector", json_string(r->collector));
	json_object_set_new(o, "payer", json_integer(r->payer_id));
	json_object_set_new(o, "total", json_integer(r->total));
	json_object_set_new(o, "method", json_string(r->method[0] ? r->method : "cash"));
	for (i = 0; i < n; i++) {
		const receipt_line_t *l = &lines[i];
		json_t *j = json_object();
		json_object_set_new(j, "person", json_integer(l->person_id));
		json_object_set_new(j, "scheme", json_string(l->scheme));
		json_object_set_new(j, "from", cli_json_date(l->from));
		json_object_set_new(j, "to", cli_json_date(l->to));
		json_object_set_new(j, "months", json_integer(l->months));
		json_object_set_new(j, "ordinal", l->ordinal ? json_integer(l->ordinal) : json_null());
		json_object_set_new(j, "gross", json_integer(l->gross));
		json_object_set_new(j, "state_support", json_integer(l->state_support));
		json_object_set_new(j, "local_support", json_integer(l->local_support));
		json_object_set_new(j, "net", json_integer(l->net));
		json_array_append_new(arr, j);
	}
	json_object_set_new(o, "lines", arr);
	return o;
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

/* `collect --collector USERNAME --date D` with the payment on stdin. */
static int cmd_collect_run(cli_t *c, int argc, char **argv)
{
	const char *collector = NULL, *date_s = NULL;
	cli_opt_t opts[] = {{"collector", &collector, NULL}, {"date", &date_s, NULL}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	collect_request_t rq;
	receipt_t r;
	receipt_line_t lines[RECEIPT_LINES_MAX];
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
		rc = read_payment(&rq, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_collect(&c->app, collector, d, &rq, &r, lines, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "receipt", receipt_json(&r, lines, rq.n));
		return cli_print_json(o);
	}
	receipt_print(&r, lines, rq.n, c->lang);
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
		json_t *o = json_object(), *j = json_object();
		json_object_set_new(j, "id", json_integer(r.id));
		json_object_set_new(j, "book", json_string(r.book));
		json_object_set_new(j, "serial", json_integer(r.serial));
		json_object_set_new(j, "total", json_integer(r.total));
		json_object_set_new(j, "void", json_true());
		json_object_set_new(j, "reason", json_string(reason));
		json_object_set_new(o, "receipt", j);
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
	char *pos[1], m[MONEY_FMT_MAX];
	int npos, rc;
	int64_t id = 0, count = 0;
	money_t amount = 0, commission = 0;
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
		rc = app_remit(&c->app, collector, d, &id, &count, &amount, &commission, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object(), *j = json_object();
		json_object_set_new(j, "id", id ? json_integer(id) : json_null());
		json_object_set_new(j, "receipts", json_integer(count));
		json_object_set_new(j, "amount", json_integer(amount));
		json_object_set_new(j, "commission", json_integer(commission));
		json_object_set_new(o, "remittance", j);
		return cli_print_json(o);
	}
	money_format(amount, 1, m);
	{
		char cm[MONEY_FMT_MAX];
		money_format(commission, 1, cm);
		printf(c->lang == LANG_EN ? "Remitted %lld receipts, %s; commission %s.\n"
					  : "Đã nộp %lld biên lai, %s; thù lao thu %s.\n",
		       (long long)count, m, cm);
	}
	return 0;
}

/* `cash --collector USERNAME`. */
static int cash_run(cli_t *c, int argc, char **argv)
{
	const char *collector = NULL;
	cli_opt_t opts[] = {{"collector", &collector, NULL}, {NULL, NULL, NULL}};
	char *pos[1], a[MONEY_FMT_MAX], b[MONEY_FMT_MAX], h[MONEY_FMT_MAX];
	int npos, rc;
	int64_t receipts = 0;
	money_t collected = 0, remitted = 0;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && !collector)
		rc = err_set(&e, PO_EINVAL, "--collector", MSG_CLI_MISSING_ARG, "--collector");
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_cash(&c->app, collector, &receipts, &collected, &remitted, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "receipts", json_integer(receipts));
		json_object_set_new(o, "collected", json_integer(collected));
		json_object_set_new(o, "remitted", json_integer(remitted));
		json_object_set_new(o, "on_hand", json_integer(collected - remitted));
		return cli_print_json(o);
	}
	money_format(collected, 1, a);
	money_format(remitted, 1, b);
	money_format(collected - remitted, 1, h);
	printf(c->lang == LANG_EN ? "%lld receipts: collected %s, remitted %s, on hand %s.\n"
				  : "%lld biên lai: đã thu %s, đã nộp %s, đang giữ %s.\n",
	       (long long)receipts, a, b, h);
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
	referral_top_t top[REFERRAL_TOP_MAX];
	char *pos[1];
	int npos, rc;
	int64_t pairs = 0, mob = 0, chain = 0, enrolled = 0, brought = 0;
	size_t ntop = 0, i;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && person && !unit)
		return referrals_of(c, person);
	if (!rc && !unit)
		rc = err_set(&e, PO_EINVAL, "--unit", MSG_CLI_MISSING_ARG, "--unit");
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_referrals(&c->app, unit, &pairs, &mob, top, &ntop, &e);
	if (!rc)
		rc = app_referral_chain(&c->app, unit, &chain, &e);
	if (!rc)
		rc = app_referral_completion(&c->app, unit, &enrolled, &brought, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object(), *arr = json_array();
		json_object_set_new(o, "pairs", json_integer(pairs));
		json_object_set_new(o, "mobilizers", json_integer(mob));
		for (i = 0; i < ntop; i++) {
			json_t *j = json_object();
			json_object_set_new(j, "person", json_integer(top[i].person));
			json_object_set_new(j, "full_name", json_string(top[i].full_name));
			json_object_set_new(j, "mobilized", json_integer(top[i].mobilized));
			json_array_append_new(arr, j);
		}
		json_object_set_new(o, "top", arr);
		json_object_set_new(o, "longest_chain", json_integer(chain));
		json_object_set_new(o, "enrolled_members", json_integer(enrolled));
		json_object_set_new(o, "members_who_brought", json_integer(brought));
		json_object_set_new(o, "completion_bp", json_integer(enrolled ? money_round_div(brought * 10000, enrolled) : 0));
		return cli_print_json(o);
	}
	printf(c->lang == LANG_EN ? "%lld pairs, %lld people brought someone in.\n"
				  : "%lld cặp 1+1, %lld người đã vận động thêm người.\n",
	       (long long)pairs, (long long)mob);
	for (i = 0; i < ntop; i++) {
		printf("  %-8lld ", (long long)top[i].person);
		cli_print_padded(top[i].full_name, 30);
		printf(" %lld\n", (long long)top[i].mobilized);
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
		json_t *o = json_object(), *j = receipt_json(&r, lines, n);
		json_object_set_new(j, "void", json_boolean(r.is_void));
		json_object_set_new(j, "remitted", json_boolean(r.remittance_id != 0));
		json_object_set_new(o, "receipt", j);
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
	char last[DATE_ISO_LEN + 1], msg[600];
	bool bhyt = d->scheme[2] == 'y';
	date_format_iso(d->last, last);
	snprintf(msg, sizeof msg,
		 bhyt ? "Chào chị/anh %s, thẻ BHYT hộ gia đình của chị/anh có giá trị đến ngày %s. "
			"Xin liên hệ cộng tác viên để gia hạn, giữ quyền lợi khám chữa bệnh liên tục."
		      : "Chào chị/anh %s, kỳ đóng BHXH tự nguyện của chị/anh đã hết ngày %s. "
			"Xin liên hệ cộng tác viên để đóng tiếp, giữ thời gian tham gia và hỗ trợ của Nhà nước.",
		 d->p.full_name, last);
	if (o->arr) {
		json_t *j = json_object();
		json_object_set_new(j, "person", json_integer(d->p.id));
		json_object_set_new(j, "full_name", json_string(d->p.full_name));
		json_object_set_new(j, "phone", cli_json_str_or_null(d->p.phone));
		json_object_set_new(j, "unit_code", json_string(d->p.unit_code));
		json_object_set_new(j, "scheme", json_string(d->scheme));
		json_object_set_new(j, "last_covered", json_string(last));
		json_object_set_new(j, "reminder", json_string(msg));
		json_array_append_new(o->arr, j);
	} else {
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
		if (*end || end == days_s || v < 0 || v > 366)
			rc = err_set(&e, PO_EINVAL, "days", MSG_DUE_DAYS, 366);
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
