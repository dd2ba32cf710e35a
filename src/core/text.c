/* text.c: UTF-8 validation, NFC, cleaning, search folding and the
 * Vietnamese collation key (see text.h).
 *
 * Everything that needs Unicode data asks utf8proc.  Folding and the sort
 * key share one tokenizer: it decomposes every code point (canonically,
 * or by its compatibility decomposition when that gives only letters,
 * digits and marks), lowercases the base letter, and folds the Vietnamese
 * diacritics that follow it into a "letter": base, vowel quality (breve,
 * circumflex, horn, the stroke of đ), tone and case.  Other characters
 * separate words.  Since a letter collects its marks as a set (with the
 * canonical-order tie breaks of mark_apply), NFC and NFD input give the
 * same letters, and so does Vietnamese text with its marks in any order.
 * (Unnormalised text in other scripts may differ from its NFC form.)
 *
 * Speed: the code points U+0000-U+036F and U+1E00-U+1EFF (ASCII, Latin-1,
 * Latin Extended A/B, the combining marks and every precomposed
 * Vietnamese letter) are classified once, at first use, into a table
 * derived from utf8proc; the tokenizer reads ASCII and that table without
 * calling utf8proc.  vn_fold, vn_sort_key and vn_header_eq never allocate.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text.h"

/* ------------------------------------------------------------------ */
/* UTF-8 */

/* Decodes the well-formed UTF-8 sequence at s[0..n) (n >= 1) into *cp
 * and returns its length, or returns 0 when the sequence is ill-formed
 * (overlong, surrogate, above U+10FFFF, truncated, stray byte). */
