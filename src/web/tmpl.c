/* tmpl.c: the HTML template engine (see tmpl.h).
 *
 * Compiling turns each template into a flat list of instructions over a
 * string pool.  A section instruction holds the index just past its
 * body, so rendering walks the list and recurses into bodies; partials
 * are resolved to template indexes at compile time, after a check that
 * their nesting is bounded and acyclic.  Rendering allocates nothing of
 * its own: the context stack is a chain of frames on the C stack.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"

enum tmpl_op {
	OP_TEXT,     /* pool[off, off + len) verbatim */
	OP_VAR,      /* {{path}}: len bytes of NUL-terminated segments at off; 0: {{.}} */
	OP_URL,      /* {{%path}}: as OP_VAR */
	OP_TR,       /* {{@key}}: NUL-terminated key at off */
	OP_SECTION,  /* {{#path}}: body is [this + 1, arg) */
	OP_INVERTED, /* {{^path}}: as OP_SECTION */
	OP_PARTIAL   /* {{>name}}: NUL-terminated name at off; arg: template index */
};

struct tmpl_ins {
	uint8_t op;
	uint32_t line; /* of the tag, for errors found after parsing */
	uint32_t off;
	uint32_t len;
	uint32_t arg;
};

struct tmpl {
	char name[TMPL_NAME_MAX + 1];
	struct tmpl_ins *ins;
	size_t nins, cap;
	buf_t pool;
	int depth_state; /* partial check: 0 not seen, 1 in progress, 2 done */
	int depth;       /* partials nested below this template */
};

struct tmpl_set {
	struct tmpl *t; /* sorted by name */
	size_t n;
};

/* ---- escaping ---- */

/* Puts b back to len bytes (undoing a partial append). */
static void buf_cut(buf_t *b, size_t len)
{
	if (b->p && len <= b->len) {
		b->len = len;
		b->p[len] = '\0';
	}
}

/* html_esc over n bytes; on failure b may hold part of the output. */
static int html_esc_n(buf_t *b, const char *s, size_t n)
{
	size_t i, run = 0;
	int rc;
	for (i = 0; i < n; i++) {
		const char *ent;
		switch (s[i]) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: continue;
		}
		if ((rc = buf_append(b, s + run, i - run)) != PO_OK || (rc = buf_puts(b, ent)) != PO_OK)
			return rc;
		run = i + 1;
	}
	return buf_append(b, s + run, n - run);
}

/* True for the RFC 3986 unreserved bytes. */
static bool url_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

/* url_esc over n bytes; on failure b may hold part of the output. */
static int url_esc_n(buf_t *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, run = 0;
	int rc;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char pct[3];
		if (url_unreserved(c))
			continue;
		pct[0] = '%';
		pct[1] = hex[c >> 4];
		pct[2] = hex[c & 15];
		if ((rc = buf_append(b, s + run, i - run)) != PO_OK || (rc = buf_append(b, pct, 3)) != PO_OK)
			return rc;
		run = i + 1;
	}
	return buf_append(b, s + run, n - run);
}

/* See tmpl.h. */
int html_esc(buf_t *b, const char *s)
{
	size_t len0 = b->len;
	int rc = s ? html_esc_n(b, s, strlen(s)) : PO_OK;
	if (rc)
		buf_cut(b, len0);
	return rc;
}

/* See tmpl.h. */
int url_esc(buf_t *b, const char *s)
{
	size_t len0 = b->len;
	int rc = s ? url_esc_n(b, s, strlen(s)) : PO_OK;
	if (rc)
		buf_cut(b, len0);
	return rc;
}

/* ---- compiling ---- */

/* The state of compiling one template. */
struct parser {
	struct tmpl *t;
	const char *src;
	size_t n, pos, line;
	bool merge; /* only comments came after the last OP_TEXT: text may join it */
	err_t *e;
};

/* Appends an instruction; PO_ENOMEM when memory runs out. */
static int emit(struct tmpl *t, enum tmpl_op op, size_t line, size_t off, size_t len, size_t arg)
{
	struct tmpl_ins *in;
	if (t->nins == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct tmpl_ins *p = realloc(t->ins, cap * sizeof *p);
		if (!p)
			return PO_ENOMEM;
		t->ins = p;
		t->cap = cap;
	}
	in = &t->ins[t->nins++];
	in->op = (uint8_t)op;
	in->line = (uint32_t)line;
	in->off = (uint32_t)off;
	in->len = (uint32_t)len;
	in->arg = (uint32_t)arg;
	return PO_OK;
}

/* The first of the two-byte sequence c c in s[0, n) ("{{" or "}}"),
 * or NULL. */
