/*
 * Page migration on real user pages (mm/migrate.c): the test thread
 * takes an address space of its own, writes its pages through
 * copy_to_user, migrates them, and checks every PTE, reverse-map
 * entry and byte, and the mm invariants (the debug build also checks
 * them after every reclaim pass, kswapd's too, while migrations are
 * held open).  Anonymous pages, swap-cache pages, pages shared
 * copy-on-write after fork, pages under write I/O, and a process that
 * faults on a page while its migration is held (migrate_hold_ms).
 */
#include "drivers/blkdev.h"
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "lib/ktest.h"
#include "lib/string.h"
#include "mm/compaction.h"
#include "mm/debug.h"
#include "mm/filemap.h"
#include "mm/migrate.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/swapops.h"
#include "mm/vmscan.h"
#include "tests/common/isolate.h"
#include "tests/kernel/ktest_mm.h"
#include "tests/kernel/ktest_swap.h"
#include "tests/kernel/ktest_tasks.h"

#define WORDS_CHECKED	(PAGE_SIZE / 4)

static struct page *new_page(struct page *page __unused,
			     unsigned long private __unused,
			     int **result __unused)
{
	return alloc_page(GFP_HIGHUSER);
}

/* Fills page i at addr with its own pattern, every word. */
static void fill(unsigned long addr, unsigned int i)
{
	for (unsigned int w = 0; w < WORDS_CHECKED; w++)
		put_u32(addr + w * 4, i << 16 ^ w);
}

static bool intact(unsigned long addr, unsigned int i)
{
	for (unsigned int w = 0; w < WORDS_CHECKED; w++)
		if (get_u32(addr + w * 4) != (i << 16 ^ w))
			return false;
	return true;
}

/* Isolates the page at addr and moves it; the old page or NULL. */
static struct page *migrate_at(struct ktest *t, struct mm_struct *mm,
			       unsigned long addr)
{
	struct page *page = follow_page(mm, addr);
	LIST_HEAD(l);
	int rc;

	if (!page) {
		ktest_fail(t, __FILE__, __LINE__, "no page at %08lx", addr);
		return NULL;
	}
	if (!isolated_for_test(t, page))
		return NULL;
	list_add(&page->lru, &l);
	rc = migrate_pages(&l, new_page, 0);
	putback_lru_pages(&l);
	if (rc) {
		ktest_fail(t, __FILE__, __LINE__, "migrate_pages: returned "
			   "%d, expected 0 (every page moved)", rc);
		return NULL;
	}
	return page;
}

static void expect_invariants(struct ktest *t)
{
	if (check_mm_invariants())
		ktest_fail(t, __FILE__, __LINE__, "%s", mm_invariant_report);
}

/* The page at addr is mapped by exactly its PTE there. */
static void expect_mapped_once(struct ktest *t, struct mm_struct *mm,
			       unsigned long addr)
{
	struct page *page = follow_page(mm, addr);

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, page->rmap, (unsigned long)pte_of(mm, addr));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
}

/* A new mm whose page at *addr, filled with pattern i, was swapped
 * out to the swap cache under *entry; NULL (skipped) without swap. */
static struct mm_struct *mm_with_swapped_page(struct ktest *t, unsigned int i,
					      unsigned long *addr,
					      swp_entry_t *entry)
{
	struct mm_struct *mm = enter_swapping_mm(t);

	if (!mm)
		return NULL;
	*addr = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	fill(*addr, i);
	swap_out_page(mm, *addr);
	*entry = pte_to_swp_entry(*pte_of(mm, *addr));
	return mm;
}

/* ------------------------------------------------ the cases */

static void anonymous_pages_move_with_every_byte(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr;
	struct page *old[4];

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(0, 4 * PAGE_SIZE, RW, PRIVATE_ANON);
	for (unsigned int i = 0; i < 4; i++)
		fill(addr + i * PAGE_SIZE, i);
	for (unsigned int i = 0; i < 4; i++) {
		old[i] = migrate_at(t, mm, addr + i * PAGE_SIZE);
		KTEST_EXPECT_PTR_NE(t, follow_page(mm, addr + i * PAGE_SIZE),
				    old[i]);
		expect_mapped_once(t, mm, addr + i * PAGE_SIZE);
		KTEST_EXPECT_TRUE(t, pte_write(*pte_of(mm, addr +
							i * PAGE_SIZE)));
	}
	expect_invariants(t);
	for (unsigned int i = 0; i < 4; i++)
		KTEST_EXPECT_TRUE(t, intact(addr + i * PAGE_SIZE, i));
	KTEST_EXPECT_EQ(t, mm->rss, 4);
	leave_mm(t, mm);
}

