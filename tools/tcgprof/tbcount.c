/*
 * A QEMU TCG plugin for tools/tcgprof.py: counts how often each
 * translated block runs, and, when asked, which block ran just before
 * each block that starts at a given address (the caller of a function).
 *
 * Written for the plugin API of Debian 12's QEMU 7.2 (version 1),
 * whose few declarations used here are repeated below (Debian ships no
 * qemu-plugin.h).  Later QEMU (API version 2, 8.2 on) replaced the
 * inline counter used here.
 *
 * Arguments (-plugin libtbcount.so,out=FILE,start=HEX,entries=FILE):
 *   out      where the counts go at exit: "vaddr ninsns count lastinsn"
 *            lines, vaddr 0 for all user-mode blocks of one length;
 *   start    counting starts (all counts zeroed) when the block at this
 *            kernel address first runs;
 *   entries  a file of hex addresses (function starts): for each, the
 *            block before it is counted too, in OUT.edges
 *            ("from to count" lines).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
typedef void (*tb_trans_cb_t)(qemu_plugin_id_t, struct qemu_plugin_tb *);
typedef void (*udata_cb_t)(qemu_plugin_id_t, void *);
typedef void (*vcpu_udata_cb_t)(unsigned int, void *);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t, tb_trans_cb_t);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *,
					      enum qemu_plugin_op, void *,
					      uint64_t);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *,
					  vcpu_udata_cb_t,
					  enum qemu_plugin_cb_flags, void *);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t, udata_cb_t, void *);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *,
						 size_t);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define KERNEL_START	0xc0000000u	/* PAGE_OFFSET: user blocks below */
#define NBLOCKS		(1u << 20)	/* distinct (vaddr, length) pairs */
#define NEDGES		(1u << 18)
#define ENTRY_FLAG	0x80000000u	/* in struct block's last */

struct block {
	uint64_t vaddr;
	uint32_t n;		/* instructions */
	uint32_t last;		/* the last one's first 3 bytes, packed */
	uint64_t count;
};

struct edge {
	uint64_t from, to, count;
};

static struct block *blocks;
static struct edge *edges;
static uint64_t *entries;
static size_t nentries;
static uint64_t start_vaddr, last_block;
static bool started;
static const char *out_path = "tbcount.out";

static bool is_entry(uint64_t va)
{
	size_t lo = 0, hi = nentries;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (entries[mid] < va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nentries && entries[lo] == va;
}

static void count_edge(uint64_t from, uint64_t to)
{
	uint64_t h = ((from * 31 + to) * 0x9E3779B97F4A7C15ull) >> 46;

	for (;; h++) {
		struct edge *e = &edges[h & (NEDGES - 1)];

		if (!e->count) {
			e->from = from;
			e->to = to;
		}
		if (e->from == from && e->to == to) {
			e->count++;
			return;
		}
	}
}

static void kernel_block_ran(unsigned int cpu, void *data)
{
	struct block *b = data;

	(void)cpu;
	if (b->last & ENTRY_FLAG)
		count_edge(last_block, b->vaddr);
	last_block = b->vaddr;
}

static void user_block_ran(unsigned int cpu, void *data)
{
	(void)cpu;
	(void)data;
	last_block = 0;
}

static void start_counting(unsigned int cpu, void *data)
{
	(void)cpu;
	(void)data;
	if (started)
		return;
	started = true;
	for (size_t i = 0; i < NBLOCKS; i++)
		blocks[i].count = 0;
	if (edges)
		memset(edges, 0, NEDGES * sizeof(*edges));
}

static uint32_t pack_insn(const struct qemu_plugin_insn *insn)
{
	const uint8_t *b = qemu_plugin_insn_data(insn);
	size_t size = qemu_plugin_insn_size(insn);
	uint32_t k = 0;

	for (size_t i = 0; i < 3; i++)
		k = k << 8 | (i < size ? b[i] : 0);
	return k;
}

static struct block *block_for(uint64_t va, uint32_t n, uint32_t last)
{
	uint64_t h = (va * 0x9E3779B97F4A7C15ull + n) >> 44;

	for (;; h++) {
		struct block *b = &blocks[h & (NBLOCKS - 1)];

		if (!b->n) {
			b->vaddr = va;
			b->n = n;
			b->last = last;
		}
		if (b->vaddr == va && b->n == n)
			return b;
	}
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t va = qemu_plugin_tb_vaddr(tb);
	size_t n = qemu_plugin_tb_n_insns(tb);
	uint32_t last = pack_insn(qemu_plugin_tb_get_insn(tb, n - 1));
	struct block *b;

	(void)id;
	if (va < KERNEL_START) {
		va = 0;
		last = 0;
	}
	if (start_vaddr && va == start_vaddr)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, start_counting,
						     QEMU_PLUGIN_CB_NO_REGS,
						     NULL);
	b = block_for(va, (uint32_t)n, last);
	if (edges) {
		if (va && is_entry(va))
			b->last |= ENTRY_FLAG;
		qemu_plugin_register_vcpu_tb_exec_cb(
			tb, va ? kernel_block_ran : user_block_ran,
			QEMU_PLUGIN_CB_NO_REGS, b);
	}
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &b->count, 1);
}

static void write_counts(qemu_plugin_id_t id, void *data)
{
	char path[4096];
	FILE *f = fopen(out_path, "w");

	(void)id;
	(void)data;
	if (!f)
		return;
	for (size_t i = 0; i < NBLOCKS; i++)
		if (blocks[i].count)
			fprintf(f, "%llx %u %llu %u\n",
				(unsigned long long)blocks[i].vaddr,
				blocks[i].n,
				(unsigned long long)blocks[i].count,
				blocks[i].last & ~ENTRY_FLAG);
	fclose(f);
	if (!edges)
		return;
	snprintf(path, sizeof(path), "%s.edges", out_path);
	f = fopen(path, "w");
	if (!f)
		return;
	for (size_t i = 0; i < NEDGES; i++)
		if (edges[i].count)
			fprintf(f, "%llx %llx %llu\n",
				(unsigned long long)edges[i].from,
				(unsigned long long)edges[i].to,
				(unsigned long long)edges[i].count);
	fclose(f);
}

static int read_entries(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t room = 1 << 12;
	unsigned long long v;

	if (!f)
		return -1;
	entries = malloc(room * sizeof(*entries));
	while (entries && fscanf(f, "%llx", &v) == 1) {
		if (nentries == room)
			entries = realloc(entries,
					  (room *= 2) * sizeof(*entries));
		if (entries)
			entries[nentries++] = v;
	}
	fclose(f);
	edges = calloc(NEDGES, sizeof(*edges));
	return entries && edges ? 0 : -1;
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
			int argc, char **argv)
{
	(void)info;
	blocks = calloc(NBLOCKS, sizeof(*blocks));
	if (!blocks)
		return -1;
	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4))
			out_path = argv[i] + 4;
		else if (!strncmp(argv[i], "start=", 6))
			start_vaddr = strtoull(argv[i] + 6, NULL, 16);
		else if (!strncmp(argv[i], "entries=", 8) &&
			 read_entries(argv[i] + 8))
			return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
	qemu_plugin_register_atexit_cb(id, write_counts, NULL);
	return 0;
}
