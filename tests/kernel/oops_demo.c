/*
 * A deliberate kernel crash, to show (and test) what an oops looks
 * like: a NULL pointer write with no fixup.  Explicit-only: it runs
 * only as test=demo_oops, never by wildcard.  The scenario test
 * "oops_report" checks the report names the functions and that QEMU
 * exits with the failure status.
 */
#include "lib/ktest.h"

/* noinline: so the backtrace shows this frame by name. */
__attribute__((noinline)) void oops_demo_write_null(volatile int *p)
{
	*p = 42;
}

static void null_pointer_write(struct ktest *t __unused)
{
	oops_demo_write_null(NULL);
}

static const struct ktest_case demo_cases[] = {
	KTEST_CASE(null_pointer_write),
};
KTEST_EXPLICIT_SUITE(demo_oops, demo_cases);
