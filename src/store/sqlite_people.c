/* sqlite_people.c: people, their search index entries and union
 * membership (SQLite backend). */
#include <stdio.h>
#include <string.h>

#include "core/hash.h"
#include "core/text.h"
#include "store/sqlite_int.h"

/* Maps a failed person write: a unique clash names the field it is on. */
static int person_fail(store_t *s, int rc, err_t *e)
{
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		const char *m = sqlite3_errmsg(s->db);
		if (strstr(m, "cccd"))
			return err_set(e, PO_ECONFLICT, "cccd", MSG_PERSON_CCCD_TAKEN);
		if (strstr(m, "bhxh"))
			return err_set(e, PO_ECONFLICT, "bhxh_code", MSG_PERSON_BHXH_TAKEN);
	}
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		return err_set(e, PO_EINVAL, "unit_code", MSG_PERSON_BAD_REF);
	return sq_fail(s, rc, "person", e);
}

/* Calls fn for each distinct word of the folded name (space separated),
 * each cut to VN_WORD_MAX - 1 bytes. */
static int each_word(const char *fold, int (*fn)(const char *w, size_t n, void *ctx), void *ctx)
{
	const char *p = fold, *start;
	const char *seen[32];
	size_t seen_n[32], nseen = 0, n, i;
	int rc;
	while (*p) {
		while (*p == ' ')
			p++;
		start = p;
		while (*p && *p != ' ')
			p++;
		n = (size_t)(p - start);
		if (n == 0)
			break;
		if (n > VN_WORD_MAX - 1)
			n = VN_WORD_MAX - 1;
		for (i = 0; i < nseen; i++)
			if (seen_n[i] == n && memcmp(seen[i], start, n) == 0)
				break;
		if (i < nseen)
			continue;
		if (nseen < 32) {
			seen[nseen] = start;
			seen_n[nseen++] = n;
		}
		rc = fn(start, n, ctx);
		if (rc)
			return rc;
	}
	return 0;
}

struct word_ctx {
	store_t *s;
	sqlite3_stmt *st;
	int64_t person_id, unit_id;
	const unsigned char *key;
	size_t key_len;
	err_t *e;
};

/* Inserts one index entry. */
static int word_insert(const char *w, size_t n, void *ctx)
{
	struct word_ctx *c = ctx;
	int rc;
	sqlite3_reset(c->st);
	sqlite3_bind_text(c->st, 1, w, (int)n, SQLITE_STATIC);
	sqlite3_bind_int64(c->st, 2, c->person_id);
	sqlite3_bind_int64(c->st, 3, c->unit_id);
	sqlite3_bind_blob(c->st, 4, c->key, (int)c->key_len, SQLITE_STATIC);
	rc = sqlite3_step(c->st);
	sqlite3_reset(c->st);
	if (rc != SQLITE_DONE)
		return sq_fail(c->s, rc, "person_word", c->e);
	return 0;
}

/* Deletes one index entry. */
static int word_delete(const char *w, size_t n, void *ctx)
{
	struct word_ctx *c = ctx;
	int rc;
	sqlite3_reset(c->st);
	sqlite3_bind_text(c->st, 1, w, (int)n, SQLITE_STATIC);
	sqlite3_bind_int64(c->st, 2, c->person_id);
	rc = sqlite3_step(c->st);
	sqlite3_reset(c->st);
	if (rc != SQLITE_DONE)
		return sq_fail(c->s, rc, "person_word", c->e);
	return 0;
}

/* Writes the index entries of one person. */
static int index_add(store_t *s, int64_t person_id, int64_t unit_id, const person_index_t *ix, err_t *e)
{
	struct word_ctx c = {s, NULL, person_id, unit_id, ix->sort_key, ix->sort_key_len, e};
	c.st = sq_prep(s, SQ_WORD_INSERT,
		       "INSERT INTO person_word (word, person_id, unit_id, sort_key) VALUES (?1, ?2, ?3, ?4)", e);
	if (!c.st)
		return e->code;
	return each_word(ix->name_fold, word_insert, &c);
}

/* The hash of a person's natural key (unit, date of birth, sex, exact
 * name), indexed to find people who have no identifier. */
static int64_t natural_hash(const person_t *p)
{
	char key[NAME_BYTES_MAX + 64], iso[DATE_ISO_LEN + 1];
	int n;
	date_format_iso(p->dob, iso);
	n = snprintf(key, sizeof key, "%lld|%s|%c|%s", (long long)p->unit_id, iso, p->sex, p->full_name);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof key)
		n = (int)sizeof key - 1;
	return (int64_t)hash64(key, (size_t)n);
}

