/* test_accounts.c: sessions (logout, purge), password change, user
 * administration in a scope, the audit log, and the masked CCCD.
 * Hashing a password takes about 0.1 s, so most users here are written
 * with a placeholder hash and only the tests about passwords hash. */
#include "fixture.h"

#include "app/accounts.h"
#include "report/json_accounts.h"

#define PW "mật khẩu dài"
#define PW2 "mật khẩu mới 2026"

/* Adds a session of user_id with a given expiry, straight in the store. */
static void raw_session(fixture_t *f, const char *token, int64_t user_id, const char *expires)
{
	char hash[65];
	app_session_token_hash(token, hash);
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	assert_int_equal(store_session_add(f->app.store, hash, user_id, "csrf", expires, &f->e), PO_OK);
	assert_int_equal(store_tx_commit(f->app.store, &f->e), PO_OK);
}

/* A 64-character token made of one repeated hex digit. */
static const char *token_of(char c)
{
	static char t[4][65];
	static int next;
	char *s = t[next++ % 4];
	memset(s, c, 64);
	s[64] = '\0';
	return s;
}

/* A failed login with a name longer than any login is audited with
 * the name cut to USERNAME_MAX bytes between two characters: 30 × "ữ"
 * (3 bytes each) keeps 21 of them (63 bytes), in the actor and the
 * detail alike, and the row stays valid UTF-8. */
static void a_long_failed_name_is_cut_between_characters(void **state)
{
	fixture_t *f = fixture_new();
	char name[30 * 3 + 1], cut[21 * 3 + 1], want[200];
	int i;
	(void)state;
	for (i = 0; i < 30; i++)
		memcpy(name + 3 * i, "ữ", 3);
	name[90] = '\0';
	memcpy(cut, name, 63);
	cut[63] = '\0';
	assert_int_equal(app_login_failed(&f->app, name, "203.0.113.5", &f->e), PO_OK);
	assert_string_equal(fixture_query_text(f, "SELECT actor FROM audit WHERE action = 'session.login_failed'"), cut);
	snprintf(want, sizeof want, "{\"username\":\"%s\",\"address\":\"203.0.113.5\"}", cut);
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action = 'session.login_failed'"),
			    want);
	fixture_free(f);
}

static void logout_closes_the_session_once(void **state)
{
	fixture_t *f = fixture_new();
	char token[65], csrf[33], c2[33];
	user_t u, v;
	(void)state;
	fixture_user(f, "lan", UROLE_UNION, "29350", PW);
	assert_int_equal(app_login(&f->app, "lan", PW, token, csrf, &u, &f->e), PO_OK);
	assert_int_equal(app_session(&f->app, token, &v, c2, &f->e), PO_OK);
	assert_string_equal(v.username, "lan");
	assert_int_equal(app_logout(&f->app, token, &f->e), PO_OK);
	assert_int_equal(app_session(&f->app, token, &v, c2, &f->e), PO_ENOTFOUND);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM session"), 0);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action='session.logout' AND actor='lan'"
					      " AND entity='user' AND entity_id=1"),
			 1);
	/* again, unknown, malformed, NULL: nothing happens */
	assert_int_equal(app_logout(&f->app, token, &f->e), PO_OK);
	assert_int_equal(app_logout(&f->app, token_of('a'), &f->e), PO_OK);
	assert_int_equal(app_logout(&f->app, "abc", &f->e), PO_OK);
	assert_int_equal(app_logout(&f->app, NULL, &f->e), PO_OK);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action='session.logout'"), 1);
	fixture_free(f);
}

static void logout_of_an_expired_session_deletes_it(void **state)
{
	fixture_t *f = fixture_new();
	user_t u = fixture_user_raw(f, "lan", UROLE_UNION, "29350");
	(void)state;
	raw_session(f, token_of('b'), u.id, "2000-01-01T00:00:00Z");
	assert_int_equal(app_logout(&f->app, token_of('b'), &f->e), PO_OK);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM session"), 0);
	fixture_free(f);
}

