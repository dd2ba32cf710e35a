/* test_tmpl.c: tests of the template engine (web/tmpl.h) and of the
 * templates compiled into the binary (scripts/embed-files). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/embedded.h"
#include "core/err.h"
#include "web/tmpl.h"

EMBEDDED_DECLARE(web_templates);

#define F(name, text) {name, (const unsigned char *)(text), sizeof(text) - 1}

/* The test translator: two known keys, NULL for the rest. */
static const char *tr_test(const char *key, void *ctx)
{
	(void)ctx;
	if (strcmp(key, "hello") == 0)
		return "Xin chào";
	if (strcmp(key, "danger") == 0)
		return "<b>\"Tom & Jerry's\"</b>";
	return NULL;
}

/* Compiles files[0..n) (must succeed), renders template name with the
 * JSON text json (NULL: no context) and checks the output is want. */
static void check_set(const struct embedded_file *files, size_t n, const char *name, const char *json,
		      const char *want)
{
	tmpl_set_t *s = NULL;
	err_t e;
	json_t *ctx = NULL;
	buf_t b;
	int rc;
	rc = tmpl_set_compile(files, n, &s, &e);
	if (rc != PO_OK) {
		print_error("compile: %s\n", e.en);
		fail();
	}
	if (json) {
		json_error_t je;
		ctx = json_loads(json, JSON_DECODE_ANY, &je);
		if (!ctx) {
			print_error("bad test JSON: %s\n", je.text);
			fail();
		}
	}
	buf_init(&b, 1 << 16);
	assert_int_equal(tmpl_render(s, name, ctx, tr_test, NULL, &b), PO_OK);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
	json_decref(ctx);
	tmpl_set_free(s);
}

/* check_set over the one template "t" with source src. */
static void check(const char *src, const char *json, const char *want)
{
	struct embedded_file f = {"t.html", (const unsigned char *)src, strlen(src)};
	check_set(&f, 1, "t", json, want);
}

/* Compiles files[0..n), which must fail with code, message id, and the
 * English text want_en. */
static void check_error_set(const struct embedded_file *files, size_t n, int code, enum msg_id id,
			    const char *want_en)
{
	tmpl_set_t *s = (tmpl_set_t *)1;
	err_t e;
	err_clear(&e);
	if (tmpl_set_compile(files, n, &s, &e) != code) {
		print_error("want %s (code %d), got code %d: %s\n", want_en, code, e.code, e.en);
		fail();
	}
	assert_null(s);
	assert_int_equal(e.code, code);
	if (e.msg != id) {
		print_error("want %s, got %s: %s\n", msg_name(id), msg_name(e.msg), e.en);
		fail();
	}
	assert_string_equal(e.en, want_en);
}

/* check_error_set over the one template "t" with source src. */
static void check_error(const char *src, enum msg_id id, const char *want_en)
{
	struct embedded_file f = {"t.html", (const unsigned char *)src, strlen(src)};
	check_error_set(&f, 1, PO_EINVAL, id, want_en);
}

/* ---- escaping ---- */

static void test_html_esc(void **state)
{
	buf_t b;
	(void)state;
	buf_init(&b, 1024);
	assert_int_equal(html_esc(&b, "<img src=x onerror=alert(1)>"), PO_OK);
	assert_string_equal(buf_cstr(&b), "&lt;img src=x onerror=alert(1)&gt;");
	buf_reset(&b);
	assert_int_equal(html_esc(&b, "\"Tom\" & 'Jerry'"), PO_OK);
	assert_string_equal(buf_cstr(&b), "&quot;Tom&quot; &amp; &#39;Jerry&#39;");
	buf_reset(&b);
	assert_int_equal(html_esc(&b, "Lê Thị Á &amp;"), PO_OK);
	assert_string_equal(buf_cstr(&b), "Lê Thị Á &amp;amp;");
	buf_reset(&b);
	assert_int_equal(html_esc(&b, NULL), PO_OK);
	assert_int_equal(html_esc(&b, ""), PO_OK);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);

	/* all or nothing: a full buffer keeps what it had */
	buf_init(&b, 10);
	assert_int_equal(buf_puts(&b, "abc"), PO_OK);
	assert_int_equal(html_esc(&b, "<<<"), PO_ELIMIT);
	assert_string_equal(buf_cstr(&b), "abc");
	assert_int_equal(b.len, 3);
	assert_int_equal(html_esc(&b, "<a"), PO_OK);
	assert_string_equal(buf_cstr(&b), "abc&lt;a");
	buf_free(&b);
}

