/* json_ledger.c: JSON shapes of the money records (see json_ledger.h). */
#include <stdio.h>
#include <string.h>

#include "report/json_ledger.h"

/* One receipt line as the contract prints it. */
static json_t *line_json(const receipt_line_t *l)
{
	json_t *j = json_object();
	json_object_set_new(j, "person", json_integer(l->person_id));
	json_object_set_new(j, "scheme", json_string(l->scheme));
	json_object_set_new(j, "from", report_date(l->from));
	json_object_set_new(j, "to", report_date(l->to));
	json_object_set_new(j, "months", json_integer(l->months));
	json_object_set_new(j, "ordinal", l->ordinal ? json_integer(l->ordinal) : json_null());
	json_object_set_new(j, "gross", json_integer(l->gross));
	json_object_set_new(j, "state_support", json_integer(l->state_support));
	json_object_set_new(j, "local_support", json_integer(l->local_support));
	json_object_set_new(j, "net", json_integer(l->net));
	return j;
}

/* See json_ledger.h. */
json_t *report_receipt(const receipt_t *r, const receipt_line_t *lines, size_t n)
{
	json_t *o = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(o, "id", r->id ? json_integer(r->id) : json_null());
	json_object_set_new(o, "book", r->id ? json_string(r->book) : json_null());
	json_object_set_new(o, "serial", r->id ? json_integer(r->serial) : json_null());
	json_object_set_new(o, "date", report_date(r->date));
	json_object_set_new(o, "collector", json_string(r->collector));
	json_object_set_new(o, "payer", json_integer(r->payer_id));
	json_object_set_new(o, "total", json_integer(r->total));
	json_object_set_new(o, "method", json_string(r->method[0] ? r->method : "cash"));
	for (i = 0; i < n; i++)
		json_array_append_new(arr, line_json(&lines[i]));
	json_object_set_new(o, "lines", arr);
	return o;
}

/* See json_ledger.h. */
json_t *report_receipt_shown(const receipt_t *r, const receipt_line_t *lines, size_t n)
{
	json_t *o = report_receipt(r, lines, n);
	json_object_set_new(o, "void", json_boolean(r->is_void));
	json_object_set_new(o, "remitted", json_boolean(r->remittance_id != 0));
	return o;
}

/* See json_ledger.h. */
json_t *report_receipt_voided(const receipt_t *r, const char *reason)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "book", json_string(r->book));
	json_object_set_new(o, "serial", json_integer(r->serial));
	json_object_set_new(o, "total", json_integer(r->total));
	json_object_set_new(o, "void", json_true());
	json_object_set_new(o, "reason", json_string(reason));
	return o;
}

/* See json_ledger.h. */
json_t *report_receipt_view(const receipt_view_t *v)
{
	const receipt_t *r = &v->h.r;
	json_t *o = report_receipt(r, v->lines, v->n), *arr = json_object_get(o, "lines"), *t = json_object();
	money_t gross = 0, state = 0, local = 0, net = 0;
	size_t i;
	for (i = 0; i < v->n; i++) {
		const receipt_line_t *l = &v->lines[i];
		json_t *j = json_array_get(arr, i);
		bool bhxh = strcmp(l->scheme, "bhxh") == 0;
		json_object_set_new(j, "full_name", json_string(v->names[i]));
		json_object_set_new(j, "category", bhxh ? report_str_or_null(l->category) : json_null());
		json_object_set_new(j, "income", bhxh ? json_integer(l->income) : json_null());
		json_object_set_new(j, "supported_months", json_integer(l->supported_months));
		gross += l->gross;
		state += l->state_support;
		local += l->local_support;
		net += l->net;
	}
	json_object_set_new(o, "payer_name", json_string(v->h.payer_name));
	json_object_set_new(o, "payer_unit_code", json_string(v->h.payer_unit_code));
	json_object_set_new(t, "gross", json_integer(gross));
	json_object_set_new(t, "state_support", json_integer(state));
	json_object_set_new(t, "local_support", json_integer(local));
	json_object_set_new(t, "net", json_integer(net));
	json_object_set_new(o, "totals", t);
	if (!r->id)
		return o;
	json_object_set_new(o, "void", json_boolean(r->is_void));
	json_object_set_new(o, "remitted", json_boolean(r->remittance_id != 0));
	json_object_set_new(o, "remittance_id", r->remittance_id ? json_integer(r->remittance_id) : json_null());
	json_object_set_new(o, "void_reason", r->is_void ? json_string(v->h.void_reason) : json_null());
	json_object_set_new(o, "voided_by", r->is_void ? json_string(v->h.void_by) : json_null());
	json_object_set_new(o, "voided_at", r->is_void ? json_string(v->h.void_at) : json_null());
	return o;
}

/* See json_ledger.h. */
json_t *report_remittance(const remittance_sum_t *m)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", m->id ? json_integer(m->id) : json_null());
	json_object_set_new(o, "receipts", json_integer(m->receipts));
	json_object_set_new(o, "amount", json_integer(m->amount));
	json_object_set_new(o, "commission", json_integer(m->commission));
	return o;
}

/* See json_ledger.h. */
json_t *report_cash(const cash_sum_t *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "receipts", json_integer(c->receipts));
	json_object_set_new(o, "collected", json_integer(c->collected));
	json_object_set_new(o, "remitted", json_integer(c->remitted));
	json_object_set_new(o, "on_hand", json_integer(c->collected - c->remitted));
	return o;
}

/* See json_ledger.h. */
json_t *report_referrals(const referral_summary_t *s)
{
	json_t *o = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(o, "pairs", json_integer(s->pairs));
	json_object_set_new(o, "mobilizers", json_integer(s->mobilizers));
	for (i = 0; i < s->ntop; i++) {
		json_t *j = json_object();
		json_object_set_new(j, "person", json_integer(s->top[i].person));
		/* null: a mobiliser outside the caller's units (not named) */
		json_object_set_new(j, "full_name",
				    s->top[i].full_name[0] ? json_string(s->top[i].full_name) : json_null());
		json_object_set_new(j, "mobilized", json_integer(s->top[i].mobilized));
		json_array_append_new(arr, j);
	}
	json_object_set_new(o, "top", arr);
	json_object_set_new(o, "longest_chain", json_integer(s->longest_chain));
	return o;
}

/* See json_ledger.h. */
void report_due_reminder(const due_item_t *d, char *out, size_t cap)
{
	char last[DATE_ISO_LEN + 1]; /* dd/mm/yyyy: as long as the ISO form */
	date_format_vn(d->last, last);
	snprintf(out, cap, msg_format(d->scheme[2] == 'y' ? MSG_DUE_REMIND_BHYT : MSG_DUE_REMIND_BHXH, LANG_VI),
		 d->p.full_name, last);
}

/* See json_ledger.h. */
json_t *report_due_item(const due_item_t *d)
{
	char msg[REMINDER_MAX];
	json_t *j = json_object();
	report_due_reminder(d, msg, sizeof msg);
	json_object_set_new(j, "person", json_integer(d->p.id));
	json_object_set_new(j, "full_name", json_string(d->p.full_name));
	json_object_set_new(j, "phone", report_str_or_null(d->p.phone));
	json_object_set_new(j, "unit_code", json_string(d->p.unit_code));
	json_object_set_new(j, "scheme", json_string(d->scheme));
	json_object_set_new(j, "last_covered", report_date(d->last));
	json_object_set_new(j, "reminder", json_string(msg));
	return j;
}
