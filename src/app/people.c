/* people.c: checking typed person fields and writing people. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/registry.h"
#include "core/legacy.h"
#include "core/text.h"
#include "core/typed.h"
#include "app/duplicates.h"

#define NATURAL_SAME_MAX 8 /* people of one natural key looked at, and flagged, per row */

static const struct {
	const char *name, *vi;
	bool required;
} pcols[PCOL_COUNT] = {
	[PCOL_FULL_NAME] = {"full_name", "Họ và tên", true},
	[PCOL_DOB] = {"dob", "Ngày sinh", true},
	[PCOL_SEX] = {"sex", "Giới tính", true},
	[PCOL_CCCD] = {"cccd", "Số CCCD", false},
	[PCOL_BHXH] = {"bhxh_code", "Mã số BHXH", false},
	[PCOL_PHONE] = {"phone", "Số điện thoại", false},
	[PCOL_ETHNICITY] = {"ethnicity", "Dân tộc", false},
	[PCOL_UNIT] = {"unit_code", "Mã đơn vị", true},
	[PCOL_HOUSEHOLD] = {"household_code", "Mã hộ", false},
	[PCOL_RELATION] = {"relation", "Quan hệ với chủ hộ", false},
	[PCOL_MEMBER] = {"member", "Hội viên", false},
};

/* See app.h. */
const char *pcol_name(enum pcol c)
{
	return (unsigned)c < PCOL_COUNT ? pcols[c].name : "";
}

/* See app.h. */
const char *pcol_header_vi(enum pcol c)
{
	return (unsigned)c < PCOL_COUNT ? pcols[c].vi : "";
}

/* See app.h. */
bool pcol_required(enum pcol c)
{
	return (unsigned)c < PCOL_COUNT && pcols[c].required;
}

/* Cleans a free-text field into out (cap bytes).  PO_OK, or an error for
 * text over the limit (limit_bytes) or not UTF-8. */
static int clean_text(enum pcol c, const char *s, size_t n, char *out, size_t cap, err_t *e)
{
	size_t len;
	int rc = vn_clean(s, n, out, cap, &len);
	if (rc == PO_ELIMIT)
		return err_set(e, PO_EINVAL, pcol_name(c), MSG_FIELD_TOO_LONG, (int)(cap - 1));
	if (rc)
		return err_set(e, PO_EINVAL, pcol_name(c), MSG_FIELD_UTF8);
	return PO_OK;
}

/* Reads a yes/no answer as people write it: yes/no, có/không, x, 1/0,
 * true/false.  Returns 1, 0, or -1 for anything else. */
static int parse_yes_no(const char *s, size_t n)
{
	static const char *const yes[] = {"yes", "y", "co", "x", "1", "true", "hoi vien"};
	static const char *const no[] = {"no", "n", "khong", "0", "false"};
	char f[32];
	size_t i, len = vn_fold(s, n, f, sizeof f);
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strlen(yes[i]) == len && memcmp(yes[i], f, len) == 0)
			return 1;
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strlen(no[i]) == len && memcmp(no[i], f, len) == 0)
			return 0;
	return -1;
}

/* Reads a sex as written: F/M, Nữ/Nam, female/male.  'F', 'M' or 0. */
static char parse_sex(const char *s, size_t n)
{
	char f[16];
	size_t len = vn_fold(s, n, f, sizeof f);
	if ((len == 1 && f[0] == 'f') || (len == 2 && memcmp(f, "nu", 2) == 0) ||
	    (len == 6 && memcmp(f, "female", 6) == 0))
		return 'F';
	if ((len == 1 && f[0] == 'm') || (len == 3 && memcmp(f, "nam", 3) == 0) ||
	    (len == 4 && memcmp(f, "male", 4) == 0))
		return 'M';
	return 0;
}

/* True when the n bytes at s hold something other than white space. */
static bool has_value(const char *s, size_t n)
{
	size_t i;
	if (!s)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return true;
	return false;
}

/* Resolves a unit code on today's date, through the memo when there is
 * one (only u->id is then filled). */
static int memo_unit(app_t *a, const char *code, unit_t *u, err_t *e)
{
	people_memo_t *m = a->memo;
	unsigned i;
	int rc;
	if (m)
		for (i = 0; i < MEMO_UNITS; i++)
			if (m->unit[i].id && strcmp(m->unit[i].code, code) == 0) {
				u->id = m->unit[i].id;
				return PO_OK;
			}
	rc = store_unit_by_code(a->store, code, a->today, u, e);
	if (rc == PO_OK && m) {
		i = m->next++ % MEMO_UNITS;
		memcpy(m->unit[i].code, u->code, sizeof m->unit[i].code);
		m->unit[i].id = u->id;
	}
	return rc;
}

