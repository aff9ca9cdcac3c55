/*
 * struct page, mem_map and the page allocator's interface (Linux
 * 2.4's include/linux/mm.h and the GFP part of mm.h/slab.h).
 *
 * One struct page describes each physical page frame; they all live
 * in mem_map[], indexed by page frame number.  The allocator hands
 * out blocks of 1 << order pages with alloc_pages() and takes them
 * back with __free_pages(); see mm/page_alloc.c.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "lib/compiler.h"
#include "lib/list.h"
#include "mm/mmzone.h"
#include "mm/page.h"

struct address_space;

/*
 * The 2.4 fields, in 36 bytes on i386 (2.4's own was 64: it also had
 * next_hash, pprev_hash, buffers and virtual, and a full wait queue),
 * and the reverse map's word: 40.
 * How it got small:
 *  - zone is a one-byte index into zone_table[] (page_zone()), not a
 *    pointer;
 *  - there is no virtual: page_address() computes the address of a
 *    low-memory page from its frame number, and looks a kmapped
 *    HIGHMEM page up in mm/highmem.c's small table (what Linux does
 *    without WANT_PAGE_VIRTUAL);
 *  - age (at most PAGE_AGE_MAX = 64) is one byte;
 *  - wait counts the tasks sleeping on the page lock; the queues
 *    themselves are hashed by page (as Linux 2.6 does), so a page
 *    pays 2 bytes instead of a whole wait_queue_head_t;
 *  - no page-cache hash links or buffer heads (no file cache here).
 * The reverse map (mm/rmap.c) takes the 4 bytes left to 40: one word
 * that is a PTE pointer or a tagged pte_chain pointer.
 */
struct page {
	struct list_head list;		/* free list, or the mapping's list;
					 * slab pages: cache and slab */
	union {
		struct address_space *mapping;	/* swapper_space for swap
						 * cache */
		struct mm_struct *pt_mm;	/* a page table: its owner
						 * (mm/rmap.c) */
	};
	unsigned long index;		/* offset in mapping (swap entry);
					 * free block: its order; page
					 * table: the address it starts at */
	int count;			/* references; 0 = free */
	unsigned long flags;		/* PG_* bits below */
	struct list_head lru;		/* active/inactive_* list */
	unsigned char zone_id;		/* index in zone_table[] */
	unsigned char age;		/* PAGE_AGE_* (mm/swap.h) */
	unsigned short wait;		/* tasks waiting for PG_locked */
	unsigned long rmap;		/* the PTEs mapping it (mm/rmap.c) */
};

/* Page flags: 2.4.0's bit numbers, and ours above them. */
#define PG_locked		 0	/* I/O or migration in progress */
#define PG_error		 1
#define PG_referenced		 2
#define PG_uptodate		 3
#define PG_dirty		 4
#define PG_decr_after		 5
#define PG_active		 6	/* on active_list */
#define PG_inactive_dirty	 7	/* on inactive_dirty_list */
#define PG_slab			 8	/* owned by mm/slab.c */
#define PG_swap_cache		 9
#define PG_skip			10
#define PG_inactive_clean	11	/* on its zone's inactive_clean_list */
#define PG_highmem		12	/* in ZONE_HIGHMEM: no fixed address */
#define PG_writeback		13	/* ours: write to swap in flight */
#define PG_buddy		14	/* ours: head of a free block, order
					 * in page->index (page_alloc.c) */
#define PG_poisoned		15	/* ours: debug builds, filled with
					 * PAGE_POISON while free */
#define PG_isolated		16	/* ours: taken off the lists by
					 * isolate_lru_page (mm/migrate.c) */
#define PG_was_active		17	/* ours: isolated from active_list */
#define PG_bad_slot		18	/* ours: a write of this swap-cache
					 * page alone failed: its slot is bad
					 * (mm/page_io.c) */
#define PG_reserved		31	/* never freed: not RAM, kernel... */

