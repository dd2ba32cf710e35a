/* page_admin.c: the administration pages (admins only, by the route
 * table): the users of the admin's units (list, add, change one) and
 * the audit log (see handlers.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts.h"
#include "report/json_accounts.h"
#include "web/handlers.h"
#include "web/ui_text.h"
#include "web/pages.h"

#define USERS_SHOWN 150     /* logins listed on one page at most (the rest: filter by name) */
#define AUDIT_PAGE 40       /* audit entries on one page */
#define AUDIT_DETAIL_MAX 400 /* bytes of an entry's detail shown */
#define AUDIT_VALUE_MAX 160  /* bytes of one value of a detail shown */
#define WALK_STOP 1000      /* a walk callback's "enough" (distinct from every PO_* code) */

/* Sets o["r_<role>"] to true for role r, so templates pick the label
 * and the selected option without code (partials _role and
 * _role_options). */
static void set_role_flag(json_t *o, enum user_role r)
{
	char k[24];
	snprintf(k, sizeof k, "r_%s", user_role_name(r));
	json_object_set_new(o, k, json_true());
}

/* What the user list walks with. */
struct users_walk {
	json_t *items;
	const char *q;       /* only usernames containing it ("" for all) */
	int64_t edit_id;     /* the login whose form is open (0: none) */
	json_t *edit;        /* set to her row when met */
	size_t shown;
	bool more;           /* stopped at USERS_SHOWN */
};

/* app_user_list callback: one row per login matching the filter. */
static int users_row(const user_t *u, void *ctx)
{
	struct users_walk *w = ctx;
	json_t *o;
	if (w->q[0] && !strstr(u->username, w->q))
		return 0;
	if (w->shown == USERS_SHOWN) {
		w->more = true;
		return WALK_STOP;
	}
	o = json_pack("{s:I,s:s,s:s,s:b,s:s}", "id", (json_int_t)u->id, "username", u->username, "unit_code",
		      u->unit_code, "disabled", u->disabled, "full_name", u->full_name);
	if (!o)
		return WALK_STOP;
	set_role_flag(o, u->role);
	if (u->id == w->edit_id) {
		json_object_set_new(o, "editing", json_true());
		w->edit = json_deep_copy(o);
	}
	json_array_append_new(w->items, o);
	w->shown++;
	return 0;
}

/* Renders the users page at status into context c (consumed; may hold
 * "err", "v" for the add form, "ev" for the typed values of the open
 * edit form): the list, the add form and, for edit_id, that user's
 * form.  A login outside the admin's units is not listed, so editing it
 * shows no form. */
static void users_page(web_ctx_t *x, unsigned status, json_t *c, int64_t edit_id)
{
	const char *done = web_query(x, "done"), *q = web_query(x, "q");
	struct users_walk w = {json_array(), q ? q : "", edit_id, NULL, 0, false};
	json_t *ev = json_object_get(c, "ev"), *add;
	err_t e;
	int rc;
	rc = app_user_list(x->a, x->scope, x->nscope, users_row, &w, &e);
	if (rc == WALK_STOP)
		rc = PO_OK;
	if (rc) {
		json_decref(w.items);
		json_decref(w.edit);
		json_decref(c);
		web_fail(x, rc, &e);
		return;
	}
	json_object_set_new(c, "users", w.items);
	json_object_set_new(c, "q", json_string(w.q));
	if (w.more)
		json_object_set_new(c, "more", json_true());
	if (w.edit) {
		if (ev) { /* the form comes back: what she typed, not what is stored */
			json_object_del(w.edit, "r_admin");
			json_object_del(w.edit, "r_officer");
			json_object_del(w.edit, "r_union");
			json_object_del(w.edit, "r_collector");
			json_object_del(w.edit, "r_viewer");
			json_object_update(w.edit, ev);
		}
		json_object_set_new(c, "edit", w.edit);
	}
	if (edit_id > 0) { /* the language switch comes back to this form, not to the POST's address */
		char here[48];
		snprintf(here, sizeof here, "/users?edit=%lld", (long long)edit_id);
		json_object_set_new(c, "here", json_string(here));
	}
	if (!json_object_get(c, "v")) {
		add = json_pack("{s:s,s:s,s:s,s:b}", "username", "", "unit_code", "", "full_name", "", "r_collector", 1);
		json_object_set_new(c, "v", add);
	}
	if (done && strcmp(done, "add") == 0)
		json_object_set_new(c, "done_add", json_true());
	if (done && strcmp(done, "update") == 0)
		json_object_set_new(c, "done_update", json_true());
	web_page(x, status, "users", c);
}

