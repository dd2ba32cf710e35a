/* test_ids.c: CCCD, mã số BHXH, BHYT card and phone numbers (core/ids.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/ids.h"

/* A date_t from its fields. */
static date_t mk(int y, int m, int d)
{
	date_t r;
	r.y = (int16_t)y;
	r.m = (int8_t)m;
	r.d = (int8_t)d;
	r.year_only = false;
	return r;
}

/* Asserts that e holds PO_EINVAL, message id, field `field`, and (when not
 * NULL) the exact English and Vietnamese texts. */
static void assert_err(const err_t *e, const char *field, enum msg_id id, const char *en,
		       const char *vi)
{
	assert_int_equal(e->code, PO_EINVAL);
	assert_string_equal(msg_name(e->msg), msg_name(id));
	assert_string_equal(e->field, field);
	if (en)
		assert_string_equal(err_text(e, LANG_EN), en);
	if (vi)
		assert_string_equal(err_text(e, LANG_VI), vi);
}

/* Asserts that s is a valid CCCD number whose normal form is want. */
static void assert_cccd(const char *s, const char *want)
{
	char out[CCCD_LEN + 1];
	err_t e;
	assert_int_equal(ids_cccd_parse(s, strlen(s), out, "cccd", &e), PO_OK);
	assert_string_equal(out, want);
}

/* Asserts that the CCCD parser refuses s with id (and English text). */
static void assert_cccd_refused(const char *s, enum msg_id id, const char *en, const char *vi)
{
	char out[CCCD_LEN + 1] = "untouched";
	err_t e;
	err_clear(&e);
	assert_int_equal(ids_cccd_parse(s, strlen(s), out, "cccd", &e), PO_EINVAL);
	assert_err(&e, "cccd", id, en, vi);
	assert_string_equal(out, "untouched");
}

/* Runs ids_cccd_check_person on cccd (at most 12 characters, copied into
 * the 13-byte array the function takes) and returns its status. */
static int check(const char *cccd, date_t dob, char sex, err_t *e)
{
	char buf[CCCD_LEN + 1];
	size_t n = strlen(cccd);
	assert_true(n <= CCCD_LEN);
	memset(buf, 0, sizeof buf);
	memcpy(buf, cccd, n);
	err_clear(e);
	return ids_cccd_check_person(buf, dob, sex, "cccd", e);
}

/* Asserts that s is a valid phone number with normal form want. */
static void assert_phone(const char *s, const char *want)
{
	char out[PHONE_LEN + 1];
	err_t e;
	err_clear(&e);
	assert_int_equal(ids_phone_parse(s, strlen(s), out, "phone", &e), PO_OK);
	assert_string_equal(out, want);
}

/* Asserts that the phone parser refuses s with id (and English text). */
static void assert_phone_refused(const char *s, enum msg_id id, const char *en)
{
	char out[PHONE_LEN + 1] = "untouched";
	err_t e;
	err_clear(&e);
	assert_int_equal(ids_phone_parse(s, strlen(s), out, "phone", &e), PO_EINVAL);
	assert_err(&e, "phone", id, en, NULL);
	assert_true(err_text(&e, LANG_VI)[0] != '\0');
	assert_string_equal(out, "untouched");
}

/* Parses a BHYT card number, expecting success. */
static void assert_card(const char *s, const char *bhxh, const char *kind, int level)
{
	char out[BHXH_LEN + 1], k[3] = "??";
	int lv = -1;
	err_t e;
	err_clear(&e);
	assert_int_equal(ids_bhyt_card_parse(s, strlen(s), out, k, &lv, "card", &e), PO_OK);
	assert_string_equal(out, bhxh);
	assert_string_equal(k, kind);
	assert_int_equal(lv, level);
}

/* Asserts that the BHYT card parser refuses s with id (and English). */
static void assert_card_refused(const char *s, enum msg_id id, const char *en)
{
	char out[BHXH_LEN + 1] = "untouched", k[3] = "??";
	int lv = -1;
	err_t e;
	err_clear(&e);
	assert_int_equal(ids_bhyt_card_parse(s, strlen(s), out, k, &lv, "card", &e), PO_EINVAL);
	assert_err(&e, "card", id, en, NULL);
	assert_string_equal(out, "untouched");
	assert_int_equal(lv, -1);
}

