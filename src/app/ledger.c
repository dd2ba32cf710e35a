/* ledger.c: the money use cases on behalf of a logged-in user, and
 * receipts read back as printed (see ledger.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/ledger.h"
#include "core/text.h"

/* True for the roles that collect money and handle receipts. */
static bool handles_money(enum user_role r)
{
	return r == UROLE_ADMIN || r == UROLE_UNION || r == UROLE_COLLECTOR;
}

/* PO_OK when `by` may collect money and handle receipts, else PO_EINVAL
 * naming "role". */
static int money_role(const user_t *by, err_t *e)
{
	if (!handles_money(by->role) || by->disabled)
		return err_set(e, PO_EFORBIDDEN, "role", MSG_LEDGER_ROLE, by->username, user_role_name(by->role));
	return PO_OK;
}

/* PO_OK when d is neither after today nor more than
 * COLLECT_BACKDATE_DAYS before it, else PO_EINVAL naming "date". */
static int date_window(const app_t *a, date_t d, err_t *e)
{
	char di[DATE_ISO_LEN + 1], ti[DATE_ISO_LEN + 1];
	date_format_vn(d, di); /* the message is read on the money pages: DD/MM/YYYY */
	date_format_vn(a->today, ti);
	if (date_cmp(d, a->today) > 0)
		return err_set(e, PO_EINVAL, "date", MSG_DATE_FUTURE, di, ti);
	if (date_cmp(d, date_add_days(a->today, -COLLECT_BACKDATE_DAYS)) < 0)
		return err_set(e, PO_EINVAL, "date", MSG_LEDGER_BACKDATE, di, COLLECT_BACKDATE_DAYS, ti);
	return PO_OK;
}

/* ---- reading a payment ---- */

/* Where parsing a payment reports its problems. */
struct parse_out {
	bool every;
	err_t *errs;
	size_t max, n;
};

/* Records one problem: `name` is the member's own name (what the message
 * and, when not every, the field say); `item` its item's index, or -1
 * for a member of the payment itself.  Returns PO_EINVAL. */
static int parse_fail(struct parse_out *o, long item, const char *name, enum msg_id id, const char *arg)
{
	char field[ERR_FIELD_MAX];
	if (o->n >= o->max)
		return PO_EINVAL;
	if (!o->every || item < 0)
		snprintf(field, sizeof field, "%s", name);
	else if (strcmp(name, "items") == 0)
		snprintf(field, sizeof field, "items[%ld]", item);
	else
		snprintf(field, sizeof field, "items[%ld].%s", item, name);
	if (id == MSG_COLLECT_NO_ITEMS)
		err_set(&o->errs[o->n++], PO_EINVAL, field, id, RECEIPT_LINES_MAX);
	else if (id == MSG_COLLECT_ADVANCE_YEARS || id == MSG_COLLECT_ADVANCE_MONTHS)
		err_set(&o->errs[o->n++], PO_EINVAL, field, id, ADVANCE_YEARS_MIN, ADVANCE_YEARS_MAX);
	else if (id == MSG_CLI_RANGE)
		err_set(&o->errs[o->n++], PO_EINVAL, field, id, name, 1L, 12L);
	else
		err_set(&o->errs[o->n++], PO_EINVAL, field, id, arg);
	return PO_EINVAL;
}

/* A positive id from a JSON integer; 0 when absent or null (a problem
 * when required). */
static int parse_id(struct parse_out *o, long item, const json_t *v, const char *name, bool required, int64_t *out)
{
	*out = 0;
	if (!v || json_is_null(v))
		return required ? parse_fail(o, item, name, MSG_CLI_MISSING_ARG, name) : PO_OK;
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return parse_fail(o, item, name, MSG_CLI_JSON_FIELD, name);
	*out = json_integer_value(v);
	return PO_OK;
}

