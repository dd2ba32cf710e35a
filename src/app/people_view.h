/* people_view.h: what the people pages show beside a person's record:
 * her cover (BHYT valid until, BHXH paid until), unit names beside
 * codes, the units a form may choose from, and the commune-wide search
 * that tells a collector who lives outside her units. */
#ifndef PLUSONE_APP_PEOPLE_VIEW_H
#define PLUSONE_APP_PEOPLE_VIEW_H

#include "app/app.h"

/* A person's cover: the last day of her BHYT cards and of her paid BHXH
 * periods (receipts not void and imported cover). */
typedef struct person_cover {
	bool has_bhyt, has_bhxh;
	date_t bhyt_to, bhxh_to;
} person_cover_t;

/* The cover of person id (the caller has checked her scope). */
int app_person_cover(app_t *a, int64_t id, person_cover_t *out, err_t *e);

/* The name of unit id into out (cap bytes); "" when there is none. */
int app_unit_name(app_t *a, int64_t unit_id, char *out, size_t cap, err_t *e);

/* Calls fn for each unit of scope[0..nscope) in force today (hamlets and
 * communes a person can live in: not branches or groups), by code. */
int app_units_for_people(app_t *a, const int64_t *scope, size_t nscope, int (*fn)(const unit_t *u, void *ctx),
			 void *ctx, err_t *e);

/* The commune (or ward, town) that holds user u's unit, when her unit
 * is below it (a hamlet, a branch): out->id is 0 otherwise. */
int app_user_commune(app_t *a, const user_t *u, unit_t *out, err_t *e);

#define WIDE_SEARCH_MAX 20 /* people a commune-wide search shows */

/* A person as the commune-wide search shows one outside the user's
 * units: her name, year of birth and hamlet, nothing else. */
typedef struct wide_hit {
	char full_name[NAME_BYTES_MAX + 1];
	int year;
	char unit_name[UNIT_NAME_MAX + 1];
} wide_hit_t;

/* Searches query q in the commune (or ward, town) that holds user u's
 * unit, and gives in hits[0..*n) (at most WIDE_SEARCH_MAX) only the
 * people outside u's units scope[0..nscope).  *commune_name is the
 * commune searched.  A user whose unit is a commune or above has
 * nothing outside to look in: *n is 0. */
int app_people_search_wide(app_t *a, const user_t *u, const int64_t *scope, size_t nscope, const char *q,
			   wide_hit_t *hits, size_t *n, char *commune_name, size_t cap, err_t *e);

#endif
