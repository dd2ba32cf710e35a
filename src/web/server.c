/* server.c: the libmicrohttpd adapter.  It owns the daemon, the pool of
 * database connections, the request bodies while they arrive and the
 * request log; it copies each request into a web_req_t, takes a
 * connection, lets web_dispatch answer, and turns the web_resp_t into an
 * HTTP response.  Nothing here knows a route. */
#include <arpa/inet.h>
#include <malloc.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/accounts.h"
#include "web/search_live.h"
#include "web/web.h"
#include "web/web_int.h"

/* A pool of database connections shared by the server's threads. */
static struct {
	store_t *s[WEB_THREADS_MAX];
	bool busy[WEB_THREADS_MAX];
	int n;
	pthread_mutex_t mu;
	pthread_cond_t cv;
} pool = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static FILE *log_file;      /* the request log, NULL for none */
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

/* Takes a free connection (waits for one). */
static int pool_take(void)
{
	int i;
	pthread_mutex_lock(&pool.mu);
	for (;;) {
		for (i = 0; i < pool.n; i++)
			if (!pool.busy[i]) {
				pool.busy[i] = true;
				pthread_mutex_unlock(&pool.mu);
				return i;
			}
		pthread_cond_wait(&pool.cv, &pool.mu);
	}
}

/* Gives a connection back. */
static void pool_give(int i)
{
	pthread_mutex_lock(&pool.mu);
	pool.busy[i] = false;
	pthread_cond_signal(&pool.cv);
	pthread_mutex_unlock(&pool.mu);
}

/* The state of one request while its body arrives. */
struct req {
	char *body;
	size_t len;
	bool too_large;
	struct timespec start;
};

/* Microseconds from a to b. */
static long long usec_between(const struct timespec *a, const struct timespec *b)
{
	return (long long)(b->tv_sec - a->tv_sec) * 1000000LL + (b->tv_nsec - a->tv_nsec) / 1000;
}

/* Writes the request's log line: time, method, the route's pattern
 * (never the path or the query, which may hold names or ids), status,
 * bytes, microseconds and the user's id.  No addresses, tokens or
 * personal data. */
static void log_request(const char *method, const web_resp_t *rs, const struct timespec *start)
{
	struct timespec end;
	struct tm tm;
	time_t t = time(NULL);
	char when[24];
	if (!log_file)
		return;
	clock_gettime(CLOCK_MONOTONIC, &end);
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	pthread_mutex_lock(&log_mu);
	fprintf(log_file, "%s method=%s route=%s status=%u bytes=%zu us=%lld user=%s\n", when, method,
		rs->route ? rs->route : "-", rs->status, rs->body.len, usec_between(start, &end),
		rs->user[0] ? rs->user : "-");
	fflush(log_file);
	pthread_mutex_unlock(&log_mu);
}

/* Queues the response rs. */
static enum MHD_Result send_resp(struct MHD_Connection *c, web_resp_t *rs)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer(rs->body.len, (void *)buf_cstr(&rs->body), MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;
	char num[40];
	int i;
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", rs->type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	/* same-origin: other sites learn nothing, and our own form posts
	 * carry their Origin (with no-referrer a browser sends "null") */
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	if (strncmp(rs->type, "text/html", 9) == 0) {
		MHD_add_response_header(r, "Content-Security-Policy",
					"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
					" connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
		MHD_add_response_header(r, "X-Frame-Options", "DENY");
	}
	if (rs->cache_seconds > 0) {
		snprintf(num, sizeof num, "public, max-age=%d", rs->cache_seconds);
		MHD_add_response_header(r, "Cache-Control", num);
		if (rs->etag[0])
			MHD_add_response_header(r, "ETag", rs->etag);
	} else {
		MHD_add_response_header(r, "Cache-Control", "no-store");
	}
	if (rs->location[0])
		MHD_add_response_header(r, "Location", rs->location);
	for (i = 0; i < rs->ncookies; i++)
		MHD_add_response_header(r, "Set-Cookie", rs->cookies[i]);
	if (rs->www_authenticate)
		MHD_add_response_header(r, "WWW-Authenticate", "Bearer");
	if (rs->allow[0])
		MHD_add_response_header(r, "Allow", rs->allow);
	if (rs->retry_after > 0) {
		snprintf(num, sizeof num, "%d", rs->retry_after);
		MHD_add_response_header(r, "Retry-After", num);
	}
	rc = MHD_queue_response(c, rs->status, r);
	MHD_destroy_response(r);
	return rc;
}

/* Collects query arguments into rq (at most WEB_QUERY_MAX). */
static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	web_req_t *rq = cls;
	(void)kind;
	if (rq->nquery < WEB_QUERY_MAX) {
		rq->query[rq->nquery].k = k;
		rq->query[rq->nquery].v = v ? v : "";
		rq->nquery++;
	}
	return MHD_YES;
}

/* The peer's address as text. */
static void peer_of(struct MHD_Connection *c, char *out, size_t cap)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, cap, "-");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, out,
			  (socklen_t)cap);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, out,
			  (socklen_t)cap);
}

/* libmicrohttpd's access handler: gathers the body (refusing more than
 * WEB_BODY_MAX), then answers through web_dispatch. */
