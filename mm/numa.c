/*
 * Finding the nodes (what Linux does in arch/i386/kernel/srat.c and
 * numa_emulation): the node ranges that mem_init() builds a pg_data_t
 * for.  With one node, everything is node 0 and the CPU is on it.
 */
#include "mm/numa.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "mm/bootmem.h"
#include "mm/mm.h"

struct node_memory node_memory[MAX_NUMNODES];
int nr_node_memory;
static int cpu_node;

int numa_node_id(void)
{
	return cpu_node;
}

void numa_init(void)
{
	node_memory[0] = (struct node_memory){ 0, max_pfn };
	nr_node_memory = 1;
	cpu_node = 0;
}