static void password_change_checks_the_old_one_and_closes_other_sessions(void **state)
{
	fixture_t *f = fixture_new();
	char token[65], csrf[33], c2[33];
	user_t u, v;
	(void)state;
	u = fixture_user(f, "lan", UROLE_UNION, "29350", PW);
	assert_int_equal(app_login(&f->app, "lan", PW, token, csrf, &v, &f->e), PO_OK);
	raw_session(f, token_of('c'), u.id, "2999-01-01T00:00:00Z");
	raw_session(f, token_of('d'), u.id, "2999-01-01T00:00:00Z");

	assert_int_equal(app_password_change(&f->app, u.id, "sai mật khẩu", PW2, token, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "old_password");
	assert_string_equal(f->e.vi, "Mật khẩu hiện tại không đúng");
	assert_string_equal(f->e.en, "the current password is wrong");
	assert_int_equal(app_password_change(&f->app, u.id, NULL, PW2, token, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "old_password");
	assert_int_equal(app_password_change(&f->app, u.id, PW, "ngắn", token, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "new_password");
	assert_string_equal(f->e.en, "the password must have at least 8 characters and at most 256 bytes");
	assert_int_equal(app_password_change(&f->app, u.id, PW, PW, token, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "new_password");
	assert_string_equal(f->e.vi, "Mật khẩu mới phải khác mật khẩu hiện tại");
	assert_int_equal(app_password_change(&f->app, u.id + 50, PW, PW2, token, &f->e), PO_ENOTFOUND);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action='user.password'"), 0);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM session"), 3);

	assert_int_equal(app_password_change(&f->app, u.id, PW, PW2, token, &f->e), PO_OK);
	assert_int_equal(app_session(&f->app, token, &v, c2, &f->e), PO_OK);
	assert_int_equal(app_session(&f->app, token_of('c'), &v, c2, &f->e), PO_ENOTFOUND);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM session"), 1);
	assert_int_equal(app_user_verify(&f->app, "lan", PW, &v, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_user_verify(&f->app, "lan", PW2, &v, &f->e), PO_OK);
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action='user.password' AND actor='test'"),
			    "{\"sessions_closed\":2,\"username\":\"lan\"}");
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE detail LIKE '%argon2%'"), 0);

	/* keep_token NULL: every session goes */
	assert_int_equal(app_password_change(&f->app, u.id, PW2, PW, NULL, &f->e), PO_OK);
	assert_int_equal(app_session(&f->app, token, &v, c2, &f->e), PO_ENOTFOUND);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM session"), 0);
	fixture_free(f);
}

static void purge_deletes_only_expired_sessions(void **state)
{
	fixture_t *f = fixture_new();
	user_t u = fixture_user_raw(f, "lan", UROLE_UNION, "29350");
	int64_t n = -1;
	(void)state;
	raw_session(f, token_of('1'), u.id, "2000-01-01T00:00:00Z");
	raw_session(f, token_of('2'), u.id, "2001-06-01T00:00:00Z");
	raw_session(f, token_of('3'), u.id, "2999-01-01T00:00:00Z");
	assert_int_equal(app_sessions_purge(&f->app, &n, &f->e), PO_OK);
	assert_int_equal(n, 2);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM session"), 1);
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action='session.purge'"), "{\"deleted\":2}");
	assert_int_equal(app_sessions_purge(&f->app, &n, &f->e), PO_OK);
	assert_int_equal(n, 0);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action='session.purge'"), 1);
	assert_int_equal(app_sessions_purge(&f->app, NULL, &f->e), PO_OK);
	fixture_free(f);
}

/* Collects usernames joined by ','. */
static int collect_names(const user_t *u, void *ctx)
{
	char *s = ctx;
	size_t n = strlen(s);
	snprintf(s + n, 256 - n, "%s%s", n ? "," : "", u->username);
	return 0;
}

/* Stops at the first user. */
static int stop_at_first(const user_t *u, void *ctx)
{
	(void)u;
	(void)ctx;
	return 7;
}

static void user_list_is_scoped_and_ordered_by_username(void **state)
{
	fixture_t *f = fixture_new();
	int64_t *scope;
	size_t nscope;
	char names[256] = "";
	unit_t unit;
	user_t z;
	(void)state;
	fixture_user_raw(f, "root", UROLE_ADMIN, "84");
	z = fixture_user_raw(f, "Zeta", UROLE_ADMIN, "29350");
	fixture_user_raw(f, "an", UROLE_COLLECTOR, "29350-01");
	fixture_user_raw(f, "binh", UROLE_UNION, "29365");
	assert_int_equal(app_user_list(&f->app, NULL, 0, collect_names, names, &f->e), PO_OK);
	assert_string_equal(names, "an,binh,root,Zeta");
	assert_int_equal(app_unit_scope_id(&f->app, z.unit_id, &scope, &nscope, &f->e), PO_OK);
	names[0] = '\0';
	assert_int_equal(app_user_list(&f->app, scope, nscope, collect_names, names, &f->e), PO_OK);
	assert_string_equal(names, "an,Zeta");
	assert_int_equal(app_user_list(&f->app, scope, nscope, stop_at_first, NULL, &f->e), 7);
	free(scope);
	assert_int_equal(app_user_unit(&f->app, &z, &unit, &f->e), PO_OK);
	assert_string_equal(unit.name, "Xã Hiếu Tử");
	fixture_free(f);
}

static void user_update_changes_role_and_unit_and_audits_before_after(void **state)
{
	fixture_t *f = fixture_new();
	user_t root = fixture_user_raw(f, "root", UROLE_ADMIN, "846");
	user_t lan = fixture_user_raw(f, "lan", UROLE_UNION, "29350");
	user_t out, v;
	user_changes_t c = USER_CHANGES_NONE;
	(void)state;
	c.role = "collector";
	c.unit_code = "29365";
	assert_int_equal(app_user_update(&f->app, &root, lan.id, &c, &out, &f->e), PO_OK);
	assert_int_equal(out.role, UROLE_COLLECTOR);
	assert_string_equal(out.unit_code, "29365");
	assert_false(out.disabled);
	assert_int_equal(store_user_get(f->app.store, lan.id, &v, NULL, 0, &f->e), PO_OK);
	assert_int_equal(v.role, UROLE_COLLECTOR);
	assert_string_equal(v.unit_code, "29365");
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action='user.update' AND actor='test'"
						  " AND entity='user' AND entity_id=2"),
			    "{\"after\":{\"disabled\":false,\"full_name\":\"\",\"role\":\"collector\",\"unit_code\":\"29365\"},"
			    "\"before\":{\"disabled\":false,\"full_name\":\"\",\"role\":\"union\",\"unit_code\":\"29350\"},"
			    "\"username\":\"lan\"}");
	/* the same again changes nothing and writes nothing */
	assert_int_equal(app_user_update(&f->app, &root, lan.id, &c, &out, &f->e), PO_OK);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action='user.update'"), 1);
	/* the operator (NULL) may change anyone */
	c = USER_CHANGES_NONE;
	c.disabled = 1;
	assert_int_equal(app_user_update(&f->app, NULL, root.id, &c, &out, &f->e), PO_OK);
	assert_true(out.disabled);
	fixture_free(f);
}

