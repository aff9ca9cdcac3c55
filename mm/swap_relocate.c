/*
 * A swap-cache page whose slot failed gets another one.  Linux 2.4.0
 * has no counterpart: it left a page whose write failed clean, its
 * data lost, and handed the slot out again.
 *
 * mm/page_io.c flags a page whose write alone failed on the disk
 * (PG_bad_slot).  Before such a page is written again, swap_writepage()
 * asks swap_write_needs_new_slot(), which marks its slot bad in the swap
 * map (settle_bad_slot()) and takes out of use an area whose writes
 * keep failing.  A page whose slot is marked bad then gets a new one
 * from relocate_swap_page(): get_swap_page(), so from another area when
 * this one has none left.
 *
 * The page may already be named by swap PTEs of its old slot: one for
 * each process that had it mapped when try_to_swap_out() unmapped it
 * (after fork, several; swap_map counts them).  Nothing good is on the
 * old slot, so they must come to the new one.  There were two ways:
 *  - keep the old entry working: a table that sends faults on the old
 *    slot to the new one, which do_swap_page(), swapoff, fork and exit
 *    would all have to consult for as long as such a PTE lives (no
 *    Linux has such a thing);
 *  - find those PTEs and change them, as swapoff's try_to_unuse() finds
 *    the PTEs of an area: with no reverse map in 2.4, a walk of every
 *    process's page tables.
 * We walk (redirect_swap_ptes()).  A failed write is rare, and a walk
 * of the page tables is cheap next to the disk's retry; afterwards the
 * state is the plain one every other function expects (each swap PTE
 * names a slot that holds its data, swap_map counts them); and the walk
 * does not sleep, so nobody sees a page half moved: a fault that slept
 * on the old entry finds its PTE changed and faults again on the new.
 * A dead disk costs about SWAP_MAX_WRITE_ERRORS walks before its area
 * goes out of use.
 */
#include "drivers/blkdev.h"
#include "kernel/kernel.h"
#include "mm/mm.h"
#include "mm/mm_types.h"
#include "mm/pgtable.h"
#include "mm/swap.h"

/*
 * Must the locked swap-cache page get another slot before it is
 * written?  Yes if its slot is marked bad: a write of it alone failed
 * (PG_bad_slot, marked now), or its area went out of use.  An area with
 * SWAP_MAX_WRITE_ERRORS write requests failed in a row goes out of use
 * here, and says so once: from then on it takes no page, as if full.
 */
bool swap_write_needs_new_slot(struct page *page)
{
	swp_entry_t entry = { page->index };
	struct swap_info_struct *p = &swap_info[SWP_TYPE(entry)];

	if (!swap_entry_used(entry))		/* rw_swap_page says why */
		return false;
	if (PageBadSlot(page))		/* rare: no call for the others */
		settle_bad_slot(page);
	if (p->write_errors >= SWAP_MAX_WRITE_ERRORS && !p->out_of_use) {
		swap_area_out_of_use(p);
		if (p->out_of_use)
			swap_error_always("%s: %u writes failed in a row: out "
					  "of use (what is on it can still be "
					  "read back; swapoff takes it away)",
					  p->bdev->name, p->write_errors);
	}
	return swap_slot_marked_bad(entry);
}

struct redirect {
	swp_entry_t from, to;
};

/* A swap PTE naming r->from names r->to now (walk_swap_ptes). */
static int redirect_pte(pte_t *pte, unsigned long addr __unused, void *arg)
{
	struct redirect *r = arg;

	if (pte_val(*pte) == r->from.val) {
		swap_duplicate(r->to);
		set_pte(pte, swp_entry_to_pte(r->to));
		swap_free(r->from);
	}
	return 0;
}

/*
 * Every swap PTE of every process that names slot `from` names `to`
 * instead, and the slots' counts follow.  Does not sleep.  A non-present
 * PTE is in no TLB, so nothing is flushed.
 */
static void redirect_swap_ptes(swp_entry_t from, swp_entry_t to)
{
	struct redirect r = { from, to };
	struct list_head *pos;

	list_for_each(pos, &mmlist)
		walk_swap_ptes(list_entry(pos, struct mm_struct, mmlist),
			       redirect_pte, &r);
}

/*
 * Gives the locked swap-cache page a new slot in place of its old one,
 * which is marked bad: the swap cache and every swap PTE move to the
 * new slot, and the old one, left without users, is bad for good.  The
 * page's data is in memory only: the caller writes it.  0, or -ENOSPC
 * if swap has no free slot (the page keeps its old one), or -ENOMEM.
 */
int relocate_swap_page(struct page *page)
{
	swp_entry_t old = { page->index }, new = get_swap_page();

	if (!new.val)
		return -ENOSPC;
	if (swap_cache_move(page, new)) {
		swap_free(new);
		return -ENOMEM;
	}
	redirect_swap_ptes(old, new);
	swap_free(old);			/* the cache's: its last user */
	swap_error("page of %s slot %lu moved to %s slot %lu",
		   swap_info[SWP_TYPE(old)].bdev->name, SWP_OFFSET(old),
		   swap_info[SWP_TYPE(new)].bdev->name, SWP_OFFSET(new));
	return 0;
}
