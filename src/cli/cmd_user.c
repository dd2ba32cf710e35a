/* cmd_user.c: `plusone user add USERNAME --role ROLE --unit CODE
 * [--full-name NAME] --password-stdin`: create a login. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* `user add`. */
static int user_add(cli_t *c, int argc, char **argv)
{
	const char *role = NULL, *unit = NULL, *full_name = NULL;
	bool stdin_pw = false;
	cli_opt_t opts[] = {{"role", &role, NULL},
			    {"unit", &unit, NULL},
			    {"full-name", &full_name, NULL},
			    {"password-stdin", NULL, &stdin_pw},
			    {NULL, NULL, NULL}};
	char *pos[1];
	char password[PASSWORD_MAX + 2];
	int npos, rc;
	user_t u;
	err_t e;

	memset(&u, 0, sizeof u);
	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "username", MSG_CLI_MISSING_ARG, "USERNAME");
	if (!rc && !role)
		rc = err_set(&e, PO_EINVAL, "--role", MSG_CLI_MISSING_ARG, "--role");
	if (!rc && !user_role_parse(role, &u.role))
		rc = err_set(&e, PO_EINVAL, "role", MSG_ROLE_BAD, role);
	if (!rc && !unit)
		rc = err_set(&e, PO_EINVAL, "--unit", MSG_CLI_MISSING_ARG, "--unit");
	if (!rc && !stdin_pw)
		rc = err_set(&e, PO_EINVAL, "--password-stdin", MSG_CLI_MISSING_ARG, "--password-stdin");
	if (!rc && strlen(pos[0]) > USERNAME_MAX)
		rc = err_set(&e, PO_EINVAL, "username", MSG_USERNAME_BAD, pos[0]);
	if (!rc && full_name && strlen(full_name) > USER_FULL_NAME_MAX)
		rc = err_set(&e, PO_EINVAL, "--full-name", MSG_USER_FULL_NAME_BAD);
	if (rc)
		return cli_fail(c, &e);
	snprintf(u.username, sizeof u.username, "%s", pos[0]);
	snprintf(u.full_name, sizeof u.full_name, "%s", full_name ? full_name : "");
	rc = cli_read_secret(password, sizeof password, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_user_add(&c->app, &u, unit, password, &e);
	sodium_memzero(password, sizeof password);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(u.id));
		json_object_set_new(o, "username", json_string(u.username));
		json_object_set_new(o, "role", json_string(user_role_name(u.role)));
		json_object_set_new(o, "unit_code", json_string(u.unit_code));
		json_object_set_new(o, "full_name", json_string(u.full_name));
		return cli_print_json(o);
	}
	printf(c->lang == LANG_EN ? "User %s created (role %s, unit %s).\n"
				  : "Đã tạo tài khoản %s (vai trò %s, đơn vị %s).\n",
	       u.username, user_role_name(u.role), u.unit_code);
	return 0;
}

/* See cli.h. */
int cmd_user(cli_t *c, int argc, char **argv)
{
	err_t e;
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return user_add(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "user", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "user");
	return cli_fail(c, &e);
}
