/* cli_util.c: option parsing and output helpers for the commands. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/text.h"
#include "report/json.h"

/* See cli.h. */
int cli_parse(int argc, char **argv, const cli_opt_t *opts, char **pos, int maxpos, int *npos, err_t *e)
{
	int i;
	*npos = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const cli_opt_t *o;
		const char *eq;
		size_t nlen;
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++) {
				if (*npos == maxpos)
					return err_set(e, PO_EINVAL, argv[i], MSG_CLI_EXTRA_ARG, argv[i]);
				pos[(*npos)++] = argv[i];
			}
			break;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (*npos == maxpos)
				return err_set(e, PO_EINVAL, a, MSG_CLI_EXTRA_ARG, a);
			pos[(*npos)++] = argv[i];
			continue;
		}
		eq = strchr(a + 2, '=');
		nlen = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		for (o = opts; o && o->name; o++)
			if (strlen(o->name) == nlen && strncmp(o->name, a + 2, nlen) == 0)
				break;
		if (!o || !o->name)
			return err_set(e, PO_EINVAL, a, MSG_CLI_UNKNOWN_FLAG, a);
		if (o->flag) {
			if (eq)
				return err_set(e, PO_EINVAL, a, MSG_CLI_FLAG_NO_VALUE, o->name);
			*o->flag = true;
		} else if (eq) {
			*o->val = eq + 1;
		} else {
			if (i + 1 >= argc)
				return err_set(e, PO_EINVAL, a, MSG_CLI_FLAG_NEEDS_VALUE, o->name);
			*o->val = argv[++i];
		}
	}
	return PO_OK;
}

/* See cli.h. */
int cli_open(cli_t *c, bool migrate, err_t *e)
{
	int rc, v;
	if (!migrate && strncmp(c->db, "postgres", 8) != 0 && access(c->db, F_OK) != 0)
		return err_set(e, PO_EINVAL, "db", MSG_CLI_NO_DB, c->db);
	rc = store_open(c->db, &c->store, e);
	if (rc)
		return rc;
	if (!migrate) {
		rc = store_schema_version(c->store, &v, e);
		if (rc)
			return rc;
		if (v > store_schema_target())
			return err_set(e, PO_EINVAL, "db", MSG_DB_TOO_NEW, v, store_schema_target());
		if (v != store_schema_target())
			return err_set(e, PO_EINVAL, "db", MSG_CLI_SCHEMA_OLD, c->db, v, store_schema_target());
	}
	c->app.store = c->store;
	c->app.actor = "cli";
	c->app.today = date_today();
	return PO_OK;
}

/* True when text holds field as a whole word (not inside a longer one),
 * so the message already names it. */
static bool names_field(const char *text, const char *field)
{
	size_t n = strlen(field);
	const char *p = text;
	while ((p = strstr(p, field)) != NULL) {
		bool start = p == text || !isalnum((unsigned char)p[-1]);
		bool end = !isalnum((unsigned char)p[n]);
		if (start && end)
			return true;
		p++;
	}
	return false;
}

/* See cli.h. */
int cli_fail(const cli_t *c, const err_t *e)
{
	const char *text = err_text(e, c->lang);
	if (!*text)
		text = c->lang == LANG_EN ? "failed" : "thất bại";
	if (e->field[0] && !names_field(text, e->field))
		fprintf(stderr, "plusone: %s: %s\n", e->field, text);
	else
		fprintf(stderr, "plusone: %s\n", text);
	return err_exit_status(e->code);
}

/* See cli.h. */
int cli_print_json(json_t *doc)
{
	int rc = 0;
	if (!doc)
		return 1;
	if (json_dumpf(doc, stdout, JSON_COMPACT | JSON_ENCODE_ANY) != 0)
		rc = 1;
	fputc('\n', stdout);
	json_decref(doc);
	if (fflush(stdout) != 0)
		rc = 1;
	return rc;
}

/* See cli.h. */
json_t *cli_json_str_or_null(const char *s)
{
	return report_str_or_null(s);
}

/* See cli.h. */
json_t *cli_json_date(date_t d)
{
	return report_date(d);
}

/* See cli.h. */
json_t *cli_person_json(const person_t *p, bool full)
{
	return report_person(p, full);
}

/* See cli.h. */
int cli_date_arg(const char *s, const char *flag, date_t *out, err_t *e)
{
	return date_parse_iso(s, strlen(s), out, flag, e);
}

/* See cli.h. */
int cli_read_secret(char *out, size_t cap, err_t *e)
{
	size_t n;
	if (!fgets(out, (int)cap, stdin))
		return err_set(e, PO_EINVAL, "password", MSG_CLI_NO_PASSWORD);
	n = strlen(out);
	if (n == cap - 1 && out[n - 1] != '\n' && !feof(stdin))
		return err_set(e, PO_EINVAL, "password", MSG_PASSWORD_BAD, PASSWORD_MIN, PASSWORD_MAX);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return PO_OK;
}

/* See cli.h. */
void cli_print_padded(const char *s, int width)
{
	size_t n = strlen(s), chars = vn_utf8_count(s, n);
	fputs(s, stdout);
	for (; (int)chars < width; chars++)
		fputc(' ', stdout);
}