/* Adds an error to the list (when there is room). */
static void add_err(err_t *errs, size_t *nerrs, const err_t *e)
{
	if (*nerrs < PERSON_ERRORS_MAX)
		errs[(*nerrs)++] = *e;
}

/* See app.h. */
int person_parse(app_t *a, const person_fields_t *in, person_parsed_t *out, err_t *errs, size_t *nerrs)
{
	person_t *p = &out->p;
	err_t e;
	int c;
	bool dob_ok = false;
	char ex[48];
	date_t min_dob = {1900, 1, 1, false};

	memset(out, 0, sizeof *out);
	out->member = -1;
	*nerrs = 0;
	for (c = 0; c < PCOL_COUNT; c++) {
		out->has[c] = has_value(in->v[c], in->n[c]);
		if (!out->has[c] && pcol_required((enum pcol)c)) {
			err_set(&e, PO_EINVAL, pcol_name((enum pcol)c), MSG_FIELD_REQUIRED);
			add_err(errs, nerrs, &e);
		}
	}

	if (out->has[PCOL_FULL_NAME]) {
		size_t len, chars;
		enum vn_legacy which;
		int rc = vn_clean(in->v[PCOL_FULL_NAME], in->n[PCOL_FULL_NAME], p->full_name, sizeof p->full_name,
				  &len);
		chars = rc ? 0 : vn_utf8_count(p->full_name, len);
		if (rc == PO_EINVAL) {
			err_set(&e, PO_EINVAL, "full_name", MSG_FIELD_UTF8);
			add_err(errs, nerrs, &e);
		} else if (rc || chars < 1 || chars > NAME_CHARS_MAX) {
			err_set(&e, PO_EINVAL, "full_name", MSG_NAME_LENGTH, NAME_CHARS_MAX);
			add_err(errs, nerrs, &e);
		} else if (vn_legacy_mojibake(p->full_name, len, &which)) {
			err_set(&e, PO_EINVAL, "full_name", MSG_NAME_LEGACY, vn_legacy_name(which));
			add_err(errs, nerrs, &e);
		}
	}

	if (out->has[PCOL_DOB]) {
		if (date_parse_input(in->v[PCOL_DOB], in->n[PCOL_DOB], true, &p->dob, "dob", &e) != PO_OK) {
			add_err(errs, nerrs, &e);
		} else if (date_cmp(p->dob, a->today) > 0 && !(p->dob.year_only && p->dob.y == a->today.y)) {
			char iso[DATE_ISO_LEN + 1], today[DATE_ISO_LEN + 1];
			date_format_iso(p->dob, iso);
			date_format_iso(a->today, today);
			err_set(&e, PO_EINVAL, "dob", MSG_DATE_FUTURE, iso, today);
			add_err(errs, nerrs, &e);
		} else if (date_cmp(p->dob, min_dob) < 0) {
			char iso[DATE_ISO_LEN + 1];
			date_format_iso(p->dob, iso);
			err_set(&e, PO_EINVAL, "dob", MSG_DATE_TOO_EARLY, iso, 1900);
			add_err(errs, nerrs, &e);
		} else {
			dob_ok = true;
		}
	}

	if (out->has[PCOL_SEX]) {
		p->sex = parse_sex(in->v[PCOL_SEX], in->n[PCOL_SEX]);
		if (!p->sex) {
			err_set(&e, PO_EINVAL, "sex", MSG_SEX_BAD, (typed_excerpt(in->v[PCOL_SEX], in->n[PCOL_SEX], ex, sizeof ex), ex));
			add_err(errs, nerrs, &e);
		}
	}

	if (out->has[PCOL_CCCD]) {
		if (ids_cccd_parse(in->v[PCOL_CCCD], in->n[PCOL_CCCD], p->cccd, "cccd", &e) != PO_OK) {
			add_err(errs, nerrs, &e);
			p->cccd[0] = '\0';
		} else if (dob_ok && p->sex && ids_cccd_check_person(p->cccd, p->dob, p->sex, "cccd", &e) != PO_OK) {
			add_err(errs, nerrs, &e);
		}
	}
	if (out->has[PCOL_BHXH] && ids_bhxh_parse(in->v[PCOL_BHXH], in->n[PCOL_BHXH], p->bhxh_code, "bhxh_code", &e))
		add_err(errs, nerrs, &e);
	if (out->has[PCOL_PHONE] && ids_phone_parse(in->v[PCOL_PHONE], in->n[PCOL_PHONE], p->phone, "phone", &e))
		add_err(errs, nerrs, &e);
	if (out->has[PCOL_ETHNICITY] && clean_text(PCOL_ETHNICITY, in->v[PCOL_ETHNICITY], in->n[PCOL_ETHNICITY],
						   p->ethnicity, sizeof p->ethnicity, &e))
		add_err(errs, nerrs, &e);
	if (out->has[PCOL_HOUSEHOLD] && clean_text(PCOL_HOUSEHOLD, in->v[PCOL_HOUSEHOLD], in->n[PCOL_HOUSEHOLD],
						   p->household_code, sizeof p->household_code, &e))
		add_err(errs, nerrs, &e);
	if (out->has[PCOL_RELATION] && clean_text(PCOL_RELATION, in->v[PCOL_RELATION], in->n[PCOL_RELATION],
						  p->relation, sizeof p->relation, &e))
		add_err(errs, nerrs, &e);
	if (out->has[PCOL_MEMBER]) {
		out->member = parse_yes_no(in->v[PCOL_MEMBER], in->n[PCOL_MEMBER]);
		if (out->member < 0) {
			err_set(&e, PO_EINVAL, "member", MSG_MEMBER_BAD,
				(typed_excerpt(in->v[PCOL_MEMBER], in->n[PCOL_MEMBER], ex, sizeof ex), ex));
			add_err(errs, nerrs, &e);
		}
	}

	if (out->has[PCOL_UNIT]) {
		unit_t u;
		if (clean_text(PCOL_UNIT, in->v[PCOL_UNIT], in->n[PCOL_UNIT], p->unit_code, sizeof p->unit_code, &e)) {
			add_err(errs, nerrs, &e);
		} else {
			int rc = memo_unit(a, p->unit_code, &u, &e);
			if (rc == PO_OK) {
				p->unit_id = u.id;
			} else if (rc == PO_ENOTFOUND) {
				err_set(&e, PO_EINVAL, "unit_code", MSG_UNIT_UNKNOWN, p->unit_code);
				add_err(errs, nerrs, &e);
			} else {
				errs[0] = e; /* the database failed: that is the only error worth telling */
				*nerrs = 1;
				return rc;
			}
		}
	}
	return *nerrs ? PO_EINVAL : PO_OK;
}

