/* handover.c: the collection point, collectors' cash, remittances and
 * their confirmation (see handover.h). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/accounts.h"
#include "app/handover.h"
#include "core/text.h"

/* The settings keys of the collection point. */
#define KEY_NAME "point.name"
#define KEY_CODE "point.code"
#define KEY_ADDRESS "point.address"

/* See handover.h. */
int app_point_get(app_t *a, collection_point_t *p, err_t *e)
{
	bool found;
	int rc = store_setting_get(a->store, KEY_NAME, p->name, sizeof p->name, &found, e);
	if (!rc)
		rc = store_setting_get(a->store, KEY_CODE, p->code, sizeof p->code, &found, e);
	if (!rc)
		rc = store_setting_get(a->store, KEY_ADDRESS, p->address, sizeof p->address, &found, e);
	return rc;
}

/* Cleans text `in` into out (cap bytes: the bound + 1): PO_EINVAL on
 * field when it is not valid UTF-8 or too long. */
static int point_clean(const char *in, char *out, size_t cap, const char *field, err_t *e)
{
	size_t n = 0;
	if (vn_clean(in, strlen(in), out, cap, &n) != PO_OK)
		return err_set(e, PO_EINVAL, field, MSG_POINT_FIELD, field, (int)(cap - 1));
	return PO_OK;
}

/* The point p as JSON for the audit log. */
static json_t *point_json(const collection_point_t *p)
{
	return json_pack("{s:s,s:s,s:s}", "name", p->name, "code", p->code, "address", p->address);
}

/* See handover.h. */
int app_point_set(app_t *a, const user_t *by, const collection_point_t *in, collection_point_t *out, err_t *e)
{
	collection_point_t clean, before;
	json_t *doc;
	char *text;
	int rc;
	if (by) {
		bool top;
		rc = app_user_top_admin(a, by, &top, e);
		if (rc)
			return rc;
		if (!top)
			return err_set(e, PO_EFORBIDDEN, "role", MSG_POINT_ADMIN_ONLY);
	}
	rc = point_clean(in->name, clean.name, sizeof clean.name, "name", e);
	if (!rc)
		rc = point_clean(in->code, clean.code, sizeof clean.code, "code", e);
	if (!rc)
		rc = point_clean(in->address, clean.address, sizeof clean.address, "address", e);
	if (!rc)
		rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = app_point_get(a, &before, e);
	if (!rc)
		rc = store_setting_set(a->store, KEY_NAME, clean.name, e);
	if (!rc)
		rc = store_setting_set(a->store, KEY_CODE, clean.code, e);
	if (!rc)
		rc = store_setting_set(a->store, KEY_ADDRESS, clean.address, e);
	if (!rc) {
		doc = json_pack("{s:o,s:o}", "before", point_json(&before), "after", point_json(&clean));
		text = doc ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		json_decref(doc);
		rc = text ? store_audit(a->store, a->actor, "settings.point", "setting", 0, text, e)
			  : err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		free(text);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc) {
		store_tx_rollback(a->store);
		return rc;
	}
	if (out)
		*out = clean;
	return PO_OK;
}

/* True for the roles that oversee collectors' money. */
static bool oversees(enum user_role r)
{
	return r == UROLE_OFFICER || r == UROLE_UNION || r == UROLE_ADMIN;
}

/* The logins gathered before their cash is read. */
struct gather {
	const int64_t *scope;
	size_t nscope;
	user_t *u;
	size_t n, cap;
	bool nomem;
};

/* Keeps a login whose unit is inside the scope (store callback). */
static int gather_one(const user_t *u, void *ctx)
{
	struct gather *g = ctx;
	if (g->scope && !unit_set_has(g->scope, g->nscope, u->unit_id))
		return 0;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 16;
		user_t *nu = realloc(g->u, cap * sizeof *nu);
		if (!nu) {
			g->nomem = true;
			return 1;
		}
		g->u = nu;
		g->cap = cap;
	}
	g->u[g->n++] = *u;
	return 0;
}

