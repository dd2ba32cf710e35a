/* param_notice.c: parameter changes in words (see param_notice.h). */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "rules/bhyt.h"
#include "rules/param_notice.h"

/* How a family's values and their change read. */
struct wording {
	const char *family;
	enum msg_id label;      /* "chuẩn nghèo nông thôn" */
	bool money;             /* dong (else basis points, or a plain number when !bp) */
	bool bp;
	enum msg_id up, down;   /* what a rise / a fall changes */
};

static const struct wording wordings[] = {
	{P_POVERTY_LINE, MSG_NOTICE_L_POVERTY, true, false, MSG_NOTICE_E_POVERTY_UP, MSG_NOTICE_E_POVERTY_DOWN},
	{P_BASE_SALARY, MSG_NOTICE_L_BASE, true, false, MSG_NOTICE_E_BASE_UP, MSG_NOTICE_E_BASE_DOWN},
	{P_BHXH_SUPPORT, MSG_NOTICE_L_SUPPORT, false, true, MSG_NOTICE_E_SUPPORT_UP, MSG_NOTICE_E_SUPPORT_DOWN},
	{P_BHXH_RATE, MSG_NOTICE_L_BHXH_RATE, false, true, MSG_NOTICE_E_PAY_UP, MSG_NOTICE_E_PAY_DOWN},
	{P_BHYT_RATE, MSG_NOTICE_L_BHYT_RATE, false, true, MSG_NOTICE_E_PAY_UP, MSG_NOTICE_E_PAY_DOWN},
	{P_BHYT_TIER, MSG_NOTICE_L_BHYT_TIER, false, true, MSG_NOTICE_E_PAY_UP, MSG_NOTICE_E_PAY_DOWN},
};

/* The wording of a family, or NULL (then the family's name and a
 * general effect are used). */
static const struct wording *wording_of(const char *family)
{
	size_t i;
	for (i = 0; i < sizeof wordings / sizeof wordings[0]; i++)
		if (strcmp(wordings[i].family, family) == 0)
			return &wordings[i];
	return NULL;
}

/* A value as a person reads it: money ("2.200.000 đ"), a share in
 * percent ("20 %", "4,5 %", in lang's decimal comma or point), or the
 * number. */
static void value_text(const struct wording *w, int64_t v, enum lang lang, char *out, size_t cap)
{
	if (w && w->money) {
		char m[MONEY_FMT_MAX];
		money_format(v, 1, m);
		snprintf(out, cap, "%s", m);
	} else if (w && w->bp && v >= 0) {
		long long whole = v / 100, frac = v % 100;
		if (frac == 0)
			snprintf(out, cap, "%lld %%", whole);
		else if (frac % 10 == 0)
			snprintf(out, cap, "%lld%c%lld %%", whole, lang == LANG_EN ? '.' : ',', frac / 10);
		else
			snprintf(out, cap, "%lld%c%02lld %%", whole, lang == LANG_EN ? '.' : ',', frac);
	} else {
		snprintf(out, cap, "%lld", (long long)v);
	}
}

/* Writes the change sentence of n in lang into out. */
static void sentence(const param_notice_t *n, enum lang lang, char *out, size_t cap)
{
	const struct wording *w = wording_of(n->family);
	char when[DATE_ISO_LEN + 1], b[48], a[48], label[160];
	const char *effect;
	date_format_vn(n->from, when);
	value_text(w, n->before, lang, b, sizeof b);
	value_text(w, n->after, lang, a, sizeof a);
	if (w && n->key[0])
		snprintf(label, sizeof label, "%s (%s)", msg_format(w->label, lang), n->key);
	else if (w)
		snprintf(label, sizeof label, "%s", msg_format(w->label, lang));
	else if (n->key[0])
		snprintf(label, sizeof label, "%s (%s)", n->family, n->key);
	else
		snprintf(label, sizeof label, "%s", n->family);
	effect = msg_format(!w ? MSG_NOTICE_E_OTHER : n->after > n->before ? w->up : w->down, lang);
	snprintf(out, cap, msg_format(MSG_NOTICE_CHANGE, lang), when, label, b, a, effect);
}

/* True when row r is of one of the filters (nf 0: any). */
static bool wanted(const param_row_t *r, const param_filter_t *f, size_t nf)
{
	size_t i;
	if (nf == 0)
		return true;
	for (i = 0; i < nf; i++)
		if (strcmp(f[i].family, r->family) == 0 && (!f[i].key || strcmp(f[i].key, r->key) == 0))
			return true;
	return false;
}