/* Computes the search index fields of p into the caller's buffers. */
static void make_index(const person_t *p, char *fold, size_t fold_cap, unsigned char *key, person_index_t *ix)
{
	size_t n = strlen(p->full_name);
	vn_fold(p->full_name, n, fold, fold_cap);
	ix->name_fold = fold;
	ix->sort_key = key;
	ix->sort_key_len = vn_sort_key(p->full_name, n, key, STORE_KEY_MAX);
}

/* True when the relation names the household head ("chủ hộ"). */
static bool is_head(const char *relation)
{
	char f[32];
	size_t n = vn_fold(relation, strlen(relation), f, sizeof f);
	return n == 6 && memcmp(f, "chu ho", 6) == 0;
}

/* Copies the non-empty fields of the parsed row over the stored person. */
static void merge(person_t *dst, const person_parsed_t *pp)
{
	const person_t *s = &pp->p;
	memcpy(dst->full_name, s->full_name, sizeof dst->full_name);
	dst->dob = s->dob;
	dst->sex = s->sex;
	dst->unit_id = s->unit_id;
	memcpy(dst->unit_code, s->unit_code, sizeof dst->unit_code);
	if (pp->has[PCOL_CCCD])
		memcpy(dst->cccd, s->cccd, sizeof dst->cccd);
	if (pp->has[PCOL_BHXH])
		memcpy(dst->bhxh_code, s->bhxh_code, sizeof dst->bhxh_code);
	if (pp->has[PCOL_PHONE])
		memcpy(dst->phone, s->phone, sizeof dst->phone);
	if (pp->has[PCOL_ETHNICITY])
		memcpy(dst->ethnicity, s->ethnicity, sizeof dst->ethnicity);
	if (pp->has[PCOL_RELATION])
		memcpy(dst->relation, s->relation, sizeof dst->relation);
	if (pp->member >= 0)
		dst->member = pp->member == 1;
}