/* Asserts that the mã số BHXH parser refuses s with id (and English). */
static void assert_bhxh_refused(const char *s, enum msg_id id, const char *en)
{
	char out[BHXH_LEN + 1] = "untouched";
	err_t e;
	err_clear(&e);
	assert_int_equal(ids_bhxh_parse(s, strlen(s), out, "bhxh_code", &e), PO_EINVAL);
	assert_err(&e, "bhxh_code", id, en, NULL);
	assert_string_equal(out, "untouched");
}

static void cccd_of_twelve_digits_with_a_known_province_is_accepted(void **state)
{
	(void)state;
	assert_cccd("084301012345", "084301012345");
	assert_cccd("001085012345", "001085012345");
	assert_cccd("096199000001", "096199000001");
	assert_cccd("  079203001234 ", "079203001234");
	assert_cccd("001400000001", "001400000001"); /* 2100s, male */
	assert_cccd("001599000001", "001599000001"); /* 2100s, female */
}

static void cccd_parser_reads_only_n_bytes(void **state)
{
	char out[CCCD_LEN + 1];
	err_t e;
	(void)state;
	assert_int_equal(ids_cccd_parse("0843010123456789", 12, out, "cccd", &e), PO_OK);
	assert_string_equal(out, "084301012345");
}

static void cccd_of_the_wrong_length_is_refused(void **state)
{
	(void)state;
	assert_cccd_refused("99999999999", MSG_CCCD_LENGTH,
			    "a CCCD number has 12 digits; \"99999999999\" has 11",
			    "Số CCCD phải có 12 chữ số, \"99999999999\" có 11");
	assert_cccd_refused("0843010123456", MSG_CCCD_LENGTH,
			    "a CCCD number has 12 digits; \"0843010123456\" has 13", NULL);
	assert_cccd_refused("0843", MSG_CCCD_LENGTH, NULL, NULL);
	assert_cccd_refused("", MSG_CCCD_EMPTY, "the CCCD number is missing", "Thiếu số CCCD");
	assert_cccd_refused("   ", MSG_CCCD_EMPTY, NULL, NULL);
}

static void cccd_that_lost_its_leading_zero_says_so(void **state)
{
	(void)state;
	assert_cccd_refused("84301012345", MSG_CCCD_LOST_ZERO,
			    "CCCD number \"84301012345\" has only 11 digits: its leading 0 was probably "
			    "lost (a spreadsheet cell formatted as a number); enter all 12 digits",
			    NULL);
}

static void nine_digits_are_an_old_cmnd_not_a_cccd(void **state)
{
	(void)state;
	assert_cccd_refused("123456789", MSG_CCCD_IS_CMND,
			    "\"123456789\" is an old 9-digit CMND number, not a 12-digit CCCD number",
			    "\"123456789\" là số CMND cũ 9 chữ số, không phải số CCCD 12 chữ số");
}

static void cccd_with_other_characters_is_refused(void **state)
{
	(void)state;
	assert_cccd_refused("08430101234A", MSG_CCCD_NOT_DIGITS,
			    "CCCD number \"08430101234A\" must contain digits only",
			    "Số CCCD \"08430101234A\" chỉ được gồm chữ số");
	assert_cccd_refused("084 301 012 345", MSG_CCCD_NOT_DIGITS, NULL, NULL);
	assert_cccd_refused("-84301012345", MSG_CCCD_NOT_DIGITS, NULL, NULL);
	assert_cccd_refused("０８４３０１０１２３４５", MSG_CCCD_NOT_DIGITS, NULL, NULL);
}

static void cccd_with_an_unknown_province_prefix_is_refused(void **state)
{
	(void)state;
	assert_cccd_refused("003301012345", MSG_CCCD_PROVINCE,
			    "CCCD number 003301012345: no province has the code 003 (its first 3 digits)",
			    "Số CCCD 003301012345: không có tỉnh nào mang mã 003 (3 chữ số đầu)");
	assert_cccd_refused("000301012345", MSG_CCCD_PROVINCE, NULL, NULL);
	assert_cccd_refused("099301012345", MSG_CCCD_PROVINCE, NULL, NULL);
	assert_cccd_refused("184301012345", MSG_CCCD_PROVINCE, NULL, NULL);
	assert_cccd_refused("097301012345", MSG_CCCD_PROVINCE, NULL, NULL);
}

