/*
 * Sending signals, their actions and masks (kernel/signal.c in Linux
 * 2.4; the frames a handler runs on are in kernel/sigframe.c).
 *
 * A signal's action is its default, SIG_IGN or a handler
 * (rt_sigaction).  The default ends the process, every thread of it,
 * whose parent then sees "killed by" that signal in waitpid()'s
 * status; but SIGCHLD, SIGCONT, SIGURG and SIGWINCH are ignored, and
 * SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU stop the process until a
 * SIGCONT (do_signal_stop).  An ignored signal that is not blocked is
 * dropped when sent, as 2.4.0's ignored_signal() drops it, so it
 * wakes no sleeper.  A blocked signal stays pending until
 * rt_sigprocmask or a handler's return unblocks it.  The action
 * happens on the way back to user mode (exit_to_user_mode), so a
 * process never dies, nor stops, in the middle of a system call or a
 * page fault, holding a lock; an interruptible sleep ends early, and
 * the call returns -EINTR, or -ERESTARTSYS where Linux starts it
 * again (syscall_restart).  Kernel threads take no signals.
 */
#include <limits.h>

#include "kernel/signal.h"
#include "kernel/exit.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"

static const char *const signal_names[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV",
	[SIGUSR2] = "SIGUSR2", [SIGPIPE] = "SIGPIPE",
	[SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP",
	[SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG",
	[SIGWINCH] = "SIGWINCH",
};

const char *signal_name(int sig)
{
	if (sig > 0 && sig < (int)ARRAY_SIZE(signal_names) &&
	    signal_names[sig])
		return signal_names[sig];
	return "signal";
}

#define SIGBIT(sig)	(1ULL << ((sig) - 1))
_Static_assert(_NSIG == NR_SIGACTIONS, "an action for every signal");
/* Neither blocked nor caught, ever. */
#define UNBLOCKABLE	(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define STOP_SIGNALS	(SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | \
			 SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

static bool ignored_by_default(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
		return true;
	default:
		return false;
	}
}

static bool handler_ignores(void (*handler)(int), int sig)
{
	return handler == SIG_IGN ||
	       (handler == SIG_DFL && ignored_by_default(sig));
}

/* Would p do nothing with sig now?  (2.4.0's ignored_signal.) */
static bool sig_ignored(const struct task_struct *p, int sig)
{
	if (p->blocked & SIGBIT(sig))
		return false;	/* the action may change before it is taken */
	return handler_ignores(p->action[sig - 1].sa_handler, sig);
}

/*
 * Does current block or ignore sig (2.4.0's is_ignored in tty_io.c)?
 * Then a terminal's SIGTTIN or SIGTTOU would not stop it: EIO.
 */
bool signal_ignored_or_blocked(int sig)
{
	return (current->blocked & SIGBIT(sig)) ||
	       current->action[sig - 1].sa_handler == SIG_IGN;
}

/*
 * Marks sig pending for t and wakes t if it sleeps interruptibly and
 * does not block sig, or sleeps killably (TASK_WAKEKILL) and sig is
 * SIGKILL.
 */
static void signal_wake_up(struct task_struct *t, int sig)
{
	if (t->state == TASK_ZOMBIE || (t->flags & PF_EXITING))
		return;				/* dying anyway */
	t->pending |= SIGBIT(sig);
	if ((t->state == TASK_INTERRUPTIBLE && signal_pending(t)) ||
	    (sig == SIGKILL && (t->state & TASK_WAKEKILL)))
		wake_up_process(t);
}

/*
 * The thread of p's group to run sig's handler: p unless it blocks
 * sig, else the first other thread that does not (2.6's
 * complete_signal() looks for one so); p if all block it.
 */
static struct task_struct *thread_for(struct task_struct *p, int sig)
{
	struct task_struct *t;

	if (!(p->blocked & SIGBIT(sig)) && !(p->flags & PF_EXITING))
		return p;
	for_each_other_thread(p, t)
		if (!(t->blocked & SIGBIT(sig)) && !(t->flags & PF_EXITING))
			return t;
	if (p->flags & PF_EXITING)
		for_each_other_thread(p, t)
			if (!(t->flags & PF_EXITING))
				return t;
	return p;
}

/*
 * Sets sig's action to *act in p and every other thread of its group
 * (2.4.0's do_sigaction).  The threads share their actions
 * (CLONE_SIGHAND): 2.4.0 points them all at one table, tsk->sig;
 * Pagoda keeps a copy in each and writes them all.  POSIX: an action
 * that ignores the signal drops it if it is pending.
 */
static void set_action(struct task_struct *p, int sig,
		       const struct k_sigaction *act)
{
	struct task_struct *t = p;
	uint32_t flags = local_irq_save();

	do {
		t->action[sig - 1] = *act;
		t->action[sig - 1].sa_mask &= ~UNBLOCKABLE;
		if (handler_ignores(act->sa_handler, sig))
			t->pending &= ~SIGBIT(sig);
		t = next_thread(t);
	} while (t != p);
	local_irq_restore(flags);
}

/*
 * A stop or a continue of leader's process, told to its parent
 * (2.4.0's notify_parent in do_signal; for a continue Linux 2.6.10's
 * do_notify_parent_cldstop, 2.4.0 tells none): SIGCHLD unless the
 * parent's action for it has SA_NOCLDSTOP, and its wait4 woken.
 */
static void notify_parent_cldstop(struct task_struct *leader)
{
	struct task_struct *parent = leader->parent;

	if (!(parent->action[SIGCHLD - 1].sa_flags & SA_NOCLDSTOP))
		do_notify_parent(leader);
	wake_up_interruptible(&parent->wait_chldexit);
}

/*
 * Before sig is queued for p's process (2.4.0's handle_stop_signal,
 * for every thread): SIGCONT takes back the stop signals pending and
 * goes on with a stopped process, whatever its action for SIGCONT; a
 * stop signal takes back a pending SIGCONT.  SIGKILL ends the stop
 * too, and a stop not yet told is not told (2.4.0 clears exit_code):
 * a dying process is no stopped job (has_stopped_jobs); it wakes the
 * stopped threads as it wakes a killable sleeper (TASK_STOPPED has
 * TASK_WAKEKILL).  Interrupts are off.
 */
static void handle_stop_signal(int sig, struct task_struct *p)
{
	struct task_struct *leader = p->group_leader, *t = p;
	uint64_t drop = sig == SIGCONT ? STOP_SIGNALS : SIGBIT(SIGCONT);

	if (sig == SIGKILL && leader->stopped) {
		leader->stopped = false;
		leader->jobctl_report = 0;
	}
	if (sig != SIGCONT && !(SIGBIT(sig) & STOP_SIGNALS))
		return;
	do {
		t->pending &= ~drop;
		t = next_thread(t);
	} while (t != p);
	if (sig != SIGCONT || !leader->stopped)
		return;
	leader->stopped = false;
	leader->jobctl_report = W_CONTINUED;
	do {
		if (t->state == TASK_STOPPED)
			wake_up_process(t);
		t = next_thread(t);
	} while (t != p);
	notify_parent_cldstop(leader);
}

/*
 * Sends sig to p's process.  A caught signal goes to one thread
 * (thread_for); one whose action ends or stops the process goes to
 * every thread (2.6's complete_signal() does so for a fatal signal),
 * and whichever acts first ends or stops them all (do_group_exit,
 * do_signal_stop).  Safe from interrupt handlers (Ctrl-C, Ctrl-Z).
 * sig 0 only checks p.
 */
int send_sig(int sig, struct task_struct *p)
{
	struct task_struct *t;
	uint32_t flags;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (!p->mm && !(p->flags & PF_EXITING))
		return -EPERM;			/* a kernel thread */
	if (!sig)
		return 0;
	flags = local_irq_save();
	handle_stop_signal(sig, p);
	if (sig_ignored(p, sig)) {
		local_irq_restore(flags);
		return 0;
	}
	if (sig != SIGKILL &&
	    p->action[sig - 1].sa_handler != SIG_DFL) {
		signal_wake_up(thread_for(p, sig), sig);
	} else {
		signal_wake_up(p, sig);
		for_each_other_thread(p, t)
			signal_wake_up(t, sig);
	}
	local_irq_restore(flags);
	return 0;
}

/* SIGKILL to every other thread of p's group (2.6's zap_other_threads). */
void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	uint32_t flags = local_irq_save();

	for_each_other_thread(p, t)
		signal_wake_up(t, SIGKILL);
	local_irq_restore(flags);
}

