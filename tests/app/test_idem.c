/* test_idem.c: retry-safe writes (app/idem.h) and the rules a payment
 * follows whoever records it: the idempotency key of a payment, a void
 * and a remittance (sequential retries, another request under the same
 * key, keys per login, expiry, two identical requests at once); the
 * category a payment may name; the referrer's scope and 1+1 loops,
 * also those already in a database (`check`). */
#include <pthread.h>

#include "fixture.h"

#include "app/ledger.h"

/* A database with legal parameters, logins and people:
 *   logins lan, mai (collectors, 29350), hoi (union, 29350), tinh
 *   (admin, 84), kiem (officer, 84);
 *   people 1 Nguyễn Thị Lan, 2 Trần Văn Hùng, 4 Trần Thị Mai (household
 *   HGD1, poor from 2026-01-01, hamlet 29350-01), 3 Lê Văn Xa (29365),
 *   5 Võ Văn Năm (29350, no certificate: "other"). */
typedef struct world {
	fixture_t *f;
	user_t lan, mai, hoi, tinh, kiem;
	int64_t *s29350, *s84;
	size_t n29350, n84;
} world_t;

#define DAY date_make(2026, 11, 20) /* a payment date inside the web's window (today 2026-11-29) */

/* Builds the world described above. */
static world_t *world_new(void)
{
	world_t *w = calloc(1, sizeof *w);
	int changed = 0;
	assert_non_null(w);
	w->f = fixture_new();
	assert_int_equal(app_params_sync(&w->f->app, &changed, &w->f->e), PO_OK);
	w->lan = fixture_user_raw(w->f, "lan", UROLE_COLLECTOR, "29350");
	w->mai = fixture_user_raw(w->f, "mai", UROLE_COLLECTOR, "29350");
	w->hoi = fixture_user_raw(w->f, "hoi", UROLE_UNION, "29350");
	w->tinh = fixture_user_raw(w->f, "tinh", UROLE_ADMIN, "84");
	w->kiem = fixture_user_raw(w->f, "kiem", UROLE_OFFICER, "84");
	assert_int_equal(fixture_person_fields(w->f, "Nguyễn Thị Lan", "1980-01-01", "F", NULL, "29350-01", "HGD1"), 1);
	assert_int_equal(fixture_person_fields(w->f, "Trần Văn Hùng", "1978-01-01", "M", NULL, "29350-01", "HGD1"), 2);
	assert_int_equal(fixture_person_fields(w->f, "Lê Văn Xa", "1970-01-01", "M", NULL, "29365", "HGD3"), 3);
	assert_int_equal(fixture_person_fields(w->f, "Trần Thị Mai", "2005-01-01", "F", NULL, "29350-01", "HGD1"), 4);
	assert_int_equal(fixture_person_fields(w->f, "Võ Văn Năm", "1985-01-01", "M", NULL, "29350", "HGD5"), 5);
	assert_int_equal(app_poverty_add(&w->f->app, "HGD1", POVERTY_POOR, date_make(2026, 1, 1), date_make(2026, 12, 31),
					 &w->f->e),
			 PO_OK);
	w->n29350 = fixture_scope(w->f, "29350", &w->s29350);
	w->n84 = fixture_scope(w->f, "84", &w->s84);
	return w;
}

/* Frees the world. */
static void world_free(world_t *w)
{
	free(w->s29350);
	free(w->s84);
	fixture_free(w->f);
	free(w);
}

/* The answer remembered in these tests: the receipt's id and total. */
static char *render_receipt(const void *result, int *status, void *ctx)
{
	const receipt_view_t *v = result;
	char *s = malloc(64);
	(void)ctx;
	assert_non_null(s);
	snprintf(s, 64, "{\"id\":%lld,\"total\":%lld}", (long long)v->h.r.id, (long long)v->h.r.total);
	*status = 201;
	return s;
}

/* The answer of a remittance: its id and amount. */
static char *render_remit(const void *result, int *status, void *ctx)
{
	const remittance_sum_t *m = result;
	char *s = malloc(64);
	(void)ctx;
	assert_non_null(s);
	snprintf(s, 64, "{\"id\":%lld,\"amount\":%lld}", (long long)m->id, (long long)m->amount);
	*status = m->id ? 201 : 200;
	return s;
}

/* A one-item payment: payer pays one BHXH month at the floor for
 * herself (category given when cat is not NULL, with the reason). */
