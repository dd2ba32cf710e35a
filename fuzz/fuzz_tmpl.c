/* fuzz_tmpl.c: fuzz target for the template compiler and renderer
 * (web/tmpl.h).
 *
 * The input is up to TEMPLATES templates named a, b, c, d, separated by
 * lines "===" (so seeds can include one another with {{>b}}).  A failed
 * compile must give PO_EINVAL or PO_ELIMIT with a template message in
 * both languages.  Every template of a compiled set is rendered with a
 * fixed context whose strings, and the translator's, hold < > " ' & each
 * between two marker bytes 0x02: when no template contains 0x02, the
 * output must never hold one of those between two markers.  A render that
 * succeeds into a large buffer must fail with PO_ELIMIT, leaving the
 * buffer as it was, into a buffer one byte too small, and give the same
 * output into a buffer of exactly its size.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                       \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "fuzz_tmpl: %s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                                         \
			abort();                                                          \
		}                                                                         \
	} while (0)

#define TEMPLATES 4
#define OUT_MAX (1u << 16)

static const char *ctx_json =
	"{\"s\": \"x\\u0002<\\u0002\\\"\\u0002'\\u0002&\\u0002>\\u0002 Lê Thị Á\", \"n\": 42,"
	" \"t\": true, \"f\": false, \"z\": null, \"e\": \"\", \"r\": 1.5,"
	" \"items\": [{\"name\": \"y\\u0002<\\u0002b\", \"n\": 1}, \"z\\u0002'\\u0002x\"],"
	" \"obj\": {\"a\": {\"b\": \"w\\u0002\\\"\\u0002q\"}, \"items\": []}}";

/* The translator: every key has a dangerous translation except "none". */
static const char *tr_fuzz(const char *key, void *ctx)
{
	(void)ctx;
	return strcmp(key, "none") == 0 ? NULL : "T\x02<\x02&\x02T";
}

/* True when out[0, n) holds one of the bytes escaping replaces between
 * two markers, as in the context's strings (which neither start nor end
 * with a marker, so template text cannot come between two). */
static bool unescaped(const char *out, size_t n)
{
	size_t i;
	for (i = 0; i + 2 < n; i++)
		if (out[i] == '\x02' && out[i + 2] == '\x02' && out[i + 1] != '\0' &&
		    strchr("<>\"'&", out[i + 1]))
			return true;
	return false;
}

/* The first "\n===\n" in p[0, n), or NULL. */
static const char *find_sep(const char *p, size_t n)
{
	size_t i;
	for (i = 0; i + 5 <= n; i++)
		if (memcmp(p + i, "\n===\n", 5) == 0)
			return p + i;
	return NULL;
}

/* See the top of the file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[TEMPLATES] = {"a.html", "b.html", "c.html", "d.html"};
	struct embedded_file files[TEMPLATES];
	const char *p = (const char *)data, *end = p + size;
	size_t n = 0, i;
	bool marked = memchr(data, 0x02, size) != NULL;
	tmpl_set_t *s = NULL;
	json_t *ctx;
	err_t e;
	int rc;

	while (n < TEMPLATES) {
		const char *sep = n + 1 < TEMPLATES ? find_sep(p, (size_t)(end - p)) : NULL;
		files[n].name = names[n];
		files[n].data = (const unsigned char *)p;
		files[n].len = sep ? (size_t)(sep - p) : (size_t)(end - p);
		n++;
		if (!sep)
			break;
		p = sep + 5;
	}

	rc = tmpl_set_compile(files, n, &s, &e);
	if (rc != PO_OK) {
		CHECK(s == NULL);
		CHECK(rc == PO_EINVAL || rc == PO_ELIMIT);
		CHECK(e.code == rc);
		CHECK(strncmp(msg_name(e.msg), "MSG_TMPL_", 9) == 0);
		CHECK(e.vi[0] != '\0' && e.en[0] != '\0');
		return 0;
	}
	CHECK(s != NULL);
	ctx = json_loads(ctx_json, 0, NULL);
	CHECK(ctx != NULL);
	for (i = 0; i < n; i++) {
		char name[2] = {(char)('a' + i), '\0'};
		buf_t b, small;
		CHECK(tmpl_exists(s, name));
		buf_init(&b, OUT_MAX);
		rc = tmpl_render(s, name, ctx, tr_fuzz, NULL, &b);
		CHECK(rc == PO_OK || rc == PO_ELIMIT);
		if (rc == PO_OK) {
			if (!marked)
				CHECK(!unescaped(buf_cstr(&b), b.len));
			if (b.len > 0) {
				buf_init(&small, b.len - 1);
				CHECK(tmpl_render(s, name, ctx, tr_fuzz, NULL, &small) == PO_ELIMIT);
				CHECK(small.len == 0);
				buf_free(&small);
			}
			buf_init(&small, b.len);
			CHECK(tmpl_render(s, name, ctx, tr_fuzz, NULL, &small) == PO_OK);
			CHECK(small.len == b.len && memcmp(buf_cstr(&small), buf_cstr(&b), b.len) == 0);
			buf_free(&small);
		} else {
			CHECK(b.len == 0);
		}
		buf_free(&b);
	}
	CHECK(!tmpl_exists(s, "e"));
	json_decref(ctx);
	tmpl_set_free(s);
	return 0;
}
