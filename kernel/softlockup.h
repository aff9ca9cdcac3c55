/* The soft-lockup detector (kernel/softlockup.c, Linux 2.6.16's). */
#ifndef KERNEL_SOFTLOCKUP_H
#define KERNEL_SOFTLOCKUP_H

#include "kernel/traps.h"
#include "lib/compiler.h"

extern unsigned int softlockup_thresh;
extern bool softlockup_panic;
extern unsigned long softlockup_reports;

void touch_softlockup_watchdog(void);
void softlockup_tick(const struct pt_regs *regs, bool user_tick);

#endif
