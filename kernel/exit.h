/* Ending tasks and reaping them (kernel/exit.c). */
#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H

#include "lib/compiler.h"

struct rusage;
struct task_struct;

#define RUSAGE_BOTH	(-2)	/* getrusage's who for wait4: self + children */

__noreturn void do_exit(long code);
__noreturn void do_group_exit(long code);
void release_dead_threads(void);
bool is_orphaned_pgrp(int pgrp);
bool move_children(struct task_struct *from, struct task_struct *to);
long do_wait(int pid, int options, int *status, int *stat_addr);
long getrusage(struct task_struct *p, int who,		/* kernel/sys.c */
	       struct rusage *ru);

struct group_usage;

void thread_group_usage(const struct task_struct *p,	/* kernel/sys.c */
			struct group_usage *u);
void add_usage(struct group_usage *u, const struct task_struct *t);

#endif
