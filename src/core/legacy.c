/* legacy.c: TCVN3 (ABC) and VNI-Windows, the legacy 8-bit Vietnamese
 * encodings (see legacy.h).
 *
 * TCVN3 is the VN3 subset of TCVN 5712:1993: every lowercase letter with
 * its tone is one byte, and of the uppercase letters only Ă Â Ê Ô Ơ Ư Đ
 * have their own bytes; the other capitals were typed with the same
 * bytes in the .VnTimeH ("H") fonts.  A byte the VN3 chart leaves
 * undefined is read as Windows-1252, as a Windows program showing the
 * file would.  Because the bytes cannot tell "ễ" from "Ễ", conversion
 * writes the lowercase letter, except inside a word typed in capitals
 * (NGUYÔN → NGUYỄN, see tcvn3_caps_word).  So a capital that begins a
 * word with its tone ("Ánh", typed "¸nh" with the H font for the first
 * letter) comes out lowercase: the bytes are the same as for "ánh".
 *
 * VNI-Windows writes a letter as its base letter followed by one mark
 * byte (a tone, a circumflex or breve, or both at once), except for đ, ơ,
 * ư and i/ỵ with tones, which have bytes of their own.  Mark bytes come in
 * a lowercase and an uppercase form (the uppercase one, 0x20 lower, sits
 * higher above a capital).  Conversion writes the base and the combining
 * marks and then normalises to NFC; all other bytes are Windows-1252.
 *
 * Detection and mojibake checks look at words: a word of a candidate
 * encoding is evidence for it when it decodes to a well-formed
 * Vietnamese syllable (initial consonant, vowel nucleus and final from
 * the language's inventory, at most one tone, on a vowel, and a sane
 * case pattern) while the same bytes read as Windows-1252 are not one;
 * a word that does not decode to a syllable is evidence against.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "err.h"
#include "legacy.h"
#include "text.h"

/* ------------------------------------------------------------------ */
/* Code charts */

/* Windows-1252 0x80-0x9F; 0 where cp1252 defines nothing. */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* TCVN3 (TCVN 5712:1993 VN3) 0xA0-0xFF; 0 where VN3 defines nothing
 * (VN1 puts capitals with tones and combining marks there). */
static const uint16_t tcvn3_hi[96] = {
	/* A0 */ 0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
	/* A8 */ 0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0,
	/* B0 */ 0,      0,      0,      0,      0,      0x00E0, 0x1EA3, 0x00E3,
	/* B8 */ 0x00E1, 0x1EA1, 0,      0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0,
	/* C0 */ 0,      0,      0,      0,      0,      0,      0x1EB7, 0x1EA7,
	/* C8 */ 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0,      0x1EBB, 0x1EBD,
	/* D0 */ 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
	/* D8 */ 0x1EC9, 0,      0,      0,      0x0129, 0x00ED, 0x1ECB, 0x00F2,
	/* E0 */ 0,      0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
	/* E8 */ 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
	/* F0 */ 0,      0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
	/* F8 */ 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0,
};

enum { VB_OTHER, VB_MARK, VB_LETTER };
enum { VQ_NONE, VQ_CIRC, VQ_BREVE };
enum { VT_NONE, VT_GRAVE, VT_HOOK, VT_TILDE, VT_ACUTE, VT_DOT };

/* One byte of VNI-Windows 0xC0-0xFF: a mark (quality and/or tone) or a
 * letter of its own (cp); upper tells the uppercase form. */
struct vni_byte {
	uint8_t kind, qual, tone, upper;
	uint16_t cp;
};

#define VM(q, t, u) {VB_MARK, q, t, u, 0}
#define VL(c, u) {VB_LETTER, 0, 0, u, c}
#define VO {VB_OTHER, 0, 0, 0, 0}

/* VNI-Windows 0xC0-0xFF.  Marks: ù acute, ø grave, û hook, õ tilde,
 * ï dot below; â circumflex, á à å ã ä circumflex with acute, grave,
 * hook, tilde, dot; ê breve, é è ú ü ë breve with acute, grave, hook,
 * tilde, dot.  Letters: ñ đ, ô ơ, ö ư, í ì æ ó ò = í ì ỉ ĩ ị, î = ỵ. */
