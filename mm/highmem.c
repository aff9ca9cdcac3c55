/*
 * Mapping HIGHMEM pages into the kernel (Linux 2.4's mm/highmem.c and
 * asm-i386/highmem.h).  See mm/highmem.h for the interface and
 * mm/fixmap.h for where the mappings live.
 *
 * pkmap_count[nr] says what pkmap slot nr holds, as in 2.4:
 *   0   free;
 *   1   still maps its page, but nobody uses it: reused only after
 *       flush_all_zero_pkmaps() has cleared it and flushed the TLB;
 *   n   mapped, with n - 1 kmap()s not yet undone.
 * Flushing all stale slots in one go, when the search wraps around,
 * costs one TLB flush per LAST_PKMAP mappings instead of one per
 * kunmap.
 *
 * 2.4 finds a kmapped page's address in page->virtual; our struct page
 * has no such field (mm/mm.h), so the slots are hashed by page frame.
 * And where 2.4 sleeps until a slot frees up, we cannot yet (no
 * processes to wait for): running out of slots is a leak of kmaps,
 * reported as such.
 */
#include "mm/highmem.h"
#include "kernel/kernel.h"
#include "kernel/x86.h"
#include "mm/fixmap.h"

#define PA_HASH		64	/* chains of slots, by page frame */
#define NO_SLOT		(-1)

static int pkmap_count[LAST_PKMAP];
static struct page *pkmap_page[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static short pa_head[PA_HASH];		/* slot + 1, 0 = empty chain */
static short pa_next[LAST_PKMAP];	/* slot + 1, 0 = end */

static unsigned int pa_hash(const struct page *page)
{
	return page_to_pfn(page) % PA_HASH;
}

/* The slot mapping page, or NO_SLOT.  Call with interrupts off. */
static int pkmap_lookup(const struct page *page)
{
	for (int s = pa_head[pa_hash(page)]; s; s = pa_next[s - 1])
		if (pkmap_page[s - 1] == page)
			return s - 1;
	return NO_SLOT;
}

static void pkmap_hash_del(int nr)
{
	short *link = &pa_head[pa_hash(pkmap_page[nr])];

	while (*link != nr + 1)
		link = &pa_next[*link - 1];
	*link = pa_next[nr];
	pkmap_page[nr] = NULL;
}

void *highmem_page_address(const struct page *page)
{
	uint32_t flags = local_irq_save();
	int nr = pkmap_lookup(page);

	local_irq_restore(flags);
	return nr == NO_SLOT ? NULL : (void *)PKMAP_ADDR(nr);
}

/* Frees every slot nobody uses any more, with one TLB flush. */
static void flush_all_zero_pkmaps(void)
{
	for (int nr = 0; nr < LAST_PKMAP; nr++) {
		if (pkmap_count[nr] != 1)
			continue;
		pkmap_count[nr] = 0;
		clear_pkmap_pte(nr);
		pkmap_hash_del(nr);
	}
	write_cr3(read_cr3());
}

static int map_new_virtual(struct page *page)
{
	int count;

	for (count = LAST_PKMAP; count > 0; count--) {
		last_pkmap_nr = (last_pkmap_nr + 1) & (LAST_PKMAP - 1);
		if (!last_pkmap_nr)
			flush_all_zero_pkmaps();
		if (!pkmap_count[last_pkmap_nr])
			break;
	}
	if (!count)
		panic("kmap: all %d pkmap slots are in use: a kunmap() is "
		      "missing somewhere", LAST_PKMAP);
	set_pkmap_pte(last_pkmap_nr, page_to_pfn(page));
	pkmap_count[last_pkmap_nr] = 1;
	pkmap_page[last_pkmap_nr] = page;
	pa_next[last_pkmap_nr] = pa_head[pa_hash(page)];
	pa_head[pa_hash(page)] = last_pkmap_nr + 1;
	return last_pkmap_nr;
}

/* 2.4's kmap_high: reuse the page's slot if it has one. */
void *kmap(struct page *page)
{
	uint32_t flags;
	int nr;

	if (!PageHighMem(page))
		return page_address(page);
	flags = local_irq_save();
	nr = pkmap_lookup(page);
	if (nr == NO_SLOT)
		nr = map_new_virtual(page);
	pkmap_count[nr]++;
	local_irq_restore(flags);
	return (void *)PKMAP_ADDR(nr);
}

void kunmap(struct page *page)
{
	bool mapped;
	uint32_t flags;
	int nr;

	if (!PageHighMem(page))
		return;
	flags = local_irq_save();
	nr = pkmap_lookup(page);
	mapped = nr != NO_SLOT && pkmap_count[nr] > 1;
	if (mapped)
		pkmap_count[nr]--;
	local_irq_restore(flags);
	if (!mapped) {
		printk(KERN_ERR "kunmap: pfn %#lx is not kmapped\n",
		       page_to_pfn(page));
		dump_stack();
	}
}

unsigned int kmap_slots_in_use(void)
{
	unsigned int n = 0;

	for (int nr = 0; nr < LAST_PKMAP; nr++)
		n += pkmap_count[nr] > 1;
	return n;
}

/*
 * One fixmap slot per km_type: no search, no sharing, usable from
 * interrupt handlers (with their own types).  Using a type that is
 * already mapped means two users collide: a bug.
 */
void *kmap_atomic(struct page *page, enum km_type type)
{
	enum fixed_addresses idx = FIX_KMAP_BEGIN + type;

	if (!PageHighMem(page))
		return page_address(page);
	if ((unsigned)type >= KM_TYPE_NR)
		panic("kmap_atomic: bad km_type %d", type);
	if (fixmap_in_use(idx))
		panic("kmap_atomic: slot %d is already in use (missing "
		      "kunmap_atomic, or two users of one km_type)", type);
	set_fixmap(idx, page_to_pfn(page));
	return (void *)fix_to_virt(idx);
}

void kunmap_atomic(void *addr, enum km_type type)
{
	enum fixed_addresses idx = FIX_KMAP_BEGIN + type;

	if ((unsigned long)addr < FIXADDR_START)
		return;		/* a low-memory page: nothing was mapped */
	if ((unsigned)type >= KM_TYPE_NR ||
	    (unsigned long)addr != fix_to_virt(idx))
		panic("kunmap_atomic: %p is not the km_type %d slot",
		      addr, type);
	clear_fixmap(idx);
}

/*
 * A page at a time, a word at a time (Linux's i386 clear_page and
 * copy_page): every new anonymous page is cleared and every
 * copy-on-write copies one, so under swapping these run once per
 * fault.  lib/string.c's byte loops took six times as long.
 */
static void clear_page(void *addr)
{
	unsigned long n = PAGE_SIZE / 4;

	asm volatile("rep stosl" : "+D"(addr), "+c"(n) : "a"(0) : "memory");
}

static void copy_page(void *to, const void *from)
{
	unsigned long n = PAGE_SIZE / 4;

	asm volatile("rep movsl" : "+D"(to), "+S"(from), "+c"(n)
		     : : "memory");
}

void clear_highpage(struct page *page)
{
	void *addr = kmap_atomic(page, KM_USER0);

	clear_page(addr);
	kunmap_atomic(addr, KM_USER0);
}

void copy_highpage(struct page *to, struct page *from)
{
	void *src = kmap_atomic(from, KM_USER0);
	void *dst = kmap_atomic(to, KM_USER1);

	copy_page(dst, src);
	kunmap_atomic(dst, KM_USER1);
	kunmap_atomic(src, KM_USER0);
}
