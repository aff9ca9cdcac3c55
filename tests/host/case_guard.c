/*
 * ktest_call() on the host: a panic() or BUG() inside a case fails
 * that case, by name, with the panic's message (a BUG's names its file
 * and line), and ktest goes on: the suite's exit still runs, to take
 * down the machine the case stopped half-way on, then the next case
 * and the next suite.  Without it, one stubbed function that trips a
 * BUG_ON aborted ktest-host, and every suite after it went missing.
 *
 * An ASan or UBSan report still ends the program: memory is then no
 * longer to be trusted (the runner names it as a crash).
 */
#include <setjmp.h>
#include "tests/host/mm_fixture.h"
#include "kernel/sched.h"
#include "lib/ktest.h"

static jmp_buf *catcher;	/* where a panic goes back to */
static struct ktest *caught;	/* the case it fails */

static __noreturn void fail_case(const char *msg)
{
	caught->failed = true;
	ktest_log(caught, "panic: %s (the case stopped there)", msg);
	longjmp(*catcher, 1);
}

void ktest_call(struct ktest *t, void (*fn)(struct ktest *t))
{
	jmp_buf here, *outer = catcher;	/* a test of ktest nests runs */
	struct ktest *outer_case = caught;
	struct task_struct task = *current;

	catcher = &here;
	caught = t;
	host_panic_catcher = fail_case;
	if (!setjmp(here))
		fn(t);
	else
		*current = task;	/* it may have stopped asleep */
	catcher = outer;
	caught = outer_case;
	host_panic_catcher = outer ? fail_case : NULL;
}
