/* Helpers for the kernel suites that start threads and wait for them. */
#ifndef TESTS_KERNEL_KTEST_TASKS_H
#define TESTS_KERNEL_KTEST_TASKS_H

#include "kernel/exit.h"

/* The exit status of child pid, once it has exited; -1 if it cannot. */
static inline int ktest_exit_code(int pid)
{
	int status = -1;

	return do_wait(pid, 0, &status, NULL) == pid ? WEXITSTATUS(status)
						     : -1;
}

#endif
