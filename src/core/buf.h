/* buf.h: a growable byte buffer with a hard maximum.
 *
 * Every dynamic buffer in plusone has a bound: a buffer refuses to grow
 * past `max` bytes (PO_ELIMIT) rather than eat the machine.  The content
 * is always followed by a NUL byte, so buf_cstr() is free.
 * Owner: whoever called buf_init(); release with buf_free().
 */
#ifndef PLUSONE_CORE_BUF_H
#define PLUSONE_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *p;    /* content, NUL-terminated when cap > 0 */
	size_t len; /* bytes of content */
	size_t cap; /* bytes allocated */
	size_t max; /* hard maximum of len */
} buf_t;

/* Prepares an empty buffer that will hold at most max bytes. */
void buf_init(buf_t *b, size_t max);

/* Releases the memory and leaves an empty buffer with the same max. */
void buf_free(buf_t *b);

/* Empties the buffer, keeping its memory. */
void buf_reset(buf_t *b);

/* Appends n bytes.  Returns PO_OK, PO_ELIMIT (nothing appended) or
 * PO_ENOMEM. */
int buf_append(buf_t *b, const void *data, size_t n);

/* Appends a NUL-terminated string. Same returns as buf_append. */
int buf_puts(buf_t *b, const char *s);

/* Appends one byte. Same returns as buf_append. */
int buf_putc(buf_t *b, char c);

/* Appends printf-formatted text. Same returns as buf_append. */
int buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(buf_t *b, const char *fmt, va_list ap);

/* The content as a C string ("" for a buffer never written to). */
const char *buf_cstr(const buf_t *b);

#endif
