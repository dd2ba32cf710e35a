/* handover.h: use cases of the money after it is collected: the
 * collection point a receipt names (settings), each collector's cash on
 * hand as the insurance officer sees it, the remittances, the officer's
 * confirmation that a remittance's money arrived, and the receipts a
 * remittance carries (the bảng kê that goes with the money).
 *
 * Who sees what: the officer, union cadres and admins the collectors
 * (logins) and remittances whose collector's unit is inside their
 * units; a collector her own remittances only; viewers nothing.  A
 * record outside is answered like a missing one (PO_ENOTFOUND). */
#ifndef PLUSONE_APP_HANDOVER_H
#define PLUSONE_APP_HANDOVER_H

#include "app/app.h"

#define POINT_NAME_MAX 200    /* bytes of the collection point's name */
#define POINT_CODE_MAX 40     /* bytes of its code */
#define POINT_ADDRESS_MAX 300 /* bytes of its address */

/* The collection point (điểm thu) printed at the head of every receipt:
 * the organisation's name, its code with the insurance office and its
 * address; "" for what is not set. */
typedef struct collection_point {
	char name[POINT_NAME_MAX + 1];
	char code[POINT_CODE_MAX + 1];
	char address[POINT_ADDRESS_MAX + 1];
} collection_point_t;

/* A collector's money as the officer sees it: valid receipts, their
 * total, the part handed over (on hand = collected - remitted). */
typedef struct collector_cash {
	user_t u;
	int64_t receipts;
	money_t collected, remitted;
} collector_cash_t;

/* The collection point as set (settings point.name, point.code,
 * point.address). */
int app_point_get(app_t *a, collection_point_t *p, err_t *e);

/* Sets the collection point to *in on behalf of `by` (NULL: the
 * operator): an admin of a unit at the top of the tree (no parent),
 * else PO_EFORBIDDEN ("role").  Each text is cleaned (NFC, spaces
 * collapsed) and bounded: PO_EINVAL on "name", "code" or "address"
 * (MSG_POINT_FIELD).  One transaction with its audit entry
 * "settings.point" {"before", "after"}; *out (may be NULL) is the point
 * as stored. */
int app_point_set(app_t *a, const user_t *by, const collection_point_t *in, collection_point_t *out, err_t *e);

/* Calls fn for each login inside scope[0..nscope) (NULL: any) who is a
 * collector or has collected a valid receipt, ordered by username, with
 * her cash; for an officer, union cadre or admin (PO_EFORBIDDEN,
 * "role", otherwise).  Stops when fn returns non-zero. */
int app_collectors_cash_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope,
			   int (*fn)(const collector_cash_t *c, void *ctx), void *ctx, err_t *e);

/* Calls fn for the remittances `by` may see (see above), newest first,
 * with an id below `before` (0: none), at most limit (1..500); *next is
 * the `before` of the next page when more follow, else 0.  An officer,
 * union cadre, admin or collector (PO_EFORBIDDEN otherwise). */
int app_remittances_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t before, int limit,
		       int (*fn)(const remittance_row_t *r, void *ctx), void *ctx, int64_t *next, err_t *e);

/* The remittance with that id if `by` may see it (else PO_ENOTFOUND,
 * as a missing one), and, when fn is not NULL, each of its receipts by
 * book and serial. */
int app_remittance_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t id,
		      remittance_row_t *r, int (*fn)(const receipt_row_t *row, void *ctx), void *ctx, err_t *e);

/* The officer `by` confirms that the money of remittance id arrived:
 * PO_EFORBIDDEN ("role") for any other role; PO_ENOTFOUND when it is
 * missing or its collector is outside her units; PO_ECONFLICT when it
 * is already confirmed.  One transaction with its audit entry
 * "remittance.confirm" {"collector", "receipts", "amount"}; *out is the
 * remittance after. */
int app_remittance_confirm_by(app_t *a, const user_t *by, const int64_t *scope, size_t nscope, int64_t id,
			      remittance_row_t *out, err_t *e);

#endif
