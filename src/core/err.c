/* err.c: error values (see err.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

/* Copies src into dst of size cap, always NUL-terminated, never splitting
 * a UTF-8 sequence. */
static void copy_utf8(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Formats into dst like vsnprintf, then trims a UTF-8 sequence the
 * truncation may have cut in half. */
static void format_utf8(char *dst, size_t cap, const char *fmt, va_list ap)
{
	int n = vsnprintf(dst, cap, fmt, ap);
	if (n < 0) {
		dst[0] = '\0';
		return;
	}
	if ((size_t)n >= cap) {
		/* dst[cap - 1] is the NUL: look back for the last character's
		 * lead byte and drop that character when it was cut */
		size_t end = cap - 1, lead = end;
		while (lead > 0 && ((unsigned char)dst[lead - 1] & 0xC0) == 0x80)
			lead--;
		if (lead > 0) {
			unsigned char c = (unsigned char)dst[lead - 1];
			size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if (end - (lead - 1) < want)
				dst[lead - 1] = '\0';
		}
	}
}

/* See err.h. */
int err_set(err_t *e, int code, const char *field, enum msg_id id, ...)
{
	va_list ap, ap2;
	if (!e)
		return code;
	e->code = code;
	e->msg = id;
	copy_utf8(e->field, sizeof e->field, field ? field : "");
	va_start(ap, id);
	va_copy(ap2, ap);
	format_utf8(e->vi, sizeof e->vi, msg_format(id, LANG_VI), ap);
	format_utf8(e->en, sizeof e->en, msg_format(id, LANG_EN), ap2);
	va_end(ap2);
	va_end(ap);
	return code;
}

/* See err.h. */
void err_clear(err_t *e)
{
	if (!e)
		return;
	e->code = PO_OK;
	e->msg = MSG_NONE;
	e->field[0] = e->vi[0] = e->en[0] = '\0';
}

/* See err.h. */
const char *err_text(const err_t *e, enum lang lang)
{
	return lang == LANG_EN ? e->en : e->vi;
}

/* See err.h. */
int err_exit_status(int code)
{
	switch (code) {
	case PO_OK:
		return 0;
	case PO_EINVAL:
	case PO_ENOTFOUND:
	case PO_ECONFLICT:
	case PO_ELIMIT:
	case PO_EFORBIDDEN:
		return 2;
	default:
		return 1;
	}
}
