/* web.h: the HTTP server (libmicrohttpd): the JSON API and the pages.
 * Settings come from defaults, then a config file, then the environment,
 * then flags (each overrides the one before). */
#ifndef PLUSONE_WEB_H
#define PLUSONE_WEB_H

#include <stdbool.h>

#include "core/err.h"

#define WEB_BODY_MAX (1u << 20)   /* request body bytes; more: 413 (contract) */
#define WEB_HEADER_MAX (16u << 10) /* bytes of the request line and headers together */
#define WEB_CONN_MAX 512          /* default: connections at once */
#define WEB_CONN_PER_IP 64        /* default: connections at once from one address */
#define WEB_TIMEOUT_S 30          /* default: idle connection timeout */
#define WEB_HEAD_S 10             /* default: seconds a client has to send a request's head */
#define WEB_IDLE_SHORT_MS 1000    /* keep-alive idle time when connections run short */
#define WEB_ERRLOG_PER_S 5        /* server error lines written per second at most */
#define WEB_DRAIN_S 5             /* seconds given to requests in flight at stop */
#define WEB_THREADS_MAX 64        /* worker threads at most */
#define WEB_SESSION_CACHE_S 5     /* a cached session is checked again after this */
#define WEB_PURGE_S 600           /* expired sessions are deleted this often */
#define WEB_MALLOC_ARENAS 2       /* malloc arenas shared by the worker threads */
#define WEB_CONFIG_LINE_MAX 1024  /* bytes of one config file line */
#define WEB_CONFIG_MAX (64u << 10) /* bytes of a config file */

/* How the server runs. */
typedef struct web_settings {
	char addr[64];        /* IPv4 address to listen on */
	unsigned port;
	unsigned threads;     /* 0: one per core */
	unsigned conn_max;
	unsigned conn_per_ip;
	unsigned timeout_s;
	unsigned head_s;      /* a request head must be complete this long after the
	                       * connection opened or the last answer */
	char trusted_proxy[48]; /* the proxy whose X-Forwarded-For is believed ("": none) */
	bool secure_cookie;   /* cookies marked Secure (behind HTTPS) */
	char log[512];        /* request log file; "-" or "" for stderr; "off" for none */
	unsigned cache_kib;   /* SQLite page cache per connection */
	unsigned mmap_mib;    /* database file mapped for reading, MiB (0: off) */
} web_settings_t;

/* The defaults: 127.0.0.1:8080, one thread per core, the limits above,
 * log to stderr. */
void web_settings_default(web_settings_t *s);

/* Applies one setting by name ("listen", "threads", "max_connections",
 * "max_connections_per_ip", "timeout", "head_timeout", "trusted_proxy"
 * (an IPv4 or IPv6 address, or "" for none), "secure_cookie", "log",
 * "cache_kib", "mmap_mib"); PO_EINVAL naming it for an unknown name or a
 * bad value. */
int web_settings_set(web_settings_t *s, const char *name, const char *value, err_t *e);

/* Reads a config file of `name = value` lines ('#' starts a comment);
 * PO_EINVAL naming the line for a bad one (one that is not UTF-8 text
 * included), PO_EIO when unreadable, PO_ELIMIT past WEB_CONFIG_MAX
 * bytes. */
int web_settings_file(web_settings_t *s, const char *path, err_t *e);

/* The same from text[0..len) (name: the file's name for messages). */
int web_settings_text(web_settings_t *s, const char *text, size_t len, const char *name, err_t *e);

/* Applies PLUSONE_LISTEN, PLUSONE_THREADS, PLUSONE_MAX_CONNECTIONS,
 * PLUSONE_MAX_CONNECTIONS_PER_IP, PLUSONE_TIMEOUT, PLUSONE_HEAD_TIMEOUT,
 * PLUSONE_TRUSTED_PROXY, PLUSONE_SECURE_COOKIE, PLUSONE_LOG,
 * PLUSONE_CACHE_KIB, PLUSONE_MMAP_MIB when set. */
int web_settings_env(web_settings_t *s, err_t *e);

/* Serves db with settings s until SIGINT or SIGTERM, then finishes the
 * requests in flight (at most WEB_DRAIN_S seconds) and returns PO_OK.
 * PO_EINVAL for an address it cannot listen on (a port in use says how
 * to pick another).
 *
 * Against slow clients: a connection whose request head is not complete
 * head_s seconds after it opened (or after its last answer) is closed,
 * however the bytes trickle in; connections still sending their head
 * may hold at most three quarters of max_connections (past that, a new
 * connection closes the oldest of them), so a quarter stays for
 * requests being answered; when three quarters of the slots are taken,
 * a kept-alive connection idle for WEB_IDLE_SHORT_MS is closed. */
int web_serve(const char *db, const web_settings_t *s, err_t *e);

#endif
