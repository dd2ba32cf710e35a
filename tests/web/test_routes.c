/* test_routes.c: walks the route table.  Every route, for every role,
 * on a record inside and outside the caller's units, without a session,
 * and (for writes) with the session cookie but no CSRF token, answers the
 * expected status.  A route without a case here fails the test, so a new
 * route cannot land without its permissions being stated.
 *
 * Requests go straight to web_dispatch (no sockets): the same dispatcher
 * and handlers the server runs.  Write cases send bodies that the use
 * case refuses (422) or that change nothing lasting, so every role sees
 * the same data. */
#include <time.h>

#include "../app/fixture.h"

#include "app/accounts.h"
#include "app/collect.h"
#include "app/handover.h"
#include "store/store_duplicates.h"
#include "web/throttle.h"
#include "web/web.h"
#include "web/web_int.h"

#define PASSWORD "mật khẩu đủ dài"

/* One route's case: the path inside the caller's units and outside them
 * (NULL when the route has no {id}), the body of a write, the status an
 * allowed role gets inside and outside. */
struct route_case {
	const char *method, *pattern;
	const char *in, *out;
	const char *body;
	unsigned ok, out_status;
};

/* Ids filled by the fixture, substituted for {P} (person), {H}
 * (household), {R} (receipt), {U} (unit), {S} (user), {M} (remittance:
 * M0 already confirmed) in paths. */
static struct {
	int64_t person[2], household[2], receipt[2], unit[2], user[2], remit[2];
	int64_t spare_person[2], spare_receipt[2]; /* {X0} {X1} {Q0} {Q1}: for the writes that succeed */
	int64_t spare_remit[2], spare_pair[2], spare_merge[2]; /* {N0} {N1}, {D0} {D1}, {K0} {K1}: likewise */
} ids;

