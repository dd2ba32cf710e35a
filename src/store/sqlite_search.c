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
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return sq_fail(s, rc, "search", e);
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return PO_OK;
}

/* Steps st, handing each (person_id, unit_id, sort_key[, word]) row to
 * fn; with_word when the statement has the word as a fourth column. */
static int scan_rows(store_t *s, sqlite3_stmt *st, bool with_word, int (*fn)(const word_hit_t *h, void *ctx),
		     void *ctx, err_t *e)
{
	word_hit_t h;
	int rc, stop = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		h.person_id = sqlite3_column_int64(st, 0);
		h.unit_id = sqlite3_column_int64(st, 1);
		h.key = sqlite3_column_blob(st, 2);
		h.key_len = (size_t)sqlite3_column_bytes(st, 2);
		h.word = with_word ? (const char *)sqlite3_column_text(st, 3) : NULL;
		h.word_len = with_word ? (size_t)sqlite3_column_bytes(st, 3) : 0;
		stop = fn(&h, ctx);
		if (stop)
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "search", e);
	return PO_OK;
}

/* See store.h. */
int store_words_scan(store_t *s, const char *prefix, int (*fn)(const word_hit_t *h, void *ctx),
		     void *ctx, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_WORD_SCAN,
				   "SELECT person_id, unit_id, sort_key, word FROM person_word"
				   " WHERE word >= ?1 AND word < ?2", e);
	int rc;
	if (!st)
		return e->code;
	rc = bind_prefix(st, prefix, e);
	if (rc)
		return rc;
	return scan_rows(s, st, true, fn, ctx, e);
}

/* See store.h. */
int store_people_by_id_digits(store_t *s, char kind, const char *digits,
			      int (*fn)(const word_hit_t *h, void *ctx), void *ctx, err_t *e)
{
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
	return scan_rows(s, st, false, fn, ctx, e);
}

/* See store.h. */
int store_people_version(store_t *s, int64_t *v, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PEOPLE_VERSION, "SELECT n FROM people_version", e);
	int rc;
	if (!st)
		return e->code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return PO_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "people_version") : sq_fail(s, rc, "people_version", e);
}

/* See store.h. */
int store_people_keys_each(store_t *s,
			   int (*fn)(int64_t id, int64_t unit_id, const unsigned char *key, size_t key_len, void *ctx),
			   void *ctx, err_t *e)
{
	sqlite3_stmt *st =
		sq_prep(s, SQ_PEOPLE_KEYS, "SELECT id, unit_id, sort_key FROM person ORDER BY sort_key, id", e);
	int rc;
	if (!st)
		return e->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (fn(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_blob(st, 2),
		       (size_t)sqlite3_column_bytes(st, 2), ctx)) {
			sqlite3_reset(st);
			return PO_OK;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PO_OK : sq_fail(s, rc, "people keys", e);
}
