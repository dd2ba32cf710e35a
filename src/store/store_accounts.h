/* store_accounts.h: part of the store interface (see store.h): the
 * sessions, logins and audit log as the account use cases need them
 * (app/accounts.c). */
#ifndef PLUSONE_STORE_ACCOUNTS_H
#define PLUSONE_STORE_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/model.h"
#include "core/err.h"
#include "store/store.h"

/* ---- sessions ---- */

/* The owner of the session with that token hash, expired or not:
 * PO_OK and *u, or PO_ENOTFOUND when there is no such session. */
int store_session_owner(store_t *s, const char *token_hash, user_t *u, err_t *e);

/* Deletes the session with that token hash; *deleted tells whether one
 * was there (not an error when none was). */
int store_session_delete(store_t *s, const char *token_hash, bool *deleted, err_t *e);

/* Deletes every session of a user except the one with hash keep_hash
 * (NULL: every one); *n (may be NULL) gets how many were deleted. */
int store_sessions_delete_user(store_t *s, int64_t user_id, const char *keep_hash, int64_t *n, err_t *e);

/* Deletes every session whose expiry is not after now (ISO time text,
 * as store_session_add wrote it); *n gets how many. */
int store_sessions_purge(store_t *s, const char *now, int64_t *n, err_t *e);

/* ---- users ---- */

/* The user with that id (with its unit code) and, when hash is not NULL,
 * its password hash (hash_cap bytes).  PO_ENOTFOUND when none. */
int store_user_get(store_t *s, int64_t id, user_t *u, char *hash, size_t hash_cap, err_t *e);

/* Replaces the password hash of user id.  PO_ENOTFOUND when none. */
int store_user_set_password(store_t *s, int64_t id, const char *pass_hash, err_t *e);

/* Writes role, unit_id and disabled of user u->id.  PO_ENOTFOUND when
 * none. */
int store_user_update(store_t *s, const user_t *u, err_t *e);

/* Calls fn for every user (with its unit code), ordered by username;
 * stops early when fn returns non-zero (and returns that value). */
int store_users_each(store_t *s, int (*fn)(const user_t *u, void *ctx), void *ctx, err_t *e);

/* ---- audit log ---- */

#define AUDIT_LIMIT_DEFAULT 50 /* entries of one page when no limit is asked */
#define AUDIT_LIMIT_MAX 500    /* entries of one page at most */

/* Which audit entries to read: each criterion is ignored when NULL or
 * "" (strings) or 0 (ids). */
typedef struct audit_filter {
	const char *actor;          /* exactly this actor */
	const char *action_prefix;  /* actions starting with this ("user." or "user.update") */
	const char *entity;         /* exactly this entity ("user", "person" …) */
	int64_t entity_id;          /* exactly this entity id */
	int64_t before_id;          /* entries with an id below this one (paging) */
	int limit;                  /* 1..AUDIT_LIMIT_MAX (+1 allowed for the store) */
	const int64_t *units;       /* only entries whose unit is one of these (NULL: all, */
	size_t nunits;              /*   entries without a unit included) */
} audit_filter_t;

/* One audit entry as read.  The strings live only during the callback;
 * detail is the JSON text written with the entry, or NULL. */
typedef struct audit_entry {
	int64_t id;
	const char *at;      /* "YYYY-MM-DDTHH:MM:SS.SSSZ" (UTC) */
	const char *actor;
	const char *action;
	const char *entity;
	int64_t entity_id;   /* 0 when the entry names no record */
	const char *detail;
} audit_entry_t;

/* Calls fn for the entries matching f, newest first (by id), at most
 * f->limit of them; stops early when fn returns non-zero (and returns
 * that value). */
int store_audit_each(store_t *s, const audit_filter_t *f, int (*fn)(const audit_entry_t *r, void *ctx), void *ctx,
		     err_t *e);

#endif
