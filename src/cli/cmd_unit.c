/* cmd_unit.c: `plusone unit add|list|reorganize|end|count`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define REORG_FROM_MAX 64

/* True when u is in force on d. */
static bool in_force(const unit_t *u, date_t d)
{
	return date_cmp(u->valid_from, d) <= 0 && (!u->ended || date_cmp(u->valid_to, d) > 0);
}

/* A unit as JSON.  With a tree, also the unit that stands for its
 * parent on date d ("current_parent_code": the parent's successor when a
 * reorganisation ended the parent) and, for an ended unit, the one that
 * took it over ("successor_code"). */
static json_t *unit_json(const unit_t *u, const unit_tree_t *t, date_t d)
{
	json_t *o = json_object();
	const unit_t *p = u->parent_id && t ? unit_tree_find(t, u->parent_id) : NULL;
	json_object_set_new(o, "id", json_integer(u->id));
	json_object_set_new(o, "code", json_string(u->code));
	json_object_set_new(o, "name", json_string(u->name));
	json_object_set_new(o, "kind", json_string(unit_kind_name(u->kind)));
	json_object_set_new(o, "parent_code", p ? json_string(p->code) : json_null());
	json_object_set_new(o, "valid_from", u->valid_from.y > 1 ? cli_json_date(u->valid_from) : json_null());
	json_object_set_new(o, "valid_to", u->ended ? cli_json_date(u->valid_to) : json_null());
	json_object_set_new(o, "island", json_boolean(u->island));
	if (t) {
		const unit_t *cp = p ? unit_tree_find(t, unit_tree_current(t, p->id, d)) : NULL;
		const unit_t *su = u->ended ? unit_tree_find(t, unit_tree_current(t, u->id, d)) : NULL;
		json_object_set_new(o, "current_parent_code", cp ? json_string(cp->code) : json_null());
		json_object_set_new(o, "successor_code", su && su != u ? json_string(su->code) : json_null());
	}
	return o;
}

/* `unit add CODE --name NAME --kind KIND [--parent CODE] [--from DATE] [--island]`. */
static int unit_add(cli_t *c, int argc, char **argv)
{
	const char *name = NULL, *kind = NULL, *parent = NULL, *from = NULL;
	bool island = false;
	cli_opt_t opts[] = {{"name", &name, NULL}, {"kind", &kind, NULL}, {"parent", &parent, NULL},
			    {"from", &from, NULL}, {"island", NULL, &island}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	unit_t u;
	err_t e;

	memset(&u, 0, sizeof u);
	u.valid_from = (date_t){1, 1, 1, false};
	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "code", MSG_CLI_MISSING_ARG, "CODE");
	if (!rc && !name)
		rc = err_set(&e, PO_EINVAL, "--name", MSG_CLI_MISSING_ARG, "--name");
	if (!rc && !kind)
		rc = err_set(&e, PO_EINVAL, "--kind", MSG_CLI_MISSING_ARG, "--kind");
	if (!rc && !unit_kind_parse(kind, &u.kind))
		rc = err_set(&e, PO_EINVAL, "kind", MSG_UNIT_KIND_BAD, kind);
	if (!rc && from)
		rc = cli_date_arg(from, "from", &u.valid_from, &e);
	if (!rc && strlen(pos[0]) > UNIT_CODE_MAX)
		rc = err_set(&e, PO_EINVAL, "code", MSG_UNIT_CODE_BAD, pos[0]);
	if (!rc && strlen(name) > UNIT_NAME_MAX)
		rc = err_set(&e, PO_EINVAL, "name", MSG_UNIT_NAME_BAD, UNIT_NAME_MAX);
	if (rc)
		return cli_fail(c, &e);
	snprintf(u.code, sizeof u.code, "%s", pos[0]);
	snprintf(u.name, sizeof u.name, "%s", name);
	u.island = island;
	rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_unit_add(&c->app, &u, parent, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = unit_json(&u, NULL, u.valid_from);
		json_object_set_new(o, "parent_code", parent ? json_string(parent) : json_null());
		return cli_print_json(o);
	}
	printf(c->lang == LANG_EN ? "Unit %s (%s) added.\n" : "Đã thêm đơn vị %s (%s).\n", u.code, u.name);
	return 0;
}

/* Prints the children of parent in force on d, indented by depth. */
static void print_tree(const unit_tree_t *t, int64_t parent, date_t d, int depth, enum lang lang)
{
	size_t i;
	if (depth > 16)
		return;
	for (i = 0; i < unit_tree_count(t); i++) {
		const unit_t *u = unit_tree_at(t, i);
		const unit_t *p = u->parent_id ? unit_tree_find(t, u->parent_id) : NULL;
		int64_t eff_parent = 0;
		if (!in_force(u, d))
			continue;
		/* a unit whose parent has ended hangs under the parent's successor */
		if (p)
			eff_parent = unit_tree_current(t, p->id, d);
		if (p && !in_force(unit_tree_find(t, eff_parent), d))
			eff_parent = -1; /* orphan: printed at the top */
		if (eff_parent != parent && !(parent == 0 && eff_parent == -1))
			continue;
		printf("%*s%s  %s (%s)\n", depth * 2, "", u->code, u->name,
		       lang == LANG_EN ? unit_kind_name(u->kind) : unit_kind_label_vi(u->kind));
		print_tree(t, u->id, d, depth + 1, lang);
	}
}