static void cccd_century_digit_6_to_9_is_refused(void **state)
{
	(void)state;
	assert_cccd_refused("084601012345", MSG_CCCD_CENTURY,
			    "CCCD number 084601012345: digit 4 (century and sex) is 6; it must be 0 to 5",
			    "Số CCCD 084601012345: chữ số thứ 4 (thế kỷ và giới tính) là 6, chỉ được từ 0 "
			    "đến 5");
	assert_cccd_refused("084701012345", MSG_CCCD_CENTURY, NULL, NULL);
	assert_cccd_refused("084801012345", MSG_CCCD_CENTURY, NULL, NULL);
	assert_cccd_refused("084901012345", MSG_CCCD_CENTURY, NULL, NULL);
}

static void every_province_of_the_table_is_a_valid_prefix(void **state)
{
	char code[2], num[CCCD_LEN + 1] = "0xx085012345", out[CCCD_LEN + 1];
	int i, known = 0;
	err_t e;
	(void)state;
	for (i = 0; i < 100; i++) {
		code[0] = (char)('0' + i / 10);
		code[1] = (char)('0' + i % 10);
		num[1] = code[0];
		num[2] = code[1];
		if (ids_province_name(code)) {
			known++;
			assert_int_equal(ids_cccd_parse(num, CCCD_LEN, out, "cccd", &e), PO_OK);
		} else {
			assert_int_equal(ids_cccd_parse(num, CCCD_LEN, out, "cccd", &e), PO_EINVAL);
		}
	}
	assert_int_equal(known, 63);
}

static void province_names_are_the_pre_2025_names(void **state)
{
	(void)state;
	assert_string_equal(ids_province_name("84"), "Trà Vinh");
	assert_string_equal(ids_province_name("01"), "Hà Nội");
	assert_string_equal(ids_province_name("79"), "TP Hồ Chí Minh");
	assert_string_equal(ids_province_name("86"), "Vĩnh Long");
	assert_string_equal(ids_province_name("83"), "Bến Tre");
	assert_string_equal(ids_province_name("96"), "Cà Mau");
	assert_string_equal(ids_province_name("46"), "Thừa Thiên Huế");
	assert_null(ids_province_name("03"));
	assert_null(ids_province_name("00"));
	assert_null(ids_province_name("99"));
	assert_null(ids_province_name("8a"));
}

static void cccd_agrees_with_a_person_of_the_same_year_and_sex(void **state)
{
	date_t yo = mk(2001, 1, 1);
	err_t e;
	(void)state;
	yo.year_only = true;
	assert_int_equal(check("084301012345", mk(2001, 5, 10), 'F', &e), PO_OK); /* 3: 2000s F */
	assert_int_equal(check("084301012345", yo, 'F', &e), PO_OK);
	assert_int_equal(check("084301012345", mk(2001, 5, 10), 'f', &e), PO_OK);
	assert_int_equal(check("001085012345", mk(1985, 8, 15), 'M', &e), PO_OK); /* 0: 1900s M */
	assert_int_equal(check("001185012345", mk(1985, 8, 15), 'F', &e), PO_OK); /* 1: 1900s F */
	assert_int_equal(check("079203001234", mk(2003, 1, 1), 'M', &e), PO_OK);  /* 2: 2000s M */
	assert_int_equal(check("001400000001", mk(2100, 1, 1), 'm', &e), PO_OK);  /* 4: 2100s M */
	assert_int_equal(check("001599000001", mk(2199, 1, 1), 'F', &e), PO_OK);  /* 5: 2100s F */
	assert_int_equal(check("001000000001", mk(1900, 1, 1), 'M', &e), PO_OK);
}

