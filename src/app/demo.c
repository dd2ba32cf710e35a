/* demo.c: the Tiểu Cần demo data set (see demo.h).
 *
 * Unit codes of the communes and the 2025 merge are the official ones;
 * hamlet names, people and households are made up by a seeded
 * generator, so every load is identical.
 */
#include <stdio.h>
#include <string.h>

#include "app/demo.h"
#include "app/names.h"

#define DEMO_SEED 20220301u
#define DEMO_PEOPLE_PER_HAMLET 250
#define DEMO_REF_YEAR 2025 /* ages are counted from this year */

static const struct demo_commune {
	const char *code, *name;
	enum unit_kind kind;
	int hamlets;
	int khmer_pct;
	const char *hamlet_names[8];
} communes[11] = {
	{"29341", "Thị trấn Tiểu Cần", UNIT_TOWN, 7, 15,
	 {"Khóm 1", "Khóm 2", "Khóm 3", "Khóm 4", "Khóm 5", "Khóm 6", "Khóm 7"}},
	{"29344", "Thị trấn Cầu Quan", UNIT_TOWN, 6, 10,
	 {"Khóm 1", "Khóm 2", "Khóm 3", "Khóm 4", "Khóm 5", "Khóm 6"}},
	{"29347", "Xã Phú Cần", UNIT_COMMUNE, 8, 35,
	 {"Ấp Phú Thọ 1", "Ấp Phú Thọ 2", "Ấp Sóc Cầu", "Ấp Cây Gòn", "Ấp Te Te", "Ấp Phú Hòa", "Ấp Đại Mong",
	  "Ấp Cầu Tre"}},
	{"29350", "Xã Hiếu Tử", UNIT_COMMUNE, 8, 45,
	 {"Ấp Tân Trung Giồng", "Ấp Ông Rùm 1", "Ấp Ông Rùm 2", "Ấp Cầu Tre", "Ấp Chông Nô", "Ấp Chà Dư",
	  "Ấp Ô Ét", "Ấp Sóc Dừa"}},
	{"29353", "Xã Hiếu Trung", UNIT_COMMUNE, 7, 30,
	 {"Ấp Cao Một", "Ấp Định Bình", "Ấp Phú Thọ", "Ấp Ông Xây", "Ấp Trung Tiến", "Ấp Tân Thành",
	  "Ấp Bà Ép"}},
	{"29356", "Xã Long Thới", UNIT_COMMUNE, 7, 40,
	 {"Ấp Long Thuận", "Ấp Long Hiệp", "Ấp Sóc Tràm", "Ấp Ô Đùng", "Ấp Cầu Ván", "Ấp Trà Mềm",
	  "Ấp Te Te 2"}},
	{"29359", "Xã Hùng Hòa", UNIT_COMMUNE, 8, 25,
	 {"Ấp Hòa Lạc", "Ấp Hòa Trinh", "Ấp Tân Đại", "Ấp Cây Ổi", "Ấp Sâm Bua", "Ấp Kênh Xáng", "Ấp Bình Hòa",
	  "Ấp Rạch Lọp"}},
	{"29362", "Xã Tân Hùng", UNIT_COMMUNE, 7, 20,
	 {"Ấp Tân Thành Tây", "Ấp Tân Thành Đông", "Ấp Cầu Tre", "Ấp Tân Lập", "Ấp Trà Cú", "Ấp Giồng Lức",
	  "Ấp Đầu Giồng"}},
	{"29365", "Xã Tập Ngãi", UNIT_COMMUNE, 7, 35,
	 {"Ấp Ngãi Phú", "Ấp Ngãi Lợi", "Ấp Sóc Kha", "Ấp Chợ", "Ấp Trinh Phụ", "Ấp Ngãi Trung",
	  "Ấp Phụng Sa"}},
	{"29368", "Xã Ngãi Hùng", UNIT_COMMUNE, 8, 30,
	 {"Ấp Ngãi Hòa", "Ấp Ngãi Thuận", "Ấp Chánh Hội", "Ấp Cầu Xây", "Ấp Kinh Xáng", "Ấp Ô Trôm",
	  "Ấp Cây Cồng", "Ấp Nhì"}},
	{"29371", "Xã Tân Hòa", UNIT_COMMUNE, 7, 25,
	 {"Ấp Tân Đông", "Ấp Tân Tây", "Ấp Tân Trung", "Ấp Cầu Tràm", "Ấp Ông Đơ", "Ấp Nhà Thờ",
	  "Ấp Sóc Tre"}},
};

