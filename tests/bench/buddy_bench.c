/*
 * The buddy allocator's cost per alloc+free pair, for make bench
 * (tools/bench_buddy.py runs this under callgrind and counts the
 * instructions executed inside bench_loop only).
 *
 *	buddy-bench MODE N
 *
 * MODE is what bench_loop() repeats N times:
 *   lifo            pop + push on a bare LIFO free list of pages (the
 *                   natural limit: what any allocator must at least do)
 *   order0, order3  alloc_pages(GFP_KERNEL, k) + __free_pages: every
 *                   other block of that order is in use, so nothing
 *                   splits or merges (a fragmented, busy machine)
 *   order0-merge, order3-merge   the same on an empty machine: each
 *                   allocation splits a 2 MiB block down, each free
 *                   merges it back up (the worst case)
 * Built from the kernel's own mm/ sources, -O2, without sanitizers.
 */
#include "kernel/sched.h"
#include "lib/string.h"
#include "tests/host/mm_fixture.h"

#define PAGES	4096

static const struct mm_layout layout = {
	.nodes = 1, .zones = { { 0, PAGES, 0 } },
};

struct free_page {
	struct free_page *next;
};

static struct free_page *lifo_head;

static __attribute__((noinline)) void *lifo_alloc(void)
{
	struct free_page *p = lifo_head;

	lifo_head = p->next;
	return p;
}

static __attribute__((noinline)) void lifo_free(void *addr)
{
	struct free_page *p = addr;

	p->next = lifo_head;
	lifo_head = p;
}

static void lifo_setup(void)
{
	static char (*pages)[PAGE_SIZE];

	pages = aligned_alloc(PAGE_SIZE, 64 * PAGE_SIZE);
	for (int i = 0; i < 64; i++)
		lifo_free(pages[i]);
}

/* Holds every block of the order, then frees every other one. */
static void fragment(unsigned long order)
{
	static struct page *held[PAGES];
	int n = 0;

	current->flags |= PF_MEMALLOC;
	while ((held[n] = alloc_pages(GFP_KERNEL, order)))
		n++;
	current->flags &= ~PF_MEMALLOC;
	for (int i = 0; i < n; i += 2)
		__free_pages(held[i], order);
}

static volatile unsigned long sink;

__attribute__((noinline)) void bench_loop(int lifo, unsigned long order,
					  long n);
__attribute__((noinline)) void bench_loop(int lifo, unsigned long order,
					  long n)
{
	for (long i = 0; i < n; i++) {
		if (lifo) {
			void *p = lifo_alloc();

			sink += (unsigned long)p;
			lifo_free(p);
		} else {
			struct page *page = alloc_pages(GFP_KERNEL, order);

			sink += (unsigned long)page;
			__free_pages(page, order);
		}
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	long n = argc > 2 ? atol(argv[2]) : 0;
	unsigned long order = !strncmp(mode, "order3", 6) ? 3 : 0;
	int lifo = !strcmp(mode, "lifo");

	if (n <= 0 || (!lifo && strncmp(mode, "order", 5))) {
		fprintf(stderr, "usage: buddy-bench lifo|order0|order3|"
			"order0-merge|order3-merge N\n");
		return 2;
	}
	if (lifo) {
		lifo_setup();
	} else {
		if (!mm_fixture_setup(&layout))
			return 1;
		if (!strstr(mode, "merge"))
			fragment(order);
	}
	bench_loop(lifo, order, n);
	return 0;
}
