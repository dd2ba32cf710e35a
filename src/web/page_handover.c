/* page_handover.c: the pages of the money after collection: the
 * hand-over page (each collector's cash on hand for the officer, union
 * cadre or admin; the remittances, with the officer's button that
 * confirms one), the printable hand-over list (bảng kê) of one
 * remittance, and the settings of the collection point.  Use cases:
 * app/handover.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts.h"
#include "app/handover.h"
#include "core/money_words.h"
#include "web/handlers.h"
#include "web/pages.h"

#define REMITS_SHOWN 50 /* remittances on the hand-over page */

/* A page context with the money pages' style sheet and script. */
static json_t *ho_ctx(web_ctx_t *x, const char *title_key)
{
	json_t *c = page_ctx(x, title_key);
	if (c) {
		json_object_set_new(c, "css", json_string("receipt.css"));
		json_object_set_new(c, "js", json_string("money.js"));
	}
	return c;
}

/* The remittance r as a template context: id, date, collector,
 * collector_name, unit_code, receipts, amount, amount_words, commission,
 * confirmed, confirmed_by(_name), confirmed_at; can_confirm when the
 * caller is an officer and it is not confirmed yet. */
static json_t *remit_ctx(web_ctx_t *x, const remittance_row_t *r)
{
	char words[MONEY_WORDS_MAX], when[48];
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:b}", "id", (json_int_t)r->id, "collector", r->collector,
			      "collector_name", r->collector_name[0] ? r->collector_name : r->collector, "unit_code",
			      r->collector_unit_code, "confirmed", r->confirmed_by_id != 0);
	if (!o)
		return NULL;
	page_date(o, "date", r->date);
	page_count(o, "receipts", r->receipts);
	page_money(o, "amount", r->amount);
	page_money(o, "commission", r->commission);
	money_words_vi(r->amount, words);
	json_object_set_new(o, "amount_words", json_string(words));
	if (r->confirmed_by_id) {
		json_object_set_new(o, "confirmed_by",
				    json_string(r->confirmed_by_name[0] ? r->confirmed_by_name : r->confirmed_by));
		page_local_time(r->confirmed_at, when, sizeof when);
		json_object_set_new(o, "confirmed_at", json_string(when));
	}
	json_object_set_new(o, "can_confirm", json_boolean(x->u->role == UROLE_OFFICER && !r->confirmed_by_id));
	json_object_set_new(o, "unit_name", json_string(r->collector_unit_name));
	return o;
}

/* What the collectors' walk carries. */
struct cash_walk {
	web_ctx_t *x;
	json_t *rows;
	money_t on_hand;
};

/* app_collectors_cash_by callback: one collector's row, her unit by
 * name beside its code. */
static int cash_row(const collector_cash_t *c, void *ctx)
{
	struct cash_walk *w = ctx;
	unit_t unit;
	err_t e;
	json_t *o = json_pack("{s:s,s:s,s:s}", "username", c->u.username, "full_name",
			      c->u.full_name[0] ? c->u.full_name : c->u.username, "unit_code", c->u.unit_code);
	if (!o)
		return 0;
	if (app_user_unit(w->x->a, &c->u, &unit, &e) == PO_OK)
		json_object_set_new(o, "unit_name", json_string(unit.name));
	page_count(o, "receipts", c->receipts);
	page_money(o, "collected", c->collected);
	page_money(o, "remitted", c->remitted);
	page_money(o, "on_hand", c->collected - c->remitted);
	w->on_hand += c->collected - c->remitted;
	json_array_append_new(w->rows, o);
	return 0;
}

/* app_remittances_by callback: one row of the list. */
static int list_row(const remittance_row_t *r, void *ctx)
{
	struct cash_walk *w = ctx;
	json_array_append_new(w->rows, remit_ctx(w->x, r));
	return 0;
}

/* Renders the hand-over page at status into c (consumed): the
 * collectors' cash (not for a collector) and the remittances. */
