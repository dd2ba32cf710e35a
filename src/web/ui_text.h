/* ui_text.h: the strings of the web pages, Vietnamese and English, from
 * one table (ui_text.def), for the templates' {{@key}} tags. */
#ifndef PLUSONE_WEB_UI_TEXT_H
#define PLUSONE_WEB_UI_TEXT_H

#include <stddef.h>

#include "core/msg.h"

/* The string of key in lang, or NULL for an unknown key.  Thread-safe. */
const char *ui_text(const char *key, enum lang lang);

/* The number of keys and the i-th key in table order (for tests that
 * check every key is translated and every template key exists). */
size_t ui_text_count(void);
const char *ui_text_key(size_t i);

#endif
