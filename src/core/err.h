/* err.h: error values with a field and a message in Vietnamese and English.
 *
 * A function that can fail returns an int status (one of the PO_* codes
 * below) and, when it fails, fills an err_t the caller passed in.  The
 * caller decides what to do with it: print it, collect it, map it to an
 * exit status or an HTTP status.  Messages come from the one message
 * table in msg.h, so the two languages never drift apart.
 */
#ifndef PLUSONE_CORE_ERR_H
#define PLUSONE_CORE_ERR_H

#include <stddef.h>
#include "msg.h"

/* Status codes.  PO_OK is zero so that `if (rc) goto out;` works. */
enum po_rc {
	PO_OK = 0,
	PO_EINVAL,    /* the input is wrong: a field, a flag, a file */
	PO_ENOTFOUND, /* the thing asked for does not exist (or is out of scope) */
	PO_ECONFLICT, /* a unique value is already taken */
	PO_EBUSY,     /* the database stayed locked past the busy timeout */
	PO_ELIMIT,    /* a named bound was exceeded */
	PO_ENOMEM,    /* an allocation failed */
	PO_EIO,       /* reading or writing a file failed */
	PO_EINTERNAL, /* anything else: a bug or a broken database */
	PO_EFORBIDDEN, /* the caller's role (or ownership) does not allow it */
	PO_EDEFER     /* not an error: the use case cannot decide now (a bulk
	               * load has no index to look in); the caller retries later */
};

#define ERR_FIELD_MAX 48
#define ERR_TEXT_MAX 320

/* One error: what kind (code), where (field, may be empty), and the
 * message in both languages, already formatted. */
typedef struct err {
	int code;
	enum msg_id msg;
	char field[ERR_FIELD_MAX];
	char vi[ERR_TEXT_MAX];
	char en[ERR_TEXT_MAX];
} err_t;

/* Fills *e (when e is not NULL) with code, field (NULL for none) and the
 * message `id` formatted with the printf-style arguments that follow; the
 * Vietnamese and the English format of one message take the same
 * arguments in the same order.  Returns code, so a caller can write
 * `return err_set(e, PO_EINVAL, "dob", MSG_DATE_FUTURE);`. */
int err_set(err_t *e, int code, const char *field, enum msg_id id, ...);

/* Clears *e to "no error". */
void err_clear(err_t *e);

/* The message of *e in the language asked for (LANG_VI or LANG_EN). */
const char *err_text(const err_t *e, enum lang lang);

/* The process exit status the contract gives to code: 0 for PO_OK,
 * 2 for a wrong input or request (EINVAL, ENOTFOUND, ECONFLICT, ELIMIT),
 * 1 for everything else. */
int err_exit_status(int code);

#endif
