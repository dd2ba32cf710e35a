/* test_ui.c: the page templates and the UI strings agree: every
 * template compiles (and renders with an empty context), every {{@key}}
 * a template uses is in the UI table with a Vietnamese and an English
 * text, the table has no key twice, and no template carries inline
 * script or style (the pages' CSP forbids them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/embedded.h"
#include "core/text.h"
#include "web/tmpl.h"
#include "web/ui_text.h"

EMBEDDED_DECLARE(web_templates);

/* True for the template the engine's own test uses (not a page). */
static bool is_engine_fixture(const struct embedded_file *f)
{
	return strcmp(f->name, "_test.html") == 0;
}

/* Calls fn(key, file) for every {{@key}} tag of file f. */
static void each_key(const struct embedded_file *f, void (*fn)(const char *key, const char *file))
{
	const char *p = (const char *)f->data, *end = p + f->len;
	char key[TMPL_TAG_MAX + 1];
	while ((p = strstr(p, "{{")) != NULL && p < end) {
		const char *q = p + 2, *close = strstr(q, "}}");
		size_t n;
		if (!close)
			break;
		while (q < close && *q == ' ')
			q++;
		if (*q == '@') {
			q++;
			while (q < close && *q == ' ')
				q++;
			n = (size_t)(close - q);
			while (n > 0 && q[n - 1] == ' ')
				n--;
			assert_true(n > 0 && n <= TMPL_TAG_MAX);
			memcpy(key, q, n);
			key[n] = '\0';
			fn(key, f->name);
		}
		p = close + 2;
	}
}

static int keys_checked;

/* Fails unless key has a non-empty Vietnamese and English text. */
static void key_translated(const char *key, const char *file)
{
	const char *vi = ui_text(key, LANG_VI), *en = ui_text(key, LANG_EN);
	if (!vi || !en || !vi[0] || !en[0])
		fail_msg("%s uses {{@%s}}, which has no Vietnamese or English text in the UI table", file, key);
	keys_checked++;
}

static void test_template_keys_exist(void **state)
{
	size_t i;
	(void)state;
	keys_checked = 0;
	for (i = 0; i < web_templates_count; i++)
		if (!is_engine_fixture(&web_templates_files[i]))
			each_key(&web_templates_files[i], key_translated);
	assert_true(keys_checked > 100);
}

static void test_table_sound(void **state)
{
	size_t i, j, n = ui_text_count();
	(void)state;
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		const char *k = ui_text_key(i), *vi = ui_text(k, LANG_VI), *en = ui_text(k, LANG_EN);
		assert_non_null(vi);
		assert_non_null(en);
		if (!vi[0] || !en[0])
			fail_msg("UI key %s has an empty text", k);
		assert_true(vn_utf8_valid(vi, strlen(vi), NULL));
		assert_true(vn_utf8_valid(en, strlen(en), NULL));
		for (j = i + 1; j < n; j++)
			if (strcmp(k, ui_text_key(j)) == 0)
				fail_msg("UI key %s is in the table twice", k);
	}
}

/* The translator for renders: the Vietnamese table. */
static const char *tr_vi(const char *key, void *ctx)
{
	(void)ctx;
	return ui_text(key, LANG_VI);
}

static void test_templates_compile_and_render(void **state)
{
	tmpl_set_t *s = NULL;
	err_t e;
	size_t i;
	(void)state;
	if (tmpl_set_compile(web_templates_files, web_templates_count, &s, &e) != PO_OK)
		fail_msg("templates do not compile: %s", e.en);
	for (i = 0; i < web_templates_count; i++) {
		char name[TMPL_NAME_MAX + 1];
		buf_t b;
		size_t n = strlen(web_templates_files[i].name);
		if (is_engine_fixture(&web_templates_files[i]))
			continue;
		assert_true(n > 5 && n - 5 <= TMPL_NAME_MAX);
		memcpy(name, web_templates_files[i].name, n - 5);
		name[n - 5] = '\0';
		assert_true(tmpl_exists(s, name));
		buf_init(&b, 1u << 20);
		if (tmpl_render(s, name, NULL, tr_vi, NULL, &b) != PO_OK)
			fail_msg("template %s does not render", name);
		buf_free(&b);
	}
	tmpl_set_free(s);
}

/* True when text contains needle, case-insensitively. */
static bool has_ci(const char *text, size_t len, const char *needle)
{
	size_t n = strlen(needle), i, j;
	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n; j++) {
			char a = text[i + j], b = needle[j];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (a != b)
				break;
		}
		if (j == n)
			return true;
	}
	return false;
}

static void test_no_inline_code(void **state)
{
	static const char *const banned[] = {"<style", " style=", "<script>", "javascript:", " onclick=", " onload=",
					     " onerror=", " onsubmit=", " onchange=", " oninput=", "http://",
					     "https://"};
	size_t i, k;
	(void)state;
	for (i = 0; i < web_templates_count; i++) {
		const struct embedded_file *f = &web_templates_files[i];
		if (is_engine_fixture(f))
			continue;
		for (k = 0; k < sizeof banned / sizeof banned[0]; k++)
			if (has_ci((const char *)f->data, f->len, banned[k]))
				fail_msg("template %s contains %s", f->name, banned[k]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_template_keys_exist),
		cmocka_unit_test(test_table_sound),
		cmocka_unit_test(test_templates_compile_and_render),
		cmocka_unit_test(test_no_inline_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
