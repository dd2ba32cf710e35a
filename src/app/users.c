/* users.c: logins with argon2id password hashes (libsodium). */
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/accounts.h"
#include "core/text.h"

/* Checks a username: 1..USERNAME_MAX of ASCII letters, digits, '.', '_', '-'. */
static int check_username(const char *name, err_t *e)
{
	size_t i, n = strlen(name);
	if (n == 0 || n > USERNAME_MAX)
		return err_set(e, PO_EINVAL, "username", MSG_USERNAME_BAD, name);
	for (i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' ||
		      c == '-' || c == '_'))
			return err_set(e, PO_EINVAL, "username", MSG_USERNAME_BAD, name);
	}
	return PO_OK;
}

/* See accounts.h. */
int app_user_full_name_clean(const char *in, char out[USER_FULL_NAME_MAX + 1], err_t *e)
{
	size_t n = 0;
	if (vn_clean(in, strlen(in), out, USER_FULL_NAME_MAX + 1, &n) != PO_OK)
		return err_set(e, PO_EINVAL, "full_name", MSG_USER_FULL_NAME_BAD);
	return PO_OK;
}

/* Checks the username, the role and the password of a new login and
 * hashes the password into hash (before any transaction: hashing takes
 * a tenth of a second and should not hold the write lock). */
static int user_prepare(user_t *u, const char *password, char hash[ACCOUNT_HASH_MAX], err_t *e)
{
	char name[USER_FULL_NAME_MAX + 1];
	int rc = check_username(u->username, e);
	if (!rc)
		rc = app_user_full_name_clean(u->full_name, name, e);
	if (rc)
		return rc;
	memcpy(u->full_name, name, sizeof name);
	if ((unsigned)u->role >= UROLE_COUNT)
		return err_set(e, PO_EINVAL, "role", MSG_ROLE_BAD, "?");
	return app_password_hash(password, "password", hash, e);
}

/* Inserts the login u with the hash made by user_prepare, in the unit
 * with that code, and audits it; inside the caller's transaction. */
static int user_insert(app_t *a, user_t *u, const char *unit_code, const char *hash, err_t *e)
{
	char *detail;
	json_t *doc;
	unit_t unit;
	int rc = store_unit_by_code(a->store, unit_code, a->today, &unit, e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, "unit", MSG_UNIT_UNKNOWN, unit_code);
	if (rc)
		return rc;
	u->unit_id = unit.id;
	memcpy(u->unit_code, unit.code, sizeof u->unit_code);
	rc = store_user_insert(a->store, u, hash, e);
	if (rc)
		return rc;
	doc = json_pack("{s:s,s:s,s:s,s:s}", "username", u->username, "role", user_role_name(u->role), "unit",
			unit.code, "full_name", u->full_name);
	detail = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!detail)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	rc = store_audit(a->store, a->actor, "user.add", "user", u->id, detail, e);
	free(detail);
	return rc;
}

/* See app.h. */
int app_user_add_in_tx(app_t *a, user_t *u, const char *unit_code, const char *password, err_t *e)
{
	char hash[ACCOUNT_HASH_MAX];
	int rc = user_prepare(u, password, hash, e);
	if (!rc)
		rc = user_insert(a, u, unit_code, hash, e);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

/* See app.h. */
int app_user_add(app_t *a, user_t *u, const char *unit_code, const char *password, err_t *e)
{
	char hash[ACCOUNT_HASH_MAX];
	int rc = user_prepare(u, password, hash, e);
	if (!rc)
		rc = store_tx_begin(a->store, e);
	if (rc) {
		sodium_memzero(hash, sizeof hash);
		return rc;
	}
	rc = user_insert(a, u, unit_code, hash, e);
	sodium_memzero(hash, sizeof hash);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* A hash of a random password, checked when the user does not exist so
 * that the answer takes the same time either way.  Made once per
 * process (pthread_once: the server verifies logins on several
 * threads); dummy_ok false when it could not be made. */
static char dummy[crypto_pwhash_STRBYTES];
static bool dummy_ok;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

/* Makes the dummy hash (run once by pthread_once). */
static void dummy_make(void)
{
	char r[33];
	randombytes_buf(r, 32);
	for (int i = 0; i < 32; i++)
		r[i] = (char)('a' + ((unsigned char)r[i] % 26));
	r[32] = 0;
	dummy_ok = crypto_pwhash_str_alg(dummy, r, 32, crypto_pwhash_OPSLIMIT_INTERACTIVE,
					 crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) == 0;
	sodium_memzero(r, sizeof r);
}

/* See app.h. */
int app_user_verify(app_t *a, const char *username, const char *password, user_t *u, err_t *e)
{
	char hash[crypto_pwhash_STRBYTES];
	int rc, ok;
	if (sodium_init() < 0)
		return err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "sodium_init");
	pthread_once(&dummy_once, dummy_make);
	if (!dummy_ok)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	rc = store_user_find(a->store, username, u, hash, sizeof hash, e);
	if (rc && rc != PO_ENOTFOUND)
		return rc;
	ok = crypto_pwhash_str_verify(rc ? dummy : hash, password, strlen(password)) == 0;
	sodium_memzero(hash, sizeof hash);
	if (rc || !ok || u->disabled)
		return err_set(e, PO_ENOTFOUND, "password", MSG_LOGIN_FAILED);
	return PO_OK;
}
