/* page_people.c: the pages of the registry: the dashboard, the search,
 * a person (details, household, coverage, receipts, 1+1, BHXH state,
 * pension), adding and editing a person, a household (see handlers.h).
 * Records outside the user's units answer exactly as missing ones (the
 * use cases of app/ see to it: PO_ENOTFOUND → the 404 page). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts.h"
#include "app/duplicates.h"
#include "app/people_view.h"
#include "app/registry.h"
#include "report/json_accounts.h"
#include "web/handlers.h"
#include "web/pages.h"

#define SEARCH_SHOWN 20      /* results on the search page (app.js asks the API for as many) */
#define PERIODS_SHOWN 24     /* paid periods on a person's page */
#define RECEIPTS_SHOWN 12    /* receipts on a person's page */
#define BROUGHT_SHOWN 20     /* people she brought in, named on her page */
#define WALK_STOP 1000       /* a walk callback's "enough" (distinct from every PO_* code) */
#define NAME_CAP (NAME_BYTES_MAX + 1)

/* True when the user sees CCCD numbers masked (a viewer). */
static bool masks_cccd(const web_ctx_t *x)
{
	return x->u && x->u->role == UROLE_VIEWER;
}

/* A person as the pages show her: id, full_name, dob (DD/MM/YYYY), the
 * flag female or male, cccd (masked for a viewer), bhxh_code, phone,
 * ethnicity, unit_code, household_code and household_id, relation,
 * member. */
static json_t *person_json(const web_ctx_t *x, const person_t *p)
{
	char cccd[13];
	json_t *o;
	if (masks_cccd(x))
		cccd_mask(p->cccd, cccd);
	else
		snprintf(cccd, sizeof cccd, "%s", p->cccd);
	o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id", (json_int_t)p->id, "full_name", p->full_name,
		      "cccd", cccd, "bhxh_code", p->bhxh_code, "phone", p->phone, "ethnicity", p->ethnicity, "unit_code",
		      p->unit_code, "household_code", p->household_code, "relation", p->relation, "member", p->member);
	if (!o)
		return json_object();
	page_date(o, "dob", p->dob);
	json_object_set_new(o, p->sex == SEX_F ? "female" : "male", json_true());
	if (p->household_id > 0)
		json_object_set_new(o, "household_id", json_integer(p->household_id));
	return o;
}

/* The share num/den as "45,5 %" (one decimal, Vietnamese comma), "–"
 * when den is 0. */
static void share_text(int64_t num, int64_t den, char *out, size_t cap)
{
	int64_t permille;
	if (den <= 0) {
		snprintf(out, cap, "–");
		return;
	}
	permille = (num * 1000 + den / 2) / den;
	snprintf(out, cap, "%lld,%lld %%", (long long)(permille / 10), (long long)(permille % 10));
}

/* GET /: the figures of the user's units today (people, members and the
 * share of them with a BHYT card, BHXH participants, today's receipts,
 * her cash on hand when she collects, people due), the parameter changes
 * of the next 60 days (officers, union cadres, administrators) and the
 * links to the daily tasks. */
void page_dashboard(web_ctx_t *x)
{
	dashboard_t d;
	unit_t unit;
	char share[48];
	json_t *c, *f;
	err_t e;
	int rc = app_dashboard(x->a, x->u, x->scope, x->nscope, x->a->today, &d, &e);
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	c = page_ctx(x, "dash.title");
	f = json_object();
	page_count(f, "people", d.f.people);
	page_count(f, "members", d.f.members);
	page_count(f, "members_bhyt", d.f.members_bhyt);
	share_text(d.f.members_bhyt, d.f.members, share, sizeof share);
	json_object_set_new(f, "members_bhyt_share", json_string(share));
	page_count(f, "bhyt_active", d.f.bhyt_active);
	page_count(f, "bhxh_active", d.f.bhxh_active);
	page_count(f, "receipts", d.f.receipts);
	page_money(f, "collected", d.f.collected);
	page_count(f, "due_bhyt", d.f.due_bhyt);
	page_count(f, "due_bhxh", d.f.due_bhxh);
	page_count(f, "due_days", d.due_days);
	page_date(f, "date", d.date);
	if (d.has_cash) {
		json_object_set_new(f, "has_cash", json_true());
		page_count(f, "cash_receipts", d.cash_receipts);
		page_money(f, "cash_on_hand", d.cash_collected - d.cash_remitted);
	}
	if (app_user_unit(x->a, x->u, &unit, &e) == PO_OK)
		json_object_set_new(f, "unit_name", json_string(unit.name));
	if (d.nupcoming) {
		json_t *list = json_array();
		size_t i;
		for (i = 0; i < d.nupcoming; i++)
			json_array_append_new(list, json_string(x->lang == LANG_EN ? d.upcoming[i].en : d.upcoming[i].vi));
		json_object_set_new(f, "upcoming", list);
		json_object_set_new(f, "has_upcoming", json_true());
	}
	json_object_set_new(c, "d", f);
	web_page(x, 200, "dashboard", c);
}

