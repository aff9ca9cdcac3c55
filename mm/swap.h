/*
 * Swap: entries and areas, page aging and reclaim (Linux 2.4's
 * include/linux/swap.h, and the swap-entry part of
 * include/asm-i386/pgtable.h).  mm/swapfile.c holds the swap areas,
 * mm/swap.c the page lists and aging, mm/vmscan.c reclaim.
 *
 * A swap entry names one page-sized slot: (type, offset) = (which swap
 * area, which page of it).  When a page is swapped out, its PTE is
 * replaced by the entry, so the entry must look like a non-present
 * PTE: bit 0 (P) clear, never 0 (0 means "never mapped").
 *
 *	31                                   8 7 6           1 0
 *	+--------------------------------------+-+-------------+-+
 *	|            offset (24 bits)          |0|  type (6)   |0|
 *	+--------------------------------------+-+-------------+-+
 *
 * This is Linux 2.4.0's i386 layout (SWP_TYPE = bits 1-6, SWP_OFFSET =
 * bits 8-31).  Bit 7 stays clear because 2.4 uses it as _PAGE_PROTNONE
 * in non-present PTEs.  (Later kernels moved the offset to bit 9 when
 * PROT_NONE took bit 8; some notes quote that later layout, we follow the
 * 2.4 source that students read beside ours.)  Slot 0 of every area
 * holds the header and is never handed out, so no entry is ever 0.
 */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include "lib/compiler.h"
#include "kernel/kernel.h"
#include "kernel/x86.h"
#include "mm/internal.h"
#include "mm/mmzone.h"
#include "mm/page.h"
#include "mm/pagemap.h"
#include "mm/vmtrace.h"

typedef struct {
	unsigned long val;
} swp_entry_t;

#define SWP_TYPE(x)		(((x).val >> 1) & 0x3f)
#define SWP_OFFSET(x)		((x).val >> 8)
#define SWP_ENTRY(type, offset)						\
	((swp_entry_t){ ((unsigned long)(type) << 1) |			\
			((unsigned long)(offset) << 8) })
#define pte_to_swp_entry(pte)	((swp_entry_t){ pte_val(pte) })
#define swp_entry_to_pte(x)	__pte((x).val)

/* Slots an entry can name: 24 bits of offset. */
#define SWP_OFFSET_LIMIT	(1UL << 24)

/* Entry types above the real areas are free for migration entries. */
#define MAX_SWAPFILES		8

/*
 * swap_map[offset] counts the users of a slot: one per swap PTE, plus
 * one while the page is in the swap cache.  A count that reaches
 * SWAP_MAP_MAX sticks there (the slot then stays used until swapoff);
 * SWAP_MAP_BAD marks the header slot and the bad pages, and slots
 * whose I/O failed (mm/page_io.c).  A slot in use that fails keeps
 * its count in the low bits beside SWAP_MAP_BAD (swap_map_count()),
 * and becomes SWAP_MAP_BAD alone, never free, when its last user
 * lets go.  (2.4 marks only the header's bad pages.)
 */
#define SWAP_MAP_MAX		0x7fff
#define SWAP_MAP_BAD		0x8000

/* The users a swap_map value counts, bad or not. */
static inline unsigned int swap_map_count(unsigned short map)
{
	return map & ~SWAP_MAP_BAD;
}

/* Write requests that fail in a row, with no good write between, before
 * an area is taken out of use (swap_area_out_of_use). */
#define SWAP_MAX_WRITE_ERRORS	32

/* get_swap_page hands out this many slots in a row before it looks
 * for a fresh empty run (2.4's clustering, for fewer disk seeks). */
#define SWAPFILE_CLUSTER	256

#define SWP_USED		1
#define SWP_WRITEOK		3	/* used and open for new slots */

struct block_device;

struct swap_info_struct {
	unsigned int flags;		/* SWP_USED, SWP_WRITEOK */
	struct block_device *bdev;	/* 2.4: swap_device */
	unsigned short *swap_map;	/* max counters, one per slot */
	unsigned short *users;		/* scratch: the invariant checker
					 * counts each slot's users here */
	unsigned int map_order;		/* swap_map: 2^map_order pages */
	unsigned int lowest_bit;	/* no free slot below this */
	unsigned int highest_bit;	/* no free slot above this */
	unsigned int cluster_next;	/* next slot of the current run */
	unsigned int cluster_nr;	/* slots left in the current run */
	int prio;			/* higher is used first */
	int pages;			/* usable slots (not header, bad) */
	unsigned long max;		/* slots, 0 .. max - 1 */
	int next;			/* next area in swap_list, or -1 */
	unsigned int write_errors;	/* write requests failed since the
					 * last good one (I/O completions) */
	unsigned int found_bad;		/* slots marked bad since swapon */
	bool out_of_use;		/* writes kept failing: every slot
					 * is marked bad */
};

