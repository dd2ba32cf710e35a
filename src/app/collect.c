/* collect.c: collection use cases (see collect.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/collect.h"
#include "app/idem.h"
#include "rules/bhyt.h"
#include "rules/card.h"
#include <jansson.h>

/* The collector's login and the sorted ids of her units. */
static int collector_scope(app_t *a, const char *collector, user_t *u, int64_t **scope, size_t *n, err_t *e)
{
	int rc = store_user_find(a->store, collector, u, NULL, 0, e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, "collector", MSG_USER_UNKNOWN, collector);
	if (rc)
		return rc;
	/* the roles that handle money, as the web's (ledger.c, R_MONEY) */
	if ((u->role != UROLE_ADMIN && u->role != UROLE_UNION && u->role != UROLE_COLLECTOR) || u->disabled)
		return err_set(e, PO_EINVAL, "collector", MSG_COLLECT_ROLE, collector, user_role_name(u->role));
	return app_unit_scope_id(a, u->unit_id, scope, n, e);
}

/* A person who must exist and live inside the scope; field names her. */
static int person_in_scope(app_t *a, int64_t id, const int64_t *scope, size_t n, const char *field, person_t *p,
			   err_t *e)
{
	int rc = store_person_get(a->store, id, p, e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, field, MSG_PERSON_UNKNOWN, (long long)id);
	if (rc)
		return rc;
	if (!unit_set_has(scope, n, p->unit_id))
		return err_set(e, PO_EINVAL, field, MSG_COLLECT_OUT_OF_SCOPE, (long long)id);
	return PO_OK;
}

/* Quotes rq for every category that applies to the person on d
 * (household poverty certificate valid on d, ethnicity other than Kinh,
 * island unit, and "other") and keeps the one with the highest state
 * support: rq->category and *best are set to it. */
static int derive_category(app_t *a, const params_t *pr, const person_t *p, date_t d, bhxh_request_t *rq,
			   bhxh_quote_t *best, err_t *e)
{
	enum bhxh_category cands[4], chosen = BHXH_OTHER;
	size_t nc = 0, i;
	enum poverty pov = POVERTY_NONE;
	unit_t u;
	int rc;
	if (p->household_id) {
		rc = app_poverty_on(a, p->household_id, d, &pov, e);
		if (rc)
			return rc;
	}
	if (pov == POVERTY_POOR)
		cands[nc++] = BHXH_POOR;
	if (pov == POVERTY_NEAR_POOR)
		cands[nc++] = BHXH_NEAR_POOR;
	if (p->ethnicity[0] && strcmp(p->ethnicity, "Kinh") != 0)
		cands[nc++] = BHXH_ETHNIC_MINORITY;
	rc = store_unit_get(a->store, p->unit_id, &u, e);
	if (rc)
		return rc;
	if (u.island)
		cands[nc++] = BHXH_ISLAND;
	cands[nc++] = BHXH_OTHER;
	for (i = 0; i < nc; i++) {
		bhxh_quote_t q;
		rq->category = cands[i];
		rc = bhxh_quote(pr, rq, &q, e);
		if (rc)
			return rc;
		if (i == 0 || q.support_bp > best->support_bp) {
			*best = q;
			chosen = cands[i];
		}
	}
	rq->category = chosen;
	return PO_OK;
}

static int find_collector(app_t *a, const char *collector, user_t *u, err_t *e);

/* A category given in a payment that differs from the derived one. */
struct override {
	size_t item;
	int64_t person;
	enum bhxh_category derived, chosen;
	const char *reason;
};

struct overrides {
	struct override v[RECEIPT_LINES_MAX];
	size_t n;
};

/* True for the roles that may choose a category other than the derived
 * one (with a reason): the insurance office's officers and the
 * administrators. */
static bool may_override_category(const user_t *u)
{
	return u->role == UROLE_OFFICER || u->role == UROLE_ADMIN;
}

/* Fills one BHXH line for the collector u: a periodic payment
 * (bhxh_quote) or, with advance_years, a payment in advance
 * (bhxh_advance_quote_for: the discounted amount is the line's gross, the
 * state support of every month left under the 120-month cap is taken off
 * it, and the cover runs 12 × years months).  The category is the one
 * derived from the person (for one month: the share does not depend on
 * the length), or the one given when it is the same, or (an override,
 * appended to *ov) another one given by an officer or an administrator
 * with a reason. */