/* Adds to a person of a list her cover (bhyt_until, bhxh_until as
 * DD/MM/YYYY, absent when none) and the name of her unit (unit_name). */
static void cover_json(web_ctx_t *x, json_t *o, const person_t *p)
{
	person_cover_t cv;
	char unit[UNIT_NAME_MAX + 1];
	err_t e;
	if (app_person_cover(x->a, p->id, &cv, &e) == PO_OK) {
		if (cv.has_bhyt)
			page_date(o, "bhyt_until", cv.bhyt_to);
		if (cv.has_bhxh)
			page_date(o, "bhxh_until", cv.bhxh_to);
	}
	if (app_unit_name(x->a, p->unit_id, unit, sizeof unit, &e) == PO_OK && unit[0])
		json_object_set_new(o, "unit_name", json_string(unit));
}

/* Where a search of the user looks: ctx["looked_in"] = {name, code} of
 * her unit and, for a collector or union cadre below the commune,
 * ctx["commune"] = the commune she may also search, read only. */
static void where_json(web_ctx_t *x, json_t *c)
{
	char unit[UNIT_NAME_MAX + 1];
	unit_t commune;
	err_t e;
	if (app_unit_name(x->a, x->u->unit_id, unit, sizeof unit, &e) == PO_OK)
		json_object_set_new(c, "looked_in", json_pack("{s:s,s:s}", "name", unit, "code", x->u->unit_code));
	if ((x->u->role == UROLE_COLLECTOR || x->u->role == UROLE_UNION) &&
	    app_user_commune(x->a, x->u, &commune, &e) == PO_OK && commune.id)
		json_object_set_new(c, "commune", json_string(commune.name));
}

/* An empty search: says where it looked and offers the whole commune
 * (?wide=1) when there is one to offer; with wide=1, lists the people of
 * the commune outside her units by name, year of birth and hamlet only
 * (no link, no number: she may not open or change them). */
static void nobody_found(web_ctx_t *x, json_t *c, const char *q)
{
	wide_hit_t hits[WIDE_SEARCH_MAX];
	char commune[UNIT_NAME_MAX + 1];
	const char *wide = web_query(x, "wide");
	size_t n = 0, i;
	json_t *arr;
	err_t e;
	json_object_set_new(c, "nobody", json_true());
	if (!json_object_get(c, "commune"))
		return; /* her unit is the commune or above: nothing more to offer */
	if (!wide || strcmp(wide, "1") != 0) {
		json_object_set_new(c, "offer_wide", json_true());
		return;
	}
	if (app_people_search_wide(x->a, x->u, x->scope, x->nscope, q, hits, &n, commune, sizeof commune, &e) != PO_OK)
		return;
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:i,s:s}", "full_name", hits[i].full_name, "year", hits[i].year,
						     "unit_name", hits[i].unit_name));
	json_object_set_new(c, "wide", arr);
	json_object_set_new(c, "wide_searched", json_true());
}

/* GET /people?q=TEXT: the people of the user's units matching q (words
 * of the name in any order, accents optional; or a CCCD, mã số BHXH or
 * phone number), SEARCH_SHOWN at most, with the count of all matches.
 * Works without JavaScript; app.js refreshes the list as she types. */
