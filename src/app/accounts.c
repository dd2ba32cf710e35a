/* accounts.c: passwords, user administration and the audit log (see
 * accounts.h).  Sessions are in sessions.c, creating logins in users.c. */
#include <assert.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts.h"
#include "core/text.h"

static_assert(ACCOUNT_HASH_MAX >= crypto_pwhash_STRBYTES, "a password hash must fit ACCOUNT_HASH_MAX");

/* See accounts.h. */
int app_password_check(const char *password, const char *field, err_t *e)
{
	size_t plen = password ? strlen(password) : 0;
	if (!password || !vn_utf8_valid(password, plen, NULL) || vn_utf8_count(password, plen) < PASSWORD_MIN ||
	    plen > PASSWORD_MAX)
		return err_set(e, PO_EINVAL, field, MSG_PASSWORD_BAD, PASSWORD_MIN, PASSWORD_MAX);
	return PO_OK;
}

/* See accounts.h. */
int app_password_hash(const char *password, const char *field, char hash[ACCOUNT_HASH_MAX], err_t *e)
{
	int rc;
	if (sodium_init() < 0)
		return err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "sodium_init");
	rc = app_password_check(password, field, e);
	if (rc)
		return rc;
	if (crypto_pwhash_str_alg(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	return PO_OK;
}

/* Writes the JSON document doc (consumed) as an audit entry; PO_ENOMEM
 * when it cannot be built or dumped. */
static int audit_json(app_t *a, const char *action, const char *entity, int64_t id, json_t *doc, err_t *e)
{
	char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc;
	json_decref(doc);
	if (!text)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	rc = store_audit(a->store, a->actor, action, entity, id, text, e);
	free(text);
	return rc;
}

/* See accounts.h. */
int app_password_change(app_t *a, int64_t user_id, const char *old_password, const char *new_password,
			const char *keep_token, err_t *e)
{
	char old_hash[ACCOUNT_HASH_MAX], new_hash[ACCOUNT_HASH_MAX], keep[65];
	int64_t closed = 0;
	user_t u;
	bool old_ok;
	int rc;
	if (sodium_init() < 0)
		return err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "sodium_init");
	if (!old_password || !*old_password) /* never a password: no need to hash */
		return err_set(e, PO_EINVAL, "old_password", MSG_PASSWORD_OLD_WRONG);
	rc = store_user_get(a->store, user_id, &u, old_hash, sizeof old_hash, e);
	if (rc)
		return rc;
	if (u.disabled) {
		sodium_memzero(old_hash, sizeof old_hash);
		return err_set(e, PO_ENOTFOUND, "id", MSG_USER_ID_UNKNOWN);
	}
	old_ok = strlen(old_password) <= PASSWORD_MAX &&
		 crypto_pwhash_str_verify(old_hash, old_password, strlen(old_password)) == 0;
	sodium_memzero(old_hash, sizeof old_hash);
	if (!old_ok)
		return err_set(e, PO_EINVAL, "old_password", MSG_PASSWORD_OLD_WRONG);
	rc = app_password_check(new_password, "new_password", e);
	if (rc)
		return rc;
	if (strcmp(old_password, new_password) == 0)
		return err_set(e, PO_EINVAL, "new_password", MSG_PASSWORD_SAME);
	rc = app_password_hash(new_password, "new_password", new_hash, e);
	if (rc)
		return rc;
	if (keep_token)
		app_session_token_hash(keep_token, keep);
	rc = store_tx_begin(a->store, e);
	if (rc) {
		sodium_memzero(new_hash, sizeof new_hash);
		return rc;
	}
	rc = store_user_set_password(a->store, user_id, new_hash, e);
	sodium_memzero(new_hash, sizeof new_hash);
	if (!rc)
		rc = store_sessions_delete_user(a->store, user_id, keep_token ? keep : NULL, &closed, e);
	if (!rc)
		rc = audit_json(a, "user.password", "user", user_id,
				json_pack("{s:s,s:I}", "username", u.username, "sessions_closed", (json_int_t)closed), e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See accounts.h. */
int app_user_unit(app_t *a, const user_t *u, unit_t *unit, err_t *e)
{
	return store_unit_get(a->store, u->unit_id, unit, e);
}

/* See accounts.h. */
int app_user_top_admin(app_t *a, const user_t *u, bool *top, err_t *e)
{
	unit_t unit;
	int rc;
	*top = false;
	if (!u || u->role != UROLE_ADMIN || u->disabled)
		return PO_OK;
	rc = store_unit_get(a->store, u->unit_id, &unit, e);
	if (rc == PO_ENOTFOUND)
		return PO_OK;
	if (!rc)
		*top = unit.parent_id == 0;
	return rc;
}

/* See accounts.h. */
bool app_user_name_of(app_t *a, int64_t id, char *out, size_t cap, int64_t *unit_id)
{
	user_t u;
	char hash[256];
	err_t e;
	if (store_user_get(a->store, id, &u, hash, sizeof hash, &e) != PO_OK)
		return false;
	snprintf(out, cap, "%s", u.username);
	*unit_id = u.unit_id;
	return true;
}

/* See accounts.h. */
bool app_user_name_in_scope(app_t *a, const char *username, const int64_t *scope, size_t nscope)
{
	user_t u;
	char hash[256];
	err_t e;
	return store_user_find(a->store, username, &u, hash, sizeof hash, &e) == PO_OK &&
	       unit_set_has(scope, nscope, u.unit_id);
}

/* What app_user_list's filter passes on. */
struct user_list_ctx {
	const int64_t *scope;
	size_t nscope;
	int (*fn)(const user_t *u, void *ctx);
	void *ctx;
};

/* Passes on the users inside the scope. */
static int user_list_one(const user_t *u, void *ctx)
{
	struct user_list_ctx *c = ctx;
	if (c->scope && !unit_set_has(c->scope, c->nscope, u->unit_id))
		return 0;
	return c->fn(u, c->ctx);
}

/* See accounts.h. */
int app_user_list(app_t *a, const int64_t *scope, size_t nscope, int (*fn)(const user_t *u, void *ctx), void *ctx,
		  err_t *e)
{
	struct user_list_ctx c = {scope, nscope, fn, ctx};
	return store_users_each(a->store, user_list_one, &c, e);
}

/* PO_OK when `by` may manage logins: the operator (NULL) or an admin. */
static int check_admin(const user_t *by, err_t *e)
{
	if (by && by->role != UROLE_ADMIN)
		return err_set(e, PO_EFORBIDDEN, "role", MSG_ACCOUNT_ADMIN_ONLY);
	return PO_OK;
}

/* The units of `by` into *scope (malloc'd) and *n; none (NULL, 0) for
 * the operator. */
static int by_scope(app_t *a, const user_t *by, int64_t **scope, size_t *n, err_t *e)
{
	*scope = NULL;
	*n = 0;
	return by ? app_unit_scope_id(a, by->unit_id, scope, n, e) : PO_OK;
}

/* Resolves unit_code (in force today) into *unit and checks it is
 * inside scope (when not NULL); PO_EINVAL on "unit_code" otherwise. */
static int unit_in_scope(app_t *a, const char *unit_code, const int64_t *scope, size_t nscope, unit_t *unit,
			 err_t *e)
{
	int rc;
	if (!unit_code || !*unit_code)
		return err_set(e, PO_EINVAL, "unit_code", MSG_FIELD_REQUIRED);
	rc = store_unit_by_code(a->store, unit_code, a->today, unit, e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, "unit_code", MSG_UNIT_UNKNOWN, unit_code);
	if (rc)
		return rc;
	if (scope && !unit_set_has(scope, nscope, unit->id))
		return err_set(e, PO_EINVAL, "unit_code", MSG_UNIT_OUT_OF_SCOPE, unit_code);
	return PO_OK;
}

/* Reads user id into *before and works out *after from the changes,
 * checking every rule of app_user_update except the new password's
 * (checked apart, before hashing).  Called once before hashing and again
 * inside the transaction, so that what is written and audited is what
 * the database held. */
static int user_plan(app_t *a, const user_t *by, int64_t id, const user_changes_t *c, user_t *before, user_t *after,
		     err_t *e)
{
	int64_t *scope = NULL;
	size_t nscope = 0;
	bool self = by && by->id == id;
	unit_t unit;
	int rc = by_scope(a, by, &scope, &nscope, e);
	if (!rc)
		rc = store_user_get(a->store, id, before, NULL, 0, e);
	if (!rc && by && !unit_set_has(scope, nscope, before->unit_id))
		rc = err_set(e, PO_ENOTFOUND, "id", MSG_USER_ID_UNKNOWN);
	if (rc)
		goto out;
	*after = *before;
	if (c->role) {
		if (!user_role_parse(c->role, &after->role)) {
			rc = err_set(e, PO_EINVAL, "role", MSG_ROLE_BAD, c->role);
			goto out;
		}
		if (self && before->role == UROLE_ADMIN && after->role != UROLE_ADMIN) {
			rc = err_set(e, PO_EINVAL, "role", MSG_ACCOUNT_SELF_DEMOTE);
			goto out;
		}
	}
	if (c->unit_code) {
		rc = unit_in_scope(a, c->unit_code, scope, nscope, &unit, e);
		if (rc)
			goto out;
		after->unit_id = unit.id;
		memcpy(after->unit_code, unit.code, sizeof after->unit_code);
	}
	if (c->disabled >= 0) {
		if (self && c->disabled) {
			rc = err_set(e, PO_EINVAL, "disabled", MSG_ACCOUNT_SELF_DISABLE);
			goto out;
		}
		after->disabled = c->disabled != 0;
	}
	if (c->full_name) {
		rc = app_user_full_name_clean(c->full_name, after->full_name, e);
		if (rc)
			goto out;
	}
out:
	free(scope);
	return rc;
}

/* The audited fields of a user: role, unit_code, disabled, full_name. */
static json_t *user_state(const user_t *u)
{
	return json_pack("{s:s,s:s,s:b,s:s}", "role", user_role_name(u->role), "unit_code", u->unit_code, "disabled",
			 u->disabled, "full_name", u->full_name);
}

/* See accounts.h. */
int app_user_update(app_t *a, const user_t *by, int64_t id, const user_changes_t *c, user_t *out, err_t *e)
{
	char hash[ACCOUNT_HASH_MAX];
	bool pw = c->new_password != NULL;
	user_t before, after;
	json_t *doc, *after_j;
	int rc = check_admin(by, e);
	if (!rc)
		rc = user_plan(a, by, id, c, &before, &after, e);
	if (!rc && pw)
		rc = app_password_hash(c->new_password, "password", hash, e);
	if (rc)
		return rc;
	if (!pw && after.role == before.role && after.unit_id == before.unit_id && after.disabled == before.disabled &&
	    strcmp(after.full_name, before.full_name) == 0) {
		if (out)
			*out = before;
		return PO_OK;
	}
	rc = store_tx_begin(a->store, e);
	if (rc)
		goto wipe;
	rc = user_plan(a, by, id, c, &before, &after, e);
	if (!rc)
		rc = store_user_update(a->store, &after, e);
	if (!rc && pw)
		rc = store_user_set_password(a->store, id, hash, e);
	if (!rc && (pw || (after.disabled && !before.disabled)))
		rc = store_sessions_delete_user(a->store, id, NULL, NULL, e);
	if (!rc) {
		after_j = user_state(&after);
		if (pw && after_j)
			json_object_set_new(after_j, "password", json_string("changed"));
		doc = json_pack("{s:s,s:o,s:o}", "username", before.username, "before", user_state(&before), "after",
				after_j);
		rc = audit_json(a, "user.update", "user", id, doc, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	else if (out)
		*out = after;
wipe:
	if (pw)
		sodium_memzero(hash, sizeof hash);
	return rc;
}

/* See accounts.h. */
int app_user_create_by(app_t *a, const user_t *by, user_t *u, const char *unit_code, const char *password,
		       err_t *e)
{
	int64_t *scope = NULL;
	size_t nscope = 0;
	unit_t unit;
	int rc = check_admin(by, e);
	if (!rc)
		rc = by_scope(a, by, &scope, &nscope, e);
	if (!rc)
		rc = unit_in_scope(a, unit_code, scope, nscope, &unit, e);
	free(scope);
	if (rc)
		return rc;
	return app_user_add(a, u, unit.code, password, e);
}

/* What app_audit_list's counter passes on. */
struct audit_list_ctx {
	int limit, seen;
	bool more;
	int (*fn)(const audit_entry_t *r, void *ctx);
	void *ctx;
};

/* Passes on the first `limit` entries; the one after tells that there
 * are more (and stops the reading). */
static int audit_list_one(const audit_entry_t *r, void *ctx)
{
	struct audit_list_ctx *c = ctx;
	if (c->seen == c->limit) {
		c->more = true;
		return -1;
	}
	c->seen++;
	return c->fn(r, c->ctx);
}

/* See accounts.h. */
int app_audit_list(app_t *a, const audit_filter_t *f, int (*fn)(const audit_entry_t *r, void *ctx), void *ctx,
		   bool *more, err_t *e)
{
	struct audit_list_ctx c = {f->limit ? f->limit : AUDIT_LIMIT_DEFAULT, 0, false, fn, ctx};
	audit_filter_t g = *f;
	int rc;
	if (more)
		*more = false;
	if (f->limit < 0 || f->limit > AUDIT_LIMIT_MAX)
		return err_set(e, PO_EINVAL, "limit", MSG_AUDIT_LIMIT, AUDIT_LIMIT_MAX);
	if (f->before_id < 0)
		return err_set(e, PO_EINVAL, "before", MSG_AUDIT_ID_BAD, "before");
	if (f->entity_id < 0)
		return err_set(e, PO_EINVAL, "entity_id", MSG_AUDIT_ID_BAD, "entity_id");
	g.limit = c.limit + 1;
	rc = store_audit_each(a->store, &g, audit_list_one, &c, e);
	if (rc == -1 && c.more)
		rc = PO_OK;
	if (more)
		*more = c.more;
	return rc;
}
