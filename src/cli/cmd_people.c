/* cmd_people.c: `plusone people search QUERY [--unit CODE] [--limit N]`
 * and `plusone people show ID`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Prints one person as a human-readable line. */
static void print_person_line(const person_t *p, enum lang lang)
{
	char dob[DATE_ISO_LEN + 1];
	date_format_iso(p->dob, dob);
	if (p->dob.year_only)
		dob[4] = '\0';
	printf("%-8lld ", (long long)p->id);
	cli_print_padded(p->full_name, 32);
	printf(" %-10s %s %-12s %-10s %-10s %s\n", dob,
	       p->sex == 'F' ? (lang == LANG_EN ? "F  " : "Nữ ") : (lang == LANG_EN ? "M  " : "Nam"),
	       p->cccd[0] ? p->cccd : "-", p->bhxh_code[0] ? p->bhxh_code : "-", p->phone[0] ? p->phone : "-",
	       p->unit_code);
}

/* `people search`. */
static int people_search_cmd(cli_t *c, int argc, char **argv)
{
	const char *unit = NULL, *limit_s = NULL;
	cli_opt_t opts[] = {{"unit", &unit, NULL}, {"limit", &limit_s, NULL}, {NULL, NULL, NULL}};
	char *pos[CLI_POS_MAX];
	char query[512];
	int npos, rc, limit = SEARCH_LIMIT_DEFAULT, i;
	size_t qlen = 0, nscope = 0, k;
	int64_t *scope = NULL;
	search_result_t res = {0};
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, CLI_POS_MAX, &npos, &e);
	if (!rc && npos < 1)
		rc = err_set(&e, PO_EINVAL, "QUERY", MSG_CLI_MISSING_ARG, "QUERY");
	if (!rc && limit_s) {
		char *end;
		long v;
		errno = 0;
		v = strtol(limit_s, &end, 10);
		if (errno || *end || end == limit_s || v < 1 || v > SEARCH_LIMIT_MAX)
			rc = err_set(&e, PO_EINVAL, "limit", MSG_SEARCH_LIMIT, SEARCH_LIMIT_MAX);
		else
			limit = (int)v;
	}
	/* several words unquoted on the line form one query */
	for (i = 0; !rc && i < npos; i++) {
		size_t n = strlen(pos[i]);
		if (qlen + n + 2 > sizeof query) {
			rc = err_set(&e, PO_EINVAL, "q", MSG_SEARCH_QUERY_BAD);
			break;
		}
		if (qlen)
			query[qlen++] = ' ';
		memcpy(query + qlen, pos[i], n);
		qlen += n;
	}
	if (rc)
		return cli_fail(c, &e);
	query[qlen] = '\0';
	rc = cli_open(c, false, &e);
	if (!rc && unit)
		rc = app_unit_scope(&c->app, unit, "unit", &scope, &nscope, &e);
	if (!rc)
		rc = people_search(&c->app, query, unit ? scope : NULL, nscope, limit, &res, &e);
	free(scope);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object(), *arr = json_array();
		json_object_set_new(o, "total", json_integer(res.total));
		for (k = 0; k < res.n; k++)
			json_array_append_new(arr, cli_person_json(&res.items[k], false));
		json_object_set_new(o, "results", arr);
		search_result_free(&res);
		return cli_print_json(o);
	}
	printf(c->lang == LANG_EN ? "%lld found, %zu shown.\n" : "Tìm thấy %lld người, hiển thị %zu.\n",
	       (long long)res.total, res.n);
	for (k = 0; k < res.n; k++)
		print_person_line(&res.items[k], c->lang);
	search_result_free(&res);
	return 0;
}

/* `people show ID`. */
static int people_show(cli_t *c, int argc, char **argv)
{
	char *pos[1], *end;
	int npos, rc;
	long long id = 0;
	person_t p;
	err_t e;

	rc = cli_parse(argc, argv, NULL, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "ID", MSG_CLI_MISSING_ARG, "ID");
	if (!rc) {
		errno = 0;
		id = strtoll(pos[0], &end, 10);
		if (errno || *end || end == pos[0] || id < 1)
			rc = err_set(&e, PO_EINVAL, "id", MSG_CLI_BAD_ID, pos[0]);
	}
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_person_get(&c->app, id, NULL, 0, &p, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		return cli_print_json(cli_person_json(&p, true));
	print_person_line(&p, c->lang);
	printf("%s: %s · %s: %s · %s: %s · %s: %s\n", c->lang == LANG_EN ? "ethnicity" : "Dân tộc", p.ethnicity,
	       c->lang == LANG_EN ? "household" : "Mã hộ", p.household_code[0] ? p.household_code : "-",
	       c->lang == LANG_EN ? "relation" : "Quan hệ", p.relation[0] ? p.relation : "-",
	       c->lang == LANG_EN ? "union member" : "Hội viên",
	       p.member ? (c->lang == LANG_EN ? "yes" : "có") : (c->lang == LANG_EN ? "no" : "không"));
	return 0;
}

/* See cli.h. */
int cmd_people(cli_t *c, int argc, char **argv)
{
	err_t e;
	if (argc >= 1 && strcmp(argv[0], "search") == 0)
		return people_search_cmd(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "show") == 0)
		return people_show(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "people", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "people");
	return cli_fail(c, &e);
}
