/* store.h: the only door to the database.
 *
 * A domain-level interface: functions speak of units, people, households
 * and users, never of SQL.  Each backend keeps its SQL and its migrations
 * to itself; today the backend is SQLite, and a
 * PostgreSQL backend can be added behind the same functions without
 * touching app/.  The SQLite backend lives in the sqlite_*.c files.  Errors map to a few codes: PO_ENOTFOUND, PO_ECONFLICT,
 * PO_EBUSY, PO_EINVAL, PO_EINTERNAL.
 *
 * Writes happen inside store_tx_begin()/store_tx_commit(); a failed use
 * case calls store_tx_rollback() and nothing of it remains.
 * A store_t is used by one thread at a time.
 */
#ifndef PLUSONE_STORE_H
#define PLUSONE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/model.h"
#include "core/err.h"

typedef struct store store_t;

#define STORE_KEY_MAX 1024 /* bytes of a collation key */

/* Opens the database named by `where`: a file path for SQLite, or a
 * postgresql:// URI.  Creates an SQLite file when absent.  Returns PO_OK
 * and *out, or an error (PO_EINVAL for a URI this build cannot serve,
 * PO_EIO for a file that cannot be opened). */
int store_open(const char *where, store_t **out, err_t *e);

/* Closes the store; NULL is fine. */
void store_close(store_t *s);

/* Brings the schema to the current version, applying every missing
 * migration in one transaction (all or none).  *applied (when not NULL) gets the
 * number of migrations applied (0 on a current database). */
int store_migrate(store_t *s, int *applied, err_t *e);

/* The schema version of the open database, and the version this build
 * expects. */
int store_schema_version(store_t *s, int *version, err_t *e);
int store_schema_target(void);

/* Transactions.  begin takes the write lock at once (waiting up to the
 * busy timeout), so a use case never fails half-way for a lock. */
int store_tx_begin(store_t *s, err_t *e);

/* Opens a read-only snapshot: every read until store_tx_rollback sees
 * the database as it was at the first read (WAL), without blocking
 * writers. */
int store_read_begin(store_t *s, err_t *e);

/* True inside a transaction or snapshot (store_tx_begin, store_read_begin). */
bool store_in_tx(const store_t *s);
int store_tx_commit(store_t *s, err_t *e);
void store_tx_rollback(store_t *s);

/* Durability of commits: full (every commit reaches the disk) or normal
 * (a crash may lose the last commits, never consistency).  Bulk imports
 * use normal; money uses full. */
int store_set_durable(store_t *s, bool full, err_t *e);

/* Sets the page cache of this connection to kib KiB (a server with many
 * connections keeps each one small). */
int store_set_cache(store_t *s, unsigned kib, err_t *e);

/* Lets this connection read the database file through a memory map of
 * at most mib MiB (0: plain reads).  Reads then cost no system call; the
 * mapped pages are the operating system's file cache, shared and
 * reclaimable, not the process's own memory. */
int store_set_mmap(store_t *s, unsigned mib, err_t *e);

/* ---- units ---- */

/* Inserts u (its id is set).  PO_ECONFLICT when another unit with that
 * code is in force on any day of u's period [valid_from, valid_to). */
int store_unit_insert(store_t *s, unit_t *u, err_t *e);

/* The unit with that id, or PO_ENOTFOUND. */
int store_unit_get(store_t *s, int64_t id, unit_t *u, err_t *e);

/* The unit with that code in force on `on`; when none is, the most
 * recent version with that code.  PO_ENOTFOUND when the code is unknown. */
int store_unit_by_code(store_t *s, const char *code, date_t on, unit_t *u, err_t *e);

/* Ends unit id on `on` (first day no longer in force). */
int store_unit_end(store_t *s, int64_t id, date_t on, err_t *e);

/* Records that unit succ took over unit pred (wholly or in part) on `on`. */
int store_unit_successor_add(store_t *s, int64_t pred, int64_t succ, date_t on, err_t *e);

/* Calls fn for every unit, ordered by code then valid_from; stops early
 * when fn returns non-zero (and returns that value). */
int store_units_each(store_t *s, int (*fn)(const unit_t *u, void *ctx), void *ctx, err_t *e);

/* Calls fn(pred, succ, on, ctx) for every successor link. */
int store_successors_each(store_t *s, int (*fn)(int64_t pred, int64_t succ, date_t on, void *ctx),
			  void *ctx, err_t *e);

/* Number of people attached to each unit: calls fn(unit_id, count, ctx)
 * for every unit that has people. */
int store_people_per_unit(store_t *s, int (*fn)(int64_t unit_id, int64_t n, void *ctx), void *ctx,
			  err_t *e);