static void test_url_esc(void **state)
{
	buf_t b;
	(void)state;
	buf_init(&b, 1024);
	assert_int_equal(url_esc(&b, "Lê Thị Á"), PO_OK);
	assert_string_equal(buf_cstr(&b), "L%C3%AA%20Th%E1%BB%8B%20%C3%81");
	buf_reset(&b);
	assert_int_equal(url_esc(&b, "AZaz09-._~"), PO_OK);
	assert_string_equal(buf_cstr(&b), "AZaz09-._~");
	buf_reset(&b);
	assert_int_equal(url_esc(&b, "a&b=c/d?e#f+g%\"<'>"), PO_OK);
	assert_string_equal(buf_cstr(&b), "a%26b%3Dc%2Fd%3Fe%23f%2Bg%25%22%3C%27%3E");
	buf_free(&b);

	buf_init(&b, 5);
	assert_int_equal(buf_puts(&b, "q="), PO_OK);
	assert_int_equal(url_esc(&b, "Lê"), PO_ELIMIT);
	assert_string_equal(buf_cstr(&b), "q=");
	buf_free(&b);
}

/* ---- values ---- */

static void test_values_escaped(void **state)
{
	(void)state;
	check("<p>{{x}}</p>", "{\"x\": \"<img src=x onerror=alert(1)>\"}",
	      "<p>&lt;img src=x onerror=alert(1)&gt;</p>");
	check("<input value=\"{{v}}\" title='{{v}}'>", "{\"v\": \"\\\" onfocus=\\\"alert('x')\"}",
	      "<input value=\"&quot; onfocus=&quot;alert(&#39;x&#39;)\" title='&quot; onfocus=&quot;alert(&#39;x&#39;)'>");
	check("{{ x }}|{{x}}", "{\"x\": \"Lê & Á\"}", "Lê &amp; Á|Lê &amp; Á");
}

static void test_values_types(void **state)
{
	(void)state;
	check("[{{i}}][{{n}}][{{z}}][{{t}}][{{f}}][{{nul}}][{{missing}}][{{o}}][{{a}}][{{r}}]",
	      "{\"i\": 42, \"n\": -9007199254740993, \"z\": 0, \"t\": true, \"f\": false, \"nul\": null,"
	      " \"o\": {\"k\": 1}, \"a\": [1, 2], \"r\": 1.5}",
	      "[42][-9007199254740993][0][true][][][][][][1.5]");
	/* no context at all */
	check("a{{x}}b{{.}}c{{#x}}no{{/x}}{{^x}}yes{{/x}}", NULL, "abcyes");
	check("{{.}}", "\"<top>\"", "&lt;top&gt;");
}

static void test_dotted_paths(void **state)
{
	(void)state;
	check("{{a.b.c}}|{{a.b.missing}}|{{a.x.c}}|{{a.b}}|{{a.b.c.d}}",
	      "{\"a\": {\"b\": {\"c\": \"<deep>\"}, \"x\": 3}}", "&lt;deep&gt;||||");
	check("{{person.name}} ({{person.unit.code}})",
	      "{\"person\": {\"name\": \"Lê Thị Á\", \"unit\": {\"code\": \"HN-01\"}}}",
	      "Lê Thị Á (HN-01)");
	/* the first segment walks the stack; the rest does not */
	check("{{#items}}{{name}}:{{unit.code}}:{{title}};{{/items}}",
	      "{\"title\": \"T\", \"unit\": {\"code\": \"outer\"},"
	      " \"items\": [{\"name\": \"a\"}, {\"name\": \"b\", \"unit\": {}}]}",
	      "a:outer:T;b::T;");
	/* a key found with a null value stops the walk */
	check("{{#items}}[{{title}}]{{/items}}", "{\"title\": \"T\", \"items\": [{\"title\": null}, {}]}",
	      "[][T]");
}

/* ---- sections ---- */

