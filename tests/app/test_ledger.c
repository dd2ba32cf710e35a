/* test_ledger.c: the money use cases on behalf of a logged-in user
 * (app/ledger.h): a preview computes what a payment records, receipts
 * are listed and shown inside the caller's units, voiding, remitting and
 * cash follow the roles, 1+1 figures and due lists are scoped. */
#include "fixture.h"

#include "app/ledger.h"

/* A database with legal parameters, logins and people:
 *   logins lan, mai (collectors, 29350), hoi (union, 29350), tinh (admin,
 *   84), ngai (collector, 29365), xem (viewer, 29350), kiem (officer, 84);
 *   people 1 Nguyễn Thị Lan and 2 Trần Văn Hùng (household HGD1, poor from
 *   2026-01-01, hamlet 29350-01), 3 Lê Văn Xa (29365), 4 Trần Thị Mai
 *   (HGD1, 29350-01). */
typedef struct world {
	fixture_t *f;
	user_t lan, mai, hoi, tinh, ngai, xem, kiem;
	int64_t *s29350, *s29365, *s84;
	size_t n29350, n29365, n84;
} world_t;

/* Builds the world described above. */
static world_t *world_new(void)
{
	world_t *w = calloc(1, sizeof *w);
	int changed = 0;
	assert_non_null(w);
	w->f = fixture_new();
	assert_int_equal(app_params_sync(&w->f->app, &changed, &w->f->e), PO_OK);
	/* the tests never log in: no password is hashed */
	w->lan = fixture_user_raw(w->f, "lan", UROLE_COLLECTOR, "29350");
	w->mai = fixture_user_raw(w->f, "mai", UROLE_COLLECTOR, "29350");
	w->hoi = fixture_user_raw(w->f, "hoi", UROLE_UNION, "29350");
	w->tinh = fixture_user_raw(w->f, "tinh", UROLE_ADMIN, "84");
	w->ngai = fixture_user_raw(w->f, "ngai", UROLE_COLLECTOR, "29365");
	w->xem = fixture_user_raw(w->f, "xem", UROLE_VIEWER, "29350");
	w->kiem = fixture_user_raw(w->f, "kiem", UROLE_OFFICER, "84");
	assert_int_equal(fixture_person_fields(w->f, "Nguyễn Thị Lan", "1980-01-01", "F", NULL, "29350-01", "HGD1"), 1);
	assert_int_equal(fixture_person_fields(w->f, "Trần Văn Hùng", "1978-01-01", "M", NULL, "29350-01", "HGD1"), 2);
	assert_int_equal(fixture_person_fields(w->f, "Lê Văn Xa", "1970-01-01", "M", NULL, "29365", "HGD3"), 3);
	assert_int_equal(fixture_person_fields(w->f, "Trần Thị Mai", "2005-01-01", "F", NULL, "29350-01", "HGD1"), 4);
	assert_int_equal(app_poverty_add(&w->f->app, "HGD1", POVERTY_POOR, date_make(2026, 1, 1), date_make(2026, 12, 31),
					 &w->f->e),
			 PO_OK);
	w->n29350 = fixture_scope(w->f, "29350", &w->s29350);
	w->n29365 = fixture_scope(w->f, "29365", &w->s29365);
	w->n84 = fixture_scope(w->f, "84", &w->s84);
	return w;
}

/* Frees the world. */
static void world_free(world_t *w)
{
	free(w->s29350);
	free(w->s29365);
	free(w->s84);
	fixture_free(w->f);
	free(w);
}

/* Records a one-item payment by a collector on a date; returns the
 * receipt id. */
static int64_t pay(world_t *w, const char *collector, date_t d, int64_t payer, collect_item_t it)
{
	return fixture_collect(w->f, collector, d, payer, &it, 1).id;
}

/* Asserts that two receipt lines are equal in every field. */
static void assert_same_line(const receipt_line_t *a, const receipt_line_t *b)
{
	assert_int_equal(a->person_id, b->person_id);
	assert_string_equal(a->scheme, b->scheme);
	assert_int_equal(date_cmp(a->from, b->from), 0);
	assert_int_equal(date_cmp(a->to, b->to), 0);
	assert_int_equal(a->months, b->months);
	assert_int_equal(a->ordinal, b->ordinal);
	assert_int_equal(a->income, b->income);
	assert_string_equal(a->category, b->category);
	assert_int_equal(a->supported_months, b->supported_months);
	assert_int_equal(a->gross, b->gross);
	assert_int_equal(a->state_support, b->state_support);
	assert_int_equal(a->local_support, b->local_support);
	assert_int_equal(a->net, b->net);
}

