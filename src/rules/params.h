/* params.h: dated legal parameters, looked up by family, key and date.
 *
 * Every legal number (base salary, poverty line, rates, support shares,
 * tiers) is a row: family, key ("" when the family has no key), the first
 * day it applies, and an integer value (dong, or basis points: 2200 =
 * 22%).  A row applies from its date until the next row of the same
 * family and key.  The rows are data: shipped in data/params/, loaded
 * into the database by `plusone init`, extended by `plusone params add`.
 * rules/ only reads them; it does no I/O.
 */
#ifndef PLUSONE_RULES_PARAMS_H
#define PLUSONE_RULES_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"

#define PARAM_FAMILY_MAX 40
#define PARAM_KEY_MAX 24

/* Family names used by the rules. */
#define P_BASE_SALARY "base_salary"              /* lương cơ sở, dong/month */
#define P_POVERTY_LINE "poverty_line_rural"      /* chuẩn hộ nghèo nông thôn, dong/month */
#define P_BHXH_RATE "bhxh_rate_bp"               /* 2200 */
#define P_BHXH_CEILING "bhxh_ceiling_factor"     /* 20: ceiling = factor × base salary */
#define P_BHXH_SUPPORT "bhxh_support_bp"         /* key: category */
#define P_BHXH_SUPPORT_MONTHS "bhxh_support_months_max" /* 120 */
#define P_BHXH_LOCAL "bhxh_local_support_bp"     /* key: 2-digit province code */
#define P_BHYT_RATE "bhyt_rate_bp"               /* 450 */
#define P_BHYT_TIER "bhyt_tier_bp"               /* key: ordinal "1".."5" (5 = 5th and later) */
#define P_COMMISSION "commission_bp"             /* key: "<scheme>_m<months>_<new|cont>" */

typedef struct param_row {
	char family[PARAM_FAMILY_MAX + 1];
	char key[PARAM_KEY_MAX + 1];
	date_t from;
	int64_t value;
} param_row_t;

/* A set of rows, sorted by (family, key, from) — params_sort() does it. */
typedef struct params {
	param_row_t *rows;
	size_t n;
} params_t;

/* Sorts the rows for params_get. */
void params_sort(params_t *p);

/* The value of family/key in force on date d: the row with the latest
 * `from` not after d.  PO_OK and *out, or PO_ENOTFOUND (e names the
 * family and the date: no such parameter recorded for that date). */
int params_get(const params_t *p, const char *family, const char *key, date_t d, int64_t *out, err_t *e);

/* Like params_get, and the value must lie in lo..hi: outside, the
 * parameter table is broken and the answer is PO_EINVAL (field: the
 * family) with a message naming the row.  The rules use it for every
 * look-up, so a mistyped row can never produce an absurd amount. */
int params_get_range(const params_t *p, const char *family, const char *key, date_t d, int64_t lo, int64_t hi,
		     int64_t *out, err_t *e);

#endif