static void test_sections(void **state)
{
	(void)state;
	/* arrays: once per item, the item pushed */
	check("<ul>{{#people}}<li>{{name}}</li>{{/people}}</ul>",
	      "{\"people\": [{\"name\": \"An\"}, {\"name\": \"<Bình>\"}]}",
	      "<ul><li>An</li><li>&lt;Bình&gt;</li></ul>");
	check("{{#xs}}({{.}}){{/xs}}", "{\"xs\": [1, \"a&b\", true, null, [2]]}", "(1)(a&amp;b)(true)()()");
	check("{{#xs}}{{#.}}<{{.}}>{{/.}}|{{/xs}}", "{\"xs\": [[1, 2], [], [3]]}", "<1><2>||<3>|");
	/* objects: once, pushed */
	check("{{#p}}{{name}}/{{top}}{{/p}}", "{\"top\": \"T\", \"p\": {\"name\": \"N\"}}", "N/T");
	check("{{#p}}x{{/p}}", "{\"p\": {}}", "x");
	/* scalars: once with the same context */
	check("{{#t}}[{{v}}]{{/t}}{{#s}}[{{s}}]{{/s}}{{#i}}[{{i}}]{{/i}}{{#r}}[r]{{/r}}",
	      "{\"t\": true, \"s\": \"str\", \"i\": -1, \"r\": 0.5, \"v\": 7}", "[7][str][-1][r]");
	/* empty and false values: nothing */
	check("{{#f}}f{{/f}}{{#n}}n{{/n}}{{#m}}m{{/m}}{{#a}}a{{/a}}{{#z}}z{{/z}}{{#e}}e{{/e}}{{#r}}r{{/r}}.",
	      "{\"f\": false, \"n\": null, \"a\": [], \"z\": 0, \"e\": \"\", \"r\": 0.0}", ".");
	/* nested, same name inside (looked up on the stack) */
	check("{{#a}}{{#b}}{{x}}{{/b}}{{/a}}", "{\"a\": [{\"x\": 1}, {\"x\": 2}], \"b\": true}", "12");
	check("{{#a.b}}{{c}}{{/a.b}}", "{\"a\": {\"b\": [{\"c\": 1}, {\"c\": 2}]}}", "12");
}

static void test_inverted(void **state)
{
	(void)state;
	check("{{^f}}F{{/f}}{{^n}}N{{/n}}{{^m}}M{{/m}}{{^a}}A{{/a}}{{^z}}Z{{/z}}{{^e}}E{{/e}}",
	      "{\"f\": false, \"n\": null, \"a\": [], \"z\": 0, \"e\": \"\"}", "FNMAZE");
	check("{{^t}}T{{/t}}{{^s}}S{{/s}}{{^a}}A{{/a}}{{^o}}O{{/o}}{{^i}}I{{/i}}.",
	      "{\"t\": true, \"s\": \"x\", \"a\": [0], \"o\": {}, \"i\": 3}", ".");
	check("{{#people}}{{name}} {{/people}}{{^people}}Không có ai{{/people}}", "{\"people\": []}",
	      "Không có ai");
}

/* ---- partials ---- */

static void test_partials(void **state)
{
	static const struct embedded_file files[] = {
		F("page.html", "<body>{{> _nav}}{{#items}}{{>_row}}{{/items}}</body>"),
		F("_nav.html", "<nav>{{user.name}}{{> _logo }}</nav>"),
		F("_logo.html", "<i>{{@hello}}</i>"),
		F("_row.html", "<tr><td>{{name}}</td><td>{{user.name}}</td></tr>"),
	};
	(void)state;
	check_set(files, 4, "page", "{\"user\": {\"name\": \"<u>\"}, \"items\": [{\"name\": \"a\"}]}",
		  "<body><nav>&lt;u&gt;<i>Xin chào</i></nav><tr><td>a</td><td>&lt;u&gt;</td></tr></body>");
	check_set(files, 4, "_logo", NULL, "<i>Xin chào</i>");
}

/* Fills files[0..n) with a chain: p0 includes p1, ..., p(n-2) includes
 * p(n-1); names and texts live in the two arrays given. */
