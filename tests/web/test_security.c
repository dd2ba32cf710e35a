/* test_security.c: the dispatcher against stale sessions and guessing:
 * a logout, a role change or a disabled login takes effect at once (also
 * when it lands while another request is reading the same session); login
 * throttling counts a user name per address and an address, locks
 * expire and admins clear them; failed logins are audited; the audit log
 * is scoped to the admin's units; invalid UTF-8 in a query names the
 * parameter; a 405 lists the methods; a 422 always names an error.
 * Requests go straight to web_dispatch, as in test_routes.c. */
#include "../app/fixture.h"

#include <time.h>

#include "app/accounts.h"
#include "web/throttle.h"
#include "web/web.h"
#include "web/web_int.h"

#define PASSWORD "mật khẩu đủ dài"

static fixture_t *fx;
static char allow[64];      /* the Allow header of the last answer */
static char body[1 << 18];  /* the body of the last answer */

/* Sends one request from address ip with a bearer token (or none);
 * returns the status and keeps the body. */
static unsigned call(const char *method, const char *path, const char *query_k, const char *query_v,
		     const char *req_body, const char *token, const char *ip)
{
	web_req_t rq;
	web_resp_t rs;
	char auth[80];
	unsigned st;
	app_t a = fx->app;
	memset(&rq, 0, sizeof rq);
	rq.method = method;
	rq.path = path;
	if (query_k) {
		rq.query[0].k = query_k;
		rq.query[0].v = query_v;
		rq.nquery = 1;
	}
	rq.body = req_body;
	rq.body_len = req_body ? strlen(req_body) : 0;
	snprintf(rq.ip, sizeof rq.ip, "%s", ip);
	if (token) {
		snprintf(auth, sizeof auth, "Bearer %s", token);
		rq.authorization = auth;
	}
	web_resp_init(&rs);
	web_dispatch(&a, &rq, &rs);
	st = rs.status;
	snprintf(allow, sizeof allow, "%s", rs.allow);
	snprintf(body, sizeof body, "%s", buf_cstr(&rs.body));
	web_resp_free(&rs);
	return st;
}

/* Logs name in with the fixture's password through the API from ip;
 * returns the status and copies the token (when 200). */
static unsigned login(const char *name, const char *password, const char *ip, char token[65])
{
	char req[256];
	unsigned st;
	json_t *j;
	snprintf(req, sizeof req, "{\"username\":\"%s\",\"password\":\"%s\"}", name, password);
	st = call("POST", "/api/v1/login", NULL, NULL, req, NULL, ip);
	if (st == 200 && token) {
		j = json_loads(body, 0, NULL);
		assert_non_null(j);
		snprintf(token, 65, "%s", json_string_value(json_object_get(j, "token")));
		json_decref(j);
	}
	return st;
}

/* Monotonic seconds, the throttle's clock. */
static time_t mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static int setup(void **state)
{
	web_settings_t s;
	(void)state;
	fx = fixture_new();
	web_settings_default(&s);
	assert_int_equal(web_state_open(&s, &fx->e), PO_OK);
	fixture_user(fx, "tinh", UROLE_ADMIN, "84", PASSWORD);
	fixture_user(fx, "quantri", UROLE_ADMIN, "29350", PASSWORD);
	fixture_user(fx, "thu", UROLE_COLLECTOR, "29350", PASSWORD);
	fixture_user(fx, "thu2", UROLE_COLLECTOR, "29365", PASSWORD);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	web_state_close();
	fixture_free(fx);
	return 0;
}

/* A logout through the API ends the session at once, although the
 * session was cached a moment before. */
static void logout_takes_effect_at_once(void **state)
{
	char t[65];
	(void)state;
	throttle_reset();
	assert_int_equal(login("thu", PASSWORD, "192.0.2.1", t), 200);
	assert_int_equal(call("GET", "/api/v1/me", NULL, NULL, NULL, t, "192.0.2.1"), 200);
	assert_int_equal(call("POST", "/api/v1/logout", NULL, NULL, "{}", t, "192.0.2.1"), 200);
	assert_int_equal(call("GET", "/api/v1/me", NULL, NULL, NULL, t, "192.0.2.1"), 401);
}

static const char *race_token; /* the session the hook logs out */
static int race_runs;

/* The hook: another request logs the session out while this one has
 * read it from the database and not yet cached it. */
static void logout_meanwhile(void)
{
	app_t a = fx->app;
	err_t e;
	if (race_runs++)
		return;
	assert_int_equal(app_logout(&a, race_token, &e), PO_OK);
	web_session_forget(race_token);
}

