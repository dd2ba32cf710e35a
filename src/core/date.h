/* date.h: civil dates (proleptic Gregorian), months and ages.
 *
 * A date is three small integers; after parsing, dates are never strings.
 * A date of birth known only by its year is held as 1 January of that
 * year with year_only set, so it sorts and compares like any date.
 */
#ifndef PLUSONE_CORE_DATE_H
#define PLUSONE_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

typedef struct date {
	int16_t y; /* 1 .. 9999 */
	int8_t m;  /* 1 .. 12 */
	int8_t d;  /* 1 .. days in month */
	bool year_only; /* only y is known (m = d = 1) */
} date_t;

#define DATE_ISO_LEN 10 /* "YYYY-MM-DD" without the NUL */

/* The date y-m-d (year_only false), without any check: for dates the
 * caller knows are real. */
static inline date_t date_make(int y, int m, int d)
{
	date_t t;
	t.y = (int16_t)y;
	t.m = (int8_t)m;
	t.d = (int8_t)d;
	t.year_only = false;
	return t;
}

/* True when y is a leap year of the Gregorian calendar. */
bool date_is_leap(int y);

/* Days in month m (1..12) of year y; 0 for a month out of range. */
int date_days_in_month(int y, int m);

/* True when y-m-d is a real calendar day with 1 <= y <= 9999. */
bool date_valid(int y, int m, int d);

/* Days since 1970-01-01 (negative before). d must be valid. */
int32_t date_to_days(date_t d);

/* The date `days` days after 1970-01-01 (year_only false), clamped to
 * 0001-01-01 .. 9999-12-31. */
date_t date_from_days(int32_t days);

/* d plus n days (n may be negative), clamped to 0001-01-01 ..
 * 9999-12-31; year_only false. */
date_t date_add_days(date_t d, int32_t n);

/* d plus n calendar months (n may be negative), the day clamped to the
 * end of a shorter month (2024-01-31 + 1 month = 2024-02-29); the month
 * clamped to 0001-01 .. 9999-12; year_only false. */
date_t date_add_months(date_t d, int n);

/* <0, 0, >0 as a is before, the same day as, or after b. */
int date_cmp(date_t a, date_t b);

/* Whole years from dob to on (the age on date `on`); a birthday on
 * 29 February is reached on 1 March in common years.  Negative when on
 * is before dob (-1 within the year before). */
int date_age_years(date_t dob, date_t on);

/* Parses exactly "YYYY-MM-DD" (n bytes at s, no NUL needed; no spaces).
 * On failure returns PO_EINVAL and fills e naming `field`:
 * MSG_DATE_ISO_FORMAT for the shape, else as date_parse_input. */
int date_parse_iso(const char *s, size_t n, date_t *out, const char *field, err_t *e);

/* Parses a date as people type it in input files: "YYYY-MM-DD",
 * "DD/MM/YYYY" (also D/M/YYYY, and '-' or '.' in place of both '/'), or
 * a bare "YYYY" when allow_year_only (then out->year_only is set).
 * Surrounding spaces (ASCII, no-break) are ignored.  On failure returns
 * PO_EINVAL, leaves *out alone and fills e naming `field` and the
 * reason: MSG_DATE_EMPTY, MSG_DATE_FORMAT, MSG_DATE_TWO_DIGIT_YEAR
 * ("15/08/85"), MSG_DATE_YEAR_ONLY (bare year not allowed),
 * MSG_DATE_YEAR_RANGE (year 0), MSG_DATE_MONTH, MSG_DATE_DAY_ZERO, or
 * MSG_DATE_DAY ("February 2023 has 28 days"). */
int date_parse_input(const char *s, size_t n, bool allow_year_only, date_t *out,
		     const char *field, err_t *e);

/* Writes "YYYY-MM-DD" and a NUL into out (at least DATE_ISO_LEN + 1
 * bytes).  A year-only date is written as YYYY-01-01. */
void date_format_iso(date_t d, char *out);

/* Writes "DD/MM/YYYY" (the Vietnamese way, "YYYY" for a year-only
 * date) and a NUL into out (at least DATE_ISO_LEN + 1 bytes). */
void date_format_vn(date_t d, char *out);

/* Today's date in Vietnam (UTC+7), or the date in the environment
 * variable PLUSONE_TODAY (YYYY-MM-DD) when it is set and valid, so tests
 * can fix "today". */
date_t date_today(void);

#endif
