/* search_live.h: the server's in-memory name index, kept current.
 *
 * A thread of its own, with its own database connection, builds the
 * index at start and again whenever the people version changes (checked
 * every SEARCH_LIVE_CHECK_MS); meanwhile searches use the database (see
 * people_search), so answers are always exact.  A request holds the
 * index it was given (a read lock) until it ends; a new index replaces
 * the old one between requests.
 */
#ifndef PLUSONE_WEB_SEARCH_LIVE_H
#define PLUSONE_WEB_SEARCH_LIVE_H

#include "app/search_index.h"
#include "core/err.h"

#define SEARCH_LIVE_CHECK_MS 1000 /* how often the people version is read */
#define SEARCH_LIVE_CACHE_KIB 1024 /* page cache of the index builder's connection */

/* Starts the thread on database db.  PO_OK, or an error opening it. */
int search_live_start(const char *db, err_t *e);

/* Stops the thread and frees the index. */
void search_live_stop(void);

/* The current index (NULL while none is built) for one request; must be
 * given back with search_live_release before the request ends. */
search_index_t *search_live_acquire(void);
void search_live_release(void);

#endif
