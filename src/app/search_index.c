/* search_index.c: see search_index.h. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/search_index.h"
#include "core/hash.h"

#define WORDS_PER_NAME 32 /* distinct words of one name kept */

/* A scope's bitmap over ranks, remembered. */
struct scope_bm {
	int64_t *units;  /* the scope's sorted unit ids (owned) */
	size_t n;
	uint64_t *bm;    /* NULL: the scope holds everyone */
};

struct search_index {
	int64_t version;
	uint32_t n;          /* people */
	uint32_t bmw;        /* 64-bit words of a bitmap over ranks */
	uint32_t *ids;       /* rank → person id */
	uint32_t *units;     /* rank → unit id */
	uint32_t max_unit;
	uint32_t nwords;     /* distinct words, sorted */
	char *wtext;         /* word texts, each NUL-terminated */
	uint32_t *woff;      /* word i at wtext + woff[i] */
	uint32_t *wcount;    /* people holding word i */
	uint32_t *pstart;    /* nwords + 1: sparse word i's ranks are post[pstart[i]..pstart[i+1]) */
	uint32_t *post;
	int32_t *dense;      /* -1, or the index of word i's bitmap */
	uint64_t *bitmaps;   /* ndense × bmw */
	uint32_t *rstart;    /* nwords + 1: ranks holding word i more than once, */
	uint32_t *rpost;     /* rpost[rstart[i]..rstart[i+1]), once per extra occurrence */
	size_t bytes;
	pthread_mutex_t mu;  /* guards scopes */
	struct scope_bm scopes[SIX_SCOPES_CACHED];
	size_t nscopes;
};

/* ---- building ---- */

/* A growable array of uint32. */
struct vec {
	uint32_t *p;
	size_t n, cap;
};

/* Appends v; false when memory ran out. */
static bool vec_push(struct vec *v, uint32_t x)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 1024;
		uint32_t *p = realloc(v->p, cap * sizeof *p);
		if (!p)
			return false;
		v->p = p;
		v->cap = cap;
	}
	v->p[v->n++] = x;
	return true;
}

/* The state of a build: words seen so far in a hash table. */
struct build {
	search_index_t *ix;
	struct vec ids, units, pw, pwoff, count;
	struct vec rep_r, rep_w; /* (rank, word) of each repeated occurrence */
	char *text;          /* word texts as met */
	size_t text_len, text_cap;
	struct vec off;      /* word id → offset in text */
	uint32_t *slots;     /* hash table of word ids + 1 (0 empty) */
	size_t nslots;
	bool oom, too_big;
};

/* The id of word w (len bytes), added when new; UINT32_MAX when memory
 * ran out. */
static uint32_t word_id(struct build *b, const char *w, size_t len)
{
	size_t i;
	uint32_t id;
	if ((b->off.n + 1) * 2 > b->nslots) {
		size_t ns = b->nslots ? b->nslots * 2 : 4096, k;
		uint32_t *s = calloc(ns, sizeof *s);
		if (!s)
			return UINT32_MAX;
		for (k = 0; k < b->off.n; k++) {
			const char *t = b->text + b->off.p[k];
			size_t j = hash64(t, strlen(t)) & (ns - 1);
			while (s[j])
				j = (j + 1) & (ns - 1);
			s[j] = (uint32_t)k + 1;
		}
		free(b->slots);
		b->slots = s;
		b->nslots = ns;
	}
	i = hash64(w, len) & (b->nslots - 1);
	while (b->slots[i]) {
		const char *t = b->text + b->off.p[b->slots[i] - 1];
		if (strncmp(t, w, len) == 0 && t[len] == '\0')
			return b->slots[i] - 1;
		i = (i + 1) & (b->nslots - 1);
	}
	if (b->text_len + len + 1 > b->text_cap) {
		size_t cap = b->text_cap ? b->text_cap * 2 : 65536;
		char *t;
		while (cap < b->text_len + len + 1)
			cap *= 2;
		t = realloc(b->text, cap);
		if (!t)
			return UINT32_MAX;
		b->text = t;
		b->text_cap = cap;
	}
	id = (uint32_t)b->off.n;
	if (!vec_push(&b->off, (uint32_t)b->text_len) || !vec_push(&b->count, 0))
		return UINT32_MAX;
	memcpy(b->text + b->text_len, w, len);
	b->text[b->text_len + len] = '\0';
	b->text_len += len + 1;
	b->slots[i] = id + 1;
	return id;
}

