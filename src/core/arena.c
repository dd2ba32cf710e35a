/* arena.c: region allocator (see arena.h). */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_BLOCK_MIN 4096

struct block {
	struct block *next;
	size_t cap, used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct block *head;
	size_t max, used;
};

/* See arena.h. */
arena_t *arena_new(size_t max)
{
	arena_t *a = calloc(1, sizeof *a);
	if (a)
		a->max = max;
	return a;
}

/* See arena.h. */
void *arena_alloc(arena_t *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	struct block *b;
	size_t off, cap;
	if (n == 0)
		n = 1;
	if (n > a->max || a->used > a->max - n)
		return NULL;
	b = a->head;
	if (b) {
		off = (b->used + align - 1) & ~(align - 1);
		if (off <= b->cap && n <= b->cap - off) {
			b->used = off + n;
			a->used += n;
			return b->data + off;
		}
	}
	cap = n > ARENA_BLOCK_MIN ? n : ARENA_BLOCK_MIN;
	if (b && b->cap * 2 > cap && b->cap * 2 <= a->max)
		cap = b->cap * 2;
	b = malloc(sizeof *b + cap);
	if (!b)
		return NULL;
	b->cap = cap;
	b->used = n;
	b->next = a->head;
	a->head = b;
	a->used += n;
	return b->data;
}

/* See arena.h. */
void *arena_zalloc(arena_t *a, size_t n)
{
	void *p = arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

/* See arena.h. */
char *arena_strndup(arena_t *a, const char *s, size_t n)
{
	char *p;
	if (n == SIZE_MAX)
		return NULL;
	p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* See arena.h. */
size_t arena_used(const arena_t *a)
{
	return a->used;
}

/* See arena.h. */
void arena_reset(arena_t *a)
{
	struct block *b = a->head, *next;
	if (!b)
		return;
	/* keep the oldest block (the last in the list), free the others */
	while (b->next) {
		next = b->next;
		free(b);
		b = next;
	}
	b->used = 0;
	a->head = b;
	a->used = 0;
}

/* See arena.h. */
void arena_free(arena_t *a)
{
	struct block *b, *next;
	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}
