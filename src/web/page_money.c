/* page_money.c: the money pages: collecting a payment (find people,
 * lines, the server's quote, confirm), a receipt as printed (A5 or a
 * 58 mm roll) and voiding it, the receipts list, handing over the cash,
 * the 1+1 figures and the due list with ready reminders (see
 * handlers.h).
 *
 * Every amount comes from app/ledger.h (the server is the only
 * calculator: the preview and the receipt are app_collect_by's); these
 * handlers parse a form or a query, call one use case on behalf of the
 * caller and render a template.  Records outside the caller's units
 * answer as missing ones (the use cases see to it).  Money is shown by
 * money_format ("1.263.600 đ"), dates as DD/MM/YYYY. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/due_household.h"
#include "app/handover.h"
#include "app/ledger.h"
#include "app/registry.h"
#include "core/money_words.h"
#include "report/json_ledger.h"
#include "report/json_registry.h"
#include "rules/advance.h"
#include "web/handlers.h"
#include "web/pages.h"
#include "web/tmpl.h"

#define ROWS_MAX 12          /* lines of the payment form: 4 fields each, so a whole form fits WEB_FORM_MAX */
#define ROWS_MIN 3           /* lines shown on an empty form */
#define ROWS_SPARE 1         /* empty lines shown after the filled ones */
#define ROW_TEXT_MAX 40      /* bytes kept of a typed number (person, income) */
#define FORM_ERRORS_MAX 24   /* problems one payment form reports */
#define FIND_LIMIT 20        /* people listed by the search of the collect page */
#define RECEIPTS_PAGE 30     /* receipts in one page of the list */
#define DUE_PAGE 30          /* people in one page of the due list (a page stays far below 50 KB) */
#define QUERY_MAX 1024       /* bytes of a query string built for a link */
#define DATE_TEXT_MAX 32     /* bytes of a date typed in a form */
#define REMIND_MAX 700       /* bytes of a reminder of the due page */
#define WALK_STOP 1000       /* a walk callback's "enough" (distinct from every PO_* code) */

/* ---- small helpers ---- */

/* A new context for a money page: page_ctx plus the money style sheet
 * and script. */
static json_t *money_ctx(web_ctx_t *x, const char *title_key)
{
	json_t *c = page_ctx(x, title_key);
	if (c) {
		json_object_set_new(c, "css", json_string("receipt.css"));
		json_object_set_new(c, "js", json_string("money.js"));
		json_object_set_new(c, "js2", json_string("picker.js"));
	}
	return c;
}

/* Parses a positive decimal id (digits only, surrounding spaces
 * allowed) into *out; false for anything else. */
static bool id_parse(const char *s, int64_t *out)
{
	char *end;
	long long v;
	*out = 0;
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (errno || *end || v < 1)
		return false;
	*out = v;
	return true;
}

/* Parses a whole number from min to max; def when s is NULL or empty;
 * false when s is something else. */
static bool int_parse(const char *s, long min, long max, long def, long *out)
{
	char *end;
	long v;
	*out = def;
	if (!s || !*s)
		return true;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* True when s holds something other than spaces. */
static bool has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return true;
	return false;
}

/* Copies s (NULL: "") into out of cap bytes, cut at a UTF-8 character
 * boundary. */
static void text_copy(char *out, size_t cap, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(out, s, n);
	out[n] = '\0';
}

/* Sets o[k] to d as "YYYY-MM-DD" (for <input type=date>). */
static void set_iso(json_t *o, const char *k, date_t d)
{
	char s[DATE_ISO_LEN + 1];
	date_format_iso(d, s);
	json_object_set_new(o, k, json_string(s));
}

/* Appends "k=v&" (v percent-encoded) to b when v is not empty. */
static void q_add(buf_t *b, const char *k, const char *v)
{
	if (!v || !*v)
		return;
	if (buf_puts(b, k) || buf_putc(b, '=') || url_esc(b, v) || buf_putc(b, '&'))
		return;
}

/* Appends "k=N&" to b. */
static void q_add_int(buf_t *b, const char *k, long long v)
{
	buf_printf(b, "%s=%lld&", k, v);
}

/* The text of b without its final '&' as a JSON string. */
static json_t *q_json(buf_t *b)
{
	if (b->len && b->p[b->len - 1] == '&')
		b->p[--b->len] = '\0';
	return json_string(buf_cstr(b));
}

/* The translated label of a scheme ("bhxh", "bhyt"). */
static const char *scheme_label(web_ctx_t *x, const char *scheme)
{
	return web_tr(x, strcmp(scheme, "bhxh") == 0 ? "money.scheme.bhxh" : "money.scheme.bhyt");
}

/* The translated label of a BHXH support category ("poor" …). */
static const char *category_label(web_ctx_t *x, const char *cat)
{
	char key[64];
	snprintf(key, sizeof key, "money.cat.%s", cat);
	return web_tr(x, key);
}

/* Sets c["notes"] (report_notices: {family, key, valid_from, before,
 * after, message}, the message in the page's language) and
 * c["has_notes"] to the parameter changes the lines of v, paid on d,
 * reach and do not follow (app_lines_notices: what the preview API
 * answers as "notes"); none when the parameters cannot be read (the
 * page shows the amounts without the notes rather than not at all). */
static void notes_ctx(web_ctx_t *x, date_t d, const receipt_view_t *v, json_t *c)
{
	param_notice_t notes[PARAM_NOTICE_MAX];
	size_t n = 0;
	err_t e;
	if (app_lines_notices(x->a, d, v->lines, v->n, notes, PARAM_NOTICE_MAX, &n, &e) != PO_OK)
		n = 0;
	json_object_set_new(c, "notes", report_notices(notes, n, x->lang));
	json_object_set_new(c, "has_notes", json_boolean(n > 0));
}

/* ---- a receipt (or a preview) as the pages show it ---- */

/* The receipt view v as a template context: id, book, serial, date,
 * collector, collector_name (when set), payer, payer_name, payer_unit,
 * method, total, total_words (in Vietnamese), lines[] (each with
 * full_name, bhxh_code when known, dob, is_bhyt, from, to …),
 * totals {gross, state_support, local_support, net} (the sums of
 * report_receipt_view), is_void, void_reason, void_by, void_at,
 * remitted, remittance_id.  Money and dates are formatted. */
static json_t *view_ctx(web_ctx_t *x, const receipt_view_t *v)
{
	const receipt_t *r = &v->h.r;
	json_t *o = json_object(), *lines = json_array(), *tot = json_object();
	json_t *raw = report_receipt_view(v), *rt = raw ? json_object_get(raw, "totals") : NULL;
	char when[48], words[MONEY_WORDS_MAX];
	size_t i;
	if (r->id) {
		json_object_set_new(o, "id", json_integer(r->id));
		json_object_set_new(o, "book", json_string(r->book));
		json_object_set_new(o, "serial", json_integer(r->serial));
	}
	page_date(o, "date", r->date);
	json_object_set_new(o, "collector", json_string(r->collector));
	if (v->h.collector_name[0])
		json_object_set_new(o, "collector_name", json_string(v->h.collector_name));
	json_object_set_new(o, "payer", json_integer(r->payer_id));
	json_object_set_new(o, "payer_name", json_string(v->h.payer_name));
	json_object_set_new(o, "payer_unit", json_string(v->h.payer_unit_code));
	if (v->h.payer_unit_name[0])
		json_object_set_new(o, "payer_unit_name", json_string(v->h.payer_unit_name));
	json_object_set_new(o, "method", json_string(web_tr(
						x, strcmp(r->method, "transfer") == 0 ? "money.method.transfer" : "money.method.cash")));
	page_money(o, "total", r->total);
	json_object_set_new(o, "total_dong", json_integer(r->total));
	money_words_vi(r->total, words);
	json_object_set_new(o, "total_words", json_string(words));
	for (i = 0; i < v->n; i++) {
		const receipt_line_t *l = &v->lines[i];
		bool bhxh = strcmp(l->scheme, "bhxh") == 0;
		json_t *j = json_object();
		json_object_set_new(j, "n", json_integer((json_int_t)i + 1));
		json_object_set_new(j, "person", json_integer(l->person_id));
		json_object_set_new(j, "full_name", json_string(v->names[i]));
		if (v->bhxh[i][0])
			json_object_set_new(j, "bhxh_code", json_string(v->bhxh[i]));
		page_date(j, "dob", v->dob[i]);
		json_object_set_new(j, "is_bhyt", json_boolean(!bhxh));
		json_object_set_new(j, "scheme", json_string(scheme_label(x, l->scheme)));
		page_date(j, "from", l->from);
		page_date(j, "to", l->to);
		json_object_set_new(j, "months", json_integer(l->months));
		if (l->ordinal)
			json_object_set_new(j, "ordinal", json_integer(l->ordinal));
		if (bhxh) {
			/* a BHXH line of more than 12 months is an advance (advance.h) */
			if (l->months > 12)
				json_object_set_new(j, "advance_years", json_integer(l->months / 12));
			page_money(j, "income", l->income);
			if (l->category[0])
				json_object_set_new(j, "category", json_string(category_label(x, l->category)));
		}
		page_money(j, "gross", l->gross);
		page_money(j, "state_support", l->state_support);
		page_money(j, "local_support", l->local_support);
		page_money(j, "net", l->net);
		json_array_append_new(lines, j);
	}
	json_object_set_new(o, "lines", lines);
	page_money(tot, "gross", json_integer_value(json_object_get(rt, "gross")));
	page_money(tot, "state_support", json_integer_value(json_object_get(rt, "state_support")));
	page_money(tot, "local_support", json_integer_value(json_object_get(rt, "local_support")));
	page_money(tot, "net", json_integer_value(json_object_get(rt, "net")));
	json_object_set_new(o, "totals", tot);
	json_decref(raw);
	if (r->id) {
		json_object_set_new(o, "is_void", json_boolean(r->is_void));
		if (r->is_void) {
			json_object_set_new(o, "void_reason", json_string(v->h.void_reason));
			json_object_set_new(o, "void_by", json_string(v->h.void_by));
			page_local_time(v->h.void_at, when, sizeof when);
			json_object_set_new(o, "void_at", json_string(when));
		}
		json_object_set_new(o, "remitted", json_boolean(r->remittance_id != 0));
		if (r->remittance_id)
			json_object_set_new(o, "remittance_id", json_integer(r->remittance_id));
	}
	return o;
}

