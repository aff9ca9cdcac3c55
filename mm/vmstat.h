/*
 * Event counters of the VM, printed by the shell's "vmstat" as
 * "name value" lines with the names of Linux's /proc/vmstat, so that
 * what a student learns here reads the same on Linux.
 */
#ifndef MM_VMSTAT_H
#define MM_VMSTAT_H

enum vm_event_item {
	PGFAULT,		/* page faults handled */
	PGMAJFAULT,		/* ... that had to read from swap */
	PSWPIN,			/* pages read from swap */
	PSWPOUT,		/* pages written to swap */
	PGSCAN,			/* pages looked at by reclaim: the sum of */
	SWAPOUT_PTE_SCAN,	/*  PTEs try_to_swap_out looked at, */
	PGREFILL,		/*  active_list pages aged (refill_...scan), */
	PGSCAN_INACTIVE_DIRTY,	/*  inactive_dirty pages page_launder saw, */
	PGSCAN_INACTIVE_CLEAN,	/*  inactive_clean pages reclaim_page saw */
	SWAPOUT_PTE_YOUNG,	/* PTEs of those found accessed (kept) */
	PGSTEAL,		/* pages reclaimed */
	PGACTIVATE,		/* inactive -> active */
	PGDEACTIVATE,		/* active -> inactive_dirty */
	PGLAUNDER,		/* dirty pages page_launder wrote */
	PGROTATED,		/* pages page_launder put back for later */
	KSWAPD_WAKEUP,		/* allocations that asked kswapd */
	ALLOCSTALL,		/* allocations that had to reclaim */
	OOM_KILL,		/* processes the OOM killer killed */
	PGMIGRATE_SUCCESS,	/* pages migrate_pages() moved */
	PGMIGRATE_FAIL,		/* pages it gave up on */
	COMPACTSTALL,		/* allocations that compacted (direct) */
	COMPACTSUCCESS,		/* ... and then got their block */
	COMPACTFAIL,		/* ... and did not */
	COMPACTMIGRATE_SCANNED,	/* pages compaction's migrate scanner saw */
	COMPACTFREE_SCANNED,	/* pages its free scanner saw */
	NR_VM_EVENT_ITEMS
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

/* Interrupt-safe: a 32-bit increment is one instruction on one CPU. */
static inline void count_vm_event(enum vm_event_item item)
{
	__atomic_add_fetch(&vm_events[item], 1, __ATOMIC_RELAXED);
}

static inline void count_vm_events(enum vm_event_item item,
				   unsigned long delta)
{
	__atomic_add_fetch(&vm_events[item], delta, __ATOMIC_RELAXED);
}

/* One look by reclaim: pgscan, and the part of it that says where
 * (SWAPOUT_PTE_SCAN, PGREFILL, PGSCAN_INACTIVE_DIRTY or _CLEAN). */
static inline void count_vm_scan(enum vm_event_item where)
{
	count_vm_event(PGSCAN);
	count_vm_event(where);
}

#endif