/* SIGKILL waits: the task is about to die (Linux 2.6.25's helper). */
bool fatal_signal_pending(const struct task_struct *p)
{
	return (p->pending & SIGBIT(SIGKILL)) != 0;
}

/* sig's action back to the default in every thread of p's group. */
void default_action(struct task_struct *p, int sig)
{
	struct k_sigaction dfl = p->action[sig - 1];

	dfl.sa_handler = SIG_DFL;
	set_action(p, sig, &dfl);
}

/*
 * Whether a handler of p's will take sig (Linux 2.6's
 * unhandled_signal(), which 2.4.0 lacks): a fault a program catches
 * is the program's business, and the console says nothing of it.
 */
bool signal_handled(const struct task_struct *p, int sig)
{
	void (*handler)(int) = p->action[sig - 1].sa_handler;

	return handler != SIG_DFL && handler != SIG_IGN;
}

/*
 * A fault's signal: the task cannot go on without acting on it, so
 * it is unblocked, and SIG_IGN becomes the default (2.4.0's
 * force_sig_info).  A handler still runs, in the faulting thread.
 */
void force_sig(int sig, struct task_struct *p)
{
	uint32_t flags;

	if (p->action[sig - 1].sa_handler == SIG_IGN)
		default_action(p, sig);
	flags = local_irq_save();
	p->blocked &= ~SIGBIT(sig);
	local_irq_restore(flags);
	send_sig(sig, p);
}