/* ---- households ---- */

/* The id of the household with that code, or PO_ENOTFOUND. */
int store_household_find(store_t *s, const char *code, int64_t *id, err_t *e);

/* Inserts a household; *id gets its id.  PO_ECONFLICT on a taken code. */
int store_household_insert(store_t *s, const char *code, int64_t unit_id, int64_t *id, err_t *e);

/* Makes person the head of the household. */
int store_household_set_head(store_t *s, int64_t household_id, int64_t person_id, err_t *e);

/* Adds a dated poverty certificate to a household.  PO_ECONFLICT when
 * the household already has one starting that day. */
int store_poverty_add(store_t *s, const poverty_cert_t *c, err_t *e);

/* Calls fn for each poverty certificate of the household, oldest first. */
int store_poverty_each(store_t *s, int64_t household_id, int (*fn)(const poverty_cert_t *c, void *ctx),
		       void *ctx, err_t *e);

/* ---- people ---- */

/* What the search index needs of a person, computed by app/ from the
 * name: the folded words ("nguyen thi lan") and the collation key. */
typedef struct person_index {
	const char *name_fold;
	const unsigned char *sort_key;
	size_t sort_key_len;
} person_index_t;

/* Inserts p (p->id is set, p->member stored) with its search index entries.  PO_ECONFLICT
 * when its cccd or bhxh_code belongs to someone else. */
int store_person_insert(store_t *s, person_t *p, const person_index_t *ix, err_t *e);

/* Replaces the stored fields of person p->id with p's, and its search
 * entries when the name changed (ix not NULL).  PO_ECONFLICT as above. */
int store_person_update(store_t *s, const person_t *p, const person_index_t *ix, err_t *e);

/* The person with that id (with unit_code, household_code, member). */
int store_person_get(store_t *s, int64_t id, person_t *p, err_t *e);

/* Finds a person by cccd or by mã số BHXH.  *id gets the id;
 * PO_ENOTFOUND when nobody matches. */
int store_person_find_cccd(store_t *s, const char *cccd, int64_t *id, err_t *e);
int store_person_find_bhxh(store_t *s, const char *bhxh, int64_t *id, err_t *e);
/* The people who share p's natural key (unit, date of birth, sex and
 * exact full name), oldest first: at most cap ids in ids[0..*n).  PO_OK
 * also when there are none (*n = 0). */
int store_person_find_natural(store_t *s, const person_t *p, int64_t *ids, size_t cap, size_t *n, err_t *e);

/* Sets (member true) or removes union membership of a person; with m,
 * also records where and in what role (kept when m is NULL). */
int store_membership_set(store_t *s, int64_t person_id, bool member, const membership_t *m, err_t *e);

/* Bulk loading into an empty registry, inside the caller's transaction:
 * between these two calls the indexes of people, households and the
 * search index are not kept (nor are unique codes checked, nor can a
 * person be found by an identifier): the caller must only insert people
 * it knows to be new.  store_bulk_end builds every index in one sorted
 * pass (PO_ECONFLICT if a unique value was inserted twice) and must come
 * before the commit; a rollback undoes all. */
int store_bulk_begin(store_t *s, err_t *e);
int store_bulk_end(store_t *s, err_t *e);

/* The recorded details of a person's membership (branch, role, since)
 * and the branch's code (branch_code, UNIT_CODE_MAX + 1 bytes, "" when
 * unknown); PO_ENOTFOUND when none are recorded. */
int store_membership_get(store_t *s, int64_t person_id, membership_t *m, char *branch_code, err_t *e);

/* Number of people. */
int store_people_count(store_t *s, int64_t *n, err_t *e);

/* ---- search primitives ---- */

/* A search index entry as a scan returns it. */
typedef struct word_hit {
	int64_t person_id;
	int64_t unit_id;
	const char *word;         /* the index word (NULL for identifier scans) */
	size_t word_len;
	const unsigned char *key; /* collation key, valid during the callback */
	size_t key_len;
} word_hit_t;

/* The number of index entries whose word starts with prefix (from the
 * per-word counts the store keeps, so it costs no walk of the index). */
int store_words_count(store_t *s, const char *prefix, int64_t *n, err_t *e);

/* Calls fn for each index entry whose word starts with prefix; stops
 * early when fn returns non-zero. */
int store_words_scan(store_t *s, const char *prefix, int (*fn)(const word_hit_t *h, void *ctx),
		     void *ctx, err_t *e);

/* The people version: a counter that every insert or delete of a person
 * and every change of a name or unit bumps (an in-memory search index
 * built at version v is current while the counter is still v). */
