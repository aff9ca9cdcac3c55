/*
 * vmtrace=1 on the command line: one machine-readable line per page
 * state change that reclaim cares about, for plotting afterwards:
 *
 *	vmtrace <jiffies> <pfn> <event>
 *
 * where event is a list the page joined (active, inactive_dirty,
 * inactive_clean), or unmapped (a process's PTE now holds its swap
 * entry, try_to_swap_out), written (sent to swap), reclaimed (freed
 * by reclaim), faulted_cached
 * (mapped again by a fault that found it in the swap cache) or
 * faulted_read (... after reading it from swap).
 * tools/plot-vmlog turns a log of these into pictures.
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
