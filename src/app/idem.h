/* idem.h: retry-safe writes.  A client that may send a write again (a
 * poor connection, a double press, a queue replayed after being
 * offline) names it with a key of its choosing; the first request with
 * that key does the work and the answer is remembered with the key, in
 * the same transaction as the work itself; a later request with the
 * same key and the same request gets that answer again, and one with
 * the same key and another request is refused.  Keys belong to the
 * login that used them and are remembered IDEM_DAYS days.
 *
 * A use case that honours a key takes an app_idem_t (NULL: no key) made
 * by app_idem_init, and, inside its write transaction, calls
 * app_idem_lookup before the work (a replay stops there) and
 * app_idem_remember after it. */
#ifndef PLUSONE_APP_IDEM_H
#define PLUSONE_APP_IDEM_H

#include <jansson.h>

#include "app/app.h"

typedef struct app_idem {
	char key[IDEM_KEY_MAX + 1];
	char action[IDEM_ACTION_MAX + 1];  /* what the key names: "collect", "receipt.void", … */
	char hash[IDEM_HASH_HEX + 1];      /* of the action, the id and the request */
	/* makes the answer to remember from the use case's result (the
	 * record the use case documents), inside its transaction: a
	 * malloc'd text and its status; NULL when out of memory */
	char *(*render)(const void *result, int *status, void *ctx);
	void *ctx;
	/* after the use case: replayed when the answer is an earlier one;
	 * rec.status and rec.response are the answer to give (the first one,
	 * or the one just remembered), rec.entity_id what it made */
	bool replayed;
	idem_record_t rec;
} app_idem_t;

/* PO_OK when key is 1 to IDEM_KEY_MAX characters of A-Z, a-z, 0-9, '_'
 * and '-'; else PO_EINVAL naming the field "Idempotency-Key". */
int app_idem_key_check(const char *key, err_t *e);

/* Prepares k for the key (checked as above), the action, the id the
 * request names besides its body (a receipt's for a void; 0 for none)
 * and the request itself (canonical: its members sorted, compact; NULL
 * for an empty one), and the render function. */
int app_idem_init(app_idem_t *k, const char *key, const char *action, int64_t id, const json_t *request,
		  char *(*render)(const void *result, int *status, void *ctx), void *ctx, err_t *e);

/* Inside the caller's write transaction: forgets the keys older than
 * IDEM_DAYS days, then looks the key of user_id up.  Not known: PO_OK,
 * k->replayed false (do the work).  Known for the same action and
 * request: PO_OK, k->replayed true and k->rec the first answer.  Known
 * for another: PO_ECONFLICT naming "Idempotency-Key". */
int app_idem_lookup(app_t *a, int64_t user_id, app_idem_t *k, err_t *e);

/* Inside the same transaction, after the work: renders result and
 * remembers it under the key with what the work made (entity, id). */
int app_idem_remember(app_t *a, int64_t user_id, app_idem_t *k, const char *entity, int64_t entity_id,
		      const void *result, err_t *e);

/* Frees what k holds (the answer's text). */
void app_idem_free(app_idem_t *k);

#endif
