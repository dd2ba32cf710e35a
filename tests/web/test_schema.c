/* test_schema.c: the schema layer (web/schema.c): strict checks of a
 * request value (a number where a string is required, an unknown or
 * missing member, an enum, bounds, a date, array items), each problem
 * with its field, code and both messages; and the JSON Schema written
 * for the document (type also when nullable, required, enum). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "web/api_schemas.h"
#include "web/schema.h"

static const schema_t person_like = {
	.type = S_OBJECT,
	.fields = (const field_t[]){
		{"full_name", &(const schema_t){.type = S_STRING, .min_len = 1, .max_len = 5}, true},
		{"phone", &(const schema_t){.type = S_STRING, .nullable = true}, false},
		{"months", &(const schema_t){.type = S_INTEGER, .enum_json = "[1,3,6,12]"}, false},
		{"dob", &(const schema_t){.type = S_STRING, .format = "date"}, false},
		{"age", &(const schema_t){.type = S_INTEGER, .has_min = true, .min = 15, .has_max = true, .max = 60}, false},
		{"items", &(const schema_t){.type = S_ARRAY, .min_items = 1, .items = &(const schema_t){.type = S_OBJECT, .fields = (const field_t[]){{"person", &(const schema_t){.type = S_INTEGER}, true}, {NULL, NULL, false}}}}, false},
		{NULL, NULL, false}}};

/* Checks the JSON text txt against person_like into p; the count. */
static size_t check_text(const char *txt, schema_problem_t *p)
{
	json_t *v = json_loads(txt, 0, NULL);
	size_t n = 0;
	assert_non_null(v);
	schema_check(&person_like, v, "", p, &n);
	json_decref(v);
	return n;
}

/* A valid body has no problem; null is allowed where nullable. */
static void valid_body(void **state)
{
	schema_problem_t p[SCHEMA_PROBLEMS_MAX];
	(void)state;
	assert_int_equal(check_text("{\"full_name\": \"Lan\", \"phone\": null, \"months\": 6, \"dob\": \"1980-02-29\", "
				    "\"age\": 15, \"items\": [{\"person\": 3}]}", p), 0);
}

/* "phone": 912000773 is refused naming phone, in both languages. */
static void number_for_string(void **state)
{
	schema_problem_t p[SCHEMA_PROBLEMS_MAX];
	(void)state;
	assert_int_equal(check_text("{\"full_name\": \"Lan\", \"phone\": 912000773}", p), 1);
	assert_string_equal(p[0].field, "phone");
	assert_string_equal(p[0].code, "type");
	assert_string_equal(p[0].en, "phone must be a string");
	assert_string_equal(p[0].vi, "phone phải là một chuỗi ký tự");
}

/* Every problem of a body is listed, each with its code. */
static void every_problem_listed(void **state)
{
	schema_problem_t p[SCHEMA_PROBLEMS_MAX];
	(void)state;
	assert_int_equal(check_text("{\"nam\": 1, \"months\": 5, \"dob\": \"1990-02-29\", \"age\": 61, "
				    "\"items\": [{\"person\": \"3\"}]}", p), 6);
	assert_string_equal(p[0].field, "nam");
	assert_string_equal(p[0].code, "unknown");
	assert_string_equal(p[1].field, "full_name");
	assert_string_equal(p[1].code, "required");
	assert_string_equal(p[2].field, "months");
	assert_string_equal(p[2].code, "enum");
	assert_string_equal(p[2].en, "months must be one of 1, 3, 6, 12");
	assert_string_equal(p[3].field, "dob");
	assert_string_equal(p[3].code, "format");
	assert_string_equal(p[4].field, "age");
	assert_string_equal(p[4].en, "age must be 60 or less");
	assert_string_equal(p[5].field, "items[0].person");
	assert_string_equal(p[5].code, "type");
}

/* Lengths count characters, not bytes. */
static void lengths_in_characters(void **state)
{
	schema_problem_t p[SCHEMA_PROBLEMS_MAX];
	(void)state;
	assert_int_equal(check_text("{\"full_name\": \"Lâm Ả\"}", p), 0);
	assert_int_equal(check_text("{\"full_name\": \"Lâm Thị\"}", p), 1);
	assert_string_equal(p[0].code, "too_long");
	assert_int_equal(check_text("{\"full_name\": \"\"}", p), 1);
	assert_string_equal(p[0].code, "required");
}

/* The document's schema: a nullable member keeps its type; required and
 * enum are written; a named schema becomes a $ref. */
static void json_schema_written(void **state)
{
	json_t *s = schema_json(&person_like, true), *phone, *months, *cur;
	(void)state;
	phone = json_object_get(json_object_get(s, "properties"), "phone");
	assert_string_equal(json_string_value(json_object_get(phone, "type")), "string");
	assert_true(json_is_true(json_object_get(phone, "nullable")));
	months = json_object_get(json_object_get(s, "properties"), "months");
	assert_int_equal(json_array_size(json_object_get(months, "enum")), 4);
	assert_int_equal(json_array_size(json_object_get(s, "required")), 1);
	json_decref(s);
	cur = schema_json(&SCH_Cursor, false);
	assert_string_equal(json_string_value(json_object_get(cur, "$ref")), "#/components/schemas/Cursor");
	json_decref(cur);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_body),
		cmocka_unit_test(number_for_string),
		cmocka_unit_test(every_problem_listed),
		cmocka_unit_test(lengths_in_characters),
		cmocka_unit_test(json_schema_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
