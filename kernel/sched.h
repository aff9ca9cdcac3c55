/*
 * Tasks and the scheduler (include/linux/sched.h, kernel/sched.c).
 *
 * A task is a kernel thread (mm == NULL) or a user thread: a process
 * (its own mm_struct) or one more thread of one (CLONE_THREAD: the
 * leader's mm, tgid and children; kernel/fork.c).  The scheduler is Linux 2.4's: every runnable task has
 * a time slice, `counter`, in timer ticks; the tick takes one from the
 * running task and asks for a reschedule when it reaches 0; schedule()
 * runs the runnable task with the best goodness() (slice left plus
 * 20 - nice), and when every runnable task has used up its slice all
 * slices are refilled from the nice values.
 *
 * One addition: the SCHED_IDLE policy (Linux 2.6.23's number) for the
 * work the seed wants done "only when the system is idle" (不添乱):
 * such a task runs only when no SCHED_OTHER task is runnable.  When
 * it is woken by an event (wake_up() on a wait queue, e.g. by an
 * allocation that ran short waking kswapd, the seed's
 * "除非紧急需要内存时被唤醒"), or boosted while runnable
 * (boost_runnable()), it competes as a normal task until it sleeps
 * again; a wake-up by its own timeout does not boost it.
 *
 * THE CONCURRENCY RULES (the one place they are written down):
 * 1. There is one CPU and no spinlocks.
 * 2. Kernel code is not preempted.  A task in the kernel keeps the CPU
 *    until it calls schedule(), directly or by sleeping (wait queues,
 *    lock_page, an allocation that waits).  So data shared only between
 *    tasks needs no lock, as long as no schedule() can happen between
 *    reading it and acting on it.  Long kernel loops call cond_resched().
 *    User mode is preempted: the timer tick sets need_resched and the
 *    return to user mode calls schedule().
 * 3. Interrupt handlers can run between any two instructions where
 *    interrupts are enabled.  Data an interrupt handler also touches
 *    is accessed between local_irq_save() and local_irq_restore()
 *    (kernel/x86.h).  Handlers never sleep; they may wake_up().
 * 4. Going to sleep must not lose a wake-up that comes between testing
 *    the condition and sleeping.  Either set the task state and join
 *    the wait queue before testing (wait_event(), prepare_to_wait()),
 *    or test and call sleep_on() with interrupts disabled: schedule()
 *    may be called with interrupts off, and each task gets its own
 *    interrupt flag back when it runs again.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "kernel/asm.h"
#include "kernel/i387.h"
#include "kernel/sigaction.h"
#include "kernel/wait.h"
#include "lib/list.h"

/* Task states, with Linux's values. */
#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1	/* sleeping; a signal wakes it */
#define TASK_UNINTERRUPTIBLE	2	/* sleeping; only its event */
#define TASK_ZOMBIE		4	/* exited; waits for its parent */
#define __TASK_STOPPED		8	/* stopped by a signal */
#define TASK_DEAD		64	/* an exited thread; freed by schedule() */
/* With TASK_UNINTERRUPTIBLE: SIGKILL wakes it too (Linux 2.6.25). */
#define TASK_WAKEKILL		128
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
/* Stopped (SIGSTOP, SIGTSTP...) until SIGCONT; SIGKILL wakes it as it
 * wakes a killable sleeper (Linux 2.6.25's; 2.4.0's is 8 alone). */
#define TASK_STOPPED		(TASK_WAKEKILL | __TASK_STOPPED)

/* Task flags, with Linux's values. */
#define PF_EXITING	0x00000004	/* in do_exit() */
#define PF_MEMALLOC	0x00000800 /* may use the reserve, never reclaims */
#define PF_MEMDIE	0x00001000 /* chosen by the OOM killer (2.6's) */

/* Scheduling policies, with Linux's numbers. */
#define SCHED_OTHER	0
#define SCHED_IDLE	5

#define NICE_MIN	(-20)
#define NICE_MAX	19

#define THREAD_SIZE	8192	/* kernel stack: two pages, as 2.4 */
/* Written at the bottom of each kernel stack; schedule() checks it. */
#define STACK_END_MAGIC	0x57AC6E9DUL
#define TASK_COMM_LEN	16

struct mm_struct;
struct files_struct;
struct user_program;

/* CPU ticks and faults: a process's, or what its threads left. */
struct group_usage {
	unsigned long utime, stime, min_flt, maj_flt;
};

/* What switch_to() keeps of a task that is not running. */
struct thread_struct {
	unsigned long esp;	/* kernel stack pointer when switched out */
	unsigned long esp0;	/* top of the kernel stack, for the TSS */
	/* The task's TLS descriptors, copied into the GDT when it runs. */
	uint64_t tls_array[GDT_ENTRY_TLS_ENTRIES];
};

struct swap_io;
struct tty_struct;

struct task_struct {
	volatile long state;
	unsigned long flags;
	int need_resched;	/* schedule() at the next chance */
	uint64_t pending;	/* signals sent, bit (sig - 1) */
	sigset64_t blocked;	/* held back while pending, same bits */

	/* Scheduling (2.4's fields, plus the SCHED_IDLE wake-up boost). */
	long counter;		/* ticks left in this time slice */
	int nice;		/* -20 (most favoured) .. 19 */
	int policy;		/* SCHED_OTHER or SCHED_IDLE */
	bool yielded;		/* sched_yield(): skip me once */
	bool wakeup_boost;	/* SCHED_IDLE, woken by an event */

