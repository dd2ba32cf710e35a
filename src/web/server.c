/* server.c: the libmicrohttpd adapter.  It owns the daemon, the pool of
 * database connections, the first look at each request head, the request
 * bodies while they arrive, the request log, and the tracking of every
 * connection against slow clients (see web_serve in web.h); it copies
 * each request into a web_req_t, takes a connection, lets web_dispatch
 * answer, and turns the web_resp_t into an HTTP response.  Nothing here
 * knows a route. */
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
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
static char trusted_proxy[48]; /* whose X-Forwarded-For is believed ("": nobody's) */

/* Monotonic milliseconds. */
static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- slow clients: every open connection, and whether it is still
 * sending a request head ---- */

/* One open connection (libmicrohttpd's socket context). */
struct conn {
	struct conn *prev, *next;
	int fd;
	long long since;   /* ms: opened, or its last answer sent */
	bool working;      /* its head arrived: a request is being answered */
	bool served;       /* it answered a request before (kept alive) */
	bool cut;          /* shut down by us: libmicrohttpd closes it soon */
};

/* The open connections, oldest first; waiting counts those not working.
 * A connection leaves the list (under mu) before libmicrohttpd closes
 * its socket, so a socket shut down here is always still this one. */
static struct {
	struct conn head;
	unsigned n, waiting, waiting_max, short_at;
	long long head_ms;
	pthread_mutex_t mu;
	pthread_t watcher;
	bool run;
} conns = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* Shuts a connection's socket down (libmicrohttpd then closes it), with
 * conns.mu held. */
static void conn_cut(struct conn *k)
{
	if (!k->cut) {
		k->cut = true;
		shutdown(k->fd, SHUT_RDWR);
	}
}

/* libmicrohttpd's connection notifier: tracks each connection; a new one
 * past the share of connections still sending their head closes the
 * oldest of those. */
static void conn_notify(void *cls, struct MHD_Connection *c, void **ctx, enum MHD_ConnectionNotificationCode code)
{
	struct conn *k = *ctx;
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		struct conn *old;
		k = calloc(1, sizeof *k);
		if (!k || !ci) {
			free(k);
			return;
		}
		k->fd = ci->connect_fd;
		k->since = mono_ms();
		pthread_mutex_lock(&conns.mu);
		k->prev = conns.head.prev;
		k->next = &conns.head;
		conns.head.prev->next = k;
		conns.head.prev = k;
		conns.n++;
		conns.waiting++;
		for (old = conns.head.next; conns.waiting > conns.waiting_max && old != k; old = old->next)
			if (!old->working && !old->cut) {
				conn_cut(old);
				conns.waiting--; /* no longer holds a share: it is closing */
				old->working = true;
			}
		pthread_mutex_unlock(&conns.mu);
		*ctx = k;
		return;
	}
	if (!k)
		return;
	pthread_mutex_lock(&conns.mu);
	k->prev->next = k->next;
	k->next->prev = k->prev;
	conns.n--;
	if (!k->working)
		conns.waiting--;
	pthread_mutex_unlock(&conns.mu);
	free(k);
	*ctx = NULL;
}

/* The connection of c, or NULL. */
static struct conn *conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* Marks c as answering a request (its head arrived) or, working false,
 * as waiting for the next head from now on. */
static void conn_set_working(struct MHD_Connection *c, bool working)
{
	struct conn *k = conn_of(c);
	if (!k)
		return;
	pthread_mutex_lock(&conns.mu);
	if (k->working != working && !k->cut) {
		k->working = working;
		if (working) {
			conns.waiting--;
		} else {
			conns.waiting++;
			k->served = true;
			k->since = mono_ms();
		}
	}
	pthread_mutex_unlock(&conns.mu);
}

/* The watcher thread: four times a second, closes the connections whose
 * head is late, and the idle kept-alive ones when slots run short. */
static void *conn_watch(void *arg)
{
	struct timespec tick = {0, 250 * 1000000L};
	(void)arg;
	for (;;) {
		struct conn *k;
		long long now;
		bool short_of_slots;
		nanosleep(&tick, NULL);
		pthread_mutex_lock(&conns.mu);
		if (!conns.run) {
			pthread_mutex_unlock(&conns.mu);
			return NULL;
		}
		now = mono_ms();
		short_of_slots = conns.n >= conns.short_at;
		for (k = conns.head.next; k != &conns.head; k = k->next) {
			long long limit = k->served && short_of_slots ? WEB_IDLE_SHORT_MS : conns.head_ms;
			if (!k->working && !k->cut && now - k->since > limit)
				conn_cut(k);
		}
		pthread_mutex_unlock(&conns.mu);
	}
}

