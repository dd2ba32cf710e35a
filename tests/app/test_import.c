/* test_import.c: every rule of `import people`, with exact counts, stored
 * values and reject reasons. */
#include "fixture.h"

#include "app/import.h"

#define HEADER "full_name,dob,sex,cccd,bhxh_code,phone,ethnicity,unit_code,household_code,relation,member\n"

/* Imports text as a file; returns the status and fills st. */
static int run(fixture_t *f, const char *text, import_stats_t *st)
{
	import_opts_t o;
	memset(&o, 0, sizeof o);
	o.path = fixture_file(f, "in.csv", text, strlen(text));
	o.lang = LANG_VI;
	return app_import_people(&f->app, &o, st, &f->e);
}

/* The reject file of the last run. */
static const char *rejects(fixture_t *f)
{
	char path[192];
	snprintf(path, sizeof path, "%s/in.csv.rejects.csv", f->dir);
	return fixture_read(path);
}

/* True when the reject file r has a row for line `line` whose error
 * starts with prefix (the error field may be quoted). */
static bool has_reject(const char *r, int line, const char *prefix)
{
	char a[512], b[512];
	snprintf(a, sizeof a, ",%d,%s", line, prefix);
	snprintf(b, sizeof b, ",%d,\"%s", line, prefix);
	return strstr(r, a) || strstr(r, b);
}

/* The id of the person with that cccd, or 0. */
static int64_t by_cccd(fixture_t *f, const char *cccd)
{
	int64_t id = 0;
	store_person_find_cccd(f->app.store, cccd, &id, &f->e);
	return id;
}

static void imports_vietnamese_headers_in_any_order_with_bom_and_crlf(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	person_t p;
	const char *csv = "\xEF\xBB\xBF" "MÃ ĐƠN VỊ,Giới tính,ho va ten,Ngày sinh,Số CCCD,Số điện thoại,Dân tộc,Hội viên\r\n"
			  "29350-01,Nữ,  Thạch   Thị  Sa Rươn ,15/08/1985,084185001234,+84 912 345 678,Khmer,có\r\n"
			  "29350,nam,Nguyễn Văn Đức,2001-02-28,084201000002,091.234.5679,,không\r\n";
	(void)state;
	assert_int_equal(run(f, csv, &st), PO_OK);
	assert_int_equal(st.read, 2);
	assert_int_equal(st.inserted, 2);
	assert_int_equal(st.updated, 0);
	assert_int_equal(st.rejected, 0);
	assert_int_equal(store_person_get(f->app.store, by_cccd(f, "084185001234"), &p, &f->e), PO_OK);
	assert_string_equal(p.full_name, "Thạch Thị Sa Rươn");
	assert_int_equal(p.dob.y, 1985);
	assert_int_equal(p.dob.m, 8);
	assert_int_equal(p.dob.d, 15);
	assert_int_equal(p.sex, 'F');
	assert_string_equal(p.phone, "0912345678");
	assert_string_equal(p.ethnicity, "Khmer");
	assert_string_equal(p.unit_code, "29350-01");
	assert_true(p.member);
	assert_int_equal(store_person_get(f->app.store, by_cccd(f, "084201000002"), &p, &f->e), PO_OK);
	assert_string_equal(p.ethnicity, "Kinh");
	assert_string_equal(p.phone, "0912345679");
	assert_false(p.member);
	assert_string_equal(rejects(f), "MÃ ĐƠN VỊ,Giới tính,ho va ten,Ngày sinh,Số CCCD,Số điện thoại,Dân tộc,Hội viên,line,error\n");
	fixture_free(f);
}

static void refuses_a_file_without_a_required_column(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	int64_t n = -1;
	(void)state;
	assert_int_equal(run(f, "full_name,dob,unit_code\nLan,1980,29350\n", &st), PO_EINVAL);
	assert_string_equal(f->e.field, "sex");
	assert_int_equal(store_people_count(f->app.store, &n, &f->e), PO_OK);
	assert_int_equal(n, 0);
	fixture_free(f);
}

static void refuses_a_file_that_is_not_utf8_naming_the_line(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	int64_t n = -1;
	(void)state;
	assert_int_equal(run(f, HEADER "Lan,1980,F,,,,,29350,,,\nNguy\xE9n Lan,1980,F,,,,,29350,,,\n", &st),
			 PO_EINVAL);
	assert_string_equal(f->e.field, "file");
	assert_non_null(strstr(f->e.vi, "dòng 3"));
	assert_int_equal(store_people_count(f->app.store, &n, &f->e), PO_OK);
	assert_int_equal(n, 0);
	fixture_free(f);
}

