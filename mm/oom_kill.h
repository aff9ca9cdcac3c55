/* The out-of-memory killer (mm/oom_kill.c). */
#ifndef MM_OOM_KILL_H
#define MM_OOM_KILL_H

#include "lib/compiler.h"

struct task_struct;

int out_of_memory(void);
bool oom_persists(bool reclaimed);
bool oom_pending(void);
unsigned long badness(struct task_struct *p);
void oom_kill(void);
/* static in 2.4.0; visible here so that a test can see the kill alone */
void oom_kill_task(struct task_struct *p);
bool oom_victim_exiting(void);

#endif
