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

/* Number of code points in valid UTF-8 text. */
size_t vn_utf8_count(const char *s, size_t n);

/* Appends the NFC form of valid UTF-8 text to out.  Returns PO_OK,
 * PO_EINVAL (not valid UTF-8), PO_ELIMIT or PO_ENOMEM. */
int vn_nfc(const char *s, size_t n, buf_t *out);

/* Cleans a text field as typed by people: NFC, leading and trailing white
 * space removed (ASCII spaces, tabs, CR, LF, NBSP and other Unicode
 * spaces), every inner run of white space collapsed to one ASCII space,
 * control characters dropped.  Writes the result and a NUL into out
 * (cap bytes) and its length into *len.  Returns PO_OK, PO_EINVAL (not
 * valid UTF-8) or PO_ELIMIT (the result needs more than cap - 1 bytes). */
int vn_clean(const char *s, size_t n, char *out, size_t cap, size_t *len);

/* Search folding: lowercase, every diacritic removed (all vowels with
 * all tones, ă â ê ô ơ ư), đ/Đ → d, for NFC and NFD input alike.  Letters
 * and digits are kept; any other character separates words; the result
 * is ASCII words separated by single spaces, without leading or trailing
 * space.  Letters of other scripts are kept as their lowercase UTF-8.
 * Writes at most cap - 1 bytes and a NUL (cut at a word boundary when
 * the output would not fit) and returns the length written.
 *   vn_fold("Nguyễn Thị Ánh  Đào") → "nguyen thi anh dao"  */
size_t vn_fold(const char *s, size_t n, char *out, size_t cap);

/* The Vietnamese collation key of a person's full name: comparing two
 * keys with memcmp (shorter first on a common prefix) orders the names as
 * Vietnamese lists are sorted: by the last word (the given name), then by
 * the words before it from the first (family name) on; letters in
 * Vietnamese order a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
 * (with f j w z in their Latin places), then tones as a secondary level
 * (none, huyền, hỏi, ngã, sắc, nặng), then case as a tertiary level.
 * So "Lê Văn An" < "Nguyễn Thị An" < "Trần Ánh" < "Đỗ Thị Bình"
 * (An < Ánh < Bình) and "Lan" < "Lân" (â after a).  The key's primary
 * level lists the words' base letters in that word order (given name
 * first), each word ended by the byte 0x01, the level ended by 0x00.
 * Returns the key length, at most cap; the key is cut (still a correct
 * prefix) when cap is too small. */
size_t vn_sort_key(const char *s, size_t n, unsigned char *out, size_t cap);

/* Recovers from a key made by vn_sort_key the folded words of the name
 * (as vn_fold gives them: ASCII lowercase, đ → d), in the key's word
 * order (given name first), separated by single spaces, with a NUL, into
 * out (cap bytes).  Returns the length, or 0 for a malformed key. */
size_t vn_sort_key_words(const unsigned char *key, size_t n, char *out, size_t cap);

/* Compares a header name as written in a file with a wanted name,
 * ignoring case, diacritics, spaces, '_' and '-': "Họ và tên",
 * "HO VA TEN" and "ho_va_ten" all equal "họ và tên". */
bool vn_header_eq(const char *s, size_t n, const char *want);

#endif
