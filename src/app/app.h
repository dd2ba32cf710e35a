/* app.h: the use cases of plusone and the context they run in.
 *
 * Adapters (cli/, later web/) parse a request, then call one function
 * here.  Each use case that writes runs in one transaction and leaves
 * one audit entry; each checks its own rules and returns PO_OK or an
 * error naming the field.
 */
#ifndef PLUSONE_APP_H
#define PLUSONE_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "app/model.h"
#include "core/bloom.h"
#include "core/err.h"
#include "rules/params.h"
#include "store/store.h"

#define MEMO_UNITS 16 /* unit codes remembered by a people memo */

/* Lookups remembered over a long run of writes by one use case (an
 * import): unit codes and the last household.  A use case sets it for
 * its own duration only, while it alone changes units and households. */
typedef struct people_memo {
	struct {
		char code[UNIT_CODE_MAX + 1];
		int64_t id;
	} unit[MEMO_UNITS];
	unsigned next;          /* the slot to replace next */
	char hh_code[HOUSEHOLD_CODE_MAX + 1];
	int64_t hh_id;          /* 0: none remembered */
	/* For a load into an empty registry: every identifier, natural key
	 * and household code written so far (NULL otherwise).  A key it has
	 * never seen cannot be in the database, so no look-up is needed. */
	bloom_t *seen;
	/* The people that rows without identifiers added or matched in this
	 * run, so that two such rows are never taken for one person (a
	 * hash set of ids, 0 free; people_memo_free releases it). */
	int64_t *claimed;
	size_t nclaimed, capclaimed;
} people_memo_t;

/* Releases what person_upsert kept in the memo. */
void people_memo_free(people_memo_t *m);

/* Who acts, on what store.  Owned by the adapter. */
typedef struct app {
	store_t *store;
	const char *actor; /* username or "cli" for the operator; goes to the audit log */
	date_t today;      /* the date use cases take as today */
	people_memo_t *memo; /* NULL, or set by a use case for its duration */
	/* NULL, or an in-memory name index a long-lived process (the web
	 * server) keeps; people_search uses it while it is current */
	struct search_index *six;
} app_t;

/* ---- units (units.c) ---- */

/* Adds a unit in force from valid_from (kind, code, name checked; the
 * parent, when parent_code is not NULL or "", must exist).  u->id is set. */
int app_unit_add(app_t *a, unit_t *u, const char *parent_code, err_t *e);

/* Records a reorganisation on date `on`: the units with codes
 * from_codes[0..n) end the day before `on` and the new unit `into`
 * (code, name, kind, parent) takes them over from `on`: a successor link
 * from each.  `into` may reuse one of their codes (a surviving unit keeps
 * a predecessor's code).  All or nothing. */
int app_unit_reorganize(app_t *a, unit_t *into, const char *parent_code, const char *const *from_codes,
			size_t n, date_t on, err_t *e);

/* Ends the unit with that code on `on` (first day no longer in force)
 * without a successor: a level of government that is abolished. */
int app_unit_end(app_t *a, const char *code, date_t on, err_t *e);

/* The same two use cases inside a transaction the caller holds. */
int app_unit_add_in_tx(app_t *a, unit_t *u, const char *parent_code, err_t *e);
int app_unit_reorganize_in_tx(app_t *a, unit_t *into, const char *parent_code, const char *const *from_codes,
			      size_t n, date_t on, err_t *e);

/* An in-memory picture of every unit and successor link, for subtree
 * questions.  Owner: whoever called unit_tree_load(); free with
 * unit_tree_free(). */
typedef struct unit_tree unit_tree_t;

int unit_tree_load(store_t *s, unit_tree_t **out, err_t *e);
void unit_tree_free(unit_tree_t *t);

/* Number of units and the i-th (ordered by code, then valid_from). */
size_t unit_tree_count(const unit_tree_t *t);
const unit_t *unit_tree_at(const unit_tree_t *t, size_t i);
const unit_t *unit_tree_find(const unit_tree_t *t, int64_t id);

/* The sorted ids of every unit inside the subtree of root: root, its
 * children and theirs, and, through successor links, every unit that
 * root (or a unit inside it) took over together with that unit's
 * subtree, so that people of a merged commune belong to the new one.
 * *ids is malloc'd (caller frees); *n its length. */
int unit_tree_subtree(const unit_tree_t *t, int64_t root, int64_t **ids, size_t *n, err_t *e);

/* True when id is in the sorted set ids[0..n). */
bool unit_set_has(const int64_t *ids, size_t n, int64_t id);

/* The unit that today stands for unit id: id itself while it is in force
 * on `on`, else its successor in force on `on` (followed through several
 * reorganisations); id itself when it has no single successor. */
int64_t unit_tree_current(const unit_tree_t *t, int64_t id, date_t on);

/* The sorted ids of the subtree of the unit with that code in force
 * today (see unit_tree_subtree); PO_EINVAL naming `field` for an unknown
 * code.  *ids is malloc'd. */
int app_unit_scope(app_t *a, const char *code, const char *field, int64_t **ids, size_t *n, err_t *e);

