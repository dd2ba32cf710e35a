/* due_household.h: who of one household is due to pay ("Thu cho cả
 * hộ"), by the due list's own rules (app_due_in). */
#ifndef PLUSONE_APP_DUE_HOUSEHOLD_H
#define PLUSONE_APP_DUE_HOUSEHOLD_H

#include "app/collect.h"

#define HOUSEHOLD_DUE_DAYS 30 /* days ahead a household's collection looks, as the due list by default */
#define HOUSEHOLD_DUE_MAX 24  /* entries of one household at most (two schemes for 12 members) */

/* The entries of the due list on `on` (BHYT ending within `days` days or
 * ended less than 90 days ago, BHXH periods ended) of the members of
 * household id who live inside scope[0..nscope) (NULL: any), in the due
 * list's order, into out[0..*n) (at most max).  PO_ENOTFOUND when the
 * household does not exist or lies outside the scope. */
int app_household_due(app_t *a, int64_t id, const int64_t *scope, size_t nscope, date_t on, int days, due_item_t *out,
		      size_t max, size_t *n, err_t *e);

#endif
