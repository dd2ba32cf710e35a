/* gen_people.c: plusone-gen, a generator of synthetic people-import CSV
 * files for demos, tests and benchmarks.
 *
 *   plusone-gen people --rows N [--seed S] [--units CODE,CODE,...] [--messy]
 *
 * Writes to standard output a header and exactly N rows of
 *   full_name,dob,sex,cccd,bhxh_code,phone,ethnicity,unit_code,
 *   household_code,relation,member
 * grouped in households of 1 to 6 people (household code "HGD" + 7 or
 * more digits, one unit per household; about 30% Khmer households).  The
 * head comes first ("Chủ hộ"), then the spouse ("Vợ"/"Chồng", with her or
 * his own family name, as in Vietnamese practice), sometimes a parent
 * ("Mẹ" with her own family name, "Cha" with the head's), then children
 * ("Con", "Cháu") with the father's family name.  Ages are 0-90, counted
 * from the fixed reference year REF_YEAR so the output never depends on
 * the day it is made.
 *
 * CCCD numbers (about 85% of rows; most children under 14 have none)
 * agree with the date of birth and sex: province (084 Trà Vinh for about
 * 90%, else a neighbouring province), century/sex digit, two digits of the
 * birth year, and six digits that are a bijection of the person's serial
 * number, so no two people share a number: the first million people use
 * the provinces above; each further million uses one other province code
 * of its own (so up to ROWS_MAX rows never collide).  mã số BHXH (about
 * 60%) is "84" and a bijection of the serial on 8 digits, also unique.
 *
 * --messy adds what real files contain: names in NFD, extra spaces,
 * phones as "+84 9xx xxx xxx", dates as DD/MM/YYYY or a bare year,
 * duplicates of earlier rows (same CCCD), and invalid rows (impossible
 * dates such as 31/02/1990, a CCCD whose year or sex digit disagrees with
 * the row).  About 1% of rows each are duplicates and invalid.
 *
 * The output depends only on the arguments (same seed, same bytes).  The
 * program streams: memory is constant whatever N is.
 * Exit status: 0 done (or --help), 2 wrong arguments, 1 writing failed.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "app/names.h"
#include "core/buf.h"
#include "core/csv.h"

#define REF_YEAR 2024      /* ages are counted to this year */
#define UNITS_MAX 64       /* unit codes accepted by --units */
#define UNIT_CODE_MAX 16   /* bytes of one unit code, NUL included */
#define RING 64            /* earlier rows kept for duplicates */
#define ROW_MAX 1024       /* bytes of one output row */
#define PER_BLOCK 1000000u /* people per block of CCCD serials */

static const char *const DEFAULT_UNITS =
	"29341,29344,29347,29350,29353,29356,29359,29362,29365,29368,29371";

/* Provinces of the first million CCCD numbers besides 084 (Trà Vinh). */
static const char *const NEAR_PROVINCES[] = {"086", "083", "094", "092", "079", "093"};