int store_people_version(store_t *s, int64_t *v, err_t *e);

/* Calls fn(id, unit_id, key, key_len, ctx) for every person in search
 * order (collation key, then id); the key is valid during the call.
 * Stops early when fn returns non-zero. */
int store_people_keys_each(store_t *s,
			   int (*fn)(int64_t id, int64_t unit_id, const unsigned char *key, size_t key_len, void *ctx),
			   void *ctx, err_t *e);

/* Calls fn for each person whose cccd (kind 'c'), bhxh_code ('b') or
 * phone ('p') equals digits. */
int store_people_by_id_digits(store_t *s, char kind, const char *digits,
			      int (*fn)(const word_hit_t *h, void *ctx), void *ctx, err_t *e);

/* ---- users ---- */

/* Inserts a user with its password hash.  PO_ECONFLICT on a taken name. */
int store_user_insert(store_t *s, user_t *u, const char *pass_hash, err_t *e);

/* The user with that name (exact, case-insensitive) and its hash
 * (hash_cap bytes); PO_ENOTFOUND when none. */
int store_user_find(store_t *s, const char *username, user_t *u, char *hash, size_t hash_cap, err_t *e);

/* ---- legal parameters ---- */

/* Records a shipped parameter row, or brings a shipped row up to date
 * when its value, source, status or note changed; a row an admin added
 * for the same family, key and date is left alone.  *changed tells
 * whether anything was written. */
int store_param_ship(store_t *s, const param_record_t *p, bool *changed, err_t *e);

/* Adds a row an admin entered.  PO_ECONFLICT when family, key and date
 * already have a row. */
int store_param_add(store_t *s, const param_record_t *p, err_t *e);

/* Calls fn for every parameter row, ordered by family, key, date. */
int store_params_each(store_t *s, int (*fn)(const param_record_t *p, void *ctx), void *ctx, err_t *e);

/* ---- receipts, coverage, remittances, referrals ---- */

/* The receipt book of a collector, created (code "Q-" + username) on
 * first use.  *book_id gets its id. */
int store_book_for(store_t *s, int64_t collector_id, const char *username, int64_t *book_id, err_t *e);

/* Issues a receipt in book_id: takes the book's next serial (never
 * reused, even by a concurrent writer: the caller holds the write lock),
 * writes the receipt and its lines.  r->id, r->serial and r->book set. */
int store_receipt_issue(store_t *s, int64_t book_id, receipt_t *r, const receipt_line_t *lines, size_t n, err_t *e);

/* The receipt with that id (lines not read).  PO_ENOTFOUND when none. */
int store_receipt_get(store_t *s, int64_t id, receipt_t *r, err_t *e);

/* The lines of a receipt, in order, at most max; *n their number. */
int store_receipt_lines(store_t *s, int64_t id, receipt_line_t *lines, size_t max, size_t *n, err_t *e);

/* Calls fn(person, unit, scheme, last covered day, ctx) for every person
 * and scheme with a valid paid period. */
int store_coverage_each(store_t *s, int (*fn)(int64_t person, int64_t unit_id, const char *scheme, date_t last,
					      void *ctx),
			void *ctx, err_t *e);

/* Marks a receipt void with the reason, who and now. */
int store_receipt_void(store_t *s, int64_t id, const char *reason, const char *by, err_t *e);

/* The last covered day of a person in a scheme over valid receipts;
 * *has false when she has never been covered. */
int store_coverage_last(store_t *s, int64_t person_id, const char *scheme, date_t *last, bool *has, err_t *e);

/* Months of BHXH state support a person received (valid receipts). */
int store_supported_months(store_t *s, int64_t person_id, int *n, err_t *e);

/* Distinct members of a household, other than `except`, with a valid
 * BHYT line on a receipt dated in `year`. */
int store_bhyt_payers(store_t *s, int64_t household_id, int year, int64_t except, int *n, err_t *e);

/* Records cover paid outside plusone (an insurance-office list): the
 * person was covered by the scheme from `from` to `to`.  *inserted false
 * when that very period is already recorded; PO_ECONFLICT when it
 * overlaps other cover of hers (a receipt's or another import's). */
int store_coverage_import(store_t *s, int64_t person, const char *scheme, date_t from, date_t to, const char *source,
			  bool *inserted, err_t *e);

/* A person's voluntary BHXH so far: *has false when never paid; else
 * the first covered day, the last covered day (receipts and imported
 * cover), and the months and income of her latest receipt line (0 when
 * her cover comes only from imports). */
