/* schema.h: static descriptions of the API's JSON values and what is
 * built from them: the JSON Schema of the OpenAPI document
 * (schema_json) and the checks of a request (schema_check_body,
 * schema_check_query).  One description serves both, so the document
 * and the server cannot disagree.
 *
 * A schema_t is a compile-time constant: a JSON type, whether null is
 * allowed, bounds, an enum (as JSON text), the members of an object
 * (each with its schema and whether it is required), the items of an
 * array, or a reference to a named schema (api_schemas.h). */
#ifndef PLUSONE_WEB_SCHEMA_H
#define PLUSONE_WEB_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum schema_type {
	S_ANY,     /* anything (no "type" in the document) */
	S_OBJECT,
	S_ARRAY,
	S_STRING,
	S_INTEGER,
	S_NUMBER,
	S_BOOLEAN,
	S_REF,     /* the named schema .ref */
	S_ALLOF,   /* every one of .alts */
	S_ONEOF,   /* exactly one of .alts */
};

typedef struct schema schema_t;

/* One member of an object: its name, schema and whether it must be
 * present.  Arrays of fields end with a NULL name. */
typedef struct field {
	const char *name;
	const schema_t *s;
	bool required;
} field_t;

struct schema {
	enum schema_type type;
	const char *name;          /* a named schema: its component name */
	bool nullable;             /* null is allowed too */
	const char *description;
	const char *format;        /* "date", "int64", "date-time" … */
	const char *pattern;       /* a regular expression (documented only) */
	const char *enum_json;     /* the allowed values as a JSON array text */
	const char *example;       /* a JSON text */
	const char *default_json;  /* a JSON text */
	bool has_min, has_max;
	int64_t min, max;          /* integers: inclusive bounds */
	int min_len, max_len;      /* strings: characters (0: none) */
	int min_items, max_items;  /* arrays (0: none) */
	const field_t *fields;     /* objects: members, NULL-name-terminated */
	bool closed;               /* objects: other members refused */
	const schema_t *items;     /* arrays */
	const schema_t *ref;       /* S_REF */
	const schema_t *const *alts; /* S_ALLOF, S_ONEOF: NULL-terminated */
	enum schema_type alt_type; /* S_ALLOF, S_ONEOF: a type stated beside */
};

/* The JSON Schema (OpenAPI 3.0 dialect) of s: a named schema other than
 * the top one (top_named false) becomes {"$ref":
 * "#/components/schemas/NAME"}.  A new reference; NULL on no memory. */
json_t *schema_json(const schema_t *s, bool top_named);

/* One problem of a request: where (a member path such as "items[1].months"
 * or a query argument), a stable code and the two messages. */
typedef struct schema_problem {
	char field[96];
	const char *code;          /* "required", "type", "unknown", "enum", "range", "too_long", "format" */
	char vi[200], en[200];
} schema_problem_t;

#define SCHEMA_PROBLEMS_MAX 16

/* Checks the JSON value v against s, appending each problem found at
 * path prefix `at` to p[*n] (at most SCHEMA_PROBLEMS_MAX in all).
 * Strict: a number where a string is required is a problem, and so is a
 * member an object does not list (every body object is closed).
 * Returns the number of problems added. */
size_t schema_check(const schema_t *s, const json_t *v, const char *at, schema_problem_t *p, size_t *n);

#endif
