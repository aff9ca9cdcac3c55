/*
 * Waiting for the threads a kernel test case starts, with a limit
 * (tests/kernel/ktest_tasks.h).  do_wait() alone sleeps until the
 * child exits: a child stuck on a stubbed function hung the whole
 * suite, and the runner then killed the boot with the cases after it.
 */
#include "tests/kernel/ktest_tasks.h"
#include "kernel/abi.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/wait.h"

static const char *state_name(long state)
{
	switch (state) {
	case TASK_RUNNING:
		return "running";
	case TASK_INTERRUPTIBLE:
		return "asleep (interruptible)";
	case TASK_UNINTERRUPTIBLE:
		return "asleep (uninterruptible)";
	default:
		return "in another state";
	}
}

bool ktest_reap(struct ktest *t, int pid, int *status)
{
	struct task_struct *p;

	for (long ticks = 0; ticks <= KTEST_CHILD_SECONDS * HZ; ticks++) {
		long got = do_wait(pid, WNOHANG, status, NULL);

		if (got == pid)
			return true;
		if (got < 0) {
			ktest_fail(t, __FILE__, __LINE__,
				   "no child %d to wait for (%ld)", pid, got);
			return false;
		}
		schedule_timeout_uninterruptible(1);
	}
	p = find_task_by_pid(pid);
	ktest_fail(t, __FILE__, __LINE__,
		   "waited %d s for thread '%s' (pid %d) to exit; "
		   "it is still %s",
		   KTEST_CHILD_SECONDS,
		   p ? p->comm : "?", pid, p ? state_name(p->state) : "gone");
	return false;
}

int ktest_exit_code(struct ktest *t, int pid)
{
	int status = -1;

	if (!ktest_reap(t, pid, &status))
		return -1;
	return WEXITSTATUS(status);
}
