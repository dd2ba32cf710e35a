/* idem.c: retry-safe writes (see idem.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/idem.h"

/* See idem.h. */
int app_idem_key_check(const char *key, err_t *e)
{
	size_t n = key ? strlen(key) : 0, i;
	if (n < 1 || n > IDEM_KEY_MAX)
		return err_set(e, PO_EINVAL, "Idempotency-Key", MSG_IDEM_KEY_BAD);
	for (i = 0; i < n; i++) {
		char c = key[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return err_set(e, PO_EINVAL, "Idempotency-Key", MSG_IDEM_KEY_BAD);
	}
	return PO_OK;
}

/* See idem.h. */
int app_idem_init(app_idem_t *k, const char *key, const char *action, int64_t id, const json_t *request,
		  char *(*render)(const void *result, int *status, void *ctx), void *ctx, err_t *e)
{
	crypto_generichash_state st;
	unsigned char h[IDEM_HASH_HEX / 2];
	char head[IDEM_ACTION_MAX + 32];
	char *canon;
	int rc;
	memset(k, 0, sizeof *k);
	rc = app_idem_key_check(key, e);
	if (rc)
		return rc;
	memcpy(k->key, key, strlen(key) + 1);
	snprintf(k->action, sizeof k->action, "%s", action);
	k->render = render;
	k->ctx = ctx;
	/* no request hashes as an empty one: "{}" */
	canon = request ? json_dumps(request, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : strdup("{}");
	if (!canon)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	/* the action and the id first, each line-terminated, so no request
	 * of one action can hash like one of another */
	snprintf(head, sizeof head, "%s\n%lld\n", k->action, (long long)id);
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)head, strlen(head));
	crypto_generichash_update(&st, (const unsigned char *)canon, strlen(canon));
	crypto_generichash_final(&st, h, sizeof h);
	free(canon);
	sodium_bin2hex(k->hash, sizeof k->hash, h, sizeof h);
	return PO_OK;
}

/* See idem.h. */
int app_idem_lookup(app_t *a, int64_t user_id, app_idem_t *k, err_t *e)
{
	int rc = store_idem_purge(a->store, NULL, e);
	k->replayed = false;
	if (rc)
		return rc;
	free(k->rec.response);
	rc = store_idem_get(a->store, user_id, k->key, &k->rec, e);
	if (rc == PO_ENOTFOUND)
		return PO_OK;
	if (rc)
		return rc;
	if (strcmp(k->rec.action, k->action) != 0 || strcmp(k->rec.request_hash, k->hash) != 0)
		return err_set(e, PO_ECONFLICT, "Idempotency-Key", MSG_IDEM_KEY_REUSED);
	k->replayed = true;
	return PO_OK;
}

/* See idem.h. */
int app_idem_remember(app_t *a, int64_t user_id, app_idem_t *k, const char *entity, int64_t entity_id,
		      const void *result, err_t *e)
{
	int status = 200;
	char *body = k->render(result, &status, k->ctx);
	if (!body)
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	free(k->rec.response);
	memset(&k->rec, 0, sizeof k->rec);
	memcpy(k->rec.action, k->action, sizeof k->rec.action);
	memcpy(k->rec.request_hash, k->hash, sizeof k->rec.request_hash);
	snprintf(k->rec.entity, sizeof k->rec.entity, "%s", entity ? entity : "");
	k->rec.entity_id = entity_id;
	k->rec.status = status;
	k->rec.response = body;
	return store_idem_put(a->store, user_id, k->key, &k->rec, e);
}

/* See idem.h. */
void app_idem_free(app_idem_t *k)
{
	if (!k)
		return;
	free(k->rec.response);
	k->rec.response = NULL;
}
