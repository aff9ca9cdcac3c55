/*
 * Nodes and zones (Linux 2.4's include/linux/mmzone.h).
 *
 * A node (pg_data_t) is a range of physical memory with its own
 * zones: DMA below 16 MiB (ISA DMA reaches only that far), NORMAL up
 * to 896 MiB (the direct map) and HIGHMEM above (reached through
 * kmap).  Each zone runs its own buddy allocator over free_area[].
 * A zonelist is the order in which __alloc_pages tries zones.
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include "lib/list.h"

/* Blocks of 1 << 0 .. 1 << (MAX_ORDER - 1) pages: 4 KiB to 2 MiB. */
#define MAX_ORDER	10

#define ZONE_DMA	0
#define ZONE_NORMAL	1
#define ZONE_HIGHMEM	2
#define MAX_NR_ZONES	3

#define MAX_NUMNODES	8

/* 2.4's zone boundaries on i386, in page frames. */
#define MAX_DMA_PFN	((16UL << 20) >> 12)

typedef struct free_area_struct {
	struct list_head free_list;	/* blocks of this order */
	unsigned long nr_free;		/* how many (for buddyinfo) */
} free_area_t;

struct pglist_data;

typedef struct zone_struct {
	/* Read on every allocation: kept together. */
	unsigned long free_pages;
	unsigned long pages_min, pages_low, pages_high;
	unsigned long inactive_clean_pages;
	struct list_head inactive_clean_list;
	free_area_t free_area[MAX_ORDER];

	/* Set once by free_area_init_node(). */
	struct pglist_data *zone_pgdat;
	struct page *zone_mem_map;	/* first page of the zone */
	unsigned long zone_start_pfn;
	unsigned long size;		/* spanned pages, holes included */
	unsigned long realsize;		/* present pages (RAM) */
	unsigned long managed;		/* pages handed to the buddy */
	const char *name;
} zone_t;

/*
 * 2.4 has one zonelist per possible gfp_mask value (NR_GFPINDEX);
 * only the zone bits choose the list, so here there is one per zone
 * type: the list for ZONE_HIGHMEM is what __GFP_HIGHMEM asks for.
 * Each is NULL-terminated.  node_zonelists go on to the other nodes;
 * thisnode_zonelists stop at the node's own zones (__GFP_THISNODE,
 * as Linux's ZONELIST_NOFALLBACK lists since 2.6.26).
 */
typedef struct zonelist_struct {
	zone_t *zones[MAX_NUMNODES * MAX_NR_ZONES + 1];
} zonelist_t;

typedef struct pglist_data {
	zone_t node_zones[MAX_NR_ZONES];
	zonelist_t node_zonelists[MAX_NR_ZONES];
	zonelist_t thisnode_zonelists[MAX_NR_ZONES];
	struct page *node_mem_map;	/* first page of the node */
	unsigned long node_start_pfn;
	unsigned long node_size;	/* spanned pages */
	int node_id;
	struct pglist_data *node_next;
} pg_data_t;

extern pg_data_t node_data[MAX_NUMNODES];
extern pg_data_t *pgdat_list;		/* the nodes in use, in order */
extern int numnodes;
extern zone_t *zone_table[MAX_NUMNODES * MAX_NR_ZONES];

#define NODE_DATA(nid)		(&node_data[nid])

#define for_each_pgdat(pgdat) \
	for (pgdat = pgdat_list; pgdat; pgdat = pgdat->node_next)

/* 2.4's zone_balance_ratio/min/max: see free_area_init_node(). */
#define ZONE_BALANCE_MIN	10
#define ZONE_BALANCE_MAX	255

/* The totals over all zones (2.4's freepages). */
struct freepages_t {
	unsigned long min, low, high;
};
extern struct freepages_t freepages;

void free_area_init_node(int nid, pg_data_t *pgdat, struct page *pmap,
			 const unsigned long *zones_size,
			 unsigned long node_start_pfn,
			 const unsigned long *zholes_size);
void build_all_zonelists(void);
void zone_set_watermarks(zone_t *zone);

static inline bool zone_is_highmem(const zone_t *zone)
{
	return zone == &zone->zone_pgdat->node_zones[ZONE_HIGHMEM];
}

static inline int zone_idx(const zone_t *zone)
{
	return (int)(zone - zone->zone_pgdat->node_zones);
}

#endif