/* Takes one person (in rank order): her id, unit and distinct words. */
static int on_person(int64_t id, int64_t unit, const unsigned char *key, size_t key_len, void *ctx)
{
	struct build *b = ctx;
	char words[NAME_BYTES_MAX + 1], *p = words;
	uint32_t seen[WORDS_PER_NAME];
	size_t nseen = 0, j;
	if (id < 1 || id > UINT32_MAX || unit < 0 || unit > UINT32_MAX || b->ids.n >= SIX_PEOPLE_MAX) {
		b->too_big = true;
		return 1;
	}
	if (!vec_push(&b->ids, (uint32_t)id) || !vec_push(&b->units, (uint32_t)unit) ||
	    !vec_push(&b->pwoff, (uint32_t)b->pw.n)) {
		b->oom = true;
		return 1;
	}
	if (vn_sort_key_words(key, key_len, words, sizeof words) == 0)
		return 0;
	while (*p) {
		char *start = p;
		size_t len;
		uint32_t w;
		while (*p && *p != ' ')
			p++;
		len = (size_t)(p - start);
		if (len > VN_WORD_MAX - 1)
			len = VN_WORD_MAX - 1;
		while (*p == ' ')
			p++;
		if (!len)
			continue;
		w = word_id(b, start, len);
		if (w == UINT32_MAX) {
			b->oom = true;
			return 1;
		}
		for (j = 0; j < nseen && seen[j] != w; j++)
			;
		if (j < nseen) { /* the word again: "Nguyễn Thị Nguyên" */
			if (!vec_push(&b->rep_r, (uint32_t)(b->ids.n - 1)) || !vec_push(&b->rep_w, w)) {
				b->oom = true;
				return 1;
			}
			continue;
		}
		if (nseen == WORDS_PER_NAME)
			continue;
		seen[nseen++] = w;
		b->count.p[w]++;
		if (!vec_push(&b->pw, w)) {
			b->oom = true;
			return 1;
		}
	}
	return 0;
}

static const char *sort_text; /* qsort has no context: set under sort_mu */
static pthread_mutex_t sort_mu = PTHREAD_MUTEX_INITIALIZER;

/* Orders word ids by their text. */
static int cmp_word(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;
	return strcmp(sort_text + *x, sort_text + *y);
}

/* Frees a build's temporary arrays. */
static void build_free(struct build *b)
{
	free(b->ids.p);
	free(b->units.p);
	free(b->pw.p);
	free(b->pwoff.p);
	free(b->count.p);
	free(b->off.p);
	free(b->text);
	free(b->slots);
	free(b->rep_r.p);
	free(b->rep_w.p);
}

