/* web_int.h: what the web room shares inside itself: one request as the
 * dispatcher hands it to a handler, the response a handler fills, the
 * route table, and the small helpers every handler uses.
 *
 * A handler never sees libmicrohttpd: server.c copies what a request
 * carries into a web_req_t, web_dispatch() finds the route, parses the
 * body, authenticates, checks CSRF, the role and the limits once, then
 * calls the handler with a web_ctx_t.  So the whole surface can be
 * driven in-process by tests (tests/web/test_routes.c).
 */
#ifndef PLUSONE_WEB_INT_H
#define PLUSONE_WEB_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/buf.h"
#include "core/err.h"

#define WEB_QUERY_MAX 32          /* query arguments kept per request */
#define WEB_FORM_MAX 64           /* form fields kept per request */
#define WEB_RESP_MAX (8u << 20)   /* bytes of one response body */
#define WEB_LOCATION_MAX 512      /* bytes of a redirect target */
#define WEB_COOKIE_MAX 256        /* bytes of one Set-Cookie value */
#define WEB_COOKIES_MAX 2         /* Set-Cookie headers per response */
#define WEB_IP_MAX 48             /* bytes of a peer address as text */

/* Role bits for a route's `roles`. */
#define R_ADMIN (1u << UROLE_ADMIN)
#define R_OFFICER (1u << UROLE_OFFICER)
#define R_UNION (1u << UROLE_UNION)
#define R_COLLECTOR (1u << UROLE_COLLECTOR)
#define R_VIEWER (1u << UROLE_VIEWER)
#define R_ALL (R_ADMIN | R_OFFICER | R_UNION | R_COLLECTOR | R_VIEWER)
#define R_WRITE (R_ADMIN | R_OFFICER | R_UNION | R_COLLECTOR) /* may change people and households */
#define R_MONEY (R_ADMIN | R_UNION | R_COLLECTOR)            /* may collect and handle receipts */
#define R_PUBLIC 0u                                           /* no login needed */

/* Route flags. */
#define WF_HTML 1u   /* an HTML page: no login → 302 /login; errors as pages; CSRF from the form */
#define WF_STATIC 2u /* public cacheable asset */

/* One name=value pair (query argument or form field); both NUL-terminated,
 * owned by the request. */
typedef struct web_kv {
	const char *k, *v;
} web_kv_t;

/* A request as the server received it.  Every pointer is owned by the
 * adapter (server.c or a test) and lives until the response is sent. */
typedef struct web_req {
	const char *method;          /* "GET", "POST", "PATCH" … */
	const char *path;            /* without the query string, percent-decoded */
	web_kv_t query[WEB_QUERY_MAX];
	size_t nquery;
	const char *body;            /* the raw body (NUL-terminated) or NULL */
	size_t body_len;
	const char *content_type;    /* NULL when absent */
	const char *authorization;   /* the Authorization header or NULL */
	const char *session_cookie;  /* the plusone_session cookie or NULL */
	const char *lang_cookie;     /* the plusone_lang cookie or NULL */
	const char *accept_language; /* the Accept-Language header or NULL */
	const char *csrf_header;     /* the X-CSRF-Token header or NULL */
	const char *if_none_match;   /* for cached assets */
	const char *origin;          /* the Origin header or NULL */
	const char *idem_key;        /* the Idempotency-Key header or NULL */
	const char *host;            /* the Host header or NULL */
	char ip[WEB_IP_MAX];         /* the peer's address */
} web_req_t;

/* The response a handler fills.  Owner: the dispatcher's caller, which
 * initialises it with web_resp_init and frees it with web_resp_free. */
typedef struct web_resp {
	unsigned status;
	const char *type;            /* a static string */
	buf_t body;
	char location[WEB_LOCATION_MAX];
	char cookies[WEB_COOKIES_MAX][WEB_COOKIE_MAX];
	int ncookies;
	int cache_seconds;           /* > 0: cacheable asset; else no-store */
	char etag[40];
	int retry_after;             /* > 0: a Retry-After header (429) */
	char allow[64];              /* a 405's Allow header: the path's methods */
	const char *route;           /* the matched route pattern, for the log */
	char user[USERNAME_MAX + 1]; /* who asked, for the log ("" if nobody) */
} web_resp_t;

void web_resp_init(web_resp_t *r);
void web_resp_free(web_resp_t *r);

