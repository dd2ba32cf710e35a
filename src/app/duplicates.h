/* duplicates.h: adding a person without ever changing another, and the
 * possible duplicates list: people who share a name, date of birth, sex
 * and unit, that a cadre merges by hand or marks as two people.
 *
 * Scope.  scope[0..nscope) are the units the caller may change (what
 * app_writer_scope gives; NULL for the operator, who may change all): a
 * pair is listed only when both its people are inside them, and a person
 * or pair outside them answers PO_ENOTFOUND exactly as a missing one. */
#ifndef PLUSONE_APP_DUPLICATES_H
#define PLUSONE_APP_DUPLICATES_H

#include "app/app.h"
#include "store/store_duplicates.h"

#define PERSON_CANDIDATES_MAX 8 /* people a new person may be, shown to the one adding her */

/* Adds one new person from typed fields on behalf of user `by` (the web
 * form and API), checked like an import row.  It never changes anyone
 * else: a CCCD or mã số BHXH already present is PO_ECONFLICT naming it;
 * a unit or a household (by code) outside by's units answers as an
 * unknown one (PO_EINVAL "unit_code" / "household_code"); when she has
 * neither number and people of the same name, date of birth, sex and
 * unit exist, nothing is written and PO_ECONFLICT "candidates" lists
 * them in cands[0..*ncands) (at most PERSON_CANDIDATES_MAX), unless
 * confirm_new says she is another person: then she is added and the
 * audit entry "person.add" names the candidates she is not.  A viewer is
 * refused with PO_EFORBIDDEN "role".  *out is the stored person. */
int app_person_add(app_t *a, const user_t *by, const person_fields_t *in, bool confirm_new, person_t *out,
		   person_t *cands, size_t *ncands, err_t *errs, size_t *nerrs);

/* An open pair of the list with both its people as stored. */
typedef struct dup_view {
	dup_pair_t pair;
	person_t older, newer;
} dup_view_t;

/* Calls fn for each open pair whose two people are inside scope (and,
 * when filter is not NULL, inside filter[0..nfilter) too), oldest pair
 * first; stops when fn returns non-zero. */
int app_duplicates_list(app_t *a, const int64_t *scope, size_t nscope, const int64_t *filter, size_t nfilter,
			int (*fn)(const dup_view_t *v, void *ctx), void *ctx, err_t *e);

/* Merges person drop into person keep, in one transaction: everything
 * recorded about drop moves to keep (store_person_merge), drop is
 * deleted, keep's empty fields take drop's values and, where both have
 * a different value, keep's stays and drop's is kept in the audit entry
 * "person.merge" on keep: {"dropped": ID, "dropped_person": {…every
 * field…}, "filled": {field: value}, "conflicts": {field: {"kept",
 * "dropped"}}}.  A union member stays one if either was.  Both ids must
 * be inside scope (PO_ENOTFOUND otherwise, for either); PO_EINVAL
 * "drop" when they are one person.  *out is keep afterwards. */
int app_people_merge(app_t *a, const int64_t *scope, size_t nscope, int64_t keep, int64_t drop, person_t *out,
		     err_t *e);

/* The open pair id with its two people; PO_ENOTFOUND when it does not
 * exist, is closed, or either person is outside scope. */
int app_duplicate_get(app_t *a, const int64_t *scope, size_t nscope, int64_t id, dup_view_t *out, err_t *e);

/* Marks the open pair id as two different people (audited
 * "person.distinct" on the older with the newer's id).  PO_ENOTFOUND
 * when the pair does not exist, is closed, or either person is outside
 * scope. */
int app_duplicate_distinct(app_t *a, const int64_t *scope, size_t nscope, int64_t id, err_t *e);

/* Writes person p over the stored one with the same id, search index
 * included (people.c). */
int person_write(app_t *a, const person_t *p, err_t *e);

#endif