static const struct vni_byte vni_hi[64] = {
	/* C0 À */ VM(VQ_CIRC, VT_GRAVE, 1),  /* C1 Á */ VM(VQ_CIRC, VT_ACUTE, 1),
	/* C2 Â */ VM(VQ_CIRC, VT_NONE, 1),   /* C3 Ã */ VM(VQ_CIRC, VT_TILDE, 1),
	/* C4 Ä */ VM(VQ_CIRC, VT_DOT, 1),    /* C5 Å */ VM(VQ_CIRC, VT_HOOK, 1),
	/* C6 Æ */ VL(0x1EC8, 1),             /* C7 Ç */ VO,
	/* C8 È */ VM(VQ_BREVE, VT_GRAVE, 1), /* C9 É */ VM(VQ_BREVE, VT_ACUTE, 1),
	/* CA Ê */ VM(VQ_BREVE, VT_NONE, 1),  /* CB Ë */ VM(VQ_BREVE, VT_DOT, 1),
	/* CC Ì */ VL(0x00CC, 1),             /* CD Í */ VL(0x00CD, 1),
	/* CE Î */ VL(0x1EF4, 1),             /* CF Ï */ VM(VQ_NONE, VT_DOT, 1),
	/* D0 Ð */ VO,                        /* D1 Ñ */ VL(0x0110, 1),
	/* D2 Ò */ VL(0x1ECA, 1),             /* D3 Ó */ VL(0x0128, 1),
	/* D4 Ô */ VL(0x01A0, 1),             /* D5 Õ */ VM(VQ_NONE, VT_TILDE, 1),
	/* D6 Ö */ VL(0x01AF, 1),             /* D7 × */ VO,
	/* D8 Ø */ VM(VQ_NONE, VT_GRAVE, 1),  /* D9 Ù */ VM(VQ_NONE, VT_ACUTE, 1),
	/* DA Ú */ VM(VQ_BREVE, VT_HOOK, 1),  /* DB Û */ VM(VQ_NONE, VT_HOOK, 1),
	/* DC Ü */ VM(VQ_BREVE, VT_TILDE, 1), /* DD Ý */ VO,
	/* DE Þ */ VO,                        /* DF ß */ VO,
	/* E0 à */ VM(VQ_CIRC, VT_GRAVE, 0),  /* E1 á */ VM(VQ_CIRC, VT_ACUTE, 0),
	/* E2 â */ VM(VQ_CIRC, VT_NONE, 0),   /* E3 ã */ VM(VQ_CIRC, VT_TILDE, 0),
	/* E4 ä */ VM(VQ_CIRC, VT_DOT, 0),    /* E5 å */ VM(VQ_CIRC, VT_HOOK, 0),
	/* E6 æ */ VL(0x1EC9, 0),             /* E7 ç */ VO,
	/* E8 è */ VM(VQ_BREVE, VT_GRAVE, 0), /* E9 é */ VM(VQ_BREVE, VT_ACUTE, 0),
	/* EA ê */ VM(VQ_BREVE, VT_NONE, 0),  /* EB ë */ VM(VQ_BREVE, VT_DOT, 0),
	/* EC ì */ VL(0x00EC, 0),             /* ED í */ VL(0x00ED, 0),
	/* EE î */ VL(0x1EF5, 0),             /* EF ï */ VM(VQ_NONE, VT_DOT, 0),
	/* F0 ð */ VO,                        /* F1 ñ */ VL(0x0111, 0),
	/* F2 ò */ VL(0x1ECB, 0),             /* F3 ó */ VL(0x0129, 0),
	/* F4 ô */ VL(0x01A1, 0),             /* F5 õ */ VM(VQ_NONE, VT_TILDE, 0),
	/* F6 ö */ VL(0x01B0, 0),             /* F7 ÷ */ VO,
	/* F8 ø */ VM(VQ_NONE, VT_GRAVE, 0),  /* F9 ù */ VM(VQ_NONE, VT_ACUTE, 0),
	/* FA ú */ VM(VQ_BREVE, VT_HOOK, 0),  /* FB û */ VM(VQ_NONE, VT_HOOK, 0),
	/* FC ü */ VM(VQ_BREVE, VT_TILDE, 0), /* FD ý */ VO,
	/* FE þ */ VO,                        /* FF ÿ */ VO,
};

/* Combining marks of the VNI qualities and tones. */
static const uint16_t vni_qual_mark[3] = {0, 0x0302, 0x0306};
static const uint16_t vni_tone_mark[6] = {0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323};

