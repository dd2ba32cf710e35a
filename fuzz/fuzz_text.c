/* fuzz_text.c: fuzz target for core/text.
 *
 * Runs every function of text.h on arbitrary bytes (the ones that need
 * valid UTF-8 only when vn_utf8_valid says so) and checks invariants:
 * folded text is lowercase ASCII words or non-ASCII UTF-8 separated by
 * single spaces; a fold cut short is a prefix of whole words; the words
 * decoded from a sort key are the folded words with the last one first;
 * a key cut short is a prefix of the full key; the NFC and the NFD form
 * fold and sort alike (unnormalised input may differ when a mark that
 * folding keeps, say a Syriac point, is out of canonical order); the
 * table-only fast paths agree with the tokenizer; cleaning gives trimmed, collapsed NFC text and is
 * idempotent.  abort() on any violation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                   \
	do {                                                                       \
		if (!(c))                                                          \
			abort();                                                   \
	} while (0)

/* Checks the shape of folded text f[0..n): NUL-terminated, valid UTF-8,
 * no uppercase or punctuation in ASCII, single spaces between words. */
static void check_folded(const char *f, size_t n)
{
	size_t i;
	CHECK(f[n] == '\0');
	CHECK(strlen(f) == n);
	CHECK(vn_utf8_valid(f, n, NULL));
	if (n == 0)
		return;
	CHECK(f[0] != ' ' && f[n - 1] != ' ');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)f[i];
		if (c >= 0x80)
			continue;
		CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ');
		if (c == ' ')
			CHECK(f[i + 1] != ' ');
	}
}

/* Writes into out the words of f[0..n) with the last word moved first;
 * returns the length. */
static size_t rotate_words(const char *f, size_t n, char *out)
{
	const char *sp = n ? memchr(f, ' ', n) : NULL;
	size_t last = n, len;
	if (!sp) {
		memcpy(out, f, n);
		out[n] = '\0';
		return n;
	}
	while (last > 0 && f[last - 1] != ' ')
		last--;
	len = n - last;
	memcpy(out, f + last, len);
	out[len++] = ' ';
	memcpy(out + len, f, last - 1);
	len += last - 1;
	out[len] = '\0';
	return len;
}

/* Checks a sort key: its decoded words are the rotated folded words, and
 * every cut of it is a prefix. */
static void check_key(const char *s, size_t n, const char *f, size_t fn)
{
	size_t cap = 16 * n + 64, kn, wn, rn, cut;
	unsigned char *k = malloc(cap), *k2 = malloc(cap);
	char *w = malloc(fn + 2), *r = malloc(fn + 2);
	CHECK(k && k2 && w && r);
	kn = vn_sort_key(s, n, k, cap);
	CHECK(kn >= 2 && kn < cap);
	wn = vn_sort_key_words(k, kn, w, fn + 2);
	rn = rotate_words(f, fn, r);
	CHECK(wn == rn && memcmp(w, r, rn + 1) == 0);
	cut = (size_t)(n * 7 + 3) % (kn + 1);
	CHECK(vn_sort_key(s, n, k2, cut) == cut);
	CHECK(cut == 0 || memcmp(k, k2, cut) == 0);
	vn_sort_key_words(k2, cut, w, fn + 2); /* any result, no crash */
	free(k);
	free(k2);
	free(w);
	free(r);
}

/* The fold of s[0..n) in a fresh buffer (the caller frees it). */
static char *fold_alloc(const char *s, size_t n, size_t *len)
{
	size_t cap = 8 * n + 64;
	char *f = malloc(cap);
	CHECK(f);
	*len = vn_fold(s, n, f, cap);
	CHECK(*len < cap - 16);
	check_folded(f, *len);
	return f;
}

/* Checks that the texts a[0..an) and b[0..bn) fold and sort alike. */
static void check_same(const char *a, size_t an, const char *b, size_t bn)
{
	size_t fa, fb, cap = 16 * (an > bn ? an : bn) + 64, ka, kb;
	char *ga = fold_alloc(a, an, &fa), *gb = fold_alloc(b, bn, &fb);
	unsigned char *x = malloc(cap), *y = malloc(cap);
	CHECK(x && y);
	CHECK(fa == fb && memcmp(ga, gb, fa) == 0);
	ka = vn_sort_key(a, an, x, cap);
	kb = vn_sort_key(b, bn, y, cap);
	CHECK(ka == kb && memcmp(x, y, ka) == 0);
	free(ga);
	free(gb);
	free(x);
	free(y);
}

