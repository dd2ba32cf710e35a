/* units.c: units as a dated tree with successor links. */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/text.h"

#define UNIT_TREE_MAX 1000000 /* units held in memory at most */

struct succ_link {
	int64_t pred, succ;
	date_t on;
};

struct unit_tree {
	unit_t *u;          /* ordered by code, valid_from */
	size_t n, cap;
	int64_t *by_id;     /* indexes into u, ordered by id */
	struct succ_link *l;/* ordered by pred */
	size_t nl, capl;
};

/* Checks a unit code: 1..UNIT_CODE_MAX of ASCII letters, digits, '.', '-', '_'. */
static int check_code(const char *code, err_t *e)
{
	size_t i, n = strlen(code);
	if (n == 0 || n > UNIT_CODE_MAX)
		return err_set(e, PO_EINVAL, "code", MSG_UNIT_CODE_BAD, code);
	for (i = 0; i < n; i++) {
		char c = code[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' ||
		      c == '-' || c == '_'))
			return err_set(e, PO_EINVAL, "code", MSG_UNIT_CODE_BAD, code);
	}
	return PO_OK;
}

/* Cleans and checks u's code and name; resolves parent_code into
 * u->parent_id (on u->valid_from). */
static int unit_check(app_t *a, unit_t *u, const char *parent_code, err_t *e)
{
	char name[UNIT_NAME_MAX + 1];
	size_t len;
	int rc = check_code(u->code, e);
	if (rc)
		return rc;
	rc = vn_clean(u->name, strlen(u->name), name, sizeof name, &len);
	if (rc || len == 0)
		return err_set(e, PO_EINVAL, "name", MSG_UNIT_NAME_BAD, UNIT_NAME_MAX);
	memcpy(u->name, name, len + 1);
	if ((unsigned)u->kind >= UNIT_KIND_COUNT)
		return err_set(e, PO_EINVAL, "kind", MSG_UNIT_KIND_BAD, "?");
	u->parent_id = 0;
	if (parent_code && *parent_code) {
		/* a unit "in force since ever" hangs under today's parent */
		date_t at = u->valid_from.y > 1 ? u->valid_from : a->today;
		unit_t parent;
		rc = store_unit_by_code(a->store, parent_code, at, &parent, e);
		if (rc == PO_ENOTFOUND)
			return err_set(e, PO_EINVAL, "parent", MSG_UNIT_UNKNOWN, parent_code);
		if (rc)
			return rc;
		u->parent_id = parent.id;
	}
	return PO_OK;
}

/* See app.h. */
int app_unit_add_in_tx(app_t *a, unit_t *u, const char *parent_code, err_t *e)
{
	char detail[512];
	int rc;
	if (u->valid_from.y == 0)
		u->valid_from = (date_t){1, 1, 1, false};
	rc = unit_check(a, u, parent_code, e);
	if (!rc)
		rc = store_unit_insert(a->store, u, e);
	if (rc)
		return rc;
	snprintf(detail, sizeof detail, "{\"code\":\"%s\",\"kind\":\"%s\",\"parent_id\":%lld}", u->code,
		 unit_kind_name(u->kind), (long long)u->parent_id);
	return store_audit(a->store, a->actor, "unit.add", "unit", u->id, detail, e);
}

