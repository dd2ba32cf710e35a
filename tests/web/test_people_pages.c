/* test_people_pages.c: the people pages and search through the
 * dispatcher: a namesake added by the form is asked about, never
 * merged; the duplicates page merges; a viewer cannot search by CCCD;
 * identifier searches are bounded; a collector's empty search says
 * where it looked and offers the commune, read only. */
#include "../app/fixture.h"

#include "app/accounts.h"
#include "store/store_duplicates.h"
#include "web/search_limit.h"
#include "web/web.h"
#include "web/web_int.h"

#define PASSWORD "mật khẩu đủ dài"

static fixture_t *fx;
static char tok[4][65], csrf[4][33];
enum { ADMIN, UNION, VIEWER, CTV };
static const char *const who[4] = {"quantri", "hoi", "xem", "thu"};

struct answer {
	unsigned status;
	int retry_after;
	char body[65536];
	char location[WEB_LOCATION_MAX];
};

/* Sends one request as user k ('b': bearer, 'c': cookie and CSRF
 * header); fills *an. */
static void call(const char *method, const char *path, const char *body, int k, char how, struct answer *an)
{
	web_req_t rq;
	web_resp_t rs;
	char auth[80], pathbuf[512], *qm;
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
	snprintf(rq.ip, sizeof rq.ip, "192.0.2.%d", k + 1);
	if (how == 'b') {
		snprintf(auth, sizeof auth, "Bearer %s", tok[k]);
		rq.authorization = auth;
	} else {
		rq.session_cookie = tok[k];
		rq.csrf_header = csrf[k];
	}
	web_resp_init(&rs);
	web_dispatch(&a, &rq, &rs);
	an->status = rs.status;
	an->retry_after = rs.retry_after;
	snprintf(an->body, sizeof an->body, "%.*s", (int)rs.body.len, rs.body.p ? rs.body.p : "");
	snprintf(an->location, sizeof an->location, "%s", rs.location);
	web_resp_free(&rs);
}

/* The fixture: units 29350 > 29350-01 (hamlet) and 29365; an admin,
 * a union cadre and a viewer at 29350, a collector at the hamlet. */
