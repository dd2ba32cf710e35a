/* money_words.c: an amount of dong in Vietnamese words (see
 * money_words.h). */
#include "money_words.h"

#include <stdint.h>
#include <string.h>

static const char *const digit_word[10] = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

/* The unit word of the three-digit group g (0 the ones, 1 the thousands
 * …): a cycle of nghìn, triệu, tỷ, each tỷ multiplying what follows. */
static const char *const group_word[7] = {"", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"};

/* Appends a space (unless out is empty) and word w to out, which holds
 * *len bytes of cap; a word that does not fit is left out (cap is sized
 * so that it never happens). */
static void put(char *out, size_t cap, size_t *len, const char *w)
{
	size_t n = strlen(w), need = n + (*len ? 1 : 0);
	if (*len + need + 1 > cap)
		return;
	if (*len)
		out[(*len)++] = ' ';
	memcpy(out + *len, w, n);
	*len += n;
	out[*len] = '\0';
}

/* Appends the words of group value n (1..999); `lead` is true for the
 * first (highest) group, which does not read a zero hundreds digit. */
static void put_group(char *out, size_t cap, size_t *len, unsigned n, int lead)
{
	unsigned h = n / 100, t = n / 10 % 10, u = n % 10;
	if (h || !lead) {
		put(out, cap, len, digit_word[h]);
		put(out, cap, len, "trăm");
	}
	if (t == 0) {
		if (u && (h || !lead))
			put(out, cap, len, "lẻ");
	} else if (t == 1) {
		put(out, cap, len, "mười");
	} else {
		put(out, cap, len, digit_word[t]);
		put(out, cap, len, "mươi");
	}
	if (u == 0)
		return;
	if (u == 1 && t >= 2)
		put(out, cap, len, "mốt");
	else if (u == 5 && t >= 1)
		put(out, cap, len, "lăm");
	else
		put(out, cap, len, digit_word[u]);
}

/* See money_words.h. */
void money_words_vi(money_t v, char *out)
{
	unsigned groups[7];
	uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t len = 0;
	int ng = 0, g, first = 1;
	out[0] = '\0';
	if (v < 0)
		put(out, MONEY_WORDS_MAX, &len, "âm");
	if (m == 0)
		put(out, MONEY_WORDS_MAX, &len, "không");
	while (m) {
		groups[ng++] = (unsigned)(m % 1000);
		m /= 1000;
	}
	for (g = ng - 1; g >= 0; g--) {
		if (groups[g] == 0)
			continue;
		put_group(out, MONEY_WORDS_MAX, &len, groups[g], first);
		first = 0;
		if (g)
			put(out, MONEY_WORDS_MAX, &len, group_word[g]);
	}
	put(out, MONEY_WORDS_MAX, &len, "đồng");
	/* the first letter: ASCII, or the â of "âm" (U+00E2 → U+00C2) */
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	else if ((unsigned char)out[0] == 0xC3 && (unsigned char)out[1] == 0xA2)
		out[1] = (char)0x82;
}
