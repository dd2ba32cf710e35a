/* assets.c: the liveness check, the embedded style sheet and script,
 * and the OpenAPI document.  Assets carry a strong ETag (a hash of their
 * bytes) and may be cached for a day; an If-None-Match that matches
 * answers 304 without a body. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "core/hash.h"
#include "web/api_ops.h"
#include "web/handlers.h"

EMBEDDED_DECLARE(web_static);

#define ASSET_CACHE_S 86400 /* seconds a browser may keep an asset */

/* See handlers.h. */
void h_healthz(web_ctx_t *x)
{
	x->rs->status = 200;
	x->rs->type = "text/plain; charset=utf-8";
	buf_puts(&x->rs->body, "ok\n");
}

/* The embedded file called name, or NULL. */
static const struct embedded_file *asset(const char *name)
{
	size_t i;
	for (i = 0; i < web_static_count; i++)
		if (strcmp(web_static_files[i].name, name) == 0)
			return &web_static_files[i];
	return NULL;
}

/* Answers with the embedded file name as type, cacheable or not. */
static void send_asset(web_ctx_t *x, const char *name, const char *type, bool cache)
{
	const struct embedded_file *f = asset(name);
	if (!f) {
		web_fail_msg(x, 404, MSG_WEB_NOT_FOUND);
		return;
	}
	x->rs->type = type;
	if (cache) {
		snprintf(x->rs->etag, sizeof x->rs->etag, "\"%016llx\"", (unsigned long long)hash64(f->data, f->len));
		x->rs->cache_seconds = ASSET_CACHE_S;
		if (x->rq->if_none_match && strcmp(x->rq->if_none_match, x->rs->etag) == 0) {
			x->rs->status = 304;
			return;
		}
	}
	x->rs->status = 200;
	buf_append(&x->rs->body, f->data, f->len);
}

/* See handlers.h. */
void h_static(web_ctx_t *x)
{
	const char *name = strrchr(x->rq->path, '/') + 1;
	send_asset(x, name, strstr(name, ".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8", true);
}

/* See handlers.h.  The document is generated from the route table and
 * the schemas (openapi.c) on each call: it is the server's own
 * description of itself. */
void h_openapi(web_ctx_t *x)
{
	json_t *doc = api_openapi_doc();
	char *s = doc ? json_dumps(doc, JSON_INDENT(1)) : NULL;
	json_decref(doc);
	if (!s) {
		web_fail_msg(x, 500, MSG_WEB_INTERNAL);
		return;
	}
	x->rs->status = 200;
	x->rs->type = "application/json; charset=utf-8";
	buf_puts(&x->rs->body, s);
	free(s);
}
