/* search.c: finding people by name the way cadres type it.
 *
 * The query is folded (no case, no diacritics, đ → d) and split into
 * words; each must be the start of a different word of the name.  The
 * index has one entry per (folded word, person) carrying the unit and
 * the collation key, so the plan is: look up how many entries each
 * query word's prefix range holds (the store keeps a count per word),
 * scan the smallest range, and check
 * each entry against the other words by decoding the folded words from
 * its collation key; the best `limit` entries by collation key are kept
 * in a heap, and only those people are read in full.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/search_index.h"
#include "core/text.h"


struct top_entry {
	int64_t id;
	size_t key_len;
	unsigned char *key; /* STORE_KEY_MAX bytes, owned by the heap */
};

struct search_ctx {
	char words[SEARCH_WORDS_MAX][VN_WORD_MAX];
	size_t nwords;
	size_t scan_word;       /* the word whose range is scanned */
	const int64_t *scope;
	size_t nscope;
	int64_t total;
	struct top_entry *heap; /* max-heap of the best entries: worst on top */
	size_t nheap, limit;
	unsigned char *keys;    /* limit × STORE_KEY_MAX bytes */
	int64_t skip_id;        /* digits search: the bhxh owner, met again by phone */
};

/* <0, 0, >0 as entry a sorts before, with, after b (key, then id). */
static int entry_cmp(const unsigned char *ka, size_t la, int64_t ia, const unsigned char *kb, size_t lb,
		     int64_t ib)
{
	size_t n = la < lb ? la : lb;
	int c = memcmp(ka, kb, n);
	if (c)
		return c;
	if (la != lb)
		return la < lb ? -1 : 1;
	return (ia > ib) - (ia < ib);
}

/* Restores the max-heap property downwards from i. */
static void heap_down(struct top_entry *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && entry_cmp(h[l].key, h[l].key_len, h[l].id, h[m].key, h[m].key_len, h[m].id) > 0)
			m = l;
		if (r < n && entry_cmp(h[r].key, h[r].key_len, h[r].id, h[m].key, h[m].key_len, h[m].id) > 0)
			m = r;
		if (m == i)
			return;
		struct top_entry t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* Restores the max-heap property upwards from i. */
static void heap_up(struct top_entry *h, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (entry_cmp(h[i].key, h[i].key_len, h[i].id, h[p].key, h[p].key_len, h[p].id) <= 0)
			return;
		struct top_entry t = h[i];
		h[i] = h[p];
		h[p] = t;
		i = p;
	}
}

/* Offers one matching entry to the top-`limit` heap. */
static void top_offer(struct search_ctx *c, const word_hit_t *h)
{
	size_t kl = h->key_len < STORE_KEY_MAX ? h->key_len : STORE_KEY_MAX;
	struct top_entry *t;
	if (c->nheap < c->limit) {
		t = &c->heap[c->nheap];
		t->key = c->keys + c->nheap * STORE_KEY_MAX;
		t->id = h->person_id;
		t->key_len = kl;
		memcpy(t->key, h->key, kl);
		c->nheap++;
		heap_up(c->heap, c->nheap - 1);
		return;
	}
	t = &c->heap[0];
	if (entry_cmp(h->key, kl, h->person_id, t->key, t->key_len, t->id) >= 0)
		return;
	t->id = h->person_id;
	t->key_len = kl;
	memcpy(t->key, h->key, kl);
	heap_down(c->heap, c->nheap, 0);
}

/* True when each query word can be matched to a different name word it
 * starts (backtracking over at most SEARCH_WORDS_MAX words). */
static bool assign(char (*q)[VN_WORD_MAX], size_t nq, size_t qi, const char **nw, const size_t *nl,
		   size_t nn, unsigned used)
{
	size_t j, ql;
	if (qi == nq)
		return true;
	ql = strlen(q[qi]);
	for (j = 0; j < nn; j++) {
		if (used & (1u << j))
			continue;
		if (nl[j] >= ql && memcmp(nw[j], q[qi], ql) == 0 &&
		    assign(q, nq, qi + 1, nw, nl, nn, used | (1u << j)))
			return true;
	}
	return false;
}

