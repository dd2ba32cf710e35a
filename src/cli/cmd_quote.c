/* cmd_quote.c: `plusone quote bhxh|bhyt`: exact amounts under the law in
 * force on the payment date (see rules/bhxh.h, rules/bhyt.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "rules/advance.h"
#include "rules/bhxh.h"
#include "rules/bhyt.h"
#include "rules/card.h"
#include "rules/param_notice.h"
#include "report/json_registry.h"

/* The category as a person reads it. */
static const char *category_label(enum bhxh_category c, enum lang lang)
{
	static const char *const vi[BHXH_CATEGORY_COUNT] = {"hộ nghèo", "hộ cận nghèo", "dân tộc thiểu số",
							      "xã đảo, đặc khu", "đối tượng khác"};
	static const char *const en[BHXH_CATEGORY_COUNT] = {"poor household", "near-poor household",
							      "ethnic minority", "island commune", "other"};
	if ((unsigned)c >= BHXH_CATEGORY_COUNT)
		return "";
	return lang == LANG_EN ? en[c] : vi[c];
}

/* Parses a whole number flag into [lo, hi]. */
static int int_arg(const char *s, const char *flag, long lo, long hi, int *out, err_t *e)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < lo || v > hi)
		return err_set(e, PO_EINVAL, flag, MSG_CLI_RANGE, flag, lo, hi);
	*out = (int)v;
	return PO_OK;
}

/* Prints one line of the split: label, per month, for the period. */
static void split_line(const char *label, money_t monthly, money_t total)
{
	char a[MONEY_FMT_MAX], b[MONEY_FMT_MAX];
	money_format(monthly, 1, a);
	money_format(total, 1, b);
	cli_print_padded(label, 22);
	printf(" %16s %18s\n", a, b);
}

/* Prints the notes of a quote (the parameter changes its period reaches
 * that it does not follow), one line each, in the user's language. */
static void print_notes(const cli_t *c, const param_notice_t *n, size_t k)
{
	size_t i;
	for (i = 0; i < k; i++)
		printf("%s\n", c->lang == LANG_EN ? n[i].en : n[i].vi);
}

/* Adds "notes" (report_notices) to a quote's JSON and prints it. */
static int print_with_notes(const cli_t *c, json_t *o, const param_notice_t *n, size_t k)
{
	json_object_set_new(o, "notes", report_notices(n, k, c->lang));
	return cli_print_json(o);
}

/* `quote bhxh --date D --income N (--advance-years Y [--category C]
 * [--supported-months N] | --missing-months M)`: a payment at once, in
 * advance (discounted, with the state support of category C, "other"
 * when not given) or for the missing time (compounded, no support). */
