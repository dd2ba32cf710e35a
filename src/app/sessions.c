/* sessions.c: web sessions: login gives a random token (stored only as
 * its hash) and a CSRF token; a token finds its user until it expires. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/accounts.h"
#include "app/duplicates.h"
#include "core/text.h"


/* See accounts.h. */
void app_session_token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* The UTC time `ahead` seconds from now as "YYYY-MM-DDTHH:MM:SSZ". */
static void iso_time(long ahead, char out[24])
{
	time_t t = time(NULL) + ahead;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* See app.h. */
int app_login(app_t *a, const char *username, const char *password, char token[65], char csrf[33], user_t *u,
	      err_t *e)
{
	unsigned char raw[32];
	char hash[65], expires[24];
	int rc = app_user_verify(a, username, password, u, e);
	if (rc)
		return rc;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, 65, raw, 32);
	randombytes_buf(raw, 16);
	sodium_bin2hex(csrf, 33, raw, 16);
	sodium_memzero(raw, sizeof raw);
	app_session_token_hash(token, hash);
	iso_time(SESSION_SECONDS, expires);
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_session_add(a->store, hash, u->id, csrf, expires, e);
	if (!rc)
		rc = store_audit(a->store, u->username, "session.login", "user", u->id, NULL, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See app.h. */
int app_session(app_t *a, const char *token, user_t *u, char csrf[33], err_t *e)
{
	char hash[65], now[24];
	if (!token || strlen(token) != 64)
		return PO_ENOTFOUND;
	app_session_token_hash(token, hash);
	iso_time(0, now);
	return store_session_find(a->store, hash, now, u, csrf, 33, e);
}

/* See accounts.h. */
int app_logout(app_t *a, const char *token, err_t *e)
{
	char hash[65];
	user_t owner;
	bool deleted = false;
	int rc;
	if (!token || strlen(token) != SESSION_TOKEN_LEN)
		return PO_OK;
	app_session_token_hash(token, hash);
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_session_owner(a->store, hash, &owner, e);
	if (rc == PO_ENOTFOUND) {
		store_tx_rollback(a->store);
		return PO_OK;
	}
	if (!rc)
		rc = store_session_delete(a->store, hash, &deleted, e);
	if (!rc && deleted)
		rc = store_audit(a->store, owner.username, "session.logout", "user", owner.id, NULL, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* See accounts.h. */
int app_login_failed(app_t *a, const char *username, const char *address, err_t *e)
{
	char actor[USERNAME_MAX + 1];
	size_t n = vn_utf8_prefix(username, strlen(username), USERNAME_MAX);
	json_t *doc;
	char *text;
	int rc;
	memcpy(actor, username, n); /* no login is longer: the name as far as one could be */
	actor[n] = '\0';
	doc = json_pack("{s:s,s:s}", "username", actor, "address", address);
	text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!text)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	rc = store_tx_begin(a->store, e);
	if (!rc)
		rc = store_audit(a->store, actor, "session.login_failed", "user", 0, text, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	else
		store_tx_rollback(a->store);
	free(text);
	return rc;
}

/* See accounts.h. */
int app_audit_note(app_t *a, const char *action, const char *entity, const char *detail_json, err_t *e)
{
	int rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_audit(a->store, a->actor, action, entity, 0, detail_json, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	else
		store_tx_rollback(a->store);
	return rc;
}

/* See accounts.h. */
int app_sessions_purge(app_t *a, int64_t *n, err_t *e)
{
	char now[24], detail[64];
	int64_t deleted = 0;
	int rc;
	if (n)
		*n = 0;
	iso_time(0, now);
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_sessions_purge(a->store, now, &deleted, e);
	if (!rc && deleted > 0) {
		snprintf(detail, sizeof detail, "{\"deleted\":%lld}", (long long)deleted);
		rc = store_audit(a->store, a->actor && *a->actor ? a->actor : "server", "session.purge", "session", 0,
				 detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc) {
		store_tx_rollback(a->store);
		return rc;
	}
	if (n)
		*n = deleted;
	return PO_OK;
}

/* See app.h. */
int app_person_create(app_t *a, const user_t *by, const person_fields_t *in, person_t *out, err_t *errs,
		      size_t *nerrs)
{
	person_t cands[PERSON_CANDIDATES_MAX];
	size_t n;
	return app_person_add(a, by, in, false, out, cands, &n, errs, nerrs);
}
