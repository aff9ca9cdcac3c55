/*
 * Page aging and reclaim (Linux 2.4's include/linux/swap.h): what
 * the allocator calls when memory runs short.  mm/vmscan.c holds the
 * functions; the reclaim issue gives them their bodies.
 */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include "lib/compiler.h"
#include "mm/mmzone.h"

/* A page's age: set on free, raised when referenced, halved on scans. */
#define PAGE_AGE_START	2
#define PAGE_AGE_ADV	3
#define PAGE_AGE_MAX	64

struct page;

/* The page lists and aging (mm/swap.c). */
extern struct list_head active_list;
extern struct list_head inactive_dirty_list;

uint32_t lru_lock(void);
void lru_unlock(uint32_t flags);
void lru_cache_add(struct page *page);
void lru_cache_del(struct page *page);
void __lru_cache_del(struct page *page);
void activate_page(struct page *page);
void deactivate_page(struct page *page);
void age_page_up(struct page *page);
void age_page_down(struct page *page);
void age_page_down_ageonly(struct page *page);
void add_page_to_inactive_clean_list(struct page *page);
void del_page_from_inactive_dirty_list(struct page *page);
void del_page_from_inactive_clean_list(struct page *page);

extern unsigned long kswapd_wakeups;

void wakeup_kswapd(int block);
void wakeup_bdflush(int block);
struct page *reclaim_page(zone_t *zone);
int page_launder(unsigned int gfp_mask, int sync);
int try_to_free_pages(unsigned int gfp_mask);
unsigned long inactive_target(void);
int free_shortage(void);
int inactive_shortage(void);

#endif