/*
 * The areas in use, linked through ->next in decreasing priority.
 * next is where get_swap_page starts: it moves round-robin among the
 * areas of the highest priority that still have room.
 */
struct swap_list_t {
	int head;
	int next;
};

/*
 * Page 0 of a swap area as util-linux mkswap writes it (2.4's union
 * swap_header plus the uuid and label that mkswap adds): the signature
 * in the last 10 bytes, the rest at byte 1024 (after room for a boot
 * sector and disk label).
 */
#define SWAP_MAGIC_LEN		10
#define SWAP_BOOTBITS		1024

union swap_header {
	struct {
		char reserved[PAGE_SIZE - SWAP_MAGIC_LEN];
		char magic[SWAP_MAGIC_LEN];	/* "SWAPSPACE2" */
	} magic;
	struct {
		char bootbits[SWAP_BOOTBITS];
		uint32_t version;		/* 1 */
		uint32_t last_page;		/* last usable page */
		uint32_t nr_badpages;
		unsigned char uuid[16];
		char volume_name[16];
		uint32_t padding[117];
		uint32_t badpages[1];		/* nr_badpages of them */
	} info;
};

/* As many bad-page numbers as fit between the list and the magic. */
#define MAX_SWAP_BADPAGES						\
	((PAGE_SIZE - SWAP_MAGIC_LEN -					\
	  offsetof(union swap_header, info.badpages)) / sizeof(uint32_t))

extern struct swap_info_struct swap_info[MAX_SWAPFILES];
extern unsigned int nr_swapfiles;
extern struct swap_list_t swap_list;
extern long nr_swap_pages;		/* free slots in all areas */
extern long total_swap_pages;		/* usable slots in all areas */

/*
 * More than half of the slots are in use: swap-in then frees the slot
 * of a page nobody else holds (remove_exclusive_swap_page).  Not in
 * 2.4.0; Linux 2.4.17 has it, with the same meaning.
 */
static inline bool vm_swap_full(void)
{
	return nr_swap_pages * 2 < total_swap_pages;
}

/*
 * Whether entry names a slot in use, asked quietly (swap_count() and
 * friends report a bad entry as a bug; here it is a question: swap-in
 * asks it of slots that may have been freed while it slept).  2.4.0
 * has no such question; inline, as swap-in asks it of every slot of a
 * read-ahead window.
 */
static inline bool swap_entry_used(swp_entry_t entry)
{
	unsigned long type = SWP_TYPE(entry), offset = SWP_OFFSET(entry);

	if (type >= nr_swapfiles || !(swap_info[type].flags & SWP_USED) ||
	    offset >= swap_info[type].max)
		return false;
	return swap_map_count(swap_info[type].swap_map[offset]);
}

/* Whether entry names a slot in use that failed (quietly, as
 * swap_entry_used()); inline, as each swap write asks it. */
static inline bool swap_slot_marked_bad(swp_entry_t entry)
{
	return swap_entry_used(entry) &&
	       (swap_info[SWP_TYPE(entry)].swap_map[SWP_OFFSET(entry)] &
		SWAP_MAP_BAD);
}

int swap_count_bad_entry(swp_entry_t entry);

/*
 * The number of users of a slot in use, or 0 (2.4: swap_count), with
 * a message if entry is not one (swap_info_get()'s).  Inline: reclaim
 * asks it about four times per page it writes (page_launder() of each
 * page it may write or drop, the write's completion, the fault that
 * takes the page back for writing).
 */
static inline int swap_count(swp_entry_t entry)
{
	if (likely(swap_entry_used(entry)))
		return swap_map_count(swap_info[SWP_TYPE(entry)]
				      .swap_map[SWP_OFFSET(entry)]);
	return swap_count_bad_entry(entry);
}

swp_entry_t get_swap_page(void);
int swap_duplicate(swp_entry_t entry);
void swap_free(swp_entry_t entry);
bool swap_entry_writable(swp_entry_t entry);
bool mark_swap_slot_bad(swp_entry_t entry);
void swap_area_out_of_use(struct swap_info_struct *p);

int swap_header_check(const union swap_header *h, uint64_t disk_pages,
		      char *why, size_t len);
