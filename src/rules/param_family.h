/* param_family.h: the parameter families plusone knows, the keys each
 * takes and the values plausible for each: what an administrator may
 * record (`plusone params add`, POST /api/v1/params).  Pure.
 *
 * A row of a family the rules never read would change nothing but
 * could hide a typo ("base_salery"); a key outside its family's set
 * likewise; a value outside its family's plausible bounds (a base
 * salary of 0, a rate over 100 %) would make every quote refuse.  So a
 * new row is checked here before it is written.  The bounds are wider
 * than any value in force so far and narrower than the arithmetic
 * bounds the rules check at every look-up (rules/bhxh.c …), which stay
 * as a second guard for rows written some other way.
 */
#ifndef PLUSONE_RULES_PARAM_FAMILY_H
#define PLUSONE_RULES_PARAM_FAMILY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

/* The bounds of a family's values; false for an unknown family. */
bool param_family_bounds(const char *family, int64_t *lo, int64_t *hi);

/* Checks a row about to be recorded: the family is one of the known
 * families (PO_EINVAL, field "family", MSG_PARAM_FAMILY_UNKNOWN), the key
 * is one of the family's keys (field "key": "" for a family without
 * keys, MSG_PARAM_KEY_NONE; a category, a 2-digit province code, a year
 * 2000..2100, a household ordinal 1..5, or a commission product
 * "<bhxh|bhyt>_m<1..60>_<new|cont>", each with its own message), and the
 * value lies within the family's bounds (field "value",
 * MSG_PARAM_VALUE_RANGE naming the family and the bounds).  PO_OK
 * otherwise. */
int param_family_check(const char *family, const char *key, int64_t value, err_t *e);

#endif
