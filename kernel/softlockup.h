/* The soft-lockup detector (kernel/softlockup.c, Linux 2.6.16's). */
#ifndef KERNEL_SOFTLOCKUP_H
#define KERNEL_SOFTLOCKUP_H

#include "kernel/traps.h"
#include "lib/compiler.h"

/* The last report, for the tests: its task, length, and how many. */
struct softlockup_report {
	int pid;
	unsigned long seconds;
	unsigned long count;
};

extern unsigned int softlockup_thresh;
extern bool softlockup_panic;
extern struct softlockup_report softlockup_last;

void touch_softlockup_watchdog(void);
void softlockup_tick(const struct pt_regs *regs, bool user_tick);

#endif
