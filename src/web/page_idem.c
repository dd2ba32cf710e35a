/* page_idem.c: retry-safe forms (see pages.h): the key a form carries
 * from the moment it is shown (the payment it names is checked against
 * app_collect_canon). */
#include <string.h>

#include <sodium.h>

#include "app/idem.h"
#include "web/pages.h"

/* See pages.h. */
void page_idem_key(web_ctx_t *x, char out[IDEM_KEY_MAX + 1])
{
	const char *given = x ? web_form(x, "idem") : NULL;
	unsigned char r[16];
	err_t e;
	if (given && app_idem_key_check(given, &e) == PO_OK) {
		memcpy(out, given, strlen(given) + 1);
		return;
	}
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(out, IDEM_KEY_MAX + 1, r, sizeof r);
}