static int quote_lump(cli_t *c, const char *date_s, const char *income_s, const char *adv_s, const char *miss_s,
		      const char *cat_s, const char *sup_s)
{
	params_t p = {NULL, 0};
	param_notice_t notes[PARAM_NOTICE_MAX];
	size_t nn = 0;
	lump_quote_t q;
	bhxh_request_t r;
	int rc, n = 0;
	err_t e;

	memset(&r, 0, sizeof r);
	r.category = BHXH_OTHER;
	if (adv_s && miss_s)
		rc = err_set(&e, PO_EINVAL, "--advance-years", MSG_CLI_LUMP_BOTH);
	else if (miss_s && (cat_s || sup_s))
		rc = err_set(&e, PO_EINVAL, cat_s ? "--category" : "--supported-months", MSG_CLI_LUMP_FLAGS);
	else if (!date_s)
		rc = err_set(&e, PO_EINVAL, "--date", MSG_CLI_MISSING_ARG, "--date");
	else if (!income_s)
		rc = err_set(&e, PO_EINVAL, "--income", MSG_CLI_MISSING_ARG, "--income");
	else
		rc = cli_date_arg(date_s, "date", &r.date, &e);
	if (!rc)
		rc = money_parse(income_s, strlen(income_s), &r.income, "income", &e);
	if (!rc)
		rc = adv_s ? int_arg(adv_s, "advance-years", ADVANCE_YEARS_MIN, ADVANCE_YEARS_MAX, &n, &e)
			   : int_arg(miss_s, "missing-months", 1, 1200, &n, &e);
	if (!rc && cat_s && !bhxh_category_parse(cat_s, &r.category))
		rc = err_set(&e, PO_EINVAL, "category", MSG_CLI_CATEGORY_BAD, cat_s);
	if (!rc && sup_s)
		rc = int_arg(sup_s, "supported-months", 0, 10000, &r.supported_before, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_params_load(&c->app, &p, &e);
	if (!rc)
		rc = adv_s ? bhxh_advance_quote_for(&p, &r, n, &q, &e) : bhxh_missing_quote(&p, r.date, r.income, n, &q, &e);
	if (!rc && adv_s)
		nn = bhxh_quote_notices(&p, r.date, quote_period_end(r.date, q.months), r.category, notes, PARAM_NOTICE_MAX);
	if (nn > PARAM_NOTICE_MAX)
		nn = PARAM_NOTICE_MAX;
	app_params_free(&p);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		return print_with_notes(c, report_quote_lump(r.date, r.income, adv_s != NULL, &q), notes, nn);
	{
		char a[MONEY_FMT_MAX], b[MONEY_FMT_MAX], st[MONEY_FMT_MAX], ne[MONEY_FMT_MAX];
		money_format(q.amount, 1, a);
		money_format(q.undiscounted, 1, b);
		money_format(q.state_support, 1, st);
		money_format(q.net, 1, ne);
		if (adv_s) {
			printf(c->lang == LANG_EN ? "Advance payment for %d months: %s (instead of %s month by month)\n"
						  : "Đóng trước %d tháng: %s (thay vì %s nếu đóng từng tháng)\n",
			       q.months, a, b);
			printf(c->lang == LANG_EN ? "State support (%s, %d months): %s; participant pays %s\n"
						  : "NSNN hỗ trợ (%s, %d tháng): %s; người tham gia đóng %s\n",
			       category_label(q.category, c->lang), q.supported_months, st, ne);
			print_notes(c, notes, nn);
		} else {
			printf(c->lang == LANG_EN ? "Lump sum for %d missing months: %s (%s without interest)\n"
						  : "Đóng một lần cho %d tháng còn thiếu: %s (%s chưa tính lãi)\n",
			       q.months, a, b);
		}
	}
	return 0;
}

/* `quote bhxh --date D --income N --months M --category C [--province P] [--supported-months N]`. */
static int quote_bhxh(cli_t *c, int argc, char **argv)
{
	const char *date_s = NULL, *income_s = NULL, *months_s = NULL, *cat_s = NULL, *prov_s = NULL, *sup_s = NULL;
	const char *adv_s = NULL, *miss_s = NULL;
	cli_opt_t opts[] = {{"date", &date_s, NULL},         {"income", &income_s, NULL},
			    {"months", &months_s, NULL},     {"category", &cat_s, NULL},
			    {"province", &prov_s, NULL},     {"supported-months", &sup_s, NULL},
			    {"advance-years", &adv_s, NULL}, {"missing-months", &miss_s, NULL},
			    {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	bhxh_request_t r;
	bhxh_quote_t q;
	params_t p = {NULL, 0};
	param_notice_t notes[PARAM_NOTICE_MAX];
	size_t nn = 0;
	err_t e;

	memset(&r, 0, sizeof r);
	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && (adv_s || miss_s) && (months_s || prov_s))
		rc = err_set(&e, PO_EINVAL, months_s ? "--months" : "--province", MSG_CLI_LUMP_FLAGS);
	if (!rc && (adv_s || miss_s))
		return quote_lump(c, date_s, income_s, adv_s, miss_s, cat_s, sup_s);
	if (!rc && !date_s)
		rc = err_set(&e, PO_EINVAL, "--date", MSG_CLI_MISSING_ARG, "--date");
	if (!rc && !income_s)
		rc = err_set(&e, PO_EINVAL, "--income", MSG_CLI_MISSING_ARG, "--income");
	if (!rc && !months_s)
		rc = err_set(&e, PO_EINVAL, "--months", MSG_CLI_MISSING_ARG, "--months");
	if (!rc && !cat_s)
		rc = err_set(&e, PO_EINVAL, "--category", MSG_CLI_MISSING_ARG, "--category");
	if (!rc)
		rc = cli_date_arg(date_s, "date", &r.date, &e);
	if (!rc)
		rc = money_parse(income_s, strlen(income_s), &r.income, "income", &e);
	if (!rc)
		rc = int_arg(months_s, "months", 1, 12, &r.months, &e);
	if (!rc && !bhxh_category_parse(cat_s, &r.category))
		rc = err_set(&e, PO_EINVAL, "category", MSG_CLI_CATEGORY_BAD, cat_s);
	if (!rc && prov_s) {
		if (strlen(prov_s) != 2 || !ids_province_name(prov_s))
			rc = err_set(&e, PO_EINVAL, "province", MSG_CLI_PROVINCE_BAD, prov_s);
		else
			memcpy(r.province, prov_s, 3);
	}
	if (!rc && sup_s)
		rc = int_arg(sup_s, "supported-months", 0, 10000, &r.supported_before, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_params_load(&c->app, &p, &e);
	if (!rc)
		rc = bhxh_quote(&p, &r, &q, &e);
	if (!rc)
		nn = bhxh_quote_notices(&p, r.date, quote_period_end(r.date, r.months), r.category, notes, PARAM_NOTICE_MAX);
	if (nn > PARAM_NOTICE_MAX)
		nn = PARAM_NOTICE_MAX;
	app_params_free(&p);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		return print_with_notes(c, report_quote_bhxh(&r, &q), notes, nn);
	{
		char inc[MONEY_FMT_MAX];
		money_format(r.income, 1, inc);
		printf(c->lang == LANG_EN ? "Voluntary social insurance, paid %s for %d month(s), income %s, %s\n"
					  : "BHXH tự nguyện, đóng ngày %s cho %d tháng, thu nhập %s, %s\n",
		       date_s, r.months, inc, category_label(r.category, c->lang));
		cli_print_padded("", 22);
		printf(" %16s %18s\n", c->lang == LANG_EN ? "per month" : "mỗi tháng",
		       c->lang == LANG_EN ? "whole period" : "cả kỳ");
		split_line(c->lang == LANG_EN ? "Contribution" : "Phải đóng", q.gross, q.total_gross);
		split_line(c->lang == LANG_EN ? "State support" : "NSNN hỗ trợ", q.state_support, q.total_state_support);
		split_line(c->lang == LANG_EN ? "Local support" : "NSĐP hỗ trợ", q.local_support, q.total_local_support);
		split_line(c->lang == LANG_EN ? "Participant pays" : "Người tham gia đóng", q.net, q.total_net);
		print_notes(c, notes, nn);
	}
	return 0;
}

/* `quote bhyt --date D --members K --months M [--first-ordinal J]`. */
static int quote_bhyt(cli_t *c, int argc, char **argv)
{
	const char *date_s = NULL, *members_s = NULL, *months_s = NULL, *first_s = NULL, *prev_s = NULL;
	bool first_time = false;
	cli_opt_t opts[] = {{"date", &date_s, NULL},
			    {"members", &members_s, NULL},
			    {"months", &months_s, NULL},
			    {"first-ordinal", &first_s, NULL},
			    {"previous-end", &prev_s, NULL},
			    {"first-time", NULL, &first_time},
			    {NULL, NULL, NULL}};
	date_t prev = {1, 1, 1, false};
	card_validity_t card;
	char *pos[1];
	int npos, rc, i;
	bhyt_request_t r;
	bhyt_quote_t q;
	params_t p = {NULL, 0};
	param_notice_t notes[PARAM_NOTICE_MAX];
	size_t nn = 0;
	err_t e;

	memset(&r, 0, sizeof r);
	r.first_ordinal = 1;
	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && !date_s)
		rc = err_set(&e, PO_EINVAL, "--date", MSG_CLI_MISSING_ARG, "--date");
	if (!rc && !members_s)
		rc = err_set(&e, PO_EINVAL, "--members", MSG_CLI_MISSING_ARG, "--members");
	if (!rc && !months_s)
		rc = err_set(&e, PO_EINVAL, "--months", MSG_CLI_MISSING_ARG, "--months");
	if (!rc)
		rc = cli_date_arg(date_s, "date", &r.date, &e);
	if (!rc)
		rc = int_arg(members_s, "members", 1, BHYT_MEMBERS_MAX, &r.members, &e);
	if (!rc)
		rc = int_arg(months_s, "months", 1, 12, &r.months, &e);
	if (!rc && first_s)
		rc = int_arg(first_s, "first-ordinal", 1, 1000, &r.first_ordinal, &e);
	if (!rc && prev_s)
		rc = cli_date_arg(prev_s, "previous-end", &prev, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_params_load(&c->app, &p, &e);
	if (!rc)
		rc = bhyt_quote(&p, &r, &q, &e);
	if (!rc && (prev_s || first_time))
		rc = bhyt_card_validity(&p, r.date, r.months, prev_s != NULL, prev, &card, &e);
	if (!rc)
		nn = bhyt_quote_notices(&p, r.date, prev_s || first_time ? card.to : date_add_days(date_add_months(r.date, r.months), -1),
					notes, PARAM_NOTICE_MAX);
	if (nn > PARAM_NOTICE_MAX)
		nn = PARAM_NOTICE_MAX;
	app_params_free(&p);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		return print_with_notes(c, report_quote_bhyt(&r, &q, prev_s || first_time ? &card : NULL), notes, nn);
	{
		char base[MONEY_FMT_MAX], tot[MONEY_FMT_MAX];
		money_format(q.base_salary, 1, base);
		money_format(q.total, 1, tot);
		printf(c->lang == LANG_EN ? "Household health insurance, paid %s for %d months (base salary %s)\n"
					  : "BHYT hộ gia đình, đóng ngày %s cho %d tháng (lương cơ sở %s)\n",
		       date_s, r.months, base);
		for (i = 0; i < q.n; i++) {
			char label[64];
			snprintf(label, sizeof label, c->lang == LANG_EN ? "Member %d" : "Người thứ %d", q.person[i].ordinal);
			split_line(label, q.person[i].monthly, q.person[i].amount);
		}
		cli_print_padded(c->lang == LANG_EN ? "Total" : "Tổng cộng", 22);
		printf(" %16s %18s\n", "", tot);
		if (prev_s || first_time) {
			char f[DATE_ISO_LEN + 1], t[DATE_ISO_LEN + 1];
			date_format_iso(card.from, f);
			date_format_iso(card.to, t);
			printf(c->lang == LANG_EN ? "Card valid from %s to %s%s\n" : "Thẻ có giá trị từ %s đến %s%s\n", f, t,
			       card.continuous ? (c->lang == LANG_EN ? " (continuous)" : " (liên tục)") : "");
		}
		print_notes(c, notes, nn);
	}
	return 0;
}

/* See cli.h. */
int cmd_quote(cli_t *c, int argc, char **argv)
{
	err_t e;
	if (argc >= 1 && strcmp(argv[0], "bhxh") == 0)
		return quote_bhxh(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "bhyt") == 0)
		return quote_bhyt(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "quote", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "quote");
	return cli_fail(c, &e);
}
