/* schema.c: the JSON Schema of a description and the strict check of a
 * request value against it (see schema.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "web/schema.h"

/* The document's name of a type. */
static const char *type_name(enum schema_type t)
{
	switch (t) {
	case S_OBJECT: return "object";
	case S_ARRAY: return "array";
	case S_STRING: return "string";
	case S_INTEGER: return "integer";
	case S_NUMBER: return "number";
	case S_BOOLEAN: return "boolean";
	default: return NULL;
	}
}

/* Sets key of o to the JSON text txt (ignored when NULL or malformed). */
static void set_json_text(json_t *o, const char *key, const char *txt)
{
	json_t *v;
	if (!txt)
		return;
	v = json_loads(txt, JSON_DECODE_ANY, NULL);
	if (v)
		json_object_set_new(o, key, v);
}

/* The type a schema states for itself, through references and
 * combinations (S_ANY when none). */
static enum schema_type own_type(const schema_t *s)
{
	if (s->type == S_REF)
		return own_type(s->ref);
	if (s->type == S_ALLOF || s->type == S_ONEOF) {
		if (s->alt_type != S_ANY)
			return s->alt_type;
		return s->alts[0] ? own_type(s->alts[0]) : S_ANY;
	}
	return s->type;
}

/* See schema.h. */
json_t *schema_json(const schema_t *s, bool top_named)
{
	json_t *o;
	const char *t;
	if (s->name && !top_named) {
		char ref[128];
		snprintf(ref, sizeof ref, "#/components/schemas/%s", s->name);
		return json_pack("{s:s}", "$ref", ref);
	}
	o = json_object();
	if (!o)
		return NULL;
	if (s->type == S_REF) {
		/* a reference with words or null beside it: allOf of one */
		json_object_set_new(o, "allOf", json_pack("[o]", schema_json(s->ref, false)));
		t = type_name(own_type(s->ref));
	} else if (s->type == S_ALLOF || s->type == S_ONEOF) {
		json_t *a = json_array();
		size_t i;
		for (i = 0; s->alts[i]; i++)
			json_array_append_new(a, schema_json(s->alts[i], false));
		json_object_set_new(o, s->type == S_ALLOF ? "allOf" : "oneOf", a);
		t = type_name(own_type(s));
	} else {
		t = type_name(s->type);
	}
	if (t)
		json_object_set_new(o, "type", json_string(t));
	if (s->nullable)
		json_object_set_new(o, "nullable", json_true());
	if (s->description)
		json_object_set_new(o, "description", json_string(s->description));
	if (s->format)
		json_object_set_new(o, "format", json_string(s->format));
	if (s->pattern)
		json_object_set_new(o, "pattern", json_string(s->pattern));
	set_json_text(o, "enum", s->enum_json);
	set_json_text(o, "default", s->default_json);
	set_json_text(o, "example", s->example);
	if (s->has_min)
		json_object_set_new(o, "minimum", json_integer(s->min));
	if (s->has_max)
		json_object_set_new(o, "maximum", json_integer(s->max));
	if (s->min_len)
		json_object_set_new(o, "minLength", json_integer(s->min_len));
	if (s->max_len)
		json_object_set_new(o, "maxLength", json_integer(s->max_len));
	if (s->min_items)
		json_object_set_new(o, "minItems", json_integer(s->min_items));
	if (s->max_items)
		json_object_set_new(o, "maxItems", json_integer(s->max_items));
	if (s->items)
		json_object_set_new(o, "items", schema_json(s->items, false));
	if (s->fields) {
		json_t *props = json_object(), *req = json_array();
		const field_t *f;
		for (f = s->fields; f->name; f++) {
			json_object_set_new(props, f->name, schema_json(f->s, false));
			if (f->required)
				json_array_append_new(req, json_string(f->name));
		}
		if (json_array_size(req))
			json_object_set_new(o, "required", req);
		else
			json_decref(req);
		json_object_set_new(o, "properties", props);
	}
	if (s->closed)
		json_object_set_new(o, "additionalProperties", json_false());
	return o;
}

