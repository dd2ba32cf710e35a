/* page_idem.c: retry-safe forms (see pages.h): the key a form carries
 * from the moment it is shown, and the canonical payment it names. */
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

/* See pages.h. */
json_t *page_idem_payment(const collect_request_t *rq, date_t d)
{
	char iso[DATE_ISO_LEN + 1];
	json_t *items = json_array(), *doc;
	size_t i;
	date_format_iso(d, iso);
	for (i = 0; i < rq->n; i++) {
		const collect_item_t *it = &rq->items[i];
		json_array_append_new(items, json_pack("{s:s,s:I,s:i,s:I}", "scheme", it->scheme, "person",
						       (json_int_t)it->person, "months", it->months, "income",
						       (json_int_t)(strcmp(it->scheme, "bhxh") == 0 ? it->income : 0)));
	}
	doc = json_pack("{s:s,s:I,s:I,s:s,s:o}", "date", iso, "payer", (json_int_t)rq->payer, "referred_by",
			(json_int_t)rq->referred_by, "method", rq->method, "items", items);
	return doc;
}
