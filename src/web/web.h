/* web.h: the HTTP server (libmicrohttpd): the contract's routes, JSON
 * API and the first HTML pages. */
#ifndef PLUSONE_WEB_H
#define PLUSONE_WEB_H

#include "core/err.h"

#define WEB_BODY_MAX (1u << 20)  /* request body bytes; more: 413 */
#define WEB_CONN_MAX 512          /* connections at once */
#define WEB_CONN_PER_IP 64        /* connections at once from one address */
#define WEB_TIMEOUT_S 30          /* idle connection timeout */
#define WEB_DRAIN_S 5             /* seconds given to requests in flight at stop */

/* Serves on addr:port with a pool of database connections to db until
 * SIGINT or SIGTERM, then finishes the requests in flight and returns
 * PO_OK.  PO_EINVAL for an address it cannot listen on. */
int web_serve(const char *db, const char *addr, unsigned port, err_t *e);

#endif
