/* page_duplicates.c: the page of possible duplicates (see
 * app/duplicates.h): each open pair of the user's units with both
 * records side by side, the choice of the record to keep, and the two
 * actions, merge or "two different people".  A pair with someone outside
 * the user's units answers as a missing one (404). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/duplicates.h"
#include "app/people_view.h"
#include "app/registry.h"
#include "web/handlers.h"
#include "web/pages.h"

#define PAIRS_SHOWN 50 /* pairs on one page */

/* One person of a pair as the page shows her (unit name beside code). */
static json_t *one(web_ctx_t *x, const person_t *p, bool first)
{
	char unit[UNIT_NAME_MAX + 1];
	err_t e;
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:b,s:b}", "id", (json_int_t)p->id, "full_name", p->full_name,
			      "unit_code", p->unit_code, "household_code", p->household_code, "relation", p->relation,
			      "phone", p->phone, "member", p->member, "first", first);
	if (!o)
		return json_object();
	if (app_unit_name(x->a, p->unit_id, unit, sizeof unit, &e) == PO_OK)
		json_object_set_new(o, "unit_name", json_string(unit));
	page_date(o, "dob", p->dob);
	json_object_set_new(o, p->sex == SEX_F ? "female" : "male", json_true());
	return o;
}

struct page_pairs {
	web_ctx_t *x;
	json_t *arr;
	size_t n;
};

/* app_duplicates_list callback: one pair. */
static int pair_row(const dup_view_t *v, void *ctx)
{
	struct page_pairs *p = ctx;
	json_t *people;
	if (p->n == PAIRS_SHOWN)
		return 1;
	people = json_array();
	json_array_append_new(people, one(p->x, &v->older, true));
	json_array_append_new(people, one(p->x, &v->newer, false));
	json_array_append_new(p->arr, json_pack("{s:I,s:o}", "id", (json_int_t)v->pair.id, "people", people));
	p->n++;
	return 0;
}

/* Renders the page at status; c (consumed) may hold errors already. */
static void dup_page(web_ctx_t *x, unsigned status, json_t *c)
{
	struct page_pairs p = {x, json_array(), 0};
	int64_t *scope = NULL;
	size_t nscope = 0;
	err_t e;
	int rc = app_writer_scope(x->a, x->u, &scope, &nscope, &e);
	if (!rc)
		rc = app_duplicates_list(x->a, scope, nscope, NULL, 0, pair_row, &p, &e);
	free(scope);
	if (rc == 1)
		rc = PO_OK;
	if (rc) {
		json_decref(p.arr);
		json_decref(c);
		web_fail(x, rc, &e);
		return;
	}
	json_object_set_new(c, "pairs", p.arr);
	web_page(x, status, "duplicates", c);
}

/* GET /duplicates[?done=merged|distinct]: the open pairs of the user's
 * units (PAIRS_SHOWN at most, oldest first). */
void page_duplicates(web_ctx_t *x)
{
	const char *done = web_query(x, "done");
	json_t *c = page_ctx(x, "dup.title");
	if (done && strcmp(done, "merged") == 0)
		json_object_set_new(c, "done_merged", json_true());
	if (done && strcmp(done, "distinct") == 0)
		json_object_set_new(c, "done_distinct", json_true());
	dup_page(x, 200, c);
}

/* POST /duplicates/{id} with action=merge and keep (one of the pair's
 * two ids: the other is merged into her), or action=distinct: 303 back
 * to the list.  A pair missing, closed or outside the user's units:
 * 404; no known action or a keep not of the pair: the page at 422. */
void page_duplicate_post(web_ctx_t *x)
{
	const char *action = page_form(x, "action");
	int64_t *scope = NULL, keep = page_id(page_form(x, "keep"));
	size_t nscope = 0;
	dup_view_t v;
	person_t out;
	json_t *c;
	err_t e;
	int rc = app_writer_scope(x->a, x->u, &scope, &nscope, &e);
	if (!rc)
		rc = app_duplicate_get(x->a, scope, nscope, x->id, &v, &e); /* 404 before looking at the form */
	if (!rc && strcmp(action, "distinct") == 0) {
		rc = app_duplicate_distinct(x->a, scope, nscope, x->id, &e);
	} else if (!rc && strcmp(action, "merge") == 0 && (keep == v.older.id || keep == v.newer.id)) {
		rc = app_people_merge(x->a, scope, nscope, keep, keep == v.older.id ? v.newer.id : v.older.id, &out, &e);
	} else if (!rc) {
		free(scope);
		c = page_ctx(x, "dup.title");
		page_field_msg(c, "_", web_tr(x, "dup.action_bad"));
		dup_page(x, 422, c);
		return;
	}
	free(scope);
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	web_redirect(x, strcmp(action, "merge") == 0 ? "/duplicates?done=merged" : "/duplicates?done=distinct");
}