static void preview_computes_exactly_what_collect_records(void **state)
{
	world_t *w = world_new();
	collect_request_t rq;
	receipt_t pr, r;
	receipt_line_t pl[RECEIPT_LINES_MAX], rl[RECEIPT_LINES_MAX];
	receipt_view_t *v = malloc(sizeof *v);
	date_t d = date_make(2026, 11, 29);
	size_t i;
	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.payer = 1;
	rq.items[0] = fixture_bhxh(1, 1500000, 3); /* poor: derived from HGD1's certificate */
	rq.items[1] = fixture_bhyt(2, 12);
	rq.items[2] = fixture_bhyt(4, 12);
	rq.n = 3;
	assert_int_equal(app_collect_preview(&w->f->app, "lan", d, &rq, &pr, pl, &w->f->e), PO_OK);
	/* nothing recorded, no book made, no serial used */
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt"), 0);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt_book"), 0);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM audit WHERE action = 'receipt.issue'"), 0);
	assert_int_equal(pr.id, 0);
	assert_int_equal(pr.serial, 0);
	/* BHXH 1,500,000 x 3 months for a poor person on 2026-11-29: 22 % is
	 * 330,000 a month, the state pays 50 % of 22 % of the rural poverty
	 * line (165,000) */
	assert_string_equal(pl[0].category, "poor");
	assert_int_equal(pl[0].gross, 990000);
	assert_int_equal(pl[0].state_support, 495000);
	assert_int_equal(pl[0].local_support, 0);
	assert_int_equal(pl[0].net, 495000);
	assert_int_equal(date_cmp(pl[0].from, date_make(2026, 11, 1)), 0);
	assert_int_equal(date_cmp(pl[0].to, date_make(2027, 1, 31)), 0);
	/* BHYT: 4.5 % of 2,530,000 = 113,850 a month for the first member,
	 * 70 % of it (79,695) for the second */
	assert_int_equal(pl[1].ordinal, 1);
	assert_int_equal(pl[1].net, 1366200);
	assert_int_equal(pl[2].ordinal, 2);
	assert_int_equal(pl[2].net, 956340);
	assert_int_equal(date_cmp(pl[1].from, date_make(2026, 12, 29)), 0);
	assert_int_equal(pr.total, 495000 + 1366200 + 956340);

	/* the web's preview: the same numbers, with the names */
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, d, &rq, false, v, &w->f->e), PO_OK);
	assert_int_equal(v->n, 3);
	for (i = 0; i < 3; i++)
		assert_same_line(&v->lines[i], &pl[i]);
	assert_string_equal(v->names[1], "Trần Văn Hùng");
	assert_string_equal(v->h.payer_name, "Nguyễn Thị Lan");
	assert_int_equal(v->h.r.total, pr.total);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt"), 0);

	/* the payment itself records exactly the preview */
	assert_int_equal(app_collect(&w->f->app, "lan", d, &rq, &r, rl, &w->f->e), PO_OK);
	assert_int_equal(r.serial, 1);
	assert_int_equal(r.total, pr.total);
	assert_string_equal(r.method, pr.method);
	for (i = 0; i < 3; i++)
		assert_same_line(&rl[i], &pl[i]);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM audit WHERE action = 'receipt.issue'"), 1);

	/* and a preview after it sees the coverage just paid: the BHXH period
	 * continues, the household has two BHYT members this year */
	rq.n = 1;
	assert_int_equal(app_collect_preview(&w->f->app, "lan", d, &rq, &pr, pl, &w->f->e), PO_OK);
	assert_int_equal(date_cmp(pl[0].from, date_make(2027, 2, 1)), 0);
	free(v);
	world_free(w);
}

static void preview_refuses_what_collect_refuses(void **state)
{
	world_t *w = world_new();
	collect_request_t rq;
	receipt_t r;
	receipt_line_t l[RECEIPT_LINES_MAX];
	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.payer = 1;
	rq.items[0] = fixture_bhxh(1, 1000, 3); /* below the floor */
	rq.n = 1;
	assert_int_equal(app_collect_preview(&w->f->app, "lan", date_make(2026, 11, 29), &rq, &r, l, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "income");
	assert_int_equal(app_collect(&w->f->app, "lan", date_make(2026, 11, 29), &rq, &r, l, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "income");
	rq.items[0] = fixture_bhyt(3, 12); /* Lê Văn Xa lives in 29365 */
	assert_int_equal(app_collect_preview(&w->f->app, "lan", date_make(2026, 11, 29), &rq, &r, l, &w->f->e), PO_EINVAL);
	assert_int_equal(w->f->e.msg, MSG_COLLECT_OUT_OF_SCOPE);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt"), 0);
	world_free(w);
}

static void collect_by_checks_role_date_and_names_the_item(void **state)
{
	world_t *w = world_new();
	collect_request_t rq;
	receipt_view_t *v = malloc(sizeof *v);
	date_t today = w->f->app.today;
	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.payer = 1;
	rq.items[0] = fixture_bhyt(1, 12);
	rq.items[1] = fixture_bhyt(2, 1);
	rq.n = 2;
	/* a wrong item is named by its path */
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, today, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "items[1].months");
	/* a person outside her units is answered like an unknown one */
	rq.items[1] = fixture_bhyt(3, 12);
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, today, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "items[1].person");
	assert_int_equal(w->f->e.msg, MSG_PERSON_UNKNOWN);
	assert_string_equal(w->f->e.en, "no person with id 3");
	rq.items[1] = fixture_bhyt(99, 12);
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, today, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "items[1].person");
	assert_string_equal(w->f->e.en, "no person with id 99");
	rq.items[1] = fixture_bhyt(2, 12);
	rq.payer = 3;
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, today, &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "payer");
	assert_string_equal(w->f->e.en, "no person with id 3");
	rq.payer = 1;
	/* no date after today, none more than 30 days before it */
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, date_add_days(today, 1), &rq, true, v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "date");
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, date_add_days(today, -31), &rq, true, v, &w->f->e),
			 PO_EINVAL);
	assert_string_equal(w->f->e.field, "date");
	assert_int_equal(w->f->e.msg, MSG_LEDGER_BACKDATE);
	/* officers and viewers do not collect */
	assert_int_equal(app_collect_by(&w->f->app, &w->kiem, today, &rq, false, v, &w->f->e), PO_EFORBIDDEN);
	assert_string_equal(w->f->e.field, "role");
	assert_int_equal(app_collect_by(&w->f->app, &w->xem, today, &rq, false, v, &w->f->e), PO_EFORBIDDEN);
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt"), 0);
	/* 30 days back is allowed, and the receipt comes back as printed */
	assert_int_equal(app_collect_by(&w->f->app, &w->lan, date_add_days(today, -30), &rq, true, v, &w->f->e), PO_OK);
	assert_int_equal(v->h.r.id, 1);
	assert_string_equal(v->h.r.book, "Q-lan");
	assert_int_equal(v->h.r.serial, 1);
	assert_int_equal(v->n, 2);
	assert_string_equal(v->names[0], "Nguyễn Thị Lan");
	assert_string_equal(v->h.payer_unit_code, "29350-01");
	assert_false(v->h.r.is_void);
	free(v);
	world_free(w);
}

static void parse_names_every_problem_by_path(void **state)
{
	collect_request_t rq;
	err_t errs[COLLECT_ERRORS_MAX];
	size_t n = 0;
	json_error_t je;
	json_t *doc = json_loads("{\"payer\": 0, \"method\": 5, \"items\": [{\"scheme\": \"bhyt\", \"person\": 2, \"months\": 12},"
				 " {\"scheme\": \"bhxh\", \"person\": \"x\", \"months\": 13, \"income\": \"1.500.000\"},"
				 " {\"scheme\": \"card\", \"person\": 1, \"months\": 3}, 7]}",
				 0, &je);
	(void)state;
	assert_non_null(doc);
	assert_int_equal(app_collect_parse(doc, &rq, true, errs, COLLECT_ERRORS_MAX, &n), PO_EINVAL);
	assert_int_equal(n, 7);
	assert_string_equal(errs[0].field, "payer");
	assert_string_equal(errs[1].field, "method");
	assert_string_equal(errs[2].field, "items[1].person");
	assert_string_equal(errs[3].field, "items[1].months");
	assert_string_equal(errs[3].en, "months must be a whole number from 1 to 12");
	assert_string_equal(errs[4].field, "items[1].income");
	assert_string_equal(errs[5].field, "items[2].scheme");
	assert_string_equal(errs[6].field, "items[3]");
	/* the command line's way: the first problem, named as it always was */
	assert_int_equal(app_collect_parse(doc, &rq, false, errs, 1, &n), PO_EINVAL);
	assert_int_equal(n, 1);
	assert_string_equal(errs[0].field, "payer");
	assert_string_equal(errs[0].en, "invalid field payer");
	json_decref(doc);
	doc = json_loads("{\"payer\": 1, \"referred_by\": null, \"method\": \"transfer\", \"items\": [{\"scheme\": \"bhxh\","
			 " \"person\": 1, \"income\": 1500000, \"months\": 3, \"category\": \"near_poor\"}]}",
			 0, &je);
	assert_int_equal(app_collect_parse(doc, &rq, true, errs, COLLECT_ERRORS_MAX, &n), PO_OK);
	assert_int_equal(rq.n, 1);
	assert_int_equal(rq.payer, 1);
	assert_string_equal(rq.method, "transfer");
	assert_int_equal(rq.items[0].income, 1500000);
	assert_true(rq.items[0].has_category);
	assert_int_equal(rq.items[0].category, BHXH_NEAR_POOR);
	json_decref(doc);
}

