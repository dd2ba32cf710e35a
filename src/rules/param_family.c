/* param_family.c: the known parameter families, their keys and bounds
 * (see param_family.h).  No I/O, no allocation. */
#include <string.h>

#include "core/ids.h"
#include "rules/advance.h"
#include "rules/bhxh.h"
#include "rules/card.h"
#include "rules/param_family.h"
#include "rules/params.h"

/* How a family is keyed. */
enum key_kind {
	K_NONE,       /* "" only */
	K_CATEGORY,   /* a BHXH category name */
	K_PROVINCE,   /* a 2-digit province code */
	K_YEAR,       /* a year 2000..2100 */
	K_TIER,       /* a household ordinal "1".."5" */
	K_COMMISSION, /* "<bhxh|bhyt>_m<1..60>_<new|cont>" */
};

/* One family: its name, its keys and its plausible values. */
struct family_rule {
	const char *family;
	enum key_kind key;
	int64_t lo, hi;
};

static const struct family_rule rules[] = {
	{P_BASE_SALARY, K_NONE, 1000000, 20000000},   /* dong/month: 1,390,000 (2018) .. 2,530,000 (2026) */
	{P_POVERTY_LINE, K_NONE, 100000, 20000000},   /* dong/month: 700,000 (2016) .. 2,200,000 (2027) */
	{P_BHXH_RATE, K_NONE, 1, 10000},              /* bp: 2200 */
	{P_BHXH_CEILING, K_NONE, 1, 100},             /* times the base salary: 20 */
	{P_BHXH_SUPPORT, K_CATEGORY, 0, 10000},       /* bp of 22 % × poverty line */
	{P_BHXH_SUPPORT_MONTHS, K_NONE, 0, 1200},     /* months: 120 */
	{P_BHXH_LOCAL, K_PROVINCE, 0, 10000},         /* bp */
	{P_FUND_RATE, K_YEAR, 0, 20000},              /* ppm per month: 4833 (2019) */
	{P_MISSING_MONTHS_MAX, K_NONE, 1, 120},       /* months: 60 */
	{P_BHYT_RATE, K_NONE, 1, 10000},              /* bp: 450 */
	{P_BHYT_TIER, K_TIER, 0, 10000},              /* bp of the first person's amount */
	{P_CARD_WAIT_DAYS, K_NONE, 0, 365},           /* days: 30 */
	{P_CARD_LAPSE_DAYS, K_NONE, 1, 3650},         /* days: 90 */
	{P_CARD_LAPSE_MONTHS, K_NONE, 1, 12},         /* months of a fiscal year: 3 */
	{P_COMMISSION, K_COMMISSION, 0, 10000},       /* bp of the net collected */
};

/* The rule of a family, or NULL. */
static const struct family_rule *rule_of(const char *family)
{
	size_t i;
	if (!family)
		return NULL;
	for (i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].family, family) == 0)
			return &rules[i];
	return NULL;
}

/* True when s is n decimal digits (n >= 1) and nothing else, its value
 * in *v. */
static bool digits(const char *s, size_t n, long *v)
{
	size_t i;
	*v = 0;
	if (strlen(s) != n || n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

/* True for "<bhxh|bhyt>_m<1..60>_<new|cont>" (months without a leading
 * zero). */
static bool commission_key(const char *k)
{
	const char *m, *end;
	long months = 0;
	if (strncmp(k, "bhxh_m", 6) && strncmp(k, "bhyt_m", 6))
		return false;
	m = k + 6;
	end = strchr(m, '_');
	if (!end || end == m || end - m > 2 || m[0] == '0')
		return false;
	for (; m < end; m++) {
		if (*m < '0' || *m > '9')
			return false;
		months = months * 10 + (*m - '0');
	}
	return months >= 1 && months <= 60 && (strcmp(end, "_new") == 0 || strcmp(end, "_cont") == 0);
}

/* See param_family.h. */
bool param_family_bounds(const char *family, int64_t *lo, int64_t *hi)
{
	const struct family_rule *r = rule_of(family);
	if (!r)
		return false;
	*lo = r->lo;
	*hi = r->hi;
	return true;
}

/* See param_family.h.  family and key NULL read as "". */
int param_family_check(const char *family, const char *key, int64_t value, err_t *e)
{
	const struct family_rule *r = rule_of(family);
	enum bhxh_category c;
	long v;
	if (!key)
		key = "";
	if (!r)
		return err_set(e, PO_EINVAL, "family", MSG_PARAM_FAMILY_UNKNOWN, family ? family : "");
	switch (r->key) {
	case K_NONE:
		if (key[0])
			return err_set(e, PO_EINVAL, "key", MSG_PARAM_KEY_NONE, r->family, key);
		break;
	case K_CATEGORY:
		if (!bhxh_category_parse(key, &c))
			return err_set(e, PO_EINVAL, "key", MSG_PARAM_KEY_CATEGORY, r->family, key);
		break;
	case K_PROVINCE:
		if (!digits(key, 2, &v) || !ids_province_name(key))
			return err_set(e, PO_EINVAL, "key", MSG_PARAM_KEY_PROVINCE, r->family, key);
		break;
	case K_YEAR:
		if (!digits(key, 4, &v) || v < 2000 || v > 2100)
			return err_set(e, PO_EINVAL, "key", MSG_PARAM_KEY_YEAR, r->family, key);
		break;
	case K_TIER:
		if (!digits(key, 1, &v) || v < 1 || v > 5)
			return err_set(e, PO_EINVAL, "key", MSG_PARAM_KEY_TIER, r->family, key);
		break;
	case K_COMMISSION:
		if (!commission_key(key))
			return err_set(e, PO_EINVAL, "key", MSG_PARAM_KEY_COMMISSION, r->family, key);
		break;
	}
	if (value < r->lo || value > r->hi)
		return err_set(e, PO_EINVAL, "value", MSG_PARAM_VALUE_RANGE, (long long)value, r->family,
			       (long long)r->lo, (long long)r->hi);
	return PO_OK;
}
