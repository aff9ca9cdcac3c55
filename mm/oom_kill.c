/*
 * When memory is really all used: choosing a process to kill (Linux
 * 2.4.0's mm/oom_kill.c).
 *
 * kswapd calls oom_kill() when rounds of reclaim have failed, one
 * after another for a second, and out_of_memory() said after each that
 * there is nothing left to reclaim into: no free swap, and free plus
 * clean pages below the watermarks (oom_persists(), after Linux
 * 2.4.17: one such moment is not enough while pages are on their way).
 * The victim is the process with the highest badness(): the largest
 * address space, made smaller for processes that have run long or used
 * much CPU (they are probably worth keeping) and larger for niced
 * ones.  Kernel threads (kswapd, init and its shell) have no
 * address space and are never chosen.
 */
#include "mm/oom_kill.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "mm/internal.h"
#include "mm/mm_types.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

/* LAB oom: BEGIN badness */
/* A rough integer square root, never 0 (2.4's int_sqrt). */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long out = x;

	while (x & ~1UL) {
		x >>= 2;
		out >>= 1;
	}
	if (x)
		out -= out >> 2;
	return out ? out : 1;
}

/*
 * How good a choice p is (2.4.0's badness): its size in pages, divided
 * by the square root of its CPU time and the fourth root of its run
 * time, doubled if it is niced.  The units are 2.4.0's, in ticks
 * shifted by SHIFT_HZ (HZ rounded to a power of two, 128 for our 100):
 * CPU time in 1 << (SHIFT_HZ + 3) ticks (10.24 s), run time in
 * 1 << (SHIFT_HZ + 10) ticks (about 21.8 minutes); 2.4.0's comment
 * calls them seconds and minutes.  2.4 also quarters the score of
 * root's and raw-I/O processes; Pagoda has no users or capabilities,
 * so that rule would treat every process alike and is left out.
 */
unsigned long badness(struct task_struct *p)
{
	unsigned long points, cpu_time, run_time;

	if (!p->mm)
		return 0;
	points = p->mm->total_vm;
	cpu_time = (p->utime + p->stime) >> (SHIFT_HZ + 3);
	run_time = (jiffies - p->start_time) >> (SHIFT_HZ + 10);
	points /= int_sqrt(cpu_time);
	points /= int_sqrt(int_sqrt(run_time));
	if (p->nice > 0)
		points *= 2;
	return points;
}
/* LAB oom: END badness */

/* The process with the highest badness, or NULL if there is none. */
static struct task_struct *select_bad_process(void)
{
	/* LAB oom: BEGIN select_bad_process */
	struct task_struct *p, *chosen = NULL;
	unsigned long max_points = 0;

	for_each_task(p) {
		unsigned long points;

		if (p->state == TASK_ZOMBIE || (p->flags & PF_EXITING))
			continue;
		points = badness(p);
		if (points > max_points) {
			chosen = p;
			max_points = points;
		}
	}
	return chosen;
	/* LAB oom: END select_bad_process */
}

/*
 * True while a process the OOM killer chose still holds its address
 * space.  Its memory is coming back: meanwhile nothing is out of
 * memory, and nobody else need die (2.4.0 could kill a second process
 * for the same shortage; Linux later waits like this, with
 * TIF_MEMDIE).
 */
bool oom_victim_exiting(void)
{
	struct task_struct *p;

	for_each_task(p)
		if ((p->flags & PF_MEMDIE) && p->mm)
			return true;
	return false;
}

/*
 * 2.4.0's out_of_memory(): not while free pages are above
 * freepages.min, or free and clean ones above freepages.low, or any
 * swap slot is free; and (ours) not while a victim is still exiting.
 */
int out_of_memory(void)
{
	/* LAB oom: BEGIN out_of_memory */
	if (nr_free_pages() > freepages.min)
		return 0;
	if (nr_free_pages() + nr_inactive_clean_pages() > freepages.low)
		return 0;
	if (nr_swap_pages > 0)
		return 0;
	return !oom_victim_exiting();
	/* LAB oom: END out_of_memory */
}

/* 2.4.17's figures: verdicts and time before a kill, a gap that ends
 * a shortage */
#define OOM_VERDICTS	10
#define OOM_SPAN	HZ
#define OOM_GAP		(5 * HZ)

/* The shortage oom_persists() is counting: its first and last verdict
 * (jiffies) and how many so far; oom_nobody: its last kill found no
 * process. */
