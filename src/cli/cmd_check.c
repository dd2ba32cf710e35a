/* cmd_check.c: `plusone check`: verifies every invariant and exits 1
 * listing what is broken (see store_check). */
#include <stdio.h>

#include "cli/cli.h"

struct check_out {
	json_t *arr;
	enum lang lang;
};

/* Prints or collects one problem. */
static int report(const char *what, int64_t id, void *ctx)
{
	struct check_out *o = ctx;
	if (o->arr)
		json_array_append_new(o->arr, json_pack("{s:s,s:I}", "invariant", what, "id", (json_int_t)id));
	else
		printf(o->lang == LANG_EN ? "broken: %s (record %lld)\n" : "sai: %s (bản ghi %lld)\n", what, (long long)id);
	return 0;
}

/* See cli.h. */
int cmd_check(cli_t *c, int argc, char **argv)
{
	struct check_out o = {NULL, c->lang};
	char *pos[1];
	int npos, rc, problems = 0;
	err_t e;

	rc = cli_parse(argc, argv, NULL, pos, 0, &npos, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		o.arr = json_array();
	rc = app_check(&c->app, report, &o, &problems, &e);
	if (rc) {
		json_decref(o.arr);
		return cli_fail(c, &e);
	}
	if (c->json) {
		json_t *j = json_object();
		json_object_set_new(j, "ok", json_boolean(problems == 0));
		json_object_set_new(j, "problems", o.arr);
		if (cli_print_json(j))
			return 1;
	} else if (!problems) {
		printf(c->lang == LANG_EN ? "Every invariant holds.\n" : "Mọi ràng buộc đều đúng.\n");
	}
	return problems ? 1 : 0;
}