/* What a handler runs with.  The dispatcher owns every pointer. */
typedef struct web_ctx {
	const web_req_t *rq;
	web_resp_t *rs;
	app_t *a;                    /* store, actor = the user's name, today */
	const user_t *u;             /* NULL on a public route without a session */
	const int64_t *scope;        /* the user's units, sorted (NULL when no user) */
	size_t nscope;
	const char *csrf;            /* the session's CSRF token ("" when none) */
	const char *token;           /* the session token of the request (NULL when none) */
	enum lang lang;              /* from the plusone_lang cookie; Vietnamese by default */
	int64_t id;                  /* the {id} of the route pattern, 0 when it has none */
	web_kv_t form[WEB_FORM_MAX]; /* an HTML form body, decoded */
	size_t nform;
	json_t *json;                /* an API write's JSON object body, or NULL */
} web_ctx_t;

typedef void (*web_handler_fn)(web_ctx_t *x);

/* One route: method, path pattern ("/api/v1/people/{id}": {id} matches a
 * positive decimal integer), the roles allowed (R_PUBLIC for none
 * needed), flags, the handler and a one-line summary (the OpenAPI
 * document is checked against the API routes). */
typedef struct web_route {
	const char *method;
	const char *pattern;
	unsigned roles;
	unsigned flags;
	web_handler_fn fn;
	const char *summary;
} web_route_t;

extern const web_route_t web_routes[];
extern const size_t web_route_count;

struct web_settings;

/* Prepares the process-wide state of the web room (compiled templates,
 * the cookie setting); PO_EINVAL when a template does not compile.
 * web_state_close releases it and the session cache. */
int web_state_open(const struct web_settings *s, err_t *e);
void web_state_close(void);

/* Runs one request: route, body, authentication, CSRF, role, handler,
 * error mapping.  `a` carries the store connection the caller took for
 * this request (its actor becomes the user's name).  Always fills rs
 * (never fails: errors become responses).  Thread-safe. */
void web_dispatch(app_t *a, const web_req_t *rq, web_resp_t *rs);

/* ---- reading a request (web_util.c) ---- */

/* The query argument / form field named k, or NULL. */
const char *web_query(const web_ctx_t *x, const char *k);
const char *web_form(const web_ctx_t *x, const char *k);

/* A string member of the JSON body (NULL when absent or not a string). */
const char *web_json_str(const web_ctx_t *x, const char *k);

/* True when the user works at a root unit (a province with no parent):
 * she alone reads what no unit owns (the command line's audit rows). */
bool web_user_top(web_ctx_t *x);

/* Narrows an audit filter to the entries of the user's units, unless
 * web_user_top. */
struct audit_filter;
void web_audit_scope(web_ctx_t *x, struct audit_filter *f);

/* True when the user's units contain unit_id. */
bool web_in_scope(const web_ctx_t *x, int64_t unit_id);

/* Decodes an application/x-www-form-urlencoded text in place (s is
 * modified: '+' → ' ', %XX → byte) into at most max pairs.  Pairs
 * beyond max are dropped and *n is max; returns PO_EINVAL for a bad
 * escape or a value that is not UTF-8. */
int web_form_parse(char *s, web_kv_t *kv, size_t max, size_t *n);

/* ---- answering (web_util.c) ---- */

/* A JSON answer (doc consumed; NULL doc → 500). */
void web_json(web_ctx_t *x, unsigned status, json_t *doc);

/* The HTTP status of a PO_* code: EINVAL 422, ENOTFOUND 404, ECONFLICT
 * 409, ELIMIT 413, EFORBIDDEN 403, EBUSY 503, others 500. */
unsigned web_status_of(int code);

/* The stable code of an error status, the one table of them: 400
 * bad_request, 401 unauthenticated, 403 forbidden, 404 not_found, 405
 * method_not_allowed, 409 conflict, 413 and 431 too_large, 422 invalid,
 * 429 rate_limited, 503 busy, anything else internal. */
const char *web_error_code(unsigned status);

/* An error answer for rc and e: JSON {"error": English text, "code":
 * web_error_code, "message": the text in the caller's language,
 * "field": present only when e names one} on API routes (the server
 * adds WWW-Authenticate to every 401), an error page on HTML routes. */
void web_fail(web_ctx_t *x, int rc, const err_t *e);

/* The same with a status and one message of the table. */
void web_fail_msg(web_ctx_t *x, unsigned status, enum msg_id id);

/* The same with a status, the field at fault (NULL for none) and the
 * message id formatted with the arguments that follow. */
void web_fail_text(web_ctx_t *x, unsigned status, const char *field, enum msg_id id, ...);

