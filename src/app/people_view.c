/* people_view.c: cover, unit names, units to choose and the
 * commune-wide search of the people pages (see people_view.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/people_view.h"

/* See people_view.h. */
int app_person_cover(app_t *a, int64_t id, person_cover_t *out, err_t *e)
{
	int rc;
	memset(out, 0, sizeof *out);
	rc = store_coverage_last(a->store, id, "bhyt", &out->bhyt_to, &out->has_bhyt, e);
	if (!rc)
		rc = store_coverage_last(a->store, id, "bhxh", &out->bhxh_to, &out->has_bhxh, e);
	return rc;
}

/* See people_view.h. */
int app_unit_name(app_t *a, int64_t unit_id, char *out, size_t cap, err_t *e)
{
	unit_t u;
	int rc = store_unit_get(a->store, unit_id, &u, e);
	if (cap)
		out[0] = '\0';
	if (rc == PO_ENOTFOUND)
		return PO_OK;
	if (!rc)
		snprintf(out, cap, "%s", u.name);
	return rc;
}

struct units_ctx {
	const int64_t *scope;
	size_t nscope;
	date_t today;
	int (*fn)(const unit_t *u, void *ctx);
	void *ctx;
};

/* Passes on a unit of the scope in force today where people live. */
static int unit_row(const unit_t *u, void *ctx)
{
	struct units_ctx *c = ctx;
	if (u->kind == UNIT_BRANCH || u->kind == UNIT_GROUP)
		return 0;
	if (date_cmp(u->valid_from, c->today) > 0 || (u->ended && date_cmp(u->valid_to, c->today) <= 0))
		return 0;
	if (c->scope && !unit_set_has(c->scope, c->nscope, u->id))
		return 0;
	return c->fn(u, c->ctx);
}

/* See people_view.h. */
int app_units_for_people(app_t *a, const int64_t *scope, size_t nscope, int (*fn)(const unit_t *u, void *ctx),
			 void *ctx, err_t *e)
{
	struct units_ctx c = {scope, nscope, a->today, fn, ctx};
	return store_units_each(a->store, unit_row, &c, e);
}

/* True when the query is a number (an identifier search). */
static bool is_number(const char *q)
{
	bool digit = false;
	for (; *q; q++) {
		if (*q >= '0' && *q <= '9')
			digit = true;
		else if (*q != ' ' && *q != '.' && *q != '-' && *q != '+')
			return false;
	}
	return digit;
}

/* See people_view.h. */
int app_user_commune(app_t *a, const user_t *u, unit_t *out, err_t *e)
{
	unit_t cur;
	int rc, depth;
	memset(out, 0, sizeof *out);
	rc = store_unit_get(a->store, u->unit_id, &cur, e);
	if (rc)
		return rc;
	if (cur.kind <= UNIT_TOWN)
		return PO_OK; /* a commune or above: nothing of the commune is outside her units */
	for (depth = 0; depth < 16 && cur.kind > UNIT_TOWN && cur.parent_id; depth++) {
		rc = store_unit_get(a->store, cur.parent_id, &cur, e);
		if (rc)
			return rc;
	}
	if (cur.kind == UNIT_COMMUNE || cur.kind == UNIT_WARD || cur.kind == UNIT_TOWN)
		*out = cur;
	return PO_OK;
}

/* See people_view.h. */
int app_people_search_wide(app_t *a, const user_t *u, const int64_t *scope, size_t nscope, const char *q,
			   wide_hit_t *hits, size_t *n, char *commune_name, size_t cap, err_t *e)
{
	unit_t cur;
	int64_t *wide = NULL;
	size_t nwide = 0, i;
	search_result_t r;
	int rc;
	*n = 0;
	if (cap)
		commune_name[0] = '\0';
	/* only names: a number would tell who holds it outside her units */
	if (is_number(q))
		return PO_OK;
	rc = app_user_commune(a, u, &cur, e);
	if (rc || !cur.id)
		return rc;
	snprintf(commune_name, cap, "%s", cur.name);
	rc = app_unit_scope_id(a, cur.id, &wide, &nwide, e);
	if (!rc)
		rc = people_search(a, q, wide, nwide, SEARCH_LIMIT_MAX, &r, e);
	free(wide);
	if (rc)
		return rc;
	for (i = 0; i < r.n && *n < WIDE_SEARCH_MAX; i++) {
		wide_hit_t *h;
		if (unit_set_has(scope, nscope, r.items[i].unit_id))
			continue;
		h = &hits[(*n)++];
		snprintf(h->full_name, sizeof h->full_name, "%s", r.items[i].full_name);
		h->year = r.items[i].dob.y;
		rc = app_unit_name(a, r.items[i].unit_id, h->unit_name, sizeof h->unit_name, e);
		if (rc)
			break;
	}
	search_result_free(&r);
	return rc;
}