/* Reads item i of a payment into *ci. */
static int parse_item(struct parse_out *o, long i, const json_t *it, collect_item_t *ci)
{
	const json_t *v;
	const char *scheme;
	int bad = 0;
	memset(ci, 0, sizeof *ci);
	if (!json_is_object(it))
		return parse_fail(o, i, "items", MSG_CLI_JSON_FIELD, "items");
	scheme = json_string_value(json_object_get(it, "scheme"));
	if (!scheme || (strcmp(scheme, "bhxh") && strcmp(scheme, "bhyt"))) {
		bad = parse_fail(o, i, "scheme", MSG_COLLECT_SCHEME, scheme ? scheme : "");
		if (!o->every)
			return bad;
	} else {
		memcpy(ci->scheme, scheme, 5);
	}
	if (parse_id(o, i, json_object_get(it, "person"), "person", true, &ci->person)) {
		bad = PO_EINVAL;
		if (!o->every)
			return bad;
	}
	v = json_object_get(it, "advance_years");
	if (v && !json_is_null(v)) {
		/* a BHXH payment in advance: years instead of months */
		const json_t *m = json_object_get(it, "months");
		if (strcmp(ci->scheme, "bhxh") != 0 || !json_is_integer(v) ||
		    json_integer_value(v) < ADVANCE_YEARS_MIN || json_integer_value(v) > ADVANCE_YEARS_MAX)
			bad = parse_fail(o, i, "advance_years", MSG_COLLECT_ADVANCE_YEARS, NULL);
		else if (m && !json_is_null(m) &&
			 (!json_is_integer(m) || json_integer_value(m) != 12 * json_integer_value(v)))
			bad = parse_fail(o, i, "months", MSG_COLLECT_ADVANCE_MONTHS, NULL);
		else {
			ci->advance_years = (int)json_integer_value(v);
			ci->months = 12 * ci->advance_years;
		}
		if (bad && !o->every)
			return bad;
	} else {
		v = json_object_get(it, "months");
		if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 12) {
			bad = parse_fail(o, i, "months", MSG_CLI_RANGE, NULL);
			if (!o->every)
				return bad;
		} else {
			ci->months = (int)json_integer_value(v);
		}
	}
	if (strcmp(ci->scheme, "bhxh") != 0)
		return bad;
	v = json_object_get(it, "income");
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > MONEY_MAX) {
		bad = parse_fail(o, i, "income", MSG_CLI_JSON_FIELD, "income");
		if (!o->every)
			return bad;
	} else {
		ci->income = json_integer_value(v);
	}
	v = json_object_get(it, "category");
	if (v && !json_is_null(v)) {
		if (!json_is_string(v) || !bhxh_category_parse(json_string_value(v), &ci->category))
			bad = parse_fail(o, i, "category", MSG_CLI_CATEGORY_BAD, json_is_string(v) ? json_string_value(v) : "");
		else
			ci->has_category = true;
	}
	v = json_object_get(it, "category_reason");
	if (v && !json_is_null(v)) {
		size_t n = 0;
		if (!json_is_string(v) || vn_clean(json_string_value(v), json_string_length(v), ci->category_reason,
						  sizeof ci->category_reason, &n) != PO_OK) {
			ci->category_reason[0] = '\0';
			bad = parse_fail(o, i, "category_reason", MSG_CLI_JSON_FIELD, "category_reason");
		}
	}
	return bad;
}

/* See ledger.h. */
int app_collect_parse(const json_t *doc, collect_request_t *rq, bool every, err_t *errs, size_t max,
		      size_t *nerrs)
{
	struct parse_out o = {every, errs, max, 0};
	const json_t *items, *m;
	size_t i;
	memset(rq, 0, sizeof *rq);
	*nerrs = 0;
	if (!json_is_object(doc)) {
		parse_fail(&o, -1, "payment", MSG_CLI_JSON_FIELD, "payment");
		*nerrs = o.n;
		return PO_EINVAL;
	}
	if (parse_id(&o, -1, json_object_get(doc, "payer"), "payer", true, &rq->payer) && !every)
		goto out;
	if (parse_id(&o, -1, json_object_get(doc, "referred_by"), "referred_by", false, &rq->referred_by) && !every)
		goto out;
	m = json_object_get(doc, "method");
	if (m) {
		const char *s = json_string_value(m);
		if (!s || strlen(s) >= sizeof rq->method) {
			if (parse_fail(&o, -1, "method", MSG_COLLECT_METHOD, s ? s : "") && !every)
				goto out;
		} else {
			memcpy(rq->method, s, strlen(s) + 1);
		}
	}
	items = json_object_get(doc, "items");
	if (!json_is_array(items) || json_array_size(items) < 1 || json_array_size(items) > RECEIPT_LINES_MAX) {
		parse_fail(&o, -1, "items", MSG_COLLECT_NO_ITEMS, NULL);
		goto out;
	}
	for (i = 0; i < json_array_size(items); i++) {
		if (parse_item(&o, (long)i, json_array_get(items, i), &rq->items[i]) && !every)
			goto out;
		rq->n++;
	}
out:
	*nerrs = o.n;
	return o.n ? PO_EINVAL : PO_OK;
}

