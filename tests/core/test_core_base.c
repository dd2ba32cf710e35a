/* test_core_base.c: tests of the base of core/: err.c, msg.c, buf.c and
 * arena.c. */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/msg.h"

/* True when the NUL-terminated s is well-formed UTF-8 as far as sequence
 * lengths go (every lead byte followed by its continuation bytes). */
static bool utf8_complete(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t k, len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 0;
		if (len == 0)
			return false;
		for (k = 1; k < len; k++)
			if ((p[k] & 0xC0) != 0x80)
				return false;
		p += len;
	}
	return true;
}

/* ---- msg ---- */

static void test_msg_table(void **state)
{
	(void)state;
	assert_string_equal(msg_name(MSG_LIMIT), "MSG_LIMIT");
	assert_string_equal(msg_format(MSG_LIMIT, LANG_VI), "Vượt giới hạn %s (tối đa %zu)");
	assert_string_equal(msg_format(MSG_LIMIT, LANG_EN), "limit %s exceeded (at most %zu)");
	assert_string_equal(msg_name(MSG_NONE), "MSG_NONE");
	assert_string_equal(msg_format(MSG_NONE, LANG_VI), "");
	/* unknown ids and languages give "" */
	assert_string_equal(msg_name(MSG__COUNT), "");
	assert_string_equal(msg_name((enum msg_id)-1), "");
	assert_string_equal(msg_format(MSG__COUNT, LANG_VI), "");
	assert_string_equal(msg_format(MSG_LIMIT, (enum lang)2), "");
}

/* Writes into sig (cap bytes) the argument types a printf format takes,
 * one code per argument: '*' for a width or precision argument, then
 * the length modifier and the conversion ("zu", "s", "d", "ld").  So
 * "%s%.0s" and "%.0s%s" both give "s s ". */
static void arg_signature(const char *fmt, char *sig, size_t cap)
{
	size_t len = 0;
	const char *p = fmt;
	sig[0] = '\0';
	while ((p = strchr(p, '%')) != NULL) {
		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		while (*p && strchr("0123456789.-+ #*", *p)) {
			if (*p == '*')
				len += (size_t)snprintf(sig + len, cap - len, "* ");
			p++;
		}
		{
			size_t k = strspn(p, "lzhjtL");
			assert_true(len + k + 3 < cap);
			memcpy(sig + len, p, k + 1);
			len += k + 1;
			sig[len++] = ' ';
			sig[len] = '\0';
			p += k + (p[k] ? 1 : 0);
		}
	}
}

static void test_msg_every_entry(void **state)
{
	char sig_vi[256], sig_en[256];
	int id;
	(void)state;
	/* every message has a name and both texts, and the texts take the
	 * same arguments in the same order */
	for (id = MSG_NONE + 1; id < MSG__COUNT; id++) {
		const char *vi = msg_format((enum msg_id)id, LANG_VI);
		const char *en = msg_format((enum msg_id)id, LANG_EN);
		assert_true(strncmp(msg_name((enum msg_id)id), "MSG_", 4) == 0);
		assert_true(vi[0] != '\0');
		assert_true(en[0] != '\0');
		assert_true(utf8_complete(vi));
		arg_signature(vi, sig_vi, sizeof sig_vi);
		arg_signature(en, sig_en, sizeof sig_en);
		if (strcmp(sig_vi, sig_en) != 0) {
			print_error("%s: arguments differ: \"%s\" (%s) / \"%s\" (%s)\n",
				    msg_name((enum msg_id)id), vi, sig_vi, en, sig_en);
			fail();
		}
	}
}

/* ---- err ---- */

