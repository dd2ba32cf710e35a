/* store_registry.h: part of the store interface (see store.h): the
 * registry's read models for the web API: figures of a set of units,
 * households with their members, a person's paid periods and receipts.
 *
 * A set of units is passed as a sorted array of unit ids (what
 * unit_tree_subtree gives); the backend filters on it inside one query
 * (never one query per unit or per person). */
#ifndef PLUSONE_STORE_REGISTRY_H
#define PLUSONE_STORE_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/model.h"
#include "core/err.h"

/* store_t is declared by store.h, which includes this file at its end. */

/* The figures of a set of units on a date. */
typedef struct store_figures {
	int64_t people;          /* people attached to the units */
	int64_t members;         /* of them, union members */
	int64_t members_bhyt;    /* members with a BHYT card valid on the date */
	int64_t bhyt_active;     /* people with a BHYT card valid on the date */
	int64_t bhxh_active;     /* people whose voluntary BHXH covers the date */
	int64_t receipts;        /* valid receipts dated that day whose payer lives in the units */
	money_t collected;       /* their total */
	int64_t due_bhyt;        /* last BHYT day within [date - 90, date + due_days] */
	int64_t due_bhxh;        /* last BHXH day before the date */
} store_figures_t;

#define STORE_FIGURES_PEOPLE_MAX 4000000 /* people of one set store_figures counts */

/* The figures of the units units[0..n) on `on` ("valid" is over receipts
 * not void and imported cover; a period covers the days from its first
 * to its last, both included).  due_days as app_due's `days`.  Holds 24
 * bytes per person of the units while it counts (PO_ELIMIT beyond
 * STORE_FIGURES_PEOPLE_MAX people). */
int store_figures(store_t *s, const int64_t *units, size_t n, date_t on, int due_days, store_figures_t *out,
		  err_t *e);

/* The number of people attached to the units units[0..n). */
int store_people_in_units(store_t *s, const int64_t *units, size_t n, int64_t *count, err_t *e);

/* A household as stored. */
typedef struct household_rec {
	int64_t id;
	char code[HOUSEHOLD_CODE_MAX + 1];
	int64_t unit_id;
	char unit_code[UNIT_CODE_MAX + 1];
	int64_t head_id;         /* 0 when no head is recorded */
} household_rec_t;

/* The household with that id, or PO_ENOTFOUND (e filled). */
int store_household_get(store_t *s, int64_t id, household_rec_t *h, err_t *e);

/* Calls fn(person_id, ctx) for each member of the household: the head
 * first, then by date of birth and id; stops when fn returns non-zero
 * (and returns that value). */
int store_household_members_each(store_t *s, int64_t household_id, int (*fn)(int64_t person_id, void *ctx),
				 void *ctx, err_t *e);

/* Records that the household has no head. */
int store_household_clear_head(store_t *s, int64_t household_id, err_t *e);

/* One paid period of a person: a line of a valid receipt, or cover
 * imported from an insurance-office list. */
typedef struct coverage_period {
	char scheme[5];          /* "bhxh" or "bhyt" */
	date_t from, to;         /* first and last covered day */
	int months;              /* months paid (receipt lines; 0 for imports) */
	bool imported;
	int64_t receipt_id;      /* 0 for imports */
	char book[BOOK_CODE_MAX + 1];
	int64_t serial;
	date_t paid_on;          /* the receipt's date */
	int ordinal;             /* BHYT household ordinal (0 for BHXH and imports) */
	money_t income;          /* BHXH chosen income (0 otherwise) */
	money_t gross, state_support, local_support, net;
	char source[PARAM_SOURCE_MAX + 1]; /* an import's source ("" when none) */
} coverage_period_t;

/* Calls fn for the paid periods of a person (valid receipt lines and
 * imported cover), newest first (last day, then first day, descending),
 * at most `limit` of them; stops when fn returns non-zero. */
int store_person_periods_each(store_t *s, int64_t person, int limit,
			      int (*fn)(const coverage_period_t *p, void *ctx), void *ctx, err_t *e);

/* Calls fn for the receipts (valid or void) a person paid or is covered
 * by, newest first (date, then id, descending), at most `limit`. */
int store_person_receipts_each(store_t *s, int64_t person, int limit, int (*fn)(const receipt_t *r, void *ctx),
			       void *ctx, err_t *e);

/* The state support (central and local budgets) a person received on
 * her valid BHXH receipt lines. */
int store_bhxh_support_received(store_t *s, int64_t person, money_t *total, err_t *e);

#endif
