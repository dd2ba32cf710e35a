/* advance.c: advance payment, lump sum for missing time and refunds of
 * voluntary BHXH (see advance.h).
 *
 * Integer arithmetic only, no floating point, no I/O, no allocation.
 *
 * The monthly amount.  g = round(TN × bhxh_rate_bp / 10^4), rounded once
 * by money_round_div exactly as bhxh_quote's gross: the sums of
 * advance.h are taken over this rounded monthly amount (RULES.md writes
 * "TN × 22%" inside the sum; the monthly amount is what the participant
 * is quoted each month, so it is rounded first, then each sum is rounded
 * once more at the end).
 *
 * The sums, exactly.  With S = 10^6 and R = 10^6 + r (r in ppm per
 * month), 1 + r = R / S, and with
 *     H(n) = Σ_{j=0..n−1} R^j × S^(n−1−j)
 * (the same polynomial whichever of R, S comes first):
 *     advance, N = 12 × years months:
 *         Σ_{i=1..N} g × (S/R)^(i−1) = g × H(N) / R^(N−1)
 *     missing time, t months:
 *         Σ_{i=1..t} g × (R/S)^i     = g × R × H(t) / S^t
 * Both are num / den with num, den whole numbers of up to about 2460
 * bits, which a small fixed-size bignum below holds exactly (Horner's
 * rule for H: only multiply by a small number, add, shift, compare and
 * subtract are needed).  Rounding, once, half up: with x = num / den >= 0
 * and u = floor(2x) (a bignum long division whose quotient fits int64),
 *     round_half_up(x) = floor(x + 1/2) = floor((u + 1) / 2)
 *                      = money_round_div(u, 2)
 * (floor((y + 1) / 2) = floor((floor(y) + 1) / 2) for every real y), so
 * the one rounding of the exact rational is done by money_round_div: no
 * approximation anywhere, ties (x exactly k + 1/2) go up.
 *
 * Bounds (a parameter outside them is a broken table: PO_EINVAL naming it):
 *   r                      0 .. RATE_PPM_MAX = 20000 ppm (2 %/month):
 *                          R, S < 2^20
 *   missing months max     1 .. MISSING_MONTHS_LIMIT = 120, so t <= 120
 *   income                 <= 1000 × 10^10 (bhxh_quote's bounds), so
 *                          g <= 10^13 < 2^44
 * so num <= 2 × g × R × t × max(R,S)^(t−1) < 2^(1+44+20+7+20×119) =
 * 2^2432 and den × 2^62 < 2^(20×120+62) = 2^2462 < 2^(32×BN_LIMBS); the
 * quotient 2x <= 2 × g × t × 1.02^120 < 2 × 10^13 × 120 × 10.8 < 2^62.
 * The bignum still flags an overflow, reported as PO_EINTERNAL, should
 * these bounds ever be widened without widening it.
 */
#include <stdbool.h>
#include <string.h>

#include "rules/advance.h"
#include "rules/bhxh_int.h"

#define PARAM_DONG_MAX 10000000000LL /* as bhxh.c: base salary, poverty line */
#define BP_ONE 10000LL               /* 100% in basis points */
#define CEILING_FACTOR_MAX 1000      /* as bhxh.c */
#define PPM_ONE 1000000U             /* S: 1 in millionths */
#define RATE_PPM_MAX 20000           /* r: 2 % a month */
#define MISSING_MONTHS_LIMIT 120     /* the largest P_MISSING_MONTHS_MAX accepted */
#define REFUND_MONTHS_MAX 1200       /* paid_months of a refund: 100 years */
#define QUOTIENT_BITS 62             /* floor(2x) < 2^62 */
#define BN_LIMBS 80                  /* 2560 bits > 2462 (see the top) */

/* ---- a small unsigned bignum: little-endian 32-bit limbs --------------- */

typedef struct bn {
	uint32_t d[BN_LIMBS];
	int n;         /* limbs in use; d[n−1] != 0 unless n == 0 */
	bool overflow; /* a result did not fit in BN_LIMBS limbs */
} bn_t;