static const char *find_pair(const char *s, size_t n, char c)
{
	const char *p = s, *end = s + n;
	while (p + 1 < end && (p = memchr(p, c, (size_t)(end - p - 1))) != NULL) {
		if (p[1] == c)
			return p;
		p++;
	}
	return NULL;
}

/* Counts the newlines of s[0, n). */
static size_t count_lines(const char *s, size_t n)
{
	size_t k = 0;
	const char *p = s, *end = s + n;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

/* Appends the text s[0, n) as an OP_TEXT, merged into the previous one
 * when only comments came between them. */
static int emit_text(struct parser *ps, const char *s, size_t n)
{
	struct tmpl *t = ps->t;
	size_t off = t->pool.len;
	int rc;
	if (n == 0)
		return PO_OK;
	if ((rc = buf_append(&t->pool, s, n)) != PO_OK)
		return rc;
	if (ps->merge) {
		t->ins[t->nins - 1].len += (uint32_t)n;
		return PO_OK;
	}
	ps->merge = true;
	return emit(t, OP_TEXT, ps->line, off, n, 0);
}

static bool name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '-';
}

/* True when s[0, n) is a template, partial or translation key name:
 * letters, digits, _ - . and at most TMPL_NAME_MAX bytes. */
static bool valid_key(const char *s, size_t n)
{
	size_t i;
	if (n == 0 || n > TMPL_NAME_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!name_char(s[i]) && s[i] != '.')
			return false;
	return true;
}

/* True when s[0, n) is "." or dot-separated non-empty segments of
 * letters, digits, _ and -. */
static bool valid_path(const char *s, size_t n)
{
	size_t i;
	if (n == 1 && s[0] == '.')
		return true;
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return false;
		} else if (!name_char(s[i])) {
			return false;
		}
	}
	return true;
}

/* Copies s[0, n) into out (cap bytes) for an error message, every byte
 * outside printable ASCII replaced by '?'. */
static void excerpt(char *out, size_t cap, const char *s, size_t n)
{
	size_t i;
	if (n >= cap)
		n = cap - 1;
	for (i = 0; i < n; i++)
		out[i] = (s[i] >= 0x20 && s[i] < 0x7F) ? s[i] : '?';
	out[n] = '\0';
}

/* Appends s[0, n) to the pool followed by a NUL, each '.' replaced by a
 * NUL when path is true; *off gets its offset. */
