/* demo.h: the Tiểu Cần demo data set, loaded by `plusone init --demo`.
 *
 * Deterministic: the same units, people, households and logins every
 * time.  Tiểu Cần district (Trà Vinh) with its 11 communes and towns
 * (official codes), their hamlets and union branches, the 2025 merge
 * into 4 communes of Vĩnh Long, about 20,000 people in households with
 * Kinh and Khmer names, union members (most adult women), 80 branch
 * heads, poverty certificates, one login per role (each with a
 * Vietnamese full name) and the collection point of the receipts.
 */
#ifndef PLUSONE_APP_DEMO_H
#define PLUSONE_APP_DEMO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "app/app.h"

#define DEMO_PASSWORD "tieucan2022" /* the demo logins' password, printed by make run */

/* The demo's collection point, printed at the head of its receipts. */
#define DEMO_POINT_NAME "Điểm thu BHXH, BHYT Hội LHPN xã Tiểu Cần"
#define DEMO_POINT_CODE "VL-TC-0001"
#define DEMO_POINT_ADDRESS "Khóm 1, xã Tiểu Cần, tỉnh Vĩnh Long"

typedef struct demo_report {
	int64_t units, people, households, members, branch_heads, users;
} demo_report_t;

/* Loads the demo data in one transaction when the database holds no
 * unit and no person (*loaded true); leaves a database with data as it
 * is (*loaded false). */
int app_demo_load(app_t *a, demo_report_t *rep, bool *loaded, err_t *e);

/* Prints what was loaded and how to log in. */
void demo_print_report(const demo_report_t *rep, enum lang lang, FILE *out);

#endif