static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **state)
{
	struct req *r = *state;
	web_req_t rq;
	web_resp_t rs;
	app_t a;
	int slot;
	enum MHD_Result rc;
	(void)cls;
	(void)version;
	if (!r) {
		r = calloc(1, sizeof *r);
		if (!r)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &r->start);
		*state = r;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->too_large && r->len + *upload_size <= WEB_BODY_MAX) {
			char *nb = realloc(r->body, r->len + *upload_size + 1);
			if (!nb)
				return MHD_NO;
			r->body = nb;
			memcpy(r->body + r->len, upload, *upload_size);
			r->len += *upload_size;
			r->body[r->len] = '\0';
		} else {
			r->too_large = true;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	web_resp_init(&rs);
	if (r->too_large) {
		rs.status = 413;
		rs.route = "-";
		rs.type = "application/json; charset=utf-8";
		buf_printf(&rs.body, "{\"error\":\"%s\",\"message\":\"%s\"}", msg_format(MSG_WEB_TOO_LARGE, LANG_EN),
			   msg_format(MSG_WEB_TOO_LARGE, LANG_VI));
		goto send;
	}
	memset(&rq, 0, sizeof rq);
	rq.method = method;
	rq.path = url;
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_arg, &rq);
	rq.body = r->body;
	rq.body_len = r->len;
	rq.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	rq.authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	rq.session_cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "plusone_session");
	rq.lang_cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "plusone_lang");
	rq.accept_language = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language");
	rq.csrf_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
	rq.if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	rq.origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	rq.idem_key = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Idempotency-Key");
	rq.host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	peer_of(c, rq.ip, sizeof rq.ip);
	slot = pool_take();
	memset(&a, 0, sizeof a);
	a.store = pool.s[slot];
	a.today = date_today();
	a.actor = "web";
	a.six = search_live_acquire();
	web_dispatch(&a, &rq, &rs);
	search_live_release();
	pool_give(slot);
send:
	rc = send_resp(c, &rs);
	log_request(method, &rs, &r->start);
	web_resp_free(&rs);
	return rc;
}

/* Frees a request's state when it completes. */
static void completed(void *cls, struct MHD_Connection *c, void **state, enum MHD_RequestTerminationCode t)
{
	struct req *r = *state;
	(void)cls;
	(void)c;
	(void)t;
	if (r) {
		free(r->body);
		free(r);
		*state = NULL;
	}
}

/* Deletes expired sessions (called now and then by the main thread). */
static void purge_sessions(void)
{
	app_t a;
	int slot = pool_take();
	err_t e;
	int64_t n = 0;
	memset(&a, 0, sizeof a);
	a.store = pool.s[slot];
	a.today = date_today();
	a.actor = "web";
	if (app_sessions_purge(&a, &n, &e) == PO_OK && n > 0 && log_file) {
		pthread_mutex_lock(&log_mu);
		fprintf(log_file, "sessions purged=%lld\n", (long long)n);
		fflush(log_file);
		pthread_mutex_unlock(&log_mu);
	}
	pool_give(slot);
}

/* See web.h. */
int web_serve(const char *db, const web_settings_t *s, err_t *e)
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d = NULL;
	struct timespec wait = {WEB_PURGE_S, 0};
	sigset_t set;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = s->threads ? s->threads : cores < 1 ? 1u : (unsigned)cores;
	int i, sig, rc = PO_OK;
	if (threads > WEB_THREADS_MAX)
		threads = WEB_THREADS_MAX;
	/* one malloc arena per worker thread keeps memory that another
	 * thread freed; two arenas are plenty for short requests */
	mallopt(M_ARENA_MAX, WEB_MALLOC_ARENAS);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)s->port);
	if (inet_pton(AF_INET, s->addr, &sa.sin_addr) != 1)
		return err_set(e, PO_EINVAL, "listen", MSG_WEB_ADDRESS, s->addr);
	log_file = NULL;
	if (!s->log[0] || strcmp(s->log, "-") == 0)
		log_file = stderr;
	else if (strcmp(s->log, "off") != 0 && !(log_file = fopen(s->log, "a")))
		return err_set(e, PO_EIO, "log", MSG_WEB_LOG_OPEN, s->log);
	rc = web_state_open(s, e);
	if (rc)
		goto out;
	pool.n = (int)threads;
	for (i = 0; i < pool.n; i++) {
		rc = store_open(db, &pool.s[i], e);
		if (rc)
			goto out;
		if (s->cache_kib && (rc = store_set_cache(pool.s[i], s->cache_kib, e)) != PO_OK)
			goto out;
		if (s->mmap_mib && (rc = store_set_mmap(pool.s[i], s->mmap_mib, e)) != PO_OK)
			goto out;
	}
	/* block the stop signals in every thread; this one waits for them */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	rc = search_live_start(db, e);
	if (rc)
		goto out;
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC,
			     (uint16_t)s->port, NULL, NULL, handle, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, s->conn_max,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->conn_per_ip, MHD_OPTION_CONNECTION_TIMEOUT,
			     s->timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)WEB_HEADER_MAX * 2,
			     MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_END);
	if (!d) {
		rc = err_set(e, PO_EINVAL, "listen", MSG_WEB_LISTEN, s->addr, s->port);
		goto out;
	}
	fprintf(stderr, "plusone: http://%s:%u/ (%u threads)\n", s->addr, s->port, threads);
	purge_sessions();
	for (;;) {
		sig = sigtimedwait(&set, NULL, &wait);
		if (sig == SIGINT || sig == SIGTERM)
			break;
		purge_sessions();
	}
	/* stop accepting, let the requests in flight finish (at most
	 * WEB_DRAIN_S seconds), then stop */
	MHD_quiesce_daemon(d);
	for (i = 0; i < WEB_DRAIN_S * 20; i++) {
		const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!info || info->num_connections == 0)
			break;
		usleep(50000);
	}
	MHD_stop_daemon(d);
out:
	search_live_stop();
	for (i = 0; i < pool.n; i++)
		store_close(pool.s[i]);
	pool.n = 0;
	web_state_close();
	if (log_file && log_file != stderr)
		fclose(log_file);
	log_file = NULL;
	return rc;
}
