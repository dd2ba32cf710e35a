/* text.h: UTF-8 and Vietnamese text: validation, NFC, cleaning, search
 * folding and the Vietnamese collation key.
 *
 * Unicode data (normalisation, case, decomposition) comes from utf8proc;
 * nothing here hand-rolls normalisation tables.  All functions take n
 * bytes at s (no NUL needed) and never read past them.
 */
#ifndef PLUSONE_CORE_TEXT_H
#define PLUSONE_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

#define VN_WORD_MAX 64       /* bytes of one folded word kept for search */
#define VN_SORT_KEY_MAX 1024 /* bytes of a collation key */

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF).  Otherwise false, and *bad_off (when not NULL)
 * is the byte offset of the first bad sequence. */
bool vn_utf8_valid(const char *s, size_t n, size_t *bad_off);

/* The length of the longest prefix of s[0..n) that is at most max
 * bytes and does not end inside a UTF-8 sequence (for cutting text to a
 * bound without leaving half a character). */
size_t vn_utf8_prefix(const char *s, size_t n, size_t max);

/* Number of code points in valid UTF-8 text. */
size_t vn_utf8_count(const char *s, size_t n);

/* Appends the NFC form of valid UTF-8 text to out.  Returns PO_OK,
 * PO_EINVAL (not valid UTF-8), PO_ELIMIT or PO_ENOMEM. */
int vn_nfc(const char *s, size_t n, buf_t *out);

/* Cleans a text field as typed by people: NFC, leading and trailing white
 * space removed (ASCII spaces, tabs, CR, LF, NBSP and other Unicode
 * spaces, ZWSP), every inner run of white space collapsed to one ASCII
 * space, control characters dropped (also the invisible soft hyphen,
 * BOM, LRM/RLM and bidi controls; ZWJ/ZWNJ are kept).  Writes the result
 * and a NUL into out (cap bytes) and its length into *len.  Returns
 * PO_OK, PO_EINVAL (not valid UTF-8) or PO_ELIMIT (the result needs more
 * than cap - 1 bytes); text with combining marks or characters beyond
 * Latin and Vietnamese needs a temporary copy and can also give
 * PO_ENOMEM.  On an error out is "" and *len 0. */
int vn_clean(const char *s, size_t n, char *out, size_t cap, size_t *len);

/* Search folding: lowercase, every diacritic removed (all vowels with
 * all tones, ă â ê ô ơ ư), đ/Đ → d, for NFC and NFD input alike.  Letters
 * and digits are kept; any other character separates words; the result
 * is ASCII words separated by single spaces, without leading or trailing
 * space.  Letters of other scripts are kept as their lowercase UTF-8
 * (without the generic combining accents; Hangul as conjoining jamo);
 * compatibility forms fold to their letters (Ａ → a, ﬁ → fi, ² → 2).
 * Ill-formed UTF-8 bytes separate words.  Writes at most cap - 1 bytes
 * and a NUL (cut at a word boundary when the output would not fit) and
 * returns the length written.  Allocation-free.
 *   vn_fold("Nguyễn Thị Ánh  Đào") → "nguyen thi anh dao"  */
size_t vn_fold(const char *s, size_t n, char *out, size_t cap);

/* The Vietnamese collation key of a person's full name (its words and
 * letters as vn_fold finds them): comparing two keys with memcmp
 * (shorter first on a common prefix) orders the names as
 * Vietnamese lists are sorted: by the last word (the given name), then by
 * the words before it from the first (family name) on; letters in
 * Vietnamese order a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
 * (with f j w z in their Latin places), then tones as a secondary level
 * (none, huyền, hỏi, ngã, sắc, nặng), then case as a tertiary level.
 * So "Lê Văn An" < "Nguyễn Thị An" < "Trần Ánh" < "Đỗ Thị Bình"
 * (An < Ánh < Bình) and "Lan" < "Lân" (â after a).  The key's primary
 * level lists the words' base letters in that word order (given name
 * first), each word ended by the byte 0x01, the level ended by 0x00.
 * Exact layout, every level listing the letters in that word order:
 *   primary   per letter one weight: digits 0x10-0x19, letters 0x20-0x40
 *             (a 0x20, ă 0x21, â 0x22, b 0x23 ... z 0x40); a letter of
 *             another script is its lowercase UTF-8 (sorts after z);
 *             0x01 after each word; 0x00 at the end
 *   secondary per letter 0x02 + tone (none 0x02, huyền 0x03, hỏi 0x04,
 *             ngã 0x05, sắc 0x06, nặng 0x07); 0x00 at the end
 *   tertiary  per letter 0x02 lowercase, 0x03 uppercase
 * A name without letters has the key 00 00.  Returns the key length, at
 * most cap; the key is cut (still a correct prefix) when cap is too
 * small.  Allocation-free. */
size_t vn_sort_key(const char *s, size_t n, unsigned char *out, size_t cap);

/* Recovers from a key made by vn_sort_key the folded words of the name
 * (as vn_fold gives them: ASCII lowercase, đ → d; letters of other
 * scripts as vn_fold's lowercase UTF-8), in the key's word order (given
 * name first), separated by single spaces, with a NUL, into out (cap
 * bytes); so it equals vn_fold's words with the last one moved first.
 * Cut at a word boundary when out is too small.  Returns the length, or
 * 0 for a malformed key (also for a key cut inside its primary level). */
size_t vn_sort_key_words(const unsigned char *key, size_t n, char *out, size_t cap);

/* Compares a header name as written in a file with a wanted name,
 * ignoring case, diacritics, spaces, '_' and '-' (in fact every
 * character that is not a letter or digit, a BOM included): "Họ và tên",
 * "HO VA TEN" and "ho_va_ten" all equal "họ và tên". */
bool vn_header_eq(const char *s, size_t n, const char *want);

#endif
