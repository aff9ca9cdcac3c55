/*
 * "bench reclaim": the reclaim engine's speed against its limits, in
 * one boot (make bench boots it with 32 MiB of RAM and a 128 MiB swap
 * disk; see tools/kbench.py).
 *
 *  - swap-out throughput: the bench thread takes an address space and
 *    writes one word into each page of twice RAM, in order (a memhog
 *    that spends no time on its own data, so what is measured is the
 *    fault, reclaim and swap path); pages written to swap per second
 *    from the first swap-out to the end of each of 8 such passes,
 *    beside the disk's raw sequential write rate measured just before
 *    (swapdisk_seq_write_rate, many requests in flight, of one page as
 *    "bench swapdisk" measures it, and of 16 pages, a read-ahead
 *    window), and beside
 *    the same loop's rate in free memory, where it costs only faults
 *    and page clearing (the CPU's limit under TCG); and how many pages
 *    reclaim looked at (pgscan) per page it wrote;
 *  - sequential re-access: the same pages read back in order; device
 *    read requests per fault on a swapped-out page (read-ahead brings
 *    1 << page_cluster pages per request), and major faults (reads
 *    started) per such fault;
 *  - the hot set: 4 MiB walked four times during each round, a few
 *    pages after each page of a slice of 64 MiB walked once per round;
 *    major faults on the hot set once warm (after two rounds).
 */
#include "drivers/blkdev.h"
#include "kernel/abi.h"
#include "kernel/bench.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

#define HOT_PAGES	1024		/* 4 MiB */
#define COLD_PAGES	16384		/* 64 MiB */
#define COLD_SLICES	8		/* 2048 pages each */
#define HOT_SWEEPS	4
#define HOT_ROUNDS	16
#define WARM_ROUNDS	2
#define SWAPOUT_PASSES	8

/* The address of pages new pages, or 0 if they cannot be mapped. */
static unsigned long map(unsigned long pages)
{
	unsigned long addr = do_mmap(0, pages * PAGE_SIZE,
				     PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS);

	return mmap_error(addr) ? 0 : addr;
}

/* One word into the page at addr (a fault if it is not mapped). */
static void touch(unsigned long addr, uint32_t v)
{
	if (copy_to_user((void *)addr, &v, sizeof(v)))
		printk(KERN_ERR "bench reclaim: cannot write %08lx\n", addr);
}

static uint32_t peek(unsigned long addr)
{
	uint32_t v = 0;

	if (copy_from_user(&v, (void *)addr, sizeof(v)))
		printk(KERN_ERR "bench reclaim: cannot read %08lx\n", addr);
	return v;
}

/* Swap PTEs in [addr, addr + pages pages) of mm. */
static unsigned long swapped_out(struct mm_struct *mm, unsigned long addr,
				 unsigned long pages)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < pages; i++) {
		unsigned long a = addr + i * PAGE_SIZE;
		pmd_t *pmd = pmd_offset(pgd_offset(mm, a), a);
		pte_t pte;

		if (pmd_none(*pmd))
			continue;
		pte = *pte_offset(pmd, a);
		n += !pte_none(pte) && !pte_present(pte);
	}
	return n;
}

/*
 * One pass writing a word into each of `pages` fresh pages at addr;
 * adds to *out and *ticks the pages written to swap and the time from
 * the first swap-out to the end of the pass.
 */
static void dirty_pass(unsigned long addr, unsigned long pages,
		       unsigned long *out, unsigned long *ticks)
{
	unsigned long start = 0, first = 0, out0 = vm_events[PSWPOUT];

	for (unsigned long i = 0; i < pages; i++) {
		touch(addr + i * PAGE_SIZE, i);
		if (!start && vm_events[PSWPOUT] != out0) {
			start = jiffies;
			first = vm_events[PSWPOUT];
		}
	}
	if (start) {
		*out += vm_events[PSWPOUT] - first;
		*ticks += jiffies - start;
	}
}

/*
 * Pages/s written to swap while a memhog dirties twice RAM, over
 * SWAPOUT_PASSES passes (each on a fresh mapping) for a measurable
 * time; the last mapping is left at *addr (0 if one failed).
 */
static unsigned long swap_out_rate(struct mm_struct *mm, unsigned long *addr,
				   unsigned long pages)
{
	unsigned long out = 0, ticks = 0, scans = vm_events[PGSCAN];
	unsigned long written = vm_events[PSWPOUT];

	for (int pass = 0; pass < SWAPOUT_PASSES && *addr; pass++) {
		if (pass) {
			do_munmap(mm, *addr, pages * PAGE_SIZE);
			*addr = map(pages);
		}
		if (*addr)
			dirty_pass(*addr, pages, &out, &ticks);
	}
	written = vm_events[PSWPOUT] - written;
	bench_report("reclaim_pgscan_per_page_out",
		     written ? (vm_events[PGSCAN] - scans) / written : 0,
		     "pages");
	return ticks ? out * HZ / ticks : 0;
}

/*
 * The same loop's rate where no reclaim is needed (half of RAM, free):
 * what faulting in zeroed pages costs by itself, the CPU's limit on
 * swap-out here.
 */