/* The code point Windows-1252 gives byte b (U+FFFD where it gives none). */
static int32_t cp1252_cp(unsigned char b)
{
	if (b >= 0x80 && b < 0xA0)
		return cp1252_c1[b - 0x80] ? cp1252_c1[b - 0x80] : 0xFFFD;
	return b;
}

/* The code point of TCVN3 byte b, or 0 when VN3 does not define it. */
static int32_t tcvn3_cp(unsigned char b)
{
	if (b < 0x80)
		return b;
	if (b < 0xA0)
		return 0;
	return tcvn3_hi[b - 0xA0];
}

/* The VNI entry of byte b (VB_OTHER for ASCII and 0x80-0xBF). */
static const struct vni_byte *vni_info(unsigned char b)
{
	static const struct vni_byte other = VO;
	return b >= 0xC0 ? &vni_hi[b - 0xC0] : &other;
}

/* True for the ASCII letters. */
static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ------------------------------------------------------------------ */
/* Names */

/* See legacy.h. */
const char *vn_legacy_name(enum vn_legacy enc)
{
	switch (enc) {
	case VN_LEGACY_TCVN3: return "TCVN3 (ABC)";
	case VN_LEGACY_VNI: return "VNI-Windows";
	default: return "";
	}
}

/* See legacy.h. */
bool vn_legacy_parse_name(const char *s, enum vn_legacy *out)
{
	if (!s)
		return false;
	if (strcasecmp(s, "utf8") == 0 || strcasecmp(s, "utf-8") == 0)
		*out = VN_LEGACY_NONE;
	else if (strcasecmp(s, "tcvn3") == 0 || strcasecmp(s, "abc") == 0)
		*out = VN_LEGACY_TCVN3;
	else if (strcasecmp(s, "vni") == 0)
		*out = VN_LEGACY_VNI;
	else
		return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* Conversion */

/* Appends the UTF-8 form of code point cp to b. */
static int put_cp(buf_t *b, int32_t cp)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, u);
	return buf_append(b, u, (size_t)k);
}

/* True when the TCVN3 word s[0..n) was typed in capitals (an H font):
 * its ASCII letters are all capitals, and there are at least two of them
 * or the one there is does not begin the word ("Lª" is "Lê", a capital
 * and a lowercase letter; "§øC" is "ĐỨC"). */
static bool tcvn3_caps_word(const unsigned char *s, size_t n)
{
	size_t i, upper = 0;
	for (i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
		if (s[i] >= 'A' && s[i] <= 'Z')
			upper++;
	}
	return upper >= 2 || (upper == 1 && !(s[0] >= 'A' && s[0] <= 'Z'));
}

/* Converts the TCVN3 word or separator run s[0..n) into tmp, writing
 * the letters of a word typed in capitals as capitals. */
static int tcvn3_run(const unsigned char *s, size_t n, buf_t *tmp)
{
	bool caps = tcvn3_caps_word(s, n);
	size_t i;
	int rc = PO_OK;
	for (i = 0; i < n && rc == PO_OK; i++) {
		int32_t cp = tcvn3_cp(s[i]);
		if (s[i] < 0x80)
			rc = buf_putc(tmp, (char)s[i]);
		else if (cp == 0)
			rc = put_cp(tmp, cp1252_cp(s[i]));
		else
			rc = put_cp(tmp, caps ? utf8proc_toupper(cp) : cp);
	}
	return rc;
}

/* True for the bytes that make up TCVN3 words: ASCII letters and the
 * VN3 letters. */
static bool tcvn3_word_byte(unsigned char b)
{
	return is_alpha(b) || (b > 0xA0 && tcvn3_cp(b) != 0);
}

/* Converts TCVN3 s[0..n) into tmp, word run by word run. */
static int tcvn3_chunk(const unsigned char *s, size_t n, buf_t *tmp)
{
	size_t i = 0, j;
	int rc = PO_OK;
	while (i < n && rc == PO_OK) {
		bool w = tcvn3_word_byte(s[i]);
		for (j = i + 1; j < n && tcvn3_word_byte(s[j]) == w; j++)
			;
		rc = tcvn3_run(s + i, j - i, tmp);
		i = j;
	}
	return rc;
}

/* Bases that VNI marks compose with: the ASCII letters (by their code)
 * and ơ Ơ ư Ư (VNI_BASES - 4 .. VNI_BASES - 1). */
