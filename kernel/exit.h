/* Ending tasks and reaping them (kernel/exit.c). */
#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H

#include "lib/compiler.h"

__noreturn void do_exit(long code);
long do_wait(int pid, int options, int *status, int *stat_addr);

#endif