static int pool_name(struct tmpl *t, const char *s, size_t n, bool path, size_t *off)
{
	size_t i;
	int rc;
	*off = t->pool.len;
	if ((rc = buf_append(&t->pool, s, n)) != PO_OK || (rc = buf_putc(&t->pool, '\0')) != PO_OK)
		return rc;
	if (path)
		for (i = 0; i < n; i++)
			if (t->pool.p[*off + i] == '.')
				t->pool.p[*off + i] = '\0';
	return PO_OK;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* An open section while parsing. */
struct open_section {
	size_t ins;
	size_t line;
	size_t len;
	char name[TMPL_TAG_MAX + 1];
};

/* Compiles ps->src into ps->t. */
static int parse(struct parser *ps)
{
	struct open_section open[TMPL_NEST_MAX];
	size_t nopen = 0;
	struct tmpl *t = ps->t;
	const char *src = ps->src;
	char ex[TMPL_TAG_MAX + 1];
	int rc;

	while (ps->pos < ps->n) {
		const char *p = find_pair(src + ps->pos, ps->n - ps->pos, '{'), *c, *end, *name;
		size_t tag_line, len, nlen, off;
		char sigil;
		if (!p)
			break;
		if ((rc = emit_text(ps, src + ps->pos, (size_t)(p - (src + ps->pos)))) != PO_OK)
			return rc;
		ps->line += count_lines(src + ps->pos, (size_t)(p - (src + ps->pos)));
		tag_line = ps->line;
		c = p + 2;
		end = find_pair(c, (size_t)(src + ps->n - c), '}');
		if (!end)
			return err_set(ps->e, PO_EINVAL, NULL, MSG_TMPL_TAG_UNCLOSED, t->name, tag_line);
		len = (size_t)(end - c);
		ps->line += count_lines(c, len);
		ps->pos = (size_t)(end + 2 - src);
		while (len && is_space(c[0])) {
			c++;
			len--;
		}
		if (len && c[0] == '!')
			continue; /* a comment, of any length */
		ps->merge = false;
		if ((size_t)(end - (p + 2)) > TMPL_TAG_MAX)
			return err_set(ps->e, PO_EINVAL, NULL, MSG_TMPL_TAG_TOO_LONG, t->name, tag_line,
				       (size_t)TMPL_TAG_MAX);
		excerpt(ex, sizeof ex, p + 2, (size_t)(end - (p + 2)));
		while (len && is_space(c[len - 1]))
			len--;
		if (len && (c[0] == '{' || c[0] == '&'))
			return err_set(ps->e, PO_EINVAL, NULL, MSG_TMPL_RAW, t->name, tag_line);
		sigil = len && c[0] != '\0' && strchr("#^/>@%", c[0]) ? c[0] : '\0';
		name = sigil ? c + 1 : c;
		nlen = sigil ? len - 1 : len;
		while (nlen && is_space(name[0])) {
			name++;
			nlen--;
		}
		if ((sigil == '>' || sigil == '@') ? !valid_key(name, nlen) : !valid_path(name, nlen))
			return err_set(ps->e, PO_EINVAL, NULL, MSG_TMPL_BAD_NAME, t->name, tag_line, ex);

		switch (sigil) {
		case '>':
		case '@':
			if ((rc = pool_name(t, name, nlen, false, &off)) != PO_OK)
				return rc;
			rc = emit(t, sigil == '>' ? OP_PARTIAL : OP_TR, tag_line, off, nlen, 0);
			break;
		case '#':
		case '^':
			if (nopen == TMPL_NEST_MAX)
				return err_set(ps->e, PO_EINVAL, NULL, MSG_TMPL_NEST_TOO_DEEP, t->name,
					       tag_line, (int)TMPL_NEST_MAX);
			open[nopen].ins = t->nins;
			open[nopen].line = tag_line;
			open[nopen].len = nlen;
			memcpy(open[nopen].name, name, nlen);
			open[nopen].name[nlen] = '\0';
			nopen++;
			/* fall through */
		case '\0':
		case '%':
			if (nlen == 1 && name[0] == '.') {
				off = 0;
				nlen = 0;
			} else if ((rc = pool_name(t, name, nlen, true, &off)) != PO_OK) {
				return rc;
			}
			rc = emit(t,
				  sigil == '#'   ? OP_SECTION
				  : sigil == '^' ? OP_INVERTED
				  : sigil == '%' ? OP_URL
						 : OP_VAR,
				  tag_line, off, nlen + (nlen ? 1 : 0), 0);
			break;
		default: /* '/' */
			excerpt(ex, sizeof ex, name, nlen);
			if (nopen == 0)
				return err_set(ps->e, PO_EINVAL, NULL, MSG_TMPL_CLOSE_STRAY, t->name, tag_line,
					       ex);
			nopen--;
			if (open[nopen].len != nlen || memcmp(open[nopen].name, name, nlen) != 0)
				return err_set(ps->e, PO_EINVAL, NULL, MSG_TMPL_CLOSE_MISMATCH, t->name,
					       tag_line, ex, open[nopen].name);
			t->ins[open[nopen].ins].arg = (uint32_t)t->nins;
			rc = PO_OK;
		}
		if (rc)
			return rc;
	}
	if (ps->pos < ps->n && (rc = emit_text(ps, src + ps->pos, ps->n - ps->pos)) != PO_OK)
		return rc;
	if (nopen)
		return err_set(ps->e, PO_EINVAL, NULL, MSG_TMPL_SECTION_UNCLOSED, t->name,
			       open[nopen - 1].line, open[nopen - 1].name);
	return PO_OK;
}

static int tmpl_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tmpl *)a)->name, ((const struct tmpl *)b)->name);
}

/* The index of the template named name in the sorted set, or -1. */
static long find(const tmpl_set_t *s, const char *name)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, s->t[mid].name);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Computes s->t[i].depth, the depth of partials below template i, which
 * is `level` partials below the template the check started from; fails
 * on a cycle or a depth over TMPL_DEPTH_MAX.  The recursion is at most
 * TMPL_DEPTH_MAX levels deep. */
static int check_depth(tmpl_set_t *s, size_t i, int level, err_t *e)
{
	struct tmpl *t = &s->t[i];
	size_t k;
	if (t->depth_state == 2)
		return PO_OK;
	t->depth_state = 1;
	t->depth = 0;
	for (k = 0; k < t->nins; k++) {
		const struct tmpl_ins *in = &t->ins[k];
		struct tmpl *sub;
		int rc;
		if (in->op != OP_PARTIAL)
			continue;
		sub = &s->t[in->arg];
		if (sub->depth_state == 0 && level + 1 <= TMPL_DEPTH_MAX &&
		    (rc = check_depth(s, in->arg, level + 1, e)) != PO_OK)
			return rc;
		if (sub->depth_state != 2 || level + sub->depth + 1 > TMPL_DEPTH_MAX)
			return err_set(e, PO_EINVAL, NULL, MSG_TMPL_PARTIAL_TOO_DEEP, t->name,
				       (size_t)in->line, sub->name, (int)TMPL_DEPTH_MAX);
		if (sub->depth + 1 > t->depth)
			t->depth = sub->depth + 1;
	}
	t->depth_state = 2;
	return PO_OK;
}