/* A page read back from swap, mapped and cached: its slot follows. */
static void a_swap_cache_page_moves_with_its_slot(struct ktest *t)
{
	struct page *old, *now;
	swp_entry_t entry;
	unsigned long addr;
	struct mm_struct *mm = mm_with_swapped_page(t, 7, &addr, &entry);

	if (!mm)
		return;
	KTEST_ASSERT_TRUE(t, intact(addr, 7));	/* back from the cache */
	old = migrate_at(t, mm, addr);
	now = follow_page(mm, addr);
	KTEST_ASSERT_NOT_NULL(t, now);
	KTEST_EXPECT_PTR_NE(t, now, old);
	KTEST_EXPECT_TRUE(t, PageSwapCache(now));
	KTEST_EXPECT_EQ(t, now->index, entry.val);
	KTEST_EXPECT_PTR_EQ(t, find_swap_page(entry), now);
	put_page(now);
	expect_mapped_once(t, mm, addr);
	expect_invariants(t);
	/* out and in again through the moved page's slot */
	swap_out_page(mm, addr);
	KTEST_EXPECT_TRUE(t, intact(addr, 7));
	leave_mm(t, mm);
}

/* After fork: both PTEs follow the page and stay read-only. */
static void a_page_shared_after_fork_moves_for_both(struct ktest *t)
{
	struct mm_struct *parent = enter_new_mm(), *child;
	unsigned long addr;
	struct page *old, *now;

	KTEST_ASSERT_NOT_NULL(t, parent);
	addr = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	fill(addr, 3);
	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);
	old = migrate_at(t, parent, addr);
	now = follow_page(parent, addr);
	KTEST_ASSERT_NOT_NULL(t, now);
	KTEST_EXPECT_PTR_NE(t, now, old);
	KTEST_EXPECT_PTR_EQ(t, follow_page(child, addr), now);
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(parent, addr)));
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(child, addr)));
	KTEST_EXPECT_EQ(t, page_mapcount(now), 2);
	expect_invariants(t);
	use_mm(child);			/* the child writes: its own copy */
	put_u32(addr, 0xc0ffee);
	KTEST_EXPECT_PTR_NE(t, follow_page(child, addr), now);
	use_mm(parent);
	KTEST_EXPECT_TRUE(t, intact(addr, 3));
	mmput(child);
	leave_mm(t, parent);
}

/* A cache page whose write to swap is in flight moves once it is done. */
static void a_page_under_write_io_moves_when_written(struct ktest *t)
{
	struct page *page, *now;
	swp_entry_t entry;
	unsigned long addr;
	struct mm_struct *mm = mm_with_swapped_page(t, 9, &addr, &entry);
	LIST_HEAD(l);

	if (!mm)
		return;
	page = find_swap_page(entry);
	put_page(page);			/* the cache holds it */
	if (!ktest_lock_page(t, page, "its write, as page_launder's"))
		return;
	swap_cache_start_io(page, WRITE);
	rw_swap_page(WRITE, page);
	KTEST_ASSERT_TRUE(t, isolated_for_test(t, page));
	list_add(&page->lru, &l);
	KTEST_EXPECT_EQ(t, migrate_pages(&l, new_page, 0), 0);
	putback_lru_pages(&l);
	now = find_swap_page(entry);
	KTEST_ASSERT_NOT_NULL(t, now);
	KTEST_EXPECT_PTR_NE(t, now, page);
	KTEST_EXPECT_FALSE(t, PageDirty(now) || PageWriteback(now));
	put_page(now);
	expect_invariants(t);
	KTEST_EXPECT_TRUE(t, intact(addr, 9));	/* mapped from the cache */
	leave_mm(t, mm);
}

#define SWAPPED_PAGES	64

/* In the lower half of its zone, which compaction's free scanner
 * (working down from the top) never reaches for a few pages. */
static bool in_lower_half(struct page *page)
{
	zone_t *zone = page_zone(page);

	return page - zone->zone_mem_map < (long)zone->size / 2;
}

/*
 * Pages swapped out and still in the swap cache, mapped by nobody
 * (their PTEs are swap entries), are movable too: compaction takes
 * them (Linux's isolate_lru_page takes any page on an LRU list) and
 * their slots follow them.  Every one that the migrate scanner passes
 * moves (those in the lower half of their zone, at least).
 */
