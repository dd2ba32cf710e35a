/* server.c: the HTTP server.  One route table; a dispatcher that does
 * body limits, authentication, CSRF and error mapping once; thin
 * handlers over app/. */
#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "core/buf.h"
#include "report/json.h"
#include "web/web.h"

#define POOL_MAX 8

/* A pool of database connections shared by the server's threads. */
static struct {
	store_t *s[POOL_MAX];
	bool busy[POOL_MAX];
	int n;
	pthread_mutex_t mu;
	pthread_cond_t cv;
} pool = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

/* Takes a free connection (waits for one). */
static int pool_take(void)
{
	int i;
	pthread_mutex_lock(&pool.mu);
	for (;;) {
		for (i = 0; i < pool.n; i++)
			if (!pool.busy[i]) {
				pool.busy[i] = true;
				pthread_mutex_unlock(&pool.mu);
				return i;
			}
		pthread_cond_wait(&pool.cv, &pool.mu);
	}
}

/* Gives a connection back. */
static void pool_give(int i)
{
	pthread_mutex_lock(&pool.mu);
	pool.busy[i] = false;
	pthread_cond_signal(&pool.cv);
	pthread_mutex_unlock(&pool.mu);
}

/* The state of one request while its body arrives. */
struct req {
	char *body;
	size_t len;
	bool too_large;
};

/* Queues a response with the common security headers. */
static enum MHD_Result respond(struct MHD_Connection *c, unsigned status, const char *type, const char *body,
			       size_t len, const char *location, const char *cookie)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (strncmp(type, "text/html", 9) == 0)
		MHD_add_response_header(r, "Content-Security-Policy",
					"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
					" frame-ancestors 'none'; form-action 'self'");
	if (location)
		MHD_add_response_header(r, "Location", location);
	if (cookie)
		MHD_add_response_header(r, "Set-Cookie", cookie);
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* Queues a JSON document (consumed). */
static enum MHD_Result respond_json(struct MHD_Connection *c, unsigned status, json_t *doc, const char *cookie)
{
	char *s = json_dumps(doc, JSON_COMPACT);
	enum MHD_Result rc;
	json_decref(doc);
	if (!s)
		return respond(c, 500, "application/json", "{\"error\":\"internal\"}", 20, NULL, NULL);
	rc = respond(c, status, "application/json; charset=utf-8", s, strlen(s), NULL, cookie);
	free(s);
	return rc;
}

/* {"error": text} with a status. */
static enum MHD_Result respond_error(struct MHD_Connection *c, unsigned status, const char *text)
{
	return respond_json(c, status, json_pack("{s:s}", "error", text), NULL);
}

/* The HTTP status for an error code. */
static unsigned status_of(int code)
{
	switch (code) {
	case PO_EINVAL:
		return 422;
	case PO_ENOTFOUND:
		return 404;
	case PO_ECONFLICT:
		return 409;
	case PO_ELIMIT:
		return 413;
	case PO_EBUSY:
		return 503;
	default:
		return 500;
	}
}

/* Writes s HTML-escaped into b (text and attribute contexts alike). */
static void html_text(buf_t *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, *s);
		}
	}
}

/* The session token of the request: the bearer token, else the cookie;
 * *by_cookie tells which. */
static const char *request_token(struct MHD_Connection *c, bool *by_cookie)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	*by_cookie = false;
	if (h && strncmp(h, "Bearer ", 7) == 0)
		return h + 7;
	h = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "plusone_session");
	if (h)
		*by_cookie = true;
	return h;
}

/* POST /api/v1/login. */
static enum MHD_Result h_login(struct MHD_Connection *c, app_t *a, json_t *body)
{
	const char *u = json_string_value(json_object_get(body, "username"));
	const char *p = json_string_value(json_object_get(body, "password"));
	char token[65], csrf[33], cookie[160];
	user_t usr;
	err_t e;
	int rc;
	if (!u || !p || strlen(u) > USERNAME_MAX || strlen(p) > PASSWORD_MAX)
		return respond_error(c, 401, "wrong username or password");
	rc = app_login(a, u, p, token, csrf, &usr, &e);
	if (rc == PO_ENOTFOUND)
		return respond_error(c, 401, "wrong username or password");
	if (rc)
		return respond_error(c, status_of(rc), e.en);
	snprintf(cookie, sizeof cookie, "plusone_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200", token);
	return respond_json(c, 200,
			    json_pack("{s:s,s:s,s:s,s:s}", "token", token, "csrf_token", csrf, "username", usr.username,
				      "role", user_role_name(usr.role)),
			    cookie);
}

