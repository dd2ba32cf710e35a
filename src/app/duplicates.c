/* duplicates.c: adding a person without changing anyone else, and the
 * possible duplicates list with its merge (see duplicates.h). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/duplicates.h"
#include "app/registry.h"

/* See duplicates.h. */
int app_person_add(app_t *a, const user_t *by, const person_fields_t *in, bool confirm_new, person_t *out,
		   person_t *cands, size_t *ncands, err_t *errs, size_t *nerrs)
{
	person_parsed_t pp;
	int64_t id = 0, *scope = NULL, same[PERSON_CANDIDATES_MAX];
	size_t nscope = 0, nsame = 0, i;
	bool inserted;
	household_rec_t h;
	json_t *detail = NULL, *arr;
	char *text;
	int rc;

	*nerrs = 1;
	*ncands = 0;
	memset(out, 0, sizeof *out);
	if (by->role == UROLE_VIEWER)
		return err_set(&errs[0], PO_EFORBIDDEN, "role", MSG_REG_VIEWER, by->username, user_role_name(by->role));
	rc = person_parse(a, in, &pp, errs, nerrs);
	if (rc)
		return rc;
	*nerrs = 1;
	rc = app_unit_scope_id(a, by->unit_id, &scope, &nscope, &errs[0]);
	if (rc)
		return rc;
	if (!unit_set_has(scope, nscope, pp.p.unit_id)) {
		/* a unit outside her units is answered as one that does not exist */
		free(scope);
		return err_set(&errs[0], PO_EINVAL, "unit_code", MSG_UNIT_UNKNOWN, pp.p.unit_code);
	}
	rc = store_tx_begin(a->store, &errs[0]);
	if (rc) {
		free(scope);
		return rc;
	}
	/* a new person only: a CCCD or BHXH number already present conflicts */
	if (pp.p.cccd[0] && store_person_find_cccd(a->store, pp.p.cccd, &id, &errs[0]) == PO_OK)
		rc = err_set(&errs[0], PO_ECONFLICT, "cccd", MSG_PERSON_CCCD_TAKEN);
	else if (pp.p.bhxh_code[0] && store_person_find_bhxh(a->store, pp.p.bhxh_code, &id, &errs[0]) == PO_OK)
		rc = err_set(&errs[0], PO_ECONFLICT, "bhxh_code", MSG_PERSON_BHXH_TAKEN);
	/* a household of a unit outside her units is answered as unknown */
	if (!rc && pp.has[PCOL_HOUSEHOLD]) {
		rc = store_household_find(a->store, pp.p.household_code, &id, &errs[0]);
		if (rc == PO_ENOTFOUND)
			rc = PO_OK;
		else if (!rc && !(rc = store_household_get(a->store, id, &h, &errs[0])) &&
			 !unit_set_has(scope, nscope, h.unit_id))
			rc = err_set(&errs[0], PO_EINVAL, "household_code", MSG_HOUSEHOLD_UNKNOWN, pp.p.household_code);
	}
	free(scope);
	if (!rc && !pp.p.cccd[0] && !pp.p.bhxh_code[0])
		rc = store_person_find_natural(a->store, &pp.p, same, PERSON_CANDIDATES_MAX, &nsame, &errs[0]);
	if (!rc && nsame && !confirm_new) {
		for (i = 0; i < nsame && !rc; i++)
			rc = store_person_get(a->store, same[i], &cands[i], &errs[0]);
		if (!rc) {
			*ncands = nsame;
			rc = err_set(&errs[0], PO_ECONFLICT, "candidates", MSG_PERSON_MAYBE_SAME, nsame);
		}
	}
	if (!rc) {
		pp.insert_only = true;
		rc = person_upsert(a, &pp, &inserted, &errs[0]);
	}
	if (!rc) {
		detail = json_pack("{s:s}", "unit", pp.p.unit_code);
		if (nsame) {
			arr = json_array();
			for (i = 0; i < nsame; i++)
				json_array_append_new(arr, json_integer(same[i]));
			json_object_set_new(detail, "confirmed_not", arr);
		}
		text = detail ? json_dumps(detail, JSON_COMPACT) : NULL;
		rc = text ? store_audit(a->store, a->actor, "person.add", "person", pp.p.id, text, &errs[0])
			  : err_set(&errs[0], PO_ENOMEM, NULL, MSG_NOMEM);
		free(text);
		json_decref(detail);
	}
	if (!rc)
		rc = store_tx_commit(a->store, &errs[0]);
	if (rc) {
		store_tx_rollback(a->store);
		*nerrs = 1;
		return rc;
	}
	return store_person_get(a->store, pp.p.id, out, &errs[0]);
}

