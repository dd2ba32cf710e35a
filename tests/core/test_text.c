/* test_text.c: tests of core/text (UTF-8, NFC, cleaning, folding, the
 * Vietnamese collation key, header matching). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/text.h"

/* ---- helpers ---- */

/* vn_fold of a C string into a static buffer. */
static const char *fold(const char *s)
{
	static char out[512];
	vn_fold(s, strlen(s), out, sizeof out);
	return out;
}

/* memcmp order of two byte strings, shorter first on a common prefix. */
static int key_cmp(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
	size_t n = an < bn ? an : bn;
	int c = memcmp(a, b, n);
	if (c)
		return c;
	return an < bn ? -1 : an > bn ? 1 : 0;
}

/* Sign of the comparison of the sort keys of two names. */
static int name_cmp(const char *a, const char *b)
{
	unsigned char ka[VN_SORT_KEY_MAX], kb[VN_SORT_KEY_MAX];
	size_t na = vn_sort_key(a, strlen(a), ka, sizeof ka);
	size_t nb = vn_sort_key(b, strlen(b), kb, sizeof kb);
	int c = key_cmp(ka, na, kb, nb);
	return c < 0 ? -1 : c > 0;
}

/* Asserts that the names are in strictly increasing key order. */
static void assert_ordered(const char *const *names, size_t n)
{
	size_t i;
	for (i = 0; i + 1 < n; i++) {
		if (name_cmp(names[i], names[i + 1]) >= 0)
			fail_msg("\"%s\" does not sort before \"%s\"", names[i], names[i + 1]);
	}
}

/* The words of the key of s, decoded, into a static buffer. */
static const char *key_words(const char *s)
{
	static char out[512];
	unsigned char k[VN_SORT_KEY_MAX];
	size_t n = vn_sort_key(s, strlen(s), k, sizeof k);
	assert_true(n < sizeof k);
	vn_sort_key_words(k, n, out, sizeof out);
	return out;
}

/* ---- vn_utf8_valid, vn_utf8_count ---- */

static void utf8_valid_accepts_ascii_vietnamese_and_four_byte_text(void **state)
{
	const char *s = "Nguyễn Thị Ánh 😀 \xf4\x8f\xbf\xbf";
	size_t off = 99;
	(void)state;
	assert_true(vn_utf8_valid(s, strlen(s), &off));
	assert_int_equal(off, 99);
	assert_true(vn_utf8_valid("", 0, NULL));
	assert_true(vn_utf8_valid(NULL, 0, NULL));
	assert_true(vn_utf8_valid("plain ascii text, long enough for the 8-byte path", 49, NULL));
}

static void utf8_valid_rejects_overlongs_surrogates_and_out_of_range(void **state)
{
	static const struct {
		const char *s;
		size_t n, off;
	} bad[] = {
		{"ab\xc0\x80", 4, 2},         /* overlong NUL */
		{"\xc1\xbf", 2, 0},           /* overlong 2-byte */
		{"x\xe0\x80\x80", 4, 1},      /* overlong 3-byte */
		{"\xe0\x9f\xbf", 3, 0},       /* overlong 3-byte, top */
		{"\xf0\x80\x80\x80", 4, 0},   /* overlong 4-byte */
		{"\xf0\x8f\xbf\xbf", 4, 0},   /* overlong 4-byte, top */
		{"a\xed\xa0\x80", 4, 1},      /* U+D800 */
		{"\xed\xbf\xbf", 3, 0},       /* U+DFFF */
		{"\xf4\x90\x80\x80", 4, 0},   /* U+110000 */
		{"\xf5\x80\x80\x80", 4, 0},   /* lead byte F5 */
		{"\xff", 1, 0},
		{"abc\x80", 4, 3},            /* stray continuation */
		{"\xc3", 1, 0},               /* truncated 2-byte */
		{"Nguy\xe1\xbb", 6, 4},       /* truncated 3-byte */
		{"\xf0\x9f\x98", 3, 0},       /* truncated 4-byte */
		{"\xe1\x41\x41", 3, 0},       /* bad continuation */
	};
	size_t i, off;
	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		off = 99;
		if (vn_utf8_valid(bad[i].s, bad[i].n, &off))
			fail_msg("case %zu accepted", i);
		assert_int_equal(off, bad[i].off);
	}
}