/* Resolves the partials of every template and checks their nesting. */
static int link_partials(tmpl_set_t *s, err_t *e)
{
	size_t i, k;
	int rc;
	for (i = 0; i < s->n; i++) {
		struct tmpl *t = &s->t[i];
		for (k = 0; k < t->nins; k++) {
			struct tmpl_ins *in = &t->ins[k];
			long j;
			if (in->op != OP_PARTIAL)
				continue;
			j = find(s, t->pool.p + in->off);
			if (j < 0)
				return err_set(e, PO_EINVAL, NULL, MSG_TMPL_PARTIAL_UNKNOWN, t->name,
					       (size_t)in->line, t->pool.p + in->off);
			in->arg = (uint32_t)j;
		}
	}
	for (i = 0; i < s->n; i++)
		if ((rc = check_depth(s, i, 0, e)) != PO_OK)
			return rc;
	return PO_OK;
}

/* See tmpl.h. */
int tmpl_set_compile(const struct embedded_file *files, size_t n, tmpl_set_t **out, err_t *e)
{
	static const char suffix[] = ".html";
	const size_t slen = sizeof suffix - 1;
	tmpl_set_t *s;
	size_t i;
	int rc = PO_OK;

	*out = NULL;
	if (n > TMPL_COUNT_MAX)
		return err_set(e, PO_ELIMIT, NULL, MSG_LIMIT, "templates", (size_t)TMPL_COUNT_MAX);
	s = calloc(1, sizeof *s);
	if (!s || !(s->t = calloc(n ? n : 1, sizeof *s->t))) {
		free(s);
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	for (i = 0; i < n; i++)
		buf_init(&s->t[i].pool, TMPL_SRC_MAX + 1);
	s->n = n;

	for (i = 0; i < n && rc == PO_OK; i++) {
		struct tmpl *t = &s->t[i];
		const char *fname = files[i].name ? files[i].name : "";
		size_t nlen = strlen(fname);
		struct parser ps;
		if (nlen >= slen && memcmp(fname + nlen - slen, suffix, slen) == 0)
			nlen -= slen;
		if (!valid_key(fname, nlen)) {
			char ex[TMPL_NAME_MAX + 1];
			excerpt(ex, sizeof ex, fname, nlen);
			rc = err_set(e, PO_EINVAL, NULL, MSG_TMPL_NAME, ex, (size_t)TMPL_NAME_MAX);
			break;
		}
		memcpy(t->name, fname, nlen);
		t->name[nlen] = '\0';
		if (files[i].len > TMPL_SRC_MAX) {
			rc = err_set(e, PO_ELIMIT, NULL, MSG_TMPL_TOO_LARGE, t->name, (size_t)TMPL_SRC_MAX);
			break;
		}
		ps.t = t;
		ps.src = files[i].len ? (const char *)files[i].data : "";
		ps.n = files[i].len;
		ps.pos = 0;
		ps.line = 1;
		ps.merge = false;
		ps.e = e;
		rc = parse(&ps);
		if (rc == PO_ENOMEM || rc == PO_ELIMIT) /* the pool never outgrows the source */
			rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	if (rc == PO_OK) {
		qsort(s->t, n, sizeof *s->t, tmpl_cmp);
		for (i = 1; i < n && rc == PO_OK; i++)
			if (strcmp(s->t[i - 1].name, s->t[i].name) == 0)
				rc = err_set(e, PO_EINVAL, NULL, MSG_TMPL_DUPLICATE, s->t[i].name);
	}
	if (rc == PO_OK)
		rc = link_partials(s, e);
	if (rc) {
		tmpl_set_free(s);
		return rc;
	}
	*out = s;
	return PO_OK;
}

/* See tmpl.h. */
void tmpl_set_free(tmpl_set_t *s)
{
	size_t i;
	if (!s)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->t[i].ins);
		buf_free(&s->t[i].pool);
	}
	free(s->t);
	free(s);
}

/* See tmpl.h. */
bool tmpl_exists(const tmpl_set_t *s, const char *name)
{
	return s && name && find(s, name) >= 0;
}

/* ---- rendering ---- */

/* One context of the stack, innermost first. */
struct frame {
	const json_t *v;
	const struct frame *up;
};