/* GET /api/v1/people?q=&limit=. */
static enum MHD_Result h_people_search(struct MHD_Connection *c, app_t *a, const user_t *u)
{
	const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "q");
	const char *l = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit");
	int64_t *scope = NULL;
	size_t n = 0, i;
	long limit = SEARCH_LIMIT_DEFAULT;
	search_result_t r;
	json_t *o, *arr;
	err_t e;
	int rc;
	if (l) {
		char *end;
		limit = strtol(l, &end, 10);
		if (*end || limit < 1 || limit > SEARCH_LIMIT_MAX)
			return respond_error(c, 422, "limit must be between 1 and 1000");
	}
	rc = app_unit_scope_id(a, u->unit_id, &scope, &n, &e);
	if (!rc)
		rc = people_search(a, q ? q : "", scope, n, (int)limit, &r, &e);
	free(scope);
	if (rc)
		return respond_error(c, status_of(rc), e.en);
	o = json_object();
	arr = json_array();
	json_object_set_new(o, "total", json_integer(r.total));
	for (i = 0; i < r.n; i++)
		json_array_append_new(arr, report_person(&r.items[i], false));
	json_object_set_new(o, "results", arr);
	search_result_free(&r);
	return respond_json(c, 200, o, NULL);
}

/* GET /api/v1/people/ID: outside the caller's units answers 404 like a
 * missing person. */
static enum MHD_Result h_people_get(struct MHD_Connection *c, app_t *a, const user_t *u, const char *idtext)
{
	int64_t *scope = NULL;
	size_t n = 0;
	person_t p;
	char *end;
	long long id = strtoll(idtext, &end, 10);
	err_t e;
	int rc;
	if (*end || id < 1)
		return respond_error(c, 404, "not found");
	rc = app_unit_scope_id(a, u->unit_id, &scope, &n, &e);
	if (!rc)
		rc = app_person_get(a, id, scope, n, &p, &e);
	free(scope);
	if (rc == PO_ENOTFOUND)
		return respond_error(c, 404, "not found");
	if (rc)
		return respond_error(c, status_of(rc), e.en);
	return respond_json(c, 200, report_person(&p, true), NULL);
}

/* POST /api/v1/people: 201, 422 with every field error, 409 for a taken
 * identifier. */
static enum MHD_Result h_people_add(struct MHD_Connection *c, app_t *a, const user_t *u, json_t *body)
{
	person_fields_t in;
	err_t errs[PERSON_ERRORS_MAX];
	size_t nerrs = 0, i;
	person_t p;
	int rc, k;
	memset(&in, 0, sizeof in);
	for (k = 0; k < PCOL_COUNT; k++) {
		json_t *v = json_object_get(body, pcol_name((enum pcol)k));
		if (json_is_string(v)) {
			in.v[k] = json_string_value(v);
			in.n[k] = json_string_length(v);
		} else if (json_is_boolean(v) && k == PCOL_MEMBER) {
			in.v[k] = json_is_true(v) ? "yes" : "no";
			in.n[k] = strlen(in.v[k]);
		}
	}
	rc = app_person_create(a, u, &in, &p, errs, &nerrs);
	if (rc == PO_EINVAL && strcmp(errs[0].field, "role") == 0)
		return respond_error(c, 403, "forbidden");
	if (rc == PO_EINVAL) {
		json_t *o = json_object(), *arr = json_array();
		for (i = 0; i < nerrs; i++)
			json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "field", errs[i].field, "message", errs[i].vi,
							     "message_en", errs[i].en));
		json_object_set_new(o, "errors", arr);
		return respond_json(c, 422, o, NULL);
	}
	if (rc)
		return respond_error(c, status_of(rc), errs[0].en);
	return respond_json(c, 201, report_person(&p, true), NULL);
}

/* The login page and the dashboard (HTML). */
static enum MHD_Result h_page(struct MHD_Connection *c, const user_t *u, bool login_page)
{
	buf_t b;
	enum MHD_Result rc;
	buf_init(&b, 64 * 1024);
	buf_puts(&b, "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
		     "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>plusone</title></head><body>");
	if (login_page) {
		buf_puts(&b, "<h1>Đăng nhập</h1><p>Dùng API <code>POST /api/v1/login</code>; "
			     "giao diện web đầy đủ sẽ có ở bản sau.</p>");
	} else {
		buf_puts(&b, "<h1>Bảng điều khiển</h1><p>Xin chào ");
		html_text(&b, u->username);
		buf_puts(&b, " (");
		html_text(&b, u->unit_code);
		buf_puts(&b, ").</p>");
	}
	buf_puts(&b, "</body></html>");
	rc = respond(c, 200, "text/html; charset=utf-8", buf_cstr(&b), b.len, NULL, NULL);
	buf_free(&b);
	return rc;
}