static void test_err_set_both_languages(void **state)
{
	err_t e;
	(void)state;
	assert_int_equal(err_set(&e, PO_ELIMIT, "full_name", MSG_LIMIT, "họ tên", (size_t)100), PO_ELIMIT);
	assert_int_equal(e.code, PO_ELIMIT);
	assert_int_equal(e.msg, MSG_LIMIT);
	assert_string_equal(e.field, "full_name");
	assert_string_equal(e.vi, "Vượt giới hạn họ tên (tối đa 100)");
	assert_string_equal(e.en, "limit họ tên exceeded (at most 100)");
	assert_string_equal(err_text(&e, LANG_VI), "Vượt giới hạn họ tên (tối đa 100)");
	assert_string_equal(err_text(&e, LANG_EN), "limit họ tên exceeded (at most 100)");

	assert_int_equal(err_set(&e, PO_EIO, NULL, MSG_IO, "a.csv", "hết chỗ"), PO_EIO);
	assert_string_equal(e.field, "");
	assert_string_equal(e.vi, "Lỗi đọc/ghi tệp a.csv: hết chỗ");
	assert_string_equal(e.en, "cannot read or write file a.csv: hết chỗ");

	err_clear(&e);
	assert_int_equal(e.code, PO_OK);
	assert_int_equal(e.msg, MSG_NONE);
	assert_string_equal(e.field, "");
	assert_string_equal(e.vi, "");
	assert_string_equal(e.en, "");
	err_clear(NULL);

	/* no err_t: only the code comes back */
	assert_int_equal(err_set(NULL, PO_EINVAL, "x", MSG_NOMEM), PO_EINVAL);
}

/* Fills s (cap bytes) with copies of the UTF-8 character ch followed by
 * a NUL, starting after `skip` ASCII 'x' bytes. */
static void fill_utf8(char *s, size_t cap, size_t skip, const char *ch)
{
	size_t i = 0, k = strlen(ch);
	for (; i < skip && i + 1 < cap; i++)
		s[i] = 'x';
	for (; i + k < cap; i += k)
		memcpy(s + i, ch, k);
	s[i] = '\0';
}

static void test_err_truncates_utf8(void **state)
{
	static const char *chars[] = {"á", "ễ", "𝔸"}; /* 2, 3, 4 bytes */
	char arg[1000];
	err_t e;
	size_t skip, c, prefix_vi = strlen("Lỗi đọc/ghi tệp : "), prefix_en = strlen("cannot read or write file : ");
	(void)state;
	for (c = 0; c < 3; c++) {
		for (skip = 0; skip < 4; skip++) {
			fill_utf8(arg, sizeof arg, skip, chars[c]);
			err_set(&e, PO_EIO, NULL, MSG_IO, "", arg);
			/* cut, at most ERR_TEXT_MAX - 1 bytes, never inside a character,
			 * and no more than one character short */
			assert_true(utf8_complete(e.vi));
			assert_true(utf8_complete(e.en));
			assert_true(strlen(e.vi) <= ERR_TEXT_MAX - 1);
			assert_true(strlen(e.vi) > ERR_TEXT_MAX - 1 - strlen(chars[c]));
			assert_true(strlen(e.en) <= ERR_TEXT_MAX - 1);
			assert_true(strlen(e.en) > ERR_TEXT_MAX - 1 - strlen(chars[c]));
			assert_memory_equal(e.vi + prefix_vi, arg, strlen(e.vi) - prefix_vi);
			assert_memory_equal(e.en + prefix_en, arg, strlen(e.en) - prefix_en);
		}
	}
}

static void test_err_field_truncates_utf8(void **state)
{
	char field[200];
	err_t e;
	size_t skip;
	(void)state;
	for (skip = 0; skip < 3; skip++) {
		fill_utf8(field, sizeof field, skip, "ư");
		err_set(&e, PO_EINVAL, field, MSG_NOMEM);
		assert_true(utf8_complete(e.field));
		assert_true(strlen(e.field) <= ERR_FIELD_MAX - 1);
		assert_true(strlen(e.field) >= ERR_FIELD_MAX - 2);
		assert_memory_equal(e.field, field, strlen(e.field));
	}
	/* exactly ERR_FIELD_MAX - 1 bytes fit whole */
	memset(field, 'f', ERR_FIELD_MAX - 1);
	field[ERR_FIELD_MAX - 1] = '\0';
	err_set(&e, PO_EINVAL, field, MSG_NOMEM);
	assert_string_equal(e.field, field);
	assert_string_equal(e.vi, "Hết bộ nhớ");
	assert_string_equal(e.en, "out of memory");
}

