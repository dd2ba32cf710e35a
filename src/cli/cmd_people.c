/* cmd_people.c: `plusone people search QUERY [--unit CODE] [--limit N]`,
 * `people show ID`, `people member ID …`, and the possible duplicates:
 * `people duplicates [--unit CODE]`, `people merge KEEP DROP`, `people
 * distinct PAIR`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/duplicates.h"
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

/* Parses a person id argument. */
static int parse_id(const char *s, int64_t *id, err_t *e)
{
	char *end;
	long long v;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || end == s || v < 1)
		return err_set(e, PO_EINVAL, "id", MSG_CLI_BAD_ID, s);
	*id = v;
	return PO_OK;
}

/* `people show ID`. */
static int people_show(cli_t *c, int argc, char **argv)
{
	char *pos[1];
	int npos, rc;
	int64_t id = 0;
	person_details_t d;
	const person_t *p = &d.p;
	size_t i;
	err_t e;

	rc = cli_parse(argc, argv, NULL, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "ID", MSG_CLI_MISSING_ARG, "ID");
	if (!rc)
		rc = parse_id(pos[0], &id, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_person_details(&c->app, id, NULL, 0, &d, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = cli_person_json(p, true), *certs = json_array();
		if (d.has_membership) {
			json_t *m = json_object();
			json_object_set_new(m, "branch_code", cli_json_str_or_null(d.branch_code));
			json_object_set_new(m, "role", json_string(member_role_name(d.membership.role)));
			json_object_set_new(m, "since",
					    d.membership.since.y > 1 ? cli_json_date(d.membership.since) : json_null());
			json_object_set_new(o, "membership", m);
		} else {
			json_object_set_new(o, "membership", json_null());
		}
		for (i = 0; i < d.ncerts; i++) {
			json_t *j = json_object();
			json_object_set_new(j, "status", json_string(poverty_name(d.certs[i].status)));
			json_object_set_new(j, "valid_from", cli_json_date(d.certs[i].valid_from));
			json_object_set_new(j, "valid_to", cli_json_date(d.certs[i].valid_to));
			json_array_append_new(certs, j);
		}
		json_object_set_new(o, "poverty", certs);
		json_object_set_new(o, "poverty_today", cli_json_str_or_null(poverty_name(d.poverty_today)));
		return cli_print_json(o);
	}
	print_person_line(p, c->lang);
	printf("%s: %s · %s: %s · %s: %s · %s: %s\n", c->lang == LANG_EN ? "ethnicity" : "Dân tộc", p->ethnicity,
	       c->lang == LANG_EN ? "household" : "Mã hộ", p->household_code[0] ? p->household_code : "-",
	       c->lang == LANG_EN ? "relation" : "Quan hệ", p->relation[0] ? p->relation : "-",
	       c->lang == LANG_EN ? "union member" : "Hội viên",
	       p->member ? (c->lang == LANG_EN ? "yes" : "có") : (c->lang == LANG_EN ? "no" : "không"));
	if (d.has_membership)
		printf("%s: %s (%s)\n", c->lang == LANG_EN ? "branch" : "Chi hội",
		       d.branch_code[0] ? d.branch_code : "-", member_role_name(d.membership.role));
	for (i = 0; i < d.ncerts; i++) {
		char f[DATE_ISO_LEN + 1], t[DATE_ISO_LEN + 1];
		date_format_iso(d.certs[i].valid_from, f);
		date_format_iso(d.certs[i].valid_to, t);
		printf("%s %s → %s\n",
		       d.certs[i].status == POVERTY_POOR ? (c->lang == LANG_EN ? "poor household" : "Hộ nghèo")
							 : (c->lang == LANG_EN ? "near-poor household" : "Hộ cận nghèo"),
		       f, t);
	}
	return 0;
}

/* `people member ID [--branch CODE] [--role ROLE] [--since D]`: records
 * union membership with its branch and role. */
static int people_member(cli_t *c, int argc, char **argv)
{
	const char *branch = NULL, *role_s = NULL, *since_s = NULL;
	cli_opt_t opts[] = {{"branch", &branch, NULL}, {"role", &role_s, NULL}, {"since", &since_s, NULL},
			    {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	int64_t id = 0;
	enum member_role role = ROLE_MEMBER;
	date_t since = {1, 1, 1, false};
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "ID", MSG_CLI_MISSING_ARG, "ID");
	if (!rc)
		rc = parse_id(pos[0], &id, &e);
	if (!rc && role_s && !member_role_parse(role_s, &role))
		rc = err_set(&e, PO_EINVAL, "role", MSG_MEMBER_ROLE_BAD, role_s);
	if (!rc && since_s)
		rc = cli_date_arg(since_s, "since", &since, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_membership_set(&c->app, id, branch, role, since, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "person", json_integer(id));
		json_object_set_new(o, "branch_code", branch ? json_string(branch) : json_null());
		json_object_set_new(o, "role", json_string(member_role_name(role)));
		return cli_print_json(o);
	}
	printf(c->lang == LANG_EN ? "Person %lld is a union member (%s).\n" : "Người %lld là hội viên (%s).\n",
	       (long long)id, member_role_name(role));
	return 0;
}

struct dup_out {
	cli_t *c;
	json_t *arr;
	size_t n;
};

/* Prints or gathers one pair (app_duplicates_list callback). */
static int dup_row(const dup_view_t *v, void *ctx)
{
	struct dup_out *o = ctx;
	o->n++;
	if (o->arr) {
		json_array_append_new(o->arr, json_pack("{s:I,s:o,s:o}", "id", (json_int_t)v->pair.id, "older",
							cli_person_json(&v->older, true), "newer",
							cli_person_json(&v->newer, true)));
		return 0;
	}
	printf(o->c->lang == LANG_EN ? "pair %lld:\n" : "cặp %lld:\n", (long long)v->pair.id);
	print_person_line(&v->older, o->c->lang);
	print_person_line(&v->newer, o->c->lang);
	return 0;
}

/* `people duplicates [--unit CODE]`: the open pairs of possible
 * duplicates (of the unit's subtree) → {"duplicates": [{"id", "older",
 * "newer"}]}, each person with the fields of `people show`. */
static int people_duplicates(cli_t *c, int argc, char **argv)
{
	const char *unit = NULL;
	cli_opt_t opts[] = {{"unit", &unit, NULL}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	int64_t *filter = NULL;
	size_t nfilter = 0;
	struct dup_out o = {c, NULL, 0};
	err_t e;
	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc && unit)
		rc = app_unit_scope(&c->app, unit, "unit", &filter, &nfilter, &e);
	if (!rc && c->json)
		o.arr = json_array();
	if (!rc)
		rc = app_duplicates_list(&c->app, NULL, 0, unit ? filter : NULL, nfilter, dup_row, &o, &e);
	free(filter);
	if (rc) {
		json_decref(o.arr);
		return cli_fail(c, &e);
	}
	if (c->json)
		return cli_print_json(json_pack("{s:o}", "duplicates", o.arr));
	if (!o.n)
		printf(c->lang == LANG_EN ? "No possible duplicates.\n" : "Không có cặp nào có thể trùng.\n");
	return 0;
}

/* `people merge KEEP DROP`: merges person DROP into KEEP (see
 * app_people_merge) → the kept person as `people show` prints her. */
static int people_merge(cli_t *c, int argc, char **argv)
{
	char *pos[2];
	int npos, rc;
	int64_t keep = 0, drop = 0;
	person_t p;
	err_t e;
	rc = cli_parse(argc, argv, NULL, pos, 2, &npos, &e);
	if (!rc && npos != 2)
		rc = err_set(&e, PO_EINVAL, npos ? "DROP" : "KEEP", MSG_CLI_MISSING_ARG, npos ? "DROP" : "KEEP");
	if (!rc)
		rc = parse_id(pos[0], &keep, &e);
	if (!rc)
		rc = parse_id(pos[1], &drop, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_people_merge(&c->app, NULL, 0, keep, drop, &p, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		return cli_print_json(json_pack("{s:o,s:I}", "person", cli_person_json(&p, true), "dropped", (json_int_t)drop));
	printf(c->lang == LANG_EN ? "Person %lld merged into %lld.\n" : "Đã gộp người %lld vào người %lld.\n",
	       (long long)drop, (long long)keep);
	print_person_line(&p, c->lang);
	return 0;
}

/* `people distinct PAIR`: the pair of possible duplicates is two people. */
static int people_distinct(cli_t *c, int argc, char **argv)
{
	char *pos[1];
	int npos, rc;
	int64_t id = 0;
	err_t e;
	rc = cli_parse(argc, argv, NULL, pos, 1, &npos, &e);
	if (!rc && npos != 1)
		rc = err_set(&e, PO_EINVAL, "PAIR", MSG_CLI_MISSING_ARG, "PAIR");
	if (!rc)
		rc = parse_id(pos[0], &id, &e);
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc)
		rc = app_duplicate_distinct(&c->app, NULL, 0, id, &e);
	if (rc)
		return cli_fail(c, &e);
	if (c->json)
		return cli_print_json(json_pack("{s:I,s:s}", "pair", (json_int_t)id, "status", "distinct"));
	printf(c->lang == LANG_EN ? "Pair %lld: two different people.\n" : "Cặp %lld: hai người khác nhau.\n",
	       (long long)id);
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
	if (argc >= 1 && strcmp(argv[0], "member") == 0)
		return people_member(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "duplicates") == 0)
		return people_duplicates(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "merge") == 0)
		return people_merge(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "distinct") == 0)
		return people_distinct(c, argc - 1, argv + 1);
	err_set(&e, PO_EINVAL, "people", MSG_CLI_UNKNOWN_COMMAND, argc ? argv[0] : "people");
	return cli_fail(c, &e);
}