static void make_chain(struct embedded_file *files, size_t n, char names[][32], char texts[][64])
{
	size_t i;
	for (i = 0; i < n; i++) {
		snprintf(names[i], 32, "p%zu.html", i);
		if (i + 1 < n)
			snprintf(texts[i], 64, "%zu{{>p%zu}}", i, i + 1);
		else
			snprintf(texts[i], 64, "end");
		files[i].name = names[i];
		files[i].data = (const unsigned char *)texts[i];
		files[i].len = strlen(texts[i]);
	}
}

static void test_partial_depth(void **state)
{
	struct embedded_file files[TMPL_DEPTH_MAX + 2];
	char names[TMPL_DEPTH_MAX + 2][32], texts[TMPL_DEPTH_MAX + 2][64];
	static const struct embedded_file self[] = {F("a.html", "x\n{{>a}}")};
	static const struct embedded_file cycle[] = {F("a.html", "{{>b}}"), F("b.html", "\n\n{{>a}}")};
	(void)state;
	/* TMPL_DEPTH_MAX partials deep: fine */
	make_chain(files, TMPL_DEPTH_MAX + 1, names, texts);
	check_set(files, TMPL_DEPTH_MAX + 1, "p0", NULL, "01234567end");
	/* one more: refused at compile time */
	make_chain(files, TMPL_DEPTH_MAX + 2, names, texts);
	check_error_set(files, TMPL_DEPTH_MAX + 2, PO_EINVAL, MSG_TMPL_PARTIAL_TOO_DEEP,
			"template p8, line 1: partial \"p9\" nests more than 8 deep or includes itself");
	check_error_set(self, 1, PO_EINVAL, MSG_TMPL_PARTIAL_TOO_DEEP,
			"template a, line 2: partial \"a\" nests more than 8 deep or includes itself");
	check_error_set(cycle, 2, PO_EINVAL, MSG_TMPL_PARTIAL_TOO_DEEP,
			"template b, line 3: partial \"a\" nests more than 8 deep or includes itself");
}

/* ---- translation ---- */

static void test_translation(void **state)
{
	tmpl_set_t *s;
	err_t e;
	buf_t b;
	static const struct embedded_file f[] = {F("t.html", "{{@hello}}|{{@danger}}|{{@nav.unknown_key}}")};
	(void)state;
	check("{{@hello}}|{{@danger}}|{{@nav.unknown_key}}|{{ @ hello }}", NULL,
	      "Xin chào|&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;|nav.unknown_key|Xin chào");
	/* no translator: keys print as themselves */
	assert_int_equal(tmpl_set_compile(f, 1, &s, &e), PO_OK);
	buf_init(&b, 1024);
	assert_int_equal(tmpl_render(s, "t", NULL, NULL, NULL, &b), PO_OK);
	assert_string_equal(buf_cstr(&b), "hello|danger|nav.unknown_key");
	buf_free(&b);
	tmpl_set_free(s);
}

static void test_url_tag(void **state)
{
	(void)state;
	check("<a href=\"/people?q={{%q}}&amp;page={{%page}}&amp;u={{%u.code}}\">",
	      "{\"q\": \"Lê Thị Á\", \"page\": 2, \"u\": {\"code\": \"a&b\"}}",
	      "<a href=\"/people?q=L%C3%AA%20Th%E1%BB%8B%20%C3%81&amp;page=2&amp;u=a%26b\">");
	check("[{{%t}}][{{%f}}][{{%n}}][{{%o}}][{{%r}}]", "{\"t\": true, \"f\": false, \"n\": null, \"o\": {}, \"r\": 1e20}",
	      "[true][][][][1e%2B20]");
}

static void test_comments(void **state)
{
	(void)state;
	check("a{{! a comment }}b{{!\n multi-line {{ \n}}c{{ ! spaced}}d", NULL, "abcd");
	/* text after a comment does not join a section's body */
	check("{{#x}}A{{!1}}B{{/x}}{{!2}}C{{^x}}D{{/x}}{{!3}}E", "{\"x\": false}", "CDE");
	check("{{#x}}A{{!1}}B{{/x}}{{!2}}C{{^x}}D{{/x}}{{!3}}E", "{\"x\": true}", "ABCE");
	/* a comment is not limited by TMPL_TAG_MAX; lines inside it count */
	{
		char src[TMPL_TAG_MAX * 3];
		memset(src, 'x', sizeof src);
		memcpy(src, "{{!", 3);
		memcpy(src + sizeof src - 8, "}}\n{{/a", 7);
		src[sizeof src - 1] = '\0';
		check_error(src, MSG_TMPL_TAG_UNCLOSED, "template t, line 2: a tag opened with {{ is never closed with }}");
		memcpy(src + sizeof src - 8, "}}!\n\n\n", 7);
		check(src, NULL, "!\n\n\n");
	}
}

