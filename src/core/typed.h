/* typed.h: small helpers shared by the parsers of typed values (dates,
 * money, identifiers): trimming, digit tests and quoting what was typed
 * in an error message. */
#ifndef PLUSONE_CORE_TYPED_H
#define PLUSONE_CORE_TYPED_H

#include <stdbool.h>
#include <stddef.h>

/* Writes into out (cap >= 8 bytes) a printable, NUL-terminated excerpt of
 * the n bytes at s for a message: well-formed UTF-8 is kept, control
 * bytes and broken sequences become '?', and a long input is cut with
 * "..." so the excerpt fits. */
void typed_excerpt(const char *s, size_t n, char *out, size_t cap);

/* True for the white space trimmed around typed values: ASCII blanks. */
bool typed_is_blank(unsigned char c);

/* Narrows [*s, *s + *n) to exclude leading and trailing ASCII white
 * space and no-break spaces (U+00A0, as spreadsheets write them). */
void typed_trim(const char **s, size_t *n);

/* True for an ASCII decimal digit. */
bool typed_is_digit(char c);

#endif