static const struct route_case cases[] = {
	{"GET", "/healthz", NULL, NULL, NULL, 200, 0},
	{"GET", "/static/app.css", NULL, NULL, NULL, 200, 0},
	{"GET", "/static/app.js", NULL, NULL, NULL, 200, 0},
	{"GET", "/static/money.js", NULL, NULL, NULL, 200, 0},
	{"GET", "/static/picker.js", NULL, NULL, NULL, 200, 0},
	{"GET", "/static/receipt.css", NULL, NULL, NULL, 200, 0},
	{"GET", "/api/v1/openapi.json", NULL, NULL, NULL, 200, 0},
	{"POST", "/api/v1/login", NULL, NULL, "{\"username\":\"nobody\",\"password\":\"x\"}", 401, 0},
	{"POST", "/api/v1/logout", NULL, NULL, "{}", 200, 0},
	{"GET", "/api/v1/me", NULL, NULL, NULL, 200, 0},
	{"POST", "/api/v1/password", NULL, NULL, "{}", 422, 0},
	{"GET", "/api/v1/dashboard", NULL, NULL, NULL, 200, 0},
	{"GET", "/api/v1/units", NULL, NULL, NULL, 200, 0},
	{"POST", "/api/v1/units", NULL, NULL, "{}", 422, 0},
	{"GET", "/api/v1/units/{id}", "/api/v1/units/{U0}", "/api/v1/units/{U1}", NULL, 200, 404},
	{"GET", "/api/v1/people", "/api/v1/people?q=lan", NULL, NULL, 200, 0},
	{"POST", "/api/v1/people", NULL, NULL, "{}", 422, 0},
	{"GET", "/api/v1/people/{id}", "/api/v1/people/{P0}", "/api/v1/people/{P1}", NULL, 200, 404},
	{"PATCH", "/api/v1/people/{id}", "/api/v1/people/{P0}", "/api/v1/people/{P1}", "{\"dob\":\"31/02/1990\"}", 422, 404},
	{"GET", "/api/v1/people/{id}/participation", "/api/v1/people/{P0}/participation",
	 "/api/v1/people/{P1}/participation", NULL, 200, 404},
	{"GET", "/api/v1/people/{id}/coverage", "/api/v1/people/{P0}/coverage", "/api/v1/people/{P1}/coverage", NULL,
	 200, 404},
	{"GET", "/api/v1/people/{id}/pension", "/api/v1/people/{P0}/pension?income=5000000",
	 "/api/v1/people/{P1}/pension?income=5000000", NULL, 200, 404},
	{"POST", "/api/v1/people/{id}/membership", "/api/v1/people/{P0}/membership", "/api/v1/people/{P1}/membership",
	 "{\"role\":\"nonsense\"}", 422, 404},
	{"POST", "/api/v1/people/{id}/stop", "/api/v1/people/{P0}/stop", "/api/v1/people/{P1}/stop", "{}", 422, 404},
	{"GET", "/api/v1/households/{id}", "/api/v1/households/{H0}", "/api/v1/households/{H1}", NULL, 200, 404},
	{"PATCH", "/api/v1/households/{id}", "/api/v1/households/{H0}", "/api/v1/households/{H1}", "{}", 422, 404},
	{"POST", "/api/v1/households/{id}/poverty", "/api/v1/households/{H0}/poverty",
	 "/api/v1/households/{H1}/poverty", "{}", 422, 404},
	{"GET", "/api/v1/duplicates", NULL, NULL, NULL, 200, 0},
	{"POST", "/api/v1/duplicates/{id}/distinct", "/api/v1/duplicates/999999/distinct", NULL, "{}", 404, 0},
	{"POST", "/api/v1/people/{id}/merge", "/api/v1/people/{P0}/merge", "/api/v1/people/{P1}/merge", "{}", 422, 404},
	{"GET", "/api/v1/quotes/bhxh", "/api/v1/quotes/bhxh?income=1", NULL, NULL, 422, 0},
	{"GET", "/api/v1/quotes/bhyt", "/api/v1/quotes/bhyt?ordinal=1&months=12", NULL, NULL, 200, 0},
	{"GET", "/api/v1/params", NULL, NULL, NULL, 200, 0},
	/* admins of a commune, as every fixture login: only a top-level admin writes parameters */
	{"POST", "/api/v1/params", NULL, NULL, "{}", 403, 0},
	{"POST", "/api/v1/collect", NULL, NULL, "{}", 422, 0},
	{"POST", "/api/v1/collect/preview", NULL, NULL, "{}", 422, 0},
	{"GET", "/api/v1/receipts", NULL, NULL, NULL, 200, 0},
	{"GET", "/api/v1/receipts/{id}", "/api/v1/receipts/{R0}", "/api/v1/receipts/{R1}", NULL, 200, 404},
	{"POST", "/api/v1/receipts/{id}/void", "/api/v1/receipts/{R0}/void", "/api/v1/receipts/{R1}/void", "{}", 422,
	 404},
	{"POST", "/api/v1/remittances", NULL, NULL, "{\"date\":\"not a date\"}", 422, 0},
	{"GET", "/api/v1/cash", NULL, NULL, NULL, 200, 0},
	{"GET", "/api/v1/collectors", NULL, NULL, NULL, 200, 0},
	{"GET", "/api/v1/remittances", NULL, NULL, NULL, 200, 0},
	{"GET", "/api/v1/remittances/{id}", "/api/v1/remittances/{M0}", "/api/v1/remittances/{M1}", NULL, 200, 404},
	{"POST", "/api/v1/remittances/{id}/confirm", "/api/v1/remittances/{M0}/confirm",
	 "/api/v1/remittances/{M1}/confirm", "{}", 409, 404},
	{"GET", "/api/v1/settings/point", NULL, NULL, NULL, 200, 0},
	{"PATCH", "/api/v1/settings/point", NULL, NULL, "{\"code\":5}", 422, 0},
	{"GET", "/api/v1/referrals", NULL, NULL, NULL, 200, 0},
	{"POST", "/api/v1/referrals", NULL, NULL, "{}", 422, 0},
	{"GET", "/api/v1/due", NULL, NULL, NULL, 200, 0},
	{"GET", "/api/v1/users", NULL, NULL, NULL, 200, 0},
	{"POST", "/api/v1/users", NULL, NULL, "{}", 422, 0},
	{"PATCH", "/api/v1/users/{id}", "/api/v1/users/{S0}", "/api/v1/users/{S1}", "{\"role\":\"nonsense\"}", 422, 404},
	{"GET", "/api/v1/audit", NULL, NULL, NULL, 200, 0},
	{"GET", "/api/v1/login-locks", NULL, NULL, NULL, 200, 0},
	{"POST", "/api/v1/login-locks/clear", NULL, NULL, "{}", 422, 0},
	{"GET", "/login", NULL, NULL, NULL, 200, 0},
	{"POST", "/login", NULL, NULL, "username=nobody&password=x", 401, 0},
	{"GET", "/lang", "/lang", NULL, NULL, 303, 0},
	{"POST", "/logout", NULL, NULL, "", 303, 0},
	{"GET", "/", NULL, NULL, NULL, 200, 0},
	{"GET", "/people", NULL, NULL, NULL, 200, 0},
	{"GET", "/people/new", NULL, NULL, NULL, 200, 0},
	{"POST", "/people/new", NULL, NULL, "full_name=", 422, 0},
	{"GET", "/people/{id}", "/people/{P0}", "/people/{P1}", NULL, 200, 404},
	{"GET", "/people/{id}/edit", "/people/{P0}/edit", "/people/{P1}/edit", NULL, 200, 404},
	{"POST", "/people/{id}/edit", "/people/{P0}/edit", "/people/{P1}/edit", "dob=31%2F02%2F1990", 422, 404},
	{"GET", "/households/{id}", "/households/{H0}", "/households/{H1}", NULL, 200, 404},
	{"POST", "/households/{id}", "/households/{H0}", "/households/{H1}", "", 422, 404},
	{"GET", "/duplicates", NULL, NULL, NULL, 200, 0},
	{"POST", "/duplicates/{id}", "/duplicates/999999", NULL, "action=merge", 404, 0},
	{"GET", "/collect", NULL, NULL, NULL, 200, 0},
	{"POST", "/collect", NULL, NULL, "", 422, 0},
	{"GET", "/receipts", NULL, NULL, NULL, 200, 0},
	{"GET", "/receipts/{id}", "/receipts/{R0}", "/receipts/{R1}", NULL, 200, 404},
	{"POST", "/receipts/{id}/void", "/receipts/{R0}/void", "/receipts/{R1}/void", "", 422, 404},
	{"GET", "/remit", NULL, NULL, NULL, 200, 0},
	{"POST", "/remit", NULL, NULL, "date=x", 422, 0},
	{"GET", "/remittances", NULL, NULL, NULL, 200, 0},
	{"GET", "/remittances/{id}", "/remittances/{M0}", "/remittances/{M1}", NULL, 200, 404},
	{"POST", "/remittances/{id}/confirm", "/remittances/{M0}/confirm", "/remittances/{M1}/confirm", "", 409, 404},
	{"GET", "/settings", NULL, NULL, NULL, 200, 0},
	{"POST", "/settings", NULL, NULL, "code=12345678901234567890123456789012345678901", 422, 0},
	{"GET", "/referrals", NULL, NULL, NULL, 200, 0},
	{"POST", "/referrals", NULL, NULL, "", 422, 0},
	{"GET", "/due", NULL, NULL, NULL, 200, 0},
	{"GET", "/users", NULL, NULL, NULL, 200, 0},
	{"POST", "/users", NULL, NULL, "", 422, 0},
	{"POST", "/users/{id}", "/users/{S0}", "/users/{S1}", "role=nonsense", 422, 404},
	{"GET", "/password", NULL, NULL, NULL, 200, 0},
	{"POST", "/password", NULL, NULL, "", 422, 0},
	{"GET", "/audit", NULL, NULL, NULL, 200, 0},
	{"GET", "/login-locks", NULL, NULL, NULL, 200, 0},
	{"POST", "/login-locks/clear", NULL, NULL, "", 422, 0},
};

