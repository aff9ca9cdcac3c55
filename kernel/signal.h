/*
 * Signals: default actions, SIG_IGN, handlers (rt_sigaction) and the
 * blocked mask.  Faults, kill(), Ctrl-C and a child's exit send them.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/abi.h"
#include "kernel/traps.h"

struct task_struct;

int send_sig(int sig, struct task_struct *p);
void force_sig(int sig, struct task_struct *p);
bool signal_handled(const struct task_struct *p, int sig);
bool signal_ignored_or_blocked(int sig);
void default_action(struct task_struct *p, int sig);

bool fatal_signal_pending(const struct task_struct *p);

int kill_proc(int pid, int sig);
int kill_pg(int pgrp, int sig);
void zap_other_threads(struct task_struct *p);
bool do_signal(struct pt_regs *regs, sigset64_t old);
bool take_stop_signals(void);
void syscall_restart(struct pt_regs *regs, const struct k_sigaction *ka);
void do_notify_parent(struct task_struct *tsk);
void copy_sighand(struct task_struct *child);
void flush_signal_handlers(struct task_struct *t);
void set_blocked(sigset64_t blocked);
/* kernel/sigaltstack.c */
unsigned long signal_frame_address(const struct pt_regs *regs,
				   const struct k_sigaction *ka, size_t size);
void save_altstack(stack_t *uc_stack, unsigned long sp);
void altstack_entered(void);
void restore_altstack(const stack_t *uc_stack);
void copy_sigaltstack(struct task_struct *child, unsigned long clone_flags);
void flush_sigaltstack(void);
/* kernel/sigframe.c */
void handle_signal(int sig, struct k_sigaction *ka, struct pt_regs *regs,
		   sigset64_t old);
const char *signal_name(int sig);

#endif