int kill_proc(int pid, int sig)
{
	struct task_struct *p = pid > 0 ? find_task_by_pid(pid) : NULL;

	return p ? send_sig(sig, p) : -ESRCH;
}

/*
 * Sends sig to every process of group pgrp (2.4.0's kill_pg_info, one
 * signal a process: to each leader): 0 if one took it, else the last
 * error, -ESRCH if the group is empty.  Called from the serial
 * interrupt too (Ctrl-C, kernel/console.c): the task list changes
 * only with interrupts off.
 */
int kill_pg(int pgrp, int sig)
{
	struct task_struct *p;
	int ret = -ESRCH;

	if (pgrp <= 0)
		return -EINVAL;
	for_each_task(p) {
		if (p == p->group_leader && p->pgrp == pgrp) {
			int err = send_sig(sig, p);

			if (ret)
				ret = err;
		}
	}
	return ret;
}

/*
 * kill(-1, sig): every process but init and the caller's (2.4.0's
 * kill_something_info); a kernel thread's EPERM is not an error.
 */
static int kill_all(int sig)
{
	struct task_struct *p;
	int ret = 0, count = 0;

	for_each_task(p) {
		if (p == p->group_leader && p->pid > 1 &&
		    p != current->group_leader) {
			int err = send_sig(sig, p);

			count++;
			if (err != -EPERM)
				ret = err;
		}
	}
	return count ? ret : -ESRCH;
}

/*
 * kill(pid, sig) (2.4.0's kill_something_info): pid > 0 a process,
 * 0 the caller's process group, -1 every process (kill_all), below
 * -1 the group -pid; INT_MIN, whose -pid is no int, ESRCH (Linux
 * 4.13's answer; 2.4.0 negates it, undefined in C).
 */