/*
 * PageLocked(p), SetPageLocked(p), ClearPageLocked(p),
 * TestSetPageLocked(p), TestClearPageLocked(p) and so on.  The
 * read-modify-write is one atomic instruction, so an interrupt
 * handler changing another bit of the same page loses nothing.
 */
#define PAGE_FLAG(Name, bit)						\
static inline bool Page##Name(const struct page *p)			\
{ return (p->flags >> (bit)) & 1; }					\
static inline void SetPage##Name(struct page *p)			\
{ __atomic_fetch_or(&p->flags, 1UL << (bit), __ATOMIC_RELAXED); }	\
static inline void ClearPage##Name(struct page *p)			\
{ __atomic_fetch_and(&p->flags, ~(1UL << (bit)), __ATOMIC_RELAXED); }	\
static inline bool TestSetPage##Name(struct page *p)			\
{ return (__atomic_fetch_or(&p->flags, 1UL << (bit),			\
			    __ATOMIC_RELAXED) >> (bit)) & 1; }		\
static inline bool TestClearPage##Name(struct page *p)			\
{ return (__atomic_fetch_and(&p->flags, ~(1UL << (bit)),		\
			     __ATOMIC_RELAXED) >> (bit)) & 1; }

PAGE_FLAG(Locked, PG_locked)
PAGE_FLAG(Error, PG_error)
PAGE_FLAG(Referenced, PG_referenced)
PAGE_FLAG(Uptodate, PG_uptodate)
PAGE_FLAG(Dirty, PG_dirty)
PAGE_FLAG(DecrAfter, PG_decr_after)
PAGE_FLAG(Active, PG_active)
PAGE_FLAG(InactiveDirty, PG_inactive_dirty)
PAGE_FLAG(Slab, PG_slab)
PAGE_FLAG(SwapCache, PG_swap_cache)
PAGE_FLAG(InactiveClean, PG_inactive_clean)
PAGE_FLAG(HighMem, PG_highmem)
PAGE_FLAG(Writeback, PG_writeback)
PAGE_FLAG(Buddy, PG_buddy)
PAGE_FLAG(Poisoned, PG_poisoned)
PAGE_FLAG(Isolated, PG_isolated)
PAGE_FLAG(WasActive, PG_was_active)
PAGE_FLAG(BadSlot, PG_bad_slot)
PAGE_FLAG(Reserved, PG_reserved)

/*
 * The page lock's operations (2.4's TryLockPage, lock_page,
 * UnlockPage/unlock_page, wait_on_page) are real functions in
 * mm/filemap.c: unlocking must also wake the waiters.
 */

/* ------------------------------------------------------ mem_map */

extern struct page *mem_map;		/* one per frame, 0 .. max_mapnr-1 */
extern unsigned long max_mapnr;
extern unsigned long num_physpages;	/* present RAM pages */
extern unsigned long totalram_pages;	/* pages given to the allocator */
extern unsigned long totalhigh_pages;	/* of which HIGHMEM */

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_mapnr;
}

static inline zone_t *page_zone(const struct page *page)
{
	return zone_table[page->zone_id];
}

void *highmem_page_address(const struct page *page);	/* mm/highmem.c */

/* The page's kernel address; NULL for a HIGHMEM page not kmapped. */
static inline void *page_address(const struct page *page)
{
	if (unlikely(PageHighMem(page)))
		return highmem_page_address(page);
	return __va(page_to_pfn(page) << PAGE_SHIFT);
}

/* Only for direct-mapped (low memory) addresses. */
static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(__pa(addr) >> PAGE_SHIFT);
}

/* ------------------------------------------------------ references */

static inline int page_count(const struct page *page)
{
	return __atomic_load_n(&page->count, __ATOMIC_RELAXED);
}

static inline void set_page_count(struct page *page, int v)
{
	__atomic_store_n(&page->count, v, __ATOMIC_RELAXED);
}