static void test_err_exit_status(void **state)
{
	(void)state;
	assert_int_equal(err_exit_status(PO_OK), 0);
	assert_int_equal(err_exit_status(PO_EINVAL), 2);
	assert_int_equal(err_exit_status(PO_ENOTFOUND), 2);
	assert_int_equal(err_exit_status(PO_ECONFLICT), 2);
	assert_int_equal(err_exit_status(PO_ELIMIT), 2);
	assert_int_equal(err_exit_status(PO_EBUSY), 1);
	assert_int_equal(err_exit_status(PO_ENOMEM), 1);
	assert_int_equal(err_exit_status(PO_EIO), 1);
	assert_int_equal(err_exit_status(PO_EINTERNAL), 1);
	assert_int_equal(err_exit_status(-PO_EIO), 1);
	assert_int_equal(err_exit_status(999), 1);
}

/* ---- buf ---- */

static void test_buf_basics(void **state)
{
	buf_t b;
	(void)state;
	buf_init(&b, 1000);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(b.len, 0);
	assert_int_equal(buf_puts(&b, "Trà "), PO_OK);
	assert_int_equal(buf_putc(&b, 'V'), PO_OK);
	assert_int_equal(buf_append(&b, "inh!", 3), PO_OK);
	assert_int_equal(buf_printf(&b, " %d-%s", 84, "Tiểu Cần"), PO_OK);
	assert_string_equal(buf_cstr(&b), "Trà Vinh 84-Tiểu Cần");
	assert_int_equal(b.len, strlen("Trà Vinh 84-Tiểu Cần"));
	assert_int_equal(buf_append(&b, "", 0), PO_OK);
	assert_int_equal(b.len, strlen("Trà Vinh 84-Tiểu Cần"));
	buf_reset(&b);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(b.len, 0);
	assert_true(b.cap > 0); /* memory kept */
	buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 1000); /* the max stays */
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(buf_puts(&b, "again"), PO_OK);
	assert_string_equal(buf_cstr(&b), "again");
	buf_free(&b);
}

static void test_buf_growth(void **state)
{
	buf_t b;
	size_t i;
	(void)state;
	buf_init(&b, 1 << 20);
	for (i = 0; i < 100000; i++)
		assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), PO_OK);
	assert_int_equal(b.len, 100000);
	assert_int_equal(b.p[b.len], '\0');
	for (i = 0; i < 100000; i++)
		assert_int_equal(b.p[i], 'a' + i % 26);
	buf_free(&b);
}

