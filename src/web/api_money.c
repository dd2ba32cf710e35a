/* api_money.c: the money side of the JSON API: collecting (and its
 * preview), receipts, voiding, remitting, cash on hand, 1+1 figures and
 * referrals, due lists (see handlers.h).  Each handler parses the query
 * or the body, calls one use case of app/ledger.h on behalf of the
 * caller (who she is, her units) and renders with report/json_ledger.h,
 * the shapes the command line prints too.
 *
 * Errors: a body that fails its checks answers 422 {"errors": [{"field",
 * "message", "code"}]}, each field named by its path
 * ("items[1].months"); a person of the body who does not exist or lives
 * outside the caller's units is the same error ("no person with id N").
 * A record asked for by the path or the query (a receipt, a unit, a
 * collector) that is missing or outside her units answers 404, before
 * the body is looked at.  A receipt already void or remitted answers
 * 409.  The dispatcher has checked the arguments and (but for a void,
 * OP_LATE) the body against their schemas (api_ops.c); lists answer
 * the list envelope (web_list). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/ledger.h"
#include "app/registry.h"
#include "report/json_ledger.h"
#include "report/json_registry.h"
#include "web/api_schemas.h"
#include "web/handlers.h"

/* Answers an error of a use case: 422 with the field for PO_EINVAL,
 * else the status of the code. */
static void answer_error(web_ctx_t *x, int rc, const err_t *e)
{
	if (rc == PO_EINVAL)
		web_fail_fields(x, e, 1);
	else
		web_fail(x, rc, e);
}

/* A whole number from the query argument `name` (def when absent),
 * from min to max; PO_EINVAL naming it otherwise. */
static int query_int(const web_ctx_t *x, const char *name, long long min, long long max, long long def,
		     long long *out, err_t *e)
{
	const char *s = web_query(x, name);
	char *end;
	long long v;
	*out = def;
	if (!s)
		return PO_OK;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return err_set(e, PO_EINVAL, name, MSG_CLI_RANGE, name, (long)min, (long)max);
	*out = v;
	return PO_OK;
}

/* A date from the query argument `name`: *has false when absent. */
static int query_date(const web_ctx_t *x, const char *name, date_t *out, bool *has, err_t *e)
{
	const char *s = web_query(x, name);
	*has = s != NULL;
	return s ? date_parse_iso(s, strlen(s), out, name, e) : PO_OK;
}

/* A yes/no query argument (1/0, true/false, yes/no); def when absent. */
static int query_bool(const web_ctx_t *x, const char *name, bool def, bool *out, err_t *e)
{
	const char *s = web_query(x, name);
	*out = def;
	if (!s)
		return PO_OK;
	if (!strcmp(s, "1") || !strcmp(s, "true") || !strcmp(s, "yes"))
		*out = true;
	else if (!strcmp(s, "0") || !strcmp(s, "false") || !strcmp(s, "no"))
		*out = false;
	else
		return err_set(e, PO_EINVAL, name, MSG_CLI_JSON_FIELD, name);
	return PO_OK;
}

/* The date member `name` of the body: today when absent or null. */
static int body_date(const web_ctx_t *x, const char *name, date_t *out, err_t *e)
{
	const json_t *v = x->json ? json_object_get(x->json, name) : NULL;
	*out = x->a->today;
	if (!v || json_is_null(v))
		return PO_OK;
	if (!json_is_string(v))
		return err_set(e, PO_EINVAL, name, MSG_CLI_JSON_FIELD, name);
	return date_parse_iso(json_string_value(v), json_string_length(v), out, name, e);
}

/* A positive id member `name` of the body (required). */
static int body_id(const web_ctx_t *x, const char *name, int64_t *out, err_t *e)
{
	const json_t *v = x->json ? json_object_get(x->json, name) : NULL;
	*out = 0;
	if (!v || json_is_null(v))
		return err_set(e, PO_EINVAL, name, MSG_CLI_MISSING_ARG, name);
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return err_set(e, PO_EINVAL, name, MSG_CLI_JSON_FIELD, name);
	*out = json_integer_value(v);
	return PO_OK;
}

/* Adds "notes" to a preview's answer: the parameter changes its lines'
 * periods reach and do not follow (app_lines_notices), in the caller's
 * language; nothing is added when the parameters cannot be read. */