/* Binds the person columns shared by insert and update (?1..?15). */
static void bind_person(sqlite3_stmt *st, const person_t *p, const person_index_t *ix)
{
	sqlite3_bind_int(st, 14, p->member ? 1 : 0);
	sqlite3_bind_int64(st, 15, natural_hash(p));
	sqlite3_bind_text(st, 1, p->full_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ix->name_fold, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, ix->sort_key, (int)ix->sort_key_len, SQLITE_STATIC);
	sq_bind_date(st, 4, p->dob);
	sqlite3_bind_int(st, 5, p->dob.year_only ? 1 : 0);
	sqlite3_bind_text(st, 6, p->sex == 'M' ? "M" : "F", 1, SQLITE_STATIC);
	sq_bind_text_or_null(st, 7, p->cccd);
	sq_bind_text_or_null(st, 8, p->bhxh_code);
	sq_bind_text_or_null(st, 9, p->phone);
	sqlite3_bind_text(st, 10, p->ethnicity[0] ? p->ethnicity : "Kinh", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 11, p->unit_id);
	if (p->household_id)
		sqlite3_bind_int64(st, 12, p->household_id);
	else
		sqlite3_bind_null(st, 12);
	sq_bind_text_or_null(st, 13, p->relation);
}

/* See store.h. */
int store_person_insert(store_t *s, person_t *p, const person_index_t *ix, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PERSON_INSERT,
				   "INSERT INTO person (full_name, name_fold, sort_key, dob, dob_year_only, sex,"
				   " cccd, bhxh_code, phone, ethnicity, unit_id, household_id, relation,"
				   " member, nat_hash, created_at, updated_at)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)", e);
	int rc;
	if (!st)
		return e->code;
	bind_person(st, p, ix);
	sqlite3_bind_text(st, 16, sq_now(s), -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return person_fail(s, rc, e);
	p->id = sqlite3_last_insert_rowid(s->db);
	return index_add(s, p->id, p->unit_id, ix, e);
}

/* See store.h. */
int store_person_update(store_t *s, const person_t *p, const person_index_t *ix, err_t *e)
{
	sqlite3_stmt *st;
	char old_fold[NAME_BYTES_MAX + 1];
	unsigned char old_key[STORE_KEY_MAX];
	size_t old_key_len;
	int64_t old_unit;
	int rc;
	person_index_t cur;

	st = sq_prep(s, SQ_PERSON_OLD_INDEX, "SELECT name_fold, sort_key, unit_id FROM person WHERE id = ?1", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, p->id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return err_set(e, PO_ENOTFOUND, "id", MSG_PERSON_UNKNOWN, (long long)p->id);
		return sq_fail(s, rc, "person", e);
	}
	sq_col_text(st, 0, old_fold, sizeof old_fold);
	old_key_len = (size_t)sqlite3_column_bytes(st, 1);
	if (old_key_len > sizeof old_key)
		old_key_len = sizeof old_key;
	if (old_key_len)
		memcpy(old_key, sqlite3_column_blob(st, 1), old_key_len);
	old_unit = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);

	cur.name_fold = old_fold;
	cur.sort_key = old_key;
	cur.sort_key_len = old_key_len;
	if (!ix)
		ix = &cur;

	st = sq_prep(s, SQ_PERSON_UPDATE,
		     "UPDATE person SET full_name = ?1, name_fold = ?2, sort_key = ?3, dob = ?4,"
		     " dob_year_only = ?5, sex = ?6, cccd = ?7, bhxh_code = ?8, phone = ?9,"
		     " ethnicity = ?10, unit_id = ?11, household_id = ?12, relation = ?13,"
		     " member = ?14, nat_hash = ?15, updated_at = ?16 WHERE id = ?17", e);
	if (!st)
		return e->code;
	bind_person(st, p, ix);
	sqlite3_bind_text(st, 16, sq_now(s), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 17, p->id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return person_fail(s, rc, e);

	if (old_unit != p->unit_id || strcmp(old_fold, ix->name_fold) != 0 || old_key_len != ix->sort_key_len ||
	    memcmp(old_key, ix->sort_key, old_key_len) != 0) {
		struct word_ctx c = {s, NULL, p->id, 0, NULL, 0, e};
		c.st = sq_prep(s, SQ_WORD_DELETE, "DELETE FROM person_word WHERE word = ?1 AND person_id = ?2", e);
		if (!c.st)
			return e->code;
		rc = each_word(old_fold, word_delete, &c);
		if (rc)
			return rc;
		return index_add(s, p->id, p->unit_id, ix, e);
	}
	return PO_OK;
}