/* ---- compile errors ---- */

static void test_compile_errors(void **state)
{
	char big[TMPL_TAG_MAX + 16];
	(void)state;
	check_error("<ul>\n{{#items}}\n<li>{{name}}</li>\n",
		    MSG_TMPL_SECTION_UNCLOSED, "template t, line 2: section \"items\" opened here is never closed");
	check_error("{{#a}}\n{{^b}}\n{{/a}}\n{{/b}}",
		    MSG_TMPL_CLOSE_MISMATCH,
		    "template t, line 3: closing tag \"a\" does not match the open section \"b\"");
	check_error("x\n\n\n{{/a}}", MSG_TMPL_CLOSE_STRAY,
		    "template t, line 4: closing tag \"a\" has no open section");
	check_error("<p>\n{{> _nav}}", MSG_TMPL_PARTIAL_UNKNOWN,
		    "template t, line 2: no partial template \"_nav\"");
	check_error("a\nb {{x}} {{y", MSG_TMPL_TAG_UNCLOSED,
		    "template t, line 2: a tag opened with {{ is never closed with }}");
	check_error("{{x}", MSG_TMPL_TAG_UNCLOSED,
		    "template t, line 1: a tag opened with {{ is never closed with }}");

	/* exactly TMPL_TAG_MAX bytes inside the braces: fine; one more: not */
	memcpy(big, "{{", 2);
	memset(big + 2, 'n', TMPL_TAG_MAX);
	memcpy(big + 2 + TMPL_TAG_MAX, "}}", 3);
	check(big, NULL, "");
	memcpy(big, "\n{{", 3);
	memset(big + 3, 'n', TMPL_TAG_MAX + 1);
	memcpy(big + 4 + TMPL_TAG_MAX, "}}", 3);
	check_error(big, MSG_TMPL_TAG_TOO_LONG, "template t, line 2: tag longer than 128 bytes");

	/* TMPL_NEST_MAX sections open at once: fine; one more: not */
	{
		char src[TMPL_NEST_MAX * 16 + 64];
		size_t len = 0, i;
		for (i = 0; i < TMPL_NEST_MAX; i++)
			len += (size_t)snprintf(src + len, sizeof src - len, "{{#s%zu}}", i);
		for (i = TMPL_NEST_MAX; i-- > 0;)
			len += (size_t)snprintf(src + len, sizeof src - len, "{{/s%zu}}", i);
		check(src, "{\"s0\": true}", "");
		len = 0;
		for (i = 0; i <= TMPL_NEST_MAX; i++)
			len += (size_t)snprintf(src + len, sizeof src - len, "\n{{^s%zu}}", i);
		check_error(src, MSG_TMPL_NEST_TOO_DEEP, "template t, line 18: sections nested more than 16 deep");
	}

	/* bad names */
	check_error("{{}}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{}}");
	check_error("{{  }}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{  }}");
	check_error("{{a b}}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{a b}}");
	check_error("{{a..b}}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{a..b}}");
	check_error("{{.a}}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{.a}}");
	check_error("{{a.}}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{a.}}");
	check_error("{{#}}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{#}}");
	check_error("{{=<% %>=}}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{=<% %>=}}");
	check_error("{{>a/b}}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{>a/b}}");
	check_error("{{@}}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{@}}");
	check_error("{{l\xc3\xaa}}", MSG_TMPL_BAD_NAME, "template t, line 1: bad name in tag {{l??}}");

	/* bad template names, twice the same name, too large */
	{
		static const struct embedded_file dup[] = {F("a.html", "1"), F("b.html", ""), F("a", "2")};
		static const struct embedded_file bad[] = {F(".html", "x")};
		static const struct embedded_file bad2[] = {F("a b.html", "x")};
		struct embedded_file large = {"large.html", NULL, TMPL_SRC_MAX + 1};
		unsigned char *data = calloc(1, TMPL_SRC_MAX + 1);
		assert_non_null(data);
		large.data = data;
		check_error_set(dup, 3, PO_EINVAL, MSG_TMPL_DUPLICATE, "two templates are named \"a\"");
		check_error_set(bad, 1, PO_EINVAL, MSG_TMPL_NAME,
				"bad template name \"\" (letters, digits, _ - . only, at most 64 bytes)");
		check_error_set(bad2, 1, PO_EINVAL, MSG_TMPL_NAME,
				"bad template name \"a b\" (letters, digits, _ - . only, at most 64 bytes)");
		check_error_set(&large, 1, PO_ELIMIT, MSG_TMPL_TOO_LARGE,
				"template large is larger than 1048576 bytes");
		/* the largest template allowed: one comment */
		large.len = TMPL_SRC_MAX;
		memcpy(data, "{{!", 3);
		memcpy(data + TMPL_SRC_MAX - 2, "}}", 2);
		check_set(&large, 1, "large", NULL, "");
		free(data);
	}

	/* the Vietnamese text too */
	{
		static const struct embedded_file f[] = {F("people.html", "\n{{#a}}")};
		tmpl_set_t *s;
		err_t e;
		assert_int_equal(tmpl_set_compile(f, 1, &s, &e), PO_EINVAL);
		assert_string_equal(e.vi, "Mẫu people, dòng 2: khối \"a\" mở ở đây nhưng không được đóng");
	}
}

