/* store_idem.h: part of the store interface (see store.h): idempotency
 * keys, the writes a client may send again remembered under the key it
 * chose (one login's keys are hers alone), each with the hash of the
 * request and the answer first given. */
#ifndef PLUSONE_STORE_IDEM_H
#define PLUSONE_STORE_IDEM_H

#define IDEM_KEY_MAX 64    /* characters of a key (A-Za-z0-9_-) */
#define IDEM_HASH_HEX 64   /* hex digits of a request hash (BLAKE2b-256) */
#define IDEM_ACTION_MAX 31 /* bytes of an action name ("collect", "receipt.void"…) */
#define IDEM_DAYS 30       /* days a key is remembered */

/* One remembered write: what it was (action, the hash of its request),
 * what it made (entity and id: "receipt" 12; none for a remittance that
 * handed over nothing) and the answer first given (HTTP status and
 * body, which the caller owns: malloc'd by store_idem_get). */
typedef struct idem_record {
	char action[IDEM_ACTION_MAX + 1];
	char request_hash[IDEM_HASH_HEX + 1];
	char entity[IDEM_ACTION_MAX + 1];
	int64_t entity_id;
	int status;
	char *response;
} idem_record_t;

/* The record of (user_id, key) made within the last IDEM_DAYS days;
 * PO_ENOTFOUND when none.  r->response is malloc'd (free it). */
int store_idem_get(store_t *s, int64_t user_id, const char *key, idem_record_t *r, err_t *e);

/* Remembers r under (user_id, key), dated now.  PO_ECONFLICT when the
 * pair is already taken (the caller holds the write lock and looked it
 * up first, so this does not happen). */
int store_idem_put(store_t *s, int64_t user_id, const char *key, const idem_record_t *r, err_t *e);

/* Forgets every key older than IDEM_DAYS days; *purged (may be NULL)
 * gets how many. */
int store_idem_purge(store_t *s, int64_t *purged, err_t *e);

#endif