/* Starts the watcher for a server of conn_max connections. */
static int conns_start(const web_settings_t *s)
{
	conns.head.next = conns.head.prev = &conns.head;
	conns.n = conns.waiting = 0;
	conns.waiting_max = s->conn_max - s->conn_max / 4;
	if (conns.waiting_max < 1)
		conns.waiting_max = 1;
	conns.short_at = s->conn_max - s->conn_max / 4;
	conns.head_ms = (long long)s->head_s * 1000;
	conns.run = true;
	return pthread_create(&conns.watcher, NULL, conn_watch, NULL) == 0 ? 0 : -1;
}

/* Stops the watcher. */
static void conns_stop(void)
{
	pthread_mutex_lock(&conns.mu);
	conns.run = false;
	pthread_mutex_unlock(&conns.mu);
	pthread_join(conns.watcher, NULL);
}

/* ---- the error log of libmicrohttpd, rate-limited ---- */

static struct {
	long long second;   /* the second being counted */
	int lines;          /* lines written in it */
	long dropped;       /* lines not written since the last one written */
} errlog;

/* libmicrohttpd's logger: at most WEB_ERRLOG_PER_S lines a second (a
 * client can make the server complain once per connection); the count
 * of the lines dropped goes with the next line written. */
static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	long long sec = mono_ms() / 1000;
	(void)cls;
	if (!log_file)
		return;
	pthread_mutex_lock(&log_mu);
	if (sec != errlog.second) {
		errlog.second = sec;
		errlog.lines = 0;
	}
	if (errlog.lines >= WEB_ERRLOG_PER_S) {
		errlog.dropped++;
	} else {
		errlog.lines++;
		if (errlog.dropped)
			fprintf(log_file, "server: %ld similar lines dropped\n", errlog.dropped);
		errlog.dropped = 0;
		fputs("server: ", log_file);
		vfprintf(log_file, fmt, ap);
		fflush(log_file);
	}
	pthread_mutex_unlock(&log_mu);
}

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
	char addr[WEB_IP_MAX]; /* the client's address (client_of) */
};

/* Microseconds from a to b. */
static long long usec_between(const struct timespec *a, const struct timespec *b)
{
	return (long long)(b->tv_sec - a->tv_sec) * 1000000LL + (b->tv_nsec - a->tv_nsec) / 1000;
}

/* Writes the request's log line: time, the client's address, method,
 * the route's pattern (never the path or the query, which may hold names
 * or ids), status, bytes, microseconds and the user's id.  No tokens or
 * personal data. */
static void log_request(const char *addr, const char *method, const web_resp_t *rs, const struct timespec *start)
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
	fprintf(log_file, "%s addr=%s method=%s route=%s status=%u bytes=%zu us=%lld user=%s\n", when, addr, method,
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
	if (rs->allow[0])
		MHD_add_response_header(r, "Allow", rs->allow);
	if (rs->status == 401)
		MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"plusone\"");
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

/* The client's address as text: the socket's peer, or, when the peer
 * is the trusted proxy, the last address of its X-Forwarded-For (the
 * one the proxy itself added) when that is an address. */
static void client_of(struct MHD_Connection *c, char *out, size_t cap);

/* The socket peer's address as text. */
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

/* See the declaration. */
static void client_of(struct MHD_Connection *c, char *out, size_t cap)
{
	const char *xff, *last;
	char cand[64];
	unsigned char bin[16];
	size_t n;
	peer_of(c, out, cap);
	if (!trusted_proxy[0] || strcmp(out, trusted_proxy) != 0)
		return;
	xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
	if (!xff)
		return;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ' || *last == '\t')
		last++;
	n = strcspn(last, " \t");
	if (n == 0 || n >= sizeof cand || n >= cap)
		return;
	memcpy(cand, last, n);
	cand[n] = '\0';
	if (inet_pton(AF_INET, cand, bin) == 1 || inet_pton(AF_INET6, cand, bin) == 1)
		memcpy(out, cand, n + 1);
}

/* What the first look at a request's head finds. */
struct head_check {
	int content_lengths; /* Content-Length headers */
	size_t bytes;        /* of the headers, as sent (names, values, ": ", CRLF) */
};

