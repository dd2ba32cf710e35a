/* typed.c: helpers for values as people type them (see typed.h). */
#include <string.h>

#include "typed.h"

/* Length of the well-formed UTF-8 sequence at p (avail > 0 bytes), or 0
 * when the bytes there are not one (overlong, surrogate, cut short). */
static size_t utf8_seq_len(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t len, i;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (avail < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* See typed.h. */
void typed_excerpt(const char *s, size_t n, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0;
	while (i < n) {
		size_t len = utf8_seq_len(u + i, n - i);
		bool bad = len == 0 || (len == 1 && (u[i] < 0x20 || u[i] == 0x7F));
		size_t need = bad ? 1 : len;
		if (o + need > cap - 4) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (bad) {
			out[o++] = '?';
			i++;
		} else {
			memcpy(out + o, s + i, len);
			o += len;
			i += len;
		}
	}
	out[o] = '\0';
}

/* See typed.h. */
bool typed_is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* See typed.h. */
void typed_trim(const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t b = 0, e = *n;
	for (;;) {
		if (b < e && typed_is_blank(p[b]))
			b++;
		else if (e - b >= 2 && p[b] == 0xC2 && p[b + 1] == 0xA0)
			b += 2;
		else
			break;
	}
	for (;;) {
		if (e > b && typed_is_blank(p[e - 1]))
			e--;
		else if (e - b >= 2 && p[e - 2] == 0xC2 && p[e - 1] == 0xA0)
			e -= 2;
		else
			break;
	}
	*s += b;
	*n = e - b;
}

/* See typed.h. */
bool typed_is_digit(char c)
{
	return c >= '0' && c <= '9';
}