static inline void get_page(struct page *page)
{
	__atomic_add_fetch(&page->count, 1, __ATOMIC_RELAXED);
}

/* True when this put dropped the last reference. */
static inline bool put_page_testzero(struct page *page)
{
	return __atomic_sub_fetch(&page->count, 1, __ATOMIC_RELAXED) == 0;
}

/* ------------------------------------------------------ GFP */

#define __GFP_WAIT	0x01	/* may sleep and reclaim */
#define __GFP_HIGH	0x02	/* high priority */
#define __GFP_IO	0x04	/* may start I/O (swap out) */
#define __GFP_DMA	0x08	/* from ZONE_DMA only */
#define __GFP_HIGHMEM	0x10	/* ZONE_HIGHMEM allowed */
/*
 * Only the node asked for, never another (Linux 2.6.18's bit; 2.4.0
 * has none, its zonelists hold one node each).  Page migration's
 * targets need it: a page moved "to node 1" must land on node 1.
 */
#define __GFP_THISNODE	0x20

/*
 * GFP_BUFFER may sleep and reclaim, but neither start I/O nor wait for
 * kswapd: __alloc_pages sends it to try_to_free_pages, which reclaims
 * in the caller without writing.  2.4.0 allocates the buffer heads of
 * swap I/O so (brw_page); Pagoda, the request of swap I/O (page_io.c),
 * whose pages may already be locked in the cache, not yet sent.
 */
#define GFP_BUFFER	(__GFP_HIGH | __GFP_WAIT)
#define GFP_ATOMIC	(__GFP_HIGH)
#define GFP_KERNEL	(__GFP_HIGH | __GFP_WAIT | __GFP_IO)
#define GFP_USER	(__GFP_WAIT | __GFP_IO)
#define GFP_HIGHUSER	(GFP_USER | __GFP_HIGHMEM)
#define GFP_KSWAPD	(__GFP_IO)
#define GFP_DMA		__GFP_DMA

/* Which zonelist a gfp_mask asks for. */
static inline int gfp_zone(unsigned int gfp_mask)
{
	if (gfp_mask & __GFP_DMA)
		return ZONE_DMA;
	if (gfp_mask & __GFP_HIGHMEM)
		return ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

extern int cpu_node;			/* mm/numa.c */

/* The node the CPU sits on; inline, as 2.4's macro is: every
 * allocation asks. */
static inline int numa_node_id(void)
{
	return cpu_node;
}

struct page *alloc_pages(unsigned int gfp_mask, unsigned long order);
struct page *alloc_pages_node(int nid, unsigned int gfp_mask,
			      unsigned long order);
struct page *alloc_pages_pgdat(pg_data_t *pgdat, unsigned int gfp_mask,
			       unsigned long order);
struct page *__alloc_pages(unsigned int gfp_mask, unsigned long order,
			   zonelist_t *zonelist);
unsigned long __get_free_pages(unsigned int gfp_mask, unsigned long order);
unsigned long get_zeroed_page(unsigned int gfp_mask);
void __free_pages(struct page *page, unsigned long order);
void free_pages(unsigned long addr, unsigned long order);

static inline struct page *alloc_page(unsigned int gfp_mask)
{
	return alloc_pages(gfp_mask, 0);
}

static inline unsigned long __get_free_page(unsigned int gfp_mask)
{
	return __get_free_pages(gfp_mask, 0);
}

void __free_page(struct page *page);

static inline void free_page(unsigned long addr)
{
	free_pages(addr, 0);
}

/* 2.4: dropping a reference frees the page when it was the last. */
static inline void put_page(struct page *page)
{
	__free_page(page);
}

unsigned long nr_free_pages(void);
unsigned long nr_free_highpages(void);
struct sysinfo;
void si_meminfo(struct sysinfo *val);		/* kernel/info.c */
void si_swapinfo(struct sysinfo *val);
void do_sysinfo(struct sysinfo *val);

void mem_init(void);		/* mm/init.c: the allocator is ready after */

#endif
