/* ids.c: Vietnamese identifiers (see ids.h). */
#include <stdbool.h>
#include <string.h>

#include "ids.h"
#include "typed.h"

#define EXCERPT_MAX 48 /* bytes of input quoted in a message */
#define PHONE_DIGITS_MAX 16 /* digits of a phone kept while parsing */

/* The 63 provinces before the 2025 reform with their 2-digit statistics
 * codes; a CCCD number starts with "0" and one of these codes.
 * Source: mã tỉnh theo danh mục đơn vị hành chính trước 2025 (the
 * national list of administrative units, as used for CCCD prefixes under
 * Thông tư 07/2016/TT-BCA and 59/2021/TT-BCA).  Sorted by code. */
static const struct province {
	char code[3];
	const char *name;
} provinces[] = {
	{"01", "Hà Nội"},
	{"02", "Hà Giang"},
	{"04", "Cao Bằng"},
	{"06", "Bắc Kạn"},
	{"08", "Tuyên Quang"},
	{"10", "Lào Cai"},
	{"11", "Điện Biên"},
	{"12", "Lai Châu"},
	{"14", "Sơn La"},
	{"15", "Yên Bái"},
	{"17", "Hòa Bình"},
	{"19", "Thái Nguyên"},
	{"20", "Lạng Sơn"},
	{"22", "Quảng Ninh"},
	{"24", "Bắc Giang"},
	{"25", "Phú Thọ"},
	{"26", "Vĩnh Phúc"},
	{"27", "Bắc Ninh"},
	{"30", "Hải Dương"},
	{"31", "Hải Phòng"},
	{"33", "Hưng Yên"},
	{"34", "Thái Bình"},
	{"35", "Hà Nam"},
	{"36", "Nam Định"},
	{"37", "Ninh Bình"},
	{"38", "Thanh Hóa"},
	{"40", "Nghệ An"},
	{"42", "Hà Tĩnh"},
	{"44", "Quảng Bình"},
	{"45", "Quảng Trị"},
	{"46", "Thừa Thiên Huế"},
	{"48", "Đà Nẵng"},
	{"49", "Quảng Nam"},
	{"51", "Quảng Ngãi"},
	{"52", "Bình Định"},
	{"54", "Phú Yên"},
	{"56", "Khánh Hòa"},
	{"58", "Ninh Thuận"},
	{"60", "Bình Thuận"},
	{"62", "Kon Tum"},
	{"64", "Gia Lai"},
	{"66", "Đắk Lắk"},
	{"67", "Đắk Nông"},
	{"68", "Lâm Đồng"},
	{"70", "Bình Phước"},
	{"72", "Tây Ninh"},
	{"74", "Bình Dương"},
	{"75", "Đồng Nai"},
	{"77", "Bà Rịa - Vũng Tàu"},
	{"79", "TP Hồ Chí Minh"},
	{"80", "Long An"},
	{"82", "Tiền Giang"},
	{"83", "Bến Tre"},
	{"84", "Trà Vinh"},
	{"86", "Vĩnh Long"},
	{"87", "Đồng Tháp"},
	{"89", "An Giang"},
	{"91", "Kiên Giang"},
	{"92", "Cần Thơ"},
	{"93", "Hậu Giang"},
	{"94", "Sóc Trăng"},
	{"95", "Bạc Liêu"},
	{"96", "Cà Mau"},
};

#define PROVINCE_COUNT (sizeof provinces / sizeof provinces[0])






/* True for an ASCII letter. */
static bool is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* True when all n bytes at s are ASCII digits. */
static bool all_digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!typed_is_digit(s[i]))
			return false;
	return true;
}

/* Number of UTF-8 characters in n bytes (bytes that do not continue a
 * sequence), for messages that count what was typed. */