static void test_no_raw_syntax(void **state)
{
	(void)state;
	check_error("<p>{{{x}}}</p>", MSG_TMPL_RAW,
		    "template t, line 1: there is no raw output syntax ({{{ }}} or {{& }}), every value is HTML-escaped");
	check_error("\n{{&x}}", MSG_TMPL_RAW,
		    "template t, line 2: there is no raw output syntax ({{{ }}} or {{& }}), every value is HTML-escaped");
	check_error("{{ { x } }}", MSG_TMPL_RAW,
		    "template t, line 1: there is no raw output syntax ({{{ }}} or {{& }}), every value is HTML-escaped");
	check_error("{{ & x}}", MSG_TMPL_RAW,
		    "template t, line 1: there is no raw output syntax ({{{ }}} or {{& }}), every value is HTML-escaped");
	/* braces in text and a value holding tags stay text */
	check("{ } }} {x}", NULL, "{ } }} {x}");
	check("{{x}}", "{\"x\": \"{{{y}}}\"}", "{{{y}}}");
}

/* ---- render errors ---- */

static void test_render_errors(void **state)
{
	static const struct embedded_file f[] = {F("t.html", "<p>{{x}}</p>")};
	tmpl_set_t *s;
	err_t e;
	json_t *ctx = json_pack("{s:s}", "x", "<b>");
	buf_t b;
	(void)state;
	assert_non_null(ctx);
	assert_int_equal(tmpl_set_compile(f, 1, &s, &e), PO_OK);
	assert_true(tmpl_exists(s, "t"));
	assert_false(tmpl_exists(s, "t.html"));
	assert_false(tmpl_exists(s, "missing"));
	assert_false(tmpl_exists(s, ""));

	/* "<p>&lt;b&gt;</p>" is 16 bytes */
	buf_init(&b, 16);
	assert_int_equal(tmpl_render(s, "t", ctx, NULL, NULL, &b), PO_OK);
	assert_string_equal(buf_cstr(&b), "<p>&lt;b&gt;</p>");
	buf_free(&b);

	buf_init(&b, 19);
	assert_int_equal(buf_puts(&b, "head"), PO_OK);
	assert_int_equal(tmpl_render(s, "t", ctx, NULL, NULL, &b), PO_ELIMIT);
	assert_string_equal(buf_cstr(&b), "head"); /* left as it was */
	assert_int_equal(b.len, 4);
	assert_int_equal(tmpl_render(s, "missing", ctx, NULL, NULL, &b), PO_ENOTFOUND);
	assert_int_equal(tmpl_render(s, "t.html", ctx, NULL, NULL, &b), PO_ENOTFOUND);
	assert_string_equal(buf_cstr(&b), "head");
	buf_free(&b);

	json_decref(ctx);
	tmpl_set_free(s);
	tmpl_set_free(NULL);
}