static collect_request_t payment(int64_t payer, const char *cat, const char *reason)
{
	collect_request_t rq;
	memset(&rq, 0, sizeof rq);
	rq.payer = payer;
	rq.items[0] = fixture_bhxh(payer, 1500000, 1);
	if (cat) {
		assert_true(bhxh_category_parse(cat, &rq.items[0].category));
		rq.items[0].has_category = true;
	}
	if (reason)
		snprintf(rq.items[0].category_reason, sizeof rq.items[0].category_reason, "%s", reason);
	rq.n = 1;
	return rq;
}

/* The request of a payment as a client would send it (what the key is
 * checked against). */
static json_t *payment_json(int64_t payer, int months)
{
	return json_pack("{s:I,s:[{s:s,s:I,s:i,s:i}]}", "payer", (json_int_t)payer, "items", "scheme", "bhxh", "person",
			 (json_int_t)payer, "months", months, "income", 1500000);
}

/* Collects payment(payer) for `by` under key with the request months
 * months long (the request's hash; the payment itself is one month). */
static int collect_keyed(world_t *w, const user_t *by, const char *key, int64_t payer, int months, app_idem_t *k,
			 receipt_view_t *v)
{
	collect_request_t rq = payment(payer, NULL, NULL);
	json_t *req = payment_json(payer, months);
	int rc = app_idem_init(k, key, "collect", 0, req, render_receipt, NULL, &w->f->e);
	json_decref(req);
	if (rc)
		return rc;
	return app_collect_by_k(&w->f->app, by, DAY, &rq, k, v, &w->f->e);
}

static void key_format(void **state)
{
	char k64[IDEM_KEY_MAX + 2];
	err_t e;
	(void)state;
	memset(k64, 'a', IDEM_KEY_MAX);
	k64[IDEM_KEY_MAX] = '\0';
	assert_int_equal(app_idem_key_check(k64, &e), PO_OK);
	assert_int_equal(app_idem_key_check("Ab_-09", &e), PO_OK);
	assert_int_equal(app_idem_key_check("x", &e), PO_OK);
	k64[IDEM_KEY_MAX] = 'a';
	k64[IDEM_KEY_MAX + 1] = '\0';
	assert_int_equal(app_idem_key_check(k64, &e), PO_EINVAL); /* 65 characters */
	assert_string_equal(e.field, "Idempotency-Key");
	assert_string_equal(e.en, "the Idempotency-Key header must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -");
	assert_int_equal(app_idem_key_check("", &e), PO_EINVAL);
	assert_int_equal(app_idem_key_check("a b", &e), PO_EINVAL);
	assert_int_equal(app_idem_key_check("a.b", &e), PO_EINVAL);
	assert_int_equal(app_idem_key_check("khóa", &e), PO_EINVAL);
	assert_int_equal(app_idem_key_check(NULL, &e), PO_EINVAL);
}

/* A request with no body (a remittance) hashes as an empty object,
 * and preparing it allocates nothing left behind (the leak check). */
static void empty_request_hashes_as_an_empty_object(void **state)
{
	app_idem_t none, empty;
	json_t *obj = json_object();
	err_t e;
	(void)state;
	assert_int_equal(app_idem_init(&none, "remit-0", "remittance", 0, NULL, NULL, NULL, &e), PO_OK);
	assert_int_equal(app_idem_init(&empty, "remit-0", "remittance", 0, obj, NULL, NULL, &e), PO_OK);
	json_decref(obj);
	assert_int_equal(strlen(none.hash), IDEM_HASH_HEX);
	assert_string_equal(none.hash, empty.hash);
	app_idem_free(&none);
	app_idem_free(&empty);
}

/* The canonical payment every client's key is checked against: sorted,
 * compact; income only for BHXH, the category only when given. */
static void the_canonical_payment(void **state)
{
	collect_request_t rq;
	json_t *doc;
	char *s;
	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.payer = 5;
	memcpy(rq.method, "cash", 5);
	memcpy(rq.items[0].scheme, "bhxh", 5);
	rq.items[0].person = 5;
	rq.items[0].months = 3;
	rq.items[0].income = 2200000;
	rq.items[0].has_category = true;
	rq.items[0].category = BHXH_POOR;
	memcpy(rq.items[0].category_reason, "GCN 12", 7);
	memcpy(rq.items[1].scheme, "bhyt", 5);
	rq.items[1].person = 6;
	rq.items[1].months = 12;
	rq.items[1].income = 999; /* not BHXH: not part of the payment */
	rq.n = 2;
	doc = app_collect_canon(&rq, date_make(2027, 1, 15));
	assert_non_null(doc);
	s = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	assert_string_equal(s, "{\"date\":\"2027-01-15\",\"items\":[{\"category\":\"poor\",\"category_reason\":\"GCN 12\","
			       "\"income\":2200000,\"months\":3,\"person\":5,\"scheme\":\"bhxh\"},{\"category\":\"\","
			       "\"category_reason\":\"\",\"income\":0,\"months\":12,\"person\":6,\"scheme\":\"bhyt\"}],"
			       "\"method\":\"cash\",\"payer\":5,\"referred_by\":0}");
	free(s);
	json_decref(doc);
}