#define VNI_BASES 132

/* The precomposed letter of a base with a VNI quality and tone, derived
 * once from utf8proc's NFC; 0 where none exists. */
static int32_t vni_comp[VNI_BASES][3][6];
static pthread_once_t vni_comp_once = PTHREAD_ONCE_INIT;

/* The row of vni_comp for base code point cp, or -1. */
static int vni_base_index(int32_t cp)
{
	if (cp < 0x80)
		return is_alpha((unsigned char)cp) ? (int)cp : -1;
	switch (cp) {
	case 0x01A1: return VNI_BASES - 4;
	case 0x01A0: return VNI_BASES - 3;
	case 0x01B0: return VNI_BASES - 2;
	case 0x01AF: return VNI_BASES - 1;
	default: return -1;
	}
}

/* Fills vni_comp (run once, by pthread_once). */
static void vni_comp_build(void)
{
	static const int32_t extra[4] = {0x01A1, 0x01A0, 0x01B0, 0x01AF};
	int b, q, t;
	for (b = 0; b < VNI_BASES; b++) {
		int32_t base = b < 0x80 ? b : extra[b - 0x80];
		if (vni_base_index(base) != b)
			continue;
		for (q = 0; q < 3; q++) {
			for (t = 0; t < 6; t++) {
				utf8proc_uint8_t in[12], *res = NULL;
				utf8proc_ssize_t k = utf8proc_encode_char(base, in), r;
				utf8proc_int32_t c;
				if (q)
					k += utf8proc_encode_char(vni_qual_mark[q], in + k);
				if (t)
					k += utf8proc_encode_char(vni_tone_mark[t], in + k);
				r = utf8proc_map(in, k, &res, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
				if (r > 0 && utf8proc_iterate(res, r, &c) == r)
					vni_comp[b][q][t] = c;
				free(res);
			}
		}
	}
}

/* Converts VNI s[0..n) into tmp.  A base letter followed by a mark byte
 * becomes its precomposed letter when there is one; other mark bytes
 * become combining marks, left for NFC to compose. */
static int vni_chunk(const unsigned char *s, size_t n, buf_t *tmp)
{
	size_t i;
	int rc = PO_OK;
	pthread_once(&vni_comp_once, vni_comp_build);
	for (i = 0; i < n && rc == PO_OK; i++) {
		const struct vni_byte *v = vni_info(s[i]);
		int32_t base = -1;
		int row;
		if (is_alpha(s[i]))
			base = s[i];
		else if (v->kind == VB_LETTER)
			base = v->cp;
		if (base >= 0) {
			const struct vni_byte *m = i + 1 < n ? vni_info(s[i + 1]) : v;
			row = vni_base_index(base);
			if (m->kind == VB_MARK && row >= 0 && vni_comp[row][m->qual][m->tone]) {
				rc = put_cp(tmp, vni_comp[row][m->qual][m->tone]);
				i++;
			} else {
				rc = put_cp(tmp, base);
			}
		} else if (s[i] < 0x80) {
			rc = buf_putc(tmp, (char)s[i]);
		} else if (v->kind == VB_MARK) {
			if (v->qual)
				rc = put_cp(tmp, vni_qual_mark[v->qual]);
			if (rc == PO_OK && v->tone)
				rc = put_cp(tmp, vni_tone_mark[v->tone]);
		} else {
			rc = put_cp(tmp, cp1252_cp(s[i]));
		}
	}
	return rc;
}

#define CHUNK 4096

/* See legacy.h.  The input is converted in chunks that end before an
 * ASCII byte that is not a letter (NFC never joins across one, and no
 * TCVN3 word spans one), so memory stays bounded on large files.  On an
 * error nothing is appended.  VN_LEGACY_NONE takes the bytes as UTF-8
 * and returns PO_EINVAL when they are not. */
int vn_legacy_to_utf8(enum vn_legacy enc, const char *s, size_t n, buf_t *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, end, keep = out->len;
	buf_t tmp;
	int rc = PO_OK;
	if (enc != VN_LEGACY_TCVN3 && enc != VN_LEGACY_VNI)
		return vn_nfc(s, n, out);
	buf_init(&tmp, (size_t)-1 / 2);
	while (start < n && rc == PO_OK) {
		end = n - start > CHUNK ? start + CHUNK : n;
		while (end < n && (u[end] >= 0x80 || is_alpha(u[end])))
			end++;
		buf_reset(&tmp);
		if (enc == VN_LEGACY_TCVN3)
			rc = tcvn3_chunk(u + start, end - start, &tmp);
		else
			rc = vni_chunk(u + start, end - start, &tmp);
		if (rc == PO_OK)
			rc = vn_nfc(buf_cstr(&tmp), tmp.len, out);
		if (rc == PO_EINVAL)
			rc = PO_EINTERNAL; /* cannot happen: tmp is valid UTF-8 */
		start = end;
	}
	buf_free(&tmp);
	if (rc != PO_OK) {
		out->len = keep;
		if (out->p)
			out->p[keep] = '\0';
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Vietnamese syllables */

/* A letter of a decoded word: c is the letter in a one-byte code
 * (ASCII lowercase; '1' ă, '2' â, '3' ê, '4' ô, '5' ơ, '6' ư, '0' đ). */
struct vl {
	char c;
	uint8_t tone, upper;
};

#define WORD_MAX 24

/* Fills *l from code point cp when it is an ASCII letter or one of the
 * Vietnamese letters (decomposed by utf8proc into a base and Vietnamese
 * marks); false otherwise. */
static bool cp_vletter(int32_t cp, struct vl *l)
{
	utf8proc_int32_t d[4];
	utf8proc_ssize_t k, j;
	int bc = 0;
	int32_t base;
	memset(l, 0, sizeof *l);
	if (cp == 0x0110 || cp == 0x0111) {
		l->c = '0';
		l->upper = cp == 0x0110;
		return true;
	}
	k = utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE, &bc);
	if (k < 1 || k > 4 || d[0] > 0x7F || !is_alpha((unsigned char)d[0]))
		return false;
	base = d[0] | 0x20;
	l->upper = d[0] != base;
	l->c = (char)base;
	for (j = 1; j < k; j++) {
		switch (d[j]) {
		case 0x0300: case 0x0309: case 0x0303: case 0x0301: case 0x0323:
			if (l->tone)
				return false;
			l->tone = d[j] == 0x0300 ? VT_GRAVE : d[j] == 0x0309 ? VT_HOOK :
				  d[j] == 0x0303 ? VT_TILDE : d[j] == 0x0301 ? VT_ACUTE : VT_DOT;
			break;
		case 0x0302:
			if (l->c == 'a') l->c = '2';
			else if (l->c == 'e') l->c = '3';
			else if (l->c == 'o') l->c = '4';
			else return false;
			break;
		case 0x0306:
			if (l->c != 'a')
				return false;
			l->c = '1';
			break;
		case 0x031B:
			if (l->c == 'o') l->c = '5';
			else if (l->c == 'u') l->c = '6';
			else return false;
			break;
		default:
			return false;
		}
	}
	return true;
}

/* The letters of every byte in Windows-1252, TCVN3 and VNI (VNI: ASCII
 * and the letter bytes only), derived once from cp_vletter; ok is false
 * for a byte that is no Vietnamese letter. */
struct vl_byte {
	struct vl l;
	bool ok;
};

static struct vl_byte vl_cp1252[256], vl_tcvn3[256], vl_vni[256];
static pthread_once_t vl_once = PTHREAD_ONCE_INIT;

/* Builds the three tables (run once, by pthread_once). */
static void vl_build(void)
{
	int b;
	for (b = 0; b < 256; b++) {
		const struct vni_byte *v = vni_info((unsigned char)b);
		int32_t t = tcvn3_cp((unsigned char)b);
		vl_cp1252[b].ok = cp_vletter(cp1252_cp((unsigned char)b), &vl_cp1252[b].l);
		vl_tcvn3[b].ok = t != 0 && cp_vletter(t, &vl_tcvn3[b].l);
		if (b < 0x80)
			vl_vni[b].ok = cp_vletter(b, &vl_vni[b].l);
		else if (v->kind == VB_LETTER)
			vl_vni[b].ok = cp_vletter(v->cp, &vl_vni[b].l);
	}
}

/* True for the vowels a ă â e ê i o ô ơ u ư y in the code of struct vl. */
static bool is_vowel(char c)
{
	return c != '\0' && strchr("aeiouy123456", c) != NULL;
}

static const char *const initials[] = {
	"", "b", "c", "ch", "d", "0", "g", "gh", "gi", "h", "k", "kh", "l", "m",
	"n", "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
};

static const char *const finals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

/* Vowel nuclei (with the glides i/y/o/u that end a rhyme).  The "oo" of
 * loanwords such as "xoong" is left out: it is rare in names and common
 * in wrong decodings. */
static const char *const nuclei[] = {
	"a", "1", "2", "e", "3", "i", "o", "4", "5", "u", "6", "y",
	"ai", "ao", "au", "ay", "2u", "2y", "eo", "3u", "ia", "i3", "iu", "oa",
	"o1", "oe", "oi", "4i", "5i", "ua", "u2", "u3", "ui", "u4", "u5",
	"uy", "6a", "6i", "6u", "65", "y3",
	"i3u", "y3u", "oai", "oay", "oeo", "u2y", "u4i", "uya", "uy3", "uyu",
	"65i", "65u",
};

/* True when the letter code string w[0..n) is in list[0..count). */
static bool in_list(const char *w, size_t n, const char *const *list, size_t count)
{
	size_t i;
	for (i = 0; i < count; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* True when the letters w[0..n) form one well-formed Vietnamese
 * syllable: lowercase, all capitals or one leading capital; at most one
 * tone, on a vowel; initial + nucleus + final from the inventories; a
 * syllable ending in c, ch, p or t has the tone sắc or nặng. */
static bool syllable_ok(const struct vl *w, size_t n)
{
	char c[WORD_MAX];
	size_t i, a, b, tones = 0, ups = 0;
	uint8_t tone = VT_NONE;
	if (n == 0 || n > WORD_MAX)
		return false;
	for (i = 0; i < n; i++) {
		c[i] = w[i].c;
		ups += w[i].upper;
		if (w[i].tone) {
			tones++;
			tone = w[i].tone;
			if (!is_vowel(w[i].c))
				return false;
		}
	}
	if (tones > 1)
		return false;
	if (ups != 0 && ups != n && !(ups == 1 && w[0].upper))
		return false;
	for (a = 0; a < sizeof initials / sizeof *initials; a++) {
		size_t il = strlen(initials[a]);
		if (il >= n || memcmp(initials[a], c, il) != 0)
			continue;
		for (b = 0; b < sizeof finals / sizeof *finals; b++) {
			size_t fl = strlen(finals[b]);
			if (il + fl >= n || memcmp(finals[b], c + n - fl, fl) != 0)
				continue;
			if ((finals[b][0] == 'c' || finals[b][0] == 'p' || finals[b][0] == 't') &&
			    tone != VT_ACUTE && tone != VT_DOT)
				continue;
			if (in_list(c + il, n - il - fl, nuclei, sizeof nuclei / sizeof *nuclei))
				return true;
		}
	}
	return false;
}

/* Decodes the word bytes s[0..n) as Windows-1252 letters. */
static bool word_cp1252(const unsigned char *s, size_t n, struct vl *w)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (!vl_cp1252[s[i]].ok)
			return false;
		w[i] = vl_cp1252[s[i]].l;
	}
	return syllable_ok(w, n);
}

/* Decodes the word bytes s[0..n) as TCVN3 (with the capitals rule of
 * conversion) and checks the syllable. */
static bool word_tcvn3(const unsigned char *s, size_t n, struct vl *w)
{
	bool caps = tcvn3_caps_word(s, n);
	size_t i;
	for (i = 0; i < n; i++) {
		if (!vl_tcvn3[s[i]].ok)
			return false;
		w[i] = vl_tcvn3[s[i]].l;
		if (caps)
			w[i].upper = 1;
	}
	return syllable_ok(w, n);
}

/* Decodes the word bytes s[0..n) as VNI: every mark byte must follow a
 * letter of its own case that can take it. */
static bool word_vni(const unsigned char *s, size_t n, struct vl *w)
{
	size_t i, m = 0;
	for (i = 0; i < n; i++) {
		const struct vni_byte *v = vni_info(s[i]);
		struct vl *p;
		if (s[i] < 0x80 || v->kind == VB_LETTER) {
			if (!vl_vni[s[i]].ok)
				return false;
			w[m++] = vl_vni[s[i]].l;
			continue;
		}
		if (v->kind != VB_MARK || m == 0)
			return false;
		p = &w[m - 1];
		if (p->upper != v->upper)
			return false;
		if (v->qual == VQ_CIRC) {
			if (p->c == 'a') p->c = '2';
			else if (p->c == 'e') p->c = '3';
			else if (p->c == 'o') p->c = '4';
			else return false;
		} else if (v->qual == VQ_BREVE) {
			if (p->c != 'a')
				return false;
			p->c = '1';
		}
		if (v->tone) {
			if (p->tone || !is_vowel(p->c))
				return false;
			p->tone = v->tone;
		}
	}
	return syllable_ok(w, m);
}

/* ------------------------------------------------------------------ */
/* Scoring */

/* Collects the words of one candidate encoding from a stream of bytes
 * and counts the evidence for (good) and against (bad) it. */
struct scorer {
	enum vn_legacy enc;
	unsigned char w[WORD_MAX];
	size_t wn;
	bool high, alpha, overflow;
	unsigned long good, bad;
};

/* True when byte b belongs to a word of the scorer's encoding. */
static bool sc_word_byte(const struct scorer *sc, unsigned char b)
{
	if (b < 0x80)
		return is_alpha(b);
	if (sc->enc == VN_LEGACY_TCVN3)
		return b > 0xA0 && tcvn3_cp(b) != 0;
	return vni_info(b)->kind != VB_OTHER;
}

/* Weighs the word collected so far and starts a new one.  Words without
 * a legacy byte, or without an ASCII letter, say nothing. */
static void sc_flush(struct scorer *sc)
{
	struct vl a[WORD_MAX], b[WORD_MAX];
	bool dec;
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	if (sc->high && sc->alpha) {
		if (sc->overflow)
			dec = false;
		else if (sc->enc == VN_LEGACY_TCVN3)
			dec = word_tcvn3(sc->w, sc->wn, a);
		else
			dec = word_vni(sc->w, sc->wn, a);
		if (!dec)
			sc->bad++;
		else if (!word_cp1252(sc->w, sc->wn, b))
			sc->good++;
	}
	sc->wn = 0;
	sc->high = sc->alpha = sc->overflow = false;
}

/* Feeds one byte (b < 0: the end of the text). */
static void sc_feed(struct scorer *sc, int b)
{
	if (b >= 0 && sc_word_byte(sc, (unsigned char)b)) {
		if (sc->wn < WORD_MAX)
			sc->w[sc->wn++] = (unsigned char)b;
		else
			sc->overflow = true;
		if (b >= 0x80)
			sc->high = true;
		else
			sc->alpha = true;
		return;
	}
	if (sc->wn)
		sc_flush(sc);
}

/* Prepares a scorer for encoding enc. */
static void sc_init(struct scorer *sc, enum vn_legacy enc)
{
	memset(sc, 0, sizeof *sc);
	sc->enc = enc;
}

/* Words of evidence after which detection stops reading: enough to
 * decide, and it keeps the time spent on a large file bounded. */
#define EVIDENCE_ENOUGH 1000

/* True when one of the scorers has seen enough evidence. */
static bool sc_enough(const struct scorer *t, const struct scorer *v)
{
	return t->good + t->bad >= EVIDENCE_ENOUGH || v->good + v->bad >= EVIDENCE_ENOUGH;
}

/* True when the evidence supports the scorer's encoding: at least one
 * good word, and at least three good words for every bad one. */
static bool sc_fits(const struct scorer *sc)
{
	return sc->good > 0 && sc->good >= 3 * sc->bad;
}

/* Picks the encoding the two scorers support; NONE when neither or a
 * tie. */
static enum vn_legacy sc_decide(const struct scorer *t, const struct scorer *v)
{
	bool tf = sc_fits(t), vf = sc_fits(v);
	long dt = (long)t->good - (long)t->bad, dv = (long)v->good - (long)v->bad;
	if (tf && (!vf || dt > dv))
		return VN_LEGACY_TCVN3;
	if (vf && (!tf || dv > dt))
		return VN_LEGACY_VNI;
	return VN_LEGACY_NONE;
}

/* See legacy.h.  Returns NONE at once for valid UTF-8, for text with a
 * NUL byte, and for text where more than 1 in 100 bytes are control
 * characters other than tab, CR, LF and FF (binary data).  Words are
 * weighed until EVIDENCE_ENOUGH of them have spoken for or against one
 * encoding, so a large file costs two fast passes and a bounded rest. */
enum vn_legacy vn_legacy_detect(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	struct scorer t, v;
	size_t i, ctrl = 0;
	if (n == 0 || vn_utf8_valid(s, n, NULL))
		return VN_LEGACY_NONE;
	for (i = 0; i < n; i++) {
		if (u[i] == 0)
			return VN_LEGACY_NONE;
		if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r' &&
		     u[i] != '\f') || u[i] == 0x7F)
			ctrl++;
	}
	if (ctrl * 100 > n)
		return VN_LEGACY_NONE;
	pthread_once(&vl_once, vl_build);
	sc_init(&t, VN_LEGACY_TCVN3);
	sc_init(&v, VN_LEGACY_VNI);
	for (i = 0; i < n && !sc_enough(&t, &v); i++) {
		sc_feed(&t, u[i]);
		sc_feed(&v, u[i]);
	}
	sc_feed(&t, -1);
	sc_feed(&v, -1);
	return sc_decide(&t, &v);
}

