/* page_common.c: helpers shared by the page handlers (see pages.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "app/handover.h"
#include "core/text.h"
#include "web/pages.h"
#include "web/tmpl.h"

#define HERE_MAX 400 /* bytes of the "here" path kept for the language switch */

/* See pages.h. */
json_t *page_ctx(web_ctx_t *x, const char *title_key)
{
	json_t *c = json_object();
	buf_t b;
	size_t i;
	int rc = PO_OK;
	if (!c)
		return NULL;
	if (title_key)
		json_object_set_new(c, "title", json_string(web_tr(x, title_key)));
	buf_init(&b, HERE_MAX);
	rc = buf_puts(&b, x->rq->path);
	for (i = 0; !rc && i < x->rq->nquery; i++) {
		rc = buf_putc(&b, i ? '&' : '?');
		if (!rc)
			rc = url_esc(&b, x->rq->query[i].k);
		if (!rc)
			rc = buf_putc(&b, '=');
		if (!rc)
			rc = url_esc(&b, x->rq->query[i].v);
	}
	json_object_set_new(c, "here", json_string(rc ? x->rq->path : buf_cstr(&b)));
	buf_free(&b);
	return c;
}

/* See pages.h. */
void page_count(json_t *o, const char *k, int64_t n)
{
	char s[MONEY_FMT_MAX];
	money_format(n, 0, s);
	json_object_set_new(o, k, json_string(s));
}

/* See pages.h. */
void page_money(json_t *o, const char *k, money_t v)
{
	char s[MONEY_FMT_MAX];
	money_format(v, 1, s);
	json_object_set_new(o, k, json_string(s));
}

/* See pages.h. */
int64_t page_id(const char *s)
{
	char *end;
	long long v;
	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno || *end || v < 1 ? 0 : (int64_t)v;
}

/* See pages.h. */
void page_local_time(const char *utc, char *out, size_t cap)
{
	int y, mo, dd, h, mi;
	size_t n;
	date_t d;
	if (!utc || sscanf(utc, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &dd, &h, &mi) != 5 || !date_valid(y, mo, dd) ||
	    h < 0 || h > 23 || mi < 0 || mi > 59) {
		n = utc ? vn_utf8_prefix(utc, strlen(utc), cap - 1) : 0;
		if (n)
			memcpy(out, utc, n);
		out[n] = '\0';
		return;
	}
	d = date_make(y, mo, dd);
	h += 7; /* Asia/Ho_Chi_Minh: UTC+7 all year */
	if (h >= 24) {
		h -= 24;
		d = date_add_days(d, 1);
	}
	snprintf(out, cap, "%02d/%02d/%04d %02d:%02d", d.d, d.m, d.y, h, mi);
}

/* See pages.h. */
void page_date(json_t *o, const char *k, date_t d)
{
	char s[DATE_ISO_LEN + 1];
	if (d.y <= 0 || d.y > 9999)
		return;
	date_format_vn(d, s);
	json_object_set_new(o, k, json_string(s));
}

/* See pages.h. */
void page_field_msg(json_t *ctx, const char *field, const char *msg)
{
	json_t *err = json_object_get(ctx, "err"), *old;
	if (!err) {
		err = json_object();
		json_object_set_new(ctx, "err", err);
	}
	old = json_object_get(err, field);
	if (old && json_string_value(old)) {
		char both[2 * ERR_TEXT_MAX + 4];
		snprintf(both, sizeof both, "%s; %s", json_string_value(old), msg);
		json_object_set_new(err, field, json_string(both));
	} else {
		json_object_set_new(err, field, json_string(msg));
	}
	json_object_set_new(ctx, "errors", json_true());
}

/* See pages.h. */
void page_field_errors(web_ctx_t *x, json_t *ctx, const err_t *errs, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		page_field_msg(ctx, errs[i].field[0] ? errs[i].field : "_", err_text(&errs[i], x->lang));
}

/* See pages.h. */
const char *page_form(web_ctx_t *x, const char *k)
{
	const char *v = web_form(x, k);
	return v ? v : "";
}

/* See pages.h. */
void page_keep(web_ctx_t *x, json_t *ctx, const char *const *names, size_t n)
{
	json_t *v = json_object();
	size_t i;
	for (i = 0; i < n; i++)
		json_object_set_new(v, names[i], json_string(page_form(x, names[i])));
	json_object_set_new(ctx, "v", v);
}

/* See pages.h. */
json_t *page_point_ctx(web_ctx_t *x)
{
	collection_point_t p;
	json_t *o = json_object();
	err_t e;
	if (app_point_get(x->a, &p, &e))
		return o;
	if (p.name[0])
		json_object_set_new(o, "name", json_string(p.name));
	if (p.code[0])
		json_object_set_new(o, "code", json_string(p.code));
	if (p.address[0])
		json_object_set_new(o, "address", json_string(p.address));
	return o;
}
