/*
 * ktest-host's limit on the CPU time of one case (tests/host/cpu_limit.c,
 * used by case_guard.c).  Its own file, as null_fault.h: the C library's
 * <signal.h> and the kernel's headers define the same names.
 */
#ifndef TESTS_HOST_CPU_LIMIT_H
#define TESTS_HOST_CPU_LIMIT_H

#include "lib/compiler.h"

/*
 * From now on, once the process has used `seconds` more of CPU, call
 * fail(msg), msg saying so; fail must not return (it jumps out of the
 * signal handler).
 */
void cpu_limit_arm(unsigned int seconds, __noreturn void (*fail)(const char *msg));

/* No limit any more. */
void cpu_limit_disarm(void);

#endif
