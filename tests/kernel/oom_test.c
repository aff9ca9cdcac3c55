/*
 * The OOM killer (mm/oom_kill.c) on real processes, in a boot without
 * swap: badness() ranks by size, ignores kernel threads and doubles
 * niced processes; oom_kill() kills the worst one and nobody else,
 * oom_kill_task() every task on its address space;
 * out_of_memory() holds off while a victim is still exiting;
 * oom_persists() waits for a second of failed rounds.
 */
#include "kernel/exec.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "lib/ktest.h"
#include "mm/internal.h"
#include "mm/oom_kill.h"
#include "mm/swap.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"
#include "kernel/exit.h"
#include "kernel/abi.h"
#include "tests/kernel/ktest_pages.h"
#include "tests/kernel/ktest_tasks.h"

/*
 * Starts argv and waits (up to 5 s) until its address space is at
 * least `pages` large; the task, or NULL.
 */
static struct task_struct *start(char **argv, int argc, unsigned long pages)
{
	int pid = spawn_program(argc, argv);

	for (int tick = 0; pid > 0 && tick < 5 * HZ; tick++) {
		struct task_struct *p = find_task_by_pid(pid);

		if (p && p->mm && p->mm->total_vm >= pages)
			return p;
		schedule_timeout_uninterruptible(1);
	}
	return NULL;
}

/* Kills p (if it is still there) and reaps it: its waitpid status. */
static int finish(struct ktest *t, int pid)
{
	int status = -1;
	struct task_struct *p = find_task_by_pid(pid);

	if (p && p->state != TASK_ZOMBIE)
		send_sig(SIGKILL, p);
	ktest_reap(t, pid, &status);
	return status;
}

static void badness_ranks_by_size(struct ktest *t)
{
	char *small_argv[] = { "memhog", "1M", "1000000" };
	char *large_argv[] = { "memhog", "3M", "1000000" };
	struct task_struct *small = start(small_argv, 3, 256);
	struct task_struct *large = start(large_argv, 3, 768);
	unsigned long s, l;

	KTEST_ASSERT_TRUE(t, small && large);
	KTEST_EXPECT_EQ(t, badness(current), 0);	/* a kernel thread */
	KTEST_EXPECT_EQ(t, badness(kswapd_task), 0);
	s = badness(small);
	l = badness(large);
	KTEST_EXPECT_GT(t, s, 0);
	KTEST_EXPECT_GT(t, l, s);
	/* young processes: size is all that counts */
	KTEST_EXPECT_EQ(t, l, large->mm->total_vm);
	set_user_nice(small, 5);
	KTEST_EXPECT_EQ(t, badness(small), 2 * small->mm->total_vm);
	finish(t, small->pid);
	finish(t, large->pid);
}

/*
 * badness()'s time units are 2.4.0's, in ticks shifted by SHIFT_HZ
 * (7): CPU time in 1 << 10 ticks, run time in 1 << 17.  A task made up
 * here, so that the times are exactly what the case says; 10000 pages.
 * Each figure is hand-computed from 2.4.0's formula, and differs from
 * what a shift one larger or smaller would give, and from seconds >> 3
 * and >> 10.
 */
static void badness_counts_time_in_2_4_units(struct ktest *t)
{
	static struct task_struct p;
	static struct mm_struct mm = { .total_vm = 10000 };

	p.mm = &mm;
	p.start_time = jiffies;
	p.utime = 3200;		/* 3 units: isqrt 1 (seconds >> 3: 4, 2) */
	KTEST_EXPECT_EQ(t, badness(&p), 10000);
	p.utime = 8217;
	p.stime = 8217;		/* 16 units: isqrt 3 */
	KTEST_EXPECT_EQ(t, badness(&p), 3333);
	p.utime = p.stime = 0;
	p.start_time = jiffies - 2098152;	/* 16 units: 4th root 1 */
	KTEST_EXPECT_EQ(t, badness(&p), 10000);
	p.start_time = jiffies - 4195304;	/* 32 units: 4th root 2 */
	KTEST_EXPECT_EQ(t, badness(&p), 5000);
}

/*
 * oom_kill_task() gives the victim the last reserve and 2.4.0's 5 * HZ
 * ticks of slice.  Looked at before the victim can run: oom_kill()
 * yields to it, and on a loaded host it may spend a guest second (or
 * exit, and hand its slice back) before the test looks again.
 */