/* Fills the person_t at out from a row of SQ_PERSON_GET (an sq_one
 * reader). */
static void person_from_row(sqlite3_stmt *st, void *out)
{
	person_t *p = out;
	char sex[4];
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, p->full_name, sizeof p->full_name);
	p->dob = sq_col_date(st, 2);
	p->dob.year_only = sqlite3_column_int(st, 3) != 0;
	sq_col_text(st, 4, sex, sizeof sex);
	p->sex = sex[0] == 'M' ? 'M' : 'F';
	sq_col_text(st, 5, p->cccd, sizeof p->cccd);
	sq_col_text(st, 6, p->bhxh_code, sizeof p->bhxh_code);
	sq_col_text(st, 7, p->phone, sizeof p->phone);
	sq_col_text(st, 8, p->ethnicity, sizeof p->ethnicity);
	p->unit_id = sqlite3_column_int64(st, 9);
	sq_col_text(st, 10, p->unit_code, sizeof p->unit_code);
	p->household_id = sqlite3_column_int64(st, 11);
	sq_col_text(st, 12, p->household_code, sizeof p->household_code);
	sq_col_text(st, 13, p->relation, sizeof p->relation);
	p->member = sqlite3_column_int(st, 14) != 0;
}

/* See store.h. */
int store_person_get(store_t *s, int64_t id, person_t *p, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PERSON_GET,
				   "SELECT p.id, p.full_name, p.dob, p.dob_year_only, p.sex, p.cccd, p.bhxh_code,"
				   " p.phone, p.ethnicity, p.unit_id, u.code, p.household_id, h.code, p.relation,"
				   " p.member"
				   " FROM person p JOIN unit u ON u.id = p.unit_id"
				   " LEFT JOIN household h ON h.id = p.household_id"
				   " WHERE p.id = ?1", e);
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sq_one(s, st, person_from_row, p, "person", e);
	return rc == PO_ENOTFOUND ? err_set(e, PO_ENOTFOUND, "id", MSG_PERSON_UNKNOWN, (long long)id) : rc;
}

/* See store.h. */
int store_person_find_cccd(store_t *s, const char *cccd, int64_t *id, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PERSON_BY_CCCD, "SELECT id FROM person WHERE cccd = ?1", e);
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, cccd, -1, SQLITE_STATIC);
	return sq_one(s, st, sq_read_int64, id, "person", e);
}

/* See store.h. */
int store_person_find_bhxh(store_t *s, const char *bhxh, int64_t *id, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PERSON_BY_BHXH, "SELECT id FROM person WHERE bhxh_code = ?1", e);
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, bhxh, -1, SQLITE_STATIC);
	return sq_one(s, st, sq_read_int64, id, "person", e);
}

struct natural_ids {
	int64_t *ids;
	size_t cap, n;
};

/* Keeps one id of the natural-key look-up while there is room. */
static int natural_row(sqlite3_stmt *st, void *ctx)
{
	struct natural_ids *c = ctx;
	if (c->n < c->cap)
		c->ids[c->n++] = sqlite3_column_int64(st, 0);
	return 0;
}

/* See store.h. */
int store_person_find_natural(store_t *s, const person_t *p, int64_t *ids, size_t cap, size_t *n, err_t *e)
{
	struct natural_ids c = {ids, cap, 0};
	int rc;
	sqlite3_stmt *st = sq_prep(s, SQ_PERSON_NATURAL,
				   "SELECT id FROM person WHERE nat_hash = ?5 AND unit_id = ?1 AND dob = ?2"
				   " AND full_name = ?3 AND sex = ?4 ORDER BY id LIMIT 16", e);
	*n = 0;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 5, natural_hash(p));
	sqlite3_bind_int64(st, 1, p->unit_id);
	sq_bind_date(st, 2, p->dob);
	sqlite3_bind_text(st, 3, p->full_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, p->sex == 'M' ? "M" : "F", 1, SQLITE_STATIC);
	rc = sq_each(s, st, natural_row, &c, "person", e);
	*n = c.n;
	return rc;
}