/* The other provinces: each gives its code to one further million. */
static const char *const BLOCK_PROVINCES[] = {
	"001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019",
	"020", "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036",
	"037", "038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054",
	"056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
	"077", "080", "082", "087", "089", "091", "095", "096",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define ROWS_MAX ((unsigned long long)PER_BLOCK * (COUNT(BLOCK_PROVINCES) + 1))

/* Mobile prefixes after the leading 0 (Viettel, Mobifone, Vinaphone...). */
static const char *const PHONE_PREFIXES[] = {
	"32", "33", "34", "35", "36", "37", "38", "39", "70", "76", "77", "78", "79",
	"81", "82", "83", "84", "85", "86", "88", "89", "90", "91", "93", "94", "96",
	"97", "98",
};

/* One person of a household being generated. */
struct person {
	char name[NAMES_MAX];
	char sex;             /* 'F' or 'M' */
	int age;              /* 0..90 in REF_YEAR */
	int y, m, d;          /* date of birth; y = REF_YEAR - age */
	const char *relation; /* "Chủ hộ", "Vợ", ... */
};

/* An earlier row kept for --messy duplicates. */
struct kept_row {
	char text[ROW_MAX];
	size_t len;
};

/* The whole state of one run. */
struct gen {
	names_rng_t rng;
	uint64_t id_key; /* key of the serial-number permutations */
	bool messy;
	char units[UNITS_MAX][UNIT_CODE_MAX];
	size_t nunits;
	unsigned long long rows, written; /* rows asked for / written */
	unsigned long long serial;        /* people generated (not duplicates) */
	unsigned long long households;
	buf_t row;
	struct kept_row ring[RING];
	size_t nkept, next_kept;
};

/* Prints the usage on to, in Vietnamese and in English. */
static void usage(FILE *to)
{
	fputs("Cách dùng / usage:\n"
	      "  plusone-gen people --rows N [--seed S] [--units MÃ,MÃ,...] [--messy]\n"
	      "Ghi ra đầu ra chuẩn một tệp CSV danh sách người (N dòng, theo hộ gia đình).\n"
	      "Writes a people-import CSV of N rows, grouped in households, to stdout.\n"
	      "  --seed S     hạt giống ngẫu nhiên / random seed (mặc định / default 1)\n"
	      "  --units ...  mã đơn vị / unit codes (default 29341,...,29371)\n"
	      "  --messy      thêm dữ liệu lộn xộn / add messy and invalid rows\n",
	      to);
}

/* Parses a whole decimal number (digits only) into *out.  Returns false
 * for anything else, including overflow. */
static bool parse_u64(const char *s, unsigned long long *out)
{
	char *end;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno == 0 && *end == '\0';
}

/* Splits the comma-separated list s into g->units.  Returns false (with
 * a message on stderr) for an empty code, a code too long, one with a
 * character other than a letter, digit, '-' or '_', or too many codes. */
static bool parse_units(struct gen *g, const char *s)
{
	const char *p = s;
	g->nunits = 0;
	for (;;) {
		size_t k = strcspn(p, ","), i;
		if (k == 0 || k >= UNIT_CODE_MAX || g->nunits == UNITS_MAX) {
			fprintf(stderr, "plusone-gen: --units không hợp lệ / invalid: %s\n", s);
			return false;
		}
		for (i = 0; i < k; i++) {
			char c = p[i];
			if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			      c == '-' || c == '_')) {
				fprintf(stderr, "plusone-gen: --units không hợp lệ / invalid: %s\n", s);
				return false;
			}
		}
		memcpy(g->units[g->nunits], p, k);
		g->units[g->nunits][k] = '\0';
		g->nunits++;
		if (p[k] == '\0')
			return true;
		p += k + 1;
	}
}

/* True with probability pct per cent. */
static bool chance(struct gen *g, uint32_t pct)
{
	return names_uniform(&g->rng, 100) < pct;
}

/* A number in [lo, hi] (lo <= hi), uniformly. */
static int between(struct gen *g, int lo, int hi)
{
	return lo + (int)names_uniform(&g->rng, (uint32_t)(hi - lo + 1));
}