void page_people(web_ctx_t *x)
{
	const char *q = web_query(x, "q");
	json_t *c = page_ctx(x, "people.title"), *items;
	search_result_t r;
	err_t e;
	size_t i;
	int rc;
	json_object_set_new(c, "q", json_string(q ? q : ""));
	where_json(x, c);
	if (x->u->role == UROLE_ADMIN || x->u->role == UROLE_OFFICER || x->u->role == UROLE_UNION)
		json_object_set_new(c, "can_review", json_true()); /* the possible duplicates page */
	if (!q || !*q) {
		web_page(x, 200, "people", c);
		return;
	}
	memset(&r, 0, sizeof r);
	rc = web_search_check(x, q, &e);
	if (rc == PO_ELIMIT || rc == PO_EFORBIDDEN) {
		page_field_msg(c, "q", err_text(&e, x->lang));
		web_page(x, rc == PO_ELIMIT ? 429 : 403, "people", c);
		return;
	}
	rc = people_search(x->a, q, x->scope, x->nscope, SEARCH_SHOWN, &r, &e);
	if (rc == PO_EINVAL) {
		page_field_errors(x, c, &e, 1);
		page_field_msg(c, "q", err_text(&e, x->lang));
		web_page(x, 422, "people", c);
		return;
	}
	if (rc) {
		json_decref(c);
		web_fail(x, rc, &e);
		return;
	}
	items = json_array();
	for (i = 0; i < r.n; i++) {
		json_t *o = person_json(x, &r.items[i]);
		cover_json(x, o, &r.items[i]);
		json_array_append_new(items, o);
	}
	json_object_set_new(c, "results", items);
	json_object_set_new(c, "searched", json_true());
	page_count(c, "total", r.total);
	if (r.total > (int64_t)r.n)
		json_object_set_new(c, "more", json_true());
	if (r.total == 0)
		nobody_found(x, c, q);
	search_result_free(&r);
	web_page(x, 200, "people", c);
}

/* ---- a person's page ---- */

/* What the walks of a person's page gather. */
struct person_walk {
	json_t *periods, *receipts;
	size_t nperiods, nreceipts;
	bool more_periods, more_receipts;
};

/* app_person_coverage callback: one paid period. */
static int period_row(const coverage_period_t *p, void *ctx)
{
	struct person_walk *w = ctx;
	json_t *o;
	if (w->nperiods == PERIODS_SHOWN) {
		w->more_periods = true;
		return 0; /* go on: the receipts come after the periods */
	}
	o = json_object();
	json_object_set_new(o, strcmp(p->scheme, "bhxh") == 0 ? "is_bhxh" : "is_bhyt", json_true());
	page_date(o, "from", p->from);
	page_date(o, "to", p->to);
	if (p->months > 0)
		json_object_set_new(o, "months", json_integer(p->months));
	if (p->imported) {
		json_object_set_new(o, "imported", json_true());
		if (p->source[0])
			json_object_set_new(o, "source", json_string(p->source));
	} else {
		page_money(o, "net", p->net);
	}
	if (p->receipt_id > 0) {
		json_object_set_new(o, "receipt_id", json_integer(p->receipt_id));
		json_object_set_new(o, "book", json_string(p->book));
		json_object_set_new(o, "serial", json_integer(p->serial));
	}
	json_array_append_new(w->periods, o);
	w->nperiods++;
	return 0;
}

/* app_person_coverage callback: one receipt she paid or is covered by. */
static int receipt_row(const receipt_t *r, void *ctx)
{
	struct person_walk *w = ctx;
	json_t *o;
	if (w->nreceipts == RECEIPTS_SHOWN) {
		w->more_receipts = true;
		return WALK_STOP;
	}
	o = json_pack("{s:I,s:s,s:I,s:s,s:b}", "id", (json_int_t)r->id, "book", r->book, "serial", (json_int_t)r->serial,
		      "collector", r->collector, "void", r->is_void);
	if (!o)
		return WALK_STOP;
	page_date(o, "date", r->date);
	page_money(o, "total", r->total);
	json_array_append_new(w->receipts, o);
	w->nreceipts++;
	return 0;
}

/* What the 1+1 walk gathers: the people she brought in. */
struct brought_walk {
	web_ctx_t *x;
	json_t *items;
	size_t n;
	bool more;
};

/* app_referrals_by callback: one person she brought in, named when she
 * lives inside the user's units (else only counted). */
static int brought_row(int64_t person, const char *relation, date_t d, void *ctx)
{
	struct brought_walk *w = ctx;
	person_t p;
	err_t e;
	json_t *o;
	if (w->n == BROUGHT_SHOWN) {
		w->more = true;
		return WALK_STOP;
	}
	o = json_object();
	if (!o)
		return WALK_STOP;
	if (relation && (strcmp(relation, "family") == 0 || strcmp(relation, "neighbour") == 0 ||
			 strcmp(relation, "friend") == 0 || strcmp(relation, "other") == 0)) {
		char k[24];
		snprintf(k, sizeof k, "rel_%s", relation);
		json_object_set_new(o, k, json_true());
	} else if (relation && relation[0]) {
		json_object_set_new(o, "relation", json_string(relation));
	}
	page_date(o, "date", d);
	if (app_person_get(w->x->a, person, w->x->scope, w->x->nscope, &p, &e) == PO_OK) {
		json_object_set_new(o, "id", json_integer(p.id));
		json_object_set_new(o, "full_name", json_string(p.full_name));
	}
	json_array_append_new(w->items, o);
	w->n++;
	return 0;
}