static void preview_notes(web_ctx_t *x, json_t *doc, date_t d, const receipt_view_t *v)
{
	param_notice_t notes[PARAM_NOTICE_MAX];
	size_t n = 0;
	err_t e;
	if (app_lines_notices(x->a, d, v->lines, v->n, notes, PARAM_NOTICE_MAX, &n, &e) == PO_OK)
		json_object_set_new(doc, "notes", report_notices(notes, n, x->lang));
}

/* ---- retries: the Idempotency-Key header ---- */

/* See handlers.h. */
char *web_idem_receipt(const void *result, int *status, void *ctx)
{
	json_t *doc = json_pack("{s:o}", "receipt", report_receipt_view(result));
	char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	*status = ctx ? *(const int *)ctx : 200;
	return s;
}

/* The answer remembered for a remittance (app_idem_t render): 201
 * {"remittance"}, 200 when nothing was handed over. */
static char *idem_remittance(const void *result, int *status, void *ctx)
{
	const remittance_sum_t *m = result;
	json_t *doc = json_pack("{s:o}", "remittance", report_remittance(m));
	char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	(void)ctx;
	json_decref(doc);
	*status = m->id ? 201 : 200;
	return s;
}

/* Prepares *k from the request's Idempotency-Key header for the action
 * (id: the record the path names, 0 for none; the request: the JSON
 * body): *keyed false without the header.  A header that is not a key
 * is answered here (422 naming it) and returns non-zero. */
static int idem_header(web_ctx_t *x, const char *action, int64_t id, char *(*render)(const void *, int *, void *),
		       void *ctx, app_idem_t *k, bool *keyed)
{
	err_t e;
	*keyed = x->rq->idem_key != NULL;
	if (!*keyed)
		return 0;
	if (app_idem_init(k, x->rq->idem_key, action, id, x->json, render, ctx, &e) != PO_OK) {
		answer_error(x, PO_EINVAL, &e);
		return 1;
	}
	return 0;
}

/* Answers the remembered answer of k: its first status, or 200 when it
 * is replayed (the same body either way). */
static void idem_answer(web_ctx_t *x, const app_idem_t *k)
{
	buf_reset(&x->rs->body);
	x->rs->type = "application/json; charset=utf-8";
	if (buf_puts(&x->rs->body, k->rec.response) != PO_OK) {
		buf_reset(&x->rs->body);
		buf_puts(&x->rs->body, "{\"error\":\"internal error\"}");
		x->rs->status = 500;
		return;
	}
	x->rs->status = k->replayed ? 200 : (unsigned)k->rec.status;
}

/* Checks the body of a payment against its schema (SCH_Payment) and the
 * use case's reading of it together: errs[0..n) are the problems the
 * use case found (app_collect_parse, which names its rules: income
 * required for BHXH, …), failed true when it refused the body.  A member
 * the schema does not list answers 400 naming it; otherwise every problem
 * of both, in the use case's order, once per field (the schema's words
 * where both name one), answers one 422.  True when there is none. */
static bool payment_ok(web_ctx_t *x, const err_t *errs, size_t n, bool failed)
{
	schema_problem_t sp[SCHEMA_PROBLEMS_MAX];
	bool used[SCHEMA_PROBLEMS_MAX] = {false};
	bool en = x->lang == LANG_EN;
	size_t ns = 0, i, j;
	json_t *arr;
	if (x->json)
		schema_check(&SCH_Payment, x->json, "", sp, &ns);
	for (i = 0; i < ns; i++)
		if (strcmp(sp[i].code, "unknown") == 0) {
			web_fail_problem(x, 400, &sp[i]);
			return false;
		}
	if (!ns && !n && !failed)
		return true;
	if (!ns) {
		web_fail_fields(x, errs, n);
		return false;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		for (j = 0; j < ns && strcmp(sp[j].field, errs[i].field) != 0; j++)
			;
		if (j < ns && used[j])
			continue;
		if (j < ns)
			used[j] = true;
		json_array_append_new(arr, j < ns ? json_pack("{s:s,s:s,s:s}", "field", sp[j].field, "message",
							      en ? sp[j].en : sp[j].vi, "code", sp[j].code)
						  : json_pack("{s:s,s:s,s:s}", "field", errs[i].field, "message",
							      en ? errs[i].en : errs[i].vi, "code", "invalid"));
	}
	for (j = 0; j < ns; j++)
		if (!used[j])
			json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "field", sp[j].field, "message",
							     en ? sp[j].en : sp[j].vi, "code", sp[j].code));
	web_json(x, 422, json_pack("{s:o}", "errors", arr));
	return false;
}

