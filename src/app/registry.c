/* registry.c: the registry's use cases for the web API (see registry.h):
 * the dashboard, units, households, a person's participation, coverage,
 * pension, membership and stop, quotes and parameter rows.  Each read
 * keeps to the caller's units; each write refuses viewers, keeps to the
 * acting user's units and leaves one audit entry. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/registry.h"

/* See registry.h. */
int app_writer_scope(app_t *a, const user_t *by, int64_t **ids, size_t *n, err_t *e)
{
	*ids = NULL;
	*n = 0;
	if (!by)
		return err_set(e, PO_EFORBIDDEN, "role", MSG_REG_VIEWER, "?", user_role_name(UROLE_VIEWER));
	if (by->role == UROLE_VIEWER || by->disabled)
		return err_set(e, PO_EFORBIDDEN, "role", MSG_REG_VIEWER, by->username, user_role_name(by->role));
	return app_unit_scope_id(a, by->unit_id, ids, n, e);
}

/* ---- the dashboard ---- */

/* See registry.h. */
int app_dashboard(app_t *a, const user_t *u, const int64_t *scope, size_t nscope, date_t on, dashboard_t *out,
		  err_t *e)
{
	int rc;
	memset(out, 0, sizeof *out);
	out->date = on;
	out->due_days = DASHBOARD_DUE_DAYS;
	rc = store_figures(a->store, scope, nscope, on, DASHBOARD_DUE_DAYS, &out->f, e);
	if (!rc && u && (u->role == UROLE_ADMIN || u->role == UROLE_UNION || u->role == UROLE_COLLECTOR)) {
		out->has_cash = true;
		rc = store_cash(a->store, u->id, &out->cash_receipts, &out->cash_collected, &out->cash_remitted, e);
	}
	if (!rc && u && (u->role == UROLE_OFFICER || u->role == UROLE_UNION || u->role == UROLE_ADMIN))
		rc = app_upcoming_changes(a, on, UPCOMING_DAYS, out->upcoming, DASHBOARD_CHANGES_MAX, &out->nupcoming, e);
	return rc;
}

/* ---- units ---- */

/* True when u is in force on `on`. */
static bool in_force(const unit_t *u, date_t on)
{
	return date_cmp(u->valid_from, on) <= 0 && (!u->ended || date_cmp(u->valid_to, on) > 0);
}

/* Fills v with unit u and the codes around it on `on` (see unit_view_t). */
static void view_of(const unit_tree_t *t, const unit_t *u, date_t on, unit_view_t *v)
{
	const unit_t *p = u->parent_id ? unit_tree_find(t, u->parent_id) : NULL;
	const unit_t *cp = p ? unit_tree_find(t, unit_tree_current(t, p->id, on)) : NULL;
	const unit_t *su = u->ended ? unit_tree_find(t, unit_tree_current(t, u->id, on)) : NULL;
	memset(v, 0, sizeof *v);
	v->u = *u;
	if (p)
		memcpy(v->parent_code, p->code, sizeof v->parent_code);
	if (cp)
		memcpy(v->current_parent_code, cp->code, sizeof v->current_parent_code);
	if (su && su != u)
		memcpy(v->successor_code, su->code, sizeof v->successor_code);
}

/* See registry.h. */
int app_units_list(app_t *a, const int64_t *scope, size_t nscope, date_t on, bool all,
		   int (*fn)(const unit_view_t *v, void *ctx), void *ctx, err_t *e)
{
	unit_tree_t *t = NULL;
	unit_view_t v;
	size_t i;
	int rc = unit_tree_load(a->store, &t, e);
	if (rc)
		return rc;
	for (i = 0; i < unit_tree_count(t); i++) {
		const unit_t *u = unit_tree_at(t, i);
		if (!unit_set_has(scope, nscope, u->id) || (!all && !in_force(u, on)))
			continue;
		view_of(t, u, on, &v);
		if (fn(&v, ctx))
			break;
	}
	unit_tree_free(t);
	return PO_OK;
}

/* See registry.h. */
void unit_detail_free(unit_detail_t *d)
{
	free(d->children);
	d->children = NULL;
	d->nchildren = 0;
}

