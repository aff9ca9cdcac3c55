/*
 * Deliberate kernel crashes, to show (and test) what an oops and a
 * panic look like.  The first: a NULL pointer write with no fixup.  Explicit-only: it runs
 * only as test=demo_oops, never by wildcard.  The scenario test
 * "oops_report" checks the report names the functions and that QEMU
 * exits with the failure status.
 */
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/wait.h"
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

/*
 * A deliberate panic(): the message, the registers and a backtrace
 * through the caller, then QEMU exits failing (test=demo_panic).
 */
__attribute__((noinline)) void panic_demo_caller(int answer)
{
	panic("demo panic: the answer is %d", answer);
}

static void deliberate_panic(struct ktest *t __unused)
{
	panic_demo_caller(42);
}

static const struct ktest_case panic_cases[] = {
	KTEST_CASE(deliberate_panic),
};
KTEST_EXPLICIT_SUITE(demo_panic, panic_cases);

/*
 * A kernel thread that never calls schedule(): kernel code is not
 * preempted, so the init thread that runs the tests never gets the
 * CPU back, as with kswapd if its sleep returned at once.  The timer
 * tick names the spinner (kernel/softlockup.c) and, in a test boot,
 * panics (test=demo_softlockup softlockup_thresh=2: the scenario
 * softlockup_report).
 */
__attribute__((noinline)) int softlockup_demo_spin(void *arg __unused)
{
	for (;;)
		barrier();
}

static void a_thread_keeps_the_cpu(struct ktest *t __unused)
{
	kernel_thread(softlockup_demo_spin, NULL, "spinner");
	set_current_state(TASK_INTERRUPTIBLE);
	schedule_timeout(HZ);
}

static const struct ktest_case softlockup_cases[] = {
	KTEST_CASE(a_thread_keeps_the_cpu),
};
KTEST_EXPLICIT_SUITE(demo_softlockup, softlockup_cases);

/*
 * A kernel thread that loops for ever but calls schedule() each time
 * round, as kswapd does when its sleep returns at once: the soft-lockup
 * detector stays quiet, and the case, waiting for the thread, never
 * ends.  Past ktest_timeout the watch on the case lists the tasks that
 * had the CPU, the looper first with its backtrace, and in a test boot
 * panics (test=demo_hung_case ktest_timeout=2: the scenario
 * hung_case_report).
 */
__attribute__((noinline)) int hung_demo_loop(void *arg __unused)
{
	for (;;)
		yield();
}

static void a_thread_loops_while_the_case_waits(struct ktest *t __unused)
{
	kernel_thread(hung_demo_loop, NULL, "looper");
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(HZ);
	}
}

static const struct ktest_case hung_cases[] = {
	KTEST_CASE(a_thread_loops_while_the_case_waits),
};
KTEST_EXPLICIT_SUITE(demo_hung_case, hung_cases);