static void utf8_valid_finds_a_bad_byte_after_a_long_ascii_run(void **state)
{
	char s[1001];
	size_t off = 0;
	(void)state;
	memset(s, 'a', sizeof s);
	s[997] = (char)0xE1; /* truncated at the end of the buffer */
	s[998] = (char)0xBB;
	assert_false(vn_utf8_valid(s, 999, &off));
	assert_int_equal(off, 997);
	s[999] = (char)0x85;
	assert_true(vn_utf8_valid(s, 1000, NULL));
	s[500] = (char)0x80;
	assert_false(vn_utf8_valid(s, 1000, &off));
	assert_int_equal(off, 500);
}

static void utf8_count_counts_code_points(void **state)
{
	(void)state;
	assert_int_equal(vn_utf8_count("", 0), 0);
	assert_int_equal(vn_utf8_count("Lan", 3), 3);
	assert_int_equal(vn_utf8_count("Nguyễn", strlen("Nguyễn")), 6);
	assert_int_equal(vn_utf8_count("😀a", 5), 2);
}

/* vn_utf8_prefix: never ends inside a character ("ễ" is 3 bytes). */
static void utf8_prefix_cuts_between_characters(void **state)
{
	const char *s = "Nguyễn"; /* N g u y ễ(3) n: 8 bytes */
	(void)state;
	assert_int_equal(vn_utf8_prefix(s, 8, 8), 8);
	assert_int_equal(vn_utf8_prefix(s, 8, 100), 8);
	assert_int_equal(vn_utf8_prefix(s, 8, 7), 7);
	assert_int_equal(vn_utf8_prefix(s, 8, 6), 4);
	assert_int_equal(vn_utf8_prefix(s, 8, 5), 4);
	assert_int_equal(vn_utf8_prefix(s, 8, 4), 4);
	assert_int_equal(vn_utf8_prefix("😀a", 5, 3), 0);
	assert_int_equal(vn_utf8_prefix("😀a", 5, 4), 4);
	assert_int_equal(vn_utf8_prefix("", 0, 0), 0);
}

/* ---- vn_nfc ---- */

static void nfc_composes_decomposed_vietnamese(void **state)
{
	buf_t b;
	(void)state;
	buf_init(&b, 1024);
	assert_int_equal(vn_nfc("Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3", 16, &b), PO_OK);
	assert_string_equal(buf_cstr(&b), "Nguyễn Thị");
	buf_reset(&b);
	/* dot below typed before the circumflex, and after it */
	assert_int_equal(vn_nfc("e\xcc\xa3\xcc\x82|e\xcc\x82\xcc\xa3", 11, &b), PO_OK);
	assert_string_equal(buf_cstr(&b), "ệ|ệ");
	buf_reset(&b);
	assert_int_equal(vn_nfc("Trần Ánh", strlen("Trần Ánh"), &b), PO_OK);
	assert_string_equal(buf_cstr(&b), "Trần Ánh");
	buf_free(&b);
}

static void nfc_appends_and_reports_bad_input_and_limits(void **state)
{
	buf_t b;
	(void)state;
	buf_init(&b, 8);
	assert_int_equal(vn_nfc("ab", 2, &b), PO_OK);
	assert_int_equal(vn_nfc("cd", 2, &b), PO_OK);
	assert_string_equal(buf_cstr(&b), "abcd");
	assert_int_equal(vn_nfc("x\xff", 2, &b), PO_EINVAL);
	assert_int_equal(vn_nfc("Nguyễn", strlen("Nguyễn"), &b), PO_ELIMIT);
	assert_int_equal(vn_nfc("a\xcc\x81\xcc\x81\xcc\x81", 7, &b), PO_ELIMIT);
	assert_string_equal(buf_cstr(&b), "abcd");
	buf_free(&b);
}

/* ---- vn_clean ---- */