#define NCASES (sizeof cases / sizeof cases[0])

static fixture_t *fx;
/* TOP_ADMIN: one more login, an administrator of the province (the top of
 * the tree), who alone may write national parameters and settings. */
#define TOP_ADMIN UROLE_COUNT
static char tokens[UROLE_COUNT + 1][65], csrfs[UROLE_COUNT + 1][33];
static const char *const names[UROLE_COUNT + 1] = {"quantri", "canbo", "hoi", "thu", "xem", "tinh"};

/* Opens a fresh session for role (after a logout case closed it). */
static void relogin(int role)
{
	user_t who;
	assert_int_equal(app_login(&fx->app, names[role], PASSWORD, tokens[role], csrfs[role], &who, &fx->e), PO_OK);
}

/* Replaces {P0} {P1} {H0} … {U1} {S0} in pattern with fixture ids. */
static void fill_path(const char *p, char *out, size_t cap)
{
	size_t n = 0;
	while (*p && n + 24 < cap) {
		if (p[0] == '{' && p[1] && (p[2] == '0' || p[2] == '1') && p[3] == '}') {
			int k = p[2] - '0';
			int64_t v = p[1] == 'P' ? ids.person[k] : p[1] == 'H' ? ids.household[k] : p[1] == 'R' ? ids.receipt[k]
				  : p[1] == 'U' ? ids.unit[k] : p[1] == 'M' ? ids.remit[k] : p[1] == 'X' ? ids.spare_person[k]
				  : p[1] == 'Q' ? ids.spare_receipt[k] : p[1] == 'N' ? ids.spare_remit[k]
				  : p[1] == 'D' ? ids.spare_pair[k] : p[1] == 'K' ? ids.spare_merge[k] : ids.user[k];
			n += (size_t)snprintf(out + n, cap - n, "%lld", (long long)v);
			p += 4;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
}

static const char *req_origin, *req_host; /* headers of the next calls */
static char last_allow[64];               /* the Allow header of the last answer */
static char last_body[512];               /* the start of its body */

/* Sends one request; returns the status.  how: 'b' bearer token of
 * role, 'c' session cookie with the CSRF header, 'n' cookie without any
 * CSRF proof, 0 no credentials. */
static unsigned call(const char *method, const char *path, const char *body, int role, char how)
{
	web_req_t rq;
	web_resp_t rs;
	char auth[80], pathbuf[256], *qm;
	unsigned st;
	app_t a = fx->app;
	memset(&rq, 0, sizeof rq);
	rq.method = method;
	snprintf(pathbuf, sizeof pathbuf, "%s", path);
	qm = strchr(pathbuf, '?');
	if (qm) {
		*qm = '\0';
		assert_int_equal(web_form_parse(qm + 1, rq.query, WEB_QUERY_MAX, &rq.nquery), PO_OK);
	}
	rq.path = pathbuf;
	rq.body = body;
	rq.body_len = body ? strlen(body) : 0;
	rq.origin = req_origin;
	rq.host = req_host;
	snprintf(rq.ip, sizeof rq.ip, "192.0.2.%d", role + 1);
	if (how == 'b') {
		snprintf(auth, sizeof auth, "Bearer %s", tokens[role]);
		rq.authorization = auth;
	} else if (how == 'c' || how == 'n') {
		rq.session_cookie = tokens[role];
		if (how == 'c')
			rq.csrf_header = csrfs[role];
	}
	web_resp_init(&rs);
	web_dispatch(&a, &rq, &rs);
	st = rs.status;
	snprintf(last_allow, sizeof last_allow, "%s", rs.allow);
	snprintf(last_body, sizeof last_body, "%.*s", (int)(rs.body.len < 511 ? rs.body.len : 511), buf_cstr(&rs.body));
	if (st == 422 && strncmp(pathbuf, "/api/", 5) == 0) { /* every 422 of the API names at least one error */
		json_t *j = json_loads(buf_cstr(&rs.body), 0, NULL), *errs = json_object_get(j, "errors");
		assert_non_null(j);
		if (errs)
			assert_true(json_array_size(errs) > 0 &&
				    json_string_length(json_object_get(json_array_get(errs, 0), "message")) > 0);
		else
			assert_true(json_string_length(json_object_get(j, "error")) > 0);
		json_decref(j);
	}
	web_resp_free(&rs);
	return st;
}

/* Adds a woman born 1980-03-04 with a CCCD and a household code in a
 * unit; returns her id. */
static int64_t add_person(const char *name, const char *cccd, const char *unit, const char *hh)
{
	return fixture_person_fields(fx, name, "1980-03-04", "F", cccd, unit, hh);
}

/* One BHYT receipt (12 months, cash) for person p collected by collector
 * on the fixture's day; returns its id. */
static int64_t add_receipt(const char *collector, int64_t p)
{
	return fixture_collect(fx, collector, fx->app.today, p, (collect_item_t[]){fixture_bhyt(p, 12)}, 1).id;
}

/* The newest listed pair (store callback). */
static int newest_pair(const dup_pair_t *p, void *ctx)
{
	if (p->id > *(int64_t *)ctx)
		*(int64_t *)ctx = p->id;
	return 0;
}

/* Lists two people of 29350 named `name` as a possible duplicate pair and
 * returns the pair's id. */
static int64_t add_pair(const char *name, const char *cccd0, const char *cccd1)
{
	int64_t id = 0, a = add_person(name, cccd0, "29350", NULL), b = add_person(name, cccd1, "29350", NULL);
	assert_int_equal(store_duplicate_add(fx->app.store, a, b, fixture_unit_id(fx, "29350"), &fx->e), PO_OK);
	assert_int_equal(store_duplicates_each(fx->app.store, newest_pair, &id, &fx->e), PO_OK);
	assert_true(id > 0);
	return id;
}

/* Builds the fixture: users of every role at 29350, a collector at
 * 29365, a person, household and receipt on each side. */
static int setup(void **state)
{
	web_settings_t s;
	int r;
	(void)state;
	fx = fixture_new();
	assert_int_equal(app_params_sync(&fx->app, &r, &fx->e), PO_OK);
	web_settings_default(&s);
	assert_int_equal(web_state_open(&s, &fx->e), PO_OK);
	user_t officer;
	remittance_row_t m;
	int64_t n;
	money_t amount, commission;
	for (r = 0; r < UROLE_COUNT; r++) {
		user_t u = fixture_user(fx, names[r], (enum user_role)r, "29350", PASSWORD);
		if (r == UROLE_VIEWER)
			ids.user[0] = u.id;
		if (r == UROLE_OFFICER)
			officer = u;
		relogin(r);
	}
	ids.user[1] = fixture_user(fx, "thu2", UROLE_COLLECTOR, "29365", PASSWORD).id;
	fixture_user(fx, names[TOP_ADMIN], UROLE_ADMIN, "84", PASSWORD);
	relogin(TOP_ADMIN);
	ids.person[0] = add_person("Nguyễn Thị Lan", "084180000001", "29350", "HT-001");
	ids.person[1] = add_person("Lê Thị Xa", "084180000002", "29365", "TN-001");
	assert_int_equal(store_household_find(fx->app.store, "HT-001", &ids.household[0], &fx->e), PO_OK);
	assert_int_equal(store_household_find(fx->app.store, "TN-001", &ids.household[1], &fx->e), PO_OK);
	/* a remittance on each side (of earlier receipts), the inside one
	 * confirmed, so that confirming it again changes nothing */
	add_receipt("thu", add_person("Trần Thị Mơ", "084180000003", "29350", "HT-002"));
	add_receipt("thu2", add_person("Lê Thị Hoa", "084180000004", "29365", "TN-002"));
	assert_int_equal(app_remit(&fx->app, "thu", fx->app.today, &ids.remit[0], &n, &amount, &commission, &fx->e), PO_OK);
	assert_int_equal(app_remit(&fx->app, "thu2", fx->app.today, &ids.remit[1], &n, &amount, &commission, &fx->e),
			 PO_OK);
	assert_int_equal(app_remittance_confirm_by(&fx->app, &officer, NULL, 0, ids.remit[0], &m, &fx->e), PO_OK);
	ids.receipt[0] = add_receipt("thu", ids.person[0]);
	ids.receipt[1] = add_receipt("thu2", ids.person[1]);
	ids.unit[0] = fixture_unit_id(fx, "29350");
	ids.unit[1] = fixture_unit_id(fx, "29365");
	return 0;
}

/* Removes the fixture. */
static int teardown(void **state)
{
	(void)state;
	web_state_close();
	fixture_free(fx);
	return 0;
}

/* The case of a route, or NULL. */
static const struct route_case *case_of(const web_route_t *r)
{
	size_t i;
	for (i = 0; i < NCASES; i++)
		if (strcmp(cases[i].method, r->method) == 0 && strcmp(cases[i].pattern, r->pattern) == 0)
			return &cases[i];
	return NULL;
}

/* Every route of the table has a case, and every case a route. */
static void every_route_has_a_case(void **state)
{
	size_t i, j;
	(void)state;
	for (i = 0; i < web_route_count; i++) {
		if (!case_of(&web_routes[i]))
			fail_msg("no case for %s %s", web_routes[i].method, web_routes[i].pattern);
	}
	for (j = 0; j < NCASES; j++) {
		bool found = false;
		for (i = 0; i < web_route_count; i++)
			found |= strcmp(cases[j].method, web_routes[i].method) == 0 &&
				 strcmp(cases[j].pattern, web_routes[i].pattern) == 0;
		if (!found)
			fail_msg("case without a route: %s %s", cases[j].method, cases[j].pattern);
	}
}

/* Whether the route is a write with a logout effect (run last). */
static bool logs_out(const web_route_t *r)
{
	return strstr(r->pattern, "logout") != NULL;
}

/* Checks one route for every role, inside and outside, without a
 * session and without CSRF proof. */
static void check_route(const web_route_t *r, int *bad)
{
	const struct route_case *c = case_of(r);
	bool html = (r->flags & WF_HTML) != 0;
	bool write = strcmp(r->method, "GET") != 0;
	char in[160], out[160];
	int role;
	unsigned st;
	fill_path(c->in ? c->in : r->pattern, in, sizeof in);
	if (c->out)
		fill_path(c->out, out, sizeof out);
	/* without a session */
	st = call(r->method, in, c->body, 0, 0);
	if (r->roles == R_PUBLIC) {
		if (st != c->ok) {
			print_error("%s %s public: %u, expected %u\n", r->method, in, st, c->ok);
			(*bad)++;
		}
		return;
	}
	if (st != (html ? 302u : 401u)) {
		print_error("%s %s without a session: %u\n", r->method, in, st);
		(*bad)++;
	}
	for (role = 0; role < UROLE_COUNT; role++) {
		bool allowed = (r->roles & (1u << role)) != 0;
		unsigned want = allowed ? c->ok : 403;
		if (logs_out(r))
			relogin(role);
		/* an HTML form carries its token in the body; the API in a header */
		st = call(r->method, in, c->body, role, html ? 'c' : 'b');
		if (st != want) {
			print_error("%s %s as %s: %u, expected %u\n", r->method, in, user_role_name((enum user_role)role), st,
				    want);
			(*bad)++;
		}
		if (c->out) {
			unsigned want_out = allowed ? c->out_status : 403;
			st = call(r->method, out, c->body, role, html ? 'c' : 'b');
			if (st != want_out) {
				print_error("%s %s (outside) as %s: %u, expected %u\n", r->method, out,
					    user_role_name((enum user_role)role), st, want_out);
				(*bad)++;
			}
		}
		if (write) {
			if (logs_out(r))
				relogin(role);
			st = call(r->method, in, c->body, role, 'n');
			if (st != 403) {
				print_error("%s %s by cookie without CSRF as %s: %u, expected 403\n", r->method, in,
					    user_role_name((enum user_role)role), st);
				(*bad)++;
			}
		}
	}
}

/* Every route × every role × inside/outside answers as its case says. */
static void every_route_every_role(void **state)
{
	size_t i;
	int bad = 0;
	(void)state;
	for (i = 0; i < web_route_count; i++)
		if (case_of(&web_routes[i]) && !logs_out(&web_routes[i]))
			check_route(&web_routes[i], &bad);
	for (i = 0; i < web_route_count; i++)
		if (case_of(&web_routes[i]) && logs_out(&web_routes[i]))
			check_route(&web_routes[i], &bad);
	assert_int_equal(bad, 0);
}

/* A write sent from a page of another site (its Origin names another
 * host) is refused before anything runs when the browser's credentials
 * would carry it: the session cookie, or a page's form (the login form
 * included); the same write from this site goes through.  A bearer
 * token is no ambient credential: an API write with it, or an API login
 * without a cookie, is not subject to the Origin check. */
static void writes_from_another_site_are_refused(void **state)
{
	(void)state;
	req_host = "127.0.0.1:8080";
	req_origin = "http://evil.example";
	assert_int_equal(call("POST", "/login", "username=nobody&password=x", 0, 0), 403);
	assert_int_equal(call("POST", "/api/v1/people", "{}", UROLE_UNION, 'c'), 403);
	assert_non_null(strstr(last_body, "\"code\":\"forbidden\""));
	assert_int_equal(call("POST", "/api/v1/people", "{}", UROLE_UNION, 'b'), 422);
	assert_int_equal(call("POST", "/api/v1/login", "{\"username\":\"nobody\",\"password\":\"x\"}", 0, 0), 401);
	req_origin = "null";
	assert_int_equal(call("POST", "/login", "username=nobody&password=x", 0, 0), 403);
	req_origin = "http://127.0.0.1:8080";
	assert_int_equal(call("POST", "/login", "username=nobody&password=x", 0, 0), 401);
	assert_int_equal(call("POST", "/api/v1/people", "{}", UROLE_UNION, 'b'), 422);
	/* reads are not refused: a link from elsewhere may open a page */
	req_origin = "http://evil.example";
	assert_int_equal(call("GET", "/login", NULL, 0, 0), 200);
	req_origin = req_host = NULL;
}

/* A 401 and a 405 (which names the methods the path answers to) carry
 * the error shape with its code (the server adds WWW-Authenticate to
 * every 401). */
static void unauthenticated_and_method_headers(void **state)
{
	(void)state;
	assert_int_equal(call("GET", "/api/v1/me", NULL, 0, 0), 401);
	assert_non_null(strstr(last_body, "\"code\":\"unauthenticated\""));
	assert_null(strstr(last_body, "\"field\""));
	assert_int_equal(call("DELETE", "/api/v1/people", NULL, UROLE_UNION, 'b'), 405);
	assert_string_equal(last_allow, "GET, HEAD, POST");
	assert_non_null(strstr(last_body, "\"code\":\"method_not_allowed\""));
	assert_int_equal(call("GET", "/api/v1/me", NULL, UROLE_UNION, 'b'), 200);
}

/* An unknown or repeated query argument answers 400 naming it. */
static void unknown_query_arguments_are_refused(void **state)
{
	(void)state;
	assert_int_equal(call("GET", "/api/v1/people?q=lan&limt=1", NULL, UROLE_UNION, 'b'), 400);
	assert_non_null(strstr(last_body, "\"code\":\"bad_request\""));
	assert_non_null(strstr(last_body, "\"field\":\"limt\""));
	assert_int_equal(call("GET", "/api/v1/people?q=lan&q=an", NULL, UROLE_UNION, 'b'), 400);
	assert_non_null(strstr(last_body, "\"field\":\"q\""));
	assert_int_equal(call("GET", "/api/v1/people?q=lan&limit=1", NULL, UROLE_UNION, 'b'), 200);
}

/* HEAD answers as GET does (the server sends no body); other unknown
 * methods on a known path are 405. */
static void head_is_get_and_other_methods_405(void **state)
{
	(void)state;
	assert_int_equal(call("HEAD", "/healthz", NULL, 0, 0), 200);
	assert_int_equal(call("HEAD", "/login", NULL, 0, 0), 200);
	assert_int_equal(call("DELETE", "/api/v1/people", NULL, UROLE_ADMIN, 'b'), 405);
	assert_int_equal(call("GET", "/nowhere", NULL, UROLE_ADMIN, 'b'), 404);
}

/* One write that must succeed: the route, the path and body ({P0} …
 * filled in), the role that sends it (bearer for the API, cookie and
 * CSRF token for a form; -1: no session) and the 2xx or 303 expected. */
struct write_ok {
	const char *method, *pattern, *path, *body;
	int role;
	unsigned status;
};

#define PW_FORM "m%E1%BA%ADt+kh%E1%BA%A9u+%C4%91%E1%BB%A7+d%C3%A0i"
#define PW2 "mật khẩu mới đủ dài"
#define PW2_FORM "m%E1%BA%ADt+kh%E1%BA%A9u+m%E1%BB%9Bi+%C4%91%E1%BB%A7+d%C3%A0i"

/* Run in this order, after the matrix (they change the data). */
static const struct write_ok writes_ok[] = {
	{"POST", "/api/v1/login", NULL, "{\"username\":\"xem\",\"password\":\"" PASSWORD "\"}", -1, 200},
	{"POST", "/login", NULL, "username=xem&password=" PW_FORM, -1, 303},
	{"POST", "/api/v1/password", NULL, "{\"old_password\":\"" PASSWORD "\",\"new_password\":\"" PW2 "\"}",
	 UROLE_VIEWER, 200},
	{"POST", "/password", NULL, "old_password=" PW2_FORM "&new_password=" PW_FORM "&confirm=" PW_FORM, UROLE_VIEWER,
	 303},
	{"POST", "/api/v1/units", NULL, "{\"code\":\"29350-09\",\"name\":\"Ấp Mới\",\"kind\":\"hamlet\",\"parent_code\":\"29350\"}",
	 UROLE_ADMIN, 201},
	{"POST", "/api/v1/people", NULL,
	 "{\"full_name\":\"Trần Thị Mới\",\"dob\":\"1991-02-03\",\"sex\":\"F\",\"cccd\":\"084191000010\",\"unit_code\":\"29350\"}",
	 UROLE_UNION, 201},
	{"POST", "/people/new", NULL,
	 "full_name=Tr%E1%BA%A7n+Th%E1%BB%8B+M%E1%BB%9Bi&dob=03%2F02%2F1992&sex=F&cccd=084192000011&unit_code=29350",
	 UROLE_COLLECTOR, 303},
	{"PATCH", "/api/v1/people/{id}", "/api/v1/people/{P0}", "{\"phone\":\"0912345678\"}", UROLE_OFFICER, 200},
	{"POST", "/people/{id}/edit", "/people/{P0}/edit",
	 "full_name=Nguy%E1%BB%85n+Th%E1%BB%8B+Lan&dob=04%2F03%2F1980&sex=F&cccd=084180000001&unit_code=29350&household_code=HT-001&phone=0912345679", UROLE_UNION, 303},
	{"POST", "/api/v1/people/{id}/membership", "/api/v1/people/{P0}/membership", "{\"role\":\"member\"}",
	 UROLE_UNION, 200},
	{"PATCH", "/api/v1/households/{id}", "/api/v1/households/{H0}", "{\"head\":{P0}}", UROLE_COLLECTOR, 200},
	{"POST", "/households/{id}", "/households/{H0}", "action=head&head={P0}", UROLE_UNION, 303},
	{"POST", "/api/v1/households/{id}/poverty", "/api/v1/households/{H0}/poverty",
	 "{\"status\":\"near_poor\",\"valid_from\":\"2026-01-01\",\"valid_to\":\"2026-12-31\"}", UROLE_OFFICER, 201},
	{"POST", "/api/v1/params", NULL,
	 "{\"family\":\"base_salary\",\"valid_from\":\"2030-01-01\",\"value\":2530000,\"source\":\"test\",\"status\":\"open\"}",
	 TOP_ADMIN, 201},
	{"POST", "/api/v1/collect/preview", NULL, "{\"payer\":{X0},\"items\":[{\"scheme\":\"bhyt\",\"person\":{X0},\"months\":12}]}",
	 UROLE_COLLECTOR, 200},
	{"POST", "/api/v1/collect", NULL, "{\"payer\":{X0},\"items\":[{\"scheme\":\"bhyt\",\"person\":{X0},\"months\":12}]}",
	 UROLE_COLLECTOR, 201},
	{"POST", "/collect", NULL, "do=confirm&payer={X1}&person_0={X1}&scheme_0=bhyt&months_0=12&method=cash",
	 UROLE_COLLECTOR, 303},
	{"POST", "/api/v1/receipts/{id}/void", "/api/v1/receipts/{Q0}/void", "{\"reason\":\"nhầm\"}", UROLE_COLLECTOR,
	 200},
	{"POST", "/receipts/{id}/void", "/receipts/{Q1}/void", "reason=nh%E1%BA%A7m&confirm=1", UROLE_COLLECTOR, 303},
	{"POST", "/api/v1/remittances", NULL, "{}", UROLE_COLLECTOR, 201},
	{"POST", "/remit", NULL, "date=2026-11-29", UROLE_UNION, 303},
	{"POST", "/api/v1/referrals", NULL, "{\"person\":{X0},\"referred_by\":{P0}}", UROLE_UNION, 201},
	{"POST", "/referrals", NULL, "person={X1}&referrer={P0}", UROLE_COLLECTOR, 303},
	{"POST", "/api/v1/people/{id}/stop", "/api/v1/people/{X0}/stop", "{\"reason\":\"moved\"}", UROLE_UNION, 201},
	{"POST", "/api/v1/users", NULL, "{\"username\":\"moi\",\"role\":\"viewer\",\"unit_code\":\"29350\",\"password\":\"" PASSWORD "\"}",
	 UROLE_ADMIN, 201},
	{"POST", "/users", NULL, "username=moi2&role=viewer&unit_code=29350&password=" PW_FORM, UROLE_ADMIN, 303},
	{"PATCH", "/api/v1/users/{id}", "/api/v1/users/{S0}", "{\"disabled\":false}", UROLE_ADMIN, 200},
	{"POST", "/users/{id}", "/users/{S0}", "role=viewer&unit_code=29350", UROLE_ADMIN, 303},
	{"POST", "/api/v1/login-locks/clear", NULL, "{\"username\":\"xem\",\"address\":\"192.0.2.77\"}", UROLE_ADMIN, 200},
	{"POST", "/login-locks/clear", NULL, "username=xem&address=192.0.2.78", UROLE_ADMIN, 303},
	{"POST", "/api/v1/duplicates/{id}/distinct", "/api/v1/duplicates/{D0}/distinct", "{}", UROLE_UNION, 200},
	{"POST", "/duplicates/{id}", "/duplicates/{D1}", "action=distinct", UROLE_OFFICER, 303},
	{"POST", "/api/v1/people/{id}/merge", "/api/v1/people/{K0}/merge", "{\"merged_id\":{K1}}", UROLE_UNION, 200},
	{"POST", "/api/v1/remittances/{id}/confirm", "/api/v1/remittances/{N0}/confirm", "{}", UROLE_OFFICER, 200},
	{"POST", "/remittances/{id}/confirm", "/remittances/{N1}/confirm", "", UROLE_OFFICER, 303},
	{"PATCH", "/api/v1/settings/point", NULL, "{\"name\":\"Bưu điện xã Tập Ngãi\"}", TOP_ADMIN, 200},
	{"POST", "/settings", NULL, "name=B%C6%B0u+%C4%91i%E1%BB%87n&code=TV001&address=%E1%BA%A4p+Ng%C3%A3i+Lo", TOP_ADMIN, 303},
	{"POST", "/api/v1/logout", NULL, "{}", UROLE_VIEWER, 200},
	{"POST", "/logout", NULL, "", UROLE_OFFICER, 303},
};

/* Every write route of the table (any method but GET) has at least one
 * write that succeeds, and each answers its 2xx (or 303) for its role;
 * the routes' ordinary cases above only show refusals. */
static void every_write_succeeds_once(void **state)
{
	char path[160], body[512];
	size_t i, j;
	int bad = 0, r;
	(void)state;
	for (i = 0; i < web_route_count; i++) {
		bool found = strcmp(web_routes[i].method, "GET") == 0;
		for (j = 0; !found && j < sizeof writes_ok / sizeof writes_ok[0]; j++)
			found = strcmp(writes_ok[j].method, web_routes[i].method) == 0 &&
				strcmp(writes_ok[j].pattern, web_routes[i].pattern) == 0;
		if (!found)
			fail_msg("no successful write for %s %s", web_routes[i].method, web_routes[i].pattern);
	}
	for (r = 0; r < 2; r++) { /* remittances to confirm, before the spare receipts */
		int64_t n;
		money_t amount, commission;
		add_receipt("thu", add_person(r ? "Võ Thị Nộp Hai" : "Võ Thị Nộp Một", r ? "084180000016" : "084180000015", "29350", NULL));
		assert_int_equal(app_remit(&fx->app, "thu", fx->app.today, &ids.spare_remit[r], &n, &amount, &commission, &fx->e), PO_OK);
	}
	ids.spare_pair[0] = add_pair("Đỗ Thị Đôi", "084180000017", "084180000018");
	ids.spare_pair[1] = add_pair("Đỗ Thị Cặp", "084180000019", "084180000020");
	ids.spare_merge[0] = add_person("Hồ Thị Giữ", "084180000021", "29350", NULL);
	ids.spare_merge[1] = add_person("Hồ Thị Gộp", NULL, "29350", NULL);
	ids.spare_person[0] = add_person("Phạm Thị Một", "084180000011", "29350", NULL);
	ids.spare_person[1] = add_person("Phạm Thị Hai", "084180000012", "29350", NULL);
	ids.spare_receipt[0] = add_receipt("thu", add_person("Phạm Thị Ba", "084180000013", "29350", NULL));
	ids.spare_receipt[1] = add_receipt("thu", add_person("Phạm Thị Bốn", "084180000014", "29350", NULL));
	for (r = 0; r < 6; r++) { /* two locks for the admins to clear */
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		throttle_record("xem", "192.0.2.77", false, now.tv_sec);
		throttle_record("xem", "192.0.2.78", false, now.tv_sec);
	}
	for (j = 0; j < sizeof writes_ok / sizeof writes_ok[0]; j++) {
		const struct write_ok *w = &writes_ok[j];
		bool html = strncmp(w->pattern, "/api/", 5) != 0;
		unsigned st;
		fill_path(w->path ? w->path : w->pattern, path, sizeof path);
		fill_path(w->body, body, sizeof body);
		st = call(w->method, path, body, w->role < 0 ? 0 : w->role, w->role < 0 ? 0 : html ? 'c' : 'b');
		if (st != w->status) {
			print_error("%s %s %s as %s: %u, expected %u\n", w->method, path, body,
				    w->role < 0 ? "nobody" : names[w->role], st, w->status);
			bad++;
		}
	}
	for (r = 0; r < UROLE_COUNT; r++)
		relogin(r);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_route_has_a_case),
		cmocka_unit_test(every_route_every_role),
		cmocka_unit_test(writes_from_another_site_are_refused),
		cmocka_unit_test(head_is_get_and_other_methods_405),
		cmocka_unit_test(unauthenticated_and_method_headers),
		cmocka_unit_test(unknown_query_arguments_are_refused),
		cmocka_unit_test(every_write_succeeds_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