/* A 422 answer listing several field errors: {"errors": [{"field",
 * "message" (the caller's language), "code": "invalid"}]}. */
void web_fail_fields(web_ctx_t *x, const err_t *errs, size_t n);

struct schema_problem;

/* One problem of a request check as an error answer at status. */
void web_fail_problem(web_ctx_t *x, unsigned status, const struct schema_problem *p);

/* A 422 answer listing the problems of a request check: {"errors":
 * [{"field", "message", "code"}]}. */
void web_fail_problems(web_ctx_t *x, const struct schema_problem *p, size_t n);

/* Checks an /api/ request against its operation (api_check.c): unknown
 * or repeated query arguments (400), and on a converted operation the
 * arguments' and the body's values (422 listing every problem).  True
 * to go on; false when the answer is already in x->rs. */
bool web_api_check(web_ctx_t *x, const web_route_t *r);

/* The values check of an operation marked OP_LATE, for its handler to
 * run after what must answer first (a 403 naming why, a 404): true to
 * go on; false when the 400 or 422 is already answered. */
bool web_api_values_ok(web_ctx_t *x);

/* ---- lists (web_util.c) ---- */

#define WEB_LIST_DEFAULT 50 /* rows of a page when limit is absent */
#define WEB_LIST_MAX 200    /* rows of a page at most */

/* The page a list request asks for: *limit from `limit` (default
 * WEB_LIST_DEFAULT), *after the key the `after` cursor names (0 when
 * absent).  A cursor is the text "k" followed by a positive decimal key
 * (opaque to clients).  False (the 422 answered) for a limit outside
 * 1..WEB_LIST_MAX or a malformed cursor. */
bool web_list_page(web_ctx_t *x, int *limit, int64_t *after);

/* Answers the page of rows (an array, consumed) the request asks for
 * (web_list_page) with web_list: the rows after the one whose integer
 * member key equals the cursor's key (with key NULL, the cursor is the
 * ordinal of the last row of the page before), total their count.  A
 * cursor naming no row gives an empty last page.  The members of extra
 * (consumed; NULL for none) are added to the answer.  False when the 422
 * of a bad limit or cursor is answered instead. */
bool web_list_rows(web_ctx_t *x, json_t *rows, const char *key, json_t *extra);

/* Answers a list: {"results": results, "next": the cursor of next_key or
 * null when 0, "total": total when total >= 0, and the members of extra}
 * (results and extra consumed; extra may be NULL). */
void web_list(web_ctx_t *x, json_t *results, int64_t next_key, long long total, json_t *extra);

/* A 303 redirect to loc (a path of this site). */
void web_redirect(web_ctx_t *x, const char *loc);

/* Adds a Set-Cookie header (value already formatted). */
void web_cookie(web_ctx_t *x, const char *value);

/* Renders the HTML page `tmpl` with ctx (consumed) at status: the context
 * gains "me" (username, role, unit_code, is_admin, can_write,
 * can_collect) when there is a user, "csrf", "lang" and "en" (bool); the
 * handler sets "title".  Text is escaped by the template engine. */
void web_page(web_ctx_t *x, unsigned status, const char *tmpl, json_t *ctx);

/* The translated UI string key in x's language (the key itself when
 * unknown). */
const char *web_tr(const web_ctx_t *x, const char *key);

/* The compiled templates of the pages (set up by web_state_open; NULL
 * before). */
const struct tmpl_set *web_templates(void);

/* ---- accounts (dispatch.c, throttle.c) ---- */

/* Before a password check: 0 to go on (a hashing slot is held until
 * web_login_result), or non-zero when the user name or the address is
 * locked out for now (a 429 with Retry-After is already in x->rs). */
int web_login_gate(web_ctx_t *x, const char *username);

/* After the check: records the outcome for throttling (per user name at
 * the address, and per address), audits a failure (name and address)
 * and gives the hashing slot back.  Must follow every web_login_gate
 * that returned 0. */
void web_login_result(web_ctx_t *x, const char *username, bool ok);

/* True when session cookies must carry Secure (served over HTTPS). */
bool web_cookie_secure(void);

/* Drops a session token from the server's session cache (logout,
 * password change) so that it stops working at once. */
void web_session_forget(const char *token);

/* Drops every cached session (a user's role, unit or password changed). */
void web_session_forget_all(void);

/* Called (when set) between reading a session from the database and
 * caching it: a seam for tests that land a logout inside that window. */
extern void (*web_session_read_hook)(void);

#endif
