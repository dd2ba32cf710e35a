/* names.h: realistic Vietnamese and Khmer personal names for demo and
 * benchmark data.
 *
 * Names are built from tables of family names (with the weights they have
 * in the population), middle names and given names, all written in NFC
 * with their correct accents.  Kinh names follow the usual pattern
 * family + middle + given ("Nguyễn Thị Ánh Tuyết", "Trần Văn Hùng");
 * Khmer names are written as they appear in Vietnamese records in Trà
 * Vinh: a family name (Thạch, Kim, Sơn, ...), often "Thị" for women, and
 * a Khmer given name of one or two words ("Thạch Thị Sa Rươn", "Kim
 * Sóc Kha"), or, for about a quarter of people, a Vietnamese given name.
 *
 * Everything is deterministic: the same seed gives the same names on
 * every machine.  Nothing is allocated; the random state is passed in
 * explicitly, so several generators can run side by side.
 */
#ifndef PLUSONE_APP_NAMES_H
#define PLUSONE_APP_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NAMES_MAX 96 /* bytes that always hold a full name and its NUL */

/* The state of the random number generator (splitmix64).  Any value of
 * s is a valid seed: set s, then call names_rand. */
typedef struct names_rng {
	uint64_t s;
} names_rng_t;

/* The next 64 random bits (splitmix64: advances r->s by a constant and
 * scrambles it).  The sequence depends only on the seed. */
uint64_t names_rand(names_rng_t *r);

/* A uniformly distributed number in [0, n), without modulo bias
 * (Lemire's multiply-and-reject); 0 when n is 0. */
uint32_t names_uniform(names_rng_t *r, uint32_t n);

/* A family name drawn with its population weight: for Kinh people
 * Nguyễn about 38%, Trần 11%, Lê 9.5%, Phạm 7%, Huỳnh/Hoàng 5%, ...;
 * for Khmer people (khmer true) Thạch, Kim, Sơn, Lâm, Triệu, ...  The
 * string is static (never freed); use it for a whole household with
 * names_person_in_family. */
const char *names_family(names_rng_t *r, bool khmer);

/* Writes into out (cap bytes, NUL-terminated) a full name with the given
 * family name (any text, e.g. from names_family) for a person of sex
 * ('F' or 'M'; anything else counts as 'M') and ethnicity (khmer).
 * Returns the length written without the NUL, or 0 with out set to ""
 * (when cap > 0) if the name does not fit; NAMES_MAX bytes always fit a
 * family name from names_family.  The random numbers drawn do not depend
 * on cap, so the sequence stays the same either way. */
size_t names_person_in_family(names_rng_t *r, const char *family, char sex, bool khmer,
			      char *out, size_t cap);

/* names_family followed by names_person_in_family: one full name, e.g.
 * "Nguyễn Thị Ánh Tuyết" or "Thạch Thị Sa Rươn".  Same returns. */
size_t names_person(names_rng_t *r, char sex, bool khmer, char *out, size_t cap);

#endif