/* Turns a finished scan into the index's arrays. */
static int build_finish(struct build *b, err_t *e)
{
	search_index_t *ix = b->ix;
	uint32_t *order = NULL, *remap = NULL, *fill = NULL, i, ndense = 0;
	size_t nsparse = 0, r, textlen = 0;
	uint32_t nw = (uint32_t)b->off.n;
	ix->n = (uint32_t)b->ids.n;
	ix->bmw = (ix->n + 63) / 64;
	ix->nwords = nw;
	ix->ids = b->ids.p;
	b->ids.p = NULL;
	ix->units = b->units.p;
	b->units.p = NULL;
	for (r = 0; r < ix->n; r++)
		if (ix->units[r] > ix->max_unit)
			ix->max_unit = ix->units[r];
	order = malloc((nw + 1) * sizeof *order);
	remap = malloc((nw + 1) * sizeof *remap);
	ix->woff = malloc((nw + 1) * sizeof *ix->woff);
	ix->wcount = malloc((nw + 1) * sizeof *ix->wcount);
	ix->pstart = calloc(nw + 1, sizeof *ix->pstart);
	ix->dense = malloc((nw + 1) * sizeof *ix->dense);
	ix->wtext = malloc(b->text_len + 1);
	if (!order || !remap || !ix->woff || !ix->wcount || !ix->pstart || !ix->dense || !ix->wtext)
		goto oom;
	for (i = 0; i < nw; i++)
		order[i] = b->off.p[i];
	/* sort the words: order holds text offsets, mapped back below */
	pthread_mutex_lock(&sort_mu);
	sort_text = b->text;
	qsort(order, nw, sizeof *order, cmp_word);
	pthread_mutex_unlock(&sort_mu);
	for (i = 0; i < nw; i++) {
		/* the old id of the word at offset order[i] */
		const char *t = b->text + order[i];
		size_t len = strlen(t), j = hash64(t, len) & (b->nslots - 1);
		uint32_t old;
		while (strcmp(b->text + b->off.p[b->slots[j] - 1], t) != 0)
			j = (j + 1) & (b->nslots - 1);
		old = b->slots[j] - 1;
		remap[old] = i;
		ix->woff[i] = (uint32_t)textlen;
		memcpy(ix->wtext + textlen, t, len + 1);
		textlen += len + 1;
		ix->wcount[i] = b->count.p[old];
		if (ix->n >= 1024 && ix->wcount[i] >= ix->n / SIX_DENSE_DIVISOR) {
			ix->dense[i] = (int32_t)ndense++;
		} else {
			ix->dense[i] = -1;
			nsparse += ix->wcount[i];
		}
	}
	/* sparse words' ranges in post */
	{
		uint32_t at = 0;
		for (i = 0; i < nw; i++) {
			ix->pstart[i] = at;
			if (ix->dense[i] < 0)
				at += ix->wcount[i];
		}
		ix->pstart[nw] = at;
	}
	ix->post = malloc((nsparse ? nsparse : 1) * sizeof *ix->post);
	ix->bitmaps = calloc((size_t)(ndense ? ndense : 1) * ix->bmw + 1, sizeof *ix->bitmaps);
	fill = malloc((nw + 1) * sizeof *fill);
	if (!ix->post || !ix->bitmaps || !fill)
		goto oom;
	memcpy(fill, ix->pstart, (nw + 1) * sizeof *fill);
	for (r = 0; r < ix->n; r++) {
		size_t k, end = r + 1 < ix->n ? b->pwoff.p[r + 1] : b->pw.n;
		for (k = b->pwoff.p[r]; k < end; k++) {
			uint32_t w = remap[b->pw.p[k]];
			if (ix->dense[w] >= 0)
				ix->bitmaps[(size_t)ix->dense[w] * ix->bmw + r / 64] |= 1ull << (r % 64);
			else
				ix->post[fill[w]++] = (uint32_t)r;
		}
	}
	/* repeated words: per word, the ranks (in rank order) */
	ix->rstart = calloc((size_t)nw + 2, sizeof *ix->rstart);
	ix->rpost = malloc((b->rep_r.n ? b->rep_r.n : 1) * sizeof *ix->rpost);
	if (!ix->rstart || !ix->rpost)
		goto oom;
	for (r = 0; r < b->rep_r.n; r++)
		ix->rstart[remap[b->rep_w.p[r]] + 1]++;
	for (i = 0; i < nw; i++)
		ix->rstart[i + 1] += ix->rstart[i];
	memcpy(fill, ix->rstart, (nw + 1) * sizeof *fill);
	for (r = 0; r < b->rep_r.n; r++)
		ix->rpost[fill[remap[b->rep_w.p[r]]]++] = b->rep_r.p[r];
	ix->bytes = sizeof *ix + (size_t)ix->n * 8 + textlen + (size_t)nw * 21 + nsparse * 4 +
		    (size_t)ndense * ix->bmw * 8 + b->rep_r.n * 4;
	free(order);
	free(remap);
	free(fill);
	return PO_OK;
oom:
	free(order);
	free(remap);
	free(fill);
	return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
}