static void clean_trims_collapses_unicode_spaces_and_drops_controls(void **state)
{
	char out[64];
	size_t len = 99;
	const char *in = "\xc2\xa0 Nguyễn\t\t Thị\x01\r\n  \xe3\x80\x80Lan\xe2\x80\x8b";
	(void)state;
	assert_int_equal(vn_clean(in, strlen(in), out, sizeof out, &len), PO_OK);
	assert_string_equal(out, "Nguyễn Thị Lan");
	assert_int_equal(len, strlen("Nguyễn Thị Lan"));
	assert_int_equal(vn_clean("   ", 3, out, sizeof out, &len), PO_OK);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
	assert_int_equal(vn_clean("\xef\xbb\xbfHo\xc2\xadten\x7f", 12, out, sizeof out, &len), PO_OK);
	assert_string_equal(out, "Hoten");
}

static void clean_normalises_to_nfc(void **state)
{
	char out[64];
	size_t len;
	/* NFD, with a control character between the letter and its marks */
	const char *in = "  Nguye\x01\xcc\x82\xcc\x83n   Thi\xcc\xa3 ";
	(void)state;
	assert_int_equal(vn_clean(in, strlen(in), out, sizeof out, &len), PO_OK);
	assert_string_equal(out, "Nguyễn Thị");
	assert_int_equal(len, 14);
}

static void clean_reports_limit_and_invalid_utf8(void **state)
{
	char out[16];
	size_t len = 99;
	(void)state;
	/* "Nguyễn Thị" is 14 bytes: fits in 15 with the NUL, not in 14 */
	assert_int_equal(vn_clean(" Nguyễn  Thị ", 17, out, 15, &len), PO_OK);
	assert_string_equal(out, "Nguyễn Thị");
	assert_int_equal(len, 14);
	assert_int_equal(vn_clean(" Nguyễn  Thị ", 17, out, 14, &len), PO_ELIMIT);
	assert_int_equal(len, 0);
	/* NFD input longer than cap whose NFC form fits */
	assert_int_equal(vn_clean("Nguye\xcc\x82\xcc\x83n", 10, out, 9, &len), PO_OK);
	assert_string_equal(out, "Nguyễn");
	assert_int_equal(vn_clean("Nguye\xcc\x82\xcc\x83n", 10, out, 8, &len), PO_ELIMIT);
	assert_int_equal(vn_clean("ab\xed\xa0\x80", 5, out, sizeof out, &len), PO_EINVAL);
	assert_int_equal(vn_clean("ab", 2, out, 0, &len), PO_ELIMIT);
}

/* ---- vn_fold ---- */

static void fold_gives_lowercase_ascii_words(void **state)
{
	(void)state;
	assert_string_equal(fold("Nguyễn Thị Ánh  Đào"), "nguyen thi anh dao");
	assert_string_equal(fold("  TRẦN   văn\tĐỨC  "), "tran van duc");
	assert_string_equal(fold(""), "");
	assert_string_equal(fold(" -- "), "");
}