/* GET /users[?q=TEXT][&edit=ID][&done=add|update]: the logins of the
 * admin's units, the form to add one and, with edit, the form of one. */
void page_users(web_ctx_t *x)
{
	users_page(x, 200, page_ctx(x, "users.title"), page_id(web_query(x, "edit")));
}

/* The typed role of a form as flags {r_<role>: true} in o; false when
 * it names no role. */
static bool typed_role(web_ctx_t *x, json_t *o, enum user_role *r)
{
	if (!user_role_parse(page_form(x, "role"), r))
		return false;
	set_role_flag(o, *r);
	return true;
}

/* POST /users (username, role, unit_code, password): adds a login inside
 * the admin's units; 303 to /users?done=add.  Errors: the page again at
 * 422 with the message at the field and what was typed (but the
 * password). */
void page_users_add(web_ctx_t *x)
{
	json_t *c = page_ctx(x, "users.title"), *v;
	user_t u;
	enum user_role r = UROLE_COLLECTOR;
	err_t e;
	int rc;
	v = json_pack("{s:s,s:s,s:s}", "username", page_form(x, "username"), "unit_code", page_form(x, "unit_code"),
		      "full_name", page_form(x, "full_name"));
	json_object_set_new(c, "v", v);
	if (!typed_role(x, v, &r)) {
		page_field_msg(c, "role", web_tr(x, "users.role_bad"));
		users_page(x, 422, c, 0);
		return;
	}
	memset(&u, 0, sizeof u);
	snprintf(u.username, sizeof u.username, "%s", page_form(x, "username"));
	if (strlen(page_form(x, "full_name")) > USER_FULL_NAME_MAX) {
		page_field_msg(c, "full_name", msg_format(MSG_USER_FULL_NAME_BAD, x->lang));
		users_page(x, 422, c, 0);
		return;
	}
	snprintf(u.full_name, sizeof u.full_name, "%s", page_form(x, "full_name"));
	u.role = r;
	rc = app_user_create_by(x->a, x->u, &u, page_form(x, "unit_code"), page_form(x, "password"), &e);
	if (rc == PO_EINVAL || rc == PO_ECONFLICT) {
		if (rc == PO_ECONFLICT && !e.field[0])
			snprintf(e.field, sizeof e.field, "username");
		page_field_errors(x, c, &e, 1);
		users_page(x, 422, c, 0);
		return;
	}
	json_decref(c);
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	web_redirect(x, "/users?done=add");
}

/* POST /users/{id} (role, unit_code, disabled: a checkbox, password:
 * empty to keep, full_name: absent to keep, "" to clear): changes a login of the admin's units; cached sessions
 * are dropped (her rights may have changed); 303 to /users?done=update.
 * Errors: the page again at 422 with her form open as typed; a login
 * outside the units: 404 as a missing one. */
void page_user_update(web_ctx_t *x)
{
	user_changes_t ch = USER_CHANGES_NONE;
	const char *role = page_form(x, "role"), *unit = page_form(x, "unit_code"), *pw = page_form(x, "password");
	json_t *c, *ev;
	enum user_role r;
	err_t e;
	int rc;
	ev = json_pack("{s:s,s:b,s:s}", "unit_code", unit, "disabled", web_form(x, "disabled") != NULL, "full_name",
		       page_form(x, "full_name"));
	typed_role(x, ev, &r);
	if (role[0])
		ch.role = role;
	if (unit[0])
		ch.unit_code = unit;
	ch.disabled = web_form(x, "disabled") ? 1 : 0;
	if (pw[0])
		ch.new_password = pw;
	ch.full_name = web_form(x, "full_name");
	rc = app_user_update(x->a, x->u, x->id, &ch, NULL, &e);
	if (rc == PO_EINVAL || rc == PO_ECONFLICT) {
		c = page_ctx(x, "users.title");
		json_object_set_new(c, "ev", ev);
		page_field_errors(x, c, &e, 1);
		users_page(x, 422, c, x->id);
		return;
	}
	json_decref(ev);
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	web_session_forget_all();
	web_redirect(x, "/users?done=update");
}