static void rejects_each_bad_row_with_its_line_and_column(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	const char *r;
	const char *csv = HEADER
		"Ngày sai,31/02/1990,F,,,,,29350,,,\n"                 /* 2 */
		"Tương lai,2099-01-01,F,,,,,29350,,,\n"               /* 3 */
		"Quá già,1899-12-31,M,,,,,29350,,,\n"                 /* 4 */
		"Giới tính lạ,1980,X,,,,,29350,,,\n"                  /* 5 */
		"CCCD ngắn,1980-01-01,F,08418000,,,,29350,,,\n"       /* 6 */
		"CCCD sai năm,1985-01-01,F,084190000001,,,,29350,,,\n"/* 7 */
		"CCCD sai giới,1985-01-01,M,084185000001,,,,29350,,,\n"/* 8 */
		"Điện thoại bàn,1980,F,,,0283456789,,29350,,,\n"      /* 9 */
		"Không đơn vị,1980,F,,,,,99999,,,\n"                  /* 10 */
		",1980,F,,,,,29350,,,\n"                              /* 11 */
		"Hội viên lạ,1980,F,,,,,29350,,,maybe\n"              /* 12 */
		"Đúng,1980,F,,,,,29350,,,\n";                         /* 13 */
	(void)state;
	assert_int_equal(run(f, csv, &st), PO_OK);
	assert_int_equal(st.read, 12);
	assert_int_equal(st.inserted, 1);
	assert_int_equal(st.rejected, 11);
	r = rejects(f);
	assert_non_null(strstr(r, "Ngày sai,31/02/1990,F,,,,,29350,,,,2,"));
	assert_true(has_reject(r, 2, "Ngày sinh (dob): "));
	assert_true(has_reject(r, 3, "Ngày sinh (dob): Ngày 2099-01-01 ở tương lai"));
	assert_true(has_reject(r, 4, "Ngày sinh (dob): "));
	assert_true(has_reject(r, 5, "Giới tính (sex): \"\"X\"\" không hợp lệ"));
	assert_true(has_reject(r, 6, "Số CCCD (cccd): "));
	assert_true(has_reject(r, 7, "Số CCCD (cccd): "));
	assert_true(has_reject(r, 8, "Số CCCD (cccd): "));
	assert_true(has_reject(r, 9, "Số điện thoại (phone): "));
	assert_true(has_reject(r, 10, "Mã đơn vị (unit_code): Mã đơn vị 99999 không tồn tại"));
	assert_true(has_reject(r, 11, "Họ và tên (full_name): bắt buộc"));
	assert_true(has_reject(r, 12, "Hội viên (member): "));
	assert_null(strstr(r, "Đúng,"));
	fixture_free(f);
}

static void the_same_person_twice_updates_instead_of_adding(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	person_t p;
	const char *csv = HEADER
		"Lê Thị Hồng,1970-05-06,F,084170000111,,,,29350,,,\n"
		"Lê Thị Hồng,1970-05-06,F,084170000111,8412345678,0987654321,,29350,,,\n"
		"Phạm Văn Tư,1950,M,,8400000001,,,29350,,,\n"
		"Phạm Văn Tư,1950,M,,8400000001,,,29350,,,có\n"
		"Trần Thị Út,1990-01-01,F,,,,,29350,,,\n";
	(void)state;
	assert_int_equal(run(f, csv, &st), PO_OK);
	assert_int_equal(st.inserted, 3);
	assert_int_equal(st.updated, 2);
	assert_int_equal(store_person_get(f->app.store, by_cccd(f, "084170000111"), &p, &f->e), PO_OK);
	assert_string_equal(p.bhxh_code, "8412345678");
	assert_string_equal(p.phone, "0987654321");
	/* running the whole file again adds nobody */
	assert_int_equal(run(f, csv, &st), PO_OK);
	assert_int_equal(st.read, 5);
	assert_int_equal(st.inserted, 0);
	assert_int_equal(st.updated, 5);
	fixture_free(f);
}

static void a_bhxh_code_of_someone_else_is_rejected(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	(void)state;
	assert_int_equal(run(f, HEADER "A,1970-01-01,F,084170000001,8400000001,,,29350,,,\n"
				       "B,1971-01-01,F,084171000002,8400000001,,,29350,,,\n",
			     &st),
			 PO_OK);
	assert_int_equal(st.inserted, 1);
	assert_int_equal(st.rejected, 1);
	assert_true(has_reject(rejects(f), 3, "Mã số BHXH (bhxh_code): Mã số BHXH đã thuộc về một người khác"));
	fixture_free(f);
}

static void nfd_names_are_stored_in_nfc(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	person_t p;
	/* "Nguyễn" typed as n g u y e + circumflex + tilde */
	const char *csv = HEADER "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Lan,1980-01-01,F,084180000009,,,,29350,,,\n";
	(void)state;
	assert_int_equal(run(f, csv, &st), PO_OK);
	assert_int_equal(st.inserted, 1);
	assert_int_equal(store_person_get(f->app.store, by_cccd(f, "084180000009"), &p, &f->e), PO_OK);
	assert_string_equal(p.full_name, "Nguyễn Thị Lan");
	fixture_free(f);
}