/* See store.h. */
int store_membership_set(store_t *s, int64_t person_id, bool member, const membership_t *m, err_t *e)
{
	sqlite3_stmt *st;
	int rc;
	st = sq_prep(s, SQ_MEMBER_FLAG, "UPDATE person SET member = ?2, updated_at = ?3 WHERE id = ?1", e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int(st, 2, member ? 1 : 0);
	sqlite3_bind_text(st, 3, sq_now(s), -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "person", e);
	if (!member) {
		st = sq_prep(s, SQ_MEMBER_DEL, "DELETE FROM union_member WHERE person_id = ?1", e);
		if (!st)
			return e->code;
		sqlite3_bind_int64(st, 1, person_id);
	} else if (m) {
		st = sq_prep(s, SQ_MEMBER_SET,
			     "INSERT INTO union_member (person_id, branch_id, role, since) VALUES (?1, ?2, ?3, ?4)"
			     " ON CONFLICT (person_id) DO UPDATE SET"
			     " branch_id = coalesce(excluded.branch_id, branch_id), role = excluded.role,"
			     " since = coalesce(excluded.since, since)", e);
		if (!st)
			return e->code;
		sqlite3_bind_int64(st, 1, person_id);
		if (m->branch_id)
			sqlite3_bind_int64(st, 2, m->branch_id);
		sqlite3_bind_text(st, 3, member_role_name(m->role), -1, SQLITE_STATIC);
		if (m->since.y > 1)
			sq_bind_date(st, 4, m->since);
	} else {
		return PO_OK;
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "union_member", e);
	return PO_OK;
}

/* See store.h. */
int store_membership_get(store_t *s, int64_t person_id, membership_t *m, char *branch_code, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_MEMBER_GET,
				   "SELECT m.branch_id, u.code, m.role, m.since FROM union_member m"
				   " LEFT JOIN unit u ON u.id = m.branch_id WHERE m.person_id = ?1", e);
	char role[24];
	int rc;
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? PO_ENOTFOUND : sq_fail(s, rc, "union_member", e);
	}
	memset(m, 0, sizeof *m);
	m->person_id = person_id;
	m->branch_id = sqlite3_column_int64(st, 0);
	sq_col_text(st, 1, branch_code, UNIT_CODE_MAX + 1);
	sq_col_text(st, 2, role, sizeof role);
	member_role_parse(role, &m->role);
	if (sqlite3_column_type(st, 3) != SQLITE_NULL)
		m->since = sq_col_date(st, 3);
	sqlite3_reset(st);
	return PO_OK;
}

/* See store.h. */
int store_people_count(store_t *s, int64_t *n, err_t *e)
{
	sqlite3_stmt *st = sq_prep(s, SQ_PEOPLE_COUNT, "SELECT count(*) FROM person", e);
	if (!st)
		return e->code;
	return sq_one(s, st, sq_read_int64, n, "person", e);
}

/* See store.h. */
int store_bulk_begin(store_t *s, err_t *e)
{
	char sql[128];
	int i, rc = PO_OK;
	if (!s->in_tx)
		return err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "bulk load outside a transaction");
	for (i = 0; !rc && i < sq_bulk_index_count; i++) {
		snprintf(sql, sizeof sql, "DROP INDEX IF EXISTS %s", sq_bulk_indexes[i][0]);
		rc = sq_exec(s, sql, e);
	}
	for (i = 0; !rc && i < sq_bulk_trigger_count; i++) {
		snprintf(sql, sizeof sql, "DROP TRIGGER IF EXISTS %s", sq_bulk_triggers[i][0]);
		rc = sq_exec(s, sql, e);
	}
	if (!rc)
		s->bulk = 1;
	return rc;
}

/* See store.h. */
int store_bulk_end(store_t *s, err_t *e)
{
	int i, rc = PO_OK;
	if (!s->bulk)
		return PO_OK;
	s->bulk = 0;
	/* let the sorter use a second core for the index builds, each
	 * sorter within half the usual cache so memory stays as bounded */
	rc = sq_exec(s, "PRAGMA threads=2; PRAGMA cache_size=-12288", e);
	for (i = 0; !rc && i < sq_bulk_index_count; i++)
		rc = sq_exec(s, sq_bulk_indexes[i][1], e);
	if (!rc)
		rc = sq_exec(s,
			     "DELETE FROM word_count;"
			     "INSERT INTO word_count (word, n) SELECT word, count(*) FROM person_word GROUP BY word;"
			     "UPDATE people_version SET n = n + 1",
			     e);
	for (i = 0; !rc && i < sq_bulk_trigger_count; i++)
		rc = sq_exec(s, sq_bulk_triggers[i][1], e);
	if (!rc)
		rc = sq_exec(s, "PRAGMA threads=0; PRAGMA cache_size=-" SQ_CACHE_KIB_STR, e);
	return rc;
}
