/* Helpers for the kernel suites that start threads and wait for them. */
#ifndef TESTS_KERNEL_KTEST_TASKS_H
#define TESTS_KERNEL_KTEST_TASKS_H

#include "kernel/exit.h"
#include "lib/ktest.h"

/*
 * How long a case waits for a thread it started: the threads of the
 * suites end in milliseconds, so this is only ever reached when the
 * code under test left one asleep for ever (a stubbed function).
 */
#define KTEST_CHILD_SECONDS	20

/*
 * Reaps child pid into *status and returns true, once it has exited.
 * If it is still there after KTEST_CHILD_SECONDS, t fails, naming the
 * thread and what it is doing, and the result is false: the suite goes
 * on to its next case instead of hanging until the runner's limit
 * kills the boot.  The thread is left as it is.
 */
bool ktest_reap(struct ktest *t, int pid, int *status);

/* The exit code of child pid, or -1 if it cannot be reaped in time. */
int ktest_exit_code(struct ktest *t, int pid);

#endif
