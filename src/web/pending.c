/* pending.c: TEMPORARY weak definitions of handlers not written yet, so that
 * the binary links while the web room is built.  Must be empty (deleted)
 * before release. */
#include "web/handlers.h"

__attribute__((weak)) void h_healthz(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_static(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_openapi(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_login(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_logout(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_me(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_password(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_users_list(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_users_add(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_users_patch(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_audit(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_dashboard(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_units_list(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_units_get(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_units_add(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_people_search(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_people_add(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_people_get(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_people_patch(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_people_participation(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_people_coverage(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_people_pension(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_people_membership(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_people_stop(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_households_get(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_households_patch(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_households_poverty(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_quote_bhxh(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_quote_bhyt(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_params_list(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_params_add(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_collect(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_collect_preview(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_receipts_list(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_receipts_get(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_receipts_void(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_remit(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_cash(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_referrals(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_referrals_add(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void h_api_due(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_login(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_login_post(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_logout(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_lang(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_dashboard(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_people(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_person_new(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_person_create(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_person(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_person_edit(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_person_update(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_household(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_household_update(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_collect(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_collect_post(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_receipts(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_receipt(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_receipt_void(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_remit(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_remit_post(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_referrals(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_due(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_users(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_users_add(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_user_update(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_password(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_password_post(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}

__attribute__((weak)) void page_audit(web_ctx_t *x)
{
	web_fail_msg(x, 501, MSG_WEB_NOT_FOUND);
}