static void fold_strips_every_tone_of_every_vowel(void **state)
{
	static const struct {
		const char *in, *out;
	} v[] = {
	{"a", "a"},
	{"A", "a"},
	{"à", "a"},
	{"À", "a"},
	{"ả", "a"},
	{"Ả", "a"},
	{"ã", "a"},
	{"Ã", "a"},
	{"á", "a"},
	{"Á", "a"},
	{"ạ", "a"},
	{"Ạ", "a"},
	{"ă", "a"},
	{"Ă", "a"},
	{"ằ", "a"},
	{"Ằ", "a"},
	{"ẳ", "a"},
	{"Ẳ", "a"},
	{"ẵ", "a"},
	{"Ẵ", "a"},
	{"ắ", "a"},
	{"Ắ", "a"},
	{"ặ", "a"},
	{"Ặ", "a"},
	{"â", "a"},
	{"Â", "a"},
	{"ầ", "a"},
	{"Ầ", "a"},
	{"ẩ", "a"},
	{"Ẩ", "a"},
	{"ẫ", "a"},
	{"Ẫ", "a"},
	{"ấ", "a"},
	{"Ấ", "a"},
	{"ậ", "a"},
	{"Ậ", "a"},
	{"e", "e"},
	{"E", "e"},
	{"è", "e"},
	{"È", "e"},
	{"ẻ", "e"},
	{"Ẻ", "e"},
	{"ẽ", "e"},
	{"Ẽ", "e"},
	{"é", "e"},
	{"É", "e"},
	{"ẹ", "e"},
	{"Ẹ", "e"},
	{"ê", "e"},
	{"Ê", "e"},
	{"ề", "e"},
	{"Ề", "e"},
	{"ể", "e"},
	{"Ể", "e"},
	{"ễ", "e"},
	{"Ễ", "e"},
	{"ế", "e"},
	{"Ế", "e"},
	{"ệ", "e"},
	{"Ệ", "e"},
	{"i", "i"},
	{"I", "i"},
	{"ì", "i"},
	{"Ì", "i"},
	{"ỉ", "i"},
	{"Ỉ", "i"},
	{"ĩ", "i"},
	{"Ĩ", "i"},
	{"í", "i"},
	{"Í", "i"},
	{"ị", "i"},
	{"Ị", "i"},
	{"o", "o"},
	{"O", "o"},
	{"ò", "o"},
	{"Ò", "o"},
	{"ỏ", "o"},
	{"Ỏ", "o"},
	{"õ", "o"},
	{"Õ", "o"},
	{"ó", "o"},
	{"Ó", "o"},
	{"ọ", "o"},
	{"Ọ", "o"},
	{"ô", "o"},
	{"Ô", "o"},
	{"ồ", "o"},
	{"Ồ", "o"},
	{"ổ", "o"},
	{"Ổ", "o"},
	{"ỗ", "o"},
	{"Ỗ", "o"},
	{"ố", "o"},
	{"Ố", "o"},
	{"ộ", "o"},
	{"Ộ", "o"},
	{"ơ", "o"},
	{"Ơ", "o"},
	{"ờ", "o"},
	{"Ờ", "o"},
	{"ở", "o"},
	{"Ở", "o"},
	{"ỡ", "o"},
	{"Ỡ", "o"},
	{"ớ", "o"},
	{"Ớ", "o"},
	{"ợ", "o"},
	{"Ợ", "o"},
	{"u", "u"},
	{"U", "u"},
	{"ù", "u"},
	{"Ù", "u"},
	{"ủ", "u"},
	{"Ủ", "u"},
	{"ũ", "u"},
	{"Ũ", "u"},
	{"ú", "u"},
	{"Ú", "u"},
	{"ụ", "u"},
	{"Ụ", "u"},
	{"ư", "u"},
	{"Ư", "u"},
	{"ừ", "u"},
	{"Ừ", "u"},
	{"ử", "u"},
	{"Ử", "u"},
	{"ữ", "u"},
	{"Ữ", "u"},
	{"ứ", "u"},
	{"Ứ", "u"},
	{"ự", "u"},
	{"Ự", "u"},
	{"y", "y"},
	{"Y", "y"},
	{"ỳ", "y"},
	{"Ỳ", "y"},
	{"ỷ", "y"},
	{"Ỷ", "y"},
	{"ỹ", "y"},
	{"Ỹ", "y"},
	{"ý", "y"},
	{"Ý", "y"},
	{"ỵ", "y"},
	{"Ỵ", "y"},
	};
	size_t i;
	(void)state;
	assert_int_equal(sizeof v / sizeof *v, 12 * 6 * 2);
	for (i = 0; i < sizeof v / sizeof *v; i++)
		assert_string_equal(fold(v[i].in), v[i].out);
}

static void fold_gives_the_same_for_nfd_and_nfc(void **state)
{
	(void)state;
	assert_string_equal(fold("Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 A\xcc\x81nh \xc4\x90" "a\xcc\x80o"),
			    "nguyen thi anh dao");
	assert_string_equal(fold("Ngu\xcc\x9bo\xcc\x9b\xcc\x80i"), "nguoi");
}

static void fold_turns_d_with_stroke_into_d(void **state)
{
	(void)state;
	assert_string_equal(fold("Đặng đình ĐẠT"), "dang dinh dat");
	assert_string_equal(fold("\xc3\x90\xe1\xbb\xa9\x63"), "duc"); /* Ð (U+00D0) */
}

