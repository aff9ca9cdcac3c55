/*
 * The VM's counters, and per-zone views of the allocator, in the
 * formats of Linux's /proc/vmstat, /proc/buddyinfo and /proc/zoneinfo
 * (mm/vmstat.c in Linux 2.6).
 */
#include "mm/vmstat.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/shell.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "lib/cmdline.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/swap.h"

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
	[PGMIGRATE_SUCCESS] = "pgmigrate_success",
	[PGMIGRATE_FAIL] = "pgmigrate_fail",
	/* Linux 2.6.35's names; the two scanned counts are Linux 3.8's */
	[COMPACTSTALL] = "compact_stall",
	[COMPACTSUCCESS] = "compact_success",
	[COMPACTFAIL] = "compact_fail",
	[COMPACTMIGRATE_SCANNED] = "compact_migrate_scanned",
	[COMPACTFREE_SCANNED] = "compact_free_scanned",
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

/* "vmstat": the gauges, then every event counter, as /proc/vmstat. */
static void vmstat_counters(void)
{
	cprintf("nr_free_pages %lu\n", nr_free_pages());
	cprintf("nr_active %lu\n", nr_active_pages);
	cprintf("nr_inactive_dirty %lu\n", nr_inactive_dirty_pages);
	cprintf("nr_inactive_clean %lu\n", nr_inactive_clean_pages());
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		cprintf("%s %lu\n", vm_event_names[i], vm_events[i]);
}

static void vmstat_header(void)
{
	cprintf("    swpd     free   active inact_d inact_c    si    so\n");
}

/*
 * One table line, in pages: swap slots in use, free, active and
 * inactive pages; si and so are pages swapped in/out since `last`.
 */
static void vmstat_line(unsigned long last[2])
{
	unsigned long in = vm_events[PSWPIN], out = vm_events[PSWPOUT];

	cprintf("%8ld %8lu %8lu %7lu %7lu %5lu %5lu\n",
		total_swap_pages - nr_swap_pages, nr_free_pages(),
		nr_active_pages, nr_inactive_dirty_pages,
		nr_inactive_clean_pages(), in - last[0], out - last[1]);
	last[0] = in;
	last[1] = out;
}

/* Waits up to `ticks`; true if a key was pressed (which stops vmstat). */
static bool wait_or_key(unsigned long ticks)
{
	unsigned long start = jiffies;

	while (jiffies - start < ticks) {
		if (console_has_input()) {
			console_getc();
			return true;
		}
		/* sleep a tick: other tasks run meanwhile */
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(1);
	}
	return false;
}

/*
 * "vmstat SECONDS [COUNT]": a line every SECONDS, COUNT times (for
 * ever without COUNT; any key stops it), like the vmstat tool.
 */
static int vmstat_table(char **argv, int argc)
{
	unsigned long secs, count = ~0UL;
	unsigned long last[2] = { vm_events[PSWPIN], vm_events[PSWPOUT] };

	if (kstrtoul(argv[1], 10, &secs) || !secs || secs > ~0UL / HZ ||
	    (argc == 3 && (kstrtoul(argv[2], 10, &count) || !count)))
		return shell_usage(argv[0]);
	vmstat_header();
	while (count--) {
		vmstat_line(last);
		if (count && wait_or_key(secs * HZ))
			break;
	}
	return 0;
}

static int cmd_vmstat(int argc, char **argv)
{
	if (argc == 1) {
		vmstat_counters();
		return 0;
	}
	if (argc > 3)
		return shell_usage(argv[0]);
	return vmstat_table(argv, argc);
}
SHELL_COMMAND(vmstat, cmd_vmstat, "vmstat [SECONDS [COUNT]]",
	      "VM counters as in /proc/vmstat, or a line every SECONDS");
