/* api_handover.c: the JSON API of the money after collection: each
 * collector's cash as the officer sees it, the remittances, the
 * officer's confirmation of one, and the collection point's settings.
 * Use cases: app/handover.h. */
#include <stdlib.h>
#include <string.h>

#include "app/handover.h"
#include "web/handlers.h"

/* Answers e: a field error as 422 with its list, others by code. */
static void answer(web_ctx_t *x, int rc, const err_t *e)
{
	if (rc == PO_EINVAL)
		web_fail_fields(x, e, 1);
	else
		web_fail(x, rc, e);
}

/* See handlers.h. */
json_t *web_remittance_json(const remittance_row_t *r)
{
	char date[DATE_ISO_LEN + 1];
	date_format_iso(r->date, date);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:b,s:o,s:o}", "id", (json_int_t)r->id, "collector",
			 r->collector, "collector_name", r->collector_name, "unit_code", r->collector_unit_code, "date",
			 date, "receipts", (json_int_t)r->receipts, "amount", (json_int_t)r->amount, "commission",
			 (json_int_t)r->commission, "confirmed", r->confirmed_by_id != 0, "confirmed_by",
			 r->confirmed_by_id ? json_string(r->confirmed_by) : json_null(), "confirmed_at",
			 r->confirmed_by_id ? json_string(r->confirmed_at) : json_null());
}

/* app_collectors_cash_by callback: one row into the array ctx. */
static int cash_row(const collector_cash_t *c, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:I,s:I}", "id", (json_int_t)c->u.id, "username",
					     c->u.username, "full_name", c->u.full_name, "unit_code", c->u.unit_code,
					     "receipts", (json_int_t)c->receipts, "collected", (json_int_t)c->collected,
					     "remitted", (json_int_t)c->remitted, "on_hand",
					     (json_int_t)(c->collected - c->remitted)));
	return 0;
}

/* See handlers.h: GET /api/v1/collectors?limit=&after= → 200
 * {"results": [{"id", "username", "full_name", "unit_code", "receipts",
 * "collected", "remitted", "on_hand"}], "next", "total"}: the collectors
 * of the caller's units and their cash, by username, one page of the
 * list envelope (the cursor names the last login given). */
void h_api_collectors(web_ctx_t *x)
{
	json_t *arr = json_array();
	err_t e;
	int rc = app_collectors_cash_by(x->a, x->u, x->scope, x->nscope, cash_row, arr, &e);
	if (rc) {
		json_decref(arr);
		answer(x, rc, &e);
		return;
	}
	web_list_rows(x, arr, "id", NULL);
}

/* app_remittances_by callback: one remittance into the array ctx. */
static int remit_row(const remittance_row_t *r, void *ctx)
{
	json_array_append_new(ctx, web_remittance_json(r));
	return 0;
}

/* See handlers.h: GET /api/v1/remittances[?limit=&after=] → 200
 * {"results": [remittance…], "next": CURSOR or null}, newest first: the
 * remittances of the collectors of the caller's units (a collector: her
 * own), one page of the list envelope (web_list_page). */
void h_api_remittances(web_ctx_t *x)
{
	int limit;
	int64_t after, next = 0;
	json_t *arr;
	err_t e;
	int rc;
	if (!web_list_page(x, &limit, &after))
		return;
	arr = json_array();
	rc = app_remittances_by(x->a, x->u, x->scope, x->nscope, after, limit, remit_row, arr, &next, &e);
	if (rc) {
		json_decref(arr);
		answer(x, rc, &e);
		return;
	}
	web_list(x, arr, next, -1, NULL);
}

/* app_remittance_by callback: one receipt of the hand-over list. */
static int item_row(const receipt_row_t *row, void *ctx)
{
	char date[DATE_ISO_LEN + 1];
	date_format_iso(row->r.date, date);
	json_array_append_new(ctx, json_pack("{s:I,s:s,s:I,s:s,s:I,s:s,s:I}", "receipt_id", (json_int_t)row->r.id, "book",
					     row->r.book, "serial", (json_int_t)row->r.serial, "date", date, "payer",
					     (json_int_t)row->r.payer_id, "payer_name", row->payer_name, "amount",
					     (json_int_t)row->r.total));
	return 0;
}

