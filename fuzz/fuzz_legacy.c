/* fuzz_legacy.c: fuzz target for core/legacy.
 *
 * Runs every function of legacy.h on arbitrary bytes and checks that
 * conversion always succeeds with valid NFC UTF-8 (or fails with
 * PO_ELIMIT leaving the buffer as it was), that detection says NONE for
 * valid UTF-8, that the mojibake check is false on bytes that are not
 * UTF-8, and that names parse back.  abort() on any violation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/legacy.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                   \
	do {                                                                       \
		if (!(c))                                                          \
			abort();                                                   \
	} while (0)

/* Converts s[0..n) from enc and checks the output. */
static void check_convert(enum vn_legacy enc, const char *s, size_t n)
{
	buf_t b, again, tiny;
	size_t half = n / 2;
	int rc;
	buf_init(&b, 8 * n + 64);
	CHECK(buf_puts(&b, "x") == PO_OK);
	CHECK(vn_legacy_to_utf8(enc, s, n, &b) == PO_OK);
	CHECK(b.len >= 1 && b.p[0] == 'x');
	CHECK(vn_utf8_valid(b.p, b.len, NULL));
	buf_init(&again, 8 * n + 64);
	CHECK(vn_nfc(b.p, b.len, &again) == PO_OK);
	CHECK(again.len == b.len && memcmp(again.p, b.p, b.len) == 0);
	buf_free(&again);
	/* a buffer too small for the whole result */
	buf_init(&tiny, half);
	rc = vn_legacy_to_utf8(enc, s, n, &tiny);
	CHECK(rc == PO_OK || rc == PO_ELIMIT);
	if (rc == PO_OK)
		CHECK(tiny.len == b.len - 1 &&
		      (tiny.len == 0 || memcmp(tiny.p, b.p + 1, tiny.len) == 0));
	else
		CHECK(tiny.len == 0);
	buf_free(&tiny);
	buf_free(&b);
}

/* See the comment at the top of the file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	bool valid = vn_utf8_valid(s, size, NULL);
	enum vn_legacy d, w = VN_LEGACY_VNI, e;
	char name[16];
	size_t nn;
	buf_t b;
	int rc;

	d = vn_legacy_detect(s, size);
	CHECK(d == VN_LEGACY_NONE || d == VN_LEGACY_TCVN3 || d == VN_LEGACY_VNI);
	if (valid)
		CHECK(d == VN_LEGACY_NONE);
	CHECK(vn_legacy_name(d) != NULL);

	if (vn_legacy_mojibake(s, size, &w)) {
		CHECK(valid && (w == VN_LEGACY_TCVN3 || w == VN_LEGACY_VNI));
		CHECK(strlen(vn_legacy_name(w)) > 0);
	} else {
		CHECK(w == VN_LEGACY_NONE);
	}

	check_convert(VN_LEGACY_TCVN3, s, size);
	check_convert(VN_LEGACY_VNI, s, size);
	buf_init(&b, 8 * size + 64);
	rc = vn_legacy_to_utf8(VN_LEGACY_NONE, s, size, &b);
	CHECK(valid ? rc == PO_OK : rc == PO_EINVAL);
	buf_free(&b);

	nn = size < sizeof name - 1 ? size : sizeof name - 1;
	memcpy(name, s, nn);
	name[nn] = '\0';
	e = VN_LEGACY_VNI;
	if (vn_legacy_parse_name(name, &e))
		CHECK(e == VN_LEGACY_NONE ? vn_legacy_name(e)[0] == '\0'
					  : vn_legacy_name(e)[0] != '\0');
	return 0;
}