static void remittances_render(web_ctx_t *x, unsigned status, json_t *c)
{
	struct cash_walk cw = {x, json_array(), 0}, rw = {x, json_array(), 0};
	int64_t next = 0;
	err_t e;
	int rc = PO_OK;
	bool oversee = x->u->role != UROLE_COLLECTOR;
	if (oversee)
		rc = app_collectors_cash_by(x->a, x->u, x->scope, x->nscope, cash_row, &cw, &e);
	if (!rc)
		rc = app_remittances_by(x->a, x->u, x->scope, x->nscope, 0, REMITS_SHOWN, list_row, &rw, &next, &e);
	if (rc) {
		json_decref(cw.rows);
		json_decref(rw.rows);
		json_decref(c);
		web_fail(x, rc, &e);
		return;
	}
	json_object_set_new(c, "show_cash", json_boolean(oversee));
	json_object_set_new(c, "has_collectors", json_boolean(json_array_size(cw.rows) > 0));
	json_object_set_new(c, "has_remittances", json_boolean(json_array_size(rw.rows) > 0));
	json_object_set_new(c, "collectors", cw.rows);
	page_money(c, "on_hand_total", cw.on_hand);
	json_object_set_new(c, "remittances", rw.rows);
	json_object_set_new(c, "more", json_boolean(next != 0));
	json_object_set_new(c, "is_officer", json_boolean(x->u->role == UROLE_OFFICER));
	web_page(x, status, "remittances", c);
}

/* See handlers.h: GET /remittances[?done=confirm]: the collectors of
 * the caller's units with their cash on hand (for an officer, union
 * cadre or admin) and the latest remittances with their state; an
 * officer confirms each from here or from its hand-over list. */
void page_remittances(web_ctx_t *x)
{
	json_t *c = ho_ctx(x, "ho.title");
	const char *done = web_query(x, "done");
	if (!c) {
		web_page(x, 500, "remittances", NULL);
		return;
	}
	if (done && strcmp(done, "confirm") == 0)
		json_object_set_new(c, "done", json_true());
	remittances_render(x, 200, c);
}

/* What the hand-over list's walk carries. */
struct item_walk {
	json_t *rows;
	int64_t n;
	money_t sum;
};

/* app_remittance_by callback: one receipt of the list, numbered. */
static int item_row(const receipt_row_t *row, void *ctx)
{
	struct item_walk *w = ctx;
	json_t *o = json_pack("{s:I,s:I,s:s,s:I,s:s}", "n", (json_int_t)++w->n, "receipt_id", (json_int_t)row->r.id,
			      "book", row->r.book, "serial", (json_int_t)row->r.serial, "payer_name", row->payer_name);
	if (!o)
		return 0;
	page_date(o, "date", row->r.date);
	page_money(o, "amount", row->r.total);
	w->sum += row->r.total;
	json_array_append_new(w->rows, o);
	return 0;
}

/* Renders the hand-over list of remittance x->id at status, with an
 * error (NULL for none); 404 when the caller may not see it. */
static void handover_render(web_ctx_t *x, unsigned status, const char *error)
{
	struct item_walk w = {json_array(), 0, 0};
	remittance_row_t r;
	json_t *c, *m;
	err_t e;
	int rc = app_remittance_by(x->a, x->u, x->scope, x->nscope, x->id, &r, item_row, &w, &e);
	if (rc) {
		json_decref(w.rows);
		web_fail(x, rc, &e);
		return;
	}
	c = ho_ctx(x, "ho.list_title");
	m = remit_ctx(x, &r);
	if (!c || !m) {
		json_decref(c);
		json_decref(m);
		json_decref(w.rows);
		web_page(x, 500, "handover", NULL);
		return;
	}
	json_object_set_new(m, "items", w.rows);
	json_object_set_new(c, "m", m);
	json_object_set_new(c, "point", page_point_ctx(x));
	if (error)
		json_object_set_new(c, "error", json_string(error));
	web_page(x, status, "handover", c);
}

