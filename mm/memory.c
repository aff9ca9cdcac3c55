/*
 * Demand paging and copy-on-write (mm/memory.c in Linux 2.4).
 *
 * A user page gets memory only when it is first touched: the fault
 * handler (mm/fault.c) finds the VMA and calls handle_mm_fault(),
 * which looks at the PTE:
 *   - none: do_anonymous_page(): a read maps the shared zero page
 *     read-only, a write maps a new zeroed page;
 *   - not present but not none: the page is in swap, do_swap_page()
 *     reads it back (with its neighbours: swapin_readahead());
 *   - present, write to a read-only PTE in a writable VMA:
 *     do_wp_page(): copy-on-write.  fork() (copy_page_range) shares
 *     every page between parent and child, read-only; the first write
 *     on either side copies the page, unless nobody else maps it any
 *     more, in which case the PTE just becomes writable.
 *
 * Single CPU, not preemptible (kernel/sched.h): where an allocation
 * may sleep, the PTE is checked again afterwards (2.4 dropped
 * page_table_lock there for the same reason).
 */
#include "mm/memory.h"
#include "mm/vmstat.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "drivers/blkdev.h"
#include "mm/filemap.h"
#include "mm/highmem.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/swapops.h"
#include "mm/vmtrace.h"

/* The PTE for address if its page table exists, else NULL. */
static pte_t *find_pte(struct mm_struct *mm, unsigned long address)
{
	pmd_t *pmd = pmd_offset(pgd_offset(mm, address), address);

	if (pmd_none(*pmd) || pmd_bad(*pmd))
		return NULL;
	return pte_offset(pmd, address);
}

/* Mapped read-only wherever anonymous memory is read before written. */
char empty_zero_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* The page's mapping reference goes; the zero page has none. */
static void release_mapped_page(struct page *page)
{
	if (!PageReserved(page))
		put_page(page);
}

/*
 * First touch of an anonymous page.  Reads share the zero page (no
 * memory used, rss unchanged); a write gets a page of its own.  No TLB
 * flush, as in 2.4.0: the PTE was none, and x86 caches no translation
 * for a PTE that is not present (whoever took a page away flushed it
 * then: zap_page_range, try_to_swap_out, try_to_unmap_one).  Pagoda
 * flushed here too, one invlpg per page memhog 96M touches first.
 */
static int do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma,
			     pte_t *page_table, int write_access)
{
	pte_t entry = pte_wrprotect(mk_pte(ZERO_PAGE(), vma->vm_page_prot));

	if (write_access) {
		struct page *page = alloc_page(GFP_HIGHUSER);

		if (!page)
			return VM_FAULT_OOM;
		if (!pte_none(*page_table)) {	/* mapped while we slept */
			__free_page(page);
			return VM_FAULT_MINOR;
		}
		clear_highpage(page);
		entry = pte_mkwrite(pte_mkdirty(mk_pte(page,
						       vma->vm_page_prot)));
		mm->rss++;
		page_add_rmap(page, page_table);	/* its first PTE */
	}
	set_pte(page_table, entry);
	return VM_FAULT_MINOR;
}

/* Points the PTE at a private copy of the page, writable. */
static void break_cow(struct vm_area_struct *vma, struct page *old_page,
		      struct page *new_page, unsigned long address,
		      pte_t *page_table)
{
	if (PageReserved(old_page)) {
		clear_highpage(new_page);	/* it was the zero page */
	} else {
		copy_highpage(new_page, old_page);
		page_remove_rmap(old_page, page_table);
	}
	set_pte(page_table, pte_mkwrite(pte_mkdirty(
		mk_pte(new_page, vma->vm_page_prot))));
	page_add_rmap(new_page, page_table);
	flush_tlb_page(vma, address);
}

/*
 * May this mapping take the swap-cache page old_page for itself on a
 * write?  Yes if nobody else uses it: only the cache and this mapping
 * hold it, and no swap PTE holds its slot (2.4's do_wp_page, case 2).
 * It then leaves the cache and frees its slot, whose copy this write
 * makes stale.  Departure: 2.4.0 keeps page and slot in the cache and
 * rewrites the slot at the next swap-out, so every page that was ever
 * swapped holds a slot while in memory, and swap fills with data that
 * RAM holds anyway; Linux 2.6.28's reuse_swap_page() frees it.
 */
