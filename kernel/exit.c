/*
 * How tasks end (kernel/exit.c in Linux 2.4).
 *
 * do_exit() gives back the address space, hands the children to init,
 * becomes a zombie holding only its exit status, wakes its parent and
 * schedules away for good.  A thread of a group ends alone (sys_exit)
 * or with all the others (do_group_exit); the group's leader stays a
 * zombie until the last thread is gone, and only then is the process
 * over for its parent, which gets SIGCHLD (Linux 2.6's rules; 2.4.0
 * has tgid but leaves threads to be reaped one by one).  The parent's
 * waitpid() or wait4() collects the status and frees what is left:
 * the task_struct and the kernel stack the zombie was still standing
 * on when it switched away.
 */
#include <limits.h>

#include "kernel/exit.h"
#include "kernel/abi.h"
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/itimer.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "mm/mm_types.h"
#include "mm/pgtable.h"

/*
 * Gives back the address space; from here on the task is a kernel
 * thread.  First mm_release() (kernel/fork.c): the CLONE_CHILD_CLEARTID
 * word and its futex, a vfork parent.  mmput() frees the mm only if
 * this was its last user (threads share it).
 */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	mm_release(tsk, mm);
	tsk->mm = NULL;
	switch_mm(NULL);	/* no kernel thread may run on it lazily */
	mmput(mm);
}

/*
 * Is process group pgrp orphaned, leaving out task ignored (2.4.0's
 * will_become_orphaned_pgrp)?  It is unless a live process of it has
 * its parent in another group of the same session: a job-control
 * shell, which can continue a stopped job.  2.4.0 leaves out a process
 * whose parent is init, which adopts orphans and controls no jobs;
 * Pagoda's init is also the kernel shell, which starts programs in
 * groups of their own and tells their stops (kernel/jobs.c), so only
 * a process init adopted is left out.
 */
static bool will_become_orphaned_pgrp(int pgrp,
				      const struct task_struct *ignored)
{
	struct task_struct *p;

	for_each_task(p) {
		if (p != p->group_leader || p == ignored ||
		    p->pgrp != pgrp || p->state == TASK_ZOMBIE || p->adopted)
			continue;
		if (p->parent->pgrp != pgrp &&
		    p->parent->session == p->session)
			return false;
	}
	return true;
}

/* 2.4.0's is_orphaned_pgrp: stop signals from the terminal are lost
 * there (do_signal_stop), and a background read is EIO. */
bool is_orphaned_pgrp(int pgrp)
{
	return will_become_orphaned_pgrp(pgrp, NULL);
}

static bool has_stopped_jobs(int pgrp)
{
	struct task_struct *p;

	for_each_task(p)
		if (p == p->group_leader && p->pgrp == pgrp && p->stopped)
			return true;
	return false;
}

/*
 * tsk's end left group pgrp orphaned: its stopped processes, which
 * nobody would continue now, get SIGHUP and SIGCONT (POSIX; 2.4.0's
 * exit_notify does so for its own group and its children's).
 */
static void hang_up_orphaned_pgrp(int pgrp, const struct task_struct *tsk)
{
	if (will_become_orphaned_pgrp(pgrp, tsk) && has_stopped_jobs(pgrp)) {
		kill_pg(pgrp, SIGHUP);
		kill_pg(pgrp, SIGCONT);
	}
}

/*
 * from's children become to's; true if any is a zombie already.
 * When to is init, a child's group that from's end left orphaned is
 * hung up (2.4.0's exit_notify).
 */
bool move_children(struct task_struct *from, struct task_struct *to)
{
	bool zombies = false;

	while (!list_empty(&from->children)) {
		struct task_struct *p = list_entry(from->children.next,
						   struct task_struct, sibling);

		uint32_t flags = local_irq_save();

		p->parent = to;
		list_move_tail(&p->sibling, &to->children);
		local_irq_restore(flags);
		zombies |= p->state == TASK_ZOMBIE;
		if (to != child_reaper)
			continue;		/* de_thread: a new leader */
		p->adopted = true;
		if (p->pgrp != from->pgrp && p->session == from->session)
			hang_up_orphaned_pgrp(p->pgrp, NULL);
	}
	return zombies;
}

/* The children go to child_reaper (init), which reaps any zombies:
 * told of them with SIGCHLD, as 2.4.0's exit_notify tells init of
 * each zombie it adopts (a user-space init reaps in its handler), and
 * woken if it waits. */
static void forget_original_parent(struct task_struct *tsk)
{
	if (move_children(tsk, child_reaper)) {
		send_sig(SIGCHLD, child_reaper);	/* a kernel init: none */
		wake_up(&child_reaper->wait_chldexit);
	}
}

