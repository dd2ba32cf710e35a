/* hash.h: a fast non-cryptographic 64-bit hash of bytes (FNV-1a with a
 * final avalanche), for filters and lookup keys; never for secrets. */
#ifndef PLUSONE_CORE_HASH_H
#define PLUSONE_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The hash of the n bytes at key; the same on every machine. */
static inline uint64_t hash64(const void *key, size_t n)
{
	const unsigned char *p = key;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif
