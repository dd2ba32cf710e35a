/* json.c: JSON shapes of records (see json.h). */
#include "report/json.h"

/* See json.h. */
json_t *report_str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* See json.h. */
json_t *report_date(date_t d)
{
	char iso[DATE_ISO_LEN + 1];
	date_format_iso(d, iso);
	return json_string(iso);
}

/* See json.h. */
json_t *report_person(const person_t *p, bool full)
{
	json_t *o = json_object();
	char sex[2] = {p->sex, 0};
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "full_name", json_string(p->full_name));
	json_object_set_new(o, "dob", report_date(p->dob));
	json_object_set_new(o, "sex", json_string(sex));
	json_object_set_new(o, "cccd", report_str_or_null(p->cccd));
	json_object_set_new(o, "bhxh_code", report_str_or_null(p->bhxh_code));
	json_object_set_new(o, "phone", report_str_or_null(p->phone));
	json_object_set_new(o, "unit_code", json_string(p->unit_code));
	json_object_set_new(o, "household_code", report_str_or_null(p->household_code));
	if (full) {
		json_object_set_new(o, "dob_precision", json_string(p->dob.year_only ? "year" : "day"));
		json_object_set_new(o, "ethnicity", json_string(p->ethnicity));
		json_object_set_new(o, "relation", report_str_or_null(p->relation));
		json_object_set_new(o, "member", json_boolean(p->member));
	}
	return o;
}