/* Appends a problem (when there is room): field at, code, message id
 * formatted with the arguments that follow (the same for both
 * languages). */
static void add(schema_problem_t *p, size_t *n, const char *at, const char *code, enum msg_id id, ...)
{
	va_list ap;
	schema_problem_t *q;
	if (*n >= SCHEMA_PROBLEMS_MAX)
		return;
	q = &p[(*n)++];
	snprintf(q->field, sizeof q->field, "%s", at);
	q->code = code;
	va_start(ap, id);
	vsnprintf(q->vi, sizeof q->vi, msg_format(id, LANG_VI), ap);
	va_end(ap);
	va_start(ap, id);
	vsnprintf(q->en, sizeof q->en, msg_format(id, LANG_EN), ap);
	va_end(ap);
}

/* The message of what type t is. */
static enum msg_id type_msg(enum schema_type t)
{
	switch (t) {
	case S_STRING: return MSG_API_T_STRING;
	case S_INTEGER: return MSG_API_T_INTEGER;
	case S_NUMBER: return MSG_API_T_NUMBER;
	case S_BOOLEAN: return MSG_API_T_BOOLEAN;
	case S_OBJECT: return MSG_API_T_OBJECT;
	case S_ARRAY: return MSG_API_T_ARRAY;
	default: return MSG_API_T_VALUE;
	}
}

/* A type problem: at must be (a) t, in both languages. */
static void add_type(schema_problem_t *p, size_t *n, const char *at, enum schema_type t)
{
	schema_problem_t *q;
	if (*n >= SCHEMA_PROBLEMS_MAX)
		return;
	q = &p[(*n)++];
	snprintf(q->field, sizeof q->field, "%s", at);
	q->code = "type";
	snprintf(q->vi, sizeof q->vi, msg_format(MSG_API_TYPE, LANG_VI), at, msg_format(type_msg(t), LANG_VI));
	snprintf(q->en, sizeof q->en, msg_format(MSG_API_TYPE, LANG_EN), at, msg_format(type_msg(t), LANG_EN));
}

/* True when v is one of the values of the JSON array text en. */
static bool in_enum(const char *en, const json_t *v)
{
	json_t *a = json_loads(en, 0, NULL), *e;
	size_t i;
	bool found = false;
	json_array_foreach(a, i, e) if (json_equal(e, v)) found = true;
	json_decref(a);
	return found;
}

/* The allowed values of en as "a, b, c" into out. */
static void enum_list(const char *en, char *out, size_t cap)
{
	json_t *a = json_loads(en, 0, NULL), *e;
	size_t i, len = 0;
	out[0] = '\0';
	json_array_foreach(a, i, e) {
		char *t = json_dumps(e, JSON_ENCODE_ANY);
		if (t && len < cap)
			len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? ", " : "", t);
		free(t);
	}
	json_decref(a);
}

/* The value of the n decimal digits at s (the caller has checked that
 * they are digits). */
