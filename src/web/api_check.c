/* api_check.c: the checks of an /api/ request against its operation
 * (api_ops.c) that the dispatcher runs before the handler: every query
 * argument must be one the operation lists (400 naming it, once each);
 * on an operation converted to the conventions (OP_STRICT) the values
 * of the arguments and the JSON body are checked against their schemas
 * too, and every problem answers in one 422. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api_ops.h"
#include "web/web_int.h"

/* The parameter called name of op, or NULL. */
static const api_param_t *param_of(const api_op_t *op, const char *name)
{
	const api_param_t *p;
	for (p = op->params; p && p->name; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

/* The schema a query parameter's text is read as, through references. */
static const schema_t *base(const schema_t *s)
{
	while (s->type == S_REF || ((s->type == S_ALLOF || s->type == S_ONEOF) && s->alts[0]))
		s = s->type == S_REF ? s->ref : s->alts[0];
	return s;
}

/* The JSON value of the query text v as the parameter's schema reads it
 * (an integer for an integer schema, true/false for a boolean), or NULL
 * when the text is not of that type. */
static json_t *query_value(const schema_t *s, const char *v)
{
	s = base(s);
	if (s->type == S_INTEGER) {
		char *end;
		long long n;
		if (!*v || (!((*v >= '0' && *v <= '9') || *v == '-')))
			return NULL;
		n = strtoll(v, &end, 10);
		return *end ? NULL : json_integer(n);
	}
	if (s->type == S_BOOLEAN) {
		if (strcmp(v, "true") == 0)
			return json_true();
		return strcmp(v, "false") == 0 ? json_false() : NULL;
	}
	return json_string(v);
}

/* Checks the values of the arguments and the body of x against op;
 * false when a 400 or 422 is already answered. */
static bool values_ok(web_ctx_t *x, const api_op_t *op)
{
	schema_problem_t p[SCHEMA_PROBLEMS_MAX];
	size_t n = 0, i;
	if (op->params) {
		const api_param_t *q;
		for (q = op->params; q->name; q++) {
			const char *v = web_query(x, q->name);
			json_t *jv;
			if (!v) {
				if (q->required && n < SCHEMA_PROBLEMS_MAX) {
					snprintf(p[n].field, sizeof p[n].field, "%s", q->name);
					p[n].code = "required";
					snprintf(p[n].vi, sizeof p[n].vi, msg_format(MSG_API_REQUIRED, LANG_VI), q->name);
					snprintf(p[n].en, sizeof p[n].en, msg_format(MSG_API_REQUIRED, LANG_EN), q->name);
					n++;
				}
				continue;
			}
			jv = query_value(q->schema, v);
			if (!jv) {
				/* not of the argument's type: checked as text, a type problem */
				json_t *wrong = json_string(v);
				schema_check(base(q->schema), wrong, q->name, p, &n);
				json_decref(wrong);
				continue;
			}
			schema_check(q->schema, jv, q->name, p, &n);
			json_decref(jv);
		}
	}
	if (op->body && x->json)
		schema_check(op->body, x->json, "", p, &n);
	if (!n)
		return true;
	/* an unknown member is a 400 naming it, as an unknown argument is */
	for (i = 0; i < n; i++)
		if (strcmp(p[i].code, "unknown") == 0) {
			web_fail_problem(x, 400, &p[i]);
			return false;
		}
	web_fail_problems(x, p, n);
	return false;
}

/* See web_int.h. */
bool web_api_check(web_ctx_t *x, const web_route_t *r)
{
	const api_op_t *op = api_op_find(r->method, r->pattern);
	size_t i, j;
	if (!op)
		return true;
	for (i = 0; i < x->rq->nquery; i++) {
		const char *k = x->rq->query[i].k;
		if (!param_of(op, k)) {
			web_fail_text(x, 400, k, MSG_API_UNKNOWN_PARAM, k);
			return false;
		}
		for (j = 0; j < i; j++)
			if (strcmp(x->rq->query[j].k, k) == 0) {
				web_fail_text(x, 400, k, MSG_API_REPEATED, k);
				return false;
			}
	}
	if (!(op->flags & OP_STRICT) || (op->flags & OP_LATE))
		return true;
	return values_ok(x, op);
}

/* See web_int.h. */
bool web_api_values_ok(web_ctx_t *x)
{
	const api_op_t *op = api_op_find(x->rq->method, x->rs->route ? x->rs->route : "");
	return !op || values_ok(x, op);
}
