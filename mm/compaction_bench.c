/*
 * "bench compact": the work compaction does to make one order-9 block
 * (make bench boots it with 64 MiB, one node).
 *
 * First, how many order-9 blocks hold a page that can never move (a
 * kernel page) right after boot.  Then the bench thread takes an
 * address space and writes pages until no zone has a free order-9
 * block (allocation takes the smallest blocks first, so those go
 * last), and unmaps every other page: half the memory is free, in
 * single pages.  Then compact_zone(zone, 9) on each zone in turn, as
 * direct compaction would, until a zone has a free order-9 block: the
 * pages the two scanners looked at, the pages moved, and the time.
 */
#include "kernel/abi.h"
#include "kernel/bench.h"
#include "kernel/kernel.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/compaction.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"

#define TOP_ORDER	(MAX_ORDER - 1)

static void report_unmovable_blocks(void)
{
	unsigned long blocked = 0, blocks = 0;
	pg_data_t *pgdat;

	for_each_pgdat(pgdat)
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			zone_t *z = &pgdat->node_zones[j];

			blocks += ALIGN_UP(z->size, 1UL << TOP_ORDER) >> TOP_ORDER;
			blocked += unmovable_blocks(z);
		}
	bench_report("compact_order9_blocks", blocks, "blocks");
	bench_report("compact_order9_blocks_unmovable_at_boot", blocked,
		     "blocks");
}

/* Fills pages until no order-9 block is free; unmaps every other one. */
static unsigned long fragment(struct mm_struct *mm)
{
	unsigned long room = nr_free_pages(), pages = 0;
	long addr = do_mmap(0, room * PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS);

	for (; nr_free_blocks(TOP_ORDER) && pages < room; pages++)
		put_user_u32(pages, (void *)(addr + pages * PAGE_SIZE));
	for (unsigned long i = 1; i < pages; i += 2)
		zap_page_range(mm, addr + i * PAGE_SIZE, PAGE_SIZE);
	return pages;
}

static int bench_compact(void)
{
	struct compact_stats st = { 0 };
	unsigned long start, pages;
	struct mm_struct *mm;
	pg_data_t *pgdat;
	bool made = false;

	report_unmovable_blocks();
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	use_mm(mm);
	pages = fragment(mm);
	start = jiffies;
	for_each_pgdat(pgdat)
		for (int j = MAX_NR_ZONES - 1; j >= 0 && !made; j--) {
			if (!pgdat->node_zones[j].realsize)
				continue;
			compact_zone(&pgdat->node_zones[j], TOP_ORDER, &st);
			made = nr_free_blocks(TOP_ORDER) != 0;
		}
	bench_report("compact_fragmented_pages", pages, "pages");
	bench_report("compact_order9_migrate_scanned", st.migrate_scanned,
		     "pages");
	bench_report("compact_order9_free_scanned", st.free_scanned, "pages");
	bench_report("compact_order9_pages_moved", st.moved, "pages");
	bench_report("compact_order9_ms", (jiffies - start) * 1000 / HZ, "ms");
	use_mm(NULL);
	mmput(mm);
	if (!made) {
		printk(KERN_ERR "bench compact: no order-9 block made\n");
		return -ENOMEM;
	}
	return 0;
}
KBENCH(compact, bench_compact,
       "pages scanned and moved by compaction for one order-9 block");
