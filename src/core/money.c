/* money.c: whole-dong amounts and basis-point rates (see money.h).
 *
 * Integer arithmetic only: there is no floating point in this file.
 */
#include <assert.h>
#include <stdbool.h>
#include <string.h>

#include "money.h"
#include "typed.h"

#define BP_ONE 10000        /* basis points in 100% */
#define EXCERPT_MAX 48      /* bytes of input quoted in a message */



/* See money.h.  den <= 0 breaks the contract: an assertion in debug
 * builds, 0 otherwise.  Never overflows: the remainder test is written
 * as r >= den - r rather than 2r >= den, and the quotient is at most
 * |num| / 2 whenever a rounding step is added (den >= 2). */
money_t money_round_div(int64_t num, int64_t den)
{
	int64_t q, r;
	assert(den > 0);
	if (den <= 0)
		return 0;
	q = num / den; /* truncates toward zero */
	r = num % den; /* same sign as num */
	if (r > 0 && r >= den - r)
		q++;
	else if (r < 0 && -r >= den + r)
		q--;
	return q;
}

/* See money.h.  amount × bp can reach 10^21, beyond int64, so amount is
 * split as hi × 10000 + lo (C division: lo has the sign of amount):
 *     amount × bp / 10000 = hi × bp + lo × bp / 10000
 * hi × bp is a whole number with the same sign as lo × bp, so rounding
 * half away from zero commutes with adding it, and the only rounding is
 * money_round_div(lo × bp, 10000).  Within the bounds |hi × bp| <= 10^17
 * and |lo × bp| < 10^10.  Outside them the result saturates at
 * INT64_MIN / INT64_MAX instead of overflowing. */
money_t money_apply_bp(money_t amount, int32_t bp)
{
	int64_t hi = amount / BP_ONE, lo = amount % BP_ONE;
	int64_t whole, frac, sum;
	bool neg = (amount < 0) != (bp < 0);
	if (__builtin_mul_overflow(hi, (int64_t)bp, &whole))
		return neg ? INT64_MIN : INT64_MAX;
	frac = money_round_div(lo * bp, BP_ONE); /* |lo × bp| < 10^4 × 2^31 */
	if (__builtin_add_overflow(whole, frac, &sum))
		return neg ? INT64_MIN : INT64_MAX;
	return sum;
}

/* Length of the space starting at u[i] (u has n bytes): 1 for an ASCII
 * blank, 2 for a no-break space U+00A0, 3 for U+202F (narrow no-break
 * space, the thousands separator of some spreadsheets), 0 otherwise. */
static size_t space_at(const unsigned char *u, size_t i, size_t n)
{
	if (i < n && typed_is_blank(u[i]))
		return 1;
	if (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0xA0)
		return 2;
	if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0xAF)
		return 3;
	return 0;
}

/* Length of the space ending just before u[e] and starting at or after
 * u[b] (same spaces as space_at), 0 when there is none. */
static size_t space_before(const unsigned char *u, size_t b, size_t e)
{
	if (e > b && typed_is_blank(u[e - 1]))
		return 1;
	if (e - b >= 2 && u[e - 2] == 0xC2 && u[e - 1] == 0xA0)
		return 2;
	if (e - b >= 3 && u[e - 3] == 0xE2 && u[e - 2] == 0x80 && u[e - 1] == 0xAF)
		return 3;
	return 0;
}

/* ASCII lowercase of c. */
static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* True when the n bytes at u are one of the unit words, ASCII letters in
 * any case: d, đ, Đ, vnd, vnđ, vnĐ, dong, đồng, Đồng (NFC). */
static bool is_unit(const unsigned char *u, size_t n)
{
	static const char *const units[] = {
		"d", "\xC4\x91", "\xC4\x90", "vnd", "vn\xC4\x91", "vn\xC4\x90",
		"dong", "\xC4\x91\xE1\xBB\x93ng", "\xC4\x90\xE1\xBB\x93ng"};
	size_t k, i;
	for (k = 0; k < sizeof units / sizeof units[0]; k++) {
		if (strlen(units[k]) != n)
			continue;
		for (i = 0; i < n; i++)
			if (lower(u[i]) != (unsigned char)units[k][i])
				break;
		if (i == n)
			return true;
	}
	return false;
}

/* True for a byte that can be part of the number: a digit, '.', ','. */
static bool is_num_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || c == '.' || c == ',';
}

/* See money.h.  Also accepted: surrounding spaces, "VNĐ", "đồng" and
 * "dong" as the unit (letters in any case), no-break spaces wherever a
 * space may be.  One separator kind throughout, one separator between
 * groups; the first group has 1-3 digits and every later one exactly 3.
 * A single '.' or ',' followed by 1 or 2 digits reads as decimals and is
 * refused with MSG_MONEY_DECIMAL; other bad grouping MSG_MONEY_GROUPING,
 * a leading '-' MSG_MONEY_NEGATIVE, anything else MSG_MONEY_FORMAT. */