/* A logout landing between a request's read of the session and its
 * caching is not undone: the request in flight answers, the next one is
 * 401 (it was 200 for WEB_SESSION_CACHE_S seconds when the stale read
 * was cached). */
static void logout_during_a_read_is_not_undone(void **state)
{
	char t[65];
	(void)state;
	throttle_reset();
	assert_int_equal(login("thu", PASSWORD, "192.0.2.1", t), 200);
	race_token = t;
	race_runs = 0;
	web_session_read_hook = logout_meanwhile;
	assert_int_equal(call("GET", "/api/v1/me", NULL, NULL, NULL, t, "192.0.2.1"), 200);
	web_session_read_hook = NULL;
	assert_int_equal(race_runs, 1);
	assert_int_equal(call("GET", "/api/v1/me", NULL, NULL, NULL, t, "192.0.2.1"), 401);
}

/* An admin's role change and disabling act on the next request of the
 * user concerned, cached session or not. */
static void role_change_and_disable_act_at_once(void **state)
{
	char admin[65], t[65], path[64];
	int64_t id;
	(void)state;
	throttle_reset();
	id = fixture_user(fx, "doi", UROLE_COLLECTOR, "29350", PASSWORD).id;
	assert_int_equal(login("quantri", PASSWORD, "192.0.2.9", admin), 200);
	assert_int_equal(login("doi", PASSWORD, "192.0.2.2", t), 200);
	assert_int_equal(call("GET", "/api/v1/cash", NULL, NULL, NULL, t, "192.0.2.2"), 200);
	snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
	assert_int_equal(call("PATCH", path, NULL, NULL, "{\"role\":\"viewer\"}", admin, "192.0.2.9"), 200);
	/* a viewer may not collect: the collect preview is refused at once */
	assert_int_equal(call("POST", "/api/v1/collect/preview", NULL, NULL, "{}", t, "192.0.2.2"), 403);
	assert_int_equal(call("PATCH", path, NULL, NULL, "{\"disabled\":true}", admin, "192.0.2.9"), 200);
	assert_int_equal(call("GET", "/api/v1/me", NULL, NULL, NULL, t, "192.0.2.2"), 401);
}

/* Six wrong passwords from one address lock that name there only: the
 * right user still logs in from her own address; the lock expires. */
static void throttle_is_per_name_and_address(void **state)
{
	int i;
	(void)state;
	throttle_reset();
	for (i = 0; i < 6; i++)
		assert_int_equal(login("thu", "sai mật khẩu", "203.0.113.66", NULL), 401);
	assert_int_equal(login("thu", PASSWORD, "203.0.113.66", NULL), 429);
	assert_int_equal(login("thu", PASSWORD, "192.0.2.1", NULL), 200);
	/* after 6 failures the wait is 2 s; after 15 failures at most 900 s */
	assert_true(throttle_wait("thu", "203.0.113.66", mono()) > 0);
	assert_int_equal(throttle_wait("thu", "203.0.113.66", mono() + 3), 0);
	for (i = 0; i < 10; i++)
		throttle_record("thu", "203.0.113.66", false, mono());
	assert_int_equal(throttle_wait("thu", "203.0.113.66", mono()), THROTTLE_MAX_S);
	assert_int_equal(throttle_wait("thu", "203.0.113.66", mono() + THROTTLE_MAX_S + 1), 0);
	/* the right user elsewhere is not held up by any of it */
	assert_int_equal(throttle_wait("thu", "192.0.2.1", mono()), 0);
}

/* One address guessing many names is locked as an address after
 * THROTTLE_ADDR_FREE failures, whatever name it tries next. */
static void throttle_counts_an_address(void **state)
{
	char name[16];
	int i;
	(void)state;
	throttle_reset();
	for (i = 0; i < THROTTLE_ADDR_FREE + 1; i++) {
		snprintf(name, sizeof name, "ten%d", i);
		throttle_record(name, "203.0.113.7", false, mono());
	}
	assert_int_equal(login("thu", PASSWORD, "203.0.113.7", NULL), 429);
	assert_int_equal(login("thu", PASSWORD, "203.0.113.8", NULL), 200);
}

/* A failed login is audited with the name and the address; the admin
 * sees the lock and clears it, after which the name logs in from there;
 * an admin of another commune sees no lock of a name not hers and
 * cannot clear it (404, as for no lock at all). */
