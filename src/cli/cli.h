/* cli.h: what the command files share: the context, option parsing and
 * output helpers.  Each command lives in its own cmd_*.c file and is
 * listed once in the command table in main.c. */
#ifndef PLUSONE_CLI_H
#define PLUSONE_CLI_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"
#include "core/err.h"

/* The context of one command run.  main() owns it. */
typedef struct cli {
	const char *db;  /* --db, else PLUSONE_DB, else ./plusone.db */
	bool json;       /* --json: one JSON document on stdout */
	enum lang lang;  /* --lang vi|en */
	store_t *store;  /* opened by cli_open() */
	app_t app;
} cli_t;

/* One option a command accepts: "--name VALUE" (or "--name=VALUE") when
 * val is set, a bare "--name" when flag is set. */
typedef struct cli_opt {
	const char *name;
	const char **val;
	bool *flag;
} cli_opt_t;

#define CLI_POS_MAX 16

/* Parses argv[0..argc) against opts, putting positional arguments in
 * pos[0..*npos) (at most maxpos).  PO_EINVAL naming the flag for an
 * unknown flag, a missing value or too many arguments. */
int cli_parse(int argc, char **argv, const cli_opt_t *opts, char **pos, int maxpos, int *npos, err_t *e);

/* Opens the database (and checks the schema is current unless migrate is
 * set, which is init's job).  Fills c->store and c->app. */
int cli_open(cli_t *c, bool migrate, err_t *e);

/* Prints e on stderr as one line "plusone: field: message" in c's
 * language and returns the exit status for it. */
int cli_fail(const cli_t *c, const err_t *e);

/* Prints a JSON document on stdout followed by a newline, and releases
 * it.  Returns 0, or 1 when writing failed. */
int cli_print_json(json_t *doc);

/* A JSON string, or null for an empty string. */
json_t *cli_json_str_or_null(const char *s);

/* A person as the contract's search results show it (id, full_name,
 * dob, sex, cccd, bhxh_code, phone, unit_code, household_code); with
 * full also ethnicity, relation, member and dob_precision. */
json_t *cli_person_json(const person_t *p, bool full);

/* A date as "YYYY-MM-DD" in a JSON string. */
json_t *cli_json_date(date_t d);

/* Parses a --date value (YYYY-MM-DD).  PO_EINVAL naming flag. */
int cli_date_arg(const char *s, const char *flag, date_t *out, err_t *e);

/* Reads one line from stdin (the password), without its line end, into
 * out (cap bytes).  PO_EINVAL when nothing was read or it is too long. */
int cli_read_secret(char *out, size_t cap, err_t *e);

/* Prints s left-aligned in a column of `width` characters (not bytes),
 * so Vietnamese names line up. */
void cli_print_padded(const char *s, int width);

/* The commands. */
int cmd_init(cli_t *c, int argc, char **argv);
int cmd_unit(cli_t *c, int argc, char **argv);
int cmd_user(cli_t *c, int argc, char **argv);
int cmd_import(cli_t *c, int argc, char **argv);
int cmd_people(cli_t *c, int argc, char **argv);
int cmd_household(cli_t *c, int argc, char **argv);
int cmd_quote(cli_t *c, int argc, char **argv);
int cmd_params(cli_t *c, int argc, char **argv);
int cmd_project(cli_t *c, int argc, char **argv);
int cmd_collect(cli_t *c, int argc, char **argv);
int cmd_receipt(cli_t *c, int argc, char **argv);
int cmd_remit(cli_t *c, int argc, char **argv);
int cmd_cash(cli_t *c, int argc, char **argv);
int cmd_referrals(cli_t *c, int argc, char **argv);
int cmd_check(cli_t *c, int argc, char **argv);
int cmd_referral(cli_t *c, int argc, char **argv);
int cmd_due(cli_t *c, int argc, char **argv);
int cmd_participation(cli_t *c, int argc, char **argv);
int cmd_serve(cli_t *c, int argc, char **argv);

#endif