static void fold_keeps_digits_and_splits_on_punctuation(void **state)
{
	(void)state;
	assert_string_equal(fold("Mã-hộ:0123/45_B"), "ma ho 0123 45 b");
	assert_string_equal(fold("Lê,Văn.Tám(8)"), "le van tam 8");
	assert_string_equal(fold("O'Brien"), "o brien");
}

static void fold_keeps_other_scripts_in_lowercase(void **state)
{
	(void)state;
	assert_string_equal(fold("ΑΘΉΝΑ Москва"), "αθηνα москва");
	assert_string_equal(fold("北京 Lan"), "北京 lan");
}

static void fold_maps_compatibility_forms_and_ignores_invisible_joiners(void **state)
{
	(void)state;
	assert_string_equal(fold("Ｎｇｕｙễｎ ﬁ ²"), "nguyen fi 2");
	assert_string_equal(fold("Nguy\xc2\xad\xe1\xbb\x85n"), "nguyen"); /* soft hyphen */
	assert_string_equal(fold("Lan\xe2\x80\x8bHoa"), "lan hoa");         /* ZWSP */
}

static void fold_cuts_at_a_word_boundary(void **state)
{
	char out[16];
	const char *s = "Nguyễn Thị Ánh Đào";
	(void)state;
	assert_int_equal(vn_fold(s, strlen(s), out, 11), 10);
	assert_string_equal(out, "nguyen thi");
	assert_int_equal(vn_fold(s, strlen(s), out, 10), 6);
	assert_string_equal(out, "nguyen");
	assert_int_equal(vn_fold(s, strlen(s), out, 6), 0);
	assert_string_equal(out, "");
	assert_int_equal(vn_fold("abc def", 7, out, 8), 7);
	assert_int_equal(vn_fold("abc def", 7, out, 7), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(vn_fold("abc", 3, out, 0), 0);
}

static void fold_never_reads_past_n(void **state)
{
	char out[16];
	(void)state;
	assert_int_equal(vn_fold("Lan Hoa", 3, out, sizeof out), 3);
	assert_string_equal(out, "lan");
	/* a cut in the middle of a UTF-8 sequence is a separator */
	assert_int_equal(vn_fold("Lê", 2, out, sizeof out), 1);
	assert_string_equal(out, "l");
}

/* ---- vn_sort_key ---- */

static void sort_key_orders_by_given_name_then_family_name(void **state)
{
	static const char *const names[] = {
		"Lê Văn An", "Nguyễn Thị An", "Trần Ánh", "Đỗ Thị Bình",
	};
	(void)state;
	assert_ordered(names, 4);
	assert_int_equal(name_cmp("An", "Lê An"), -1);
	assert_int_equal(name_cmp("Lê Văn An", "Lê Văn Anh"), -1);
}

static void sort_key_orders_letters_in_vietnamese_alphabet_order(void **state)
{
	static const char *const letters[] = {
		"0", "1", "9", "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g",
		"h", "i", "j", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s",
		"t", "u", "ư", "v", "w", "x", "y", "z", "ß", "α", "北",
	};
	static const char *const words[] = {"Lan", "Lân", "Lăm", "Dũng", "Đức"};
	(void)state;
	assert_ordered(letters, sizeof letters / sizeof *letters);
	assert_int_equal(name_cmp(words[0], words[1]), -1); /* a before â */
	assert_int_equal(name_cmp(words[2], words[0]), 1);  /* ă after a */
	assert_int_equal(name_cmp(words[3], words[4]), -1); /* d before đ */
	assert_int_equal(name_cmp("Đức", "Em"), -1);
}

static void sort_key_orders_tones_none_huyen_hoi_nga_sac_nang(void **state)
{
	static const char *const tones[] = {"Lân", "Lần", "Lẩn", "Lẫn", "Lấn", "Lận"};
	static const char *const a[] = {"ma", "mà", "mả", "mã", "má", "mạ", "mac"};
	(void)state;
	assert_ordered(tones, 6);
	assert_ordered(a, 7);
	/* letters decide before tones: "Lán" < "Lâm" */
	assert_int_equal(name_cmp("Lán", "Lâm"), -1);
}

static void sort_key_puts_case_last(void **state)
{
	(void)state;
	assert_int_equal(name_cmp("lan", "Lan"), -1);
	assert_int_equal(name_cmp("Lan", "LAN"), -1);
	assert_int_equal(name_cmp("LAN", "lán"), -1); /* tone before case */
	assert_int_equal(name_cmp("Lan", "Lan"), 0);
}

static void sort_key_has_the_documented_layout(void **state)
{
	static const unsigned char want[] = {
		/* primary: an | le | van */
		0x20, 0x31, 0x01, 0x2F, 0x28, 0x01, 0x3C, 0x21, 0x31, 0x01, 0x00,
		/* secondary: tones of a n l ê v ă n; "Lễ" would have 0x05 */
		0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x00,
		/* tertiary: A n L ê V ă n */
		0x03, 0x02, 0x03, 0x02, 0x03, 0x02, 0x02,
	};
	static const unsigned char empty[] = {0x00, 0x00};
	unsigned char k[64];
	size_t n;
	(void)state;
	n = vn_sort_key("Lê Văn An", strlen("Lê Văn An"), k, sizeof k);
	assert_int_equal(n, sizeof want);
	assert_memory_equal(k, want, sizeof want);
	n = vn_sort_key("Đỗ 9", strlen("Đỗ 9"), k, sizeof k);
	/* 9 | đ ô, then the tone of ỗ (ngã, 0x05), then the capital Đ */
	assert_int_equal(n, 13);
	assert_memory_equal(k, "\x19\x01\x26\x33\x01\x00\x02\x02\x05\x00\x02\x03\x02", 13);
	n = vn_sort_key(" ,. ", 4, k, sizeof k);
	assert_int_equal(n, 2);
	assert_memory_equal(k, empty, 2);
}

static void sort_key_is_the_same_for_nfc_and_nfd(void **state)
{
	const char *nfc = "Nguyễn Thị Ánh Đào Ượng";
	const char *nfd = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 A\xcc\x81nh \xc4\x90"
			  "a\xcc\x80o U\xcc\x9bo\xcc\x9b\xcc\xa3ng";
	/* marks in a non-canonical order give the same key too */
	const char *odd = "Nguye\xcc\x83\xcc\x82n Thi\xcc\xa3 A\xcc\x81nh \xc4\x90"
			  "a\xcc\x80o U\xcc\x9bo\xcc\xa3\xcc\x9bng";
	unsigned char k1[128], k2[128], k3[128];
	size_t n1, n2, n3;
	(void)state;
	n1 = vn_sort_key(nfc, strlen(nfc), k1, sizeof k1);
	n2 = vn_sort_key(nfd, strlen(nfd), k2, sizeof k2);
	n3 = vn_sort_key(odd, strlen(odd), k3, sizeof k3);
	assert_int_equal(n1, n2);
	assert_memory_equal(k1, k2, n1);
	assert_int_equal(n1, n3);
	assert_memory_equal(k1, k3, n1);
}

static void sort_key_ignores_leading_trailing_and_repeated_spaces(void **state)
{
	unsigned char k1[128], k2[128];
	const char *a = "Trần Văn Đức", *b = " \t Trần  \xc2\xa0 Văn   Đức \r\n";
	size_t n1, n2;
	(void)state;
	n1 = vn_sort_key(a, strlen(a), k1, sizeof k1);
	n2 = vn_sort_key(b, strlen(b), k2, sizeof k2);
	assert_int_equal(n1, n2);
	assert_memory_equal(k1, k2, n1);
}

static void sort_key_cut_short_is_a_prefix_of_the_full_key(void **state)
{
	unsigned char full[128], cut[128];
	const char *s = "Nguyễn Thị Ánh";
	size_t n, m, cap;
	(void)state;
	n = vn_sort_key(s, strlen(s), full, sizeof full);
	for (cap = 0; cap <= n + 2; cap++) {
		memset(cut, 0xEE, sizeof cut);
		m = vn_sort_key(s, strlen(s), cut, cap);
		assert_int_equal(m, cap < n ? cap : n);
		assert_memory_equal(cut, full, m);
		assert_int_equal(cut[m], 0xEE);
	}
}

static void sort_key_of_a_very_long_name_has_the_same_layout(void **state)
{
	char name[6 + 3 * 150];
	unsigned char k[VN_SORT_KEY_MAX];
	size_t n, i, at = 0;
	(void)state;
	/* "Bình" + 150 x "ả": more letters than the one-pass path keeps */
	memcpy(name, "Bình ", 6);
	for (i = 0; i < 150; i++)
		memcpy(name + 6 + 3 * i, "ả", 3);
	n = vn_sort_key(name, 6 + 450, k, sizeof k);
	assert_int_equal(n, (150 + 1 + 4 + 1 + 1) + (154 + 1) + 154);
	for (i = 0; i < 150; i++)
		assert_int_equal(k[at++], 0x20); /* a */
	assert_int_equal(k[at++], 0x01);
	assert_memory_equal(k + at, "\x23\x2c\x31\x2b\x01\x00", 6); /* b i n h */
	at += 6;
	for (i = 0; i < 150; i++)
		assert_int_equal(k[at++], 0x04); /* hỏi */
	assert_memory_equal(k + at, "\x02\x03\x02\x02\x00\x02\x02", 7);
	assert_memory_equal(k + n - 5, "\x02\x03\x02\x02\x02", 5); /* ... ả B ì n h */
	assert_string_equal(key_words("Lan Bình Ả"), "a lan binh");
}

/* ---- vn_sort_key_words ---- */

static void sort_key_words_gives_the_folded_words_given_name_first(void **state)
{
	(void)state;
	assert_string_equal(key_words("Nguyễn Thị Ánh Đào"), "dao nguyen thi anh");
	assert_string_equal(key_words("Trần Ưng Ơn Ân Ăn Ê"), "e tran ung on an an");
	assert_string_equal(key_words("Lan"), "lan");
	assert_string_equal(key_words("  "), "");
	assert_string_equal(key_words("Phố 12 Bà Triệu"), "trieu pho 12 ba");
	assert_string_equal(key_words("Ελένη Lan"), "lan ελενη");
}

static void sort_key_words_rejects_malformed_keys(void **state)
{
	char out[64];
	(void)state;
	assert_int_equal(vn_sort_key_words((const unsigned char *)"\x20\x31", 2, out, sizeof out), 0);
	assert_int_equal(vn_sort_key_words((const unsigned char *)"\x20\x31\x01", 3, out, sizeof out), 0);
	assert_int_equal(vn_sort_key_words((const unsigned char *)"\x01\x00", 2, out, sizeof out), 0);
	assert_int_equal(vn_sort_key_words((const unsigned char *)"\x20\x05\x01\x00", 4, out, sizeof out), 0);
	assert_int_equal(vn_sort_key_words((const unsigned char *)"\x20\x41\x01\x00", 4, out, sizeof out), 0);
	assert_int_equal(vn_sort_key_words((const unsigned char *)"\x20\xc3\x01\x00", 4, out, sizeof out), 0);
	assert_int_equal(vn_sort_key_words((const unsigned char *)"\x20\x00\x01\x00", 4, out, sizeof out), 0);
	assert_int_equal(vn_sort_key_words((const unsigned char *)"", 0, out, sizeof out), 0);
	assert_int_equal(vn_sort_key_words((const unsigned char *)"\x20\x31\x01\x00", 4, out, sizeof out), 2);
	assert_string_equal(out, "an");
}

static void sort_key_words_cuts_at_a_word_boundary(void **state)
{
	unsigned char k[64];
	char out[16];
	size_t n = vn_sort_key("Lê Văn An", strlen("Lê Văn An"), k, sizeof k);
	(void)state;
	assert_int_equal(vn_sort_key_words(k, n, out, 10), 9);
	assert_string_equal(out, "an le van");
	assert_int_equal(vn_sort_key_words(k, n, out, 9), 5);
	assert_string_equal(out, "an le");
	assert_int_equal(vn_sort_key_words(k, n, out, 2), 0);
	assert_string_equal(out, "");
}

/* ---- vn_header_eq ---- */

static void header_eq_ignores_case_diacritics_spaces_and_separators(void **state)
{
	static const char *const same[] = {
		"Họ và tên", "HO VA TEN", "ho_va_ten", "  Họ và Tên ", "Ho-Va-Ten",
		"\xef\xbb\xbfHọ và tên", "HỌ VÀ TÊN", "Ho va te\xcc\x82n",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof same / sizeof *same; i++)
		if (!vn_header_eq(same[i], strlen(same[i]), "họ và tên"))
			fail_msg("\"%s\" should equal \"họ và tên\"", same[i]);
	assert_true(vn_header_eq("Ngày sinh", strlen("Ngày sinh"), "ngay sinh"));
	assert_true(vn_header_eq("Mã hộ", strlen("Mã hộ"), "ma ho"));
	assert_true(vn_header_eq("Số CMND/CCCD", strlen("Số CMND/CCCD"), "so cmnd cccd"));
	assert_false(vn_header_eq("Họ và tên đệm", strlen("Họ và tên đệm"), "họ và tên"));
	assert_false(vn_header_eq("Họ", strlen("Họ"), "họ và tên"));
	assert_false(vn_header_eq("Mã hộ 2", strlen("Mã hộ 2"), "ma ho"));
	assert_false(vn_header_eq("", 0, "ma ho"));
	assert_true(vn_header_eq(" _ ", 3, ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_valid_accepts_ascii_vietnamese_and_four_byte_text),
		cmocka_unit_test(utf8_prefix_cuts_between_characters),
		cmocka_unit_test(utf8_valid_rejects_overlongs_surrogates_and_out_of_range),
		cmocka_unit_test(utf8_valid_finds_a_bad_byte_after_a_long_ascii_run),
		cmocka_unit_test(utf8_count_counts_code_points),
		cmocka_unit_test(nfc_composes_decomposed_vietnamese),
		cmocka_unit_test(nfc_appends_and_reports_bad_input_and_limits),
		cmocka_unit_test(clean_trims_collapses_unicode_spaces_and_drops_controls),
		cmocka_unit_test(clean_normalises_to_nfc),
		cmocka_unit_test(clean_reports_limit_and_invalid_utf8),
		cmocka_unit_test(fold_gives_lowercase_ascii_words),
		cmocka_unit_test(fold_strips_every_tone_of_every_vowel),
		cmocka_unit_test(fold_gives_the_same_for_nfd_and_nfc),
		cmocka_unit_test(fold_turns_d_with_stroke_into_d),
		cmocka_unit_test(fold_keeps_digits_and_splits_on_punctuation),
		cmocka_unit_test(fold_keeps_other_scripts_in_lowercase),
		cmocka_unit_test(fold_maps_compatibility_forms_and_ignores_invisible_joiners),
		cmocka_unit_test(fold_cuts_at_a_word_boundary),
		cmocka_unit_test(fold_never_reads_past_n),
		cmocka_unit_test(sort_key_orders_by_given_name_then_family_name),
		cmocka_unit_test(sort_key_orders_letters_in_vietnamese_alphabet_order),
		cmocka_unit_test(sort_key_orders_tones_none_huyen_hoi_nga_sac_nang),
		cmocka_unit_test(sort_key_puts_case_last),
		cmocka_unit_test(sort_key_has_the_documented_layout),
		cmocka_unit_test(sort_key_is_the_same_for_nfc_and_nfd),
		cmocka_unit_test(sort_key_ignores_leading_trailing_and_repeated_spaces),
		cmocka_unit_test(sort_key_cut_short_is_a_prefix_of_the_full_key),
		cmocka_unit_test(sort_key_of_a_very_long_name_has_the_same_layout),
		cmocka_unit_test(sort_key_words_gives_the_folded_words_given_name_first),
		cmocka_unit_test(sort_key_words_rejects_malformed_keys),
		cmocka_unit_test(sort_key_words_cuts_at_a_word_boundary),
		cmocka_unit_test(header_eq_ignores_case_diacritics_spaces_and_separators),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