/* The four communes of Vĩnh Long formed on 2025-07-01 (QĐ 19/2025). */
static const struct demo_merge {
	const char *code, *name;
	const char *from[3];
} merges[4] = {
	{"29341", "Xã Tiểu Cần", {"29341", "29347", "29353"}},
	{"29371", "Xã Tân Hòa", {"29356", "29371", "29344"}},
	{"29362", "Xã Hùng Hòa", {"29368", "29362", "29359"}},
	{"29365", "Xã Tập Ngãi", {"29350", "29365", NULL}},
};

static const struct demo_login {
	const char *username;
	enum user_role role;
	const char *unit;
	const char *who_vi, *who_en;
	const char *full_name; /* as printed on her receipts */
} logins[] = {
	{"admin", UROLE_ADMIN, "86", "quản trị toàn tỉnh", "administrator, whole province", "Trần Văn Hùng"},
	{"bhxh.tieucan", UROLE_OFFICER, "86", "cán bộ BHXH", "insurance office staff", "Lê Thị Thu Hà"},
	{"hoi.tapngai", UROLE_UNION, "29365", "Hội LHPN xã Tập Ngãi", "Women's Union, Tập Ngãi commune",
	 "Thạch Thị Sà Rươne"},
	{"hoi.tieucan", UROLE_UNION, "29341", "Hội LHPN xã Tiểu Cần", "Women's Union, Tiểu Cần commune",
	 "Nguyễn Thị Kim Loan"},
	{"ctv.hieutu", UROLE_COLLECTOR, "29350-01", "cộng tác viên ấp Tân Trung Giồng",
	 "collector, Tân Trung Giồng hamlet", "Võ Thị Ngọc Hiếu"},
	{"xem.tanhoa", UROLE_VIEWER, "29371", "xem số liệu xã Tân Hòa", "read-only, Tân Hòa commune",
	 "Phạm Minh Tâm"},
};

static const char *const phone_prefixes[] = {"090", "091", "093", "094", "097", "098", "086", "088",
					      "070", "079", "077", "032", "033", "035", "036", "038",
					      "039", "081", "083", "084", "085"};

struct demo_state {
	app_t *a;
	names_rng_t rng;
	demo_report_t *rep;
	int64_t serial;     /* people made so far: makes CCCD and BHXH numbers unique */
	err_t *e;
};

/* A unit inside the demo's transaction. */
static int add_unit(struct demo_state *d, const char *code, const char *name, enum unit_kind kind,
		    const char *parent, date_t from, unit_t *out)
{
	unit_t u;
	int rc;
	memset(&u, 0, sizeof u);
	snprintf(u.code, sizeof u.code, "%s", code);
	snprintf(u.name, sizeof u.name, "%s", name);
	u.kind = kind;
	u.valid_from = from;
	rc = app_unit_add_in_tx(d->a, &u, parent, d->e);
	if (!rc) {
		d->rep->units++;
		if (out)
			*out = u;
	}
	return rc;
}

/* A uniform integer in [lo, hi]. */
static int pick(struct demo_state *d, int lo, int hi)
{
	return lo + (int)names_uniform(&d->rng, (uint32_t)(hi - lo + 1));
}

/* True with probability pct percent. */
static bool chance(struct demo_state *d, int pct)
{
	return (int)names_uniform(&d->rng, 100) < pct;
}