static void cccd_whose_year_disagrees_with_the_date_of_birth_is_refused(void **state)
{
	err_t e;
	(void)state;
	assert_int_equal(check("084301012345", mk(1985, 8, 15), 'F', &e), PO_EINVAL);
	assert_err(&e, "cccd", MSG_CCCD_YEAR,
		   "CCCD number 084301012345 gives birth year 2001 but the date of birth is in 1985",
		   "Số CCCD 084301012345 ghi năm sinh 2001 nhưng ngày sinh là 1985");
	/* the right two digits in the wrong century */
	assert_int_equal(check("001185012345", mk(2085, 1, 1), 'F', &e), PO_EINVAL);
	assert_err(&e, "cccd", MSG_CCCD_YEAR,
		   "CCCD number 001185012345 gives birth year 1985 but the date of birth is in 2085",
		   NULL);
}

static void cccd_whose_sex_disagrees_with_the_person_is_refused(void **state)
{
	err_t e;
	(void)state;
	assert_int_equal(check("084301012345", mk(2001, 5, 10), 'M', &e), PO_EINVAL);
	assert_err(&e, "cccd", MSG_CCCD_SEX_FEMALE,
		   "CCCD number 084301012345 is a woman's but the sex given is male",
		   "Số CCCD 084301012345 ghi giới tính nữ nhưng giới tính khai là nam");
	assert_int_equal(check("001085012345", mk(1985, 8, 15), 'F', &e), PO_EINVAL);
	assert_err(&e, "cccd", MSG_CCCD_SEX_MALE,
		   "CCCD number 001085012345 is a man's but the sex given is female",
		   "Số CCCD 001085012345 ghi giới tính nam nhưng giới tính khai là nữ");
}

static void cccd_check_refuses_an_unknown_sex_or_a_bad_number(void **state)
{
	err_t e;
	(void)state;
	assert_int_equal(check("084301012345", mk(2001, 5, 10), 'X', &e), PO_EINVAL);
	assert_err(&e, "cccd", MSG_SEX_INVALID, "sex 'X' is not valid: expected F or M", NULL);
	assert_int_equal(check("084301012345", mk(2001, 5, 10), '\0', &e), PO_EINVAL);
	assert_err(&e, "cccd", MSG_SEX_INVALID, "sex '?' is not valid: expected F or M", NULL);
	assert_int_equal(check("084901012345", mk(2001, 5, 10), 'F', &e), PO_EINVAL);
	assert_err(&e, "cccd", MSG_CCCD_CENTURY, NULL, NULL);
	assert_int_equal(check("08430101", mk(2001, 5, 10), 'F', &e), PO_EINVAL);
	assert_err(&e, "cccd", MSG_CCCD_LENGTH, NULL, NULL);
	assert_int_equal(check("", mk(2001, 5, 10), 'F', &e), PO_EINVAL);
	assert_err(&e, "cccd", MSG_CCCD_EMPTY, NULL, NULL);
}

static void bhxh_code_of_ten_digits_is_accepted(void **state)
{
	char out[BHXH_LEN + 1];
	err_t e;
	(void)state;
	assert_int_equal(ids_bhxh_parse("8412345678", 10, out, "bhxh_code", &e), PO_OK);
	assert_string_equal(out, "8412345678");
	assert_int_equal(ids_bhxh_parse(" 0112345678\t", 12, out, "bhxh_code", &e), PO_OK);
	assert_string_equal(out, "0112345678");
	assert_int_equal(ids_bhxh_parse("841234567899", 10, out, "bhxh_code", &e), PO_OK);
	assert_string_equal(out, "8412345678");
}

static void bhxh_code_of_other_shapes_is_refused(void **state)
{
	(void)state;
	assert_bhxh_refused("84123456789", MSG_BHXH_LENGTH,
			    "a social insurance number has 10 digits; \"84123456789\" has 11");
	assert_bhxh_refused("841234567", MSG_BHXH_LOST_ZERO, NULL);
	assert_bhxh_refused("84123A5678", MSG_BHXH_NOT_DIGITS,
			    "social insurance number \"84123A5678\" must contain digits only");
	assert_bhxh_refused("", MSG_BHXH_EMPTY, NULL);
	assert_bhxh_refused("GD4841234567890", MSG_BHXH_IS_CARD,
			    "\"GD4841234567890\" is a 15-character health insurance card number; the "
			    "social insurance number is its last 10 digits: 1234567890");
}