/* POST /api/v1/collect and /api/v1/collect/preview: the payment of the
 * body ("date" today by default) collected by the caller: recorded (201
 * {"receipt"}) or only computed (200 {"preview": true, "receipt"}, the
 * receipt without id, book nor serial, and "notes": the parameter
 * changes its periods reach that it does not follow). */
static void collect(web_ctx_t *x, bool record)
{
	collect_request_t rq;
	err_t errs[COLLECT_ERRORS_MAX], e;
	receipt_view_t *v = NULL;
	size_t n = 0, m = 0;
	date_t d;
	json_t *doc;
	int rc;

	if (record && x->rq->idem_key && app_idem_key_check(x->rq->idem_key, &e)) {
		answer_error(x, PO_EINVAL, &e);
		return;
	}
	if (body_date(x, "date", &d, &errs[0]))
		n = 1;
	rc = app_collect_parse(x->json, &rq, true, errs + n, COLLECT_ERRORS_MAX - n, &m);
	if (!payment_ok(x, errs, n + m, rc || n))
		return;
	v = malloc(sizeof *v);
	if (!v) {
		err_set(&e, PO_ENOMEM, NULL, MSG_NOMEM);
		web_fail(x, PO_ENOMEM, &e);
		return;
	}
	if (record && x->rq->idem_key) {
		/* a payment that may be sent again: see idem_header */
		static const int created = 201;
		app_idem_t k;
		bool keyed;
		if (!idem_header(x, "collect", 0, web_idem_receipt, (void *)&created, &k, &keyed)) {
			rc = app_collect_by_k(x->a, x->u, d, &rq, &k, v, &e);
			if (rc)
				answer_error(x, rc, &e);
			else
				idem_answer(x, &k);
		}
		app_idem_free(&k);
		free(v);
		return;
	}
	rc = app_collect_by(x->a, x->u, d, &rq, record, v, &e);
	if (rc) {
		answer_error(x, rc, &e);
	} else if (record) {
		web_json(x, 201, json_pack("{s:o}", "receipt", report_receipt_view(v)));
	} else {
		doc = json_pack("{s:b,s:o}", "preview", 1, "receipt", report_receipt_view(v));
		preview_notes(x, doc, d, v);
		web_json(x, 200, doc);
	}
	free(v);
}

/* See handlers.h: POST /api/v1/collect. */
void h_api_collect(web_ctx_t *x)
{
	collect(x, true);
}

/* See handlers.h: POST /api/v1/collect/preview. */
void h_api_collect_preview(web_ctx_t *x)
{
	collect(x, false);
}

/* Appends one receipt of a list (app_receipts_list callback). */
static int receipt_row(const receipt_view_t *v, void *ctx)
{
	json_array_append_new(ctx, report_receipt_view(v));
	return 0;
}

/* See handlers.h: GET /api/v1/receipts?collector=&from=&to=&person=&void=
 * &limit=&after= → 200 {"results": [receipts, newest first], "next": the
 * cursor of the next page or null}.  Only receipts whose payer lives
 * inside the caller's units; void ones only with void=true; a collector
 * unknown or outside her units answers 404, as GET /api/v1/cash does. */
void h_api_receipts_list(web_ctx_t *x)
{
	receipt_query_t q;
	long long person = 0;
	int limit;
	int64_t after = 0, next = 0;
	json_t *arr;
	err_t e;
	int rc;

	memset(&q, 0, sizeof q);
	q.collector = web_query(x, "collector");
	rc = query_date(x, "from", &q.from, &q.has_from, &e);
	if (!rc)
		rc = query_date(x, "to", &q.to, &q.has_to, &e);
	if (!rc)
		rc = query_int(x, "person", 1, INT64_MAX, 0, &person, &e);
	if (!rc)
		rc = query_bool(x, "void", false, &q.include_void, &e);
	if (rc) {
		answer_error(x, rc, &e);
		return;
	}
	if (!web_list_page(x, &limit, &after))
		return;
	q.person = person;
	q.before = after;
	q.limit = limit;
	arr = json_array();
	rc = app_receipts_list(x->a, x->scope, x->nscope, &q, receipt_row, arr, &next, &e);
	if (rc) {
		json_decref(arr);
		answer_error(x, rc, &e);
		return;
	}
	web_list(x, arr, next, -1, NULL);
}

