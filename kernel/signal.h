/*
 * Signals, the small part Pagoda needs: every signal has its default
 * action (no handlers, no masks), which for most signals is to end
 * the process.  Faults, kill() and Ctrl-C send them.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/abi.h"
#include "kernel/traps.h"

struct task_struct;

int send_sig(int sig, struct task_struct *p);
void force_sig(int sig, struct task_struct *p);
int kill_proc(int pid, int sig);
void zap_other_threads(struct task_struct *p);
void do_signal(struct pt_regs *regs);
const char *signal_name(int sig);

#endif
