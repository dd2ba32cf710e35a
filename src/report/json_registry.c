/* json_registry.c: JSON shapes of the registry (see json_registry.h). */
#include "report/json_registry.h"

/* A JSON integer, or null for 0. */
static json_t *int_or_null(json_int_t v)
{
	return v ? json_integer(v) : json_null();
}

/* See json_registry.h. */
json_t *report_quote_bhxh(const bhxh_request_t *r, const bhxh_quote_t *q)
{
	json_t *o = json_object(), *m = json_object(), *pr = json_object();
	json_object_set_new(o, "scheme", json_string("bhxh"));
	json_object_set_new(o, "date", report_date(r->date));
	json_object_set_new(o, "income", json_integer(r->income));
	json_object_set_new(o, "months", json_integer(r->months));
	json_object_set_new(o, "category", json_string(bhxh_category_name(r->category)));
	json_object_set_new(m, "gross", json_integer(q->gross));
	json_object_set_new(m, "state_support", json_integer(q->state_support));
	json_object_set_new(m, "local_support", json_integer(q->local_support));
	json_object_set_new(m, "net", json_integer(q->net));
	json_object_set_new(o, "monthly", m);
	json_object_set_new(o, "gross", json_integer(q->total_gross));
	json_object_set_new(o, "state_support", json_integer(q->total_state_support));
	json_object_set_new(o, "local_support", json_integer(q->total_local_support));
	json_object_set_new(o, "net", json_integer(q->total_net));
	json_object_set_new(o, "supported_months", json_integer(q->supported_months));
	json_object_set_new(pr, "poverty_line", json_integer(q->poverty_line));
	json_object_set_new(pr, "base_salary", json_integer(q->base_salary));
	json_object_set_new(pr, "ceiling", json_integer(q->ceiling));
	json_object_set_new(pr, "rate_bp", json_integer(q->rate_bp));
	json_object_set_new(pr, "support_bp", json_integer(q->support_bp));
	json_object_set_new(pr, "local_bp", json_integer(q->local_bp));
	json_object_set_new(o, "params", pr);
	return o;
}

/* See json_registry.h. */
json_t *report_quote_lump(date_t d, money_t income, bool advance, const lump_quote_t *q)
{
	json_t *o = json_object(), *pr = json_object();
	json_object_set_new(o, "scheme", json_string("bhxh"));
	json_object_set_new(o, "mode", json_string(advance ? "advance" : "missing_time"));
	json_object_set_new(o, "date", report_date(d));
	json_object_set_new(o, "income", json_integer(income));
	json_object_set_new(o, "months", json_integer(q->months));
	json_object_set_new(o, "monthly_gross", json_integer(q->monthly_gross));
	json_object_set_new(o, "amount", json_integer(q->amount));
	json_object_set_new(o, "undiscounted", json_integer(q->undiscounted));
	json_object_set_new(o, "category", advance ? json_string(bhxh_category_name(q->category)) : json_null());
	json_object_set_new(o, "monthly_state_support", json_integer(q->monthly_state_support));
	json_object_set_new(o, "supported_months", json_integer(q->supported_months));
	json_object_set_new(o, "state_support", json_integer(q->state_support));
	json_object_set_new(o, "net", json_integer(q->net));
	json_object_set_new(pr, "fund_rate_ppm", json_integer(q->rate_ppm));
	json_object_set_new(pr, "fund_rate_year", json_integer(q->rate_year));
	if (advance) {
		json_object_set_new(pr, "poverty_line", json_integer(q->poverty_line));
		json_object_set_new(pr, "support_bp", json_integer(q->support_bp));
	}
	json_object_set_new(o, "params", pr);
	return o;
}

