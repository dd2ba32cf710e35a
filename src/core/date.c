/* date.c: civil dates, months and ages (see date.h).
 *
 * Day numbers use the days-from-civil / civil-from-days algorithms of
 * the proleptic Gregorian calendar in 400-year eras (146097 days each),
 * exact for every date of 0001-01-01 .. 9999-12-31 in int32 arithmetic.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "typed.h"

#define DATE_YEAR_MIN 1
#define DATE_YEAR_MAX 9999
#define DATE_DAYS_MIN (-719162)  /* 0001-01-01 */
#define DATE_DAYS_MAX 2932896    /* 9999-12-31 */
#define VN_UTC_OFFSET_S (7 * 3600) /* Vietnam: UTC+7, no daylight saving */
#define EXCERPT_MAX 48            /* bytes of input quoted in a message */

static const char *const month_vi[13] = {
	"", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"};
static const char *const month_en[13] = {
	"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};






/* Number of ASCII digits at the start of the n bytes at s. */
static size_t count_digits(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && typed_is_digit(s[i]))
		i++;
	return i;
}

/* The value of the k (<= 4) digits at s; the caller checked they are
 * digits. */
static int digits_value(const char *s, size_t k)
{
	int v = 0;
	size_t i;
	for (i = 0; i < k; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* See date.h. */
bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* See date.h. */
int date_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

/* See date.h. */
bool date_valid(int y, int m, int d)
{
	return y >= DATE_YEAR_MIN && y <= DATE_YEAR_MAX && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

/* See date.h.  Fields out of range give an unspecified number, never
 * undefined behaviour (all arithmetic stays far inside int32). */
int32_t date_to_days(date_t d)
{
	int32_t y = d.y, m = d.m, dd = d.d;
	int32_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;                                      /* 0 .. 399 */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + dd - 1;    /* 0 .. 365 */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;              /* 0 .. 146096 */
	return era * 146097 + doe - 719468;
}

/* See date.h.  days outside 0001-01-01 .. 9999-12-31 are clamped to that
 * range. */
date_t date_from_days(int32_t days)
{
	int32_t z, era, doe, yoe, y, doy, mp, dd, m;
	date_t r;
	if (days < DATE_DAYS_MIN)
		days = DATE_DAYS_MIN;
	if (days > DATE_DAYS_MAX)
		days = DATE_DAYS_MAX;
	z = days + 719468; /* days since 0000-03-01, >= 0 in range */
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dd = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	r.y = (int16_t)y;
	r.m = (int8_t)m;
	r.d = (int8_t)dd;
	r.year_only = false;
	return r;
}

/* See date.h.  The result is clamped to 0001-01-01 .. 9999-12-31 and is
 * never year_only. */
date_t date_add_days(date_t d, int32_t n)
{
	int64_t t = (int64_t)date_to_days(d) + n;
	if (t < DATE_DAYS_MIN)
		t = DATE_DAYS_MIN;
	if (t > DATE_DAYS_MAX)
		t = DATE_DAYS_MAX;
	return date_from_days((int32_t)t);
}

/* See date.h.  The result is clamped to January 1 .. December 9999 and is
 * never year_only. */
date_t date_add_months(date_t d, int n)
{
	int64_t t = (int64_t)d.y * 12 + (d.m - 1) + n;
	int dim, day = d.d;
	date_t r;
	if (t < (int64_t)DATE_YEAR_MIN * 12)
		t = (int64_t)DATE_YEAR_MIN * 12;
	if (t > (int64_t)DATE_YEAR_MAX * 12 + 11)
		t = (int64_t)DATE_YEAR_MAX * 12 + 11;
	r.y = (int16_t)(t / 12);
	r.m = (int8_t)(t % 12 + 1);
	dim = date_days_in_month(r.y, r.m);
	if (day > dim)
		day = dim;
	if (day < 1)
		day = 1;
	r.d = (int8_t)day;
	r.year_only = false;
	return r;
}

/* See date.h.  year_only is ignored (such a date is 1 January). */
int date_cmp(date_t a, date_t b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* See date.h.  When on is before dob the result is negative (-1 within
 * the year before), so `age >= N` tests stay right. */
int date_age_years(date_t dob, date_t on)
{
	int age = on.y - dob.y;
	if (on.m < dob.m || (on.m == dob.m && on.d < dob.d))
		age--;
	return age;
}

/* Checks y-m-d and fills e with the precise reason when it is not a
 * calendar day.  Returns PO_OK or PO_EINVAL. */
static int check_ymd(int y, int m, int d, const char *field, err_t *e)
{
	int dim;
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
		return err_set(e, PO_EINVAL, field, MSG_DATE_YEAR_RANGE, y);
	if (m < 1 || m > 12)
		return err_set(e, PO_EINVAL, field, MSG_DATE_MONTH, m);
	if (d < 1)
		return err_set(e, PO_EINVAL, field, MSG_DATE_DAY_ZERO);
	dim = date_days_in_month(y, m);
	if (d > dim)
		return err_set(e, PO_EINVAL, field, MSG_DATE_DAY, month_vi[m], month_en[m], y, dim);
	return PO_OK;
}

/* Stores a checked y-m-d into *out. */
static void set_date(date_t *out, int y, int m, int d, bool year_only)
{
	out->y = (int16_t)y;
	out->m = (int8_t)m;
	out->d = (int8_t)d;
	out->year_only = year_only;
}

/* True when the n bytes at s have the shape DDDD-DD-DD. */
static bool iso_shape(const char *s, size_t n)
{
	return n == DATE_ISO_LEN && count_digits(s, 4) == 4 && s[4] == '-' &&
	       count_digits(s + 5, 2) == 2 && s[7] == '-' && count_digits(s + 8, 2) == 2;
}

/* Checks and stores an ISO-shaped date (iso_shape(s) is true). */
static int parse_iso_shaped(const char *s, date_t *out, const char *field, err_t *e)
{
	int y = digits_value(s, 4), m = digits_value(s + 5, 2), d = digits_value(s + 8, 2);
	int rc = check_ymd(y, m, d, field, e);
	if (rc == PO_OK)
		set_date(out, y, m, d, false);
	return rc;
}

/* See date.h. */
int date_parse_iso(const char *s, size_t n, date_t *out, const char *field, err_t *e)
{
	char ex[EXCERPT_MAX];
	if (!s || !iso_shape(s, n)) {
		typed_excerpt(s ? s : "", s ? n : 0, ex, sizeof ex);
		return err_set(e, PO_EINVAL, field, MSG_DATE_ISO_FORMAT, ex);
	}
	return parse_iso_shaped(s, out, field, e);
}

/* See date.h.  Also accepted: '-' or '.' in place of both '/' of
 * DD/MM/YYYY ("15-08-1985", "15.08.1985").  A two-digit year is refused
 * with its own message, as is a bare year when !allow_year_only. */
int date_parse_input(const char *s, size_t n, bool allow_year_only, date_t *out,
		     const char *field, err_t *e)
{
	char ex[EXCERPT_MAX];
	size_t k1, k2, k3;
	char sep;
	int y, m, d, rc;
	if (!s) {
		n = 0;
		s = "";
	}
	typed_trim(&s, &n);
	if (n == 0)
		return err_set(e, PO_EINVAL, field, MSG_DATE_EMPTY);
	k1 = count_digits(s, n);
	if (k1 == 4 && n == 4) {
		y = digits_value(s, 4);
		if (!allow_year_only)
			return err_set(e, PO_EINVAL, field, MSG_DATE_YEAR_ONLY, y);
		rc = check_ymd(y, 1, 1, field, e);
		if (rc == PO_OK)
			set_date(out, y, 1, 1, true);
		return rc;
	}
	if (k1 == 4 && iso_shape(s, n))
		return parse_iso_shaped(s, out, field, e);
	typed_excerpt(s, n, ex, sizeof ex);
	if (k1 < 1 || k1 > 2 || k1 >= n || (s[k1] != '/' && s[k1] != '-' && s[k1] != '.'))
		return err_set(e, PO_EINVAL, field, MSG_DATE_FORMAT, ex);
	sep = s[k1];
	k2 = count_digits(s + k1 + 1, n - k1 - 1);
	if (k2 < 1 || k2 > 2 || k1 + 1 + k2 >= n || s[k1 + 1 + k2] != sep)
		return err_set(e, PO_EINVAL, field, MSG_DATE_FORMAT, ex);
	k3 = n - (k1 + 1 + k2 + 1);
	if (count_digits(s + k1 + 1 + k2 + 1, k3) != k3)
		return err_set(e, PO_EINVAL, field, MSG_DATE_FORMAT, ex);
	if (k3 == 2)
		return err_set(e, PO_EINVAL, field, MSG_DATE_TWO_DIGIT_YEAR, ex);
	if (k3 != 4)
		return err_set(e, PO_EINVAL, field, MSG_DATE_FORMAT, ex);
	d = digits_value(s, k1);
	m = digits_value(s + k1 + 1, k2);
	y = digits_value(s + k1 + 1 + k2 + 1, 4);
	rc = check_ymd(y, m, d, field, e);
	if (rc == PO_OK)
		set_date(out, y, m, d, false);
	return rc;
}

/* Writes the k lowest decimal digits of v (>= 0) at out. */
static void put_digits(char *out, int v, int k)
{
	while (k-- > 0) {
		out[k] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* See date.h.  Fields out of range are clamped to what fits (year 0..9999,
 * month and day 0..99), so out always receives exactly 10 characters. */
void date_format_iso(date_t d, char *out)
{
	int y = d.y, m = d.m, dd = d.d;
	if (d.year_only)
		m = dd = 1;
	y = y < 0 ? 0 : y > 9999 ? 9999 : y;
	m = m < 0 ? 0 : m > 99 ? 99 : m;
	dd = dd < 0 ? 0 : dd > 99 ? 99 : dd;
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, dd, 2);
	out[DATE_ISO_LEN] = '\0';
}

/* See date.h. */
void date_format_vn(date_t d, char *out)
{
	char iso[DATE_ISO_LEN + 1];
	date_format_iso(d, iso);
	if (d.year_only) {
		memcpy(out, iso, 4);
		out[4] = '\0';
		return;
	}
	memcpy(out, iso + 8, 2);
	out[2] = '/';
	memcpy(out + 3, iso + 5, 2);
	out[5] = '/';
	memcpy(out + 6, iso, 4);
	out[10] = '\0';
}

/* See date.h.  PLUSONE_TODAY must be exactly YYYY-MM-DD; any other value
 * is ignored.  Should the clock be unreadable, 1970-01-01. */
date_t date_today(void)
{
	const char *env = getenv("PLUSONE_TODAY");
	date_t r;
	struct tm tm;
	time_t now;
	if (env) {
		size_t n = strnlen(env, DATE_ISO_LEN + 1);
		if (date_parse_iso(env, n, &r, "PLUSONE_TODAY", NULL) == PO_OK)
			return r;
	}
	now = time(NULL);
	if (now == (time_t)-1)
		return date_from_days(0);
	now += VN_UTC_OFFSET_S;
	if (!gmtime_r(&now, &tm))
		return date_from_days(0);
	set_date(&r, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, false);
	return r;
}