/* *a = v. */
static void bn_set(bn_t *a, uint64_t v)
{
	a->n = 0;
	a->overflow = false;
	while (v) {
		a->d[a->n++] = (uint32_t)v;
		v >>= 32;
	}
}

/* Drops the zero limbs at the top of *a. */
static void bn_trim(bn_t *a)
{
	while (a->n > 0 && a->d[a->n - 1] == 0)
		a->n--;
}

/* *a ×= m. */
static void bn_mul_u32(bn_t *a, uint32_t m)
{
	uint64_t carry = 0;
	int i;
	for (i = 0; i < a->n; i++) {
		uint64_t t = (uint64_t)a->d[i] * m + carry;
		a->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry) {
		if (a->n == BN_LIMBS)
			a->overflow = true;
		else
			a->d[a->n++] = (uint32_t)carry;
	}
	bn_trim(a);
}

/* *a += *b. */
static void bn_add(bn_t *a, const bn_t *b)
{
	uint64_t carry = 0;
	int i, n = a->n > b->n ? a->n : b->n;
	for (i = 0; i < n; i++) {
		uint64_t t = carry;
		if (i < a->n)
			t += a->d[i];
		if (i < b->n)
			t += b->d[i];
		a->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	a->n = n;
	if (carry) {
		if (a->n == BN_LIMBS)
			a->overflow = true;
		else
			a->d[a->n++] = (uint32_t)carry;
	}
	a->overflow = a->overflow || b->overflow;
}

/* -1, 0 or 1 as *a is less than, equal to or greater than *b. */
static int bn_cmp(const bn_t *a, const bn_t *b)
{
	int i;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (i = a->n - 1; i >= 0; i--)
		if (a->d[i] != b->d[i])
			return a->d[i] < b->d[i] ? -1 : 1;
	return 0;
}

/* *a −= *b, which must not be greater than *a. */
static void bn_sub(bn_t *a, const bn_t *b)
{
	int64_t borrow = 0;
	int i;
	for (i = 0; i < a->n; i++) {
		int64_t t = (int64_t)a->d[i] - borrow - (i < b->n ? (int64_t)b->d[i] : 0);
		borrow = t < 0;
		a->d[i] = (uint32_t)(t + (borrow << 32));
	}
	bn_trim(a);
}

/* *a <<= bits (bits >= 0). */
static void bn_shl(bn_t *a, int bits)
{
	int limbs = bits / 32, s = bits % 32, i, n;
	if (a->n == 0)
		return;
	n = a->n + limbs + 1;
	if (n > BN_LIMBS) {
		/* fits only if the top limb does not spill */
		if (n - 1 > BN_LIMBS || (s && (a->d[a->n - 1] >> (32 - s)))) {
			a->overflow = true;
			return;
		}
		n = BN_LIMBS;
	}
	for (i = n - 1; i >= 0; i--) {
		int src = i - limbs;
		uint64_t hi = src >= 0 && src < a->n ? a->d[src] : 0;
		uint64_t lo = src - 1 >= 0 && src - 1 < a->n ? a->d[src - 1] : 0;
		a->d[i] = s ? (uint32_t)((hi << s) | (lo >> (32 - s))) : (uint32_t)hi;
	}
	a->n = n;
	bn_trim(a);
}

/* *a >>= 1. */
static void bn_shr1(bn_t *a)
{
	int i;
	for (i = 0; i < a->n; i++) {
		uint32_t next = i + 1 < a->n ? a->d[i + 1] : 0;
		a->d[i] = (a->d[i] >> 1) | (next << 31);
	}
	bn_trim(a);
}

/* *a ×= m (any uint64): a × lo + (a × hi) << 32. */
static void bn_mul_u64(bn_t *a, uint64_t m)
{
	bn_t hi = *a;
	bn_mul_u32(&hi, (uint32_t)(m >> 32));
	bn_shl(&hi, 32);
	bn_mul_u32(a, (uint32_t)m);
	bn_add(a, &hi);
}

/* floor(*num / *den) into *q by shift and subtract; *num is consumed
 * (left holding the remainder).  False when den is 0, an operand
 * overflowed, or the quotient is 2^QUOTIENT_BITS or more. */
static bool bn_div_small_quotient(bn_t *num, const bn_t *den, uint64_t *q)
{
	bn_t t = *den;
	int b;
	if (den->n == 0 || num->overflow || den->overflow)
		return false;
	bn_shl(&t, QUOTIENT_BITS);
	if (t.overflow || bn_cmp(num, &t) >= 0)
		return false;
	*q = 0;
	for (b = QUOTIENT_BITS - 1; b >= 0; b--) {
		bn_shr1(&t); /* t = den × 2^b */
		if (bn_cmp(num, &t) >= 0) {
			bn_sub(num, &t);
			*q |= (uint64_t)1 << b;
		}
	}
	return true;
}

/* ---- the sums ----------------------------------------------------------- */

/* *h = H(n) = Σ_{j=0..n−1} R^j × S^(n−1−j) by Horner's rule (n >= 1),
 * and *spow = S^(n−1), *rpow = R^(n−1). */
static void horner(uint32_t R, uint32_t S, int n, bn_t *h, bn_t *spow, bn_t *rpow)
{
	int k;
	bn_set(h, 1);
	bn_set(spow, 1);
	bn_set(rpow, 1);
	for (k = 1; k < n; k++) {
		bn_mul_u32(spow, S); /* S^k */
		bn_mul_u32(rpow, R); /* R^k */
		bn_mul_u32(h, R);
		bn_add(h, spow); /* Σ_{j=0..k} R^j S^(k−j) */
	}
}

/* The exact sum of advance.h rounded once, half up: for the advance
 * (advance true) g × H(n) / R^(n−1), for the missing time
 * g × R × H(n) / S^n, with R = 10^6 + rate_ppm, S = 10^6 (see the top of
 * this file).  False on a bignum overflow (outside the bounds there). */
static bool lump_sum(money_t g, int32_t rate_ppm, int n, bool advance, money_t *out)
{
	uint32_t R = PPM_ONE + (uint32_t)rate_ppm, S = PPM_ONE;
	bn_t num, spow, rpow;
	const bn_t *den;
	uint64_t u;
	horner(R, S, n, &num, &spow, &rpow);
	if (advance) {
		den = &rpow; /* R^(n−1) */
	} else {
		bn_mul_u32(&num, R);
		bn_mul_u32(&spow, S); /* S^n */
		den = &spow;
	}
	bn_mul_u64(&num, (uint64_t)g);
	bn_mul_u32(&num, 2);
	if (!bn_div_small_quotient(&num, den, &u))
		return false;
	*out = money_round_div((int64_t)u, 2); /* floor((floor(2x) + 1) / 2) */
	return true;
}

/* ---- the quotes --------------------------------------------------------- */

/* Writes y as decimal digits and a NUL into out (12 bytes hold any
 * int). */
static void int_to_decimal(int y, char out[12])
{
	char tmp[12];
	int n = 0, k = 0;
	long long v = y;
	if (v < 0) {
		out[k++] = '-';
		v = -v;
	}
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		out[k++] = tmp[--n];
	out[k] = '\0';
}

/* The fund rate for the year before d.y into *rate_ppm: the P_FUND_RATE
 * row keyed by that year in force on d.  PO_OK; PO_ENOTFOUND, field
 * "rate", MSG_ADV_RATE_MISSING naming the year, when there is none;
 * PO_EINVAL (field: the family) for a value outside 0..RATE_PPM_MAX. */
static int fund_rate(const params_t *p, date_t d, int *year, int64_t *rate_ppm, err_t *e)
{
	char key[12], iso[DATE_ISO_LEN + 1];
	*year = d.y - 1;
	int_to_decimal(*year, key);
	if (params_get(p, P_FUND_RATE, key, d, rate_ppm, NULL) != PO_OK) {
		date_format_vn(d, iso); /* dd/mm/yyyy: the message is shown at the form's field */
		return err_set(e, PO_ENOTFOUND, "rate", MSG_ADV_RATE_MISSING, *year, iso);
	}
	return params_get_range(p, P_FUND_RATE, key, d, 0, RATE_PPM_MAX, rate_ppm, e);
}

/* The common part of the two quotes, after the months are checked: the
 * parameters on d (base salary, poverty line, rate, ceiling factor, in
 * the order and bounds of bhxh_quote, then the fund rate), the income
 * bounds of bhxh_quote, the monthly gross g = round(income × rate /
 * 10^4), and the exact sum over `months` months (advance or missing
 * time) rounded once.  *q written only on success. */
static int lump_quote(const params_t *p, date_t d, money_t income, int months, bool advance,
		      lump_quote_t *q, err_t *e)
{
	int64_t base, poverty, rate, factor, r;
	int year, rc;
	money_t g, amount;
	if ((rc = params_get_range(p, P_BASE_SALARY, "", d, 1, PARAM_DONG_MAX, &base, e)) ||
	    (rc = params_get_range(p, P_POVERTY_LINE, "", d, 1, PARAM_DONG_MAX, &poverty, e)) ||
	    (rc = params_get_range(p, P_BHXH_RATE, "", d, 0, BP_ONE, &rate, e)) ||
	    (rc = params_get_range(p, P_BHXH_CEILING, "", d, 1, CEILING_FACTOR_MAX, &factor, e)) ||
	    (rc = fund_rate(p, d, &year, &r, e)))
		return rc;
	if ((rc = bhxh_income_check(income, poverty, factor, base, e)))
		return rc;
	g = money_round_div(income * rate, BP_ONE); /* <= 10^13 × 10^4 */
	if (!lump_sum(g, (int32_t)r, months, advance, &amount))
		return err_set(e, PO_EINTERNAL, P_FUND_RATE, MSG_ADV_OVERFLOW);
	memset(q, 0, sizeof *q);
	q->category = BHXH_OTHER;
	q->months = months;
	q->monthly_gross = g;
	q->amount = amount;
	q->net = amount; /* no support until the caller adds it */
	q->undiscounted = g * months;
	q->rate_ppm = (int32_t)r;
	q->rate_year = year;
	return PO_OK;
}

/* See advance.h.  Checks, in order: years ADVANCE_YEARS_MIN..MAX
 * (PO_EINVAL, field "years"), then one month of bhxh_quote on the same
 * request (category, supported_before, the parameters on the date, the
 * income bounds), the support months cap, then the fund rate of the year
 * before (PO_ENOTFOUND / PO_EINVAL).  amount = round(g × Σ_{i=1..12n}
 * (1+r)^−(i−1)), exact, so amount <= undiscounted, equal when r = 0;
 * supported_months = min(12n, max(0, cap − supported_before));
 * state_support = min(amount, monthly support × supported_months). */
int bhxh_advance_quote_for(const params_t *p, const bhxh_request_t *r, int years, lump_quote_t *q, err_t *e)
{
	bhxh_request_t one = *r;
	bhxh_quote_t mq;
	lump_quote_t lq;
	int64_t cap, left;
	money_t support;
	int rc;
	if (years < ADVANCE_YEARS_MIN || years > ADVANCE_YEARS_MAX)
		return err_set(e, PO_EINVAL, "years", MSG_ADV_YEARS, ADVANCE_YEARS_MIN, ADVANCE_YEARS_MAX, years);
	one.months = 1;
	one.province[0] = '\0';
	if ((rc = bhxh_quote(p, &one, &mq, e)) ||
	    (rc = params_get_range(p, P_BHXH_SUPPORT_MONTHS, "", r->date, 0, 1200, &cap, e)) ||
	    (rc = lump_quote(p, r->date, r->income, 12 * years, true, &lq, e)))
		return rc;
	left = cap - r->supported_before;
	if (left < 0)
		left = 0;
	lq.category = r->category;
	lq.poverty_line = mq.poverty_line;
	lq.support_bp = mq.support_bp;
	lq.monthly_state_support = mq.state_support;
	lq.supported_months = left < lq.months ? (int)left : lq.months;
	support = mq.state_support * lq.supported_months; /* <= 10^10 × 60 */
	lq.state_support = support < lq.amount ? support : lq.amount;
	lq.net = lq.amount - lq.state_support;
	*q = lq;
	return PO_OK;
}

/* See advance.h. */
int bhxh_advance_quote(const params_t *p, date_t d, money_t income, int years, lump_quote_t *q, err_t *e)
{
	bhxh_request_t r;
	memset(&r, 0, sizeof r);
	r.date = d;
	r.income = income;
	r.months = 1;
	r.category = BHXH_OTHER;
	return bhxh_advance_quote_for(p, &r, years, q, e);
}

/* See advance.h.  Checks, in order: P_MISSING_MONTHS_MAX in force on d
 * (PO_ENOTFOUND; PO_EINVAL outside 1..120), months 1..that maximum
 * (PO_EINVAL, field "months"), then as bhxh_advance_quote.  amount =
 * round(g × Σ_{i=1..t} (1+r)^i), exact, so amount >= undiscounted,
 * equal when r = 0. */
int bhxh_missing_quote(const params_t *p, date_t d, money_t income, int months, lump_quote_t *q,
		       err_t *e)
{
	int64_t max;
	int rc = params_get_range(p, P_MISSING_MONTHS_MAX, "", d, 1, MISSING_MONTHS_LIMIT, &max, e);
	if (rc)
		return rc;
	if (months < 1 || months > max)
		return err_set(e, PO_EINVAL, "months", MSG_ADV_MISSING_MONTHS, (int)max, months);
	return lump_quote(p, d, income, months, false, q, e);
}

/* See advance.h.  Checks, in order (PO_EINVAL naming the field):
 * paid_months 1..1200, used_months 0..paid_months, supported_months
 * 0..paid_months, paid_total and support_per_month 0..MONEY_MAX.  Then
 * with unused = paid_months − used_months:
 *     refund = max(0, round(paid_total × unused / paid_months)
 *                     − support_per_month × min(unused, supported_months))
 * (products <= 10^15 × 1200 < 2^63).  *refund written only on success. */
int bhxh_refund(money_t paid_total, int paid_months, int used_months, money_t support_per_month,
		int supported_months, money_t *refund, err_t *e)
{
	int unused, cut;
	money_t part, support;
	if (paid_months < 1 || paid_months > REFUND_MONTHS_MAX)
		return err_set(e, PO_EINVAL, "paid_months", MSG_ADV_PAID_MONTHS, REFUND_MONTHS_MAX,
			       paid_months);
	if (used_months < 0 || used_months > paid_months)
		return err_set(e, PO_EINVAL, "used_months", MSG_ADV_USED_MONTHS, paid_months,
			       used_months);
	if (supported_months < 0 || supported_months > paid_months)
		return err_set(e, PO_EINVAL, "supported_months", MSG_ADV_SUPPORTED_MONTHS,
			       paid_months, supported_months);
	if (paid_total < 0 || paid_total > MONEY_MAX)
		return err_set(e, PO_EINVAL, "paid_total", MSG_ADV_PAID_TOTAL,
			       (long long)paid_total);
	if (support_per_month < 0 || support_per_month > MONEY_MAX)
		return err_set(e, PO_EINVAL, "support_per_month", MSG_ADV_SUPPORT_PER_MONTH,
			       (long long)support_per_month);
	unused = paid_months - used_months;
	cut = unused < supported_months ? unused : supported_months;
	part = money_round_div(paid_total * unused, paid_months);
	support = support_per_month * cut;
	*refund = part > support ? part - support : 0;
	return PO_OK;
}
