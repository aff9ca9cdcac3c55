/*
 * The scheduler (kernel/sched.c in Linux 2.4): the run queue,
 * goodness(), schedule(), the timer tick's part, wake-ups and the
 * idle loop.  The policy is described at the top of sched.h.
 */
#include "kernel/sched.h"
#include "kernel/itimer.h"
#include "kernel/exit.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/softlockup.h"
#include "kernel/syscalls.h"
#include "kernel/traps.h"
#include "kernel/x86.h"
#include "mm/filemap.h"
#include "mm/pgtable.h"

/*
 * Time-slice length for a nice value, in ticks: 2.4's NICE_TO_TICKS
 * for HZ = 100.  nice 0 gets 6 ticks (60 ms), nice -20 11, nice 19 1.
 */
#define NICE_TO_TICKS(nice)	(((20 - (nice)) >> 2) + 1)

/* goodness() of a SCHED_IDLE task: below any normal task, above idle. */
#define IDLE_CLASS_WEIGHT	(-500)
#define IDLE_TASK_WEIGHT	(-1000)


extern char boot_stack[], boot_stack_top[];

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.counter = NICE_TO_TICKS(0),
	.policy = SCHED_OTHER,
	.umask = 0022,			/* 2.4.0's INIT_FS */
	.parent = &init_task,
	.group_leader = &init_task,
	.thread_group = LIST_HEAD_INIT(init_task.thread_group),
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_chldexit),
	.stack = boot_stack,
	.comm = "swapper",
};

struct task_struct *current = &init_task;
struct task_struct *child_reaper = &init_task;

/* The runnable tasks, except the idle task (init_task). */
static LIST_HEAD(runqueue_head);
static unsigned nr_runnable;

void sched_init(void)
{
	*(unsigned long *)init_task.stack = STACK_END_MAGIC;
	init_task.thread.esp0 = (unsigned long)boot_stack_top;
	page_waitqueue_init();
}

static void add_to_runqueue(struct task_struct *p)
{
	list_add_tail(&p->run_list, &runqueue_head);
	nr_runnable++;
}

static void del_from_runqueue(struct task_struct *p)
{
	list_del_init(&p->run_list);
	nr_runnable--;
}

/*
 * How much p deserves the CPU: -1000 for the idle task, IDLE_CLASS for
 * an unboosted SCHED_IDLE task, -1 for a task that just yielded, 0 for
 * one whose slice is used up, else slice left + 20 - nice.
 */
static int goodness(const struct task_struct *p)
{
	if (p == &init_task)
		return IDLE_TASK_WEIGHT;
	if (p->policy == SCHED_IDLE && !p->wakeup_boost)
		return IDLE_CLASS_WEIGHT;
	if (p->yielded)
		return -1;
	if (!p->counter)
		return 0;
	return p->counter + 20 - p->nice;
}

/*
 * Every runnable task has used its slice: refill all slices.  Sleeping
 * tasks keep half of what they had, so a task that sleeps a lot gets
 * up to twice its slice when it wakes (2.4's interactivity bonus).
 */
static void recalculate_counters(void)
{
	struct task_struct *p;

	for_each_task(p)
		p->counter = (p->counter >> 1) + NICE_TO_TICKS(p->nice);
}

static struct task_struct *pick_next_task(void)
{
	for (;;) {
		struct task_struct *next = &init_task;
		int best = IDLE_TASK_WEIGHT;
		struct list_head *pos;

		list_for_each(pos, &runqueue_head) {
			struct task_struct *p =
				list_entry(pos, struct task_struct, run_list);
			int w = goodness(p);

			if (w > best) {
				best = w;
				next = p;
			}
		}
		if (best != 0)
			return next;
		recalculate_counters();
	}
}

static void check_stack_end(const struct task_struct *p)
{
	if (*(const unsigned long *)p->stack != STACK_END_MAGIC)
		panic("kernel stack overflow in %s (pid %d)", p->comm, p->pid);
}

void switch_to(unsigned long *prev_esp, unsigned long next_esp);

/*
 * A kernel thread (no mm: kswapd, the idle task) runs on the page
 * directory it finds loaded, whose kernel part is every directory's:
 * 2.4.0's lazy TLB (schedule() lends it prev->active_mm).  So a process
 * that sleeps or is interrupted by kswapd finds its TLB entries still
 * there when it runs again, where a CR3 load each way empties the TLB,
 * and under QEMU's TCG the whole soft TLB, kernel entries too.  A
 * kernel thread that changes that address space's PTEs leaves the
 * flush to switch_mm(), which loads CR3 again when the owner runs
 * (leave_mm(), mm/pgtable.c).
 */
static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	if (next->mm)
		switch_mm(next->mm);
	load_esp0(next->thread.esp0);
	load_TLS(&next->thread);
	switch_fpu(prev, next);
	current = next;
	switch_to(&prev->thread.esp, next->thread.esp);
}

/*
 * Gives the CPU to the best runnable task.  A task that is no longer
 * TASK_RUNNING leaves the run queue here, unless a signal is pending
 * and it sleeps interruptibly (it then stays runnable, as in 2.4).
 * May be called with interrupts off; each task gets its own interrupt
 * flag back (switch_to saves EFLAGS).
 */
