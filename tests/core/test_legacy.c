/* test_legacy.c: tests of core/legacy (TCVN3 and VNI-Windows). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/legacy.h"
#include "core/err.h"
#include "core/text.h"

/* Converts the C string s from enc and returns the result (static). */
static const char *conv(enum vn_legacy enc, const char *s)
{
	static char res[1024];
	buf_t b;
	buf_init(&b, 4096);
	assert_int_equal(vn_legacy_to_utf8(enc, s, strlen(s), &b), PO_OK);
	assert_true(b.len < sizeof res);
	memcpy(res, buf_cstr(&b), b.len + 1);
	buf_free(&b);
	return res;
}

/* ---- names ---- */

static void parse_name_accepts_the_documented_names_in_any_case(void **state)
{
	enum vn_legacy e = VN_LEGACY_VNI;
	(void)state;
	assert_true(vn_legacy_parse_name("utf8", &e));
	assert_int_equal(e, VN_LEGACY_NONE);
	assert_true(vn_legacy_parse_name("UTF-8", &e));
	assert_int_equal(e, VN_LEGACY_NONE);
	assert_true(vn_legacy_parse_name("TCVN3", &e));
	assert_int_equal(e, VN_LEGACY_TCVN3);
	assert_true(vn_legacy_parse_name("abc", &e));
	assert_int_equal(e, VN_LEGACY_TCVN3);
	assert_true(vn_legacy_parse_name("Vni", &e));
	assert_int_equal(e, VN_LEGACY_VNI);
}

static void parse_name_rejects_anything_else(void **state)
{
	enum vn_legacy e = VN_LEGACY_VNI;
	(void)state;
	assert_false(vn_legacy_parse_name("", &e));
	assert_false(vn_legacy_parse_name("utf16", &e));
	assert_false(vn_legacy_parse_name("tcvn", &e));
	assert_false(vn_legacy_parse_name("vni ", &e));
	assert_false(vn_legacy_parse_name(NULL, &e));
	assert_int_equal(e, VN_LEGACY_VNI);
}

static void legacy_name_gives_the_display_names(void **state)
{
	(void)state;
	assert_string_equal(vn_legacy_name(VN_LEGACY_TCVN3), "TCVN3 (ABC)");
	assert_string_equal(vn_legacy_name(VN_LEGACY_VNI), "VNI-Windows");
	assert_string_equal(vn_legacy_name(VN_LEGACY_NONE), "");
}

/* ---- VNI ---- */

static void vni_converts_real_names(void **state)
{
	(void)state;
	assert_string_equal(conv(VN_LEGACY_VNI, "Nguye\xe3n Th\xf2 Lan"), "Nguyễn Thị Lan");
	assert_string_equal(conv(VN_LEGACY_VNI, "Tra\xe0n Va\xean \xd1\xf6\xf9" "c"), "Trần Văn Đức");
	assert_string_equal(conv(VN_LEGACY_VNI, "Tha\xef" "ch Th\xf2 So\xf9" "c"), "Thạch Thị Sóc");
	assert_string_equal(conv(VN_LEGACY_VNI, "H\xf6\xf4ng Tr\xf6\xf4\xf8ng Ph\xf6\xf4\xefng"),
			    "Hương Trường Phượng");
	assert_string_equal(conv(VN_LEGACY_VNI, "\xd1inh Huy\xf8nh Ly\xf9 \xd1o\xe3 Thu\xfby Kh\xe6"),
			    "Đinh Huỳnh Lý Đỗ Thủy Khỉ");
	assert_string_equal(conv(VN_LEGACY_VNI, "NGUYE\xc3N TH\xd2 LAN"), "NGUYỄN THỊ LAN");
	assert_string_equal(conv(VN_LEGACY_VNI, "\xd1" "A\xcb" "NG V\xd6\xd4NG"), "ĐẶNG VƯƠNG");
}