/* See search_index.h. */
int search_index_build(store_t *s, search_index_t **out, err_t *e)
{
	struct build b;
	search_index_t *ix = calloc(1, sizeof *ix);
	int rc;
	*out = NULL;
	if (!ix)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	pthread_mutex_init(&ix->mu, NULL);
	memset(&b, 0, sizeof b);
	b.ix = ix;
	rc = store_read_begin(s, e); /* one snapshot: the version and the rows agree */
	if (!rc) {
		rc = store_people_version(s, &ix->version, e);
		if (!rc)
			rc = store_people_keys_each(s, on_person, &b, e);
		store_tx_rollback(s);
	}
	if (!rc && b.oom)
		rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	if (!rc && b.too_big)
		rc = err_set(e, PO_ELIMIT, NULL, MSG_INTERNAL, "search index: too many people or ids too large");
	if (!rc)
		rc = build_finish(&b, e);
	build_free(&b);
	if (rc) {
		search_index_free(ix);
		return rc;
	}
	*out = ix;
	return PO_OK;
}

/* See search_index.h. */
void search_index_free(search_index_t *ix)
{
	size_t i;
	if (!ix)
		return;
	for (i = 0; i < ix->nscopes; i++) {
		free(ix->scopes[i].units);
		free(ix->scopes[i].bm);
	}
	pthread_mutex_destroy(&ix->mu);
	free(ix->ids);
	free(ix->units);
	free(ix->wtext);
	free(ix->woff);
	free(ix->wcount);
	free(ix->pstart);
	free(ix->post);
	free(ix->dense);
	free(ix->bitmaps);
	free(ix->rstart);
	free(ix->rpost);
	free(ix);
}

/* See search_index.h. */
int64_t search_index_version(const search_index_t *ix)
{
	return ix->version;
}

/* See search_index.h. */
size_t search_index_people(const search_index_t *ix)
{
	return ix->n;
}

/* See search_index.h. */
size_t search_index_bytes(const search_index_t *ix)
{
	return ix->bytes;
}

/* ---- querying ---- */

/* Scratch bitmaps of one thread, kept between queries. */
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

struct scratch {
	size_t cap;       /* uint64 words */
	uint64_t *p;
};

/* Frees a thread's scratch when it ends. */
static void scratch_free(void *p)
{
	struct scratch *s = p;
	if (s) {
		free(s->p);
		free(s);
	}
}

/* Creates the key. */
static void scratch_init(void)
{
	pthread_key_create(&scratch_key, scratch_free);
}

/* The calling thread's scratch of at least words uint64 (not zeroed). */
static uint64_t *scratch_get(size_t words)
{
	struct scratch *s;
	pthread_once(&scratch_once, scratch_init);
	s = pthread_getspecific(scratch_key);
	if (!s) {
		s = calloc(1, sizeof *s);
		if (!s)
			return NULL;
		pthread_setspecific(scratch_key, s);
	}
	if (s->cap < words) {
		uint64_t *p = realloc(s->p, words * sizeof *p);
		if (!p)
			return NULL;
		s->p = p;
		s->cap = words;
	}
	return s->p;
}