static void test_step_budget(void **state)
{
	/* TMPL_NEST_MAX sections over a 4-item array: 4^16 iterations */
	char src[TMPL_NEST_MAX * 16 + 64];
	size_t len = 0, i;
	struct embedded_file f = {"t.html", (const unsigned char *)src, 0};
	tmpl_set_t *s;
	err_t e;
	json_t *ctx = json_loads("{\"a\": [1, 2, 3, 4]}", 0, NULL);
	buf_t b;
	(void)state;
	for (i = 0; i < TMPL_NEST_MAX; i++)
		len += (size_t)snprintf(src + len, sizeof src - len, "{{#a}}");
	len += (size_t)snprintf(src + len, sizeof src - len, "{{x}}");
	for (i = 0; i < TMPL_NEST_MAX; i++)
		len += (size_t)snprintf(src + len, sizeof src - len, "{{/a}}");
	f.len = len;
	assert_int_equal(tmpl_set_compile(&f, 1, &s, &e), PO_OK);
	buf_init(&b, 1 << 20);
	assert_int_equal(tmpl_render(s, "t", ctx, NULL, NULL, &b), PO_ELIMIT);
	assert_int_equal(b.len, 0);
	buf_free(&b);
	json_decref(ctx);
	tmpl_set_free(s);
}

/* ---- the templates compiled into the binary ---- */

static void test_embedded(void **state)
{
	tmpl_set_t *s;
	err_t e;
	json_t *ctx;
	buf_t b;
	size_t i;
	bool found = false;
	(void)state;
	for (i = 0; i < web_templates_count; i++)
		if (strcmp(web_templates_files[i].name, "_test.html") == 0) {
			found = true;
			assert_int_equal(web_templates_files[i].data[web_templates_files[i].len], 0);
		}
	assert_true(found);
	/* every shipped template compiles */
	if (tmpl_set_compile(web_templates_files, web_templates_count, &s, &e) != PO_OK) {
		print_error("%s\n", e.en);
		fail();
	}
	assert_true(tmpl_exists(s, "_test"));
	ctx = json_loads("{\"title\": \"\\\"Á\\\"\", \"name\": \"<Bình>\", \"q\": \"Lê Thị Á\","
			 " \"items\": [\"x\", \"&\"]}",
			 0, NULL);
	assert_non_null(ctx);
	buf_init(&b, 4096);
	assert_int_equal(tmpl_render(s, "_test", ctx, tr_test, NULL, &b), PO_OK);
	assert_string_equal(buf_cstr(&b),
			    "<p title=\"&quot;Á&quot;\">Xin chào, &lt;Bình&gt;!</p>\n"
			    "<a href=\"/people?q=L%C3%AA%20Th%E1%BB%8B%20%C3%81\">[x][&amp;]</a>\n");
	buf_reset(&b);
	assert_int_equal(tmpl_render(s, "_test", NULL, tr_test, NULL, &b), PO_OK);
	assert_string_equal(buf_cstr(&b), "<p title=\"\">Xin chào, !</p>\n<a href=\"/people?q=\">none</a>\n");
	buf_free(&b);
	json_decref(ctx);
	tmpl_set_free(s);
}

/* An empty set is a set. */
static void test_empty_set(void **state)
{
	tmpl_set_t *s;
	err_t e;
	buf_t b;
	(void)state;
	assert_int_equal(tmpl_set_compile(NULL, 0, &s, &e), PO_OK);
	assert_false(tmpl_exists(s, "x"));
	buf_init(&b, 10);
	assert_int_equal(tmpl_render(s, "x", NULL, NULL, NULL, &b), PO_ENOTFOUND);
	buf_free(&b);
	tmpl_set_free(s);
	check("", NULL, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_esc),
		cmocka_unit_test(test_url_esc),
		cmocka_unit_test(test_values_escaped),
		cmocka_unit_test(test_values_types),
		cmocka_unit_test(test_dotted_paths),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_inverted),
		cmocka_unit_test(test_partials),
		cmocka_unit_test(test_partial_depth),
		cmocka_unit_test(test_translation),
		cmocka_unit_test(test_url_tag),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_no_raw_syntax),
		cmocka_unit_test(test_render_errors),
		cmocka_unit_test(test_step_budget),
		cmocka_unit_test(test_embedded),
		cmocka_unit_test(test_empty_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