/* Checks one index entry against the whole query and the scope.  A
 * person has one entry per distinct word, so a prefix can meet her
 * twice ("d" in Dương Văn Dũng): only the entry of the first name word
 * (in key order) that starts with the scanned prefix counts. */
static int on_hit(const word_hit_t *h, void *ctx)
{
	struct search_ctx *c = ctx;
	char words[NAME_BYTES_MAX + 1];
	const char *nw[32];
	size_t nl[32], nn = 0, j, sl = strlen(c->words[c->scan_word]);
	char *p = words;
	if (c->scope && !unit_set_has(c->scope, c->nscope, h->unit_id))
		return 0;
	if (vn_sort_key_words(h->key, h->key_len, words, sizeof words) == 0)
		return 0;
	while (*p && nn < 32) {
		char *start = p;
		while (*p && *p != ' ')
			p++;
		nw[nn] = start;
		nl[nn++] = (size_t)(p - start);
		while (*p == ' ')
			p++;
	}
	for (j = 0; j < nn; j++)
		if (nl[j] >= sl && memcmp(nw[j], c->words[c->scan_word], sl) == 0)
			break;
	if (j == nn)
		return 0;
	{
		size_t wl = nl[j] < VN_WORD_MAX - 1 ? nl[j] : VN_WORD_MAX - 1;
		if (!h->word || h->word_len != wl || memcmp(h->word, nw[j], wl) != 0)
			return 0; /* this person is counted at her first matching word */
	}
	if (c->nwords > 1 && !assign(c->words, c->nwords, 0, nw, nl, nn, 0))
		return 0;
	c->total++;
	top_offer(c, h);
	return 0;
}

/* Offers a person found by an identifier (deduplicated by id order). */
static int on_digits(const word_hit_t *h, void *ctx)
{
	struct search_ctx *c = ctx;
	if (c->scope && !unit_set_has(c->scope, c->nscope, h->unit_id))
		return 0;
	if (h->person_id == c->skip_id)
		return 0;
	c->total++;
	top_offer(c, h);
	return 0;
}

/* Orders top entries best first. */
static int cmp_top(const void *a, const void *b)
{
	const struct top_entry *x = a, *y = b;
	return entry_cmp(x->key, x->key_len, x->id, y->key, y->key_len, y->id);
}

