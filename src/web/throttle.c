/* throttle.c: see throttle.h. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/hash.h"
#include "core/text.h"
#include "web/throttle.h"

struct slot {
	uint64_t key;     /* 0: free */
	int failures;
	time_t last;      /* last attempt */
	time_t until;     /* no attempt before this time */
};

static struct slot slots[THROTTLE_SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static int hashes_busy;
static pthread_mutex_t hash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_cv = PTHREAD_COND_INITIALIZER;

/* The key of a name ("u" + folded user name) or an address ("a" + ip). */
static uint64_t key_of(char kind, const char *s)
{
	char k[160];
	size_t n = 0;
	uint64_t h;
	k[n++] = kind;
	if (kind == 'u')
		n += vn_fold(s, strlen(s), k + 1, sizeof k - 1);
	else
		n += (size_t)snprintf(k + 1, sizeof k - 1, "%.100s", s);
	h = hash64(k, n < sizeof k ? n : sizeof k - 1);
	return h ? h : 1;
}

/* The slot of key (found, or the one to take), with mu held. */
static struct slot *slot_for(uint64_t key, time_t now, bool create)
{
	size_t base = (size_t)(key % (THROTTLE_SLOTS / THROTTLE_WAYS)) * THROTTLE_WAYS, i;
	struct slot *victim = &slots[base];
	for (i = 0; i < THROTTLE_WAYS; i++) {
		struct slot *s = &slots[base + i];
		if (s->key == key) {
			if (now - s->last > THROTTLE_FORGET_S)
				memset(s, 0, sizeof *s), s->key = key;
			return s;
		}
		if (s->key == 0 || s->last < victim->last)
			victim = s;
	}
	if (!create)
		return NULL;
	memset(victim, 0, sizeof *victim);
	victim->key = key;
	return victim;
}

/* Seconds left of a slot's wait. */
static long wait_of(const struct slot *s, time_t now)
{
	return s && s->until > now ? (long)(s->until - now) : 0;
}

/* See throttle.h. */
long throttle_wait(const char *user, const char *ip, time_t now)
{
	long a, b;
	pthread_mutex_lock(&mu);
	a = wait_of(slot_for(key_of('u', user), now, false), now);
	b = wait_of(slot_for(key_of('a', ip), now, false), now);
	pthread_mutex_unlock(&mu);
	return a > b ? a : b;
}

/* Counts one failure on s. */
static void fail(struct slot *s, time_t now)
{
	s->failures++;
	s->last = now;
	if (s->failures > THROTTLE_FREE) {
		int k = s->failures - THROTTLE_FREE;
		long w = k >= 10 ? THROTTLE_MAX_S : 1L << k;
		s->until = now + (w > THROTTLE_MAX_S ? THROTTLE_MAX_S : w);
	}
}

/* See throttle.h. */
void throttle_record(const char *user, const char *ip, bool ok, time_t now)
{
	struct slot *u;
	pthread_mutex_lock(&mu);
	u = slot_for(key_of('u', user), now, !ok);
	if (ok) {
		if (u)
			memset(u, 0, sizeof *u);
	} else {
		fail(u, now);
		fail(slot_for(key_of('a', ip), now, true), now);
	}
	pthread_mutex_unlock(&mu);
}

/* See throttle.h. */
void throttle_reset(void)
{
	pthread_mutex_lock(&mu);
	memset(slots, 0, sizeof slots);
	pthread_mutex_unlock(&mu);
}

/* See throttle.h. */
void hash_slot_take(void)
{
	pthread_mutex_lock(&hash_mu);
	while (hashes_busy >= HASH_SLOTS)
		pthread_cond_wait(&hash_cv, &hash_mu);
	hashes_busy++;
	pthread_mutex_unlock(&hash_mu);
}

/* See throttle.h. */
void hash_slot_give(void)
{
	pthread_mutex_lock(&hash_mu);
	hashes_busy--;
	pthread_cond_signal(&hash_cv);
	pthread_mutex_unlock(&hash_mu);
}
