/*
 * How tasks end (kernel/exit.c in Linux 2.4).
 *
 * do_exit() gives back the address space, hands the children to init,
 * becomes a zombie holding only its exit status, sends its parent
 * SIGCHLD and wakes it, and schedules away for good.  The parent's waitpid() or wait4() collects
 * the status and frees what is left: the task_struct and the kernel
 * stack the zombie was still standing on when it switched away.
 */
#include "kernel/exit.h"
#include "kernel/abi.h"
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "mm/mm_types.h"
#include "mm/pgtable.h"

/*
 * Gives back the address space; from here on the task is a thread.
 * First 0 goes to the CLONE_CHILD_CLEARTID / set_tid_address pointer
 * (2.6's mm_release; a fault is ignored, as there).  Linux would wake
 * a futex there too: Pagoda has no futexes.
 */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	if (tsk->clear_child_tid)
		put_user_u32(0, tsk->clear_child_tid);
	tsk->mm = NULL;
	switch_mm(NULL);	/* no kernel thread may run on it lazily */
	mmput(mm);
}

/* The children go to child_reaper (init), which reaps any zombies. */
static void forget_original_parent(struct task_struct *tsk)
{
	bool zombies = false;

	while (!list_empty(&tsk->children)) {
		struct task_struct *p = list_entry(tsk->children.next,
						   struct task_struct, sibling);

		uint32_t flags = local_irq_save();

		p->parent = child_reaper;
		list_move_tail(&p->sibling, &child_reaper->children);
		local_irq_restore(flags);
		zombies |= p->state == TASK_ZOMBIE;
	}
	if (zombies)
		wake_up(&child_reaper->wait_chldexit);
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
	forget_original_parent(tsk);
	cli();
	tsk->exit_code = code;
	tsk->state = TASK_ZOMBIE;
	do_notify_parent(tsk);
	wake_up(&tsk->parent->wait_chldexit);
	schedule();
	panic("zombie %s (pid %d) ran again", tsk->comm, tsk->pid);
}

/* Where a kernel thread goes when its function returns. */
__noreturn void kernel_thread_exit(int ret);
__noreturn void kernel_thread_exit(int ret)
{
	do_exit(W_EXITCODE(ret, 0));
}

long sys_exit(int status)
{
	do_exit(W_EXITCODE(status, 0));
}

/* One thread per process, so the whole group is the caller. */
long sys_exit_group(int status)
{
	do_exit(W_EXITCODE(status, 0));
}

/* Frees a reaped zombie; its times and faults go to the parent. */
static void release_task(struct task_struct *p)
{
	struct task_struct *parent = p->parent;

	parent->cutime += p->utime + p->cutime;
	parent->cstime += p->stime + p->cstime;
	parent->cmin_flt += p->min_flt + p->cmin_flt;
	parent->cmaj_flt += p->maj_flt + p->cmaj_flt;
	unhash_task(p);
	free_task(p);
}

/*
 * Does child p match waitpid's pid argument?  Pagoda has no process
 * groups: 0 and -1 both mean "any child", other negatives match none.
 */
static bool wait_matches(const struct task_struct *p, int pid)
{
	return pid > 0 ? p->pid == pid : pid >= -1;
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

	if (ru && getrusage(p, RUSAGE_BOTH, ru))
		return -EFAULT;
	if (stat_addr && put_user_u32(p->exit_code, stat_addr))
		return -EFAULT;
	if (status)
		*status = p->exit_code;
	release_task(p);
	return pid;
}

/*
 * 2.4's sys_wait4, for kernel and user callers: the pid of a reaped
 * child, 0 with WNOHANG if matching children still run, -ECHILD if
 * there is none, -EINTR if a signal came first.
 */
static long wait4(int pid, int options, int *status, int *stat_addr,
		  struct rusage *ru)
{
	DECLARE_WAITQUEUE(wait, current);
	long ret;

	if (options & ~(WNOHANG | WUNTRACED))
		return -EINVAL;
	add_wait_queue(&current->wait_chldexit, &wait);
	for (;;) {
		struct list_head *pos;
		bool found = false;

		set_current_state(TASK_INTERRUPTIBLE);
		ret = 0;
		list_for_each(pos, &current->children) {
			struct task_struct *p = list_entry(pos,
					struct task_struct, sibling);

			if (!wait_matches(p, pid))
				continue;
			found = true;
			if (p->state == TASK_ZOMBIE) {
				/* reap() may fault on stat_addr and sleep */
				set_current_state(TASK_RUNNING);
				ret = reap(p, status, stat_addr, ru);
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
			ret = -EINTR;
		else {
			schedule();
			continue;
		}
		break;
	}
	set_current_state(TASK_RUNNING);
	remove_wait_queue(&current->wait_chldexit, &wait);
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
