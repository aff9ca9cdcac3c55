/*
 * sysinfo (2.4.0's kernel/info.c): memory, swap, processes and uptime
 * for a program that sizes itself to the machine.  glibc's
 * sysconf(_SC_PHYS_PAGES) and (_SC_AVPHYS_PAGES) are totalram and
 * freeram of it, times mem_unit, over the page size.
 */
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/swap.h"

/*
 * RAM in pages (2.4.0's si_meminfo, arch/i386/mm/init.c).  Pagoda has
 * no buffer cache and no shared memory: bufferram and sharedram are 0,
 * as 2.4.0's sharedram is.
 */
void si_meminfo(struct sysinfo *val)
{
	val->totalram = totalram_pages;
	val->sharedram = 0;
	val->freeram = nr_free_pages();
	val->bufferram = 0;
	val->totalhigh = totalhigh_pages;
	val->freehigh = nr_free_highpages();
	val->mem_unit = PAGE_SIZE;
}

/*
 * Swap in pages (2.4.0's si_swapinfo, mm/swapfile.c, counts the free
 * and usable slots of each writable area one by one; the counters
 * get_swap_page() and swap_free() keep give the same sums, as Linux
 * 2.6's si_swapinfo reads them).
 */
void si_swapinfo(struct sysinfo *val)
{
	val->totalswap = total_swap_pages;
	val->freeswap = nr_swap_pages;
}

/* Tasks other than the idle task: 2.4.0's nr_threads - 1. */
static unsigned short nr_tasks(void)
{
	struct task_struct *p;
	unsigned short n = 0;

	for_each_task(p)
		n++;
	return n;
}

/*
 * The whole answer (Linux 2.6's do_sysinfo; 2.4.0 fills it in
 * sys_sysinfo).  Sizes are in bytes (mem_unit 1) when RAM and swap
 * together fit in 32 bits, as 2.4.0 gives them to programs of 2.2;
 * else in pages.  (2.4.0 tests the sum in pages, so a machine of more
 * than 4 GiB of RAM and swap got wrapped byte counts; Linux 2.6 tests
 * it in bytes, as here.)  No load averages: Pagoda does not keep them.
 */
void do_sysinfo(struct sysinfo *val)
{
	unsigned long long total;

	memset(val, 0, sizeof(*val));
	val->uptime = jiffies / HZ;
	val->procs = nr_tasks();
	si_meminfo(val);
	si_swapinfo(val);
	total = (unsigned long long)(val->totalram + val->totalswap) *
		PAGE_SIZE;
	if (total >> 32)
		return;
	val->mem_unit = 1;
	val->totalram *= PAGE_SIZE;
	val->freeram *= PAGE_SIZE;
	val->totalswap *= PAGE_SIZE;
	val->freeswap *= PAGE_SIZE;
	val->totalhigh *= PAGE_SIZE;
	val->freehigh *= PAGE_SIZE;
}

long sys_sysinfo(struct sysinfo *info)
{
	struct sysinfo val;

	do_sysinfo(&val);
	return copy_to_user(info, &val, sizeof(val)) ? -EFAULT : 0;
}