/* The Windows-1252 byte that shows as code point cp, or -1.  The C1
 * controls stand for themselves (some programs map the five bytes
 * cp1252 leaves undefined to them). */
static int cp1252_byte(int32_t cp)
{
	int i;
	if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
		return cp;
	if (cp >= 0x80 && cp < 0xA0)
		return cp1252_c1[cp - 0x80] ? -1 : cp;
	for (i = 0; i < 32; i++)
		if (cp1252_c1[i] == cp)
			return 0x80 + i;
	return -1;
}

/* A quick test run before the scorer: text read through Windows-1252
 * holds only code points below U+0100 or among that code page's few
 * others, so ASCII text, or text with a letter of Vietnamese's own
 * (U+1EA0–U+1EF9, in UTF-8 E1 BA xx / E1 BB xx; ă đ ĩ ũ ơ ư and their
 * capitals), is never mojibake.  False means certainly not; true means
 * the scorer must decide. */
static bool maybe_mojibake(const unsigned char *u, size_t n)
{
	size_t i;
	bool high = false;
	for (i = 0; i < n; i++) {
		unsigned char c = u[i];
		if (c < 0x80)
			continue;
		high = true;
		if (c == 0xE1 && i + 1 < n && (u[i + 1] == 0xBA || u[i + 1] == 0xBB))
			return false;
		if ((c == 0xC4 || c == 0xC5 || c == 0xC6) && i + 1 < n) {
			unsigned cp = ((unsigned)(c & 0x1F) << 6) | (u[i + 1] & 0x3Fu);
			if (cp == 0x102 || cp == 0x103 || cp == 0x110 || cp == 0x111 || cp == 0x128 || cp == 0x129 ||
			    cp == 0x168 || cp == 0x169 || cp == 0x1A0 || cp == 0x1A1 || cp == 0x1AF || cp == 0x1B0)
				return false;
		}
	}
	return high;
}

