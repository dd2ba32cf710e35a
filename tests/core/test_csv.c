/* test_csv.c: tests of the streaming CSV reader and writer (core/csv.h).
 *
 * Most cases go through check(), which reads the input with every read
 * buffer size in SIZES (1 byte up to the default) and compares a textual
 * picture of the records with the expected one, so every rule is also
 * tested across every buffer boundary.  The picture of a record is
 *   LINE:[field][field]...        a good record
 *   LINE:blank[field]             a blank record
 *   LINE:bad MSG_NAME             a bad record
 * joined by " | "; CR, LF and NUL inside fields are shown as \r \n \0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <cmocka.h>

#include "core/csv.h"

static const size_t SIZES[] = {1, 2, 3, 4, 5, 7, 16, 4096, 0};
#define NSIZES (sizeof SIZES / sizeof SIZES[0])

/* A FILE reading the n bytes at data (a temporary file, so any bytes and
 * any length work).  Fails the test when it cannot be made. */
static FILE *file_of(const char *data, size_t n)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	if (n)
		assert_int_equal(fwrite(data, 1, n, f), n);
	rewind(f);
	return f;
}

/* Appends the picture of one record (see the top of the file) to out. */
static void picture(const csv_record_t *rec, buf_t *out)
{
	size_t i, k;
	buf_printf(out, "%zu:", rec->line);
	if (rec->bad) {
		buf_printf(out, "bad %s", msg_name(rec->err.msg));
		return;
	}
	if (rec->blank)
		buf_puts(out, "blank");
	for (i = 0; i < rec->nfields; i++) {
		const csv_field_t *f = &rec->f[i];
		assert_int_equal(f->p[f->n], '\0');
		buf_putc(out, '[');
		for (k = 0; k < f->n; k++) {
			if (f->p[k] == '\r')
				buf_puts(out, "\\r");
			else if (f->p[k] == '\n')
				buf_puts(out, "\\n");
			else if (f->p[k] == '\0')
				buf_puts(out, "\\0");
			else
				buf_putc(out, f->p[k]);
		}
		buf_putc(out, ']');
	}
}

/* Reads the n bytes at data with a bufsize-byte read buffer and writes
 * the picture of all its records into out (reset first). */