/* ---- receipts as printed ---- */

/* Reads the lines of row->r and their people's names into v. */
static int view_fill(app_t *a, const receipt_row_t *row, receipt_view_t *v, err_t *e)
{
	store_line_person_t who[RECEIPT_LINES_MAX];
	size_t nn = 0, i;
	int rc;
	v->h = *row;
	v->n = 0;
	rc = store_receipt_lines(a->store, row->r.id, v->lines, RECEIPT_LINES_MAX, &v->n, e);
	if (!rc)
		rc = store_receipt_line_people(a->store, row->r.id, who, RECEIPT_LINES_MAX, &nn, e);
	if (!rc && nn != v->n)
		rc = err_set(e, PO_EINTERNAL, "id", MSG_INTERNAL, "receipt_line");
	for (i = 0; !rc && i < nn; i++) {
		memcpy(v->names[i], who[i].full_name, sizeof v->names[i]);
		memcpy(v->bhxh[i], who[i].bhxh_code, sizeof v->bhxh[i]);
		v->dob[i] = who[i].dob;
	}
	return rc;
}

/* See ledger.h. */
int app_receipt_view(app_t *a, int64_t id, const int64_t *scope, size_t nscope, receipt_view_t *v, err_t *e)
{
	receipt_row_t row;
	int rc = store_receipt_row(a->store, id, &row, e);
	if (!rc && scope && !unit_set_has(scope, nscope, row.payer_unit_id))
		rc = err_set(e, PO_ENOTFOUND, "id", MSG_RECEIPT_UNKNOWN, (long long)id);
	if (!rc)
		rc = view_fill(a, &row, v, e);
	return rc;
}

struct list_ctx {
	const int64_t *scope;
	size_t nscope;
	receipt_row_t *rows;
	size_t n, max;
};

/* Keeps a receipt whose payer lives inside the scope; stops when max are
 * kept (store callback). */
static int list_keep(const receipt_row_t *row, void *ctx)
{
	struct list_ctx *c = ctx;
	if (c->scope && !unit_set_has(c->scope, c->nscope, row->payer_unit_id))
		return 0;
	c->rows[c->n++] = *row;
	return c->n == c->max;
}

/* See ledger.h.  One receipt more than the page is read, to know whether
 * another page follows. */
int app_receipts_list(app_t *a, const int64_t *scope, size_t nscope, const receipt_query_t *q,
		      int (*fn)(const receipt_view_t *v, void *ctx), void *ctx, int64_t *next_before, err_t *e)
{
	struct list_ctx c;
	receipt_filter_t f;
	receipt_view_t *v = NULL;
	size_t limit = q->limit ? (size_t)q->limit : RECEIPTS_LIMIT_DEFAULT, i;
	int rc = PO_OK;

	*next_before = 0;
	if (q->limit < 0 || q->limit > RECEIPTS_LIMIT_MAX)
		return err_set(e, PO_EINVAL, "limit", MSG_CLI_RANGE, "limit", 1L, (long)RECEIPTS_LIMIT_MAX);
	memset(&f, 0, sizeof f);
	f.from = q->has_from ? q->from : date_make(1, 1, 1);
	f.to = q->has_to ? q->to : date_make(9999, 12, 31);
	f.person_id = q->person;
	f.include_void = q->include_void;
	f.before_id = q->before;
	if (q->collector && *q->collector) {
		user_t u;
		rc = store_user_find(a->store, q->collector, &u, NULL, 0, e);
		/* an unknown login and one outside the scope answer the same
		 * (as app_cash_by does): nothing told of who exists outside */
		if (rc == PO_ENOTFOUND || (!rc && scope && !unit_set_has(scope, nscope, u.unit_id)))
			return err_set(e, PO_ENOTFOUND, "collector", MSG_USER_UNKNOWN, q->collector);
		if (rc)
			return rc;
		f.collector_id = u.id;
	}
	memset(&c, 0, sizeof c);
	c.scope = scope;
	c.nscope = nscope;
	c.max = limit + 1;
	c.rows = malloc(c.max * sizeof *c.rows);
	v = malloc(sizeof *v);
	if (!c.rows || !v)
		rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	if (!rc) {
		rc = store_receipts_each(a->store, &f, list_keep, &c, e);
		if (rc > 0 && c.n == c.max)
			rc = PO_OK; /* stopped by list_keep: the page is full */
	}
	for (i = 0; !rc && i < c.n && i < limit; i++) {
		rc = view_fill(a, &c.rows[i], v, e);
		if (!rc && fn(v, ctx))
			break;
	}
	if (!rc && c.n > limit)
		*next_before = c.rows[limit - 1].r.id;
	free(v);
	free(c.rows);
	return rc;
}