static void vni_converts_every_vowel_with_every_tone_in_both_cases(void **state)
{
	static const struct {
		const char *vni, *utf8;
	} v[] = {
	{"\x61", "a"},
	{"\x41", "A"},
	{"\x61\xf8", "à"},
	{"\x41\xd8", "À"},
	{"\x61\xfb", "ả"},
	{"\x41\xdb", "Ả"},
	{"\x61\xf5", "ã"},
	{"\x41\xd5", "Ã"},
	{"\x61\xf9", "á"},
	{"\x41\xd9", "Á"},
	{"\x61\xef", "ạ"},
	{"\x41\xcf", "Ạ"},
	{"\x61\xea", "ă"},
	{"\x41\xca", "Ă"},
	{"\x61\xe8", "ằ"},
	{"\x41\xc8", "Ằ"},
	{"\x61\xfa", "ẳ"},
	{"\x41\xda", "Ẳ"},
	{"\x61\xfc", "ẵ"},
	{"\x41\xdc", "Ẵ"},
	{"\x61\xe9", "ắ"},
	{"\x41\xc9", "Ắ"},
	{"\x61\xeb", "ặ"},
	{"\x41\xcb", "Ặ"},
	{"\x61\xe2", "â"},
	{"\x41\xc2", "Â"},
	{"\x61\xe0", "ầ"},
	{"\x41\xc0", "Ầ"},
	{"\x61\xe5", "ẩ"},
	{"\x41\xc5", "Ẩ"},
	{"\x61\xe3", "ẫ"},
	{"\x41\xc3", "Ẫ"},
	{"\x61\xe1", "ấ"},
	{"\x41\xc1", "Ấ"},
	{"\x61\xe4", "ậ"},
	{"\x41\xc4", "Ậ"},
	{"\x65", "e"},
	{"\x45", "E"},
	{"\x65\xf8", "è"},
	{"\x45\xd8", "È"},
	{"\x65\xfb", "ẻ"},
	{"\x45\xdb", "Ẻ"},
	{"\x65\xf5", "ẽ"},
	{"\x45\xd5", "Ẽ"},
	{"\x65\xf9", "é"},
	{"\x45\xd9", "É"},
	{"\x65\xef", "ẹ"},
	{"\x45\xcf", "Ẹ"},
	{"\x65\xe2", "ê"},
	{"\x45\xc2", "Ê"},
	{"\x65\xe0", "ề"},
	{"\x45\xc0", "Ề"},
	{"\x65\xe5", "ể"},
	{"\x45\xc5", "Ể"},
	{"\x65\xe3", "ễ"},
	{"\x45\xc3", "Ễ"},
	{"\x65\xe1", "ế"},
	{"\x45\xc1", "Ế"},
	{"\x65\xe4", "ệ"},
	{"\x45\xc4", "Ệ"},
	{"\x69", "i"},
	{"\x49", "I"},
	{"\xec", "ì"},
	{"\xcc", "Ì"},
	{"\xe6", "ỉ"},
	{"\xc6", "Ỉ"},
	{"\xf3", "ĩ"},
	{"\xd3", "Ĩ"},
	{"\xed", "í"},
	{"\xcd", "Í"},
	{"\xf2", "ị"},
	{"\xd2", "Ị"},
	{"\x6f", "o"},
	{"\x4f", "O"},
	{"\x6f\xf8", "ò"},
	{"\x4f\xd8", "Ò"},
	{"\x6f\xfb", "ỏ"},
	{"\x4f\xdb", "Ỏ"},
	{"\x6f\xf5", "õ"},
	{"\x4f\xd5", "Õ"},
	{"\x6f\xf9", "ó"},
	{"\x4f\xd9", "Ó"},
	{"\x6f\xef", "ọ"},
	{"\x4f\xcf", "Ọ"},
	{"\x6f\xe2", "ô"},
	{"\x4f\xc2", "Ô"},
	{"\x6f\xe0", "ồ"},
	{"\x4f\xc0", "Ồ"},
	{"\x6f\xe5", "ổ"},
	{"\x4f\xc5", "Ổ"},
	{"\x6f\xe3", "ỗ"},
	{"\x4f\xc3", "Ỗ"},
	{"\x6f\xe1", "ố"},
	{"\x4f\xc1", "Ố"},
	{"\x6f\xe4", "ộ"},
	{"\x4f\xc4", "Ộ"},
	{"\xf4", "ơ"},
	{"\xd4", "Ơ"},
	{"\xf4\xf8", "ờ"},
	{"\xd4\xd8", "Ờ"},
	{"\xf4\xfb", "ở"},
	{"\xd4\xdb", "Ở"},
	{"\xf4\xf5", "ỡ"},
	{"\xd4\xd5", "Ỡ"},
	{"\xf4\xf9", "ớ"},
	{"\xd4\xd9", "Ớ"},
	{"\xf4\xef", "ợ"},
	{"\xd4\xcf", "Ợ"},
	{"\x75", "u"},
	{"\x55", "U"},
	{"\x75\xf8", "ù"},
	{"\x55\xd8", "Ù"},
	{"\x75\xfb", "ủ"},
	{"\x55\xdb", "Ủ"},
	{"\x75\xf5", "ũ"},
	{"\x55\xd5", "Ũ"},
	{"\x75\xf9", "ú"},
	{"\x55\xd9", "Ú"},
	{"\x75\xef", "ụ"},
	{"\x55\xcf", "Ụ"},
	{"\xf6", "ư"},
	{"\xd6", "Ư"},
	{"\xf6\xf8", "ừ"},
	{"\xd6\xd8", "Ừ"},
	{"\xf6\xfb", "ử"},
	{"\xd6\xdb", "Ử"},
	{"\xf6\xf5", "ữ"},
	{"\xd6\xd5", "Ữ"},
	{"\xf6\xf9", "ứ"},
	{"\xd6\xd9", "Ứ"},
	{"\xf6\xef", "ự"},
	{"\xd6\xcf", "Ự"},
	{"\x79", "y"},
	{"\x59", "Y"},
	{"\x79\xf8", "ỳ"},
	{"\x59\xd8", "Ỳ"},
	{"\x79\xfb", "ỷ"},
	{"\x59\xdb", "Ỷ"},
	{"\x79\xf5", "ỹ"},
	{"\x59\xd5", "Ỹ"},
	{"\x79\xf9", "ý"},
	{"\x59\xd9", "Ý"},
	{"\xee", "ỵ"},
	{"\xce", "Ỵ"},
	};
	size_t i;
	(void)state;
	assert_int_equal(sizeof v / sizeof *v, 12 * 6 * 2);
	for (i = 0; i < sizeof v / sizeof *v; i++)
		assert_string_equal(conv(VN_LEGACY_VNI, v[i].vni), v[i].utf8);
}

