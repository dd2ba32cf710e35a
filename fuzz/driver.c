/* driver.c: runs a libFuzzer-style target without libFuzzer.
 *
 * Usage: fuzz_NAME [DIR_OR_FILE ...]
 * Feeds every file given (or every file in every directory given) to
 * LLVMFuzzerTestOneInput, then, from each of them, a fixed number of
 * deterministic mutations (byte flips, insertions of interesting bytes,
 * truncations, splices).  Under AddressSanitizer and UBSan this replays
 * the corpus on every `make test`; a crash fails the test.
 */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DRIVER_INPUT_MAX (1u << 20)
#define DRIVER_MUTATIONS 400

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

/* xorshift64*: deterministic, so a failure replays the same way. */
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static const uint8_t interesting[] = {
	0x00, 0x0A, 0x0D, '"', ',', ' ', '/', '-', '0', '9', '+', 0x7F, 0x80, 0xBF,
	0xC0, 0xC3, 0xE1, 0xBB, 0xED, 0xA0, 0xF0, 0xF4, 0xFF, 0xCC, 0x81};

/* Runs the target on one input and on its mutations. */
static void run_input(const uint8_t *data, size_t n)
{
	uint8_t *m = malloc(n * 2 + 64);
	size_t len, i;
	int k;
	if (!m)
		abort();
	LLVMFuzzerTestOneInput(data, n);
	for (k = 0; k < DRIVER_MUTATIONS; k++) {
		memcpy(m, data, n);
		len = n;
		switch (rng() % 5) {
		case 0: /* flip bytes */
			for (i = 0; len && i < 1 + rng() % 4; i++)
				m[rng() % len] ^= (uint8_t)(1u << (rng() % 8));
			break;
		case 1: /* overwrite with interesting bytes */
			for (i = 0; len && i < 1 + rng() % 4; i++)
				m[rng() % len] = interesting[rng() % sizeof interesting];
			break;
		case 2: /* insert */
			if (len < n * 2 + 32) {
				size_t at = len ? rng() % (len + 1) : 0;
				memmove(m + at + 1, m + at, len - at);
				m[at] = interesting[rng() % sizeof interesting];
				len++;
			}
			break;
		case 3: /* truncate */
			len = len ? rng() % (len + 1) : 0;
			break;
		default: /* duplicate a slice */
			if (len) {
				size_t from = rng() % len, cnt = 1 + rng() % (len - from);
				if (cnt > n + 32)
					cnt = n + 32;
				if (len + cnt <= n * 2 + 64) {
					memcpy(m + len, m + from, cnt);
					len += cnt;
				}
			}
		}
		LLVMFuzzerTestOneInput(m, len);
	}
	free(m);
}

/* Reads one file (up to DRIVER_INPUT_MAX bytes) and runs it. */
static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data;
	size_t n;
	if (!f) {
		perror(path);
		return 1;
	}
	data = malloc(DRIVER_INPUT_MAX);
	if (!data)
		abort();
	n = fread(data, 1, DRIVER_INPUT_MAX, f);
	fclose(f);
	run_input(data, n);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int i, files = 0, rc = 0;
	for (i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			return 1;
		}
		if (S_ISDIR(st.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *de;
			char path[4096];
			if (!d)
				return 1;
			while ((de = readdir(d)) != NULL) {
				if (de->d_name[0] == '.')
					continue;
				snprintf(path, sizeof path, "%s/%s", argv[i], de->d_name);
				rc |= run_file(path);
				files++;
			}
			closedir(d);
		} else {
			rc |= run_file(argv[i]);
			files++;
		}
	}
	if (files == 0) {
		static const uint8_t empty[1];
		run_input(empty, 0);
	}
	printf("%d inputs, %d mutations each: no crash\n", files, DRIVER_MUTATIONS);
	return rc;
}