/* The range [*lo, *hi) of words starting with prefix. */
static void word_range(const search_index_t *ix, const char *prefix, uint32_t *lo, uint32_t *hi)
{
	size_t plen = strlen(prefix);
	uint32_t a = 0, b = ix->nwords;
	while (a < b) {
		uint32_t m = a + (b - a) / 2;
		if (strcmp(ix->wtext + ix->woff[m], prefix) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	b = ix->nwords;
	while (a < b) {
		uint32_t m = a + (b - a) / 2;
		if (strncmp(ix->wtext + ix->woff[m], prefix, plen) <= 0)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}

/* One query word: either one sparse word's ranks (arr) or a bitmap. */
struct term {
	uint32_t lo, hi;
	uint64_t est;            /* postings over the range */
	const uint32_t *arr;     /* set for a single sparse word */
	size_t alen;
	const uint64_t *bm;      /* set for a dense word or a materialised range */
};

/* Makes the bitmap of a whole range into out (bmw words). */
static void materialise(const search_index_t *ix, const struct term *t, uint64_t *out)
{
	uint32_t w;
	memset(out, 0, (size_t)ix->bmw * sizeof *out);
	for (w = t->lo; w < t->hi; w++) {
		if (ix->dense[w] >= 0) {
			const uint64_t *src = ix->bitmaps + (size_t)ix->dense[w] * ix->bmw;
			uint32_t k;
			for (k = 0; k < ix->bmw; k++)
				out[k] |= src[k];
		} else {
			uint32_t k;
			for (k = ix->pstart[w]; k < ix->pstart[w + 1]; k++)
				out[ix->post[k] / 64] |= 1ull << (ix->post[k] % 64);
		}
	}
}

/* The rank bitmap of a scope (NULL when it holds everyone), cached in
 * the index; *tmp is set when the bitmap is the caller's scratch (the
 * cache is full).  Returns false when memory ran out. */
static bool scope_bitmap(search_index_t *ix, const int64_t *scope, size_t n, uint64_t *scratch, const uint64_t **out)
{
	uint64_t *ub = NULL, *bm;
	size_t i, ubw = (size_t)ix->max_unit / 64 + 1, count = 0, r;
	bool cache;
	pthread_mutex_lock(&ix->mu);
	for (i = 0; i < ix->nscopes; i++)
		if (ix->scopes[i].n == n && memcmp(ix->scopes[i].units, scope, n * sizeof *scope) == 0) {
			*out = ix->scopes[i].bm;
			pthread_mutex_unlock(&ix->mu);
			return true;
		}
	pthread_mutex_unlock(&ix->mu);
	ub = calloc(ubw, sizeof *ub);
	if (!ub)
		return false;
	for (i = 0; i < n; i++)
		if (scope[i] >= 0 && (uint64_t)scope[i] <= ix->max_unit)
			ub[scope[i] / 64] |= 1ull << (scope[i] % 64);
	cache = true;
	bm = malloc((size_t)ix->bmw * sizeof *bm + 8);
	if (!bm) {
		cache = false;
		bm = scratch;
	}
	memset(bm, 0, (size_t)ix->bmw * sizeof *bm);
	for (r = 0; r < ix->n; r++) {
		uint32_t u = ix->units[r];
		if (ub[u / 64] >> (u % 64) & 1) {
			bm[r / 64] |= 1ull << (r % 64);
			count++;
		}
	}
	free(ub);
	if (count == ix->n) {
		if (cache)
			free(bm);
		bm = NULL;
	}
	pthread_mutex_lock(&ix->mu);
	if (cache && ix->nscopes < SIX_SCOPES_CACHED) {
		int64_t *copy = malloc((n ? n : 1) * sizeof *copy);
		if (copy) {
			memcpy(copy, scope, n * sizeof *scope);
			ix->scopes[ix->nscopes].units = copy;
			ix->scopes[ix->nscopes].n = n;
			ix->scopes[ix->nscopes].bm = bm;
			ix->nscopes++;
			cache = false; /* owned by the cache now */
		}
	}
	pthread_mutex_unlock(&ix->mu);
	if (cache && bm) {
		/* not kept: copy into the scratch and free */
		memcpy(scratch, bm, (size_t)ix->bmw * sizeof *bm);
		free(bm);
		bm = scratch;
	}
	*out = bm;
	return true;
}

/* True when bit r of bm is set. */
static inline bool has(const uint64_t *bm, uint32_t r)
{
	return bm[r / 64] >> (r % 64) & 1;
}

/* True when rank r holds word w. */
static bool holds(const search_index_t *ix, uint32_t w, uint32_t r)
{
	const uint32_t *a;
	size_t lo, hi;
	if (ix->dense[w] >= 0)
		return has(ix->bitmaps + (size_t)ix->dense[w] * ix->bmw, r);
	a = ix->post + ix->pstart[w];
	lo = 0;
	hi = ix->pstart[w + 1] - ix->pstart[w];
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		if (a[m] < r)
			lo = m + 1;
		else
			hi = m;
	}
	return lo < ix->pstart[w + 1] - ix->pstart[w] && a[lo] == r;
}

/* How many times rank r holds word w (0 when not at all). */
static int times(const search_index_t *ix, uint32_t w, uint32_t r)
{
	const uint32_t *a = ix->rpost + ix->rstart[w];
	size_t lo = 0, hi = ix->rstart[w + 1] - ix->rstart[w], k;
	int n;
	if (!holds(ix, w, r))
		return 0;
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		if (a[m] < r)
			lo = m + 1;
		else
			hi = m;
	}
	for (n = 1, k = lo; k < ix->rstart[w + 1] - ix->rstart[w] && a[k] == r; k++)
		n++;
	return n;
}

/* Tries to give each of the group's query words g[i..ng) a word
 * occurrence of its own: cand[d] is a word the person holds cap[d] times,
 * usable by query word g[i] when bit d of can[g[i]] is set. */
static bool assign_occ(const size_t *g, size_t i, size_t ng, const uint64_t *can, int *cap, size_t nd)
{
	size_t d;
	if (i == ng)
		return true;
	for (d = 0; d < nd; d++) {
		if (!(can[g[i]] >> d & 1) || cap[d] == 0)
			continue;
		cap[d]--;
		if (assign_occ(g, i + 1, ng, can, cap, nd)) {
			cap[d]++;
			return true;
		}
		cap[d]++;
	}
	return false;
}

/* True when rank r has, for the query words of the group g[0..ng) (those
 * that start one another), a different name word each. */
static bool verify(const search_index_t *ix, const struct term *t, const size_t *g, size_t ng, uint32_t r)
{
	uint32_t cand[SIX_VERIFY_RANGE_MAX];
	int cap[SIX_VERIFY_RANGE_MAX];
	uint64_t can[SEARCH_WORDS_MAX] = {0};
	size_t nd = 0, i, d;
	for (i = 0; i < ng; i++) {
		uint32_t w;
		for (w = t[g[i]].lo; w < t[g[i]].hi; w++) {
			for (d = 0; d < nd && cand[d] != w; d++)
				;
			if (d == nd) {
				int k = times(ix, w, r);
				if (!k || nd == SIX_VERIFY_RANGE_MAX)
					continue;
				cand[nd] = w;
				cap[nd++] = k;
			}
			can[g[i]] |= 1ull << d;
		}
	}
	return assign_occ(g, 0, ng, can, cap, nd);
}

/* See search_index.h. */
int search_index_query(search_index_t *ix, char (*words)[VN_WORD_MAX], size_t nwords, const int64_t *scope,
		       size_t nscope, size_t limit, int64_t *total, int64_t *ids, size_t *n, err_t *e)
{
	struct term t[SEARCH_WORDS_MAX];
	const uint64_t *S = NULL;
	uint64_t *scratch;
	size_t i, j, driver = SIZE_MAX, nscr = 0, g[SEARCH_WORDS_MAX], ng = 0, span = 0;
	const uint32_t *rep = NULL; /* a repeated word's ranks, driving "nguyen nguyen" */
	size_t nrep = 0;
	*total = 0;
	*n = 0;
	if (nwords == 0 || nwords > SEARCH_WORDS_MAX)
		return err_set(e, PO_EINVAL, "q", MSG_SEARCH_EMPTY);
	/* scratch: one bitmap per word, one for the scope */
	scratch = scratch_get((size_t)ix->bmw * (nwords + 1) + 1);
	if (!scratch)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	for (i = 0; i < nwords; i++) {
		uint32_t w;
		memset(&t[i], 0, sizeof t[i]);
		word_range(ix, words[i], &t[i].lo, &t[i].hi);
		if (t[i].lo == t[i].hi)
			return PO_OK; /* a word nobody's name starts with */
		for (w = t[i].lo; w < t[i].hi; w++)
			t[i].est += ix->wcount[w];
		if (t[i].hi - t[i].lo == 1) {
			w = t[i].lo;
			if (ix->dense[w] >= 0) {
				t[i].bm = ix->bitmaps + (size_t)ix->dense[w] * ix->bmw;
			} else {
				t[i].arr = ix->post + ix->pstart[w];
				t[i].alen = ix->pstart[w + 1] - ix->pstart[w];
			}
		}
	}
	/* the group of words that start one another ("nguyen nguyen", "da
	 * danh") must each find a name word of their own: checked per
	 * person; other words cannot compete for a name word */
	for (i = 0; i < nwords; i++)
		for (j = 0; j < nwords; j++)
			if (i != j && (strncmp(words[j], words[i], strlen(words[i])) == 0 ||
				       strncmp(words[i], words[j], strlen(words[j])) == 0)) {
				g[ng++] = i;
				span += t[i].hi - t[i].lo;
				break;
			}
	if (span > SIX_VERIFY_RANGE_MAX)
		return PO_EDEFER; /* too many words to check per person: the database answers */
	if (ng) {
		/* the same word typed again and one name word it can be: only
		 * the people holding that word twice can match */
		bool same = true;
		for (i = 1; i < ng; i++)
			same &= strcmp(words[g[i]], words[g[0]]) == 0;
		if (same && t[g[0]].hi - t[g[0]].lo == 1) {
			uint32_t w = t[g[0]].lo;
			rep = ix->rpost + ix->rstart[w];
			nrep = ix->rstart[w + 1] - ix->rstart[w];
		}
	}
	if (scope && !scope_bitmap(ix, scope, nscope, scratch + (size_t)ix->bmw * nwords, &S))
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	/* the driver: the single sparse word with the fewest people, when
	 * walking its ranks beats walking bitmaps */
	for (i = 0; i < nwords; i++)
		if (t[i].arr && (driver == SIZE_MAX || t[i].alen < t[driver].alen))
			driver = i;
	if (driver != SIZE_MAX && t[driver].alen > ix->bmw)
		driver = SIZE_MAX;
	if (rep && (driver == SIZE_MAX || nrep < t[driver].alen))
		driver = SIZE_MAX - 1; /* the repeated word's ranks drive */
	/* every other word needs a bitmap */
	for (i = 0; i < nwords; i++) {
		if (i == driver || t[i].bm)
			continue;
		materialise(ix, &t[i], scratch + (size_t)ix->bmw * nscr);
		t[i].bm = scratch + (size_t)ix->bmw * nscr++;
		t[i].arr = NULL;
	}
	if (driver != SIZE_MAX) {
		const uint32_t *arr = driver == SIZE_MAX - 1 ? rep : t[driver].arr;
		size_t k, len = driver == SIZE_MAX - 1 ? nrep : t[driver].alen;
		for (k = 0; k < len; k++) {
			uint32_t r = arr[k];
			bool ok = (k == 0 || arr[k - 1] != r) && (!S || has(S, r));
			for (i = 0; ok && i < nwords; i++)
				if (i != driver)
					ok = has(t[i].bm, r);
			if (!ok || (ng && !verify(ix, t, g, ng, r)))
				continue;
			if (*n < limit)
				ids[(*n)++] = ix->ids[r];
			(*total)++;
		}
		return PO_OK;
	}
	{
		uint32_t k;
		for (k = 0; k < ix->bmw; k++) {
			uint64_t x = S ? S[k] : ~0ull;
			for (i = 0; i < nwords && x; i++)
				x &= t[i].bm[k];
			if (!x)
				continue;
			if (!ng) {
				*total += __builtin_popcountll(x);
				while (x && *n < limit) {
					uint32_t r = k * 64 + (uint32_t)__builtin_ctzll(x);
					ids[(*n)++] = ix->ids[r];
					x &= x - 1;
				}
				continue;
			}
			for (; x; x &= x - 1) {
				uint32_t r = k * 64 + (uint32_t)__builtin_ctzll(x);
				if (!verify(ix, t, g, ng, r))
					continue;
				if (*n < limit)
					ids[(*n)++] = ix->ids[r];
				(*total)++;
			}
		}
	}
	return PO_OK;
}
