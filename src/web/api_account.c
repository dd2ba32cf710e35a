/* api_account.c: the API of sessions, the caller, users and the audit
 * log (see handlers.h).  Each handler parses, calls one use case of
 * app/accounts.h (or app_login) and renders with report/json_accounts.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts.h"
#include "report/json_accounts.h"
#include "web/handlers.h"

/* Adds the session cookie: the token for SESSION_SECONDS, or (token
 * NULL) a cookie that clears it at once. */
static void session_cookie(web_ctx_t *x, const char *token)
{
	char c[WEB_COOKIE_MAX];
	snprintf(c, sizeof c, "plusone_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", token ? token : "",
		 token ? SESSION_SECONDS : 0, web_cookie_secure() ? "; Secure" : "");
	web_cookie(x, c);
}

/* {"ok": true} with status 200. */
static void answer_ok(web_ctx_t *x)
{
	web_json(x, 200, json_pack("{s:b}", "ok", 1));
}

/* Answers an error of a use case: 422 with the field for PO_EINVAL,
 * else the status of the code. */
static void answer_error(web_ctx_t *x, int rc, const err_t *e)
{
	if (rc == PO_EINVAL)
		web_fail_fields(x, e, 1);
	else
		web_fail(x, rc, e);
}

/* POST /api/v1/login {"username", "password"}: a new session.  Wrong
 * credentials answer 401 with the same body whether the user exists or
 * not; a session cookie sent along is closed (a fresh token each login). */
void h_api_login(web_ctx_t *x)
{
	const char *name = web_json_str(x, "username"), *pw = web_json_str(x, "password");
	char token[65], csrf[33];
	user_t u;
	err_t e;
	int rc;
	if (!name || !pw || !*name || strlen(name) > USERNAME_MAX || strlen(pw) > PASSWORD_MAX) {
		web_fail_msg(x, 401, MSG_LOGIN_FAILED);
		return;
	}
	if (web_login_gate(x, name))
		return;
	rc = app_login(x->a, name, pw, token, csrf, &u, &e);
	web_login_result(x, name, rc == PO_OK);
	if (rc == PO_ENOTFOUND) {
		web_fail_msg(x, 401, MSG_LOGIN_FAILED);
		return;
	}
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	if (x->rq->session_cookie && strcmp(x->rq->session_cookie, token) != 0) {
		err_t e2;
		app_logout(x->a, x->rq->session_cookie, &e2); /* best effort: the new session stands anyway */
		web_session_forget(x->rq->session_cookie);
	}
	session_cookie(x, token);
	web_json(x, 200,
		 json_pack("{s:s,s:s,s:s,s:s,s:s}", "token", token, "csrf_token", csrf, "username", u.username, "role",
			   user_role_name(u.role), "unit_code", u.unit_code));
}

/* POST /api/v1/logout: closes the caller's session and clears the cookie. */
void h_api_logout(web_ctx_t *x)
{
	err_t e;
	int rc = app_logout(x->a, x->token, &e);
	web_session_forget(x->token);
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	session_cookie(x, NULL);
	answer_ok(x);
}

/* GET /api/v1/me: the caller and the name of her unit. */
void h_api_me(web_ctx_t *x)
{
	unit_t unit;
	err_t e;
	int rc = app_user_unit(x->a, x->u, &unit, &e);
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	web_json(x, 200,
		 json_pack("{s:s,s:s,s:s,s:s}", "username", x->u->username, "role", user_role_name(x->u->role),
			   "unit_code", x->u->unit_code, "unit_name", unit.name));
}

/* POST /api/v1/password {"old_password", "new_password"}: changes the
 * caller's password; her other sessions end, this one stays.  Goes
 * through the login gate: it checks a password (throttled guesses, one
 * of the bounded hashing slots). */
void h_api_password(web_ctx_t *x)
{
	const char *old_pw = web_json_str(x, "old_password"), *new_pw = web_json_str(x, "new_password");
	err_t e;
	int rc;
	if (!old_pw || !*old_pw) { /* nothing to check: no hashing, no throttling */
		rc = app_password_change(x->a, x->u->id, old_pw, new_pw, x->token, &e);
	} else {
		if (web_login_gate(x, x->u->username))
			return;
		rc = app_password_change(x->a, x->u->id, old_pw, new_pw, x->token, &e);
		web_login_result(x, x->u->username, !(rc == PO_EINVAL && strcmp(e.field, "old_password") == 0));
	}
	if (rc) {
		answer_error(x, rc, &e);
		return;
	}
	web_session_forget_all();
	answer_ok(x);
}