/* ---- writes on behalf of a user ---- */

/* Names the item of an error of app_collect_run by its path, and
 * answers a person outside the collector's units as an unknown one. */
static int collect_error(const collect_request_t *rq, size_t item, int rc, err_t *e)
{
	char field[ERR_FIELD_MAX + 32];
	size_t k;
	if (e->msg == MSG_COLLECT_OUT_OF_SCOPE) {
		int64_t id = item < rq->n ? rq->items[item].person : rq->payer;
		snprintf(field, sizeof field, "%s", e->field);
		err_set(e, rc, field, MSG_PERSON_UNKNOWN, (long long)id);
	}
	if (item >= rq->n)
		return rc;
	if (!e->field[0] || strcmp(e->field, "items") == 0)
		snprintf(field, sizeof field, "items[%zu]", item);
	else
		snprintf(field, sizeof field, "items[%zu].%s", item, e->field);
	/* an ASCII path: cut it to the field's room if ever needed */
	k = strlen(field);
	if (k >= sizeof e->field)
		k = sizeof e->field - 1;
	memcpy(e->field, field, k);
	e->field[k] = '\0';
	return rc;
}

/* Fills the view of a payment not recorded: the names of the payer and
 * of each line's person. */
static int preview_view(app_t *a, const receipt_t *r, const receipt_line_t *lines, size_t n, receipt_view_t *v,
			err_t *e)
{
	person_t p;
	size_t i;
	int rc;
	memset(&v->h, 0, sizeof v->h);
	v->h.r = *r;
	rc = store_person_get(a->store, r->payer_id, &p, e);
	if (!rc) {
		memcpy(v->h.payer_name, p.full_name, sizeof v->h.payer_name);
		v->h.payer_unit_id = p.unit_id;
		memcpy(v->h.payer_unit_code, p.unit_code, sizeof v->h.payer_unit_code);
	}
	for (i = 0; !rc && i < n; i++) {
		v->lines[i] = lines[i];
		rc = store_person_get(a->store, lines[i].person_id, &p, e);
		if (!rc) {
			memcpy(v->names[i], p.full_name, sizeof v->names[i]);
			memcpy(v->bhxh[i], p.bhxh_code, sizeof v->bhxh[i]);
			v->dob[i] = p.dob;
		}
	}
	v->n = n;
	return rc;
}

/* See ledger.h. */
int app_collect_by(app_t *a, const user_t *by, date_t d, const collect_request_t *rq, bool record,
		   receipt_view_t *v, err_t *e)
{
	receipt_line_t lines[RECEIPT_LINES_MAX];
	receipt_t r;
	size_t item = rq->n;
	int rc = money_role(by, e);
	if (!rc)
		rc = date_window(a, d, e);
	if (rc)
		return rc;
	rc = app_collect_run(a, by->username, d, rq, record, &r, lines, &item, e);
	if (rc)
		return collect_error(rq, item, rc, e);
	if (record)
		return app_receipt_view(a, r.id, NULL, 0, v, e);
	rc = preview_view(a, &r, lines, rq->n, v, e);
	if (!rc)
		memcpy(v->h.collector_name, by->full_name, sizeof v->h.collector_name);
	return rc;
}

/* A keyed write that answers with a receipt, replayed: ends the
 * transaction (nothing was written) and leaves in v the receipt's id
 * alone (k->rec holds the answer first given); PO_OK. */
static int replayed_receipt(app_t *a, const app_idem_t *k, receipt_view_t *v)
{
	store_tx_rollback(a->store);
	memset(&v->h, 0, sizeof v->h);
	v->h.r.id = k->rec.entity_id;
	v->n = 0;
	return PO_OK;
}

