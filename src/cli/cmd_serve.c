/* cmd_serve.c: `plusone serve [--listen ADDR:PORT] [--config FILE]
 * [--threads N] [--log FILE|-|off] [--secure-cookie]`: runs the web
 * server (default 127.0.0.1:8080) until SIGINT/SIGTERM, then finishes the
 * requests in flight and exits 0.  Settings: defaults, then the config
 * file (--config or PLUSONE_CONFIG), then PLUSONE_* variables, then the
 * flags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "web/web.h"

/* See cli.h. */
int cmd_serve(cli_t *c, int argc, char **argv)
{
	const char *listen = NULL, *config = getenv("PLUSONE_CONFIG"), *threads = NULL, *log = NULL;
	bool secure = false;
	cli_opt_t opts[] = {{"listen", &listen, NULL},	 {"config", &config, NULL}, {"threads", &threads, NULL},
			    {"log", &log, NULL},	 {"secure-cookie", NULL, &secure}, {NULL, NULL, NULL}};
	char *pos[1];
	int npos, rc;
	web_settings_t s;
	err_t e;

	web_settings_default(&s);
	rc = cli_parse(argc, argv, opts, pos, 0, &npos, &e);
	if (!rc && config && *config)
		rc = web_settings_file(&s, config, &e);
	if (!rc)
		rc = web_settings_env(&s, &e);
	if (!rc && listen)
		rc = web_settings_set(&s, "listen", listen, &e);
	if (!rc && threads)
		rc = web_settings_set(&s, "threads", threads, &e);
	if (!rc && log)
		rc = web_settings_set(&s, "log", log, &e);
	if (!rc && secure)
		s.secure_cookie = true;
	if (!rc)
		rc = cli_open(c, false, &e);
	if (!rc) {
		store_close(c->store); /* the server opens its own connections */
		c->store = NULL;
		rc = web_serve(c->db, &s, &e);
	}
	if (rc)
		return cli_fail(c, &e);
	return 0;
}
