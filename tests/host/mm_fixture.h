/*
 * A machine for the host unit tests of mm/: nodes and zones of given
 * sizes over a malloc'd arena, set up the way mem_init() does it
 * (free_area_init_node, build_all_zonelists, then every page handed
 * over with free_boot_page).  One at a time.
 */
#ifndef TESTS_HOST_MM_FIXTURE_H
#define TESTS_HOST_MM_FIXTURE_H

#include "mm/internal.h"
#include "tests/common/mm_snapshot.h"

struct mm_layout {
	int nodes;
	unsigned long zones[MAX_NUMNODES][MAX_NR_ZONES];  /* pages */
};


/*
 * What a sleeping task waits for on the host (mm_shim.c's schedule()):
 * the devices finishing their work; returns how many requests they
 * finished.  NULL: nothing to wait for, so sleeping would be for ever.
 */
extern unsigned int (*host_run_devices)(void);

/*
 * Set while ktest-host runs a part of a case (tests/host/case_guard.c):
 * panic() hands it the message instead of aborting the program.  It
 * does not return.
 */
extern void (*host_panic_catcher)(const char *msg);

/* Sets the machine up; false (with a message) if out of host memory. */
bool mm_fixture_setup(const struct mm_layout *layout);
void mm_fixture_teardown(void);

/* Only the zones, over a mem_map without an arena (no page handed over). */
bool mm_fixture_zones_only(const struct mm_layout *layout);

#endif
