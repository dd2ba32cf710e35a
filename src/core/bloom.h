/* bloom.h: a Bloom filter: a set of fixed size that may say "maybe"
 * for a key never added (rarely), and never says "no" for a key added.
 *
 * Used by bulk loads to skip database look-ups for keys that cannot be
 * there yet; its memory is fixed whatever the number of keys (more keys
 * only make "maybe" more frequent).  Owner: whoever called bloom_init().
 */
#ifndef PLUSONE_CORE_BLOOM_H
#define PLUSONE_CORE_BLOOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bloom {
	uint64_t *bits;
	uint64_t mask; /* number of bits - 1 (a power of two) */
} bloom_t;

/* Allocates a filter of 2^log2_bits bits (zeroed, lazily by the OS).
 * Returns PO_OK or PO_ENOMEM; log2_bits is clamped to 10..34. */
int bloom_init(bloom_t *b, unsigned log2_bits);

/* Releases the filter. */
void bloom_free(bloom_t *b);

/* Adds the n bytes at key. */
void bloom_add(bloom_t *b, const void *key, size_t n);

/* False when key was certainly never added; true when it may have been. */
bool bloom_maybe(const bloom_t *b, const void *key, size_t n);

#endif
