/* params_shipped.h: the legal parameters shipped with plusone, compiled
 * from the files in data/params at build time (scripts/embed-params), and
 * loaded into the database by `plusone init`. */
#ifndef PLUSONE_APP_PARAMS_SHIPPED_H
#define PLUSONE_APP_PARAMS_SHIPPED_H

typedef struct shipped_param {
	const char *family, *key, *valid_from;
	long long value;
	const char *source, *status, *note;
} shipped_param_t;

extern const shipped_param_t shipped_params[];
extern const unsigned shipped_param_count;

#endif
