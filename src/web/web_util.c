/* web_util.c: what every handler uses to read a request and answer it
 * (see web_int.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts.h"
#include "core/text.h"
#include "web/schema.h"
#include "web/tmpl.h"
#include "web/ui_text.h"
#include "web/web_int.h"

/* See web_int.h. */
void web_resp_init(web_resp_t *r)
{
	memset(r, 0, sizeof *r);
	r->status = 200;
	r->type = "text/plain; charset=utf-8";
	buf_init(&r->body, WEB_RESP_MAX);
}

/* See web_int.h. */
void web_resp_free(web_resp_t *r)
{
	buf_free(&r->body);
}

/* The value of k among kv[0..n), or NULL. */
static const char *kv_get(const web_kv_t *kv, size_t n, const char *k)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(kv[i].k, k) == 0)
			return kv[i].v;
	return NULL;
}

/* See web_int.h. */
const char *web_query(const web_ctx_t *x, const char *k)
{
	return kv_get(x->rq->query, x->rq->nquery, k);
}

/* See web_int.h. */
const char *web_form(const web_ctx_t *x, const char *k)
{
	return kv_get(x->form, x->nform, k);
}

/* See web_int.h. */
const char *web_json_str(const web_ctx_t *x, const char *k)
{
	return x->json ? json_string_value(json_object_get(x->json, k)) : NULL;
}

/* See web_int.h. */
bool web_in_scope(const web_ctx_t *x, int64_t unit_id)
{
	return x->scope && unit_set_has(x->scope, x->nscope, unit_id);
}

/* See web_int.h. */
bool web_user_top(web_ctx_t *x)
{
	unit_t unit;
	err_t e;
	return x->u && app_user_unit(x->a, x->u, &unit, &e) == PO_OK && unit.parent_id == 0;
}

/* See web_int.h. */
void web_audit_scope(web_ctx_t *x, audit_filter_t *f)
{
	static const int64_t none[1];
	if (!web_user_top(x)) {
		f->units = x->scope ? x->scope : none;
		f->nunits = x->scope ? x->nscope : 0;
	}
}

/* The value of a hex digit, or -1. */
static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s in place ('+' → ' ', %XX → byte) up to its NUL; PO_EINVAL
 * for a bad escape, an encoded NUL or text that is not UTF-8. */
