/*
 * The free blocks of every zone, to compare before and after: a test
 * that gives back all it took finds the same blocks, merged the same
 * way.  For the kernel's suites (tests/kernel/page_alloc_test.c) and
 * the host's fixture (tests/host/mm_fixture.h: its tests, the fuzzer).
 */
#ifndef TESTS_COMMON_MM_SNAPSHOT_H
#define TESTS_COMMON_MM_SNAPSHOT_H

#include "lib/string.h"
#include "mm/internal.h"

struct mm_snapshot {
	unsigned long nr_free[MAX_NUMNODES][MAX_NR_ZONES][MAX_ORDER];
	unsigned long free_pages;
};

static inline void mm_snapshot(struct mm_snapshot *s)
{
	pg_data_t *pgdat;

	memset(s, 0, sizeof(*s));
	for_each_pgdat(pgdat)
		for (int j = 0; j < MAX_NR_ZONES; j++)
			for (int o = 0; o < MAX_ORDER; o++)
				s->nr_free[pgdat->node_id][j][o] =
				    pgdat->node_zones[j].free_area[o].nr_free;
	s->free_pages = nr_free_pages();
}

/* True if the free blocks are what they were when a was taken. */
static inline bool mm_snapshot_equal(const struct mm_snapshot *a)
{
	struct mm_snapshot b;

	mm_snapshot(&b);
	return !memcmp(a, &b, sizeof(b));
}

#endif
