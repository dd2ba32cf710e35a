/* json.h: the JSON shapes of plusone's records, shared by every adapter
 * (command line, web API) so they never drift apart. */
#ifndef PLUSONE_REPORT_JSON_H
#define PLUSONE_REPORT_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "app/model.h"

/* A JSON string, or null for an empty string. */
json_t *report_str_or_null(const char *s);

/* A date as "YYYY-MM-DD". */
json_t *report_date(date_t d);

/* A person as the contract's search results show it (id, full_name,
 * dob, sex, cccd, bhxh_code, phone, unit_code, household_code); with
 * full also dob_precision, ethnicity, relation and member. */
json_t *report_person(const person_t *p, bool full);

#endif