/* Sets the "membership" and poverty parts of a person's context from
 * her details. */
static void details_json(json_t *o, const person_details_t *d)
{
	size_t i;
	json_t *certs = json_array();
	if (d->has_membership) {
		json_t *m = json_object();
		char k[32];
		snprintf(k, sizeof k, "mr_%s", member_role_name(d->membership.role));
		json_object_set_new(m, k, json_true());
		json_object_set_new(m, "branch_code", json_string(d->branch_code));
		if (d->membership.since.y > 1)
			page_date(m, "since", d->membership.since);
		json_object_set_new(o, "membership", m);
	}
	if (d->poverty_today == POVERTY_POOR)
		json_object_set_new(o, "poor_today", json_true());
	else if (d->poverty_today == POVERTY_NEAR_POOR)
		json_object_set_new(o, "near_poor_today", json_true());
	for (i = 0; i < d->ncerts; i++) {
		json_t *cj = json_object();
		json_object_set_new(cj, d->certs[i].status == POVERTY_POOR ? "poor" : "near_poor", json_true());
		page_date(cj, "from", d->certs[i].valid_from);
		page_date(cj, "to", d->certs[i].valid_to);
		json_array_append_new(certs, cj);
	}
	json_object_set_new(o, "certs", certs);
}

/* The "bhxh" context of her voluntary BHXH participation. */
static json_t *participation_json(const participation_t *p)
{
	json_t *o = json_object();
	char k[40];
	snprintf(k, sizeof k, "st_%s", p->state ? p->state : "not_enrolled");
	json_object_set_new(o, k, json_true());
	if (p->enrolled) {
		json_object_set_new(o, "enrolled", json_true());
		page_date(o, "start", p->start);
		page_date(o, "last_covered", p->last_covered);
		page_date(o, "next_from", p->next_from);
		page_date(o, "deadline", p->deadline);
		json_object_set_new(o, "mode_months", json_integer(p->mode_months));
		page_money(o, "income", p->income);
	}
	return o;
}

/* The "pension" context of her projection (ok) or of the reason there is
 * none (e). */
static json_t *pension_json(web_ctx_t *x, int rc, const pension_view_t *v, const err_t *e)
{
	json_t *o = json_object();
	if (rc) {
		json_object_set_new(o, "none", json_string(err_text(e, x->lang)));
		return o;
	}
	json_object_set_new(o, "ok", json_true());
	page_date(o, "retirement_date", v->pr.retirement_date);
	json_object_set_new(o, "age_years", json_integer(v->pr.age_years));
	if (v->pr.age_months)
		json_object_set_new(o, "age_months", json_integer(v->pr.age_months));
	page_count(o, "total_months", v->pr.total_months);
	json_object_set_new(o, "years_needed", json_integer(v->pr.years_needed));
	page_money(o, "income", v->plan.average_income);
	page_count(o, "months_planned", v->plan.months_planned);
	if (v->pr.eligible) {
		json_object_set_new(o, "eligible", json_true());
		page_money(o, "monthly", v->pr.monthly_pension);
	} else {
		page_count(o, "missing_months", v->pr.missing_months);
	}
	page_money(o, "one_time", v->pr.one_time);
	return o;
}

/* GET /people/{id}: a person of the user's units with her household,
 * membership, poverty certificates, voluntary BHXH state, paid periods,
 * receipts, the people she brought in (1+1) and her pension projection.
 * Outside the units: the 404 page, as for a missing person. */
