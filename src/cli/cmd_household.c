/* cmd_household.c: `plusone household poverty CODE --status poor|near_poor
 * --from D --to D`: records a household's poverty certificate. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* `household poverty`. */
static int household_poverty(cli_t *c, int argc, char **argv)
{
	const char *status_s = NULL, *from_s = NULL, *to_s = NULL;
	cli_opt_t opts[] = {{"status", &status_s, NULL}, {"from", &from_s, NULL}, {"to", &to_s, NULL},
			    {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	enum poverty status = POVERTY_NONE;
	date_t from, to;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "household", MSG_CLI_MISSING_ARG, "CODE");
	if (!rc && !status_s)
		rc = err_set(&e, PO_EINVAL, "--status", MSG_CLI_MISSING_ARG, "--status");
	if (!rc && !poverty_parse(status_s, &status))
		rc = err_set(&e, PO_EINVAL, "status", MSG_POVERTY_STATUS, status_s);
	if (!rc && (!from_s || !to_s))
		rc = err_set(&e, PO_EINVAL, from_s ? "--to" : "--from", MSG_CLI_MISSING_ARG, from_s ? "--to" : "--from");
	if (!rc)
		rc = cli_date_arg(from_s, "from", &from, &e);
	if (!rc)
		rc = cli_date_arg(to_s, "to", &to, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_poverty_add(&c->app, pos[0], status, from, to, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "household_code", json_string(pos[0]));
		json_object_set_new(o, "status", json_string(poverty_name(status)));
		json_object_set_new(o, "valid_from", cli_json_date(from));
		json_object_set_new(o, "valid_to", cli_json_date(to));
		return cli_print_json(o);
	}
	printf(c->lang == LANG_EN ? "Household %s: %s from %s to %s.\n" : "Hộ %s: %s từ %s đến %s.\n", pos[0],
	       status == POVERTY_POOR ? (c->lang == LANG_EN ? "poor" : "hộ nghèo")
				      : (c->lang == LANG_EN ? "near-poor" : "hộ cận nghèo"),
	       from_s, to_s);
	return 0;
}

/* See cli.h. */
int cmd_household(cli_t *c, int argc, char **argv)
{
	err_t e;
	if (argc >= 1 && strcmp(argv[0], "poverty") == 0)
		return household_poverty(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "household", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "household");
	return cli_fail(c, &e);
}