/* What the audit walk gathers. */
struct audit_walk {
	json_t *items;
	int64_t last_id;
	web_ctx_t *x;        /* for the words of the page's language */
};

/* Copies into out (cap bytes) at most cap - 4 bytes of s, cut at a
 * UTF-8 character boundary, with "…" when cut. */
static void clip_utf8(const char *s, char *out, size_t cap)
{
	size_t n = strlen(s);
	if (n < cap) {
		memcpy(out, s, n + 1);
		return;
	}
	n = cap - 4;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, s, n);
	memcpy(out + n, "\xE2\x80\xA6", 4); /* … and the NUL */
}

/* The text of key "PREFIX.CODE" in x's language; NULL when the table
 * has no such key (or CODE is empty). */
static const char *audit_word(const web_ctx_t *x, const char *prefix, const char *code)
{
	char k[96];
	if (!code || !code[0] || snprintf(k, sizeof k, "%s.%s", prefix, code) >= (int)sizeof k)
		return NULL;
	return ui_text(k, x->lang);
}

/* The text of key "PREFIX.CODE" in x's language, or CODE as written when
 * the table has no such key. */
static const char *audit_label(const web_ctx_t *x, const char *prefix, const char *code)
{
	const char *t = audit_word(x, prefix, code);
	return t ? t : (code ? code : "");
}

/* A coded text value of the detail field k in x's language: roles,
 * relations, payment methods, sex, poverty status, unit kinds and the
 * precision of a date of birth by their words, a date (yyyy-mm-dd) as
 * dd/mm/yyyy, a time (yyyy-mm-ddTHH:MM:SS...) as Vietnam's local time;
 * NULL (then the value is shown as written) for anything else.  Uses
 * buf (at least 24 bytes) for dates. */
static const char *coded_value(const web_ctx_t *x, const char *k, const char *v, char *buf, size_t cap)
{
	const char *t = NULL;
	int y, m, d;
	char tail;
	if (strcmp(k, "role") == 0 && !(t = audit_word(x, "role", v)))
		t = audit_word(x, "mrole", v);
	else if (strcmp(k, "relation") == 0)
		t = audit_word(x, "rel", v);
	else if (strcmp(k, "method") == 0)
		t = audit_word(x, "money.method", v);
	else if (strcmp(k, "status") == 0 || strcmp(k, "poverty") == 0)
		t = audit_word(x, "poverty", v);
	else if (strcmp(k, "kind") == 0)
		t = audit_word(x, "audit.kind", v);
	else if (strcmp(k, "dob_precision") == 0)
		t = audit_word(x, "audit.prec", v);
	else if (strcmp(k, "sex") == 0 && (strcmp(v, "F") == 0 || strcmp(v, "M") == 0))
		t = audit_word(x, "sex", v[0] == 'F' ? "f" : "m");
	if (t)
		return t;
	if (cap >= 24 && strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3) {
		snprintf(buf, cap, "%02d/%02d/%04d", d, m, y);
		return buf;
	}
	if (cap >= 24 && strlen(v) > 10 && v[10] == 'T' && sscanf(v, "%4d-%2d-%2dT", &y, &m, &d) == 3) {
		page_local_time(v, buf, cap);
		return buf;
	}
	return NULL;
}

/* A value of the audit detail field k as shown: text as is (coded
 * values and dates as coded_value says), true/false as yes/no in x's
 * language, null as "—", an object as "field: value; ..." with the
 * fields' words, anything else as compact JSON (clipped to cap bytes). */
