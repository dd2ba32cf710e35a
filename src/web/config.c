/* config.c: the server's settings from defaults, a config file, the
 * environment and flags (see web.h). */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "web/web.h"

/* See web.h. */
void web_settings_default(web_settings_t *s)
{
	memset(s, 0, sizeof *s);
	snprintf(s->addr, sizeof s->addr, "127.0.0.1");
	s->port = 8080;
	s->threads = 0;
	s->conn_max = WEB_CONN_MAX;
	s->conn_per_ip = WEB_CONN_PER_IP;
	s->timeout_s = WEB_TIMEOUT_S;
	s->head_s = WEB_HEAD_S;
	s->secure_cookie = false;
	s->cache_kib = 8192;
}

/* Reads an unsigned number in [lo, hi]; false when value is not one. */
static bool parse_uint(const char *value, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	unsigned long v;
	if (!isdigit((unsigned char)value[0]))
		return false;
	v = strtoul(value, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = (unsigned)v;
	return true;
}

/* Reads ADDR:PORT. */
static bool parse_listen(const char *value, web_settings_t *s)
{
	const char *colon = strrchr(value, ':');
	unsigned port;
	if (!colon || (size_t)(colon - value) >= sizeof s->addr || colon == value ||
	    !parse_uint(colon + 1, 1, 65535, &port))
		return false;
	memcpy(s->addr, value, (size_t)(colon - value));
	s->addr[colon - value] = '\0';
	s->port = port;
	return true;
}

/* See web.h. */
int web_settings_set(web_settings_t *s, const char *name, const char *value, err_t *e)
{
	bool ok;
	if (strcmp(name, "listen") == 0)
		ok = parse_listen(value, s);
	else if (strcmp(name, "threads") == 0)
		ok = parse_uint(value, 0, WEB_THREADS_MAX, &s->threads);
	else if (strcmp(name, "max_connections") == 0)
		ok = parse_uint(value, 1, 65536, &s->conn_max);
	else if (strcmp(name, "max_connections_per_ip") == 0)
		ok = parse_uint(value, 1, 65536, &s->conn_per_ip);
	else if (strcmp(name, "timeout") == 0)
		ok = parse_uint(value, 1, 3600, &s->timeout_s);
	else if (strcmp(name, "head_timeout") == 0)
		ok = parse_uint(value, 1, 300, &s->head_s);
	else if (strcmp(name, "trusted_proxy") == 0) {
		unsigned char a[16];
		ok = !value[0] || (strlen(value) < sizeof s->trusted_proxy &&
				   (inet_pton(AF_INET, value, a) == 1 || inet_pton(AF_INET6, value, a) == 1));
		if (ok)
			snprintf(s->trusted_proxy, sizeof s->trusted_proxy, "%s", value);
	} else if (strcmp(name, "cache_kib") == 0)
		ok = parse_uint(value, 256, 1u << 22, &s->cache_kib);
	else if (strcmp(name, "mmap_mib") == 0)
		ok = parse_uint(value, 0, 1u << 20, &s->mmap_mib);
	else if (strcmp(name, "secure_cookie") == 0) {
		ok = strcmp(value, "true") == 0 || strcmp(value, "false") == 0 || strcmp(value, "1") == 0 ||
		     strcmp(value, "0") == 0;
		s->secure_cookie = strcmp(value, "true") == 0 || strcmp(value, "1") == 0;
	} else if (strcmp(name, "log") == 0) {
		ok = strlen(value) < sizeof s->log;
		if (ok)
			snprintf(s->log, sizeof s->log, "%s", value);
	} else
		return err_set(e, PO_EINVAL, name, MSG_WEB_SETTING_UNKNOWN, name);
	return ok ? PO_OK : err_set(e, PO_EINVAL, name, MSG_WEB_SETTING, name, value);
}

/* Trims spaces at both ends of s in place; returns the start. */
static char *trim(char *s)
{
	char *end;
	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* See web.h. */
int web_settings_text(web_settings_t *s, const char *text, size_t len, const char *name, err_t *e)
{
	char line[WEB_CONFIG_LINE_MAX + 1];
	size_t at = 0;
	int lineno = 0, rc = PO_OK;
	while (!rc && at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		char *p, *eq, *hash;
		lineno++;
		if (n > WEB_CONFIG_LINE_MAX || memchr(text + at, '\0', n))
			return err_set(e, PO_EINVAL, "config", MSG_WEB_CONFIG_LINE, name, lineno);
		if (!vn_utf8_valid(text + at, n, NULL))
			return err_set(e, PO_EINVAL, "config", MSG_WEB_CONFIG_UTF8, name, lineno);
		memcpy(line, text + at, n);
		line[n] = '\0';
		at += n + 1;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		p = trim(line);
		if (!*p)
			continue;
		eq = strchr(p, '=');
		if (!eq)
			return err_set(e, PO_EINVAL, "config", MSG_WEB_CONFIG_LINE, name, lineno);
		*eq = '\0';
		p = trim(p);
		if (!*p)
			return err_set(e, PO_EINVAL, "config", MSG_WEB_CONFIG_LINE, name, lineno);
		rc = web_settings_set(s, p, trim(eq + 1), e);
	}
	return rc;
}

/* See web.h. */
int web_settings_file(web_settings_t *s, const char *path, err_t *e)
{
	char *text;
	size_t n;
	int rc;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, PO_EIO, "config", MSG_WEB_CONFIG_OPEN, path);
	text = malloc(WEB_CONFIG_MAX + 1);
	if (!text) {
		fclose(f);
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	n = fread(text, 1, WEB_CONFIG_MAX + 1, f);
	fclose(f);
	if (n > WEB_CONFIG_MAX)
		rc = err_set(e, PO_ELIMIT, "config", MSG_WEB_CONFIG_OPEN, path);
	else
		rc = web_settings_text(s, text, n, path, e);
	free(text);
	return rc;
}

/* See web.h. */
int web_settings_env(web_settings_t *s, err_t *e)
{
	static const char *const names[][2] = {
		{"PLUSONE_LISTEN", "listen"},
		{"PLUSONE_THREADS", "threads"},
		{"PLUSONE_MAX_CONNECTIONS", "max_connections"},
		{"PLUSONE_MAX_CONNECTIONS_PER_IP", "max_connections_per_ip"},
		{"PLUSONE_TIMEOUT", "timeout"},
		{"PLUSONE_HEAD_TIMEOUT", "head_timeout"},
		{"PLUSONE_TRUSTED_PROXY", "trusted_proxy"},
		{"PLUSONE_SECURE_COOKIE", "secure_cookie"},
		{"PLUSONE_LOG", "log"},
		{"PLUSONE_CACHE_KIB", "cache_kib"},
		{"PLUSONE_MMAP_MIB", "mmap_mib"},
	};
	size_t i;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *v = getenv(names[i][0]);
		int rc;
		if (v && (rc = web_settings_set(s, names[i][1], v, e)) != PO_OK)
			return rc;
	}
	return PO_OK;
}