static bool swap_cache_page_is_ours(struct page *old_page)
{
	bool ours;

	if (!PageSwapCache(old_page) || page_count(old_page) != 2 ||
	    TryLockPage(old_page))
		return false;
	ours = remove_exclusive_swap_page(old_page);
	unlock_page(old_page);
	return ours;
}

/*
 * do_wp_page's first case: if the page of the present, read-only pte
 * is ours alone (only this mapping holds it, besides the swap cache's
 * reference when nobody else holds the slot), the PTE becomes
 * writable and dirty at once.  False, nothing changed, if someone
 * else uses the page (shared since fork, or the zero page).
 */
static bool reuse_page_for_write(struct vm_area_struct *vma,
				 unsigned long address, pte_t *page_table,
				 pte_t pte)
{
	struct page *page = pte_page(pte);

	if (PageReserved(page) || (page_count(page) != 1 &&
				   !swap_cache_page_is_ours(page)))
		return false;
	set_pte(page_table, pte_mkyoung(pte_mkdirty(pte_mkwrite(pte))));
	flush_tlb_page(vma, address);
	return true;
}

/*
 * A write to a present, read-only PTE in a writable VMA: the page is
 * made writable if it is ours (reuse_page_for_write), else copied.
 */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long address, pte_t *page_table, pte_t pte)
{
	struct page *old_page = pte_page(pte), *new_page;

	if (reuse_page_for_write(vma, address, page_table, pte))
		return VM_FAULT_MINOR;
	new_page = alloc_page(GFP_HIGHUSER);
	if (!new_page)
		return VM_FAULT_OOM;
	if (pte_val(*page_table) != pte_val(pte)) {	/* changed: retry */
		__free_page(new_page);
		return VM_FAULT_MINOR;
	}
	if (PageReserved(old_page))
		mm->rss++;
	break_cow(vma, old_page, new_page, address, page_table);
	release_mapped_page(old_page);
	return VM_FAULT_MINOR;
}

/* LAB swapin: BEGIN swapin_readahead */
/* How many of the nr slots from first's need reading into the cache. */
static unsigned int slots_to_read(swp_entry_t first, unsigned int nr)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < nr; i++)
		n += swap_entry_needs_read(SWP_ENTRY(SWP_TYPE(first),
						     SWP_OFFSET(first) + i));
	return n;
}

/* Up to n new pages into pool (fewer if memory runs out): how many. */
static unsigned int alloc_readahead_pages(struct page **pool, unsigned int n)
{
	unsigned int got = 0;

	while (got < n && (pool[got] = alloc_page(GFP_HIGHUSER)))
		got++;
	return got;
}

/* Sends the read of n cache pages in consecutive slots; lets go of them. */
static void read_run(struct page **run, unsigned int n)
{
	if (!n)
		return;
	rw_swap_pages(READ, run, n);
	while (n)
		page_cache_release(run[--n]);
}

/*
 * Reads the slots around entry's into the swap cache, as few requests
 * as possible (2.4's swapin_readahead): the window that
 * valid_swaphandles() finds in use (the aligned block of
 * 1 << page_cluster slots, or more for a reader in order).
 * Pages in consecutive slots go in one request, so a process that
 * reads its memory back in order mostly finds it in the cache.
 * Slots already cached break the run.  The pages stay in the cache
 * (active, with the cache's reference) for do_swap_page() to find.
 *
 * Every page is allocated first, and only then are they put in the
 * cache and their reads sent, with nothing in between that sleeps.  A
 * page in the cache is locked until its read is done, and whoever
 * faults on its slot sleeps in lock_page.  If it stayed locked, its
 * read not sent, while the next page's allocation waited for kswapd,
 * a fork relative faulting on that slot could not die when the OOM
 * killer chose it; while it is dying, out_of_memory() is false and
 * every allocation waits (mm/page_alloc.c): nobody would ever move.
 * (Sending a run may wait for room on the disk, which only the disk
 * gives: that run is on its way, the next one not yet in the cache.)
 * 2.4.0 sends each page's read as soon as the page is in the cache.
 */