struct list_ctx {
	app_t *a;
	const int64_t *scope, *filter;
	size_t nscope, nfilter;
	int (*fn)(const dup_view_t *v, void *ctx);
	void *ctx;
	err_t *e;
	int rc;
};

/* True when the person is inside the scope (NULL: everywhere). */
static bool inside(const int64_t *scope, size_t n, const person_t *p)
{
	return !scope || unit_set_has(scope, n, p->unit_id);
}

/* Passes one open pair on when both its people are inside the scopes. */
static int list_row(const dup_pair_t *p, void *ctx)
{
	struct list_ctx *c = ctx;
	dup_view_t v;
	v.pair = *p;
	if (store_person_get(c->a->store, p->older, &v.older, c->e) || store_person_get(c->a->store, p->newer, &v.newer, c->e))
		return 0; /* a pair of someone since merged away is not shown */
	if (!inside(c->scope, c->nscope, &v.older) || !inside(c->scope, c->nscope, &v.newer))
		return 0;
	if (c->filter && (!inside(c->filter, c->nfilter, &v.older) || !inside(c->filter, c->nfilter, &v.newer)))
		return 0;
	return c->fn(&v, c->ctx);
}

/* See duplicates.h. */
int app_duplicates_list(app_t *a, const int64_t *scope, size_t nscope, const int64_t *filter, size_t nfilter,
			int (*fn)(const dup_view_t *v, void *ctx), void *ctx, err_t *e)
{
	struct list_ctx c = {a, scope, filter, nscope, nfilter, fn, ctx, e, 0};
	return store_duplicates_each(a->store, list_row, &c, e);
}

/* A text value for the audit: null when empty. */
static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* Every field of a person, for the audit entry of a merge. */
static json_t *person_json(const person_t *p)
{
	char dob[DATE_ISO_LEN + 1], sex[2] = {p->sex, 0};
	if (p->dob.year_only)
		snprintf(dob, sizeof dob, "%04d", p->dob.y);
	else
		date_format_iso(p->dob, dob);
	return json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:s,s:o,s:o,s:b}", "id", (json_int_t)p->id, "full_name",
			 p->full_name, "dob", dob, "sex", sex, "cccd", str_or_null(p->cccd), "bhxh_code",
			 str_or_null(p->bhxh_code), "phone", str_or_null(p->phone), "ethnicity", str_or_null(p->ethnicity),
			 "unit_code", p->unit_code, "household_code", str_or_null(p->household_code), "relation",
			 str_or_null(p->relation), "member", p->member);
}

/* One text field of the merge: an empty kept value takes the dropped
 * one (recorded in filled); two different values keep the kept one
 * (recorded in conflicts). */
static void merge_text(const char *k, char *kept, size_t cap, const char *dropped, json_t *filled, json_t *conflicts)
{
	if (!dropped[0] || strcmp(kept, dropped) == 0)
		return;
	if (!kept[0]) {
		snprintf(kept, cap, "%s", dropped);
		json_object_set_new(filled, k, json_string(dropped));
	} else {
		json_object_set_new(conflicts, k, json_pack("{s:s,s:s}", "kept", kept, "dropped", dropped));
	}
}