/* True when y is a Gregorian leap year. */
static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m (1..12) of year y. */
static int month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Writes the `width` low decimal digits of v into out (no NUL). */
static void put_digits(char *out, unsigned long long v, int width)
{
	while (width-- > 0) {
		out[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* The splitmix64 finaliser: a well-mixed 64-bit hash of x. */
static uint64_t mix(uint64_t x)
{
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

/* A bijection of [0, half * half) onto itself (a four-round Feistel
 * network on the two "digits" base half, keyed by key), so serial numbers
 * become unique numbers without a visible pattern.  v < half * half. */
static uint64_t permute(uint64_t v, uint64_t half, uint64_t key)
{
	uint64_t a = v / half, b = v % half, t;
	int i;
	for (i = 0; i < 4; i++) {
		t = b;
		b = (a + mix(b ^ (key + (uint64_t)i * 0x9E3779B97F4A7C15ULL)) % half) % half;
		a = t;
	}
	return a * half + b;
}

/* Appends the field s (n bytes) to the row, with a comma before it unless
 * first.  Returns PO_OK or the buf error. */
static int field(struct gen *g, const char *s, size_t n, bool first)
{
	int rc = first ? PO_OK : buf_putc(&g->row, ',');
	return rc ? rc : csv_write_field(&g->row, s, n);
}

/* field() for a NUL-terminated string. */
static int fieldz(struct gen *g, const char *s, bool first)
{
	return field(g, s, strlen(s), first);
}

/* Writes the row buffer (and a line end) to stdout and counts it.
 * Returns false when writing failed. */
static bool emit(struct gen *g)
{
	if (buf_putc(&g->row, '\n') != PO_OK)
		return false;
	if (fwrite(g->row.p, 1, g->row.len, stdout) != g->row.len)
		return false;
	g->written++;
	return true;
}

/* Keeps the current row (with its line end) in the ring for duplicates. */
static void keep_row(struct gen *g)
{
	struct kept_row *k = &g->ring[g->next_kept];
	if (g->row.len > ROW_MAX)
		return;
	memcpy(k->text, g->row.p, g->row.len);
	k->len = g->row.len;
	g->next_kept = (g->next_kept + 1) % RING;
	if (g->nkept < RING)
		g->nkept++;
}

/* Writes one earlier row again, byte for byte (same CCCD).  Returns false
 * when writing failed. */
static bool emit_duplicate(struct gen *g)
{
	const struct kept_row *k = &g->ring[names_uniform(&g->rng, (uint32_t)g->nkept)];
	if (fwrite(k->text, 1, k->len, stdout) != k->len)
		return false;
	g->written++;
	return true;
}

/* Writes into out (cap bytes) the name as a person would type
 * it in a messy file: NFD, or with extra spaces, or unchanged. */
static void messy_name(struct gen *g, const char *name, char *out, size_t cap)
{
	size_t n = strlen(name), i, o = 0;
	uint32_t kind = names_uniform(&g->rng, 100);
	if (kind < 3) { /* decomposed (NFD), as some macOS and web forms send */
		utf8proc_uint8_t *d = NULL;
		utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)name, (utf8proc_ssize_t)n,
						    &d, UTF8PROC_DECOMPOSE);
		if (len > 0 && (size_t)len < cap) {
			memcpy(out, d, (size_t)len);
			out[len] = '\0';
			free(d);
			return;
		}
		free(d);
	} else if (kind < 6) { /* spaces before, after, or doubled inside */
		uint32_t how = names_uniform(&g->rng, 3);
		if (how == 0 && n + 2 < cap) {
			out[o++] = ' ';
		}
		for (i = 0; i < n && o + 3 < cap; i++) {
			out[o++] = name[i];
			if (how == 1 && name[i] == ' ')
				out[o++] = ' ';
		}
		if (how == 2 && o + 2 < cap) {
			out[o++] = ' ';
			out[o++] = ' ';
		}
		out[o] = '\0';
		return;
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(out, name, n);
	out[n] = '\0';
}

/* Writes one person's row (and maybe a duplicate of an earlier row after
 * it) for household number hh in unit `unit`.  Returns false when writing
 * failed. */
static bool write_person(struct gen *g, const struct person *p, bool khmer, const char *unit,
			 const char *hh)
{
	char name[NAMES_MAX * 4], dob[48], cccd[13], bhxh[11], phone[24];
	int y = p->y, m = p->m, d = p->d;
	unsigned long long serial = g->serial++, block = serial / PER_BLOCK;
	bool has_cccd = chance(g, p->age >= 14 ? 96 : 45);
	bool has_bhxh = chance(g, p->age < 6 ? 90 : 55);
	bool has_phone = p->age >= 18 && chance(g, 70);
	bool member = p->sex == 'F' && p->age >= 18 && chance(g, 85);
	uint32_t invalid = g->messy && chance(g, 1) ? 1 + names_uniform(&g->rng, 6) : 0;
	int rc;

	/* name */
	if (g->messy)
		messy_name(g, p->name, name, sizeof name);
	else
		memcpy(name, p->name, strnlen(p->name, NAMES_MAX - 1) + 1);

	/* date of birth, sometimes as typed by people, sometimes impossible */
	if (invalid == 1)
		snprintf(dob, sizeof dob, "31/02/%04d", y);
	else if (invalid == 2)
		snprintf(dob, sizeof dob, "30/02/%04d", y);
	else if (invalid == 3)
		snprintf(dob, sizeof dob, "%04d-13-%02d", y, d);
	else if (invalid == 4)
		snprintf(dob, sizeof dob, is_leap(y) ? "31/04/%04d" : "29/02/%04d", y);
	else if (g->messy && p->age >= 50 && chance(g, 4))
		snprintf(dob, sizeof dob, "%04d", y);
	else if (g->messy && chance(g, 10))
		snprintf(dob, sizeof dob, "%02d/%02d/%04d", d, m, y);
	else
		snprintf(dob, sizeof dob, "%04d-%02d-%02d", y, m, d);

	/* CCCD: province, century/sex, year, unique serial digits */
	if (has_cccd || invalid >= 5) {
		const char *prov = block > 0 ? BLOCK_PROVINCES[block - 1]
				   : chance(g, 90) ? "084"
						   : NEAR_PROVINCES[names_uniform(&g->rng, COUNT(NEAR_PROVINCES))];
		int century = (y >= 2000 ? 2 : 0) + (p->sex == 'F' ? 1 : 0);
		int yy = y % 100;
		if (invalid == 5) /* the year disagrees with dob */
			yy = (yy + between(g, 1, 9)) % 100;
		if (invalid == 6) /* the sex digit disagrees with sex */
			century ^= 1;
		memcpy(cccd, prov, 3);
		cccd[3] = (char)('0' + century);
		put_digits(cccd + 4, (unsigned long long)yy, 2);
		put_digits(cccd + 6, permute(serial % PER_BLOCK, 1000, g->id_key), 6);
		cccd[12] = '\0';
	} else {
		cccd[0] = '\0';
	}

	/* mã số BHXH: "84" + a bijection of the serial on 8 digits */
	if (has_bhxh) {
		memcpy(bhxh, "84", 2);
		put_digits(bhxh + 2, permute(serial, 10000, ~g->id_key), 8);
		bhxh[10] = '\0';
	} else {
		bhxh[0] = '\0';
	}

	/* phone: 0 + 9 digits, or "+84 9xx xxx xxx" */
	if (has_phone) {
		const char *pre = PHONE_PREFIXES[names_uniform(&g->rng, COUNT(PHONE_PREFIXES))];
		uint32_t rest = names_uniform(&g->rng, 10000000u);
		if (g->messy && chance(g, 10))
			snprintf(phone, sizeof phone, "+84 %s%u %03u %03u", pre, rest / 1000000u,
				 rest / 1000u % 1000u, rest % 1000u);
		else
			snprintf(phone, sizeof phone, "0%s%07u", pre, rest);
	} else {
		phone[0] = '\0';
	}

	buf_reset(&g->row);
	rc = fieldz(g, name, true);
	rc = rc ? rc : fieldz(g, dob, false);
	rc = rc ? rc : field(g, p->sex == 'F' ? "F" : "M", 1, false);
	rc = rc ? rc : fieldz(g, cccd, false);
	rc = rc ? rc : fieldz(g, bhxh, false);
	rc = rc ? rc : fieldz(g, phone, false);
	rc = rc ? rc : fieldz(g, khmer ? "Khmer" : "Kinh", false);
	rc = rc ? rc : fieldz(g, unit, false);
	rc = rc ? rc : fieldz(g, hh, false);
	rc = rc ? rc : fieldz(g, p->relation, false);
	rc = rc ? rc : fieldz(g, member ? "có" : "không", false);
	if (rc || !emit(g))
		return false;
	if (g->messy && cccd[0] && !invalid)
		keep_row(g);
	if (g->messy && g->nkept && g->written < g->rows && chance(g, 1))
		return emit_duplicate(g);
	return true;
}

/* Fills p with a person of sex and age (clamped to 0..90) in relation
 * rel, named with family (NULL: a family name of their own), born on a
 * random day of REF_YEAR - age, or on the day of twin when not NULL. */
static void make_person(struct gen *g, struct person *p, const char *family, char sex, int age,
			const char *rel, bool khmer, const struct person *twin)
{
	if (!family)
		family = names_family(&g->rng, khmer);
	names_person_in_family(&g->rng, family, sex, khmer, p->name, sizeof p->name);
	p->sex = sex;
	p->age = age < 0 ? 0 : age > 90 ? 90 : age;
	p->relation = rel;
	if (twin) {
		p->y = twin->y;
		p->m = twin->m;
		p->d = twin->d;
	} else {
		p->y = REF_YEAR - p->age;
		p->m = between(g, 1, 12);
		p->d = between(g, 1, month_days(p->y, p->m));
	}
}

/* Sorts the n ints at a in descending order (n is at most 6). */
static void sort_desc(int *a, int n)
{
	int i, j, t;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && a[j] > a[j - 1]; j--) {
			t = a[j];
			a[j] = a[j - 1];
			a[j - 1] = t;
		}
}

/* Generates one household of at most `room` people (room >= 1) and
 * writes its rows.  Returns false when writing failed. */
static bool write_household(struct gen *g, unsigned long long room)
{
	static const uint32_t size_weights[6] = {10, 15, 22, 25, 16, 12}; /* 1..6 people */
	struct person mem[6];
	const char *unit = g->units[names_uniform(&g->rng, (uint32_t)g->nunits)];
	bool khmer = chance(g, 30);
	char head_sex = chance(g, 72) ? 'M' : 'F';
	int head_age = between(g, 22, 85), young, i, n = 1, size;
	const char *head_family = names_family(&g->rng, khmer), *line = head_family;
	char hh[32];
	uint32_t x = names_uniform(&g->rng, 100);

	for (size = 0; size < 5 && x >= size_weights[size]; size++)
		x -= size_weights[size];
	size++;
	if ((unsigned long long)size > room)
		size = (int)room;
	g->households++;
	snprintf(hh, sizeof hh, "HGD%07llu", g->households);

	make_person(g, &mem[0], head_family, head_sex, head_age, "Chủ hộ", khmer, NULL);
	young = head_age;
	if (n < size && chance(g, 85)) { /* spouse, with a family name of their own */
		char s = head_sex == 'M' ? 'F' : 'M';
		int age = head_sex == 'M' ? head_age - between(g, 0, 8) : head_age + between(g, 0, 8);
		const char *fam = names_family(&g->rng, khmer);
		if (age < 18)
			age = 18;
		make_person(g, &mem[n++], fam, s, age, s == 'F' ? "Vợ" : "Chồng", khmer, NULL);
		if (head_sex == 'F')
			line = fam; /* the children take the father's name */
		if (mem[n - 1].age < young)
			young = mem[n - 1].age;
	}
	if (n < size && head_age <= 62 && chance(g, 25)) { /* a parent of the head */
		bool mother = chance(g, 70);
		make_person(g, &mem[n++], mother ? NULL : head_family, mother ? 'F' : 'M',
			    head_age + between(g, 20, 32), mother ? "Mẹ" : "Cha", khmer, NULL);
	}
	/* children, eldest first, born when the younger parent was 18 to 45;
	 * then, for old heads, grandchildren */
	{
		int ages[6], k = size - n, ngrand = 0, j, lo, hi;
		for (j = 0; j < k; j++)
			if (young >= 58 && chance(g, 40))
				ngrand++;
		lo = young - 45 < 0 ? 0 : young - 45;
		hi = young - 18;
		for (j = 0; j < k; j++) {
			if (j == k - ngrand) { /* grandchildren: born to a child */
				hi = (j > 0 ? ages[0] : young - 20) - 18;
				if (hi > young - 38)
					hi = young - 38;
				if (hi < 0)
					hi = 0;
				lo = 0;
			}
			ages[j] = between(g, lo, hi < lo ? lo : hi);
		}
		sort_desc(ages, k - ngrand);
		sort_desc(ages + k - ngrand, ngrand);
		for (j = 0; j < k; j++) {
			bool grand = j >= k - ngrand;
			const struct person *twin = NULL;
			if (j > 0 && (j != k - ngrand) && ages[j] == ages[j - 1])
				twin = &mem[n - 1]; /* same age as the one before: twins */
			make_person(g, &mem[n], line, chance(g, 50) ? 'F' : 'M', ages[j],
				    grand ? "Cháu" : "Con", khmer, twin);
			n++;
		}
	}
	for (i = 0; i < n && g->written < g->rows; i++)
		if (!write_person(g, &mem[i], khmer, unit, hh))
			return false;
	return true;
}

/* Parses the arguments into g.  Returns 0 to go on, -1 after printing the
 * help that was asked for, or 2 after printing what is wrong. */
static int parse_args(struct gen *g, int argc, char **argv)
{
	bool have_rows = false;
	unsigned long long seed = 1;
	int i;
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return -1;
	}
	if (argc < 2 || strcmp(argv[1], "people") != 0) {
		usage(stderr);
		return 2;
	}
	if (!parse_units(g, DEFAULT_UNITS))
		return 2;
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--messy") == 0) {
			g->messy = true;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return -1;
		} else if (i + 1 == argc && (strcmp(a, "--rows") == 0 || strcmp(a, "--seed") == 0 ||
					     strcmp(a, "--units") == 0)) {
			fprintf(stderr, "plusone-gen: thiếu giá trị cho %s / %s needs a value\n", a, a);
			return 2;
		} else if (i + 1 < argc && strcmp(a, "--rows") == 0) {
			if (!parse_u64(argv[++i], &g->rows) || g->rows > ROWS_MAX) {
				fprintf(stderr, "plusone-gen: --rows phải là số từ 0 đến %llu / must be 0..%llu\n",
					ROWS_MAX, ROWS_MAX);
				return 2;
			}
			have_rows = true;
		} else if (i + 1 < argc && strcmp(a, "--seed") == 0) {
			if (!parse_u64(argv[++i], &seed)) {
				fprintf(stderr, "plusone-gen: --seed phải là số không âm / must be a non-negative number\n");
				return 2;
			}
		} else if (i + 1 < argc && strcmp(a, "--units") == 0) {
			if (!parse_units(g, argv[++i]))
				return 2;
		} else {
			fprintf(stderr, "plusone-gen: tham số không hợp lệ / unknown argument: %s\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (!have_rows) {
		fprintf(stderr, "plusone-gen: thiếu --rows / --rows is required\n");
		usage(stderr);
		return 2;
	}
	/* mix the seed once, so seeds 1, 2, 3 start far apart */
	g->rng.s = seed;
	g->rng.s = names_rand(&g->rng) ^ 0x706C75736F6E65ULL; /* "plusone" */
	g->id_key = names_rand(&g->rng);
	return 0;
}

/* Runs plusone-gen (see the top of the file). */
int main(int argc, char **argv)
{
	static struct gen g; /* big (the ring): not on the stack */
	static char outbuf[1 << 20];
	int rc = parse_args(&g, argc, argv);
	bool ok = true;
	if (rc)
		return rc < 0 ? 0 : rc;
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	buf_init(&g.row, ROW_MAX * 4);
	fputs("full_name,dob,sex,cccd,bhxh_code,phone,ethnicity,unit_code,household_code,relation,member\n",
	      stdout);
	while (ok && g.written < g.rows)
		ok = write_household(&g, g.rows - g.written);
	buf_free(&g.row);
	if (!ok || fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "plusone-gen: lỗi ghi đầu ra / cannot write the output: %s\n",
			strerror(errno));
		return 1;
	}
	return 0;
}
