/* Interval timers and alarm (kernel/itimer.c). */
#ifndef KERNEL_ITIMER_H
#define KERNEL_ITIMER_H

#include "lib/compiler.h"

struct task_struct;

void itimer_tick(struct task_struct *p, bool user_tick);
void itimers_move(struct task_struct *from, struct task_struct *to);
void exit_itimers(struct task_struct *leader);

#endif
