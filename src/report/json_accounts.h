/* json_accounts.h: JSON shapes (see json.h) of logins and audit entries,
 * and the masked person a viewer sees. */
#ifndef PLUSONE_REPORT_JSON_ACCOUNTS_H
#define PLUSONE_REPORT_JSON_ACCOUNTS_H

#include <stdbool.h>

#include "report/json.h"
#include "store/store_accounts.h"

/* Writes cccd with all but its first 3 and last 3 characters replaced by
 * '*' ("084180000001" → "084******001") into out.  A text of 6
 * characters or fewer is all stars; an empty one gives "".  At most 12
 * characters are written (a longer text keeps 3 + 6 stars + 3). */
void cccd_mask(const char *cccd, char out[13]);

/* A person as report_person(p, full) shows her; with mask, her CCCD is
 * shown masked by cccd_mask (for a viewer). */
json_t *report_person_masked(const person_t *p, bool full, bool mask);

/* A login: {id, username, role, unit_code, disabled}.  Never its hash. */
json_t *report_user(const user_t *u);

/* An audit entry: {id, at, actor, action, entity, entity_id (or null),
 * detail (the JSON written with it, parsed; null when none)}. */
json_t *report_audit_entry(const audit_entry_t *r);

#endif