/* See registry.h. */
int app_unit_detail(app_t *a, int64_t id, const int64_t *scope, size_t nscope, date_t on, unit_detail_t *out,
		    err_t *e)
{
	unit_tree_t *t = NULL;
	const unit_t *u;
	int64_t *sub = NULL;
	size_t nsub = 0, i, cap = 0;
	int rc;
	memset(out, 0, sizeof *out);
	if (!unit_set_has(scope, nscope, id))
		return err_set(e, PO_ENOTFOUND, "id", MSG_UNIT_ID_UNKNOWN, (long long)id);
	rc = unit_tree_load(a->store, &t, e);
	if (rc)
		return rc;
	u = unit_tree_find(t, id);
	if (!u) {
		unit_tree_free(t);
		return err_set(e, PO_ENOTFOUND, "id", MSG_UNIT_ID_UNKNOWN, (long long)id);
	}
	view_of(t, u, on, &out->unit);
	if (u->parent_id && unit_set_has(scope, nscope, u->parent_id)) {
		out->has_parent = true;
		view_of(t, unit_tree_find(t, u->parent_id), on, &out->parent);
	}
	/* children in force: attached to it, or to a unit it took over */
	for (i = 0; i < unit_tree_count(t); i++) {
		const unit_t *c = unit_tree_at(t, i);
		if (!c->parent_id || !in_force(c, on) || !unit_set_has(scope, nscope, c->id))
			continue;
		if (c->parent_id != id && unit_tree_current(t, c->parent_id, on) != id)
			continue;
		if (out->nchildren == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			unit_view_t *p = realloc(out->children, ncap * sizeof *p);
			if (!p) {
				unit_tree_free(t);
				unit_detail_free(out);
				return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
			}
			out->children = p;
			cap = ncap;
		}
		view_of(t, c, on, &out->children[out->nchildren++]);
	}
	rc = unit_tree_subtree(t, id, &sub, &nsub, e);
	unit_tree_free(t);
	if (!rc)
		rc = store_people_in_units(a->store, sub, nsub, &out->people, e);
	free(sub);
	if (rc)
		unit_detail_free(out);
	return rc;
}