/* See app.h. */
int app_unit_add(app_t *a, unit_t *u, const char *parent_code, err_t *e)
{
	int rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = app_unit_add_in_tx(a, u, parent_code, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

#define REORG_FROM_MAX 64

/* See app.h. */
int app_unit_reorganize_in_tx(app_t *a, unit_t *into, const char *parent_code, const char *const *from_codes,
			      size_t n, date_t on, err_t *e)
{
	int64_t pred[REORG_FROM_MAX];
	char detail[256];
	unit_t old;
	size_t i;
	int rc;
	if (n == 0)
		return err_set(e, PO_EINVAL, "from", MSG_UNIT_REORG_EMPTY);
	if (n > REORG_FROM_MAX)
		return err_set(e, PO_ELIMIT, "from", MSG_LIMIT, "from", (size_t)REORG_FROM_MAX);
	/* end the predecessors first, so the new unit may take one's code */
	for (i = 0; i < n; i++) {
		rc = store_unit_by_code(a->store, from_codes[i], date_add_days(on, -1), &old, e);
		if (rc == PO_ENOTFOUND)
			return err_set(e, PO_EINVAL, "from", MSG_UNIT_UNKNOWN, from_codes[i]);
		if (rc)
			return rc;
		if (date_cmp(old.valid_from, on) >= 0 || (old.ended && date_cmp(old.valid_to, on) < 0))
			return err_set(e, PO_EINVAL, "from", MSG_UNIT_NOT_IN_FORCE, from_codes[i]);
		pred[i] = old.id;
		rc = store_unit_end(a->store, old.id, on, e);
		if (rc)
			return rc;
	}
	into->valid_from = on;
	into->ended = false;
	rc = unit_check(a, into, parent_code, e);
	if (!rc)
		rc = store_unit_insert(a->store, into, e);
	for (i = 0; !rc && i < n; i++)
		rc = store_unit_successor_add(a->store, pred[i], into->id, on, e);
	if (rc)
		return rc;
	snprintf(detail, sizeof detail, "{\"into\":\"%s\",\"from\":%zu}", into->code, n);
	return store_audit(a->store, a->actor, "unit.reorganize", "unit", into->id, detail, e);
}

/* See app.h. */
int app_unit_reorganize(app_t *a, unit_t *into, const char *parent_code, const char *const *from_codes,
			size_t n, date_t on, err_t *e)
{
	int rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = app_unit_reorganize_in_tx(a, into, parent_code, from_codes, n, on, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See app.h. */
int app_unit_end(app_t *a, const char *code, date_t on, err_t *e)
{
	char detail[128];
	unit_t u;
	int rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_unit_by_code(a->store, code, date_add_days(on, -1), &u, e);
	if (rc == PO_ENOTFOUND)
		rc = err_set(e, PO_EINVAL, "code", MSG_UNIT_UNKNOWN, code);
	if (!rc && (date_cmp(u.valid_from, on) >= 0 || (u.ended && date_cmp(u.valid_to, on) <= 0)))
		rc = err_set(e, PO_EINVAL, "date", MSG_UNIT_END_BAD, code);
	if (!rc)
		rc = store_unit_end(a->store, u.id, on, e);
	if (!rc) {
		char iso[DATE_ISO_LEN + 1];
		date_format_iso(on, iso);
		snprintf(detail, sizeof detail, "{\"code\":\"%s\",\"valid_to\":\"%s\"}", u.code, iso);
		rc = store_audit(a->store, a->actor, "unit.end", "unit", u.id, detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* ---- the in-memory tree ---- */

/* Appends one unit (store_units_each callback). */
static int tree_add_unit(const unit_t *u, void *ctx)
{
	unit_tree_t *t = ctx;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		unit_t *p;
		if (cap > UNIT_TREE_MAX)
			return PO_ELIMIT;
		p = realloc(t->u, cap * sizeof *p);
		if (!p)
			return PO_ENOMEM;
		t->u = p;
		t->cap = cap;
	}
	t->u[t->n++] = *u;
	return 0;
}

/* Appends one successor link (store_successors_each callback). */
static int tree_add_link(int64_t pred, int64_t succ, date_t on, void *ctx)
{
	unit_tree_t *t = ctx;
	if (t->nl == t->capl) {
		size_t cap = t->capl ? t->capl * 2 : 64;
		struct succ_link *p = realloc(t->l, cap * sizeof *p);
		if (!p)
			return PO_ENOMEM;
		t->l = p;
		t->capl = cap;
	}
	t->l[t->nl++] = (struct succ_link){pred, succ, on};
	return 0;
}

static const unit_tree_t *sort_tree; /* qsort has no context argument */

/* Orders indexes into sort_tree->u by unit id. */
static int cmp_by_id(const void *a, const void *b)
{
	int64_t x = sort_tree->u[*(const int64_t *)a].id, y = sort_tree->u[*(const int64_t *)b].id;
	return (x > y) - (x < y);
}

/* See app.h. */
int unit_tree_load(store_t *s, unit_tree_t **out, err_t *e)
{
	unit_tree_t *t = calloc(1, sizeof *t);
	size_t i;
	int rc;
	*out = NULL;
	if (!t)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	rc = store_units_each(s, tree_add_unit, t, e);
	if (rc == PO_OK)
		rc = store_successors_each(s, tree_add_link, t, e);
	if (rc == PO_OK && t->n) {
		t->by_id = malloc(t->n * sizeof *t->by_id);
		if (!t->by_id)
			rc = PO_ENOMEM;
	}
	if (rc) {
		if (rc == PO_ENOMEM)
			err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		else if (rc == PO_ELIMIT)
			err_set(e, PO_ELIMIT, NULL, MSG_LIMIT, "units", (size_t)UNIT_TREE_MAX);
		unit_tree_free(t);
		return rc;
	}
	for (i = 0; i < t->n; i++)
		t->by_id[i] = (int64_t)i;
	sort_tree = t;
	if (t->n)
		qsort(t->by_id, t->n, sizeof *t->by_id, cmp_by_id);
	sort_tree = NULL;
	*out = t;
	return PO_OK;
}

/* See app.h. */
void unit_tree_free(unit_tree_t *t)
{
	if (!t)
		return;
	free(t->u);
	free(t->by_id);
	free(t->l);
	free(t);
}

/* See app.h. */
size_t unit_tree_count(const unit_tree_t *t)
{
	return t->n;
}

/* See app.h. */
const unit_t *unit_tree_at(const unit_tree_t *t, size_t i)
{
	return i < t->n ? &t->u[i] : NULL;
}

/* See app.h. */
const unit_t *unit_tree_find(const unit_tree_t *t, int64_t id)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const unit_t *u = &t->u[t->by_id[mid]];
		if (u->id == id)
			return u;
		if (u->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* See app.h. */
bool unit_set_has(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return true;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Orders int64 values. */
static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Position of unit id in t->by_id, or t->n when there is none. */
static size_t pos_of(const unit_tree_t *t, int64_t id)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t v = t->u[t->by_id[mid]].id;
		if (v == id)
			return mid;
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return t->n;
}

/* Number of successor links from unit id. */
static size_t successors(const unit_tree_t *t, int64_t id)
{
	size_t k, n = 0;
	for (k = 0; k < t->nl; k++)
		n += t->l[k].pred == id;
	return n;
}

/* See app.h.  A fixed point over two rules: a unit whose parent is in
 * the set is in it, and a unit whose successor is in the set is in it. */
int unit_tree_subtree(const unit_tree_t *t, int64_t root, int64_t **ids, size_t *n, err_t *e)
{
	unsigned char *in;
	size_t i, k, p, count = 0;
	int changed = 1;
	*ids = NULL;
	*n = 0;
	p = pos_of(t, root);
	if (p == t->n)
		return err_set(e, PO_ENOTFOUND, "unit", MSG_UNIT_ID_UNKNOWN, (long long)root);
	in = calloc(t->n, 1); /* indexed like by_id */
	if (!in)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	in[p] = 1;
	while (changed) {
		changed = 0;
		for (i = 0; i < t->n; i++) {
			const unit_t *u = &t->u[t->by_id[i]];
			if (in[i])
				continue;
			if (u->parent_id) {
				p = pos_of(t, u->parent_id);
				if (p < t->n && in[p]) {
					in[i] = 1;
					changed = 1;
					continue;
				}
			}
			/* a unit split between several successors cannot be counted
			 * in any one of them: only a sole successor takes it over */
			if (successors(t, u->id) != 1)
				continue;
			for (k = 0; k < t->nl; k++) {
				if (t->l[k].pred != u->id)
					continue;
				p = pos_of(t, t->l[k].succ);
				if (p < t->n && in[p]) {
					in[i] = 1;
					changed = 1;
					break;
				}
			}
		}
	}
	for (i = 0; i < t->n; i++)
		count += in[i];
	*ids = malloc(count * sizeof **ids);
	if (!*ids) {
		free(in);
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	for (i = 0, k = 0; i < t->n; i++)
		if (in[i])
			(*ids)[k++] = t->u[t->by_id[i]].id;
	qsort(*ids, count, sizeof **ids, cmp_i64);
	*n = count;
	free(in);
	return PO_OK;
}

/* True when u is in force on `on`. */
static bool in_force(const unit_t *u, date_t on)
{
	return date_cmp(u->valid_from, on) <= 0 && (!u->ended || date_cmp(u->valid_to, on) > 0);
}

/* See app.h. */
int64_t unit_tree_current(const unit_tree_t *t, int64_t id, date_t on)
{
	int hops;
	for (hops = 0; hops < 32; hops++) {
		const unit_t *u = unit_tree_find(t, id);
		size_t k, found = 0;
		int64_t next = 0;
		if (!u || in_force(u, on))
			return id;
		for (k = 0; k < t->nl; k++)
			if (t->l[k].pred == id) {
				found++;
				next = t->l[k].succ;
			}
		if (found != 1)
			return id;
		id = next;
	}
	return id;
}

/* See app.h. */
int app_unit_scope_id(app_t *a, int64_t unit_id, int64_t **ids, size_t *n, err_t *e)
{
	unit_tree_t *t;
	int rc;
	*ids = NULL;
	*n = 0;
	rc = unit_tree_load(a->store, &t, e);
	if (rc)
		return rc;
	rc = unit_tree_subtree(t, unit_id, ids, n, e);
	unit_tree_free(t);
	return rc;
}

/* See app.h. */
int app_unit_scope(app_t *a, const char *code, const char *field, int64_t **ids, size_t *n, err_t *e)
{
	unit_t u;
	int rc = store_unit_by_code(a->store, code, a->today, &u, e);
	*ids = NULL;
	*n = 0;
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, field, MSG_UNIT_UNKNOWN, code);
	if (rc)
		return rc;
	return app_unit_scope_id(a, u.id, ids, n, e);
}

struct per_unit {
	int64_t *unit, *n;
	size_t len, cap;
};

/* Collects the people of one unit (store callback). */
static int per_unit_add(int64_t unit_id, int64_t n, void *ctx)
{
	struct per_unit *c = ctx;
	if (c->len == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		int64_t *u = realloc(c->unit, cap * sizeof *u), *m;
		if (!u)
			return PO_ENOMEM;
		c->unit = u;
		m = realloc(c->n, cap * sizeof *m);
		if (!m)
			return PO_ENOMEM;
		c->n = m;
		c->cap = cap;
	}
	c->unit[c->len] = unit_id;
	c->n[c->len++] = n;
	return 0;
}

/* See app.h. */
int app_unit_counts(app_t *a, date_t on, enum unit_kind kind, bool any_local,
		    int (*fn)(const unit_count_t *c, void *ctx), void *ctx, err_t *e)
{
	struct per_unit pu = {0};
	unit_tree_t *t = NULL;
	size_t i, j;
	int rc = unit_tree_load(a->store, &t, e);
	if (!rc) {
		rc = store_people_per_unit(a->store, per_unit_add, &pu, e);
		if (rc == PO_ENOMEM)
			err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	for (i = 0; !rc && i < unit_tree_count(t); i++) {
		const unit_t *u = unit_tree_at(t, i);
		bool kind_ok = any_local ? (u->kind == UNIT_COMMUNE || u->kind == UNIT_WARD || u->kind == UNIT_TOWN)
					 : u->kind == kind;
		unit_count_t c;
		int64_t *ids;
		size_t nids;
		if (!kind_ok || !in_force(u, on))
			continue;
		rc = unit_tree_subtree(t, u->id, &ids, &nids, e);
		if (rc)
			break;
		c.unit = *u;
		c.people = 0;
		for (j = 0; j < pu.len; j++)
			if (unit_set_has(ids, nids, pu.unit[j]))
				c.people += pu.n[j];
		free(ids);
		if (fn(&c, ctx))
			break;
	}
	unit_tree_free(t);
	free(pu.unit);
	free(pu.n);
	return rc;
}
