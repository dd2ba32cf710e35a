/* due_household.c: who of one household is due (see due_household.h). */
#include <stdlib.h>
#include <string.h>

#include "app/due_household.h"
#include "app/registry.h"

/* Orders unit ids ascending (qsort). */
static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* What the walk over the due list keeps. */
struct keep {
	int64_t household;
	due_item_t *out;
	size_t n, max;
};

/* Keeps an entry of the household's members (app_due_in callback). */
static int keep_one(const due_item_t *d, void *ctx)
{
	struct keep *k = ctx;
	if (d->p.household_id != k->household)
		return 0;
	if (k->n < k->max)
		k->out[k->n++] = *d;
	return 0;
}

/* See due_household.h.  The due list of the units the members live in,
 * filtered to the household: the same rules, nothing computed twice. */
int app_household_due(app_t *a, int64_t id, const int64_t *scope, size_t nscope, date_t on, int days, due_item_t *out,
		      size_t max, size_t *n, err_t *e)
{
	household_view_t h;
	struct keep k = {id, out, 0, max};
	int64_t *units;
	size_t i, j, nu = 0;
	int rc;
	*n = 0;
	memset(&h, 0, sizeof h);
	rc = app_household_get(a, id, scope, nscope, on, &h, e);
	if (rc)
		return rc;
	units = malloc((h.nmembers ? h.nmembers : 1) * sizeof *units);
	if (!units) {
		household_view_free(&h);
		return err_set(e, PO_ENOMEM, NULL, MSG_NOMEM);
	}
	for (i = 0; i < h.nmembers; i++)
		if (!scope || unit_set_has(scope, nscope, h.members[i].unit_id))
			units[nu++] = h.members[i].unit_id;
	household_view_free(&h);
	qsort(units, nu, sizeof *units, by_id);
	for (i = 1, j = nu ? 1 : 0; i < nu; i++) /* unique, in place */
		if (units[i] != units[j - 1])
			units[j++] = units[i];
	nu = j;
	rc = nu ? app_due_in(a, units, nu, on, days, keep_one, &k, NULL, e) : PO_OK;
	free(units);
	if (!rc)
		*n = k.n;
	return rc;
}