void swapin_readahead(swp_entry_t entry)
{
	struct page *pool[BLK_MAX_SEGS];	/* a window's most */
	unsigned int type = SWP_TYPE(entry), used = 0, run = 0, got, most = 0;
	unsigned long offset;
	unsigned int num = valid_swaphandles(entry, &offset);

	if (!num)
		return;
	num = min(num, (unsigned int)ARRAY_SIZE(pool));
	got = alloc_readahead_pages(pool, slots_to_read(SWP_ENTRY(type, offset),
							num));
	/*
	 * We may have slept: each slot is asked again as its page goes in,
	 * and the disk's request size is read as a run starts, when a slot
	 * was just found in use (swapoff may have taken the area away, and
	 * swapon given its number to another disk, while we slept).
	 */
	for (unsigned int i = 0; i < num && used < got; i++) {
		swp_entry_t slot = SWP_ENTRY(type, offset + i);
		bool added = swap_cache_add_for_read(pool[used], slot);

		if (added) {
			if (!run)
				most = min((unsigned int)BLK_MAX_SEGS,
					   swap_info[type].bdev->max_segs);
			used++;
			run++;
		}
		if (!added || run == most) {
			read_run(pool + used - run, run);
			run = 0;
		}
	}
	read_run(pool + used - run, run);
	while (got > used)	/* slots read or freed meanwhile, or no memory */
		__free_page(pool[--got]);
}
/* LAB swapin: END swapin_readahead */

/*
 * The nr slots from first's, read ahead of a reader in order, are about
 * to be used: each page starts as if found used once (the age
 * lookup_swap_cache() gives a page it finds).  With the age a new page
 * has, refill_inactive_scan() took them before the reader got there:
 * the pages the reader has mapped (swap_fault_around) are the only
 * others on the active list that it could take, and they are mapped;
 * under memhog 96M in 64 MiB a third of the windows read ahead were
 * lost so and read again.
 */
static void age_read_ahead(swp_entry_t first, unsigned long nr)
{
	age_swap_cache_range(first, nr, PAGE_AGE_START + PAGE_AGE_ADV);
}

/* The slots a read-ahead window holds now (valid_swaphandles). */
static unsigned long readahead_window(void)
{
	return max(1UL << page_cluster, (unsigned long)swapin_window);
}

/*
 * A reader in order hit its read-ahead: the next window is twice as
 * large, up to what one request to entry's disk carries (whole blocks
 * of 1 << page_cluster, at most swapin_readahead's BLK_MAX_SEGS), as
 * Linux 2.6.23's get_next_ra_size() grows a file's window.
 */
static void ramp_up_window(swp_entry_t entry)
{
	unsigned long block = 1UL << page_cluster;
	struct block_device *bdev = swap_info[SWP_TYPE(entry)].bdev;
	unsigned long most;

	if (!bdev)
		return;
	most = min((unsigned long)BLK_MAX_SEGS,
		   (unsigned long)bdev->max_segs) & ~(block - 1);
	swapin_window = max(block, min(2 * readahead_window(), most));
}

/*
 * A fault whose page is not in the swap cache has to wait for its read:
 * read-ahead, if any, missed, and the window starts again from 2.4's
 * block (Linux 2.6.23 starts a file's window afresh on a miss too).
 */
static void restart_window_on_miss(swp_entry_t entry)
{
	struct page *page = find_swap_page(entry);

	if (page)
		page_cache_release(page);
	else
		swapin_window = 0;
}