static void collect_retried_answers_the_first_receipt(void **state)
{
	world_t *w = world_new();
	receipt_view_t *v = malloc(sizeof *v);
	app_idem_t k1, k2, k3, k4, k5;
	char first[64];
	(void)state;
	assert_non_null(v);
	assert_int_equal(collect_keyed(w, &w->lan, "pay-1", 5, 1, &k1, v), PO_OK);
	assert_false(k1.replayed);
	assert_int_equal(k1.rec.status, 201);
	assert_int_equal(k1.rec.entity_id, 1);
	/* one BHXH month at the floor, "other": 330,000 − 20 % of it */
	assert_string_equal(k1.rec.response, "{\"id\":1,\"total\":264000}");
	snprintf(first, sizeof first, "%s", k1.rec.response);

	/* the same request again: the first answer, no second receipt */
	assert_int_equal(collect_keyed(w, &w->lan, "pay-1", 5, 1, &k2, v), PO_OK);
	assert_true(k2.replayed);
	assert_int_equal(k2.rec.status, 201);
	assert_int_equal(k2.rec.entity_id, 1);
	assert_string_equal(k2.rec.response, first);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt"), 1);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM audit WHERE action = 'receipt.issue'"), 1);

	/* the same key with another request: refused, nothing recorded */
	assert_int_equal(collect_keyed(w, &w->lan, "pay-1", 5, 3, &k3, v), PO_ECONFLICT);
	assert_string_equal(w->f->e.field, "Idempotency-Key");
	assert_string_equal(w->f->e.en,
			    "this Idempotency-Key was already used for a different request within 30 days: use a new key");
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt"), 1);

	/* a key is the login's own: Mai's "pay-1" is another payment */
	assert_int_equal(collect_keyed(w, &w->mai, "pay-1", 5, 1, &k4, v), PO_OK);
	assert_false(k4.replayed);
	assert_int_equal(k4.rec.entity_id, 2);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt"), 2);

	/* after 30 days a key is forgotten (purged) and names a new payment */
	fixture_query_int(w->f, "UPDATE idem_key SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-31 days')"
				" WHERE key = 'pay-1' AND user_id = (SELECT id FROM app_user WHERE username = 'lan')");
	assert_int_equal(collect_keyed(w, &w->lan, "pay-1", 5, 1, &k5, v), PO_OK);
	assert_false(k5.replayed);
	assert_int_equal(k5.rec.entity_id, 3);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM idem_key"), 2);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt"), 3);

	/* a refused payment remembers nothing: the key stays free */
	{
		collect_request_t rq = payment(3, NULL, NULL); /* Xa lives in 29365 */
		app_idem_t k6, k7;
		json_t *req = payment_json(3, 1);
		assert_int_equal(app_idem_init(&k6, "pay-2", "collect", 0, req, render_receipt, NULL, &w->f->e), PO_OK);
		assert_int_equal(app_collect_by_k(&w->f->app, &w->lan, DAY, &rq, &k6, v, &w->f->e), PO_EINVAL);
		assert_string_equal(w->f->e.en, "no person with id 3");
		json_decref(req);
		assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM idem_key WHERE key = 'pay-2'"), 0);
		assert_int_equal(collect_keyed(w, &w->lan, "pay-2", 5, 1, &k7, v), PO_OK);
		assert_false(k7.replayed);
		app_idem_free(&k6);
		app_idem_free(&k7);
	}
	app_idem_free(&k1);
	app_idem_free(&k2);
	app_idem_free(&k3);
	app_idem_free(&k4);
	app_idem_free(&k5);
	free(v);
	world_free(w);
}

/* Two identical keyed payments at once, each on its own connection. */
struct racer {
	const char *path;
	const user_t *by;
	pthread_barrier_t *go;
	char key[32];
	int rc;
	bool replayed;
	int64_t id;
	char answer[64];
};