int setup_swap_area(struct swap_info_struct *p, const union swap_header *h,
		    unsigned long max, unsigned short *map);
void enable_swap_area(struct swap_info_struct *p, int prio);
void relist_swap_area(struct swap_info_struct *p);
int unlist_swap_area(struct swap_info_struct *p);
int disable_swap_area(struct swap_info_struct *p);
unsigned long swap_area_used(const struct swap_info_struct *p);
unsigned long swap_area_bad_in_use(const struct swap_info_struct *p);
struct swap_info_struct *alloc_swap_info(void);
void free_swap_info(struct swap_info_struct *p);
int check_swap_invariants(char *why, size_t len);

/* Swapping areas on and off (mm/swapon.c). */
int sys_swapon(const char *name, int prio);
int sys_swapoff(const char *name);
void swap_init(void);
struct swap_info_struct *swap_info_of(const struct block_device *bdev);

/* Swap I/O (mm/page_io.c): page->index holds the page's swap entry. */
struct page;
void rw_swap_page(int rw, struct page *page);
void rw_swap_pages(int rw, struct page **pages, unsigned int nr);
void swap_plug(void);
void swap_unplug(void);
int rw_swap_page_sync(int rw, struct page *page);
int swap_writepage(struct page *page);
void swap_error(const char *fmt, ...) __printf(1, 2);
void swap_error_always(const char *fmt, ...) __printf(1, 2);

/* A page whose slot failed gets another (mm/swap_relocate.c). */
bool swap_write_needs_new_slot(struct page *page);
int relocate_swap_page(struct page *page);

/* The swap cache (mm/swap_state.c). */
struct address_space;
extern struct address_space swapper_space;

/*
 * Where an entry's page sits in the radix tree: the slot's offset,
 * with the area's type above its 24 bits.  Not the entry's value
 * itself, whose offset starts at bit 8 (the PTE format, above):
 * consecutive slots would be 256 apart, and every page would need a
 * tree node of its own.  (2.4 hashes the entry instead: no such key.)
 */
static inline unsigned long swap_cache_key(swp_entry_t entry)
{
	return SWP_TYPE(entry) << 24 | SWP_OFFSET(entry);
}

int add_to_swap_cache(struct page *page, swp_entry_t entry);
struct page *lookup_swap_cache(swp_entry_t entry);
void age_swap_cache_range(swp_entry_t first, unsigned long nr, int age);

/*
 * Is the locked page still entry's page in the swap cache?  While we
 * slept in lock_page, page migration may have put another page in its
 * place (seed step 9) and emptied this one (step 14), as 2.4's
 * lookup_swap_cache rechecks after it slept for the same reason
 * (there, the page may have left the cache).
 * Inline: fault-around asks it for every page it maps.
 */
static inline bool still_cached_for(struct page *page, swp_entry_t entry)
{
	return PageSwapCache(page) && page->index == entry.val;
}

void set_page_dirty(struct page *page);
void delete_from_swap_cache_nolock(struct page *page);
int swap_cache_move(struct page *page, swp_entry_t entry);
void settle_bad_slot(struct page *page);
void free_page_and_swap_cache(struct page *page);
void free_swap_and_cache(swp_entry_t entry);

/* Drops a page-cache reference (2.4's page_cache_release, a macro in
 * its pagemap.h; the seed has try_to_swap_out end with it). */
static inline void page_cache_release(struct page *page)
{
	put_page(page);
}

bool is_page_shared(struct page *page);
bool remove_exclusive_swap_page(struct page *page);
void swap_cache_start_io(struct page *page, int rw);
void swap_cache_end_io(struct page *page);
struct page *read_swap_cache_async(swp_entry_t entry);
bool swap_entry_needs_read(swp_entry_t entry);
bool swap_cache_add_for_read(struct page *page, swp_entry_t entry);
void swapin_readahead(swp_entry_t entry);
struct page *read_alone(struct page *page, swp_entry_t entry);
int valid_swaphandles(swp_entry_t entry, unsigned long *offset);
extern unsigned int swapin_window;

/* A page's age: set on free, raised when referenced, halved on scans. */
#define PAGE_AGE_START	2
#define PAGE_AGE_ADV	3
#define PAGE_AGE_MAX	64

struct page;

/* The page lists and aging (mm/swap.c). */
extern struct list_head active_list;
extern struct list_head inactive_dirty_list;