static void test_buf_limit(void **state)
{
	buf_t b;
	(void)state;
	buf_init(&b, 10);
	assert_int_equal(buf_puts(&b, "12345678"), PO_OK);
	/* refused whole, content kept */
	assert_int_equal(buf_puts(&b, "abc"), PO_ELIMIT);
	assert_string_equal(buf_cstr(&b), "12345678");
	assert_int_equal(b.len, 8);
	assert_int_equal(buf_printf(&b, "%d", 123), PO_ELIMIT);
	assert_string_equal(buf_cstr(&b), "12345678");
	assert_int_equal(buf_append(&b, "x", (size_t)-1), PO_ELIMIT);
	assert_string_equal(buf_cstr(&b), "12345678");
	/* up to max exactly */
	assert_int_equal(buf_printf(&b, "%c", '9'), PO_OK);
	assert_int_equal(buf_putc(&b, '0'), PO_OK);
	assert_string_equal(buf_cstr(&b), "1234567890");
	assert_int_equal(b.len, 10);
	assert_true(b.cap <= 11);
	assert_int_equal(buf_putc(&b, '!'), PO_ELIMIT);
	assert_int_equal(buf_append(&b, "", 0), PO_OK);
	assert_string_equal(buf_cstr(&b), "1234567890");
	buf_free(&b);

	buf_init(&b, 0);
	assert_int_equal(buf_putc(&b, 'x'), PO_ELIMIT);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

/* ---- arena ---- */

static void test_arena_alignment(void **state)
{
	arena_t *a = arena_new(1 << 20);
	size_t i, n;
	(void)state;
	assert_non_null(a);
	for (i = 0; i < 500; i++) {
		n = 1 + (i * 7) % 97;
		void *p = arena_alloc(a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		memset(p, 0xAB, n);
	}
	/* a block bigger than the usual block size */
	{
		void *p = arena_alloc(a, 10000);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		memset(p, 1, 10000);
	}
	arena_free(a);
	arena_free(NULL);
}

static void test_arena_max(void **state)
{
	arena_t *a = arena_new(100);
	char *p;
	(void)state;
	assert_non_null(a);
	assert_int_equal(arena_used(a), 0);
	assert_non_null(arena_alloc(a, 60));
	assert_int_equal(arena_used(a), 60);
	assert_null(arena_alloc(a, 41));
	assert_int_equal(arena_used(a), 60);
	assert_non_null(arena_alloc(a, 40));
	assert_int_equal(arena_used(a), 100);
	assert_null(arena_alloc(a, 1));
	assert_null(arena_alloc(a, (size_t)-1));
	assert_null(arena_strndup(a, "x", (size_t)-1));
	/* reset: everything can be handed out again */
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	p = arena_alloc(a, 100);
	assert_non_null(p);
	memset(p, 0, 100);
	assert_null(arena_alloc(a, 1));
	arena_free(a);

	a = arena_new(0);
	assert_non_null(a);
	assert_null(arena_alloc(a, 1));
	assert_null(arena_alloc(a, 0));
	arena_free(a);
}

static void test_arena_strndup_zalloc(void **state)
{
	arena_t *a = arena_new(1 << 16);
	unsigned char *z;
	char *s;
	size_t i;
	(void)state;
	assert_non_null(a);
	s = arena_strndup(a, "Hồ Thị Mai, 1980", strlen("Hồ Thị Mai"));
	assert_non_null(s);
	assert_string_equal(s, "Hồ Thị Mai");
	s = arena_strndup(a, "", 0);
	assert_non_null(s);
	assert_string_equal(s, "");
	z = arena_zalloc(a, 300);
	assert_non_null(z);
	for (i = 0; i < 300; i++)
		assert_int_equal(z[i], 0);
	/* zero bytes still gives a usable pointer (counted as one) */
	assert_non_null(arena_alloc(a, 0));
	arena_free(a);
}

static void test_arena_reset_reuse(void **state)
{
	arena_t *a = arena_new(1 << 24);
	int round;
	size_t i;
	(void)state;
	assert_non_null(a);
	for (round = 0; round < 5; round++) {
		size_t total = 0;
		for (i = 0; i < 1000; i++) {
			char *p = arena_alloc(a, 100);
			assert_non_null(p);
			memset(p, round, 100);
			total += 100;
		}
		assert_int_equal(arena_used(a), total);
		arena_reset(a);
		assert_int_equal(arena_used(a), 0);
	}
	arena_reset(a);
	arena_free(a);
	a = arena_new(10);
	assert_non_null(a);
	arena_reset(a); /* nothing allocated yet */
	assert_int_equal(arena_used(a), 0);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msg_table),
		cmocka_unit_test(test_msg_every_entry),
		cmocka_unit_test(test_err_set_both_languages),
		cmocka_unit_test(test_err_truncates_utf8),
		cmocka_unit_test(test_err_field_truncates_utf8),
		cmocka_unit_test(test_err_exit_status),
		cmocka_unit_test(test_buf_basics),
		cmocka_unit_test(test_buf_growth),
		cmocka_unit_test(test_buf_limit),
		cmocka_unit_test(test_arena_alignment),
		cmocka_unit_test(test_arena_max),
		cmocka_unit_test(test_arena_strndup_zalloc),
		cmocka_unit_test(test_arena_reset_reuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
