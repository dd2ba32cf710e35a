/* cmd_init.c: `plusone init [--demo]`: create or migrate the database;
 * with --demo, load the Tiểu Cần demo data when the database is empty. */
#include <stdio.h>

#include "app/demo.h"
#include "cli/cli.h"

/* See cli.h. */
int cmd_init(cli_t *c, int argc, char **argv)
{
	bool demo = false;
	cli_opt_t opts[] = {{"demo", NULL, &demo}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, applied = 0, version = 0, params_changed = 0, rc;
	demo_report_t rep = {0};
	bool loaded = false;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc)
		rc = cli_open(c, true, &e);
	if (!rc)
		rc = store_migrate(c->store, &applied, &e);
	if (!rc)
		rc = store_schema_version(c->store, &version, &e);
	if (!rc)
		rc = app_params_sync(&c->app, &params_changed, &e);
	if (!rc && demo) {
		rc = app_demo_load(&c->app, &rep, &loaded, &e);
	}
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "db", json_string(c->db));
		json_object_set_new(o, "schema_version", json_integer(version));
		json_object_set_new(o, "migrations_applied", json_integer(applied));
		json_object_set_new(o, "params_changed", json_integer(params_changed));
		json_object_set_new(o, "demo_loaded", json_boolean(loaded));
		if (loaded) {
			json_t *d = json_object();
			json_object_set_new(d, "units", json_integer(rep.units));
			json_object_set_new(d, "people", json_integer(rep.people));
			json_object_set_new(d, "households", json_integer(rep.households));
			json_object_set_new(d, "members", json_integer(rep.members));
			json_object_set_new(d, "branch_heads", json_integer(rep.branch_heads));
			json_object_set_new(d, "users", json_integer(rep.users));
			json_object_set_new(o, "demo", d);
		}
		return cli_print_json(o);
	}
	if (c->lang == LANG_EN) {
		printf("Database %s: schema version %d (%d migration%s applied).\n", c->db, version, applied,
		       applied == 1 ? "" : "s");
		if (demo && !loaded)
			printf("Demo data not loaded: the database already holds data.\n");
	} else {
		printf("Cơ sở dữ liệu %s: lược đồ phiên bản %d (đã áp dụng %d bản cập nhật).\n", c->db, version,
		       applied);
		if (demo && !loaded)
			printf("Không nạp dữ liệu mẫu: cơ sở dữ liệu đã có dữ liệu.\n");
	}
	if (loaded)
		demo_print_report(&rep, c->lang, stdout);
	return 0;
}