/* See duplicates.h. */
int app_people_merge(app_t *a, const int64_t *scope, size_t nscope, int64_t keep, int64_t drop, person_t *out,
		     err_t *e)
{
	person_t k, d, np;
	household_rec_t dh;
	bool was_head = false, closed;
	json_t *detail = NULL, *filled, *conflicts;
	char *text = NULL, x[DATE_ISO_LEN + 1], y[DATE_ISO_LEN + 1];
	int rc;

	memset(out, 0, sizeof *out);
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = app_person_get(a, keep, scope, nscope, &k, e);
	if (!rc)
		rc = app_person_get(a, drop, scope, nscope, &d, e);
	if (!rc && keep == drop)
		rc = err_set(e, PO_EINVAL, "drop", MSG_MERGE_SAME);
	if (!rc && d.household_id) {
		rc = store_household_get(a->store, d.household_id, &dh, e);
		was_head = !rc && dh.head_id == drop;
	}
	if (rc)
		goto fail;

	filled = json_object();
	conflicts = json_object();
	detail = json_pack("{s:I,s:o,s:o,s:o}", "dropped", (json_int_t)drop, "dropped_person", person_json(&d), "filled",
			   filled, "conflicts", conflicts);
	if (!detail) {
		rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		goto fail;
	}
	np = k;
	merge_text("full_name", np.full_name, sizeof np.full_name, d.full_name, filled, conflicts);
	if (date_cmp(k.dob, d.dob) != 0 || k.dob.year_only != d.dob.year_only) {
		date_format_iso(k.dob, x);
		date_format_iso(d.dob, y);
		json_object_set_new(conflicts, "dob", json_pack("{s:s,s:s}", "kept", x, "dropped", y));
	}
	if (k.sex != d.sex)
		json_object_set_new(conflicts, "sex", json_pack("{s:s#,s:s#}", "kept", &k.sex, 1, "dropped", &d.sex, 1));
	merge_text("cccd", np.cccd, sizeof np.cccd, d.cccd, filled, conflicts);
	merge_text("bhxh_code", np.bhxh_code, sizeof np.bhxh_code, d.bhxh_code, filled, conflicts);
	merge_text("phone", np.phone, sizeof np.phone, d.phone, filled, conflicts);
	merge_text("ethnicity", np.ethnicity, sizeof np.ethnicity, d.ethnicity, filled, conflicts);
	merge_text("unit_code", np.unit_code, sizeof np.unit_code, d.unit_code, filled, conflicts);
	if (!k.household_id && d.household_id) {
		np.household_id = d.household_id;
		memcpy(np.household_code, d.household_code, sizeof np.household_code);
		json_object_set_new(filled, "household_code", json_string(d.household_code));
		merge_text("relation", np.relation, sizeof np.relation, d.relation, filled, conflicts);
	} else {
		merge_text("household_code", np.household_code, sizeof np.household_code, d.household_code, filled,
			   conflicts);
		merge_text("relation", np.relation, sizeof np.relation, d.relation, filled, conflicts);
	}
	if (!k.member && d.member) {
		np.member = true;
		json_object_set_new(filled, "member", json_true());
	}

	rc = store_person_merge(a->store, keep, drop, e);
	if (!rc)
		rc = person_write(a, &np, e);
	if (!rc && was_head && np.household_id == d.household_id)
		rc = store_household_set_head(a->store, np.household_id, keep, e);
	if (!rc)
		rc = store_duplicate_close(a->store, keep, drop, "merged", a->actor, &closed, e);
	if (!rc) {
		text = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
		rc = text ? store_audit(a->store, a->actor, "person.merge", "person", keep, text, e)
			  : err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		free(text);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		goto fail;
	json_decref(detail);
	return store_person_get(a->store, keep, out, e);
fail:
	store_tx_rollback(a->store);
	json_decref(detail);
	return rc;
}

/* See duplicates.h. */
int app_duplicate_distinct(app_t *a, const int64_t *scope, size_t nscope, int64_t id, err_t *e)
{
	dup_pair_t p;
	person_t x, y;
	bool closed = false;
	char detail[64];
	int rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_duplicate_get(a->store, id, &p, e);
	if (!rc && strcmp(p.status, "open") != 0)
		rc = err_set(e, PO_ENOTFOUND, "id", MSG_DUPLICATE_UNKNOWN, (long long)id);
	if (!rc && (app_person_get(a, p.older, scope, nscope, &x, e) || app_person_get(a, p.newer, scope, nscope, &y, e)))
		rc = err_set(e, PO_ENOTFOUND, "id", MSG_DUPLICATE_UNKNOWN, (long long)id);
	if (!rc)
		rc = store_duplicate_close(a->store, p.older, p.newer, "distinct", a->actor, &closed, e);
	if (!rc) {
		snprintf(detail, sizeof detail, "{\"pair\":%lld,\"other\":%lld}", (long long)id, (long long)p.newer);
		rc = store_audit(a->store, a->actor, "person.distinct", "person", p.older, detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See duplicates.h. */
int app_duplicate_get(app_t *a, const int64_t *scope, size_t nscope, int64_t id, dup_view_t *out, err_t *e)
{
	int rc = store_duplicate_get(a->store, id, &out->pair, e);
	if (!rc && strcmp(out->pair.status, "open") != 0)
		rc = PO_ENOTFOUND;
	if (!rc && (app_person_get(a, out->pair.older, scope, nscope, &out->older, e) ||
		    app_person_get(a, out->pair.newer, scope, nscope, &out->newer, e)))
		rc = PO_ENOTFOUND;
	if (rc == PO_ENOTFOUND)
		err_set(e, PO_ENOTFOUND, "id", MSG_DUPLICATE_UNKNOWN, (long long)id);
	return rc;
}