static size_t count_chars(const char *s, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* See ids.h. */
const char *ids_province_name(const char code2[2])
{
	size_t i;
	if (!code2)
		return NULL;
	for (i = 0; i < PROVINCE_COUNT; i++)
		if (provinces[i].code[0] == code2[0] && provinces[i].code[1] == code2[1])
			return provinces[i].name;
	return NULL;
}

/* True when the 12 digits at s have a known province prefix and a
 * century digit 0-5 (the checks of ids_cccd_parse after the shape). */
static bool cccd_prefix_ok(const char *s)
{
	return s[0] == '0' && ids_province_name(s + 1) != NULL && s[3] <= '5';
}

/* See ids.h.  Eleven digits that become a valid number with a leading 0
 * get MSG_CCCD_LOST_ZERO (a spreadsheet dropped it), nine digits
 * MSG_CCCD_IS_CMND (an old identity card number); never corrected
 * silently. */
int ids_cccd_parse(const char *s, size_t n, char out[CCCD_LEN + 1], const char *field, err_t *e)
{
	char ex[EXCERPT_MAX], prefix[4];
	if (!s) {
		n = 0;
		s = "";
	}
	typed_trim(&s, &n);
	if (n == 0)
		return err_set(e, PO_EINVAL, field, MSG_CCCD_EMPTY);
	typed_excerpt(s, n, ex, sizeof ex);
	if (!all_digits(s, n))
		return err_set(e, PO_EINVAL, field, MSG_CCCD_NOT_DIGITS, ex);
	if (n == CCCD_LEN - 1) {
		char fixed[CCCD_LEN];
		fixed[0] = '0';
		memcpy(fixed + 1, s, n);
		if (cccd_prefix_ok(fixed))
			return err_set(e, PO_EINVAL, field, MSG_CCCD_LOST_ZERO, ex);
	}
	if (n == 9)
		return err_set(e, PO_EINVAL, field, MSG_CCCD_IS_CMND, ex);
	if (n != CCCD_LEN)
		return err_set(e, PO_EINVAL, field, MSG_CCCD_LENGTH, ex, n);
	if (s[0] != '0' || ids_province_name(s + 1) == NULL) {
		memcpy(prefix, s, 3);
		prefix[3] = '\0';
		return err_set(e, PO_EINVAL, field, MSG_CCCD_PROVINCE, ex, prefix);
	}
	if (s[3] > '5')
		return err_set(e, PO_EINVAL, field, MSG_CCCD_CENTURY, ex, (int)s[3]);
	memcpy(out, s, CCCD_LEN);
	out[CCCD_LEN] = '\0';
	return PO_OK;
}

/* See ids.h.  sex may also be 'f' or 'm'; anything else is
 * MSG_SEX_INVALID.  A cccd that ids_cccd_parse would refuse yields that
 * error.  The year is checked before the sex, and only the year of a
 * year_only dob is used (it is all there is). */
int ids_cccd_check_person(const char cccd[CCCD_LEN + 1], date_t dob, char sex, const char *field, err_t *e)
{
	char tmp[CCCD_LEN + 1];
	int rc, d4, year;
	bool cccd_male, given_male;
	if (!cccd)
		cccd = "";
	rc = ids_cccd_parse(cccd, strnlen(cccd, CCCD_LEN + 1), tmp, field, e);
	if (rc)
		return rc;
	if (sex != 'F' && sex != 'f' && sex != 'M' && sex != 'm')
		return err_set(e, PO_EINVAL, field, MSG_SEX_INVALID,
			       (sex > ' ' && sex < 0x7F) ? (int)sex : '?');
	d4 = tmp[3] - '0';
	year = 1900 + (d4 / 2) * 100 + (tmp[4] - '0') * 10 + (tmp[5] - '0');
	if (year != dob.y)
		return err_set(e, PO_EINVAL, field, MSG_CCCD_YEAR, tmp, year, (int)dob.y);
	cccd_male = d4 % 2 == 0;
	given_male = sex == 'M' || sex == 'm';
	if (cccd_male != given_male)
		return err_set(e, PO_EINVAL, field,
			       cccd_male ? MSG_CCCD_SEX_MALE : MSG_CCCD_SEX_FEMALE, tmp);
	return PO_OK;
}

/* True when the 15 bytes at s have the shape of a BHYT card: 2 ASCII
 * letters, then 13 digits. */
static bool card_shape(const char *s, size_t n)
{
	return n == BHYT_CARD_LEN && is_alpha(s[0]) && is_alpha(s[1]) &&
	       all_digits(s + 2, BHYT_CARD_LEN - 2);
}

/* See ids.h.  A whole 15-character card number typed into the field yields
 * MSG_BHXH_IS_CARD (naming its last 10 digits), nine digits
 * MSG_BHXH_LOST_ZERO. */
int ids_bhxh_parse(const char *s, size_t n, char out[BHXH_LEN + 1], const char *field, err_t *e)
{
	char ex[EXCERPT_MAX];
	if (!s) {
		n = 0;
		s = "";
	}
	typed_trim(&s, &n);
	if (n == 0)
		return err_set(e, PO_EINVAL, field, MSG_BHXH_EMPTY);
	typed_excerpt(s, n, ex, sizeof ex);
	if (card_shape(s, n)) {
		char tail[BHXH_LEN + 1];
		memcpy(tail, s + BHYT_CARD_LEN - BHXH_LEN, BHXH_LEN);
		tail[BHXH_LEN] = '\0';
		return err_set(e, PO_EINVAL, field, MSG_BHXH_IS_CARD, ex, tail);
	}
	if (!all_digits(s, n))
		return err_set(e, PO_EINVAL, field, MSG_BHXH_NOT_DIGITS, ex);
	if (n == BHXH_LEN - 1)
		return err_set(e, PO_EINVAL, field, MSG_BHXH_LOST_ZERO, ex);
	if (n != BHXH_LEN)
		return err_set(e, PO_EINVAL, field, MSG_BHXH_LENGTH, ex, n);
	memcpy(out, s, BHXH_LEN);
	out[BHXH_LEN] = '\0';
	return PO_OK;
}

/* See ids.h.  Letters may be typed in lower case (kind_out is upper
 * case).  The 2-digit province code on the card is checked to be digits
 * but not looked up: cards of the armed forces' and police's own social
 * insurance carry codes outside the table of provinces.  The
 * beneficiary code is any 2 letters (its list changes by decree). */
int ids_bhyt_card_parse(const char *s, size_t n, char bhxh_out[BHXH_LEN + 1], char kind_out[3],
			int *level, const char *field, err_t *e)
{
	char ex[EXCERPT_MAX];
	size_t nc;
	if (!s) {
		n = 0;
		s = "";
	}
	typed_trim(&s, &n);
	if (n == 0)
		return err_set(e, PO_EINVAL, field, MSG_BHYT_EMPTY);
	typed_excerpt(s, n, ex, sizeof ex);
	nc = count_chars(s, n);
	if (nc == BHXH_LEN) {
		if (n != BHXH_LEN || !all_digits(s, n))
			return err_set(e, PO_EINVAL, field, MSG_BHYT_NOT_DIGITS, ex);
		memcpy(bhxh_out, s, BHXH_LEN);
		bhxh_out[BHXH_LEN] = '\0';
		kind_out[0] = '\0';
		*level = 0;
		return PO_OK;
	}
	if (nc != BHYT_CARD_LEN)
		return err_set(e, PO_EINVAL, field, MSG_BHYT_LENGTH, ex, nc);
	/* 15 characters; the checks below stop at the first non-ASCII one */
	if (!is_alpha(s[0]) || !is_alpha(s[1]))
		return err_set(e, PO_EINVAL, field, MSG_BHYT_KIND, ex);
	if (s[2] < '1' || s[2] > '5')
		return err_set(e, PO_EINVAL, field, MSG_BHYT_LEVEL, ex,
			       (s[2] > ' ' && s[2] < 0x7F) ? (int)s[2] : '?');
	if (n != BHYT_CARD_LEN || !all_digits(s + 3, BHYT_CARD_LEN - 3))
		return err_set(e, PO_EINVAL, field, MSG_BHYT_DIGITS, ex);
	memcpy(bhxh_out, s + BHYT_CARD_LEN - BHXH_LEN, BHXH_LEN);
	bhxh_out[BHXH_LEN] = '\0';
	kind_out[0] = (char)(s[0] & ~0x20); /* ASCII letter to upper case */
	kind_out[1] = (char)(s[1] & ~0x20);
	kind_out[2] = '\0';
	*level = s[2] - '0';
	return PO_OK;
}

/* See ids.h.  Accepted between the digits: spaces (also no-break),
 * '.', '-', '(' and ')'; one '+' before the first digit.  The country
 * code is "+84", "84" (then 9 digits follow) or "0084"; a 0 kept after
 * it ("+84 0912 345 678") is dropped.  Refused with their own messages:
 * landlines (02x), old 11-digit mobiles (01x), numbers of other
 * countries, nine digits (leading 0 lost), prefixes 00 01 04 06. */
int ids_phone_parse(const char *s, size_t n, char out[PHONE_LEN + 1], const char *field, err_t *e)
{
	char ex[EXCERPT_MAX], dg[PHONE_DIGITS_MAX], nat[PHONE_DIGITS_MAX + 1], prefix[4];
	size_t i, nd = 0, nn, skip = 0;
	bool plus = false;
	if (!s) {
		n = 0;
		s = "";
	}
	typed_trim(&s, &n);
	if (n == 0)
		return err_set(e, PO_EINVAL, field, MSG_PHONE_EMPTY);
	typed_excerpt(s, n, ex, sizeof ex);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (typed_is_digit((char)c)) {
			if (nd < PHONE_DIGITS_MAX)
				dg[nd] = (char)c;
			nd++;
		} else if (c == '+' && !plus && nd == 0) {
			plus = true;
		} else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '\t') {
			continue;
		} else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			i++;
		} else {
			return err_set(e, PO_EINVAL, field, MSG_PHONE_CHARS, ex);
		}
	}
	if (nd == 0)
		return err_set(e, PO_EINVAL, field, MSG_PHONE_CHARS, ex);
	if (nd > PHONE_DIGITS_MAX)
		return err_set(e, PO_EINVAL, field, MSG_PHONE_LENGTH, ex, nd);
	/* nat: the number as written at home, with its leading (trunk) 0;
	 * skip: the digits of a country code (and of a 0 kept after it) */
	if (plus) {
		if (nd < 2 || dg[0] != '8' || dg[1] != '4')
			return err_set(e, PO_EINVAL, field, MSG_PHONE_COUNTRY, ex);
		skip = 2;
	} else if (nd >= 4 && memcmp(dg, "0084", 4) == 0) {
		skip = 4;
	} else if (nd >= PHONE_LEN + 1 && dg[0] == '8' && dg[1] == '4') {
		skip = 2;
	}
	if (skip) {
		if (skip < nd && dg[skip] == '0')
			skip++;
		if (skip == nd)
			return err_set(e, PO_EINVAL, field, MSG_PHONE_LENGTH, ex, nd);
		nat[0] = '0';
		memcpy(nat + 1, dg + skip, nd - skip);
		nn = nd - skip + 1;
	} else {
		memcpy(nat, dg, nd);
		nn = nd;
	}
	if (nn >= 2 && nat[0] == '0' && nat[1] == '2')
		return err_set(e, PO_EINVAL, field, MSG_PHONE_LANDLINE, ex);
	if (nn == PHONE_LEN + 1 && nat[0] == '0' && nat[1] == '1')
		return err_set(e, PO_EINVAL, field, MSG_PHONE_OLD_11, ex);
	if (nn == PHONE_LEN - 1 && nat[0] != '0' && strchr("35789", nat[0]))
		return err_set(e, PO_EINVAL, field, MSG_PHONE_LOST_ZERO, ex);
	if (nn != PHONE_LEN)
		return err_set(e, PO_EINVAL, field, MSG_PHONE_LENGTH, ex, nn);
	if (nat[0] != '0' || !strchr("35789", nat[1])) {
		memcpy(prefix, nat, 3);
		prefix[3] = '\0';
		return err_set(e, PO_EINVAL, field, MSG_PHONE_PREFIX, ex, prefix);
	}
	memcpy(out, nat, PHONE_LEN);
	out[PHONE_LEN] = '\0';
	return PO_OK;
}