/* See handlers.h: GET /remittances/{id}: the printable hand-over list
 * (bảng kê) of a remittance: the collection point, the collector, each
 * receipt (book, serial, date, payer, amount), the total in numbers and
 * in words, the signature lines of who hands over and who receives. */
void page_remittance(web_ctx_t *x)
{
	handover_render(x, 200, NULL);
}

/* See handlers.h: POST /remittances/{id}/confirm: the officer confirms
 * that the money of the remittance arrived, then 303 to
 * /remittances?done=confirm; already confirmed: the list again at 409
 * with the message; outside her units: 404. */
void page_remittance_confirm(web_ctx_t *x)
{
	remittance_row_t r;
	err_t e;
	int rc = app_remittance_confirm_by(x->a, x->u, x->scope, x->nscope, x->id, &r, &e);
	if (rc == PO_ECONFLICT) {
		handover_render(x, 409, err_text(&e, x->lang));
		return;
	}
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	web_redirect(x, "/remittances?done=confirm");
}

/* Renders the settings page at status into c (consumed): the form of
 * the collection point with values v (the stored ones when absent). */
static void settings_render(web_ctx_t *x, unsigned status, json_t *c)
{
	if (!json_object_get(c, "v")) {
		collection_point_t p;
		err_t e;
		if (app_point_get(x->a, &p, &e)) {
			json_decref(c);
			web_fail(x, PO_EINTERNAL, &e);
			return;
		}
		json_object_set_new(c, "v", json_pack("{s:s,s:s,s:s}", "name", p.name, "code", p.code, "address",
						      p.address));
	}
	web_page(x, status, "settings", c);
}

/* See handlers.h: GET /settings[?done=1]: the collection point printed
 * on every receipt and hand-over list, and the form that changes it. */
void page_settings(web_ctx_t *x)
{
	json_t *c = page_ctx(x, "settings.title");
	if (!c) {
		web_page(x, 500, "settings", NULL);
		return;
	}
	if (web_query(x, "done"))
		json_object_set_new(c, "done", json_true());
	settings_render(x, 200, c);
}

/* See handlers.h: POST /settings (name, code, address): sets the
 * collection point (app_point_set), then 303 to /settings?done=1.  A
 * field too long: the form again at 422 as typed; an admin below the
 * top of the tree: 403 with the message. */
void page_settings_post(web_ctx_t *x)
{
	static const char *const names[3] = {"name", "code", "address"};
	collection_point_t p;
	json_t *c = page_ctx(x, "settings.title");
	const char *v[3];
	size_t cap[3] = {sizeof p.name, sizeof p.code, sizeof p.address};
	char *dst[3] = {p.name, p.code, p.address};
	err_t e;
	int i, rc, bad = 0;
	if (!c) {
		web_page(x, 500, "settings", NULL);
		return;
	}
	page_keep(x, c, names, 3);
	for (i = 0; i < 3; i++) {
		static const char *const label[3] = {"settings.name", "settings.code", "settings.address"};
		v[i] = page_form(x, names[i]);
		if (strlen(v[i]) >= cap[i]) {
			err_set(&e, PO_EINVAL, names[i], MSG_POINT_FIELD, web_tr(x, label[i]), (int)(cap[i] - 1));
			page_field_msg(c, names[i], err_text(&e, x->lang));
			bad++;
		} else {
			memcpy(dst[i], v[i], strlen(v[i]) + 1);
		}
	}
	if (bad) {
		settings_render(x, 422, c);
		return;
	}
	rc = app_point_set(x->a, x->u, &p, NULL, &e);
	if (rc == PO_EINVAL) {
		page_field_errors(x, c, &e, 1);
		settings_render(x, 422, c);
		return;
	}
	if (rc) {
		json_decref(c);
		web_fail(x, rc, &e);
		return;
	}
	json_decref(c);
	web_redirect(x, "/settings?done=1");
}
