/* json_accounts.c: see json_accounts.h. */
#include <string.h>

#include "report/json_accounts.h"

/* See json_accounts.h. */
void cccd_mask(const char *cccd, char out[13])
{
	size_t n = cccd ? strlen(cccd) : 0, i;
	if (n <= 6) {
		for (i = 0; i < n; i++)
			out[i] = '*';
		out[n] = '\0';
		return;
	}
	if (n > 12) {
		memcpy(out, cccd, 3);
		memset(out + 3, '*', 6);
		memcpy(out + 9, cccd + n - 3, 3);
		out[12] = '\0';
		return;
	}
	memcpy(out, cccd, n);
	memset(out + 3, '*', n - 6);
	out[n] = '\0';
}

/* See json_accounts.h. */
json_t *report_person_masked(const person_t *p, bool full, bool mask)
{
	json_t *o = report_person(p, full);
	char masked[13];
	if (o && mask && p->cccd[0]) {
		cccd_mask(p->cccd, masked);
		json_object_set_new(o, "cccd", json_string(masked));
	}
	return o;
}

/* See json_accounts.h. */
json_t *report_user(const user_t *u)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:b,s:s}", "id", (json_int_t)u->id, "username", u->username, "role",
			 user_role_name(u->role), "unit_code", u->unit_code, "disabled", u->disabled, "full_name",
			 u->full_name);
}

/* See json_accounts.h. */
json_t *report_audit_entry(const audit_entry_t *r)
{
	json_t *o = json_object(), *detail = NULL;
	if (!o)
		return NULL;
	if (r->detail) {
		detail = json_loads(r->detail, JSON_DECODE_ANY, NULL);
		if (!detail)
			detail = json_string(r->detail);
	}
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "at", json_string(r->at));
	json_object_set_new(o, "actor", json_string(r->actor));
	json_object_set_new(o, "action", json_string(r->action));
	json_object_set_new(o, "entity", json_string(r->entity));
	json_object_set_new(o, "entity_id", r->entity_id ? json_integer(r->entity_id) : json_null());
	json_object_set_new(o, "detail", detail ? detail : json_null());
	return o;
}