/* A receipt view on the heap (receipt_view_t is large); NULL when
 * memory runs out (then a 500 page is already answered). */
static receipt_view_t *view_new(web_ctx_t *x)
{
	receipt_view_t *v = malloc(sizeof *v);
	if (!v) {
		err_t e;
		err_set(&e, PO_ENOMEM, NULL, MSG_NOMEM);
		web_fail(x, PO_ENOMEM, &e);
	}
	return v;
}

/* True when the caller may void the receipt: she handles money, it is
 * neither void nor remitted, and a collector only her own (the use case
 * checks all of it again; this only decides whether to offer it). */
static bool may_void(const web_ctx_t *x, const receipt_t *r)
{
	enum user_role role = x->u->role;
	if (role != UROLE_ADMIN && role != UROLE_UNION && role != UROLE_COLLECTOR)
		return false;
	if (r->is_void || r->remittance_id)
		return false;
	return role != UROLE_COLLECTOR || r->collector_id == x->u->id;
}

/* Renders the printable receipt v at status: the paper class from
 * ?paper=58, on A5 the notes of the rules its periods reach and do not
 * follow (notes_ctx), an error (NULL for none) and, with confirm, the step that
 * asks to confirm voiding it for `reason`. */
static void receipt_render(web_ctx_t *x, unsigned status, const receipt_view_t *v, const char *error, bool confirm,
			   const char *reason)
{
	const char *paper = web_query(x, "paper");
	json_t *c = page_ctx(x, "receipt.title");
	if (!c) {
		web_page(x, 500, "receipt", NULL);
		return;
	}
	json_object_set_new(c, "r", view_ctx(x, v));
	json_object_set_new(c, "point", page_point_ctx(x));
	json_object_set_new(c, "paper58", json_boolean(paper && strcmp(paper, "58") == 0));
	if (!paper || strcmp(paper, "58") != 0)
		notes_ctx(x, v->h.r.date, v, c); /* the A5 page only: a 58 mm receipt stays one page */
	json_object_set_new(c, "can_void", json_boolean(may_void(x, &v->h.r)));
	json_object_set_new(c, "confirm_void", json_boolean(confirm));
	json_object_set_new(c, "reason", json_string(reason ? reason : ""));
	if (error)
		json_object_set_new(c, "error", json_string(error));
	web_page(x, status, "receipt", c);
}

/* See handlers.h: GET /receipts/{id}[?paper=58]: the receipt as
 * printed: A5 by default, a 58 mm thermal roll with paper=58; 404 when
 * missing or its payer lives outside the caller's units. */
void page_receipt(web_ctx_t *x)
{
	receipt_view_t *v = view_new(x);
	err_t e;
	int rc;
	if (!v)
		return;
	rc = app_receipt_view(x->a, x->id, x->scope, x->nscope, v, &e);
	if (rc)
		web_fail(x, rc, &e);
	else
		receipt_render(x, 200, v, NULL, false, NULL);
	free(v);
}

/* See handlers.h: POST /receipts/{id}/void (reason, confirm): without
 * confirm=1 the receipt with a request to confirm (the reason must not
 * be blank); with it, voids the receipt (app_receipt_void_by) and
 * redirects to it.  A refusal (already remitted or void: 409, a
 * collector's other receipt or no reason: 422) shows the receipt with
 * the message; outside the caller's units: 404. */
void page_receipt_void(web_ctx_t *x)
{
	const char *reason = page_form(x, "reason"), *confirm = web_form(x, "confirm");
	receipt_view_t *v = view_new(x);
	char loc[64];
	err_t e, e2;
	int rc;
	if (!v)
		return;
	if (!confirm || strcmp(confirm, "1") != 0) {
		rc = app_receipt_view(x->a, x->id, x->scope, x->nscope, v, &e);
		if (rc)
			web_fail(x, rc, &e);
		else if (!has_text(reason))
			receipt_render(x, 422, v, web_tr(x, "receipt.void_need_reason"), false, reason);
		else
			receipt_render(x, 200, v, NULL, true, reason);
		free(v);
		return;
	}
	rc = app_receipt_void_by(x->a, x->u, x->scope, x->nscope, x->id, reason, v, &e);
	if (!rc) {
		snprintf(loc, sizeof loc, "/receipts/%lld", (long long)x->id);
		web_redirect(x, loc);
	} else if (rc == PO_ENOTFOUND || app_receipt_view(x->a, x->id, x->scope, x->nscope, v, &e2)) {
		web_fail(x, rc, &e);
	} else {
		receipt_render(x, web_status_of(rc), v, err_text(&e, x->lang), false, reason);
	}
	free(v);
}

/* ---- the receipts list ---- */

struct list_out {
	web_ctx_t *x;
	json_t *items;
};

/* Appends one receipt of the list (app_receipts_list callback). */
static int list_row(const receipt_view_t *v, void *ctx)
{
	struct list_out *o = ctx;
	const receipt_t *r = &v->h.r;
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(r->id));
	json_object_set_new(j, "book", json_string(r->book));
	json_object_set_new(j, "serial", json_integer(r->serial));
	page_date(j, "date", r->date);
	json_object_set_new(j, "payer_name", json_string(v->h.payer_name));
	json_object_set_new(j, "collector", json_string(r->collector));
	if (v->h.collector_name[0])
		json_object_set_new(j, "collector_name", json_string(v->h.collector_name));
	page_money(j, "total", r->total);
	json_object_set_new(j, "is_void", json_boolean(r->is_void));
	json_object_set_new(j, "remitted", json_boolean(r->remittance_id != 0));
	json_array_append_new(o->items, j);
	return 0;
}

/* Reads the date filter `name` of the query (ISO or DD/MM/YYYY) into
 * *d; *has false when absent or blank.  An error names it in *e. */
static int filter_date(web_ctx_t *x, const char *name, date_t *d, bool *has, err_t *e)
{
	const char *s = web_query(x, name);
	*has = false;
	if (!has_text(s))
		return PO_OK;
	*has = true;
	return date_parse_input(s, strlen(s), false, d, name, e);
}

/* What the collectors' walk of the receipts filter gathers. */
struct coll_opts {
	json_t *arr;
	const char *sel;
	bool found;
};

