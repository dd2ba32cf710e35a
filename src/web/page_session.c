/* page_session.c: the pages of a session: login, logout, the language
 * switch, the password change (see handlers.h).  Each handler reads the
 * form, calls one use case and renders a template or redirects. */
#include <stdio.h>
#include <string.h>

#include "app/accounts.h"
#include "web/handlers.h"
#include "web/pages.h"

#define LANG_COOKIE_AGE 31536000 /* seconds: one year */

/* The attribute "; Secure" when cookies must be marked so, else "". */
static const char *secure_attr(void)
{
	return web_cookie_secure() ? "; Secure" : "";
}

/* Renders the login page at status with the username kept and, when
 * wrong, the message of wrong credentials. */
static void login_form(web_ctx_t *x, unsigned status, const char *username, bool wrong)
{
	json_t *c = page_ctx(x, "login.title");
	json_object_set_new(c, "username", json_string(username ? username : ""));
	if (wrong)
		json_object_set_new(c, "wrong", json_string(msg_format(MSG_LOGIN_FAILED, x->lang)));
	web_page(x, status, "login", c);
}

/* GET /login: the login form; a user already logged in goes to the
 * dashboard. */
void page_login(web_ctx_t *x)
{
	if (x->u) {
		web_redirect(x, "/");
		return;
	}
	login_form(x, 200, "", false);
}

/* POST /login (username, password): on success a new session (any
 * session the request carried is closed first: the token changes at
 * login), its cookie, and 303 to /.  Wrong credentials, whether the
 * user exists or not: the form again, 401, the username kept.  Too many
 * failures: 429 (web_login_gate answers). */
void page_login_post(web_ctx_t *x)
{
	const char *username = page_form(x, "username"), *password = page_form(x, "password");
	char token[65], csrf[33], cookie[WEB_COOKIE_MAX];
	user_t u;
	err_t e;
	int rc;
	if (!*username || strlen(username) > USERNAME_MAX || strlen(password) > PASSWORD_MAX) {
		login_form(x, 401, strlen(username) > USERNAME_MAX ? "" : username, true); /* nothing to hash */
		return;
	}
	if (web_login_gate(x, username))
		return;
	rc = app_login(x->a, username, password, token, csrf, &u, &e);
	web_login_result(x, username, rc == PO_OK);
	if (rc == PO_ENOTFOUND || rc == PO_EINVAL) {
		login_form(x, 401, username, true);
		return;
	}
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	if (x->rq->session_cookie) { /* session rotation: the token sent along stops working */
		err_t e2;
		app_logout(x->a, x->rq->session_cookie, &e2); /* best effort: the new session stands anyway */
		web_session_forget(x->rq->session_cookie);
	}
	snprintf(cookie, sizeof cookie, "plusone_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", token,
		 SESSION_SECONDS, secure_attr());
	web_cookie(x, cookie);
	web_redirect(x, "/");
}

/* POST /logout (csrf checked by the dispatcher): closes the session,
 * clears its cookie, 303 to /login. */
void page_logout(web_ctx_t *x)
{
	char cookie[WEB_COOKIE_MAX];
	err_t e;
	int rc = app_logout(x->a, x->token, &e);
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	web_session_forget(x->token);
	snprintf(cookie, sizeof cookie, "plusone_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
		 secure_attr());
	web_cookie(x, cookie);
	web_redirect(x, "/login");
}

/* True when byte c may stay as it is in a Location path: printable
 * ASCII other than space, quotes, <, >, backslash, ^, `, {, |, }. */
static bool location_safe(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !strchr("\"'<>\\^`{|}", c);
}

/* Writes into out (cap bytes) the local path back when it is one: it
 * starts with a single '/' (not "//", not "/\", so never another site)
 * and has no control character; bytes not safe in a header are
 * percent-encoded.  Else (or when it does not fit) "/". */
static void safe_back(const char *back, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)back;
	if (!back || back[0] != '/' || back[1] == '/' || back[1] == '\\')
		goto home;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			goto home;
		if (location_safe(*p)) {
			if (n + 1 >= cap)
				goto home;
			out[n++] = (char)*p;
		} else {
			if (n + 3 >= cap)
				goto home;
			out[n++] = '%';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		}
	}
	out[n] = '\0';
	return;
home:
	snprintf(out, cap, "/");
}

/* GET /lang?to=en|vi&back=PATH: sets the plusone_lang cookie (a year,
 * SameSite=Lax) and goes back to PATH when it is a path of this site,
 * else to /.  Anything but "en" chooses Vietnamese. */
void page_lang(web_ctx_t *x)
{
	const char *to = web_query(x, "to");
	char cookie[WEB_COOKIE_MAX], back[WEB_LOCATION_MAX];
	bool en = to && strcmp(to, "en") == 0;
	snprintf(cookie, sizeof cookie, "plusone_lang=%s; Path=/; SameSite=Lax; Max-Age=%d%s", en ? "en" : "vi",
		 LANG_COOKIE_AGE, secure_attr());
	web_cookie(x, cookie);
	safe_back(web_query(x, "back"), back, sizeof back);
	web_redirect(x, back);
}

/* Renders the password form at status; errs (may be NULL) shown at
 * their fields; mismatch: the confirmation differs from the new
 * password; done: the change succeeded. */
static void password_form(web_ctx_t *x, unsigned status, const err_t *errs, size_t n, bool mismatch, bool done)
{
	json_t *c = page_ctx(x, "password.title");
	if (errs && n)
		page_field_errors(x, c, errs, n);
	if (mismatch)
		page_field_msg(c, "confirm", web_tr(x, "password.mismatch"));
	if (done)
		json_object_set_new(c, "done", json_true());
	web_page(x, status, "password", c);
}

/* GET /password: the form (with a confirmation after a change:
 * ?done=1). */
void page_password(web_ctx_t *x)
{
	const char *done = web_query(x, "done");
	password_form(x, 200, NULL, 0, false, done && strcmp(done, "1") == 0);
}

/* POST /password (old_password, new_password, confirm): changes the
 * caller's password, closing her other sessions; 303 to /password?done=1.
 * A wrong old password, a weak new one or a confirmation that differs:
 * the form again at 422 with the message at the field (passwords are
 * never sent back).  Throttled like a login. */
void page_password_post(web_ctx_t *x)
{
	const char *old = page_form(x, "old_password"), *new_pw = page_form(x, "new_password");
	err_t e;
	int rc;
	if (strcmp(new_pw, page_form(x, "confirm")) != 0) {
		password_form(x, 422, NULL, 0, true, false);
		return;
	}
	if (web_login_gate(x, x->u->username))
		return;
	rc = app_password_change(x->a, x->u->id, old, new_pw, x->token, &e);
	web_login_result(x, x->u->username, !(rc == PO_EINVAL && strcmp(e.field, "old_password") == 0));
	if (rc == PO_EINVAL) {
		password_form(x, 422, &e, 1, false, false);
		return;
	}
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	web_session_forget_all(); /* her other sessions are closed: no cached copy may outlive them */
	web_redirect(x, "/password?done=1");
}
