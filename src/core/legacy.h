/* legacy.h: Vietnamese text in the legacy 8-bit encodings TCVN3 (ABC,
 * the .Vn fonts) and VNI-Windows, as old spreadsheets still hold it.
 *
 * plusone stores only UTF-8.  These functions let it recognise legacy
 * bytes, say so in the error a user sees, and convert a file when the user
 * asks for it (import --encoding tcvn3|vni).  The mapping tables are the
 * published code charts of the two encodings.
 */
#ifndef PLUSONE_CORE_LEGACY_H
#define PLUSONE_CORE_LEGACY_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum vn_legacy {
	VN_LEGACY_NONE = 0, /* plain ASCII / UTF-8, or not recognisable */
	VN_LEGACY_TCVN3,
	VN_LEGACY_VNI
};

/* Guesses whether bytes that are not valid UTF-8 are Vietnamese in TCVN3
 * or VNI-Windows, by how many of their words decode to well-formed
 * Vietnamese syllables in each encoding (and do not already read as
 * Vietnamese in Windows-1252).  VN_LEGACY_NONE when neither fits well,
 * and always for valid UTF-8, for data with NUL bytes or many control
 * characters, and for Windows-1252 text in other languages. */
enum vn_legacy vn_legacy_detect(const char *s, size_t n);

/* The encoding's name for messages: "TCVN3 (ABC)", "VNI-Windows", "". */
const char *vn_legacy_name(enum vn_legacy enc);

/* Parses an --encoding value: "utf8"/"utf-8" → NONE, "tcvn3"/"abc" →
 * TCVN3, "vni" → VNI (any case).  Returns false for anything else. */
bool vn_legacy_parse_name(const char *s, enum vn_legacy *out);

/* Appends the NFC UTF-8 form of n bytes of legacy text to out.  VNI's
 * two-byte letters (base letter + mark byte) are combined.  TCVN3 bytes
 * stand for lowercase letters (capitals came from the .VnTimeH fonts);
 * in a word whose ASCII letters are all capitals they become capitals.
 * Bytes a chart leaves undefined are read as Windows-1252.  Returns
 * PO_OK, PO_ELIMIT or PO_ENOMEM, appending nothing on an error.  With
 * VN_LEGACY_NONE the bytes are taken as UTF-8 (PO_EINVAL when they are
 * not). */
int vn_legacy_to_utf8(enum vn_legacy enc, const char *s, size_t n, buf_t *out);

/* True when valid UTF-8 text looks like legacy bytes that were wrongly
 * read as Windows-1252 and saved as UTF-8 (for instance VNI's
 * "Nguyeãn Thò" for "Nguyễn Thị", TCVN3's "NguyÔn V¨n" for "Nguyễn
 * Văn"); *which (when not NULL) gets the encoding it seems to come from,
 * VN_LEGACY_NONE when false.  Real Vietnamese gives false. */
bool vn_legacy_mojibake(const char *s, size_t n, enum vn_legacy *which);

#endif