/* Counts a header for head_check (a MHD_KeyValueIterator). */
static enum MHD_Result head_header(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	struct head_check *h = cls;
	(void)kind;
	h->bytes += strlen(k) + (v ? strlen(v) : 0) + 4;
	if (strcasecmp(k, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0)
		h->content_lengths++;
	return MHD_YES;
}

/* Fills rs with the JSON error answer of e at status (the shape of
 * web_fail's). */
static void refuse(web_resp_t *rs, unsigned status, const err_t *e)
{
	json_t *j = json_pack("{s:s,s:s,s:s}", "error", e->en, "code", web_error_code(status), "message", e->vi);
	if (j && e->field[0])
		json_object_set_new(j, "field", json_string(e->field));
	char *t = j ? json_dumps(j, JSON_COMPACT) : NULL;
	rs->status = status;
	rs->route = "-";
	rs->type = "application/json; charset=utf-8";
	buf_reset(&rs->body);
	if (t)
		buf_printf(&rs->body, "%s", t);
	free(t);
	json_decref(j);
}

/* Looks at a request's head before any body is read: repeated or
 * malformed Content-Length (400), a declared body over WEB_BODY_MAX (413,
 * so that a client sending Expect: 100-continue is not told to go on),
 * headers over WEB_HEADER_MAX (431).  True (rs filled) when refused. */
static bool head_refused(struct MHD_Connection *c, const char *url, web_resp_t *rs)
{
	struct head_check h = {0, strlen(url)};
	const char *cl;
	char *end;
	unsigned long long v;
	err_t e;
	MHD_get_connection_values(c, MHD_HEADER_KIND, head_header, &h);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, head_header, &h);
	if (h.bytes > WEB_HEADER_MAX) {
		err_set(&e, PO_ELIMIT, "headers", MSG_WEB_HEADERS_TOO_LARGE, WEB_HEADER_MAX);
		refuse(rs, 431, &e);
		return true;
	}
	if (h.content_lengths > 1) {
		err_set(&e, PO_EINVAL, "Content-Length", MSG_WEB_CONTENT_LENGTH);
		refuse(rs, 400, &e);
		return true;
	}
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl) {
		if (*cl < '0' || *cl > '9') {
			err_set(&e, PO_EINVAL, "Content-Length", MSG_WEB_CONTENT_LENGTH);
			refuse(rs, 400, &e);
			return true;
		}
		errno = 0;
		v = strtoull(cl, &end, 10);
		if (errno || *end) {
			err_set(&e, PO_EINVAL, "Content-Length", MSG_WEB_CONTENT_LENGTH);
			refuse(rs, 400, &e);
			return true;
		}
		if (v > WEB_BODY_MAX) {
			err_set(&e, PO_ELIMIT, "Content-Length", MSG_WEB_TOO_LARGE);
			refuse(rs, 413, &e);
			return true;
		}
	}
	return false;
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
		conn_set_working(c, true);
		client_of(c, r->addr, sizeof r->addr);
		web_resp_init(&rs);
		if (head_refused(c, url, &rs))
			goto send;
		web_resp_free(&rs);
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
		buf_printf(&rs.body, "{\"error\":\"%s\",\"code\":\"%s\",\"message\":\"%s\"}",
			   msg_format(MSG_WEB_TOO_LARGE, LANG_EN), web_error_code(413), msg_format(MSG_WEB_TOO_LARGE, LANG_VI));
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
	snprintf(rq.ip, sizeof rq.ip, "%s", r->addr);
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
	log_request(r->addr, method, &rs, &r->start);
	web_resp_free(&rs);
	return rc;
}

/* Frees a request's state when it completes. */
static void completed(void *cls, struct MHD_Connection *c, void **state, enum MHD_RequestTerminationCode t)
{
	struct req *r = *state;
	(void)cls;
	(void)t;
	if (r) {
		conn_set_working(c, false);
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

/* True when another socket already listens on sa (bind says EADDRINUSE). */
static bool port_busy(const struct sockaddr_in *sa)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	bool busy;
	if (fd < 0)
		return false;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	busy = bind(fd, (const struct sockaddr *)sa, sizeof *sa) != 0 && errno == EADDRINUSE;
	close(fd);
	return busy;
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
	bool watching = false;
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
	snprintf(trusted_proxy, sizeof trusted_proxy, "%s", s->trusted_proxy);
	if (conns_start(s)) {
		rc = err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
		goto out;
	}
	watching = true;
	/* the memory limit lets heads up to three times WEB_HEADER_MAX reach
	 * head_refused, which answers 431 with our headers; only larger ones
	 * get libmicrohttpd's own answer */
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC,
			     (uint16_t)s->port, NULL, NULL, handle, NULL, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, s->conn_max,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->conn_per_ip, MHD_OPTION_CONNECTION_TIMEOUT,
			     s->timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)WEB_HEADER_MAX * 3,
			     MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, conn_notify,
			     NULL, MHD_OPTION_END);
	if (!d) {
		rc = port_busy(&sa) ? err_set(e, PO_EINVAL, "listen", MSG_WEB_PORT_BUSY, s->port, s->port + 1, s->addr,
					      s->port + 1)
				    : err_set(e, PO_EINVAL, "listen", MSG_WEB_LISTEN, s->addr, s->port);
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
	if (watching)
		conns_stop();
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