/* Opens a connection and sends the payment when both threads are ready. */
static void *race(void *arg)
{
	struct racer *r = arg;
	receipt_view_t *v = malloc(sizeof *v);
	collect_request_t rq = payment(5, NULL, NULL);
	json_t *req = payment_json(5, 1);
	app_idem_t k;
	app_t a;
	err_t e;
	memset(&a, 0, sizeof a);
	a.actor = "test";
	a.today = (date_t){2026, 11, 29, false};
	r->rc = store_open(r->path, &a.store, &e);
	if (!r->rc)
		r->rc = app_idem_init(&k, r->key, "collect", 0, req, render_receipt, NULL, &e);
	pthread_barrier_wait(r->go);
	if (!r->rc && v)
		r->rc = app_collect_by_k(&a, r->by, DAY, &rq, &k, v, &e);
	if (!r->rc) {
		r->replayed = k.replayed;
		r->id = k.rec.entity_id;
		snprintf(r->answer, sizeof r->answer, "%s", k.rec.response);
		app_idem_free(&k);
	}
	if (a.store)
		store_close(a.store);
	json_decref(req);
	free(v);
	return NULL;
}

static void concurrent_identical_payments_give_one_receipt(void **state)
{
	world_t *w = world_new();
	int round;
	(void)state;
	for (round = 0; round < 25; round++) {
		pthread_barrier_t go;
		pthread_t t[2];
		struct racer r[2];
		int i;
		pthread_barrier_init(&go, NULL, 2);
		for (i = 0; i < 2; i++) {
			memset(&r[i], 0, sizeof r[i]);
			r[i].path = w->f->path;
			r[i].by = &w->lan;
			r[i].go = &go;
			snprintf(r[i].key, sizeof r[i].key, "race-%d", round);
			assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
		}
		for (i = 0; i < 2; i++)
			pthread_join(t[i], NULL);
		pthread_barrier_destroy(&go);
		assert_int_equal(r[0].rc, PO_OK);
		assert_int_equal(r[1].rc, PO_OK);
		/* exactly one recorded, the other answered the same receipt */
		assert_true(r[0].replayed != r[1].replayed);
		assert_int_equal(r[0].id, round + 1);
		assert_int_equal(r[1].id, round + 1);
		assert_string_equal(r[0].answer, r[1].answer);
		assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt"), round + 1);
	}
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM idem_key"), 25);
	world_free(w);
}

