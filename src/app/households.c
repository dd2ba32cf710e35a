/* households.c: poverty certificates of households and union membership
 * details: the dated facts that decide state support later. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"

/* See app.h. */
const char *poverty_name(enum poverty p)
{
	return p == POVERTY_POOR ? "poor" : p == POVERTY_NEAR_POOR ? "near_poor" : "";
}

/* See app.h. */
bool poverty_parse(const char *s, enum poverty *out)
{
	if (strcmp(s, "poor") == 0)
		*out = POVERTY_POOR;
	else if (strcmp(s, "near_poor") == 0)
		*out = POVERTY_NEAR_POOR;
	else
		return false;
	return true;
}

/* See app.h. */
int app_poverty_add(app_t *a, const char *household_code, enum poverty status, date_t from, date_t to,
		    err_t *e)
{
	poverty_cert_t c;
	char detail[192], f[DATE_ISO_LEN + 1], t[DATE_ISO_LEN + 1];
	int rc;
	if (status != POVERTY_POOR && status != POVERTY_NEAR_POOR)
		return err_set(e, PO_EINVAL, "status", MSG_POVERTY_STATUS, "?");
	if (date_cmp(to, from) < 0)
		return err_set(e, PO_EINVAL, "to", MSG_POVERTY_DATES);
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_household_find(a->store, household_code, &c.household_id, e);
	if (rc == PO_ENOTFOUND)
		rc = err_set(e, PO_EINVAL, "household", MSG_HOUSEHOLD_UNKNOWN, household_code);
	if (!rc) {
		c.status = status;
		c.valid_from = from;
		c.valid_to = to;
		rc = store_poverty_add(a->store, &c, e);
	}
	if (!rc) {
		date_format_iso(from, f);
		date_format_iso(to, t);
		snprintf(detail, sizeof detail, "{\"status\":\"%s\",\"valid_from\":\"%s\",\"valid_to\":\"%s\"}",
			 poverty_name(status), f, t);
		rc = store_audit(a->store, a->actor, "household.poverty", "household", c.household_id, detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

struct poverty_on_ctx {
	date_t on;
	enum poverty best;
};

/* Keeps the strongest status of the certificates valid on the date. */
static int poverty_on_fn(const poverty_cert_t *c, void *ctx)
{
	struct poverty_on_ctx *p = ctx;
	if (date_cmp(c->valid_from, p->on) <= 0 && date_cmp(p->on, c->valid_to) <= 0) {
		if (c->status == POVERTY_POOR || p->best == POVERTY_NONE)
			p->best = c->status;
	}
	return 0;
}

/* See app.h. */
int app_poverty_on(app_t *a, int64_t household_id, date_t on, enum poverty *out, err_t *e)
{
	struct poverty_on_ctx c = {on, POVERTY_NONE};
	int rc = store_poverty_each(a->store, household_id, poverty_on_fn, &c, e);
	*out = c.best;
	return rc;
}

/* See app.h. */
int app_membership_set(app_t *a, int64_t person_id, const char *branch_code, enum member_role role, date_t since,
		       err_t *e)
{
	membership_t m;
	person_t p;
	unit_t branch;
	char detail[192];
	int rc;
	if ((unsigned)role >= ROLE_COUNT)
		return err_set(e, PO_EINVAL, "role", MSG_INTERNAL, "role");
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_person_get(a->store, person_id, &p, e);
	if (!rc && branch_code && *branch_code) {
		rc = store_unit_by_code(a->store, branch_code, a->today, &branch, e);
		if (rc == PO_ENOTFOUND)
			rc = err_set(e, PO_EINVAL, "branch", MSG_UNIT_UNKNOWN, branch_code);
		else if (!rc && branch.kind != UNIT_BRANCH)
			rc = err_set(e, PO_EINVAL, "branch", MSG_BRANCH_NOT_BRANCH, branch_code);
	} else {
		branch.id = 0;
	}
	if (!rc) {
		m.person_id = person_id;
		m.branch_id = branch.id;
		m.role = role;
		m.since = since;
		rc = store_membership_set(a->store, person_id, true, &m, e);
	}
	if (!rc) {
		snprintf(detail, sizeof detail, "{\"branch\":\"%s\",\"role\":\"%s\"}", branch_code ? branch_code : "",
			 member_role_name(role));
		rc = store_audit(a->store, a->actor, "person.membership", "person", person_id, detail, e);
	}
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (rc)
		store_tx_rollback(a->store);
	return rc;
}

/* Keeps the newest PERSON_CERTS_MAX certificates. */
static int keep_cert(const poverty_cert_t *c, void *ctx)
{
	person_details_t *d = ctx;
	if (d->ncerts == PERSON_CERTS_MAX) {
		memmove(d->certs, d->certs + 1, (PERSON_CERTS_MAX - 1) * sizeof *d->certs);
		d->ncerts--;
	}
	d->certs[d->ncerts++] = *c;
	return 0;
}

/* See app.h. */
int app_person_details(app_t *a, int64_t id, const int64_t *scope, size_t nscope, person_details_t *d, err_t *e)
{
	int rc;
	memset(d, 0, sizeof *d);
	rc = app_person_get(a, id, scope, nscope, &d->p, e);
	if (rc)
		return rc;
	rc = store_membership_get(a->store, id, &d->membership, d->branch_code, e);
	if (rc && rc != PO_ENOTFOUND)
		return rc;
	d->has_membership = rc == PO_OK;
	if (d->p.household_id) {
		rc = store_poverty_each(a->store, d->p.household_id, keep_cert, d, e);
		if (!rc)
			rc = app_poverty_on(a, d->p.household_id, a->today, &d->poverty_today, e);
		if (rc)
			return rc;
	}
	return PO_OK;
}
