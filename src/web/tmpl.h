/* tmpl.h: the HTML template engine of the web UI.
 *
 * Templates are compiled into the binary (scripts/embed-files), compiled
 * once into instruction lists (tmpl_set_compile) and rendered many times
 * from a jansson value (tmpl_render).  Everything a template prints is
 * escaped: there is no raw output syntax at all.
 *
 * Syntax (mustache-like; a tag is {{ ... }}, spaces inside it are
 * ignored):
 *   {{name}}, {{a.b.c}}  the value looked up in the context stack,
 *                        innermost context first; for a dotted path the
 *                        first segment is looked up on the stack and the
 *                        rest inside what it found.  A string is
 *                        HTML-escaped (html_esc), an integer printed in
 *                        decimal, a real with %.15g, true as "true";
 *                        null, false, missing, objects and arrays print
 *                        nothing.
 *   {{.}}                the current context itself.
 *   {{%name}}            the same value percent-encoded for a URL query
 *                        component (url_esc): /people?q={{%q}}.
 *   {{#name}}...{{/name}} a section: an array renders the body once per
 *                        item, the item pushed as context; an object
 *                        renders it once with the object pushed; true, a
 *                        non-empty string or a non-zero number renders it
 *                        once with the same context; false, null,
 *                        missing, [], "" and 0 render nothing.
 *   {{^name}}...{{/name}} inverted: the body renders once exactly when
 *                        {{#name}} would render nothing.
 *   {{> partial}}        the template named partial, rendered with the
 *                        current context stack.
 *   {{@key}}             the UI string key, translated by the callback
 *                        given to tmpl_render, HTML-escaped; the key
 *                        itself when the callback knows no such key.
 *   {{! comment }}       nothing (may span lines; ends at the first }}).
 * Names in paths are letters, digits, _ and -; translation keys and
 * partial names may also contain dots.  A literal "{{" cannot be written
 * in a template: write "&#123;&#123;".  Lines holding only a section tag
 * are not removed (HTML does not mind the blank line).
 *
 * Thread-safety: a compiled set is read-only; any number of threads may
 * render from it at once (each with its own buffer; the translator must
 * itself be safe to call from those threads; the json_t values must not
 * be modified while rendered).
 */
#ifndef PLUSONE_WEB_TMPL_H
#define PLUSONE_WEB_TMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/embedded.h"
#include "core/err.h"

#define TMPL_TAG_MAX 128            /* bytes between {{ and }} (comments excepted) */
#define TMPL_NAME_MAX 64            /* bytes of a template name */
#define TMPL_NEST_MAX 16            /* sections open at once in one template */
#define TMPL_DEPTH_MAX 8            /* partials nested inside partials */
#define TMPL_SRC_MAX (1u << 20)     /* bytes of one template source */
#define TMPL_COUNT_MAX 1024         /* templates in one set */
#define TMPL_STEPS_MAX (1ul << 22)  /* instructions one render may execute */

/* A compiled set of templates.  Owner: whoever called tmpl_set_compile;
 * release with tmpl_set_free. */
typedef struct tmpl_set tmpl_set_t;

/* A translator: the UI string for key in the caller's language, or NULL
 * when it knows no such key.  The string must stay valid until the
 * render returns. */
typedef const char *(*tmpl_tr_fn)(const char *key, void *tr_ctx);

/* Compiles the n files of files[] into *out.  A template's name is its
 * file name without a final ".html" ("_nav.html" is the partial _nav);
 * names are letters, digits, _ - . and at most TMPL_NAME_MAX bytes.
 * Every partial must name a template of the set, and partials may nest
 * at most TMPL_DEPTH_MAX deep, never recursively.  The files need not
 * outlive the set.  Returns PO_OK, or PO_EINVAL with *e naming the
 * template and the line of the first error (unclosed tag or section,
 * mismatched or stray close, unknown partial, tag too long, nesting too
 * deep, bad name, raw output syntax), PO_ELIMIT for a template over
 * TMPL_SRC_MAX bytes or more than TMPL_COUNT_MAX templates, or
 * PO_ENOMEM; on failure *out is NULL. */
int tmpl_set_compile(const struct embedded_file *files, size_t n, tmpl_set_t **out, err_t *e);

/* Releases a set (NULL is fine). */
void tmpl_set_free(tmpl_set_t *t);

/* True when the set has a template named name. */
bool tmpl_exists(const tmpl_set_t *t, const char *name);

/* Renders the template name with ctx (any json_t, or NULL for an empty
 * context) as the outermost context, appending to b; {{@key}} tags call
 * tr(key, tr_ctx) (tr may be NULL: keys print as themselves).  Returns
 * PO_OK; PO_ENOTFOUND when there is no such template; PO_ELIMIT when b
 * would grow past its maximum (or the render exceeds TMPL_STEPS_MAX
 * instructions); PO_ENOMEM.  On failure b is left as it was on entry. */
int tmpl_render(const tmpl_set_t *t, const char *name, const json_t *ctx, tmpl_tr_fn tr,
		void *tr_ctx, buf_t *b);

/* Appends s (NULL: nothing) with & < > " ' written as &amp; &lt; &gt;
 * &quot; &#39;: safe in HTML text and in quoted attribute values.
 * Returns PO_OK, PO_ELIMIT or PO_ENOMEM; on failure b is unchanged. */
int html_esc(buf_t *b, const char *s);

/* Appends s (NULL: nothing) percent-encoded for a URL query component:
 * the RFC 3986 unreserved bytes A-Z a-z 0-9 - . _ ~ are kept, every
 * other byte becomes %XX (upper-case hex), so "Lê" gives "L%C3%AA".
 * Returns PO_OK, PO_ELIMIT or PO_ENOMEM; on failure b is unchanged. */
int url_esc(buf_t *b, const char *s);

#endif