/* See handlers.h: GET /api/v1/receipts/{id} → 200 the receipt itself;
 * 404 when missing or its payer lives outside the caller's units. */
void h_api_receipts_get(web_ctx_t *x)
{
	receipt_view_t *v = malloc(sizeof *v);
	err_t e;
	int rc = v ? app_receipt_view(x->a, x->id, x->scope, x->nscope, v, &e) : err_set(&e, PO_ENOMEM, NULL, MSG_NOMEM);
	if (rc)
		answer_error(x, rc, &e);
	else
		web_json(x, 200, report_receipt_view(v));
	free(v);
}

/* See handlers.h: POST /api/v1/receipts/{id}/void {"reason"} → 200
 * {"receipt"} (void, with the reason); 404 missing or outside the
 * caller's units, whatever the body; then the body's checks (400, 422);
 * 422 for an empty reason or a collector voiding another's receipt; 409
 * when already void or remitted. */
void h_api_receipts_void(web_ctx_t *x)
{
	const char *reason;
	receipt_view_t *v = malloc(sizeof *v);
	app_idem_t k;
	bool keyed = false;
	err_t e;
	int rc;
	memset(&k, 0, sizeof k);
	if (!v) {
		err_set(&e, PO_ENOMEM, NULL, MSG_NOMEM);
		web_fail(x, PO_ENOMEM, &e);
		return;
	}
	/* the receipt the path names first: 404 before any 400 or 422 */
	rc = app_receipt_view(x->a, x->id, x->scope, x->nscope, v, &e);
	if (rc) {
		answer_error(x, rc, &e);
		free(v);
		return;
	}
	if (!web_api_values_ok(x)) {
		free(v);
		return;
	}
	reason = web_json_str(x, "reason");
	if (idem_header(x, "receipt.void", x->id, web_idem_receipt, NULL, &k, &keyed)) {
		free(v);
		return;
	}
	rc = app_receipt_void_by_k(x->a, x->u, x->scope, x->nscope, x->id, reason ? reason : "", keyed ? &k : NULL, v,
				   &e);
	if (rc)
		answer_error(x, rc, &e);
	else if (keyed)
		idem_answer(x, &k);
	else
		web_json(x, 200, json_pack("{s:o}", "receipt", report_receipt_view(v)));
	app_idem_free(&k);
	free(v);
}

/* See handlers.h: POST /api/v1/remittances {"date" (today by default,
 * at most 30 days back)} → 201 {"remittance": {"id", "receipts",
 * "amount", "commission"}} handing over the caller's receipts not yet
 * remitted; 200 with id null when there was nothing to hand over. */
void h_api_remit(web_ctx_t *x)
{
	remittance_sum_t m;
	app_idem_t k;
	bool keyed = false;
	date_t d;
	err_t e;
	int rc;
	memset(&k, 0, sizeof k);
	if (idem_header(x, "remittance", 0, idem_remittance, NULL, &k, &keyed))
		return;
	rc = body_date(x, "date", &d, &e);
	if (!rc)
		rc = app_remit_by_k(x->a, x->u, d, keyed ? &k : NULL, &m, &e);
	if (rc)
		answer_error(x, rc, &e);
	else if (keyed)
		idem_answer(x, &k);
	else
		web_json(x, m.id ? 201 : 200, json_pack("{s:o}", "remittance", report_remittance(&m)));
	app_idem_free(&k);
}

/* See handlers.h: GET /api/v1/cash?collector= → 200 {"collector",
 * "receipts", "collected", "remitted", "on_hand"}: the caller's, or (union
 * and admin) that login's when inside her units (else 404). */
void h_api_cash(web_ctx_t *x)
{
	cash_sum_t c;
	json_t *o, *r;
	err_t e;
	int rc = app_cash_by(x->a, x->u, x->scope, x->nscope, web_query(x, "collector"), &c, &e);
	if (rc) {
		answer_error(x, rc, &e);
		return;
	}
	o = json_pack("{s:s}", "collector", c.collector);
	r = report_cash(&c);
	json_object_update(o, r);
	json_decref(r);
	web_json(x, 200, o);
}

