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
#include "mm/pagemap.h"
#include "mm/swap.h"

unsigned long vm_events[NR_VM_EVENT_ITEMS];

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGFAULT] = "pgfault",
	[PGMAJFAULT] = "pgmajfault",
	[PSWPIN] = "pswpin",
	[PSWPOUT] = "pswpout",
	[PGSCAN] = "pgscan",
	/* pgscan's parts.  Linux 2.6's pgrefill counts the same (active
	 * list pages scanned), and its pgscan_* count inactive-list pages
	 * scanned, as the two inactive ones here do; Linux has no
	 * counter of page-table looks (it finds mappings by rmap). */
	[SWAPOUT_PTE_SCAN] = "swapout_pte_scan",
	[PGREFILL] = "pgrefill",
	[PGSCAN_INACTIVE_DIRTY] = "pgscan_inactive_dirty",
	[PGSCAN_INACTIVE_CLEAN] = "pgscan_inactive_clean",
	[SWAPOUT_PTE_YOUNG] = "swapout_pte_young",
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

/*
 * The forms of "vmstat SECONDS": the vmstat tool's table, the same
 * with a time column (-t), or lines for tools/plot-vmlog (-m), which
 * carry the swap cache and kswapd's wake-ups too.
 */
enum vmstat_form { VMSTAT_TABLE, VMSTAT_TIME, VMSTAT_LOG };

/* The event counts at the last line: the rates are differences. */
struct vmstat_last {
	unsigned long in, out, wakeups;
};

static void vmstat_header(enum vmstat_form form)
{
	if (form == VMSTAT_LOG) {
		cprintf("vmlog seconds swpd free active inact_d inact_c "
			"swapcache si so kswapd_wakeup\n");
		return;
	}
	if (form == VMSTAT_TIME)
		cprintf("    time ");
	cprintf("    swpd     free   active inact_d inact_c    si    so\n");
}

/*
 * One line, in pages: swap slots in use, free, active and inactive
 * pages; si and so are pages swapped in/out since the last line.
 */
static void vmstat_line(enum vmstat_form form, struct vmstat_last *last)
{
	unsigned long in = vm_events[PSWPIN], out = vm_events[PSWPOUT];
	unsigned long wakeups = vm_events[KSWAPD_WAKEUP], now = jiffies;
	long swpd = total_swap_pages - nr_swap_pages;

	if (form == VMSTAT_LOG)
		cprintf("vmlog %lu.%02lu %ld %lu %lu %lu %lu %lu %lu %lu %lu\n",
			now / HZ, now % HZ * 100 / HZ, swpd, nr_free_pages(),
			nr_active_pages, nr_inactive_dirty_pages,
			nr_inactive_clean_pages(), swapper_space.nrpages,
			in - last->in, out - last->out,
			wakeups - last->wakeups);
	else {
		if (form == VMSTAT_TIME)
			cprintf("%5lu.%02lu ", now / HZ, now % HZ * 100 / HZ);
		cprintf("%8ld %8lu %8lu %7lu %7lu %5lu %5lu\n", swpd,
			nr_free_pages(), nr_active_pages,
			nr_inactive_dirty_pages, nr_inactive_clean_pages(),
			in - last->in, out - last->out);
	}
	last->in = in;
	last->out = out;
	last->wakeups = wakeups;
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

/* A whole number from 1 to max, or false after saying why. */
static bool vmstat_number(const char *s, const char *what, unsigned long max,
			  unsigned long *n)
{
	if (kstrtoul(s, 10, n)) {
		cprintf("vmstat: %s '%s' is not a whole number\n", what, s);
		return false;
	}
	if (*n < 1 || *n > max) {
		cprintf("vmstat: %s must be 1 to %lu, not %s\n", what, max, s);
		return false;
	}
	return true;
}

/*
 * "vmstat SECONDS [COUNT]": a line every SECONDS, COUNT times (for
 * ever without COUNT; any key stops it), like the vmstat tool.
 */
static int vmstat_table(enum vmstat_form form, int argc, char **argv)
{
	unsigned long secs, count = ~0UL;
	struct vmstat_last last = { vm_events[PSWPIN], vm_events[PSWPOUT],
				    vm_events[KSWAPD_WAKEUP] };

	/* SECONDS * HZ must not wrap */
	if (!vmstat_number(argv[0], "SECONDS", ~0UL / HZ, &secs) ||
	    (argc == 2 && !vmstat_number(argv[1], "COUNT", ~0UL, &count)))
		return shell_usage("vmstat");
	vmstat_header(form);
	while (count--) {
		vmstat_line(form, &last);
		if (count && wait_or_key(secs * HZ))
			break;
	}
	return 0;
}

static int cmd_vmstat(int argc, char **argv)
{
	enum vmstat_form form = VMSTAT_TABLE;

	argc--;
	argv++;
	if (argc && (!strcmp(argv[0], "-t") || !strcmp(argv[0], "-m"))) {
		form = argv[0][1] == 't' ? VMSTAT_TIME : VMSTAT_LOG;
		argc--;
		argv++;
		if (!argc) {
			cprintf("vmstat: -t and -m need SECONDS\n");
			return shell_usage("vmstat");
		}
	}
	if (!argc) {
		vmstat_counters();
		return 0;
	}
	if (argc > 2) {
		cprintf("vmstat: too many arguments\n");
		return shell_usage("vmstat");
	}
	return vmstat_table(form, argc, argv);
}
SHELL_COMMAND(vmstat, cmd_vmstat, "vmstat [[-t|-m] SECONDS [COUNT]]",
	      "VM counters as in /proc/vmstat, or a line every SECONDS "
	      "(-t: with the time, -m: vmlog lines for plotting)");