/* True when s is n ASCII digits exactly. */
static bool all_digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* True when the in-memory index may answer: it is current (built at the
 * store's people version). */
static bool index_usable(app_t *a)
{
	int64_t v;
	err_t e;
	return store_people_version(a->store, &v, &e) == PO_OK && v == search_index_version(a->six);
}

/* Answers from the in-memory index: the total and the first c->limit
 * people, read in full from the store. */
static int from_index(app_t *a, struct search_ctx *c, search_result_t *out, err_t *e)
{
	int64_t *ids = malloc(c->limit * sizeof *ids), total;
	size_t n, i;
	int rc;
	if (!ids)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	rc = search_index_query(a->six, c->words, c->nwords, c->scope, c->nscope, c->limit, &total, ids, &n, e);
	if (!rc && n) {
		out->items = calloc(n, sizeof *out->items);
		if (!out->items)
			rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	for (i = 0; !rc && i < n; i++) {
		rc = store_person_get(a->store, ids[i], &out->items[i], e);
		if (!rc)
			out->n++;
	}
	out->total = total;
	free(ids);
	return rc;
}

/* See app.h. */
int people_search(app_t *a, const char *q, const int64_t *scope, size_t nscope, int limit,
		  search_result_t *out, err_t *e)
{
	struct search_ctx c;
	char fold[512], trimmed[64];
	size_t qn = strlen(q), i, tn = 0;
	int rc = PO_OK;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	if (limit < 1 || limit > SEARCH_LIMIT_MAX)
		return err_set(e, PO_EINVAL, "limit", MSG_SEARCH_LIMIT, SEARCH_LIMIT_MAX);
	if (qn > 400 || !vn_utf8_valid(q, qn, NULL))
		return err_set(e, PO_EINVAL, "q", MSG_SEARCH_QUERY_BAD);
	c.scope = scope;
	c.nscope = nscope;
	c.limit = (size_t)limit;
	c.heap = calloc(c.limit, sizeof *c.heap);
	c.keys = malloc(c.limit * STORE_KEY_MAX);
	if (!c.heap || !c.keys) {
		rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		goto out;
	}

	/* digits only (spaces, dots allowed between): an identifier */
	for (i = 0; i < qn && tn < sizeof trimmed - 1; i++)
		if (q[i] != ' ' && q[i] != '.' && q[i] != '-')
			trimmed[tn++] = q[i];
	trimmed[tn] = '\0';
	if (i == qn && all_digits(trimmed, tn) && (tn == 12 || tn == 10)) {
		if (tn == 12) {
			rc = store_people_by_id_digits(a->store, 'c', trimmed, on_digits, &c, e);
		} else {
			/* mã số BHXH is unique: at most one owner, who must not
			 * count twice when the number is her phone too */
			rc = store_people_by_id_digits(a->store, 'b', trimmed, on_digits, &c, e);
			if (!rc) {
				c.skip_id = c.nheap ? c.heap[0].id : 0;
				rc = store_people_by_id_digits(a->store, 'p', trimmed, on_digits, &c, e);
			}
		}
		if (rc)
			goto out;
	} else {
		char *p = fold;
		vn_fold(q, qn, fold, sizeof fold);
		while (*p) {
			char *start = p;
			size_t wl;
			while (*p && *p != ' ')
				p++;
			wl = (size_t)(p - start);
			if (wl) {
				if (c.nwords == SEARCH_WORDS_MAX) {
					rc = err_set(e, PO_EINVAL, "q", MSG_SEARCH_TOO_MANY, SEARCH_WORDS_MAX);
					goto out;
				}
				if (wl > VN_WORD_MAX - 1)
					wl = VN_WORD_MAX - 1;
				memcpy(c.words[c.nwords], start, wl);
				c.words[c.nwords++][wl] = '\0';
			}
			while (*p == ' ')
				p++;
		}
		if (c.nwords == 0) {
			rc = err_set(e, PO_EINVAL, "q", MSG_SEARCH_EMPTY);
			goto out;
		}
		/* a current in-memory index answers in microseconds; the
		 * version check and the reads share one snapshot (and one
		 * lock), so the people read are those the index saw */
		if (a->six) {
			bool own = !store_in_tx(a->store);
			if (own && store_read_begin(a->store, e) != PO_OK)
				own = false;
			rc = index_usable(a) ? from_index(a, &c, out, e) : PO_EDEFER;
			if (own)
				store_tx_rollback(a->store);
			if (rc != PO_EDEFER)
				goto out;
			rc = PO_OK; /* the database answers */
		}
		/* scan the word with the fewest entries */
		if (c.nwords > 1) {
			int64_t best = -1, cnt;
			for (i = 0; i < c.nwords; i++) {
				rc = store_words_count(a->store, c.words[i], &cnt, e);
				if (rc)
					goto out;
				if (best < 0 || cnt < best) {
					best = cnt;
					c.scan_word = i;
				}
			}
		}
		rc = store_words_scan(a->store, c.words[c.scan_word], on_hit, &c, e);
		if (rc)
			goto out;
	}

	qsort(c.heap, c.nheap, sizeof *c.heap, cmp_top);
	out->total = c.total;
	if (c.nheap) {
		out->items = calloc(c.nheap, sizeof *out->items);
		if (!out->items) {
			rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
			goto out;
		}
	}
	for (i = 0; i < c.nheap; i++) {
		rc = store_person_get(a->store, c.heap[i].id, &out->items[i], e);
		if (rc)
			goto out;
		out->n++;
	}
out:
	free(c.heap);
	free(c.keys);
	if (rc)
		search_result_free(out);
	return rc;
}

/* See app.h. */
void search_result_free(search_result_t *r)
{
	free(r->items);
	r->items = NULL;
	r->n = 0;
}