static void value_text(web_ctx_t *x, const char *k, const json_t *v, char *out, size_t cap)
{
	char *t, date[32];
	const char *c;
	if (!v || json_is_null(v))
		snprintf(out, cap, "\xE2\x80\x94");
	else if (json_is_string(v)) {
		c = coded_value(x, k, json_string_value(v), date, sizeof date);
		clip_utf8(c ? c : json_string_value(v), out, cap);
	} else if (json_is_boolean(v))
		snprintf(out, cap, "%s", web_tr(x, json_is_true(v) ? "audit.yes" : "audit.no"));
	else if (json_is_object(v)) {
		const char *mk;
		json_t *mv;
		size_t n = 0;
		char part[AUDIT_VALUE_MAX], all[4 * AUDIT_VALUE_MAX];
		all[0] = '\0';
		json_object_foreach((json_t *)v, mk, mv) {
			value_text(x, mk, mv, part, sizeof part);
			n += (size_t)snprintf(all + n, n < sizeof all ? sizeof all - n : 0, "%s%s: %s", n ? "; " : "",
					      audit_label(x, "audit.k", mk), part);
			if (n >= sizeof all - 1)
				break;
		}
		clip_utf8(all, out, cap);
	} else if ((t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY)) != NULL) {
		clip_utf8(t, out, cap);
		free(t);
	} else
		out[0] = '\0';
}

/* Appends one line of the detail to lines. */
static void add_line(web_ctx_t *x, json_t *lines, const char *k, const char *text)
{
	json_array_append_new(lines, json_pack("{s:s,s:s}", "k", audit_label(x, "audit.k", k), "v", text));
}

/* The detail of an entry as lines: "field: before → after" for each
 * field of its before/after objects, "name: value" for every other
 * member; NULL when the detail is not a JSON object. */
static json_t *detail_lines(web_ctx_t *x, const char *detail)
{
	json_t *d = json_loads(detail, 0, NULL), *lines, *before, *after, *v;
	const char *k;
	char b[AUDIT_VALUE_MAX], a[AUDIT_VALUE_MAX], line[2 * AUDIT_VALUE_MAX + 8];
	if (!d || !json_is_object(d)) {
		json_decref(d);
		return NULL;
	}
	lines = json_array();
	before = json_object_get(d, "before");
	after = json_object_get(d, "after");
	if (!json_is_object(before) || !json_is_object(after))
		before = after = NULL;
	json_object_foreach(d, k, v) {
		if (before && (v == before || v == after))
			continue;
		value_text(x, k, v, a, sizeof a);
		add_line(x, lines, k, a);
	}
	if (before) {
		json_object_foreach(before, k, v) {
			value_text(x, k, v, b, sizeof b);
			value_text(x, k, json_object_get(after, k), a, sizeof a);
			snprintf(line, sizeof line, "%s \xE2\x86\x92 %s", b, a);
			add_line(x, lines, k, line);
		}
		json_object_foreach(after, k, v) {
			if (json_object_get(before, k))
				continue;
			value_text(x, k, NULL, b, sizeof b);
			value_text(x, k, v, a, sizeof a);
			snprintf(line, sizeof line, "%s \xE2\x86\x92 %s", b, a);
			add_line(x, lines, k, line);
		}
	}
	json_decref(d);
	return lines;
}

/* app_audit_list callback: one row per entry: when (Vietnam's local
 * time, to the minute), who (the command line by its word), what (by
 * its words, the code kept for the markup), on which record (its kind by
 * its word) (a link for a
 * person, a household, a receipt or a user), and what changed as
 * lines (the detail as written, clipped, when it is not a JSON
 * object). */
static int audit_row(const audit_entry_t *r, void *ctx)
{
	struct audit_walk *w = ctx;
	char at[PAGE_TIME_TEXT], detail[AUDIT_DETAIL_MAX];
	json_t *o, *lines;
	page_local_time(r->at, at, sizeof at);
	o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)r->id, "at", at, "actor",
		      r->actor ? r->actor : "", "actor_name",
		      r->actor && strcmp(r->actor, "cli") == 0 ? web_tr(w->x, "audit.actor_cli") : (r->actor ? r->actor : ""),
		      "action", r->action ? r->action : "", "action_name", audit_label(w->x, "audit.act", r->action),
		      "entity", r->entity ? r->entity : "", "entity_word", audit_label(w->x, "audit.ent", r->entity));
	if (!o)
		return WALK_STOP;
	if (r->entity_id > 0) {
		json_object_set_new(o, "entity_id", json_integer(r->entity_id));
		static const char *const linked[] = {"person", "household", "receipt", "user"};
		size_t i;
		for (i = 0; r->entity && i < sizeof linked / sizeof linked[0]; i++)
			if (strcmp(r->entity, linked[i]) == 0) {
				char k[24];
				snprintf(k, sizeof k, "is_%s", linked[i]);
				json_object_set_new(o, k, json_true());
				json_object_set_new(o, "linked", json_true());
			}
		if (r->entity && strcmp(r->entity, "user") == 0) {
			char name[USERNAME_MAX + 1];
			int64_t unit;
			if (app_user_name_of(w->x->a, r->entity_id, name, sizeof name, &unit) &&
			    (web_user_top(w->x) || web_in_scope(w->x, unit)))
				json_object_set_new(o, "entity_name", json_string(name));
		}
	}
	if (r->detail && r->detail[0]) {
		lines = detail_lines(w->x, r->detail);
		if (lines) {
			json_object_set_new(o, "has_lines", json_boolean(json_array_size(lines) > 0));
			json_object_set_new(o, "lines", lines);
		} else {
			clip_utf8(r->detail, detail, sizeof detail);
			json_object_set_new(o, "detail", json_string(detail));
		}
	}
	json_array_append_new(w->items, o);
	w->last_id = r->id;
	return 0;
}

