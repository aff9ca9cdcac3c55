/*
 * When memory is really all used: choosing a process to kill (Linux
 * 2.4.0's mm/oom_kill.c).
 *
 * kswapd calls oom_kill() when a round of reclaim left both shortages
 * and out_of_memory() says there is nothing left to reclaim into: no
 * free swap, and free plus clean pages below the watermarks.  The
 * victim is the process with the highest badness(): the largest
 * address space, made smaller for processes that have run long or
 * used much CPU (they are probably worth keeping) and larger for
 * niced ones.  Kernel threads (kswapd, init and its shell) have no
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

/*
 * SIGKILL to p; PF_MEMALLOC and PF_MEMDIE let it take the last
 * reserve on its way out (a page fault it is in must finish), and
 * 2.4.0's 5 * HZ ticks of time slice (about 80 ordinary slices) put
 * it ahead of every other task until it is gone.
 */
void oom_kill_task(struct task_struct *p)
{
	printk(KERN_ERR "Out of memory: killed process %d (%s), score "
	       "%lu, %lu KiB\n", p->pid, p->comm, badness(p),
	       p->mm->total_vm << (PAGE_SHIFT - 10));
	count_vm_event(OOM_KILL);
	p->flags |= PF_MEMALLOC | PF_MEMDIE;
	p->counter = 5 * HZ;
	force_sig(SIGKILL, p);
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

	if (p)
		oom_kill_task(p);
	else if (jiffies - said >= 5 * HZ) {	/* kswapd comes back soon */
		said = jiffies;
		printk(KERN_ERR "Out of memory, and no process to kill\n");
	}
	yield();
}