static void oom_kill_task_gives_a_long_slice(struct ktest *t)
{
	char *argv[] = { "memhog", "1M", "1000000" };
	struct task_struct *p = start(argv, 3, 256);
	int pid, status = -1;

	KTEST_ASSERT_TRUE(t, p);
	pid = p->pid;
	oom_kill_task(p);
	KTEST_EXPECT_EQ(t, p->counter, 5 * HZ);
	KTEST_EXPECT_TRUE(t, p->flags & PF_MEMDIE);
	KTEST_EXPECT_TRUE(t, p->flags & PF_MEMALLOC);
	ktest_reap(t, pid, &status);
	KTEST_EXPECT_TRUE(t, WIFSIGNALED(status) &&
			  WTERMSIG(status) == SIGKILL);
}

/* How many tasks run on mm (compared by pointer: it may be freed). */
static int tasks_on(const struct mm_struct *mm)
{
	struct task_struct *p;
	int n = 0;

	for_each_task(p)
		n += p->mm == mm;
	return n;
}

/* Waits up to 5 s for tasks_on(mm) to be n; what it is then. */
static int wait_tasks_on(const struct mm_struct *mm, int n)
{
	for (int tick = 0; tasks_on(mm) != n && tick < 5 * HZ; tick++)
		schedule_timeout_uninterruptible(1);
	return tasks_on(mm);
}

/*
 * oom_kill_task() kills every task on the victim's address space: its
 * thread, and a CLONE_VM child outside its group, which would
 * otherwise keep the memory (Linux 2.6's rule; 2.4.0 kills one task).
 */
static void oom_kill_task_kills_every_user_of_the_mm(struct ktest *t)
{
	char *argv[] = { "threadtest", "hog", "2M" };
	struct task_struct *p = start(argv, 3, 512), *q;
	const struct mm_struct *mm;
	int pid, status = -1, chosen = 0;

	KTEST_ASSERT_TRUE(t, p);
	mm = p->mm;
	pid = p->pid;
	KTEST_ASSERT_EQ(t, wait_tasks_on(mm, 3), 3);
	oom_kill_task(p);
	for_each_task(q)
		chosen += q->mm == mm && (q->flags & PF_MEMDIE);
	KTEST_EXPECT_EQ(t, chosen, 3);
	ktest_reap(t, pid, &status);
	KTEST_EXPECT_TRUE(t, WIFSIGNALED(status) &&
			  WTERMSIG(status) == SIGKILL);
	KTEST_EXPECT_EQ(t, wait_tasks_on(mm, 0), 0);
	KTEST_EXPECT_FALSE(t, oom_victim_exiting());
}

/* oom_kill() chooses the largest process, kills it and only it. */
static void oom_kill_kills_the_worst_only(struct ktest *t)
{
	char *small_argv[] = { "memhog", "1M", "1000000" };
	char *large_argv[] = { "memhog", "3M", "1000000" };
	unsigned long kills = vm_events[OOM_KILL];
	struct task_struct *small = start(small_argv, 3, 256);
	struct task_struct *large = start(large_argv, 3, 768);
	int small_pid, large_pid, status = -1;

	KTEST_ASSERT_TRUE(t, small && large);
	small_pid = small->pid;
	large_pid = large->pid;
	oom_kill();
	KTEST_EXPECT_EQ(t, vm_events[OOM_KILL], kills + 1);
	KTEST_EXPECT_FALSE(t, small->flags & PF_MEMDIE);
	/* the victim is a zombie or on its way: reap it, unprompted */
	KTEST_ASSERT_TRUE(t, large->flags & PF_MEMDIE);
	ktest_reap(t, large_pid, &status);
	KTEST_EXPECT_TRUE(t, WIFSIGNALED(status) &&
			  WTERMSIG(status) == SIGKILL);
	KTEST_EXPECT_FALSE(t, oom_victim_exiting());
	KTEST_EXPECT_NOT_NULL(t, find_task_by_pid(small_pid));
	KTEST_EXPECT_NE(t, find_task_by_pid(small_pid)->state, TASK_ZOMBIE);
	KTEST_EXPECT_EQ(t, WTERMSIG(finish(t, small_pid)), SIGKILL);
}

/* Takes free pages down to freepages.min (without waiting); the list. */
static struct page *take_all_memory(void)
{
	struct page *held = NULL;