/* app_collectors_cash_by callback: one option {username, name, sel}. */
static int coll_opt(const collector_cash_t *c, void *ctx)
{
	struct coll_opts *o = ctx;
	bool sel = strcasecmp(c->u.username, o->sel) == 0;
	o->found |= sel;
	json_array_append_new(o->arr, json_pack("{s:s,s:s,s:b}", "username", c->u.username, "name",
						   c->u.full_name[0] ? c->u.full_name : c->u.username, "sel", sel));
	return 0;
}

/* The collectors a receipts filter offers by name ({username, name,
 * sel}): those of the caller's units for an officer, union cadre or
 * admin, herself for a collector; the login asked for (`selected`) is
 * kept as an option when it is none of them. */
static json_t *collector_options(web_ctx_t *x, const char *selected)
{
	struct coll_opts o = {json_array(), selected ? selected : "", false};
	err_t e;
	if (x->u->role == UROLE_COLLECTOR || x->u->role == UROLE_VIEWER) {
		collector_cash_t me;
		memset(&me, 0, sizeof me);
		me.u = *x->u;
		if (x->u->role == UROLE_COLLECTOR)
			coll_opt(&me, &o);
	} else {
		app_collectors_cash_by(x->a, x->u, x->scope, x->nscope, coll_opt, &o, &e);
	}
	if (o.sel[0] && !o.found)
		json_array_append_new(o.arr, json_pack("{s:s,s:s,s:b}", "username", o.sel, "name", o.sel, "sel", 1));
	return o.arr;
}

/* See handlers.h: GET /receipts?from=&to=&collector=&void=&person=
 * &before=: the receipts of the caller's units, newest first, a page of
 * RECEIPTS_PAGE at a time; void ones too unless void=0. */
void page_receipts(web_ctx_t *x)
{
	receipt_query_t q;
	struct list_out o = {x, json_array()};
	json_t *c = money_ctx(x, "receipt.list_title"), *f = json_object();
	const char *collector = web_query(x, "collector"), *vq = web_query(x, "void");
	int64_t person = 0, before = 0, next = 0;
	buf_t b;
	err_t e;
	int rc = PO_OK;
	memset(&q, 0, sizeof q);
	q.include_void = !(vq && strcmp(vq, "0") == 0);
	q.limit = RECEIPTS_PAGE;
	q.collector = has_text(collector) ? collector : NULL;
	rc = filter_date(x, "from", &q.from, &q.has_from, &e);
	if (!rc)
		rc = filter_date(x, "to", &q.to, &q.has_to, &e);
	if (!rc && web_query(x, "person") && !id_parse(web_query(x, "person"), &person))
		rc = err_set(&e, PO_EINVAL, "person", MSG_CLI_JSON_FIELD, "person");
	if (!rc && web_query(x, "before") && !id_parse(web_query(x, "before"), &before))
		rc = err_set(&e, PO_EINVAL, "before", MSG_CLI_JSON_FIELD, "before");
	q.person = person;
	q.before = before;
	if (!rc)
		rc = app_receipts_list(x->a, x->scope, x->nscope, &q, list_row, &o, &next, &e);
	if (!c) {
		json_decref(o.items);
		json_decref(f);
		web_page(x, 500, "receipts", NULL);
		return;
	}
	if (q.has_from)
		page_date(f, "from", q.from);
	if (q.has_to)
		page_date(f, "to", q.to);
	json_object_set_new(f, "collector", json_string(collector ? collector : ""));
	json_object_set_new(f, "collectors", collector_options(x, collector));
	json_object_set_new(f, q.include_void ? "void_all" : "void_no", json_true());
	if (person)
		json_object_set_new(f, "person", json_integer(person));
	json_object_set_new(c, "f", f);
	json_object_set_new(c, "has_items", json_boolean(json_array_size(o.items) > 0));
	json_object_set_new(c, "items", o.items);
	buf_init(&b, QUERY_MAX);
	if (q.has_from)
		q_add(&b, "from", json_string_value(json_object_get(f, "from")));
	if (q.has_to)
		q_add(&b, "to", json_string_value(json_object_get(f, "to")));
	q_add(&b, "collector", q.collector);
	if (!q.include_void)
		q_add(&b, "void", "0");
	if (person)
		q_add_int(&b, "person", person);
	json_object_set_new(c, "first", json_string(buf_cstr(&b)));
	json_object_set_new(c, "paged", json_boolean(before != 0));
	json_object_set_new(c, "pager", json_boolean(before != 0 || next != 0));
	if (next) {
		q_add_int(&b, "before", next);
		json_object_set_new(c, "next", q_json(&b));
	}
	buf_free(&b);
	if (rc)
		json_object_set_new(c, "error", json_string(err_text(&e, x->lang)));
	web_page(x, rc ? web_status_of(rc) : 200, "receipts", c);
}

/* ---- collecting ---- */

/* Bits of a form line's fields that are wrong. */
#define BAD_PERSON 1u
#define BAD_SCHEME 2u
#define BAD_MONTHS 4u
#define BAD_INCOME 8u

/* One line of the payment form, as typed and as read. */
struct form_row {
	char person[ROW_TEXT_MAX];
	char scheme[8];
	int months;                /* 1..12, or 12 × advance_years */
	int advance_years;         /* BHXH paid in advance: 0 or ADVANCE_YEARS_MIN..MAX */
	char income[ROW_TEXT_MAX];
	int64_t person_id;
	char name[NAME_BYTES_MAX + 1];
	unsigned bad;
	const char *err; /* its first problem (in the form's messages) */
};

/* The payment form: its lines and the payment's own fields as typed,
 * and the problems found (each with the line it concerns, 0 for none). */
struct collect_form {
	struct form_row rows[ROWS_MAX];
	size_t n;
	char payer[ROW_TEXT_MAX], referred_by[ROW_TEXT_MAX], method[16], date[DATE_TEXT_MAX];
	int64_t payer_id, ref_id;
	date_t d;
	bool bad_payer, bad_ref, bad_date;
	char idem[IDEM_KEY_MAX + 1]; /* the form's idempotency key (page_idem_key) */
	char msgs[FORM_ERRORS_MAX][ERR_TEXT_MAX];
	int msg_line[FORM_ERRORS_MAX];
	size_t nmsgs;
};

/* Records a problem of the form: on line `line` (1-based, 0 for the
 * payment itself), also the line's first message. */
static void form_err(struct collect_form *f, int line, const char *msg)
{
	if (f->nmsgs >= FORM_ERRORS_MAX)
		return;
	text_copy(f->msgs[f->nmsgs], ERR_TEXT_MAX, msg);
	f->msg_line[f->nmsgs] = line;
	if (line > 0 && !f->rows[line - 1].err)
		f->rows[line - 1].err = f->msgs[f->nmsgs];
	f->nmsgs++;
}

/* Adds a line for a person (an id) with the defaults: BHYT, 12 months. */
static void form_add_person(struct collect_form *f, int64_t id)
{
	struct form_row *r;
	size_t i;
	for (i = 0; i < f->n; i++)
		if (f->rows[i].person_id == id)
			return;
	if (f->n >= ROWS_MAX)
		return;
	r = &f->rows[f->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->person, sizeof r->person, "%lld", (long long)id);
	r->person_id = id;
	memcpy(r->scheme, "bhyt", 5);
	r->months = 12;
}

/* Reads the form fields of x into f as typed: the lines whose person is
 * not blank, in order (person_I, scheme_I, months_I, income_I for I
 * from 0; months_I 1..12, or 24, 36, 48, 60 for BHXH paid 2..5 years in
 * advance, anything else read as 0), and payer, referred_by, method,
 * date. */
static void form_read(web_ctx_t *x, struct collect_form *f)
{
	char k[32];
	size_t i;
	long m;
	for (i = 0; i < ROWS_MAX; i++) {
		struct form_row *r = &f->rows[f->n];
		const char *person;
		snprintf(k, sizeof k, "person_%zu", i);
		person = web_form(x, k);
		if (!has_text(person))
			continue;
		memset(r, 0, sizeof *r);
		text_copy(r->person, sizeof r->person, person);
		snprintf(k, sizeof k, "scheme_%zu", i);
		text_copy(r->scheme, sizeof r->scheme, page_form(x, k));
		snprintf(k, sizeof k, "months_%zu", i);
		r->months = int_parse(page_form(x, k), 1, 12 * ADVANCE_YEARS_MAX, 0, &m) ? (int)m : 0;
		snprintf(k, sizeof k, "income_%zu", i);
		text_copy(r->income, sizeof r->income, page_form(x, k));
		f->n++;
	}
	text_copy(f->payer, sizeof f->payer, page_form(x, "payer"));
	text_copy(f->referred_by, sizeof f->referred_by, page_form(x, "referred_by"));
	text_copy(f->method, sizeof f->method, page_form(x, "method"));
	text_copy(f->date, sizeof f->date, page_form(x, "date"));
	page_idem_key(x, f->idem);
}