static void vni_reads_other_bytes_as_windows_1252(void **state)
{
	(void)state;
	assert_string_equal(conv(VN_LEGACY_VNI, "\x80 \x93x\x94 \xe7 \xa9 \x81"), "€ “x” ç © \xef\xbf\xbd");
	/* a mark byte with nothing to sit on stays a combining mark */
	assert_string_equal(conv(VN_LEGACY_VNI, "b\xf9"), "b\xcc\x81");
}

/* ---- TCVN3 ---- */

static void tcvn3_converts_every_letter_of_the_chart(void **state)
{
	static const struct {
		unsigned char b;
		const char *utf8;
	} v[] = {
	{0xB5, "à"},
	{0xB8, "á"},
	{0xB6, "ả"},
	{0xB7, "ã"},
	{0xB9, "ạ"},
	{0xA8, "ă"},
	{0xBB, "ằ"},
	{0xBE, "ắ"},
	{0xBC, "ẳ"},
	{0xBD, "ẵ"},
	{0xC6, "ặ"},
	{0xA9, "â"},
	{0xC7, "ầ"},
	{0xCA, "ấ"},
	{0xC8, "ẩ"},
	{0xC9, "ẫ"},
	{0xCB, "ậ"},
	{0xAE, "đ"},
	{0xCC, "è"},
	{0xD0, "é"},
	{0xCE, "ẻ"},
	{0xCF, "ẽ"},
	{0xD1, "ẹ"},
	{0xAA, "ê"},
	{0xD2, "ề"},
	{0xD5, "ế"},
	{0xD3, "ể"},
	{0xD4, "ễ"},
	{0xD6, "ệ"},
	{0xD7, "ì"},
	{0xDD, "í"},
	{0xD8, "ỉ"},
	{0xDC, "ĩ"},
	{0xDE, "ị"},
	{0xDF, "ò"},
	{0xE3, "ó"},
	{0xE1, "ỏ"},
	{0xE2, "õ"},
	{0xE4, "ọ"},
	{0xAB, "ô"},
	{0xE5, "ồ"},
	{0xE8, "ố"},
	{0xE6, "ổ"},
	{0xE7, "ỗ"},
	{0xE9, "ộ"},
	{0xAC, "ơ"},
	{0xEA, "ờ"},
	{0xED, "ớ"},
	{0xEB, "ở"},
	{0xEC, "ỡ"},
	{0xEE, "ợ"},
	{0xEF, "ù"},
	{0xF3, "ú"},
	{0xF1, "ủ"},
	{0xF2, "ũ"},
	{0xF4, "ụ"},
	{0xAD, "ư"},
	{0xF5, "ừ"},
	{0xF8, "ứ"},
	{0xF6, "ử"},
	{0xF7, "ữ"},
	{0xF9, "ự"},
	{0xFA, "ỳ"},
	{0xFD, "ý"},
	{0xFB, "ỷ"},
	{0xFC, "ỹ"},
	{0xFE, "ỵ"},
	{0xA1, "Ă"},
	{0xA2, "Â"},
	{0xA7, "Đ"},
	{0xA3, "Ê"},
	{0xA4, "Ô"},
	{0xA5, "Ơ"},
	{0xA6, "Ư"},
	};
	size_t i;
	char s[2];
	(void)state;
	assert_int_equal(sizeof v / sizeof *v, 67 + 7);
	for (i = 0; i < sizeof v / sizeof *v; i++) {
		s[0] = (char)v[i].b;
		s[1] = '\0';
		assert_string_equal(conv(VN_LEGACY_TCVN3, s), v[i].utf8);
	}
}