static int setup(void **state)
{
	web_settings_t s;
	user_t u;
	int k, r;
	(void)state;
	fx = fixture_new();
	assert_int_equal(app_params_sync(&fx->app, &r, &fx->e), PO_OK);
	web_settings_default(&s);
	assert_int_equal(web_state_open(&s, &fx->e), PO_OK);
	fixture_user(fx, who[ADMIN], UROLE_ADMIN, "29350", PASSWORD);
	fixture_user(fx, who[UNION], UROLE_UNION, "29350", PASSWORD);
	fixture_user(fx, who[VIEWER], UROLE_VIEWER, "29350", PASSWORD);
	fixture_user(fx, who[CTV], UROLE_COLLECTOR, "29350-01", PASSWORD);
	for (k = 0; k < 4; k++)
		assert_int_equal(app_login(&fx->app, who[k], PASSWORD, tok[k], csrf[k], &u, &fx->e), PO_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	web_state_close();
	fixture_free(fx);
	return 0;
}

static void the_form_asks_is_it_her(void **state)
{
	struct answer an;
	char body[512];
	int64_t lan;
	(void)state;
	lan = fixture_person(fx, "Nguyễn Thị Hoa", "1990", "F", NULL, "29350-01");
	snprintf(body, sizeof body, "csrf=%s&full_name=Nguy%%E1%%BB%%85n+Th%%E1%%BB%%8B+Hoa&dob=1990&sex=F&unit_code=29350-01"
		 "&member=yes", csrf[UNION]);
	call("POST", "/people/new", body, UNION, 'c', &an);
	assert_int_equal(an.status, 409);
	assert_non_null(strstr(an.body, "Có phải chị này không?"));
	snprintf(body, sizeof body, "href=\"/people/%lld\"", (long long)lan);
	assert_non_null(strstr(an.body, body));
	assert_non_null(strstr(an.body, "name=\"confirm_new\" value=\"1\""));
	assert_non_null(strstr(an.body, "Đây là người khác"));
	assert_non_null(strstr(an.body, "<option value=\"29350-01\" selected>Ấp Tân Trung Giồng (29350-01)</option>"));
	assert_int_equal(fixture_query_int(fx, "SELECT count(*) FROM person WHERE full_name = 'Nguyễn Thị Hoa'"), 1);
	assert_int_equal(fixture_query_int(fx, "SELECT member FROM person WHERE full_name = 'Nguyễn Thị Hoa'"), 0);
	/* the API: 409 with the candidates; confirmed: 201, another person */
	call("POST", "/api/v1/people", "{\"full_name\":\"Nguyễn Thị Hoa\",\"dob\":\"1990\",\"sex\":\"F\",\"unit_code\":\"29350-01\"}",
	     UNION, 'b', &an);
	assert_int_equal(an.status, 409);
	snprintf(body, sizeof body, "\"field\":\"candidates\",\"candidates\":[{\"id\":%lld,", (long long)lan);
	assert_non_null(strstr(an.body, body));
	call("POST", "/api/v1/people",
	     "{\"full_name\":\"Nguyễn Thị Hoa\",\"dob\":\"1990\",\"sex\":\"F\",\"unit_code\":\"29350-01\",\"confirm_new\":true}",
	     UNION, 'b', &an);
	assert_int_equal(an.status, 201);
	assert_int_equal(fixture_query_int(fx, "SELECT count(*) FROM person WHERE full_name = 'Nguyễn Thị Hoa'"), 2);
	call("POST", "/api/v1/people", "{\"full_name\":\"Nguyễn Thị Hoa\",\"dob\":\"1990\",\"sex\":\"F\",\"unit_code\":\"29350-01\",\"confirm_new\":\"yes\"}",
	     UNION, 'b', &an);
	assert_int_equal(an.status, 422);
}

static void the_duplicates_page_merges(void **state)
{
	struct answer an;
	char body[256], path[64];
	int64_t a, b, pair;
	(void)state;
	a = fixture_person(fx, "Lê Thị Cúc", "1970", "F", NULL, "29350");
	b = fixture_person(fx, "Lê Thị Cúc", "1970-05-05", "F", NULL, "29350");
	assert_int_equal(store_duplicate_add(fx->app.store, a, b, fixture_unit_id(fx, "29350"), &fx->e), PO_OK);
	pair = fixture_query_int(fx, "SELECT max(id) FROM person_duplicate");
	call("GET", "/duplicates", NULL, UNION, 'c', &an);
	assert_int_equal(an.status, 200);
	snprintf(path, sizeof path, "action=\"/duplicates/%lld\"", (long long)pair);
	assert_non_null(strstr(an.body, path));
	assert_non_null(strstr(an.body, "Xã Hiếu Tử (29350)"));
	/* a keep that is not one of the pair: 422, nothing merged */
	snprintf(path, sizeof path, "/duplicates/%lld", (long long)pair);
	snprintf(body, sizeof body, "csrf=%s&action=merge&keep=999", csrf[UNION]);
	call("POST", path, body, UNION, 'c', &an);
	assert_int_equal(an.status, 422);
	snprintf(body, sizeof body, "csrf=%s&action=merge&keep=%lld", csrf[UNION], (long long)b);
	call("POST", path, body, UNION, 'c', &an);
	assert_int_equal(an.status, 303);
	assert_string_equal(an.location, "/duplicates?done=merged");
	snprintf(body, sizeof body, "SELECT count(*) FROM person WHERE id = %lld", (long long)a);
	assert_int_equal(fixture_query_int(fx, body), 0);
	/* done: the pair is gone */
	call("POST", path, body, UNION, 'c', &an);
	assert_int_equal(an.status, 404);
	call("GET", "/api/v1/duplicates", NULL, UNION, 'b', &an);
	assert_string_equal(an.body, "{\"results\":[],\"next\":null,\"total\":0}");
	call("GET", "/api/v1/duplicates?unit_code=29365", NULL, UNION, 'b', &an);
	assert_int_equal(an.status, 422);
	assert_non_null(strstr(an.body, "Mã đơn vị 29365 không tồn tại"));
}

static void viewers_do_not_search_by_cccd(void **state)
{
	struct answer held, free_;
	(void)state;
	id_search_reset();
	fixture_person(fx, "Phạm Thị Mận", "1985-03-02", "F", "084185000777", "29350");
	call("GET", "/api/v1/people?q=084185000777", NULL, VIEWER, 'b', &held);
	call("GET", "/api/v1/people?q=084185000778", NULL, VIEWER, 'b', &free_);
	assert_int_equal(held.status, 403);
	assert_string_equal(held.body, free_.body); /* the same answer, held or not */
	assert_non_null(strstr(held.body, "\"field\":\"q\""));
	call("GET", "/people?q=084185000777", NULL, VIEWER, 'c', &held);
	assert_int_equal(held.status, 403);
	assert_null(strstr(held.body, "Phạm Thị Mận"));
	/* others may, and a viewer may search by name */
	call("GET", "/api/v1/people?q=084185000777", NULL, UNION, 'b', &held);
	assert_int_equal(held.status, 200);
	assert_non_null(strstr(held.body, "\"total\":1"));
	call("GET", "/api/v1/people?q=m%E1%BA%ADn", NULL, VIEWER, 'b', &held);
	assert_int_equal(held.status, 200);
	assert_non_null(strstr(held.body, "084******777"));
}

static void identifier_searches_are_bounded(void **state)
{
	struct answer an;
	long retry;
	int i;
	(void)state;
	id_search_reset();
	for (i = 0; i < ID_SEARCH_MAX; i++) {
		call("GET", "/api/v1/people?q=0912+000+111", NULL, ADMIN, 'b', &an);
		assert_int_equal(an.status, 200);
	}
	call("GET", "/api/v1/people?q=0912000111", NULL, ADMIN, 'b', &an);
	assert_int_equal(an.status, 429);
	assert_true(an.retry_after > 0 && an.retry_after <= ID_SEARCH_WINDOW_S);
	call("GET", "/people?q=084185000777", NULL, ADMIN, 'c', &an);
	assert_int_equal(an.status, 429);
	/* names are not counted; another user has her own count */
	call("GET", "/api/v1/people?q=lan", NULL, ADMIN, 'b', &an);
	assert_int_equal(an.status, 200);
	call("GET", "/api/v1/people?q=0912000111", NULL, UNION, 'b', &an);
	assert_int_equal(an.status, 200);
	/* the window: full until it ends, then a new one */
	id_search_reset();
	for (i = 0; i < ID_SEARCH_MAX; i++)
		assert_true(id_search_take(7, 1000 + i, &retry));
	assert_false(id_search_take(7, 1000 + 599, &retry));
	assert_int_equal(retry, 1);
	assert_true(id_search_take(7, 1000 + 600, &retry));
	assert_int_equal(id_search_digits("084 185.000-777"), 12);
	assert_int_equal(id_search_digits("0912345678"), 10);
	assert_int_equal(id_search_digits("09123456789"), 0);
	assert_int_equal(id_search_digits("lan 0912345678"), 0);
	id_search_reset();
}

static void an_empty_search_says_where_and_offers_the_commune(void **state)
{
	struct answer an;
	(void)state;
	fixture_person(fx, "Thạch Thị Sa Rươn", "1991-04-04", "F", "084191000123", "29350");
	call("GET", "/people?q=sa+ruon", NULL, CTV, 'c', &an);
	assert_int_equal(an.status, 200);
	assert_non_null(strstr(an.body, "Đã tìm trong: Ấp Tân Trung Giồng (29350-01)"));
	assert_non_null(strstr(an.body, "href=\"/people?q=sa%20ruon&amp;wide=1\">Tìm trong toàn bộ Xã Hiếu Tử</a>"));
	assert_null(strstr(an.body, "Thạch Thị Sa Rươn"));
	/* the same for the search as she types (app.js reads them) */
	assert_non_null(strstr(an.body, "data-looked=\"Đã tìm trong: Ấp Tân Trung Giồng (29350-01)\" data-wide=\"Tìm trong toàn bộ Xã Hiếu Tử\""));
	call("GET", "/people?q=sa+ruon&wide=1", NULL, CTV, 'c', &an);
	assert_int_equal(an.status, 200);
	assert_non_null(strstr(an.body, "<span class=\"name\">Thạch Thị Sa Rươn</span><span class=\"meta\">sinh năm 1991 · Xã Hiếu Tử</span>"));
	/* read only: no link to her, no number */
	assert_null(strstr(an.body, "084191000123"));
	{
		const char *w = strstr(an.body, "id=\"wide-h\""), *end = w ? strstr(w, "</ul>") : NULL, *link;
		assert_non_null(end);
		link = strstr(w, "<a ");
		assert_true(!link || link > end);
	}
	/* nor by number */
	call("GET", "/people?q=084191000123&wide=1", NULL, CTV, 'c', &an);
	assert_null(strstr(an.body, "Thạch Thị Sa Rươn"));
	/* someone at the commune has nothing outside to look in */
	call("GET", "/people?q=khong+ai&wide=1", NULL, UNION, 'c', &an);
	assert_non_null(strstr(an.body, "Đã tìm trong: Xã Hiếu Tử (29350)"));
	assert_null(strstr(an.body, "wide=1"));
	id_search_reset();
}

static void results_show_cover(void **state)
{
	struct answer an;
	int64_t id;
	(void)state;
	id = fixture_person(fx, "Đỗ Thị Bưởi", "1980-01-01", "F", NULL, "29350");
	fixture_user(fx, "thu2", UROLE_COLLECTOR, "846", PASSWORD);
	fixture_collect(fx, "thu2", date_make(2026, 6, 1), id, (collect_item_t[]){fixture_bhyt(id, 12)}, 1);
	call("GET", "/people?q=buoi", NULL, UNION, 'c', &an);
	assert_non_null(strstr(an.body, "Xã Hiếu Tử <span class=\"nw\">(29350)</span> · BHYT đến 30/06/2027 · chưa đóng BHXH"));
	call("GET", "/api/v1/people?q=buoi&cover=true", NULL, UNION, 'b', &an);
	assert_non_null(strstr(an.body, "\"bhyt_valid_until\":\"2027-06-30\",\"bhxh_paid_until\":null"));
	call("GET", "/api/v1/people?q=buoi", NULL, UNION, 'b', &an);
	assert_null(strstr(an.body, "bhyt_valid_until"));
}

static void a_foreign_head_answers_as_unknown(void **state)
{
	struct answer foreign, unknown;
	char path[64], body[64], want[64];
	int64_t hh, xa;
	(void)state;
	fixture_person_fields(fx, "Trần Văn Bảy", "1960", "M", NULL, "29350", "HT-77");
	xa = fixture_person_fields(fx, "Lê Văn Tám", "1961", "M", NULL, "29365", "TN-77");
	assert_int_equal(store_household_find(fx->app.store, "HT-77", &hh, &fx->e), PO_OK);
	snprintf(path, sizeof path, "/api/v1/households/%lld", (long long)hh);
	snprintf(body, sizeof body, "{\"head\":%lld}", (long long)xa);
	call("PATCH", path, body, UNION, 'b', &foreign);
	call("PATCH", path, "{\"head\":999999}", UNION, 'b', &unknown);
	assert_int_equal(foreign.status, 422);
	assert_int_equal(unknown.status, 422);
	snprintf(want, sizeof want, "\"message\":\"Không có người số %lld\"", (long long)xa);
	assert_non_null(strstr(foreign.body, want));
	assert_non_null(strstr(unknown.body, "\"message\":\"Không có người số 999999\""));
	/* the unit of a new person likewise */
	call("POST", "/api/v1/people", "{\"full_name\":\"A\",\"dob\":\"1990\",\"sex\":\"F\",\"unit_code\":\"29365\"}", UNION,
	     'b', &foreign);
	call("POST", "/api/v1/people", "{\"full_name\":\"A\",\"dob\":\"1990\",\"sex\":\"F\",\"unit_code\":\"99999\"}", UNION,
	     'b', &unknown);
	assert_int_equal(foreign.status, 422);
	assert_int_equal(unknown.status, 422);
	assert_non_null(strstr(foreign.body, "\"message\":\"Mã đơn vị 29365 không tồn tại\""));
	assert_non_null(strstr(unknown.body, "\"message\":\"Mã đơn vị 99999 không tồn tại\""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_form_asks_is_it_her),
		cmocka_unit_test(the_duplicates_page_merges),
		cmocka_unit_test(viewers_do_not_search_by_cccd),
		cmocka_unit_test(identifier_searches_are_bounded),
		cmocka_unit_test(an_empty_search_says_where_and_offers_the_commune),
		cmocka_unit_test(results_show_cover),
		cmocka_unit_test(a_foreign_head_answers_as_unknown),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