static void void_and_remit_retried_answer_the_first_result(void **state)
{
	world_t *w = world_new();
	receipt_view_t *v = malloc(sizeof *v);
	remittance_sum_t m;
	app_idem_t k1, k2, k3, r1, r2, r3;
	json_t *req = json_pack("{s:s}", "reason", "ghi nhầm");
	json_t *other = json_pack("{s:s}", "reason", "khác");
	json_t *day = json_pack("{s:s}", "date", "2026-11-20");
	int64_t id;
	(void)state;
	assert_non_null(v);
	id = fixture_collect(w->f, "lan", DAY, 5, (collect_item_t[]){fixture_bhxh(5, 1500000, 1)}, 1).id;
	assert_int_equal(app_idem_init(&k1, "void-1", "receipt.void", id, req, render_receipt, NULL, &w->f->e), PO_OK);
	assert_int_equal(app_receipt_void_by_k(&w->f->app, &w->lan, w->s29350, w->n29350, id, "ghi nhầm", &k1, v, &w->f->e),
			 PO_OK);
	assert_false(k1.replayed);
	/* sent again: the first answer, not 409 "already void" */
	assert_int_equal(app_idem_init(&k2, "void-1", "receipt.void", id, req, render_receipt, NULL, &w->f->e), PO_OK);
	assert_int_equal(app_receipt_void_by_k(&w->f->app, &w->lan, w->s29350, w->n29350, id, "ghi nhầm", &k2, v, &w->f->e),
			 PO_OK);
	assert_true(k2.replayed);
	assert_string_equal(k2.rec.response, k1.rec.response);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM audit WHERE action = 'receipt.void'"), 1);
	/* the same key for another reason: refused */
	assert_int_equal(app_idem_init(&k3, "void-1", "receipt.void", id, other, render_receipt, NULL, &w->f->e), PO_OK);
	assert_int_equal(app_receipt_void_by_k(&w->f->app, &w->lan, w->s29350, w->n29350, id, "khác", &k3, v, &w->f->e),
			 PO_ECONFLICT);

	/* a remittance sent again answers the first one, even after a new
	 * receipt: nothing more is handed over under the same key */
	fixture_collect(w->f, "lan", DAY, 5, (collect_item_t[]){fixture_bhyt(5, 12)}, 1);
	assert_int_equal(app_idem_init(&r1, "remit-1", "remittance", 0, day, render_remit, NULL, &w->f->e), PO_OK);
	assert_int_equal(app_remit_by_k(&w->f->app, &w->lan, DAY, &r1, &m, &w->f->e), PO_OK);
	assert_false(r1.replayed);
	assert_int_equal(m.id, 1);
	assert_int_equal(m.receipts, 1);
	assert_int_equal(r1.rec.status, 201);
	fixture_collect(w->f, "lan", DAY, 1, (collect_item_t[]){fixture_bhyt(1, 12)}, 1);
	assert_int_equal(app_idem_init(&r2, "remit-1", "remittance", 0, day, render_remit, NULL, &w->f->e), PO_OK);
	assert_int_equal(app_remit_by_k(&w->f->app, &w->lan, DAY, &r2, &m, &w->f->e), PO_OK);
	assert_true(r2.replayed);
	assert_int_equal(m.id, 1);
	assert_string_equal(r2.rec.response, r1.rec.response);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM remittance"), 1);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt WHERE remittance_id IS NULL AND void = 0"),
			 1);
	/* a void key is not a remittance key */
	assert_int_equal(app_idem_init(&r3, "void-1", "remittance", 0, day, render_remit, NULL, &w->f->e), PO_OK);
	assert_int_equal(app_remit_by_k(&w->f->app, &w->lan, DAY, &r3, &m, &w->f->e), PO_ECONFLICT);
	app_idem_free(&k1);
	app_idem_free(&k2);
	app_idem_free(&k3);
	app_idem_free(&r1);
	app_idem_free(&r2);
	app_idem_free(&r3);
	json_decref(req);
	json_decref(other);
	json_decref(day);
	free(v);
	world_free(w);
}

