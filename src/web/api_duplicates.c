/* api_duplicates.c: the possible duplicates over the API (see
 * app/duplicates.h): the list of pairs, a merge, a pair marked as two
 * people.  Both people of a pair, and both ids of a merge, must be
 * inside the caller's units; outside answers 404 as a missing record. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "app/duplicates.h"
#include "app/registry.h"
#include "report/json_accounts.h"
#include "web/handlers.h"

/* Answers the error of a use case: 404 for missing (or outside), 403
 * for a role that may not write, 422 naming the field, else its status. */
static void fail(web_ctx_t *x, int rc, const err_t *e)
{
	if (rc == PO_ENOTFOUND)
		web_fail_msg(x, 404, MSG_WEB_NOT_FOUND);
	else if (rc == PO_EFORBIDDEN)
		web_fail_msg(x, 403, MSG_WEB_FORBIDDEN);
	else if (rc == PO_EINVAL)
		web_fail_fields(x, e, 1);
	else
		web_fail(x, rc, e);
}

/* One pair as JSON (app_duplicates_list callback). */
static int pair_row(const dup_view_t *v, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:I,s:o,s:o}", "id", (json_int_t)v->pair.id, "older",
					     report_person_masked(&v->older, true, false), "newer",
					     report_person_masked(&v->newer, true, false)));
	return 0;
}

/* GET /api/v1/duplicates[?unit_code=CODE][&limit=N][&after=CURSOR]: a
 * page of the open pairs {"id", "older", "newer"} whose two people are
 * inside the caller's units (and the unit's subtree), in the list
 * envelope {"results", "next", "total"}; a unit outside them answers as
 * an unknown one (422 naming unit_code). */
void h_api_duplicates(web_ctx_t *x)
{
	const char *unit = web_query(x, "unit_code");
	int64_t *filter = NULL;
	size_t nfilter = 0;
	json_t *arr = json_array();
	unit_t u;
	err_t e;
	int rc = PO_OK;
	if (unit) {
		rc = store_unit_by_code(x->a->store, unit, x->a->today, &u, &e);
		if (rc == PO_ENOTFOUND || (!rc && !unit_set_has(x->scope, x->nscope, u.id)))
			rc = err_set(&e, PO_EINVAL, "unit_code", MSG_UNIT_UNKNOWN, unit);
		if (!rc)
			rc = app_unit_scope(x->a, unit, "unit_code", &filter, &nfilter, &e);
	}
	if (!rc)
		rc = app_duplicates_list(x->a, x->scope, x->nscope, unit ? filter : NULL, nfilter, pair_row, arr, &e);
	free(filter);
	if (rc) {
		json_decref(arr);
		fail(x, rc, &e);
		return;
	}
	web_list_rows(x, arr, "id", NULL);
}

/* A positive id member k of the body (an integer or a string of digits). */
static int body_id(const web_ctx_t *x, const char *k, int64_t *out, err_t *e)
{
	json_t *v = x->json ? json_object_get(x->json, k) : NULL;
	*out = 0;
	if (json_is_integer(v))
		*out = json_integer_value(v);
	else if (json_is_string(v)) {
		char *end;
		long long n;
		errno = 0;
		n = strtoll(json_string_value(v), &end, 10);
		if (!errno && *end == '\0' && end != json_string_value(v))
			*out = n;
	} else if (!v || json_is_null(v))
		return err_set(e, PO_EINVAL, k, MSG_REG_MISSING, k);
	if (*out < 1)
		return err_set(e, PO_EINVAL, k, MSG_REG_RANGE, k, 1L, (long)INT64_MAX);
	return PO_OK;
}

/* POST /api/v1/people/{id}/merge {"merged_id": ID}: merges person ID
 * into person id (app_people_merge); 200 {"person": the kept person,
 * "merged_id": ID}.  Person id outside the caller's units: 404 whatever
 * the body (then the body is checked against MergeRequest); ID outside
 * them: 404 too. */
void h_api_people_merge(web_ctx_t *x)
{
	int64_t *scope = NULL, drop = 0;
	size_t nscope = 0;
	person_t p;
	err_t e;
	int rc = app_writer_scope(x->a, x->u, &scope, &nscope, &e);
	if (!rc)
		rc = app_person_get(x->a, x->id, scope, nscope, &p, &e); /* 404 before looking at the body */
	if (!rc && !web_api_values_ok(x)) {
		free(scope);
		return;
	}
	if (!rc)
		rc = body_id(x, "merged_id", &drop, &e);
	if (!rc)
		rc = app_people_merge(x->a, scope, nscope, x->id, drop, &p, &e);
	free(scope);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	web_json(x, 200, json_pack("{s:o,s:I}", "person", report_person_masked(&p, true, false), "merged_id",
				   (json_int_t)drop));
}

/* POST /api/v1/duplicates/{id}/distinct: the pair is two people; 200
 * {"id", "status": "distinct"}.  A pair closed, missing or with someone
 * outside the caller's units: 404. */
void h_api_duplicate_distinct(web_ctx_t *x)
{
	int64_t *scope = NULL;
	size_t nscope = 0;
	err_t e;
	int rc = app_writer_scope(x->a, x->u, &scope, &nscope, &e);
	if (!rc)
		rc = app_duplicate_distinct(x->a, scope, nscope, x->id, &e);
	free(scope);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	web_json(x, 200, json_pack("{s:I,s:s}", "id", (json_int_t)x->id, "status", "distinct"));
}