/* See handlers.h: GET /api/v1/referrals?unit= → 200 {"unit", "pairs",
 * "mobilizers", "top", "longest_chain", "completion": {"enrolled",
 * "brought", "bp"}} for the unit (the caller's by default); 404 when it
 * is unknown or outside her units. */
void h_api_referrals(web_ctx_t *x)
{
	referral_summary_t s;
	unit_t u;
	json_t *o, *r;
	err_t e;
	int rc = app_referral_summary_by(x->a, x->u, x->scope, x->nscope, web_query(x, "unit"), &u, &s, &e);
	if (rc) {
		answer_error(x, rc, &e);
		return;
	}
	o = json_pack("{s:s}", "unit", u.code);
	r = report_referrals(&s);
	json_object_update(o, r);
	json_decref(r);
	json_object_set_new(o, "completion", json_pack("{s:I,s:I,s:I}", "enrolled", (json_int_t)s.enrolled, "brought",
						       (json_int_t)s.brought, "bp", (json_int_t)s.completion_bp));
	web_json(x, 200, o);
}

/* See handlers.h: POST /api/v1/referrals {"person", "referred_by",
 * "relation" (family, neighbour, friend, other; other by default),
 * "date" (today by default)} → 201 {"person", "referred_by", "relation",
 * "date"}: the same names in and out; the person brought in must live
 * inside the caller's units; a person who already has a referrer → 409. */
void h_api_referrals_add(web_ctx_t *x)
{
	err_t errs[4], e;
	size_t n = 0;
	int64_t person = 0, referrer = 0;
	const char *relation = web_json_str(x, "relation");
	const json_t *rv = x->json ? json_object_get(x->json, "relation") : NULL;
	date_t d;
	char iso[DATE_ISO_LEN + 1];
	int rc;

	if (body_id(x, "person", &person, &errs[n]))
		n++;
	if (body_id(x, "referred_by", &referrer, &errs[n]))
		n++;
	if (rv && !json_is_null(rv) && !relation)
		err_set(&errs[n++], PO_EINVAL, "relation", MSG_REFERRAL_RELATION, "");
	if (body_date(x, "date", &d, &errs[n]))
		n++;
	if (n) {
		web_fail_fields(x, errs, n);
		return;
	}
	if (!relation)
		relation = "other";
	rc = app_referral_add_by(x->a, x->u, x->scope, x->nscope, person, referrer, relation, d, &e);
	if (rc) {
		if (rc == PO_EINVAL && strcmp(e.field, "by") == 0)
			memcpy(e.field, "referred_by", sizeof "referred_by");
		answer_error(x, rc, &e);
		return;
	}
	date_format_iso(d, iso);
	web_json(x, 201, json_pack("{s:I,s:I,s:s,s:s}", "person", (json_int_t)person, "referred_by", (json_int_t)referrer,
				   "relation", relation, "date", iso));
}

/* Appends one due entry (app_due_by callback). */
static int due_row(const due_item_t *d, void *ctx)
{
	json_array_append_new(ctx, report_due_item(d));
	return 0;
}

/* See handlers.h: GET /api/v1/due?unit=&days=&date=&limit=&after= → 200
 * {"results": [{"person", "full_name", "phone", "unit_code", "scheme",
 * "last_covered", "reminder"}], "next", "total", "unit", "date", "days"}:
 * who in the unit (the caller's by default) must pay soon, as `plusone
 * due` lists them, one page of the list envelope (web_list_rows, the
 * cursor a position); 404 when the unit is unknown or outside her units. */
void h_api_due(web_ctx_t *x)
{
	long long days = 30;
	date_t d = x->a->today;
	bool has = false;
	size_t total = 0;
	json_t *rows;
	unit_t u;
	err_t e;
	int rc = query_int(x, "days", 0, DUE_DAYS_MAX, 30, &days, &e);
	if (!rc)
		rc = query_date(x, "date", &d, &has, &e);
	if (!has)
		d = x->a->today;
	if (rc) {
		answer_error(x, rc, &e);
		return;
	}
	rows = json_array();
	rc = app_due_by(x->a, x->u, x->scope, x->nscope, web_query(x, "unit"), d, (int)days, due_row, rows, &u, &total,
			&e);
	if (rc) {
		json_decref(rows);
		answer_error(x, rc, &e);
		return;
	}
	web_list_rows(x, rows, NULL,
		      json_pack("{s:s,s:o,s:I}", "unit", u.code, "date", report_date(d), "days", (json_int_t)days));
}