static void compaction_moves_unmapped_swap_cache_pages(struct ktest *t)
{
	struct page *old[SWAPPED_PAGES];
	swp_entry_t entry[SWAPPED_PAGES];
	struct compact_stats st = { 0 };
	unsigned long addr, low = 0, low_moved = 0, moved = 0;
	struct mm_struct *mm;
	pg_data_t *pgdat;

	mm = enter_swapping_mm(t);
	if (!mm)
		return;
	addr = do_mmap(0, SWAPPED_PAGES * PAGE_SIZE, RW, PRIVATE_ANON);
	for (unsigned int i = 0; i < SWAPPED_PAGES; i++) {
		fill(addr + i * PAGE_SIZE, i);
		old[i] = swap_out_page(mm, addr + i * PAGE_SIZE);
		entry[i] = pte_to_swp_entry(*pte_of(mm, addr + i * PAGE_SIZE));
		KTEST_ASSERT_TRUE(t, PageSwapCache(old[i]));
		KTEST_ASSERT_EQ(t, old[i]->rmap, 0);
		low += in_lower_half(old[i]);
	}
	for_each_pgdat(pgdat)
		for (int j = 0; j < MAX_NR_ZONES; j++)
			if (pgdat->node_zones[j].realsize)
				compact_zone(&pgdat->node_zones[j], -1, &st);
	for (unsigned int i = 0; i < SWAPPED_PAGES; i++) {
		struct page *now = find_swap_page(entry[i]);

		KTEST_ASSERT_NOT_NULL(t, now);
		moved += now != old[i];
		low_moved += now != old[i] && in_lower_half(old[i]);
		put_page(now);
	}
	ktest_log(t, "%lu of %d unmapped swap-cache pages moved, %lu of the "
		  "%lu in the lower half of their zone", moved, SWAPPED_PAGES,
		  low_moved, low);
	KTEST_EXPECT_GT(t, moved, 0);
	KTEST_EXPECT_EQ(t, low_moved, low);
	expect_invariants(t);
	for (unsigned int i = 0; i < SWAPPED_PAGES; i++)	/* swapped in */
		KTEST_EXPECT_TRUE(t, intact(addr + i * PAGE_SIZE, i));
	leave_mm(t, mm);
}

/* ------------------------------------------------ held open */

struct held {
	struct list_head list;
	int rc;
};

static int migrate_thread(void *arg)
{
	struct held *h = arg;

	h->rc = migrate_pages(&h->list, new_page, 0);
	putback_lru_pages(&h->list);
	return 0;
}

/* True once task pid has exited (or is gone). */
static bool thread_ended(int pid)
{
	struct task_struct *p = find_task_by_pid(pid);

	return !p || p->state == TASK_ZOMBIE;
}

/*
 * Starts moving pages[0..n) in a thread that sleeps between steps 15
 * and 16 of each (migrate_hold_ms), and returns once the first is held
 * there: the thread's pid, or -1.  The thread sleeps nowhere else, so
 * once it has locked the first page (step 1) it is in the hold.  A
 * thread that ends first never got there (unmap_and_move() or a step
 * before the hold backed out): the case fails saying so, where waiting
 * for the lock would hang the suite until its time limit.
 */
static int start_held_migration(struct ktest *t, struct held *h,
				struct page **pages, int n)
{
	int pid;

	INIT_LIST_HEAD(&h->list);
	for (int i = 0; i < n; i++) {
		if (!pages[i] || !isolated_for_test(t, pages[i]))
			return -1;
		list_add_tail(&pages[i]->lru, &h->list);
	}
	migrate_hold_ms = 300;
	pid = kernel_thread(migrate_thread, h, "migrate");
	for (long i = 0; pid > 0 && !PageLocked(pages[0]) &&
	     !thread_ended(pid) && i < KTEST_CHILD_SECONDS * HZ; i++)
		schedule_timeout_uninterruptible(1);
	migrate_hold_ms = 0;
	if (pid > 0 && !PageLocked(pages[0])) {
		ktest_exit_code(t, pid);
		ktest_fail(t, __FILE__, __LINE__, "migrate_pages: returned %d "
			   "before the page reached the hold between steps "
			   "15 and 16 (a step before it backed out)", h->rc);
		return -1;
	}
	return pid;
}

/* The same for the one page mapped at addr. */
static int hold_migration_at(struct ktest *t, struct held *h,
			     struct mm_struct *mm, unsigned long addr)
{
	struct page *page = follow_page(mm, addr);

	return start_held_migration(t, h, &page, 1);
}

/*
 * A process touches the page while it is being moved: it finds a
 * migration entry, sleeps on the page lock (migration_entry_wait) and,
 * once the move is done, finds the new page with the same bytes.
 */