static unsigned long oom_first, oom_last, oom_verdicts;
static bool oom_nobody;

/*
 * Whether memory has been out long enough to kill.  kswapd asks after
 * each round that left both shortages; reclaimed: the round gave pages
 * back or sent some to swap (reclaim_progress()).  A single yes of
 * out_of_memory() is a moment: swap may be full and free pages low
 * while pages are still on their way (dirty swap-cache pages being
 * written to the slots they have, clean ones not yet reclaimed, a
 * process exiting), and 2.4.0's kswapd killed at once.
 *
 * This follows Linux 2.4.17's out_of_memory() (2.4.27's still does,
 * adding 5 s of rest after a kill, which PF_MEMDIE does here): a
 * kill only after OOM_VERDICTS verdicts spread over at least OOM_SPAN,
 * the count starting afresh after a gap of more than OOM_GAP and after
 * a kill.  2.4.17 counts only failed rounds (try_to_free_pages() freed
 * nothing at any priority), and so does this: a round that reclaimed is
 * no verdict.  Pagoda's own, beyond 2.4.17: such a round, or one where
 * out_of_memory() says no, also starts the count afresh, so the
 * verdicts must come one after another (kswapd asks a tick apart);
 * 2.4.17 adds up verdicts between which memory came and went.
 */
bool oom_persists(bool reclaimed)
{
	unsigned long now = jiffies;

	if (reclaimed || !out_of_memory()) {
		oom_verdicts = 0;
		return false;
	}
	if (now - oom_last > OOM_GAP)
		oom_nobody = false;	/* a new shortage */
	if (!oom_verdicts || now - oom_last > OOM_GAP) {
		oom_first = now;
		oom_verdicts = 0;
	}
	oom_last = now;
	if (++oom_verdicts < OOM_VERDICTS || now - oom_first < OOM_SPAN)
		return false;
	oom_verdicts = 0;
	return true;
}

/*
 * True while oom_persists() is counting a shortage that kswapd's last
 * round found (within HZ / 10): an allocation waiting on kswapd waits
 * for its verdict instead of failing (mm/page_alloc.c), since either
 * memory comes back or a process is killed.  Not once a kill found
 * nobody to kill: then allocations fail.  Pagoda's (2.4.17's
 * allocations retry for ever).
 */
bool oom_pending(void)
{
	return oom_verdicts && !oom_nobody && jiffies - oom_last <= HZ / 10;
}

/*
 * SIGKILL to p; PF_MEMALLOC and PF_MEMDIE let it take the last
 * reserve on its way out (a page fault it is in must finish), and
 * 2.4.0's 5 * HZ ticks of time slice (about 80 ordinary slices) put
 * it ahead of every other task until it is gone.
 */
static void oom_kill_one(struct task_struct *p)
{
	p->flags |= PF_MEMALLOC | PF_MEMDIE;
	p->counter = 5 * HZ;
	force_sig(SIGKILL, p);
}

/*
 * Kills p and every other task on its address space: its threads, and
 * a CLONE_VM child outside its group, since the memory comes back
 * only when the last of them has gone (Linux 2.6's oom_kill_task();
 * 2.4.0 kills p alone, which in Pagoda would free nothing).
 */
void oom_kill_task(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;
	struct task_struct *t;

	printk(KERN_ERR "Out of memory: killed process %d (%s), score "
	       "%lu, %lu KiB\n", p->tgid, p->comm, badness(p),
	       mm->total_vm << (PAGE_SHIFT - 10));
	count_vm_event(OOM_KILL);
	for_each_task(t)
		if (t->mm == mm)
			oom_kill_one(t);
}

/*
 * Kills the worst process, then steps aside so that it can exit
 * before anybody asks for more memory (2.4: SCHED_YIELD).  2.4 panics
 * when there is no process to kill; Pagoda says so and goes on, and
 * the allocations that cannot be met fail.
 */
void oom_kill(void)
{
	struct task_struct *p = select_bad_process();
	static unsigned long said = -5UL * HZ;

	oom_nobody = !p;
	if (p)
		oom_kill_task(p);
	else if (jiffies - said >= 5 * HZ) {	/* kswapd comes back soon */
		said = jiffies;
		printk(KERN_ERR "Out of memory, and no process to kill\n");
	}
	yield();
}
