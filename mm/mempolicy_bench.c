/*
 * "bench numa_move": how fast pages move between NUMA nodes, beside
 * the cost of copying them (make bench boots it with two nodes; see
 * tools/kbench.py).
 *
 * The bench thread takes an address space with NUMA_MOVE_PAGES pages
 * written, and for about a second moves all of them to the other node
 * and back with do_migrate_pages() (what the migrate_pages system call
 * and the shell's migrate run): pages moved per second.  Then, for
 * about a second, it copies the same pages with copy_highpage() into
 * pages of the other node: pages copied per second.  Migration does
 * the copy and more (isolation, locks, unmapping into migration
 * entries, the reverse map, freeing): its rate as a percentage of the
 * copy's says what the rest costs.  Goal: at least 50%.
 */
#include "kernel/abi.h"
#include "kernel/bench.h"
#include "kernel/kernel.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/highmem.h"
#include "mm/memory.h"
#include "mm/mempolicy.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"

#define NUMA_MOVE_PAGES	2048	/* 8 MiB */

/* Pages moved per second, node 0 <-> node 1, for about a second. */
static unsigned long migrate_rate(struct mm_struct *mm)
{
	unsigned long moved = 0, start = jiffies;
	struct migrate_stats stats;
	int node = 1;

	while (jiffies - start < HZ) {
		do_migrate_pages(mm, 3, 1UL << node, &stats);
		if (stats.failed)
			printk(KERN_WARNING "bench numa_move: %lu pages did "
			       "not move\n", stats.failed);
		moved += stats.moved;
		node = 1 - node;
	}
	return moved * HZ / (jiffies - start);
}

/* copy_highpage() of the same pages into node 1's, for about a second. */
static unsigned long copy_rate(struct mm_struct *mm, unsigned long addr)
{
	static struct page *to[NUMA_MOVE_PAGES];
	unsigned long copied = 0, start;
	int n = 0;

	while (n < NUMA_MOVE_PAGES &&
	       (to[n] = alloc_pages_node(1, GFP_HIGHUSER | __GFP_THISNODE, 0)))
		n++;
	start = jiffies;
	while (jiffies - start < HZ) {
		for (int i = 0; i < n; i++) {
			struct page *from = follow_page(mm, addr +
							i * PAGE_SIZE);

			if (from) {
				copy_highpage(to[i], from);
				copied++;
			}
		}
	}
	while (n)
		__free_page(to[--n]);
	return copied * HZ / (jiffies - start);
}

static int bench_numa_move(void)
{
	unsigned long moved, copied;
	struct mm_struct *mm;
	long addr;

	if (!node_online(1)) {
		printk(KERN_ERR "bench numa_move: needs two nodes\n");
		return -ENODEV;
	}
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	use_mm(mm);
	addr = do_mmap(0, NUMA_MOVE_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS);
	for (unsigned long i = 0; i < NUMA_MOVE_PAGES; i++)
		put_user_u32(i, (void *)(addr + i * PAGE_SIZE));
	moved = migrate_rate(mm);
	copied = copy_rate(mm, addr);
	use_mm(NULL);
	mmput(mm);
	bench_report("numa_move_migrate", moved, "pages/s");
	bench_report("numa_move_copy_page", copied, "pages/s");
	bench_report("numa_move_percent_of_copy",
		     copied ? moved * 100 / copied : 0, "percent");
	return 0;
}
KBENCH(numa_move, bench_numa_move,
       "pages migrated between nodes per second, beside copy_page");