void schedule(void)
{
	struct task_struct *prev = current, *next;
	uint32_t flags;

	if (in_interrupt())
		panic("schedule() called from an interrupt handler");
	release_dead_threads();
	check_stack_end(prev);
	touch_softlockup_watchdog();
	flags = local_irq_save();
	prev->need_resched = 0;
	if (prev->state == TASK_INTERRUPTIBLE && signal_pending(prev))
		prev->state = TASK_RUNNING;
	if (prev->state != TASK_RUNNING) {
		if (!list_empty(&prev->run_list))
			del_from_runqueue(prev);
		prev->wakeup_boost = false;
	} else if (prev != &init_task && !prev->counter) {
		/* slice used up: behind the others of equal goodness */
		list_move_tail(&prev->run_list, &runqueue_head);
	}
	next = pick_next_task();
	prev->yielded = false;
	if (next != prev)
		context_switch(prev, next);
	local_irq_restore(flags);
}

/* For long kernel loops: give way if the tick or a wake-up asked. */
void cond_resched(void)
{
	if (current->need_resched)
		schedule();
}

/* A woken task that deserves the CPU more asks for a reschedule. */
static void reschedule_idle(struct task_struct *p)
{
	if (goodness(p) > goodness(current))
		current->need_resched = 1;
}

/*
 * Makes p runnable (a zombie or dead thread stays dead), and asks for
 * a reschedule if p deserves the CPU more than the running task.
 */
void wake_up_process(struct task_struct *p)
{
	uint32_t flags = local_irq_save();

	if (p->state != TASK_ZOMBIE && p->state != TASK_DEAD &&
	    p != &init_task) {
		p->state = TASK_RUNNING;
		if (list_empty(&p->run_list))
			add_to_runqueue(p);
		reschedule_idle(p);
	}
	local_irq_restore(flags);
}

/*
 * An event wants p now.  wake_up() boosts a SCHED_IDLE task that
 * sleeps on the event's queue; this boosts one that is runnable but
 * was passed over (its timeout woke it, or it gave way in
 * cond_resched()), so that it competes as a normal task until it next
 * sleeps.  A task asleep on something else is left asleep.
 */
void boost_runnable(struct task_struct *p)
{
	uint32_t flags = local_irq_save();

	if (p->state == TASK_RUNNING) {
		p->wakeup_boost = true;
		reschedule_idle(p);
	}
	local_irq_restore(flags);
}

/*
 * Ticks that found the idle task running: nothing runnable, everyone
 * waiting (for swap I/O, mostly, under memory pressure).  2.4 derives
 * idle time from its kstat counters instead; "bench memhog" reports
 * this one's share of a workload.
 */
unsigned long idle_ticks;

/* From the timer interrupt: charge the tick, end the slice at 0. */
void scheduler_tick(bool user_tick)
{
	struct task_struct *p = current;

	if (p == &init_task) {
		idle_ticks++;
		return;
	}
	if (user_tick)
		p->utime++;
	else
		p->stime++;
	itimer_tick(p, user_tick);
	if (--p->counter <= 0) {
		p->counter = 0;
		p->need_resched = 1;
	}
}

int set_user_nice(struct task_struct *p, int nice)
{
	if (nice < NICE_MIN || nice > NICE_MAX)
		return -EINVAL;
	p->nice = nice;
	current->need_resched = 1;
	return 0;
}

int sched_setscheduler(struct task_struct *p, int policy)
{
	if (policy != SCHED_OTHER && policy != SCHED_IDLE)
		return -EINVAL;
	p->policy = policy;
	current->need_resched = 1;
	return 0;
}

/*
 * Lets every other runnable task go first, once (2.4's SCHED_YIELD
 * bit): what the allocator does while kswapd works for it.
 */
void yield(void)
{
	set_current_state(TASK_RUNNING);
	current->yielded = true;
	schedule();
}

long sys_sched_yield(void)
{
	yield();
	return 0;
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *p;

	if (pid == 0)
		return &init_task;
	for_each_task(p)
		if (p->pid == pid)
			return p;
	return NULL;
}

/* One letter for ps, as Linux's: R, S, D, T or Z. */
char task_state_char(const struct task_struct *p)
{
	switch (p->state & ~TASK_WAKEKILL) {
	case TASK_RUNNING:		return 'R';
	case TASK_INTERRUPTIBLE:	return 'S';
	case TASK_UNINTERRUPTIBLE:	return 'D';
	case TASK_ZOMBIE:		return 'Z';
	case __TASK_STOPPED:		return 'T';
	default:			return '?';
	}
}

/*
 * The idle task (init_task, once start_kernel is done): halts until an
 * interrupt makes something runnable.  Testing need_resched with
 * interrupts off, then "sti; hlt", loses no wake-up.
 */
__noreturn void cpu_idle(void)
{
	for (;;) {
		cli();
		if (current->need_resched) {
			sti();
			schedule();
		} else {
			safe_halt();
		}
	}
}
