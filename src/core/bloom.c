/* bloom.c: Bloom filter (see bloom.h). */
#include <stdlib.h>

#include "core/bloom.h"
#include "core/err.h"
#include "core/hash.h"

#define BLOOM_PROBES 6

/* See bloom.h. */
int bloom_init(bloom_t *b, unsigned log2_bits)
{
	uint64_t nbits;
	if (log2_bits < 10)
		log2_bits = 10;
	if (log2_bits > 34)
		log2_bits = 34;
	nbits = (uint64_t)1 << log2_bits;
	b->bits = calloc((size_t)(nbits / 64), sizeof *b->bits);
	b->mask = nbits - 1;
	return b->bits ? PO_OK : PO_ENOMEM;
}

/* See bloom.h. */
void bloom_free(bloom_t *b)
{
	free(b->bits);
	b->bits = NULL;
}

/* See bloom.h.  Double hashing: probe i is h1 + i*h2. */
void bloom_add(bloom_t *b, const void *key, size_t n)
{
	uint64_t h = hash64(key, n), h1 = h, h2 = (h >> 32) | 1;
	int i;
	for (i = 0; i < BLOOM_PROBES; i++) {
		uint64_t bit = (h1 + (uint64_t)i * h2) & b->mask;
		b->bits[bit >> 6] |= (uint64_t)1 << (bit & 63);
	}
}

/* See bloom.h. */
bool bloom_maybe(const bloom_t *b, const void *key, size_t n)
{
	uint64_t h = hash64(key, n), h1 = h, h2 = (h >> 32) | 1;
	int i;
	for (i = 0; i < BLOOM_PROBES; i++) {
		uint64_t bit = (h1 + (uint64_t)i * h2) & b->mask;
		if (!(b->bits[bit >> 6] & ((uint64_t)1 << (bit & 63))))
			return false;
	}
	return true;
}
