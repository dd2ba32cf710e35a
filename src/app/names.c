/* names.c: name tables and the deterministic name generator (see names.h).
 *
 * Weights are per mille of the population the table stands for, written
 * so that they add up to 1000 (Kinh family names) or 100 (the others);
 * pick_weighted() sums them itself, so a table that does not add up only
 * shifts the shares, it never breaks.  Every string is NFC.
 */
#include <string.h>

#include "app/names.h"

struct wname {
	const char *s;
	unsigned w;
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Kinh family names, weights in per mille (southern Việt Nam: Huỳnh and
 * Võ far more common than Hoàng and Vũ). */
static const struct wname kinh_family[] = {
	{"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},    {"Phạm", 70},   {"Huỳnh", 45},
	{"Hoàng", 5},    {"Phan", 45},  {"Võ", 38},    {"Vũ", 4},      {"Đặng", 20},
	{"Bùi", 18},     {"Đỗ", 14},    {"Hồ", 14},    {"Ngô", 13},    {"Dương", 10},
	{"Lý", 8},       {"Đoàn", 8},   {"Trương", 10}, {"Lâm", 7},    {"Châu", 5},
	{"Cao", 5},      {"Tô", 4},     {"Mai", 4},    {"Lưu", 3},     {"Kiều", 2},
	{"Đinh", 5},     {"Hà", 3},     {"Thái", 4},   {"Tạ", 2},      {"La", 2},
	{"Quách", 2},    {"Từ", 2},     {"Diệp", 2},   {"Lương", 4},   {"Trịnh", 4},
	{"Đào", 4},      {"Phùng", 2},  {"Lục", 1},    {"Giang", 2},   {"Khưu", 2},
	{"Thân", 1},     {"Tống", 2},   {"Mạc", 1},    {"Âu", 2},      {"Nghiêm", 1},
	{"Ông", 2},      {"Kha", 2},    {"Quan", 1},   {"Lữ", 2},      {"Hứa", 2},
	{"Phó", 1},      {"Bạch", 1},   {"Tăng", 2},   {"Triệu", 2},
};

/* Family names of Khmer people in Trà Vinh, weights in per cent. */
static const struct wname khmer_family[] = {
	{"Thạch", 35}, {"Kim", 18}, {"Sơn", 15}, {"Lâm", 8}, {"Triệu", 6},
	{"Huỳnh", 4},  {"Trà", 4},  {"Danh", 4}, {"Lý", 3},  {"Dương", 3},
};

/* Middle names, weights in per cent. */
static const struct wname middle_f[] = {
	{"Thị", 70}, {"Ngọc", 8}, {"Kim", 5},  {"Thanh", 4}, {"Thu", 3},
	{"Mỹ", 3},   {"Bích", 2}, {"Hồng", 3}, {"Phương", 1}, {"Diễm", 1},
};
static const struct wname middle_m[] = {
	{"Văn", 65},  {"Minh", 8}, {"Hữu", 6}, {"Quốc", 5},  {"Thành", 5},
	{"Công", 4},  {"Đức", 3},  {"Hoàng", 2}, {"Tấn", 2},
};

/* The first word of a two-word given name ("Ánh" in "Ánh Tuyết"). */
static const char *const compound_f[] = {
	"Ánh", "Ngọc", "Kim", "Thanh", "Thu", "Mỹ", "Bích", "Hồng", "Thúy", "Kiều", "Diễm",
	"Phương", "Tuyết", "Xuân", "Bảo", "Cẩm", "Hoài", "Khánh", "Minh", "Như", "Quỳnh", "Tường",
};
static const char *const compound_m[] = {
	"Minh", "Quốc", "Thanh", "Hoàng", "Tấn", "Chí", "Gia", "Hữu", "Đình",
	"Trọng", "Ngọc", "Thái", "Hoài", "Nhật", "Thành", "Phước", "Duy", "Anh",
};

/* Vietnamese given names of women (121). */
static const char *const given_f[] = {
	"Lan", "Hoa", "Hương", "Thảo", "Trang", "Ánh", "Loan", "Nhung", "Yến", "Hằng",
	"Ngân", "Phượng", "Diễm", "Tuyết", "Xuân", "Cúc", "Mai", "Đào", "Sương", "Nguyệt",
	"Hạnh", "Hiền", "Hồng", "Huệ", "Hà", "Thủy", "Thúy", "Vân", "Vy", "Linh",
	"Ly", "Liên", "Liễu", "Lệ", "Lài", "Lụa", "Mận", "Mơ", "My", "Nga",
	"Ngọc", "Nhi", "Như", "Nương", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thanh",
	"Thắm", "Thơ", "Thu", "Thương", "Thư", "Tiên", "Trâm", "Trinh", "Tú", "Tuyền",
	"Uyên", "Vi", "Xinh", "Ái", "An", "Anh", "Bé", "Bích", "Bình", "Châu",
	"Chi", "Dung", "Duyên", "Giang", "Hân", "Hậu", "Hoài", "Huyền", "Hường", "Kiều",
	"Kim", "Khánh", "Lam", "Lành", "Lý", "Mẫn", "Muội", "Mười", "Nhàn", "Nhạn",
	"Phấn", "Quế", "Sen", "Tấm", "Thoa", "Thuận", "Thùy", "Trúc", "Tươi", "Vàng",
	"Xuyến", "Diệu", "Diệp", "Đẹp", "Gấm", "Lựu", "Mộng", "Ngoan", "Nhiên", "Phụng",
	"Tình", "Út", "Hiếu", "Thi", "Thơm", "Trân", "Hòa", "Mỹ", "Đông", "Kha",
	"Nguyên",
};

/* Vietnamese given names of men (122). */
static const char *const given_m[] = {
	"Hùng", "Dũng", "Tuấn", "Minh", "Phúc", "Lộc", "Tài", "Đức", "Cường", "Hải",
	"Sơn", "Thắng", "Khoa", "Bảo", "Nghĩa", "An", "Anh", "Bình", "Công", "Chiến",
	"Chính", "Danh", "Đạt", "Điền", "Định", "Duy", "Dương", "Giàu", "Hào", "Hậu",
	"Hiếu", "Hiệp", "Hòa", "Hoàng", "Huy", "Hưng", "Hữu", "Kha", "Khải", "Khang",
	"Khánh", "Kiên", "Lâm", "Lợi", "Long", "Luân", "Lực", "Mạnh", "Nam", "Nhân",
	"Nhựt", "Nguyên", "Phát", "Phong", "Phú", "Phước", "Quang", "Quân", "Quốc", "Quý",
	"Sang", "Tâm", "Tân", "Thái", "Thành", "Thanh", "Thiện", "Thịnh", "Thọ", "Thông",
	"Thuận", "Tiến", "Tín", "Toàn", "Trí", "Triều", "Trọng", "Trung", "Trường", "Tú",
	"Tùng", "Vinh", "Việt", "Vũ", "Út", "Bé", "Cảnh", "Châu", "Đăng", "Được",
	"Em", "Hiển", "Hoài", "Kiệt", "Lập", "Lễ", "Mến", "Nghị", "Nhã", "Phi",
	"Quới", "Rạng", "Sáng", "Sĩ", "Tấn", "Thức", "Tiền", "Tính", "Tòng", "Tuyên",
	"Vương", "Khiêm", "Khôi", "Luật", "Mừng", "Nhứt", "Tường", "Tư", "Hên", "Đông",
	"Ninh", "Bửu",
};

/* Khmer given names of women, as Vietnamese records write them. */
static const char *const khmer_given_f[] = {
	"Sa Rươn", "Sa Ly", "Sa Phiên", "Chanh Thu", "Sóc Kha", "Pha Ly", "Chăn Đa", "Sà Rây",
	"Sóc Thươl", "Kim Hoa", "Sô Phia", "Bô Pha", "Đa Ra", "Thi Đa", "Sa Ri", "Sa Rết",
	"Mê Lia", "Ra Ni", "Sô Thia", "Chên Đa", "Sóc Khê", "Sóc Na", "Sa Vênh", "Sà Phon",
	"Ma Ly", "Na Ry", "Ly Na", "Sa Mây", "Thươl", "Sa Rinh", "Sà Quênh", "Sóc Phiên",
	"Chanh Ra", "Thy Na", "Sa Ni", "Mum", "Phen", "Sóc", "Rây", "Nết",
};

/* Khmer given names of men, as Vietnamese records write them. */
static const char *const khmer_given_m[] = {
	"Sóc", "Phol", "Xây", "Rinh", "Sô Phal", "Sâm Bát", "Đa Ra", "Chanh Thi",
	"Sô Van", "Rích", "Văn Na", "Sa Rát", "Sâm Năng", "Bun Thươn", "Sô Thy", "Sóc Khum",
	"Sa Rinh", "Sà Ren", "Xoay", "Mây", "Ênh", "Chanh Đa", "Sóc Heng", "Kha",
	"Thol", "Chum", "Sinh", "Thươn", "Sa Rươl", "Sô Phanh", "Chanh Na", "Sóc Ra",
	"Sơn Na", "Rết", "Phiên", "Khel", "Sà Rinh", "Ni", "Sóc Thy", "Hên",
};

/* See names.h. */
uint64_t names_rand(names_rng_t *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* See names.h. */
uint32_t names_uniform(names_rng_t *r, uint32_t n)
{
	uint64_t m;
	uint32_t low, threshold;
	if (n == 0)
		return 0;
	m = (names_rand(r) >> 32) * (uint64_t)n;
	low = (uint32_t)m;
	if (low < n) {
		threshold = (uint32_t)(-n) % n; /* 2^32 mod n */
		while (low < threshold) {
			m = (names_rand(r) >> 32) * (uint64_t)n;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

/* One entry of table t (n entries, n > 0) drawn with probability
 * proportional to its weight. */
static const char *pick_weighted(names_rng_t *r, const struct wname *t, size_t n)
{
	uint32_t total = 0, x;
	size_t i;
	for (i = 0; i < n; i++)
		total += t[i].w;
	x = names_uniform(r, total);
	for (i = 0; i + 1 < n; i++) {
		if (x < t[i].w)
			return t[i].s;
		x -= t[i].w;
	}
	return t[n - 1].s;
}

/* One entry of the n strings at t (n > 0), uniformly. */
static const char *pick(names_rng_t *r, const char *const *t, size_t n)
{
	return t[names_uniform(r, (uint32_t)n)];
}

/* True with probability pct per cent. */
static bool chance(names_rng_t *r, uint32_t pct)
{
	return names_uniform(r, 100) < pct;
}

/* One Vietnamese given name of sex ('F' or 'M') that differs from avoid
 * (NULL for none); draws again a bounded number of times. */
static const char *pick_given(names_rng_t *r, char sex, const char *avoid)
{
	const char *g = NULL;
	int tries;
	for (tries = 0; tries < 8; tries++) {
		g = sex == 'F' ? pick(r, given_f, COUNT(given_f)) : pick(r, given_m, COUNT(given_m));
		if (!avoid || strcmp(g, avoid) != 0)
			break;
	}
	return g;
}

/* Joins the NULL-terminated list of words w with single spaces into out
 * (cap bytes).  Returns the length, or 0 with out = "" (when cap > 0)
 * if it does not fit. */
static size_t join_words(const char *const *w, char *out, size_t cap)
{
	size_t len = 0, k;
	for (; *w; w++) {
		if (**w == '\0')
			continue;
		k = strlen(*w);
		if (len + (len ? 1 : 0) + k + 1 > cap) {
			if (cap)
				out[0] = '\0';
			return 0;
		}
		if (len)
			out[len++] = ' ';
		memcpy(out + len, *w, k);
		len += k;
	}
	if (len + 1 > cap) { /* also the empty name with cap 0 */
		if (cap)
			out[0] = '\0';
		return 0;
	}
	out[len] = '\0';
	return len;
}

/* See names.h. */
const char *names_family(names_rng_t *r, bool khmer)
{
	if (khmer)
		return pick_weighted(r, khmer_family, COUNT(khmer_family));
	return pick_weighted(r, kinh_family, COUNT(kinh_family));
}

/* See names.h. */
size_t names_person_in_family(names_rng_t *r, const char *family, char sex, bool khmer,
			      char *out, size_t cap)
{
	const char *w[5] = {family, NULL, NULL, NULL, NULL};
	const char *middle, *first = NULL, *given;
	sex = sex == 'F' ? 'F' : 'M';

	if (khmer && chance(r, 75)) {
		/* Khmer given name; women mostly with "Thị" */
		if (sex == 'F') {
			w[1] = chance(r, 70) ? "Thị" : "";
			w[2] = pick(r, khmer_given_f, COUNT(khmer_given_f));
		} else {
			w[1] = chance(r, 5) ? "Văn" : "";
			w[2] = pick(r, khmer_given_m, COUNT(khmer_given_m));
		}
		return join_words(w, out, cap);
	}

	/* Vietnamese pattern: middle, sometimes a two-word given name */
	if (khmer && sex == 'M' && chance(r, 50))
		middle = "";
	else
		middle = sex == 'F' ? pick_weighted(r, middle_f, COUNT(middle_f))
				    : pick_weighted(r, middle_m, COUNT(middle_m));
	if (strcmp(middle, family) == 0) /* "Kim Kim ...": the usual middle */
		middle = sex == 'F' ? "Thị" : "Văn";
	/* two-word given names: common after "Thị" ("Thị Ánh Tuyết"), rarer
	 * after other middles, rare after "Văn" */
	if (chance(r, strcmp(middle, "Thị") == 0 ? 25 : strcmp(middle, "Văn") == 0 ? 3 : 6)) {
		first = sex == 'F' ? pick(r, compound_f, COUNT(compound_f))
				   : pick(r, compound_m, COUNT(compound_m));
		if (strcmp(first, middle) == 0)
			first = NULL;
	}
	given = pick_given(r, sex, first ? first : middle);
	if (strcmp(given, middle) == 0) /* "Kim Kim": drop the repeated middle */
		middle = "";
	w[1] = middle;
	w[2] = first ? first : "";
	w[3] = given;
	return join_words(w, out, cap);
}

/* See names.h. */
size_t names_person(names_rng_t *r, char sex, bool khmer, char *out, size_t cap)
{
	return names_person_in_family(r, names_family(r, khmer), sex, khmer, out, cap);
}