/*
 * Where read-ahead goes on for a reader in order: the swap entry of
 * the first PTE after ptep's (up to two windows on, in the same VMA
 * and page table) whose slot needs reading; 0 if there is none.
 * Found by address, not by slot: a process's pages lie in order on
 * swap only within a run of slots (scan_swap_map hands out 257 in a
 * row, then starts the next run in the first empty stretch), so at
 * each run's end the next pages are somewhere else on the disk.
 * The next block by slot there holds other pages, or none, and the
 * reader took a major fault at each such jump (memhog 96M 3 in 64 MiB:
 * 490-590 a run, read ahead so; 7-8 read ahead by address).  Linux
 * 4.14's VMA-based swap read-ahead
 * (swap_vma_readahead) likewise finds what to read through the PTEs
 * after the fault.
 */
static swp_entry_t next_entry_to_read(struct vm_area_struct *vma,
				      unsigned long address, pte_t *ptep)
{
	unsigned long n = 2 * readahead_window();

	while (--n) {
		address += PAGE_SIZE;
		ptep++;
		if (address >= vma->vm_end || !(address & ~PGDIR_MASK))
			break;
		if (pte_none(*ptep) || pte_present(*ptep) ||
		    pte_is_migration(*ptep))
			continue;
		if (swap_entry_needs_read(pte_to_swp_entry(*ptep)))
			return pte_to_swp_entry(*ptep);
	}
	return (swp_entry_t){ 0 };
}

/*
 * Read-ahead that runs ahead of a sequential reader.  2.4's
 * swapin_readahead() reads only at a major fault, and the process then
 * waits for the whole window; a process that reads its memory back in
 * order so waits once per window.  Here a swap fault with the page
 * before the faulting address mapped (the process is walking
 * forwards) also reads the next window without waiting, from the
 * first slot that the PTEs after the fault need read
 * (next_entry_to_read): the process works through the pages read
 * before while the disk reads these.  Each such read doubles the
 * window, up to the disk's request size, and a fault that must read
 * starts it again (ramp_up_window, restart_window_on_miss): 64-page
 * requests instead of 16 for memhog.  The idea is Linux 2.6.23's
 * on-demand read-ahead for files (an asynchronous read started on a
 * hit inside the last window, each one larger); Linux 4.14's swap
 * read-ahead by VMA judges "sequential" by the fault addresses, as the
 * mapped previous page does here, and reads what the PTEs after the
 * fault need.  Random access rarely finds the page before mapped.
 */
static void swapin_readahead_async(struct mm_struct *mm,
				   struct vm_area_struct *vma,
				   unsigned long address, pte_t *ptep)
{
	swp_entry_t ahead;

	if (address < PAGE_SIZE || !follow_page(mm, address - PAGE_SIZE))
		return;
	ahead = next_entry_to_read(vma, address, ptep);
	if (!ahead.val)
		return;
	ramp_up_window(ahead);
	swapin_readahead(ahead);
	age_read_ahead(ahead, readahead_window());
}

/*
 * Maps the page of ptep's swap entry if read-ahead left it in the swap
 * cache, read and idle (unlocked), and mapped by nobody (a page shared
 * after fork would need an rmap chain node, which may sleep): as
 * do_swap_page() would on a read fault, read-only, but with the PTE
 * old, so that swap_out() sees it unused until the process touches it.
 * For a writer (writes_what_it_reads) a page nobody else holds is
 * mapped as the write fault to come would leave it: out of the cache,
 * its slot freed, writable and dirty (still old).  False if it did not
 * map the page.
 */
static bool map_cached_swap_page(struct mm_struct *mm,
				 struct vm_area_struct *vma, pte_t *ptep,
				 bool writer)
{
	swp_entry_t entry;
	struct page *page;
	pte_t pte;

	if (pte_none(*ptep) || pte_present(*ptep) || pte_is_migration(*ptep))
		return false;
	entry = pte_to_swp_entry(*ptep);
	page = find_swap_page(entry);
	if (!page)
		return false;
	if (TryLockPage(page)) {
		page_cache_release(page);
		return false;
	}
	if (!PageUptodate(page) || page->rmap || PageIsolated(page) ||
	    !still_cached_for(page, entry)) {
		unlock_page(page);
		page_cache_release(page);
		return false;
	}
	mm->rss++;
	swap_free(entry);	/* the PTE's; our reference replaces it */
	pte = pte_mkold(mk_pte(page, vma->vm_page_prot));
	if (writer && remove_exclusive_swap_page(page))
		pte = pte_mkwrite(pte_mkdirty(pte));
	else if (vm_swap_full())
		remove_exclusive_swap_page(page);
	set_pte(ptep, pte);
	page_add_rmap(page, ptep);
	unlock_page(page);
	vmtrace(page, "faulted_cached");
	return true;
}

