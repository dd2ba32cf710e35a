/* arena.h: region allocation, freed in one call.
 *
 * One arena per request or per command: allocate freely, then
 * arena_free() (or arena_reset() to reuse).  An arena has a hard maximum
 * of bytes it will hand out; past it, allocation returns NULL.
 * Owner: whoever called arena_new().
 */
#ifndef PLUSONE_CORE_ARENA_H
#define PLUSONE_CORE_ARENA_H

#include <stddef.h>

typedef struct arena arena_t;

/* A new arena that hands out at most max bytes in all; NULL when out of
 * memory. */
arena_t *arena_new(size_t max);

/* n bytes aligned for any type, or NULL when the arena's maximum or the
 * machine's memory is exhausted.  The memory is not zeroed. */
void *arena_alloc(arena_t *a, size_t n);

/* Like arena_alloc, zeroed. */
void *arena_zalloc(arena_t *a, size_t n);

/* A NUL-terminated copy of the n bytes at s, or NULL. */
char *arena_strndup(arena_t *a, const char *s, size_t n);

/* Bytes handed out since creation or the last reset. */
size_t arena_used(const arena_t *a);

/* Forgets every allocation, keeping the first block for reuse. */
void arena_reset(arena_t *a);

/* Releases the arena and everything allocated from it.  NULL is fine. */
void arena_free(arena_t *a);

#endif