static int bhxh_line(app_t *a, const params_t *pr, const user_t *u, size_t item, const collect_item_t *it,
		     const person_t *p, date_t d, receipt_line_t *l, struct overrides *ov, err_t *e)
{
	bhxh_request_t rq;
	bhxh_quote_t q;
	lump_quote_t lq;
	date_t last, first = date_make(d.y, d.m, 1);
	bool has;
	int rc;
	memset(&rq, 0, sizeof rq);
	rq.date = d;
	rq.income = it->income;
	rq.months = it->advance_years ? 1 : it->months;
	rc = store_supported_months(a->store, p->id, &rq.supported_before, e);
	if (rc)
		return rc;
	rc = derive_category(a, pr, p, d, &rq, &q, e);
	if (!rc && it->has_category && it->category != rq.category) {
		enum bhxh_category derived = rq.category;
		if (!may_override_category(u))
			return err_set(e, PO_EINVAL, "category", MSG_COLLECT_CATEGORY_DERIVED,
				       bhxh_category_name(it->category), (long long)p->id, bhxh_category_name(derived));
		if (!it->category_reason[0])
			return err_set(e, PO_EINVAL, "category_reason", MSG_COLLECT_CATEGORY_REASON,
				       bhxh_category_name(it->category), bhxh_category_name(derived));
		rq.category = it->category;
		rc = bhxh_quote(pr, &rq, &q, e);
		if (!rc && ov->n < RECEIPT_LINES_MAX)
			ov->v[ov->n++] = (struct override){item, p->id, derived, it->category, it->category_reason};
	}
	if (!rc && it->advance_years) {
		rc = bhxh_advance_quote_for(pr, &rq, it->advance_years, &lq, e);
		if (!rc) {
			q.supported_months = lq.supported_months;
			q.total_gross = lq.amount;
			q.total_state_support = lq.state_support;
			q.total_local_support = 0;
			q.total_net = lq.net;
		}
	}
	if (rc)
		return rc;
	rc = store_coverage_last(a->store, p->id, "bhxh", &last, &has, e);
	if (rc)
		return rc;
	/* continue a paid period that reaches the month paid in; else start there */
	l->from = has && date_cmp(last, date_add_days(first, -1)) >= 0 ? date_add_days(last, 1) : first;
	l->months = it->advance_years ? 12 * it->advance_years : it->months;
	l->to = date_add_days(date_add_months(l->from, l->months), -1);
	memcpy(l->scheme, "bhxh", 5);
	l->person_id = p->id;
	l->ordinal = 0;
	l->income = it->income;
	snprintf(l->category, sizeof l->category, "%s", bhxh_category_name(rq.category));
	l->supported_months = q.supported_months;
	l->gross = q.total_gross;
	l->state_support = q.total_state_support;
	l->local_support = q.total_local_support;
	l->net = q.total_net;
	return PO_OK;
}

/* Fills one BHYT line; earlier_same_household counts the items before it
 * in this payment from the same household. */
static int bhyt_line(app_t *a, const params_t *pr, const collect_item_t *it, const person_t *p, date_t d,
		     int earlier_same_household, receipt_line_t *l, err_t *e)
{
	bhyt_request_t rq;
	bhyt_quote_t q;
	card_validity_t card;
	date_t last;
	bool has;
	int payers = 0, rc;
	if (p->household_id) {
		rc = store_bhyt_payers(a->store, p->household_id, d.y, p->id, &payers, e);
		if (rc)
			return rc;
	}
	memset(&rq, 0, sizeof rq);
	rq.date = d;
	rq.members = 1;
	rq.months = it->months;
	rq.first_ordinal = payers + earlier_same_household + 1;
	rc = bhyt_quote(pr, &rq, &q, e);
	if (!rc)
		rc = store_coverage_last(a->store, p->id, "bhyt", &last, &has, e);
	if (!rc)
		rc = bhyt_card_validity(pr, d, it->months, has, last, &card, e);
	if (rc)
		return rc;
	memcpy(l->scheme, "bhyt", 5);
	l->person_id = p->id;
	l->months = it->months;
	l->ordinal = q.person[0].ordinal;
	l->from = card.from;
	l->to = card.to;
	l->gross = q.person[0].amount;
	l->state_support = l->local_support = 0;
	l->net = q.person[0].amount;
	return PO_OK;
}

/* Checks a payment and computes every line of it, inside the caller's
 * transaction, without writing anything: the collector's login and
 * scope, the payer, the referrer, each item (its person, its amounts,
 * periods and ordinals) and the method.  Fills *u (the collector), *r
 * (all but id, book and serial) and lines[0..rq->n).  On an error about
 * one item, *item is its index; else rq->n. */
