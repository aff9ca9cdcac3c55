/*
 * rt_sigaction's structure (Linux's struct sigaction for i386, as the
 * kernel takes it), shared by kernel/abi.h and task_struct: apart, so
 * that the host-built tests can include sched.h beside their libc.
 */
#ifndef KERNEL_SIGACTION_H
#define KERNEL_SIGACTION_H

#define NR_SIGACTIONS	64	/* _NSIG: signals 1 to 64 */

/* A signal mask: bit (sig - 1), 8 bytes (rt_sigaction's sigsetsize). */
typedef unsigned long long sigset64_t;

struct k_sigaction {
	void (*sa_handler)(int);	/* or SIG_DFL, SIG_IGN */
	unsigned long sa_flags;
	void (*sa_restorer)(void);	/* SA_RESTORER: where it returns */
	sigset64_t sa_mask;		/* blocked while it runs */
};

#endif
