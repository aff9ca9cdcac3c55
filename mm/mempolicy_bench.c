/*
 * "bench numa_move": how fast pages move between NUMA nodes, beside
 * the cost of copying them (make bench boots it with two nodes; see
 * tools/kbench.py).
 *
 * The bench thread takes an address space with NUMA_MOVE_PAGES pages
 * written and alternates two kinds of round until each has run for a
 * second in total (timed with the TSC, boot_clock_us()): a copy round
 * copies every page with copy_highpage() into a page of the other
 * node, and a migration round moves every page to that node with
 * do_migrate_pages() (what the migrate_pages system call and the
 * shell's migrate run).  Alternating them puts both under the same
 * load of a shared host.  The copy goes to the other node as the
 * migration does: under QEMU a copy within node 1 ran ten times
 * slower than one from node 0 to node 1, and an earlier version of
 * this bench, which always copied into node 1, measured that in half
 * of its boots.  Migration does the copy and more (isolation, locks,
 * unmapping into migration entries, the reverse map, freeing): its
 * rate as a percentage of the copy's says what the rest costs: over
 * all rounds, and the median over the pairs of rounds (a copy round
 * and the migration round after it), which a burst of the host's
 * other load moves least.  Goal: at least 50%.
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
#include "mm/slab.h"

#define NUMA_MOVE_PAGES	2048	/* 8 MiB */
#define NUMA_MOVE_US	1000000	/* how long each half runs, in total */
#define NUMA_MOVE_PAIRS	256	/* at most so many pairs of rounds */

/*
 * The two halves' totals (pages and microseconds), and for each pair
 * of rounds (a copy round and the migration round right after it, so
 * under much the same load of the host) the migration's rate as a
 * percentage of the copy's.
 */
struct numa_move_totals {
	unsigned long moved, move_us;
	unsigned long copied, copy_us;
	unsigned int pairs;
	unsigned int pair_percent[NUMA_MOVE_PAIRS];
};

static unsigned long round_rate(unsigned long pages, uint64_t us)
{
	return us ? pages * 1000000ULL / us : 0;
}

/* The pair of rounds that added moved/move_us and copied/copy_us. */
static void record_pair(struct numa_move_totals *t, unsigned long moved,
			unsigned long move_us, unsigned long copied,
			unsigned long copy_us)
{
	if (t->pairs < NUMA_MOVE_PAIRS && move_us && copied)
		t->pair_percent[t->pairs++] = (uint64_t)moved * copy_us * 100 /
					      ((uint64_t)copied * move_us);
}

/* The median of the pairs' percentages (sorts them). */
static unsigned int median_pair_percent(struct numa_move_totals *t)
{
	unsigned int *v = t->pair_percent;

	for (unsigned int i = 1; i < t->pairs; i++)
		for (unsigned int j = i; j && v[j - 1] > v[j]; j--) {
			unsigned int x = v[j];

			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	return t->pairs ? v[t->pairs / 2] : 0;
}

/* One round of migration: every page to `node`, timed. */
static void migrate_round(struct mm_struct *mm, int node,
			  struct numa_move_totals *t)
{
	uint64_t start = boot_clock_us();
	struct migrate_stats stats;

	do_migrate_pages(mm, 3, 1UL << node, &stats);
	t->move_us += boot_clock_us() - start;
	if (stats.failed)
		printk(KERN_WARNING "bench numa_move: %lu pages did not move\n",
		       stats.failed);
	t->moved += stats.moved;
}

/*
 * One round of copying: page i into to[n][i], n the node it is not
 * on, as the migration that follows will, timed.
 */
static void copy_round(struct mm_struct *mm, unsigned long addr,
		       struct page **to[2], struct numa_move_totals *t)
{
	uint64_t start = boot_clock_us();

	for (int i = 0; i < NUMA_MOVE_PAGES; i++) {
		struct page *from = follow_page(mm, addr + i * PAGE_SIZE);

		if (from) {
			copy_highpage(to[1 - page_to_nid(from)][i], from);
			t->copied++;
		}
	}
	t->copy_us += boot_clock_us() - start;
}

static void free_copy_targets(struct page **to)
{
	for (int i = 0; to && i < NUMA_MOVE_PAGES && to[i]; i++)
		__free_page(to[i]);
	kfree(to);
}

/* A page of `node` for each page to copy, or NULL. */
static struct page **alloc_copy_targets(int node)
{
	struct page **to = kmalloc(NUMA_MOVE_PAGES * sizeof(*to), GFP_KERNEL);

	if (to)
		memset(to, 0, NUMA_MOVE_PAGES * sizeof(*to));
	for (int i = 0; to && i < NUMA_MOVE_PAGES; i++) {
		to[i] = alloc_pages_node(node, GFP_HIGHUSER | __GFP_THISNODE,
					 0);
		if (!to[i]) {
			free_copy_targets(to);
			return NULL;
		}
	}
	return to;
}

/*
 * Rounds of the two, alternated so that both meet the same load on
 * the host: each copy round copies the pages to the node the next
 * migration round moves them to.
 */
static int numa_move_rounds(struct mm_struct *mm, unsigned long addr,
			    struct numa_move_totals *t)
{
	struct page **to[2] = { alloc_copy_targets(0), alloc_copy_targets(1) };
	int node = 1;

	while (to[0] && to[1] && t->pairs < NUMA_MOVE_PAIRS &&
	       (t->move_us < NUMA_MOVE_US || t->copy_us < NUMA_MOVE_US)) {
		unsigned long moved = t->moved, move_us = t->move_us;
		unsigned long copied = t->copied, copy_us = t->copy_us;

		copy_round(mm, addr, to, t);
		migrate_round(mm, node, t);
		record_pair(t, t->moved - moved, t->move_us - move_us,
			    t->copied - copied, t->copy_us - copy_us);
		node = 1 - node;
	}
	free_copy_targets(to[0]);
	free_copy_targets(to[1]);
	return t->moved && t->copied ? 0 : -ENOMEM;
}

static int bench_numa_move(void)
{
	static struct numa_move_totals t;	/* 1 KiB: not on the stack */
	unsigned long moved, copied;
	struct mm_struct *mm;
	long addr;
	int err;

	memset(&t, 0, sizeof(t));		/* the shell may run it again */
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
	err = numa_move_rounds(mm, addr, &t);
	use_mm(NULL);
	mmput(mm);
	if (err) {
		printk(KERN_ERR "bench numa_move: no memory for the copy\n");
		return err;
	}
	moved = round_rate(t.moved, t.move_us);
	copied = round_rate(t.copied, t.copy_us);
	bench_report("numa_move_migrate", moved, "pages/s");
	bench_report("numa_move_copy_page", copied, "pages/s");
	bench_report("numa_move_percent_of_copy",
		     copied ? moved * 100 / copied : 0, "percent");
	bench_report("numa_move_median_pair_percent", median_pair_percent(&t),
		     "percent");
	return 0;
}
KBENCH(numa_move, bench_numa_move,
       "pages migrated between nodes per second, beside copy_page");