/* Turns the form into a payment request, noting every problem of its
 * shape (the rules are app_collect_by's): false when there is one. */
static bool form_request(web_ctx_t *x, struct collect_form *f, collect_request_t *rq)
{
	size_t i;
	err_t e;
	memset(rq, 0, sizeof *rq);
	if (x->nform >= WEB_FORM_MAX)
		form_err(f, 0, web_tr(x, "money.err_too_many"));
	if (!f->n)
		form_err(f, 0, web_tr(x, "money.err_no_lines"));
	for (i = 0; i < f->n; i++) {
		struct form_row *r = &f->rows[i];
		collect_item_t *it = &rq->items[i];
		int line = (int)i + 1;
		if (!id_parse(r->person, &r->person_id)) {
			r->bad |= BAD_PERSON;
			form_err(f, line, web_tr(x, "money.err_person"));
		}
		if (strcmp(r->scheme, "bhxh") && strcmp(r->scheme, "bhyt")) {
			r->bad |= BAD_SCHEME;
			form_err(f, line, web_tr(x, "money.err_scheme"));
		}
		r->advance_years = 0;
		if (r->months > 12 && r->months % 12 == 0 && r->months / 12 >= ADVANCE_YEARS_MIN) {
			if (strcmp(r->scheme, "bhxh") == 0) {
				r->advance_years = r->months / 12;
			} else if (!(r->bad & BAD_SCHEME)) {
				r->bad |= BAD_MONTHS;
				form_err(f, line, web_tr(x, "money.err_advance_scheme"));
			}
		} else if (r->months < 1 || r->months > 12) {
			r->bad |= BAD_MONTHS;
			form_err(f, line, web_tr(x, "money.err_months"));
		}
		if (strcmp(r->scheme, "bhxh") == 0 && money_parse(r->income, strlen(r->income), &it->income, "income", &e)) {
			r->bad |= BAD_INCOME;
			form_err(f, line, err_text(&e, x->lang));
		}
		memcpy(it->scheme, r->scheme, strlen(r->scheme) < sizeof it->scheme ? strlen(r->scheme) + 1 : 1);
		it->person = r->person_id;
		it->months = r->months;
		it->advance_years = r->advance_years;
	}
	rq->n = f->n;
	if (has_text(f->payer)) {
		if (!id_parse(f->payer, &f->payer_id)) {
			f->bad_payer = true;
			form_err(f, 0, web_tr(x, "money.err_payer"));
		}
	} else if (f->n) {
		f->payer_id = f->rows[0].person_id;
	}
	rq->payer = f->payer_id;
	if (has_text(f->referred_by) && !id_parse(f->referred_by, &f->ref_id)) {
		f->bad_ref = true;
		form_err(f, 0, web_tr(x, "money.err_referrer"));
	}
	rq->referred_by = f->ref_id;
	if (strcmp(f->method, "transfer") == 0)
		memcpy(rq->method, "transfer", sizeof "transfer");
	else
		memcpy(rq->method, "cash", sizeof "cash");
	f->d = x->a->today;
	if (has_text(f->date) && date_parse_input(f->date, strlen(f->date), false, &f->d, "date", &e)) {
		f->bad_date = true;
		form_err(f, 0, err_text(&e, x->lang));
	}
	return f->nmsgs == 0;
}

/* Notes the error of a use case on the form: "items[K].field" on line
 * K + 1 (its field marked), payer, referred_by and date on theirs. */
static void form_use_case_error(web_ctx_t *x, struct collect_form *f, const err_t *e)
{
	const char *field = e->field, *dot;
	unsigned long k;
	char *end;
	if (strncmp(field, "items[", 6) == 0) {
		k = strtoul(field + 6, &end, 10);
		if (*end == ']' && k < f->n) {
			dot = end[1] == '.' ? end + 2 : "";
			if (strcmp(dot, "person") == 0)
				f->rows[k].bad |= BAD_PERSON;
			else if (strcmp(dot, "months") == 0 || strcmp(dot, "advance_years") == 0 ||
				 strcmp(dot, "rate") == 0)
				f->rows[k].bad |= BAD_MONTHS; /* the fund rate an advance needs: at its choice */
			else if (strcmp(dot, "income") == 0)
				f->rows[k].bad |= BAD_INCOME;
			else if (strcmp(dot, "scheme") == 0)
				f->rows[k].bad |= BAD_SCHEME;
			form_err(f, (int)k + 1, err_text(e, x->lang));
			return;
		}
	}
	if (strcmp(field, "payer") == 0)
		f->bad_payer = true;
	else if (strcmp(field, "referred_by") == 0)
		f->bad_ref = true;
	else if (strcmp(field, "date") == 0)
		f->bad_date = true;
	form_err(f, 0, err_text(e, x->lang));
}

/* Looks up the names of the people of the lines and of the referrer
 * (inside the caller's units; a name stays empty otherwise). */
static void form_names(web_ctx_t *x, struct collect_form *f, char *ref_name, size_t cap)
{
	person_t p;
	err_t e;
	size_t i;
	for (i = 0; i < f->n; i++) {
		struct form_row *r = &f->rows[i];
		r->name[0] = '\0';
		if (r->person_id || id_parse(r->person, &r->person_id))
			if (app_person_get(x->a, r->person_id, x->scope, x->nscope, &p, &e) == PO_OK)
				text_copy(r->name, sizeof r->name, p.full_name);
	}
	ref_name[0] = '\0';
	if ((f->ref_id || id_parse(f->referred_by, &f->ref_id)) &&
	    app_person_get(x->a, f->ref_id, x->scope, x->nscope, &p, &e) == PO_OK)
		text_copy(ref_name, cap, p.full_name);
}

/* Sets c["errors"] (each {line, message}) and c["has_errors"]. */
static void form_errors_ctx(const struct collect_form *f, json_t *c)
{
	json_t *arr = json_array();
	size_t i;
	for (i = 0; i < f->nmsgs; i++) {
		json_t *j = json_pack("{s:s}", "message", f->msgs[i]);
		if (j && f->msg_line[i] > 0)
			json_object_set_new(j, "line", json_integer(f->msg_line[i]));
		json_array_append_new(arr, j);
	}
	json_object_set_new(c, "has_errors", json_boolean(f->nmsgs > 0));
	json_object_set_new(c, "errors", arr);
}

/* One line of the form as the template shows it (index i): months[]
 * the choices 1, 3, 6, 12 and advance[] the BHXH advances of 2..5 years
 * ({v: 12 × y, y}), the chosen one marked sel (12 by default). */
static json_t *row_ctx(const struct form_row *r, size_t i)
{
	static const int choices[] = {1, 3, 6, 12};
	json_t *j = json_object(), *months = json_array(), *advance = json_array();
	int y;
	int sel = r->months ? r->months : 12;
	size_t k;
	bool bhxh = strcmp(r->scheme, "bhxh") == 0;
	json_object_set_new(j, "i", json_integer((json_int_t)i));
	json_object_set_new(j, "n", json_integer((json_int_t)i + 1));
	json_object_set_new(j, "person", json_string(r->person));
	json_object_set_new(j, "name", json_string(r->name));
	json_object_set_new(j, bhxh ? "bhxh" : "bhyt", json_true());
	for (k = 0; k < sizeof choices / sizeof choices[0]; k++)
		json_array_append_new(months, json_pack("{s:i,s:b}", "v", choices[k], "sel", choices[k] == sel));
	json_object_set_new(j, "months", months);
	for (y = ADVANCE_YEARS_MIN; y <= ADVANCE_YEARS_MAX; y++)
		json_array_append_new(advance, json_pack("{s:i,s:i,s:b}", "v", 12 * y, "y", y, "sel", 12 * y == sel));
	json_object_set_new(j, "advance", advance);
	json_object_set_new(j, "income", json_string(r->income));
	if (r->err)
		json_object_set_new(j, "err", json_string(r->err));
	if (r->bad & BAD_PERSON)
		json_object_set_new(j, "err_person", json_true());
	if (r->bad & BAD_SCHEME)
		json_object_set_new(j, "err_scheme", json_true());
	if (r->bad & BAD_MONTHS)
		json_object_set_new(j, "err_months", json_true());
	if (r->bad & BAD_INCOME)
		json_object_set_new(j, "err_income", json_true());
	return j;
}