/* `unit list [--date D] [--all]`. */
static int unit_list(cli_t *c, int argc, char **argv)
{
	const char *date_s = NULL;
	bool all = false;
	cli_opt_t opts[] = {{"date", &date_s, NULL}, {"all", NULL, &all}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	unit_tree_t *t = NULL;
	date_t d;
	size_t i;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	d = c->app.today;
	if (!rc && date_s)
		rc = cli_date_arg(date_s, "date", &d, &e);
	if (!rc)
		rc = unit_tree_load(c->store, &t, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object(), *arr = json_array();
		for (i = 0; i < unit_tree_count(t); i++) {
			const unit_t *u = unit_tree_at(t, i);
			if (all || in_force(u, d))
				json_array_append_new(arr, unit_json(u, t, d));
		}
		json_object_set_new(o, "date", cli_json_date(d));
		json_object_set_new(o, "units", arr);
		unit_tree_free(t);
		return cli_print_json(o);
	}
	if (all) {
		for (i = 0; i < unit_tree_count(t); i++) {
			const unit_t *u = unit_tree_at(t, i);
			char from[DATE_ISO_LEN + 1], to[DATE_ISO_LEN + 1] = "";
			date_format_iso(u->valid_from, from);
			if (u->ended)
				date_format_iso(u->valid_to, to);
			printf("%-12s ", u->code);
			cli_print_padded(u->name, 30);
			printf(" %-9s %s → %s\n", unit_kind_name(u->kind), u->valid_from.y > 1 ? from : "…",
			       u->ended ? to : "…");
		}
	} else {
		print_tree(t, 0, d, 0, c->lang);
	}
	unit_tree_free(t);
	return 0;
}

/* Splits a comma-separated list in place into parts[0..*n). */
static int split_codes(char *s, const char **parts, size_t max, size_t *n, err_t *e)
{
	char *p = s;
	*n = 0;
	while (*p) {
		char *start = p;
		while (*p && *p != ',')
			p++;
		if (*p)
			*p++ = '\0';
		if (!*start)
			continue;
		if (*n == max)
			return err_set(e, PO_ELIMIT, "from", MSG_LIMIT, "--from", max);
		parts[(*n)++] = start;
	}
	return PO_OK;
}

/* `unit reorganize CODE --name NAME --kind KIND --date D --from A,B,... [--parent P]`. */
static int unit_reorganize(cli_t *c, int argc, char **argv)
{
	const char *name = NULL, *kind = NULL, *parent = NULL, *date_s = NULL, *from = NULL;
	cli_opt_t opts[] = {{"name", &name, NULL}, {"kind", &kind, NULL}, {"parent", &parent, NULL},
			    {"date", &date_s, NULL}, {"from", &from, NULL}, {NULL, NULL, NULL}};
	char *pos[1], fromcopy[2048];
	const char *codes[REORG_FROM_MAX];
	size_t ncodes = 0;
	int npos, rc;
	unit_t u;
	date_t on;
	err_t e;

	memset(&u, 0, sizeof u);
	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "code", MSG_CLI_MISSING_ARG, "CODE");
	if (!rc && !name)
		rc = err_set(&e, PO_EINVAL, "--name", MSG_CLI_MISSING_ARG, "--name");
	if (!rc && !kind)
		rc = err_set(&e, PO_EINVAL, "--kind", MSG_CLI_MISSING_ARG, "--kind");
	if (!rc && !unit_kind_parse(kind, &u.kind))
		rc = err_set(&e, PO_EINVAL, "kind", MSG_UNIT_KIND_BAD, kind);
	if (!rc && !date_s)
		rc = err_set(&e, PO_EINVAL, "--date", MSG_CLI_MISSING_ARG, "--date");
	if (!rc)
		rc = cli_date_arg(date_s, "date", &on, &e);
	if (!rc && !from)
		rc = err_set(&e, PO_EINVAL, "--from", MSG_CLI_MISSING_ARG, "--from");
	if (!rc && strlen(from) >= sizeof fromcopy)
		rc = err_set(&e, PO_ELIMIT, "--from", MSG_LIMIT, "--from", sizeof fromcopy - 1);
	if (!rc && strlen(pos[0]) > UNIT_CODE_MAX)
		rc = err_set(&e, PO_EINVAL, "code", MSG_UNIT_CODE_BAD, pos[0]);
	if (!rc && strlen(name) > UNIT_NAME_MAX)
		rc = err_set(&e, PO_EINVAL, "name", MSG_UNIT_NAME_BAD, UNIT_NAME_MAX);
	if (!rc) {
		snprintf(fromcopy, sizeof fromcopy, "%s", from);
		rc = split_codes(fromcopy, codes, REORG_FROM_MAX, &ncodes, &e);
	}
	if (rc)
		return cli_fail(c, &e);
	snprintf(u.code, sizeof u.code, "%s", pos[0]);
	snprintf(u.name, sizeof u.name, "%s", name);
	rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_unit_reorganize(&c->app, &u, parent, codes, ncodes, on, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = unit_json(&u, NULL, u.valid_from), *arr = json_array();
		size_t i;
		for (i = 0; i < ncodes; i++)
			json_array_append_new(arr, json_string(codes[i]));
		json_object_set_new(o, "parent_code", parent ? json_string(parent) : json_null());
		json_object_set_new(o, "from", arr);
		return cli_print_json(o);
	}
	printf(c->lang == LANG_EN ? "Unit %s (%s) takes over %zu units from %s.\n"
				  : "Đơn vị %s (%s) tiếp nhận %zu đơn vị từ ngày %s.\n",
	       u.code, u.name, ncodes, date_s);
	return 0;
}

