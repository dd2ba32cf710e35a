/* model.h: the records of plusone's domain, shared by app/ and store/.
 *
 * Plain structs with fixed-size text fields (bounded by the limits
 * below), so a record can live on the stack or in an arena and be copied
 * with `=`.  Text is NFC UTF-8; dates are date_t; ids are int64 (0 = none).
 */
#ifndef PLUSONE_APP_MODEL_H
#define PLUSONE_APP_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"

#define NAME_CHARS_MAX 100      /* characters of a person's full name */
#define NAME_BYTES_MAX 400      /* its bytes (4 per character at most) */
#define UNIT_CODE_MAX 32        /* bytes of a unit code */
#define UNIT_NAME_MAX 200       /* bytes of a unit name */
#define TEXT_SHORT_MAX 120      /* bytes of ethnicity, relation, roles */
#define HOUSEHOLD_CODE_MAX 64   /* bytes of a household code */
#define USERNAME_MAX 64         /* bytes of a login name */
#define USER_FULL_NAME_MAX 200  /* bytes of a login's full name (NFC, spaces collapsed) */
#define PASSWORD_MIN 8          /* characters of a password, at least */
#define PASSWORD_MAX 256        /* bytes of a password, at most */

enum unit_kind {
	UNIT_PROVINCE = 0,
	UNIT_DISTRICT,
	UNIT_COMMUNE,
	UNIT_WARD,
	UNIT_TOWN,
	UNIT_HAMLET,
	UNIT_BRANCH,
	UNIT_GROUP,
	UNIT_KIND_COUNT
};

/* One version of an organisational or administrative unit.  A unit that
 * a reorganisation ends keeps its row (valid_to set) and points to the
 * units that took it over (successor links), so old figures still roll
 * up into today's units. */
typedef struct unit {
	int64_t id;
	char code[UNIT_CODE_MAX + 1];
	char name[UNIT_NAME_MAX + 1];
	enum unit_kind kind;
	int64_t parent_id;      /* 0 for a root */
	date_t valid_from;      /* first day in force */
	bool ended;             /* valid_to is set */
	date_t valid_to;        /* first day no longer in force */
	bool island;            /* an island commune / special zone */
} unit_t;

enum sex { SEX_F = 'F', SEX_M = 'M' };

/* A person of the registry. */
typedef struct person {
	int64_t id;
	char full_name[NAME_BYTES_MAX + 1];
	date_t dob;                 /* dob.year_only when only the year is known */
	char sex;                   /* 'F' or 'M' */
	char cccd[CCCD_LEN + 1];    /* "" when unknown */
	char bhxh_code[BHXH_LEN + 1];
	char phone[PHONE_LEN + 1];
	char ethnicity[TEXT_SHORT_MAX + 1];
	int64_t unit_id;
	char unit_code[UNIT_CODE_MAX + 1];
	int64_t household_id;       /* 0 when in no household */
	char household_code[HOUSEHOLD_CODE_MAX + 1];
	char relation[TEXT_SHORT_MAX + 1]; /* relation to the household head */
	bool member;                /* member of the Women's Union */
} person_t;

enum member_role {
	ROLE_MEMBER = 0,     /* hội viên */
	ROLE_GROUP_HEAD,     /* tổ trưởng tổ hội */
	ROLE_BRANCH_DEPUTY,  /* chi hội phó */
	ROLE_BRANCH_HEAD,    /* chi hội trưởng */
	ROLE_COUNT
};

/* Union membership of a person: where and in what role. */
typedef struct membership {
	int64_t person_id;
	int64_t branch_id;   /* the chi hội (a unit of kind branch), 0 if unknown */
	enum member_role role;
	date_t since;
} membership_t;

enum poverty { POVERTY_NONE = 0, POVERTY_POOR, POVERTY_NEAR_POOR };

/* A dated poverty certificate of a household. */
typedef struct poverty_cert {
	int64_t household_id;
	enum poverty status;
	date_t valid_from;
	date_t valid_to;     /* last day valid */
} poverty_cert_t;

enum user_role { UROLE_ADMIN = 0, UROLE_OFFICER, UROLE_UNION, UROLE_COLLECTOR, UROLE_VIEWER, UROLE_COUNT };

/* A login.  The password is never stored, only its argon2id hash. */
typedef struct user {
	int64_t id;
	char username[USERNAME_MAX + 1];
	enum user_role role;
	int64_t unit_id;
	char unit_code[UNIT_CODE_MAX + 1];
	bool disabled;
	char full_name[USER_FULL_NAME_MAX + 1]; /* as printed on receipts ("" when not given) */
} user_t;

#define PARAM_SOURCE_MAX 300 /* bytes of a parameter's legal source or note */

/* A dated legal parameter as recorded: which, from when, how much, on
 * what authority (source), how sure (status: law, secondary, open), and
 * whether it was shipped with plusone or added by an admin. */
typedef struct param_record {
	char family[41];
	char key[25];
	date_t from;
	int64_t value;
	char source[PARAM_SOURCE_MAX + 1];
	char status[12];
	char note[PARAM_SOURCE_MAX + 1];
	bool admin;
} param_record_t;

#define RECEIPT_LINES_MAX 20 /* items in one payment */
#define BOOK_CODE_MAX 48

/* One line of a receipt: who is covered, by which scheme, for which
 * period, and the split of the amount. */
typedef struct receipt_line {
	int64_t person_id;
	char scheme[5];           /* "bhxh" or "bhyt" */
	date_t from, to;          /* first and last covered day */
	int months;
	int ordinal;              /* BHYT household ordinal; 0 for BHXH */
	money_t income;           /* BHXH chosen income; 0 for BHYT */
	char category[20];        /* BHXH support category; "" for BHYT */
	int supported_months;     /* BHXH months with state support */
	money_t gross, state_support, local_support, net;
} receipt_line_t;

/* A receipt (biên lai): a book, a serial never repeated in it, a date,
 * the collector, the payer, the total of the lines' net amounts. */
typedef struct receipt {
	int64_t id;
	char book[BOOK_CODE_MAX + 1];
	int64_t serial;
	date_t date;
	int64_t collector_id;
	char collector[USERNAME_MAX + 1];
	int64_t payer_id;
	money_t total;
	bool is_void;
	int64_t remittance_id;    /* 0 while not remitted */
	char method[9];           /* "cash" or "transfer" */
} receipt_t;

/* Names of enum values as used on the command line and in JSON. */
const char *unit_kind_name(enum unit_kind k);
bool unit_kind_parse(const char *s, enum unit_kind *out);
const char *user_role_name(enum user_role r);
bool user_role_parse(const char *s, enum user_role *out);
const char *member_role_name(enum member_role r);
bool member_role_parse(const char *s, enum member_role *out);
/* Vietnamese label of a unit kind ("xã", "ấp"...). */
const char *unit_kind_label_vi(enum unit_kind k);

#endif