	struct mm_struct *mm;	/* NULL for kernel threads */
	struct files_struct *files;	/* descriptors; NULL likewise */
	unsigned int umask;	/* the file-mode mask (2.4: fs->umask) */
	int pid;		/* the thread's id (gettid) */
	int tgid;		/* its thread group's: the leader's pid */
	int exit_code;		/* leader: the process's waitpid status */
	struct task_struct *parent;	/* a thread's: its group leader */
	struct task_struct *group_leader;	/* itself, if a process */
	struct list_head thread_group;	/* the others of the group */
	bool group_exiting;	/* leader: exit_group or a fatal signal */
	/* leader: an exec waiting for the other threads to go (de_thread) */
	struct task_struct *group_exit_task;
	struct vfork_done *vfork_done;	/* CLONE_VFORK: wake the parent */
	/* Job control (2.4.0's fields), read in the group's leader: the
	 * process group and session belong to the process (2.6 keeps them
	 * in signal_struct; 2.4.0 sets them in the one task setpgid names) */
	int pgrp;
	int session;
	bool leader;		/* setsid made it its session's leader */
	bool did_exec;		/* exec'd since fork: setpgid is EACCES */
	bool adopted;		/* init took it on when its parent ended */
	/* leader: stopped by a signal, each thread in TASK_STOPPED until
	 * SIGCONT (kernel/signal.c); and the stop or continue not yet
	 * told to wait4, as a waitpid status (W_STOPCODE, W_CONTINUED),
	 * or 0 (2.4.0 keeps the stop signal in exit_code) */
	bool stopped;
	int jobctl_report;
	struct tty_struct *tty;	/* controlling terminal (console) or NULL */
	struct list_head children;	/* my children, by their sibling */
	struct list_head sibling;
	struct list_head tasks;		/* all; init_task is the head */
	struct list_head run_list;	/* on the run queue if runnable */
	wait_queue_head_t wait_chldexit;	/* waitpid() sleeps here */
	int *set_child_tid;	/* clone's CLONE_CHILD_SETTID pointer */
	int *set_parent_tid;	/* CLONE_PARENT_SETTID's, with CLONE_VM */
	int *clear_child_tid;	/* 0 goes there at exit (2.6's) */
	struct robust_list_head *robust_list;	/* set_robust_list's */
	/* rt_sigaction's, by sig - 1 (2.4's current->sig->action) */
	struct k_sigaction action[NR_SIGACTIONS];
	/* sigaltstack's stack (size 0: none) and SS_AUTODISARM or 0 */
	unsigned long sas_ss_sp;
	size_t sas_ss_size;
	unsigned sas_ss_flags;

	/* Swap writes this task is gathering (mm/page_io.c's plug). */
	struct swap_io *swap_plugged;
	int swap_plug_depth;

	void *stack;		/* THREAD_SIZE bytes of kernel stack */
	struct thread_struct thread;
	struct i387_state i387;	/* a process's FPU and SSE registers */

	struct itimers *itimers;	/* leader: setitimer's (itimer.c) */

	/* Accounting, in ticks and faults (ps, getrusage, OOM badness). */
	unsigned long start_time, utime, stime;
	unsigned long min_flt, maj_flt;
	unsigned long cutime, cstime, cmin_flt, cmaj_flt;	/* reaped */
	/* utime + stime when a hung-task watch began (kernel/hung_task.c;
	 * 2.6.30 keeps last_switch_count for its hung-task check) */
	unsigned long hung_ticks;
	struct group_usage dead;	/* leader: its exited threads' (2.6
					 * keeps them in signal_struct) */

	char comm[TASK_COMM_LEN];
	/* the program it runs, which exec finds at /proc/self/exe */
	const struct user_program *prog;
};

extern struct task_struct init_task;	/* pid 0: start_kernel, then idle */
extern struct task_struct *current;
extern struct task_struct *child_reaper;	/* pid 1: adopts orphans */
extern unsigned long idle_ticks;	/* timer ticks the idle task took */

/* Every task but init_task, which heads the list (2.4's for_each_task). */
#define next_task(p) \
	list_entry((p)->tasks.next, struct task_struct, tasks)
#define for_each_task(p) \
	for (p = &init_task; (p = next_task(p)) != &init_task; )

static inline void set_current_state(long state)
{
	barrier();
	current->state = state;
	barrier();
}

/* The threads of a group form a ring (2.4.0's thread_group, next_thread). */
#define next_thread(p) \
	list_entry((p)->thread_group.next, struct task_struct, thread_group)
#define for_each_other_thread(p, t) \
	for (t = next_thread(p); t != (p); t = next_thread(t))

static inline bool thread_group_empty(const struct task_struct *p)
{
	return list_empty(&p->thread_group);
}

/* A signal that is not blocked waits: the task must act on it. */
static inline bool signal_pending(const struct task_struct *p)
{
	return (p->pending & ~p->blocked) != 0;
}

/* The pt_regs at the top of a task's kernel stack (its user frame). */
#define task_pt_regs(p) \
	((struct pt_regs *)((char *)(p)->stack + THREAD_SIZE) - 1)

void sched_init(void);
void schedule(void);
void cond_resched(void);
void yield(void);
void wake_up_process(struct task_struct *p);
void boost_runnable(struct task_struct *p);
void scheduler_tick(bool user_tick);
int set_user_nice(struct task_struct *p, int nice);
int sched_setscheduler(struct task_struct *p, int policy);
struct task_struct *find_task_by_pid(int pid);
__noreturn void cpu_idle(void);
char task_state_char(const struct task_struct *p);

#endif
