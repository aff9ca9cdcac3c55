/*
 * Kernel command-line parsing: "key=value" words checked against a
 * table of known parameters.  Pure code (no hardware), so the host
 * unit tests run it too.  The kernel's table is built by
 * KERNEL_PARAM_* (kernel/params.h).
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include "lib/compiler.h"

enum param_type {
	PARAM_UINT,	/* unsigned int *var in [min, max] */
	PARAM_SIZE,	/* uint64_t *var, with K/M/G suffixes, in [min, max] */
	PARAM_STRING,	/* char var[max], must fit */
	PARAM_FLAG,	/* bool *var set by the bare word, no value */
	PARAM_CALL,	/* set(value, &why) returns 0 or -errno */
};

struct kernel_param {
	const char *name;
	enum param_type type;
	void *var;
	uint64_t min, max;
	int (*set)(const char *value, const char **why);
	const char *help;
};

typedef void (*cmdline_report_t)(const char *fmt, ...) __printf(1, 2);

int parse_args(char *line, const struct kernel_param *params, size_t n,
	       cmdline_report_t report);
const char *cmdline_skip_image(const char *line);

int kstrtoul(const char *s, unsigned base, unsigned long *out);
int memparse(const char *s, uint64_t *out);

#endif