/* Collects the ids a list gives. */
struct ids {
	int64_t v[32];
	size_t n;
};

/* Keeps one receipt id (list callback). */
static int keep_id(const receipt_view_t *v, void *ctx)
{
	struct ids *ids = ctx;
	ids->v[ids->n++] = v->h.r.id;
	return 0;
}

/* Lists with q inside scope; returns the ids in *out and the next page. */
static int64_t list(world_t *w, const int64_t *scope, size_t nscope, const receipt_query_t *q, struct ids *out)
{
	int64_t next = -1;
	memset(out, 0, sizeof *out);
	assert_int_equal(app_receipts_list(&w->f->app, scope, nscope, q, keep_id, out, &next, &w->f->e), PO_OK);
	return next;
}

static void receipts_list_filters_and_pages_newest_first(void **state)
{
	world_t *w = world_new();
	receipt_query_t q;
	struct ids ids;
	receipt_t r;
	(void)state;
	/* receipts 1..5: lan, mai, lan, lan (voided), ngai (29365) */
	pay(w, "lan", date_make(2026, 10, 1), 1, fixture_bhxh(1, 1500000, 1));
	pay(w, "mai", date_make(2026, 10, 5), 2, fixture_bhxh(2, 1500000, 1));
	pay(w, "lan", date_make(2026, 11, 1), 4, fixture_bhyt(4, 12));
	pay(w, "lan", date_make(2026, 11, 2), 1, fixture_bhyt(1, 3));
	pay(w, "ngai", date_make(2026, 11, 3), 3, fixture_bhyt(3, 3));
	assert_int_equal(app_receipt_void(&w->f->app, 4, "nhầm", &r, &w->f->e), PO_OK);

	memset(&q, 0, sizeof q);
	assert_int_equal(list(w, w->s29350, w->n29350, &q, &ids), 0);
	assert_int_equal(ids.n, 3); /* not the void one, not 29365's */
	assert_int_equal(ids.v[0], 3);
	assert_int_equal(ids.v[1], 2);
	assert_int_equal(ids.v[2], 1);
	q.include_void = true;
	assert_int_equal(list(w, w->s29350, w->n29350, &q, &ids), 0);
	assert_int_equal(ids.n, 4);
	assert_int_equal(ids.v[0], 4);
	/* paging: two at a time */
	q.limit = 2;
	assert_int_equal(list(w, w->s29350, w->n29350, &q, &ids), 3);
	assert_int_equal(ids.n, 2);
	q.before = 3;
	assert_int_equal(list(w, w->s29350, w->n29350, &q, &ids), 0);
	assert_int_equal(ids.n, 2);
	assert_int_equal(ids.v[0], 2);
	assert_int_equal(ids.v[1], 1);
	/* by collector, by dates, by person */
	memset(&q, 0, sizeof q);
	q.collector = "LAN";
	assert_int_equal(list(w, w->s84, w->n84, &q, &ids), 0);
	assert_int_equal(ids.n, 2);
	assert_int_equal(ids.v[0], 3);
	assert_int_equal(ids.v[1], 1);
	memset(&q, 0, sizeof q);
	q.has_from = q.has_to = true;
	q.from = date_make(2026, 10, 5);
	q.to = date_make(2026, 11, 2);
	q.include_void = true;
	assert_int_equal(list(w, w->s84, w->n84, &q, &ids), 0);
	assert_int_equal(ids.n, 3);
	assert_int_equal(ids.v[0], 4);
	assert_int_equal(ids.v[2], 2);
	memset(&q, 0, sizeof q);
	q.person = 4; /* paid by herself on receipt 3 */
	assert_int_equal(list(w, NULL, 0, &q, &ids), 0);
	assert_int_equal(ids.n, 1);
	assert_int_equal(ids.v[0], 3);
	q.person = 1;
	q.collector = "mai";
	assert_int_equal(list(w, NULL, 0, &q, &ids), 0);
	assert_int_equal(ids.n, 0);
	/* another commune sees only its own */
	memset(&q, 0, sizeof q);
	assert_int_equal(list(w, w->s29365, w->n29365, &q, &ids), 0);
	assert_int_equal(ids.n, 1);
	assert_int_equal(ids.v[0], 5);
	/* an unknown collector is not found, and one outside the scope
	 * answers exactly the same (as the cash of a collector does) */
	q.collector = "nobody";
	ids.n = 0;
	assert_int_equal(app_receipts_list(&w->f->app, NULL, 0, &q, keep_id, &ids, &(int64_t){0}, &w->f->e), PO_ENOTFOUND);
	assert_string_equal(w->f->e.field, "collector");
	assert_int_equal(ids.n, 0);
	q.collector = "lan";
	assert_int_equal(app_receipts_list(&w->f->app, w->s29365, w->n29365, &q, keep_id, &ids, &(int64_t){0}, &w->f->e),
			 PO_ENOTFOUND);
	assert_string_equal(w->f->e.field, "collector");
	assert_int_equal(ids.n, 0);
	q.collector = NULL;
	/* a limit out of bounds is refused */
	q.limit = RECEIPTS_LIMIT_MAX + 1;
	assert_int_equal(app_receipts_list(&w->f->app, NULL, 0, &q, keep_id, &ids, &(int64_t){0}, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "limit");
	world_free(w);
}

static void receipt_view_is_scoped_and_printable(void **state)
{
	world_t *w = world_new();
	receipt_view_t *v = malloc(sizeof *v);
	(void)state;
	pay(w, "lan", date_make(2026, 11, 1), 1, fixture_bhyt(2, 12));
	assert_int_equal(app_receipt_view(&w->f->app, 1, w->s29365, w->n29365, v, &w->f->e), PO_ENOTFOUND);
	assert_string_equal(w->f->e.en, "no receipt with id 1");
	assert_int_equal(app_receipt_view(&w->f->app, 9, w->s29350, w->n29350, v, &w->f->e), PO_ENOTFOUND);
	assert_string_equal(w->f->e.en, "no receipt with id 9");
	assert_int_equal(app_receipt_view(&w->f->app, 1, w->s29350, w->n29350, v, &w->f->e), PO_OK);
	assert_string_equal(v->h.r.book, "Q-lan");
	assert_int_equal(v->h.r.serial, 1);
	assert_string_equal(v->h.r.collector, "lan");
	assert_string_equal(v->h.payer_name, "Nguyễn Thị Lan");
	assert_int_equal(v->n, 1);
	assert_string_equal(v->names[0], "Trần Văn Hùng");
	assert_int_equal(v->lines[0].net, 1366200);
	assert_string_equal(v->h.r.method, "cash");
	free(v);
	world_free(w);
}

static void void_follows_the_roles(void **state)
{
	world_t *w = world_new();
	receipt_view_t *v = malloc(sizeof *v);
	remittance_sum_t m;
	(void)state;
	pay(w, "lan", date_make(2026, 11, 1), 1, fixture_bhyt(1, 12));  /* 1 */
	pay(w, "mai", date_make(2026, 11, 1), 2, fixture_bhyt(2, 12));  /* 2 */
	pay(w, "lan", date_make(2026, 11, 2), 4, fixture_bhyt(4, 12));  /* 3 */
	pay(w, "ngai", date_make(2026, 11, 2), 3, fixture_bhyt(3, 12)); /* 4 */
	/* a collector may not void a colleague's receipt */
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->mai, w->s29350, w->n29350, 1, "nhầm", v, &w->f->e), PO_EFORBIDDEN);
	assert_string_equal(w->f->e.field, "role");
	assert_int_equal(w->f->e.msg, MSG_LEDGER_VOID_OWN);
	/* nor one outside her units: it does not exist for her, whatever the
	 * reason given */
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->ngai, w->s29365, w->n29365, 1, "nhầm", v, &w->f->e),
			 PO_ENOTFOUND);
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->ngai, w->s29365, w->n29365, 1, "", v, &w->f->e),
			 PO_ENOTFOUND);
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->mai, w->s29350, w->n29350, 1, "", v, &w->f->e), PO_EFORBIDDEN);
	assert_string_equal(w->f->e.field, "role");
	/* viewers and officers void nothing */
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->xem, w->s29350, w->n29350, 1, "nhầm", v, &w->f->e), PO_EFORBIDDEN);
	assert_string_equal(w->f->e.field, "role");
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->kiem, w->s84, w->n84, 1, "nhầm", v, &w->f->e), PO_EFORBIDDEN);
	/* a reason is required */
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->lan, w->s29350, w->n29350, 1, " \t ", v, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "reason");
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM receipt WHERE void = 1"), 0);
	/* her own: void, with the reason cleaned, one audit entry */
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->lan, w->s29350, w->n29350, 1, "  ghi   nhầm người ", v,
					     &w->f->e),
			 PO_OK);
	assert_true(v->h.r.is_void);
	assert_string_equal(v->h.void_reason, "ghi nhầm người");
	assert_string_equal(v->h.void_by, "test");
	assert_int_equal(fixture_query_int(w->f, "SELECT count(*) FROM audit WHERE action = 'receipt.void' AND entity_id = 1"),
			 1);
	/* again: a conflict */
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->lan, w->s29350, w->n29350, 1, "lần hai", v, &w->f->e),
			 PO_ECONFLICT);
	assert_int_equal(w->f->e.msg, MSG_RECEIPT_ALREADY_VOID);
	/* the union cadre voids any receipt of her units, the admin too */
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->hoi, w->s29350, w->n29350, 2, "trùng", v, &w->f->e), PO_OK);
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->hoi, w->s29350, w->n29350, 4, "trùng", v, &w->f->e),
			 PO_ENOTFOUND);
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->tinh, w->s84, w->n84, 4, "trùng", v, &w->f->e), PO_OK);
	/* a remitted receipt cannot be voided: 409, with the rule's message */
	assert_int_equal(app_remit_by(&w->f->app, &w->lan, date_make(2026, 11, 29), &m, &w->f->e), PO_OK);
	assert_int_equal(m.receipts, 1);
	assert_int_equal(app_receipt_void_by(&w->f->app, &w->hoi, w->s29350, w->n29350, 3, "muộn", v, &w->f->e),
			 PO_ECONFLICT);
	assert_int_equal(w->f->e.msg, MSG_RECEIPT_REMITTED);
	assert_string_equal(w->f->e.en, "receipt 3 has been remitted and cannot be voided");
	assert_string_equal(w->f->e.vi, "Biên lai 3 đã nộp về cơ quan BHXH, không hủy được");
	free(v);
	world_free(w);
}