struct render {
	const tmpl_set_t *set;
	tmpl_tr_fn tr;
	void *tr_ctx;
	buf_t *b;
	unsigned long steps;
};

/* The value of the path (len bytes of NUL-terminated segments; 0 for
 * the current context) seen from frame f, or NULL. */
static const json_t *lookup(const struct frame *f, const char *path, size_t len)
{
	const char *p = path, *end = path + len;
	const json_t *v = NULL;
	if (len == 0)
		return f->v;
	for (; f && !v; f = f->up)
		if (json_is_object(f->v))
			v = json_object_get(f->v, p);
	for (p += strlen(p) + 1; v && p < end; p += strlen(p) + 1)
		v = json_is_object(v) ? json_object_get(v, p) : NULL;
	return v;
}

/* Whether a section over v renders its body. */
static bool truthy(const json_t *v)
{
	if (!v)
		return false;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_TRUE:
		return true;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) < 0 || json_real_value(v) > 0;
	default:
		return false;
	}
}

/* Appends the scalar v escaped for HTML text (url false) or a URL query
 * component (url true); nothing for what has no text. */
static int put_value(buf_t *b, const json_t *v, bool url)
{
	char num[48];
	const char *s;
	size_t n;
	if (!v)
		return PO_OK;
	switch (json_typeof(v)) {
	case JSON_STRING:
		s = json_string_value(v);
		n = json_string_length(v);
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		s = num;
		n = strlen(num);
		break;
	case JSON_REAL:
		snprintf(num, sizeof num, "%.15g", json_real_value(v));
		s = num;
		n = strlen(num);
		break;
	case JSON_TRUE:
		s = "true";
		n = 4;
		break;
	default:
		return PO_OK;
	}
	return url ? url_esc_n(b, s, n) : html_esc_n(b, s, n);
}

/* Renders instructions [from, to) of t with context stack f, depth
 * partials deep. */
static int run(struct render *r, const struct tmpl *t, size_t from, size_t to, const struct frame *f,
	       int depth)
{
	size_t i = from;
	int rc = PO_OK;
	while (i < to && rc == PO_OK) {
		const struct tmpl_ins *in = &t->ins[i];
		const char *str = t->pool.p ? t->pool.p + in->off : "";
		const json_t *v;
		if (++r->steps > TMPL_STEPS_MAX)
			return PO_ELIMIT;
		switch (in->op) {
		case OP_TEXT:
			rc = buf_append(r->b, str, in->len);
			break;
		case OP_VAR:
		case OP_URL:
			rc = put_value(r->b, lookup(f, str, in->len), in->op == OP_URL);
			break;
		case OP_TR: {
			const char *s = r->tr ? r->tr(str, r->tr_ctx) : NULL;
			rc = html_esc_n(r->b, s ? s : str, strlen(s ? s : str));
			break;
		}
		case OP_SECTION:
			v = lookup(f, str, in->len);
			if (json_is_array(v)) {
				size_t k;
				for (k = 0; k < json_array_size(v) && rc == PO_OK; k++) {
					struct frame item = {json_array_get(v, k), f};
					rc = run(r, t, i + 1, in->arg, &item, depth);
				}
			} else if (json_is_object(v)) {
				struct frame obj = {v, f};
				rc = run(r, t, i + 1, in->arg, &obj, depth);
			} else if (truthy(v)) {
				rc = run(r, t, i + 1, in->arg, f, depth);
			}
			i = in->arg;
			continue;
		case OP_INVERTED:
			if (!truthy(lookup(f, str, in->len)))
				rc = run(r, t, i + 1, in->arg, f, depth);
			i = in->arg;
			continue;
		case OP_PARTIAL:
			/* compile time bounds the depth; this guard is never hit */
			if (depth >= TMPL_DEPTH_MAX)
				return PO_ELIMIT;
			rc = run(r, &r->set->t[in->arg], 0, r->set->t[in->arg].nins, f, depth + 1);
			break;
		default:
			return PO_EINTERNAL;
		}
		i++;
	}
	return rc;
}

/* See tmpl.h. */
int tmpl_render(const tmpl_set_t *s, const char *name, const json_t *ctx, tmpl_tr_fn tr,
		void *tr_ctx, buf_t *b)
{
	struct render r = {s, tr, tr_ctx, b, 0};
	struct frame root = {ctx, NULL};
	size_t len0 = b->len;
	long i = s && name ? find(s, name) : -1;
	int rc;
	if (i < 0)
		return PO_ENOTFOUND;
	rc = run(&r, &s->t[i], 0, s->t[i].nins, &root, 0);
	if (rc)
		buf_cut(b, len0);
	return rc;
}
