/*
 * execve in a process with other threads (2.6's de_thread() in
 * fs/exec.c; 2.4.0 lets the others run on in the old program's
 * address space).  The new program starts alone: every other thread
 * is killed and waited for, and if the exec'ing thread is not the
 * leader, it takes the leader's place and pid, so the process keeps
 * its pid, parent and children, as Linux 2.6 does.
 *
 * The others die of SIGKILL with the leader's group_exiting set, so
 * that their do_group_exit() ends each alone and zaps nobody (2.6's
 * group_exit_task); each wakes the exec'ing thread as it goes
 * (notify_group_exec(), from kernel/exit.c).
 */
#include "kernel/exec.h"
#include "kernel/exit.h"
#include "kernel/fork.h"
#include "kernel/itimer.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/x86.h"

/* From kernel/exit.c, as a thread of leader's group leaves. */
void notify_group_exec(struct task_struct *leader)
{
	if (leader->group_exit_task)
		wake_up_process(leader->group_exit_task);
}

/* Is tsk alone, but for a zombie leader (the others gone)? */
static bool others_gone(struct task_struct *tsk)
{
	struct task_struct *t;

	for_each_other_thread(tsk, t)
		if (t != tsk->group_leader || t->state != TASK_ZOMBIE)
			return false;
	return true;
}

/*
 * Sleeps until the others are gone; false if SIGKILL came first (the
 * whole process is being killed: the exec gives up and dies).
 */
static bool wait_for_others(struct task_struct *tsk)
{
	for (;;) {
		set_current_state(TASK_KILLABLE);
		if (others_gone(tsk) || fatal_signal_pending(tsk))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	return others_gone(tsk);
}

/*
 * tsk, the last thread, becomes its process's leader in place of the
 * zombie leader, which it frees: the leader's pid, parent (and place
 * among its children), children, process group and session, whether
 * init adopted it, a continue not yet told to wait4, interval
 * timers, start time, and the times and faults gathered there (2.6's
 * de_thread swaps the pids the same way).
 */
static void take_leadership(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;
	uint32_t flags = local_irq_save();

	tsk->pid = leader->pid;
	leader->pid = 0;		/* found by no find_task_by_pid */
	tsk->group_leader = tsk;
	tsk->parent = leader->parent;
	list_add(&tsk->sibling, &leader->sibling);	/* in its place */
	list_del_init(&leader->sibling);
	move_children(leader, tsk);
	tsk->start_time = leader->start_time;
	tsk->pgrp = leader->pgrp;	/* setpgid may have moved the group */
	tsk->session = leader->session;
	tsk->leader = leader->leader;
	tsk->tty = leader->tty;
	tsk->adopted = leader->adopted;
	tsk->jobctl_report = leader->jobctl_report;
	tsk->dead = leader->dead;	/* the process's, and the leader's */
	add_usage(&tsk->dead, leader);
	tsk->cutime = leader->cutime;
	tsk->cstime = leader->cstime;
	tsk->cmin_flt = leader->cmin_flt;
	tsk->cmaj_flt = leader->cmaj_flt;
	itimers_move(leader, tsk);	/* its timer must not name leader */
	unhash_task(leader);		/* off the task list and the group */
	local_irq_restore(flags);
	free_task(leader);	/* a zombie that switched away for good */
}

/*
 * Ends every other thread of current's process; 0, or -EINTR if the
 * process is being killed (exit_group or a fatal signal came first or
 * meanwhile: the pending SIGKILL then ends current too).
 */
int de_thread(void)
{
	struct task_struct *tsk = current, *leader = tsk->group_leader;
	bool alone;

	if (thread_group_empty(tsk))
		return 0;
	if (leader->group_exiting)
		return -EINTR;
	leader->group_exiting = true;
	leader->group_exit_task = tsk;
	zap_other_threads(tsk);
	alone = wait_for_others(tsk);
	leader->group_exit_task = NULL;
	leader->group_exiting = false;	/* a SIGKILL now: do_group_exit's */
	if (!alone)
		return -EINTR;
	if (leader != tsk)
		take_leadership(tsk);
	return 0;
}