struct count_out {
	bool json;
	json_t *arr;
};

/* Prints or collects one head count. */
static int count_row(const unit_count_t *c, void *ctx)
{
	struct count_out *o = ctx;
	if (o->json) {
		json_t *j = json_object();
		json_object_set_new(j, "code", json_string(c->unit.code));
		json_object_set_new(j, "name", json_string(c->unit.name));
		json_object_set_new(j, "kind", json_string(unit_kind_name(c->unit.kind)));
		json_object_set_new(j, "people", json_integer(c->people));
		json_array_append_new(o->arr, j);
	} else {
		printf("  %-8s ", c->unit.code);
		cli_print_padded(c->unit.name, 28);
		printf(" %8lld\n", (long long)c->people);
	}
	return 0;
}

/* `unit count [--date D] [--kind KIND]`: people per unit in force on D,
 * counting the people of the units each one took over. */
static int unit_count(cli_t *c, int argc, char **argv)
{
	const char *date_s = NULL, *kind_s = NULL;
	cli_opt_t opts[] = {{"date", &date_s, NULL}, {"kind", &kind_s, NULL}, {NULL, NULL, NULL}};
	char *pos[1], iso[DATE_ISO_LEN + 1];
	int npos, rc;
	enum unit_kind kind = UNIT_COMMUNE;
	struct count_out o = {c->json, NULL};
	date_t d;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && kind_s && !unit_kind_parse(kind_s, &kind))
		rc = err_set(&e, PO_EINVAL, "kind", MSG_UNIT_KIND_BAD, kind_s);
	if (!rc)
		rc = cli_open(c, false, &e);
	d = c->app.today;
	if (!rc && date_s)
		rc = cli_date_arg(date_s, "date", &d, &e);
	if (rc)
		return cli_fail(c, &e);
	date_format_iso(d, iso);
	if (o.json)
		o.arr = json_array();
	else
		printf(c->lang == LANG_EN ? "People by unit on %s:\n" : "Số người theo đơn vị ngày %s:\n", iso);
	rc = app_unit_counts(&c->app, d, kind, kind_s == NULL, count_row, &o, &e);
	if (rc) {
		json_decref(o.arr);
		return cli_fail(c, &e);
	}
	if (o.json) {
		json_t *j = json_object();
		json_object_set_new(j, "date", cli_json_date(d));
		json_object_set_new(j, "units", o.arr);
		return cli_print_json(j);
	}
	return 0;
}

/* `unit end CODE --date D`: the unit is no longer in force from D. */
static int unit_end(cli_t *c, int argc, char **argv)
{
	const char *date_s = NULL;
	cli_opt_t opts[] = {{"date", &date_s, NULL}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	date_t d;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "code", MSG_CLI_MISSING_ARG, "CODE");
	if (!rc && !date_s)
		rc = err_set(&e, PO_EINVAL, "--date", MSG_CLI_MISSING_ARG, "--date");
	if (!rc)
		rc = cli_date_arg(date_s, "date", &d, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_unit_end(&c->app, pos[0], d, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "code", json_string(pos[0]));
		json_object_set_new(o, "valid_to", cli_json_date(d));
		return cli_print_json(o);
	}
	printf(c->lang == LANG_EN ? "Unit %s ends on %s.\n" : "Đơn vị %s hết hiệu lực từ ngày %s.\n", pos[0], date_s);
	return 0;
}

/* See cli.h. */
int cmd_unit(cli_t *c, int argc, char **argv)
{
	err_t e;
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return unit_add(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return unit_list(c, argc - 1, argv + 1);
	if (argc >= 1 && (strcmp(argv[0], "reorganize") == 0 || strcmp(argv[0], "reorganise") == 0))
		return unit_reorganize(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "count") == 0)
		return unit_count(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "end") == 0)
		return unit_end(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "unit", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "unit");
	return cli_fail(c, &e);
}
