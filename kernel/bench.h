/*
 * In-kernel benchmarks.  A file registers one next to the code it
 * measures,
 *
 *	static int bench_swapdisk(void) { ... bench_report(...); return 0; }
 *	KBENCH(swapdisk, bench_swapdisk, "what it measures");
 *
 * and runs it with the shell's "bench NAME" or at boot with bench=NAME
 * (which then powers off, QEMU's exit status telling whether it ran).
 * Results are "bench: NAME VALUE UNIT" lines, which `make bench`
 * collects (tools/kbench.py).  Speed is measured here, never asserted
 * in a test.
 */
#ifndef KERNEL_BENCH_H
#define KERNEL_BENCH_H

#include "lib/compiler.h"

struct kbench {
	const char *name;
	int (*run)(void);	/* 0, or a negative errno after a message */
	const char *help;
};

#define KBENCH(bname, fn, h)						\
	static const struct kbench __kbench_##bname =			\
		{ #bname, fn, h };					\
	static const struct kbench *const __kbench_ptr_##bname		\
		__section("kbenches") = &__kbench_##bname

void bench_report(const char *name, unsigned long value, const char *unit);
void run_boot_bench(void);

#endif