/* See registry.h. */
int app_unit_add_under(app_t *a, const user_t *by, unit_t *u, const char *parent_code, unit_view_t *out, err_t *e)
{
	int64_t *scope = NULL;
	size_t nscope = 0;
	unit_tree_t *t = NULL;
	unit_t parent;
	int rc;
	memset(out, 0, sizeof *out);
	rc = app_writer_scope(a, by, &scope, &nscope, e);
	if (!rc && by->role != UROLE_ADMIN)
		rc = err_set(e, PO_EFORBIDDEN, "role", MSG_REG_ADMIN_ONLY);
	if (!rc && (!parent_code || !*parent_code))
		rc = err_set(e, PO_EINVAL, "parent", MSG_REG_PARENT_NEEDED);
	if (rc) {
		free(scope);
		return rc;
	}
	if (u->valid_from.y == 0)
		u->valid_from = (date_t){1, 1, 1, false};
	rc = store_tx_begin(a->store, e);
	if (rc) {
		free(scope);
		return rc;
	}
	/* the parent as app_unit_add will resolve it */
	rc = store_unit_by_code(a->store, parent_code, u->valid_from.y > 1 ? u->valid_from : a->today, &parent, e);
	if (rc == PO_ENOTFOUND)
		rc = err_set(e, PO_EINVAL, "parent", MSG_UNIT_UNKNOWN, parent_code);
	else if (!rc && !unit_set_has(scope, nscope, parent.id))
		rc = err_set(e, PO_EINVAL, "parent", MSG_UNIT_UNKNOWN, parent_code); /* as unknown */
	if (!rc)
		rc = app_unit_add_in_tx(a, u, parent_code, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	free(scope);
	if (rc)
		return rc;
	rc = unit_tree_load(a->store, &t, e);
	if (!rc) {
		const unit_t *n = unit_tree_find(t, u->id);
		if (n)
			view_of(t, n, a->today, out);
		else
			out->u = *u;
	}
	unit_tree_free(t);
	return rc;
}

/* ---- households ---- */

/* See registry.h. */
void household_view_free(household_view_t *h)
{
	free(h->members);
	h->members = NULL;
	h->nmembers = 0;
}

struct ids {
	int64_t v[HOUSEHOLD_MEMBERS_MAX];
	size_t n;
};

/* Keeps a member's id (at most HOUSEHOLD_MEMBERS_MAX). */
static int keep_id(int64_t id, void *ctx)
{
	struct ids *l = ctx;
	if (l->n == HOUSEHOLD_MEMBERS_MAX)
		return 1;
	l->v[l->n++] = id;
	return 0;
}

/* Keeps the newest PERSON_CERTS_MAX certificates, oldest first. */
static int keep_cert(const poverty_cert_t *c, void *ctx)
{
	household_view_t *h = ctx;
	if (h->ncerts == PERSON_CERTS_MAX) {
		memmove(h->certs, h->certs + 1, (PERSON_CERTS_MAX - 1) * sizeof *h->certs);
		h->ncerts--;
	}
	h->certs[h->ncerts++] = *c;
	return 0;
}

/* See registry.h. */
int app_household_find(app_t *a, int64_t id, const int64_t *scope, size_t nscope, household_rec_t *h, err_t *e)
{
	int rc = store_household_get(a->store, id, h, e);
	if (!rc && !unit_set_has(scope, nscope, h->unit_id)) {
		memset(h, 0, sizeof *h);
		rc = err_set(e, PO_ENOTFOUND, "id", MSG_REG_HOUSEHOLD_UNKNOWN, (long long)id);
	}
	return rc;
}

/* See registry.h. */
int app_household_get(app_t *a, int64_t id, const int64_t *scope, size_t nscope, date_t on, household_view_t *out,
		      err_t *e)
{
	struct ids *l;
	size_t i;
	int rc;
	memset(out, 0, sizeof *out);
	rc = app_household_find(a, id, scope, nscope, &out->h, e);
	if (rc)
		return rc;
	l = calloc(1, sizeof *l);
	if (!l)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	rc = store_household_members_each(a->store, id, keep_id, l, e);
	if (rc == 1)
		rc = PO_OK; /* more members than shown */
	if (!rc && l->n) {
		out->members = calloc(l->n, sizeof *out->members);
		if (!out->members)
			rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	for (i = 0; !rc && i < l->n; i++) {
		person_t *p = &out->members[out->nmembers];
		rc = store_person_get(a->store, l->v[i], p, e);
		if (!rc && unit_set_has(scope, nscope, p->unit_id))
			out->nmembers++;
	}
	free(l);
	if (!rc)
		rc = store_poverty_each(a->store, id, keep_cert, out, e);
	if (!rc)
		rc = app_poverty_on(a, id, on, &out->poverty_today, e);
	if (rc)
		household_view_free(out);
	return rc;
}

/* See registry.h. */
int app_household_set_head(app_t *a, const user_t *by, int64_t id, int64_t person_id, err_t *e)
{
	int64_t *scope = NULL;
	size_t nscope = 0;
	household_rec_t h;
	person_t p;
	char detail[160];
	int rc = app_writer_scope(a, by, &scope, &nscope, e);
	if (rc)
		return rc;
	rc = store_tx_begin(a->store, e);
	if (rc) {
		free(scope);
		return rc;
	}
	rc = app_household_find(a, id, scope, nscope, &h, e);
	if (!rc) {
		/* a person outside by's units is answered as one who does not exist */
		rc = app_person_get(a, person_id, scope, nscope, &p, e);
		if (rc == PO_ENOTFOUND)
			rc = err_set(e, PO_EINVAL, "head", MSG_PERSON_UNKNOWN, (long long)person_id);
		else if (!rc && p.household_id != id)
			rc = err_set(e, PO_EINVAL, "head", MSG_REG_NOT_MEMBER, (long long)person_id, h.code);
	}
	if (!rc && h.head_id == person_id) {
		/* already her: nothing to write */
		store_tx_rollback(a->store);
		free(scope);
		return PO_OK;
	}
	if (!rc)
		rc = store_household_set_head(a->store, id, person_id, e);
	if (!rc) {
		char was[24] = "null";
		if (h.head_id)
			snprintf(was, sizeof was, "%lld", (long long)h.head_id);
		snprintf(detail, sizeof detail, "{\"before\":{\"head\":%s},\"after\":{\"head\":%lld}}", was,
			 (long long)person_id);
		rc = store_audit(a->store, a->actor, "household.head", "household", id, detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	free(scope);
	return rc;
}

/* See registry.h. */
int app_household_poverty_add(app_t *a, const user_t *by, int64_t id, enum poverty status, date_t from, date_t to,
			      err_t *e)
{
	int64_t *scope = NULL;
	size_t nscope = 0;
	household_rec_t h;
	int rc = app_writer_scope(a, by, &scope, &nscope, e);
	if (!rc)
		rc = app_household_find(a, id, scope, nscope, &h, e);
	free(scope);
	if (!rc)
		rc = app_poverty_add(a, h.code, status, from, to, e);
	return rc;
}

/* ---- a person's participation, coverage, pension ---- */

/* See registry.h. */
int app_person_participation(app_t *a, int64_t id, const int64_t *scope, size_t nscope, date_t on,
			     participation_t *out, err_t *e)
{
	person_t p;
	int rc = app_person_get(a, id, scope, nscope, &p, e);
	memset(out, 0, sizeof *out);
	out->state = "not_enrolled";
	if (!rc)
		rc = app_participation(a, id, on, out, e);
	return rc;
}

/* See registry.h. */
int app_person_coverage(app_t *a, int64_t id, const int64_t *scope, size_t nscope,
			int (*period)(const coverage_period_t *p, void *ctx), int (*receipt)(const receipt_t *r, void *ctx),
			void *ctx, err_t *e)
{
	person_t p;
	int rc = app_person_get(a, id, scope, nscope, &p, e);
	if (!rc)
		rc = store_person_periods_each(a->store, id, COVERAGE_PERIODS_MAX, period, ctx, e);
	if (!rc)
		rc = store_person_receipts_each(a->store, id, COVERAGE_RECEIPTS_MAX, receipt, ctx, e);
	return rc;
}

/* Whole months from day `a` up to day `b` (not included): 2025-08-01 to
 * 2026-08-01 is 12, 2025-08-15 to 2025-09-14 is 0. */
static int months_between(date_t a, date_t b)
{
	int m = (b.y - a.y) * 12 + (b.m - a.m);
	if (b.d < a.d)
		m--;
	return m < 0 ? 0 : m;
}

#define PENSION_PERIODS_MAX 2400 /* BHXH periods read for a projection */

struct months_ctx {
	int before_2014, from_2014;
	date_t first;
	bool any;
};

/* Adds the whole months of one BHXH period, split at 2014-01-01. */
static int count_months(const coverage_period_t *p, void *ctx)
{
	struct months_ctx *c = ctx;
	date_t cut = date_make(2014, 1, 1), end = date_add_days(p->to, 1);
	if (strcmp(p->scheme, "bhxh") != 0)
		return 0;
	if (!c->any || date_cmp(p->from, c->first) < 0)
		c->first = p->from;
	c->any = true;
	if (date_cmp(end, cut) <= 0)
		c->before_2014 += months_between(p->from, end);
	else if (date_cmp(p->from, cut) >= 0)
		c->from_2014 += months_between(p->from, end);
	else {
		c->before_2014 += months_between(p->from, cut);
		c->from_2014 += months_between(cut, end);
	}
	return 0;
}

/* See registry.h. */
int app_person_pension(app_t *a, int64_t id, const int64_t *scope, size_t nscope, date_t today, money_t income,
		       int months_planned, pension_view_t *out, err_t *e)
{
	struct months_ctx mc;
	participation_t pt;
	person_t p;
	int rc;
	memset(out, 0, sizeof *out);
	memset(&mc, 0, sizeof mc);
	rc = app_person_get(a, id, scope, nscope, &p, e);
	if (!rc)
		rc = app_participation(a, id, today, &pt, e);
	if (!rc)
		rc = store_person_periods_each(a->store, id, PENSION_PERIODS_MAX, count_months, &mc, e);
	if (!rc)
		rc = store_bhxh_support_received(a->store, id, &out->plan.support_received, e);
	if (rc)
		return rc;
	if (income <= 0) {
		if (pt.income <= 0)
			return err_set(e, PO_EINVAL, "income", MSG_REG_INCOME_NEEDED);
		income = pt.income;
	}
	out->enrolled = pt.enrolled;
	out->first_covered = mc.any ? mc.first : pt.start;
	out->last_covered = pt.last_covered;
	out->plan.dob = p.dob;
	out->plan.sex = p.sex;
	out->plan.average_income = income;
	out->plan.months_before_2014 = mc.before_2014 > 1200 ? 1200 : mc.before_2014;
	out->plan.months_from_2014 = mc.from_2014 > 1200 ? 1200 : mc.from_2014;
	out->plan.joined_before_2021 = mc.any && date_cmp(mc.first, date_make(2021, 1, 1)) < 0;
	if (months_planned < 0) {
		/* every month from the next unpaid one until retirement age */
		int age_y, age_m;
		date_t retire, start = date_make(today.y, today.m, 1);
		pension_retirement(p.dob, p.sex, &age_y, &age_m, &retire);
		if (pt.enrolled && date_cmp(pt.last_covered, today) >= 0)
			start = date_add_days(pt.last_covered, 1);
		months_planned = date_cmp(start, retire) < 0 ? months_between(start, retire) : 0;
		if (months_planned > 1200)
			months_planned = 1200;
		out->planned_to_retirement = true;
	}
	out->plan.months_planned = months_planned;
	return pension_project(&out->plan, today, &out->pr, e);
}

/* See registry.h. */
int app_person_membership(app_t *a, const user_t *by, int64_t id, const char *branch_code, enum member_role role,
			  date_t since, person_details_t *out, err_t *e)
{
	int64_t *scope = NULL;
	size_t nscope = 0;
	person_t p;
	unit_t b;
	int rc = app_writer_scope(a, by, &scope, &nscope, e);
	memset(out, 0, sizeof *out);
	if (!rc)
		rc = app_person_get(a, id, scope, nscope, &p, e);
	if (!rc && branch_code && *branch_code) {
		rc = store_unit_by_code(a->store, branch_code, a->today, &b, e);
		if (rc == PO_ENOTFOUND)
			rc = err_set(e, PO_EINVAL, "branch", MSG_UNIT_UNKNOWN, branch_code);
		else if (!rc && !unit_set_has(scope, nscope, b.id))
			rc = err_set(e, PO_EINVAL, "branch", MSG_UNIT_UNKNOWN, branch_code); /* as unknown */
	}
	if (!rc)
		rc = app_membership_set(a, id, branch_code, role, since, e);
	if (!rc)
		rc = app_person_details(a, id, scope, nscope, out, e);
	free(scope);
	return rc;
}

/* See registry.h. */
int app_person_stop(app_t *a, const user_t *by, int64_t id, date_t d, const char *reason, participation_t *out,
		    err_t *e)
{
	int64_t *scope = NULL;
	size_t nscope = 0;
	person_t p;
	int rc = app_writer_scope(a, by, &scope, &nscope, e);
	memset(out, 0, sizeof *out);
	out->state = "not_enrolled";
	if (!rc)
		rc = app_person_get(a, id, scope, nscope, &p, e);
	free(scope);
	if (!rc)
		rc = app_participation_stop(a, id, d, reason, e);
	if (!rc)
		rc = app_participation(a, id, d, out, e);
	return rc;
}

/* ---- quotes ---- */

/* See registry.h. */
int app_quote_bhxh(app_t *a, const bhxh_request_t *r, bhxh_quote_t *q, err_t *e)
{
	params_t p = {NULL, 0};
	int rc = app_params_load(a, &p, e);
	if (!rc)
		rc = bhxh_quote(&p, r, q, e);
	app_params_free(&p);
	return rc;
}

/* See registry.h. */
int app_quote_bhxh_lump(app_t *a, const bhxh_request_t *r, bool advance, int n, lump_quote_t *q, err_t *e)
{
	params_t p = {NULL, 0};
	int rc = app_params_load(a, &p, e);
	if (!rc)
		rc = advance ? bhxh_advance_quote_for(&p, r, n, q, e) : bhxh_missing_quote(&p, r->date, r->income, n, q, e);
	app_params_free(&p);
	return rc;
}

/* See registry.h. */
int app_quote_notices(app_t *a, const char *scheme, date_t paid, date_t end, enum bhxh_category c,
		      param_notice_t *out, size_t max, size_t *n, err_t *e)
{
	params_t p = {NULL, 0};
	int rc = app_params_load(a, &p, e);
	*n = 0;
	if (!rc)
		*n = strcmp(scheme, "bhxh") == 0 ? bhxh_quote_notices(&p, paid, end, c, out, max)
						 : bhyt_quote_notices(&p, paid, end, out, max);
	if (*n > max)
		*n = max;
	app_params_free(&p);
	return rc;
}

/* See registry.h. */
int app_lines_notices(app_t *a, date_t paid, const receipt_line_t *lines, size_t nlines, param_notice_t *out,
		      size_t max, size_t *n, err_t *e)
{
	params_t p = {NULL, 0};
	param_notice_t one[PARAM_NOTICE_MAX];
	size_t i, j, k, got;
	int rc = app_params_load(a, &p, e);
	*n = 0;
	for (i = 0; !rc && i < nlines; i++) {
		enum bhxh_category c = BHXH_OTHER;
		bool bhxh = strcmp(lines[i].scheme, "bhxh") == 0;
		if (bhxh)
			bhxh_category_parse(lines[i].category, &c);
		got = bhxh ? bhxh_quote_notices(&p, paid, lines[i].to, c, one, PARAM_NOTICE_MAX)
			   : bhyt_quote_notices(&p, paid, lines[i].to, one, PARAM_NOTICE_MAX);
		if (got > PARAM_NOTICE_MAX)
			got = PARAM_NOTICE_MAX;
		for (j = 0; j < got; j++) {
			for (k = 0; k < *n; k++)
				if (!strcmp(out[k].family, one[j].family) && !strcmp(out[k].key, one[j].key) &&
				    !date_cmp(out[k].from, one[j].from))
					break;
			if (k == *n && *n < max)
				out[(*n)++] = one[j];
		}
	}
	app_params_free(&p);
	return rc;
}

/* See registry.h. */
int app_upcoming_changes(app_t *a, date_t today, int days, param_notice_t *out, size_t max, size_t *n, err_t *e)
{
	params_t p = {NULL, 0};
	int rc = app_params_load(a, &p, e);
	*n = 0;
	if (!rc)
		*n = param_changes(&p, NULL, 0, today, date_add_days(today, days), out, max);
	if (*n > max)
		*n = max;
	app_params_free(&p);
	return rc;
}

/* See registry.h. */
int app_quote_bhyt(app_t *a, const bhyt_request_t *r, bhyt_quote_t *q, card_validity_t *card, bool has_previous,
		   date_t previous_end, err_t *e)
{
	params_t p = {NULL, 0};
	int rc = app_params_load(a, &p, e);
	if (!rc)
		rc = bhyt_quote(&p, r, q, e);
	if (!rc && card)
		rc = bhyt_card_validity(&p, r->date, r->months, has_previous, previous_end, card, e);
	app_params_free(&p);
	return rc;
}

/* ---- legal parameters ---- */

/* See registry.h. */
int app_param_parse(const char *family, const char *key, const char *from, const char *value, const char *source,
		    const char *status, const char *note, param_record_t *out, err_t *e)
{
	char *end;
	memset(out, 0, sizeof *out);
	if (!key)
		key = "";
	if (!note)
		note = "";
	if (!family)
		return err_set(e, PO_EINVAL, "family", MSG_REG_MISSING, "family");
	if (!from)
		return err_set(e, PO_EINVAL, "from", MSG_REG_MISSING, "from");
	if (!value)
		return err_set(e, PO_EINVAL, "value", MSG_REG_MISSING, "value");
	if (!source)
		return err_set(e, PO_EINVAL, "source", MSG_REG_MISSING, "source");
	if (!status)
		return err_set(e, PO_EINVAL, "status", MSG_REG_MISSING, "status");
	if (strlen(family) >= sizeof out->family || strlen(key) >= sizeof out->key)
		return err_set(e, PO_EINVAL, "family", MSG_PARAM_FAMILY_BAD, family);
	if (strlen(source) >= sizeof out->source || strlen(note) >= sizeof out->note || !*source)
		return err_set(e, PO_EINVAL, "source", MSG_PARAM_SOURCE_BAD);
	if (strlen(status) >= sizeof out->status)
		return err_set(e, PO_EINVAL, "status", MSG_PARAM_STATUS_BAD, status);
	if (date_parse_iso(from, strlen(from), &out->from, "from", e))
		return PO_EINVAL;
	errno = 0;
	out->value = strtoll(value, &end, 10);
	if (errno || *end || end == value)
		return err_set(e, PO_EINVAL, "value", MSG_PARAM_VALUE_BAD);
	snprintf(out->family, sizeof out->family, "%s", family);
	snprintf(out->key, sizeof out->key, "%s", key);
	snprintf(out->source, sizeof out->source, "%s", source);
	snprintf(out->status, sizeof out->status, "%s", status);
	snprintf(out->note, sizeof out->note, "%s", note);
	return PO_OK;
}