void page_person(web_ctx_t *x)
{
	person_details_t d;
	participation_t part;
	pension_view_t pv;
	struct person_walk w = {json_array(), json_array(), 0, 0, false, false};
	struct brought_walk b = {x, json_array(), 0, false};
	json_t *c, *p;
	err_t e, pe;
	int prc, rc = app_person_details(x->a, x->id, x->scope, x->nscope, &d, &e);
	if (!rc)
		rc = app_person_participation(x->a, x->id, x->scope, x->nscope, x->a->today, &part, &e);
	if (!rc) {
		rc = app_person_coverage(x->a, x->id, x->scope, x->nscope, period_row, receipt_row, &w, &e);
		if (rc == WALK_STOP)
			rc = PO_OK;
	}
	if (!rc) {
		rc = app_referrals_by(x->a, x->id, brought_row, &b, &e);
		if (rc == WALK_STOP)
			rc = PO_OK;
	}
	if (rc) {
		json_decref(w.periods);
		json_decref(w.receipts);
		json_decref(b.items);
		web_fail(x, rc, &e);
		return;
	}
	/* no projection is not an error of the page: say why instead */
	prc = app_person_pension(x->a, x->id, x->scope, x->nscope, x->a->today, 0, -1, &pv, &pe);
	if (prc && prc != PO_EINVAL) {
		json_decref(w.periods);
		json_decref(w.receipts);
		json_decref(b.items);
		web_fail(x, prc, &pe);
		return;
	}
	c = page_ctx(x, NULL);
	json_object_set_new(c, "title", json_string(d.p.full_name));
	p = person_json(x, &d.p);
	cover_json(x, p, &d.p);
	details_json(p, &d);
	if (d.has_membership && d.membership.branch_id) {
		char branch[UNIT_NAME_MAX + 1];
		if (app_unit_name(x->a, d.membership.branch_id, branch, sizeof branch, &e) == PO_OK && branch[0])
			json_object_set_new(json_object_get(p, "membership"), "branch_name", json_string(branch));
	}
	json_object_set_new(c, "p", p);
	json_object_set_new(c, "bhxh", participation_json(&part));
	json_object_set_new(c, "periods", w.periods);
	json_object_set_new(c, "receipts", w.receipts);
	if (w.more_periods)
		json_object_set_new(c, "more_periods", json_true());
	if (w.more_receipts)
		json_object_set_new(c, "more_receipts", json_true());
	json_object_set_new(c, "brought", b.items);
	{
		bool has = false;
		int64_t by = 0;
		char rel[16];
		date_t when;
		if (app_person_referrer(x->a, x->id, x->scope, x->nscope, &has, &by, rel, &when, &e) == PO_OK && has) {
			json_t *o = json_object();
			person_t rp;
			char k[24];
			snprintf(k, sizeof k, "rel_%s", rel);
			json_object_set_new(o, k, json_true());
			page_date(o, "date", when);
			if (app_person_get(x->a, by, x->scope, x->nscope, &rp, &e) == PO_OK) {
				json_object_set_new(o, "id", json_integer(rp.id));
				json_object_set_new(o, "full_name", json_string(rp.full_name));
			}
			json_object_set_new(c, "brought_by", o);
		}
	}
	if (b.more)
		json_object_set_new(c, "more_brought", json_true());
	json_object_set_new(c, "pension", pension_json(x, prc, &pv, &pe));
	web_page(x, 200, "person", c);
}

/* ---- adding and editing a person ---- */

/* Fills f with every column of the person form as typed (each present,
 * "" when the field was not sent). */
static void form_fields(web_ctx_t *x, person_fields_t *f)
{
	int c;
	for (c = 0; c < PCOL_COUNT; c++) {
		f->v[c] = page_form(x, pcol_name((enum pcol)c));
		f->n[c] = strlen(f->v[c]);
	}
}

/* Sets in v the flags a form needs for its choices: sex_f / sex_m,
 * member_yes / member_no, from the texts v["sex"] and v["member"]. */
static void choice_flags(json_t *v)
{
	const char *sex = json_string_value(json_object_get(v, "sex"));
	const char *mem = json_string_value(json_object_get(v, "member"));
	if (sex && (strcmp(sex, "F") == 0 || strcmp(sex, "Nữ") == 0))
		json_object_set_new(v, "sex_f", json_true());
	if (sex && (strcmp(sex, "M") == 0 || strcmp(sex, "Nam") == 0))
		json_object_set_new(v, "sex_m", json_true());
	if (mem && strcmp(mem, "yes") == 0)
		json_object_set_new(v, "member_yes", json_true());
	if (mem && strcmp(mem, "no") == 0)
		json_object_set_new(v, "member_no", json_true());
}

/* The typed values of the person form, for showing it again. */
static json_t *typed_values(web_ctx_t *x)
{
	json_t *v = json_object();
	int c;
	for (c = 0; c < PCOL_COUNT; c++)
		json_object_set_new(v, pcol_name((enum pcol)c), json_string(page_form(x, pcol_name((enum pcol)c))));
	choice_flags(v);
	return v;
}