static void tcvn3_converts_real_names(void **state)
{
	(void)state;
	assert_string_equal(conv(VN_LEGACY_TCVN3, "Nguy\xd4n"), "Nguyễn");
	assert_string_equal(conv(VN_LEGACY_TCVN3, "\xa7\xf8" "c"), "Đức");
	assert_string_equal(conv(VN_LEGACY_TCVN3, "Tr\xc7n Th\xde H\xad\xacng"), "Trần Thị Hương");
	assert_string_equal(conv(VN_LEGACY_TCVN3, "Ho\xb5ng V\xa8n Th\xaam \xa3"), "Hoàng Văn Thêm Ê");
}

static void tcvn3_writes_capitals_in_words_typed_in_capitals(void **state)
{
	(void)state;
	assert_string_equal(conv(VN_LEGACY_TCVN3, "NGUY\xd4N V\xa8N \xa7\xf8" "C"), "NGUYỄN VĂN ĐỨC");
	assert_string_equal(conv(VN_LEGACY_TCVN3, "\xa7\xe7 Th\xde"), "Đỗ Thị");
	/* one leading capital is a capitalised word, not one in capitals */
	assert_string_equal(conv(VN_LEGACY_TCVN3, "L\xaa V\xf2 H\xe5"), "Lê Vũ Hồ");
	assert_string_equal(conv(VN_LEGACY_TCVN3, "\xaaM"), "ÊM");
}

static void tcvn3_reads_undefined_bytes_as_windows_1252(void **state)
{
	(void)state;
	assert_string_equal(conv(VN_LEGACY_TCVN3, "\x93" "a\x94 37\xb0 \xc0"), "“a” 37° À");
}

/* ---- conversion in general ---- */

static void conversion_appends_nfc_and_keeps_out_on_error(void **state)
{
	buf_t b;
	(void)state;
	buf_init(&b, 11);
	assert_int_equal(vn_legacy_to_utf8(VN_LEGACY_VNI, "Le\xe2 ", 4, &b), PO_OK);
	assert_string_equal(buf_cstr(&b), "Lê ");
	assert_int_equal(vn_legacy_to_utf8(VN_LEGACY_VNI, "Nguye\xe3n", 7, &b), PO_ELIMIT);
	assert_string_equal(buf_cstr(&b), "Lê ");
	assert_int_equal(b.len, 4);
	assert_int_equal(vn_legacy_to_utf8(VN_LEGACY_TCVN3, "V\xa8n", 3, &b), PO_OK);
	assert_string_equal(buf_cstr(&b), "Lê Văn");
	assert_int_equal(vn_legacy_to_utf8(VN_LEGACY_NONE, "Nguye\xcc\x82\xcc\x83n", 10, &b), PO_ELIMIT);
	buf_reset(&b);
	assert_int_equal(vn_legacy_to_utf8(VN_LEGACY_NONE, "A\xcc\x81", 3, &b), PO_OK);
	assert_string_equal(buf_cstr(&b), "Á");
	assert_int_equal(vn_legacy_to_utf8(VN_LEGACY_NONE, "\xd4n", 2, &b), PO_EINVAL);
	buf_free(&b);
}

