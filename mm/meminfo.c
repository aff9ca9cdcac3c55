/*
 * The meminfo shell command: Linux 2.4's /proc/meminfo (the kB lines
 * of fs/proc/proc_misc.c), plus 2.6's SwapCached, Inactive (dirty and
 * clean together) and Slab lines.  Only what Pagoda has is printed.
 */
#include "kernel/kernel.h"
#include "kernel/shell.h"
#include "mm/internal.h"
#include "mm/slab.h"
#include "mm/pagemap.h"
#include "mm/swap.h"

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

static void line(const char *name, unsigned long pages)
{
	cprintf("%-14s%8lu kB\n", name, K(pages));
}

static int cmd_meminfo(int argc __unused, char **argv __unused)
{
	unsigned long free = nr_free_pages(), high_free = nr_free_highpages();

	line("MemTotal:", totalram_pages);
	line("MemFree:", free);
	line("SwapCached:", swapper_space.nrpages);
	line("Active:", nr_active_pages);
	line("Inactive:", nr_inactive_dirty_pages + nr_inactive_clean_pages());
	line("Inact_dirty:", nr_inactive_dirty_pages);
	line("Inact_clean:", nr_inactive_clean_pages());
	line("Inact_target:", inactive_target());
	line("HighTotal:", totalhigh_pages);
	line("HighFree:", high_free);
	line("LowTotal:", totalram_pages - totalhigh_pages);
	line("LowFree:", free - high_free);
	line("SwapTotal:", total_swap_pages);
	line("SwapFree:", nr_swap_pages);
	line("Slab:", slab_pages);
	return 0;
}
SHELL_COMMAND(meminfo, cmd_meminfo, "meminfo",
	      "memory usage, as in /proc/meminfo");