static unsigned long first_touch_rate(struct mm_struct *mm)
{
	unsigned long pages = num_physpages / 2, done = 0;
	unsigned long start = jiffies;

	while (jiffies - start < HZ / 2) {
		unsigned long addr = map(pages);

		if (!addr)
			return 0;
		for (unsigned long i = 0; i < pages; i++)
			touch(addr + i * PAGE_SIZE, i);
		do_munmap(mm, addr, pages * PAGE_SIZE);
		done += pages;
	}
	return done * HZ / (jiffies - start);
}

static void reread(struct mm_struct *mm, unsigned long addr,
		   unsigned long pages, struct block_device *bdev)
{
	unsigned long faults = swapped_out(mm, addr, pages), bad = 0;
	unsigned long reads = bdev->nr_reads;
	unsigned long majors = vm_events[PGMAJFAULT];

	for (unsigned long i = 0; i < pages; i++)
		bad += peek(addr + i * PAGE_SIZE) != i;
	if (bad)
		printk(KERN_ERR "bench reclaim: %lu pages read back wrong\n",
		       bad);
	reads = bdev->nr_reads - reads;
	bench_report("reclaim_reread_swapin_faults", faults, "faults");
	bench_report("reclaim_reread_read_requests_per_100_faults",
		     faults ? reads * 100 / faults : 0, "requests");
	bench_report("reclaim_reread_majfaults_per_100_faults",
		     faults ? (vm_events[PGMAJFAULT] - majors) * 100 / faults
			    : 0, "faults");
}

/*
 * Rounds over one slice of the cold set each, with the hot set walked
 * HOT_SWEEPS times during it, a few hot pages after each cold page (a
 * program whose hot data is in use all the time); major faults while
 * touching the hot set, once warm (after WARM_ROUNDS rounds).
 */
static void hot_and_cold(unsigned long hot, unsigned long cold)
{
	unsigned long slice = COLD_PAGES / COLD_SLICES, hot_faults = 0;
	unsigned long per_cold = HOT_SWEEPS * HOT_PAGES / slice, next = 0;

	for (unsigned long i = 0; i < HOT_PAGES; i++)
		touch(hot + i * PAGE_SIZE, i);
	for (unsigned long i = 0; i < COLD_PAGES; i++)
		touch(cold + i * PAGE_SIZE, i);
	for (int r = 0; r < HOT_ROUNDS; r++) {
		unsigned long s = r % COLD_SLICES;

		for (unsigned long i = s * slice; i < (s + 1) * slice; i++) {
			unsigned long before;

			touch(cold + i * PAGE_SIZE, i);
			before = vm_events[PGMAJFAULT];
			for (unsigned long h = 0; h < per_cold; h++) {
				touch(hot + next * PAGE_SIZE, next);
				next = (next + 1) % HOT_PAGES;
			}
			if (r >= WARM_ROUNDS)
				hot_faults += vm_events[PGMAJFAULT] - before;
		}
	}
	bench_report("reclaim_hot_page_walks",
		     (HOT_ROUNDS - WARM_ROUNDS) * HOT_SWEEPS * HOT_PAGES,
		     "pages");
	bench_report("reclaim_hot_majfaults", hot_faults, "faults");
}

static int bench_reclaim(void)
{
	unsigned long raw, raw_16, touch_rate, rate, pages = 2 * num_physpages;
	struct mm_struct *mm;
	unsigned long addr, hot, cold;

	if (swap_list.head < 0 || (unsigned long)nr_swap_pages < pages) {
		cprintf("bench: reclaim needs swap of 2x RAM (swapon DEV)\n");
		return -ENODEV;
	}
	raw = swapdisk_seq_write_rate(1);
	raw_16 = swapdisk_seq_write_rate(16);
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	use_mm(mm);
	touch_rate = first_touch_rate(mm);
	addr = map(pages);
	rate = swap_out_rate(mm, &addr, pages);
	bench_report("reclaim_swapout", rate, "pages/s");
	bench_report("reclaim_swapdisk_seq_write", raw, "pages/s");
	bench_report("reclaim_swapout_percent_of_raw",
		     raw ? rate * 100 / raw : 0, "percent");
	bench_report("reclaim_swapdisk_seq_write_16_page_requests", raw_16,
		     "pages/s");
	bench_report("reclaim_swapout_percent_of_raw_16",
		     raw_16 ? rate * 100 / raw_16 : 0, "percent");
	bench_report("reclaim_first_touch_no_swap", touch_rate, "pages/s");
	bench_report("reclaim_swapout_percent_of_first_touch",
		     touch_rate ? rate * 100 / touch_rate : 0, "percent");
	if (addr) {
		reread(mm, addr, pages, swap_info[swap_list.head].bdev);
		do_munmap(mm, addr, pages * PAGE_SIZE);
	}
	hot = map(HOT_PAGES);
	cold = map(COLD_PAGES);
	if (hot && cold)
		hot_and_cold(hot, cold);
	use_mm(NULL);
	mmput(mm);
	return !addr || !hot || !cold ? -ENOMEM : 0;
}
KBENCH(reclaim, bench_reclaim,
       "swap-out rate against the disk's, read-ahead, the hot set kept");
