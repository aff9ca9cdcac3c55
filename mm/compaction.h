/*
 * Memory compaction (Linux 2.6.35's mm/compaction.c; Linux 2.4.0 has
 * none): moving user pages out of the way so that free pages come
 * together into large buddy blocks.
 */
#ifndef MM_COMPACTION_H
#define MM_COMPACTION_H

#include "mm/mm.h"

/* What compact_zone() did, for the shell, the bench and the tests. */
struct compact_stats {
	unsigned long migrate_scanned;	/* pages the migrate scanner saw */
	unsigned long free_scanned;	/* pages the free scanner saw */
	unsigned long isolated;		/* user pages it tried to move */
	unsigned long moved;		/* ... and moved */
};

/* A whole-zone run (the shell's compact); order -1 means to the end. */
int compact_zone(zone_t *zone, int order, struct compact_stats *stats);

/*
 * Direct compaction (__alloc_pages' slow path): compacts the zones of
 * the list that may help an order-`order` request.  False when none
 * was worth compacting.
 */
bool try_to_compact_pages(zonelist_t *zonelist, unsigned long order);

/*
 * Order-(MAX_ORDER - 1) blocks of the zone holding a page that can
 * never move (kernel pages: slab, page tables, kernel stacks,
 * swap_map, reserved), which no compaction can make free.
 */
unsigned long unmovable_blocks(zone_t *zone);

/* Free blocks of exactly this order, in every zone. */
unsigned long nr_free_blocks(unsigned int order);

#endif