static int digits_value(const char *s, size_t n)
{
	int v = 0;
	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* True when s is a real day written YYYY-MM-DD. */
static bool is_iso_date(const char *s)
{
	size_t i;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	return date_valid(digits_value(s, 4), digits_value(s + 5, 2), digits_value(s + 8, 2));
}

/* The number of characters (code points) of the UTF-8 text s. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* See schema.h. */
size_t schema_check(const schema_t *s, const json_t *v, const char *at, schema_problem_t *p, size_t *n)
{
	size_t before = *n;
	const char *label = at[0] ? at : "body";
	if (json_is_null(v) && s->nullable)
		return 0;
	switch (s->type) {
	case S_ANY:
		break;
	case S_REF:
		if (json_is_null(v) && s->nullable)
			break;
		schema_check(s->ref, v, at, p, n);
		break;
	case S_ALLOF: {
		size_t i;
		for (i = 0; s->alts[i]; i++)
			schema_check(s->alts[i], v, at, p, n);
		break;
	}
	case S_ONEOF: {
		size_t i;
		bool ok = false;
		for (i = 0; s->alts[i] && !ok; i++) {
			schema_problem_t tmp[SCHEMA_PROBLEMS_MAX];
			size_t k = 0;
			ok = schema_check(s->alts[i], v, at, tmp, &k) == 0;
		}
		if (!ok)
			add_type(p, n, label, own_type(s));
		break;
	}
	case S_OBJECT: {
		const field_t *f;
		const char *k;
		json_t *m;
		if (!json_is_object(v)) {
			add_type(p, n, label, S_OBJECT);
			break;
		}
		if (!s->fields)
			break;
		json_object_foreach((json_t *)v, k, m) {
			bool known = false;
			for (f = s->fields; f->name && !known; f++)
				known = strcmp(f->name, k) == 0;
			if (!known) {
				char sub[96];
				snprintf(sub, sizeof sub, "%s%s%s", at, at[0] ? "." : "", k);
				add(p, n, sub, "unknown", MSG_API_UNKNOWN_MEMBER, sub);
			}
		}
		for (f = s->fields; f->name; f++) {
			char sub[96];
			json_t *mv = json_object_get(v, f->name);
			snprintf(sub, sizeof sub, "%s%s%s", at, at[0] ? "." : "", f->name);
			if (!mv) {
				if (f->required)
					add(p, n, sub, "required", MSG_API_REQUIRED, sub);
				continue;
			}
			schema_check(f->s, mv, sub, p, n);
		}
		break;
	}
	case S_ARRAY: {
		size_t i;
		json_t *e;
		if (!json_is_array(v)) {
			add_type(p, n, label, S_ARRAY);
			break;
		}
		if (s->min_items && json_array_size(v) < (size_t)s->min_items)
			add(p, n, label, "range", MSG_API_ITEMS_MIN, label, s->min_items);
		if (s->max_items && json_array_size(v) > (size_t)s->max_items)
			add(p, n, label, "range", MSG_API_ITEMS_MAX, label, s->max_items);
		json_array_foreach((json_t *)v, i, e) {
			char sub[96];
			snprintf(sub, sizeof sub, "%s[%zu]", at, i);
			if (s->items)
				schema_check(s->items, e, sub, p, n);
		}
		break;
	}
	case S_STRING: {
		const char *t;
		if (!json_is_string(v)) {
			add_type(p, n, label, S_STRING);
			break;
		}
		t = json_string_value(v);
		if (s->max_len && utf8_len(t) > (size_t)s->max_len)
			add(p, n, label, "too_long", MSG_API_TOO_LONG, label, s->max_len);
		else if (s->min_len && utf8_len(t) < (size_t)s->min_len)
			add(p, n, label, s->min_len == 1 ? "required" : "too_short",
			    s->min_len == 1 ? MSG_API_REQUIRED : MSG_API_TOO_SHORT, label, s->min_len);
		else if (s->format && strcmp(s->format, "date") == 0 && !is_iso_date(t))
			add(p, n, label, "format", MSG_API_DATE, label);
		break;
	}
	case S_INTEGER:
		if (!json_is_integer(v)) {
			add_type(p, n, label, S_INTEGER);
			break;
		}
		if (s->has_min && json_integer_value(v) < s->min)
			add(p, n, label, "range", MSG_API_MIN, label, (long long)s->min);
		else if (s->has_max && json_integer_value(v) > s->max)
			add(p, n, label, "range", MSG_API_MAX, label, (long long)s->max);
		break;
	case S_NUMBER:
		if (!json_is_number(v))
			add_type(p, n, label, S_NUMBER);
		break;
	case S_BOOLEAN:
		if (!json_is_boolean(v))
			add_type(p, n, label, S_BOOLEAN);
		break;
	}
	if (*n == before && s->enum_json && !json_is_null(v) && !in_enum(s->enum_json, v)) {
		char list[160];
		enum_list(s->enum_json, list, sizeof list);
		add(p, n, label, "enum", MSG_API_ENUM, label, list);
	}
	return *n - before;
}
