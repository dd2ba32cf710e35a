/* api_registry.c: the API of the registry (see handlers.h): the
 * dashboard, units, people, households, quotes and legal parameters.
 * Each handler parses the query or the JSON body, calls one use case of
 * app/registry.h (or app.h) and renders with report/json_registry.h.
 *
 * Errors: a record missing or outside the caller's units answers 404
 * with the same body whatever the id (checked before the body is read,
 * so a wrong body says nothing of a record she cannot see); a wrong
 * input 422 {"errors":
 * [{"field", "message", "code"}]}; a viewer refused by a use case
 * 403; other codes their status (web_status_of). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/collect.h"
#include "app/duplicates.h"
#include "app/people_view.h"
#include "app/registry.h"
#include "report/json_accounts.h"
#include "report/json_registry.h"
#include "web/handlers.h"

/* Answers the error of a use case (see the top of the file). */
static void fail(web_ctx_t *x, int rc, const err_t *e)
{
	if (rc == PO_ENOTFOUND)
		web_fail_msg(x, 404, MSG_WEB_NOT_FOUND);
	else if (rc == PO_EFORBIDDEN) /* refused for her role, not for what she sent */
		web_fail_msg(x, 403, MSG_WEB_FORBIDDEN);
	else if (rc == PO_EINVAL)
		web_fail_fields(x, e, 1);
	else
		web_fail(x, rc, e);
}

/* True when the caller sees identifiers masked (a viewer). */
static bool masked(const web_ctx_t *x)
{
	return x->u && x->u->role == UROLE_VIEWER;
}

/* A person with her details as the caller may see them: a viewer sees
 * the CCCD masked, as in lists. */
static json_t *person_view(const web_ctx_t *x, person_details_t *d)
{
	if (masked(x) && d->p.cccd[0]) {
		char m[13];
		cccd_mask(d->p.cccd, m);
		snprintf(d->p.cccd, sizeof d->p.cccd, "%s", m);
	}
	return report_person_details(d);
}

/* ---- reading the query ---- */

/* A whole number query argument k in [lo, hi]; def when absent. */
static int q_int(const web_ctx_t *x, const char *k, long lo, long hi, long def, long *out, err_t *e)
{
	const char *s = web_query(x, k);
	char *end;
	long v;
	*out = def;
	if (!s)
		return PO_OK;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return err_set(e, PO_EINVAL, k, MSG_REG_RANGE, k, lo, hi);
	*out = v;
	return PO_OK;
}

/* A date query argument k (YYYY-MM-DD); def when absent. */
static int q_date(const web_ctx_t *x, const char *k, date_t def, date_t *out, err_t *e)
{
	const char *s = web_query(x, k);
	*out = def;
	return s ? date_parse_iso(s, strlen(s), out, k, e) : PO_OK;
}

/* An amount query argument k; *has false (and *out 0) when absent. */
static int q_money(const web_ctx_t *x, const char *k, money_t *out, bool *has, err_t *e)
{
	const char *s = web_query(x, k);
	*out = 0;
	*has = s != NULL;
	return s ? money_parse(s, strlen(s), out, k, e) : PO_OK;
}

/* A yes/no query argument k ("1", "true", "0", "false"); false when absent. */
static int q_bool(const web_ctx_t *x, const char *k, bool *out, err_t *e)
{
	const char *s = web_query(x, k);
	*out = false;
	if (!s)
		return PO_OK;
	if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0)
		*out = true;
	else if (strcmp(s, "0") != 0 && strcmp(s, "false") != 0)
		return err_set(e, PO_EINVAL, k, MSG_REG_BOOL, k);
	return PO_OK;
}

/* ---- reading a JSON body ---- */

/* The string member k of the body: NULL when absent or null; PO_EINVAL
 * when it is something else than a string. */
static int j_str(const web_ctx_t *x, const char *k, const char **out, err_t *e)
{
	json_t *v = x->json ? json_object_get(x->json, k) : NULL;
	*out = NULL;
	if (!v || json_is_null(v))
		return PO_OK;
	if (!json_is_string(v))
		return err_set(e, PO_EINVAL, k, MSG_REG_NOT_TEXT, k);
	*out = json_string_value(v);
	return PO_OK;
}

/* The string member k, which must be there. */
static int j_need(const web_ctx_t *x, const char *k, const char **out, err_t *e)
{
	int rc = j_str(x, k, out, e);
	if (!rc && !*out)
		rc = err_set(e, PO_EINVAL, k, MSG_REG_MISSING, k);
	return rc;
}