/* The edit form's part of the collect page context: rows (the lines
 * and spare empty ones), payer options, referrer, method, date. */
static void form_edit_ctx(web_ctx_t *x, struct collect_form *f, json_t *c)
{
	char ref_name[NAME_BYTES_MAX + 1];
	json_t *rows = json_array(), *payers = json_array();
	struct form_row blank;
	size_t i, shown = f->n + ROWS_SPARE;
	if (shown < ROWS_MIN)
		shown = ROWS_MIN;
	if (shown > ROWS_MAX)
		shown = ROWS_MAX;
	form_names(x, f, ref_name, sizeof ref_name);
	memset(&blank, 0, sizeof blank);
	memcpy(blank.scheme, "bhyt", 5);
	blank.months = 12;
	for (i = 0; i < shown; i++)
		json_array_append_new(rows, row_ctx(i < f->n ? &f->rows[i] : &blank, i));
	for (i = 0; i < f->n; i++) {
		const struct form_row *r = &f->rows[i];
		size_t k;
		bool dup = false;
		if (!r->person_id)
			continue;
		for (k = 0; k < i; k++)
			dup = dup || f->rows[k].person_id == r->person_id;
		if (!dup)
			json_array_append_new(payers, json_pack("{s:I,s:s,s:b}", "id", (json_int_t)r->person_id, "name",
								r->name[0] ? r->name : r->person, "sel",
								has_text(f->payer) && r->person_id == f->payer_id));
	}
	json_object_set_new(c, "rows", rows);
	json_object_set_new(c, "idem", json_string(f->idem));
	json_object_set_new(c, "rows_max", json_integer(ROWS_MAX));
	json_object_set_new(c, "payer_options", payers);
	json_object_set_new(c, "referred_by", json_string(f->referred_by));
	json_object_set_new(c, "referrer_name", json_string(ref_name));
	json_object_set_new(c, strcmp(f->method, "transfer") == 0 ? "transfer" : "cash", json_true());
	if (has_text(f->date) && !f->bad_date)
		page_date(c, "date", f->d);
	else if (has_text(f->date))
		json_object_set_new(c, "date", json_string(f->date));
	else
		page_date(c, "date", x->a->today);
	page_date(c, "date_min", date_add_days(x->a->today, -COLLECT_BACKDATE_DAYS));
	page_date(c, "date_max", x->a->today);
	if (f->bad_payer)
		json_object_set_new(c, "err_payer", json_true());
	if (f->bad_ref)
		json_object_set_new(c, "err_referrer", json_true());
	if (f->bad_date)
		json_object_set_new(c, "err_date", json_true());
}

/* Adds {name, value} to the array of hidden fields. */
static void hidden_add(json_t *arr, const char *name, const char *value)
{
	json_array_append_new(arr, json_pack("{s:s,s:s}", "name", name, "value", value));
}

/* The review part of the collect page: the preview v and the form's
 * fields carried hidden to the confirmation. */
static void form_review_ctx(web_ctx_t *x, const struct collect_form *f, const receipt_view_t *v, json_t *c)
{
	json_t *hidden = json_array(), *view = view_ctx(x, v);
	char k[32], num[32];
	size_t i;
	person_t p;
	err_t e;
	for (i = 0; i < f->n; i++) {
		const struct form_row *r = &f->rows[i];
		snprintf(k, sizeof k, "person_%zu", i);
		snprintf(num, sizeof num, "%lld", (long long)r->person_id);
		hidden_add(hidden, k, num);
		snprintf(k, sizeof k, "scheme_%zu", i);
		hidden_add(hidden, k, r->scheme);
		snprintf(k, sizeof k, "months_%zu", i);
		snprintf(num, sizeof num, "%d", r->months);
		hidden_add(hidden, k, num);
		if (strcmp(r->scheme, "bhxh") == 0) {
			snprintf(k, sizeof k, "income_%zu", i);
			hidden_add(hidden, k, r->income);
		}
	}
	snprintf(num, sizeof num, "%lld", (long long)f->payer_id);
	hidden_add(hidden, "payer", num);
	if (f->ref_id) {
		snprintf(num, sizeof num, "%lld", (long long)f->ref_id);
		hidden_add(hidden, "referred_by", num);
		if (app_person_get(x->a, f->ref_id, x->scope, x->nscope, &p, &e) == PO_OK)
			json_object_set_new(view, "referrer_name", json_string(p.full_name));
		else
			json_object_set_new(view, "referrer_name", json_string(f->referred_by));
	}
	hidden_add(hidden, "method", strcmp(f->method, "transfer") == 0 ? "transfer" : "cash");
	date_format_iso(f->d, num);
	hidden_add(hidden, "date", num);
	hidden_add(hidden, "idem", f->idem);
	notes_ctx(x, f->d, v, c);
	json_object_set_new(c, "review", json_true());
	json_object_set_new(c, "view", view);
	json_object_set_new(c, "hidden", hidden);
}

/* The search part of the collect page (GET): the people matching q
 * with links that add one as a line (keep: the query of the lines
 * chosen so far) or as the referrer (keep_noref). */
static void find_ctx(web_ctx_t *x, const struct collect_form *f, const char *q, json_t *c)
{
	json_t *keep_fields = json_array(), *results;
	search_result_t res;
	buf_t keep, noref;
	char num[32];
	err_t e;
	size_t i;
	buf_init(&keep, QUERY_MAX);
	buf_init(&noref, QUERY_MAX);
	for (i = 0; i < f->n; i++) {
		snprintf(num, sizeof num, "%lld", (long long)f->rows[i].person_id);
		q_add(&keep, "person", num);
		q_add(&noref, "person", num);
		hidden_add(keep_fields, "person", num);
	}
	if (f->ref_id) {
		snprintf(num, sizeof num, "%lld", (long long)f->ref_id);
		q_add(&keep, "ref", num);
		hidden_add(keep_fields, "ref", num);
	}
	json_object_set_new(c, "keep", json_string(buf_cstr(&keep)));
	json_object_set_new(c, "keep_noref", json_string(buf_cstr(&noref)));
	json_object_set_new(c, "keep_fields", keep_fields);
	buf_free(&keep);
	buf_free(&noref);
	json_object_set_new(c, "q", json_string(q ? q : ""));
	if (!has_text(q))
		return;
	json_object_set_new(c, "searched", json_true());
	memset(&res, 0, sizeof res);
	if (web_search_check(x, q, &e) != PO_OK || people_search(x->a, q, x->scope, x->nscope, FIND_LIMIT, &res, &e) != PO_OK) {
		json_object_set_new(c, "results", json_array());
		json_object_set_new(c, "has_errors", json_true());
		json_object_set_new(c, "errors", json_pack("[{s:s}]", "message", err_text(&e, x->lang)));
		return;
	}
	results = json_array();
	for (i = 0; i < res.n; i++) {
		json_t *j = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)res.items[i].id, "full_name", res.items[i].full_name,
				      "unit_code", res.items[i].unit_code);
		if (j)
			page_date(j, "dob", res.items[i].dob);
		json_array_append_new(results, j);
	}
	search_result_free(&res);
	json_object_set_new(c, "results", results);
}

/* Adds to f one line per entry of household id's due list ("Thu cho
 * cả hộ": app_household_due, the due list's rules): each member due for
 * BHYT or BHXH, with that scheme (BHXH lines wait for the income).  Sets
 * c["household_none"] when nobody is due.  False when the page is
 * already answered (the household is unknown or outside the caller's
 * units: 404; c is consumed then). */