static void blank_lines_and_quoted_fields_keep_line_numbers_right(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	const char *csv = HEADER
		"\n"
		"\"Lê Thị\nHoa\",1980,F,,,,,29350,,\"Con, út\",\n"   /* lines 3-4 */
		"   \n"                                               /* 5 */
		"Sai,1980,Q,,,,,29350,,,\n";                         /* 6 */
	(void)state;
	assert_int_equal(run(f, csv, &st), PO_OK);
	assert_int_equal(st.blank, 2);
	assert_int_equal(st.read, 2);
	assert_int_equal(st.inserted, 1);
	assert_int_equal(st.rejected, 1);
	assert_non_null(strstr(rejects(f), "Sai,1980,Q,,,,,29350,,,,6,"));
	fixture_free(f);
}

static void households_group_rows_and_mark_the_head(void **state)
{
	fixture_t *f = fixture_new();
	import_stats_t st;
	person_t a, b;
	int64_t hh = 0;
	const char *csv = HEADER
		"Sơn Văn Tài,1960,M,,,,Khmer,29350-01,HGD001,Chủ hộ,\n"
		"Kim Thị Sa Ly,1962,F,,,,Khmer,29350-01,HGD001,Vợ,có\n";
	(void)state;
	assert_int_equal(run(f, csv, &st), PO_OK);
	assert_int_equal(st.inserted, 2);
	assert_int_equal(store_household_find(f->app.store, "HGD001", &hh, &f->e), PO_OK);
	assert_int_equal(store_person_get(f->app.store, 1, &a, &f->e), PO_OK);
	assert_int_equal(store_person_get(f->app.store, 2, &b, &f->e), PO_OK);
	assert_int_equal(a.household_id, hh);
	assert_int_equal(b.household_id, hh);
	assert_string_equal(b.household_code, "HGD001");
	assert_string_equal(b.relation, "Vợ");
	assert_true(b.member);
	assert_true(a.dob.year_only);
	fixture_free(f);
}

static void small_batches_commit_every_row_once(void **state)
{
	fixture_t *f = fixture_new();
	import_opts_t o;
	import_stats_t st;
	char csv[8192];
	size_t len = 0;
	int i;
	int64_t n = 0;
	(void)state;
	len += (size_t)snprintf(csv + len, sizeof csv - len, HEADER);
	for (i = 0; i < 57; i++)
		len += (size_t)snprintf(csv + len, sizeof csv - len, "Người %d,1980,F,0841800%05d,,,,29350,,,\n", i, i);
	memset(&o, 0, sizeof o);
	o.path = fixture_file(f, "b.csv", csv, len);
	o.batch_rows = 10;
	assert_int_equal(app_import_people(&f->app, &o, &st, &f->e), PO_OK);
	assert_int_equal(st.inserted, 57);
	assert_int_equal(store_people_count(f->app.store, &n, &f->e), PO_OK);
	assert_int_equal(n, 57);
	fixture_free(f);
}

/* Records the progress reports of an import. */
static void note_progress(const import_stats_t *st, int percent, bool done, void *ctx)
{
	int *calls = ctx;
	calls[0]++;
	if (done) {
		calls[1] = percent;
		calls[2] = (int)(st->inserted + st->updated + st->rejected);
	}
}

static void progress_is_reported_and_ends_at_100_percent(void **state)
{
	fixture_t *f = fixture_new();
	import_opts_t o;
	import_stats_t st;
	static char csv[700000];
	size_t len = 0;
	int i, calls[3] = {0, -1, -1};
	(void)state;
	len += (size_t)snprintf(csv + len, sizeof csv - len, HEADER);
	for (i = 0; i < 12000; i++)
		len += (size_t)snprintf(csv + len, sizeof csv - len, "Người %d,1980,F,,,,,29350,,,\n", i);
	memset(&o, 0, sizeof o);
	o.path = fixture_file(f, "p.csv", csv, len);
	o.progress = note_progress;
	o.progress_ctx = calls;
	assert_int_equal(app_import_people(&f->app, &o, &st, &f->e), PO_OK);
	assert_int_equal(calls[0], 3); /* after 5,000 and 10,000 rows, and at the end */
	assert_int_equal(calls[1], 100);
	assert_int_equal(calls[2], 12000);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(imports_vietnamese_headers_in_any_order_with_bom_and_crlf),
		cmocka_unit_test(refuses_a_file_without_a_required_column),
		cmocka_unit_test(refuses_a_file_that_is_not_utf8_naming_the_line),
		cmocka_unit_test(rejects_each_bad_row_with_its_line_and_column),
		cmocka_unit_test(the_same_person_twice_updates_instead_of_adding),
		cmocka_unit_test(a_bhxh_code_of_someone_else_is_rejected),
		cmocka_unit_test(nfd_names_are_stored_in_nfc),
		cmocka_unit_test(blank_lines_and_quoted_fields_keep_line_numbers_right),
		cmocka_unit_test(households_group_rows_and_mark_the_head),
		cmocka_unit_test(small_batches_commit_every_row_once),
		cmocka_unit_test(progress_is_reported_and_ends_at_100_percent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