static void a_fault_waits_for_the_migration(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	struct page *old;
	unsigned long addr, j;
	struct held h;
	int pid;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	fill(addr, 5);
	old = follow_page(mm, addr);
	pid = hold_migration_at(t, &h, mm, addr);
	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_EXPECT_TRUE(t, is_write_migration_entry(pte_to_swp_entry(
		*pte_of(mm, addr))));
	KTEST_EXPECT_NULL(t, follow_page(mm, addr));
	expect_invariants(t);		/* consistent mid-migration too */
	j = jiffies;
	KTEST_EXPECT_EQ(t, get_u32(addr), 5 << 16);	/* waits */
	KTEST_EXPECT_GT(t, jiffies, j);			/* it slept */
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_EQ(t, h.rc, 0);
	KTEST_EXPECT_PTR_NE(t, follow_page(mm, addr), old);
	KTEST_EXPECT_TRUE(t, intact(addr, 5));
	expect_mapped_once(t, mm, addr);
	expect_invariants(t);
	leave_mm(t, mm);
}

/* fork while a page is held in migration: the child's PTE follows too,
 * and the write entry became read-only on both sides. */
static void fork_during_a_migration_copies_its_entry(struct ktest *t)
{
	struct mm_struct *parent = enter_new_mm(), *child;
	unsigned long addr;
	struct held h;
	struct page *now;
	int pid;

	KTEST_ASSERT_NOT_NULL(t, parent);
	addr = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	fill(addr, 6);
	pid = hold_migration_at(t, &h, parent, addr);
	KTEST_ASSERT_TRUE(t, pid > 0);
	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_TRUE(t, pte_is_migration(*pte_of(child, addr)));
	KTEST_EXPECT_FALSE(t, is_write_migration_entry(pte_to_swp_entry(
		*pte_of(parent, addr))));
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_EQ(t, h.rc, 0);
	now = follow_page(parent, addr);
	KTEST_ASSERT_NOT_NULL(t, now);
	KTEST_EXPECT_PTR_EQ(t, follow_page(child, addr), now);
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(child, addr)));
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(parent, addr)));
	KTEST_EXPECT_EQ(t, page_mapcount(now), 2);
	expect_invariants(t);
	use_mm(child);
	KTEST_EXPECT_TRUE(t, intact(addr, 6));
	use_mm(parent);
	mmput(child);
	KTEST_EXPECT_TRUE(t, intact(addr, 6));
	leave_mm(t, parent);
}

/* The process unmaps the page while it is being moved: its migration
 * entry goes, and the move ends with both pages freed. */
static void munmap_during_a_migration_frees_both_pages(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr, free;
	struct page *old;
	struct held h;
	int pid;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	fill(addr, 8);
	old = follow_page(mm, addr);
	pid = hold_migration_at(t, &h, mm, addr);
	KTEST_ASSERT_TRUE(t, pid > 0);
	free = nr_free_pages();
	KTEST_EXPECT_EQ(t, do_munmap(mm, addr, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->rss, 0);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_EQ(t, h.rc, 0);
	KTEST_EXPECT_EQ(t, page_count(old), 0);		/* freed */
	KTEST_EXPECT_GE(t, nr_free_pages(), free + 1);	/* and the new one */
	expect_invariants(t);
	leave_mm(t, mm);
}

/* The process mremap()s the page away while it is being moved: the
 * migration entry and its rmap entry go with the PTE (mm/mremap.c),
 * and the move ends with the new page mapped at the new address. */
static void mremap_during_a_migration_moves_its_entry(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr, to;
	struct page *old;
	struct held h;
	int pid;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	fill(addr, 9);
	old = follow_page(mm, addr);
	to = addr + 64 * PAGE_SIZE;
	pid = hold_migration_at(t, &h, mm, addr);
	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_EXPECT_EQ(t, sys_mremap(addr, PAGE_SIZE, PAGE_SIZE,
				      MREMAP_MAYMOVE | MREMAP_FIXED, to), to);
	KTEST_EXPECT_TRUE(t, pte_is_migration(*pte_of(mm, to)));
	KTEST_EXPECT_EQ(t, old->rmap, (unsigned long)pte_of(mm, to));
	expect_invariants(t);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_EQ(t, h.rc, 0);
	KTEST_EXPECT_PTR_NE(t, follow_page(mm, to), old);
	KTEST_EXPECT_TRUE(t, intact(to, 9));
	expect_mapped_once(t, mm, to);
	KTEST_EXPECT_EQ(t, mm->rss, 1);
	expect_invariants(t);
	leave_mm(t, mm);
}

/*
 * A migration entry left behind (a mover that unlocked its page without
 * replacing the entries: a broken remove_migration_ptes) is stale: a
 * fault on it is VM_FAULT_SIGBUS at once, where it waited on the
 * unlocked page and asked to be taken again, for ever; the invariant
 * checker names it.  Then the entry is put right.
 */
static void a_stale_migration_entry_is_refused(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	struct page *page;
	unsigned long addr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	fill(addr, 9);
	page = follow_page(mm, addr);
	KTEST_ASSERT_NOT_NULL(t, page);
	get_page(page);
	if (!ktest_lock_page(t, page, "unmapping it"))
		return;
	try_to_unmap(page);
	unlock_page(page);			/* the entry is stale now */
	KTEST_ASSERT_TRUE(t, pte_is_migration(*pte_of(mm, addr)));
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, find_vma(mm, addr), addr, 0),
			VM_FAULT_SIGBUS);
	KTEST_EXPECT_NE(t, check_mm_invariants(), 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(mm_invariant_report,
					"stale migration entry"));
	if (!ktest_lock_page(t, page, "removing its migration entries"))
		return;
	remove_migration_ptes(page, page);
	unlock_page(page);
	put_page(page);
	KTEST_EXPECT_TRUE(t, intact(addr, 9));
	expect_mapped_once(t, mm, addr);
	expect_invariants(t);
	leave_mm(t, mm);
}

