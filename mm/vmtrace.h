/*
 * vmtrace=1 on the command line: one machine-readable line per page
 * state change that reclaim cares about, for plotting afterwards:
 *
 *	vmtrace <jiffies> <pfn> <event>
 *
 * where event is a list the page joined (active, inactive_dirty,
 * inactive_clean), or written (sent to swap), or reclaimed (freed by
 * reclaim).  tools/ can turn a log of these into timelines.
 */
#ifndef MM_VMTRACE_H
#define MM_VMTRACE_H

#include "lib/compiler.h"

struct page;

extern bool vmtrace_enabled;

void __vmtrace(const struct page *page, const char *event);

static inline void vmtrace(const struct page *page, const char *event)
{
	if (unlikely(vmtrace_enabled))
		__vmtrace(page, event);
}

#endif