/*
 * Exited threads that are not their group's leader free themselves,
 * as 2.6's CLONE_THREAD tasks do: nobody waits for them.  But a task
 * stands on its kernel stack until it has switched away for the last
 * time, so it waits here, and the next schedule() by any other task
 * frees it (2.6 drops it in finish_task_switch()).
 */
static LIST_HEAD(dead_threads);

void release_dead_threads(void)
{
	struct list_head *pos, *n;

	list_for_each_safe(pos, n, &dead_threads) {
		struct task_struct *p = list_entry(pos, struct task_struct,
						   tasks);

		if (p == current)
			continue;	/* still on its way out */
		list_del(pos);
		free_task(p);
	}
}

/*
 * The last task of leader's group has exited, with code: its parent
 * may reap it.  Unless exit_group or a signal ended the group, the
 * last thread's code is the process's status, as the build host's
 * Linux 6 answers (threadtest checks it there); 2.6 gave the leader's.
 */
static void group_gone(struct task_struct *leader, long code)
{
	if (!leader->group_exiting)
		leader->exit_code = code;
	exit_itimers(leader);
	if (leader->parent->pgrp != leader->pgrp &&
	    leader->parent->session == leader->session)
		hang_up_orphaned_pgrp(leader->pgrp, leader);
	forget_original_parent(leader);
	do_notify_parent(leader);
	wake_up(&leader->parent->wait_chldexit);
}

/*
 * A thread other than the leader ends: its times and faults go to the
 * leader's dead (where getrusage and ps find the process's), it leaves the
 * group, and it waits in dead_threads to be freed.  If it was the last
 * thread and the leader has exited already, the group is gone.
 */
static void exit_thread(struct task_struct *tsk, long code)
{
	struct task_struct *leader = tsk->group_leader;

	add_usage(&leader->dead, tsk);
	unhash_task(tsk);
	if (thread_group_empty(leader) && leader->state == TASK_ZOMBIE)
		group_gone(leader, code);
	notify_group_exec(leader);
	list_add_tail(&tsk->tasks, &dead_threads);
	tsk->state = TASK_DEAD;
}

/* code is a waitpid status word: W_EXITCODE(status, signal). */
__noreturn void do_exit(long code)
{
	struct task_struct *tsk = current;

	if (tsk == &init_task)
		panic("Attempted to kill the idle task!");
	if (tsk == child_reaper)
		panic("Attempted to kill init! (exit code %#lx)", code);
	tsk->flags |= PF_EXITING;
	exit_mm(tsk);
	exit_files(tsk);
	cli();
	if (tsk != tsk->group_leader) {
		exit_thread(tsk, code);
	} else {
		tsk->state = TASK_ZOMBIE;
		if (thread_group_empty(tsk))
			group_gone(tsk, code);
		notify_group_exec(tsk);
	}
	schedule();
	panic("zombie %s (pid %d) ran again", tsk->comm, tsk->pid);
}

/*
 * Ends every thread of current's group (2.6's do_group_exit): for
 * exit_group, and for a fatal signal or a fault in any thread.  The
 * first sets the status the parent will see and sends SIGKILL to the
 * others, which act on it on their way to user mode (an interruptible
 * sleep ends for it).
 */
__noreturn void do_group_exit(long code)
{
	struct task_struct *leader = current->group_leader;

	if (!leader->group_exiting) {
		leader->group_exiting = true;
		leader->exit_code = code;
		zap_other_threads(current);
	}
	do_exit(code);
}

/* Where a kernel thread goes when its function returns. */
__noreturn void kernel_thread_exit(int ret);
__noreturn void kernel_thread_exit(int ret)
{
	do_exit(W_EXITCODE(ret, 0));
}

/* Ends the calling thread only; the process lives while others do. */
long sys_exit(int status)
{
	do_exit(W_EXITCODE(status, 0));
}

long sys_exit_group(int status)
{
	do_group_exit(W_EXITCODE(status, 0));
}


/* Frees a reaped zombie; its times and faults (its threads' with its
 * own) go to the parent. */
static void release_task(struct task_struct *p)
{
	struct task_struct *parent = p->parent;
	struct group_usage u;

	thread_group_usage(p, &u);
	parent->cutime += u.utime + p->cutime;
	parent->cstime += u.stime + p->cstime;
	parent->cmin_flt += u.min_flt + p->cmin_flt;
	parent->cmaj_flt += u.maj_flt + p->cmaj_flt;
	unhash_task(p);
	free_task(p);
}

/*
 * Does child p match waitpid's pid argument?  pid > 0 that child, 0
 * any of the caller's process group, -1 any, below -1 any of group
 * -pid (2.4.0's sys_wait4).
 */
static bool wait_matches(const struct task_struct *p, int pid)
{
	if (pid > 0)
		return p->pid == pid;
	if (!pid)
		return p->pgrp == current->group_leader->pgrp;
	return pid == -1 || p->pgrp == -pid;
}

