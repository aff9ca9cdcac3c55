/*
 * Kernel command-line parameters.  Each subsystem declares its own
 * next to the variable it sets; the macros put an entry in the
 * kernel_params section, which parse_kernel_cmdline() reads.
 *
 *	KERNEL_PARAM_UINT(loglevel, console_loglevel, 0, 8, "help");
 *	KERNEL_PARAM_SIZE(mem, mem_limit, 1 << 20, UINT64_MAX, "help");
 *	KERNEL_PARAM_STRING(test, test_glob, "help");   (char test_glob[N])
 *	KERNEL_PARAM_FLAG(noswap, noswap, "help");       (bool noswap)
 *	KERNEL_PARAM_CALL(numa, parse_numa, "help");
 */
#ifndef KERNEL_PARAMS_H
#define KERNEL_PARAMS_H

#include "lib/cmdline.h"

#define __KERNEL_PARAM(pname, ...)					\
	static const struct kernel_param __param_##pname = {		\
		.name = #pname, __VA_ARGS__ };				\
	static const struct kernel_param *const __param_ptr_##pname	\
		__section("kernel_params") = &__param_##pname

#define KERNEL_PARAM_UINT(pname, v, lo, hi, h)			\
	__KERNEL_PARAM(pname, .type = PARAM_UINT, .var = &(v),	\
		       .min = (lo), .max = (hi), .help = (h))
#define KERNEL_PARAM_SIZE(pname, v, lo, hi, h)			\
	__KERNEL_PARAM(pname, .type = PARAM_SIZE, .var = &(v),	\
		       .min = (lo), .max = (hi), .help = (h))
#define KERNEL_PARAM_STRING(pname, v, h)				\
	__KERNEL_PARAM(pname, .type = PARAM_STRING, .var = (v),	\
		       .max = sizeof(v), .help = (h))
#define KERNEL_PARAM_FLAG(pname, v, h)				\
	__KERNEL_PARAM(pname, .type = PARAM_FLAG, .var = &(v), .help = (h))
#define KERNEL_PARAM_CALL(pname, fn, h)					\
	__KERNEL_PARAM(pname, .type = PARAM_CALL, .set = (fn), .help = (h))

void parse_kernel_cmdline(const char *cmdline);
const char *saved_command_line(void);
void print_kernel_params(void);

#endif