/* Appends a user to the JSON array ctx. */
static int user_to_array(const user_t *u, void *ctx)
{
	return json_array_append_new(ctx, report_user(u)) ? PO_ENOMEM : 0;
}

/* GET /api/v1/users[?limit=N][&after=CURSOR]: a page of the users of the
 * caller's units, by username: {"results", "next", "total"}. */
void h_api_users_list(web_ctx_t *x)
{
	json_t *arr = json_array();
	err_t e;
	int rc = arr ? app_user_list(x->a, x->scope, x->nscope, user_to_array, arr, &e) : PO_ENOMEM;
	if (rc) {
		json_decref(arr);
		if (rc == PO_ENOMEM)
			err_set(&e, PO_ENOMEM, NULL, MSG_NOMEM);
		web_fail(x, rc, &e);
		return;
	}
	web_list_rows(x, arr, "id", NULL);
}

/* POST /api/v1/users {"username", "role", "unit_code", "password",
 * "full_name"?}: a new login in the caller's units; 201 with the user. */
void h_api_users_add(web_ctx_t *x)
{
	const char *name = web_json_str(x, "username"), *role = web_json_str(x, "role");
	const char *unit = web_json_str(x, "unit_code"), *pw = web_json_str(x, "password");
	json_t *fn = json_object_get(x->json, "full_name");
	err_t errs[3];
	size_t n = 0;
	user_t u;
	int rc;
	memset(&u, 0, sizeof u);
	if (!name || !*name || strlen(name) > USERNAME_MAX)
		err_set(&errs[n++], PO_EINVAL, "username", MSG_USERNAME_BAD, name ? name : "");
	if (!role || !user_role_parse(role, &u.role))
		err_set(&errs[n++], PO_EINVAL, "role", MSG_ROLE_BAD, role ? role : "");
	if (fn && !json_is_null(fn) && !json_is_string(fn))
		err_set(&errs[n++], PO_EINVAL, "full_name", MSG_ACCOUNT_TEXT);
	else if (json_is_string(fn) && json_string_length(fn) > USER_FULL_NAME_MAX)
		err_set(&errs[n++], PO_EINVAL, "full_name", MSG_USER_FULL_NAME_BAD);
	if (n) {
		web_fail_fields(x, errs, n);
		return;
	}
	snprintf(u.username, sizeof u.username, "%s", name);
	if (json_is_string(fn))
		snprintf(u.full_name, sizeof u.full_name, "%s", json_string_value(fn));
	rc = app_user_create_by(x->a, x->u, &u, unit ? unit : "", pw ? pw : "", &errs[0]);
	if (rc) {
		answer_error(x, rc, &errs[0]);
		return;
	}
	web_json(x, 201, report_user(&u));
}

/* Sets the bool ctx when u is the user the handler looks for (its id in
 * the first member). */
struct user_seek {
	int64_t id;
	bool found;
};
static int user_seek(const user_t *u, void *ctx)
{
	struct user_seek *s = ctx;
	if (u->id == s->id)
		s->found = true;
	return 0;
}

/* PATCH /api/v1/users/{id} {"role"?, "unit_code"?, "disabled"?,
 * "password"?, "full_name"?}: changes a user of the caller's units (404
 * outside them, whatever the body: the user is looked for first, then
 * the body checked against UserPatch); 200 with the user as she is now.
 * A member that is absent or null is left unchanged. */
