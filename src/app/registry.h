/* registry.h: the registry's use cases for the web API (see app.h):
 * the dashboard, units, people, households, quotes, the pension
 * projection and legal parameters, each inside the caller's units.
 *
 * Scope.  A read takes the caller's units as a sorted array of unit ids
 * (scope[0..nscope), what app_unit_scope_id gives); a record outside
 * them answers PO_ENOTFOUND exactly like a missing one (same code, field
 * and message).  A write takes the acting user and works out her units
 * itself; a viewer, who may not change data, is refused with PO_EINVAL
 * on the field "role" (the adapter makes that a 403).  Each write runs in
 * one transaction and appends one audit entry.
 */
#ifndef PLUSONE_APP_REGISTRY_H
#define PLUSONE_APP_REGISTRY_H

#include "app/app.h"
#include "app/collect.h"
#include "rules/advance.h"
#include "rules/param_notice.h"
#include "rules/bhxh.h"
#include "rules/bhyt.h"
#include "rules/card.h"
#include "rules/pension.h"

/* The sorted ids of the units user `by` may change (*ids malloc'd, the
 * caller frees).  PO_EINVAL on "role" for a viewer or a disabled login. */
int app_writer_scope(app_t *a, const user_t *by, int64_t **ids, size_t *n, err_t *e);

/* ---- people (people.c) ---- */

/* Changes a person on behalf of user `by`: only the columns present in
 * `in` (v[c] not NULL) change; a present optional column that is empty
 * clears it (household_code "" takes her out of her household), a
 * present required column must have a value.  The result is checked
 * like an import row (person_parse: every error collected in errs, each
 * naming its column), with the columns not given taken from the stored
 * person (a new date of birth is checked against her stored CCCD).
 * A unit not given stays the stored unit, even an ended one.  A new
 * household code is found (one of a unit outside by's units is answered
 * as unknown, PO_EINVAL "household_code") or created in her unit; a
 * relation that names
 * the head ("chủ hộ") makes her the household's head; leaving a household
 * she headed leaves it without a head; member no also deletes her
 * branch and role.  The search index follows the new name and unit.
 * Refusals: PO_ENOTFOUND when she does not exist or lives outside by's
 * units; PO_EINVAL "unit_code" for a new unit outside them; PO_ECONFLICT
 * naming cccd or bhxh_code when the number belongs to someone else;
 * PO_EINVAL "role" for a viewer.  Audited "person.update" with
 * {"before":{…},"after":{…}} over the changed fields only, CCCD in full
 * (the audit log is read by administrators only); nothing is written
 * and nothing audited when nothing changes.  *out is the stored person. */
int app_person_update(app_t *a, const user_t *by, int64_t id, const person_fields_t *in, person_t *out, err_t *errs,
		      size_t *nerrs);

/* ---- the dashboard ---- */

#define DASHBOARD_DUE_DAYS 30 /* BHYT cards ending within this many days are due */
#define DASHBOARD_CHANGES_MAX 8 /* parameter changes announced at most */

/* The figures of the caller's units on a date. */
typedef struct dashboard {
	date_t date;
	store_figures_t f;   /* see store_registry.h */
	int due_days;
	bool has_cash;       /* the caller may collect money (admin, union, collector) */
	int64_t cash_receipts;
	money_t cash_collected, cash_remitted;
	/* parameters coming into force within UPCOMING_DAYS after the date
	 * (app_upcoming_changes), for officers, union cadres and
	 * administrators; none for collectors and viewers */
	param_notice_t upcoming[DASHBOARD_CHANGES_MAX];
	size_t nupcoming;
} dashboard_t;

/* The dashboard of user u over her units scope[0..nscope) on `on`:
 * people, union members, members with a BHYT card valid on the date
 * (the share is members_bhyt of members: both counts are given), people
 * with a BHYT card, voluntary BHXH participants covered on the date, the
 * valid receipts dated that day whose payer lives in the units (count
 * and total), people due (as app_due with DASHBOARD_DUE_DAYS: BHYT ending
 * within 30 days or ended less than 90 days ago; BHXH whose paid period
 * ended) and, for a role that may collect, her own cash on hand (as
 * app_cash); for an officer, a union cadre or an administrator, the
 * parameter changes of the next UPCOMING_DAYS days (after `on`, up to
 * `on` + 60 days).  A handful of aggregate queries, whatever the size. */
int app_dashboard(app_t *a, const user_t *u, const int64_t *scope, size_t nscope, date_t on, dashboard_t *out,
		  err_t *e);

/* ---- units ---- */

