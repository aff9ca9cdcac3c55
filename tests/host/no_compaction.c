/*
 * Compaction, for the host builds of the page allocator: they have no
 * user pages, so nothing is movable and there is never a zone worth
 * compacting (the answer mm/compaction.c gives when every zone lacks
 * the free pages).  The kernel links the real one.
 */
#include "mm/compaction.h"

bool try_to_compact_pages(zonelist_t *zonelist, unsigned long order)
{
	(void)zonelist;
	(void)order;
	return false;
}