/* See json_registry.h. */
json_t *report_notices(const param_notice_t *n, size_t k, enum lang lang)
{
	json_t *arr = json_array();
	size_t i;
	for (i = 0; i < k; i++) {
		json_t *j = json_object();
		json_object_set_new(j, "family", json_string(n[i].family));
		json_object_set_new(j, "key", json_string(n[i].key));
		json_object_set_new(j, "valid_from", report_date(n[i].from));
		json_object_set_new(j, "before", json_integer(n[i].before));
		json_object_set_new(j, "after", json_integer(n[i].after));
		json_object_set_new(j, "message", json_string(lang == LANG_EN ? n[i].en : n[i].vi));
		json_array_append_new(arr, j);
	}
	return arr;
}

/* See json_registry.h. */
json_t *report_quote_bhyt(const bhyt_request_t *r, const bhyt_quote_t *q, const card_validity_t *card)
{
	json_t *o = json_object(), *arr = json_array(), *pr = json_object();
	int i;
	json_object_set_new(o, "scheme", json_string("bhyt"));
	json_object_set_new(o, "date", report_date(r->date));
	json_object_set_new(o, "months", json_integer(r->months));
	for (i = 0; i < q->n; i++) {
		json_t *j = json_object();
		json_object_set_new(j, "ordinal", json_integer(q->person[i].ordinal));
		json_object_set_new(j, "monthly", json_integer(q->person[i].monthly));
		json_object_set_new(j, "amount", json_integer(q->person[i].amount));
		json_array_append_new(arr, j);
	}
	json_object_set_new(o, "per_person", arr);
	json_object_set_new(o, "total", json_integer(q->total));
	json_object_set_new(pr, "base_salary", json_integer(q->base_salary));
	json_object_set_new(pr, "rate_bp", json_integer(q->rate_bp));
	json_object_set_new(o, "params", pr);
	if (card) {
		json_t *cj = json_object();
		json_object_set_new(cj, "from", report_date(card->from));
		json_object_set_new(cj, "to", report_date(card->to));
		json_object_set_new(cj, "continuous", json_boolean(card->continuous));
		json_object_set_new(o, "card", cj);
	}
	return o;
}

/* See json_registry.h. */
json_t *report_param(const param_record_t *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "family", json_string(p->family));
	json_object_set_new(o, "key", json_string(p->key));
	json_object_set_new(o, "valid_from", report_date(p->from));
	json_object_set_new(o, "value", json_integer(p->value));
	json_object_set_new(o, "source", json_string(p->source));
	json_object_set_new(o, "status", json_string(p->status));
	json_object_set_new(o, "note", report_str_or_null(p->note));
	json_object_set_new(o, "origin", json_string(p->admin ? "admin" : "shipped"));
	return o;
}

/* See json_registry.h. */
json_t *report_unit_view(const unit_view_t *v)
{
	const unit_t *u = &v->u;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(u->id));
	json_object_set_new(o, "code", json_string(u->code));
	json_object_set_new(o, "name", json_string(u->name));
	json_object_set_new(o, "kind", json_string(unit_kind_name(u->kind)));
	json_object_set_new(o, "parent_code", report_str_or_null(v->parent_code));
	json_object_set_new(o, "valid_from", u->valid_from.y > 1 ? report_date(u->valid_from) : json_null());
	json_object_set_new(o, "valid_to", u->ended ? report_date(u->valid_to) : json_null());
	json_object_set_new(o, "island", json_boolean(u->island));
	json_object_set_new(o, "current_parent_code", report_str_or_null(v->current_parent_code));
	json_object_set_new(o, "successor_code", report_str_or_null(v->successor_code));
	return o;
}

/* A list of poverty certificates. */
static json_t *certs_json(const poverty_cert_t *c, size_t n)
{
	json_t *arr = json_array();
	size_t i;
	for (i = 0; i < n; i++) {
		json_t *j = json_object();
		json_object_set_new(j, "status", json_string(poverty_name(c[i].status)));
		json_object_set_new(j, "valid_from", report_date(c[i].valid_from));
		json_object_set_new(j, "valid_to", report_date(c[i].valid_to));
		json_array_append_new(arr, j);
	}
	return arr;
}

