/*
 * Finding the nodes (what Linux does in arch/i386/kernel/srat.c and
 * in its NUMA emulation): the node ranges mem_init() builds a
 * pg_data_t for, and the node the CPU sits on.  In order:
 *   numa=off     one node;
 *   numa=fake=N  N equal nodes (aligned to the largest buddy block);
 *   the ACPI SRAT, which QEMU builds when started with -numa;
 *   else one node.
 * Node ranges cover all of [0, max_pfn) between them, holes included,
 * so every page frame belongs to exactly one node.
 */
#include "mm/numa.h"
#include "kernel/acpi.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "kernel/x86.h"
#include "mm/bootmem.h"
#include "mm/mm.h"

#define NODE_ALIGN	(1UL << (MAX_ORDER - 1))	/* pages */
#define MIN_NODE_PAGES	((4UL << 20) >> PAGE_SHIFT)
#define SRAT_ENTRIES	48	/* the entries follow the header */
#define SRAT_CPU	0	/* processor local APIC affinity */
#define SRAT_MEMORY	1	/* memory affinity */
#define SRAT_ENABLED	1

struct node_memory node_memory[MAX_NUMNODES];
int nr_node_memory;
int cpu_node;

static unsigned int fake_nodes;
static bool numa_off;

static int parse_numa(const char *value, const char **why)
{
	unsigned long n;

	if (!strcmp(value, "off")) {
		numa_off = true;
		return 0;
	}
	if (strncmp(value, "fake=", 5) || kstrtoul(value + 5, 10, &n)) {
		*why = "expected numa=fake=N or numa=off";
		return -EINVAL;
	}
	if (n < 1 || n > MAX_NUMNODES) {
		*why = "N must be 1 to 8";
		return -ERANGE;
	}
	fake_nodes = n;
	return 0;
}
KERNEL_PARAM_CALL(numa, parse_numa,
		  "fake=N: split RAM into N nodes; off: one node, no SRAT");

/* ------------------------------------------------------ the SRAT */

struct srat_cpu_affinity {
	uint8_t type, length, pxm_lo, apic_id;
	uint32_t flags;
	uint8_t sapic_eid, pxm_hi[3];
	uint32_t clock_domain;
} __attribute__((packed));

struct srat_mem_affinity {
	uint8_t type, length;
	uint32_t pxm;
	uint16_t reserved;
	uint64_t base, size;
	uint32_t reserved2, flags;
	uint64_t reserved3;
} __attribute__((packed));

/* What the SRAT says, before it becomes node_memory[]. */
struct srat_nodes {
	uint32_t pxm[MAX_NUMNODES];	/* proximity domain of node i */
	struct node_memory mem[MAX_NUMNODES];
	int n;
	int cpu_pxm;			/* -1: no entry for our APIC */
};

static uint8_t srat_buf[4096];

static int node_of_pxm(struct srat_nodes *s, uint32_t pxm)
{
	for (int i = 0; i < s->n; i++)
		if (s->pxm[i] == pxm)
			return i;
	if (s->n == MAX_NUMNODES)
		return -1;
	s->pxm[s->n] = pxm;
	s->mem[s->n] = (struct node_memory){ ~0UL, 0 };
	return s->n++;
}

static void srat_memory(struct srat_nodes *s,
			const struct srat_mem_affinity *m)
{
	unsigned long start = PFN_UP(m->base);
	unsigned long end = min(PFN_DOWN(m->base + m->size), max_pfn);
	int nid;

	if (!(m->flags & SRAT_ENABLED) || start >= end)
		return;		/* disabled, hot-plug room, or beyond RAM */
	nid = node_of_pxm(s, m->pxm);
	if (nid < 0) {
		printk(KERN_WARNING "SRAT: more than %d nodes; PXM %u "
		       "ignored\n", MAX_NUMNODES, m->pxm);
		return;
	}
	s->mem[nid].start_pfn = min(s->mem[nid].start_pfn, start);
	s->mem[nid].end_pfn = max(s->mem[nid].end_pfn, end);
}

