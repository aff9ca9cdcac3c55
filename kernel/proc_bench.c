/*
 * "bench proc": what processes cost, each rate beside its natural limit
 * measured in the same boot:
 *  - a demand-zero fault, beside clearing a page (which the fault must
 *    do anyway): the rest is the fault's own cost;
 *  - a copy-on-write fault, beside copying a page;
 *  - a context switch between two kernel threads woken through a wait
 *    queue;
 *  - starting a program and reaping it (spawn, exec, exit, waitpid).
 * Each figure runs for at least half a second of guest time.
 */
#include "kernel/abi.h"
#include "kernel/bench.h"
#include "kernel/exec.h"
#include "kernel/exit.h"
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/highmem.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"

#define MIN_JIFFIES	(HZ / 2)
#define BATCH_PAGES	256

/* Runs op(arg) (each call does `batch` things) until MIN_JIFFIES pass. */
static unsigned long rate(unsigned long (*op)(void *), void *arg)
{
	unsigned long start = jiffies, done = 0, elapsed;

	do {
		done += op(arg);
		elapsed = jiffies - start;
	} while (elapsed < MIN_JIFFIES);
	return done * HZ / elapsed;
}

static void report_pair(const char *name, unsigned long r,
			const char *limit_name, unsigned long limit)
{
	char ratio[48];

	bench_report(name, r, "per_s");
	bench_report(limit_name, limit, "per_s");
	snprintf(ratio, sizeof(ratio), "%s_vs_limit", name);
	bench_report(ratio, limit ? r * 100 / limit : 0, "percent");
}

/* A batch of demand-zero faults in a fresh mapping. */
static unsigned long zero_faults(void *arg __unused)
{
	unsigned long addr = do_mmap(0, BATCH_PAGES * PAGE_SIZE,
				     PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS);
	uint32_t one = 1;

	for (unsigned long i = 0; i < BATCH_PAGES; i++)
		copy_to_user((void *)(addr + i * PAGE_SIZE), &one, 4);
	do_munmap(current->mm, addr, BATCH_PAGES * PAGE_SIZE);
	return BATCH_PAGES;
}

static unsigned long clears(void *arg)
{
	for (unsigned long i = 0; i < BATCH_PAGES; i++)
		clear_highpage(arg);
	return BATCH_PAGES;
}

/* A batch of copy-on-write faults: the mapping is shared with a copy. */
static unsigned long cow_faults(void *arg __unused)
{
	unsigned long addr = do_mmap(0, BATCH_PAGES * PAGE_SIZE,
				     PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS);
	struct mm_struct *copy;
	uint32_t one = 1;

	for (unsigned long i = 0; i < BATCH_PAGES; i++)
		copy_to_user((void *)(addr + i * PAGE_SIZE), &one, 4);
	copy = dup_mm(current->mm);
	for (unsigned long i = 0; i < BATCH_PAGES; i++)
		copy_to_user((void *)(addr + i * PAGE_SIZE), &one, 4);
	if (copy)
		mmput(copy);
	do_munmap(current->mm, addr, BATCH_PAGES * PAGE_SIZE);
	return BATCH_PAGES;
}

static unsigned long copies(void *arg)
{
	struct page **pages = arg;

	for (unsigned long i = 0; i < BATCH_PAGES; i++)
		copy_highpage(pages[0], pages[1]);
	return BATCH_PAGES;
}

static int bench_faults(void)
{
	struct mm_struct *mm = mm_alloc();
	struct page *pages[2] = { alloc_page(GFP_HIGHUSER),
				  alloc_page(GFP_HIGHUSER) };
	unsigned long zero, cow;

	if (!mm || !pages[0] || !pages[1]) {
		cprintf("bench: proc: out of memory\n");
		return -ENOMEM;
	}
	current->mm = mm;	/* the bench thread borrows a process */
	switch_mm(mm);
	zero = rate(zero_faults, NULL);
	cow = rate(cow_faults, NULL);
	current->mm = NULL;
	switch_mm(NULL);
	mmput(mm);
	report_pair("proc_zero_fault", zero, "proc_clear_page",
		    rate(clears, pages[0]));
	/* a COW batch also pays a zero fault per page: 1/cow = 1/zero +
	 * 1/(the COW fault's own rate); 64 bits: cow * zero overflows 32 */
	report_pair("proc_cow_fault",
		    zero > cow ? (uint64_t)cow * zero / (zero - cow) : 0,
		    "proc_copy_page", rate(copies, pages));
	__free_page(pages[0]);
	__free_page(pages[1]);
	return 0;
}

struct pingpong {
	wait_queue_head_t q;
	volatile unsigned long turn;	/* even: main, odd: partner */
	volatile bool stop;
};

static int partner(void *arg)
{
	struct pingpong *p = arg;

	while (!p->stop) {
		wait_event(p->q, (p->turn & 1) || p->stop);
		p->turn++;
		wake_up(&p->q);
	}
	return 0;
}

/* 2 * BATCH_PAGES switches: each side wakes the other and sleeps. */
static unsigned long switches(void *arg)
{
	struct pingpong *p = arg;

	for (int i = 0; i < BATCH_PAGES; i++) {
		p->turn++;
		wake_up(&p->q);
		wait_event(p->q, !(p->turn & 1));
	}
	return 2 * BATCH_PAGES;
}

static unsigned long spawns(void *arg __unused)
{
	char *argv[] = { "sleep", "0", NULL };
	int pid = spawn_program(2, argv);

	if (pid > 0)
		do_wait(pid, 0, NULL, NULL);
	return 1;
}

static int bench_proc(void)
{
	struct pingpong p = { .turn = 0, .stop = false };
	int err = bench_faults(), pid;

	if (err)
		return err;
	init_waitqueue_head(&p.q);
	pid = kernel_thread(partner, &p, "pingpong");
	if (pid < 0)
		return pid;
	bench_report("proc_context_switch", rate(switches, &p), "per_s");
	p.stop = true;
	wake_up(&p.q);
	do_wait(pid, 0, NULL, NULL);
	bench_report("proc_spawn_exit_wait", rate(spawns, NULL), "per_s");
	return 0;
}
KBENCH(proc, bench_proc,
       "page faults beside page clears and copies; context switches; "
       "program start to reap");
