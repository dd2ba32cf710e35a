/* fuzz_params.c: fuzz target for the check of a legal parameter row
 * before it is recorded (rules/param_family.h): its family, its key
 * (categories, province codes, years, ordinals, commission products
 * "bhxh_m12_new") and its value.
 *
 * The input is family NUL key NUL value: the first two parts are
 * copied into buffers of exactly their size (so AddressSanitizer sees
 * any read past them), the value is the next 8 bytes (little endian,
 * fewer: zero-filled).  Checks: the answer is PO_OK or PO_EINVAL naming
 * "family", "key" or "value" with a message id and both texts
 * (well-formed UTF-8 whenever family and key are); an unknown family
 * is refused naming "family"; an accepted row and a row refused for its
 * value are of a known family, the first inside its bounds, the second
 * outside.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "rules/param_family.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the process with a message when cond is false. */
#define CHECK(cond)                                                                         \
	do {                                                                                \
		if (!(cond)) {                                                              \
			fprintf(stderr, "fuzz_params: %s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                                           \
			abort();                                                            \
		}                                                                           \
	} while (0)

/* A malloc'd copy of data[0..n) with a NUL after it, or NULL. */
static char *part(const uint8_t *data, size_t n)
{
	char *s = malloc(n + 1);
	if (s) {
		memcpy(s, data, n);
		s[n] = '\0';
	}
	return s;
}

/* See the comment at the top of the file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *end = data + size, *k, *v;
	char *family, *key;
	int64_t value = 0, lo, hi;
	uint64_t u = 0;
	bool known, utf8;
	err_t e;
	int rc, i;
	k = memchr(data, '\0', size);
	k = k ? k + 1 : end;
	v = k < end ? memchr(k, '\0', (size_t)(end - k)) : NULL;
	v = v ? v + 1 : end;
	family = part(data, (size_t)(k - data) - (k > data && k[-1] == '\0'));
	key = part(k, (size_t)(v - k) - (v > k && v[-1] == '\0'));
	if (!family || !key) {
		free(family);
		free(key);
		return 0;
	}
	for (i = 0; i < 8 && v + i < end; i++)
		u |= (uint64_t)v[i] << (8 * i);
	memcpy(&value, &u, sizeof value);

	known = param_family_bounds(family, &lo, &hi);
	utf8 = vn_utf8_valid(family, strlen(family), NULL) && vn_utf8_valid(key, strlen(key), NULL);
	err_clear(&e);
	rc = param_family_check(family, key, value, &e);
	CHECK(rc == PO_OK || rc == PO_EINVAL);
	if (rc == PO_OK) {
		CHECK(known && value >= lo && value <= hi);
	} else {
		CHECK(strcmp(e.field, "family") == 0 || strcmp(e.field, "key") == 0 || strcmp(e.field, "value") == 0);
		CHECK(e.msg != MSG_NONE && e.msg < MSG__COUNT);
		CHECK(e.vi[0] && e.en[0]);
		CHECK(!utf8 || (vn_utf8_valid(e.vi, strlen(e.vi), NULL) && vn_utf8_valid(e.en, strlen(e.en), NULL)));
		CHECK(known || strcmp(e.field, "family") == 0);
		if (strcmp(e.field, "value") == 0)
			CHECK(known && (value < lo || value > hi));
	}
	/* NULL family and key read as "" */
	CHECK(param_family_check(NULL, NULL, value, &e) == PO_EINVAL && strcmp(e.field, "family") == 0);
	free(family);
	free(key);
	return 0;
}