/* The stored values of person p as the form shows them. */
static json_t *stored_values(const person_t *p)
{
	char dob[32];
	json_t *v;
	if (p->dob.year_only)
		snprintf(dob, sizeof dob, "%04d", p->dob.y);
	else
		snprintf(dob, sizeof dob, "%02d/%02d/%04d", p->dob.d, p->dob.m, p->dob.y);
	v = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "full_name", p->full_name, "dob", dob, "sex",
		      p->sex == SEX_F ? "F" : "M", "cccd", p->cccd, "bhxh_code", p->bhxh_code, "phone", p->phone,
		      "ethnicity", p->ethnicity, "unit_code", p->unit_code, "household_code", p->household_code,
		      "relation", p->relation, "member", p->member ? "yes" : "no");
	if (!v)
		return json_object();
	choice_flags(v);
	return v;
}

#define UNITS_SHOWN 2000 /* units in the unit picker of a form */

struct unit_options {
	json_t *arr;
	const char *chosen;
	bool found;
	size_t n;
};

/* app_units_for_people callback: one option of the unit picker. */
static int unit_option(const unit_t *u, void *ctx)
{
	struct unit_options *o = ctx;
	bool sel = o->chosen && strcmp(o->chosen, u->code) == 0;
	if (o->n == UNITS_SHOWN)
		return 1;
	o->found |= sel;
	json_array_append_new(o->arr, json_pack("{s:s,s:s,s:b}", "code", u->code, "name", u->name, "selected", sel));
	o->n++;
	return 0;
}

/* The options of the unit picker: the units of the user's scope where
 * people live, by name with the code beside, the one of v["unit_code"]
 * selected (added when it is not among them, e.g. an ended unit or a
 * code typed, so that saving never moves her silently). */
static json_t *unit_options(web_ctx_t *x, json_t *v)
{
	struct unit_options o = {json_array(), json_string_value(json_object_get(v, "unit_code")), false, 0};
	err_t e;
	int rc = app_units_for_people(x->a, x->scope, x->nscope, unit_option, &o, &e);
	(void)rc; /* a picker without options still lets the form be sent */
	if (o.chosen && *o.chosen && !o.found)
		json_array_insert_new(o.arr, 0, json_pack("{s:s,s:s,s:b}", "code", o.chosen, "name", o.chosen, "selected", 1));
	return o.arr;
}

/* Renders the person form at status: v the values (consumed), id the
 * person edited (0: a new one), errs[0..n) shown at their fields. */
static void person_form(web_ctx_t *x, unsigned status, json_t *v, int64_t id, const char *name, const err_t *errs,
			size_t n)
{
	json_t *c = page_ctx(x, id ? "person.edit_title" : "person.new_title");
	json_object_set_new(c, "units", unit_options(x, v));
	json_object_set_new(c, "v", v);
	if (id) {
		json_object_set_new(c, "id", json_integer(id));
		json_object_set_new(c, "name", json_string(name ? name : ""));
	}
	if (errs && n)
		page_field_errors(x, c, errs, n);
	web_page(x, status, "person_form", c);
}

/* GET /people/new: an empty form (the unit preset to the user's, the
 * ethnicity to Kinh; ?household=CODE presets the household). */
void page_person_new(web_ctx_t *x)
{
	const char *hh = web_query(x, "household");
	json_t *v = json_pack("{s:s,s:s,s:s,s:s}", "unit_code", x->u->unit_code, "ethnicity", "Kinh", "household_code",
			      hh ? hh : "", "member", "no");
	choice_flags(v);
	person_form(x, 200, v, 0, NULL, NULL, 0);
}

/* The status of a refused person form: 422 for wrong fields, 409 for a
 * number already someone's, 403 for a role that may not write. */
static unsigned refusal_status(int rc)
{
	if (rc == PO_EFORBIDDEN)
		return 403;
	return rc == PO_ECONFLICT ? 409 : 422;
}

/* The people a new person may be, as the form shows them ("Có phải chị
 * này không?"): each with a link to her page, her unit by name. */
