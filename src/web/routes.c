/* routes.c: the route table, the one place that says which method and
 * path run which handler, and who may call it.  The dispatcher
 * (dispatch.c) enforces the roles; handlers check the unit scope of the
 * records they touch.  Patterns: literal segments and {id}, a positive
 * decimal integer.  The OpenAPI document is generated from the /api/
 * routes below and their entries in api_ops.c (openapi.c); every /api/
 * route needs one, tests/web/test_openapi.c checks it. */
#include "web/handlers.h"

#define ADMIN_OFFICER (R_ADMIN | R_OFFICER)
#define CERTIFIERS (R_ADMIN | R_OFFICER | R_UNION) /* may record poverty certificates */
#define REVIEWERS (R_ADMIN | R_OFFICER | R_UNION)  /* may review possible duplicates */
#define OVERSEERS (R_ADMIN | R_OFFICER | R_UNION)  /* see collectors' cash */

const web_route_t web_routes[] = {
	/* public */
	{"GET", "/healthz", R_PUBLIC, 0, h_healthz, "Liveness check"},
	{"GET", "/static/app.css", R_PUBLIC, WF_STATIC, h_static, "Style sheet"},
	{"GET", "/static/app.js", R_PUBLIC, WF_STATIC, h_static, "Script"},
	{"GET", "/static/money.js", R_PUBLIC, WF_STATIC, h_static, "Script of the collection pages"},
	{"GET", "/static/picker.js", R_PUBLIC, WF_STATIC, h_static, "Script of the people pickers"},
	{"GET", "/static/receipt.css", R_PUBLIC, WF_STATIC, h_static, "Style sheet of printed receipts"},
	{"GET", "/api/v1/openapi.json", R_PUBLIC, 0, h_openapi, "This API described in OpenAPI 3"},
	{"POST", "/api/v1/login", R_PUBLIC, 0, h_api_login, "Open a session"},

	/* API: the caller */
	{"POST", "/api/v1/logout", R_ALL, 0, h_api_logout, "Close the session"},
	{"GET", "/api/v1/me", R_ALL, 0, h_api_me, "The caller and her unit"},
	{"POST", "/api/v1/password", R_ALL, 0, h_api_password, "Change the caller's password"},

	/* API: registry */
	{"GET", "/api/v1/dashboard", R_ALL, 0, h_api_dashboard, "Figures of the caller's unit"},
	{"GET", "/api/v1/units", R_ALL, 0, h_api_units_list, "Units inside the caller's unit"},
	{"POST", "/api/v1/units", R_ADMIN, 0, h_api_units_add, "Add a unit"},
	{"GET", "/api/v1/units/{id}", R_ALL, 0, h_api_units_get, "One unit"},
	{"GET", "/api/v1/people", R_ALL, 0, h_api_people_search, "Search people"},
	{"POST", "/api/v1/people", R_WRITE, 0, h_api_people_add, "Add a person"},
	{"GET", "/api/v1/people/{id}", R_ALL, 0, h_api_people_get, "One person"},
	{"PATCH", "/api/v1/people/{id}", R_WRITE, 0, h_api_people_patch, "Change a person"},
	{"GET", "/api/v1/people/{id}/participation", R_ALL, 0, h_api_people_participation,
	 "Voluntary social insurance state of a person"},
	{"GET", "/api/v1/people/{id}/coverage", R_ALL, 0, h_api_people_coverage,
	 "Coverage timeline and receipts of a person"},
	{"GET", "/api/v1/people/{id}/pension", R_ALL, 0, h_api_people_pension, "Pension projection of a person"},
	{"POST", "/api/v1/people/{id}/membership", R_WRITE, 0, h_api_people_membership, "Record union membership"},
	{"POST", "/api/v1/people/{id}/stop", R_MONEY, 0, h_api_people_stop, "Record a stop of voluntary insurance"},
	{"GET", "/api/v1/households/{id}", R_ALL, 0, h_api_households_get, "One household and its members"},
	{"PATCH", "/api/v1/households/{id}", R_WRITE, 0, h_api_households_patch, "Change a household's head"},
	{"POST", "/api/v1/households/{id}/poverty", CERTIFIERS, 0, h_api_households_poverty,
	 "Record a poverty certificate"},
	{"GET", "/api/v1/duplicates", REVIEWERS, 0, h_api_duplicates, "Possible duplicate people"},
	{"POST", "/api/v1/duplicates/{id}/distinct", REVIEWERS, 0, h_api_duplicate_distinct,
	 "Mark a pair of possible duplicates as two people"},
	{"POST", "/api/v1/people/{id}/merge", REVIEWERS, 0, h_api_people_merge, "Merge another person into this one"},
	{"GET", "/api/v1/quotes/bhxh", R_ALL, 0, h_api_quote_bhxh, "Quote voluntary social insurance"},
	{"GET", "/api/v1/quotes/bhyt", R_ALL, 0, h_api_quote_bhyt, "Quote household health insurance"},
	{"GET", "/api/v1/params", R_ALL, 0, h_api_params_list, "Legal parameters"},
	{"POST", "/api/v1/params", R_ADMIN, 0, h_api_params_add, "Record a legal parameter (administrator of a top-level unit)"},

	/* API: money */
	{"POST", "/api/v1/collect", R_MONEY, 0, h_api_collect, "Collect a payment and issue a receipt"},
	{"POST", "/api/v1/collect/preview", R_MONEY, 0, h_api_collect_preview, "Compute a payment without recording it"},
	{"GET", "/api/v1/receipts", R_ALL, 0, h_api_receipts_list, "Receipts"},
	{"GET", "/api/v1/receipts/{id}", R_ALL, 0, h_api_receipts_get, "One receipt"},
	{"POST", "/api/v1/receipts/{id}/void", R_MONEY, 0, h_api_receipts_void, "Void a receipt"},
	{"POST", "/api/v1/remittances", R_MONEY, 0, h_api_remit, "Hand over the caller's receipts"},
	{"GET", "/api/v1/cash", R_MONEY, 0, h_api_cash, "Cash on hand"},
	{"GET", "/api/v1/collectors", OVERSEERS, 0, h_api_collectors, "Collectors of the caller's units and their cash"},
	{"GET", "/api/v1/remittances", R_WRITE, 0, h_api_remittances, "Remittances"},
	{"GET", "/api/v1/remittances/{id}", R_WRITE, 0, h_api_remittance_get, "One remittance and its receipts"},
	{"POST", "/api/v1/remittances/{id}/confirm", R_OFFICER, 0, h_api_remittance_confirm,
	 "Confirm that a remittance's money arrived"},
	{"GET", "/api/v1/settings/point", R_ALL, 0, h_api_point_get, "The collection point"},
	{"PATCH", "/api/v1/settings/point", R_ADMIN, 0, h_api_point_patch, "Change the collection point"},
	{"GET", "/api/v1/referrals", R_ALL, 0, h_api_referrals, "1+1 figures"},
	{"POST", "/api/v1/referrals", R_WRITE, 0, h_api_referrals_add, "Record who brought whom"},
	{"GET", "/api/v1/due", R_ALL, 0, h_api_due, "People due to pay"},

	/* API: administration */
	{"GET", "/api/v1/users", R_ADMIN, 0, h_api_users_list, "Users"},
	{"POST", "/api/v1/users", R_ADMIN, 0, h_api_users_add, "Add a user"},
	{"PATCH", "/api/v1/users/{id}", R_ADMIN, 0, h_api_users_patch, "Change a user"},
	{"GET", "/api/v1/audit", R_ADMIN, 0, h_api_audit, "The audit log"},
	{"GET", "/api/v1/login-locks", R_ADMIN, 0, h_api_login_locks, "Login locks"},
	{"POST", "/api/v1/login-locks/clear", R_ADMIN, 0, h_api_login_locks_clear, "Clear a login lock"},

	/* pages */
	{"GET", "/login", R_PUBLIC, WF_HTML, page_login, "Login"},
	{"POST", "/login", R_PUBLIC, WF_HTML, page_login_post, "Login"},
	{"GET", "/lang", R_PUBLIC, WF_HTML, page_lang, "Language switch"},
	{"POST", "/logout", R_ALL, WF_HTML, page_logout, "Logout"},
	{"GET", "/", R_ALL, WF_HTML, page_dashboard, "Dashboard"},
	{"GET", "/people", R_ALL, WF_HTML, page_people, "Search"},
	{"GET", "/people/new", R_WRITE, WF_HTML, page_person_new, "Add a person"},
	{"POST", "/people/new", R_WRITE, WF_HTML, page_person_create, "Add a person"},
	{"GET", "/people/{id}", R_ALL, WF_HTML, page_person, "Person"},
	{"GET", "/people/{id}/edit", R_WRITE, WF_HTML, page_person_edit, "Edit a person"},
	{"POST", "/people/{id}/edit", R_WRITE, WF_HTML, page_person_update, "Edit a person"},
	{"GET", "/households/{id}", R_ALL, WF_HTML, page_household, "Household"},
	{"POST", "/households/{id}", R_WRITE, WF_HTML, page_household_update, "Edit a household"},
	{"GET", "/duplicates", REVIEWERS, WF_HTML, page_duplicates, "Possible duplicates"},
	{"POST", "/duplicates/{id}", REVIEWERS, WF_HTML, page_duplicate_post, "Merge or separate a pair"},
	{"GET", "/collect", R_MONEY, WF_HTML, page_collect, "Collect"},
	{"POST", "/collect", R_MONEY, WF_HTML, page_collect_post, "Collect"},
	{"GET", "/receipts", R_ALL, WF_HTML, page_receipts, "Receipts"},
	{"GET", "/receipts/{id}", R_ALL, WF_HTML, page_receipt, "Receipt"},
	{"POST", "/receipts/{id}/void", R_MONEY, WF_HTML, page_receipt_void, "Void a receipt"},
	{"GET", "/remit", R_MONEY, WF_HTML, page_remit, "Remittance"},
	{"POST", "/remit", R_MONEY, WF_HTML, page_remit_post, "Remittance"},
	{"GET", "/remittances", R_WRITE, WF_HTML, page_remittances, "Remittances and cash on hand"},
	{"GET", "/remittances/{id}", R_WRITE, WF_HTML, page_remittance, "Hand-over list of a remittance"},
	{"POST", "/remittances/{id}/confirm", R_OFFICER, WF_HTML, page_remittance_confirm, "Confirm a remittance"},
	{"GET", "/settings", R_ADMIN, WF_HTML, page_settings, "Collection point"},
	{"POST", "/settings", R_ADMIN, WF_HTML, page_settings_post, "Collection point"},
	{"GET", "/referrals", R_ALL, WF_HTML, page_referrals, "1+1"},
	{"POST", "/referrals", R_WRITE, WF_HTML, page_referrals_post, "Record who brought whom"},
	{"GET", "/due", R_ALL, WF_HTML, page_due, "Due list"},
	{"GET", "/users", R_ADMIN, WF_HTML, page_users, "Users"},
	{"POST", "/users", R_ADMIN, WF_HTML, page_users_add, "Add a user"},
	{"POST", "/users/{id}", R_ADMIN, WF_HTML, page_user_update, "Change a user"},
	{"GET", "/password", R_ALL, WF_HTML, page_password, "Change password"},
	{"POST", "/password", R_ALL, WF_HTML, page_password_post, "Change password"},
	{"GET", "/audit", R_ADMIN, WF_HTML, page_audit, "Audit log"},
	{"GET", "/login-locks", R_ADMIN, WF_HTML, page_login_locks, "Login locks"},
	{"POST", "/login-locks/clear", R_ADMIN, WF_HTML, page_login_locks_clear, "Clear a login lock"},
};

const size_t web_route_count = sizeof web_routes / sizeof web_routes[0];