/* The same from a unit id (a user's unit): what she may see and change. */
int app_unit_scope_id(app_t *a, int64_t unit_id, int64_t **ids, size_t *n, err_t *e);

/* One row of a head count: a unit in force on the date and the people
 * of its subtree, predecessors included. */
typedef struct unit_count {
	unit_t unit;
	int64_t people;
} unit_count_t;

/* People per unit in force on `on`, for units of kind `kind` (or, when
 * any_local is set, every commune, ward and town), in code order: the
 * people of units a reorganisation merged into one count in it.  Calls
 * fn for each; stops when fn returns non-zero. */
int app_unit_counts(app_t *a, date_t on, enum unit_kind kind, bool any_local,
		    int (*fn)(const unit_count_t *c, void *ctx), void *ctx, err_t *e);

/* ---- users (users.c) ---- */

/* Creates a login with an argon2id hash of password (PASSWORD_MIN
 * characters at least).  The unit must exist.  u->id is set. */
int app_user_add(app_t *a, user_t *u, const char *unit_code, const char *password, err_t *e);

/* The same inside a transaction the caller holds (for use cases that
 * create logins with other records, such as the demo). */
int app_user_add_in_tx(app_t *a, user_t *u, const char *unit_code, const char *password, err_t *e);

/* Checks a username and password.  PO_OK and *u when they match and the
 * user is not disabled; PO_ENOTFOUND otherwise (the same answer whether
 * the name exists or not, after the same work). */
int app_user_verify(app_t *a, const char *username, const char *password, user_t *u, err_t *e);

/* ---- people (people.c) ---- */

/* The columns of a person as typed (import, API). */
enum pcol {
	PCOL_FULL_NAME = 0, PCOL_DOB, PCOL_SEX, PCOL_CCCD, PCOL_BHXH, PCOL_PHONE, PCOL_ETHNICITY,
	PCOL_UNIT, PCOL_HOUSEHOLD, PCOL_RELATION, PCOL_MEMBER, PCOL_COUNT
};

/* Column names in English (the contract's keys) and Vietnamese headers. */
const char *pcol_name(enum pcol c);
const char *pcol_header_vi(enum pcol c);
bool pcol_required(enum pcol c);

/* One person as typed: for each column its text (NULL when the column is
 * absent), not necessarily NUL-terminated. */
typedef struct person_fields {
	const char *v[PCOL_COUNT];
	size_t n[PCOL_COUNT];
} person_fields_t;

#define PERSON_ERRORS_MAX PCOL_COUNT

/* What person_parse made of the fields. */
typedef struct person_parsed {
	person_t p;
	int member;      /* -1 not given, 0 no, 1 yes */
	bool has[PCOL_COUNT]; /* the column had a non-empty value */
	bool insert_only;     /* person_upsert: add her, never look for her by the natural key */
	int duplicates;       /* set by person_upsert: possible duplicates recorded for her */
} person_parsed_t;

/* Checks and normalises typed fields into *out (NFC, trimmed, ids
 * normalised, unit resolved).  Returns PO_OK or PO_EINVAL with every
 * problem in errs[0..*nerrs) (at most PERSON_ERRORS_MAX), each naming
 * its column. */
int person_parse(app_t *a, const person_fields_t *in, person_parsed_t *out, err_t *errs, size_t *nerrs);

/* Inserts or updates one parsed person, inside the caller's transaction:
 * the person whose cccd (else bhxh_code) matches is updated with the
 * non-empty fields.  A row with neither number updates a person of the
 * same natural key (unit + date of birth + sex + exact name) only when a
 * safer key agrees too (the same phone, or the same household code and
 * relation); when people share her natural key but no safer key, she is
 * added as a new person and each pair is recorded in the list of
 * possible duplicates (pp->duplicates counts them) for a cadre to
 * review.  Otherwise a person is added (pp->insert_only skips the
 * natural-key look-up).  Household and membership follow.  *inserted tells
 * which happened; pp->p.id is set.  PO_ECONFLICT when an identifier
 * belongs to someone else.  During a bulk load (a->memo->seen set),
 * returns PO_EDEFER without writing anything when the row may concern a
 * person or household already written: the caller replays it after
 * store_bulk_end. */
int person_upsert(app_t *a, person_parsed_t *pp, bool *inserted, err_t *e);

/* The person with that id, or PO_ENOTFOUND (also when she is outside
 * scope[0..nscope), if scope is not NULL: the same answer as missing). */
int app_person_get(app_t *a, int64_t id, const int64_t *scope, size_t nscope, person_t *p, err_t *e);

/* ---- legal parameters (params.c) ---- */

/* Brings the shipped parameters (data/params, compiled in) into the
 * database: new rows added, shipped rows whose value or source changed
 * updated, rows an admin added kept.  *changed counts the rows written
 * (0 on a current database). */
int app_params_sync(app_t *a, int *changed, err_t *e);

/* Adds a parameter row an admin entered (a new decree), audited.  Checks
 * the names, the value (0..MONEY_MAX), the family, key and value against
 * the known families (rules/param_family.h: PO_EINVAL naming family, key
 * or value), the status and that a source is given; PO_ECONFLICT when
 * that family, key and date already have a row. */