/* See json_registry.h. */
json_t *report_person_details(const person_details_t *d)
{
	json_t *o = report_person(&d->p, true);
	if (d->has_membership) {
		json_t *m = json_object();
		json_object_set_new(m, "branch_code", report_str_or_null(d->branch_code));
		json_object_set_new(m, "role", json_string(member_role_name(d->membership.role)));
		json_object_set_new(m, "since", d->membership.since.y > 1 ? report_date(d->membership.since) : json_null());
		json_object_set_new(o, "membership", m);
	} else {
		json_object_set_new(o, "membership", json_null());
	}
	json_object_set_new(o, "poverty", certs_json(d->certs, d->ncerts));
	json_object_set_new(o, "poverty_today", report_str_or_null(poverty_name(d->poverty_today)));
	json_object_set_new(o, "unit_id", json_integer(d->p.unit_id));
	json_object_set_new(o, "household_id", int_or_null(d->p.household_id));
	return o;
}

/* See json_registry.h. */
json_t *report_household(const household_view_t *h)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(h->h.id));
	json_object_set_new(o, "code", json_string(h->h.code));
	json_object_set_new(o, "unit_id", json_integer(h->h.unit_id));
	json_object_set_new(o, "unit_code", json_string(h->h.unit_code));
	json_object_set_new(o, "head", int_or_null(h->h.head_id));
	json_object_set_new(o, "poverty_today", report_str_or_null(poverty_name(h->poverty_today)));
	json_object_set_new(o, "poverty", certs_json(h->certs, h->ncerts));
	return o;
}

/* See json_registry.h. */
json_t *report_dashboard(const dashboard_t *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "date", report_date(d->date));
	json_object_set_new(o, "people", json_integer(d->f.people));
	json_object_set_new(o, "members", json_integer(d->f.members));
	json_object_set_new(o, "members_bhyt", json_integer(d->f.members_bhyt));
	json_object_set_new(o, "bhyt_active", json_integer(d->f.bhyt_active));
	json_object_set_new(o, "bhxh_active", json_integer(d->f.bhxh_active));
	json_object_set_new(o, "receipts_today",
			    json_pack("{s:I,s:I}", "count", (json_int_t)d->f.receipts, "total", (json_int_t)d->f.collected));
	json_object_set_new(o, "due", json_pack("{s:i,s:I,s:I}", "days", d->due_days, "bhyt", (json_int_t)d->f.due_bhyt,
						"bhxh", (json_int_t)d->f.due_bhxh));
	if (d->has_cash)
		json_object_set_new(o, "cash",
				    json_pack("{s:I,s:I,s:I,s:I}", "receipts", (json_int_t)d->cash_receipts, "collected",
					      (json_int_t)d->cash_collected, "remitted", (json_int_t)d->cash_remitted,
					      "on_hand", (json_int_t)(d->cash_collected - d->cash_remitted)));
	else
		json_object_set_new(o, "cash", json_null());
	return o;
}

/* See json_registry.h. */
json_t *report_participation(int64_t person, date_t on, const participation_t *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "person", json_integer(person));
	json_object_set_new(o, "date", report_date(on));
	json_object_set_new(o, "state", json_string(p->state ? p->state : "not_enrolled"));
	json_object_set_new(o, "start", p->enrolled ? report_date(p->start) : json_null());
	json_object_set_new(o, "mode_months", int_or_null(p->mode_months));
	json_object_set_new(o, "income", int_or_null(p->income));
	json_object_set_new(o, "last_covered", p->enrolled ? report_date(p->last_covered) : json_null());
	json_object_set_new(o, "next_from", p->enrolled ? report_date(p->next_from) : json_null());
	json_object_set_new(o, "deadline", p->enrolled ? report_date(p->deadline) : json_null());
	return o;
}