static void failed_logins_are_audited_and_locks_cleared(void **state)
{
	char admin[65], top[65], other[65];
	int i;
	(void)state;
	throttle_reset();
	fixture_user(fx, "quantri2", UROLE_ADMIN, "29365", PASSWORD);
	assert_int_equal(login("quantri", PASSWORD, "192.0.2.9", admin), 200);
	assert_int_equal(login("tinh", PASSWORD, "192.0.2.9", top), 200);
	assert_int_equal(login("quantri2", PASSWORD, "192.0.2.9", other), 200);
	for (i = 0; i < 6; i++)
		assert_int_equal(login("thu", "đoán sai", "203.0.113.5", NULL), 401);
	assert_int_equal(fixture_query_int(fx, "SELECT count(*) FROM audit WHERE action = 'session.login_failed'"
					       " AND actor = 'thu' AND detail = '{\"username\":\"thu\",\"address\":\"203.0.113.5\"}'"),
			 6);
	assert_int_equal(call("GET", "/api/v1/login-locks", NULL, NULL, NULL, admin, "192.0.2.9"), 200);
	assert_non_null(strstr(body, "\"username\":\"thu\",\"address\":\"203.0.113.5\",\"failures\":6"));
	assert_int_equal(call("GET", "/api/v1/login-locks", NULL, NULL, NULL, other, "192.0.2.9"), 200);
	assert_string_equal(body, "{\"results\":[],\"next\":null,\"total\":0}");
	assert_int_equal(call("POST", "/api/v1/login-locks/clear", NULL, NULL, "{\"username\":\"thu\"}", other,
			      "192.0.2.9"),
			 404);
	assert_int_equal(login("thu", PASSWORD, "203.0.113.5", NULL), 429);
	assert_int_equal(call("POST", "/api/v1/login-locks/clear", NULL, NULL, "{}", admin, "192.0.2.9"), 422);
	assert_non_null(strstr(body, "\"field\":\"username\""));
	assert_int_equal(call("POST", "/api/v1/login-locks/clear", NULL, NULL,
			      "{\"username\":\"thu\",\"address\":\"203.0.113.5\"}", admin, "192.0.2.9"),
			 200);
	assert_string_equal(body, "{\"cleared\":1}");
	assert_int_equal(login("thu", PASSWORD, "203.0.113.5", NULL), 200);
	assert_int_equal(fixture_query_int(fx, "SELECT count(*) FROM audit WHERE action = 'session.unlock'"
					       " AND actor = 'quantri'"),
			 1);
	assert_string_equal(fixture_query_text(fx, "SELECT detail FROM audit WHERE action = 'session.unlock'"),
			    "{\"username\":\"thu\",\"address\":\"203.0.113.5\",\"cleared\":1}");
	/* the address itself stays counted: only the top admin sees it */
	assert_int_equal(call("GET", "/api/v1/login-locks", NULL, NULL, NULL, top, "192.0.2.9"), 200);
	assert_string_equal(body, "{\"results\":[],\"next\":null,\"total\":0}"); /* 6 < THROTTLE_ADDR_FREE: no address lock */
	assert_int_equal(call("POST", "/api/v1/login-locks/clear", NULL, NULL, "{\"address\":\"203.0.113.5\"}", admin,
			      "192.0.2.9"),
			 404);
}

/* Counts the entries of an audit answer. */
static int entries(void)
{
	json_t *j = json_loads(body, 0, NULL);
	int n;
	assert_non_null(j);
	n = (int)json_array_size(json_object_get(j, "results"));
	json_decref(j);
	return n;
}

/* The audit log read by a commune's admin holds the entries of logins of
 * her units only; the province's admin reads them all, command-line
 * entries (no unit) included. */
static void audit_is_scoped(void **state)
{
	char admin[65], top[65], t2[65];
	long long all, mine, cli;
	(void)state;
	throttle_reset();
	assert_int_equal(login("thu2", PASSWORD, "192.0.2.3", t2), 200); /* session.login by a 29365 user */
	assert_int_equal(login("quantri", PASSWORD, "192.0.2.9", admin), 200);
	assert_int_equal(login("tinh", PASSWORD, "192.0.2.9", top), 200);
	all = fixture_query_int(fx, "SELECT count(*) FROM audit");
	cli = fixture_query_int(fx, "SELECT count(*) FROM audit WHERE unit_id IS NULL");
	mine = fixture_query_int(fx, "SELECT count(*) FROM audit a JOIN app_user u ON u.username = a.actor"
				     " WHERE u.unit_id IN (SELECT id FROM unit WHERE code IN ('29350', '29350-01'))");
	assert_true(cli > 0);
	assert_true(mine > 0 && mine < all - cli);
	assert_int_equal(call("GET", "/api/v1/audit", "limit", "200", NULL, admin, "192.0.2.9"), 200);
	assert_int_equal(entries(), mine);
	assert_null(strstr(body, "\"actor\":\"thu2\""));
	assert_int_equal(call("GET", "/api/v1/audit", "limit", "200", NULL, top, "192.0.2.9"), 200);
	assert_int_equal(entries(), all);
	assert_non_null(strstr(body, "\"actor\":\"thu2\""));
}