static void srat_cpu(struct srat_nodes *s, const struct srat_cpu_affinity *c)
{
	uint32_t a, b, cx, d;

	cpuid(1, &a, &b, &cx, &d);
	if ((c->flags & SRAT_ENABLED) && c->apic_id == b >> 24)
		s->cpu_pxm = c->pxm_lo | c->pxm_hi[0] << 8 |
			     c->pxm_hi[1] << 16 | c->pxm_hi[2] << 24;
}

/* Nodes must come in address order without overlapping. */
static bool srat_sane(const struct srat_nodes *s)
{
	for (int i = 1; i < s->n; i++)
		if (s->mem[i].start_pfn < s->mem[i - 1].end_pfn) {
			printk(KERN_WARNING "SRAT: node %d starts below node "
			       "%d's end; using one node\n", i, i - 1);
			return false;
		}
	return s->n > 0;
}

static int srat_nodes(void)
{
	const struct acpi_table_header *h = (const void *)srat_buf;
	struct srat_nodes s = { .n = 0, .cpu_pxm = -1 };

	if (acpi_get_table("SRAT", srat_buf, sizeof(srat_buf)))
		return 0;
	for (uint32_t off = SRAT_ENTRIES; off + 2 <= h->length;
	     off += srat_buf[off + 1]) {
		uint8_t type = srat_buf[off], len = srat_buf[off + 1];

		if (len < 2 || off + len > h->length) {
			printk(KERN_WARNING "SRAT: bad entry at %u\n", off);
			return 0;
		}
		if (type == SRAT_MEMORY && len >= 40)
			srat_memory(&s, (const void *)(srat_buf + off));
		else if (type == SRAT_CPU && len >= 16)
			srat_cpu(&s, (const void *)(srat_buf + off));
	}
	if (!srat_sane(&s))
		return 0;
	for (int i = 0; i < s.n; i++) {
		node_memory[i] = s.mem[i];
		if ((int)s.pxm[i] == s.cpu_pxm)
			cpu_node = i;
		printk(KERN_INFO "SRAT: node %d (PXM %u): pfn %#lx-%#lx%s\n",
		       i, s.pxm[i], s.mem[i].start_pfn, s.mem[i].end_pfn - 1,
		       i == cpu_node ? ", the CPU's" : "");
	}
	return s.n;
}

/* ------------------------------------------------------ numa=fake */

/* Node i starts at i/n of RAM, rounded down to a whole buddy block. */
static unsigned long fake_boundary(unsigned int i, unsigned int n)
{
	return ALIGN_DOWN((unsigned long)((uint64_t)max_pfn * i / n),
			  NODE_ALIGN);
}

static int fake_numa_nodes(unsigned int n)
{
	while (n > 1 && fake_boundary(1, n) < MIN_NODE_PAGES)
		n--;
	if (n != fake_nodes)
		printk(KERN_WARNING "numa=fake=%u: nodes would be under 4 MiB;"
		       " using %u\n", fake_nodes, n);
	for (unsigned int i = 0; i < n; i++)
		node_memory[i] = (struct node_memory){
			fake_boundary(i, n), fake_boundary(i + 1, n) };
	printk(KERN_INFO "numa=fake: %u nodes\n", n);
	return n;
}

/* Decides the node ranges; each covers its gap to the previous one. */
void numa_init(void)
{
	int n = 0;

	cpu_node = 0;
	if (fake_nodes)
		n = fake_numa_nodes(fake_nodes);
	else if (!numa_off)
		n = srat_nodes();
	if (n <= 1) {
		n = 1;
		cpu_node = 0;
	}
	node_memory[0].start_pfn = 0;
	for (int i = 1; i < n; i++)
		node_memory[i].start_pfn = node_memory[i - 1].end_pfn;
	node_memory[n - 1].end_pfn = max_pfn;
	nr_node_memory = n;
}