/* Checks that s[0..n) followed by an em dash (a separator outside the
 * lookup table, so vn_fold and vn_sort_key leave their table-only fast
 * paths for the tokenizer) folds and sorts exactly like s[0..n). */
static void check_slow_path(const char *s, size_t n)
{
	char *t = malloc(n + 3);
	CHECK(t);
	if (n)
		memcpy(t, s, n);
	memcpy(t + n, "\xe2\x80\x94", 3);
	check_same(s, n, t, n + 3);
	free(t);
}

/* Checks the cleaned form of valid UTF-8 s[0..n). */
static void check_clean(const char *s, size_t n)
{
	size_t cap = n + 1, len = 0, len2 = 0, i;
	char *c = malloc(cap), *c2 = malloc(cap);
	int rc;
	CHECK(c && c2);
	rc = vn_clean(s, n, c, cap, &len);
	CHECK(rc == PO_OK || rc == PO_ELIMIT || rc == PO_ENOMEM);
	if (rc == PO_OK) {
		CHECK(len < cap && c[len] == '\0' && vn_utf8_valid(c, len, NULL));
		CHECK(len == 0 || (c[0] != ' ' && c[len - 1] != ' '));
		for (i = 0; i < len; i++) {
			unsigned char b = (unsigned char)c[i];
			CHECK(b >= 0x20 && b != 0x7F);
			CHECK(!(b == ' ' && c[i + 1] == ' '));
		}
		CHECK(vn_clean(c, len, c2, cap, &len2) == PO_OK);
		CHECK(len2 == len && memcmp(c, c2, len) == 0);
		if (len > 0) {
			CHECK(vn_clean(s, n, c2, len, &len2) == PO_ELIMIT);
			CHECK(len2 == 0 && c2[0] == '\0');
		}
	}
	free(c);
	free(c2);
}

/* See the comment at the top of the file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t off = (size_t)-1, fn, sn, cnt;
	char *f, small[24], *want;
	bool valid = vn_utf8_valid(s, size, &off);
	CHECK(valid ? off == (size_t)-1 : off < size);
	if (!valid)
		CHECK(vn_utf8_valid(s, off, NULL));
	cnt = vn_utf8_count(s, size);
	CHECK(cnt <= size);

	/* fold and its cut-short forms */
	f = fold_alloc(s, size, &fn);
	sn = vn_fold(s, size, small, sizeof small);
	check_folded(small, sn);
	CHECK(sn <= fn && memcmp(small, f, sn) == 0);
	CHECK(sn == fn || sn == 0 || f[sn] == ' ');

	/* sort key and its words; fast paths against the tokenizer */
	check_key(s, size, f, fn);
	check_slow_path(s, size);

	/* header matching: the input equals its own fold */
	CHECK(vn_header_eq(s, size, f));
	want = malloc(size + 1);
	CHECK(want);
	memcpy(want, s, size);
	want[size] = '\0';
	if (!memchr(s, '\0', size))
		CHECK(vn_header_eq(s, size, want));
	free(want);

	if (valid) {
		buf_t b;
		utf8proc_uint8_t *nfd = NULL;
		utf8proc_ssize_t dn;
		buf_init(&b, 8 * size + 64);
		CHECK(vn_nfc(s, size, &b) == PO_OK);
		CHECK(vn_utf8_valid(b.p ? b.p : "", b.len, NULL));
		{
			buf_t b2;
			buf_init(&b2, 8 * size + 64);
			CHECK(vn_nfc(buf_cstr(&b), b.len, &b2) == PO_OK);
			CHECK(b2.len == b.len && memcmp(buf_cstr(&b2), buf_cstr(&b), b.len) == 0);
			buf_free(&b2);
		}
		dn = utf8proc_map(data, (utf8proc_ssize_t)size, &nfd,
				  UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
		CHECK(dn >= 0);
		check_same(buf_cstr(&b), b.len, (const char *)nfd, (size_t)dn);
		free(nfd);
		buf_free(&b);
		check_clean(s, size);
	} else {
		buf_t b;
		char c[8];
		size_t len = 1;
		buf_init(&b, 64);
		CHECK(vn_nfc(s, size, &b) == PO_EINVAL && b.len == 0);
		CHECK(vn_clean(s, size, c, sizeof c, &len) == PO_EINVAL && len == 0);
		buf_free(&b);
	}
	free(f);
	return 0;
}
