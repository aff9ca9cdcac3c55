/*
 * Sending and acting on signals (kernel/signal.c, arch/i386/kernel/
 * signal.c in Linux 2.4).
 *
 * Pagoda has no signal handlers and no blocked masks, so a signal's
 * default action is all there is: SIGCHLD, SIGCONT, SIGURG and
 * SIGWINCH are ignored, and so are the stop signals (there is no job
 * control); an ignored signal is dropped when sent, as Linux drops a
 * signal nobody will act on, so it wakes no sleeper.  Every other
 * signal ends the process, all its threads, whose parent then sees
 * "killed by" that signal in waitpid()'s status.  Kernel threads
 * take no signals.  The action happens on the way back to user mode
 * (exit_to_user_mode), so a process never dies in the middle of a
 * system call or a page fault; an interruptible sleep ends early.
 */
#include "kernel/signal.h"
#include "kernel/exit.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
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

static bool ignored_by_default(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return true;
	default:
		return false;
	}
}

/* Marks sig pending for t and wakes t from an interruptible sleep. */
static void signal_wake_up(struct task_struct *t, int sig)
{
	if (t->state == TASK_ZOMBIE || (t->flags & PF_EXITING))
		return;				/* dying anyway */
	t->pending |= 1ULL << (sig - 1);
	if (t->state == TASK_INTERRUPTIBLE)
		wake_up_process(t);
}

/*
 * Sends sig to p's process: since every signal that is not ignored
 * ends it, every thread of the group gets it (2.6's complete_signal()
 * does so for a fatal signal), and whichever acts first ends them all
 * (do_group_exit).  Safe from interrupt handlers (Ctrl-C).  sig 0
 * only checks p.
 */
int send_sig(int sig, struct task_struct *p)
{
	struct task_struct *t;
	uint32_t flags;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (!p->mm && !(p->flags & PF_EXITING))
		return -EPERM;			/* a kernel thread */
	if (!sig || ignored_by_default(sig))
		return 0;
	flags = local_irq_save();
	signal_wake_up(p, sig);
	for_each_other_thread(p, t)
		signal_wake_up(t, sig);
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

/* A fault's signal: the task cannot go on, so its process must die. */
void force_sig(int sig, struct task_struct *p)
{
	send_sig(sig, p);
}

int kill_proc(int pid, int sig)
{
	struct task_struct *p = pid > 0 ? find_task_by_pid(pid) : NULL;

	return p ? send_sig(sig, p) : -ESRCH;
}

/*
 * kill(pid, sig).  Pagoda has no process groups, so only pid > 0 (one
 * process) is accepted; Linux's 0 and negative pids (groups, "all")
 * get -EINVAL.
 */
long sys_kill(int pid, int sig)
{
	if (pid <= 0)
		return -EINVAL;
	return kill_proc(pid, sig);
}

/*
 * tkill(tid, sig) and tgkill(tgid, tid, sig) (Linux 2.6; 2.4.0 has
 * neither): glibc's raise(), abort() and pthread_kill() use tgkill.
 * Pagoda's signals end the whole process, so the thread named only
 * decides which process.
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
 * Acts on the lowest pending signal, on the way to user mode: every
 * signal that gets here (the ignored ones are never queued) ends the
 * process, all its threads.
 */
void do_signal(struct pt_regs *regs __unused)
{
	int sig = __builtin_ctzll(current->pending) + 1;

	do_group_exit(W_EXITCODE(0, sig));
}
