/* sqlite_int.h: what the SQLite backend's files share (internal to store/). */
#ifndef PLUSONE_STORE_SQLITE_INT_H
#define PLUSONE_STORE_SQLITE_INT_H

#include <sqlite3.h>
#include <time.h>

#include "store/store.h"

#define SQ_CACHE_KIB 32768 /* page cache: 32 MiB at most */
#define SQ_CACHE_KIB_STR "32768"

/* Every statement the backend prepares, cached for the store's life. */
enum sq_stmt {
	SQ_BEGIN, SQ_COMMIT, SQ_ROLLBACK,
	SQ_UNIT_INSERT, SQ_UNIT_GET, SQ_UNIT_BY_CODE, SQ_UNIT_END, SQ_UNIT_SUCC_ADD,
	SQ_UNIT_EACH, SQ_SUCC_EACH, SQ_UNIT_CONFLICT, SQ_PEOPLE_PER_UNIT,
	SQ_HH_FIND, SQ_HH_INSERT, SQ_HH_HEAD, SQ_POVERTY_ADD,
	SQ_PERSON_INSERT, SQ_PERSON_UPDATE, SQ_PERSON_GET, SQ_PERSON_OLD_INDEX,
	SQ_PERSON_BY_CCCD, SQ_PERSON_BY_BHXH, SQ_PERSON_NATURAL, SQ_PEOPLE_COUNT,
	SQ_WORD_INSERT, SQ_WORD_DELETE, SQ_WORD_COUNT, SQ_WORD_SCAN,
	SQ_DIGITS_CCCD, SQ_DIGITS_BHXH, SQ_DIGITS_PHONE,
	SQ_MEMBER_SET, SQ_MEMBER_DEL, SQ_MEMBER_FLAG, SQ_MEMBER_GET, SQ_POVERTY_EACH,
	SQ_USER_INSERT, SQ_USER_FIND, SQ_AUDIT,
	SQ_PARAM_SHIP, SQ_PARAM_ADD, SQ_PARAM_EACH,
	SQ_BOOK_FIND, SQ_BOOK_ADD, SQ_BOOK_NEXT, SQ_RECEIPT_ADD, SQ_LINE_ADD, SQ_RECEIPT_GET, SQ_RECEIPT_VOID,
	SQ_COVER_LAST, SQ_SUPPORTED, SQ_BHYT_PAYERS, SQ_REMIT_SUM, SQ_REMIT_ADD, SQ_REMIT_MARK, SQ_CASH,
	SQ_REFERRAL_ADD, SQ_REFERRAL_EACH, SQ_LINES_GET, SQ_COVER_EACH, SQ_BHYT_PAID, SQ_REMIT_LINES, SQ_REMIT_COMMISSION, SQ_ENROLLED,
	SQ_COVER_SAME, SQ_COVER_OVERLAP, SQ_COVER_ADD, SQ_BHXH_SPAN, SQ_BHXH_LAST, SQ_REFERRALS_BY, SQ_STOP_ADD, SQ_STOP_LAST, SQ_SESSION_ADD, SQ_SESSION_FIND,
	/* accounts (sqlite_accounts.c) */
	SQ_ACC_SESSION_OWNER, SQ_ACC_SESSION_DEL, SQ_ACC_SESSIONS_USER, SQ_ACC_SESSIONS_USER_ALL, SQ_ACC_SESSIONS_PURGE,
	SQ_ACC_USER_GET, SQ_ACC_USER_PASSWORD, SQ_ACC_USER_UPDATE, SQ_ACC_USERS_EACH, SQ_ACC_AUDIT_LIST,
	/* registry (sqlite_registry.c) */
	SQ_REG_PEOPLE_IN, SQ_REG_FIG_PEOPLE, SQ_REG_FIG_COVER, SQ_REG_FIG_RECEIPTS, SQ_REG_FIG_DUE,
	SQ_REG_FIG_COVER_IN, SQ_REG_FIG_DUE_IN, SQ_REG_VOIDS,
	SQ_REG_HH_GET, SQ_REG_HH_MEMBERS, SQ_REG_HH_NO_HEAD, SQ_REG_PERIODS, SQ_REG_RECEIPTS, SQ_REG_SUPPORT,
	/* ledger (sqlite_ledger.c) */
	SQ_LED_LIST, SQ_LED_LIST_C, SQ_LED_LIST_P, SQ_LED_LIST_CP, SQ_LED_ROW, SQ_LED_NAMES, SQ_LED_REMIT_RECEIPTS,
	/* remittances and settings (sqlite_handover.c) */
	SQ_HO_REMITS, SQ_HO_REMIT_GET, SQ_HO_REMIT_CONFIRM, SQ_HO_SETTING_GET, SQ_HO_SETTING_SET,
	/* search index of the server (sqlite_search.c) */
	SQ_PEOPLE_KEYS, SQ_PEOPLE_VERSION, SQ_REFERRER_OF,
	/* idempotency keys (sqlite_idem.c) */
	SQ_IDEM_GET, SQ_IDEM_PUT, SQ_IDEM_PURGE,
	SQ__COUNT
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *st[SQ__COUNT];
	int in_tx;
	int bulk;           /* between store_bulk_begin and store_bulk_end */
	time_t now_t;       /* the second `now` was made for */
	char now[24];       /* "YYYY-MM-DDTHH:MM:SSZ", for created_at/updated_at */
};

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (made once a second). */
const char *sq_now(store_t *s);

