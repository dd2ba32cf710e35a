/* param_notice.h: parameter changes in a span of dates, said in words.
 * Pure: read from the parameter rows, no I/O, no allocation.
 *
 * Two uses: the dashboard announces the rows that come into force in the
 * next days ("Từ 01/01/2027: chuẩn nghèo nông thôn 1.500.000 đ →
 * 2.200.000 đ: mức đóng BHXH tự nguyện tối thiểu và tiền Nhà nước hỗ trợ
 * tăng"); a quote whose period reaches past a change says that its
 * amounts follow the rules of the payment date (RULES.md: "at the time
 * of payment") and names the change it does not apply.  Dates in the
 * sentences are written dd/mm/yyyy; amounts as money_format does.
 */
#ifndef PLUSONE_RULES_PARAM_NOTICE_H
#define PLUSONE_RULES_PARAM_NOTICE_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/bhxh.h"
#include "rules/params.h"

#define PARAM_NOTICE_MAX 16      /* notices gathered at most */
#define PARAM_NOTICE_TEXT 640    /* bytes of a sentence with its NUL */

typedef struct param_notice {
	char family[PARAM_FAMILY_MAX + 1];
	char key[PARAM_KEY_MAX + 1];
	date_t from;                  /* the first day of the new value */
	int64_t before, after;        /* the value the day before, and from then */
	char vi[PARAM_NOTICE_TEXT];   /* the change in words */
	char en[PARAM_NOTICE_TEXT];
} param_notice_t;

/* One family (and key: NULL for every key of it) a notice may concern. */
typedef struct param_filter {
	const char *family;
	const char *key;
} param_filter_t;

/* The rows of p (sorted by params_sort) that come into force after
 * `after` and on or before `until`, of the families in f[0..nf) (nf 0:
 * every family), whose value differs from the one in force the day
 * before (a row that repeats a value, or the first row of a family, is
 * no change), ordered by date, then family and key.  Writes at most max
 * into out; returns how many there are (possibly more than max). */
size_t param_changes(const params_t *p, const param_filter_t *f, size_t nf, date_t after, date_t until,
		     param_notice_t *out, size_t max);

/* The changes a voluntary BHXH payment made on `paid` for category c
 * does not follow although its period runs to `period_end`: rows of the
 * poverty line, the base salary, the rate, the ceiling factor, the
 * support months cap and the category's support share, in force after
 * paid and by period_end.  Each sentence (vi, en) is the quote's note:
 * "Số tiền tính theo quy định tại ngày đóng 20/12/2026. Từ 01/01/2027:
 * … (không áp dụng cho lần đóng này)."  Returns how many (see
 * param_changes). */
size_t bhxh_quote_notices(const params_t *p, date_t paid, date_t period_end, enum bhxh_category c,
			  param_notice_t *out, size_t max);

/* The last day of a period of `months` months that starts on the first
 * day of paid's month: what a quote without a person covers (a BHXH
 * period runs in calendar months from the month paid in). */
date_t quote_period_end(date_t paid, int months);

/* The same for household BHYT: the base salary, the rate and the tiers. */
size_t bhyt_quote_notices(const params_t *p, date_t paid, date_t period_end, param_notice_t *out, size_t max);

#endif
