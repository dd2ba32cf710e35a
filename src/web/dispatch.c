/* dispatch.c: the one dispatcher.  For every request: find the route,
 * read the body (JSON for the API, a form for pages), find the session
 * (bearer token or cookie; a short-lived cache in front of the
 * database), check CSRF for writes authenticated by cookie, check the
 * route's roles, then call the handler.  Login throttling and the
 * session cache live here too.  Handlers never repeat these checks. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app/accounts.h"
#include "core/embedded.h"
#include "core/text.h"
#include "web/handlers.h"
#include "web/throttle.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

EMBEDDED_DECLARE(web_templates);

#define SESSION_SLOTS 1024 /* sessions remembered in memory (power of two) */

static tmpl_set_t *g_tmpl;
static bool g_secure;

/* A remembered session: who, her CSRF token, her units, when read. */
struct cached {
	unsigned char key[32]; /* hash of the token; all zero: free */
	user_t u;
	char csrf[33];
	int64_t *scope;
	size_t nscope;
	time_t loaded;         /* monotonic seconds */
};

static struct cached cache[SESSION_SLOTS];
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
/* Counts the forgets (under cache_mu): a session read from the database
 * is cached only when no forget happened while it was being read, so a
 * logout or a role change that lands during the read is not undone. */
static uint64_t cache_gen;

/* See web_int.h (NULL but in tests). */
void (*web_session_read_hook)(void);

/* Monotonic seconds. */
static time_t mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* See web_int.h. */
const struct tmpl_set *web_templates(void)
{
	return g_tmpl;
}

/* See web_int.h. */
bool web_cookie_secure(void)
{
	return g_secure;
}

/* See web_int.h. */
int web_state_open(const struct web_settings *s, err_t *e)
{
	int rc = PO_OK;
	g_secure = s->secure_cookie;
	if (!g_tmpl)
		rc = tmpl_set_compile(web_templates_files, web_templates_count, &g_tmpl, e);
	return rc;
}

/* See web_int.h. */
void web_state_close(void)
{
	tmpl_set_free(g_tmpl);
	g_tmpl = NULL;
	web_session_forget_all();
}

/* The cache key of a token and its slot. */
static struct cached *slot_of(const char *token, unsigned char key[32])
{
	uint64_t h;
	crypto_generichash(key, 32, (const unsigned char *)token, strlen(token), NULL, 0);
	memcpy(&h, key, sizeof h);
	return &cache[h & (SESSION_SLOTS - 1)];
}

/* See web_int.h. */
void web_session_forget(const char *token)
{
	unsigned char key[32];
	struct cached *c;
	if (!token)
		return;
	pthread_mutex_lock(&cache_mu);
	c = slot_of(token, key);
	if (memcmp(c->key, key, 32) == 0) {
		free(c->scope);
		memset(c, 0, sizeof *c);
	}
	cache_gen++;
	pthread_mutex_unlock(&cache_mu);
}

/* See web_int.h. */
void web_session_forget_all(void)
{
	size_t i;
	pthread_mutex_lock(&cache_mu);
	for (i = 0; i < SESSION_SLOTS; i++) {
		free(cache[i].scope);
		memset(&cache[i], 0, sizeof cache[i]);
	}
	cache_gen++;
	pthread_mutex_unlock(&cache_mu);
}

/* Finds the session of token: *u, csrf and a copy of the user's units
 * (*scope malloc'd, the caller frees).  From the cache when it was read
 * less than WEB_SESSION_CACHE_S seconds ago, else from the database;
 * what the database gave is cached only if no session was forgotten
 * meanwhile (cache_gen).  Every read and write of the cache holds
 * cache_mu.  PO_ENOTFOUND for no valid session. */
static int session_find(app_t *a, const char *token, user_t *u, char csrf[33], int64_t **scope, size_t *nscope)
{
	unsigned char key[32];
	struct cached *c;
	time_t now = mono_now();
	int64_t *ids = NULL;
	size_t n = 0;
	uint64_t gen;
	err_t e;
	int rc;
	pthread_mutex_lock(&cache_mu);
	gen = cache_gen;
	c = slot_of(token, key);
	if (memcmp(c->key, key, 32) == 0 && now - c->loaded < WEB_SESSION_CACHE_S) {
		*scope = malloc((c->nscope ? c->nscope : 1) * sizeof **scope);
		if (*scope) {
			memcpy(*scope, c->scope, c->nscope * sizeof **scope);
			*nscope = c->nscope;
			*u = c->u;
			memcpy(csrf, c->csrf, 33);
			pthread_mutex_unlock(&cache_mu);
			return PO_OK;
		}
	}
	pthread_mutex_unlock(&cache_mu);
	rc = app_session(a, token, u, csrf, &e);
	if (!rc)
		rc = app_unit_scope_id(a, u->unit_id, &ids, &n, &e);
	if (web_session_read_hook)
		web_session_read_hook();
	if (rc) {
		free(ids);
		return PO_ENOTFOUND;
	}
	*scope = malloc((n ? n : 1) * sizeof **scope);
	if (!*scope) {
		free(ids);
		return PO_ENOMEM;
	}
	memcpy(*scope, ids, n * sizeof *ids);
	*nscope = n;
	pthread_mutex_lock(&cache_mu);
	if (gen != cache_gen) { /* forgotten while read: answer, but keep nothing */
		pthread_mutex_unlock(&cache_mu);
		free(ids);
		return PO_OK;
	}
	c = slot_of(token, key);
	free(c->scope);
	memcpy(c->key, key, 32);
	c->u = *u;
	memcpy(c->csrf, csrf, 33);
	c->scope = ids;
	c->nscope = n;
	c->loaded = now;
	pthread_mutex_unlock(&cache_mu);
	return PO_OK;
}