void h_api_users_patch(web_ctx_t *x)
{
	struct user_seek seek = {x->id, false};
	user_changes_t c = USER_CHANGES_NONE;
	json_t *v;
	err_t errs[5];
	size_t n = 0;
	user_t out;
	int rc = app_user_list(x->a, x->scope, x->nscope, user_seek, &seek, &errs[0]);
	if (rc) {
		answer_error(x, rc, &errs[0]);
		return;
	}
	if (!seek.found) {
		web_fail_msg(x, 404, MSG_WEB_NOT_FOUND);
		return;
	}
	if (!web_api_values_ok(x))
		return;
	v = json_object_get(x->json, "role");
	if (v && !json_is_null(v)) {
		if (!json_is_string(v))
			err_set(&errs[n++], PO_EINVAL, "role", MSG_ACCOUNT_TEXT);
		c.role = json_string_value(v);
	}
	v = json_object_get(x->json, "unit_code");
	if (v && !json_is_null(v)) {
		if (!json_is_string(v))
			err_set(&errs[n++], PO_EINVAL, "unit_code", MSG_ACCOUNT_TEXT);
		c.unit_code = json_string_value(v);
	}
	v = json_object_get(x->json, "disabled");
	if (v && !json_is_null(v)) {
		if (!json_is_boolean(v))
			err_set(&errs[n++], PO_EINVAL, "disabled", MSG_ACCOUNT_BOOL);
		c.disabled = json_is_true(v) ? 1 : 0;
	}
	v = json_object_get(x->json, "password");
	if (v && !json_is_null(v)) {
		if (!json_is_string(v))
			err_set(&errs[n++], PO_EINVAL, "password", MSG_ACCOUNT_TEXT);
		c.new_password = json_string_value(v);
	}
	v = json_object_get(x->json, "full_name");
	if (v && !json_is_null(v)) {
		if (!json_is_string(v))
			err_set(&errs[n++], PO_EINVAL, "full_name", MSG_ACCOUNT_TEXT);
		c.full_name = json_string_value(v);
	}
	if (n) {
		web_fail_fields(x, errs, n);
		return;
	}
	rc = app_user_update(x->a, x->u, x->id, &c, &out, &errs[0]);
	if (rc) {
		answer_error(x, rc, &errs[0]);
		return;
	}
	web_session_forget_all(); /* her role, units or sessions may have changed */
	web_json(x, 200, report_user(&out));
}

/* Reads the query argument k as a positive integer into *out (left
 * alone when the argument is absent).  false for anything else: a sign,
 * spaces, other characters, zero, or more than 18 digits. */
static bool query_pos(const web_ctx_t *x, const char *k, int64_t *out)
{
	const char *s = web_query(x, k);
	char *end;
	long long v;
	size_t n;
	if (!s)
		return true;
	n = strlen(s);
	if (n == 0 || n > 18 || strspn(s, "0123456789") != n)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 1)
		return false;
	*out = v;
	return true;
}

/* The audit page being built: the array and the id of its last entry. */
struct audit_page {
	json_t *arr;
	int64_t last;
};

/* Appends an entry to the page. */
static int audit_to_page(const audit_entry_t *r, void *ctx)
{
	struct audit_page *p = ctx;
	p->last = r->id;
	return json_array_append_new(p->arr, report_audit_entry(r)) ? PO_ENOMEM : 0;
}

/* GET /api/v1/audit?actor=&action=&entity=&entity_id=&limit=&after=:
 * a page of entries newest first, {"results", "next"}: next is the
 * cursor of the next (older) page, null on the last.  action is a
 * prefix. */
void h_api_audit(web_ctx_t *x)
{
	audit_filter_t f;
	struct audit_page page = {NULL, 0};
	int limit;
	err_t errs[3];
	size_t n = 0;
	bool more = false;
	int rc;
	memset(&f, 0, sizeof f);
	f.actor = web_query(x, "actor");
	f.action_prefix = web_query(x, "action");
	f.entity = web_query(x, "entity");
	if (!query_pos(x, "entity_id", &f.entity_id))
		err_set(&errs[n++], PO_EINVAL, "entity_id", MSG_AUDIT_ID_BAD, "entity_id");
	if (n) {
		web_fail_fields(x, errs, n);
		return;
	}
	if (!web_list_page(x, &limit, &f.before_id))
		return;
	f.limit = limit;
	web_audit_scope(x, &f);
	page.arr = json_array();
	rc = page.arr ? app_audit_list(x->a, &f, audit_to_page, &page, &more, &errs[0])
		      : err_set(&errs[0], PO_ENOMEM, NULL, MSG_NOMEM);
	if (rc == PO_ENOMEM)
		err_set(&errs[0], PO_ENOMEM, NULL, MSG_NOMEM);
	if (rc) {
		json_decref(page.arr);
		answer_error(x, rc, &errs[0]);
		return;
	}
	web_list(x, page.arr, more ? page.last : 0, -1, NULL);
}
