/* search_limit.c: the bound on searches by identifier number (see
 * search_limit.h), and the gate the search handlers call. */
#include <pthread.h>
#include <string.h>

#include "web/handlers.h"
#include "web/search_limit.h"

struct slot {
	int64_t user;     /* 0: free */
	time_t start;     /* the window's first second */
	int count;        /* searches in the window */
};

static struct slot slots[ID_SEARCH_SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

/* See search_limit.h. */
int id_search_digits(const char *q)
{
	int n = 0;
	if (!q)
		return 0;
	for (; *q; q++) {
		if (*q >= '0' && *q <= '9')
			n++;
		else if (*q != ' ' && *q != '.' && *q != '-')
			return 0;
	}
	return n == 12 || n == 10 ? n : 0;
}

/* See search_limit.h. */
bool id_search_take(int64_t user_id, time_t now, long *retry)
{
	size_t base = (size_t)((uint64_t)user_id * 0x9E3779B97F4A7C15ull >> 32) % ID_SEARCH_SLOTS, i, pick = base;
	struct slot *s = NULL;
	bool ok;
	*retry = 0;
	pthread_mutex_lock(&mu);
	for (i = 0; i < ID_SEARCH_WAYS; i++) {
		struct slot *t = &slots[(base + i) % ID_SEARCH_SLOTS];
		if (t->user == user_id) {
			s = t;
			break;
		}
		/* else the free slot, or the one whose window began longest ago */
		if (!t->user || (slots[pick].user && t->start < slots[pick].start))
			pick = (base + i) % ID_SEARCH_SLOTS;
	}
	if (!s) {
		s = &slots[pick];
		s->user = user_id;
		s->start = now;
		s->count = 0;
	}
	if (now - s->start >= ID_SEARCH_WINDOW_S || now < s->start) {
		s->start = now;
		s->count = 0;
	}
	ok = s->count < ID_SEARCH_MAX;
	if (ok)
		s->count++;
	else
		*retry = (long)(s->start + ID_SEARCH_WINDOW_S - now);
	pthread_mutex_unlock(&mu);
	return ok;
}

/* See search_limit.h. */
void id_search_reset(void)
{
	pthread_mutex_lock(&mu);
	memset(slots, 0, sizeof slots);
	pthread_mutex_unlock(&mu);
}

/* See handlers.h. */
int web_search_check(web_ctx_t *x, const char *q, err_t *e)
{
	struct timespec ts;
	long retry;
	int digits = id_search_digits(q);
	if (!digits)
		return PO_OK;
	if (digits == 12 && x->u && x->u->role == UROLE_VIEWER)
		return err_set(e, PO_EFORBIDDEN, "q", MSG_SEARCH_ID_VIEWER);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	if (!id_search_take(x->u ? x->u->id : 0, ts.tv_sec, &retry)) {
		x->rs->retry_after = (int)(retry > 0 ? retry : 1);
		return err_set(e, PO_ELIMIT, "q", MSG_SEARCH_ID_LIMIT, ID_SEARCH_MAX, ID_SEARCH_WINDOW_S / 60,
			       x->rs->retry_after);
	}
	return PO_OK;
}