/* Inserts n into out[0..*k) keeping the order by date, family, key (at
 * most max kept). */
static void insert_sorted(param_notice_t *out, size_t *k, size_t max, const param_notice_t *n)
{
	size_t i = *k;
	while (i > 0) {
		const param_notice_t *o = &out[i - 1];
		int c = date_cmp(o->from, n->from);
		if (!c)
			c = strcmp(o->family, n->family);
		if (!c)
			c = strcmp(o->key, n->key);
		if (c <= 0)
			break;
		i--;
	}
	if (i >= max)
		return;
	memmove(&out[i + 1], &out[i], (*k - i - (*k == max ? 1 : 0)) * sizeof *out);
	out[i] = *n;
	if (*k < max)
		(*k)++;
}

/* See param_notice.h.  Rows of one family and key are consecutive and
 * in date order (params_sort), so the value before a row is the row
 * before it when that one is of the same family and key. */
size_t param_changes(const params_t *p, const param_filter_t *f, size_t nf, date_t after, date_t until,
		     param_notice_t *out, size_t max)
{
	size_t i, total = 0, kept = 0;
	if (!p || !p->rows)
		return 0;
	for (i = 1; i < p->n; i++) {
		const param_row_t *r = &p->rows[i], *prev = &p->rows[i - 1];
		param_notice_t n;
		if (strcmp(r->family, prev->family) || strcmp(r->key, prev->key))
			continue; /* the first row of its family and key */
		if (date_cmp(r->from, after) <= 0 || date_cmp(r->from, until) > 0 || r->value == prev->value ||
		    date_cmp(r->from, prev->from) == 0 || !wanted(r, f, nf))
			continue;
		total++;
		if (!out || max == 0)
			continue;
		memset(&n, 0, sizeof n);
		memcpy(n.family, r->family, sizeof n.family);
		memcpy(n.key, r->key, sizeof n.key);
		n.from = r->from;
		n.before = prev->value;
		n.after = r->value;
		sentence(&n, LANG_VI, n.vi, sizeof n.vi);
		sentence(&n, LANG_EN, n.en, sizeof n.en);
		insert_sorted(out, &kept, max, &n);
	}
	return total;
}

/* Turns each change sentence of out[0..n) into a quote's note on paid. */
static void as_quote_notes(param_notice_t *out, size_t n, date_t paid)
{
	char when[DATE_ISO_LEN + 1], tmp[PARAM_NOTICE_TEXT];
	size_t i;
	date_format_vn(paid, when);
	for (i = 0; i < n; i++) {
		snprintf(tmp, sizeof tmp, "%s", out[i].vi);
		snprintf(out[i].vi, sizeof out[i].vi, msg_format(MSG_NOTICE_QUOTE, LANG_VI), when, tmp);
		snprintf(tmp, sizeof tmp, "%s", out[i].en);
		snprintf(out[i].en, sizeof out[i].en, msg_format(MSG_NOTICE_QUOTE, LANG_EN), when, tmp);
	}
}

/* See param_notice.h. */
size_t bhxh_quote_notices(const params_t *p, date_t paid, date_t period_end, enum bhxh_category c,
			  param_notice_t *out, size_t max)
{
	const param_filter_t f[] = {
		{P_POVERTY_LINE, NULL}, {P_BASE_SALARY, NULL}, {P_BHXH_RATE, NULL}, {P_BHXH_CEILING, NULL},
		{P_BHXH_SUPPORT_MONTHS, NULL}, {P_BHXH_SUPPORT, bhxh_category_name(c)},
	};
	size_t n = param_changes(p, f, sizeof f / sizeof f[0], paid, period_end, out, max);
	as_quote_notes(out, n < max ? n : max, paid);
	return n;
}

/* See param_notice.h. */
size_t bhyt_quote_notices(const params_t *p, date_t paid, date_t period_end, param_notice_t *out, size_t max)
{
	const param_filter_t f[] = {{P_BASE_SALARY, NULL}, {P_BHYT_RATE, NULL}, {P_BHYT_TIER, NULL}};
	size_t n = param_changes(p, f, sizeof f / sizeof f[0], paid, period_end, out, max);
	as_quote_notes(out, n < max ? n : max, paid);
	return n;
}

/* See param_notice.h. */
date_t quote_period_end(date_t paid, int months)
{
	return date_add_days(date_add_months(date_make(paid.y, paid.m, 1), months), -1);
}
