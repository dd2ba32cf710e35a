/* handlers.h: every handler of the route table (routes.c), grouped by
 * the file that holds it.  A handler parses what the dispatcher left in
 * the context, calls one use case of app/ and renders: JSON for /api/,
 * a template for pages.  Authentication, CSRF, roles and body limits are
 * the dispatcher's; the scope of a record is the handler's (a record
 * outside the user's units answers 404, like a missing one). */
#ifndef PLUSONE_WEB_HANDLERS_H
#define PLUSONE_WEB_HANDLERS_H

#include "web/web_int.h"

/* assets.c: health, static files, the OpenAPI document */
void h_healthz(web_ctx_t *x);
void h_static(web_ctx_t *x);
void h_openapi(web_ctx_t *x);

/* api_account.c: sessions, the caller, users, audit */
void h_api_login(web_ctx_t *x);
void h_api_logout(web_ctx_t *x);
void h_api_me(web_ctx_t *x);
void h_api_password(web_ctx_t *x);
void h_api_users_list(web_ctx_t *x);
void h_api_users_add(web_ctx_t *x);
void h_api_users_patch(web_ctx_t *x);
void h_api_audit(web_ctx_t *x);

/* api_registry.c: units, people, households, quotes, parameters */
void h_api_dashboard(web_ctx_t *x);
void h_api_units_list(web_ctx_t *x);
void h_api_units_get(web_ctx_t *x);
void h_api_units_add(web_ctx_t *x);
void h_api_people_search(web_ctx_t *x);
void h_api_people_add(web_ctx_t *x);
void h_api_people_get(web_ctx_t *x);
void h_api_people_patch(web_ctx_t *x);
void h_api_people_participation(web_ctx_t *x);
void h_api_people_coverage(web_ctx_t *x);
void h_api_people_pension(web_ctx_t *x);
void h_api_people_membership(web_ctx_t *x);
void h_api_people_stop(web_ctx_t *x);
/* Checks a search query q before it runs (search_limit.c): PO_OK for a
 * name; for an identifier number, PO_EFORBIDDEN when a viewer searches
 * by CCCD, PO_ELIMIT (with x->rs->retry_after set) when the user has
 * made ID_SEARCH_MAX identifier searches in the window; e names "q". */
int web_search_check(web_ctx_t *x, const char *q, err_t *e);

/* api_duplicates.c: the possible duplicates */
void h_api_duplicates(web_ctx_t *x);
void h_api_people_merge(web_ctx_t *x);
void h_api_duplicate_distinct(web_ctx_t *x);
void h_api_households_get(web_ctx_t *x);
void h_api_households_patch(web_ctx_t *x);
void h_api_households_poverty(web_ctx_t *x);
void h_api_quote_bhxh(web_ctx_t *x);
void h_api_quote_bhyt(web_ctx_t *x);
void h_api_params_list(web_ctx_t *x);
void h_api_params_add(web_ctx_t *x);

/* api_money.c: collection, receipts, remittance, cash, 1+1, due lists */
void h_api_collect(web_ctx_t *x);
/* The answer an idempotency key remembers for a receipt (app_idem_t
 * render; result a receipt_view_t): {"receipt"} as the API answers it,
 * with the status *(const int *)ctx (200 when ctx is NULL). */
char *web_idem_receipt(const void *result, int *status, void *ctx);
void h_api_collect_preview(web_ctx_t *x);
void h_api_receipts_list(web_ctx_t *x);
void h_api_receipts_get(web_ctx_t *x);
void h_api_receipts_void(web_ctx_t *x);
void h_api_remit(web_ctx_t *x);
void h_api_cash(web_ctx_t *x);

/* api_handover.c: collectors' cash, remittances and their confirmation,
 * the collection point */
void h_api_collectors(web_ctx_t *x);
void h_api_remittances(web_ctx_t *x);
void h_api_remittance_get(web_ctx_t *x);
void h_api_remittance_confirm(web_ctx_t *x);
void h_api_point_get(web_ctx_t *x);
void h_api_point_patch(web_ctx_t *x);
/* A remittance as the API shows it: id, collector, collector_name,
 * unit_code, date, receipts, amount, commission, confirmed,
 * confirmed_by, confirmed_at (null before). */
json_t *web_remittance_json(const remittance_row_t *r);
void h_api_referrals(web_ctx_t *x);
void h_api_referrals_add(web_ctx_t *x);
void h_api_due(web_ctx_t *x);

/* page_*.c: the HTML pages */
void page_login(web_ctx_t *x);
void page_login_post(web_ctx_t *x);
void page_logout(web_ctx_t *x);
void page_lang(web_ctx_t *x);
void page_dashboard(web_ctx_t *x);
void page_people(web_ctx_t *x);
void page_person_new(web_ctx_t *x);
void page_person_create(web_ctx_t *x);
void page_person(web_ctx_t *x);
void page_person_edit(web_ctx_t *x);
void page_person_update(web_ctx_t *x);
void page_household(web_ctx_t *x);
void page_household_update(web_ctx_t *x);
/* page_duplicates.c */
void page_duplicates(web_ctx_t *x);
void page_duplicate_post(web_ctx_t *x);
void page_collect(web_ctx_t *x);
void page_collect_post(web_ctx_t *x);
void page_receipts(web_ctx_t *x);
void page_receipt(web_ctx_t *x);
void page_receipt_void(web_ctx_t *x);
void page_remit(web_ctx_t *x);
void page_remit_post(web_ctx_t *x);

/* page_handover.c: the officer's hand-over page, the printable bảng kê
 * of a remittance and its confirmation, the collection point settings */
void page_remittances(web_ctx_t *x);
void page_remittance(web_ctx_t *x);
void page_remittance_confirm(web_ctx_t *x);
void page_settings(web_ctx_t *x);
void page_settings_post(web_ctx_t *x);
void page_referrals(web_ctx_t *x);
void page_referrals_post(web_ctx_t *x);
void page_due(web_ctx_t *x);
void page_users(web_ctx_t *x);
void page_users_add(web_ctx_t *x);
void page_user_update(web_ctx_t *x);
void page_password(web_ctx_t *x);
void page_password_post(web_ctx_t *x);
void page_audit(web_ctx_t *x);

/* login_locks.c: the login locks (admins) */
void h_api_login_locks(web_ctx_t *x);
void h_api_login_locks_clear(web_ctx_t *x);
void page_login_locks(web_ctx_t *x);
void page_login_locks_clear(web_ctx_t *x);

#endif
