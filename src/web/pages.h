/* pages.h: what the page handlers of page_session.c, page_people.c and
 * page_admin.c share: the base context of a page, Vietnamese number,
 * money and date text, field errors and typed values kept for a form
 * shown again.  Every helper only builds a jansson context; escaping is
 * the template engine's. */
#ifndef PLUSONE_WEB_PAGES_H
#define PLUSONE_WEB_PAGES_H

#include <jansson.h>

#include "app/collect.h"
#include "web/web_int.h"

/* A new page context: {"title": the UI string title_key in x's
 * language, "here": the path and query of the request (for the
 * language switch's "back")}.  The caller owns it (web_page consumes
 * it).  Never NULL unless memory runs out (web_page copes with NULL). */
json_t *page_ctx(web_ctx_t *x, const char *title_key);

/* Sets o[k] to n written with dots between thousands ("12.345"). */
void page_count(json_t *o, const char *k, int64_t n);

/* Sets o[k] to v written the Vietnamese way with the unit ("1.263.600 đ"). */
void page_money(json_t *o, const char *k, money_t v);

/* Sets o[k] to d as "DD/MM/YYYY" ("YYYY" for a year-only date); nothing
 * for a date of year 0 (unknown). */
void page_date(json_t *o, const char *k, date_t d);

#define PAGE_TIME_TEXT 24 /* bytes enough for page_local_time's "DD/MM/YYYY HH:MM" */

/* A time stored as "YYYY-MM-DDTHH:MM[…]" (UTC) written in Vietnam's
 * time (UTC+7, no summer time) as "DD/MM/YYYY HH:MM" into out (cap
 * bytes); the text itself (NULL: ""), cut to cap at a character
 * boundary, when it has another shape. */
void page_local_time(const char *utc, char *out, size_t cap);

/* The collection point as a template context {name, code, address}
 * (each only when set); an empty object when it cannot be read (a
 * receipt or hand-over list prints without it rather than not at all). */
json_t *page_point_ctx(web_ctx_t *x);

/* Sets ctx["err"] to {field: message in x's language} for errs[0..n)
 * (a field-less error goes under "_") and ctx["errors"] to true, so a
 * template writes {{#err.full_name}}aria-invalid="true"{{/err.full_name}}. */
void page_field_errors(web_ctx_t *x, json_t *ctx, const err_t *errs, size_t n);

/* Adds one message at field to ctx["err"] (made when absent; a second
 * message for the same field follows the first) and sets ctx["errors"]. */
void page_field_msg(json_t *ctx, const char *field, const char *msg);

/* Sets ctx["v"] to {name: value} for the form fields names[0..n) as
 * typed (absent ones are ""), so a form shown again keeps them. */
void page_keep(web_ctx_t *x, json_t *ctx, const char *const *names, size_t n);

/* The form field k, or "" when absent. */
const char *page_form(web_ctx_t *x, const char *k);

/* A positive decimal id from text (a form field or a query argument),
 * or 0 for anything else (NULL, empty, not a number, < 1, too big). */
int64_t page_id(const char *s);

/* ---- retry-safe forms (page_idem.c) ---- */

/* The idempotency key of a form: its hidden field `idem` when that is a
 * valid key, else (and always when x is NULL) a new random one (32 hex
 * digits), into out. */
void page_idem_key(web_ctx_t *x, char out[IDEM_KEY_MAX + 1]);

#endif