/*
 * Fault-around for swap: after a fault on a swap entry, the PTEs that
 * follow it (up to the read-ahead window's size, in the same VMA and
 * page table) whose pages read-ahead has brought in are mapped too,
 * until the first that is not.  A process reading its memory back in
 * order then faults once per window, not once per page.  2.4 has no
 * such thing; Linux 3.15's do_fault_around() maps the page-cache pages
 * around a fault of a file mapping the same way (anonymous and swap
 * pages it leaves alone).  Under QEMU's TCG a fault costs about as much
 * as clearing a page, so this halves memhog's faults under pressure.
 */
static void swap_fault_around(struct mm_struct *mm,
			      struct vm_area_struct *vma,
			      unsigned long address, pte_t *ptep, bool writer)
{
	unsigned long n = readahead_window() - 1;

	while (n--) {
		address += PAGE_SIZE;
		ptep++;
		if (address >= vma->vm_end || !(address & ~PGDIR_MASK) ||
		    !map_cached_swap_page(mm, vma, ptep, writer))
			return;
	}
}

/* A locked page whose read failed leaves the cache, and is unlocked. */
static void drop_unread(struct page *page)
{
	if (PageSwapCache(page))
		delete_from_swap_cache_nolock(page);
	unlock_page(page);
	page_cache_release(page);
}

/*
 * The locked page's read failed.  It may have been read ahead with
 * its neighbours, in one request that failed as a whole on another
 * page's sector: so it leaves the cache, and this slot alone is read
 * once more.  Returns the page, locked and up to date, or NULL if the
 * slot itself cannot be read.  (2.4 mapped such a page, garbage and
 * all.)  do_swap_page and swapoff's unuse_pte both come here.
 */
struct page *read_alone(struct page *page, swp_entry_t entry)
{
	drop_unread(page);
	page = read_swap_cache_async(entry);
	if (!page)
		return NULL;
	lock_page(page);
	if (PageUptodate(page))
		return page;
	drop_unread(page);
	return NULL;
}

/*
 * A fault on a migration entry: the page is being moved (seed step 4,
 * "any process touching it now waits for the page lock").  Sleep
 * until the mover unlocks it (step 19), holding a reference so that
 * it cannot be freed and reused under us; then the fault is taken
 * again and finds the PTE that step 16 made, to the new page.
 * (Linux 2.6.18's migration_entry_wait.)
 *
 * The mover holds the page lock from step 1 until every entry is gone
 * (step 16, or the back-out), and nothing runs between our look at
 * the PTE and here; so an entry whose page is unlocked is stale: no
 * one will ever replace it, and waiting would fault again for ever.
 * Later Linux treats that as a kernel bug (migration_entry_to_page()'s
 * BUG_ON(!PageLocked)); here the faulting process is killed (SIGBUS),
 * or a system call gets EFAULT, with the reason said.
 */
int migration_entry_wait(pte_t pte, unsigned long address)
{
	struct page *page = migration_entry_to_page(pte_to_swp_entry(pte));

	if (!PageLocked(page)) {
		printk(KERN_ERR "%s[%d]: stale migration entry at %08lx "
		       "(pfn %#lx, not locked: no migration holds it): "
		       "killed\n", current->comm, current->pid, address,
		       page_to_pfn(page));
		return VM_FAULT_SIGBUS;
	}
	get_page(page);
	wait_on_page(page);
	put_page(page);
	return VM_FAULT_MINOR;
}