static void only_officers_and_admins_override_the_category(void **state)
{
	world_t *w = world_new();
	receipt_view_t *v = malloc(sizeof *v);
	collect_request_t rq;
	receipt_t r;
	receipt_line_t l[RECEIPT_LINES_MAX];
	(void)state;
	assert_non_null(v);
	/* Năm (5) has no certificate: "other"; a collector may not make him poor */
	rq = payment(5, "poor", "nghèo");
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, DAY, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "items[0].category");
	assert_string_equal(w->f->e.en, "category \"poor\" differs from the one derived for person 5 (\"other\"): only an "
					"officer (or an administrator) may choose another, with a reason");
	/* nor may a union cadre make Lan (poor) "other" */
	rq = payment(1, "other", NULL);
	assert_int_equal(app_collect_by(&w->f->app, &w->hoi, DAY, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "items[0].category");
	/* the same category as derived is accepted */
	rq = payment(5, "other", NULL);
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, DAY, &rq, true, v, &w->f->e), PO_OK);
	assert_string_equal(v->lines[0].category, "other");
	assert_int_equal(v->lines[0].state_support, 66000);
	/* an administrator overrides, with a reason only */
	rq = payment(5, "poor", NULL);
	assert_int_equal(app_collect_by(&w->f->app, &w->tinh, DAY, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "items[0].category_reason");
	assert_string_equal(w->f->e.en, "choosing category \"poor\" instead of the derived one (\"other\") needs a reason "
					"(category_reason)");
	rq = payment(5, "poor", "Giấy chứng nhận hộ nghèo 2026 chưa nhập");
	{
		app_t *a = &w->f->app;
		a->actor = "tinh";
		assert_int_equal(app_collect_by(a, &w->tinh, date_make(2026, 11, 21), &rq, true, v, &w->f->e), PO_OK);
		a->actor = "test";
	}
	assert_string_equal(v->lines[0].category, "poor");
	assert_int_equal(v->lines[0].state_support, 165000);
	assert_string_equal(fixture_query_text(w->f, "SELECT detail FROM audit WHERE action = 'receipt.issue'"
						     " ORDER BY id DESC LIMIT 1"),
			    "{\"book\":\"Q-tinh\",\"serial\":1,\"total\":165000,\"lines\":1,\"category_overrides\":"
			    "[{\"item\":0,\"person\":5,\"derived\":\"other\",\"chosen\":\"poor\","
			    "\"reason\":\"Giấy chứng nhận hộ nghèo 2026 chưa nhập\"}]}");
	/* the command line's use case follows the collector's role too: an
	 * officer is not a collector, a collector cannot override */
	rq = payment(5, NULL, NULL);
	assert_int_equal(app_collect(&w->f->app, "kiem", DAY, &rq, &r, l, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "collector");
	assert_string_equal(w->f->e.en, "user kiem may not collect money (role officer)");
	rq = payment(5, "poor", "nghèo");
	assert_int_equal(app_collect(&w->f->app, "lan", DAY, &rq, &r, l, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "category");
	free(v);
	world_free(w);
}

static void referrers_are_scoped_and_loops_refused(void **state)
{
	world_t *w = world_new();
	receipt_view_t *v = malloc(sizeof *v);
	collect_request_t rq;
	(void)state;
	assert_non_null(v);
	/* a referrer outside her units answers like an unknown one */
	rq = payment(5, NULL, NULL);
	rq.referred_by = 3;
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, DAY, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "referred_by");
	assert_string_equal(w->f->e.en, "no person with id 3");
	rq.referred_by = 77;
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, DAY, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "referred_by");
	assert_string_equal(w->f->e.en, "no person with id 77");
	/* Lan (1) brought Hùng (2), Hùng brought Năm (5) */
	rq = payment(2, NULL, NULL);
	rq.referred_by = 1;
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, DAY, &rq, true, v, &w->f->e), PO_OK);
	rq = payment(5, NULL, NULL);
	rq.referred_by = 2;
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, DAY, &rq, true, v, &w->f->e), PO_OK);
	/* Năm bringing Lan would close the loop 1 → 2 → 5 → 1; Hùng bringing Lan, 1 → 2 → 1 */
	rq = payment(1, NULL, NULL);
	rq.referred_by = 5;
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, DAY, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "referred_by");
	assert_string_equal(w->f->e.en,
			    "person 5 was brought in by person 1 (directly or through others): the referral would close a loop");
	rq.referred_by = 2;
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, DAY, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_int_equal(app_referral_add_by(&w->f->app, &w->lan, w->s29350, w->n29350, 1, 5, "other", DAY, &w->f->e),
			 PO_EINVAL);
	assert_string_equal(w->f->e.field, "by");
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM referral"), 2);
	free(v);
	world_free(w);
}

struct found {
	char what[8][32];
	int64_t id[8];
	int n;
};

/* Keeps the problems `check` reports. */
static int found_add(const char *what, int64_t id, void *ctx)
{
	struct found *f = ctx;
	if (f->n < 8) {
		snprintf(f->what[f->n], sizeof f->what[f->n], "%s", what);
		f->id[f->n++] = id;
	}
	return 0;
}

static void check_finds_referral_loops(void **state)
{
	world_t *w = world_new();
	struct found f;
	int problems = 0;
	(void)state;
	memset(&f, 0, sizeof f);
	assert_int_equal(app_check(&w->f->app, found_add, &f, &problems, &w->f->e), PO_OK);
	assert_int_equal(problems, 0);
	/* written around the use cases: 1 → 2 → 4 → 1, and 5 brought in by 1 */
	fixture_query_int(w->f, "INSERT INTO referral (person_id, referrer_id, date) VALUES"
				" (2, 1, '2026-11-01'), (4, 2, '2026-11-01'), (1, 4, '2026-11-01'), (5, 1, '2026-11-01')");
	assert_int_equal(app_check(&w->f->app, found_add, &f, &problems, &w->f->e), PO_OK);
	assert_int_equal(problems, 3);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.what[0], "referral_loop");
	assert_int_equal(f.id[0], 1);
	assert_int_equal(f.id[1], 2);
	assert_int_equal(f.id[2], 4);
	world_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_format),
		cmocka_unit_test(empty_request_hashes_as_an_empty_object),
		cmocka_unit_test(the_canonical_payment),
		cmocka_unit_test(collect_retried_answers_the_first_receipt),
		cmocka_unit_test(concurrent_identical_payments_give_one_receipt),
		cmocka_unit_test(void_and_remit_retried_answer_the_first_result),
		cmocka_unit_test(only_officers_and_admins_override_the_category),
		cmocka_unit_test(referrers_are_scoped_and_loops_refused),
		cmocka_unit_test(check_finds_referral_loops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
