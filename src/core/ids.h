/* ids.h: Vietnamese identifiers: parse, normalise, and explain what is wrong.
 *
 * - CCCD / số định danh cá nhân: 12 digits; digits 1-3 a province code
 *   (0 + 2-digit statistics code of the 63 pre-2025 provinces), digit 4
 *   century and sex (0/1 1900s male/female, 2/3 2000s, 4/5 2100s), digits
 *   5-6 the last two digits of the birth year.
 * - mã số BHXH: 10 digits, opaque.
 * - BHYT card: 15 characters (2 letters, benefit level 1-5, 2-digit
 *   province, 10-digit mã số BHXH) or, since April 2021, the 10 digits.
 * - Mobile phones: 0 + 9 digits (03x 05x 07x 08x 09x), also written
 *   +84 / 84 + 9 digits, with spaces, dots or dashes.
 * Every parser takes n bytes at s (no NUL needed), ignores surrounding
 * spaces, and on failure returns PO_EINVAL filling e with the field and
 * the reason.
 */
#ifndef PLUSONE_CORE_IDS_H
#define PLUSONE_CORE_IDS_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "err.h"

#define CCCD_LEN 12
#define BHXH_LEN 10
#define PHONE_LEN 10
#define BHYT_CARD_LEN 15

/* Parses a 12-digit CCCD number into out (13 bytes, NUL-terminated).
 * Checks the digits, the province prefix against the table of provinces,
 * and the century digit (0-5).  Messages: MSG_CCCD_EMPTY,
 * MSG_CCCD_NOT_DIGITS, MSG_CCCD_LENGTH, MSG_CCCD_LOST_ZERO (11 digits
 * that a leading 0 would make valid), MSG_CCCD_IS_CMND (9 digits),
 * MSG_CCCD_PROVINCE, MSG_CCCD_CENTURY. */
int ids_cccd_parse(const char *s, size_t n, char out[CCCD_LEN + 1], const char *field, err_t *e);

/* Checks a parsed CCCD against a person: the birth year it encodes must
 * equal dob.y and its sex digit must match sex ('F' or 'M', either
 * case).  Returns PO_OK or PO_EINVAL with a message that states both
 * values: MSG_CCCD_YEAR (checked first), MSG_CCCD_SEX_MALE /
 * MSG_CCCD_SEX_FEMALE (what the number says), MSG_SEX_INVALID, or the
 * ids_cccd_parse message when cccd itself is not valid. */
int ids_cccd_check_person(const char cccd[CCCD_LEN + 1], date_t dob, char sex, const char *field, err_t *e);

/* Parses a 10-digit mã số BHXH into out (11 bytes).  Messages:
 * MSG_BHXH_EMPTY, MSG_BHXH_NOT_DIGITS, MSG_BHXH_LENGTH,
 * MSG_BHXH_LOST_ZERO (9 digits), MSG_BHXH_IS_CARD (a 15-character BHYT
 * card number was given). */
int ids_bhxh_parse(const char *s, size_t n, char out[BHXH_LEN + 1], const char *field, err_t *e);

/* Parses a BHYT card number in either format; writes the mã số BHXH (its
 * last 10 digits) into bhxh_out and, for the 15-character form, the
 * 2-letter beneficiary code into kind_out (3 bytes, upper case; "" for
 * the 10-digit form) and the benefit level into *level (0 for the
 * 10-digit form).  Lower-case letters are accepted.  Messages:
 * MSG_BHYT_EMPTY, MSG_BHYT_LENGTH, MSG_BHYT_NOT_DIGITS (10-character
 * form), MSG_BHYT_KIND, MSG_BHYT_LEVEL, MSG_BHYT_DIGITS. */
int ids_bhyt_card_parse(const char *s, size_t n, char bhxh_out[BHXH_LEN + 1], char kind_out[3],
			int *level, const char *field, err_t *e);

/* Parses a Vietnamese mobile number written any usual way ("0912345678",
 * "+84 912 345 678", "84912345678", "0084 ...", "091.234.5678",
 * "(+84) 912-345-678") and writes its normal form "0xxxxxxxxx" into out
 * (11 bytes).  Messages: MSG_PHONE_EMPTY, MSG_PHONE_CHARS,
 * MSG_PHONE_COUNTRY (+ other than 84), MSG_PHONE_LANDLINE (02x),
 * MSG_PHONE_OLD_11 (11-digit 01x), MSG_PHONE_LOST_ZERO (9 digits),
 * MSG_PHONE_LENGTH, MSG_PHONE_PREFIX (00 01 04 06 ...). */
int ids_phone_parse(const char *s, size_t n, char out[PHONE_LEN + 1], const char *field, err_t *e);

/* The pre-2025 province name for a 2-digit statistics code ("84" →
 * "Trà Vinh"), or NULL when no such province. */
const char *ids_province_name(const char code2[2]);

#endif