static int collect_compute(app_t *a, const char *collector, date_t d, const collect_request_t *rq, user_t *u,
			   receipt_t *r, receipt_line_t *lines, size_t *item, struct overrides *ov, err_t *e)
{
	params_t pr = {NULL, 0};
	int64_t *scope = NULL;
	size_t nscope = 0, i, j;
	person_t payer, p;
	int rc;

	memset(r, 0, sizeof *r);
	*item = rq->n;
	rc = collector_scope(a, collector, u, &scope, &nscope, e);
	if (!rc)
		rc = app_params_load(a, &pr, e);
	if (!rc)
		rc = person_in_scope(a, rq->payer, scope, nscope, "payer", &payer, e);
	if (!rc && rq->referred_by) {
		bool has = false, loops = false;
		int64_t first;
		char rel[16];
		date_t since;
		if (rq->referred_by == rq->payer)
			rc = err_set(e, PO_EINVAL, "referred_by", MSG_COLLECT_SELF_REFERRAL);
		else if ((rc = store_person_get(a->store, rq->referred_by, &p, e)) == PO_ENOTFOUND ||
			 (!rc && !unit_set_has(scope, nscope, p.unit_id)))
			/* a referrer outside her units: the answer of an unknown one */
			rc = err_set(e, PO_EINVAL, "referred_by", MSG_PERSON_UNKNOWN, (long long)rq->referred_by);
		/* a payer who already has a referrer keeps her (nothing is
		 * recorded); otherwise the new link must not close a loop */
		if (!rc)
			rc = store_referrer_of(a->store, rq->payer, &has, &first, rel, sizeof rel, &since, e);
		if (!rc && !has)
			rc = app_referral_loops(a, rq->payer, rq->referred_by, &loops, e);
		if (!rc && loops)
			rc = err_set(e, PO_EINVAL, "referred_by", MSG_REFERRAL_LOOP, (long long)rq->referred_by,
				     (long long)rq->payer);
	}
	for (i = 0; !rc && i < rq->n; i++) {
		const collect_item_t *it = &rq->items[i];
		int earlier = 0;
		*item = i;
		memset(&lines[i], 0, sizeof lines[i]);
		for (j = 0; j < i; j++)
			if (rq->items[j].person == it->person && strcmp(rq->items[j].scheme, it->scheme) == 0)
				rc = err_set(e, PO_EINVAL, "items", MSG_COLLECT_TWICE, (long long)it->person);
		if (!rc)
			rc = person_in_scope(a, it->person, scope, nscope, "person", &p, e);
		if (rc)
			break;
		if (strcmp(it->scheme, "bhxh") == 0) {
			rc = bhxh_line(a, &pr, u, i, it, &p, d, &lines[i], ov, e);
		} else if (strcmp(it->scheme, "bhyt") == 0) {
			/* earlier items of her household take the ordinals before
			 * hers, unless they already paid this year (then they are
			 * counted among the household's payers already) */
			for (j = 0; !rc && j < i; j++) {
				person_t q;
				bool paid = false;
				if (strcmp(rq->items[j].scheme, "bhyt") || !p.household_id)
					continue;
				rc = store_person_get(a->store, rq->items[j].person, &q, e);
				if (!rc && q.household_id == p.household_id)
					rc = store_bhyt_paid_in(a->store, q.id, d.y, &paid, e);
				if (!rc && q.household_id == p.household_id && !paid)
					earlier++;
			}
			if (rc)
				break;
			rc = bhyt_line(a, &pr, it, &p, d, earlier, &lines[i], e);
		} else {
			rc = err_set(e, PO_EINVAL, "scheme", MSG_COLLECT_SCHEME, it->scheme);
		}
		if (!rc)
			r->total += lines[i].net;
	}
	if (!rc)
		*item = rq->n;
	if (!rc && rq->method[0] && strcmp(rq->method, "cash") && strcmp(rq->method, "transfer"))
		rc = err_set(e, PO_EINVAL, "method", MSG_COLLECT_METHOD, rq->method);
	if (!rc) {
		snprintf(r->method, sizeof r->method, "%s", rq->method[0] ? rq->method : "cash");
		r->date = d;
		r->collector_id = u->id;
		memcpy(r->collector, u->username, sizeof r->collector);
		r->payer_id = rq->payer;
	}
	app_params_free(&pr);
	free(scope);
	return rc;
}

/* The detail of a receipt.issue audit entry: book, serial, total, the
 * number of lines and, when a category was overridden, each override
 * (item, person, derived, chosen, reason).  NULL when out of memory. */
static char *issue_detail(const receipt_t *r, size_t n, const struct overrides *ov)
{
	json_t *j = json_pack("{s:s,s:I,s:I,s:I}", "book", r->book, "serial", (json_int_t)r->serial, "total",
			      (json_int_t)r->total, "lines", (json_int_t)n);
	json_t *arr = ov->n ? json_array() : NULL;
	char *dump;
	size_t i;
	for (i = 0; arr && i < ov->n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:s,s:s}", "item", (json_int_t)ov->v[i].item, "person",
						     (json_int_t)ov->v[i].person, "derived",
						     bhxh_category_name(ov->v[i].derived), "chosen",
						     bhxh_category_name(ov->v[i].chosen), "reason", ov->v[i].reason));
	if (j && arr)
		json_object_set_new(j, "category_overrides", arr);
	else
		json_decref(arr);
	dump = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	return dump;
}

/* Test builds only (PLUSONE_TEST_HOOKS): with PLUSONE_TEST_PAUSE_ISSUE
 * set to a number of milliseconds (at most 60,000), waits that long
 * after the receipt and its lines are written and before the
 * transaction goes on to its commit, so that a test can kill the
 * process while the write is provably under way; it prints
 * "plusone: receipt N written, not committed" on standard error first.
 * Release builds have no such hook. */
static void test_pause_issue(const receipt_t *r)
{
#ifdef PLUSONE_TEST_HOOKS
	const char *s = getenv("PLUSONE_TEST_PAUSE_ISSUE");
	long ms = s ? strtol(s, NULL, 10) : 0;
	if (ms > 0 && ms <= 60000) {
		struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
		fprintf(stderr, "plusone: receipt %lld written, not committed\n", (long long)r->id);
		fflush(stderr);
		nanosleep(&ts, NULL);
	}
#else
	(void)r;
#endif
}

/* Records the payment (checked and computed by collect_compute) inside
 * the caller's transaction: the book, the receipt and its lines, the
 * referral, the audit entry. */
static int collect_record(app_t *a, const char *collector, date_t d, const collect_request_t *rq, receipt_t *r,
			  receipt_line_t *lines, size_t *item, err_t *e)
{
	struct overrides ov;
	int64_t book;
	char *detail;
	user_t u;
	int rc;
	ov.n = 0;
	rc = collect_compute(a, collector, d, rq, &u, r, lines, item, &ov, e);
	if (!rc)
		rc = store_book_for(a->store, u.id, u.username, &book, e);
	if (!rc)
		rc = store_receipt_issue(a->store, book, r, lines, rq->n, e);
	if (!rc)
		test_pause_issue(r);
	if (!rc && rq->referred_by) {
		bool added;
		rc = store_referral_add(a->store, rq->payer, rq->referred_by, "other", r->id, d, &added, e);
	}
	if (!rc) {
		detail = issue_detail(r, rq->n, &ov);
		rc = detail ? store_audit(a->store, a->actor, "receipt.issue", "receipt", r->id, detail, e)
			    : err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		free(detail);
	}
	return rc;
}