long sys_kill(int pid, int sig)
{
	if (pid == INT_MIN)
		return -ESRCH;
	if (!pid)
		return kill_pg(current->group_leader->pgrp, sig);
	if (pid == -1)
		return kill_all(sig);
	if (pid < 0)
		return kill_pg(-pid, sig);
	return kill_proc(pid, sig);
}

/*
 * tkill(tid, sig) and tgkill(tgid, tid, sig) (Linux 2.6; 2.4.0 has
 * neither): glibc's raise(), abort() and pthread_kill() use tgkill.
 * The thread named takes a caught signal unless it blocks it
 * (thread_for); one that ends the process ends every thread.
 */
long sys_tkill(int tid, int sig)
{
	return tid > 0 ? kill_proc(tid, sig) : -EINVAL;
}

long sys_tgkill(int tgid, int tid, int sig)
{
	struct task_struct *p;

	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	p = find_task_by_pid(tid);
	if (!p || p->tgid != tgid)
		return -ESRCH;
	return send_sig(sig, p);
}

/*
 * A child's end, told to its parent (2.4.0's do_notify_parent): the
 * exit signal, always SIGCHLD in Pagoda (clone refuses others).
 * Default ignored; a parent that catches it runs its handler.  SIG_IGN
 * and SA_NOCLDWAIT only keep the signal away: the child still waits
 * as a zombie for wait4, as in 2.4.0 (Linux 2.6 reaps it at once).
 * A kernel-thread parent (init, the shell) takes no signals.
 */
void do_notify_parent(struct task_struct *tsk)
{
	struct task_struct *parent = tsk->parent;

	/* a leader that exited before its threads has no mm, yet its
	 * process lives on: send_sig finds a thread for the handler */
	if (parent->mm || !thread_group_empty(parent))
		send_sig(SIGCHLD, parent);
}

/*
 * fork: the child has its parent's actions and mask.  Its pending set
 * started empty (alloc_task), and keeps what came since: a thread
 * already in its group may have been zapped while clone slept.
 */
void copy_sighand(struct task_struct *child)
{
	memcpy(child->action, current->action, sizeof(child->action));
	child->blocked = current->blocked;
}

/*
 * exec: caught signals go back to their default, ignored ones stay
 * ignored (2.4.0's flush_signal_handlers), masks and flags are
 * cleared.
 */
void flush_signal_handlers(struct task_struct *t)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->action[i];

		if (ka->sa_handler != SIG_IGN)
			ka->sa_handler = SIG_DFL;
		ka->sa_flags = 0;
		ka->sa_restorer = NULL;
		ka->sa_mask = 0;
	}
}


/*
 * rt_sigaction(sig, act, oact, sigsetsize), i386 call 174: -EINVAL
 * for a mask size other than 8 bytes, a signal out of 1.._NSIG, or
 * an action for SIGKILL or SIGSTOP; -EFAULT for a bad pointer (a bad
 * act before a bad signal; when oact is bad, the new action is in
 * place already, as in Linux).
 */
long sys_rt_sigaction(int sig, const struct k_sigaction *act,
		      struct k_sigaction *oact, unsigned long sigsetsize)
{
	struct k_sigaction new, old;