static void read_all(const char *data, size_t n, size_t bufsize, buf_t *out)
{
	FILE *f = file_of(data, n);
	csv_reader_t *r = csv_reader_new_sized(f, bufsize);
	csv_record_t rec;
	size_t last_line = 0;
	int rc;
	assert_non_null(r);
	buf_reset(out);
	while ((rc = csv_read(r, &rec)) == 1) {
		assert_true(rec.line > last_line);
		assert_true(rec.nfields <= CSV_FIELDS_MAX);
		last_line = rec.line;
		if (out->len)
			buf_puts(out, " | ");
		picture(&rec, out);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(csv_read(r, &rec), 0); /* end of file stays */
	assert_int_equal(csv_offset(r), n);
	csv_reader_free(r);
	fclose(f);
}

/* Checks that the n bytes at data read as `want` with every buffer size. */
static void check_n(const char *data, size_t n, const char *want)
{
	buf_t got;
	size_t i;
	buf_init(&got, 1 << 24);
	for (i = 0; i < NSIZES; i++) {
		read_all(data, n, SIZES[i], &got);
		if (strcmp(buf_cstr(&got), want) != 0) {
			print_error("buffer size %zu\n  got:  %s\n  want: %s\n", SIZES[i],
				    buf_cstr(&got), want);
			fail();
		}
	}
	buf_free(&got);
}

/* check_n for a C string. */
static void check(const char *data, const char *want)
{
	check_n(data, strlen(data), want);
}

/* Reads the first record of data (default buffer) into *rec; the
 * reader's store is kept alive in *rp and the file in *fp. */
static void first_record(const char *data, size_t n, csv_record_t *rec, csv_reader_t **rp, FILE **fp)
{
	*fp = file_of(data, n);
	*rp = csv_reader_new(*fp);
	assert_non_null(*rp);
	assert_int_equal(csv_read(*rp, rec), 1);
}

static void test_simple(void **state)
{
	(void)state;
	check("a,b,c\n1,2,3\n", "1:[a][b][c] | 2:[1][2][3]");
	check("name\n", "1:[name]");
	check("", "");
	check("Nguyễn Thị Ánh Tuyết,1990-02-03,F\n", "1:[Nguyễn Thị Ánh Tuyết][1990-02-03][F]");
}

static void test_line_ends(void **state)
{
	(void)state;
	check("a,b\r\nc,d\r\n", "1:[a][b] | 2:[c][d]");
	/* a lone CR ends a line (old Mac Excel) */
	check("a,b\rc,d\r", "1:[a][b] | 2:[c][d]");
	check("a\r\nb\nc\rd", "1:[a] | 2:[b] | 3:[c] | 4:[d]");
	/* CR CR LF: a lone CR, then a CRLF: an empty line between */
	check("a\r\r\nb\n", "1:[a] | 2:blank[] | 3:[b]");
	/* LF CR: two line ends */
	check("a\n\rb", "1:[a] | 2:blank[] | 3:[b]");
}

static void test_no_final_newline(void **state)
{
	(void)state;
	check("a,b", "1:[a][b]");
	check("a\nb", "1:[a] | 2:[b]");
	check("a\r\nb,c", "1:[a] | 2:[b][c]");
	check("\"q\"", "1:[q]");
	check("a,", "1:[a][]");
}

static void test_trailing_comma(void **state)
{
	(void)state;
	check("a,b,\n", "1:[a][b][]");
	check(",\n", "1:[][]");
	check(",,,\r\n", "1:[][][][]");
	check("a,\"\"\n", "1:[a][]");
}

static void test_quotes(void **state)
{
	(void)state;
	check("\"a,b\",\"say \"\"hi\"\"\",\"\"\n", "1:[a,b][say \"hi\"][]");
	check("\"\"\"\"\n", "1:[\"]");
	check("\"\"\"\"\"\"\n", "1:[\"\"]");
	check("\"a\"\"\",b\n", "1:[a\"][b]");
	/* spaces and tabs after the closing quote are ignored */
	check("\"abc\"  ,d\n\"e\"\t\r\n", "1:[abc][d] | 2:[e]");
	/* a quote not at the start of the field is literal */
	check("ab\"c,d\"\n", "1:[ab\"c][d\"]");
	check(" \"x\",y\n", "1:[ \"x\"][y]");
	check("a\"\"b\n", "1:[a\"\"b]");
}

static void test_quoted_line_ends(void **state)
{
	(void)state;
	/* CRLF inside quotes is kept byte for byte and counted as a line */
	check("\"x\r\ny\",z\r\nnext\r\n", "1:[x\\r\\ny][z] | 3:[next]");
	check("\"a\nb\nc\",d\ne\n", "1:[a\\nb\\nc][d] | 4:[e]");
	check("\"a\rb\"\nc\n", "1:[a\\rb] | 3:[c]");
	check("\"\n\"\n\"\r\n\"\nx", "1:[\\n] | 3:[\\r\\n] | 5:[x]");
	/* a quoted field of only a line end is not blank */
	check("\"\"\n", "1:[]");
}

static void test_bom(void **state)
{
	(void)state;
	check("\xEF\xBB\xBFname,dob\r\nA,1\r\n", "1:[name][dob] | 2:[A][1]");
	check("\xEF\xBB\xBF", "");
	check("\xEF\xBB\xBF\r\n", "1:blank[]");
	check("\xEF\xBB\xBF\"q\"", "1:[q]");
	/* only at the start of the file */
	check("a\n\xEF\xBB\xBF" "b\n", "1:[a] | 2:[\xEF\xBB\xBF" "b]");
	check("\xEF\xBB\xBF\xEF\xBB\xBF" "a", "1:[\xEF\xBB\xBF" "a]");
	/* an incomplete mark is data */
	check("\xEF\xBB", "1:[\xEF\xBB]");
	check("\xEF\xBB" "a\n", "1:[\xEF\xBB" "a]");
	check("\xEF", "1:[\xEF]");
}

static void test_blank(void **state)
{
	(void)state;
	check("\n", "1:blank[]");
	check("   \n", "1:blank[   ]");
	check("\t \r\nx", "1:blank[\t ] | 2:[x]");
	check("a\n\n\nb\n", "1:[a] | 2:blank[] | 3:blank[] | 4:[b]");
	check("a\n   ", "1:[a] | 2:blank[   ]");
	check("\r\r\r", "1:blank[] | 2:blank[] | 3:blank[]");
	check("\"\"\n", "1:[]");
	check("\"  \"\n", "1:[  ]");
	check(",\n", "1:[][]");
	check(" x \n", "1:[ x ]");
}

static void test_nul_byte(void **state)
{
	(void)state;
	check_n("a\0b,c\n", 6, "1:[a\\0b][c]");
	check_n("\"\0\"\n", 4, "1:[\\0]");
}

static void test_after_quote(void **state)
{
	(void)state;
	check("\"abc\"x,def\nnext\n", "1:bad MSG_CSV_AFTER_QUOTE | 2:[next]");
	check("a,\"b\"c\n", "1:bad MSG_CSV_AFTER_QUOTE");
	/* the rest of the bad record is still read with its quotes, so the
	 * reader finds its real end */
	check("\"a\nb\"x,\"c\nd\"\nnext", "1:bad MSG_CSV_AFTER_QUOTE | 4:[next]");
	check("\"a\" \"b\",c\r\nok\r\n", "1:bad MSG_CSV_AFTER_QUOTE | 2:[ok]");
	check("\"a\"\"b\"\"\"c\n", "1:bad MSG_CSV_AFTER_QUOTE");
}

static void test_after_quote_message(void **state)
{
	csv_record_t rec;
	csv_reader_t *r;
	FILE *f;
	(void)state;
	first_record("x,\"abc\"x,def\n", 13, &rec, &r, &f);
	assert_true(rec.bad);
	assert_false(rec.blank);
	assert_int_equal(rec.nfields, 0);
	assert_int_equal(rec.line, 1);
	assert_int_equal(rec.err.code, PO_EINVAL);
	assert_int_equal(rec.err.msg, MSG_CSV_AFTER_QUOTE);
	assert_string_equal(rec.err.field, "");
	assert_string_equal(err_text(&rec.err, LANG_VI), "Cột 2 có ký tự thừa sau dấu ngoặc kép đóng");
	assert_string_equal(err_text(&rec.err, LANG_EN),
			    "field 2: unexpected character after the closing quote");
	assert_int_equal(csv_read(r, &rec), 0);
	csv_reader_free(r);
	fclose(f);
}

static void test_unterminated(void **state)
{
	csv_record_t rec;
	csv_reader_t *r;
	FILE *f;
	(void)state;
	check("a,\"bc\nd,e\n", "1:bad MSG_CSV_UNTERMINATED");
	check("x\n\"abc", "1:[x] | 2:bad MSG_CSV_UNTERMINATED");
	check("x\r\ny,\"", "1:[x] | 2:bad MSG_CSV_UNTERMINATED");
	check("\"abc\"\"", "1:bad MSG_CSV_UNTERMINATED");
	/* it wins over a fault earlier in the record */
	check("\"a\"x,\"b\n", "1:bad MSG_CSV_UNTERMINATED");

	first_record("a,b,\"cd\nef\n", 11, &rec, &r, &f);
	assert_true(rec.bad);
	assert_int_equal(rec.nfields, 0);
	assert_int_equal(rec.err.code, PO_EINVAL);
	assert_string_equal(err_text(&rec.err, LANG_VI),
			    "Cột 3 có dấu ngoặc kép mở nhưng chưa đóng: phần còn lại của tệp bị bỏ qua");
	assert_string_equal(err_text(&rec.err, LANG_EN),
			    "field 3: unterminated quoted field, the rest of the file was skipped");
	assert_int_equal(csv_read(r, &rec), 0);
	csv_reader_free(r);
	fclose(f);
}

/* Appends a record of nf fields "f1".."fN" (quoted when quoted) and a
 * line end to b. */
static void make_row(buf_t *b, int nf, int quoted)
{
	int i;
	for (i = 1; i <= nf; i++)
		buf_printf(b, quoted ? "%s\"f%d\"" : "%sf%d", i > 1 ? "," : "", i);
	buf_puts(b, "\n");
}

static void test_fields_max(void **state)
{
	buf_t in, want;
	csv_record_t rec;
	csv_reader_t *r;
	FILE *f;
	int i;
	(void)state;
	buf_init(&in, 1 << 20);
	buf_init(&want, 1 << 20);

	/* exactly CSV_FIELDS_MAX fields: good */
	make_row(&in, CSV_FIELDS_MAX, 0);
	buf_puts(&want, "1:");
	for (i = 1; i <= CSV_FIELDS_MAX; i++)
		buf_printf(&want, "[f%d]", i);
	check(buf_cstr(&in), buf_cstr(&want));

	/* one more, and a 200-field row: bad, and the next rows are read */
	buf_reset(&in);
	make_row(&in, CSV_FIELDS_MAX + 1, 0);
	make_row(&in, 200, 1);
	buf_puts(&in, "ok\n");
	make_row(&in, 200, 0);
	check(buf_cstr(&in), "1:bad MSG_CSV_TOO_MANY_FIELDS | 2:bad MSG_CSV_TOO_MANY_FIELDS"
			     " | 3:[ok] | 4:bad MSG_CSV_TOO_MANY_FIELDS");

	/* 200 empty fields */
	buf_reset(&in);
	for (i = 0; i < 199; i++)
		buf_putc(&in, ',');
	buf_puts(&in, "\r\nz");
	check(buf_cstr(&in), "1:bad MSG_CSV_TOO_MANY_FIELDS | 2:[z]");

	first_record(in.p, in.len, &rec, &r, &f);
	assert_true(rec.bad);
	assert_int_equal(rec.nfields, 0);
	assert_int_equal(rec.err.code, PO_ELIMIT);
	assert_int_equal(rec.err.msg, MSG_CSV_TOO_MANY_FIELDS);
	assert_string_equal(err_text(&rec.err, LANG_VI), "Dòng có quá nhiều cột (tối đa 64)");
	assert_string_equal(err_text(&rec.err, LANG_EN), "too many fields (at most 64)");
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(rec.line, 2);
	assert_int_equal(rec.nfields, 1);
	assert_string_equal(rec.f[0].p, "z");
	csv_reader_free(r);
	fclose(f);
	buf_free(&in);
	buf_free(&want);
}

/* Checks that a record whose content is `content` bytes reads good
 * exactly when content <= CSV_RECORD_MAX, built as `shape`:
 * 0 one unquoted field, 1 one quoted field with "" pairs, 2 two fields. */
static void check_record_size(size_t content, int shape, bool good)
{
	buf_t in;
	csv_record_t rec;
	csv_reader_t *r;
	FILE *f;
	size_t i, bs;
	buf_init(&in, 4u << 20);
	if (shape == 0) {
		for (i = 0; i < content; i++)
			buf_putc(&in, 'x');
	} else if (shape == 1) {
		buf_putc(&in, '"');
		for (i = 0; i < content; i++)
			buf_puts(&in, i % 2 ? "\"\"" : "y");
		buf_putc(&in, '"');
	} else {
		for (i = 0; i < content / 2; i++)
			buf_putc(&in, 'a');
		buf_putc(&in, ',');
		for (i = content / 2; i < content; i++)
			buf_putc(&in, 'b');
	}
	buf_puts(&in, "\r\nnext\r\n");
	for (bs = 0; bs < 3; bs++) {
		f = file_of(in.p, in.len);
		r = csv_reader_new_sized(f, bs == 0 ? 1 : bs == 1 ? 1000 : 0);
		assert_non_null(r);
		assert_int_equal(csv_read(r, &rec), 1);
		assert_int_equal(rec.line, 1);
		if (good) {
			assert_false(rec.bad);
			assert_int_equal(rec.nfields, shape == 2 ? 2 : 1);
			assert_int_equal(rec.f[0].n + (shape == 2 ? rec.f[1].n : 0), content);
			assert_int_equal(rec.f[rec.nfields - 1].p[rec.f[rec.nfields - 1].n], '\0');
			if (shape == 1)
				assert_memory_equal(rec.f[0].p, "y\"y\"", 4);
		} else {
			assert_true(rec.bad);
			assert_int_equal(rec.nfields, 0);
			assert_int_equal(rec.err.code, PO_ELIMIT);
			assert_int_equal(rec.err.msg, MSG_CSV_TOO_LONG);
			assert_string_equal(err_text(&rec.err, LANG_VI), "Dòng quá dài (tối đa 65536 byte)");
			assert_string_equal(err_text(&rec.err, LANG_EN),
					    "record too long (at most 65536 bytes)");
		}
		assert_int_equal(csv_read(r, &rec), 1);
		assert_int_equal(rec.line, 2);
		assert_false(rec.bad);
		assert_string_equal(rec.f[0].p, "next");
		assert_int_equal(csv_read(r, &rec), 0);
		csv_reader_free(r);
		fclose(f);
	}
	buf_free(&in);
}

static void test_record_max(void **state)
{
	int shape;
	(void)state;
	for (shape = 0; shape < 3; shape++) {
		check_record_size(CSV_RECORD_MAX, shape, true);
		check_record_size(CSV_RECORD_MAX + 1, shape, false);
	}
	check_record_size(3 * CSV_RECORD_MAX, 0, false);
}

static void test_too_long_multiline(void **state)
{
	/* an oversized quoted field spanning lines: bad, and the line count
	 * of the next record still right */
	buf_t in;
	size_t i;
	(void)state;
	buf_init(&in, 4u << 20);
	buf_puts(&in, "\"");
	for (i = 0; i < 3000; i++)
		buf_puts(&in, "0123456789012345678901234567890123456789\n");
	buf_puts(&in, "\",x\nnext\n");
	check_n(in.p, in.len, "1:bad MSG_CSV_TOO_LONG | 3002:[next]");
	buf_free(&in);
}

static void test_offset(void **state)
{
	static const char data[] = "\xEF\xBB\xBF" "ab,c\r\n\"d\"\n";
	FILE *f = file_of(data, sizeof data - 1);
	csv_reader_t *r = csv_reader_new_sized(f, 2);
	csv_record_t rec;
	(void)state;
	assert_non_null(r);
	assert_int_equal(csv_offset(r), 0);
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(csv_offset(r), 9);
	assert_int_equal(csv_read(r, &rec), 1);
	assert_int_equal(csv_offset(r), 13);
	assert_int_equal(csv_read(r, &rec), 0);
	assert_int_equal(csv_offset(r), 13);
	csv_reader_free(r);
	fclose(f);
}

static void test_read_error(void **state)
{
	FILE *f = fopen("/dev/null", "w");
	csv_reader_t *r;
	csv_record_t rec;
	(void)state;
	assert_non_null(f);
	r = csv_reader_new(f);
	assert_non_null(r);
	assert_int_equal(csv_read(r, &rec), -PO_EIO);
	assert_int_equal(csv_read(r, &rec), -PO_EIO);
	csv_reader_free(r);
	fclose(f);
	csv_reader_free(NULL);
}

/* Writes one field with csv_write_field and compares with the wn bytes
 * at want. */
static void check_write_n(const char *s, size_t n, const char *want, size_t wn)
{
	buf_t b;
	buf_init(&b, 1 << 16);
	assert_int_equal(csv_write_field(&b, s, n), PO_OK);
	assert_int_equal(b.len, wn);
	assert_memory_equal(b.p ? b.p : "", want, wn);
	buf_free(&b);
}

/* check_write_n for a C string want. */
static void check_write(const char *s, size_t n, const char *want)
{
	check_write_n(s, n, want, strlen(want));
}

static void test_write_field(void **state)
{
	(void)state;
	check_write("abc", 3, "abc");
	check_write("", 0, "");
	check_write("Lê Văn An", strlen("Lê Văn An"), "Lê Văn An");
	check_write("a,b", 3, "\"a,b\"");
	check_write("say \"hi\"", 8, "\"say \"\"hi\"\"\"");
	check_write("\"", 1, "\"\"\"\"");
	check_write("a\r\nb", 4, "\"a\r\nb\"");
	check_write("a\rb", 3, "\"a\rb\"");
	check_write("a\nb", 3, "\"a\nb\"");
	check_write(" a", 2, "\" a\"");
	check_write("a ", 2, "\"a \"");
	check_write(" ", 1, "\" \"");
	check_write("\ta", 2, "\"\ta\"");
	check_write("a b", 3, "a b");
	check_write("ab\"", 3, "\"ab\"\"\"");
	check_write("\xEF\xBB\xBF" "a", 4, "\"\xEF\xBB\xBF" "a\"");
	check_write_n("a\0b", 3, "a\0b", 3);
	check_write_n("\0,", 2, "\"\0,\"", 4);
}

static void test_write_field_limit(void **state)
{
	buf_t b;
	(void)state;
	buf_init(&b, 8);
	assert_int_equal(csv_write_field(&b, "ab", 2), PO_OK);
	/* "\"c,d\"" would need 5 more bytes than the 6 left: fits */
	assert_int_equal(csv_write_field(&b, "c,d", 3), PO_OK);
	assert_string_equal(buf_cstr(&b), "ab\"c,d\"");
	assert_int_equal(b.len, 7);
	/* nothing fits now but one byte; a quoted field is refused whole */
	assert_int_equal(csv_write_field(&b, "x\"", 2), PO_ELIMIT);
	assert_int_equal(b.len, 7);
	assert_string_equal(buf_cstr(&b), "ab\"c,d\"");
	assert_int_equal(csv_write_field(&b, "xy", 2), PO_ELIMIT);
	assert_string_equal(buf_cstr(&b), "ab\"c,d\"");
	assert_int_equal(csv_write_field(&b, "z", 1), PO_OK);
	assert_string_equal(buf_cstr(&b), "ab\"c,d\"z");
	buf_free(&b);
}

/* xorshift64 for the generated round trip. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void test_round_trip(void **state)
{
	static const char alphabet[] = {'a', 'b', ',', '"', '\r', '\n', ' ', '\t', '\0', 'x', '\xEF', '\xBB', '\xBF'};
	char fields[400][12];
	size_t lens[400], nrec = 200, nf[200];
	buf_t out;
	uint64_t s = 42;
	size_t i, j, k, t, bi;
	(void)state;
	buf_init(&out, 1 << 20);
	for (i = t = 0; i < nrec; i++) {
		nf[i] = 1 + rnd(&s) % 2;
		for (j = 0; j < nf[i]; j++, t++) {
			lens[t] = rnd(&s) % 12;
			for (k = 0; k < lens[t]; k++)
				fields[t][k] = alphabet[rnd(&s) % sizeof alphabet];
			assert_int_equal(csv_write_field(&out, fields[t], lens[t]), PO_OK);
			buf_putc(&out, j + 1 < nf[i] ? ',' : '\n');
		}
	}
	for (bi = 0; bi < NSIZES; bi++) {
		FILE *f = file_of(out.p, out.len);
		csv_reader_t *r = csv_reader_new_sized(f, SIZES[bi]);
		csv_record_t rec;
		assert_non_null(r);
		for (i = t = 0; i < nrec; i++) {
			assert_int_equal(csv_read(r, &rec), 1);
			assert_false(rec.bad);
			assert_int_equal(rec.nfields, nf[i]);
			for (j = 0; j < nf[i]; j++, t++) {
				assert_int_equal(rec.f[j].n, lens[t]);
				assert_memory_equal(rec.f[j].p, fields[t], lens[t]);
			}
		}
		assert_int_equal(csv_read(r, &rec), 0);
		csv_reader_free(r);
		fclose(f);
	}
	buf_free(&out);
}

/* Peak resident memory of this process in KiB. */
static long peak_kib(void)
{
	struct rusage ru;
	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

static void test_big_file(void **state)
{
	/* about 50 MB of import-like rows; every 1000th row has a quoted
	 * field with a line break, every 5000th a bad quote */
	FILE *f = tmpfile();
	csv_reader_t *r;
	csv_record_t rec;
	size_t rows = 0, bytes = 0, i, good = 0, bad = 0, line_want = 1;
	long before;
	int rc;
	(void)state;
	assert_non_null(f);
	while (bytes < 50u * 1000 * 1000) {
		int n;
		if (rows % 5000 == 4999)
			n = fprintf(f, "\"Trần Văn Bảy\"x,1950-01-01,M,084050%06zu,,,Kinh,29341,HGD%zu,Chủ hộ,không\r\n",
				    rows, rows);
		else if (rows % 1000 == 999)
			n = fprintf(f, "\"Nguyễn Thị\nÁnh Tuyết\",1990-02-03,F,084190%06zu,,0912345678,Kinh,29344,HGD%zu,\"Vợ, chủ hộ\",có\r\n",
				    rows, rows);
		else
			n = fprintf(f, "Thạch Thị Sa Rươn,1985-07-15,F,084185%06zu,8412345678,0987654321,Khmer,29347,HGD%zu,Chủ hộ,có\r\n",
				    rows, rows);
		assert_true(n > 0);
		bytes += (size_t)n;
		rows++;
	}
	rewind(f);
	before = peak_kib();
	r = csv_reader_new(f);
	assert_non_null(r);
	for (i = 0; (rc = csv_read(r, &rec)) == 1; i++) {
		assert_int_equal(rec.line, line_want);
		line_want += (i % 1000 == 999 && i % 5000 != 4999) ? 2 : 1;
		if (rec.bad) {
			bad++;
			assert_int_equal(i % 5000, 4999);
		} else {
			good++;
			assert_int_equal(rec.nfields, 11);
			assert_int_equal(rec.f[3].n, 12);
		}
	}
	assert_int_equal(rc, 0);
	assert_int_equal(i, rows);
	assert_int_equal(bad, rows / 5000);
	assert_int_equal(good + bad, rows);
	assert_int_equal(csv_offset(r), bytes);
	/* memory flat: the reader added far less than the file's size */
	assert_true(peak_kib() - before < 16 * 1024);
	csv_reader_free(r);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_trailing_comma),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_quoted_line_ends),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_blank),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_after_quote),
		cmocka_unit_test(test_after_quote_message),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_fields_max),
		cmocka_unit_test(test_record_max),
		cmocka_unit_test(test_too_long_multiline),
		cmocka_unit_test(test_offset),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_write_field),
		cmocka_unit_test(test_write_field_limit),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_big_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
