/* throttle.h: login throttling and the bound on concurrent password
 * hashing.
 *
 * Failed logins are counted per (user name, client address) and per
 * client address in a fixed table (THROTTLE_SLOTS entries; the least
 * recently seen entry of a full set gives way), never per user name
 * alone: guesses from one address cannot lock the right user out from
 * her own.  After THROTTLE_FREE failures of a pair in a row (or
 * THROTTLE_ADDR_FREE of an address, whatever the names), each further
 * attempt must wait 2^(failures - free) seconds, at most THROTTLE_MAX_S;
 * a success clears the pair's count (the address keeps its count, so
 * that one valid account cannot be used to reset guessing at others).
 * An entry untouched for THROTTLE_FORGET_S starts afresh.  Admins list
 * the current locks and clear them (throttle_locks, throttle_clear).  Every argon2id verification holds one of
 * HASH_SLOTS slots, so a burst of logins cannot take the memory of more
 * than HASH_SLOTS hashes (64 MiB each) at once.
 */
#ifndef PLUSONE_WEB_THROTTLE_H
#define PLUSONE_WEB_THROTTLE_H

#include <stdbool.h>
#include <time.h>

#define THROTTLE_SLOTS 4096  /* remembered names and addresses */
#define THROTTLE_WAYS 8      /* entries looked at per key */
#define THROTTLE_FREE 5      /* failures of a (name, address) before any waiting */
#define THROTTLE_ADDR_FREE 20 /* failures of an address (any names) before any waiting */
#define THROTTLE_NAME_MAX 68 /* bytes of a remembered folded user name */
#define THROTTLE_IP_MAX 48   /* bytes of a remembered address */
#define THROTTLE_MAX_S 900   /* the longest wait, seconds */
#define THROTTLE_FORGET_S 86400 /* an entry idle this long starts afresh */
#define HASH_SLOTS 2         /* password hashes computed at once */

/* Seconds the caller must still wait before trying user name `user`
 * from address `ip` at time now (monotonic seconds); 0 when she may try. */
long throttle_wait(const char *user, const char *ip, time_t now);

/* Records the outcome of a login attempt made at now. */
void throttle_record(const char *user, const char *ip, bool ok, time_t now);

/* One current lock: a user name at an address (name non-empty) or a
 * whole address (name ""), its failures and the seconds left. */
typedef struct throttle_lock {
	char name[THROTTLE_NAME_MAX]; /* as last typed (compared folded) */
	char ip[THROTTLE_IP_MAX];
	int failures;
	long wait_s;
} throttle_lock_t;

/* Copies at most cap of the locks in force at now into out; returns how
 * many. */
size_t throttle_locks(time_t now, throttle_lock_t *out, size_t cap);

/* Clears the entries of user name `user` (all its addresses, or only
 * `ip` when ip is non-empty), or with user NULL or "" those of address
 * `ip` (its own count and its pairs); returns how many were locked. */
int throttle_clear(const char *user, const char *ip);

/* Forgets everything (tests). */
void throttle_reset(void);

/* Takes a hashing slot (waits for one) / gives it back. */
void hash_slot_take(void);
void hash_slot_give(void);

#endif