/* See ledger.h. */
int app_collect_by_k(app_t *a, const user_t *by, date_t d, const collect_request_t *rq, app_idem_t *k,
		     receipt_view_t *v, err_t *e)
{
	receipt_line_t lines[RECEIPT_LINES_MAX];
	receipt_t r;
	size_t item = rq->n;
	int rc;
	if (!k)
		return app_collect_by(a, by, d, rq, true, v, e);
	rc = money_role(by, e);
	if (!rc)
		rc = date_window(a, d, e);
	if (!rc)
		rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = app_idem_lookup(a, by->id, k, e);
	if (!rc && k->replayed)
		return replayed_receipt(a, k, v);
	if (!rc) {
		rc = app_collect_in_tx(a, by->username, d, rq, &r, lines, &item, e);
		if (rc)
			rc = collect_error(rq, item, rc, e);
	}
	if (!rc)
		rc = app_receipt_view(a, r.id, NULL, 0, v, e);
	if (!rc)
		rc = app_idem_remember(a, by->id, k, "receipt", r.id, v, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See ledger.h. */
int app_receipt_void_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t id,
			const char *reason, receipt_view_t *v, err_t *e)
{
	return app_receipt_void_by_k(a, by, scope, nscope, id, reason, NULL, v, e);
}

/* See ledger.h. */
int app_receipt_void_by_k(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t id,
			  const char *reason, app_idem_t *k, receipt_view_t *v, err_t *e)
{
	char clean[RECEIPT_REASON_MAX + 1];
	receipt_row_t row;
	receipt_t r;
	size_t n = 0;
	int rc = money_role(by, e);
	if (rc)
		return rc;
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	if (k)
		rc = app_idem_lookup(a, by->id, k, e);
	if (!rc && k && k->replayed)
		return replayed_receipt(a, k, v);
	/* first whether she may see it and void it, then what she asks */
	if (!rc)
		rc = store_receipt_row(a->store, id, &row, e);
	if (!rc && scope && !unit_set_has(scope, nscope, row.payer_unit_id))
		rc = err_set(e, PO_ENOTFOUND, "id", MSG_RECEIPT_UNKNOWN, (long long)id);
	if (!rc && by->role == UROLE_COLLECTOR && row.r.collector_id != by->id)
		rc = err_set(e, PO_EFORBIDDEN, "role", MSG_LEDGER_VOID_OWN, (long long)id, row.r.collector);
	if (!rc && (vn_clean(reason, strlen(reason), clean, sizeof clean, &n) != PO_OK || n == 0))
		rc = err_set(e, PO_EINVAL, "reason", MSG_COLLECT_REASON);
	if (!rc)
		rc = app_receipt_void_in_tx(a, id, clean, &r, e);
	if (!rc && k)
		rc = app_receipt_view(a, id, NULL, 0, v, e);
	if (!rc && k)
		rc = app_idem_remember(a, by->id, k, "receipt", id, v, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc) {
		store_tx_rollback(a->store);
		return rc;
	}
	return k ? PO_OK : app_receipt_view(a, id, NULL, 0, v, e);
}

/* See ledger.h. */
int app_remit_by(app_t *a, const user_t *by, date_t d, remittance_sum_t *out, err_t *e)
{
	return app_remit_by_k(a, by, d, NULL, out, e);
}

/* See ledger.h. */
int app_remit_by_k(app_t *a, const user_t *by, date_t d, app_idem_t *k, remittance_sum_t *out, err_t *e)
{
	int rc = money_role(by, e);
	memset(out, 0, sizeof *out);
	if (!rc)
		rc = date_window(a, d, e);
	if (!rc && !k)
		return app_remit(a, by->username, d, &out->id, &out->receipts, &out->amount, &out->commission, e);
	if (!rc)
		rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = app_idem_lookup(a, by->id, k, e);
	if (!rc && k->replayed) {
		store_tx_rollback(a->store);
		out->id = k->rec.entity_id;
		return PO_OK;
	}
	if (!rc)
		rc = app_remit_in_tx(a, by->username, d, &out->id, &out->receipts, &out->amount, &out->commission, e);
	if (!rc)
		rc = app_idem_remember(a, by->id, k, out->id ? "remittance" : NULL, out->id, out, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See ledger.h. */
int app_cash_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, const char *collector,
		cash_sum_t *out, err_t *e)
{
	user_t u;
	int rc = money_role(by, e);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	if (!collector || !*collector || strcasecmp(collector, by->username) == 0) {
		u = *by;
	} else {
		/* unknown or outside: the same 404 as the receipts' filter,
		 * for every role; then a collector may see only her own */
		rc = store_user_find(a->store, collector, &u, NULL, 0, e);
		if (rc == PO_ENOTFOUND || (!rc && scope && !unit_set_has(scope, nscope, u.unit_id)))
			return err_set(e, PO_ENOTFOUND, "collector", MSG_USER_UNKNOWN, collector);
		if (rc)
			return rc;
		if (by->role == UROLE_COLLECTOR)
			return err_set(e, PO_EINVAL, "collector", MSG_LEDGER_CASH_OWN, collector);
	}
	memcpy(out->collector, u.username, sizeof out->collector);
	return store_cash(a->store, u.id, &out->receipts, &out->collected, &out->remitted, e);
}

/* The unit asked for (its code in force today, else the caller's own
 * unit) and the sorted ids of its subtree (*units malloc'd), when it is
 * inside the caller's units; PO_ENOTFOUND ("unit") otherwise. */
static int unit_asked(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, const char *code, unit_t *u,
		      int64_t **units, size_t *n, err_t *e)
{
	int rc;
	*units = NULL;
	*n = 0;
	if (code && *code)
		rc = store_unit_by_code(a->store, code, a->today, u, e);
	else
		rc = store_unit_get(a->store, by->unit_id, u, e);
	if (rc == PO_ENOTFOUND || (!rc && scope && !unit_set_has(scope, nscope, u->id)))
		return err_set(e, PO_ENOTFOUND, "unit", MSG_UNIT_UNKNOWN, code && *code ? code : by->unit_code);
	if (!rc)
		rc = app_unit_scope_id(a, u->id, units, n, e);
	return rc;
}

/* See ledger.h. */
int app_referral_summary_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, const char *unit_code,
			    unit_t *unit, referral_summary_t *s, err_t *e)
{
	int64_t *units = NULL;
	size_t n = 0;
	size_t i;
	int rc = unit_asked(a, by, scope, nscope, unit_code, unit, &units, &n, e);
	memset(s, 0, sizeof *s);
	if (!rc)
		rc = app_referral_summary_in(a, units, n, s, e);
	/* a mobiliser living outside her units is not named to her */
	for (i = 0; !rc && scope && i < s->ntop; i++) {
		person_t p;
		rc = store_person_get(a->store, s->top[i].person, &p, e);
		if (!rc && !unit_set_has(scope, nscope, p.unit_id))
			s->top[i].full_name[0] = '\0';
	}
	free(units);
	return rc;
}

/* See ledger.h. */
int app_referral_add_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t person,
			int64_t referrer, const char *relation, date_t d, err_t *e)
{
	char di[DATE_ISO_LEN + 1], ti[DATE_ISO_LEN + 1];
	if (by->role == UROLE_VIEWER || by->disabled)
		return err_set(e, PO_EFORBIDDEN, "role", MSG_LEDGER_READ_ONLY, by->username, user_role_name(by->role));
	if (date_cmp(d, a->today) > 0) {
		date_format_iso(d, di);
		date_format_iso(a->today, ti);
		return err_set(e, PO_EINVAL, "date", MSG_DATE_FUTURE, di, ti);
	}
	return app_referral_add_in(a, scope, nscope, person, referrer, relation, d, e);
}

/* See ledger.h. */
int app_due_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, const char *unit_code, date_t on,
	       int days, int (*fn)(const due_item_t *d, void *ctx), void *ctx, unit_t *unit, size_t *total,
	       err_t *e)
{
	int64_t *units = NULL;
	size_t n = 0;
	int rc;
	*total = 0;
	if (days < 0 || days > DUE_DAYS_MAX)
		return err_set(e, PO_EINVAL, "days", MSG_DUE_DAYS, DUE_DAYS_MAX);
	rc = unit_asked(a, by, scope, nscope, unit_code, unit, &units, &n, e);
	if (!rc)
		rc = app_due_in(a, units, n, on, days, fn, ctx, total, e);
	free(units);
	return rc;
}