/* Fills and writes one person of a household. */
static int add_person(struct demo_state *d, int64_t unit_id, const char *unit_code, const char *hh_code,
		      const char *family, bool khmer, char sex, int age, const char *relation, int64_t branch_id,
		      bool *member_out, int64_t *id_out)
{
	person_parsed_t pp;
	person_t *p = &pp.p;
	bool inserted;
	int rc, century;
	char num[48]; /* an identifier being formatted */

	memset(&pp, 0, sizeof pp);
	pp.member = -1;
	names_person_in_family(&d->rng, family, sex, khmer, p->full_name, sizeof p->full_name);
	p->sex = sex;
	p->dob.y = (int16_t)(DEMO_REF_YEAR - age);
	p->dob.m = (int8_t)pick(d, 1, 12);
	p->dob.d = (int8_t)pick(d, 1, 28);
	if (age >= 70 && chance(d, 25)) {
		p->dob.m = p->dob.d = 1;
		p->dob.year_only = true;
	}
	d->serial++;
	if (age >= 14 && chance(d, 92)) {
		century = (p->dob.y >= 2000 ? 2 : 0) + (sex == 'F' ? 1 : 0);
		snprintf(num, sizeof num, "%s%d%02d%06lld", chance(d, 90) ? "084" : "094", century,
			 p->dob.y % 100, (long long)(d->serial % 1000000));
		memcpy(p->cccd, num, CCCD_LEN);
		pp.has[PCOL_CCCD] = true;
	}
	if (chance(d, 55)) {
		snprintf(num, sizeof num, "84%08lld", (long long)(d->serial * 7 % 100000000));
		memcpy(p->bhxh_code, num, BHXH_LEN);
		pp.has[PCOL_BHXH] = true;
	}
	if (age >= 16 && chance(d, 70)) {
		snprintf(num, sizeof num, "%s%07u",
			 phone_prefixes[names_uniform(&d->rng, sizeof phone_prefixes / sizeof phone_prefixes[0])],
			 names_uniform(&d->rng, 10000000));
		memcpy(p->phone, num, PHONE_LEN);
		pp.has[PCOL_PHONE] = true;
	}
	snprintf(p->ethnicity, sizeof p->ethnicity, "%s", khmer ? "Khmer" : "Kinh");
	pp.has[PCOL_ETHNICITY] = true;
	p->unit_id = unit_id;
	snprintf(p->unit_code, sizeof p->unit_code, "%s", unit_code);
	snprintf(p->household_code, sizeof p->household_code, "%s", hh_code);
	pp.has[PCOL_HOUSEHOLD] = true;
	snprintf(p->relation, sizeof p->relation, "%s", relation);
	pp.has[PCOL_RELATION] = true;
	pp.has[PCOL_FULL_NAME] = pp.has[PCOL_DOB] = pp.has[PCOL_SEX] = pp.has[PCOL_UNIT] = true;
	*member_out = sex == 'F' && age >= 18 && chance(d, 85);
	rc = person_upsert(d->a, &pp, &inserted, d->e);
	if (rc)
		return rc;
	d->rep->people++;
	*id_out = p->id;
	if (*member_out) {
		membership_t m = {p->id, branch_id, ROLE_MEMBER, {2022, 3, 1, false}};
		rc = store_membership_set(d->a->store, p->id, true, &m, d->e);
		if (rc)
			return rc;
		d->rep->members++;
	}
	return PO_OK;
}

