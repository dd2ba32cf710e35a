/* buf.c: bounded growable buffer (see buf.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"

/* See buf.h. */
void buf_init(buf_t *b, size_t max)
{
	b->p = NULL;
	b->len = b->cap = 0;
	b->max = max;
}

/* See buf.h. */
void buf_free(buf_t *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* See buf.h. */
void buf_reset(buf_t *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

/* Makes room for `extra` more bytes plus the NUL. */
static int buf_reserve(buf_t *b, size_t extra)
{
	size_t need, cap;
	char *p;
	if (extra > b->max || b->len > b->max - extra)
		return PO_ELIMIT;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return PO_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	p = realloc(b->p, cap);
	if (!p)
		return PO_ENOMEM;
	b->p = p;
	b->cap = cap;
	return PO_OK;
}

/* See buf.h. */
int buf_append(buf_t *b, const void *data, size_t n)
{
	int rc = buf_reserve(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return PO_OK;
}

/* See buf.h. */
int buf_puts(buf_t *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

/* See buf.h. */
int buf_putc(buf_t *b, char c)
{
	return buf_append(b, &c, 1);
}

/* See buf.h. */
int buf_vprintf(buf_t *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n, rc;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return PO_EINTERNAL;
	rc = buf_reserve(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return PO_OK;
}

/* See buf.h. */
int buf_printf(buf_t *b, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

/* See buf.h. */
const char *buf_cstr(const buf_t *b)
{
	return b->p ? b->p : "";
}