/* A date member k; def when absent. */
static int j_date(const web_ctx_t *x, const char *k, date_t def, date_t *out, err_t *e)
{
	const char *s;
	int rc = j_str(x, k, &s, e);
	*out = def;
	if (!rc && s)
		rc = date_parse_iso(s, strlen(s), out, k, e);
	return rc;
}

/* A positive id member k, as a JSON integer or a string of digits. */
static int j_id(const web_ctx_t *x, const char *k, int64_t *out, err_t *e)
{
	json_t *v = x->json ? json_object_get(x->json, k) : NULL;
	*out = 0;
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
	} else if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		long long n;
		errno = 0;
		n = strtoll(s, &end, 10);
		if (!errno && end != s && !*end)
			*out = n;
	} else if (!v || json_is_null(v)) {
		return err_set(e, PO_EINVAL, k, MSG_REG_MISSING, k);
	}
	if (*out < 1)
		return err_set(e, PO_EINVAL, k, MSG_REG_RANGE, k, 1L, (long)INT64_MAX);
	return PO_OK;
}

/* ---- the dashboard ---- */

/* GET /api/v1/dashboard[?date=D]: the figures of the caller's units and,
 * for officers, union cadres and administrators, "upcoming_changes": the
 * parameters coming into force in the 60 days after the date. */