	if (sigsetsize != sizeof(sigset64_t))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;		/* before the signal's check, as Linux */
	if (sig < 1 || sig > _NSIG || (act && (SIGBIT(sig) & UNBLOCKABLE)))
		return -EINVAL;
	old = current->action[sig - 1];
	if (act)
		set_action(current, sig, &new);
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Sets the blocked mask; SIGKILL and SIGSTOP are never blocked. */
void set_blocked(sigset64_t blocked)
{
	current->blocked = blocked & ~UNBLOCKABLE;
}

/*
 * rt_sigprocmask(how, set, oset, sigsetsize), i386 call 175: blocks
 * (SIG_BLOCK), unblocks (SIG_UNBLOCK) or sets (SIG_SETMASK) the mask;
 * the old mask goes to *oset.  -EINVAL for another how or a size
 * other than 8, -EFAULT for a bad pointer.
 */
long sys_rt_sigprocmask(int how, const sigset64_t *set, sigset64_t *oset,
			unsigned long sigsetsize)
{
	sigset64_t old = current->blocked, new;

	if (sigsetsize != sizeof(sigset64_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		if (how == SIG_BLOCK)
			set_blocked(old | new);
		else if (how == SIG_UNBLOCK)
			set_blocked(old & ~new);
		else if (how == SIG_SETMASK)
			set_blocked(new);
		else
			return -EINVAL;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/*
 * The signals sent to the caller that its mask holds back (2.4.0's
 * sys_rt_sigpending): one not blocked is taken on the way back to user
 * mode, so only blocked ones can be seen waiting.  Interrupts are off
 * for the read because a timer's signal may be added meanwhile and the
 * set is two words.  Any size but the set's is EINVAL, as in 2.4.0
 * (later Linux takes a smaller one and copies that much).
 */
long sys_rt_sigpending(sigset64_t *set, unsigned long sigsetsize)
{
	sigset64_t pending;
	uint32_t flags;

	if (sigsetsize != sizeof(sigset64_t))
		return -EINVAL;
	flags = local_irq_save();
	pending = current->pending & current->blocked;
	local_irq_restore(flags);
	if (copy_to_user(set, &pending, sizeof(pending)))
		return -EFAULT;
	return 0;
}

/*
 * The lowest pending signal that is not blocked, taken off the
 * pending set; 0 if none (2.4.0's dequeue_signal).
 */
static int dequeue_signal(void)
{
	uint64_t ready = current->pending & ~current->blocked;
	uint32_t flags;
	int sig;

	if (!ready)
		return 0;
	sig = __builtin_ctzll(ready) + 1;
	flags = local_irq_save();
	current->pending &= ~SIGBIT(sig);
	local_irq_restore(flags);
	return sig;
}

/*
 * A system call a signal interrupted returns -ERESTARTSYS (read of
 * the console, wait4, an untimed FUTEX_WAIT) or -ERESTARTNOHAND
 * (select).  Before its handler runs, ka, the call becomes -EINTR
 * unless ka has SA_RESTART (always, for -ERESTARTNOHAND); with
 * SA_RESTART, or when no handler ran (ka NULL: the signal stopped the
 * process, or was ignored by the time it was taken), it starts again:
 * eax gets the call's
 * number back and eip goes back over the 2-byte "int $0x80", so the
 * handler's return (or the return to user mode) makes the call anew
 * with the arguments still in the registers (2.4.0's handle_signal
 * and the end of its do_signal).
 */
void syscall_restart(struct pt_regs *regs, const struct k_sigaction *ka)
{
	long ret = (long)regs->eax;

	if (regs->vector != SYSCALL_VECTOR || (long)regs->error_code < 0 ||
	    (ret != -ERESTARTSYS && ret != -ERESTARTNOHAND))
		return;
	if (ka && (ret == -ERESTARTNOHAND || !(ka->sa_flags & SA_RESTART))) {
		regs->eax = -EINTR;
		return;
	}
	regs->eax = regs->error_code;
	regs->eip -= 2;
}

/*
 * A stop signal's default action (2.4.0's do_signal: TASK_STOPPED,
 * exit_code, notify_parent, schedule).  SIGTSTP, SIGTTIN and SIGTTOU
 * are dropped in an orphaned process group, whose stop nobody would
 * end (is_orphaned_pgrp, kernel/exit.c); SIGSTOP never is.  The first
 * thread to stop stops the process and tells its parent, and sends
 * SIGSTOP, which none can block, to the others: every thread stops,
 * as in Linux 2.6 (2.4.0's threads are processes, each stopped
 * alone).  The thread sleeps in TASK_STOPPED until SIGCONT clears
 * ->stopped (handle_stop_signal), or SIGKILL.  It is on its way to
 * user mode, or in sigsuspend: it holds no lock, so the OOM killer's
 * or swapoff's SIGKILL ends it as it ends a running process.
 */
static void do_signal_stop(int sig)
{
	struct task_struct *leader = current->group_leader, *t;
	uint32_t flags;

	if (sig != SIGSTOP && is_orphaned_pgrp(leader->pgrp))
		return;
	flags = local_irq_save();
	if (!leader->stopped && !fatal_signal_pending(current)) {
		leader->stopped = true;
		leader->jobctl_report = W_STOPCODE(sig);
		for_each_other_thread(current, t)
			signal_wake_up(t, SIGSTOP);
		notify_parent_cldstop(leader);
	}
	/* interrupts off from the test to the sleep: a SIGCONT or
	 * SIGKILL sent from an interrupt is not missed (rule 4) */
	while (leader->stopped && !fatal_signal_pending(current)) {
		set_current_state(TASK_STOPPED);
		schedule();
	}
	local_irq_restore(flags);
}

/*
 * For a sleep that a stop must not end (do_nanosleep): takes the
 * pending signals whose action is to stop, stopping here until
 * continued (do_signal_stop), as do_signal would on the way out; true
 * if another signal is left, a handler's or a fatal one, which ends
 * the sleep.  Linux 2.6 has a stopped nanosleep return
 * -ERESTART_RESTARTBLOCK and sleep on for the time left; 2.4.0 ends it
 * with EINTR, though no handler ran.
 */
bool take_stop_signals(void)
{
	while (signal_pending(current)) {
		uint64_t ready = current->pending & ~current->blocked;
		int sig = __builtin_ctzll(ready) + 1;

		if (!(SIGBIT(sig) & STOP_SIGNALS) ||
		    current->action[sig - 1].sa_handler != SIG_DFL)
			return true;
		do_signal_stop(dequeue_signal());
	}
	return false;
}

/*
 * Acts on pending signals, on the way to user mode (2.4.0's
 * do_signal): an ignored one is dropped, a caught one gets a frame
 * on the user stack and the process returns into its handler
 * (handle_signal, kernel/sigframe.c; its return restores old), any
 * other ends the process.  True if a handler is to run.
 */
bool do_signal(struct pt_regs *regs, sigset64_t old)
{
	int sig;

	while ((sig = dequeue_signal())) {
		struct k_sigaction *ka = &current->action[sig - 1];

		if (ka->sa_handler == SIG_IGN)
			continue;
		if (ka->sa_handler != SIG_DFL) {
			syscall_restart(regs, ka);
			handle_signal(sig, ka, regs, old);
			return true;
		}
		if (SIGBIT(sig) & STOP_SIGNALS)
			do_signal_stop(sig);	/* then the next signal */
		else if (!ignored_by_default(sig))
			do_group_exit(W_EXITCODE(0, sig));
	}
	return false;
}

/*
 * Sleeps with mask blocked until a handler is to run (2.4.0's
 * sys_rt_sigsuspend: an ignored signal does not end it, a fatal one
 * ends the process); the handler's return puts the caller's mask
 * back.  The call returns -EINTR, which the frame holds for then.
 */
static long sigsuspend(sigset64_t mask)
{
	struct pt_regs *regs = task_pt_regs(current);
	sigset64_t saved = current->blocked;

	set_blocked(mask);
	regs->eax = -EINTR;
	do {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();		/* at once if a signal is pending */
	} while (!do_signal(regs, saved));
	return regs->eax;	/* the handler's first argument, as set */
}

/*
 * rt_sigsuspend(mask, sigsetsize), i386 call 179: -EINVAL for a size
 * other than 8, -EFAULT for a bad pointer.  glibc's sigsuspend();
 * busybox ash waits for its children in it.
 */
long sys_rt_sigsuspend(const sigset64_t *umask, unsigned long sigsetsize)
{
	sigset64_t mask;

	if (sigsetsize != sizeof(sigset64_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	return sigsuspend(mask);
}

/* pause(), i386 call 29: sigsuspend with the mask as it is. */
long sys_pause(void)
{
	return sigsuspend(current->blocked);
}
