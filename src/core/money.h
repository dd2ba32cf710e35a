/* money.h: money as int64 whole dong, rates as integer basis points.
 *
 * There is exactly one rounding function, money_round_div(): every
 * amount that is not a whole dong is rounded half up through it.
 */
#ifndef PLUSONE_CORE_MONEY_H
#define PLUSONE_CORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

typedef int64_t money_t;  /* whole dong */

#define MONEY_MAX ((money_t)1000000000000000LL) /* 10^15 dong: a bound for inputs */
#define MONEY_FMT_MAX 32 /* bytes for money_format output with NUL */

/* num / den rounded half up (half away from zero for negatives), den > 0
 * (den <= 0 is a bug: an assertion, or 0 when assertions are off).
 * Exact for every int64 num and den.  The one rounding function of
 * plusone. */
money_t money_round_div(int64_t num, int64_t den);

/* amount × bp / 10000, rounded by money_round_div (bp: basis points,
 * 2200 = 22%).  Exact for |amount| <= MONEY_MAX and |bp| <= 10^6 (the
 * product, up to 10^21, is never formed in one int64); beyond those
 * bounds a result that does not fit saturates at INT64_MIN/INT64_MAX. */
money_t money_apply_bp(money_t amount, int32_t bp);

/* Parses a whole-dong amount: digits, optionally grouped by '.' or ','
 * or spaces every three digits ("1.500.000", "1,500,000"), optionally
 * followed by "đ", "d" or "VND" (also "VNĐ", "đồng", "dong"; any case);
 * no sign, no decimals; surrounding spaces ignored.  Returns PO_EINVAL
 * naming field on anything else: MSG_MONEY_EMPTY, MSG_MONEY_NEGATIVE,
 * MSG_MONEY_DECIMAL ("1.5"), MSG_MONEY_GROUPING ("1.50.000"),
 * MSG_MONEY_TOO_LARGE (above MONEY_MAX) or MSG_MONEY_FORMAT. */
int money_parse(const char *s, size_t n, money_t *out, const char *field, err_t *e);

/* Formats the Vietnamese way with a NUL: "1.263.600 đ" (with_unit) or
 * "1.263.600"; negatives as "-1.000 đ".  out has MONEY_FMT_MAX bytes. */
void money_format(money_t v, int with_unit, char *out);

#endif