static void a_full_name_is_cleaned_stored_changed_and_audited(void **state)
{
	fixture_t *f = fixture_new();
	user_t root = fixture_user_raw(f, "root", UROLE_ADMIN, "846");
	user_t u, out, v;
	user_changes_t c = USER_CHANGES_NONE;
	char longname[USER_FULL_NAME_MAX + 2];
	(void)state;
	memset(&u, 0, sizeof u);
	snprintf(u.username, sizeof u.username, "mai");
	snprintf(u.full_name, sizeof u.full_name, "  Nguyễn   Thị  Mai ");
	u.role = UROLE_COLLECTOR;
	assert_int_equal(app_user_create_by(&f->app, &root, &u, "29350-01", "mật khẩu đủ dài", &f->e), PO_OK);
	assert_string_equal(u.full_name, "Nguyễn Thị Mai");
	assert_int_equal(store_user_get(f->app.store, u.id, &v, NULL, 0, &f->e), PO_OK);
	assert_string_equal(v.full_name, "Nguyễn Thị Mai");
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action='user.add'"),
			    "{\"username\":\"mai\",\"role\":\"collector\",\"unit\":\"29350-01\",\"full_name\":\"Nguyễn Thị Mai\"}");
	/* a change of the name alone is a change, audited before and after */
	c.full_name = "Võ Thị Ngọc Mai";
	assert_int_equal(app_user_update(&f->app, &root, u.id, &c, &out, &f->e), PO_OK);
	assert_string_equal(out.full_name, "Võ Thị Ngọc Mai");
	assert_int_equal(store_user_get(f->app.store, u.id, &v, NULL, 0, &f->e), PO_OK);
	assert_string_equal(v.full_name, "Võ Thị Ngọc Mai");
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action='user.update'"),
			    "{\"after\":{\"disabled\":false,\"full_name\":\"Võ Thị Ngọc Mai\",\"role\":\"collector\","
			    "\"unit_code\":\"29350-01\"},\"before\":{\"disabled\":false,\"full_name\":\"Nguyễn Thị Mai\","
			    "\"role\":\"collector\",\"unit_code\":\"29350-01\"},\"username\":\"mai\"}");
	/* too long: refused on full_name, nothing changed */
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	c.full_name = longname;
	assert_int_equal(app_user_update(&f->app, &root, u.id, &c, &out, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "full_name");
	assert_int_equal(store_user_get(f->app.store, u.id, &v, NULL, 0, &f->e), PO_OK);
	assert_string_equal(v.full_name, "Võ Thị Ngọc Mai");
	/* invalid UTF-8 is refused on create too */
	memset(&u, 0, sizeof u);
	snprintf(u.username, sizeof u.username, "lan2");
	snprintf(u.full_name, sizeof u.full_name, "L\xff");
	assert_int_equal(app_user_create_by(&f->app, &root, &u, "29350-01", "mật khẩu đủ dài", &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "full_name");
	fixture_free(f);
}

static void user_update_stays_inside_the_admins_units(void **state)
{
	fixture_t *f = fixture_new();
	user_t adm = fixture_user_raw(f, "adm", UROLE_ADMIN, "29350");
	user_t inside = fixture_user_raw(f, "an", UROLE_UNION, "29350-01");
	user_t outside = fixture_user_raw(f, "binh", UROLE_UNION, "29365");
	user_t officer = fixture_user_raw(f, "cb", UROLE_OFFICER, "29350");
	user_changes_t c = USER_CHANGES_NONE;
	(void)state;
	c.disabled = 1;
	assert_int_equal(app_user_update(&f->app, &adm, outside.id, &c, NULL, &f->e), PO_ENOTFOUND);
	assert_string_equal(f->e.en, "no such user");
	assert_int_equal(app_user_update(&f->app, &adm, 999, &c, NULL, &f->e), PO_ENOTFOUND);
	assert_string_equal(f->e.en, "no such user");
	/* outside her units, any change is "no such user", even a bad one */
	c = USER_CHANGES_NONE;
	c.role = "nonsense";
	assert_int_equal(app_user_update(&f->app, &adm, outside.id, &c, NULL, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_user_update(&f->app, &adm, inside.id, &c, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "role");
	assert_string_equal(f->e.en, "invalid role \"nonsense\" (admin, officer, union, collector, viewer)");
	c = USER_CHANGES_NONE;
	c.unit_code = "29365";
	assert_int_equal(app_user_update(&f->app, &adm, inside.id, &c, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "unit_code");
	assert_string_equal(f->e.vi, "Đơn vị 29365 nằm ngoài phạm vi được giao của bạn");
	c.unit_code = "99999";
	assert_int_equal(app_user_update(&f->app, &adm, inside.id, &c, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "unit_code");
	assert_string_equal(f->e.en, "unknown unit code 99999");
	c = USER_CHANGES_NONE;
	c.new_password = "ngắn";
	assert_int_equal(app_user_update(&f->app, &adm, inside.id, &c, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "password");
	c = USER_CHANGES_NONE;
	c.disabled = 1;
	assert_int_equal(app_user_update(&f->app, &officer, inside.id, &c, NULL, &f->e), PO_EFORBIDDEN);
	assert_string_equal(f->e.field, "role");
	assert_string_equal(f->e.en, "only an administrator may manage users");
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE action='user.update'"), 0);
	c.unit_code = "29350";
	assert_int_equal(app_user_update(&f->app, &adm, inside.id, &c, NULL, &f->e), PO_OK);
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action='user.update'"),
			    "{\"after\":{\"disabled\":true,\"full_name\":\"\",\"role\":\"union\",\"unit_code\":\"29350\"},"
			    "\"before\":{\"disabled\":false,\"full_name\":\"\",\"role\":\"union\",\"unit_code\":\"29350-01\"},"
			    "\"username\":\"an\"}");
	fixture_free(f);
}

static void an_admin_cannot_demote_or_disable_herself(void **state)
{
	fixture_t *f = fixture_new();
	user_t adm = fixture_user_raw(f, "adm", UROLE_ADMIN, "846");
	user_t out;
	user_changes_t c = USER_CHANGES_NONE;
	(void)state;
	c.role = "officer";
	assert_int_equal(app_user_update(&f->app, &adm, adm.id, &c, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "role");
	assert_string_equal(f->e.vi, "Bạn không thể tự bỏ vai trò quản trị của chính mình");
	c = USER_CHANGES_NONE;
	c.disabled = 1;
	assert_int_equal(app_user_update(&f->app, &adm, adm.id, &c, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "disabled");
	assert_string_equal(f->e.en, "you cannot disable your own account");
	/* keeping her role, or moving inside her units, is fine */
	c = USER_CHANGES_NONE;
	c.role = "admin";
	c.unit_code = "29350";
	c.disabled = 0;
	assert_int_equal(app_user_update(&f->app, &adm, adm.id, &c, &out, &f->e), PO_OK);
	assert_string_equal(out.unit_code, "29350");
	assert_int_equal(out.role, UROLE_ADMIN);
	fixture_free(f);
}

static void disabling_and_password_reset_close_sessions(void **state)
{
	fixture_t *f = fixture_new();
	user_t adm = fixture_user_raw(f, "adm", UROLE_ADMIN, "84");
	user_t lan = fixture_user(f, "lan", UROLE_UNION, "29350", PW);
	user_t v;
	user_changes_t c = USER_CHANGES_NONE;
	char token[65], csrf[33];
	(void)state;
	raw_session(f, token_of('e'), lan.id, "2999-01-01T00:00:00Z");
	raw_session(f, token_of('f'), adm.id, "2999-01-01T00:00:00Z");
	c.disabled = 1;
	assert_int_equal(app_user_update(&f->app, &adm, lan.id, &c, NULL, &f->e), PO_OK);
	assert_int_equal(app_session(&f->app, token_of('e'), &v, csrf, &f->e), PO_ENOTFOUND);
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM session"), 1);
	assert_int_equal(app_login(&f->app, "lan", PW, token, csrf, &v, &f->e), PO_ENOTFOUND);
	c.disabled = 0;
	assert_int_equal(app_user_update(&f->app, &adm, lan.id, &c, NULL, &f->e), PO_OK);
	raw_session(f, token_of('e'), lan.id, "2999-01-01T00:00:00Z");
	c = USER_CHANGES_NONE;
	c.new_password = PW2;
	assert_int_equal(app_user_update(&f->app, &adm, lan.id, &c, NULL, &f->e), PO_OK);
	assert_int_equal(app_session(&f->app, token_of('e'), &v, csrf, &f->e), PO_ENOTFOUND);
	assert_int_equal(app_session(&f->app, token_of('f'), &v, csrf, &f->e), PO_OK);
	assert_int_equal(app_login(&f->app, "lan", PW2, token, csrf, &v, &f->e), PO_OK);
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action='user.update' ORDER BY id DESC"),
			    "{\"after\":{\"disabled\":false,\"full_name\":\"\",\"password\":\"changed\",\"role\":\"union\",\"unit_code\":\"29350\"},"
			    "\"before\":{\"disabled\":false,\"full_name\":\"\",\"role\":\"union\",\"unit_code\":\"29350\"},"
			    "\"username\":\"lan\"}");
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM audit WHERE detail LIKE '%argon2%'"
					      " OR detail LIKE '%" PW2 "%'"),
			 0);
	fixture_free(f);
}

static void user_create_by_checks_the_unit_is_inside_her_units(void **state)
{
	fixture_t *f = fixture_new();
	user_t adm = fixture_user_raw(f, "adm", UROLE_ADMIN, "29350");
	user_t officer = fixture_user_raw(f, "cb", UROLE_OFFICER, "29350");
	user_t u;
	(void)state;
	memset(&u, 0, sizeof u);
	snprintf(u.username, sizeof u.username, "moi");
	u.role = UROLE_COLLECTOR;
	assert_int_equal(app_user_create_by(&f->app, &adm, &u, "29365", PW, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "unit_code");
	assert_string_equal(f->e.en, "unit 29365 is outside your units");
	assert_int_equal(app_user_create_by(&f->app, &adm, &u, "00000", PW, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "unit_code");
	assert_int_equal(app_user_create_by(&f->app, &adm, &u, "", PW, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "unit_code");
	assert_int_equal(app_user_create_by(&f->app, &officer, &u, "29350", PW, &f->e), PO_EFORBIDDEN);
	assert_string_equal(f->e.field, "role");
	assert_int_equal(fixture_query_int(f, "SELECT count(*) FROM app_user"), 2);
	assert_int_equal(app_user_create_by(&f->app, &adm, &u, "29350-01", PW, &f->e), PO_OK);
	assert_int_equal(u.id, 3);
	assert_string_equal(u.unit_code, "29350-01");
	assert_string_equal(fixture_query_text(f, "SELECT detail FROM audit WHERE action='user.add'"),
			    "{\"username\":\"moi\",\"role\":\"collector\",\"unit\":\"29350-01\",\"full_name\":\"\"}");
	fixture_free(f);
}

/* Collects "id:action" of the entries joined by ','. */
static int collect_entries(const audit_entry_t *r, void *ctx)
{
	char *s = ctx;
	size_t n = strlen(s);
	snprintf(s + n, 512 - n, "%s%lld:%s", n ? "," : "", (long long)r->id, r->action);
	return 0;
}

/* Writes one audit entry. */
static void audit_row(fixture_t *f, const char *actor, const char *action, const char *entity, int64_t id)
{
	assert_int_equal(store_tx_begin(f->app.store, &f->e), PO_OK);
	assert_int_equal(store_audit(f->app.store, actor, action, entity, id, "{\"k\":1}", &f->e), PO_OK);
	assert_int_equal(store_tx_commit(f->app.store, &f->e), PO_OK);
}

static void audit_list_filters_and_pages_newest_first(void **state)
{
	fixture_t *f = fixture_new();
	audit_filter_t q;
	char out[512];
	bool more;
	(void)state;
	/* the fixture wrote unit.add entries 1..5 */
	audit_row(f, "lan", "user.update", "user", 7);    /* 6 */
	audit_row(f, "lan", "user.password", "user", 7);  /* 7 */
	audit_row(f, "mai", "person.add", "person", 3);   /* 8 */
	audit_row(f, "lan", "user.updated", "user", 8);   /* 9 */
	audit_row(f, "mai", "user.update", "user", 8);    /* 10 */

	memset(&q, 0, sizeof q);
	out[0] = '\0';
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, &more, &f->e), PO_OK);
	assert_string_equal(out, "10:user.update,9:user.updated,8:person.add,7:user.password,6:user.update,"
				 "5:unit.add,4:unit.add,3:unit.add,2:unit.add,1:unit.add");
	assert_false(more);

	q.limit = 3;
	out[0] = '\0';
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, &more, &f->e), PO_OK);
	assert_string_equal(out, "10:user.update,9:user.updated,8:person.add");
	assert_true(more);
	q.before_id = 8;
	out[0] = '\0';
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, &more, &f->e), PO_OK);
	assert_string_equal(out, "7:user.password,6:user.update,5:unit.add");
	assert_true(more);
	q.before_id = 4;
	out[0] = '\0';
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, &more, &f->e), PO_OK);
	assert_string_equal(out, "3:unit.add,2:unit.add,1:unit.add");
	assert_false(more);

	memset(&q, 0, sizeof q);
	q.action_prefix = "user.";
	q.actor = "lan";
	out[0] = '\0';
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, NULL, &f->e), PO_OK);
	assert_string_equal(out, "9:user.updated,7:user.password,6:user.update");
	q.action_prefix = "user.update";
	q.actor = NULL;
	q.entity = "user";
	q.entity_id = 8;
	out[0] = '\0';
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, NULL, &f->e), PO_OK);
	assert_string_equal(out, "10:user.update,9:user.updated");
	q.entity = "person";
	out[0] = '\0';
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, NULL, &f->e), PO_OK);
	assert_string_equal(out, "");
	/* a prefix is text, not a pattern */
	memset(&q, 0, sizeof q);
	q.action_prefix = "user%";
	out[0] = '\0';
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, NULL, &f->e), PO_OK);
	assert_string_equal(out, "");

	memset(&q, 0, sizeof q);
	q.limit = AUDIT_LIMIT_MAX + 1;
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "limit");
	assert_string_equal(f->e.en, "limit must be between 1 and 500");
	q.limit = -1;
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, NULL, &f->e), PO_EINVAL);
	q.limit = 0;
	q.before_id = -3;
	assert_int_equal(app_audit_list(&f->app, &q, collect_entries, out, NULL, &f->e), PO_EINVAL);
	assert_string_equal(f->e.field, "before");
	fixture_free(f);
}