void h_api_dashboard(web_ctx_t *x)
{
	dashboard_t d;
	date_t on;
	json_t *o;
	err_t e;
	int rc = q_date(x, "date", x->a->today, &on, &e);
	if (!rc)
		rc = app_dashboard(x->a, x->u, x->scope, x->nscope, on, &d, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	o = report_dashboard(&d);
	json_object_set_new(o, "unit_code", json_string(x->u->unit_code));
	json_object_set_new(o, "upcoming_changes", report_notices(d.upcoming, d.nupcoming, x->lang));
	web_json(x, 200, o);
}

/* ---- units ---- */

/* Appends one unit to a JSON array (app_units_list callback). */
static int unit_row(const unit_view_t *v, void *ctx)
{
	json_array_append_new(ctx, report_unit_view(v));
	return 0;
}

/* GET /api/v1/units[?date=D][&all=true][&limit=N][&after=CURSOR]: a
 * page of the units inside the caller's units in force on the date
 * (every version with all), in code order: {"results", "next", "total",
 * "date"}. */
void h_api_units_list(web_ctx_t *x)
{
	json_t *arr;
	date_t on;
	bool all;
	err_t e;
	int rc = q_date(x, "date", x->a->today, &on, &e);
	if (!rc)
		rc = q_bool(x, "all", &all, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	arr = json_array();
	rc = app_units_list(x->a, x->scope, x->nscope, on, all, unit_row, arr, &e);
	if (rc) {
		json_decref(arr);
		fail(x, rc, &e);
		return;
	}
	web_list_rows(x, arr, "id", json_pack("{s:o}", "date", report_date(on)));
}

/* GET /api/v1/units/{id}[?date=D]: one unit with its parent, children
 * and the people of its subtree. */
void h_api_units_get(web_ctx_t *x)
{
	unit_detail_t d;
	json_t *o, *arr;
	date_t on;
	size_t i;
	err_t e;
	int rc = q_date(x, "date", x->a->today, &on, &e);
	if (!rc)
		rc = app_unit_detail(x->a, x->id, x->scope, x->nscope, on, &d, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	o = report_unit_view(&d.unit);
	arr = json_array();
	for (i = 0; i < d.nchildren; i++)
		json_array_append_new(arr, report_unit_view(&d.children[i]));
	json_object_set_new(o, "date", report_date(on));
	json_object_set_new(o, "people", json_integer(d.people));
	json_object_set_new(o, "parent", d.has_parent ? report_unit_view(&d.parent) : json_null());
	json_object_set_new(o, "children", arr);
	unit_detail_free(&d);
	web_json(x, 200, o);
}

/* POST /api/v1/units {"code", "name", "kind", "parent_code",
 * "valid_from"?, "island"?} (types checked by the dispatcher against
 * UnitNew): 201 with the new unit. */
void h_api_units_add(web_ctx_t *x)
{
	const char *code, *name, *kind, *parent;
	json_t *island = json_object_get(x->json, "island");
	unit_view_t v;
	unit_t u;
	err_t e;
	int rc;
	memset(&u, 0, sizeof u);
	rc = j_need(x, "code", &code, &e);
	if (!rc)
		rc = j_need(x, "name", &name, &e);
	if (!rc)
		rc = j_need(x, "kind", &kind, &e);
	if (!rc)
		rc = j_str(x, "parent_code", &parent, &e);
	if (!rc)
		rc = j_date(x, "valid_from", (date_t){1, 1, 1, false}, &u.valid_from, &e);
	if (!rc && island && !json_is_boolean(island))
		rc = err_set(&e, PO_EINVAL, "island", MSG_REG_BOOL, "island");
	if (!rc && strlen(code) > UNIT_CODE_MAX)
		rc = err_set(&e, PO_EINVAL, "code", MSG_UNIT_CODE_BAD, code);
	if (!rc && strlen(name) > UNIT_NAME_MAX)
		rc = err_set(&e, PO_EINVAL, "name", MSG_UNIT_NAME_BAD, UNIT_NAME_MAX);
	if (!rc && !unit_kind_parse(kind, &u.kind))
		rc = err_set(&e, PO_EINVAL, "kind", MSG_UNIT_KIND_BAD, kind);
	if (!rc) {
		snprintf(u.code, sizeof u.code, "%s", code);
		snprintf(u.name, sizeof u.name, "%s", name);
		u.island = json_is_true(island);
		rc = app_unit_add_under(x->a, x->u, &u, parent, &v, &e);
	}
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	web_json(x, 201, report_unit_view(&v));
}

/* ---- people ---- */

/* GET /api/v1/people?q=QUERY[&limit=N][&after=CURSOR][&cover=true]: a
 * page of the contract's search {"total", "results", "next"} (the
 * cursor: the ordinal of the page's last match; at most the first
 * SEARCH_LIMIT_MAX matches are reached), inside the
 * caller's units; a viewer sees CCCD numbers masked and may not search
 * by CCCD (403, whatever the number); identifier searches (12 or 10
 * digits) are bounded per user (429 with Retry-After, search_limit.h).
 * With cover=true each result also has bhyt_valid_until and
 * bhxh_paid_until (YYYY-MM-DD, null when none). */
void h_api_people_search(web_ctx_t *x)
{
	const char *q = web_query(x, "q");
	search_result_t r;
	json_t *arr;
	int limit;
	int64_t after;
	size_t i;
	err_t e;
	person_cover_t cv;
	json_t *o;
	const char *cv_arg = web_query(x, "cover");
	bool cover = cv_arg && strcmp(cv_arg, "true") == 0;
	int rc = PO_OK;
	if (!web_list_page(x, &limit, &after))
		return;
	if (after > SEARCH_LIMIT_MAX - limit) {
		err_set(&e, PO_EINVAL, "after", MSG_SEARCH_LIMIT, SEARCH_LIMIT_MAX);
		web_fail_fields(x, &e, 1);
		return;
	}
	{
		/* a viewer may not search by CCCD; identifier searches are bounded */
		rc = web_search_check(x, q ? q : "", &e);
		if (rc == PO_ELIMIT || rc == PO_EFORBIDDEN) {
			web_json(x, rc == PO_ELIMIT ? 429 : 403,
				 json_pack("{s:s,s:s,s:s,s:s}", "error", e.en, "code",
					   rc == PO_ELIMIT ? "rate_limited" : "forbidden", "message",
					   x->lang == LANG_EN ? e.en : e.vi, "field", "q"));
			return;
		}
	}
	if (!rc)
		rc = people_search(x->a, q ? q : "", x->scope, x->nscope, (int)after + limit, &r, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	arr = json_array();
	for (i = (size_t)after; i < r.n; i++) {
		/* the contract's fields, and her cover when asked */
		o = report_person_masked(&r.items[i], false, masked(x));
		if (cover && app_person_cover(x->a, r.items[i].id, &cv, &e) == PO_OK) {
			json_object_set_new(o, "bhyt_valid_until", cv.has_bhyt ? report_date(cv.bhyt_to) : json_null());
			json_object_set_new(o, "bhxh_paid_until", cv.has_bhxh ? report_date(cv.bhxh_to) : json_null());
		}
		json_array_append_new(arr, o);
	}
	/* the cursor is the ordinal of the page's last match */
	web_list(x, arr, (int64_t)r.total > after + limit ? after + limit : 0, (long long)r.total, NULL);
	search_result_free(&r);
}

/* Reads the person columns of the body into *in.  strict (PATCH): a
 * string sets a column, null empties it, member may be true/false, any
 * other value or an unknown key is refused (PO_EINVAL naming it).  Not
 * strict (POST, as before): strings, and true/false for member, are
 * read and anything else is left out. */
static int fields_of_body(const web_ctx_t *x, bool strict, person_fields_t *in, err_t *e)
{
	const char *k;
	json_t *v;
	int c;
	memset(in, 0, sizeof *in);
	for (c = 0; c < PCOL_COUNT; c++) {
		v = json_object_get(x->json, pcol_name((enum pcol)c));
		if (json_is_string(v)) {
			in->v[c] = json_string_value(v);
			in->n[c] = json_string_length(v);
		} else if (json_is_boolean(v) && c == PCOL_MEMBER) {
			in->v[c] = json_is_true(v) ? "yes" : "no";
			in->n[c] = strlen(in->v[c]);
		} else if (strict && json_is_null(v)) {
			in->v[c] = "";
			in->n[c] = 0;
		} else if (strict && v) {
			return err_set(e, PO_EINVAL, pcol_name((enum pcol)c), MSG_REG_NOT_TEXT, pcol_name((enum pcol)c));
		}
	}
	if (strict) {
		json_object_foreach(x->json, k, v) {
			for (c = 0; c < PCOL_COUNT && strcmp(k, pcol_name((enum pcol)c)) != 0; c++)
				;
			if (c == PCOL_COUNT)
				return err_set(e, PO_EINVAL, k, MSG_REG_UNKNOWN_FIELD, k);
		}
		if (json_object_size(x->json) == 0)
			return err_set(e, PO_EINVAL, "", MSG_REG_NOTHING);
	}
	return PO_OK;
}

/* Answers the errors of a person written from fields: 403 for a viewer,
 * 422 with every field error, else the status of the code. */
static void fail_fields(web_ctx_t *x, int rc, const err_t *errs, size_t nerrs)
{
	if (rc == PO_EINVAL && nerrs)
		web_fail_fields(x, errs, nerrs);
	else
		fail(x, rc, &errs[0]);
}

/* POST /api/v1/people: a JSON person (the import columns as keys) →
 * 201 with the stored person; 422 with every field error; 409 for a
 * CCCD or mã số BHXH already present; 409 {"error", "message",
 * "candidates": [person…]} when people of the same name, date of birth,
 * sex and unit exist and the body does not say "confirm_new": true (she
 * is another person).  Never changes anyone else. */
void h_api_people_add(web_ctx_t *x)
{
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX];
	person_t p, cands[PERSON_CANDIDATES_MAX];
	size_t nerrs = 0, ncands = 0, i;
	json_t *confirm = json_object_get(x->json, "confirm_new"), *arr;
	int rc;
	if (confirm && !json_is_boolean(confirm)) {
		err_set(&errs[0], PO_EINVAL, "confirm_new", MSG_REG_BOOL, "confirm_new");
		web_fail_fields(x, errs, 1);
		return;
	}
	fields_of_body(x, false, &in, &errs[0]);
	rc = app_person_add(x->a, x->u, &in, json_is_true(confirm), &p, cands, &ncands, errs, &nerrs);
	if (rc == PO_ECONFLICT && ncands) {
		arr = json_array();
		for (i = 0; i < ncands; i++)
			json_array_append_new(arr, report_person_masked(&cands[i], true, masked(x)));
		web_json(x, 409, json_pack("{s:s,s:s,s:s,s:o}", "error", errs[0].en, "message", errs[0].vi, "field",
					   "candidates", "candidates", arr));
		return;
	}
	if (rc) {
		fail_fields(x, rc, errs, nerrs);
		return;
	}
	web_json(x, 201, report_person(&p, true));
}

/* GET /api/v1/people/{id}: the person with her details (membership,
 * her household's poverty certificates, "referred_by": the id of who
 * brought her in or null, "referral": {"relation", "date"} or null);
 * 404 outside the caller's units as for a missing one. */
void h_api_people_get(web_ctx_t *x)
{
	person_details_t d;
	err_t e;
	bool has = false;
	int64_t by = 0;
	char rel[16];
	date_t when;
	json_t *o;
	int rc = app_person_details(x->a, x->id, x->scope, x->nscope, &d, &e);
	if (!rc)
		rc = app_person_referrer(x->a, x->id, x->scope, x->nscope, &has, &by, rel, &when, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	o = person_view(x, &d);
	json_object_set_new(o, "referred_by", has ? json_integer((json_int_t)by) : json_null());
	json_object_set_new(o, "referral",
			    has ? json_pack("{s:s,s:o}", "relation", rel, "date", report_date(when)) : json_null());
	web_json(x, 200, o);
}

/* PATCH /api/v1/people/{id}: 404 for a person outside the caller's units
 * whatever the body; then the body checked against PersonPatch and the
 * columns given change (see
 * app_person_update); 200 with the person and her details. */
void h_api_people_patch(web_ctx_t *x)
{
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX];
	size_t nerrs = 1;
	person_details_t d;
	person_t p;
	int rc = app_person_get(x->a, x->id, x->scope, x->nscope, &p, &errs[0]); /* 404 before the body */
	if (!rc && !web_api_values_ok(x))
		return;
	if (!rc)
		rc = fields_of_body(x, true, &in, &errs[0]);
	if (!rc)
		rc = app_person_update(x->a, x->u, x->id, &in, &p, errs, &nerrs);
	if (!rc)
		rc = app_person_details(x->a, x->id, x->scope, x->nscope, &d, &errs[0]);
	if (rc) {
		fail_fields(x, rc, errs, nerrs);
		return;
	}
	web_json(x, 200, person_view(x, &d));
}

/* GET /api/v1/people/{id}/participation[?date=D]: her voluntary BHXH
 * state on the date (as `participation --json`). */
void h_api_people_participation(web_ctx_t *x)
{
	participation_t pt;
	date_t on;
	err_t e;
	int rc = q_date(x, "date", x->a->today, &on, &e);
	if (!rc)
		rc = app_person_participation(x->a, x->id, x->scope, x->nscope, on, &pt, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	web_json(x, 200, report_participation(x->id, on, &pt));
}

struct coverage_out {
	json_t *periods, *receipts;
};

/* Appends one paid period (app_person_coverage callback). */
static int period_row(const coverage_period_t *p, void *ctx)
{
	struct coverage_out *c = ctx;
	json_array_append_new(c->periods, report_coverage_period(p));
	return 0;
}

/* Appends one receipt (app_person_coverage callback). */
static int receipt_row(const receipt_t *r, void *ctx)
{
	struct coverage_out *c = ctx;
	json_array_append_new(c->receipts, report_receipt_head(r));
	return 0;
}

/* GET /api/v1/people/{id}/coverage: {"person", "periods": [...newest
 * first], "receipts": [...newest first]}. */
void h_api_people_coverage(web_ctx_t *x)
{
	struct coverage_out c = {json_array(), json_array()};
	err_t e;
	int rc = app_person_coverage(x->a, x->id, x->scope, x->nscope, period_row, receipt_row, &c, &e);
	if (rc) {
		json_decref(c.periods);
		json_decref(c.receipts);
		fail(x, rc, &e);
		return;
	}
	web_json(x, 200,
		 json_pack("{s:I,s:o,s:o}", "person", (json_int_t)x->id, "periods", c.periods, "receipts", c.receipts));
}

/* GET /api/v1/people/{id}/pension[?income=N][&months_planned=M]: her
 * pension projection (see app_person_pension). */
void h_api_people_pension(web_ctx_t *x)
{
	pension_view_t v;
	money_t income;
	bool has_income;
	long planned;
	err_t e;
	int rc = q_money(x, "income", &income, &has_income, &e);
	if (!rc && has_income && income <= 0)
		rc = err_set(&e, PO_EINVAL, "income", MSG_REG_RANGE, "income", 1L, (long)MONEY_MAX);
	if (!rc)
		rc = q_int(x, "months_planned", 0, 1200, -1, &planned, &e);
	if (!rc)
		rc = app_person_pension(x->a, x->id, x->scope, x->nscope, x->a->today, income, (int)planned, &v, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	web_json(x, 200, report_pension(x->id, &v));
}

/* POST /api/v1/people/{id}/membership {"branch_code"?, "role"?, "since"?}:
 * records her union membership; 200 with the person and her details. */
void h_api_people_membership(web_ctx_t *x)
{
	const char *branch, *role_s;
	enum member_role role = ROLE_MEMBER;
	date_t since;
	person_details_t d;
	person_t p;
	err_t e;
	int rc = app_person_get(x->a, x->id, x->scope, x->nscope, &p, &e); /* 404 before looking at the body */
	if (!rc && !web_api_values_ok(x))
		return;
	if (!rc)
		rc = j_str(x, "branch_code", &branch, &e);
	if (!rc)
		rc = j_str(x, "role", &role_s, &e);
	if (!rc && role_s && !member_role_parse(role_s, &role))
		rc = err_set(&e, PO_EINVAL, "role", MSG_MEMBER_ROLE_BAD, role_s);
	if (!rc)
		rc = j_date(x, "since", (date_t){1, 1, 1, false}, &since, &e);
	if (!rc)
		rc = app_person_membership(x->a, x->u, x->id, branch, role, since, &d, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	web_json(x, 200, person_view(x, &d));
}

/* POST /api/v1/people/{id}/stop {"date"?, "reason"}: records that she
 * stopped voluntary BHXH; 201 with her participation on that date. */
void h_api_people_stop(web_ctx_t *x)
{
	const char *reason;
	participation_t pt;
	date_t d;
	person_t p;
	err_t e;
	int rc = app_person_get(x->a, x->id, x->scope, x->nscope, &p, &e); /* 404 before looking at the body */
	if (!rc && !web_api_values_ok(x))
		return;
	if (!rc)
		rc = j_need(x, "reason", &reason, &e);
	if (!rc)
		rc = j_date(x, "date", x->a->today, &d, &e);
	if (!rc)
		rc = app_person_stop(x->a, x->u, x->id, d, reason, &pt, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	web_json(x, 201, report_participation(x->id, d, &pt));
}

/* ---- households ---- */

/* Answers household id as the caller sees it, with status. */
static void household_answer(web_ctx_t *x, unsigned status)
{
	household_view_t h;
	json_t *o, *arr;
	size_t i;
	err_t e;
	int rc = app_household_get(x->a, x->id, x->scope, x->nscope, x->a->today, &h, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	o = report_household(&h);
	arr = json_array();
	for (i = 0; i < h.nmembers; i++)
		json_array_append_new(arr, report_person_masked(&h.members[i], true, masked(x)));
	json_object_set_new(o, "members", arr);
	household_view_free(&h);
	web_json(x, status, o);
}

/* GET /api/v1/households/{id}: the household, its members inside the
 * caller's units, its poverty status today and certificates. */
void h_api_households_get(web_ctx_t *x)
{
	household_answer(x, 200);
}

/* PATCH /api/v1/households/{id} {"head": PERSON_ID}: makes one of its
 * members the head; 200 with the household. */
void h_api_households_patch(web_ctx_t *x)
{
	household_rec_t h;
	int64_t head;
	err_t e;
	int rc = app_household_find(x->a, x->id, x->scope, x->nscope, &h, &e); /* 404 before looking at the body */
	if (!rc && !web_api_values_ok(x))
		return;
	if (!rc)
		rc = j_id(x, "head", &head, &e);
	if (!rc)
		rc = app_household_set_head(x->a, x->u, x->id, head, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	household_answer(x, 200);
}

/* POST /api/v1/households/{id}/poverty {"status": "poor"|"near_poor",
 * "valid_from", "valid_to"}: records a certificate; 201 with the
 * household.  The household is looked for first (404 whatever the
 * body), then the body checked against PovertyNew. */
void h_api_households_poverty(web_ctx_t *x)
{
	const char *status;
	enum poverty pv = POVERTY_NONE;
	household_rec_t h;
	date_t from, to;
	err_t e;
	int rc = app_household_find(x->a, x->id, x->scope, x->nscope, &h, &e); /* 404 before looking at the body */
	if (!rc && !web_api_values_ok(x))
		return;
	if (!rc)
		rc = j_need(x, "status", &status, &e);
	if (!rc && !poverty_parse(status, &pv))
		rc = err_set(&e, PO_EINVAL, "status", MSG_POVERTY_STATUS, status);
	if (!rc && !json_object_get(x->json, "valid_from"))
		rc = err_set(&e, PO_EINVAL, "valid_from", MSG_REG_MISSING, "valid_from");
	if (!rc && !json_object_get(x->json, "valid_to"))
		rc = err_set(&e, PO_EINVAL, "valid_to", MSG_REG_MISSING, "valid_to");
	if (!rc)
		rc = j_date(x, "valid_from", x->a->today, &from, &e);
	if (!rc)
		rc = j_date(x, "valid_to", x->a->today, &to, &e);
	if (!rc)
		rc = app_household_poverty_add(x->a, x->u, x->id, pv, from, to, &e);
	if (rc == PO_EINVAL && strcmp(e.field, "to") == 0) /* the body's name of the end */
		snprintf(e.field, sizeof e.field, "%s", "valid_to");
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	household_answer(x, 201);
}

/* ---- quotes ---- */

/* Answers the error of a quote: a date before any parameter row (the
 * rules' PO_ENOTFOUND) is a wrong input here, not a missing record. */
static void quote_fail(web_ctx_t *x, int rc, const err_t *e)
{
	fail(x, rc == PO_ENOTFOUND ? PO_EINVAL : rc, e);
}

/* Adds the quote's notes (app_quote_notices for a period paid on `paid`
 * running to `end`) to o and answers it with 200; a failure to read the
 * parameters answers as a quote error. */
static void quote_answer(web_ctx_t *x, json_t *o, const char *scheme, date_t paid, date_t end, enum bhxh_category c)
{
	param_notice_t notes[PARAM_NOTICE_MAX];
	size_t n = 0;
	err_t e;
	int rc = app_quote_notices(x->a, scheme, paid, end, c, notes, PARAM_NOTICE_MAX, &n, &e);
	if (rc) {
		json_decref(o);
		quote_fail(x, rc, &e);
		return;
	}
	json_object_set_new(o, "notes", report_notices(notes, n, x->lang));
	web_json(x, 200, o);
}

/* GET /api/v1/quotes/bhxh?income=N&months=M&category=C[&date=D]
 * [&province=P][&supported_months=S], or ?income=N&advance_years=Y
 * [&category=C][&supported_months=S] / &missing_months=M for a payment
 * at once: the JSON of `quote bhxh --json` with the same flags (date
 * defaults to today; an advance's category to "other"), with its
 * "notes". */
void h_api_quote_bhxh(web_ctx_t *x)
{
	const char *cat = web_query(x, "category"), *prov = web_query(x, "province");
	const char *adv = web_query(x, "advance_years"), *miss = web_query(x, "missing_months");
	bhxh_request_t r;
	bhxh_quote_t q;
	lump_quote_t lq;
	bool has_income;
	long n = 0, sup = 0;
	err_t e;
	int rc;
	memset(&r, 0, sizeof r);
	rc = q_date(x, "date", x->a->today, &r.date, &e);
	if (!rc)
		rc = q_money(x, "income", &r.income, &has_income, &e);
	if (!rc && !has_income)
		rc = err_set(&e, PO_EINVAL, "income", MSG_REG_MISSING, "income");
	if (!rc && (adv || miss)) {
		r.category = BHXH_OTHER;
		if (adv && miss)
			rc = err_set(&e, PO_EINVAL, "advance_years", MSG_REG_LUMP_BOTH);
		else if (web_query(x, "months") || prov || (miss && (cat || web_query(x, "supported_months"))))
			rc = err_set(&e, PO_EINVAL, web_query(x, "months") ? "months" : prov ? "province" : cat ? "category"
												 : "supported_months",
				     MSG_REG_LUMP_FIELDS);
		else
			rc = adv ? q_int(x, "advance_years", ADVANCE_YEARS_MIN, ADVANCE_YEARS_MAX, 2, &n, &e)
				 : q_int(x, "missing_months", 1, 1200, 1, &n, &e);
		if (!rc && cat && !bhxh_category_parse(cat, &r.category))
			rc = err_set(&e, PO_EINVAL, "category", MSG_CLI_CATEGORY_BAD, cat);
		if (!rc && adv)
			rc = q_int(x, "supported_months", 0, 10000, 0, &sup, &e);
		r.supported_before = (int)sup;
		if (!rc)
			rc = app_quote_bhxh_lump(x->a, &r, adv != NULL, (int)n, &lq, &e);
		if (rc)
			quote_fail(x, rc, &e);
		else if (adv)
			quote_answer(x, report_quote_lump(r.date, r.income, true, &lq), "bhxh", r.date,
				     quote_period_end(r.date, lq.months), r.category);
		else
			quote_answer(x, report_quote_lump(r.date, r.income, false, &lq), "bhxh", r.date, r.date, r.category);
		return;
	}
	if (!rc && !web_query(x, "months"))
		rc = err_set(&e, PO_EINVAL, "months", MSG_REG_MISSING, "months");
	if (!rc)
		rc = q_int(x, "months", 1, 12, 1, &n, &e);
	r.months = (int)n;
	if (!rc && !cat)
		rc = err_set(&e, PO_EINVAL, "category", MSG_REG_MISSING, "category");
	if (!rc && !bhxh_category_parse(cat, &r.category))
		rc = err_set(&e, PO_EINVAL, "category", MSG_CLI_CATEGORY_BAD, cat);
	if (!rc && prov) {
		if (strlen(prov) != 2 || !ids_province_name(prov))
			rc = err_set(&e, PO_EINVAL, "province", MSG_CLI_PROVINCE_BAD, prov);
		else
			memcpy(r.province, prov, 3);
	}
	if (!rc)
		rc = q_int(x, "supported_months", 0, 10000, 0, &n, &e);
	r.supported_before = (int)n;
	if (!rc)
		rc = app_quote_bhxh(x->a, &r, &q, &e);
	if (rc) {
		quote_fail(x, rc, &e);
		return;
	}
	quote_answer(x, report_quote_bhxh(&r, &q), "bhxh", r.date, quote_period_end(r.date, r.months), r.category);
}

/* GET /api/v1/quotes/bhyt?months=M[&members=K][&ordinal=J][&date=D]
 * [&previous_end=D][&first_time=1]: the JSON of `quote bhyt --json`
 * with its "notes"
 * (ordinal is --first-ordinal; members defaults to 1, date to today). */
void h_api_quote_bhyt(web_ctx_t *x)
{
	const char *prev_s = web_query(x, "previous_end");
	bhyt_request_t r;
	bhyt_quote_t q;
	card_validity_t card;
	date_t prev = {1, 1, 1, false};
	bool first_time;
	long n = 0;
	err_t e;
	int rc;
	memset(&r, 0, sizeof r);
	rc = q_date(x, "date", x->a->today, &r.date, &e);
	if (!rc && !web_query(x, "months"))
		rc = err_set(&e, PO_EINVAL, "months", MSG_REG_MISSING, "months");
	if (!rc)
		rc = q_int(x, "months", 1, 12, 12, &n, &e);
	r.months = (int)n;
	if (!rc)
		rc = q_int(x, "members", 1, BHYT_MEMBERS_MAX, 1, &n, &e);
	r.members = (int)n;
	if (!rc)
		rc = q_int(x, "ordinal", 1, 1000, 1, &n, &e);
	r.first_ordinal = (int)n;
	if (!rc)
		rc = q_date(x, "previous_end", prev, &prev, &e);
	if (!rc)
		rc = q_bool(x, "first_time", &first_time, &e);
	if (!rc)
		rc = app_quote_bhyt(x->a, &r, &q, prev_s || first_time ? &card : NULL, prev_s != NULL, prev, &e);
	if (rc) {
		quote_fail(x, rc, &e);
		return;
	}
	quote_answer(x, report_quote_bhyt(&r, &q, prev_s || first_time ? &card : NULL), "bhyt", r.date,
		     prev_s || first_time ? card.to : date_add_days(date_add_months(r.date, r.months), -1), BHXH_OTHER);
}

/* ---- legal parameters ---- */

struct params_out {
	const char *family;
	json_t *arr;
};

/* Appends one parameter row of the family asked for (or any). */
static int param_row(const param_record_t *p, void *ctx)
{
	struct params_out *o = ctx;
	if (!o->family || strcmp(o->family, p->family) == 0)
		json_array_append_new(o->arr, report_param(p));
	return 0;
}

/* GET /api/v1/params[?family=F][&limit=N][&after=CURSOR]: a page of the
 * rows of `params list --json`: {"results", "next", "total"}. */
void h_api_params_list(web_ctx_t *x)
{
	struct params_out o = {web_query(x, "family"), json_array()};
	err_t e;
	int rc = app_params_each(x->a, param_row, &o, &e);
	if (rc) {
		json_decref(o.arr);
		fail(x, rc, &e);
		return;
	}
	web_list_rows(x, o.arr, NULL, NULL);
}

/* POST /api/v1/params {"family", "key"?, "valid_from", "value" (an
 * integer), "source", "status", "note"?}: records a row (checked as
 * `params add`); 201 with it; 403 unless the caller is an administrator
 * of a top-level unit (app_param_add_by: checked first, whatever the
 * body; then the body against ParamNew); 409 when that family, key and
 * date already have one. */
void h_api_params_add(web_ctx_t *x)
{
	const char *family, *key, *from, *value = NULL, *source, *status, *note;
	json_t *jv = json_object_get(x->json, "value");
	char num[32];
	param_record_t p;
	err_t e;
	int rc = app_param_writer_check(x->a, x->u, &e);
	if (rc) { /* 403 naming why, before the body is looked at */
		web_fail(x, rc, &e);
		return;
	}
	if (!web_api_values_ok(x))
		return;
	rc = j_str(x, "family", &family, &e);
	if (!rc)
		rc = j_str(x, "key", &key, &e);
	if (!rc)
		rc = j_str(x, "valid_from", &from, &e);
	if (!rc)
		rc = j_str(x, "source", &source, &e);
	if (!rc)
		rc = j_str(x, "status", &status, &e);
	if (!rc)
		rc = j_str(x, "note", &note, &e);
	if (!rc && json_is_integer(jv)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(jv));
		value = num;
	} else if (!rc) {
		rc = j_str(x, "value", &value, &e);
	}
	if (!rc)
		rc = app_param_parse(family, key, from, value, source, status, note, &p, &e);
	if (!rc)
		rc = app_param_add_by(x->a, x->u, &p, &e);
	if (rc) {
		fail(x, rc, &e);
		return;
	}
	web_json(x, 201, report_param(&p));
}