/*
 * swapoff while a migration is held open (last: the area is swapped on
 * again for what follows).  Two swap-cache pages are being moved: the
 * first, mapped, is held between steps 15 and 16 (its PTE a migration
 * entry, its slot already the new page's); the second, swapped out
 * (its PTE a swap entry), waits its turn, isolated.  swapoff brings the
 * second back at once, waits on the first's lock for its slot, and
 * takes both out of the swap cache; both moves end, every byte intact.
 */
static void swapoff_during_a_migration_loses_nothing(struct ktest *t)
{
	struct page *pages[2];
	const char *disk;
	unsigned long addr;
	struct mm_struct *mm;
	struct held h;
	int pid;

	mm = enter_swapping_mm(t);
	if (!mm)
		return;
	addr = do_mmap(0, 2 * PAGE_SIZE, RW, PRIVATE_ANON);
	for (unsigned int i = 0; i < 2; i++) {
		fill(addr + i * PAGE_SIZE, i);
		pages[i] = swap_out_page(mm, addr + i * PAGE_SIZE);
	}
	disk = swap_info[SWP_TYPE(pte_to_swp_entry(*pte_of(mm, addr)))]
		.bdev->name;
	KTEST_ASSERT_TRUE(t, intact(addr, 0));	/* mapped from the cache */
	KTEST_ASSERT_TRUE(t, PageSwapCache(pages[0]));
	pid = start_held_migration(t, &h, pages, 2);
	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_EXPECT_TRUE(t, pte_is_migration(*pte_of(mm, addr)));
	KTEST_EXPECT_EQ(t, sys_swapoff(disk), 0);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_EQ(t, h.rc, 0);
	for (unsigned int i = 0; i < 2; i++) {
		unsigned long a = addr + i * PAGE_SIZE;
		struct page *now = follow_page(mm, a);

		KTEST_ASSERT_NOT_NULL(t, now);
		KTEST_EXPECT_PTR_NE(t, now, pages[i]);
		KTEST_EXPECT_FALSE(t, PageSwapCache(now));
		expect_mapped_once(t, mm, a);
		KTEST_EXPECT_TRUE(t, intact(a, i));
	}
	KTEST_EXPECT_EQ(t, mm->rss, 2);
	expect_invariants(t);
	leave_mm(t, mm);
	KTEST_EXPECT_EQ(t, sys_swapon(disk, -1), 0);
}

static const struct ktest_case migrate_cases[] = {
	KTEST_CASE(anonymous_pages_move_with_every_byte),
	KTEST_CASE(a_swap_cache_page_moves_with_its_slot),
	KTEST_CASE(a_page_shared_after_fork_moves_for_both),
	KTEST_CASE(a_page_under_write_io_moves_when_written),
	KTEST_CASE(compaction_moves_unmapped_swap_cache_pages),
	KTEST_CASE(a_fault_waits_for_the_migration),
	KTEST_CASE(fork_during_a_migration_copies_its_entry),
	KTEST_CASE(munmap_during_a_migration_frees_both_pages),
	KTEST_CASE(mremap_during_a_migration_moves_its_entry),
	KTEST_CASE(a_stale_migration_entry_is_refused),
	KTEST_CASE(swapoff_during_a_migration_loses_nothing),
};
KTEST_SUITE(migrate, migrate_cases);