static bool household_lines(web_ctx_t *x, struct collect_form *f, int64_t id, json_t *c)
{
	due_item_t due[HOUSEHOLD_DUE_MAX];
	size_t n = 0, i, k;
	err_t e;
	int rc = app_household_due(x->a, id, x->scope, x->nscope, x->a->today, HOUSEHOLD_DUE_DAYS, due,
				   HOUSEHOLD_DUE_MAX, &n, &e);
	if (rc) {
		json_decref(c);
		web_fail(x, rc, &e);
		return false;
	}
	for (i = 0; i < n && f->n < ROWS_MAX; i++) {
		struct form_row *r;
		bool seen = false;
		for (k = 0; k < f->n; k++)
			seen |= f->rows[k].person_id == due[i].p.id && strcmp(f->rows[k].scheme, due[i].scheme) == 0;
		if (seen)
			continue;
		r = &f->rows[f->n++];
		memset(r, 0, sizeof *r);
		snprintf(r->person, sizeof r->person, "%lld", (long long)due[i].p.id);
		r->person_id = due[i].p.id;
		snprintf(r->scheme, sizeof r->scheme, "%s", due[i].scheme);
		r->months = 12;
	}
	json_object_set_new(c, "household_id", json_integer(id));
	if (n == 0)
		json_object_set_new(c, "household_none", json_true());
	return true;
}

/* See handlers.h: GET /collect?person=ID&…&payer=ID&ref=ID&household=ID&q=TEXT: the
 * payment form with a line for each person named (person, repeated,
 * or payer, from a person's page), the referrer, and the people
 * matching q. */
void page_collect(web_ctx_t *x)
{
	struct collect_form *f = calloc(1, sizeof *f);
	json_t *c = money_ctx(x, "money.collect_title");
	int64_t id;
	size_t i;
	if (!f || !c) {
		free(f);
		json_decref(c);
		web_page(x, 500, "collect", NULL);
		return;
	}
	if (id_parse(web_query(x, "payer"), &id)) {
		form_add_person(f, id);
		snprintf(f->payer, sizeof f->payer, "%lld", (long long)id);
		f->payer_id = id;
	}
	for (i = 0; i < x->rq->nquery; i++)
		if (strcmp(x->rq->query[i].k, "person") == 0 && id_parse(x->rq->query[i].v, &id))
			form_add_person(f, id);
	if (id_parse(web_query(x, "household"), &id) && !household_lines(x, f, id, c)) {
		free(f);
		return;
	}
	if (id_parse(web_query(x, "ref"), &id)) {
		f->ref_id = id;
		snprintf(f->referred_by, sizeof f->referred_by, "%lld", (long long)id);
	}
	memcpy(f->method, "cash", sizeof "cash");
	page_idem_key(x, f->idem);
	find_ctx(x, f, web_query(x, "q"), c);
	form_edit_ctx(x, f, c);
	if (!json_object_get(c, "has_errors"))
		form_errors_ctx(f, c);
	web_page(x, 200, "collect", c);
	free(f);
}

/* See handlers.h: POST /collect (do=preview|edit|confirm): preview
 * computes the payment (app_collect_by without recording) and shows it
 * for review; edit shows the form again; confirm records it and
 * redirects (303) to the printable receipt.  Problems show the form
 * again (422) with each message at its line. */
void page_collect_post(web_ctx_t *x)
{
	struct collect_form *f = calloc(1, sizeof *f);
	collect_request_t *rq = malloc(sizeof *rq);
	receipt_view_t *v = malloc(sizeof *v);
	json_t *c = money_ctx(x, "money.collect_title");
	const char *act = page_form(x, "do");
	bool record = strcmp(act, "confirm") == 0, edit = strcmp(act, "edit") == 0;
	unsigned status = 200;
	char loc[64];
	err_t e;
	int rc;
	if (!f || !rq || !v || !c) {
		web_page(x, 500, "collect", NULL);
		goto out;
	}
	form_read(x, f);
	if (!form_request(x, f, rq)) {
		status = 422;
	} else if (!edit) {
		if (record) {
			/* the form's key: confirming twice gives the first receipt */
			static const int created = 201;
			app_idem_t k;
			json_t *canon = app_collect_canon(rq, f->d);
			rc = app_idem_init(&k, f->idem, "collect.form", 0, canon, web_idem_receipt, (void *)&created, &e);
			json_decref(canon);
			if (!rc)
				rc = app_collect_by_k(x->a, x->u, f->d, rq, &k, v, &e);
			if (!rc)
				v->h.r.id = k.rec.entity_id;
			app_idem_free(&k);
			if (rc == PO_ECONFLICT)
				page_idem_key(NULL, f->idem); /* a new form: a new key */
		} else {
			rc = app_collect_by(x->a, x->u, f->d, rq, record, v, &e);
		}
		if (rc) {
			form_use_case_error(x, f, &e);
			status = web_status_of(rc);
			if (status == 404)
				status = 422;
		} else if (record) {
			snprintf(loc, sizeof loc, "/receipts/%lld", (long long)v->h.r.id);
			web_redirect(x, loc);
			goto out;
		} else {
			form_review_ctx(x, f, v, c);
			web_page(x, 200, "collect", c);
			c = NULL;
			goto out;
		}
	}
	find_ctx(x, f, NULL, c);
	form_edit_ctx(x, f, c);
	form_errors_ctx(f, c);
	web_page(x, status, "collect", c);
	c = NULL;
out:
	json_decref(c);
	free(v);
	free(rq);
	free(f);
}

/* ---- remittance ---- */

/* Renders the remittance page at status: the cash of the collector
 * asked for (?collector=, the caller by default), an error (NULL for
 * none) and, after a remittance, what it handed over (done, consumed)
 * or that there was nothing to hand over. */
static void remit_render(web_ctx_t *x, unsigned status, const char *error, json_t *done, bool nothing)
{
	const char *asked = web_query(x, "collector");
	json_t *c = money_ctx(x, "money.remit_title"), *cash;
	cash_sum_t s;
	err_t e;
	bool own;
	int rc;
	if (!c) {
		json_decref(done);
		web_page(x, 500, "remit", NULL);
		return;
	}
	if (!has_text(asked))
		asked = NULL;
	rc = app_cash_by(x->a, x->u, x->scope, x->nscope, asked, &s, &e);
	if (rc) {
		json_object_set_new(c, "error", json_string(err_text(&e, x->lang)));
		status = web_status_of(rc);
	} else {
		own = strcasecmp(s.collector, x->u->username) == 0;
		cash = json_pack("{s:s,s:I,s:b}", "collector", s.collector, "receipts", (json_int_t)s.receipts, "has_cash",
				 s.collected - s.remitted != 0);
		if (cash) {
			page_money(cash, "collected", s.collected);
			page_money(cash, "remitted", s.remitted);
			page_money(cash, "on_hand", s.collected - s.remitted);
		}
		json_object_set_new(c, "cash", cash);
		json_object_set_new(c, "own", json_boolean(own));
	}
	if (error)
		json_object_set_new(c, "error", json_string(error));
	if (done)
		json_object_set_new(c, "done", done);
	json_object_set_new(c, "nothing", json_boolean(nothing));
	json_object_set_new(c, "can_ask", json_boolean(x->u->role != UROLE_COLLECTOR));
	if (x->u->role != UROLE_COLLECTOR)
		json_object_set_new(c, "collectors", collector_options(x, asked));
	json_object_set_new(c, "asked", json_string(asked ? asked : ""));
	web_page(x, status, "remit", c);
}

/* See handlers.h: GET /remit[?collector=NAME]: cash on hand (valid
 * receipts, collected, remitted, on hand) and the button that hands it
 * over; after a remittance (?done=ID&n=&amount=&commission=, from the
 * redirect of POST /remit) what was handed over, or ?nothing=1. */
void page_remit(web_ctx_t *x)
{
	int64_t id = 0;
	long n = 0;
	money_t amount = 0, commission = 0;
	json_t *done = NULL;
	const char *s;
	err_t e;
	if (id_parse(web_query(x, "done"), &id)) {
		done = json_pack("{s:I}", "id", (json_int_t)id);
		if (done && int_parse(web_query(x, "n"), 0, 1000000000L, 0, &n))
			page_count(done, "receipts", n);
		s = web_query(x, "amount");
		if (done && s && money_parse(s, strlen(s), &amount, "amount", &e) == PO_OK)
			page_money(done, "amount", amount);
		s = web_query(x, "commission");
		if (done && s && money_parse(s, strlen(s), &commission, "commission", &e) == PO_OK)
			page_money(done, "commission", commission);
	}
	remit_render(x, 200, NULL, done, web_query(x, "nothing") != NULL);
}

/* See handlers.h: POST /remit [date]: hands over the caller's receipts
 * not yet remitted (app_remit_by), dated today unless the form gives a
 * date (not after today), then redirects (303) to /remit showing the remittance's id,
 * receipts, amount and commission.  A bad date or a refusal shows the
 * page again with the message (422). */