static void conversion_of_a_large_file_matches_line_by_line(void **state)
{
	static const char line[] = "Nguye\xe3n Th\xf2 Lan,Tra\xe0n Va\xean \xd1\xf6\xf9" "c;";
	static const char want[] = "Nguyễn Thị Lan,Trần Văn Đức;";
	size_t i, reps = 2000, ln = strlen(line), wn = strlen(want);
	char *in = malloc(ln * reps);
	buf_t b;
	(void)state;
	assert_non_null(in);
	for (i = 0; i < reps; i++)
		memcpy(in + i * ln, line, ln);
	buf_init(&b, 1 << 20);
	assert_int_equal(vn_legacy_to_utf8(VN_LEGACY_VNI, in, ln * reps, &b), PO_OK);
	assert_int_equal(b.len, wn * reps);
	for (i = 0; i < reps; i++)
		assert_memory_equal(b.p + i * wn, want, wn);
	buf_free(&b);
	free(in);
}

/* ---- detection ---- */

static const char vni_list[] =
	"STT,Ho\xa0va\xa0ten,Ngay sinh\r\n"
	"1,Nguye\xe3n Th\xf2 Lan,12/03/1980\r\n"
	"2,Tra\xe0n Va\xean \xd1\xf6\xf9" "c,01/01/1975\r\n"
	"3,Le\xe2 Th\xf2 Ho\xe0ng Ye\xe1n,05/06/1990\r\n"
	"4,Pha\xefm Minh Tua\xe1n,07/08/1985\r\n"
	"5,Hoa\xf8ng Thu\xfb" "y Tie\xean,09/10/1992\r\n";

static const char tcvn3_list[] =
	"STT,Ho va ten,Ngay sinh\r\n"
	"1,Nguy\xd4n Th\xde Lan,12/03/1980\r\n"
	"2,Tr\xc7n V\xa8n \xa7\xf8" "c,01/01/1975\r\n"
	"3,L\xaa Th\xde H\xe5ng Y\xd5n,05/06/1990\r\n"
	"4,Ph\xb9m Minh Tu\xca" "n,07/08/1985\r\n"
	"5,Ho\xb5ng Th\xf1y Ti\xd5n,09/10/1992\r\n";

static void detect_recognises_a_vni_name_list(void **state)
{
	(void)state;
	assert_int_equal(vn_legacy_detect(vni_list, strlen(vni_list)), VN_LEGACY_VNI);
	assert_int_equal(vn_legacy_detect("Nguye\xe3n Th\xf2 Lan", 15), VN_LEGACY_VNI);
}

static void detect_recognises_a_tcvn3_name_list(void **state)
{
	(void)state;
	assert_int_equal(vn_legacy_detect(tcvn3_list, strlen(tcvn3_list)), VN_LEGACY_TCVN3);
	assert_int_equal(vn_legacy_detect("Nguy\xd4n V\xa8n \xa7\xf8" "c", 12), VN_LEGACY_TCVN3);
}

static void detect_returns_none_for_random_binary(void **state)
{
	unsigned char b[4096];
	uint32_t x = 12345;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof b; i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (unsigned char)(x >> 16);
	}
	assert_int_equal(vn_legacy_detect((const char *)b, sizeof b), VN_LEGACY_NONE);
	/* the same without control bytes */
	for (i = 0; i < sizeof b; i++)
		if (b[i] < 0x20 || b[i] == 0x7F)
			b[i] = (unsigned char)(b[i] | 0xA0);
	assert_int_equal(vn_legacy_detect((const char *)b, sizeof b), VN_LEGACY_NONE);
}

static void detect_returns_none_for_windows_1252_french_and_english(void **state)
{
	static const char fr[] =
		"Le caf\xe9 de la gare \xe9tait ferm\xe9. O\xf9 est l'h\xf4tel ? "
		"\xc0 bient\xf4t, Fran\xe7ois. D\xe9j\xe0 vu, na\xefve, No\xebl, "
		"cr\xe8me br\xfbl\xe9" "e, gar\xe7on, \xe9l\xe8ve, ann\xe9" "e, "
		"Jos\xe9 Garc\xed" "a, M\xfcller, S\xe3o Paulo.\n";
	static const char en[] =
		"\x93Hello,\x94 she said \x96 it\x92s the caf\xe9 on 5th Ave. "
		"\xa9 2020 Acme\xae, 25\xb0" "C, price \x80" "10 \x85 r\xe9sum\xe9\n";
	(void)state;
	assert_int_equal(vn_legacy_detect(fr, strlen(fr)), VN_LEGACY_NONE);
	assert_int_equal(vn_legacy_detect(en, strlen(en)), VN_LEGACY_NONE);
}

