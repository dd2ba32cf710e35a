/* api_ops.h: what the OpenAPI document says of each /api/ route (see
 * api_ops.c), and how a request is checked against it. */
#ifndef PLUSONE_WEB_API_OPS_H
#define PLUSONE_WEB_API_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "web/schema.h"

/* A query argument: name, required, description, schema (integers and
 * booleans are read from their text).  Arrays end with a NULL name. */
typedef struct api_param {
	const char *name;
	bool required;
	const char *description;
	const schema_t *schema;
} api_param_t;

/* One answer of an operation: status, description, body schema (NULL
 * for none) and an example body (JSON text, NULL when the schema's
 * example serves).  Arrays end with status 0. */
typedef struct api_resp {
	unsigned status;
	const char *description;
	const schema_t *schema;
	const char *example;
} api_resp_t;

/* Operation flags. */
#define OP_STRICT 1u /* converted to the conventions: arguments and body are checked against their schemas */
#define OP_IDEMPOTENT 4u /* takes an Idempotency-Key header (a retry answers the first answer) */
#define OP_LATE 2u   /* that check is the handler's (web_api_values_ok), after what it checks first */

/* One operation, joined to the route table by method and pattern. */
typedef struct api_op {
	const char *method, *pattern;
	const char *id;            /* operationId */
	const char *tag;
	const char *summary;
	const char *description;
	const api_param_t *params; /* query arguments (the {id} is implied) */
	const schema_t *body;      /* the request body, NULL for none */
	const char *body_example;  /* a JSON text: a valid body on the demo data */
	const char *query_example; /* "q=lan&limit=2": valid arguments on the demo data */
	long long id_example;      /* a valid {id} on the demo data (0: none) */
	const api_resp_t *responses;
	unsigned flags;
} api_op_t;

extern const api_op_t api_ops[];
extern const size_t api_op_count;

/* The operation of method and pattern, or NULL. */
const api_op_t *api_op_find(const char *method, const char *pattern);

/* The OpenAPI 3 document of the /api/ routes of the route table, built
 * from api_ops and api_schemas (openapi.c).  A new reference; NULL when
 * a route has no operation (a programming error the tests catch). */
json_t *api_openapi_doc(void);

#endif
