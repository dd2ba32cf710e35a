/* login_locks.c: the login locks of the throttle (web/throttle.h) for
 * admins: the API and the page that list them and clear one.  An admin
 * of a root unit sees and clears every lock; any other admin only the
 * locks of user names of her units (an address lock, or a name she
 * does not own, answers as if there were none). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/accounts.h"
#include "web/handlers.h"
#include "web/pages.h"
#include "web/throttle.h"

#define LOCKS_SHOWN 200 /* locks listed at most */

/* Monotonic seconds (the clock the throttle counts in). */
static time_t mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* True when the caller may see (and clear) lock l. */
static bool lock_visible(web_ctx_t *x, bool top, const throttle_lock_t *l)
{
	return top || (l->name[0] && app_user_name_in_scope(x->a, l->name, x->scope, x->nscope));
}

/* The locks the caller may see as a JSON array of {username (null for an
 * address lock), address, failures, retry_after}. */
static json_t *locks_json(web_ctx_t *x)
{
	static throttle_lock_t locks[LOCKS_SHOWN];
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	json_t *arr = json_array();
	bool top = web_user_top(x);
	size_t n, i;
	pthread_mutex_lock(&mu);
	n = throttle_locks(mono(), locks, LOCKS_SHOWN);
	for (i = 0; i < n; i++) {
		const throttle_lock_t *l = &locks[i];
		if (!lock_visible(x, top, l))
			continue;
		json_array_append_new(arr, json_pack("{s:o,s:s,s:i,s:I}", "username",
						     l->name[0] ? json_string(l->name) : json_null(), "address", l->ip,
						     "failures", l->failures, "retry_after", (json_int_t)l->wait_s));
	}
	pthread_mutex_unlock(&mu);
	return arr;
}

/* Clears the locks of username (at address, when given) or of address;
 * PO_OK with *cleared, PO_EINVAL (e) when both are empty, PO_ENOTFOUND
 * when nothing the caller may clear was locked.  Audited
 * "session.unlock" {"username", "address", "cleared"}. */
static int locks_clear(web_ctx_t *x, const char *username, const char *address, int *cleared, err_t *e)
{
	json_t *doc;
	char *text;
	int rc;
	username = username ? username : "";
	address = address ? address : "";
	*cleared = 0;
	if (!*username && !*address)
		return err_set(e, PO_EINVAL, "username", MSG_WEB_LOCK_WHO);
	if (!web_user_top(x) && (!*username || !app_user_name_in_scope(x->a, username, x->scope, x->nscope)))
		return err_set(e, PO_ENOTFOUND, "username", MSG_WEB_LOCK_NONE);
	*cleared = throttle_clear(username, address);
	if (*cleared == 0)
		return err_set(e, PO_ENOTFOUND, "username", MSG_WEB_LOCK_NONE);
	doc = json_pack("{s:s,s:s,s:i}", "username", username, "address", address, "cleared", *cleared);
	text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	rc = app_audit_note(x->a, "session.unlock", "user", text ? text : "{}", e);
	free(text);
	return rc;
}

/* GET /api/v1/login-locks[?limit=N][&after=CURSOR]: a page of the locks
 * (see locks_json) in the list envelope {"results", "next", "total"}. */
void h_api_login_locks(web_ctx_t *x)
{
	web_list_rows(x, locks_json(x), NULL, NULL);
}

/* POST /api/v1/login-locks/clear {"username", "address"}: {"cleared":
 * n}; 422 naming username when both are missing; 404 when nothing the
 * caller may clear was locked. */
void h_api_login_locks_clear(web_ctx_t *x)
{
	err_t e;
	int n, rc = locks_clear(x, web_json_str(x, "username"), web_json_str(x, "address"), &n, &e);
	if (rc == PO_EINVAL)
		web_fail_fields(x, &e, 1);
	else if (rc)
		web_fail(x, rc, &e);
	else
		web_json(x, 200, json_pack("{s:i}", "cleared", n));
}

/* Renders the locks page at status with ctx c (consumed). */
static void locks_page(web_ctx_t *x, unsigned status, json_t *c)
{
	json_object_set_new(c, "locks", locks_json(x));
	web_page(x, status, "login_locks", c);
}

/* GET /login-locks[?done=1]: the login locks, each with its "unlock"
 * button. */
void page_login_locks(web_ctx_t *x)
{
	json_t *c = page_ctx(x, "locks.title");
	const char *done = web_query(x, "done");
	if (done && strcmp(done, "1") == 0)
		json_object_set_new(c, "done", json_true());
	locks_page(x, 200, c);
}

/* POST /login-locks/clear (username, address): 303 to
 * /login-locks?done=1; the page again at 422 when both are empty; 404
 * when nothing the caller may clear was locked. */
void page_login_locks_clear(web_ctx_t *x)
{
	err_t e;
	int n, rc = locks_clear(x, page_form(x, "username"), page_form(x, "address"), &n, &e);
	json_t *c;
	if (rc == PO_EINVAL) {
		c = page_ctx(x, "locks.title");
		page_field_errors(x, c, &e, 1);
		locks_page(x, 422, c);
		return;
	}
	if (rc) {
		web_fail(x, rc, &e);
		return;
	}
	web_redirect(x, "/login-locks?done=1");
}