static void remit_and_cash_per_collector(void **state)
{
	world_t *w = world_new();
	remittance_sum_t m;
	cash_sum_t c;
	(void)state;
	pay(w, "lan", date_make(2026, 11, 1), 1, fixture_bhxh(1, 2000000, 1)); /* poor: 440,000 - 165,000 = 275,000 */
	pay(w, "lan", date_make(2026, 11, 2), 2, fixture_bhyt(2, 12));         /* 1,366,200 */
	pay(w, "mai", date_make(2026, 11, 2), 4, fixture_bhyt(4, 12));         /* the second member: 956,340 */
	assert_int_equal(app_cash_by(&w->f->app, &w->lan, w->s29350, w->n29350, NULL, &c, &w->f->e), PO_OK);
	assert_string_equal(c.collector, "lan");
	assert_int_equal(c.receipts, 2);
	assert_int_equal(c.collected, 275000 + 1366200);
	assert_int_equal(c.remitted, 0);
	/* a collector sees only her own */
	assert_int_equal(app_cash_by(&w->f->app, &w->mai, w->s29350, w->n29350, "lan", &c, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "collector");
	assert_int_equal(app_cash_by(&w->f->app, &w->mai, w->s29350, w->n29350, "MAI", &c, &w->f->e), PO_OK);
	assert_int_equal(c.collected, 956340);
	/* the union cadre asks for one of her units, not for another's */
	assert_int_equal(app_cash_by(&w->f->app, &w->hoi, w->s29350, w->n29350, "lan", &c, &w->f->e), PO_OK);
	assert_int_equal(c.receipts, 2);
	assert_int_equal(app_cash_by(&w->f->app, &w->hoi, w->s29350, w->n29350, "ngai", &c, &w->f->e), PO_ENOTFOUND);
	assert_int_equal(app_cash_by(&w->f->app, &w->hoi, w->s29350, w->n29350, "nobody", &c, &w->f->e), PO_ENOTFOUND);
	assert_int_equal(app_cash_by(&w->f->app, &w->tinh, w->s84, w->n84, "ngai", &c, &w->f->e), PO_OK);
	assert_int_equal(app_cash_by(&w->f->app, &w->xem, w->s29350, w->n29350, NULL, &c, &w->f->e), PO_EFORBIDDEN);
	/* remitting hands over the caller's own receipts only */
	assert_int_equal(app_remit_by(&w->f->app, &w->lan, date_make(2026, 11, 29), &m, &w->f->e), PO_OK);
	assert_int_equal(m.id, 1);
	assert_int_equal(m.receipts, 2);
	assert_int_equal(m.amount, 275000 + 1366200);
	assert_int_equal(app_cash_by(&w->f->app, &w->hoi, w->s29350, w->n29350, "mai", &c, &w->f->e), PO_OK);
	assert_int_equal(c.remitted, 0);
	assert_int_equal(app_cash_by(&w->f->app, &w->lan, w->s29350, w->n29350, "", &c, &w->f->e), PO_OK);
	assert_int_equal(c.remitted, c.collected);
	assert_int_equal(app_remit_by(&w->f->app, &w->lan, date_make(2026, 11, 29), &m, &w->f->e), PO_OK);
	assert_int_equal(m.id, 0);
	assert_int_equal(m.receipts, 0);
	assert_int_equal(app_remit_by(&w->f->app, &w->kiem, date_make(2026, 11, 29), &m, &w->f->e), PO_EFORBIDDEN);
	/* a remittance is dated like a payment: not after today, at most 30 days back */
	assert_int_equal(app_remit_by(&w->f->app, &w->mai, date_make(2026, 11, 30), &m, &w->f->e), PO_EINVAL);
	assert_string_equal(w->f->e.field, "date");
	assert_int_equal(app_remit_by(&w->f->app, &w->mai, date_make(2026, 10, 29), &m, &w->f->e), PO_EINVAL);
	assert_int_equal(app_remit_by(&w->f->app, &w->mai, date_make(2026, 10, 30), &m, &w->f->e), PO_OK);
	assert_int_equal(m.amount, 956340);
	world_free(w);
}

/* Ignores a due entry (the tests count them through *total). */
static int no_due(const due_item_t *d, void *ctx)
{
	(void)d;
	(void)ctx;
	return 0;
}

static void referrals_and_due_lists_are_scoped(void **state)
{
	world_t *w = world_new();
	referral_summary_t s;
	unit_t u;
	size_t total = 9;
	(void)state;
	pay(w, "lan", date_make(2026, 1, 10), 2, fixture_bhxh(2, 1500000, 1)); /* Hùng paid to 2026-01-31 */
	pay(w, "ngai", date_make(2026, 1, 10), 3, fixture_bhxh(3, 1500000, 1));
	assert_int_equal(app_referral_add_by(&w->f->app, &w->lan, w->s29350, w->n29350, 2, 1, "family",
					     date_make(2026, 1, 10), &w->f->e),
			 PO_OK);
	/* the person brought in must be of her units, and so must the
	 * referrer: one outside answers like an unknown one */
	assert_int_equal(app_referral_add_by(&w->f->app, &w->lan, w->s29350, w->n29350, 3, 1, "friend",
					     date_make(2026, 1, 10), &w->f->e),
			 PO_EINVAL);
	assert_string_equal(w->f->e.field, "person");
	assert_string_equal(w->f->e.en, "no person with id 3");
	assert_int_equal(app_referral_add_by(&w->f->app, &w->ngai, w->s29365, w->n29365, 3, 1, "friend",
					     date_make(2026, 1, 10), &w->f->e),
			 PO_EINVAL);
	assert_string_equal(w->f->e.field, "by");
	assert_string_equal(w->f->e.en, "no person with id 1");
	assert_int_equal(app_referral_add_by(&w->f->app, &w->ngai, w->s29365, w->n29365, 3, 99, "friend",
					     date_make(2026, 1, 10), &w->f->e),
			 PO_EINVAL);
	assert_string_equal(w->f->e.field, "by");
	assert_string_equal(w->f->e.en, "no person with id 99");
	/* the province's admin sees both ends */
	assert_int_equal(app_referral_add_by(&w->f->app, &w->tinh, w->s84, w->n84, 3, 1, "friend",
					     date_make(2026, 1, 10), &w->f->e),
			 PO_OK);
	/* Xa's collector sees the figures of 29365, not the name of Lan (29350) */
	assert_int_equal(app_referral_summary_by(&w->f->app, &w->ngai, w->s29365, w->n29365, NULL, &u, &s, &w->f->e),
			 PO_OK);
	assert_int_equal(s.pairs, 1);
	assert_int_equal(s.ntop, 1);
	assert_int_equal(s.top[0].person, 1);
	assert_string_equal(s.top[0].full_name, "");
	/* a loop: Hùng brought Lan in, who brought Hùng in (below: Lan
	 * brought Hùng in first), or a longer one, is refused */
	assert_int_equal(app_referral_add_by(&w->f->app, &w->lan, w->s29350, w->n29350, 1, 2, "family",
					     date_make(2026, 1, 10), &w->f->e),
			 PO_EINVAL);
	assert_string_equal(w->f->e.field, "by");
	assert_string_equal(w->f->e.en, "person 2 was brought in by person 1 (directly or through others): the referral would close a loop");
	assert_int_equal(app_referral_add_by(&w->f->app, &w->xem, w->s29350, w->n29350, 4, 1, "other",
					     date_make(2026, 1, 10), &w->f->e),
			 PO_EFORBIDDEN);
	assert_string_equal(w->f->e.field, "role");
	assert_int_equal(app_referral_add_by(&w->f->app, &w->lan, w->s29350, w->n29350, 4, 1, "other",
					     date_make(2026, 11, 30), &w->f->e),
			 PO_EINVAL);
	assert_string_equal(w->f->e.field, "date");
	assert_int_equal(app_referral_add_by(&w->f->app, &w->lan, w->s29350, w->n29350, 2, 4, "other",
					     date_make(2026, 1, 10), &w->f->e),
			 PO_ECONFLICT);

	/* her own unit by default: Lan brought Hùng in */
	assert_int_equal(app_referral_summary_by(&w->f->app, &w->hoi, w->s29350, w->n29350, NULL, &u, &s, &w->f->e), PO_OK);
	assert_string_equal(u.code, "29350");
	assert_int_equal(s.pairs, 1);
	assert_int_equal(s.mobilizers, 1);
	assert_int_equal(s.ntop, 1);
	assert_string_equal(s.top[0].full_name, "Nguyễn Thị Lan");
	assert_int_equal(s.longest_chain, 2);
	assert_int_equal(app_referral_summary_by(&w->f->app, &w->tinh, w->s84, w->n84, "84", &u, &s, &w->f->e), PO_OK);
	assert_int_equal(s.pairs, 2);
	assert_int_equal(s.top[0].mobilized, 2);
	/* another unit, or an unknown one, does not exist for her */
	assert_int_equal(app_referral_summary_by(&w->f->app, &w->hoi, w->s29350, w->n29350, "29365", &u, &s, &w->f->e),
			 PO_ENOTFOUND);
	assert_string_equal(w->f->e.field, "unit");
	assert_int_equal(app_referral_summary_by(&w->f->app, &w->hoi, w->s29350, w->n29350, "1234", &u, &s, &w->f->e),
			 PO_ENOTFOUND);
	assert_int_equal(app_referral_summary_by(&w->f->app, &w->hoi, w->s29350, w->n29350, "29350-01", &u, &s, &w->f->e),
			 PO_OK);
	assert_int_equal(s.pairs, 1);

	/* due: BHXH periods ended before the date */
	assert_int_equal(app_due_by(&w->f->app, &w->hoi, w->s29350, w->n29350, NULL, date_make(2026, 11, 29), 30,
				    no_due, NULL, &u, &total, &w->f->e),
			 PO_OK);
	assert_int_equal(total, 1);
	assert_int_equal(app_due_by(&w->f->app, &w->tinh, w->s84, w->n84, "84", date_make(2026, 11, 29), 30, no_due,
				    NULL, &u, &total, &w->f->e),
			 PO_OK);
	assert_int_equal(total, 2);
	assert_int_equal(app_due_by(&w->f->app, &w->lan, w->s29350, w->n29350, "29365", date_make(2026, 11, 29), 30,
				    no_due, NULL, &u, &total, &w->f->e),
			 PO_ENOTFOUND);
	assert_int_equal(app_due_by(&w->f->app, &w->lan, w->s29350, w->n29350, NULL, date_make(2026, 11, 29), 367,
				    no_due, NULL, &u, &total, &w->f->e),
			 PO_EINVAL);
	world_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(preview_computes_exactly_what_collect_records),
		cmocka_unit_test(preview_refuses_what_collect_refuses),
		cmocka_unit_test(collect_by_checks_role_date_and_names_the_item),
		cmocka_unit_test(parse_names_every_problem_by_path),
		cmocka_unit_test(receipts_list_filters_and_pages_newest_first),
		cmocka_unit_test(receipt_view_is_scoped_and_printable),
		cmocka_unit_test(void_follows_the_roles),
		cmocka_unit_test(remit_and_cash_per_collector),
		cmocka_unit_test(referrals_and_due_lists_are_scoped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