/* See handover.h. */
int app_collectors_cash_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope,
			   int (*fn)(const collector_cash_t *c, void *ctx), void *ctx, err_t *e)
{
	struct gather g = {scope, nscope, NULL, 0, 0, false};
	size_t i;
	int rc;
	if (!oversees(by->role))
		return err_set(e, PO_EFORBIDDEN, "role", MSG_LEDGER_ROLE, by->username, user_role_name(by->role));
	rc = store_users_each(a->store, gather_one, &g, e);
	if (g.nomem)
		rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	for (i = 0; !rc && i < g.n; i++) {
		collector_cash_t c;
		c.u = g.u[i];
		rc = store_cash(a->store, c.u.id, &c.receipts, &c.collected, &c.remitted, e);
		if (!rc && (c.u.role == UROLE_COLLECTOR || c.receipts > 0))
			rc = fn(&c, ctx);
	}
	free(g.u);
	return rc;
}

/* True when `by` may see remittance r (see handover.h). */
static bool may_see(const user_t *by, const int64_t *scope, size_t nscope, const remittance_row_t *r)
{
	if (by->role == UROLE_COLLECTOR)
		return r->collector_id == by->id;
	if (!oversees(by->role))
		return false;
	return !scope || unit_set_has(scope, nscope, r->collector_unit_id);
}

/* What app_remittances_by's walk carries. */
struct remit_walk {
	const user_t *by;
	const int64_t *scope;
	size_t nscope;
	int limit, given;
	int64_t last;
	bool more;
	int (*fn)(const remittance_row_t *r, void *ctx);
	void *ctx;
};

/* Passes on the remittances she may see, up to the limit; the one after
 * says that more follow (store callback). */
static int remit_one(const remittance_row_t *r, void *ctx)
{
	struct remit_walk *w = ctx;
	int rc;
	if (!may_see(w->by, w->scope, w->nscope, r))
		return 0;
	if (w->given == w->limit) {
		w->more = true;
		return 1;
	}
	rc = w->fn(r, w->ctx);
	w->given++;
	w->last = r->id;
	return rc;
}

/* See handover.h. */
int app_remittances_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t before, int limit,
		       int (*fn)(const remittance_row_t *r, void *ctx), void *ctx, int64_t *next, err_t *e)
{
	struct remit_walk w = {by, scope, nscope, limit, 0, 0, false, fn, ctx};
	int rc;
	*next = 0;
	if (!oversees(by->role) && by->role != UROLE_COLLECTOR)
		return err_set(e, PO_EFORBIDDEN, "role", MSG_LEDGER_ROLE, by->username, user_role_name(by->role));
	rc = store_remittances_each(a->store, by->role == UROLE_COLLECTOR ? by->id : 0, before, remit_one, &w, e);
	if (rc == 1 && w.more)
		rc = PO_OK;
	if (!rc && w.more)
		*next = w.last;
	return rc;
}

/* See handover.h. */
int app_remittance_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t id,
		      remittance_row_t *r, int (*fn)(const receipt_row_t *row, void *ctx), void *ctx, err_t *e)
{
	int rc = store_remittance_get(a->store, id, r, e);
	if (!rc && !may_see(by, scope, nscope, r))
		rc = err_set(e, PO_ENOTFOUND, "id", MSG_REMIT_UNKNOWN, (long long)id);
	if (!rc && fn)
		rc = store_remittance_receipts_each(a->store, id, fn, ctx, e);
	return rc;
}

/* See handover.h. */
int app_remittance_confirm_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t id,
			      remittance_row_t *out, err_t *e)
{
	remittance_row_t r;
	json_t *doc;
	char *text;
	int rc;
	if (by->role != UROLE_OFFICER || by->disabled)
		return err_set(e, PO_EFORBIDDEN, "role", MSG_REMIT_OFFICER_ONLY);
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = app_remittance_by(a, by, scope, nscope, id, &r, NULL, NULL, e);
	if (!rc)
		rc = store_remittance_confirm(a->store, id, by->id, e);
	if (!rc) {
		doc = json_pack("{s:s,s:I,s:I}", "collector", r.collector, "receipts", (json_int_t)r.receipts, "amount",
				(json_int_t)r.amount);
		text = doc ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		json_decref(doc);
		rc = text ? store_audit(a->store, a->actor, "remittance.confirm", "remittance", id, text, e)
			  : err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		free(text);
	}
	if (!rc)
		rc = store_remittance_get(a->store, id, out, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}