int app_param_add(app_t *a, param_record_t *p, err_t *e);

/* app_param_add on behalf of a logged-in user: legal parameters are
 * national, so only an administrator of a top-level unit (one without a
 * parent: the province, or whatever unit heads the installation) may
 * record them.  Anyone else (an officer, an administrator of a district
 * or commune, a disabled login): PO_EFORBIDDEN, field "role",
 * MSG_PARAM_NATIONAL, before the row is looked at.  The operator at the
 * command line, who holds the database file, calls app_param_add. */
int app_param_add_by(app_t *a, const user_t *by, param_record_t *p, err_t *e);

/* The check of app_param_add_by alone (PO_OK or PO_EFORBIDDEN), for an
 * adapter that refuses before reading the request. */
int app_param_writer_check(app_t *a, const user_t *by, err_t *e);

/* Loads every parameter row, sorted for params_get.  Free with
 * app_params_free. */
int app_params_load(app_t *a, params_t *out, err_t *e);
void app_params_free(params_t *p);

/* Every parameter row as recorded (family, key, date order). */
int app_params_each(app_t *a, int (*fn)(const param_record_t *p, void *ctx), void *ctx, err_t *e);

/* Verifies every invariant of the data (see store_check); *problems
 * counts what is broken, each reported to fn. */
int app_check(app_t *a, int (*fn)(const char *what, int64_t id, void *ctx), void *ctx, int *problems, err_t *e);

/* ---- households and membership (households.c) ---- */

/* "poor" / "near_poor" ("" for none), and back. */
const char *poverty_name(enum poverty p);
bool poverty_parse(const char *s, enum poverty *out);

/* Records a poverty certificate of the household with that code, valid
 * from `from` to `to` (both included). */
int app_poverty_add(app_t *a, const char *household_code, enum poverty status, date_t from, date_t to,
		    err_t *e);

/* The household's status on date `on`: POVERTY_POOR if a poor
 * certificate is valid then, else POVERTY_NEAR_POOR if a near-poor one
 * is, else POVERTY_NONE. */
int app_poverty_on(app_t *a, int64_t household_id, date_t on, enum poverty *out, err_t *e);

/* Makes a person a union member of the branch (a unit of kind branch;
 * NULL or "" when unknown) in a role, since a date (year 1 when
 * unknown). */
int app_membership_set(app_t *a, int64_t person_id, const char *branch_code, enum member_role role, date_t since,
		       err_t *e);

#define PERSON_CERTS_MAX 16 /* poverty certificates shown with a person */

/* A person with what is known around her: membership details and her
 * household's poverty certificates. */
typedef struct person_details {
	person_t p;
	bool has_membership;     /* branch/role/since recorded */
	membership_t membership;
	char branch_code[UNIT_CODE_MAX + 1];
	enum poverty poverty_today;
	poverty_cert_t certs[PERSON_CERTS_MAX]; /* the newest, oldest first */
	size_t ncerts;
} person_details_t;

/* The person with that id and her details (PO_ENOTFOUND as app_person_get). */
int app_person_details(app_t *a, int64_t id, const int64_t *scope, size_t nscope, person_details_t *d, err_t *e);

/* app_person_add (app/duplicates.h) without confirm_new: a person who
 * may be someone already stored is PO_ECONFLICT "candidates". */
int app_person_create(app_t *a, const user_t *by, const person_fields_t *in, person_t *out, err_t *errs,
		      size_t *nerrs);

/* ---- sessions (sessions.c) ---- */

/* Checks the password and opens a session: a random token (64 hex) and
 * a CSRF token (32 hex).  PO_ENOTFOUND for wrong credentials, whether
 * the user exists or not. */
int app_login(app_t *a, const char *username, const char *password, char token[65], char csrf[33], user_t *u,
	      err_t *e);

/* The user of an unexpired session token and its CSRF token;
 * PO_ENOTFOUND otherwise. */
int app_session(app_t *a, const char *token, user_t *u, char csrf[33], err_t *e);

/* ---- search (search.c) ---- */

#define SEARCH_LIMIT_DEFAULT 20
#define SEARCH_LIMIT_MAX 1000
#define SEARCH_WORDS_MAX 8

typedef struct search_result {
	int64_t total;  /* every match */
	size_t n;       /* matches returned (at most the limit) */
	person_t *items;/* malloc'd; free with search_result_free */
} search_result_t;

/* Finds people whose name matches q (each word of q the start of a
 * different word of the name, ignoring case and diacritics) or whose
 * cccd (12 digits) / bhxh_code or phone (10 digits) equals q; only people
 * of units in scope[0..nscope) when scope is not NULL.  Results in
 * Vietnamese order of the name, at most limit (1..SEARCH_LIMIT_MAX). */
int people_search(app_t *a, const char *q, const int64_t *scope, size_t nscope, int limit,
		  search_result_t *out, err_t *e);
void search_result_free(search_result_t *r);

#endif
