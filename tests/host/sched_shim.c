/*
 * The process side of the kernel, as the host unit tests of the
 * reclaim engine see it (mm/vmscan.c, mm/swap_state.c, kernel/wait.c
 * built for the host): the test program is the only task, its address
 * spaces are ones the tests build by hand and link on mmlist, and
 * there is no kswapd, no clock and no process to kill.  Each stand-in
 * says what the kernel's does and what is left out.
 */
#include "tests/host/kernel_shim.h"
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "mm/init.h"
#include "mm/mmap.h"
#include "mm/oom_kill.h"

struct task_struct init_task;
volatile unsigned long jiffies;
LIST_HEAD(mmlist);
uint32_t swapper_pg_dir[1024];	/* for mm/pgtable.c to link; unused */

/* kernel/sched.c: no other task to give the CPU to, or to wake. */
void cond_resched(void)
{
}

void wake_up_process(struct task_struct *p)
{
	p->state = TASK_RUNNING;
}

void boost_runnable(struct task_struct *p __unused)
{
}

long schedule_timeout(long timeout)
{
	schedule();
	return timeout;
}

long schedule_timeout_uninterruptible(long timeout)
{
	return schedule_timeout(timeout);
}

int sched_setscheduler(struct task_struct *p __unused, int policy __unused)
{
	return 0;
}

struct task_struct *find_task_by_pid(int pid __unused)
{
	return NULL;
}

/* kernel/fork.c: no threads (so no kswapd: wakeup_kswapd() is a no-op). */
int kernel_thread(int (*fn)(void *) __unused, void *arg __unused,
		  const char *name __unused)
{
	return -ENOSYS;
}

/* The tests' mms are theirs to free: only the user count drops. */
void mmput(struct mm_struct *mm)
{
	mm->mm_users--;
}

/* mm/mmap.c's, without its one-entry cache. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	for (vma = mm->mmap; vma; vma = vma->vm_next)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

/* mm/oom_kill.c: there is no process to kill, and none dying. */
int out_of_memory(void)
{
	return 0;
}

bool oom_persists(bool reclaimed)
{
	(void)reclaimed;
	return false;
}

void oom_kill(void)
{
}

bool oom_victim_exiting(void)
{
	return false;
}

bool oom_pending(void)
{
	return false;
}

bool panic_in_progress(void)
{
	return false;
}