/* The audit page shows Vietnam's local time as dd/mm/yyyy HH:MM and
 * what changed as "field: before → after" lines, never the raw JSON. */
static void audit_page_is_readable(void **state)
{
	char top[65], want[64];
	char at[32];
	int d, mo, y, h, mi;
	const char *p;
	(void)state;
	throttle_reset();
	assert_int_equal(login("tinh", PASSWORD, "192.0.2.9", top), 200);
	assert_int_equal(call("GET", "/audit", "action", "user.update", NULL, top, "192.0.2.9"), 200);
	assert_non_null(strstr(body, "<span class=\"muted\">Vai trò:</span> Cộng tác viên \xE2\x86\x92 Chỉ xem</li>"));
	assert_non_null(strstr(body, "<span class=\"muted\">Khóa tài khoản:</span> không \xE2\x86\x92 có</li>"));
	assert_non_null(strstr(body, "#edit\">doi</a>")); /* the login changed, by name */
	/* what was done and on what, by their words; the code kept in the markup */
	assert_non_null(strstr(body, "<p class=\"card-h\" data-action=\"user.update\"><strong>Sửa tài khoản</strong>"));
	assert_non_null(strstr(body, "<dt>Đối tượng</dt><dd>Tài khoản <a href=\"/users?edit="));
	assert_null(strstr(body, "role:"));
	assert_null(strstr(body, "{&quot;"));
	assert_null(strstr(body, "&quot;before&quot;"));
	/* the newest entry's time, UTC+7 */
	snprintf(at, sizeof at, "%s", fixture_query_text(fx, "SELECT at FROM audit WHERE action = 'user.update'"
							     " ORDER BY id DESC LIMIT 1"));
	assert_int_equal(sscanf(at, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi), 5);
	{
		struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
		time_t t = timegm(&tm) + 7 * 3600;
		gmtime_r(&t, &tm);
		strftime(want, sizeof want, "<time>%d/%m/%Y %H:%M</time>", &tm);
	}
	p = strstr(body, "<time>");
	assert_non_null(p);
	assert_memory_equal(p, want, strlen(want));
}

/* Invalid UTF-8 in a query answers 422 naming the parameter, on any
 * route; a 405 carries the path's methods; a 422 without a field list
 * still names one error. */
static void query_utf8_405_and_422(void **state)
{
	char t[65];
	err_t none[1];
	(void)state;
	throttle_reset();
	assert_int_equal(login("thu", PASSWORD, "192.0.2.1", t), 200);
	assert_int_equal(call("GET", "/api/v1/referrals", "unit", "\xff\xfe", NULL, t, "192.0.2.1"), 422);
	assert_non_null(strstr(body, "\"field\":\"unit\""));
	assert_int_equal(call("GET", "/api/v1/due", "q", "l\xe1n", NULL, t, "192.0.2.1"), 422);
	assert_non_null(strstr(body, "\"field\":\"q\""));
	assert_int_equal(call("GET", "/api/v1/due", "\xff", "1", NULL, t, "192.0.2.1"), 422);
	assert_non_null(strstr(body, "\"field\":\"query\""));
	assert_int_equal(call("DELETE", "/api/v1/people", NULL, NULL, NULL, t, "192.0.2.1"), 405);
	assert_string_equal(allow, "GET, HEAD, POST");
	assert_int_equal(call("PUT", "/login", NULL, NULL, NULL, NULL, "192.0.2.1"), 405);
	assert_string_equal(allow, "GET, HEAD, POST");
	{
		web_resp_t rs;
		web_req_t rq;
		web_ctx_t x;
		memset(&rq, 0, sizeof rq);
		rq.path = "/api/v1/x";
		memset(&x, 0, sizeof x);
		x.rq = &rq;
		x.rs = &rs;
		web_resp_init(&rs);
		web_fail_fields(&x, none, 0);
		assert_int_equal(rs.status, 422);
		assert_non_null(strstr(buf_cstr(&rs.body), "\"field\":\"request\""));
		web_resp_free(&rs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(logout_takes_effect_at_once),
		cmocka_unit_test(logout_during_a_read_is_not_undone),
		cmocka_unit_test(role_change_and_disable_act_at_once),
		cmocka_unit_test(throttle_is_per_name_and_address),
		cmocka_unit_test(throttle_counts_an_address),
		cmocka_unit_test(failed_logins_are_audited_and_locks_cleared),
		cmocka_unit_test(audit_is_scoped),
		cmocka_unit_test(audit_page_is_readable),
		cmocka_unit_test(query_utf8_405_and_422),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