/* The dispatcher: limits, parsing, authentication, CSRF, routing. */
static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **state)
{
	struct req *r = *state;
	const char *token;
	bool by_cookie, post = strcmp(method, "POST") == 0, get = strcmp(method, "GET") == 0;
	json_t *body = NULL;
	app_t a;
	user_t u;
	char csrf[33];
	err_t e;
	int slot, authed;
	enum MHD_Result rc;
	(void)cls;
	(void)version;
	if (!r) {
		r = calloc(1, sizeof *r);
		if (!r)
			return MHD_NO;
		*state = r;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->too_large && r->len + *upload_size <= WEB_BODY_MAX) {
			char *nb = realloc(r->body, r->len + *upload_size + 1);
			if (!nb)
				return MHD_NO;
			r->body = nb;
			memcpy(r->body + r->len, upload, *upload_size);
			r->len += *upload_size;
			r->body[r->len] = '\0';
		} else {
			r->too_large = true;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->too_large)
		return respond_error(c, 413, "request body too large");
	if (strcmp(url, "/healthz") == 0 && get)
		return respond(c, 200, "text/plain", "ok\n", 3, NULL, NULL);
	if (post && strncmp(url, "/api/", 5) == 0) {
		json_error_t je;
		body = json_loadb(r->body ? r->body : "", r->len, 0, &je);
		if (!body || !json_is_object(body)) {
			json_decref(body);
			return respond_error(c, 400, "malformed JSON");
		}
	}
	slot = pool_take();
	memset(&a, 0, sizeof a);
	a.store = pool.s[slot];
	a.today = date_today();
	a.actor = "web";
	if (strcmp(url, "/api/v1/login") == 0 && post) {
		rc = h_login(c, &a, body);
		goto out;
	}
	token = request_token(c, &by_cookie);
	authed = token && app_session(&a, token, &u, csrf, &e) == PO_OK;
	if (authed)
		a.actor = u.username;
	if (strncmp(url, "/api/", 5) == 0) {
		if (!authed) {
			rc = respond_error(c, 401, "authentication required");
			goto out;
		}
		if (by_cookie && !get) {
			const char *x = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
			if (!x || strcmp(x, csrf) != 0) {
				rc = respond_error(c, 403, "CSRF token missing or wrong");
				goto out;
			}
		}
		if (strcmp(url, "/api/v1/people") == 0 && get)
			rc = h_people_search(c, &a, &u);
		else if (strcmp(url, "/api/v1/people") == 0 && post)
			rc = h_people_add(c, &a, &u, body);
		else if (strncmp(url, "/api/v1/people/", 15) == 0 && get)
			rc = h_people_get(c, &a, &u, url + 15);
		else
			rc = respond_error(c, 404, "not found");
		goto out;
	}
	if (strcmp(url, "/") == 0 && get)
		rc = authed ? h_page(c, &u, false) : respond(c, 302, "text/plain", "", 0, "/login", NULL);
	else if (strcmp(url, "/login") == 0 && get)
		rc = h_page(c, NULL, true);
	else
		rc = respond(c, 404, "text/plain", "not found\n", 10, NULL, NULL);
out:
	pool_give(slot);
	json_decref(body);
	return rc;
}

/* Frees a request's state when it completes. */
static void completed(void *cls, struct MHD_Connection *c, void **state, enum MHD_RequestTerminationCode t)
{
	struct req *r = *state;
	(void)cls;
	(void)c;
	(void)t;
	if (r) {
		free(r->body);
		free(r);
		*state = NULL;
	}
}

/* See web.h. */
int web_serve(const char *db, const char *addr, unsigned port, err_t *e)
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	sigset_t set;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int i, sig, rc = PO_OK, threads = cores < 1 ? 1 : cores > POOL_MAX ? POOL_MAX : (int)cores;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
		return err_set(e, PO_EINVAL, "listen", MSG_WEB_ADDRESS, addr);
	pool.n = threads;
	for (i = 0; i < pool.n; i++) {
		rc = store_open(db, &pool.s[i], e);
		if (rc)
			goto out;
	}
	/* block the stop signals in every thread; this one waits for them */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC,
			     (uint16_t)port, NULL, NULL,
			     handle, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
			     (unsigned)threads, MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONN_MAX,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)WEB_CONN_PER_IP, MHD_OPTION_CONNECTION_TIMEOUT,
			     (unsigned)WEB_TIMEOUT_S, MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_END);
	if (!d) {
		rc = err_set(e, PO_EINVAL, "listen", MSG_WEB_LISTEN, addr, port);
		goto out;
	}
	fprintf(stderr, "plusone: http://%s:%u/\n", addr, port);
	sigwait(&set, &sig);
	/* stop accepting, let the requests in flight finish (at most
	 * WEB_DRAIN_S seconds), then stop */
	MHD_quiesce_daemon(d);
	for (i = 0; i < WEB_DRAIN_S * 20; i++) {
		const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!info || info->num_connections == 0)
			break;
		usleep(50000);
	}
	MHD_stop_daemon(d);
out:
	for (i = 0; i < pool.n; i++)
		store_close(pool.s[i]);
	return rc;
}