/* Makes the households of one hamlet and its branch head. */
static int add_hamlet_people(struct demo_state *d, const struct demo_commune *c, int hamlet_no,
			     const unit_t *hamlet, int64_t branch_id)
{
	int made = 0, hh_no = 0, rc;
	int64_t head_candidate = 0, first_member = 0;
	while (made < DEMO_PEOPLE_PER_HAMLET) {
		static const int size_pct[6] = {8, 17, 24, 26, 15, 10};
		char hh_code[HOUSEHOLD_CODE_MAX + 1];
		bool khmer = chance(d, c->khmer_pct), member;
		const char *family = names_family(&d->rng, khmer);
		int size = 1, roll = pick(d, 0, 99), acc = 0, k, head_age;
		char head_sex = chance(d, 70) ? 'M' : 'F';
		int64_t id, hh_id;
		for (k = 0; k < 6; k++) {
			acc += size_pct[k];
			if (roll < acc) {
				size = k + 1;
				break;
			}
		}
		snprintf(hh_code, sizeof hh_code, "HGD%s%02d%03d", c->code, hamlet_no, ++hh_no);
		head_age = pick(d, 28, 75);
		rc = add_person(d, hamlet->id, hamlet->code, hh_code, family, khmer, head_sex, head_age, "Chủ hộ",
				branch_id, &member, &id);
		if (rc)
			return rc;
		made++;
		d->rep->households++;
		if (member && !first_member)
			first_member = id;
		if (member && !head_candidate && head_age >= 30 && head_age <= 60)
			head_candidate = id;
		for (k = 1; k < size; k++) {
			char sex;
			int age;
			const char *rel;
			if (k == 1 && size >= 2 && chance(d, 85)) {
				sex = head_sex == 'M' ? 'F' : 'M';
				age = head_age + pick(d, -6, 4);
				rel = sex == 'F' ? "Vợ" : "Chồng";
			} else if (k == size - 1 && size >= 5 && head_age < 55) {
				sex = chance(d, 60) ? 'F' : 'M';
				age = head_age + pick(d, 20, 30);
				rel = sex == 'F' ? "Mẹ" : "Cha";
			} else {
				sex = chance(d, 50) ? 'F' : 'M';
				age = head_age - pick(d, 20, 34);
				rel = "Con";
			}
			if (age < 0)
				age = pick(d, 0, 5);
			if (age > 95)
				age = 95;
			/* children carry the household's family name; a spouse or a
			 * parent has a family name of her own */
			rc = add_person(d, hamlet->id, hamlet->code, hh_code,
					strcmp(rel, "Con") == 0 ? family : names_family(&d->rng, khmer), khmer, sex,
					age, rel, branch_id, &member, &id);
			if (rc)
				return rc;
			made++;
			if (member && !first_member)
				first_member = id;
			if (member && !head_candidate && age >= 30 && age <= 60)
				head_candidate = id;
		}
		/* poverty certificates: 2022–2025, some renewed for 2026 */
		if (chance(d, 14)) {
			poverty_cert_t pc;
			rc = store_household_find(d->a->store, hh_code, &hh_id, d->e);
			if (rc)
				return rc;
			pc.household_id = hh_id;
			pc.status = chance(d, 45) ? POVERTY_POOR : POVERTY_NEAR_POOR;
			pc.valid_from = (date_t){2022, 1, 1, false};
			pc.valid_to = (date_t){2025, 12, 31, false};
			rc = store_poverty_add(d->a->store, &pc, d->e);
			if (!rc && chance(d, 65)) {
				pc.valid_from = (date_t){2026, 1, 1, false};
				pc.valid_to = (date_t){2026, 12, 31, false};
				rc = store_poverty_add(d->a->store, &pc, d->e);
			}
			if (rc)
				return rc;
		}
	}
	if (!head_candidate)
		head_candidate = first_member;
	if (head_candidate) {
		membership_t m = {head_candidate, branch_id, ROLE_BRANCH_HEAD, {2022, 3, 1, false}};
		rc = store_membership_set(d->a->store, head_candidate, true, &m, d->e);
		if (rc)
			return rc;
		d->rep->branch_heads++;
	}
	return PO_OK;
}

/* Stops store_units_each at the first unit. */
static int any_unit(const unit_t *u, void *ctx)
{
	(void)u;
	(void)ctx;
	return 1;
}

/* Builds everything inside the open transaction. */
static int demo_build(struct demo_state *d)
{
	const date_t ever = {1, 1, 1, false}, reform = {2025, 7, 1, false};
	unit_t hamlet, branch;
	int rc, i, h;
	size_t k;

	rc = add_unit(d, "84", "Tỉnh Trà Vinh", UNIT_PROVINCE, NULL, ever, NULL);
	if (!rc)
		rc = add_unit(d, "846", "Huyện Tiểu Cần", UNIT_DISTRICT, "84", ever, NULL);
	for (i = 0; !rc && i < 11; i++)
		rc = add_unit(d, communes[i].code, communes[i].name, communes[i].kind, "846", ever, NULL);
	for (i = 0; !rc && i < 11; i++) {
		const struct demo_commune *c = &communes[i];
		for (h = 0; !rc && h < c->hamlets; h++) {
			char code[UNIT_CODE_MAX + 1], bcode[UNIT_CODE_MAX + 1], bname[UNIT_NAME_MAX + 1];
			snprintf(code, sizeof code, "%s-%02d", c->code, h + 1);
			rc = add_unit(d, code, c->hamlet_names[h], UNIT_HAMLET, c->code, ever, &hamlet);
			if (rc)
				break;
			snprintf(bcode, sizeof bcode, "CH%s-%02d", c->code, h + 1);
			snprintf(bname, sizeof bname, "Chi hội phụ nữ %s", c->hamlet_names[h]);
			rc = add_unit(d, bcode, bname, UNIT_BRANCH, code, ever, &branch);
			if (!rc)
				rc = add_hamlet_people(d, c, h + 1, &hamlet, branch.id);
		}
	}
	/* 2025-07-01: Trà Vinh joins Vĩnh Long; Tiểu Cần's 11 units become 4 communes */
	if (!rc) {
		unit_t vl;
		const char *from[] = {"84"};
		memset(&vl, 0, sizeof vl);
		snprintf(vl.code, sizeof vl.code, "86");
		snprintf(vl.name, sizeof vl.name, "Tỉnh Vĩnh Long");
		vl.kind = UNIT_PROVINCE;
		rc = app_unit_reorganize_in_tx(d->a, &vl, NULL, from, 1, reform, d->e);
		if (!rc)
			d->rep->units++;
	}
	if (!rc) {
		unit_t dist;
		rc = store_unit_by_code(d->a->store, "846", reform, &dist, d->e);
		if (!rc)
			rc = store_unit_end(d->a->store, dist.id, reform, d->e);
	}
	for (k = 0; !rc && k < 4; k++) {
		unit_t u;
		size_t n = merges[k].from[2] ? 3 : 2;
		memset(&u, 0, sizeof u);
		snprintf(u.code, sizeof u.code, "%s", merges[k].code);
		snprintf(u.name, sizeof u.name, "%s", merges[k].name);
		u.kind = UNIT_COMMUNE;
		rc = app_unit_reorganize_in_tx(d->a, &u, "86", merges[k].from, n, reform, d->e);
		if (!rc)
			d->rep->units++;
	}
	for (k = 0; !rc && k < sizeof logins / sizeof logins[0]; k++) {
		user_t u;
		memset(&u, 0, sizeof u);
		snprintf(u.username, sizeof u.username, "%s", logins[k].username);
		snprintf(u.full_name, sizeof u.full_name, "%s", logins[k].full_name);
		u.role = logins[k].role;
		rc = app_user_add_in_tx(d->a, &u, logins[k].unit, DEMO_PASSWORD, d->e);
		if (!rc)
			d->rep->users++;
	}
	/* the collection point every receipt names (settings, see handover.h) */
	if (!rc)
		rc = store_setting_set(d->a->store, "point.name", DEMO_POINT_NAME, d->e);
	if (!rc)
		rc = store_setting_set(d->a->store, "point.code", DEMO_POINT_CODE, d->e);
	if (!rc)
		rc = store_setting_set(d->a->store, "point.address", DEMO_POINT_ADDRESS, d->e);
	return rc;
}

