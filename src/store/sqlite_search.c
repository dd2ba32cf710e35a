/* sqlite_search.c: the search index primitives (SQLite backend).
 *
 * person_word holds one entry per distinct folded word of each name,
 * with the unit and the collation key; its covering index person_word_ix
 * (word, person_id, unit_id, sort_key) answers "who has a word starting
 * with this" from the index alone, without touching the person table.
 */
#include <string.h>

#include "core/text.h"
#include "store/sqlite_int.h"

/* Binds the half-open range [prefix, prefix+1) of words starting with
 * prefix to ?1 and ?2.  Returns PO_EINVAL for an empty or too long prefix. */
static int bind_prefix(sqlite3_stmt *st, const char *prefix, err_t *e)
{
	char hi[VN_WORD_MAX + 1];
	size_t n = strlen(prefix);
	if (n == 0 || n > VN_WORD_MAX - 1)
		return err_set(e, PO_EINVAL, "q", MSG_SEARCH_WORD_BAD);
	memcpy(hi, prefix, n);
	hi[n] = '\0';
	/* words are UTF-8, so no byte is 0xFF: increment the last byte */
	hi[n - 1] = (char)((unsigned char)hi[n - 1] + 1);
	sqlite3_bind_text(st, 1, prefix, (int)n, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hi, (int)n, SQLITE_TRANSIENT);
	return PO_OK;
}

/* See store.h.  Sums the kept counts of the words in the range (a few
 * rows of word_count), never walking the index itself. */
int store_words_count(store_t *s, const char *prefix, int64_t *n, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_WORD_COUNT,
				   "SELECT coalesce(sum(n), 0) FROM word_count WHERE word >= ?1 AND word < ?2", e);
	int rc;
	if (!st)
		return e->code;
	rc = bind_prefix(st, prefix, e);
	if (rc)
		return rc;
	return sq_one(s, st, sq_read_int64, n, "search", e);
}

/* The callback of a walk over index hits or people's keys (the member of
 * fn by the walk) and the caller's context, for the row functions below. */
struct walk {
	union {
		int (*hit)(const word_hit_t *h, void *ctx);
		int (*key)(int64_t id, int64_t unit_id, const unsigned char *key, size_t key_len, void *ctx);
	} fn;
	void *ctx;
	bool with_word; /* hit_row: the statement has the word as a fourth column */
	bool stopped;   /* key_row: fn.key asked to stop */
};

/* Hands a row (person_id, unit_id, sort_key[, word]) to fn.hit (an
 * sq_each row function). */
static int hit_row(sqlite3_stmt *st, void *ctx)
{
	const struct walk *w = ctx;
	word_hit_t h;
	h.person_id = sqlite3_column_int64(st, 0);
	h.unit_id = sqlite3_column_int64(st, 1);
	h.key = sqlite3_column_blob(st, 2);
	h.key_len = (size_t)sqlite3_column_bytes(st, 2);
	h.word = w->with_word ? (const char *)sqlite3_column_text(st, 3) : NULL;
	h.word_len = w->with_word ? (size_t)sqlite3_column_bytes(st, 3) : 0;
	return w->fn.hit(&h, w->ctx);
}

/* See store.h. */
int store_words_scan(store_t *s, const char *prefix, int (*fn)(const word_hit_t *h, void *ctx),
		     void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_WORD_SCAN,
				   "SELECT person_id, unit_id, sort_key, word FROM person_word"
				   " WHERE word >= ?1 AND word < ?2", e);
	struct walk w = {.fn.hit = fn, .ctx = ctx, .with_word = true};
	int rc;
	if (!st)
		return e->code;
	rc = bind_prefix(st, prefix, e);
	if (rc)
		return rc;
	return sq_each(s, st, hit_row, &w, "search", e);
}

/* See store.h. */
int store_people_by_id_digits(store_t *s, char kind, const char *digits,
			      int (*fn)(const word_hit_t *h, void *ctx), void *ctx, err_t *e)
{
	struct walk w = {.fn.hit = fn, .ctx = ctx};
	sqlite3_stmt *st;
	switch (kind) {
	case 'c':
		st = sq_prep(s, SQ_DIGITS_CCCD, "SELECT id, unit_id, sort_key FROM person WHERE cccd = ?1", e);
		break;
	case 'b':
		st = sq_prep(s, SQ_DIGITS_BHXH, "SELECT id, unit_id, sort_key FROM person WHERE bhxh_code = ?1", e);
		break;
	case 'p':
		st = sq_prep(s, SQ_DIGITS_PHONE, "SELECT id, unit_id, sort_key FROM person WHERE phone = ?1", e);
		break;
	default:
		return err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "id digits kind");
	}
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, digits, -1, SQLITE_TRANSIENT);
	return sq_each(s, st, hit_row, &w, "search", e);
}

/* See store.h. */
int store_people_version(store_t *s, int64_t *v, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PEOPLE_VERSION, "SELECT n FROM people_version", e);
	int rc;
	if (!st)
		return e->code;
	rc = sq_one(s, st, sq_read_int64, v, "people_version", e);
	return rc == PO_ENOTFOUND ? err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "people_version") : rc;
}

/* Hands a row (id, unit_id, sort_key) to fn.key, noting in the walk when
 * it asks to stop (an sq_each row function). */
static int key_row(sqlite3_stmt *st, void *ctx)
{
	struct walk *w = ctx;
	w->stopped = w->fn.key(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_blob(st, 2),
			       (size_t)sqlite3_column_bytes(st, 2), w->ctx) != 0;
	return w->stopped;
}

/* See store.h.  A stop asked by fn is PO_OK, not fn's value. */
int store_people_keys_each(store_t *s,
			   int (*fn)(int64_t id, int64_t unit_id, const unsigned char *key, size_t key_len, void *ctx),
			   void *ctx, err_t *e)
{
	sqlite3_stmt *st =
		sq_prep(s, SQ_PEOPLE_KEYS, "SELECT id, unit_id, sort_key FROM person ORDER BY sort_key, id", e);
	struct walk w = {.fn.key = fn, .ctx = ctx};
	int rc;
	if (!st)
		return e->code;
	rc = sq_each(s, st, key_row, &w, "people keys", e);
	return w.stopped ? PO_OK : rc;
}
