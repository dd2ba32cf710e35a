/* search_limit.h: the bound on searches by identifier number.
 *
 * A search by a 12-digit (CCCD) or 10-digit (mã số BHXH, phone) number
 * tells whether someone holds that number; with a date of birth and a
 * sex half the digits of a CCCD are known, so unbounded searches would
 * recover a masked number.  So a viewer (who sees CCCD numbers masked)
 * may not search by CCCD at all, and every user may make at most
 * ID_SEARCH_MAX identifier searches in ID_SEARCH_WINDOW_S seconds (a
 * fixed window that starts with her first such search); beyond, the
 * answer is 429 with Retry-After until the window ends.  Name searches
 * are not counted.
 */
#ifndef PLUSONE_WEB_SEARCH_LIMIT_H
#define PLUSONE_WEB_SEARCH_LIMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define ID_SEARCH_MAX 30        /* identifier searches per user per window */
#define ID_SEARCH_WINDOW_S 600  /* the window, seconds (10 minutes) */
#define ID_SEARCH_SLOTS 1024    /* users remembered */
#define ID_SEARCH_WAYS 8        /* slots looked at per user */

/* The number of digits of an identifier query (12 or 10: digits with
 * spaces, dots or dashes between, as people_search reads them); 0 for
 * any other query. */
int id_search_digits(const char *q);

/* Counts one identifier search of user_id at now (monotonic seconds):
 * true when allowed; false when she has used up the window, *retry then
 * the seconds until it ends. */
bool id_search_take(int64_t user_id, time_t now, long *retry);

/* Forgets every count (tests). */
void id_search_reset(void);

#endif