static void detect_returns_none_for_utf8_ascii_and_empty_input(void **state)
{
	(void)state;
	assert_int_equal(vn_legacy_detect("Nguyễn Thị Lan", strlen("Nguyễn Thị Lan")), VN_LEGACY_NONE);
	assert_int_equal(vn_legacy_detect("Nguyen Thi Lan", 14), VN_LEGACY_NONE);
	assert_int_equal(vn_legacy_detect("", 0), VN_LEGACY_NONE);
}

/* ---- mojibake ---- */

static void mojibake_recognises_vni_read_as_windows_1252(void **state)
{
	enum vn_legacy w = VN_LEGACY_NONE;
	(void)state;
	assert_true(vn_legacy_mojibake("Nguyeãn Thò Lan", strlen("Nguyeãn Thò Lan"), &w));
	assert_int_equal(w, VN_LEGACY_VNI);
	assert_true(vn_legacy_mojibake("Traàn Vaên Ñöùc", strlen("Traàn Vaên Ñöùc"), NULL));
}

static void mojibake_recognises_tcvn3_read_as_windows_1252(void **state)
{
	enum vn_legacy w = VN_LEGACY_NONE;
	(void)state;
	assert_true(vn_legacy_mojibake("NguyÔn V¨n §øc", strlen("NguyÔn V¨n §øc"), &w));
	assert_int_equal(w, VN_LEGACY_TCVN3);
}

static void mojibake_is_false_for_real_vietnamese_and_other_languages(void **state)
{
	static const char *const ok[] = {
		"Nguyễn Thị Lan", "Lê Hà", "Thúy Hằng", "Thò", "José", "Nguyen Thi Lan",
		"Crème brûlée à la française", "", "Müller", "São Paulo",
	};
	enum vn_legacy w = VN_LEGACY_VNI;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof ok / sizeof *ok; i++) {
		if (vn_legacy_mojibake(ok[i], strlen(ok[i]), &w))
			fail_msg("\"%s\" taken for mojibake", ok[i]);
		assert_int_equal(w, VN_LEGACY_NONE);
	}
	assert_false(vn_legacy_mojibake("Nguye\xe3n", 7, &w)); /* not UTF-8 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_name_accepts_the_documented_names_in_any_case),
		cmocka_unit_test(parse_name_rejects_anything_else),
		cmocka_unit_test(legacy_name_gives_the_display_names),
		cmocka_unit_test(vni_converts_real_names),
		cmocka_unit_test(vni_converts_every_vowel_with_every_tone_in_both_cases),
		cmocka_unit_test(vni_reads_other_bytes_as_windows_1252),
		cmocka_unit_test(tcvn3_converts_every_letter_of_the_chart),
		cmocka_unit_test(tcvn3_converts_real_names),
		cmocka_unit_test(tcvn3_writes_capitals_in_words_typed_in_capitals),
		cmocka_unit_test(tcvn3_reads_undefined_bytes_as_windows_1252),
		cmocka_unit_test(conversion_appends_nfc_and_keeps_out_on_error),
		cmocka_unit_test(conversion_of_a_large_file_matches_line_by_line),
		cmocka_unit_test(detect_recognises_a_vni_name_list),
		cmocka_unit_test(detect_recognises_a_tcvn3_name_list),
		cmocka_unit_test(detect_returns_none_for_random_binary),
		cmocka_unit_test(detect_returns_none_for_windows_1252_french_and_english),
		cmocka_unit_test(detect_returns_none_for_utf8_ascii_and_empty_input),
		cmocka_unit_test(mojibake_recognises_vni_read_as_windows_1252),
		cmocka_unit_test(mojibake_recognises_tcvn3_read_as_windows_1252),
		cmocka_unit_test(mojibake_is_false_for_real_vietnamese_and_other_languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
