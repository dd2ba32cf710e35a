/* cmd_serve.c: `plusone serve [--listen ADDR:PORT]`: runs the web server
 * (default 127.0.0.1:8080) until SIGINT/SIGTERM, then finishes the
 * requests in flight and exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "web/web.h"

/* See cli.h. */
int cmd_serve(cli_t *c, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080";
	cli_opt_t opts[] = {{"listen", &listen, NULL}, {NULL, NULL, NULL}};
	char *pos[1], addr[64], *colon, *end;
	int npos, rc;
	long port;
	err_t e;

	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc) {
		colon = strrchr(listen, ':');
		port = colon ? strtol(colon + 1, &end, 10) : -1;
		if (!colon || *end || port < 1 || port > 65535 || (size_t)(colon - listen) >= sizeof addr)
			rc = err_set(&e, PO_EINVAL, "listen", MSG_WEB_ADDRESS, listen);
		else {
			memcpy(addr, listen, (size_t)(colon - listen));
			addr[colon - listen] = '\0';
		}
	}
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc) {
		store_close(c->store); /* the server opens its own connections */
		c->store = NULL;
		rc = web_serve(c->db, addr, (unsigned)port, &e);
	}
	if (rc)
		return cli_fail(c, &e);
	return 0;
}