/* See web_int.h. */
int web_login_gate(web_ctx_t *x, const char *username)
{
	long wait = throttle_wait(username, x->rq->ip, mono_now());
	if (wait > 0) {
		x->rs->retry_after = (int)wait;
		web_fail_msg(x, 429, MSG_WEB_THROTTLED);
		return 1;
	}
	hash_slot_take();
	return 0;
}

/* See web_int.h. */
void web_login_result(web_ctx_t *x, const char *username, bool ok)
{
	err_t e;
	hash_slot_give();
	throttle_record(username, x->rq->ip, ok, mono_now());
	if (!ok)
		app_login_failed(x->a, username, x->rq->ip, &e); /* best effort: the answer stands anyway */
}

/* Matches path against pattern; *id gets the {id} segment's value. */
static bool match(const char *pattern, const char *path, int64_t *id)
{
	*id = 0;
	while (*pattern) {
		if (strncmp(pattern, "{id}", 4) == 0) {
			int64_t v = 0;
			int digits = 0;
			while (*path >= '0' && *path <= '9') {
				if (v > (INT64_MAX - 9) / 10)
					return false;
				v = v * 10 + (*path++ - '0');
				digits++;
			}
			if (!digits || v < 1)
				return false;
			*id = v;
			pattern += 4;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return *path == '\0';
}

/* The route of method and path: NULL when none; *wrong_method when the
 * path exists with another method, and then allow (cap bytes) lists the
 * path's methods ("GET, HEAD, POST") for the 405's Allow header. */
static const web_route_t *route_find(const char *method, const char *path, int64_t *id, bool *wrong_method,
				     char *allow, size_t cap)
{
	size_t i, n = 0;
	int64_t other;
	*wrong_method = false;
	allow[0] = '\0';
	for (i = 0; i < web_route_count; i++) {
		if (!match(web_routes[i].pattern, path, id))
			continue;
		/* HEAD is GET without the body (the server drops it) */
		if (strcmp(web_routes[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(web_routes[i].method, "GET") == 0))
			return &web_routes[i];
		*wrong_method = true;
	}
	for (i = 0; *wrong_method && i < web_route_count; i++)
		if (match(web_routes[i].pattern, path, &other) && n < cap)
			n += (size_t)snprintf(allow + n, cap - n, "%s%s%s", n ? ", " : "", web_routes[i].method,
					      strcmp(web_routes[i].method, "GET") == 0 ? ", HEAD" : "");
	return NULL;
}

/* Refuses a query whose names or values are not UTF-8 (422 naming the
 * parameter, "query" when the name itself is not text or is long); true
 * when it did. */
static bool query_not_text(web_ctx_t *x)
{
	size_t i, bad;
	for (i = 0; i < x->rq->nquery; i++) {
		const web_kv_t *q = &x->rq->query[i];
		bool name_ok = vn_utf8_valid(q->k, strlen(q->k), &bad);
		err_t e;
		if (name_ok && vn_utf8_valid(q->v, strlen(q->v), &bad))
			continue;
		err_set(&e, PO_EINVAL, name_ok && strlen(q->k) < 40 ? q->k : "query", MSG_WEB_QUERY_UTF8,
			name_ok && strlen(q->k) < 40 ? q->k : "?");
		web_fail(x, PO_EINVAL, &e);
		return true;
	}
	return false;
}

/* The language of the request: the plusone_lang cookie's ("en" for
 * English) when it is set; else, for an API call without the session
 * cookie (a program, not the pages' script), English when the first
 * language of Accept-Language is English ("en", "en-GB" …); else
 * Vietnamese. */
static enum lang lang_of(const web_req_t *rq)
{
	const char *al = rq->accept_language;
	if (rq->lang_cookie)
		return strcmp(rq->lang_cookie, "en") == 0 ? LANG_EN : LANG_VI;
	if (rq->session_cookie || strncmp(rq->path, "/api/", 5) != 0)
		return LANG_VI;
	while (al && (*al == ' ' || *al == '\t'))
		al++;
	return al && strncasecmp(al, "en", 2) == 0 && (al[2] == '\0' || al[2] == '-' || al[2] == ',' || al[2] == ';')
		       ? LANG_EN
		       : LANG_VI;
}

/* Compares two tokens in constant time. */
static bool token_eq(const char *a, const char *b)
{
	size_t n = strlen(b);
	return a && b[0] && strlen(a) == n && sodium_memcmp(a, b, n) == 0;
}

/* True unless the request says it comes from a page of another site:
 * a browser sends Origin with every cross-site write, so an Origin whose
 * host differs from the Host asked for (or "null") is refused.  Requests
 * without Origin (API clients, old browsers) rely on the CSRF token. */
static bool same_origin(const web_req_t *rq)
{
	const char *o = rq->origin, *sep;
	if (!o)
		return true;
	sep = strstr(o, "://");
	if (!sep || !rq->host)
		return false;
	return strcasecmp(sep + 3, rq->host) == 0;
}

/* See web_int.h. */
void web_dispatch(app_t *a, const web_req_t *rq, web_resp_t *rs)
{
	web_ctx_t x;
	const web_route_t *r;
	bool wrong_method, by_cookie = false, write = strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0;
	bool api = strncmp(rq->path, "/api/", 5) == 0;
	char csrf[33] = "", *form = NULL;
	user_t u;
	int64_t *scope = NULL;
	size_t nscope = 0;
	const char *token = NULL;
	memset(&x, 0, sizeof x);
	x.rq = rq;
	x.rs = rs;
	x.a = a;
	x.csrf = "";
	x.lang = lang_of(rq);
	r = route_find(rq->method, rq->path, &x.id, &wrong_method, rs->allow, sizeof rs->allow);
	if (!r) {
		rs->route = "-";
		web_fail_msg(&x, wrong_method ? 405 : 404, wrong_method ? MSG_WEB_METHOD : MSG_WEB_NOT_FOUND);
		return;
	}
	rs->route = r->pattern;
	if (query_not_text(&x))
		return;

	/* the session, when there is one (public pages still show who is in) */
	if (rq->authorization && strncmp(rq->authorization, "Bearer ", 7) == 0) {
		token = rq->authorization + 7;
	} else if (rq->session_cookie) {
		token = rq->session_cookie;
		by_cookie = true;
	}
	/* the Origin check guards what a browser sends by itself: the
	 * cookie, and the forms of the pages; a bearer token is no ambient
	 * credential, so API calls without the cookie are not subject to it */
	if (write && (by_cookie || (r->flags & WF_HTML)) && !same_origin(rq)) {
		web_fail_msg(&x, 403, MSG_WEB_CSRF);
		return;
	}
	if (token && session_find(a, token, &u, csrf, &scope, &nscope) == PO_OK) {
		x.u = &u;
		x.scope = scope;
		x.nscope = nscope;
		x.csrf = csrf;
		x.token = token;
		a->actor = u.username;
		snprintf(rs->user, sizeof rs->user, "%lld", (long long)u.id);
	}
	if (r->roles != R_PUBLIC && !x.u) {
		if (r->flags & WF_HTML) {
			x.rs->status = 302;
			snprintf(rs->location, sizeof rs->location, "/login");
		} else {
			web_fail_msg(&x, 401, MSG_WEB_UNAUTHENTICATED);
		}
		goto out;
	}

	/* the body */
	if (write && (r->flags & WF_HTML)) {
		form = malloc(rq->body_len + 1);
		if (!form) {
			web_fail_msg(&x, 500, MSG_WEB_INTERNAL);
			goto out;
		}
		memcpy(form, rq->body ? rq->body : "", rq->body_len);
		form[rq->body_len] = '\0';
		if (strlen(form) != rq->body_len || web_form_parse(form, x.form, WEB_FORM_MAX, &x.nform)) {
			web_fail_msg(&x, 400, MSG_WEB_FORM);
			goto out;
		}
	} else if (write && api) {
		json_error_t je;
		if (rq->body_len == 0) {
			x.json = json_object();
		} else {
			x.json = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
			if (!x.json || !json_is_object(x.json)) {
				web_fail_msg(&x, 400, MSG_WEB_JSON);
				goto out;
			}
		}
	}

	/* CSRF: a write authenticated by the cookie must prove it comes from
	 * our own page (the API by header, forms by a hidden field) */
	if (write && by_cookie && x.u && r->roles != R_PUBLIC) {
		const char *sent = rq->csrf_header;
		if (!sent && (r->flags & WF_HTML))
			sent = web_form(&x, "csrf");
		if (!token_eq(sent, csrf)) {
			web_fail_msg(&x, 403, MSG_WEB_CSRF);
			goto out;
		}
	}

	if (r->roles != R_PUBLIC && !(r->roles & (1u << x.u->role))) {
		web_fail_msg(&x, 403, MSG_WEB_FORBIDDEN);
		goto out;
	}
	if (api && !web_api_check(&x, r))
		goto out;
	r->fn(&x);
out:
	json_decref(x.json);
	free(form);
	free(scope);
}