/* See collect.h. */
int app_collect_in_tx(app_t *a, const char *collector, date_t d, const collect_request_t *rq, receipt_t *r,
		      receipt_line_t *lines, size_t *item, err_t *e)
{
	size_t bad;
	if (!item)
		item = &bad;
	*item = rq->n;
	if (rq->n < 1 || rq->n > RECEIPT_LINES_MAX) {
		memset(r, 0, sizeof *r);
		return err_set(e, PO_EINVAL, "items", MSG_COLLECT_NO_ITEMS, RECEIPT_LINES_MAX);
	}
	return collect_record(a, collector, d, rq, r, lines, item, e);
}

/* See collect.h. */
int app_collect_run(app_t *a, const char *collector, date_t d, const collect_request_t *rq, bool record,
		    receipt_t *r, receipt_line_t *lines, size_t *item, err_t *e)
{
	struct overrides ov;
	user_t u;
	size_t bad;
	int rc;

	if (!item)
		item = &bad;
	*item = rq->n;
	if (rq->n < 1 || rq->n > RECEIPT_LINES_MAX) {
		memset(r, 0, sizeof *r);
		return err_set(e, PO_EINVAL, "items", MSG_COLLECT_NO_ITEMS, RECEIPT_LINES_MAX);
	}
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	if (!record) {
		/* a preview: nothing is kept, no serial is used */
		ov.n = 0;
		rc = collect_compute(a, collector, d, rq, &u, r, lines, item, &ov, e);
		store_tx_rollback(a->store);
		return rc;
	}
	rc = collect_record(a, collector, d, rq, r, lines, item, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See collect.h. */
int app_collect_k(app_t *a, const char *collector, date_t d, const collect_request_t *rq, struct app_idem *k,
		  receipt_t *r, receipt_line_t *lines, err_t *e)
{
	collect_result_t res = {r, lines, rq->n};
	user_t u;
	int rc;
	if (!k)
		return app_collect(a, collector, d, rq, r, lines, e);
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = find_collector(a, collector, &u, e);
	if (!rc)
		rc = app_idem_lookup(a, u.id, k, e);
	if (!rc && k->replayed) {
		store_tx_rollback(a->store);
		return PO_OK;
	}
	if (!rc)
		rc = app_collect_in_tx(a, collector, d, rq, r, lines, NULL, e);
	if (!rc)
		rc = app_idem_remember(a, u.id, k, "receipt", r->id, &res, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See collect.h. */
int app_referral_loops(app_t *a, int64_t person, int64_t referrer, bool *loops, err_t *e)
{
	int64_t x = referrer, up;
	char rel[16];
	date_t d;
	bool has = true;
	long steps;
	int rc = PO_OK;
	*loops = false;
	/* walk up from the referrer: meeting the person means she brought
	 * the referrer in (a loop already in the data stops at the bound) */
	for (steps = 0; steps <= REFERRAL_WALK_MAX && has; steps++) {
		if (x == person) {
			*loops = true;
			return PO_OK;
		}
		rc = store_referrer_of(a->store, x, &has, &up, rel, sizeof rel, &d, e);
		if (rc)
			return rc;
		x = up;
	}
	return PO_OK;
}

/* See collect.h. */
int app_collect(app_t *a, const char *collector, date_t d, const collect_request_t *rq, receipt_t *r,
		receipt_line_t *lines, err_t *e)
{
	return app_collect_run(a, collector, d, rq, true, r, lines, NULL, e);
}

/* See collect.h. */
int app_collect_preview(app_t *a, const char *collector, date_t d, const collect_request_t *rq, receipt_t *r,
			receipt_line_t *lines, err_t *e)
{
	return app_collect_run(a, collector, d, rq, false, r, lines, NULL, e);
}

/* See collect.h. */
int app_receipt_void_in_tx(app_t *a, int64_t id, const char *reason, receipt_t *r, err_t *e)
{
	char detail[2048];
	size_t n = strlen(reason);
	int rc;
	if (n == 0 || n > RECEIPT_REASON_MAX)
		return err_set(e, PO_EINVAL, "reason", MSG_COLLECT_REASON);
	rc = store_receipt_get(a->store, id, r, e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, "id", MSG_RECEIPT_UNKNOWN, (long long)id);
	if (rc)
		return rc;
	if (r->remittance_id)
		return err_set(e, PO_ECONFLICT, "id", MSG_RECEIPT_REMITTED, (long long)id);
	if (r->is_void)
		return err_set(e, PO_ECONFLICT, "id", MSG_RECEIPT_ALREADY_VOID, (long long)id);
	rc = store_receipt_void(a->store, id, reason, a->actor, e);
	if (!rc) {
		json_t *j = json_pack("{s:s,s:I}", "reason", reason, "total", (json_int_t)r->total);
		char *dump = j ? json_dumps(j, JSON_COMPACT) : NULL;
		snprintf(detail, sizeof detail, "%s", dump ? dump : "{}");
		free(dump);
		json_decref(j);
		rc = store_audit(a->store, a->actor, "receipt.void", "receipt", id, detail, e);
		r->is_void = true;
	}
	return rc;
}

/* See collect.h. */
int app_receipt_void(app_t *a, int64_t id, const char *reason, receipt_t *r, err_t *e)
{
	size_t n = strlen(reason);
	int rc;
	if (n == 0 || n > RECEIPT_REASON_MAX)
		return err_set(e, PO_EINVAL, "reason", MSG_COLLECT_REASON);
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = app_receipt_void_in_tx(a, id, reason, r, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* The collector's login, or PO_EINVAL naming it. */
static int find_collector(app_t *a, const char *collector, user_t *u, err_t *e)
{
	int rc = store_user_find(a->store, collector, u, NULL, 0, e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, "collector", MSG_USER_UNKNOWN, collector);
	return rc;
}

struct commission_ctx {
	const params_t *p;
	date_t d;
	money_t total;
};

/* Adds one line's commission: net × the contract rate for its product
 * (scheme, months, new or continuing participant) in force on the
 * remittance date; a product without a rate earns nothing. */
static int commission_line(const char *scheme, int months, money_t net, bool is_new, void *ctx)
{
	struct commission_ctx *c = ctx;
	char key[PARAM_KEY_MAX + 1];
	int64_t bp;
	snprintf(key, sizeof key, "%s_m%d_%s", scheme, months, is_new ? "new" : "cont");
	if (params_get(c->p, P_COMMISSION, key, c->d, &bp, NULL) == PO_OK && bp > 0 && bp <= 10000)
		c->total += money_apply_bp(net, (int32_t)bp);
	return 0;
}

/* See collect.h. */
int app_remit(app_t *a, const char *collector, date_t d, int64_t *remit_id, int64_t *count, money_t *amount,
	      money_t *commission, err_t *e)
{
	int rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = app_remit_in_tx(a, collector, d, remit_id, count, amount, commission, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See collect.h. */
int app_remit_in_tx(app_t *a, const char *collector, date_t d, int64_t *remit_id, int64_t *count, money_t *amount,
		    money_t *commission, err_t *e)
{
	struct commission_ctx cc = {NULL, d, 0};
	params_t pr = {NULL, 0};
	char detail[160];
	user_t u;
	int rc;
	*commission = 0;
	rc = find_collector(a, collector, &u, e);
	if (!rc)
		rc = store_remit(a->store, u.id, d, remit_id, count, amount, e);
	if (!rc && *count) {
		cc.p = &pr;
		rc = app_params_load(a, &pr, e);
		if (!rc)
			rc = store_remittance_lines_each(a->store, *remit_id, commission_line, &cc, e);
		if (!rc)
			rc = store_remittance_commission(a->store, *remit_id, cc.total, e);
		*commission = cc.total;
	}
	app_params_free(&pr);
	if (!rc && *count) {
		snprintf(detail, sizeof detail, "{\"receipts\":%lld,\"amount\":%lld,\"commission\":%lld}",
			 (long long)*count, (long long)*amount, (long long)*commission);
		rc = store_audit(a->store, a->actor, "remittance.add", "remittance", *remit_id, detail, e);
	}
	return rc;
}

/* See collect.h. */
int app_cash(app_t *a, const char *collector, int64_t *receipts, money_t *collected, money_t *remitted, err_t *e)
{
	user_t u;
	int rc = find_collector(a, collector, &u, e);
	if (!rc)
		rc = store_cash(a->store, u.id, receipts, collected, remitted, e);
	return rc;
}

/* One 1+1 link: who was mobilised (and where she lives), by whom. */
struct link {
	int64_t person, unit, referrer;
};

struct links {
	struct link *v;
	size_t n, cap;
	bool oom;
};

/* Appends one referral link (store callback). */
static int link_add(int64_t person, int64_t unit_id, int64_t referrer, void *ctx)
{
	struct links *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct link *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->oom = true;
			return 1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct link){person, unit_id, referrer};
	return 0;
}

/* Every referral link.  The caller frees l->v. */
static int load_links(app_t *a, struct links *l, err_t *e)
{
	int rc;
	memset(l, 0, sizeof *l);
	rc = store_referrals_each(a->store, link_add, l, e);
	if (l->oom)
		rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	return rc;
}

/* Orders links by referrer. */
static int by_referrer(const void *x, const void *y)
{
	const struct link *a = x, *b = y;
	return (a->referrer > b->referrer) - (a->referrer < b->referrer);
}

/* Orders links by the person mobilised. */
static int by_person(const void *x, const void *y)
{
	const struct link *a = x, *b = y;
	return (a->person > b->person) - (a->person < b->person);
}

/* Pairs, mobilisers and the top mobilisers (most first, then by smaller
 * id; names not filled) of links v[0..n), sorted by referrer. */
static void referral_counts(const struct link *v, size_t n, referral_summary_t *s)
{
	size_t i, k;
	s->pairs = (int64_t)n;
	for (i = 0; i < n;) {
		int64_t who = v[i].referrer, cnt = 0;
		for (; i < n && v[i].referrer == who; i++)
			cnt++;
		s->mobilizers++;
		for (k = s->ntop; k > 0 && s->top[k - 1].mobilized < cnt; k--)
			;
		if (k < REFERRAL_TOP_MAX) {
			size_t last = s->ntop < REFERRAL_TOP_MAX ? s->ntop : REFERRAL_TOP_MAX - 1;
			memmove(s->top + k + 1, s->top + k, (last - k) * sizeof *s->top);
			s->top[k].person = who;
			s->top[k].mobilized = cnt;
			if (s->ntop < REFERRAL_TOP_MAX)
				s->ntop++;
		}
	}
}

/* The longest chain ending with a person living in units[0..nunits)
 * over every link v[0..n), sorted by person.  Each person has at most one
 * referrer, so walking up from a mobilised person gives her chain; the
 * walk stops at a person nobody mobilised, or after as many steps as
 * there are links (a loop). */
static int64_t referral_chain(const struct link *v, size_t n, const int64_t *units, size_t nunits)
{
	int64_t longest = 0;
	size_t i, steps;
	for (i = 0; i < n; i++) {
		struct link key = {v[i].referrer, 0, 0};
		if (!unit_set_has(units, nunits, v[i].unit))
			continue;
		for (steps = 1; steps <= n; steps++) {
			const struct link *up = bsearch(&key, v, n, sizeof *v, by_person);
			if (!up)
				break;
			key.person = up->referrer;
		}
		if ((int64_t)steps + 1 > longest)
			longest = (int64_t)steps + 1;
	}
	return longest;
}

struct completion_ctx {
	const int64_t *scope;
	size_t nscope;
	const struct link *links; /* sorted by referrer */
	size_t nlinks;
	int64_t enrolled, brought;
};

/* Counts one enrolled member and whether she brought someone. */
static int completion_member(int64_t person, int64_t unit_id, void *ctx)
{
	struct completion_ctx *c = ctx;
	struct link key = {0, 0, person};
	if (!unit_set_has(c->scope, c->nscope, unit_id))
		return 0;
	c->enrolled++;
	if (c->nlinks && bsearch(&key, c->links, c->nlinks, sizeof key, by_referrer))
		c->brought++;
	return 0;
}

/* See collect.h. */
int app_referral_summary_in(app_t *a, const int64_t *units, size_t nunits, referral_summary_t *s, err_t *e)
{
	struct completion_ctx c;
	struct links l;
	struct link *in = NULL;
	size_t i, m = 0;
	int rc;
	memset(s, 0, sizeof *s);
	rc = load_links(a, &l, e);
	if (!rc && l.n) {
		in = malloc(l.n * sizeof *in);
		if (!in)
			rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	if (!rc && l.n) {
		/* the links whose mobilised person lives in the units, by referrer */
		for (i = 0; i < l.n; i++)
			if (unit_set_has(units, nunits, l.v[i].unit))
				in[m++] = l.v[i];
		qsort(in, m, sizeof *in, by_referrer);
		referral_counts(in, m, s);
		qsort(l.v, l.n, sizeof *l.v, by_person);
		s->longest_chain = referral_chain(l.v, l.n, units, nunits);
		qsort(l.v, l.n, sizeof *l.v, by_referrer);
	}
	if (!rc) {
		memset(&c, 0, sizeof c);
		c.scope = units;
		c.nscope = nunits;
		c.links = l.v;
		c.nlinks = l.n;
		rc = store_enrolled_members_each(a->store, completion_member, &c, e);
		s->enrolled = c.enrolled;
		s->brought = c.brought;
		s->completion_bp = c.enrolled ? money_round_div(c.brought * 10000, c.enrolled) : 0;
	}
	for (i = 0; !rc && i < s->ntop; i++) {
		person_t p;
		rc = store_person_get(a->store, s->top[i].person, &p, e);
		if (!rc)
			memcpy(s->top[i].full_name, p.full_name, sizeof s->top[i].full_name);
	}
	free(in);
	free(l.v);
	return rc;
}

/* See collect.h. */
int app_referral_summary(app_t *a, const char *unit_code, referral_summary_t *s, err_t *e)
{
	int64_t *units = NULL;
	size_t nunits = 0;
	int rc = app_unit_scope(a, unit_code, "unit", &units, &nunits, e);
	memset(s, 0, sizeof *s);
	if (!rc)
		rc = app_referral_summary_in(a, units, nunits, s, e);
	free(units);
	return rc;
}

/* See collect.h. */
int app_referrals(app_t *a, const char *unit_code, int64_t *pairs, int64_t *mobilizers, referral_top_t *top,
		  size_t *ntop, err_t *e)
{
	referral_summary_t s;
	int rc = app_referral_summary(a, unit_code, &s, e);
	*pairs = s.pairs;
	*mobilizers = s.mobilizers;
	*ntop = s.ntop;
	memcpy(top, s.top, s.ntop * sizeof *top);
	return rc;
}

/* See collect.h. */
int app_referral_chain(app_t *a, const char *unit_code, int64_t *longest, err_t *e)
{
	referral_summary_t s;
	int rc = app_referral_summary(a, unit_code, &s, e);
	*longest = s.longest_chain;
	return rc;
}

/* See collect.h. */
int app_referral_completion(app_t *a, const char *unit_code, int64_t *enrolled, int64_t *brought, err_t *e)
{
	referral_summary_t s;
	int rc = app_referral_summary(a, unit_code, &s, e);
	*enrolled = s.enrolled;
	*brought = s.brought;
	return rc;
}

/* See collect.h. */
int app_receipt_show(app_t *a, int64_t id, receipt_t *r, receipt_line_t *lines, size_t *n, err_t *e)
{
	int rc = store_receipt_get(a->store, id, r, e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, "id", MSG_RECEIPT_UNKNOWN, (long long)id);
	if (!rc)
		rc = store_receipt_lines(a->store, id, lines, RECEIPT_LINES_MAX, n, e);
	return rc;
}

/* See collect.h. */
int app_referral_add_in(app_t *a, const int64_t *scope, size_t nscope, int64_t person, int64_t referrer,
			const char *relation, date_t d, err_t *e)
{
	static const char *const relations[] = {"family", "neighbour", "friend", "other"};
	char detail[128];
	person_t p;
	size_t i;
	bool added = false;
	int rc;
	for (i = 0; i < 4; i++)
		if (strcmp(relation, relations[i]) == 0)
			break;
	if (i == 4)
		return err_set(e, PO_EINVAL, "relation", MSG_REFERRAL_RELATION, relation);
	if (person == referrer)
		return err_set(e, PO_EINVAL, "by", MSG_COLLECT_SELF_REFERRAL);
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_person_get(a->store, person, &p, e);
	/* outside the scope: the same answer as a person who does not exist */
	if (rc == PO_ENOTFOUND || (!rc && scope && !unit_set_has(scope, nscope, p.unit_id)))
		rc = err_set(e, PO_EINVAL, "person", MSG_PERSON_UNKNOWN, (long long)person);
	if (!rc) {
		rc = store_person_get(a->store, referrer, &p, e);
		/* the referrer's end is checked as the person's */
		if (rc == PO_ENOTFOUND || (!rc && scope && !unit_set_has(scope, nscope, p.unit_id)))
			rc = err_set(e, PO_EINVAL, "by", MSG_PERSON_UNKNOWN, (long long)referrer);
	}
	if (!rc) {
		bool loops = false;
		rc = app_referral_loops(a, person, referrer, &loops, e);
		if (!rc && loops)
			rc = err_set(e, PO_EINVAL, "by", MSG_REFERRAL_LOOP, (long long)referrer, (long long)person);
	}
	if (!rc)
		rc = store_referral_add(a->store, person, referrer, relation, 0, d, &added, e);
	if (!rc && !added)
		rc = err_set(e, PO_ECONFLICT, "person", MSG_REFERRAL_TAKEN, (long long)person);
	if (!rc) {
		snprintf(detail, sizeof detail, "{\"by\":%lld,\"relation\":\"%s\"}", (long long)referrer, relation);
		rc = store_audit(a->store, a->actor, "referral.add", "person", person, detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See collect.h. */
int app_referral_add(app_t *a, int64_t person, int64_t referrer, const char *relation, date_t d, err_t *e)
{
	return app_referral_add_in(a, NULL, 0, person, referrer, relation, d, e);
}

/* One person and scheme due, before her record is read. */
struct due_entry {
	int64_t person;
	char scheme[5];
	date_t last;
};

struct due_ctx {
	const int64_t *scope;
	size_t nscope;
	date_t on, until, since;
	struct due_entry *items;
	size_t n, cap;
	bool oom;
};

/* Keeps a person and scheme due on the date (store callback). */
static int due_keep(int64_t person, int64_t unit_id, const char *scheme, date_t last, void *ctx)
{
	struct due_ctx *c = ctx;
	bool due;
	if (!unit_set_has(c->scope, c->nscope, unit_id))
		return 0;
	if (strcmp(scheme, "bhyt") == 0)
		due = date_cmp(last, c->since) >= 0 && date_cmp(last, c->until) <= 0;
	else
		due = date_cmp(last, c->on) < 0;
	if (!due)
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct due_entry *p = realloc(c->items, cap * sizeof *p);
		if (!p) {
			c->oom = true;
			return 1;
		}
		c->items = p;
		c->cap = cap;
	}
	memset(&c->items[c->n], 0, sizeof c->items[c->n]);
	c->items[c->n].person = person;
	snprintf(c->items[c->n].scheme, sizeof c->items[c->n].scheme, "%s", scheme);
	c->items[c->n].last = last;
	c->n++;
	return 0;
}

/* Orders due entries by last covered day, then person. */
static int due_cmp(const void *x, const void *y)
{
	const struct due_entry *a = x, *b = y;
	int c = date_cmp(a->last, b->last);
	if (c)
		return c;
	return (a->person > b->person) - (a->person < b->person);
}

/* See collect.h. */
int app_due_in(app_t *a, const int64_t *units, size_t nunits, date_t on, int days,
	       int (*fn)(const due_item_t *d, void *ctx), void *ctx, size_t *total, err_t *e)
{
	struct due_ctx c;
	size_t i;
	int rc;
	if (total)
		*total = 0;
	if (days < 0 || days > DUE_DAYS_MAX)
		return err_set(e, PO_EINVAL, "days", MSG_DUE_DAYS, DUE_DAYS_MAX);
	memset(&c, 0, sizeof c);
	c.scope = units;
	c.nscope = nunits;
	c.on = on;
	c.until = date_add_days(on, days);
	c.since = date_add_days(on, -90);
	rc = store_coverage_each(a->store, due_keep, &c, e);
	if (c.oom)
		rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	if (!rc && c.n)
		qsort(c.items, c.n, sizeof *c.items, due_cmp);
	if (!rc && total)
		*total = c.n;
	for (i = 0; !rc && i < c.n; i++) {
		due_item_t d;
		memset(&d, 0, sizeof d);
		memcpy(d.scheme, c.items[i].scheme, sizeof d.scheme);
		d.last = c.items[i].last;
		rc = store_person_get(a->store, c.items[i].person, &d.p, e);
		if (!rc && fn(&d, ctx))
			break;
	}
	free(c.items);
	return rc;
}

/* See collect.h. */
int app_due(app_t *a, const char *unit_code, date_t on, int days, int (*fn)(const due_item_t *d, void *ctx),
	    void *ctx, err_t *e)
{
	int64_t *units = NULL;
	size_t nunits = 0;
	int rc;
	if (days < 0 || days > DUE_DAYS_MAX)
		return err_set(e, PO_EINVAL, "days", MSG_DUE_DAYS, DUE_DAYS_MAX);
	rc = app_unit_scope(a, unit_code, "unit", &units, &nunits, e);
	if (!rc)
		rc = app_due_in(a, units, nunits, on, days, fn, ctx, NULL, e);
	free(units);
	return rc;
}

/* See collect.h. */
int app_participation(app_t *a, int64_t person, date_t on, participation_t *out, err_t *e)
{
	person_t p;
	int rc;
	memset(out, 0, sizeof *out);
	out->state = "not_enrolled";
	rc = store_person_get(a->store, person, &p, e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, "person", MSG_PERSON_UNKNOWN, (long long)person);
	if (!rc)
		rc = store_bhxh_summary(a->store, person, &out->enrolled, &out->start, &out->last_covered,
					&out->mode_months, &out->income, e);
	if (rc || !out->enrolled)
		return rc;
	out->next_from = date_add_days(out->last_covered, 1);
	out->deadline = bhxh_payment_deadline(out->next_from, out->mode_months ? out->mode_months : 1);
	{
		bool stopped;
		date_t when;
		rc = store_bhxh_last_stop(a->store, person, on, &stopped, &when, e);
		if (rc)
			return rc;
		/* a stop counts until she pays again for a later period */
		if (stopped && date_cmp(out->last_covered, when) < 0) {
			out->state = "stopped";
			return PO_OK;
		}
	}
	if (date_cmp(on, out->last_covered) <= 0)
		out->state = "active";
	else if (date_cmp(on, out->deadline) <= 0)
		out->state = "due";
	else
		out->state = "paused";
	return PO_OK;
}

/* See collect.h. */
int app_referrals_by(app_t *a, int64_t referrer,
		     int (*fn)(int64_t person, const char *relation, date_t d, void *ctx), void *ctx, err_t *e)
{
	person_t p;
	int rc = store_person_get(a->store, referrer, &p, e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, "person", MSG_PERSON_UNKNOWN, (long long)referrer);
	if (rc)
		return rc;
	return store_referrals_by(a->store, referrer, fn, ctx, e);
}

/* See collect.h. */
int app_participation_stop(app_t *a, int64_t person, date_t d, const char *reason, err_t *e)
{
	char detail[400];
	person_t p;
	size_t n = strlen(reason);
	int rc;
	if (n == 0 || n > 300)
		return err_set(e, PO_EINVAL, "reason", MSG_COLLECT_REASON);
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_person_get(a->store, person, &p, e);
	if (rc == PO_ENOTFOUND)
		rc = err_set(e, PO_EINVAL, "person", MSG_PERSON_UNKNOWN, (long long)person);
	if (!rc)
		rc = store_bhxh_stop(a->store, person, d, reason, e);
	if (!rc) {
		json_t *j = json_pack("{s:s}", "reason", reason);
		char *dump = j ? json_dumps(j, JSON_COMPACT) : NULL;
		snprintf(detail, sizeof detail, "%s", dump ? dump : "{}");
		free(dump);
		json_decref(j);
		rc = store_audit(a->store, a->actor, "participation.stop", "person", person, detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See collect.h. */
int app_person_referrer(app_t *a, int64_t person, const int64_t *scope, size_t nscope, bool *has,
			int64_t *referrer, char relation[16], date_t *d, err_t *e)
{
	person_t p;
	int rc = app_person_get(a, person, scope, nscope, &p, e);
	if (rc)
		return rc;
	return store_referrer_of(a->store, person, has, referrer, relation, 16, d, e);
}

/* See collect.h.  Months say an advance too (ADVANCE_YEARS_MIN years
 * and more is more than any monthly mode). */
json_t *app_collect_canon(const collect_request_t *rq, date_t d)
{
	char iso[DATE_ISO_LEN + 1];
	json_t *items = json_array();
	size_t i;
	date_format_iso(d, iso);
	for (i = 0; i < rq->n; i++) {
		const collect_item_t *it = &rq->items[i];
		bool bhxh = strcmp(it->scheme, "bhxh") == 0;
		json_array_append_new(items, json_pack("{s:s,s:I,s:i,s:I,s:s,s:s}", "scheme", it->scheme, "person",
						       (json_int_t)it->person, "months", it->months, "income",
						       (json_int_t)(bhxh ? it->income : 0), "category",
						       bhxh && it->has_category ? bhxh_category_name(it->category) : "",
						       "category_reason", bhxh ? it->category_reason : ""));
	}
	return json_pack("{s:s,s:I,s:I,s:s,s:o}", "date", iso, "payer", (json_int_t)rq->payer, "referred_by",
			 (json_int_t)rq->referred_by, "method", rq->method, "items", items);
}
