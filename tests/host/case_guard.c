/*
 * ktest_call() on the host: a panic() or BUG() inside a case fails
 * that case, by name, with the panic's message (a BUG's names its file
 * and line), and ktest goes on: the suite's exit still runs, to take
 * down the machine the case stopped half-way on, then the next case
 * and the next suite.  Without it, one stubbed function that trips a
 * BUG_ON aborted ktest-host, and every suite after it went missing.
 *
 * A NULL pointer dereference fails its case the same way, naming the
 * function and line that faulted, as the kernel's oops would
 * (tests/host/null_fault.c).
 *
 * A case that uses host_case_cpu_seconds of CPU fails the same way,
 * saying it never ended (tests/host/cpu_limit.c).
 *
 * An ASan or UBSan report, or a fault at any other address, still ends
 * the program: memory is then no longer to be trusted (the runner
 * names it as a crash).
 */
#include <setjmp.h>
#include "tests/host/mm_fixture.h"
#include "tests/host/null_fault.h"
#include "tests/host/cpu_limit.h"
#include "kernel/sched.h"
#include "lib/ktest.h"

/*
 * CPU seconds for a case (or a suite's init or exit): the slowest,
 * mm_buddy_model's, needs 1.3 s under ASan; the lab grader allows a
 * case run alone as much.  Once a case ran out, the others get
 * LATER_CPU_SECONDS: with a stubbed allocator every case may loop, and
 * each should still be named within the runner's limit on the whole
 * run.  A test of ktest sets it for the suite it runs.
 */
unsigned int host_case_cpu_seconds = 5;
#define LATER_CPU_SECONDS 2

static sigjmp_buf *catcher;	/* where a panic goes back to */
static struct ktest *caught;	/* the case it fails */

static __noreturn void fail_case(const char *msg)
{
	caught->failed = true;
	ktest_log(caught, "panic: %s (the case stopped there)", msg);
	siglongjmp(*catcher, 1);	/* from a signal handler too */
}

static __noreturn void out_of_cpu(const char *msg)
{
	if (host_case_cpu_seconds > LATER_CPU_SECONDS)
		host_case_cpu_seconds = LATER_CPU_SECONDS;
	fail_case(msg);
}

/* A nested run (a test of ktest) arms its own limit; the rest of the
 * case that ran it then has none. */
void ktest_call(struct ktest *t, void (*fn)(struct ktest *t))
{
	sigjmp_buf here, *outer = catcher;	/* a test of ktest nests runs */
	struct ktest *outer_case = caught;
	struct task_struct task = *current;

	if (!outer)
		null_fault_catch(fail_case);
	cpu_limit_arm(host_case_cpu_seconds, out_of_cpu);
	catcher = &here;
	caught = t;
	host_panic_catcher = fail_case;
	if (!sigsetjmp(here, 1))
		fn(t);
	else
		*current = task;	/* it may have stopped asleep */
	catcher = outer;
	caught = outer_case;
	host_panic_catcher = outer ? fail_case : NULL;
	cpu_limit_disarm();
	if (!outer)
		null_fault_release();
}
