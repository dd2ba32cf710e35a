/* throttle.c: see throttle.h. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/hash.h"
#include "core/text.h"
#include "web/throttle.h"

struct slot {
	uint64_t key;     /* 0: free */
	char kind;        /* 'p' (name at an address) or 'a' (address) */
	char name[THROTTLE_NAME_MAX]; /* the user name as last typed ('p'), clipped */
	char ip[THROTTLE_IP_MAX];
	int failures;
	time_t last;      /* last attempt */
	time_t until;     /* no attempt before this time */
};

static struct slot slots[THROTTLE_SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static int hashes_busy;
static pthread_mutex_t hash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_cv = PTHREAD_COND_INITIALIZER;

/* Folds a user name as logins compare them (case and accents) into out. */
static void fold_name(const char *user, char out[THROTTLE_NAME_MAX])
{
	vn_fold(user, strlen(user), out, THROTTLE_NAME_MAX);
}

/* The key of a (folded name, address) pair ('p') or an address ('a'). */
static uint64_t key_of(char kind, const char *name, const char *ip)
{
	char k[THROTTLE_NAME_MAX + THROTTLE_IP_MAX + 4];
	int n = snprintf(k, sizeof k, "%c%s%c%s", kind, kind == 'p' ? name : "", 0x1f, ip);
	uint64_t h = hash64(k, n < (int)sizeof k ? (size_t)n : sizeof k - 1);
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
			if (now - s->last > THROTTLE_FORGET_S) {
				s->failures = 0;
				s->until = 0;
			}
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
	char name[THROTTLE_NAME_MAX];
	long a, b;
	fold_name(user, name);
	pthread_mutex_lock(&mu);
	a = wait_of(slot_for(key_of('p', name, ip), now, false), now);
	b = wait_of(slot_for(key_of('a', NULL, ip), now, false), now);
	pthread_mutex_unlock(&mu);
	return a > b ? a : b;
}

/* Counts one failure on s; waiting starts after `free` failures. */
static void fail(struct slot *s, int free_tries, time_t now)
{
	s->failures++;
	s->last = now;
	if (s->failures > free_tries) {
		int k = s->failures - free_tries;
		long w = k >= 10 ? THROTTLE_MAX_S : 1L << k;
		s->until = now + (w > THROTTLE_MAX_S ? THROTTLE_MAX_S : w);
	}
}

/* See throttle.h. */
void throttle_record(const char *user, const char *ip, bool ok, time_t now)
{
	char name[THROTTLE_NAME_MAX];
	struct slot *p, *a;
	fold_name(user, name);
	pthread_mutex_lock(&mu);
	p = slot_for(key_of('p', name, ip), now, !ok);
	if (ok) {
		if (p)
			memset(p, 0, sizeof *p);
	} else {
		p->kind = 'p';
		snprintf(p->name, sizeof p->name, "%s", user);
		snprintf(p->ip, sizeof p->ip, "%s", ip);
		fail(p, THROTTLE_FREE, now);
		a = slot_for(key_of('a', NULL, ip), now, true);
		a->kind = 'a';
		snprintf(a->ip, sizeof a->ip, "%s", ip);
		fail(a, THROTTLE_ADDR_FREE, now);
	}
	pthread_mutex_unlock(&mu);
}

/* See throttle.h. */
size_t throttle_locks(time_t now, throttle_lock_t *out, size_t cap)
{
	size_t i, n = 0;
	pthread_mutex_lock(&mu);
	for (i = 0; i < THROTTLE_SLOTS && n < cap; i++) {
		const struct slot *s = &slots[i];
		if (!s->key || wait_of(s, now) == 0)
			continue;
		memset(&out[n], 0, sizeof out[n]);
		snprintf(out[n].name, sizeof out[n].name, "%s", s->kind == 'p' ? s->name : "");
		snprintf(out[n].ip, sizeof out[n].ip, "%s", s->ip);
		out[n].failures = s->failures;
		out[n].wait_s = wait_of(s, now);
		n++;
	}
	pthread_mutex_unlock(&mu);
	return n;
}

/* See throttle.h. */
int throttle_clear(const char *user, const char *ip)
{
	char name[THROTTLE_NAME_MAX] = "";
	size_t i;
	int n = 0;
	if (user && *user)
		fold_name(user, name);
	pthread_mutex_lock(&mu);
	for (i = 0; i < THROTTLE_SLOTS; i++) {
		struct slot *s = &slots[i];
		char folded[THROTTLE_NAME_MAX];
		bool by_name;
		fold_name(s->name, folded);
		by_name = name[0] && s->kind == 'p' && strcmp(folded, name) == 0;
		bool by_ip = ip && *ip && strcmp(s->ip, ip) == 0;
		if (!s->key || !(name[0] ? by_name && (!ip || !*ip || by_ip) : by_ip))
			continue;
		if (s->until)
			n++;
		memset(s, 0, sizeof *s);
	}
	pthread_mutex_unlock(&mu);
	return n;
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