/* See demo.h. */
int app_demo_load(app_t *a, demo_report_t *rep, bool *loaded, err_t *e)
{
	struct demo_state d;
	char detail[256];
	int64_t people = 0;
	int rc;

	memset(rep, 0, sizeof *rep);
	*loaded = false;
	rc = store_tx_begin(a->store, e);
	if (rc)
		return rc;
	rc = store_people_count(a->store, &people, e);
	if (rc)
		goto out;
	rc = store_units_each(a->store, any_unit, NULL, e);
	if (rc == 1 || people > 0) {
		rc = PO_OK; /* not empty: leave it as it is */
		goto out;
	}
	if (rc)
		goto out;
	memset(&d, 0, sizeof d);
	d.a = a;
	d.rng.s = DEMO_SEED;
	d.rep = rep;
	d.e = e;
	rc = demo_build(&d);
	if (rc)
		goto out;
	snprintf(detail, sizeof detail, "{\"units\":%lld,\"people\":%lld,\"users\":%lld}", (long long)rep->units,
		 (long long)rep->people, (long long)rep->users);
	rc = store_audit(a->store, a->actor, "demo.load", "database", 0, detail, e);
	if (!rc)
		rc = store_tx_commit(a->store, e);
	if (!rc)
		*loaded = true;
	return rc;
out:
	store_tx_rollback(a->store);
	return rc;
}

/* See demo.h. */
void demo_print_report(const demo_report_t *rep, enum lang lang, FILE *out)
{
	size_t k;
	if (lang == LANG_EN)
		fprintf(out,
			"Demo data loaded: %lld units, %lld people in %lld households, %lld union members, "
			"%lld branch heads.\nLogins (password %s):\n",
			(long long)rep->units, (long long)rep->people, (long long)rep->households,
			(long long)rep->members, (long long)rep->branch_heads, DEMO_PASSWORD);
	else
		fprintf(out,
			"Đã nạp dữ liệu mẫu: %lld đơn vị, %lld người trong %lld hộ, %lld hội viên, "
			"%lld chi hội trưởng.\nTài khoản đăng nhập (mật khẩu %s):\n",
			(long long)rep->units, (long long)rep->people, (long long)rep->households,
			(long long)rep->members, (long long)rep->branch_heads, DEMO_PASSWORD);
	for (k = 0; k < sizeof logins / sizeof logins[0]; k++)
		fprintf(out, "  %-14s %-10s %s\n", logins[k].username, user_role_name(logins[k].role),
			lang == LANG_EN ? logins[k].who_en : logins[k].who_vi);
}