/*
 * A fault on a swap entry (2.4's do_swap_page): the page is in the
 * swap cache (still there, or brought in by an earlier read-ahead), or
 * it is read, with its neighbours, by swapin_readahead().  It is
 * mapped and the PTE's reference on the slot dropped; the page stays
 * in the swap cache, so if it is swapped out again unchanged nothing
 * needs writing (unless nobody else holds the slot and a write, or
 * swap more than half full, frees it: see below).  A write fault makes
 * it writable at once if nobody else uses it.  A slot that cannot be read kills the process
 * (SIGBUS): its data is gone, and nobody else's is touched.
 */
int do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma,
		 unsigned long address, pte_t *page_table, pte_t orig_pte,
		 int write_access)
{
	/* LAB swapin: BEGIN do_swap_page */
	swp_entry_t entry = pte_to_swp_entry(orig_pte);
	int ret = VM_FAULT_MINOR;
	struct page *page;
	pte_t pte;

	/* a swap PTE always holds its slot */
	if (!swap_entry_used(entry)) {
		printk(KERN_ERR "%s[%d]: bad swap entry %08lx at %08lx: "
		       "killed\n", current->comm, current->pid, entry.val,
		       address);
		return VM_FAULT_SIGBUS;
	}
	page = lookup_swap_cache(entry);
	if (!page) {
		swapin_readahead(entry);
		page = read_swap_cache_async(entry);
		if (!page)	/* swapped in by someone else, or no memory */
			return pte_val(*page_table) == pte_val(orig_pte)
				? VM_FAULT_OOM : VM_FAULT_MINOR;
		ret = VM_FAULT_MAJOR;
		count_vm_event(PGMAJFAULT);
	}
	lock_page(page);	/* waits for the read */
	if (!PageUptodate(page))
		page = read_alone(page, entry);
	if (page && !still_cached_for(page, entry)) {
		/* migrated while we slept: fault again, find the new one */
		unlock_page(page);
		page_cache_release(page);
		return VM_FAULT_MINOR;
	}
	/* the rmap may need a node: allocate now, before the last look */
	if (page && pte_chain_prepare()) {
		unlock_page(page);
		page_cache_release(page);
		return VM_FAULT_OOM;
	}
	if (pte_val(*page_table) != pte_val(orig_pte)) {
		/* someone else mapped it while we slept */
		if (page) {
			unlock_page(page);
			page_cache_release(page);
		}
		return VM_FAULT_MINOR;
	}
	if (!page) {
		printk(KERN_ERR "%s[%d]: swap entry %08lx at %08lx could not "
		       "be read back in: killed\n", current->comm,
		       current->pid, entry.val, address);
		return VM_FAULT_SIGBUS;
	}
	mm->rss++;
	pte = mk_pte(page, vma->vm_page_prot);
	swap_free(entry);	/* the PTE's; our page reference replaces it */
	/* departure: the slot goes if nobody else holds it and a write
	 * is about to make it stale (Linux 2.6.28) or swap is short
	 * (2.4.17); 2.4.0 keeps it as long as the page is in memory */
	if (write_access || vm_swap_full())
		remove_exclusive_swap_page(page);
	if (write_access && !is_page_shared(page))
		pte = pte_mkwrite(pte_mkdirty(pte));
	unlock_page(page);
	set_pte(page_table, pte);
	page_add_rmap(page, page_table);
	/* mapped again: straight from the swap cache, or read from disk */
	vmtrace(page, ret == VM_FAULT_MAJOR ? "faulted_read" : "faulted_cached");
	return ret;
	/* LAB swapin: END do_swap_page */
}

/*
 * Will the process write the pages a fault on a swap entry at address
 * maps?  Yes if the fault is a write; and on a read, if the page
 * before address is mapped writable and dirty: the process writes the
 * pages it walks through in order (memhog checks each page, then
 * writes it).  Each page it reads would then take a write-protect
 * fault right after its swap fault, or after swap_fault_around mapped
 * it read-only: in memhog 96M 3 in 64 MiB, 49000 of 78000 faults.
 * Departure: 2.4.0 and Linux up to 6.10 map a page read on a read
 * fault read-only whatever comes next; Linux 6.11 (commit
 * c18160dba5ff, "reuse exclusive folio directly instead of wp page
 * faults") maps a page nobody else holds writable but clean, leaving
 * it in the swap cache, its PTE's dirty bit to tell a write.  Pagoda
 * cannot: a page in the swap cache is on the active list, which only
 * refill_inactive_scan ages, and it deactivates no mapped page; tried,
 * memhog's written pages stayed there, reclaim took the pages read
 * ahead instead, and major faults went from 400 to 23000 per run.  So
 * only where a write is foreseen does a page leave the cache at once,
 * as the write fault would have taken it; a wrong guess costs one
 * write of a page whose copy on disk was good.
 */
