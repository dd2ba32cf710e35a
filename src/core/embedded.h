/* embedded.h: files compiled into the binary by scripts/embed-files.
 *
 * `scripts/embed-files OUT.c PREFIX FILE...` writes a C file defining
 *     const struct embedded_file PREFIX_files[];
 *     const size_t PREFIX_count;
 * one entry per FILE, in the order given.  Code that uses them declares
 * them with EMBEDDED_DECLARE(PREFIX).  The data is static and read-only;
 * nobody frees it.
 */
#ifndef PLUSONE_CORE_EMBEDDED_H
#define PLUSONE_CORE_EMBEDDED_H

#include <stddef.h>

/* One embedded file: its base name ("people.html"), its bytes, and their
 * count.  data[len] is a NUL byte (not counted in len), so a text file
 * can be read as a C string when it has no NUL of its own. */
struct embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};

/* Declares the table written by `embed-files OUT.c prefix ...`. */
#define EMBEDDED_DECLARE(prefix)                            \
	extern const struct embedded_file prefix##_files[]; \
	extern const size_t prefix##_count

#endif