static int url_decode(char *s)
{
	char *w = s;
	const char *r = s;
	while (*r) {
		if (*r == '+') {
			*w++ = ' ';
			r++;
		} else if (*r == '%') {
			int h = hexval(r[1]), l = h < 0 ? -1 : hexval(r[2]);
			if (h < 0 || l < 0 || (h == 0 && l == 0))
				return PO_EINVAL;
			*w++ = (char)(h * 16 + l);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return vn_utf8_valid(s, (size_t)(w - s), NULL) ? PO_OK : PO_EINVAL;
}

/* See web_int.h. */
int web_form_parse(char *s, web_kv_t *kv, size_t max, size_t *n)
{
	char *p = s;
	*n = 0;
	while (p && *p) {
		char *amp = strchr(p, '&'), *eq;
		if (amp)
			*amp = '\0';
		eq = strchr(p, '=');
		if (eq)
			*eq = '\0';
		if (*p) {
			if (url_decode(p) || (eq && url_decode(eq + 1)))
				return PO_EINVAL;
			if (*n < max) {
				kv[*n].k = p;
				kv[*n].v = eq ? eq + 1 : "";
				(*n)++;
			}
		}
		p = amp ? amp + 1 : NULL;
	}
	return PO_OK;
}

/* True when the request is for an HTML page (errors answer as pages). */
static bool is_page(const web_ctx_t *x)
{
	return strncmp(x->rq->path, "/api/", 5) != 0;
}

/* See web_int.h. */
void web_json(web_ctx_t *x, unsigned status, json_t *doc)
{
	char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	buf_reset(&x->rs->body);
	x->rs->type = "application/json; charset=utf-8";
	if (!s || buf_puts(&x->rs->body, s) != PO_OK) {
		buf_reset(&x->rs->body);
		buf_puts(&x->rs->body, "{\"error\":\"internal error\"}");
		status = 500;
	}
	free(s);
	x->rs->status = status;
}

/* See web_int.h. */
unsigned web_status_of(int code)
{
	switch (code) {
	case PO_EINVAL:
		return 422;
	case PO_ENOTFOUND:
		return 404;
	case PO_ECONFLICT:
		return 409;
	case PO_ELIMIT:
		return 413;
	case PO_EBUSY:
		return 503;
	case PO_EFORBIDDEN:
		return 403;
	default:
		return 500;
	}
}

/* An error page: the template "error" with status and message. */
static void error_page(web_ctx_t *x, unsigned status, const char *vi, const char *en)
{
	json_t *c = json_pack("{s:i,s:s}", "status", (int)status, "message", x->lang == LANG_EN ? en : vi);
	web_page(x, status, "error", c);
}

/* See web_int.h. */
const char *web_error_code(unsigned status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthenticated";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "too_large";
	case 422: return "invalid";
	case 429: return "rate_limited";
	case 431: return "too_large";
	case 503: return "busy";
	default: return "internal";
	}
}

/* The JSON error {"error", "code", "message", "field"?} at status, with
 * the English text en, the caller's text and field (NULL or "" for
 * none). */
static void error_json(web_ctx_t *x, unsigned status, const char *vi, const char *en, const char *field)
{
	json_t *o = json_pack("{s:s,s:s,s:s}", "error", en, "code", web_error_code(status), "message",
			      x->lang == LANG_EN ? en : vi);
	if (o && field && field[0])
		json_object_set_new(o, "field", json_string(field));
	web_json(x, status, o);
}

/* See web_int.h. */
void web_fail(web_ctx_t *x, int rc, const err_t *e)
{
	unsigned status = web_status_of(rc);
	const char *en = e && e->en[0] ? e->en : "error", *vi = e && e->vi[0] ? e->vi : en;
	if (status == 500 || status == 503) { /* a database message says nothing useful to a caller */
		enum msg_id id = status == 503 ? MSG_WEB_BUSY : MSG_WEB_INTERNAL;
		en = msg_format(id, LANG_EN);
		vi = msg_format(id, LANG_VI);
	}
	if (is_page(x)) {
		error_page(x, status, vi, en);
		return;
	}
	error_json(x, status, vi, en, status == 500 || status == 503 ? NULL : e ? e->field : NULL);
}

/* See web_int.h. */
void web_fail_msg(web_ctx_t *x, unsigned status, enum msg_id id)
{
	const char *vi = msg_format(id, LANG_VI), *en = msg_format(id, LANG_EN);
	if (is_page(x)) {
		error_page(x, status, vi, en);
		return;
	}
	error_json(x, status, vi, en, NULL);
}

/* See web_int.h. */
void web_fail_text(web_ctx_t *x, unsigned status, const char *field, enum msg_id id, ...)
{
	char vi[ERR_TEXT_MAX], en[ERR_TEXT_MAX];
	va_list ap;
	va_start(ap, id);
	vsnprintf(vi, sizeof vi, msg_format(id, LANG_VI), ap);
	va_end(ap);
	va_start(ap, id);
	vsnprintf(en, sizeof en, msg_format(id, LANG_EN), ap);
	va_end(ap);
	if (is_page(x)) {
		error_page(x, status, vi, en);
		return;
	}
	error_json(x, status, vi, en, field);
}

/* See web_int.h. */
void web_fail_fields(web_ctx_t *x, const err_t *errs, size_t n)
{
	json_t *arr = json_array();
	err_t generic;
	size_t i;
	if (n == 0) { /* a 422 always names at least one error */
		err_set(&generic, PO_EINVAL, "request", MSG_WEB_INVALID);
		errs = &generic;
		n = 1;
	}
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "field", errs[i].field, "message",
						     x->lang == LANG_EN ? errs[i].en : errs[i].vi, "code", "invalid"));
	web_json(x, 422, json_pack("{s:o}", "errors", arr));
}

/* See web_int.h. */
void web_fail_problem(web_ctx_t *x, unsigned status, const schema_problem_t *p)
{
	error_json(x, status, p->vi, p->en, p->field);
}

/* See web_int.h. */
void web_fail_problems(web_ctx_t *x, const schema_problem_t *p, size_t n)
{
	json_t *arr = json_array();
	size_t i;
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "field", p[i].field, "message",
						     x->lang == LANG_EN ? p[i].en : p[i].vi, "code", p[i].code));
	web_json(x, 422, json_pack("{s:o}", "errors", arr));
}

/* See web_int.h. */
bool web_list_page(web_ctx_t *x, int *limit, int64_t *after)
{
	const char *l = web_query(x, "limit"), *c = web_query(x, "after");
	*limit = WEB_LIST_DEFAULT;
	*after = 0;
	if (l) {
		char *end;
		long v = strtol(l, &end, 10);
		if (!*l || *end || v < 1 || v > WEB_LIST_MAX) {
			schema_problem_t p;
			snprintf(p.field, sizeof p.field, "limit");
			p.code = "range";
			snprintf(p.vi, sizeof p.vi, msg_format(MSG_API_MAX, LANG_VI), "limit", (long long)WEB_LIST_MAX);
			snprintf(p.en, sizeof p.en, msg_format(MSG_API_MAX, LANG_EN), "limit", (long long)WEB_LIST_MAX);
			web_fail_problems(x, &p, 1);
			return false;
		}
		*limit = (int)v;
	}
	if (c) {
		char *end;
		long long v = c[0] == 'k' && c[1] >= '1' && c[1] <= '9' ? strtoll(c + 1, &end, 10) : 0;
		if (v < 1 || *end) {
			schema_problem_t p;
			snprintf(p.field, sizeof p.field, "after");
			p.code = "format";
			snprintf(p.vi, sizeof p.vi, "%s", msg_format(MSG_API_CURSOR, LANG_VI));
			snprintf(p.en, sizeof p.en, "%s", msg_format(MSG_API_CURSOR, LANG_EN));
			web_fail_problems(x, &p, 1);
			return false;
		}
		*after = v;
	}
	return true;
}