/* A unit with the codes around it: its parent, the unit that stands for
 * the parent on the date asked (the parent's successor when a
 * reorganisation ended it) and, for an ended unit, the one that took it
 * over ("" when none). */
typedef struct unit_view {
	unit_t u;
	char parent_code[UNIT_CODE_MAX + 1];
	char current_parent_code[UNIT_CODE_MAX + 1];
	char successor_code[UNIT_CODE_MAX + 1];
} unit_view_t;

/* Calls fn for each unit inside scope[0..nscope) that is in force on
 * `on` (every version when all is set), in code order; stops when fn
 * returns non-zero. */
int app_units_list(app_t *a, const int64_t *scope, size_t nscope, date_t on, bool all,
		   int (*fn)(const unit_view_t *v, void *ctx), void *ctx, err_t *e);

/* One unit with its parent (only when the parent is inside the scope),
 * its children in force on the date (a unit whose parent ended hangs
 * under the parent's successor, as `unit list` shows it), and the people
 * of its subtree (predecessors included, as `unit count`). */
typedef struct unit_detail {
	unit_view_t unit;
	bool has_parent;
	unit_view_t parent;
	unit_view_t *children;   /* malloc'd: unit_detail_free */
	size_t nchildren;
	int64_t people;
} unit_detail_t;

/* The unit with that id seen on `on`; PO_ENOTFOUND when it does not
 * exist or is outside scope[0..nscope). */
int app_unit_detail(app_t *a, int64_t id, const int64_t *scope, size_t nscope, date_t on, unit_detail_t *out,
		    err_t *e);
void unit_detail_free(unit_detail_t *d);

/* Adds unit u (as app_unit_add) on behalf of user `by`, under the unit
 * with code parent_code, which must be inside by's units (PO_EINVAL
 * "parent" otherwise, and when none is given).  *out is the new unit. */
int app_unit_add_under(app_t *a, const user_t *by, unit_t *u, const char *parent_code, unit_view_t *out, err_t *e);

/* ---- households ---- */

#define HOUSEHOLD_MEMBERS_MAX 200 /* members shown with a household */

/* A household: code, unit, head, its members inside the scope (the head
 * first, then by date of birth), its poverty status on the date and its
 * newest certificates (oldest first). */
typedef struct household_view {
	household_rec_t h;
	person_t *members;       /* malloc'd: household_view_free */
	size_t nmembers;
	enum poverty poverty_today;
	poverty_cert_t certs[PERSON_CERTS_MAX];
	size_t ncerts;
} household_view_t;

/* The household with that id as stored (no members): PO_ENOTFOUND when
 * it does not exist or its unit is outside scope[0..nscope). */
int app_household_find(app_t *a, int64_t id, const int64_t *scope, size_t nscope, household_rec_t *h, err_t *e);

/* The household with that id, seen on `on`; PO_ENOTFOUND when it does
 * not exist or its unit is outside scope[0..nscope). */
int app_household_get(app_t *a, int64_t id, const int64_t *scope, size_t nscope, date_t on, household_view_t *out,
		      err_t *e);
void household_view_free(household_view_t *h);

/* Makes person_id the head of household id, on behalf of `by`: the
 * household must be inside by's units (PO_ENOTFOUND), the person one of
 * its members (PO_EINVAL "head").  Audited "household.head" with the
 * head before and after. */
int app_household_set_head(app_t *a, const user_t *by, int64_t id, int64_t person_id, err_t *e);

/* Records a poverty certificate of household id (as app_poverty_add,
 * which takes a code), on behalf of `by`: the household must be inside
 * by's units (PO_ENOTFOUND). */
int app_household_poverty_add(app_t *a, const user_t *by, int64_t id, enum poverty status, date_t from, date_t to,
			      err_t *e);

/* ---- a person's participation, coverage, pension ---- */

/* app_participation for a person inside scope[0..nscope) (PO_ENOTFOUND
 * otherwise). */
int app_person_participation(app_t *a, int64_t id, const int64_t *scope, size_t nscope, date_t on,
			     participation_t *out, err_t *e);

#define COVERAGE_PERIODS_MAX 500  /* paid periods shown with a person */
#define COVERAGE_RECEIPTS_MAX 200 /* receipts shown with a person */

/* A person's coverage timeline, for a person inside the scope
 * (PO_ENOTFOUND otherwise): calls period() for her paid periods, both
 * schemes, from receipts and imported cover, newest first (at most
 * COVERAGE_PERIODS_MAX), then receipt() for the receipts she paid or is
 * covered by, void ones included, newest first (at most
 * COVERAGE_RECEIPTS_MAX).  Stops when a callback returns non-zero. */