void page_remit_post(web_ctx_t *x)
{
	const char *ds = page_form(x, "date");
	remittance_sum_t m;
	char loc[WEB_LOCATION_MAX];
	date_t d = x->a->today;
	err_t e;
	int rc = PO_OK;
	if (has_text(ds))
		rc = date_parse_input(ds, strlen(ds), false, &d, "date", &e);
	if (!rc && date_cmp(d, x->a->today) > 0) {
		char di[DATE_ISO_LEN + 1], ti[DATE_ISO_LEN + 1];
		date_format_vn(d, di);
		date_format_vn(x->a->today, ti);
		rc = err_set(&e, PO_EINVAL, "date", MSG_DATE_FUTURE, di, ti);
	}
	if (!rc)
		rc = app_remit_by(x->a, x->u, d, &m, &e);
	if (rc) {
		remit_render(x, web_status_of(rc), err_text(&e, x->lang), NULL, false);
		return;
	}
	if (!m.id) {
		web_redirect(x, "/remit?nothing=1");
		return;
	}
	snprintf(loc, sizeof loc, "/remit?done=%lld&n=%lld&amount=%lld&commission=%lld", (long long)m.id,
		 (long long)m.receipts, (long long)m.amount, (long long)m.commission);
	web_redirect(x, loc);
}

/* ---- 1+1 ---- */

/* A completion rate in basis points as "50 %" or "33,33 %". */
static void rate_text(int64_t bp, char *out, size_t cap)
{
	if (bp % 100)
		snprintf(out, cap, "%lld,%02lld %%", (long long)(bp / 100), (long long)(bp % 100));
	else
		snprintf(out, cap, "%lld %%", (long long)(bp / 100));
}

/* The person chosen for form field k of the 1+1 form: the posted
 * value, else the query's (from a choice of the name search), else "". */
static const char *picked(web_ctx_t *x, const char *k)
{
	const char *v = page_form(x, k);
	if (has_text(v))
		return v;
	v = web_query(x, k);
	return v ? v : "";
}

/* Sets f[name_key] to the full name of the person whose id is f[id_key],
 * when she is inside the caller's units (else nothing: an outside id
 * shows no name, as an unknown one). */
static void pick_name(web_ctx_t *x, json_t *f, const char *id_key, const char *name_key)
{
	person_t p;
	int64_t id;
	err_t e;
	if (id_parse(json_string_value(json_object_get(f, id_key)), &id) &&
	    app_person_get(x->a, id, x->scope, x->nscope, &p, &e) == PO_OK)
		json_object_set_new(f, name_key, json_string(p.full_name));
}

/* The 1+1 form's name search without script (GET /referrals?q=NAME):
 * c["q"], c["searched"] and c["results"] (id, full_name, dob,
 * unit_code) of the people of the caller's units matching q. */
static void pick_results(web_ctx_t *x, json_t *c, const char *q)
{
	search_result_t res;
	json_t *arr;
	err_t e;
	size_t i;
	json_object_set_new(c, "q", json_string(q ? q : ""));
	if (!has_text(q))
		return;
	json_object_set_new(c, "searched", json_true());
	memset(&res, 0, sizeof res);
	arr = json_array();
	if (people_search(x->a, q, x->scope, x->nscope, FIND_LIMIT, &res, &e) == PO_OK) {
		for (i = 0; i < res.n; i++) {
			json_t *j = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)res.items[i].id, "full_name",
					      res.items[i].full_name, "unit_code", res.items[i].unit_code);
			if (j)
				page_date(j, "dob", res.items[i].dob);
			json_array_append_new(arr, j);
		}
		search_result_free(&res);
	}
	json_object_set_new(c, "results", arr);
}

/* What the units walk gathers for a unit picker. */
struct unit_opts {
	json_t *arr;
	const char *sel;
};

/* app_units_list callback: one option {code, name, sel}. */
static int unit_opt(const unit_view_t *v, void *ctx)
{
	struct unit_opts *o = ctx;
	json_array_append_new(o->arr, json_pack("{s:s,s:s,s:b}", "code", v->u.code, "name", v->u.name, "sel",
						   strcmp(v->u.code, o->sel) == 0));
	return 0;
}

/* The units of the caller's units in force today as options of a unit
 * picker by name ({code, name, sel}: sel for the code `selected`). */
static json_t *unit_options(web_ctx_t *x, const char *selected)
{
	struct unit_opts o = {json_array(), selected ? selected : ""};
	err_t e;
	app_units_list(x->a, x->scope, x->nscope, x->a->today, false, unit_opt, &o, &e);
	return o.arr;
}

/* Renders the 1+1 page at status for the unit asked for (?unit=, the
 * caller's by default), with an error (NULL for none) and the fields
 * of the referral form as typed (from the form, when there is one). */
static void referrals_render(web_ctx_t *x, unsigned status, const char *error)
{
	const char *unit = web_query(x, "unit"), *rel = page_form(x, "relation");
	json_t *c = money_ctx(x, "ref.title"), *s, *top, *f;
	referral_summary_t sum;
	char rate[32];
	unit_t u;
	err_t e;
	size_t i;
	int rc;
	if (!c) {
		web_page(x, 500, "referrals", NULL);
		return;
	}
	rc = app_referral_summary_by(x->a, x->u, x->scope, x->nscope, has_text(unit) ? unit : NULL, &u, &sum, &e);
	if (rc) {
		json_object_set_new(c, "error", json_string(err_text(&e, x->lang)));
		json_object_set_new(c, "unit", json_pack("{s:s}", "code", unit ? unit : ""));
		status = web_status_of(rc);
	} else {
		rate_text(sum.completion_bp, rate, sizeof rate);
		s = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:s}", "pairs", (json_int_t)sum.pairs, "mobilizers",
			      (json_int_t)sum.mobilizers, "longest_chain", (json_int_t)sum.longest_chain, "enrolled",
			      (json_int_t)sum.enrolled, "enrolled_max", (json_int_t)(sum.enrolled > 0 ? sum.enrolled : 1),
			      "brought", (json_int_t)sum.brought, "rate", rate);
		top = json_array();
		for (i = 0; i < sum.ntop; i++)
			json_array_append_new(top, json_pack("{s:I,s:I,s:s,s:I,s:b}", "rank", (json_int_t)i + 1, "person",
							     (json_int_t)sum.top[i].person, "full_name",
							     sum.top[i].full_name, "mobilized", (json_int_t)sum.top[i].mobilized,
							     "outside", !sum.top[i].full_name[0]));
		json_object_set_new(c, "s", s);
		json_object_set_new(c, "top", top);
		json_object_set_new(c, "unit", json_pack("{s:s,s:s}", "code", u.code, "name", u.name));
	}
	if (error)
		json_object_set_new(c, "error", json_string(error));
	if (web_query(x, "added"))
		json_object_set_new(c, "added", json_true());
	f = json_pack("{s:s,s:s,s:b,s:b,s:b,s:b}", "person", picked(x, "person"), "referrer", picked(x, "referrer"),
		      "family", strcmp(rel, "family") == 0, "neighbour", strcmp(rel, "neighbour") == 0, "friend",
		      strcmp(rel, "friend") == 0, "other", !*rel || strcmp(rel, "other") == 0);
	if (f) {
		pick_name(x, f, "person", "person_name");
		pick_name(x, f, "referrer", "referrer_name");
		if (has_text(page_form(x, "date")))
			json_object_set_new(f, "date", json_string(page_form(x, "date")));
		else
			page_date(f, "date", x->a->today);
	}
	json_object_set_new(c, "f", f);
	set_iso(c, "today", x->a->today);
	pick_results(x, c, web_query(x, "q"));
	json_object_set_new(c, "units", unit_options(x, has_text(unit) ? unit : x->u->unit_code));
	web_page(x, status, "referrals", c);
}

/* See handlers.h: GET /referrals[?unit=CODE]: the 1+1 figures of the
 * unit (the caller's by default): pairs, mobilisers, completion rate,
 * longest chain, the leaderboard linking to each person. */
void page_referrals(web_ctx_t *x)
{
	referrals_render(x, 200, NULL);
}

/* POST /referrals (person, referrer, relation, date): records who
 * brought whom for the caller (app_referral_add_by) and redirects to
 * /referrals?added=1; a problem shows the page again with it (422, 409
 * when she already has a referrer).  With JavaScript, money.js sends the
 * same form to POST /api/v1/referrals instead. */
