/* cmd_params.c: `plusone params list [--family F]` and `plusone params
 * add FAMILY [--key K] --from D --value V --source TEXT --status S
 * [--note TEXT]`: the dated legal parameters; a new decree is one row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/registry.h"
#include "cli/cli.h"
#include "report/json_registry.h"

struct list_ctx {
	const char *family;
	cli_t *c;
	json_t *arr;
};

/* Prints or collects one parameter row. */
static int list_row(const param_record_t *p, void *ctx)
{
	struct list_ctx *l = ctx;
	char iso[DATE_ISO_LEN + 1];
	if (l->family && strcmp(l->family, p->family) != 0)
		return 0;
	date_format_iso(p->from, iso);
	if (l->arr) {
		json_array_append_new(l->arr, report_param(p));
	} else {
		printf("%-26s %-16s %s %12lld  %-9s %s%s\n", p->family, p->key[0] ? p->key : "-", iso,
		       (long long)p->value, p->status, p->source, p->admin ? " (admin)" : "");
	}
	return 0;
}

/* `params list [--family F]`. */
static int params_list(cli_t *c, int argc, char **argv)
{
	const char *family = NULL;
	cli_opt_t opts[] = {{"family", &family, NULL}, {NULL, NULL, NULL}};
	struct list_ctx l = {NULL, c, NULL};
	char *pos[1];
	int npos, rc;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (rc)
		return cli_fail(c, &e);
	l.family = family;
	if (c->json)
		l.arr = json_array();
	rc = app_params_each(&c->app, list_row, &l, &e);
	if (rc) {
		json_decref(l.arr);
		return cli_fail(c, &e);
	}
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "params", l.arr);
		return cli_print_json(o);
	}
	return 0;
}

/* `params add FAMILY [--key K] --from D --value V --source TEXT --status S [--note TEXT]`. */
static int params_add(cli_t *c, int argc, char **argv)
{
	const char *key = "", *from = NULL, *value = NULL, *source = NULL, *status = NULL, *note = "";
	cli_opt_t opts[] = {{"key", &key, NULL},       {"from", &from, NULL},     {"value", &value, NULL},
			    {"source", &source, NULL}, {"status", &status, NULL}, {"note", &note, NULL},
			    {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	param_record_t p;
	err_t e;

	memset(&p, 0, sizeof p);
	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "family", MSG_CLI_MISSING_ARG, "FAMILY");
	if (!rc && !from)
		rc = err_set(&e, PO_EINVAL, "--from", MSG_CLI_MISSING_ARG, "--from");
	if (!rc && !value)
		rc = err_set(&e, PO_EINVAL, "--value", MSG_CLI_MISSING_ARG, "--value");
	if (!rc && !source)
		rc = err_set(&e, PO_EINVAL, "--source", MSG_CLI_MISSING_ARG, "--source");
	if (!rc && !status)
		rc = err_set(&e, PO_EINVAL, "--status", MSG_CLI_MISSING_ARG, "--status");
	if (!rc)
		rc = app_param_parse(pos[0], key, from, value, source, status, note, &p, &e);
	if (rc)
		return cli_fail(c, &e);
	rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_param_add(&c->app, &p, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		return cli_print_json(report_param(&p));
	printf(c->lang == LANG_EN ? "Parameter %s%s%s = %lld from %s recorded.\n"
				  : "Đã ghi tham số %s%s%s = %lld từ ngày %s.\n",
	       p.family, p.key[0] ? "/" : "", p.key, (long long)p.value, from);
	return 0;
}

/* See cli.h. */
int cmd_params(cli_t *c, int argc, char **argv)
{
	err_t e;
	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return params_list(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return params_add(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "params", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "params");
	return cli_fail(c, &e);
}