static bool writes_what_it_reads(struct mm_struct *mm,
				 struct vm_area_struct *vma,
				 unsigned long address, int write_access)
{
	pte_t *prev;

	if (!(vma->vm_flags & VM_WRITE))
		return false;
	if (write_access)
		return true;
	if (address < vma->vm_start + PAGE_SIZE)	/* no page before */
		return false;
	prev = find_pte(mm, address - PAGE_SIZE);
	return prev && pte_present(*prev) && pte_write(*prev) &&
	       pte_dirty(*prev);
}

/*
 * do_swap_page (first, a fault that must read restarts the read-ahead
 * window), then what follows a fault that mapped its page: for a
 * process that writes what it reads, the page taken for writing now
 * (as the write fault to come would); the pages that follow mapped
 * (swap_fault_around), which does not sleep; and the next window read
 * ahead (swapin_readahead_async), which may.
 */
static int swap_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long address, pte_t *pte, pte_t entry,
		      int write_access)
{
	int ret;
	bool writer;

	restart_window_on_miss(pte_to_swp_entry(entry));
	ret = do_swap_page(mm, vma, address, pte, entry, write_access);

	if ((ret == VM_FAULT_MINOR || ret == VM_FAULT_MAJOR) &&
	    pte_present(*pte)) {
		writer = writes_what_it_reads(mm, vma, address, write_access);
		if (writer && !pte_write(*pte))
			reuse_page_for_write(vma, address, pte, *pte);
		swap_fault_around(mm, vma, address, pte, writer);
		swapin_readahead_async(mm, vma, address, pte);
	}
	return ret;
}

static int handle_pte_fault(struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long address, int write_access,
			    pte_t *pte)
{
	pte_t entry = *pte;

	if (!pte_present(entry)) {
		/* no file mappings: 2.4's do_no_page() is the anonymous case */
		if (pte_none(entry))
			return do_anonymous_page(mm, vma, pte, write_access);
		if (pte_is_migration(entry))
			return migration_entry_wait(entry, address);
		return swap_fault(mm, vma, address, pte, entry, write_access);
	}
	if (write_access) {
		if (!pte_write(entry))
			return do_wp_page(mm, vma, address, pte, entry);
		entry = pte_mkdirty(entry);
	}
	/* present and allowed: a stale TLB entry, or young/dirty to set */
	set_pte(pte, pte_mkyoung(entry));
	flush_tlb_page(vma, address);
	return VM_FAULT_MINOR;
}

/*
 * Makes `address` in vma accessible (for writing if write_access).
 * The caller (do_page_fault) has checked the VMA allows the access.
 */
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, int write_access)
{
	pgd_t *pgd = pgd_offset(mm, address);
	pmd_t *pmd = pmd_offset(pgd, address);
	pte_t *pte = pte_alloc(mm, pmd, address);

	count_vm_event(PGFAULT);
	if (!pte)
		return VM_FAULT_OOM;
	return handle_pte_fault(mm, vma, address, write_access, pte);
}

/* The page mapped at address, or NULL (for tests and debugging). */
struct page *follow_page(struct mm_struct *mm, unsigned long address)
{
	pte_t *pte = find_pte(mm, address);

	if (!pte || !pte_present(*pte))
		return NULL;
	return pte_page(*pte);
}

/*
 * fork() meets a page being migrated: the child gets the same entry;
 * in a copy-on-write mapping a write entry becomes a read entry on
 * both sides, as a writable PTE would become read-only.
 */