static size_t u8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = (int32_t)(((c & 0x1Fu) << 6) | (s[1] & 0x3Fu));
		return 2;
	}
	if (c < 0xF0) {
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		if (n < 3 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
			return 0;
		*cp = (int32_t)(((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu));
		return 3;
	}
	if (c < 0xF5) {
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		if (n < 4 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		*cp = (int32_t)(((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
				((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu));
		return 4;
	}
	return 0;
}

/* Writes the UTF-8 form of the valid code point cp into b (4 bytes of
 * room) and returns its length. */
static size_t u8_encode(int32_t cp, unsigned char *b)
{
	uint32_t c = (uint32_t)cp;
	if (c < 0x80) {
		b[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		b[0] = (unsigned char)(0xC0 | (c >> 6));
		b[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (c >> 12));
		b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | (c >> 18));
	b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

/* Length of the run of ASCII bytes at the start of s[0..n), read eight
 * bytes at a time. */
static size_t ascii_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (n - i >= 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
		i += 8;
	}
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

/* See text.h. */
size_t vn_utf8_prefix(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	n = max; /* s[n] is the first byte left out: not a continuation */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* See text.h. */
bool vn_utf8_valid(const char *s, size_t n, size_t *bad_off)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	int32_t cp;
	while (i < n) {
		if (u[i] < 0x80) {
			i += ascii_prefix(u + i, n - i);
			continue;
		}
		k = u8_decode(u + i, n - i, &cp);
		if (k == 0) {
			if (bad_off)
				*bad_off = i;
			return false;
		}
		i += k;
	}
	return true;
}

/* See text.h.  Counts the bytes that do not continue a sequence, so on
 * ill-formed input the result is only an estimate (never a crash). */
size_t vn_utf8_count(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, c = 0;
	for (i = 0; i < n; i++)
		c += (u[i] & 0xC0) != 0x80;
	return c;
}

/* ------------------------------------------------------------------ */
/* Classification of code points */

enum piece_kind { PK_SEP, PK_MARK, PK_LETTER, PK_SLOW, PK_END };
enum qual { Q_NONE, Q_BREVE, Q_CIRC, Q_HORN, Q_STROKE };
enum tone { T_NONE, T_GRAVE, T_HOOK, T_TILDE, T_ACUTE, T_DOT };

/* One piece of a decomposed code point: a letter (cp is its lowercase
 * code point, ASCII for Latin letters and digits, 'd' with Q_STROKE for
 * đ), a mark that modifies the previous letter, or a separator. */
struct piece {
	int32_t cp;
	uint8_t kind, qual, tone, upper, attach;
};

#define PIECE_MAX 32 /* longest decomposition is 18 code points */

/* True for the combining marks that folding removes (the generic
 * diacritic blocks), for variation selectors and for default-ignorable
 * characters such as the soft hyphen and ZWJ, which never separate
 * words.  ZWSP (U+200B) is not counted: it separates words. */
static bool is_stripped_mark(int32_t c)
{
	if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
	    (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
	    (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0xFE00 && c <= 0xFE0F) ||
	    (c >= 0xE0100 && c <= 0xE01EF))
		return true;
	if (c == 0x200B)
		return false;
	return utf8proc_get_property(c)->ignorable != 0;
}

/* The Vietnamese meaning of the combining mark c: a tone or a vowel
 * quality (both T_NONE/Q_NONE for other marks). */
static void mark_meaning(int32_t c, uint8_t *tone, uint8_t *qual)
{
	*tone = T_NONE;
	*qual = Q_NONE;
	switch (c) {
	case 0x0300: case 0x0340: *tone = T_GRAVE; break;
	case 0x0309: *tone = T_HOOK; break;
	case 0x0303: *tone = T_TILDE; break;
	case 0x0301: case 0x0341: *tone = T_ACUTE; break;
	case 0x0323: *tone = T_DOT; break;
	case 0x0306: *qual = Q_BREVE; break;
	case 0x0302: *qual = Q_CIRC; break;
	case 0x031B: *qual = Q_HORN; break;
	default: break;
	}
}

/* True when the vowel quality q makes a Vietnamese letter of base b:
 * ă; â ê ô; ơ ư. */
static bool qual_fits(int32_t b, uint8_t q)
{
	switch (q) {
	case Q_BREVE: return b == 'a';
	case Q_CIRC: return b == 'a' || b == 'e' || b == 'o';
	case Q_HORN: return b == 'o' || b == 'u';
	default: return false;
	}
}

/* Adds a mark's tone and quality to a letter with base b.  The first tone
 * wins, except that a dot below (which canonical ordering puts first)
 * beats the others; the first fitting quality wins, except that a horn
 * (also ordered first) beats a circumflex or breve.  So the result does
 * not depend on the order of the marks. */
static void mark_apply(int32_t b, uint8_t *ltone, uint8_t *lqual, uint8_t tone, uint8_t qual)
{
	if (tone && (*ltone == T_NONE || (tone == T_DOT && *ltone != T_DOT)))
		*ltone = tone;
	if (qual && qual_fits(b, qual) &&
	    (*lqual == Q_NONE || (qual == Q_HORN && *lqual != Q_HORN)))
		*lqual = qual;
}

/* True for categories that make up words: letters, numbers, marks. */
static bool is_word_category(utf8proc_category_t cat)
{
	switch (cat) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

/* Classifies one code point of a decomposition into *p. */
static void classify(int32_t x, struct piece *p)
{
	utf8proc_category_t cat;
	int32_t lower;
	memset(p, 0, sizeof *p);
	p->cp = x;
	if (x == 0x200B) {
		p->kind = PK_SEP;
		return;
	}
	if (is_stripped_mark(x)) {
		p->kind = PK_MARK;
		mark_meaning(x, &p->tone, &p->qual);
		return;
	}
	cat = utf8proc_category(x);
	if (!is_word_category(cat)) {
		p->kind = PK_SEP;
		return;
	}
	lower = utf8proc_tolower(x);
	p->kind = PK_LETTER;
	p->cp = lower;
	p->upper = lower != x || cat == UTF8PROC_CATEGORY_LT;
	p->attach = (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
		     cat == UTF8PROC_CATEGORY_ME) &&
		    utf8proc_get_property(x)->combining_class != 0;
}

/* True when every code point of d[0..k) is part of a word. */
static bool all_wordish(const utf8proc_int32_t *d, utf8proc_ssize_t k)
{
	utf8proc_ssize_t j;
	for (j = 0; j < k; j++) {
		if (d[j] == 0x200B)
			return false;
		if (!is_stripped_mark(d[j]) && !is_word_category(utf8proc_category(d[j])))
			return false;
	}
	return true;
}

/* Splits the code point cp into pieces (at least one, at most PIECE_MAX)
 * and returns their number.  đ, Đ and Ð (U+00D0, which legacy
 * conversions produce for Đ) are the letter d with a stroke.  The
 * compatibility decomposition is used when it consists of letters,
 * digits and marks only (fullwidth Ａ → A, ﬁ → fi, ² → 2), else the
 * canonical one; a code point whose decomposition holds anything else is
 * one separator, so words always begin and end on code point
 * boundaries. */
static int cp_pieces(int32_t cp, struct piece *out)
{
	utf8proc_int32_t d[PIECE_MAX];
	utf8proc_ssize_t k, j;
	int bc = 0;
	if (cp == 0x0110 || cp == 0x0111 || cp == 0x00D0) {
		memset(out, 0, sizeof *out);
		out[0].cp = 'd';
		out[0].kind = PK_LETTER;
		out[0].qual = Q_STROKE;
		out[0].upper = cp != 0x0111;
		return 1;
	}
	k = utf8proc_decompose_char(cp, d, PIECE_MAX, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &bc);
	if (k < 1 || k > PIECE_MAX || !all_wordish(d, k)) {
		bc = 0;
		k = utf8proc_decompose_char(cp, d, PIECE_MAX, UTF8PROC_DECOMPOSE, &bc);
		if (k < 1 || k > PIECE_MAX)
			goto sep;
	}
	for (j = 0; j < k; j++) {
		classify(d[j], &out[j]);
		if (out[j].kind == PK_SEP)
			goto sep;
	}
	return (int)k;
sep:
	memset(out, 0, sizeof *out);
	out[0].cp = cp;
	out[0].kind = PK_SEP;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Primary weights */

/* Index of each ASCII letter in the Vietnamese alphabet order (see the
 * key layout below vn_fold). */
static const uint8_t letter_index[26] = {
	0, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, /* a..m */
	17, 18, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 32 /* n..z */
};

/* The folded ASCII letter of each alphabet index (ă â → a, đ → d ...). */
static const char index_fold[34] = "aaabcddeefghijklmnooopqrstuuvwxyz";

#define W_DIGIT 0x10
#define W_LETTER 0x20

/* Primary weight of an ASCII letter or digit c with vowel quality q
 * (the computation; weight() reads the table built from it). */
static uint8_t weight_calc(int32_t c, uint8_t q)
{
	unsigned idx;
	if (c >= '0' && c <= '9')
		return (uint8_t)(W_DIGIT + (c - '0'));
	idx = letter_index[c - 'a'];
	if (c == 'a' && q == Q_BREVE)
		idx = 1;
	else if (c == 'a' && q == Q_CIRC)
		idx = 2;
	else if (c == 'd' && q == Q_STROKE)
		idx = 6;
	else if (c == 'e' && q == Q_CIRC)
		idx = 8;
	else if (c == 'o' && q == Q_CIRC)
		idx = 19;
	else if (c == 'o' && q == Q_HORN)
		idx = 20;
	else if (c == 'u' && q == Q_HORN)
		idx = 27;
	return (uint8_t)(W_LETTER + idx);
}

/* ------------------------------------------------------------------ */
/* The lookup table, derived from utf8proc at first use */

/* What the tokenizer needs to know about a code point: kind PK_SEP,
 * PK_MARK (with tone/qual), PK_LETTER (ASCII base, qual, tone, upper) or
 * PK_SLOW (ask cp_pieces); inert: NFC leaves the code point alone
 * whatever surrounds it (no decomposition, combining class 0, never the
 * second of a composition). */
struct cpinfo {
	uint8_t kind, base, qual, tone, upper, inert;
};

#define TAB_LO_END 0x0370
#define TAB_HI_START 0x1E00
#define TAB_HI_END 0x1F00

static struct cpinfo tab_lo[TAB_LO_END];
static struct cpinfo tab_hi[TAB_HI_END - TAB_HI_START];
static uint8_t wtab[Q_STROKE + 1][0x80]; /* weight_calc of ASCII letters, digits */
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

/* True when the NFC form of the lone code point cp is cp itself. */
static bool nfc_fixed(int32_t cp)
{
	unsigned char b[4];
	utf8proc_uint8_t *res = NULL;
	size_t k = u8_encode(cp, b);
	utf8proc_ssize_t r = utf8proc_map(b, (utf8proc_ssize_t)k, &res,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	bool same = r == (utf8proc_ssize_t)k && memcmp(res, b, k) == 0;
	free(res);
	return same;
}

/* Fills the table entry of cp from cp_pieces, so that the table and the
 * slow path always agree. */
static void tab_fill(struct cpinfo *e, int32_t cp)
{
	struct piece p[PIECE_MAX];
	int k = cp_pieces(cp, p), j;
	memset(e, 0, sizeof *e);
	e->kind = PK_SLOW;
	if (k == 1 && p[0].kind == PK_SEP) {
		e->kind = PK_SEP;
	} else if (k == 1 && p[0].kind == PK_MARK) {
		e->kind = PK_MARK;
		e->tone = p[0].tone;
		e->qual = p[0].qual;
	} else if (p[0].kind == PK_LETTER && p[0].cp < 0x80) {
		struct piece l = p[0];
		for (j = 1; j < k && p[j].kind == PK_MARK; j++)
			mark_apply(l.cp, &l.tone, &l.qual, p[j].tone, p[j].qual);
		if (j == k) {
			e->kind = PK_LETTER;
			e->base = (uint8_t)l.cp;
			e->qual = l.qual;
			e->tone = l.tone;
			e->upper = l.upper;
		}
	}
	/* No letter of these ranges is the second of a composition pair,
	 * so a character that NFC keeps alone and that has class 0 is
	 * kept in any context.  The combining block is never inert. */
	if (cp < 0x80)
		e->inert = 1;
	else if (cp < 0x0300 || cp >= TAB_HI_START)
		e->inert = utf8proc_get_property(cp)->combining_class == 0 && nfc_fixed(cp);
}

/* Builds the table (run once, by pthread_once). */
static void tab_build(void)
{
	int32_t cp;
	int q;
	for (cp = 0; cp < TAB_LO_END; cp++)
		tab_fill(&tab_lo[cp], cp);
	for (cp = TAB_HI_START; cp < TAB_HI_END; cp++)
		tab_fill(&tab_hi[cp - TAB_HI_START], cp);
	for (q = Q_NONE; q <= Q_STROKE; q++)
		for (cp = 0; cp < 0x80; cp++)
			if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z'))
				wtab[q][cp] = weight_calc(cp, (uint8_t)q);
}

/* Makes sure the table exists. */
static void tab_init(void)
{
	pthread_once(&tab_once, tab_build);
}

/* The table entry of cp, or NULL outside the table's ranges. */
static const struct cpinfo *cp_info(int32_t cp)
{
	if (cp >= 0 && cp < TAB_LO_END)
		return &tab_lo[cp];
	if (cp >= TAB_HI_START && cp < TAB_HI_END)
		return &tab_hi[cp - TAB_HI_START];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The tokenizer */

/* A letter as the tokenizer hands it out.  first: it begins a word;
 * off: byte offset of the code point it came from. */
struct letter {
	int32_t cp;
	uint8_t qual, tone, upper, first;
	size_t off;
};

enum { TK_DONE, TK_LETTER, TK_WORD_END };

#define KEPT_MAX 16 /* kept marks on one letter; more are dropped */

struct tok {
	const unsigned char *s;
	size_t n, i;
	struct piece q[PIECE_MAX]; /* pieces of a slow-path code point */
	int qn, qi;
	size_t qoff;
	struct letter pend; /* the letter that still collects marks */
	int32_t kept[KEPT_MAX]; /* marks kept in the word, after pend */
	int keptn;
	int32_t outq[KEPT_MAX]; /* kept marks of the letter just handed out */
	int outn, outi;
	bool has_pend, emit_end, in_word;
};

/* Starts tokenizing s[0..n). */
static void tok_init(struct tok *t, const char *s, size_t n)
{
	memset(t, 0, sizeof *t);
	t->s = (const unsigned char *)s;
	t->n = n;
}

/* Next piece of input into *p and the offset of its code point into
 * *off; false at the end.  An ill-formed byte is one separator. */
static bool tok_piece(struct tok *t, struct piece *p, size_t *off)
{
	const struct cpinfo *e;
	int32_t cp;
	size_t k;
	if (t->qi < t->qn) {
		*p = t->q[t->qi++];
		*off = t->qoff;
		return true;
	}
	if (t->i >= t->n)
		return false;
	*off = t->i;
	if (t->s[t->i] < 0x80) {
		cp = t->s[t->i];
		k = 1;
	} else {
		k = u8_decode(t->s + t->i, t->n - t->i, &cp);
		if (k == 0) {
			t->i++;
			memset(p, 0, sizeof *p);
			p->kind = PK_SEP;
			return true;
		}
	}
	t->i += k;
	e = cp_info(cp);
	if (e && e->kind != PK_SLOW) {
		p->kind = e->kind;
		p->cp = e->base;
		p->qual = e->qual;
		p->tone = e->tone;
		p->upper = e->upper;
		p->attach = 0;
		return true;
	}
	t->qn = cp_pieces(cp, t->q);
	t->qi = 0;
	t->qoff = *off;
	*p = t->q[t->qi++];
	return true;
}

/* Hands out the pending letter into *out and queues its kept marks. */
static void tok_flush(struct tok *t, struct letter *out)
{
	*out = t->pend;
	if (t->keptn > 0)
		memcpy(t->outq, t->kept, (size_t)t->keptn * sizeof *t->kept);
	t->outn = t->keptn;
	t->outi = 0;
	t->keptn = 0;
}

/* Next item: TK_LETTER (a complete letter in *out), TK_WORD_END (after
 * the last letter of every word) or TK_DONE.
 *
 * A letter collects the marks that follow it.  Marks that folding
 * removes change its tone or quality; combining marks that it keeps
 * (those of other scripts with a non-zero combining class) come out as
 * letters of their own right after it.  Tones after a kept mark still
 * go to the letter, so canonical reordering of the marks changes
 * nothing. */
static int tok_next(struct tok *t, struct letter *out)
{
	struct piece p;
	size_t off = 0;
	for (;;) {
		if (t->outi < t->outn) {
			memset(out, 0, sizeof *out);
			out->cp = t->outq[t->outi++];
			return TK_LETTER;
		}
		if (t->emit_end) {
			t->emit_end = false;
			return TK_WORD_END;
		}
		if (!tok_piece(t, &p, &off))
			p.kind = PK_END;
		if (p.kind == PK_MARK) {
			if (t->has_pend)
				mark_apply(t->pend.cp, &t->pend.tone, &t->pend.qual, p.tone, p.qual);
			continue;
		}
		if (p.kind == PK_LETTER && p.attach && t->has_pend) {
			if (t->keptn < KEPT_MAX)
				t->kept[t->keptn++] = p.cp;
			continue;
		}
		if (p.kind == PK_LETTER) {
			struct letter nl;
			nl.cp = p.cp;
			nl.qual = p.qual;
			nl.tone = p.tone;
			nl.upper = p.upper;
			nl.first = !t->in_word;
			nl.off = off;
			t->in_word = true;
			if (t->has_pend) {
				tok_flush(t, out);
				t->pend = nl;
				return TK_LETTER;
			}
			t->pend = nl;
			t->has_pend = true;
			continue;
		}
		t->in_word = false;
		if (t->has_pend) {
			tok_flush(t, out);
			t->has_pend = false;
			t->emit_end = true;
			return TK_LETTER;
		}
		if (p.kind == PK_END)
			return TK_DONE;
	}
}

/* The folded form of letter l into b (4 bytes of room); returns its
 * length: ASCII for Latin letters and digits, else the lowercase UTF-8. */
static size_t letter_fold(const struct letter *l, unsigned char *b)
{
	return u8_encode(l->cp, b);
}

/* ------------------------------------------------------------------ */
/* NFC and cleaning */

/* True when the valid UTF-8 text s[0..n) is made only of inert code
 * points, so that it is already NFC. */
static bool all_inert(const unsigned char *s, size_t n)
{
	size_t i = 0, k;
	int32_t cp;
	const struct cpinfo *e;
	while (i < n) {
		if (s[i] < 0x80) {
			i += ascii_prefix(s + i, n - i);
			continue;
		}
		k = u8_decode(s + i, n - i, &cp);
		if (k == 0)
			return false;
		e = cp_info(cp);
		if (!e || !e->inert)
			return false;
		i += k;
	}
	return true;
}

/* Longest input handed to utf8proc_map, whose lengths are ptrdiff_t and
 * which needs 4 bytes per code point of working room. */
#define NFC_INPUT_MAX ((size_t)PTRDIFF_MAX / 8)

/* Maps a utf8proc error to a PO_* code. */
static int utf8proc_rc(utf8proc_ssize_t r)
{
	if (r == UTF8PROC_ERROR_NOMEM)
		return PO_ENOMEM;
	if (r == UTF8PROC_ERROR_OVERFLOW)
		return PO_ELIMIT;
	return PO_EINVAL;
}

/* See text.h. */
int vn_nfc(const char *s, size_t n, buf_t *out)
{
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t r;
	int rc;
	if (!vn_utf8_valid(s, n, NULL))
		return PO_EINVAL;
	tab_init();
	if (all_inert((const unsigned char *)s, n))
		return buf_append(out, s, n);
	if (n > NFC_INPUT_MAX)
		return PO_ELIMIT;
	r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &res,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0)
		return utf8proc_rc(r);
	rc = buf_append(out, res, (size_t)r);
	free(res);
	return rc;
}

/* True for white space: ASCII space, tab, LF, VT, FF, CR, NEL, NBSP, the
 * Unicode space separators, line and paragraph separators, and ZWSP. */
static bool is_space(int32_t c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* True for what cleaning drops: control characters (C0, DEL, C1) and
 * the invisible format characters that only get in the way in a name:
 * soft hyphen, Mongolian vowel separator, LRM/RLM, bidi embeddings and
 * isolates, word joiner and invisible operators, BOM.  ZWJ and ZWNJ are
 * kept (some scripts need them). */
static bool is_dropped(int32_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || c == 0x180E ||
	       c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0xFEFF;
}

/* Cleans s[0..n) (spaces trimmed and collapsed, controls dropped, no
 * normalisation) into dst, writing at most cap bytes (no NUL); *len gets
 * the length and *inert whether every character kept is inert (so that
 * the result is NFC already).  Reads all of s even when dst is full.
 * Returns PO_EINVAL (s is not valid UTF-8), PO_ELIMIT (valid, but the
 * result needs more than cap bytes) or PO_OK. */
static int clean_into(const unsigned char *s, size_t n, char *dst, size_t cap, size_t *len,
		      bool *inert)
{
	size_t i = 0, k, o = 0;
	bool space = false, full = false;
	const struct cpinfo *e;
	int32_t cp;
	*inert = true;
	while (i < n) {
		if (s[i] > 0x20 && s[i] < 0x7F) { /* printable ASCII: kept, inert */
			if (full || o + space + 1 > cap) {
				full = true;
			} else {
				if (space)
					dst[o++] = ' ';
				dst[o++] = (char)s[i];
			}
			space = false;
			i++;
			continue;
		}
		k = u8_decode(s + i, n - i, &cp);
		if (k == 0)
			return PO_EINVAL;
		if (is_space(cp)) {
			space = o > 0;
		} else if (!is_dropped(cp)) {
			if (*inert) {
				e = cp_info(cp);
				*inert = e && e->inert;
			}
			if (full || o + space + k > cap) {
				full = true;
			} else {
				if (space)
					dst[o++] = ' ';
				memcpy(dst + o, s + i, k);
				o += k;
			}
			space = false;
		}
		i += k;
	}
	*len = o;
	return full ? PO_ELIMIT : PO_OK;
}

/* See text.h.  Cleaning happens before normalisation, so that a control
 * character between a letter and its mark cannot leave the result
 * unnormalised.  Text made only of ASCII, Latin and precomposed
 * Vietnamese letters is cleaned straight into out in one pass; other
 * text goes through a temporary copy and utf8proc, and may also return
 * PO_ENOMEM.  On an error out is "" and *len 0. */
int vn_clean(const char *s, size_t n, char *out, size_t cap, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t r;
	char *tmp;
	size_t tlen = 0;
	bool inert;
	int rc;
	*len = 0;
	tab_init();
	rc = clean_into(u, n, out, cap > 0 ? cap - 1 : 0, &tlen, &inert);
	if (rc == PO_OK && inert && cap > 0) {
		out[tlen] = '\0';
		*len = tlen;
		return PO_OK;
	}
	if (cap > 0)
		out[0] = '\0';
	if (rc == PO_EINVAL || inert || cap == 0)
		return rc == PO_EINVAL ? PO_EINVAL : PO_ELIMIT;
	if (n > NFC_INPUT_MAX)
		return PO_ELIMIT;
	tmp = malloc(n + 1);
	if (!tmp)
		return PO_ENOMEM;
	clean_into(u, n, tmp, n, &tlen, &inert);
	r = utf8proc_map((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)tlen, &res,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	free(tmp);
	if (r < 0)
		return utf8proc_rc(r);
	if ((size_t)r > cap - 1) {
		free(res);
		return PO_ELIMIT;
	}
	memcpy(out, res, (size_t)r);
	out[r] = '\0';
	*len = (size_t)r;
	free(res);
	return PO_OK;
}

/* ------------------------------------------------------------------ */
/* Folding */

/* Folds s[0..n) into out (cap >= 1) without the tokenizer when every
 * code point up to where the output ends is in the table (not PK_SLOW):
 * a letter's fold is its base letter whatever marks follow, so marks are
 * simply skipped.  Returns false, having written nothing useful, at the
 * first code point that needs the general path. */
static bool fold_fast(const unsigned char *s, size_t n, char *out, size_t cap, size_t *res)
{
	size_t i = 0, len = 0, wstart = 0, k;
	bool in_word = false;
	int32_t cp;
	const struct cpinfo *e;
	while (i < n) {
		if (s[i] < 0x80) {
			e = &tab_lo[s[i]];
			k = 1;
		} else {
			k = u8_decode(s + i, n - i, &cp);
			if (k == 0) {
				in_word = false;
				i++;
				continue;
			}
			e = cp_info(cp);
			if (!e || e->kind == PK_SLOW)
				return false;
		}
		i += k;
		if (e->kind == PK_SEP) {
			in_word = false;
			continue;
		}
		if (e->kind != PK_LETTER)
			continue;
		if (!in_word) {
			wstart = len;
			in_word = true;
			if (len > 0) {
				if (len + 1 > cap - 1)
					break;
				out[len++] = ' ';
			}
		}
		if (len + 1 > cap - 1) {
			len = wstart;
			break;
		}
		out[len++] = (char)e->base;
	}
	out[len] = '\0';
	*res = len;
	return true;
}

/* See text.h. */
size_t vn_fold(const char *s, size_t n, char *out, size_t cap)
{
	struct tok t;
	struct letter l;
	unsigned char b[4];
	size_t len = 0, wstart = 0, k, j;
	int r;
	if (cap == 0)
		return 0;
	tab_init();
	if (fold_fast((const unsigned char *)s, n, out, cap, &len))
		return len;
	len = 0;
	tok_init(&t, s, n);
	while ((r = tok_next(&t, &l)) != TK_DONE) {
		if (r != TK_LETTER)
			continue;
		if (l.first) {
			wstart = len;
			if (len > 0) {
				if (len + 1 > cap - 1)
					break;
				out[len++] = ' ';
			}
		}
		k = letter_fold(&l, b);
		if (len + k > cap - 1) {
			len = wstart;
			break;
		}
		for (j = 0; j < k; j++)
			out[len++] = (char)b[j];
	}
	out[len] = '\0';
	return len;
}

/* ------------------------------------------------------------------ */
/* The collation key
 *
 * Layout (every letter in key word order: last word, then the others
 * from the first):
 *   primary   for each word: one weight per letter, then 0x01; then 0x00
 *             weights: digits 0x10-0x19; letters 0x20-0x40 in the order
 *             a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v
 *             w x y z; a letter of another script (or a Latin letter
 *             that is not a-z, such as ß or ø) is its lowercase UTF-8,
 *             whose bytes are all >= 0xC2 lead / >= 0x80, after a-z.
 *   secondary one byte per letter: 0x02 + tone (none 0x02, huyền 0x03,
 *             hỏi 0x04, ngã 0x05, sắc 0x06, nặng 0x07); then 0x00
 *   tertiary  one byte per letter: 0x02 lowercase, 0x03 uppercase
 * Two keys whose primary levels are equal have the same number of
 * letters, so the secondary and tertiary bytes line up. */

/* Primary weight of an ASCII letter or digit c (< 0x80) with quality q. */
static uint8_t weight(int32_t c, uint8_t q)
{
	return wtab[q][c];
}

struct kbuf {
	unsigned char *p;
	size_t cap, len;
};

/* Appends byte b to the key unless it is full. */
static void key_put(struct kbuf *k, unsigned char b)
{
	if (k->len < k->cap)
		k->p[k->len++] = b;
}

/* Appends one level (0 primary, 1 secondary, 2 tertiary) of the words of
 * s[0..n) to the key. */
static void key_level(struct kbuf *k, int level, const char *s, size_t n)
{
	struct tok t;
	struct letter l;
	unsigned char b[4];
	size_t j, m;
	int r;
	tok_init(&t, s, n);
	while (k->len < k->cap && (r = tok_next(&t, &l)) != TK_DONE) {
		if (r == TK_WORD_END) {
			if (level == 0)
				key_put(k, 0x01);
			continue;
		}
		if (level == 1) {
			key_put(k, (unsigned char)(0x02 + l.tone));
		} else if (level == 2) {
			key_put(k, (unsigned char)(0x02 + (l.upper ? 1 : 0)));
		} else if (l.cp < 0x80) {
			key_put(k, weight(l.cp, l.qual));
		} else {
			m = u8_encode(l.cp, b);
			for (j = 0; j < m; j++)
				key_put(k, b[j]);
		}
	}
}

/* Writes the key of s[0..n) in three passes per level over the input:
 * the general path, for names with more than KEY_LETTERS letters. */
static size_t sort_key_stream(const char *s, size_t n, unsigned char *out, size_t cap)
{
	struct kbuf k;
	struct tok t;
	struct letter l;
	size_t last = 0;
	int r, level;
	tok_init(&t, s, n);
	while ((r = tok_next(&t, &l)) != TK_DONE)
		if (r == TK_LETTER && l.first)
			last = l.off;
	k.p = out;
	k.cap = cap;
	k.len = 0;
	for (level = 0; level < 3; level++) {
		if (level > 0)
			key_put(&k, 0x00);
		key_level(&k, level, s + last, n - last);
		key_level(&k, level, s, last);
	}
	return k.len;
}

/* A letter kept for the key: its lowercase base, quality, tone, case,
 * and whether it ends its word. */
struct key_letter {
	int32_t cp;
	uint8_t qual, tone, upper, end;
};

#define KEY_LETTERS 128

/* Collects the letters of s[0..n) into v straight from the table, the
 * way the tokenizer would; *last gets the index of the first letter of
 * the last word.  Returns false when a code point needs the general path
 * or there are more than KEY_LETTERS letters. */
static bool key_collect_fast(const unsigned char *s, size_t n, struct key_letter *v,
			     size_t *cnt, size_t *last)
{
	size_t i = 0, c = 0, k;
	bool in_word = false;
	int32_t cp;
	const struct cpinfo *e;
	while (i < n) {
		if (s[i] < 0x80) {
			e = &tab_lo[s[i]];
			k = 1;
		} else {
			k = u8_decode(s + i, n - i, &cp);
			e = k ? cp_info(cp) : NULL;
			if (k == 0) {
				k = 1;
				e = &tab_lo[' '];
			} else if (!e || e->kind == PK_SLOW) {
				return false;
			}
		}
		i += k;
		if (e->kind == PK_SEP) {
			if (in_word)
				v[c - 1].end = 1;
			in_word = false;
		} else if (e->kind == PK_MARK) {
			if (in_word)
				mark_apply(v[c - 1].cp, &v[c - 1].tone, &v[c - 1].qual, e->tone, e->qual);
		} else {
			if (c == KEY_LETTERS)
				return false;
			if (!in_word)
				*last = c;
			in_word = true;
			v[c].cp = e->base;
			v[c].qual = e->qual;
			v[c].tone = e->tone;
			v[c].upper = e->upper;
			v[c].end = 0;
			c++;
		}
	}
	if (in_word)
		v[c - 1].end = 1;
	*cnt = c;
	return true;
}

/* Collects the letters of s[0..n) into v with the tokenizer; false when
 * there are more than KEY_LETTERS. */
static bool key_collect(const char *s, size_t n, struct key_letter *v, size_t *cnt, size_t *last)
{
	struct tok t;
	struct letter l;
	size_t c = 0;
	int r;
	tok_init(&t, s, n);
	while ((r = tok_next(&t, &l)) != TK_DONE) {
		if (r == TK_WORD_END) {
			v[c - 1].end = 1;
			continue;
		}
		if (c == KEY_LETTERS)
			return false;
		if (l.first)
			*last = c;
		v[c].cp = l.cp;
		v[c].qual = l.qual;
		v[c].tone = l.tone;
		v[c].upper = l.upper;
		v[c].end = 0;
		c++;
	}
	*cnt = c;
	return true;
}

/* See text.h; the exact layout is described above key_level.  Names of
 * up to KEY_LETTERS letters are read once into a local array (straight
 * from the table when they can be); longer ones take sort_key_stream,
 * which gives the same bytes. */
size_t vn_sort_key(const char *s, size_t n, unsigned char *out, size_t cap)
{
	struct key_letter v[KEY_LETTERS];
	struct kbuf k;
	unsigned char b[4];
	size_t cnt = 0, last = 0, i, j, m, part, from, to;
	int level;
	tab_init();
	if (!key_collect_fast((const unsigned char *)s, n, v, &cnt, &last)) {
		cnt = last = 0;
		if (!key_collect(s, n, v, &cnt, &last))
			return sort_key_stream(s, n, out, cap);
	}
	k.p = out;
	k.cap = cap;
	k.len = 0;
	for (level = 0; level < 3; level++) {
		if (level > 0)
			key_put(&k, 0x00);
		for (part = 0; part < 2; part++) {
			from = part == 0 ? last : 0;
			to = part == 0 ? cnt : last;
			for (i = from; i < to; i++) {
				if (level == 1) {
					key_put(&k, (unsigned char)(0x02 + v[i].tone));
				} else if (level == 2) {
					key_put(&k, (unsigned char)(0x02 + (v[i].upper ? 1 : 0)));
				} else if (v[i].cp < 0x80) {
					key_put(&k, weight(v[i].cp, v[i].qual));
					if (v[i].end)
						key_put(&k, 0x01);
				} else {
					m = u8_encode(v[i].cp, b);
					for (j = 0; j < m; j++)
						key_put(&k, b[j]);
					if (v[i].end)
						key_put(&k, 0x01);
				}
			}
		}
	}
	return k.len;
}

/* See text.h.  Letters of other scripts come back as the lowercase UTF-8
 * that vn_fold gives them, so the result always equals vn_fold's words
 * with the last one moved first.  When out is too small the result is
 * cut at a word boundary.  Malformed: an empty word, a word or the
 * primary level not terminated within n, a byte that is no weight, or
 * ill-formed UTF-8. */
size_t vn_sort_key_words(const unsigned char *key, size_t n, char *out, size_t cap)
{
	size_t i = 0, len = 0, wstart, k;
	bool full = false;
	int32_t cp;
	if (cap == 0)
		return 0;
	out[0] = '\0';
	while (i < n && key[i] != 0x00) {
		if (key[i] == 0x01)
			return 0;
		wstart = len;
		if (len > 0 && !full) {
			if (len + 1 > cap - 1)
				full = true;
			else
				out[len++] = ' ';
		}
		while (i < n && key[i] != 0x01) {
			unsigned char c = key[i];
			if (c < 0x80) {
				char f;
				if (c >= W_DIGIT && c < W_DIGIT + 10)
					f = (char)('0' + (c - W_DIGIT));
				else if (c >= W_LETTER && c < W_LETTER + 33)
					f = index_fold[c - W_LETTER];
				else
					return 0;
				if (!full && len + 1 > cap - 1) {
					full = true;
					len = wstart;
				}
				if (!full)
					out[len++] = f;
				i++;
			} else {
				k = u8_decode(key + i, n - i, &cp);
				if (k == 0)
					return 0;
				if (!full && len + k > cap - 1) {
					full = true;
					len = wstart;
				}
				if (!full) {
					memcpy(out + len, key + i, k);
					len += k;
				}
				i += k;
			}
		}
		if (i >= n)
			return 0;
		i++; /* the 0x01 ending the word */
	}
	if (i >= n)
		return 0;
	out[len] = '\0';
	return len;
}

/* ------------------------------------------------------------------ */
/* Header names */

/* See text.h.  Every character that is not a letter or a digit is
 * ignored (not only spaces, '_' and '-', but also '.', '/', '(' and a
 * leading BOM), so "Số CMND/CCCD" equals "so cmnd cccd"; letters compare
 * as vn_fold gives them. */
bool vn_header_eq(const char *s, size_t n, const char *want)
{
	struct tok a, b;
	struct letter la, lb;
	int ra, rb;
	tab_init();
	tok_init(&a, s, n);
	tok_init(&b, want, strlen(want));
	for (;;) {
		do
			ra = tok_next(&a, &la);
		while (ra == TK_WORD_END);
		do
			rb = tok_next(&b, &lb);
		while (rb == TK_WORD_END);
		if (ra == TK_DONE || rb == TK_DONE)
			return ra == rb;
		if (la.cp != lb.cp)
			return false;
	}
}