/*
 * Collects zombie p: its resource usage with its reaped children's
 * goes to *ru and its status to *stat_addr (user memory, either may be
 * NULL; on a bad address p stays a zombie and the result is -EFAULT,
 * as in 2.4's sys_wait4) and to *status (kernel memory); then p is
 * freed.
 */
static long reap(struct task_struct *p, int *status, int *stat_addr,
		 struct rusage *ru)
{
	int pid = p->pid;

	/* taken: no other thread of the group reaps p while a copy sleeps */
	p->state = TASK_DEAD;
	if ((ru && getrusage(p, RUSAGE_BOTH, ru)) ||
	    (stat_addr && put_user_u32(p->exit_code, stat_addr))) {
		p->state = TASK_ZOMBIE;		/* for the next wait */
		wake_up(&current->group_leader->wait_chldexit);
		return -EFAULT;
	}
	if (status)
		*status = p->exit_code;
	release_task(p);
	return pid;
}

/*
 * Does wait4 with options tell p's stop or continue?  A stop with
 * WUNTRACED (2.4.0), a continue with WCONTINUED (Linux 2.6.10).
 */
static bool jobctl_wanted(const struct task_struct *p, int options)
{
	if (!p->jobctl_report)
		return false;
	return options & (p->jobctl_report == W_CONTINUED ?
			  WCONTINUED : WUNTRACED);
}

/*
 * Tells p's stop (W_STOPCODE) or continue (W_CONTINUED) once, as
 * 2.4.0's sys_wait4 tells a TASK_STOPPED child and clears its
 * exit_code.  It is taken before the copies, which may sleep on a
 * fault while p ends and another thread reaps it: on -EFAULT it is
 * lost (2.4.0 keeps it for the next wait).
 */
static long report_jobctl(struct task_struct *p, int *status, int *stat_addr,
			  struct rusage *ru)
{
	int code = p->jobctl_report, pid = p->pid;

	p->jobctl_report = 0;
	if ((ru && getrusage(p, RUSAGE_BOTH, ru)) ||
	    (stat_addr && put_user_u32(code, stat_addr)))
		return -EFAULT;
	if (status)
		*status = code;
	return pid;
}

/*
 * 2.4's sys_wait4, for kernel and user callers: the pid of a reaped
 * child, or of one stopped or continued (WUNTRACED, WCONTINUED:
 * report_jobctl), 0 with WNOHANG if matching children still run,
 * -ECHILD if there is none, -ERESTARTSYS if a signal came first (2.4.0's: the
 * call starts again after a handler with SA_RESTART).  The children are the
 * group's (any thread may wait for them), and a child is reaped once
 * its leader is a zombie and its other threads are gone (2.6's
 * delay_group_leader()).
 */
static long wait4(int pid, int options, int *status, int *stat_addr,
		  struct rusage *ru)
{
	struct task_struct *leader = current->group_leader;
	DECLARE_WAITQUEUE(wait, current);
	long ret;

	/* WCONTINUED: Linux 2.6.10's; zsh's SIGCHLD handler asks for it */
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	if (pid == INT_MIN)	/* no group -pid: ESRCH, as Linux 4.13 */
		return -ESRCH;
	add_wait_queue(&leader->wait_chldexit, &wait);
	for (;;) {
		struct list_head *pos;
		bool found = false;

		set_current_state(TASK_INTERRUPTIBLE);
		ret = 0;
		list_for_each(pos, &leader->children) {
			struct task_struct *p = list_entry(pos,
					struct task_struct, sibling);

			if (!wait_matches(p, pid))
				continue;
			found = true;
			if (p->state == TASK_ZOMBIE && thread_group_empty(p)) {
				/* reap() may fault on stat_addr and sleep */
				set_current_state(TASK_RUNNING);
				ret = reap(p, status, stat_addr, ru);
				break;
			}
			if (jobctl_wanted(p, options)) {
				set_current_state(TASK_RUNNING);
				ret = report_jobctl(p, status, stat_addr, ru);
				break;
			}
		}
		if (ret)
			break;
		if (!found)
			ret = -ECHILD;
		else if (options & WNOHANG)
			ret = 0;
		else if (signal_pending(current))
			ret = -ERESTARTSYS;
		else {
			schedule();
			continue;
		}
		break;
	}
	set_current_state(TASK_RUNNING);
	remove_wait_queue(&leader->wait_chldexit, &wait);
	return ret;
}

/* waitpid() for the kernel: *status in kernel memory. */
long do_wait(int pid, int options, int *status, int *stat_addr)
{
	return wait4(pid, options, status, stat_addr, NULL);
}

long sys_waitpid(int pid, int *stat_addr, int options)
{
	return wait4(pid, options, NULL, stat_addr, NULL);
}

long sys_wait4(int pid, int *stat_addr, int options, struct rusage *ru)
{
	return wait4(pid, options, NULL, stat_addr, ru);
}
