/*
 * Migration entries (Linux 2.6.16+'s include/linux/swapops.h; 2.4.0
 * has no page migration).  While migrate_pages() moves a page (seed
 * steps 4 to 16), each PTE that mapped it holds a swap entry of a type
 * above the real areas, whose offset is the page's frame number:
 *
 *	SWP_MIGRATION_READ	the PTE was read-only
 *	SWP_MIGRATION_WRITE	the PTE was writable
 *
 * so that step 16 gives back write access only where there was some
 * (a page shared copy-on-write after fork must stay read-only).  Bit 7
 * (_PAGE_PROTNONE) stays clear, so pte_present() is false, and a fault
 * on it waits for the page lock (migration_entry_wait, mm/memory.c).
 * A migration entry holds no page reference and no swap slot.
 */
#ifndef MM_SWAPOPS_H
#define MM_SWAPOPS_H

#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/swap.h"

#define SWP_MIGRATION_READ	MAX_SWAPFILES
#define SWP_MIGRATION_WRITE	(MAX_SWAPFILES + 1)

static inline bool is_migration_entry(swp_entry_t entry)
{
	return SWP_TYPE(entry) == SWP_MIGRATION_READ ||
	       SWP_TYPE(entry) == SWP_MIGRATION_WRITE;
}

static inline bool is_write_migration_entry(swp_entry_t entry)
{
	return SWP_TYPE(entry) == SWP_MIGRATION_WRITE;
}

static inline swp_entry_t make_migration_entry(struct page *page, bool write)
{
	return SWP_ENTRY(write ? SWP_MIGRATION_WRITE : SWP_MIGRATION_READ,
			 page_to_pfn(page));
}

static inline struct page *migration_entry_to_page(swp_entry_t entry)
{
	return pfn_to_page(SWP_OFFSET(entry));
}

/* A non-present, non-none PTE that is a migration entry. */
static inline bool pte_is_migration(pte_t pte)
{
	return pte_val(pte) && !(pte_val(pte) & (_PAGE_PRESENT |
						 _PAGE_PROTNONE)) &&
	       is_migration_entry(pte_to_swp_entry(pte));
}

#endif
