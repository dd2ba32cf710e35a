/* test_openapi.c: the OpenAPI document served at /api/v1/openapi.json
 * describes exactly the /api/ routes of the route table: every route is
 * in it with its method, nothing else is, public routes say they need no
 * security, and every operation lists its responses, including 403 for
 * the routes some roles may not call. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/embedded.h"
#include "web/web_int.h"

EMBEDDED_DECLARE(web_static);

static json_t *doc;

/* Loads the embedded document. */
static int setup(void **state)
{
	size_t i;
	json_error_t je;
	(void)state;
	for (i = 0; i < web_static_count; i++)
		if (strcmp(web_static_files[i].name, "openapi.json") == 0)
			doc = json_loadb((const char *)web_static_files[i].data, web_static_files[i].len, 0, &je);
	if (!doc)
		fprintf(stderr, "openapi.json: %s (line %d)\n", je.text, je.line);
	return doc ? 0 : -1;
}

/* Frees it. */
static int teardown(void **state)
{
	(void)state;
	json_decref(doc);
	return 0;
}

/* The document's path for a route pattern: /api/v1/people/{id} as is,
 * without the /api/v1 prefix when the document has servers with it. */
static const char *doc_path(const char *pattern)
{
	return pattern;
}

/* It is OpenAPI 3 with a title and a version. */
static void is_openapi_3(void **state)
{
	(void)state;
	assert_true(strncmp(json_string_value(json_object_get(doc, "openapi")), "3.", 2) == 0);
	assert_non_null(json_string_value(json_object_get(json_object_get(doc, "info"), "title")));
	assert_non_null(json_string_value(json_object_get(json_object_get(doc, "info"), "version")));
}

/* The lowercase of a method into out. */
static void lower(const char *m, char out[16])
{
	size_t i;
	for (i = 0; m[i] && i < 15; i++)
		out[i] = (char)tolower((unsigned char)m[i]);
	out[i] = '\0';
}

/* Every /api/ route is documented with its responses. */
static void every_api_route_is_documented(void **state)
{
	json_t *paths = json_object_get(doc, "paths");
	size_t i;
	int bad = 0;
	(void)state;
	for (i = 0; i < web_route_count; i++) {
		const web_route_t *r = &web_routes[i];
		json_t *op, *resp, *sec;
		char m[16];
		if (strncmp(r->pattern, "/api/", 5) != 0)
			continue;
		lower(r->method, m);
		op = json_object_get(json_object_get(paths, doc_path(r->pattern)), m);
		if (!op) {
			print_error("not documented: %s %s\n", r->method, r->pattern);
			bad++;
			continue;
		}
		resp = json_object_get(op, "responses");
		if (!json_is_object(resp) || json_object_size(resp) == 0) {
			print_error("no responses: %s %s\n", r->method, r->pattern);
			bad++;
		}
		sec = json_object_get(op, "security");
		if (r->roles == R_PUBLIC && !(json_is_array(sec) && json_array_size(sec) == 0)) {
			print_error("public route without \"security\": []: %s %s\n", r->method, r->pattern);
			bad++;
		}
		if (r->roles != R_PUBLIC && !json_object_get(resp, "401")) {
			print_error("no 401 response: %s %s\n", r->method, r->pattern);
			bad++;
		}
		if (r->roles != R_PUBLIC && r->roles != R_ALL && !json_object_get(resp, "403")) {
			print_error("no 403 response for a route some roles may not call: %s %s\n", r->method, r->pattern);
			bad++;
		}
		if (strstr(r->pattern, "{id}") && !json_object_get(resp, "404")) {
			print_error("no 404 response: %s %s\n", r->method, r->pattern);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Nothing is documented that the route table does not serve. */
static void nothing_else_is_documented(void **state)
{
	json_t *paths = json_object_get(doc, "paths"), *item, *op;
	const char *path, *method;
	int bad = 0;
	(void)state;
	json_object_foreach(paths, path, item) {
		json_object_foreach(item, method, op) {
			size_t i;
			bool found = false;
			char m[16];
			if (strcmp(method, "parameters") == 0 || strcmp(method, "summary") == 0 ||
			    strcmp(method, "description") == 0)
				continue;
			for (i = 0; i < web_route_count; i++) {
				lower(web_routes[i].method, m);
				found |= strcmp(m, method) == 0 && strcmp(doc_path(web_routes[i].pattern), path) == 0;
			}
			if (!found) {
				print_error("documented but not served: %s %s\n", method, path);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(is_openapi_3),
		cmocka_unit_test(every_api_route_is_documented),
		cmocka_unit_test(nothing_else_is_documented),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
