/* accounts.h: use cases (see app.h) of sessions, passwords, user
 * administration and the audit log.  Logging in and finding a session
 * are app_login and app_session in app.h; creating a login without a
 * scope check is app_user_add.
 *
 * Every write runs in one transaction with one audit entry whose detail
 * is JSON; a change carries {"before": {...}, "after": {...}}.  No
 * detail ever holds a password, a password hash or a token.
 */
#ifndef PLUSONE_APP_ACCOUNTS_H
#define PLUSONE_APP_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"

#define ACCOUNT_HASH_MAX 128 /* bytes of a stored password hash, NUL included */
#define SESSION_TOKEN_LEN 64 /* hex digits of a session token */
#define SESSION_SECONDS (12 * 3600) /* a session lasts a working day (the cookie's Max-Age too) */

/* ---- passwords (accounts.c) ---- */

/* Checks a new password: valid UTF-8, at least PASSWORD_MIN characters,
 * at most PASSWORD_MAX bytes.  PO_EINVAL naming `field` otherwise. */
int app_password_check(const char *password, const char *field, err_t *e);

/* Checks a new password (as app_password_check) and writes its argon2id
 * hash into hash.  PO_ENOMEM when hashing fails. */
int app_password_hash(const char *password, const char *field, char hash[ACCOUNT_HASH_MAX], err_t *e);

/* Changes the password of user user_id: old_password must be her current
 * one (else PO_EINVAL on the field "old_password"); new_password must
 * pass app_password_check and differ from the old one (else PO_EINVAL on
 * "new_password").  Stores the new argon2id hash and closes every other
 * session of hers: all but the one whose token is keep_token (NULL:
 * every one).  Audited "user.password" (detail: how many sessions were
 * closed).  PO_ENOTFOUND when the user does not exist or is disabled. */
int app_password_change(app_t *a, int64_t user_id, const char *old_password, const char *new_password,
			const char *keep_token, err_t *e);

/* ---- sessions (sessions.c) ---- */

/* The hash under which a session token is stored (64 hex digits). */
void app_session_token_hash(const char *token, char out[65]);

/* Closes the session with that token, audited "session.logout" in the
 * name of the session's owner.  A token that names no session (unknown,
 * malformed, NULL, already closed) is PO_OK and writes nothing: logging
 * out twice is harmless.  An expired session is deleted the same way. */
int app_logout(app_t *a, const char *token, err_t *e);

/* Deletes every expired session; *n (may be NULL) gets how many.  When
 * there were some, audited "session.purge" with {"deleted": n}.  The
 * server calls it now and then. */
int app_sessions_purge(app_t *a, int64_t *n, err_t *e);

/* Audits a failed password check ("session.login_failed", actor: the
 * name typed, so the row belongs to that user's unit when she exists;
 * detail {"username", "address"}) in its own transaction.  The name is
 * cut to USERNAME_MAX bytes at a character boundary, in both. */
int app_login_failed(app_t *a, const char *username, const char *address, err_t *e);

/* Writes one audit row (actor a->actor, no record id, detail_json as
 * given) in its own transaction. */
int app_audit_note(app_t *a, const char *action, const char *entity, const char *detail_json, err_t *e);

/* ---- users (accounts.c) ---- */

/* The login name of user id into out (cap bytes) and her unit into
 * *unit_id; false when there is no such user. */
bool app_user_name_of(app_t *a, int64_t id, char *out, size_t cap, int64_t *unit_id);

/* True when a login named username exists and her unit is inside
 * scope[0..nscope). */
bool app_user_name_in_scope(app_t *a, const char *username, const int64_t *scope, size_t nscope);

/* The unit of user u as recorded (for showing its name). */
int app_user_unit(app_t *a, const user_t *u, unit_t *unit, err_t *e);

/* Sets *top to whether u is an enabled administrator of a unit at the
 * top of the tree (no parent): the one who may write what holds for the
 * whole country (legal parameters, the collection point).  A user whose
 * unit is gone is not; other store errors are returned. */
int app_user_top_admin(app_t *a, const user_t *u, bool *top, err_t *e);

/* Calls fn for every user whose unit is inside scope[0..nscope) (every
 * user when scope is NULL), ordered by username; stops early when fn
 * returns non-zero and returns that value. */
int app_user_list(app_t *a, const int64_t *scope, size_t nscope, int (*fn)(const user_t *u, void *ctx), void *ctx,
		  err_t *e);

/* What app_user_update changes; every member says "unchanged" by
 * default (see USER_CHANGES_NONE). */
typedef struct user_changes {
	const char *role;          /* the new role by name ("collector"); NULL: unchanged */
	const char *unit_code;     /* move to the unit with this code (in force today); NULL: unchanged */
	int disabled;              /* 1 disable, 0 enable, -1 unchanged */
	const char *new_password;  /* reset the password; NULL: unchanged */
	const char *full_name;     /* the full name ("" clears it); NULL: unchanged */
} user_changes_t;

#define USER_CHANGES_NONE ((user_changes_t){NULL, NULL, -1, NULL, NULL})

/* Cleans a login's full name `in` into out (NFC, spaces trimmed and
 * collapsed; "" allowed): PO_EINVAL on "full_name" when it is not valid
 * UTF-8 or longer than USER_FULL_NAME_MAX bytes after cleaning. */
int app_user_full_name_clean(const char *in, char out[USER_FULL_NAME_MAX + 1], err_t *e);

/* Changes user id on behalf of `by` (an admin; NULL: the operator, who
 * may change anyone).  The user must be inside by's units, else
 * PO_ENOTFOUND, the same as a missing one (checked before anything
 * else, so that every other answer is the same for a missing user); a
 * role must be a known one (PO_EINVAL on "role"); a new unit must exist
 * (PO_EINVAL on "unit_code") and be inside by's units too (PO_EINVAL on
 * "unit_code").  An admin cannot take her own admin role away (PO_EINVAL
 * on "role") nor disable herself (PO_EINVAL on "disabled"); a new
 * password must pass app_password_check (PO_EINVAL on "password").  A
 * user who is disabled or whose password is reset loses every session.
 * Audited "user.update" with {"username", "before": {role, unit_code,
 * disabled}, "after": {role, unit_code, disabled[, "password":
 * "changed"]}}.  A request that changes nothing writes nothing.  *out
 * (may be NULL) is the user as she is afterwards. */
int app_user_update(app_t *a, const user_t *by, int64_t id, const user_changes_t *c, user_t *out, err_t *e);

/* Creates a login (as app_user_add) on behalf of `by` (an admin; NULL:
 * the operator): the unit must exist (PO_EINVAL on "unit_code") and be
 * inside by's units (PO_EINVAL on "unit_code"). */
int app_user_create_by(app_t *a, const user_t *by, user_t *u, const char *unit_code, const char *password,
		       err_t *e);

/* ---- audit log (accounts.c) ---- */

/* Calls fn for the audit entries matching f, newest first, at most
 * f->limit of them (0: AUDIT_LIMIT_DEFAULT; PO_EINVAL on "limit" outside
 * 0..AUDIT_LIMIT_MAX; PO_EINVAL on "before" or "entity_id" when
 * negative).  *more (may be NULL) tells whether older matching entries
 * remain (page on with before_id = the last id shown).  Every entry is
 * shown to whoever may call this (administrators: the route decides);
 * entries are not restricted to a unit scope. */
int app_audit_list(app_t *a, const audit_filter_t *f, int (*fn)(const audit_entry_t *r, void *ctx), void *ctx,
		   bool *more, err_t *e);

#endif
