/* search_live.c: see search_live.h. */
#include <malloc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "web/search_live.h"

static pthread_rwlock_t lock;
static search_index_t *current;
static store_t *conn;
static pthread_t thread;
static bool running;
static pthread_mutex_t stop_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t stop_cv = PTHREAD_COND_INITIALIZER;
static bool stopping;

/* Waits ms milliseconds or until a stop is asked; true when stopping. */
static bool wait_or_stop(long ms)
{
	struct timespec ts;
	bool stop;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&stop_mu);
	while (!stopping && pthread_cond_timedwait(&stop_cv, &stop_mu, &ts) == 0)
		;
	stop = stopping;
	pthread_mutex_unlock(&stop_mu);
	return stop;
}

/* The thread: build, then rebuild whenever the people version moves. */
static void *run(void *arg)
{
	(void)arg;
	do {
		int64_t v;
		err_t e;
		search_index_t *fresh, *old;
		if (store_people_version(conn, &v, &e) != PO_OK)
			continue;
		pthread_rwlock_rdlock(&lock);
		old = current;
		pthread_rwlock_unlock(&lock);
		if (old && search_index_version(old) == v)
			continue;
		if (search_index_build(conn, &fresh, &e) != PO_OK) {
			fprintf(stderr, "plusone: search index: %s\n", e.en);
			continue;
		}
		pthread_rwlock_wrlock(&lock);
		old = current;
		current = fresh;
		pthread_rwlock_unlock(&lock);
		search_index_free(old);
		malloc_trim(0); /* give the build's scratch memory back */
	} while (!wait_or_stop(SEARCH_LIVE_CHECK_MS));
	return NULL;
}

/* See search_live.h. */
int search_live_start(const char *db, err_t *e)
{
	pthread_rwlockattr_t attr;
	int rc = store_open(db, &conn, e);
	if (!rc) /* the build reads every person once, in order: a cache does not help */
		rc = store_set_cache(conn, SEARCH_LIVE_CACHE_KIB, e);
	if (rc) {
		store_close(conn);
		conn = NULL;
		return rc;
	}
	pthread_rwlockattr_init(&attr);
	/* a swap must not wait behind an endless stream of requests */
	pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&lock, &attr);
	pthread_rwlockattr_destroy(&attr);
	stopping = false;
	if (pthread_create(&thread, NULL, run, NULL) != 0) {
		store_close(conn);
		conn = NULL;
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	running = true;
	return PO_OK;
}

/* See search_live.h. */
void search_live_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&stop_mu);
	stopping = true;
	pthread_cond_signal(&stop_cv);
	pthread_mutex_unlock(&stop_mu);
	pthread_join(thread, NULL);
	running = false;
	search_index_free(current);
	current = NULL;
	store_close(conn);
	conn = NULL;
	pthread_rwlock_destroy(&lock);
}

/* See search_live.h. */
search_index_t *search_live_acquire(void)
{
	if (!running)
		return NULL;
	pthread_rwlock_rdlock(&lock);
	return current;
}

/* See search_live.h. */
void search_live_release(void)
{
	if (running)
		pthread_rwlock_unlock(&lock);
}
