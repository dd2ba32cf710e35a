/* throttle.h: login throttling and the bound on concurrent password
 * hashing.
 *
 * Failed logins are counted per user name and per client address in a
 * fixed table (THROTTLE_SLOTS entries; the least recently seen entry of
 * a full set gives way).  After THROTTLE_FREE failures in a row, each
 * further attempt must wait 2^(failures - THROTTLE_FREE) seconds, at most
 * THROTTLE_MAX_S; a success clears the user name's count (the address
 * keeps its count, so that one valid account cannot be used to reset
 * guessing at others).  Every argon2id verification holds one of
 * HASH_SLOTS slots, so a burst of logins cannot take the memory of more
 * than HASH_SLOTS hashes (64 MiB each) at once.
 */
#ifndef PLUSONE_WEB_THROTTLE_H
#define PLUSONE_WEB_THROTTLE_H

#include <stdbool.h>
#include <time.h>

#define THROTTLE_SLOTS 4096  /* remembered names and addresses */
#define THROTTLE_WAYS 8      /* entries looked at per key */
#define THROTTLE_FREE 5      /* failures before any waiting */
#define THROTTLE_MAX_S 900   /* the longest wait, seconds */
#define THROTTLE_FORGET_S 86400 /* an entry idle this long starts afresh */
#define HASH_SLOTS 2         /* password hashes computed at once */

/* Seconds the caller must still wait before trying user name `user`
 * from address `ip` at time now (monotonic seconds); 0 when she may try. */
long throttle_wait(const char *user, const char *ip, time_t now);

/* Records the outcome of a login attempt made at now. */
void throttle_record(const char *user, const char *ip, bool ok, time_t now);

/* Forgets everything (tests). */
void throttle_reset(void);

/* Takes a hashing slot (waits for one) / gives it back. */
void hash_slot_take(void);
void hash_slot_give(void);

#endif