int store_bhxh_summary(store_t *s, int64_t person, bool *has, date_t *first, date_t *last, int *months,
		       money_t *income, err_t *e);

/* Records that a person stopped voluntary BHXH on d (she withdrew,
 * joined compulsory insurance, retired, died).  PO_ECONFLICT for a second
 * stop the same day. */
int store_bhxh_stop(store_t *s, int64_t person, date_t d, const char *reason, err_t *e);

/* The latest stop of a person on or before d: *has false when none. */
int store_bhxh_last_stop(store_t *s, int64_t person, date_t d, bool *has, date_t *when, err_t *e);

/* Whether a person has a valid BHYT line on a receipt dated in `year`. */
int store_bhyt_paid_in(store_t *s, int64_t person_id, int year, bool *paid, err_t *e);

/* Hands over the collector's valid receipts not yet remitted: one
 * remittance dated d.  *count 0 (and no remittance) when there is none. */
int store_remit(store_t *s, int64_t collector_id, date_t d, int64_t *remit_id, int64_t *count, money_t *amount,
		err_t *e);

/* Calls fn(scheme, months, net, is_new, ctx) for every line of the
 * remittance's receipts; is_new when the person had no valid line of
 * that scheme on an earlier receipt (a new participant). */
int store_remittance_lines_each(store_t *s, int64_t remit_id,
				int (*fn)(const char *scheme, int months, money_t net, bool is_new, void *ctx), void *ctx,
				err_t *e);

/* Records the commission of a remittance. */
int store_remittance_commission(store_t *s, int64_t remit_id, money_t commission, err_t *e);

/* The collector's valid receipts: how many, their total, and the part
 * already remitted. */
int store_cash(store_t *s, int64_t collector_id, int64_t *receipts, money_t *collected, money_t *remitted, err_t *e);

/* Records that referrer mobilised person (once per person: *added false
 * when she already has a referrer). */
int store_referral_add(store_t *s, int64_t person, int64_t referrer, const char *relation, int64_t receipt_id,
		       date_t d, bool *added, err_t *e);

/* Calls fn(person, unit, ctx) for every union member with a valid
 * receipt line (an enrolled member). */
int store_enrolled_members_each(store_t *s, int (*fn)(int64_t person, int64_t unit_id, void *ctx), void *ctx,
				err_t *e);

/* Calls fn(person, relation, date, ctx) for each person `referrer`
 * brought in, in date order. */
int store_referrals_by(store_t *s, int64_t referrer,
		       int (*fn)(int64_t person, const char *relation, date_t d, void *ctx), void *ctx, err_t *e);

/* Who brought `person` in: *has false when nobody is recorded; else the
 * referrer, the relation (cap bytes) and the date. */
int store_referrer_of(store_t *s, int64_t person, bool *has, int64_t *referrer, char *relation, size_t cap,
		      date_t *d, err_t *e);

/* Calls fn(person, person's unit, referrer) for every referral. */
int store_referrals_each(store_t *s, int (*fn)(int64_t person, int64_t unit_id, int64_t referrer, void *ctx),
			 void *ctx, err_t *e);

/* Verifies every invariant of the registry and the money: receipt
 * totals equal their lines, serials never repeat nor run ahead of their
 * book, no two valid paid periods of a person and scheme overlap, no
 * void receipt is remitted, remittances add up, each line's split adds
 * up, everyone is in the search index, the word counts are right, no
 * dangling reference, the database file is sound.  Calls fn(invariant,
 * id of the record, ctx) for each problem; *problems counts them. */
int store_check(store_t *s, int (*fn)(const char *what, int64_t id, void *ctx), void *ctx, int *problems, err_t *e);

/* ---- web sessions ---- */

/* Records a session: the hash of its token, the user, its CSRF token and
 * when it expires (ISO time text). */
int store_session_add(store_t *s, const char *token_hash, int64_t user_id, const char *csrf, const char *expires,
		      err_t *e);

/* The user and CSRF token of an unexpired session (now: ISO time text);
 * PO_ENOTFOUND when none. */
int store_session_find(store_t *s, const char *token_hash, const char *now, user_t *u, char *csrf, size_t cap,
		       err_t *e);

/* ---- audit ---- */

/* Appends an entry to the audit log: who did what to which record, with
 * a JSON detail (before/after or a summary). */
int store_audit(store_t *s, const char *actor, const char *action, const char *entity, int64_t entity_id,
		const char *detail_json, err_t *e);

/* The rest of the interface, by topic. */
#include "store/store_accounts.h"
#include "store/store_registry.h"
#include "store/store_ledger.h"
#include "store/store_idem.h"
#include "store/store_handover.h"

#endif