static void copy_migration_pte(pte_t *src_pte, pte_t *dst_pte, bool cow)
{
	swp_entry_t entry = pte_to_swp_entry(*src_pte);
	struct page *page = migration_entry_to_page(entry);

	if (cow && is_write_migration_entry(entry)) {
		entry = make_migration_entry(page, false);
		set_pte(src_pte, swp_entry_to_pte(entry));
	}
	set_pte(dst_pte, swp_entry_to_pte(entry));
	page_add_rmap(page, dst_pte);
}

/*
 * fork(): copies vma's PTEs from src to dst.  In a private writable
 * mapping both sides become read-only (copy-on-write); each page gets
 * one more reference and counts in the child's rss.  A swapped-out
 * page's entry is copied too: its slot gets one more user
 * (swap_duplicate), and whoever faults first reads it in.  A page
 * being migrated (a migration entry) gets the child's PTE in its
 * rmap, so that the end of the migration maps it there too.  A failed
 * allocation returns -ENOMEM with nothing half-copied: the caller
 * then tears the child's mm down (exit_mmap).
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma)
{
	bool cow = (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;

	for (unsigned long addr = vma->vm_start; addr < vma->vm_end;
	     addr += PAGE_SIZE) {
		pte_t *src_pte = find_pte(src, addr), *dst_pte, pte;
		struct page *page;

		if (!src_pte) {		/* no page table: skip 4 MiB */
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		if (pte_none(*src_pte))
			continue;
		dst_pte = pte_alloc(dst, pmd_offset(pgd_offset(dst, addr),
						    addr), addr);
		if (!dst_pte || pte_chain_prepare())
			return -ENOMEM;
		/* read after sleeping: reclaim may have swapped it out */
		pte = *src_pte;
		if (pte_none(pte))
			continue;
		if (pte_is_migration(pte)) {
			copy_migration_pte(src_pte, dst_pte, cow);
			continue;
		}
		if (!pte_present(pte)) {
			swap_duplicate(pte_to_swp_entry(pte));
			set_pte(dst_pte, pte);
			continue;
		}
		page = pte_page(pte);
		if (cow) {
			ptep_set_wrprotect(src_pte);
			pte = pte_wrprotect(pte);
		}
		if (!PageReserved(page)) {
			get_page(page);
			dst->rss++;
			page_add_rmap(page, dst_pte);
		}
		set_pte(dst_pte, pte_mkold(pte));
	}
	flush_tlb_mm(src);
	return 0;
}

/*
 * Unmaps [address, address + size).  Pages lose the mapping's
 * reference, and swap entries their slot's; a page or slot nobody
 * else uses leaves the swap cache now (free_page_and_swap_cache,
 * free_swap_and_cache).
 */
void zap_page_range(struct mm_struct *mm, unsigned long address,
		    unsigned long size)
{
	unsigned long end = address + size;

	for (unsigned long addr = address; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = find_pte(mm, addr), pte;

		if (!ptep) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		pte = ptep_get_and_clear(ptep);
		if (pte_none(pte))
			continue;
		if (pte_is_migration(pte)) {	/* no reference, no slot */
			page_remove_rmap(migration_entry_to_page(
				pte_to_swp_entry(pte)), ptep);
			continue;
		}
		if (!pte_present(pte)) {
			free_swap_and_cache(pte_to_swp_entry(pte));
			continue;
		}
		if (!PageReserved(pte_page(pte))) {
			page_remove_rmap(pte_page(pte), ptep);
			free_page_and_swap_cache(pte_page(pte));
			mm->rss--;
		}
	}
	flush_tlb_mm(mm);
}

/* At exit, after every VMA is gone: frees the user page tables. */
void clear_page_tables(struct mm_struct *mm)
{
	for (unsigned i = 0; i < USER_PTRS_PER_PGD; i++) {
		pmd_t *pmd = (pmd_t *)(mm->pgd + i);

		if (pmd_none(*pmd))
			continue;
		pte_free(pmd_page(*pmd));
		pmd_clear(pmd);
	}
}
