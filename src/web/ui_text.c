/* ui_text.c: the strings of the web pages in Vietnamese and English,
 * gathered from ui_text.def (lines `UI("key", "tiếng Việt", "English")`),
 * looked up by key with a binary search over an index sorted once. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "web/ui_text.h"

struct ui_entry {
	const char *key, *vi, *en;
};

static const struct ui_entry ui_table[] = {
#define UI(k, vi, en) {k, vi, en},
#include "ui_text.def"
#include "ui_text_money.def"
#include "ui_text_people.def"
#include "ui_text_audit.def"
#undef UI
};

#define UI_COUNT (sizeof ui_table / sizeof ui_table[0])

static const struct ui_entry *ui_sorted[UI_COUNT];
static pthread_once_t ui_once = PTHREAD_ONCE_INIT;

/* Orders two entries by key. */
static int ui_cmp(const void *a, const void *b)
{
	const struct ui_entry *const *x = a, *const *y = b;
	return strcmp((*x)->key, (*y)->key);
}

/* Builds the sorted index (once). */
static void ui_sort(void)
{
	size_t i;
	for (i = 0; i < UI_COUNT; i++)
		ui_sorted[i] = &ui_table[i];
	qsort(ui_sorted, UI_COUNT, sizeof ui_sorted[0], ui_cmp);
}

/* See ui_text.h. */
const char *ui_text(const char *key, enum lang lang)
{
	size_t lo = 0, hi = UI_COUNT;
	pthread_once(&ui_once, ui_sort);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, ui_sorted[mid]->key);
		if (c == 0)
			return lang == LANG_EN ? ui_sorted[mid]->en : ui_sorted[mid]->vi;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* See ui_text.h. */
size_t ui_text_count(void)
{
	return UI_COUNT;
}

/* See ui_text.h. */
const char *ui_text_key(size_t i)
{
	return i < UI_COUNT ? ui_table[i].key : NULL;
}
