/* See mm_fixture.h. */
#include "tests/host/mm_fixture.h"
#include "lib/string.h"
#include "mm/debug.h"
#include "mm/vmstat.h"
#include "mm/swap.h"
#include "tests/common/buddy_model.h"

static void *arena;

static void reset_globals(void)
{
	memset(node_data, 0, sizeof(node_data));
	memset(zone_table, 0, sizeof(zone_table));
	memset(&freepages, 0, sizeof(freepages));
	pgdat_list = NULL;
	numnodes = 0;
	num_physpages = totalram_pages = totalhigh_pages = 0;
	nr_active_pages = nr_inactive_dirty_pages = 0;
	memory_pressure = 0;
	memset(vm_events, 0, sizeof(vm_events));
	bad_page_count = 0;
	cpu_node = 0;
}

static unsigned long total_pages(const struct mm_layout *l)
{
	unsigned long n = 0;

	for (int nid = 0; nid < l->nodes; nid++)
		for (int j = 0; j < MAX_NR_ZONES; j++)
			n += l->zones[nid][j];
	return n;
}

static void init_nodes(const struct mm_layout *l)
{
	unsigned long start = 0;

	for (int nid = 0; nid < l->nodes; nid++) {
		unsigned long size = 0;

		free_area_init_node(nid, NODE_DATA(nid), mem_map + start,
				    l->zones[nid], start, NULL);
		for (int j = 0; j < MAX_NR_ZONES; j++)
			size += l->zones[nid][j];
		start += size;
	}
	build_all_zonelists();
}

bool mm_fixture_zones_only(const struct mm_layout *l)
{
	unsigned long total = total_pages(l);

	mm_fixture_teardown();
	reset_globals();
	mem_map = calloc(total, sizeof(struct page));
	if (!mem_map)
		return false;
	max_mapnr = total;
	init_nodes(l);
	return true;
}

bool mm_fixture_setup(const struct mm_layout *l)
{
	unsigned long total = total_pages(l);

	if (!mm_fixture_zones_only(l))
		return false;
	arena = aligned_alloc(PAGE_SIZE, total * PAGE_SIZE);
	if (!arena)
		return false;
	host_page_offset = (unsigned long)arena;
	for (unsigned long pfn = 0; pfn < total; pfn++)
		free_boot_page(pfn_to_page(pfn));
	mm_debug_enable();		/* poison what is freed from now on */
	return true;
}

void mm_fixture_teardown(void)
{
	free(arena);
	free(mem_map);
	arena = NULL;
	mem_map = NULL;
	host_page_offset = 0;
	max_mapnr = 0;
	pgdat_list = NULL;
}

/* tests/common/buddy_model_test.c's machine on the host. */
bool buddy_model_machine(void)
{
	static const struct mm_layout layout = {
		.nodes = 1, .zones = { { 0, 4096, 0 } },
	};

	return mm_fixture_setup(&layout);
}

void buddy_model_done(void)
{
	mm_fixture_teardown();
}