/* The action families (prefixes) and the kinds of record the audit
 * page's filters offer. */
static const char *const families[] = {"person.", "household.", "receipt.", "remittance.", "referral.",   "user.",
				       "session.", "unit.",      "params.",  "settings.",   "import."};
static const char *const entities[] = {"person", "household", "receipt", "remittance", "user",    "unit",
				       "param",  "setting",   "session", "database",   "coverage"};

/* The options of a filter's list: {value, label, sel} for each of the n
 * codes (label the key "PREFIX.CODE" in x's language, sel when it is the
 * current value), and the current value as typed when it is none of
 * them (a prefix such as "person.update" from a link). */
static json_t *filter_options_n(web_ctx_t *x, const char *prefix, const char *const *codes, size_t n, const char *cur)
{
	json_t *a = json_array();
	bool found = false;
	size_t i;
	for (i = 0; i < n; i++) {
		bool sel = cur && strcmp(cur, codes[i]) == 0;
		found |= sel;
		json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "value", codes[i], "label",
						   audit_label(x, prefix, codes[i]), "sel", sel));
	}
	if (cur && *cur && !found) {
		const char *l = strcmp(prefix, "audit.fam") == 0 ? audit_word(x, "audit.act", cur) : NULL;
		json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "value", cur, "label", l ? l : cur, "sel", 1));
	}
	return a;
}
#define filter_options(x, prefix, codes, cur) filter_options_n(x, prefix, codes, sizeof codes / sizeof codes[0], cur)

/* GET /audit[?actor=&action=&entity=&before=ID]: the audit log, newest
 * first, AUDIT_PAGE entries a page, filtered by actor (exact), action
 * (prefix) and entity (exact); "older" pages on with before = the last
 * id shown. */
void page_audit(web_ctx_t *x)
{
	const char *actor = web_query(x, "actor"), *action = web_query(x, "action"), *entity = web_query(x, "entity");
	struct audit_walk w = {json_array(), 0, x};
	audit_filter_t f;
	json_t *c = page_ctx(x, "audit.title");
	bool more = false;
	err_t e;
	int rc;
	memset(&f, 0, sizeof f);
	f.actor = actor;
	f.action_prefix = action;
	f.entity = entity;
	f.before_id = page_id(web_query(x, "before"));
	f.limit = AUDIT_PAGE;
	web_audit_scope(x, &f);
	rc = app_audit_list(x->a, &f, audit_row, &w, &more, &e);
	if (rc == WALK_STOP)
		rc = PO_OK;
	if (rc) {
		json_decref(w.items);
		json_decref(c);
		web_fail(x, rc, &e);
		return;
	}
	json_object_set_new(c, "entries", w.items);
	json_object_set_new(c, "families", filter_options(x, "audit.fam", families, action));
	json_object_set_new(c, "entities", filter_options(x, "audit.ent", entities, entity));
	json_object_set_new(c, "f", json_pack("{s:s,s:s,s:s}", "actor", actor ? actor : "", "action",
					      action ? action : "", "entity", entity ? entity : ""));
	if (more && w.last_id > 0)
		json_object_set_new(c, "older", json_integer(w.last_id));
	if (f.before_id)
		json_object_set_new(c, "paged", json_true());
	if ((actor && *actor) || (action && *action) || (entity && *entity))
		json_object_set_new(c, "filtered", json_true());
	web_page(x, 200, "audit", c);
}
