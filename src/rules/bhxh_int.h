/* bhxh_int.h: helpers of bhxh.c shared with the other voluntary BHXH
 * rules (advance.c).  Internal to src/rules; not part of the contract.
 * Pure: no I/O, no allocation. */
#ifndef PLUSONE_RULES_BHXH_INT_H
#define PLUSONE_RULES_BHXH_INT_H

#include <stdint.h>

#include "core/money.h"
#include "rules/params.h"

/* The income bounds of bhxh_quote: PO_OK when poverty <= income <=
 * factor × base (the rural poverty line and the ceiling), else
 * PO_EINVAL, field "income", MSG_RULES_INCOME_LOW (args: income, floor)
 * or MSG_RULES_INCOME_HIGH (income, ceiling, factor, base), amounts
 * formatted by money_format.  Needs factor 1..1000 and base 1..10^10
 * (checked by the caller's lookups) so that the ceiling fits int64. */
int bhxh_income_check(money_t income, money_t poverty, int64_t factor, money_t base, err_t *e);

#endif