int money_parse(const char *s, size_t n, money_t *out, const char *field, err_t *e)
{
	const unsigned char *u;
	char ex[EXCERPT_MAX];
	size_t b = 0, end, num_end, i, sp, groups = 0, first_len = 0, last_len = 0;
	int sep = 0; /* 0 none yet, '.', ',' or ' ' */
	bool mixed = false, bad_inner = false, too_large = false;
	money_t v = 0;
	if (!s) {
		n = 0;
		s = "";
	}
	u = (const unsigned char *)s;
	while ((sp = space_at(u, b, n)) != 0)
		b += sp;
	end = n;
	while ((sp = space_before(u, b, end)) != 0)
		end -= sp;
	if (end == b)
		return err_set(e, PO_EINVAL, field, MSG_MONEY_EMPTY);
	typed_excerpt(s + b, end - b, ex, sizeof ex);
	if (u[b] == '-' && b + 1 < end && u[b + 1] >= '0' && u[b + 1] <= '9')
		return err_set(e, PO_EINVAL, field, MSG_MONEY_NEGATIVE, ex);
	if (u[b] < '0' || u[b] > '9')
		return err_set(e, PO_EINVAL, field, MSG_MONEY_FORMAT, ex);
	/* the number: digits, '.', ',' and single spaces between them */
	i = b;
	for (;;) {
		while (i < end && is_num_byte(u[i]))
			i++;
		sp = space_at(u, i, end);
		if (sp && i + sp < end && u[i + sp] >= '0' && u[i + sp] <= '9')
			i += sp;
		else
			break;
	}
	num_end = i;
	/* then optional spaces and a unit word */
	while ((sp = space_at(u, i, end)) != 0)
		i += sp;
	if (i < end && !is_unit(u + i, end - i))
		return err_set(e, PO_EINVAL, field, MSG_MONEY_FORMAT, ex);
	/* check the grouping, then add the digits up */
	for (i = b; i < num_end;) {
		size_t start = i, g;
		int this_sep;
		while (i < num_end && u[i] >= '0' && u[i] <= '9')
			i++;
		g = i - start;
		if (g == 0)
			return err_set(e, PO_EINVAL, field, MSG_MONEY_FORMAT, ex);
		if (++groups == 1)
			first_len = g;
		last_len = g;
		if (i == num_end)
			break;
		if (u[i] == '.' || u[i] == ',') {
			this_sep = u[i];
			i++;
		} else {
			this_sep = ' ';
			i += space_at(u, i, num_end);
		}
		if (i == num_end)
			return err_set(e, PO_EINVAL, field, MSG_MONEY_FORMAT, ex);
		if (sep && this_sep != sep)
			mixed = true;
		sep = this_sep;
		if (groups > 1 && g != 3)
			bad_inner = true;
	}
	if (groups == 2 && !mixed && (sep == '.' || sep == ',') && last_len >= 1 && last_len <= 2)
		return err_set(e, PO_EINVAL, field, MSG_MONEY_DECIMAL, ex);
	if (groups > 1 && (mixed || bad_inner || first_len > 3 || last_len != 3))
		return err_set(e, PO_EINVAL, field, MSG_MONEY_GROUPING, ex);
	for (i = b; i < num_end; i++) {
		if (u[i] < '0' || u[i] > '9')
			continue;
		v = v * 10 + (u[i] - '0');
		if (v > MONEY_MAX) {
			too_large = true;
			break;
		}
	}
	if (too_large) {
		char lim[MONEY_FMT_MAX];
		money_format(MONEY_MAX, 0, lim);
		return err_set(e, PO_EINVAL, field, MSG_MONEY_TOO_LARGE, ex, lim);
	}
	*out = v;
	return PO_OK;
}

/* See money.h.  Works for every int64 including INT64_MIN (the magnitude
 * is taken as uint64). */
void money_format(money_t v, int with_unit, char *out)
{
	char tmp[MONEY_FMT_MAX];
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t t = 0, o = 0, k;
	int nd = 0;
	do { /* digits backwards, a '.' every three */
		if (nd > 0 && nd % 3 == 0)
			tmp[t++] = '.';
		tmp[t++] = (char)('0' + mag % 10);
		mag /= 10;
		nd++;
	} while (mag);
	if (v < 0)
		out[o++] = '-';
	for (k = t; k > 0; k--)
		out[o++] = tmp[k - 1];
	if (with_unit) {
		memcpy(out + o, " \xC4\x91", 3); /* " đ" */
		o += 3;
	}
	out[o] = '\0';
}