/* See legacy.h.  The text is turned back into the Windows-1252 bytes it
 * would have been read from (a character cp1252 cannot hold, such as a
 * real "ễ", separates words) and those bytes are weighed as by
 * vn_legacy_detect.  Genuine Vietnamese gives no evidence: its words
 * either hold characters outside cp1252 or read as Vietnamese in
 * cp1252 already.  False for text that is not valid UTF-8. */
bool vn_legacy_mojibake(const char *s, size_t n, enum vn_legacy *which)
{
	const unsigned char *u = (const unsigned char *)s;
	struct scorer t, v;
	enum vn_legacy r;
	size_t i = 0;
	if (which)
		*which = VN_LEGACY_NONE;
	if (!maybe_mojibake(u, n) || !vn_utf8_valid(s, n, NULL))
		return false;
	pthread_once(&vl_once, vl_build);
	sc_init(&t, VN_LEGACY_TCVN3);
	sc_init(&v, VN_LEGACY_VNI);
	while (i < n && !sc_enough(&t, &v)) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
		int b;
		if (k < 1)
			return false;
		b = cp1252_byte(cp);
		if (b < 0)
			b = ' ';
		sc_feed(&t, b);
		sc_feed(&v, b);
		i += (size_t)k;
	}
	sc_feed(&t, -1);
	sc_feed(&v, -1);
	r = sc_decide(&t, &v);
	if (which)
		*which = r;
	return r != VN_LEGACY_NONE;
}
