/*
 * "bench memhog": the user program memhog (user/memhog.c), the very
 * binary students run, timed from the kernel with what reclaim did
 * meanwhile.  make bench boots it twice, with 64 MiB of RAM (memhog
 * fills 1.5 times RAM: memory pressure) and with 256 MiB (no
 * pressure), and prints the ratio of the two times (tools/kbench.py):
 * the cost of reclaim for the same work.
 *
 * Figures, all over the workload only (from its start to its exit):
 *  - memhog_ms: wall time (the TSC's clock, not ticks);
 *  - memhog_idle_permille: the share of timer ticks that found the idle
 *    task running (kernel/sched.c): time when memhog, kswapd and
 *    everyone else waited, for swap I/O mostly;
 *  - pswpout, pswpin, pgmajfault;
 *  - pgscan per 100 pages written, and pgrotated per 100 pages
 *    page_launder wrote (how often a page is put back for later);
 *  - write requests the swap disks took, and their average size;
 *  - swap-out throughput (pages written per second of the workload)
 *    against the disk's best sequential write rate, measured before
 *    in the same boot (requests as large as the disk takes, as many
 *    in flight as its ring holds: drivers/blkdev_bench.c).
 */
#include "drivers/blkdev.h"
#include "kernel/abi.h"
#include "kernel/bench.h"
#include "kernel/jobs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

/* What both boots run: 1.5 times the smaller RAM, three passes. */
#define MEMHOG_SIZE	"96M"
#define MEMHOG_PASSES	"3"

/* What the workload is measured by, read before and after it. */
struct memhog_sample {
	uint64_t us;
	unsigned long jiffies, idle;
	unsigned long events[NR_VM_EVENT_ITEMS];
	unsigned long disk_writes;
};

/* Requests the swap areas' disks have taken that were not reads. */
static unsigned long swap_disk_writes(void)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < nr_swapfiles; i++)
		if ((swap_info[i].flags & SWP_USED) && swap_info[i].bdev)
			n += swap_info[i].bdev->nr_requests -
			     swap_info[i].bdev->nr_reads;
	return n;
}

static void sample(struct memhog_sample *s)
{
	s->us = boot_clock_us();
	s->jiffies = jiffies;
	s->idle = idle_ticks;
	memcpy(s->events, vm_events, sizeof(s->events));
	s->disk_writes = swap_disk_writes();
}

/* 100 * a / b, 0 when b is. */
static unsigned long percent(unsigned long a, unsigned long b)
{
	return b ? (unsigned long)((uint64_t)a * 100 / b) : 0;
}

static void report(const struct memhog_sample *a,
		   const struct memhog_sample *b, unsigned long best)
{
	unsigned long ms = (unsigned long)((b->us - a->us) / 1000);
	unsigned long ticks = b->jiffies - a->jiffies;
	unsigned long ev[NR_VM_EVENT_ITEMS];
	unsigned long writes = b->disk_writes - a->disk_writes;
	unsigned long rate;

	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		ev[i] = b->events[i] - a->events[i];
	rate = ms ? (unsigned long)((uint64_t)ev[PSWPOUT] * 1000 / ms) : 0;
	bench_report("memhog_ms", ms, "ms");
	bench_report("memhog_idle_permille",
		     ticks ? (b->idle - a->idle) * 1000 / ticks : 0,
		     "permille");
	bench_report("memhog_pswpout", ev[PSWPOUT], "pages");
	bench_report("memhog_pswpin", ev[PSWPIN], "pages");
	bench_report("memhog_pgmajfault", ev[PGMAJFAULT], "faults");
	bench_report("memhog_pgscan_per_100_pswpout",
		     percent(ev[PGSCAN], ev[PSWPOUT]), "pages");
	bench_report("memhog_pgrotated_per_100_pglaunder",
		     percent(ev[PGROTATED], ev[PGLAUNDER]), "rotations");
	bench_report("memhog_write_requests", writes, "requests");
	bench_report("memhog_write_kib_per_request",
		     writes ? ev[PSWPOUT] * (PAGE_SIZE / 1024) / writes : 0,
		     "KiB");
	bench_report("memhog_swapout_rate", rate, "pages/s");
	bench_report("memhog_swapdisk_best_seq_write", best, "pages/s");
	bench_report("memhog_swapout_permille_of_best",
		     best ? (unsigned long)((uint64_t)rate * 1000 / best) : 0,
		     "permille");
}

static int bench_memhog(void)
{
	char *argv[] = { "memhog", MEMHOG_SIZE, MEMHOG_PASSES, NULL };
	struct memhog_sample before, after;
	unsigned long best = 0;
	int status, err;

	if (swap_list.head >= 0) {
		struct block_device *bdev = swap_info[swap_list.head].bdev;

		best = swapdisk_seq_write_rate(min((unsigned int)BLK_MAX_SEGS,
						   bdev->max_segs));
	}
	sample(&before);
	err = run_foreground(3, argv, &status);
	sample(&after);
	if (err) {
		cprintf("bench: memhog: cannot run it (%d)\n", err);
		return err;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		cprintf("bench: memhog failed (status %#x)\n", status);
		return -EIO;
	}
	report(&before, &after, best);
	return 0;
}
KBENCH(memhog, bench_memhog,
       "memhog " MEMHOG_SIZE " " MEMHOG_PASSES
       ": time, idle share, scans, rotations, write sizes");