static json_t *candidates_json(web_ctx_t *x, const person_t *cands, size_t n)
{
	json_t *arr = json_array();
	char unit[UNIT_NAME_MAX + 1];
	err_t e;
	size_t i;
	for (i = 0; i < n; i++) {
		json_t *o = person_json(x, &cands[i]);
		if (app_unit_name(x->a, cands[i].unit_id, unit, sizeof unit, &e) == PO_OK)
			json_object_set_new(o, "unit_name", json_string(unit));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* POST /people/new: adds the person typed (app_person_add checks it
 * like an import row, inside the user's units, and never changes anyone
 * else); 303 to her page.  Refused: the form again with every message at
 * its field and every value kept; when people of the same name, date of
 * birth, sex and unit exist (409), the form asks "Có phải chị này
 * không?" with links to them and a box "Đây là người khác" (confirm_new)
 * that adds her anyway. */
void page_person_create(web_ctx_t *x)
{
	person_fields_t f;
	person_t out, cands[PERSON_CANDIDATES_MAX];
	err_t errs[PERSON_ERRORS_MAX];
	size_t n = 0, ncands = 0;
	char loc[48];
	int rc;
	form_fields(x, &f);
	rc = app_person_add(x->a, x->u, &f, strcmp(page_form(x, "confirm_new"), "1") == 0, &out, cands, &ncands, errs,
			    &n);
	if (rc == PO_ECONFLICT && ncands) {
		json_t *c = page_ctx(x, "person.new_title");
		json_t *v = typed_values(x);
		json_object_set_new(c, "units", unit_options(x, v));
		json_object_set_new(c, "v", v);
		json_object_set_new(c, "candidates", candidates_json(x, cands, ncands));
		json_object_set_new(c, "has_candidates", json_true());
		web_page(x, 409, "person_form", c);
		return;
	}
	if (rc == PO_EINVAL || rc == PO_ECONFLICT) {
		person_form(x, refusal_status(rc), typed_values(x), 0, NULL, errs, n);
		return;
	}
	if (rc) {
		web_fail(x, rc, n ? &errs[0] : NULL);
		return;
	}
	snprintf(loc, sizeof loc, "/people/%lld", (long long)out.id);
	web_redirect(x, loc);
}

/* GET /people/{id}/edit: the form filled with her stored values (404
 * outside the user's units). */
void page_person_edit(web_ctx_t *x)
{
	person_t p;
	err_t e;
	int rc = app_person_get(x->a, x->id, x->scope, x->nscope, &p, &e);
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	person_form(x, 200, stored_values(&p), p.id, p.full_name, NULL, 0);
}

/* POST /people/{id}/edit: changes her to the values typed (every column
 * of the form; an optional one left empty is cleared); 303 to her page.
 * Refused: the form again as typed with the messages at their fields;
 * outside the user's units: 404. */
void page_person_update(web_ctx_t *x)
{
	person_fields_t f;
	person_t out;
	err_t errs[PERSON_ERRORS_MAX];
	size_t n = 0;
	char loc[48];
	int rc;
	form_fields(x, &f);
	rc = app_person_update(x->a, x->u, x->id, &f, &out, errs, &n);
	if (rc == PO_EINVAL || rc == PO_ECONFLICT) {
		person_form(x, refusal_status(rc), typed_values(x), x->id, page_form(x, "full_name"), errs,
			    n);
		return;
	}
	if (rc) {
		web_fail(x, rc, n ? &errs[0] : NULL);
		return;
	}
	snprintf(loc, sizeof loc, "/people/%lld", (long long)x->id);
	web_redirect(x, loc);
}

/* ---- households ---- */

/* Renders the household page at status; c (consumed) may hold "err"
 * and "v" (the typed certificate) already. */
static void household_page(web_ctx_t *x, unsigned status, json_t *c)
{
	household_view_t h;
	json_t *members, *certs;
	err_t e;
	size_t i;
	int rc = app_household_get(x->a, x->id, x->scope, x->nscope, x->a->today, &h, &e);
	if (rc) {
		json_decref(c);
		web_fail(x, rc, &e);
		return;
	}
	json_object_set_new(c, "title", json_string(h.h.code));
	json_object_set_new(c, "h", json_pack("{s:I,s:s,s:s}", "id", (json_int_t)h.h.id, "code", h.h.code,
					      "unit_code", h.h.unit_code));
	{
		char unit[UNIT_NAME_MAX + 1];
		if (app_unit_name(x->a, h.h.unit_id, unit, sizeof unit, &e) == PO_OK && unit[0])
			json_object_set_new(json_object_get(c, "h"), "unit_name", json_string(unit));
	}
	members = json_array();
	for (i = 0; i < h.nmembers; i++) {
		json_t *m = person_json(x, &h.members[i]);
		if (h.members[i].id == h.h.head_id)
			json_object_set_new(m, "head", json_true());
		json_array_append_new(members, m);
	}
	json_object_set_new(c, "members", members);
	certs = json_array();
	for (i = 0; i < h.ncerts; i++) {
		json_t *cj = json_object();
		json_object_set_new(cj, h.certs[i].status == POVERTY_POOR ? "poor" : "near_poor", json_true());
		page_date(cj, "from", h.certs[i].valid_from);
		page_date(cj, "to", h.certs[i].valid_to);
		json_array_append_new(certs, cj);
	}
	json_object_set_new(c, "certs", certs);
	if (h.poverty_today == POVERTY_POOR)
		json_object_set_new(c, "poor_today", json_true());
	else if (h.poverty_today == POVERTY_NEAR_POOR)
		json_object_set_new(c, "near_poor_today", json_true());
	if (x->u->role == UROLE_ADMIN || x->u->role == UROLE_OFFICER || x->u->role == UROLE_UNION)
		json_object_set_new(c, "can_certify", json_true());
	if (!json_object_get(c, "v"))
		json_object_set_new(c, "v", json_pack("{s:s,s:s,s:b}", "from", "", "to", "", "st_poor", 1));
	household_view_free(&h);
	web_page(x, status, "household", c);
}

/* GET /households/{id}[?done=head|poverty]: the household, its members
 * (head first), its poverty certificates; forms to change the head and
 * to record a certificate. */
void page_household(web_ctx_t *x)
{
	const char *done = web_query(x, "done");
	json_t *c = page_ctx(x, "household.title");
	if (done && strcmp(done, "head") == 0)
		json_object_set_new(c, "done_head", json_true());
	if (done && strcmp(done, "poverty") == 0)
		json_object_set_new(c, "done_poverty", json_true());
	household_page(x, 200, c);
}

/* Reads the certificate of the form (status poor|near_poor, from, to:
 * DD/MM/YYYY or YYYY-MM-DD) into *st, *from, *to; every problem goes
 * to c's field errors.  True when all is well. */
static bool typed_cert(web_ctx_t *x, json_t *c, enum poverty *st, date_t *from, date_t *to)
{
	const char *s = page_form(x, "status"), *f = page_form(x, "from"), *t = page_form(x, "to");
	bool ok = true;
	err_t e;
	json_t *v = json_pack("{s:s,s:s}", "from", f, "to", t);
	if (poverty_parse(s, st) && *st != POVERTY_NONE) {
		json_object_set_new(v, *st == POVERTY_POOR ? "st_poor" : "st_near_poor", json_true());
	} else {
		page_field_msg(c, "status", web_tr(x, "household.status_bad"));
		ok = false;
	}
	if (date_parse_input(f, strlen(f), false, from, "from", &e)) {
		page_field_errors(x, c, &e, 1);
		ok = false;
	}
	if (date_parse_input(t, strlen(t), false, to, "to", &e)) {
		page_field_errors(x, c, &e, 1);
		ok = false;
	}
	json_object_set_new(c, "v", v);
	return ok;
}

/* POST /households/{id} with action=head (head: a member's id) or
 * action=poverty (status, from, to; admins, officers and union cadres
 * only, as the API's certificate route): one change, 303 back to the
 * household.  Refused: the page again at 422 with the message at the
 * field; outside the user's units: 404. */
void page_household_update(web_ctx_t *x)
{
	const char *action = page_form(x, "action");
	json_t *c = page_ctx(x, "household.title");
	char loc[64];
	err_t e;
	int rc;
	if (strcmp(action, "head") == 0) {
		rc = app_household_set_head(x->a, x->u, x->id, page_id(page_form(x, "head")), &e);
	} else if (strcmp(action, "poverty") == 0) {
		enum poverty st = POVERTY_NONE;
		date_t from, to;
		if (x->u->role != UROLE_ADMIN && x->u->role != UROLE_OFFICER && x->u->role != UROLE_UNION) {
			json_decref(c);
			web_fail_msg(x, 403, MSG_WEB_FORBIDDEN);
			return;
		}
		if (!typed_cert(x, c, &st, &from, &to)) {
			household_page(x, 422, c);
			return;
		}
		rc = app_household_poverty_add(x->a, x->u, x->id, st, from, to, &e);
	} else { /* no known action: the page again (404 outside the user's units) */
		page_field_msg(c, "_", web_tr(x, "household.action_bad"));
		household_page(x, 422, c);
		return;
	}
	if (rc == PO_EINVAL) {
		if (!e.field[0] || strcmp(e.field, "person") == 0 || strcmp(e.field, "id") == 0)
			snprintf(e.field, sizeof e.field, "%s", strcmp(action, "head") == 0 ? "head" : "_");
		page_field_errors(x, c, &e, 1);
		household_page(x, 422, c);
		return;
	}
	json_decref(c);
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	snprintf(loc, sizeof loc, "/households/%lld?done=%s", (long long)x->id, action);
	web_redirect(x, loc);
}
