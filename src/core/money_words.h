/* money_words.h: an amount of dong written out in Vietnamese words, as
 * the "Số tiền bằng chữ" line of a receipt or a list reads it. */
#ifndef PLUSONE_CORE_MONEY_WORDS_H
#define PLUSONE_CORE_MONEY_WORDS_H

#include <stddef.h>

#include "money.h"

#define MONEY_WORDS_MAX 400 /* bytes for money_words_vi output with NUL (int64 extremes need ~330) */

/* Writes v in Vietnamese words, first letter capitalised, ending in
 * "đồng", into out (MONEY_WORDS_MAX bytes, always NUL-terminated):
 * 1366200 → "Một triệu ba trăm sáu mươi sáu nghìn hai trăm đồng".  The
 * accounting style of receipts and invoices: groups of three digits read
 * with nghìn, triệu, tỷ (then nghìn tỷ, triệu tỷ, tỷ tỷ); a group that is
 * all zeros is left out; a group after the first reads its hundreds even
 * when zero ("không trăm"); a zero tens digit before a unit is "lẻ"
 * (101 → "một trăm lẻ một"); 1 after a tens digit of 2 or more is "mốt",
 * 5 after any tens digit is "lăm", 4 stays "bốn"; 10 is "mười".  0 is
 * "Không đồng"; a negative amount starts with "Âm".  Exact for every
 * int64, INT64_MIN included. */
void money_words_vi(money_t v, char *out);

#endif