/* See json_registry.h. */
json_t *report_coverage_period(const coverage_period_t *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "scheme", json_string(p->scheme));
	json_object_set_new(o, "from", report_date(p->from));
	json_object_set_new(o, "to", report_date(p->to));
	json_object_set_new(o, "source", json_string(p->imported ? "import" : "receipt"));
	if (p->imported) {
		json_object_set_new(o, "months", json_null());
		json_object_set_new(o, "receipt", json_null());
		json_object_set_new(o, "ordinal", json_null());
		json_object_set_new(o, "income", json_null());
		json_object_set_new(o, "gross", json_null());
		json_object_set_new(o, "state_support", json_null());
		json_object_set_new(o, "local_support", json_null());
		json_object_set_new(o, "net", json_null());
		json_object_set_new(o, "note", report_str_or_null(p->source));
		return o;
	}
	json_object_set_new(o, "months", json_integer(p->months));
	json_object_set_new(o, "receipt",
			    json_pack("{s:I,s:s,s:I,s:o}", "id", (json_int_t)p->receipt_id, "book", p->book, "serial",
				      (json_int_t)p->serial, "date", report_date(p->paid_on)));
	json_object_set_new(o, "ordinal", int_or_null(p->ordinal));
	json_object_set_new(o, "income", int_or_null(p->income));
	json_object_set_new(o, "gross", json_integer(p->gross));
	json_object_set_new(o, "state_support", json_integer(p->state_support));
	json_object_set_new(o, "local_support", json_integer(p->local_support));
	json_object_set_new(o, "net", json_integer(p->net));
	json_object_set_new(o, "note", json_null());
	return o;
}

/* See json_registry.h. */
json_t *report_receipt_head(const receipt_t *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "book", json_string(r->book));
	json_object_set_new(o, "serial", json_integer(r->serial));
	json_object_set_new(o, "date", report_date(r->date));
	json_object_set_new(o, "collector", json_string(r->collector));
	json_object_set_new(o, "payer", json_integer(r->payer_id));
	json_object_set_new(o, "total", json_integer(r->total));
	json_object_set_new(o, "method", json_string(r->method[0] ? r->method : "cash"));
	json_object_set_new(o, "void", json_boolean(r->is_void));
	json_object_set_new(o, "remitted", json_boolean(r->remittance_id != 0));
	return o;
}

/* See json_registry.h. */
json_t *report_pension(int64_t person, const pension_view_t *v)
{
	const pension_projection_t *pr = &v->pr;
	const pension_plan_t *pl = &v->plan;
	char sex[2] = {pl->sex, 0};
	json_t *o = json_object(), *plan = json_object();
	json_object_set_new(o, "person", json_integer(person));
	json_object_set_new(o, "retirement_date", report_date(pr->retirement_date));
	json_object_set_new(o, "retirement_age", json_pack("{s:i,s:i}", "years", pr->age_years, "months", pr->age_months));
	json_object_set_new(o, "contribution_months", json_integer(pr->total_months));
	json_object_set_new(o, "years_needed", json_integer(pr->years_needed));
	json_object_set_new(o, "eligible", json_boolean(pr->eligible));
	json_object_set_new(o, "missing_months", json_integer(pr->missing_months));
	json_object_set_new(o, "rate_bp", json_integer(pr->rate_bp));
	json_object_set_new(o, "monthly_pension", json_integer(pr->monthly_pension));
	json_object_set_new(o, "one_time", json_integer(pr->one_time));
	json_object_set_new(plan, "dob", report_date(pl->dob));
	json_object_set_new(plan, "sex", json_string(sex));
	json_object_set_new(plan, "average_income", json_integer(pl->average_income));
	json_object_set_new(plan, "months_before_2014", json_integer(pl->months_before_2014));
	json_object_set_new(plan, "months_from_2014", json_integer(pl->months_from_2014));
	json_object_set_new(plan, "months_planned", json_integer(pl->months_planned));
	json_object_set_new(plan, "planned_to_retirement", json_boolean(v->planned_to_retirement));
	json_object_set_new(plan, "support_received", json_integer(pl->support_received));
	json_object_set_new(plan, "joined_before_2021", json_boolean(pl->joined_before_2021));
	json_object_set_new(plan, "first_covered", v->enrolled ? report_date(v->first_covered) : json_null());
	json_object_set_new(plan, "last_covered", v->enrolled ? report_date(v->last_covered) : json_null());
	json_object_set_new(o, "plan", plan);
	return o;
}
