/* params.c: the dated legal parameters as use cases: shipping them into
 * the database, an admin adding a row (a new decree), loading them for
 * the rules, and quotes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts.h"
#include "app/app.h"
#include "app/params_shipped.h"
#include "core/money.h"
#include "rules/param_family.h"

#define PARAMS_MAX 100000 /* rows loaded at most */

/* See app.h. */
int app_params_sync(app_t *a, int *changed, err_t *e)
{
	unsigned i;
	int rc;
	*changed = 0;
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	for (i = 0; !rc && i < shipped_param_count; i++) {
		const shipped_param_t *s = &shipped_params[i];
		param_record_t p;
		bool ch = false;
		memset(&p, 0, sizeof p);
		snprintf(p.family, sizeof p.family, "%s", s->family);
		snprintf(p.key, sizeof p.key, "%s", s->key);
		rc = date_parse_iso(s->valid_from, strlen(s->valid_from), &p.from, "valid_from", e);
		if (rc)
			break;
		p.value = s->value;
		snprintf(p.source, sizeof p.source, "%s", s->source);
		snprintf(p.status, sizeof p.status, "%s", s->status);
		snprintf(p.note, sizeof p.note, "%s", s->note);
		rc = store_param_ship(a->store, &p, &ch, e);
		*changed += ch;
	}
	if (!rc && *changed) {
		char detail[64];
		snprintf(detail, sizeof detail, "{\"rows\":%d}", *changed);
		rc = store_audit(a->store, a->actor, "params.ship", "param", 0, detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* Checks a name of lowercase letters, digits and '_' (digits only when
 * allow_digits), 1..max bytes (0.. when empty_ok). */
static bool name_ok(const char *s, size_t max, bool empty_ok, bool allow_digits)
{
	size_t i, n = strlen(s);
	if (n > max || (n == 0 && !empty_ok))
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' || (allow_digits && s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

/* See app.h. */
int app_param_add(app_t *a, param_record_t *p, err_t *e)
{
	char detail[512], iso[DATE_ISO_LEN + 1];
	int rc;
	if (!name_ok(p->family, 40, false, false))
		return err_set(e, PO_EINVAL, "family", MSG_PARAM_FAMILY_BAD, p->family);
	if (!name_ok(p->key, 24, true, true))
		return err_set(e, PO_EINVAL, "key", MSG_PARAM_KEY_BAD, p->key);
	if (p->value < 0 || p->value > MONEY_MAX)
		return err_set(e, PO_EINVAL, "value", MSG_PARAM_VALUE_BAD);
	rc = param_family_check(p->family, p->key, p->value, e);
	if (rc)
		return rc;
	if (strcmp(p->status, "law") && strcmp(p->status, "secondary") && strcmp(p->status, "open"))
		return err_set(e, PO_EINVAL, "status", MSG_PARAM_STATUS_BAD, p->status);
	if (!p->source[0])
		return err_set(e, PO_EINVAL, "source", MSG_PARAM_SOURCE_BAD);
	p->admin = true;
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_param_add(a->store, p, e);
	if (!rc) {
		date_format_iso(p->from, iso);
		snprintf(detail, sizeof detail, "{\"family\":\"%s\",\"key\":\"%s\",\"valid_from\":\"%s\",\"value\":%lld}",
			 p->family, p->key, iso, (long long)p->value);
		rc = store_audit(a->store, a->actor, "params.add", "param", 0, detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See app.h. */
int app_param_writer_check(app_t *a, const user_t *by, err_t *e)
{
	bool top;
	int rc;
	if (!by)
		return err_set(e, PO_EFORBIDDEN, "role", MSG_PARAM_NATIONAL, "", "", "");
	rc = app_user_top_admin(a, by, &top, e);
	if (!rc && !top)
		return err_set(e, PO_EFORBIDDEN, "role", MSG_PARAM_NATIONAL, by->username, user_role_name(by->role),
			       by->unit_code);
	return rc;
}

/* See app.h. */
int app_param_add_by(app_t *a, const user_t *by, param_record_t *p, err_t *e)
{
	int rc = app_param_writer_check(a, by, e);
	return rc ? rc : app_param_add(a, p, e);
}

struct load_ctx {
	params_t *p;
	size_t cap;
};

/* Appends one row to the loaded set (store callback). */
static int load_row(const param_record_t *r, void *ctx)
{
	struct load_ctx *c = ctx;
	param_row_t *row;
	if (c->p->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		param_row_t *rows;
		if (cap > PARAMS_MAX)
			return PO_ELIMIT;
		rows = realloc(c->p->rows, cap * sizeof *rows);
		if (!rows)
			return PO_ENOMEM;
		c->p->rows = rows;
		c->cap = cap;
	}
	row = &c->p->rows[c->p->n++];
	memset(row, 0, sizeof *row);
	memcpy(row->family, r->family, sizeof row->family);
	memcpy(row->key, r->key, sizeof row->key);
	row->from = r->from;
	row->value = r->value;
	return 0;
}

/* See app.h. */
int app_params_load(app_t *a, params_t *out, err_t *e)
{
	struct load_ctx c = {out, 0};
	int rc;
	out->rows = NULL;
	out->n = 0;
	rc = store_params_each(a->store, load_row, &c, e);
	if (rc == PO_ENOMEM)
		err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	else if (rc == PO_ELIMIT)
		err_set(e, PO_ELIMIT, NULL, MSG_LIMIT, "params", (size_t)PARAMS_MAX);
	if (rc) {
		app_params_free(out);
		return rc;
	}
	params_sort(out);
	return PO_OK;
}

/* See app.h. */
void app_params_free(params_t *p)
{
	free(p->rows);
	p->rows = NULL;
	p->n = 0;
}

/* See app.h. */
int app_params_each(app_t *a, int (*fn)(const param_record_t *p, void *ctx), void *ctx, err_t *e)
{
	return store_params_each(a->store, fn, ctx, e);
}

/* See app.h. */
int app_check(app_t *a, int (*fn)(const char *what, int64_t id, void *ctx), void *ctx, int *problems, err_t *e)
{
	return store_check(a->store, fn, ctx, problems, e);
}