/* A key for the memo's filter: a one-letter kind, then the value. */
static size_t seen_key(char kind, const char *v, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%c%s", kind, v);
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

/* The natural key of a person without identifiers, for the filter. */
static size_t natural_key(const person_t *p, char *out, size_t cap)
{
	char iso[DATE_ISO_LEN + 1];
	int n;
	date_format_iso(p->dob, iso);
	n = snprintf(out, cap, "n%lld|%s|%c|%s", (long long)p->unit_id, iso, p->sex, p->full_name);
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

/* False when the memo's filter proves the key is not in the database
 * yet; true when a look-up is needed (no filter, or maybe seen). */
static bool maybe_stored(const app_t *a, const char *key, size_t n)
{
	return !a->memo || !a->memo->seen || bloom_maybe(a->memo->seen, key, n);
}

/* Records a key as written, when there is a filter. */
static void mark_stored(app_t *a, const char *key, size_t n)
{
	if (a->memo && a->memo->seen)
		bloom_add(a->memo->seen, key, n);
}

/* True when two relations to the household head are the same word
 * once folded ("Vợ" and "vo"). */
static bool same_relation(const char *a, const char *b)
{
	char x[64], y[64];
	size_t nx = vn_fold(a, strlen(a), x, sizeof x), ny = vn_fold(b, strlen(b), y, sizeof y);
	return nx == ny && memcmp(x, y, nx) == 0;
}

/* True when the stored person and the parsed row agree on a key safer
 * than the natural one: the same phone, or the same household code and
 * relation (both given). */
static bool safer_key_agrees(const person_t *cur, const person_parsed_t *pp)
{
	const person_t *p = &pp->p;
	if (pp->has[PCOL_PHONE] && cur->phone[0] && strcmp(cur->phone, p->phone) == 0)
		return true;
	if (!pp->has[PCOL_HOUSEHOLD] || !pp->has[PCOL_RELATION] || !cur->household_code[0] || !cur->relation[0])
		return false;
	return strcmp(cur->household_code, p->household_code) == 0 && same_relation(cur->relation, p->relation);
}

/* See app.h. */
void people_memo_free(people_memo_t *m)
{
	free(m->claimed);
	m->claimed = NULL;
	m->nclaimed = m->capclaimed = 0;
}

/* The slot of id in the memo's set (where it is, or the free one where
 * it would go). */
static size_t claim_slot(const people_memo_t *m, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (m->capclaimed - 1);
	while (m->claimed[i] && m->claimed[i] != id)
		i = (i + 1) & (m->capclaimed - 1);
	return i;
}

/* True when a row of this run already added or matched person id. */
static bool claimed(const app_t *a, int64_t id)
{
	return a->memo && a->memo->capclaimed && a->memo->claimed[claim_slot(a->memo, id)] == id;
}

/* Records that a row of this run added or matched person id (nothing
 * outside an import run, which has no memo). */
static int claim(app_t *a, int64_t id, err_t *e)
{
	people_memo_t *m = a->memo;
	size_t i;
	if (!m)
		return PO_OK;
	if ((m->nclaimed + 1) * 2 > m->capclaimed) {
		size_t cap = m->capclaimed ? m->capclaimed * 2 : 1024, j;
		int64_t *old = m->claimed, *n = calloc(cap, sizeof *n);
		size_t oldcap = m->capclaimed;
		if (!n)
			return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		m->claimed = n;
		m->capclaimed = cap;
		for (j = 0; j < oldcap; j++)
			if (old[j])
				m->claimed[claim_slot(m, old[j])] = old[j];
		free(old);
	}
	i = claim_slot(m, id);
	if (!m->claimed[i]) {
		m->claimed[i] = id;
		m->nclaimed++;
	}
	return PO_OK;
}

/* True when writing the row over the stored person would change none of
 * her fields (every column the row gives already holds that value). */
static bool changes_nothing(const person_t *cur, const person_parsed_t *pp)
{
	const person_t *p = &pp->p;
	if (pp->has[PCOL_PHONE] && strcmp(cur->phone, p->phone) != 0)
		return false;
	if (pp->has[PCOL_ETHNICITY] && strcmp(cur->ethnicity, p->ethnicity) != 0)
		return false;
	if (pp->has[PCOL_HOUSEHOLD] && strcmp(cur->household_code, p->household_code) != 0)
		return false;
	if (pp->member >= 0 && cur->member != (pp->member == 1))
		return false;
	return !pp->has[PCOL_RELATION] || same_relation(cur->relation, p->relation);
}

/* The natural-key look-up of a row without identifiers: *target is the
 * person of the same natural key on whom a safer key agrees (claimed for
 * the run, as every person a row of it finds), or else
 * the first whom the row would not change at all and no other row of
 * this run took (so that a file imported again changes nobody, and two
 * rows of one file stay two people); 0 when none.  Otherwise
 * same[0..*nsame) are the people who share only the natural key
 * (possible duplicates of the row). */
static int natural_match(app_t *a, const person_parsed_t *pp, int64_t *target, int64_t same[NATURAL_SAME_MAX],
			 size_t *nsame, err_t *e)
{
	person_t cur;
	size_t i, n = 0;
	int64_t quiet = 0;
	int rc = store_person_find_natural(a->store, &pp->p, same, NATURAL_SAME_MAX, &n, e);
	*nsame = 0;
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		rc = store_person_get(a->store, same[i], &cur, e);
		if (rc)
			return rc;
		if (safer_key_agrees(&cur, pp)) {
			*target = same[i];
			return claim(a, same[i], e);
		}
		if (!quiet && !claimed(a, same[i]) && changes_nothing(&cur, pp))
			quiet = same[i];
	}
	if (quiet) {
		*target = quiet;
		return claim(a, quiet, e);
	}
	*nsame = n;
	return PO_OK;
}

/* See app.h. */
int person_upsert(app_t *a, person_parsed_t *pp, bool *inserted, err_t *e)
{
	person_t *p = &pp->p, cur;
	char fold[NAME_BYTES_MAX + 1];
	unsigned char key[STORE_KEY_MAX];
	person_index_t ix;
	int64_t target = 0, owner = 0, same[NATURAL_SAME_MAX];
	size_t nsame = 0;
	char key_c[CCCD_LEN + 2], key_b[BHXH_LEN + 2], key_n[NAME_BYTES_MAX + 64], key_h[HOUSEHOLD_CODE_MAX + 2];
	size_t kc, kb, kn;
	int rc;

	*inserted = false;
	pp->duplicates = 0;
	kc = p->cccd[0] ? seen_key('c', p->cccd, key_c, sizeof key_c) : 0;
	kb = p->bhxh_code[0] ? seen_key('b', p->bhxh_code, key_b, sizeof key_b) : 0;
	kn = natural_key(p, key_n, sizeof key_n); /* marked for everyone, looked up without ids */
	if (a->memo && a->memo->seen) {
		/* bulk load: no index to look in, so a row that may meet someone
		 * already written waits until the indexes are built */
		bool hh = pp->has[PCOL_HOUSEHOLD] &&
			  !(a->memo->hh_id && strcmp(a->memo->hh_code, p->household_code) == 0);
		size_t kh = hh ? seen_key('h', p->household_code, key_h, sizeof key_h) : 0;
		if ((kc && maybe_stored(a, key_c, kc)) || (kb && maybe_stored(a, key_b, kb)) ||
		    (!kc && !kb && maybe_stored(a, key_n, kn)) || (kh && maybe_stored(a, key_h, kh))) {
			if (kc)
				mark_stored(a, key_c, kc);
			if (kb)
				mark_stored(a, key_b, kb);
			mark_stored(a, key_n, kn);
			if (kh)
				mark_stored(a, key_h, kh);
			return PO_EDEFER;
		}
	}
	if (kc && maybe_stored(a, key_c, kc)) {
		rc = store_person_find_cccd(a->store, p->cccd, &target, e);
		if (rc && rc != PO_ENOTFOUND)
			return rc;
	}
	if (kb && maybe_stored(a, key_b, kb)) {
		rc = store_person_find_bhxh(a->store, p->bhxh_code, &owner, e);
		if (rc && rc != PO_ENOTFOUND)
			return rc;
		if (owner && !target) {
			/* the number's owner is this person unless she has another CCCD */
			rc = store_person_get(a->store, owner, &cur, e);
			if (rc)
				return rc;
			if (p->cccd[0] && cur.cccd[0] && strcmp(cur.cccd, p->cccd) != 0)
				return err_set(e, PO_ECONFLICT, "bhxh_code", MSG_PERSON_BHXH_TAKEN);
			target = owner;
		} else if (owner && owner != target) {
			return err_set(e, PO_ECONFLICT, "bhxh_code", MSG_PERSON_BHXH_TAKEN);
		}
	}
	if (!kc && !kb && !pp->insert_only && maybe_stored(a, key_n, kn)) {
		rc = natural_match(a, pp, &target, same, &nsame, e);
		if (rc)
			return rc;
	}

	if (pp->has[PCOL_HOUSEHOLD]) {
		if (a->memo && a->memo->hh_id && strcmp(a->memo->hh_code, p->household_code) == 0) {
			p->household_id = a->memo->hh_id;
		} else {
			size_t kh = seen_key('h', p->household_code, key_h, sizeof key_h);
			rc = maybe_stored(a, key_h, kh)
				     ? store_household_find(a->store, p->household_code, &p->household_id, e)
				     : PO_ENOTFOUND;
			mark_stored(a, key_h, kh);
			if (rc == PO_ENOTFOUND)
				rc = store_household_insert(a->store, p->household_code, p->unit_id,
							    &p->household_id, e);
			if (rc)
				return rc;
			if (a->memo) {
				memcpy(a->memo->hh_code, p->household_code, sizeof a->memo->hh_code);
				a->memo->hh_id = p->household_id;
			}
		}
	}

	if (target) {
		rc = store_person_get(a->store, target, &cur, e);
		if (rc)
			return rc;
		merge(&cur, pp);
		if (pp->has[PCOL_HOUSEHOLD])
			cur.household_id = p->household_id;
		make_index(&cur, fold, sizeof fold, key, &ix);
		rc = store_person_update(a->store, &cur, &ix, e);
		if (rc)
			return rc;
		p->id = target;
	} else {
		if (!p->ethnicity[0])
			memcpy(p->ethnicity, "Kinh", 5);
		p->member = pp->member == 1;
		make_index(p, fold, sizeof fold, key, &ix);
		rc = store_person_insert(a->store, p, &ix, e);
		if (rc)
			return rc;
		*inserted = true;
	}
	if (*inserted && !kc && !kb) {
		rc = claim(a, p->id, e);
		if (rc)
			return rc;
	}
	if (*inserted && nsame) {
		/* the same name, birth, sex and unit, but nothing proves it is her */
		size_t i;
		for (i = 0; i < nsame; i++) {
			rc = store_duplicate_add(a->store, same[i], p->id, p->unit_id, e);
			if (rc)
				return rc;
		}
		pp->duplicates = (int)nsame;
	}
	if (kc)
		mark_stored(a, key_c, kc);
	if (kb)
		mark_stored(a, key_b, kb);
	if (kn)
		mark_stored(a, key_n, kn);
	if (p->household_id && pp->has[PCOL_RELATION] && is_head(p->relation)) {
		rc = store_household_set_head(a->store, p->household_id, p->id, e);
		if (rc)
			return rc;
	}
	if (pp->member == 0 && !*inserted) {
		/* no longer a member: her branch and role go too */
		rc = store_membership_set(a->store, p->id, false, NULL, e);
		if (rc)
			return rc;
	}
	return PO_OK;
}

/* See app.h. */
int app_person_get(app_t *a, int64_t id, const int64_t *scope, size_t nscope, person_t *p, err_t *e)
{
	int rc = store_person_get(a->store, id, p, e);
	if (rc)
		return rc;
	if (scope && !unit_set_has(scope, nscope, p->unit_id)) {
		memset(p, 0, sizeof *p);
		return err_set(e, PO_ENOTFOUND, "id", MSG_PERSON_UNKNOWN, (long long)id);
	}
	return PO_OK;
}

/* The text of the stored person's columns, as person_parse reads them
 * (so that the columns an update does not give are checked again as
 * they are); dob receives the date's text. */
static void fields_of(const person_t *p, person_fields_t *f, char dob[DATE_ISO_LEN + 1])
{
	static const char *const sex[2] = {"F", "M"};
	memset(f, 0, sizeof *f);
	if (p->dob.year_only)
		snprintf(dob, DATE_ISO_LEN + 1, "%04d", p->dob.y);
	else
		date_format_iso(p->dob, dob);
#define SET(c, s) (f->v[c] = (s), f->n[c] = strlen(f->v[c]))
	SET(PCOL_FULL_NAME, p->full_name);
	SET(PCOL_DOB, dob);
	SET(PCOL_SEX, sex[p->sex == 'M']);
	SET(PCOL_CCCD, p->cccd);
	SET(PCOL_BHXH, p->bhxh_code);
	SET(PCOL_PHONE, p->phone);
	SET(PCOL_ETHNICITY, p->ethnicity);
	SET(PCOL_UNIT, p->unit_code);
	SET(PCOL_HOUSEHOLD, p->household_code);
	SET(PCOL_RELATION, p->relation);
	SET(PCOL_MEMBER, p->member ? "yes" : "no");
#undef SET
}

/* A text value for the audit: null when empty. */
static json_t *audit_str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* Adds one changed field to the before/after objects of the audit. */
static void audit_pair(json_t *before, json_t *after, const char *k, json_t *b, json_t *a)
{
	json_object_set_new(before, k, b);
	json_object_set_new(after, k, a);
}

/* Compares the person before and after an update: fills before/after
 * with the changed fields; returns their number. */
static int person_diff(const person_t *o, const person_t *n, json_t *before, json_t *after)
{
	char x[DATE_ISO_LEN + 1], y[DATE_ISO_LEN + 1];
	char sx[2] = {o->sex, 0}, sy[2] = {n->sex, 0};
	int k = 0;
#define TEXT(field, key)                                                                        \
	if (strcmp(o->field, n->field) != 0) {                                                  \
		audit_pair(before, after, key, audit_str(o->field), audit_str(n->field));       \
		k++;                                                                            \
	}
	TEXT(full_name, "full_name")
	if (date_cmp(o->dob, n->dob) != 0 || o->dob.year_only != n->dob.year_only) {
		date_format_iso(o->dob, x);
		date_format_iso(n->dob, y);
		audit_pair(before, after, "dob", json_string(x), json_string(y));
		audit_pair(before, after, "dob_precision", json_string(o->dob.year_only ? "year" : "day"),
			   json_string(n->dob.year_only ? "year" : "day"));
		k++;
	}
	if (o->sex != n->sex) {
		audit_pair(before, after, "sex", json_string(sx), json_string(sy));
		k++;
	}
	TEXT(cccd, "cccd")
	TEXT(bhxh_code, "bhxh_code")
	TEXT(phone, "phone")
	TEXT(ethnicity, "ethnicity")
	if (o->unit_id != n->unit_id) {
		audit_pair(before, after, "unit_code", json_string(o->unit_code), json_string(n->unit_code));
		k++;
	}
	if (o->household_id != n->household_id) {
		audit_pair(before, after, "household_code", audit_str(o->household_code), audit_str(n->household_code));
		k++;
	}
	TEXT(relation, "relation")
	if (o->member != n->member) {
		audit_pair(before, after, "member", json_boolean(o->member), json_boolean(n->member));
		k++;
	}
#undef TEXT
	return k;
}

/* Sets one error as the only one of the list and returns its code. */
static int one_err(err_t *errs, size_t *nerrs, const err_t *e)
{
	errs[0] = *e;
	*nerrs = 1;
	return e->code;
}

/* The household change of an update, inside the transaction: finds the
 * household of code (one of a unit outside scope[0..nscope) is answered
 * as unknown) or creates it in the person's unit, or none for ""; a head
 * who leaves leaves the household without a head. */
static int move_household(app_t *a, const int64_t *scope, size_t nscope, const person_t *cur, person_t *np,
			  err_t *e)
{
	household_rec_t h;
	int rc;
	if (np->household_code[0] && strcmp(np->household_code, cur->household_code) == 0) {
		np->household_id = cur->household_id;
		return PO_OK;
	}
	np->household_id = 0;
	if (np->household_code[0]) {
		rc = store_household_find(a->store, np->household_code, &np->household_id, e);
		if (rc == PO_ENOTFOUND)
			rc = store_household_insert(a->store, np->household_code, np->unit_id, &np->household_id, e);
		else if (!rc && !(rc = store_household_get(a->store, np->household_id, &h, e)) &&
			 !unit_set_has(scope, nscope, h.unit_id))
			rc = err_set(e, PO_EINVAL, "household_code", MSG_HOUSEHOLD_UNKNOWN, np->household_code);
		if (rc)
			return rc;
	}
	if (cur->household_id && cur->household_id != np->household_id) {
		rc = store_household_get(a->store, cur->household_id, &h, e);
		if (!rc && h.head_id == cur->id)
			rc = store_household_clear_head(a->store, cur->household_id, e);
		if (rc)
			return rc;
	}
	return PO_OK;
}

/* See registry.h. */
int app_person_update(app_t *a, const user_t *by, int64_t id, const person_fields_t *in, person_t *out, err_t *errs,
		      size_t *nerrs)
{
	person_fields_t f;
	person_parsed_t pp;
	person_t cur, np;
	person_index_t ix;
	char dob[DATE_ISO_LEN + 1], fold[NAME_BYTES_MAX + 1];
	unsigned char key[STORE_KEY_MAX];
	int64_t *scope = NULL, other;
	size_t nscope = 0;
	json_t *before = NULL, *after = NULL, *detail = NULL;
	char *text = NULL;
	err_t e;
	int c, rc, changed;

	*nerrs = 0;
	memset(out, 0, sizeof *out);
	rc = app_writer_scope(a, by, &scope, &nscope, &e);
	if (rc)
		return one_err(errs, nerrs, &e);
	rc = store_tx_begin(a->store, &e);
	if (rc) {
		free(scope);
		return one_err(errs, nerrs, &e);
	}
	rc = app_person_get(a, id, scope, nscope, &cur, &e);
	if (rc)
		goto fail;

	/* the stored columns, with the ones given laid over them */
	fields_of(&cur, &f, dob);
	for (c = 0; c < PCOL_COUNT; c++)
		if (in->v[c]) {
			f.v[c] = in->v[c];
			f.n[c] = in->n[c];
		}
	rc = person_parse(a, &f, &pp, errs, nerrs);
	if (rc) {
		store_tx_rollback(a->store);
		free(scope);
		return rc;
	}

	np = cur;
	memcpy(np.full_name, pp.p.full_name, sizeof np.full_name);
	np.dob = pp.p.dob;
	np.sex = pp.p.sex;
	memcpy(np.cccd, pp.p.cccd, sizeof np.cccd);
	memcpy(np.bhxh_code, pp.p.bhxh_code, sizeof np.bhxh_code);
	memcpy(np.phone, pp.p.phone, sizeof np.phone);
	/* an emptied ethnicity is the default, as for a new person */
	snprintf(np.ethnicity, sizeof np.ethnicity, "%s", pp.p.ethnicity[0] ? pp.p.ethnicity : "Kinh");
	memcpy(np.relation, pp.p.relation, sizeof np.relation);
	memcpy(np.household_code, pp.p.household_code, sizeof np.household_code);
	if (pp.member >= 0)
		np.member = pp.member == 1;
	if (in->v[PCOL_UNIT]) {
		np.unit_id = pp.p.unit_id;
		memcpy(np.unit_code, pp.p.unit_code, sizeof np.unit_code);
		if (!unit_set_has(scope, nscope, np.unit_id)) {
			rc = err_set(&e, PO_EINVAL, "unit_code", MSG_UNIT_UNKNOWN, np.unit_code); /* as unknown */
			goto fail;
		}
	}

	/* identifiers that belong to someone else */
	if (np.cccd[0] && strcmp(np.cccd, cur.cccd) != 0) {
		rc = store_person_find_cccd(a->store, np.cccd, &other, &e);
		if (rc == PO_OK && other != id)
			rc = err_set(&e, PO_ECONFLICT, "cccd", MSG_PERSON_CCCD_TAKEN);
		else if (rc == PO_ENOTFOUND || rc == PO_OK)
			rc = PO_OK;
		if (rc)
			goto fail;
	}
	if (np.bhxh_code[0] && strcmp(np.bhxh_code, cur.bhxh_code) != 0) {
		rc = store_person_find_bhxh(a->store, np.bhxh_code, &other, &e);
		if (rc == PO_OK && other != id)
			rc = err_set(&e, PO_ECONFLICT, "bhxh_code", MSG_PERSON_BHXH_TAKEN);
		else if (rc == PO_ENOTFOUND || rc == PO_OK)
			rc = PO_OK;
		if (rc)
			goto fail;
	}

	rc = move_household(a, scope, nscope, &cur, &np, &e);
	if (rc)
		goto fail;

	before = json_object();
	after = json_object();
	detail = json_object();
	if (!before || !after || !detail) {
		rc = err_set(&e, PO_ENOMEM, NULL, MSG_NOMEM);
		goto fail;
	}
	changed = person_diff(&cur, &np, before, after);
	if (changed == 0) {
		/* nothing to write, nothing to audit */
		store_tx_rollback(a->store);
		json_decref(before);
		json_decref(after);
		json_decref(detail);
		free(scope);
		*out = cur;
		return PO_OK;
	}

	make_index(&np, fold, sizeof fold, key, &ix);
	rc = store_person_update(a->store, &np, &ix, &e);
	if (!rc && np.household_id && in->v[PCOL_RELATION] && is_head(np.relation))
		rc = store_household_set_head(a->store, np.household_id, id, &e);
	if (!rc && cur.member && !np.member)
		rc = store_membership_set(a->store, id, false, NULL, &e);
	if (!rc) {
		json_object_set(detail, "before", before);
		json_object_set(detail, "after", after);
		text = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
		rc = text ? store_audit(a->store, a->actor, "person.update", "person", id, text, &e)
			  : err_set(&e, PO_ENOMEM, NULL, MSG_NOMEM);
		free(text);
	}
	if (!rc)
		rc = store_tx_commit(a->store, &e);
	if (rc)
		goto fail;
	json_decref(before);
	json_decref(after);
	json_decref(detail);
	free(scope);
	rc = store_person_get(a->store, id, out, &e);
	return rc ? one_err(errs, nerrs, &e) : PO_OK;

fail:
	store_tx_rollback(a->store);
	json_decref(before);
	json_decref(after);
	json_decref(detail);
	free(scope);
	return one_err(errs, nerrs, &e);
}

/* See duplicates.h. */
int person_write(app_t *a, const person_t *p, err_t *e)
{
	char fold[NAME_BYTES_MAX + 1];
	unsigned char key[STORE_KEY_MAX];
	person_index_t ix;
	make_index(p, fold, sizeof fold, key, &ix);
	return store_person_update(a->store, p, &ix, e);
}