/* See web_int.h. */
bool web_list_rows(web_ctx_t *x, json_t *rows, const char *key, json_t *extra)
{
	json_t *page, *row;
	int limit;
	int64_t after, next = 0;
	size_t i, start = 0, n = json_array_size(rows);
	if (!web_list_page(x, &limit, &after)) {
		json_decref(rows);
		json_decref(extra);
		return false;
	}
	if (after) {
		/* the page starts after the row the cursor names */
		bool found = false;
		for (i = 0; i < n && !found; i++) {
			row = json_array_get(rows, i);
			found = key ? json_integer_value(json_object_get(row, key)) == after : (int64_t)i + 1 == after;
			start = i + 1;
		}
		if (!found)
			start = n;
	}
	page = json_array();
	for (i = start; i < n && json_array_size(page) < (size_t)limit; i++)
		json_array_append(page, json_array_get(rows, i));
	if (i < n) {
		row = json_array_get(rows, i - 1);
		next = key ? json_integer_value(json_object_get(row, key)) : (int64_t)i;
	}
	web_list(x, page, next, (long long)n, extra);
	json_decref(rows);
	return true;
}

/* See web_int.h. */
void web_list(web_ctx_t *x, json_t *results, int64_t next_key, long long total, json_t *extra)
{
	json_t *o = json_pack("{s:o}", "results", results);
	char cur[32];
	if (next_key > 0) {
		snprintf(cur, sizeof cur, "k%lld", (long long)next_key);
		json_object_set_new(o, "next", json_string(cur));
	} else {
		json_object_set_new(o, "next", json_null());
	}
	if (total >= 0)
		json_object_set_new(o, "total", json_integer(total));
	if (extra)
		json_object_update(o, extra);
	json_decref(extra);
	web_json(x, 200, o);
}

/* See web_int.h. */
void web_redirect(web_ctx_t *x, const char *loc)
{
	x->rs->status = 303;
	snprintf(x->rs->location, sizeof x->rs->location, "%s", loc);
	buf_reset(&x->rs->body);
}

/* See web_int.h. */
void web_cookie(web_ctx_t *x, const char *value)
{
	if (x->rs->ncookies < WEB_COOKIES_MAX)
		snprintf(x->rs->cookies[x->rs->ncookies++], WEB_COOKIE_MAX, "%s", value);
}

/* See web_int.h. */
const char *web_tr(const web_ctx_t *x, const char *key)
{
	const char *s = ui_text(key, x->lang);
	return s ? s : key;
}

/* The translator handed to the template engine. */
static const char *tr_cb(const char *key, void *ctx)
{
	const web_ctx_t *x = ctx;
	return ui_text(key, x->lang);
}

/* See web_int.h. */
void web_page(web_ctx_t *x, unsigned status, const char *tmpl, json_t *ctx)
{
	const tmpl_set_t *t = web_templates();
	int rc;
	if (!ctx)
		ctx = json_object();
	if (x->u && !json_object_get(ctx, "me"))
		json_object_set_new(ctx, "me", json_pack("{s:s,s:s,s:s,s:b,s:b,s:b}", "username", x->u->username, "role",
							  user_role_name(x->u->role), "unit_code", x->u->unit_code,
							  "is_admin", x->u->role == UROLE_ADMIN, "can_write",
							  x->u->role != UROLE_VIEWER, "can_collect",
							  x->u->role == UROLE_ADMIN || x->u->role == UROLE_UNION ||
								  x->u->role == UROLE_COLLECTOR));
	json_object_set_new(ctx, "csrf", json_string(x->csrf ? x->csrf : ""));
	json_object_set_new(ctx, "lang", json_string(x->lang == LANG_EN ? "en" : "vi"));
	json_object_set_new(ctx, "en", json_boolean(x->lang == LANG_EN));
	buf_reset(&x->rs->body);
	x->rs->type = "text/html; charset=utf-8";
	x->rs->status = status;
	rc = t ? tmpl_render(t, tmpl, ctx, tr_cb, x, &x->rs->body) : PO_ENOTFOUND;
	json_decref(ctx);
	if (rc) {
		buf_reset(&x->rs->body);
		buf_puts(&x->rs->body, "<!doctype html><meta charset=\"utf-8\"><title>plusone</title><p>");
		html_esc(&x->rs->body, rc == PO_ELIMIT ? "Trang quá lớn / page too large" : "Lỗi / error");
		buf_puts(&x->rs->body, "</p>");
		x->rs->status = 500;
	}
}
