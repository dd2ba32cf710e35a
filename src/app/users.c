/* users.c: logins with argon2id password hashes (libsodium). */
#include <sodium.h>
#include <string.h>

#include "app/app.h"
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

/* See app.h. */
int app_user_add_in_tx(app_t *a, user_t *u, const char *unit_code, const char *password, err_t *e)
{
	char hash[crypto_pwhash_STRBYTES];
	char detail[256];
	unit_t unit;
	size_t plen = strlen(password);
	int rc;
	if (sodium_init() < 0)
		return err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "sodium_init");
	rc = check_username(u->username, e);
	if (rc)
		return rc;
	if ((unsigned)u->role >= UROLE_COUNT)
		return err_set(e, PO_EINVAL, "role", MSG_ROLE_BAD, "?");
	if (!vn_utf8_valid(password, plen, NULL) || vn_utf8_count(password, plen) < PASSWORD_MIN ||
	    plen > PASSWORD_MAX)
		return err_set(e, PO_EINVAL, "password", MSG_PASSWORD_BAD, PASSWORD_MIN, PASSWORD_MAX);
	rc = store_unit_by_code(a->store, unit_code, a->today, &unit, e);
	if (rc == PO_ENOTFOUND)
		return err_set(e, PO_EINVAL, "unit", MSG_UNIT_UNKNOWN, unit_code);
	if (rc)
		return rc;
	if (crypto_pwhash_str_alg(hash, password, plen, crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	u->unit_id = unit.id;
	memcpy(u->unit_code, unit.code, sizeof u->unit_code);
	rc = store_user_insert(a->store, u, hash, e);
	sodium_memzero(hash, sizeof hash);
	if (rc)
		return rc;
	snprintf(detail, sizeof detail, "{\"username\":\"%s\",\"role\":\"%s\",\"unit\":\"%s\"}", u->username,
		 user_role_name(u->role), unit.code);
	return store_audit(a->store, a->actor, "user.add", "user", u->id, detail, e);
}

/* See app.h. */
int app_user_add(app_t *a, user_t *u, const char *unit_code, const char *password, err_t *e)
{
	int rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = app_user_add_in_tx(a, u, unit_code, password, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See app.h. */
int app_user_verify(app_t *a, const char *username, const char *password, user_t *u, err_t *e)
{
	/* a hash of a random string, checked when the user does not exist so
	 * that the answer takes the same time either way */
	static char dummy[crypto_pwhash_STRBYTES];
	char hash[crypto_pwhash_STRBYTES];
	int rc, ok;
	if (sodium_init() < 0)
		return err_set(e, PO_EINTERNAL, NULL, MSG_INTERNAL, "sodium_init");
	if (!dummy[0]) {
		char r[33];
		randombytes_buf(r, 32);
		r[32] = 0;
		for (int i = 0; i < 32; i++)
			r[i] = (char)('a' + ((unsigned char)r[i] % 26));
		if (crypto_pwhash_str_alg(dummy, r, 32, crypto_pwhash_OPSLIMIT_INTERACTIVE,
					  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
			return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	rc = store_user_find(a->store, username, u, hash, sizeof hash, e);
	if (rc && rc != PO_ENOTFOUND)
		return rc;
	ok = crypto_pwhash_str_verify(rc ? dummy : hash, password, strlen(password)) == 0;
	sodium_memzero(hash, sizeof hash);
	if (rc || !ok || u->disabled)
		return err_set(e, PO_ENOTFOUND, "password", MSG_LOGIN_FAILED);
	return PO_OK;
}
