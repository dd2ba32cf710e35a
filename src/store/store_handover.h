/* store_handover.h: part of the store interface (see store.h): the
 * remittances a collector hands over, the officer's confirmation that
 * their money arrived, the receipts each one carries, and the settings
 * of the collection point. */
#ifndef PLUSONE_STORE_HANDOVER_H
#define PLUSONE_STORE_HANDOVER_H

#include "store/store_ledger.h"

#define SETTING_KEY_MAX 40     /* bytes of a setting's key */
#define SETTING_VALUE_MAX 300  /* bytes of a setting's value */

/* A remittance as recorded, with its collector (login, full name, unit
 * id and code) and, once confirmed, who confirmed it and when (UTC, ISO;
 * confirmed_by_id 0 before). */
typedef struct remittance_row {
	int64_t id;
	date_t date;
	int64_t receipts;
	money_t amount, commission;
	int64_t collector_id, collector_unit_id;
	char collector[USERNAME_MAX + 1];
	char collector_name[USER_FULL_NAME_MAX + 1];
	char collector_unit_code[UNIT_CODE_MAX + 1];
	char collector_unit_name[UNIT_NAME_MAX + 1];
	int64_t confirmed_by_id;
	char confirmed_by[USERNAME_MAX + 1];
	char confirmed_by_name[USER_FULL_NAME_MAX + 1];
	char confirmed_at[STORE_TIME_MAX];
} remittance_row_t;

/* Calls fn for each remittance, newest (highest id) first: of the
 * collector with that login id (0: any), with an id below before_id
 * (0: no bound).  Stops early when fn returns non-zero (and returns that
 * value). */
int store_remittances_each(store_t *s, int64_t collector_id, int64_t before_id,
			   int (*fn)(const remittance_row_t *r, void *ctx), void *ctx, err_t *e);

/* The remittance with that id; PO_ENOTFOUND (field "id") when none. */
int store_remittance_get(store_t *s, int64_t id, remittance_row_t *r, err_t *e);

/* Marks remittance id confirmed by login by_id now; PO_ECONFLICT when it
 * is already confirmed, PO_ENOTFOUND when there is none. */
int store_remittance_confirm(store_t *s, int64_t id, int64_t by_id, err_t *e);

/* Calls fn for each receipt of remittance id, by book then serial. */
int store_remittance_receipts_each(store_t *s, int64_t id, int (*fn)(const receipt_row_t *row, void *ctx), void *ctx,
				   err_t *e);

/* The value of setting key into out (cap bytes); *found false and out
 * "" when it is not set. */
int store_setting_get(store_t *s, const char *key, char *out, size_t cap, bool *found, err_t *e);

/* Sets key to value (replacing it). */
int store_setting_set(store_t *s, const char *key, const char *value, err_t *e);

#endif