	current->flags |= PF_MEMALLOC;
	while (nr_free_pages() > freepages.min) {
		struct page *p = alloc_page(GFP_KERNEL);

		if (!p)
			break;
		hold_page(&held, p);
	}
	current->flags &= ~PF_MEMALLOC;
	return held;
}

/*
 * With free memory at freepages.min and no swap, memory is out; but
 * not while a process the OOM killer chose still holds its memory.
 */
static void no_second_victim_while_one_exits(struct ktest *t)
{
	char *argv[] = { "sleep", "100" };
	struct task_struct *victim = start(argv, 2, 1);
	struct page *held;

	KTEST_ASSERT_NOT_NULL(t, victim);
	if (nr_swap_pages) {
		finish(t, victim->pid);
		ktest_skip(t, "swap is on: memory is never all used");
		return;
	}
	KTEST_EXPECT_EQ(t, out_of_memory(), 0);		/* plenty free */
	held = take_all_memory();
	KTEST_EXPECT_EQ(t, out_of_memory(), 1);
	victim->flags |= PF_MEMDIE;
	KTEST_EXPECT_TRUE(t, oom_victim_exiting());
	KTEST_EXPECT_EQ(t, out_of_memory(), 0);
	victim->flags &= ~PF_MEMDIE;
	KTEST_EXPECT_EQ(t, out_of_memory(), 1);
	free_held_pages(held);
	KTEST_EXPECT_EQ(t, out_of_memory(), 0);
	finish(t, victim->pid);
}

/*
 * Asks oom_persists() after a failed round once a tick (in hlt: kernel
 * code is not preempted, so kswapd cannot ask in between) until `ticks`
 * have passed since `start`; false if any answer was yes.  *asked
 * counts the questions.
 */
static bool failed_rounds_until(unsigned long start, unsigned long ticks,
				unsigned long *asked)
{
	while (jiffies - start < ticks) {
		unsigned long now = jiffies;

		++*asked;
		if (oom_persists(false))
			return false;
		while (jiffies == now)
			hlt();
	}
	return true;
}

/*
 * kswapd kills only after failed rounds, one after another for a
 * second, each leaving memory out (Linux 2.4.17's rule): not at the
 * first, not before a second has passed, not if a round in between
 * reclaimed; and once it said yes, the count starts again.  Allocations
 * wait meanwhile (oom_pending()).
 */
static void oom_persists_takes_a_second_of_failed_rounds(struct ktest *t)
{
	struct page *held;
	unsigned long start, asked = 0;

	if (nr_swap_pages) {
		ktest_skip(t, "swap is on: memory is never all used");
		return;
	}
	KTEST_EXPECT_FALSE(t, oom_persists(false));	/* plenty free */
	held = take_all_memory();
	KTEST_EXPECT_EQ(t, out_of_memory(), 1);
	KTEST_EXPECT_FALSE(t, oom_persists(true));	/* it reclaimed */
	start = jiffies;
	KTEST_EXPECT_TRUE(t, failed_rounds_until(start, HZ / 2, &asked));
	KTEST_EXPECT_TRUE(t, oom_pending());
	/* a round that reclaimed: the second starts again */
	KTEST_EXPECT_FALSE(t, oom_persists(true));
	KTEST_EXPECT_FALSE(t, oom_pending());
	start = jiffies;
	asked = 0;
	KTEST_EXPECT_TRUE(t, failed_rounds_until(start, HZ, &asked));
	KTEST_EXPECT_GE(t, asked, 10);		/* OOM_VERDICTS */
	KTEST_EXPECT_TRUE(t, oom_persists(false));	/* a second: kill */
	KTEST_EXPECT_FALSE(t, oom_pending());
	KTEST_EXPECT_FALSE(t, oom_persists(false));	/* counting again */
	free_held_pages(held);
	KTEST_EXPECT_FALSE(t, oom_persists(false));	/* memory is back */
	KTEST_EXPECT_FALSE(t, oom_pending());
}

static const struct ktest_case oom_cases[] = {
	KTEST_CASE(badness_ranks_by_size),
	KTEST_CASE(badness_counts_time_in_2_4_units),
	KTEST_CASE(oom_kill_task_gives_a_long_slice),
	KTEST_CASE(oom_kill_kills_the_worst_only),
	KTEST_CASE(oom_kill_task_kills_every_user_of_the_mm),
	KTEST_CASE(no_second_victim_while_one_exits),
	KTEST_CASE(oom_persists_takes_a_second_of_failed_rounds),
};
KTEST_SUITE(oom, oom_cases);