void page_referrals_post(web_ctx_t *x)
{
	int64_t person = 0, referrer = 0;
	const char *rel = page_form(x, "relation"), *ds = page_form(x, "date");
	date_t d = x->a->today;
	err_t e;
	int rc = PO_OK;
	if (!id_parse(page_form(x, "person"), &person))
		rc = err_set(&e, PO_EINVAL, "person", MSG_CLI_JSON_FIELD, web_tr(x, "ref.person"));
	else if (!id_parse(page_form(x, "referrer"), &referrer))
		rc = err_set(&e, PO_EINVAL, "referrer", MSG_CLI_JSON_FIELD, web_tr(x, "ref.referrer"));
	else if (has_text(ds))
		rc = date_parse_input(ds, strlen(ds), false, &d, "date", &e);
	if (!rc)
		rc = app_referral_add_by(x->a, x->u, x->scope, x->nscope, person, referrer, *rel ? rel : "other", d, &e);
	if (rc) {
		referrals_render(x, web_status_of(rc) == 404 ? 422 : web_status_of(rc), err_text(&e, x->lang));
		return;
	}
	web_redirect(x, "/referrals?added=1");
}

/* ---- due list ---- */

/* The name a person is greeted by: the words after the middle name
 * "Thị" or "Văn" when there is one ("Thạch Thị Sa Ly" → "Sa Ly"), else
 * the last word ("Nguyễn Lan" → "Lan"). */
static void given_name(const char *full, char *out, size_t cap)
{
	static const char *const middles[] = {" Thị ", " Văn "};
	const char *start = NULL, *p;
	size_t i;
	for (i = 0; i < sizeof middles / sizeof middles[0]; i++) {
		const char *m = full;
		while ((p = strstr(m, middles[i])) != NULL) {
			if (p[strlen(middles[i])] && (!start || p + strlen(middles[i]) > start))
				start = p + strlen(middles[i]);
			m = p + 1;
		}
	}
	if (!start) {
		p = strrchr(full, ' ');
		start = p && p[1] ? p + 1 : full;
	}
	text_copy(out, cap, start);
}

/* The reminder for one person due, always in Vietnamese (it is sent to
 * her): greeted as chị or anh by her given name, the date as
 * DD/MM/YYYY: "Chào chị Lan, thẻ BHYT của chị hết hạn ngày 30/08/2026.
 * …". */
static void due_reminder(const due_item_t *d, date_t today, char *out, size_t cap)
{
	char name[NAME_BYTES_MAX + 1], last[32];
	const char *pr = d->p.sex == SEX_M ? "anh" : "chị", *Pr = d->p.sex == SEX_M ? "Anh" : "Chị";
	given_name(d->p.full_name, name, sizeof name);
	snprintf(last, sizeof last, "%02d/%02d/%04d", d->last.d, d->last.m, d->last.y);
	if (strcmp(d->scheme, "bhxh") == 0)
		snprintf(out, cap,
			 "Chào %s %s, kỳ đóng BHXH tự nguyện của %s đã hết ngày %s. %s nhớ đóng tiếp để giữ thời gian "
			 "tham gia và khoản hỗ trợ của Nhà nước. Cần hỗ trợ, %s cứ liên hệ cộng tác viên nhé.",
			 pr, name, pr, last, Pr, pr);
	else if (date_cmp(d->last, today) < 0)
		snprintf(out, cap,
			 "Chào %s %s, thẻ BHYT của %s đã hết hạn ngày %s. %s nhớ gia hạn sớm để được khám chữa bệnh "
			 "theo BHYT. Cần hỗ trợ, %s cứ liên hệ cộng tác viên nhé.",
			 pr, name, pr, last, Pr, pr);
	else
		snprintf(out, cap,
			 "Chào %s %s, thẻ BHYT của %s hết hạn ngày %s. %s nhớ gia hạn trước ngày này để khám chữa bệnh "
			 "không bị gián đoạn. Cần hỗ trợ, %s cứ liên hệ cộng tác viên nhé.",
			 pr, name, pr, last, Pr, pr);
}

struct due_out {
	web_ctx_t *x;
	json_t *items;
	size_t skip, left, k;
};

/* Appends one person due while the page has room (app_due_by
 * callback). */
static int due_row(const due_item_t *d, void *ctx)
{
	struct due_out *o = ctx;
	char msg[REMIND_MAX];
	json_t *j;
	if (o->skip) {
		o->skip--;
		return 0;
	}
	if (!o->left)
		return WALK_STOP;
	o->left--;
	due_reminder(d, o->x->a->today, msg, sizeof msg);
	j = json_pack("{s:I,s:I,s:s,s:s,s:s,s:b,s:I,s:s}", "k", (json_int_t)++o->k, "person", (json_int_t)d->p.id,
		      "full_name", d->p.full_name, "phone", d->p.phone, "scheme", scheme_label(o->x, d->scheme),
		      "expired", date_cmp(d->last, o->x->a->today) < 0, "days_left",
		      (json_int_t)(date_to_days(d->last) - date_to_days(o->x->a->today)), "reminder", msg);
	if (j)
		page_date(j, "last", d->last);
	json_array_append_new(o->items, j);
	return 0;
}

/* The query of page `page` of the due list: "days=D&unit=CODE&page=N". */
static json_t *due_query(long days, const char *unit, long page)
{
	json_t *j;
	buf_t b;
	buf_init(&b, QUERY_MAX);
	q_add_int(&b, "days", days);
	if (has_text(unit))
		q_add(&b, "unit", unit);
	q_add_int(&b, "page", page);
	j = q_json(&b);
	buf_free(&b);
	return j;
}

/* See handlers.h: GET /due?days=30&unit=CODE&page=N: who in the unit
 * (the caller's by default) must pay soon, DUE_PAGE a page, each with a
 * tel: link and a reminder ready to copy. */
void page_due(web_ctx_t *x)
{
	const char *unit = web_query(x, "unit");
	struct due_out o = {x, json_array(), 0, DUE_PAGE, 0};
	json_t *c = money_ctx(x, "due.title");
	long days = 30, page = 1;
	size_t total = 0;
	unit_t u;
	err_t e;
	int rc = PO_OK;
	if (!c) {
		json_decref(o.items);
		web_page(x, 500, "due", NULL);
		return;
	}
	if (!int_parse(web_query(x, "days"), 0, DUE_DAYS_MAX, 30, &days))
		rc = err_set(&e, PO_EINVAL, "days", MSG_DUE_DAYS, DUE_DAYS_MAX);
	if (!rc && !int_parse(web_query(x, "page"), 1, 100000, 1, &page))
		rc = err_set(&e, PO_EINVAL, "page", MSG_CLI_JSON_FIELD, "page");
	o.skip = (size_t)(page - 1) * DUE_PAGE;
	memset(&u, 0, sizeof u);
	if (!rc)
		rc = app_due_by(x->a, x->u, x->scope, x->nscope, has_text(unit) ? unit : NULL, x->a->today, (int)days,
				due_row, &o, &u, &total, &e);
	if (rc == WALK_STOP)
		rc = PO_OK;
	json_object_set_new(c, "days", json_integer(days));
	if (rc)
		json_object_set_new(c, "unit", json_pack("{s:s}", "code", unit ? unit : ""));
	else
		json_object_set_new(c, "unit", json_pack("{s:s,s:s}", "code", u.code, "name", u.name));
	page_count(c, "total", (int64_t)total);
	if (!total)
		json_object_set_new(c, "total", json_integer(0));
	json_object_set_new(c, "from", json_integer((json_int_t)(page - 1) * DUE_PAGE + 1));
	json_object_set_new(c, "to", json_integer((json_int_t)(page - 1) * DUE_PAGE + (json_int_t)o.k));
	json_object_set_new(c, "items", o.items);
	if (rc)
		json_object_set_new(c, "error", json_string(err_text(&e, x->lang)));
	if (page > 1)
		json_object_set_new(c, "prev", due_query(days, unit, page - 1));
	if ((size_t)page * DUE_PAGE < total)
		json_object_set_new(c, "next", due_query(days, unit, page + 1));
	json_object_set_new(c, "pager", json_boolean(page > 1 || (size_t)page * DUE_PAGE < total));
	json_object_set_new(c, "units", unit_options(x, has_text(unit) ? unit : x->u->unit_code));
	web_page(x, rc ? web_status_of(rc) : 200, "due", c);
}