/*
 * Every change to the lists happens under lru_lock(), Pagoda's
 * stand-in for 2.4's pagemap_lru_lock, which also guards
 * swapper_space's clean, dirty and locked lists: those an I/O
 * completion changes from its interrupt handler, so on one CPU
 * disabling interrupts is the whole lock.  Inline, as 2.4.0's
 * spin_lock() is (nothing at all on one CPU).
 */
static inline uint32_t lru_lock(void)
{
	return local_irq_save();
}

static inline void lru_unlock(uint32_t flags)
{
	local_irq_restore(flags);
}

/*
 * The page cached for entry, with a reference for the caller, or NULL;
 * unlike lookup_swap_cache(), not aged up: for looking, not using.
 * Inline (2.4.0's __find_get_page is a function): swap-in asks it of
 * each slot of a read-ahead window and of each page it maps.
 */
static inline struct page *find_swap_page(swp_entry_t entry)
{
	uint32_t flags = lru_lock();
	struct page *page = radix_tree_lookup(&swapper_space.page_tree,
					      swap_cache_key(entry));

	if (page)
		get_page(page);
	lru_unlock(flags);
	return page;
}

void lru_cache_add(struct page *page);
void lru_cache_del(struct page *page);
void activate_page(struct page *page);
void deactivate_page(struct page *page);
void putback_written_page(struct page *page);
void age_page_up(struct page *page);
void age_page_down(struct page *page);
void age_page_down_ageonly(struct page *page);

/*
 * The list helpers, under lru_lock() (2.4.0's macros of
 * include/linux/swap.h; inline, as there, since page_launder(),
 * reclaim_page() and the aging calls move a page with each).  New
 * pages go to the head of a list; scans take pages from the tail, so
 * the tail holds the pages that have waited longest.
 */
static inline void add_page_to_active_list(struct page *page)
{
	SetPageActive(page);
	list_add(&page->lru, &active_list);
	nr_active_pages++;
	vmtrace(page, "active");
}

static inline void add_page_to_inactive_dirty_list(struct page *page)
{
	SetPageInactiveDirty(page);
	list_add(&page->lru, &inactive_dirty_list);
	nr_inactive_dirty_pages++;
	vmtrace(page, "inactive_dirty");
}

static inline void add_page_to_inactive_clean_list(struct page *page)
{
	zone_t *zone = page_zone(page);

	SetPageInactiveClean(page);
	list_add(&page->lru, &zone->inactive_clean_list);
	zone->inactive_clean_pages++;
	vmtrace(page, "inactive_clean");
}

static inline void del_page_from_active_list(struct page *page)
{
	list_del(&page->lru);
	ClearPageActive(page);
	nr_active_pages--;
}

static inline void del_page_from_inactive_dirty_list(struct page *page)
{
	list_del(&page->lru);
	ClearPageInactiveDirty(page);
	nr_inactive_dirty_pages--;
}

static inline void del_page_from_inactive_clean_list(struct page *page)
{
	list_del(&page->lru);
	ClearPageInactiveClean(page);
	page_zone(page)->inactive_clean_pages--;
}

/*
 * Takes the page off whichever list it is on; the caller holds
 * lru_lock().  Inline: every page leaving the swap cache comes here
 * (2.4.0 has a function; these are its macros' three cases).
 */
static inline void __lru_cache_del(struct page *page)
{
	if (PageActive(page))
		del_page_from_active_list(page);
	else if (PageInactiveDirty(page))
		del_page_from_inactive_dirty_list(page);
	else if (PageInactiveClean(page))
		del_page_from_inactive_clean_list(page);
	else
		printk(KERN_WARNING "VM: __lru_cache_del, page %lu is on "
		       "no list\n", page_to_pfn(page));
}

extern int page_cluster;
void swap_setup(void);
void recalculate_vm_stats(void);

/* Reclaim entry points (mm/vmscan.c); the rest is in mm/vmscan.h. */
void wakeup_kswapd(int block);
void wakeup_bdflush(int block);
struct page *reclaim_page(zone_t *zone);
int page_launder(unsigned int gfp_mask, int sync);
int try_to_free_pages(unsigned int gfp_mask);

/* How short memory is (mm/page_alloc.c). */
/* How many inactive pages 2.4 wants in reserve (2.4.0's macro in its
 * swap.h; every swap-cache lookup asks it). */
static inline unsigned long inactive_target(void)
{
	return min((unsigned long)memory_pressure >> 6, num_physpages / 4);
}

int free_shortage(void);
int inactive_shortage(void);
unsigned long reclaim_progress(void);
bool dirty_pages_pile_up(void);

#endif