/* See handlers.h: GET /api/v1/remittances/{id} → 200 the remittance
 * with "items": its receipts (receipt_id, book, serial, date, payer,
 * payer_name, amount) by book and serial; 404 when missing or outside
 * the caller's sight. */
void h_api_remittance_get(web_ctx_t *x)
{
	remittance_row_t r;
	json_t *items = json_array(), *o;
	err_t e;
	int rc = app_remittance_by(x->a, x->u, x->scope, x->nscope, x->id, &r, item_row, items, &e);
	if (rc) {
		json_decref(items);
		answer(x, rc, &e);
		return;
	}
	o = web_remittance_json(&r);
	json_object_set_new(o, "items", items);
	web_json(x, 200, o);
}

/* See handlers.h: POST /api/v1/remittances/{id}/confirm {} → 200
 * {"remittance"} confirmed by the calling officer; 404 missing or
 * outside her units, whatever the body; then the body's check (400 for
 * a member); 409 when already confirmed. */
void h_api_remittance_confirm(web_ctx_t *x)
{
	remittance_row_t r;
	err_t e;
	int rc = app_remittance_by(x->a, x->u, x->scope, x->nscope, x->id, &r, NULL, NULL, &e);
	if (rc) {
		answer(x, rc, &e);
		return;
	}
	if (!web_api_values_ok(x))
		return;
	rc = app_remittance_confirm_by(x->a, x->u, x->scope, x->nscope, x->id, &r, &e);
	if (rc) {
		answer(x, rc, &e);
		return;
	}
	web_json(x, 200, json_pack("{s:o}", "remittance", web_remittance_json(&r)));
}

/* The collection point p as JSON {name, code, address}. */
static json_t *point_json(const collection_point_t *p)
{
	return json_pack("{s:s,s:s,s:s}", "name", p->name, "code", p->code, "address", p->address);
}

/* See handlers.h: GET /api/v1/settings/point → 200 {name, code,
 * address}: the collection point printed on receipts. */
void h_api_point_get(web_ctx_t *x)
{
	collection_point_t p;
	err_t e;
	int rc = app_point_get(x->a, &p, &e);
	if (rc) {
		answer(x, rc, &e);
		return;
	}
	web_json(x, 200, point_json(&p));
}

/* See handlers.h: PATCH /api/v1/settings/point {name?, code?,
 * address?} (strings; absent: unchanged) → 200 the point as stored;
 * 403 for an admin below the top of the tree; 422 naming a field that
 * is not text or too long. */
void h_api_point_patch(web_ctx_t *x)
{
	static const char *const keys[3] = {"name", "code", "address"};
	collection_point_t p, out;
	char *dst[3];
	size_t cap[3];
	err_t errs[3];
	size_t n = 0, i;
	int rc = app_point_get(x->a, &p, &errs[0]);
	if (rc) {
		answer(x, rc, &errs[0]);
		return;
	}
	dst[0] = p.name, dst[1] = p.code, dst[2] = p.address;
	cap[0] = sizeof p.name, cap[1] = sizeof p.code, cap[2] = sizeof p.address;
	for (i = 0; i < 3; i++) {
		json_t *v = json_object_get(x->json, keys[i]);
		if (!v || json_is_null(v))
			continue;
		if (!json_is_string(v) || json_string_length(v) >= cap[i])
			err_set(&errs[n++], PO_EINVAL, keys[i], MSG_POINT_FIELD, keys[i], (int)(cap[i] - 1));
		else
			memcpy(dst[i], json_string_value(v), json_string_length(v) + 1);
	}
	if (n) {
		web_fail_fields(x, errs, n);
		return;
	}
	rc = app_point_set(x->a, x->u, &p, &out, &errs[0]);
	if (rc) {
		answer(x, rc, &errs[0]);
		return;
	}
	web_json(x, 200, point_json(&out));
}