static void bhyt_card_of_15_characters_gives_its_last_10_digits(void **state)
{
	(void)state;
	assert_card("GD4841234567890", "1234567890", "GD", 4);
	assert_card("gd4841234567890", "1234567890", "GD", 4);
	assert_card("Hn2790112345678", "0112345678", "HN", 2);
	assert_card(" DN1010000000001 ", "0000000001", "DN", 1);
	assert_card("TE5971234567890", "1234567890", "TE", 5); /* province 97 not looked up */
}

static void bhyt_card_of_10_digits_is_the_bhxh_code(void **state)
{
	(void)state;
	assert_card("1234567890", "1234567890", "", 0);
	assert_card("  8412345678", "8412345678", "", 0);
}

static void bhyt_card_of_other_shapes_is_refused(void **state)
{
	(void)state;
	assert_card_refused("GD6841234567890", MSG_BHYT_LEVEL,
			    "health insurance card number \"GD6841234567890\": character 3 (benefit "
			    "level) is '6'; it must be 1 to 5");
	assert_card_refused("GD0841234567890", MSG_BHYT_LEVEL, NULL);
	assert_card_refused("G14841234567890", MSG_BHYT_KIND, NULL);
	assert_card_refused("1D4841234567890", MSG_BHYT_KIND, NULL);
	assert_card_refused("ĐD4841234567890", MSG_BHYT_KIND, NULL);
	assert_card_refused("GD48412345678X0", MSG_BHYT_DIGITS, NULL);
	assert_card_refused("GD4A41234567890", MSG_BHYT_DIGITS, NULL);
	assert_card_refused("GD484123456789", MSG_BHYT_LENGTH,
			    "a health insurance card number has 15 characters (e.g. GD4841234567890) "
			    "or 10 digits; \"GD484123456789\" has 14");
	assert_card_refused("GD48412345678901", MSG_BHYT_LENGTH, NULL);
	assert_card_refused("12345A7890", MSG_BHYT_NOT_DIGITS, NULL);
	assert_card_refused("12345678é0", MSG_BHYT_NOT_DIGITS, NULL);
	assert_card_refused("", MSG_BHYT_EMPTY, NULL);
}

static void phone_numbers_written_the_usual_ways_are_normalised(void **state)
{
	(void)state;
	assert_phone("0912345678", "0912345678");
	assert_phone("+84 912 345 678", "0912345678");
	assert_phone("84912345678", "0912345678");
	assert_phone("091.234.5678", "0912345678");
	assert_phone("(+84) 912-345-678", "0912345678");
	assert_phone("0084 912 345 678", "0912345678");
	assert_phone("+84 0912 345 678", "0912345678");
	assert_phone("  0387654321 ", "0387654321");
	assert_phone("0587654321", "0587654321");
	assert_phone("0707654321", "0707654321");
	assert_phone("0867654321", "0867654321");
	assert_phone("(091) 234 5678", "0912345678");
	assert_phone("0912\xC2\xA0" "345\xC2\xA0" "678", "0912345678");
}

static void phone_parser_reads_only_n_bytes(void **state)
{
	char out[PHONE_LEN + 1];
	err_t e;
	(void)state;
	assert_int_equal(ids_phone_parse("0912345678999", 10, out, "phone", &e), PO_OK);
	assert_string_equal(out, "0912345678");
}

static void landlines_and_unused_prefixes_are_refused(void **state)
{
	(void)state;
	assert_phone_refused("0212345678", MSG_PHONE_LANDLINE,
			     "phone number \"0212345678\" is a landline (02x); a mobile number is needed");
	assert_phone_refused("02943812345", MSG_PHONE_LANDLINE, NULL);
	assert_phone_refused("+84 28 3812 3456", MSG_PHONE_LANDLINE, NULL);
	assert_phone_refused("0112345678", MSG_PHONE_PREFIX,
			     "phone number \"0112345678\": 011 is not a mobile prefix (03x, 05x, 07x, "
			     "08x, 09x)");
	assert_phone_refused("0412345678", MSG_PHONE_PREFIX, NULL);
	assert_phone_refused("0612345678", MSG_PHONE_PREFIX, NULL);
	assert_phone_refused("0012345678", MSG_PHONE_PREFIX, NULL);
	assert_phone_refused("1234567890", MSG_PHONE_PREFIX, NULL);
	assert_phone_refused("01662345678", MSG_PHONE_OLD_11, NULL);
}