/* The cached statement id, prepared from sql on first use and reset for
 * a new use; NULL (e filled) on failure. */
sqlite3_stmt *sq_prep(store_t *s, enum sq_stmt id, const char *sql, err_t *e);

/* Maps an SQLite result code to a PO_* code and fills e with the
 * database's message; `what` names the operation for the message. */
int sq_fail(store_t *s, int rc, const char *what, err_t *e);

/* Steps st to its end, calling row(st, ctx) for each row.  When row
 * returns non-zero the walk stops there and sq_each returns that value
 * unchanged (so a caller's stop value or error reaches its own caller);
 * otherwise PO_OK once the rows run out, or the mapped error of a step
 * that failed (`what` names the operation, as for sq_fail).  st is reset
 * in every case; its bindings stay. */
int sq_each(store_t *s, sqlite3_stmt *st, int (*row)(sqlite3_stmt *st, void *ctx), void *ctx, const char *what,
	    err_t *e);

/* Steps st once and resets it (its bindings stay).  When st yields a row,
 * read(st, ctx) takes what it needs from it before the reset and the
 * result is PO_OK; PO_ENOTFOUND, e untouched, when st yields no row;
 * otherwise the mapped error of the step (`what` names the operation). */
int sq_one(store_t *s, sqlite3_stmt *st, void (*read)(sqlite3_stmt *st, void *ctx), void *ctx, const char *what,
	   err_t *e);

/* A reader for sq_one: column 0 as an integer into *(int64_t *)out. */
void sq_read_int64(sqlite3_stmt *st, void *out);

/* A reader for sq_one (sqlite_money.c): the receipt_t at out, zeroed, then
 * filled from columns 0..10: r.id, b.code, r.serial, r.date,
 * r.collector_id, u.username, r.payer_id, r.total, r.void,
 * r.remittance_id, r.method. */
void sq_read_receipt(sqlite3_stmt *st, void *out);

/* What sq_read_user fills: a user and, when text is not NULL and cap > 0,
 * a text that follows the user's columns (cap bytes, NUL-terminated). */
struct sq_user_read {
	user_t *u;
	char *text;
	size_t cap;
};

/* A reader for sq_one (sqlite_accounts.c): the user_t at ctx->u, zeroed,
 * then filled from columns 0..6: id, username, role, unit id, unit code,
 * disabled, full name; then column 7 as text into ctx->text (see above). */
void sq_read_user(sqlite3_stmt *st, void *ctx);

/* Runs one SQL text without results (used by migrations and pragmas). */
int sq_exec(store_t *s, const char *sql, err_t *e);

/* Binds a date as 'YYYY-MM-DD' text. */
int sq_bind_date(sqlite3_stmt *st, int i, date_t d);

/* Binds text, or NULL when s is empty. */
int sq_bind_text_or_null(sqlite3_stmt *st, int i, const char *s);

/* Reads column i as a date ('YYYY-MM-DD'); a NULL or bad value gives
 * 0001-01-01. */
date_t sq_col_date(sqlite3_stmt *st, int i);

/* Copies text column i into out (cap bytes, NUL-terminated, "" for NULL). */
void sq_col_text(sqlite3_stmt *st, int i, char *out, size_t cap);

/* Indexes a bulk load drops and builds again: {name, CREATE statement}. */
extern const char *const sq_bulk_indexes[][2];
extern const int sq_bulk_index_count;

/* Triggers a bulk load drops and makes again: {name, CREATE statement}. */
extern const char *const sq_bulk_triggers[][2];
extern const int sq_bulk_trigger_count;

/* The migrations: SQL texts, applied in order; index + 1 is the version. */
extern const char *const sq_migrations[];
extern const int sq_migration_count;

#endif