int app_person_coverage(app_t *a, int64_t id, const int64_t *scope, size_t nscope,
			int (*period)(const coverage_period_t *p, void *ctx), int (*receipt)(const receipt_t *r, void *ctx),
			void *ctx, err_t *e);

/* A pension projection of a person and what it was computed from. */
typedef struct pension_view {
	pension_plan_t plan;        /* the inputs given to pension_project */
	pension_projection_t pr;
	bool enrolled;              /* she has paid voluntary BHXH */
	date_t first_covered, last_covered;
	bool planned_to_retirement; /* months_planned was worked out, not given */
} pension_view_t;

/* Projects the pension of a person inside the scope (PO_ENOTFOUND
 * otherwise) from her date of birth and sex and her voluntary BHXH so
 * far (receipts and imported cover: whole months before 2014 and from
 * 2014; joined before 2021 when her first period began before
 * 2021-01-01; the state and local support on her receipts).  income > 0
 * is the average monthly income; 0 takes the income of her latest
 * receipt line (PO_EINVAL "income" when she has none).  months_planned
 * >= 0 is the months she will still pay; < 0 means every month from the
 * one after her last covered day (or this month, when she is not
 * covered today) until she reaches retirement age.  `today` as
 * pension_project's. */
int app_person_pension(app_t *a, int64_t id, const int64_t *scope, size_t nscope, date_t today, money_t income,
		       int months_planned, pension_view_t *out, err_t *e);

/* Records union membership (as app_membership_set) of person id on
 * behalf of `by`: she must be inside by's units (PO_ENOTFOUND), and so
 * must the branch when one is named (PO_EINVAL "branch").  *out is the
 * person with her details afterwards. */
int app_person_membership(app_t *a, const user_t *by, int64_t id, const char *branch_code, enum member_role role,
			  date_t since, person_details_t *out, err_t *e);

/* Records that person id stopped voluntary BHXH on d (as
 * app_participation_stop) on behalf of `by`: she must be inside by's
 * units (PO_ENOTFOUND).  *out is her participation on d afterwards. */
int app_person_stop(app_t *a, const user_t *by, int64_t id, date_t d, const char *reason, participation_t *out,
		    err_t *e);

/* ---- quotes (no writes) ---- */

/* bhxh_quote with the parameters in the database. */
int app_quote_bhxh(app_t *a, const bhxh_request_t *r, bhxh_quote_t *q, err_t *e);

/* A BHXH payment at once: in advance for n years (advance:
 * bhxh_advance_quote_for with r's date, income, category and support
 * received before) or for n missing months (bhxh_missing_quote at r's
 * date and income). */
int app_quote_bhxh_lump(app_t *a, const bhxh_request_t *r, bool advance, int n, lump_quote_t *q, err_t *e);

/* The notes of a quote paid on `paid` whose period runs to `end`: the
 * parameter changes after paid and by end that it does not follow
 * (bhxh_quote_notices for scheme "bhxh" and category c, else
 * bhyt_quote_notices), at most max in out, their number in *n. */
int app_quote_notices(app_t *a, const char *scheme, date_t paid, date_t end, enum bhxh_category c,
		      param_notice_t *out, size_t max, size_t *n, err_t *e);

/* The notes of a payment made on `paid` with lines[0..nlines) (a
 * collection or its preview): app_quote_notices for each line's scheme,
 * category and last covered day, each change once (by family, key and
 * date), at most max in out, their number in *n. */
int app_lines_notices(app_t *a, date_t paid, const receipt_line_t *lines, size_t nlines, param_notice_t *out,
		      size_t max, size_t *n, err_t *e);

/* The parameter rows that come into force after `today` and within
 * `days` days (param_changes over every family), at most max in out,
 * their number in *n: the dashboard's announcements. */
#define UPCOMING_DAYS 60
int app_upcoming_changes(app_t *a, date_t today, int days, param_notice_t *out, size_t max, size_t *n, err_t *e);

/* bhyt_quote with the parameters in the database; with card set, also
 * the card's validity (bhyt_card_validity: has_previous and
 * previous_end as there). */
int app_quote_bhyt(app_t *a, const bhyt_request_t *r, bhyt_quote_t *q, card_validity_t *card, bool has_previous,
		   date_t previous_end, err_t *e);

/* ---- legal parameters ---- */

/* Checks and copies a parameter row as typed (the command line and the
 * API share it): family, key (NULL for ""), the first day (YYYY-MM-DD),
 * the value (a whole number), source, status and note (NULL for "").
 * PO_EINVAL naming the field; app_param_add checks the rest. */
int app_param_parse(const char *family, const char *key, const char *from, const char *value, const char *source,
		    const char *status, const char *note, param_record_t *out, err_t *e);

#endif
