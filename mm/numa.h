/*
 * Where the nodes are: found once at boot by numa_init() (mm/numa.c),
 * from the ACPI SRAT, from numa=fake=N, or one node for all RAM.
 */
#ifndef MM_NUMA_H
#define MM_NUMA_H

#include "mm/mmzone.h"

struct node_memory {
	unsigned long start_pfn, end_pfn;	/* [start, end) */
};

extern struct node_memory node_memory[MAX_NUMNODES];
extern int nr_node_memory;

void numa_init(void);

#endif
