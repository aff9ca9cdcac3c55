/*
 * The VM's counters, and per-zone views of the allocator, in the
 * formats of Linux's /proc/vmstat, /proc/buddyinfo and /proc/zoneinfo
 * (mm/vmstat.c in Linux 2.6).
 */
#include "mm/vmstat.h"
#include "kernel/kernel.h"
#include "kernel/shell.h"
#include "mm/mm.h"

unsigned long vm_events[NR_VM_EVENT_ITEMS];

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGFAULT] = "pgfault",
	[PGMAJFAULT] = "pgmajfault",
	[PSWPIN] = "pswpin",
	[PSWPOUT] = "pswpout",
	[PGSCAN] = "pgscan",
	[PGSTEAL] = "pgsteal",
	[PGACTIVATE] = "pgactivate",
	[PGDEACTIVATE] = "pgdeactivate",
	[PGLAUNDER] = "pglaunder",
	[PGROTATED] = "pgrotated",
	[KSWAPD_WAKEUP] = "kswapd_wakeup",
	[ALLOCSTALL] = "allocstall",
	[OOM_KILL] = "oom_kill",
};

/* "Node 0, zone   Normal" then the free blocks of each order. */
static int cmd_buddyinfo(int argc __unused, char **argv __unused)
{
	pg_data_t *pgdat;

	for_each_pgdat(pgdat) {
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			zone_t *z = &pgdat->node_zones[j];

			if (!z->realsize)
				continue;
			cprintf("Node %d, zone %8s ", pgdat->node_id, z->name);
			for (int o = 0; o < MAX_ORDER; o++)
				cprintf("%6lu ", z->free_area[o].nr_free);
			cprintf("\n");
		}
	}
	return 0;
}
SHELL_COMMAND(buddyinfo, cmd_buddyinfo, "buddyinfo",
	      "free blocks per order and zone, as in /proc/buddyinfo");

static void zoneinfo_zone(pg_data_t *pgdat, zone_t *z)
{
	cprintf("Node %d, zone %8s\n", pgdat->node_id, z->name);
	cprintf("  pages free     %lu\n", z->free_pages);
	cprintf("        min      %lu\n", z->pages_min);
	cprintf("        low      %lu\n", z->pages_low);
	cprintf("        high     %lu\n", z->pages_high);
	cprintf("        spanned  %lu\n", z->size);
	cprintf("        present  %lu\n", z->realsize);
	cprintf("        managed  %lu\n", z->managed);
	cprintf("    nr_free_pages %lu\n", z->free_pages);
	cprintf("    nr_inactive_clean %lu\n", z->inactive_clean_pages);
	cprintf("  start_pfn:           %lu\n", z->zone_start_pfn);
}

static int cmd_zoneinfo(int argc __unused, char **argv __unused)
{
	pg_data_t *pgdat;

	for_each_pgdat(pgdat)
		for (int j = 0; j < MAX_NR_ZONES; j++)
			zoneinfo_zone(pgdat, &pgdat->node_zones[j]);
	return 0;
}
SHELL_COMMAND(zoneinfo, cmd_zoneinfo, "zoneinfo",
	      "each zone's counters and watermarks, as in /proc/zoneinfo");