static void cccd_mask_keeps_three_and_three(void **state)
{
	char out[13];
	(void)state;
	cccd_mask("084180000001", out);
	assert_string_equal(out, "084******001");
	cccd_mask("", out);
	assert_string_equal(out, "");
	cccd_mask(NULL, out);
	assert_string_equal(out, "");
	cccd_mask("12345", out);
	assert_string_equal(out, "*****");
	cccd_mask("1234567", out);
	assert_string_equal(out, "123*567");
	cccd_mask("12345678901234", out);
	assert_string_equal(out, "123******234");
}

static void person_masked_hides_only_the_cccd(void **state)
{
	person_t p;
	json_t *o;
	(void)state;
	memset(&p, 0, sizeof p);
	p.id = 4;
	snprintf(p.full_name, sizeof p.full_name, "Nguyễn Thị Lan");
	p.dob = (date_t){1980, 1, 1, false};
	p.sex = 'F';
	snprintf(p.cccd, sizeof p.cccd, "084180000001");
	snprintf(p.phone, sizeof p.phone, "0912345678");
	snprintf(p.unit_code, sizeof p.unit_code, "29350");
	o = report_person_masked(&p, false, true);
	assert_string_equal(json_string_value(json_object_get(o, "cccd")), "084******001");
	assert_string_equal(json_string_value(json_object_get(o, "phone")), "0912345678");
	assert_string_equal(json_string_value(json_object_get(o, "full_name")), "Nguyễn Thị Lan");
	assert_null(json_object_get(o, "member"));
	json_decref(o);
	o = report_person_masked(&p, true, false);
	assert_string_equal(json_string_value(json_object_get(o, "cccd")), "084180000001");
	assert_non_null(json_object_get(o, "member"));
	json_decref(o);
	p.cccd[0] = '\0';
	o = report_person_masked(&p, false, true);
	assert_true(json_is_null(json_object_get(o, "cccd")));
	json_decref(o);
}