static void phone_numbers_of_the_wrong_length_are_refused(void **state)
{
	(void)state;
	assert_phone_refused("091234567", MSG_PHONE_LENGTH,
			     "a mobile number has 10 digits (0 and 9 more); \"091234567\" has 9");
	assert_phone_refused("09123456789", MSG_PHONE_LENGTH, NULL);
	assert_phone_refused("+84 91234567", MSG_PHONE_LENGTH, NULL);
	assert_phone_refused("+84", MSG_PHONE_LENGTH, NULL);
	assert_phone_refused("12345678901234567890", MSG_PHONE_LENGTH, NULL);
	assert_phone_refused("912345678", MSG_PHONE_LOST_ZERO, NULL);
}

static void phone_numbers_with_letters_or_foreign_codes_are_refused(void **state)
{
	(void)state;
	assert_phone_refused("09123abc78", MSG_PHONE_CHARS,
			     "phone number \"09123abc78\" may contain only digits, spaces, dots, dashes, "
			     "brackets and a leading +");
	assert_phone_refused("0912+345678", MSG_PHONE_CHARS, NULL);
	assert_phone_refused("++84912345678", MSG_PHONE_CHARS, NULL);
	assert_phone_refused("0912/345/678", MSG_PHONE_CHARS, NULL);
	assert_phone_refused("---", MSG_PHONE_CHARS, NULL);
	assert_phone_refused("+1 202 555 0100", MSG_PHONE_COUNTRY,
			     "phone number \"+1 202 555 0100\" is not a Vietnamese number (country code "
			     "+84)");
	assert_phone_refused("", MSG_PHONE_EMPTY, "the phone number is missing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cccd_of_twelve_digits_with_a_known_province_is_accepted),
		cmocka_unit_test(cccd_parser_reads_only_n_bytes),
		cmocka_unit_test(cccd_of_the_wrong_length_is_refused),
		cmocka_unit_test(cccd_that_lost_its_leading_zero_says_so),
		cmocka_unit_test(nine_digits_are_an_old_cmnd_not_a_cccd),
		cmocka_unit_test(cccd_with_other_characters_is_refused),
		cmocka_unit_test(cccd_with_an_unknown_province_prefix_is_refused),
		cmocka_unit_test(cccd_century_digit_6_to_9_is_refused),
		cmocka_unit_test(every_province_of_the_table_is_a_valid_prefix),
		cmocka_unit_test(province_names_are_the_pre_2025_names),
		cmocka_unit_test(cccd_agrees_with_a_person_of_the_same_year_and_sex),
		cmocka_unit_test(cccd_whose_year_disagrees_with_the_date_of_birth_is_refused),
		cmocka_unit_test(cccd_whose_sex_disagrees_with_the_person_is_refused),
		cmocka_unit_test(cccd_check_refuses_an_unknown_sex_or_a_bad_number),
		cmocka_unit_test(bhxh_code_of_ten_digits_is_accepted),
		cmocka_unit_test(bhxh_code_of_other_shapes_is_refused),
		cmocka_unit_test(bhyt_card_of_15_characters_gives_its_last_10_digits),
		cmocka_unit_test(bhyt_card_of_10_digits_is_the_bhxh_code),
		cmocka_unit_test(bhyt_card_of_other_shapes_is_refused),
		cmocka_unit_test(phone_numbers_written_the_usual_ways_are_normalised),
		cmocka_unit_test(phone_parser_reads_only_n_bytes),
		cmocka_unit_test(landlines_and_unused_prefixes_are_refused),
		cmocka_unit_test(phone_numbers_of_the_wrong_length_are_refused),
		cmocka_unit_test(phone_numbers_with_letters_or_foreign_codes_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
