/* fuzz_web.c: fuzz target for the web room's own parsers: form and
 * query decoding (web_form_parse), the server's config text
 * (web_settings_text) and the Idempotency-Key header check
 * (app_idem_key_check, on every input).
 *
 * The first byte picks the parser.  Form decoding must never read or
 * write out of the copy it is given, must keep at most WEB_FORM_MAX
 * pairs, and every key and value it returns must be valid UTF-8 lying
 * inside the buffer.  Config parsing must either succeed with settings
 * inside their bounds or fail with a field and both messages.  A key
 * is accepted exactly when it is 1 to IDEM_KEY_MAX bytes of A-Z, a-z,
 * 0-9, '_' and '-' (checked against a second reading of the rule).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/idem.h"
#include "core/text.h"
#include "web/web.h"
#include "web/web_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the process with a message when cond is false. */
#define CHECK(cond)                                                                      \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "fuzz_web: %s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                                        \
			abort();                                                         \
		}                                                                        \
	} while (0)

/* See the file comment. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy;
	if (size < 1)
		return 0;
	copy = malloc(size);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	{
		size_t n = strlen(copy);
		bool ok = n >= 1 && n <= IDEM_KEY_MAX &&
			  strspn(copy, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == n;
		err_t e;
		int rc = app_idem_key_check(copy, &e);
		CHECK(ok == (rc == PO_OK));
		CHECK(rc == PO_OK || strcmp(e.field, "Idempotency-Key") == 0);
	}
	if (data[0] & 1) {
		web_kv_t kv[WEB_FORM_MAX];
		size_t n = 0, i;
		if (web_form_parse(copy, kv, WEB_FORM_MAX, &n) == PO_OK) {
			CHECK(n <= WEB_FORM_MAX);
			for (i = 0; i < n; i++) {
				CHECK(kv[i].k >= copy && kv[i].k < copy + size);
				CHECK((kv[i].v >= copy && kv[i].v <= copy + size - 1) || kv[i].v[0] == '\0');
				CHECK(vn_utf8_valid(kv[i].k, strlen(kv[i].k), NULL));
				CHECK(vn_utf8_valid(kv[i].v, strlen(kv[i].v), NULL));
			}
		}
	} else {
		web_settings_t s;
		err_t e;
		web_settings_default(&s);
		if (web_settings_text(&s, (const char *)data + 1, size - 1, "fuzz", &e) == PO_OK) {
			CHECK(s.port >= 1 && s.port <= 65535);
			CHECK(s.threads <= WEB_THREADS_MAX);
			CHECK(s.conn_max >= 1 && s.conn_per_ip >= 1 && s.timeout_s >= 1);
			CHECK(memchr(s.addr, '\0', sizeof s.addr) && memchr(s.log, '\0', sizeof s.log));
			CHECK(s.head_s >= 1 && s.head_s <= 300);
			CHECK(memchr(s.trusted_proxy, '\0', sizeof s.trusted_proxy));
		} else {
			CHECK(e.field[0] && e.vi[0] && e.en[0]);
		}
	}
	free(copy);
	return 0;
}