static void report_user_and_audit_entry_shapes(void **state)
{
	user_t u;
	audit_entry_t r = {12, "2026-11-29T01:02:03.456Z", "adm", "user.update", "user", 3, "{\"a\":[1,2]}"};
	json_t *o;
	char *s;
	(void)state;
	memset(&u, 0, sizeof u);
	u.id = 3;
	snprintf(u.username, sizeof u.username, "lan");
	u.role = UROLE_COLLECTOR;
	snprintf(u.unit_code, sizeof u.unit_code, "29350");
	o = report_user(&u);
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	assert_string_equal(s, "{\"disabled\":false,\"full_name\":\"\",\"id\":3,\"role\":\"collector\","
			       "\"unit_code\":\"29350\",\"username\":\"lan\"}");
	free(s);
	json_decref(o);
	o = report_audit_entry(&r);
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	assert_string_equal(s, "{\"action\":\"user.update\",\"actor\":\"adm\",\"at\":\"2026-11-29T01:02:03.456Z\","
			       "\"detail\":{\"a\":[1,2]},\"entity\":\"user\",\"entity_id\":3,\"id\":12}");
	free(s);
	json_decref(o);
	r.entity_id = 0;
	r.detail = NULL;
	o = report_audit_entry(&r);
	assert_true(json_is_null(json_object_get(o, "entity_id")));
	assert_true(json_is_null(json_object_get(o, "detail")));
	json_decref(o);
	r.detail = "not json";
	o = report_audit_entry(&r);
	assert_string_equal(json_string_value(json_object_get(o, "detail")), "not json");
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(logout_closes_the_session_once),
		cmocka_unit_test(a_long_failed_name_is_cut_between_characters),
		cmocka_unit_test(logout_of_an_expired_session_deletes_it),
		cmocka_unit_test(password_change_checks_the_old_one_and_closes_other_sessions),
		cmocka_unit_test(purge_deletes_only_expired_sessions),
		cmocka_unit_test(user_list_is_scoped_and_ordered_by_username),
		cmocka_unit_test(user_update_changes_role_and_unit_and_audits_before_after),
		cmocka_unit_test(a_full_name_is_cleaned_stored_changed_and_audited),
		cmocka_unit_test(user_update_stays_inside_the_admins_units),
		cmocka_unit_test(an_admin_cannot_demote_or_disable_herself),
		cmocka_unit_test(disabling_and_password_reset_close_sessions),
		cmocka_unit_test(user_create_by_checks_the_unit_is_inside_her_units),
		cmocka_unit_test(audit_list_filters_and_pages_newest_first),
		cmocka_unit_test(cccd_mask_keeps_three_and_three),
		cmocka_unit_test(person_masked_hides_only_the_cccd),
		cmocka_unit_test(report_user_and_audit_entry_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
