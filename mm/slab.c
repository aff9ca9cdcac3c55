/*
 * The slab allocator (after Linux 2.4's mm/slab.c, Bonwick's design).
 *
 * A cache hands out objects of one size.  It takes blocks of
 * 1 << gfporder pages from the buddy allocator ("slabs"), cuts each
 * into num objects and keeps its slabs on three lists: full, partial
 * and free.  An allocation takes from a partial slab first, so memory
 * stays packed.  A slab whose last object is freed stays on the free
 * list for the next allocation; reclaim gives free slabs back to the
 * buddy allocator with kmem_cache_reap() (the seed's kswapd tree), and
 * kmem_cache_shrink() gives back all of one cache's.
 *
 * Every page of a slab is marked PG_slab and points back at its cache
 * and slab through page->list (2.4's SET_PAGE_CACHE/SET_PAGE_SLAB), so
 * kfree() needs nothing but the address.  The slab descriptor lies at
 * the start of the slab for small objects and, for objects of 512
 * bytes and more, in a separate object of the "slab" cache, which
 * keeps big objects (4 KiB and up: page-aligned) packed.
 *
 * Free objects are chained through a pointer stored in the free
 * object itself, or just after it when the cache has a constructor:
 * 2.4 runs the constructor once, when the slab is made, and a freed
 * object must come back still constructed.  (2.4 chains free objects
 * with an index array, kmem_bufctl_t, beside the descriptor.)
 */
#include "mm/slab.h"
#include "kernel/kernel.h"
#include "kernel/ksyms.h"
#include "kernel/shell.h"
#include "kernel/x86.h"
#include "mm/mm.h"

#define CACHE_NAMELEN	20
#define BYTES_PER_WORD	sizeof(void *)
#define L1_CACHE_BYTES	32
#define MAX_SLAB_ORDER	5		/* 128 KiB: the largest kmalloc */
#define CFLGS_OFF_SLAB	0x00010000UL	/* descriptor in slab_cache */
#define OFF_SLAB_MIN	(PAGE_SIZE >> 3)

struct slab {
	struct list_head list;	/* on the cache's full/partial/free list */
	void *s_mem;		/* the first object */
	unsigned int inuse;	/* objects handed out */
	void *free;		/* first free object, NULL if none */
};

struct kmem_cache_s {
	struct list_head slabs_full, slabs_partial, slabs_free;
	size_t objsize;		/* what the creator asked for */
	size_t size;		/* distance between objects */
	size_t free_offset;	/* where a free object keeps its link */
	unsigned int num;	/* objects per slab */
	unsigned int gfporder;	/* pages per slab: 1 << gfporder */
	size_t mgmt;		/* on-slab descriptor: objects start here */
	unsigned long flags;
	void (*ctor)(void *);
	unsigned long active_objs, nr_slabs;
	bool grown;		/* since kmem_cache_reap last looked */
	char name[CACHE_NAMELEN];
	struct list_head next;	/* on cache_chain */
};

unsigned long slab_pages;

static LIST_HEAD(cache_chain);
static kmem_cache_t cache_cache;	/* kmem_cache_t objects */
static kmem_cache_t slab_cache;		/* off-slab descriptors */

/* kmalloc's caches: size-32 ... size-131072, and their DMA twins. */
#define NR_SIZES	13
static struct cache_sizes {
	size_t size;
	kmem_cache_t *cachep, *dma_cachep;
} cache_sizes[NR_SIZES];

/* ------------------------------------------------------ set-up */

/* Picks gfporder and num: waste at most 1/8 of a slab if possible. */
static void cache_estimate(kmem_cache_t *c, size_t align)
{
	for (c->gfporder = 0; ; c->gfporder++) {
		size_t total = PAGE_SIZE << c->gfporder;
		size_t waste;

		c->mgmt = c->flags & CFLGS_OFF_SLAB ? 0 :
			  ALIGN_UP(sizeof(struct slab), align);
		c->num = (total - c->mgmt) / c->size;
		waste = total - c->mgmt - c->num * c->size;
		if (c->num && (waste * 8 <= total ||
			       c->gfporder == MAX_SLAB_ORDER))
			break;
	}
}

static void cache_setup(kmem_cache_t *c, const char *name, size_t size,
			size_t align, unsigned long flags, void (*ctor)(void *))
{
	memset(c, 0, sizeof(*c));
	INIT_LIST_HEAD(&c->slabs_full);
	INIT_LIST_HEAD(&c->slabs_partial);
	INIT_LIST_HEAD(&c->slabs_free);
	strlcpy(c->name, name, sizeof(c->name));
	c->objsize = size;
	c->flags = flags;
	c->ctor = ctor;
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max(align, (size_t)L1_CACHE_BYTES);
	align = max(align, BYTES_PER_WORD);
	c->free_offset = ctor ? ALIGN_UP(size, BYTES_PER_WORD) : 0;
	c->size = ALIGN_UP(max(size, c->free_offset + BYTES_PER_WORD), align);
	if (c->size >= OFF_SLAB_MIN && c != &slab_cache)
		c->flags |= CFLGS_OFF_SLAB;
	cache_estimate(c, align);
	list_add_tail(&c->next, &cache_chain);
}

static const char *bad_cache_args(const char *name, size_t size,
				  size_t align, unsigned long flags)
{
	if (!name)
		return "no name";
	if (!size || size > KMALLOC_MAX_SIZE)
		return "size must be 1 .. 128 KiB";
	if (align & (align - 1) || align > PAGE_SIZE)
		return "align must be a power of two up to PAGE_SIZE";
	if (flags & ~(SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA))
		return "unknown flags";
	return NULL;
}

/*
 * A new cache of size-byte objects aligned to align (0: a word), or
 * NULL after saying why.  ctor, if given, runs once per object when
 * its slab is made.
 */
kmem_cache_t *kmem_cache_create(const char *name, size_t size, size_t align,
				unsigned long flags, void (*ctor)(void *))
{
	const char *why = bad_cache_args(name, size, align, flags);
	kmem_cache_t *c;

	if (why) {
		printk(KERN_ERR "kmem_cache_create(%s, %lu): %s\n",
		       name ? name : "NULL", (unsigned long)size, why);
		return NULL;
	}
	c = kmem_cache_alloc(&cache_cache, GFP_KERNEL);
	if (c)
		cache_setup(c, name, size, align, flags, ctor);
	return c;
}

/* ------------------------------------------------------ slabs */

static void **free_link(kmem_cache_t *c, void *obj)
{
	return (void **)((char *)obj + c->free_offset);
}

static void mark_slab_pages(kmem_cache_t *c, struct page *page,
			    struct slab *slabp)
{
	for (unsigned int i = 0; i < (1U << c->gfporder); i++) {
		SetPageSlab(page + i);
		page[i].list.next = (struct list_head *)c;
		page[i].list.prev = (struct list_head *)slabp;
	}
}

static kmem_cache_t *page_cache(const struct page *page)
{
	return (kmem_cache_t *)page->list.next;
}

static struct slab *page_slab(const struct page *page)
{
	return (struct slab *)page->list.prev;
}

/* Adds one free slab to the cache (2.4's kmem_cache_grow). */
static int cache_grow(kmem_cache_t *c, unsigned int gfp_mask)
{
	struct page *page;
	struct slab *slabp;
	char *addr;
	uint32_t flags;

	gfp_mask &= ~__GFP_HIGHMEM;	/* objects need a kernel address */
	if (c->flags & SLAB_CACHE_DMA)
		gfp_mask |= __GFP_DMA;
	page = alloc_pages(gfp_mask, c->gfporder);
	if (!page)
		return -ENOMEM;
	addr = page_address(page);
	if (c->flags & CFLGS_OFF_SLAB) {
		slabp = kmem_cache_alloc(&slab_cache, gfp_mask);
		if (!slabp) {
			__free_pages(page, c->gfporder);
			return -ENOMEM;
		}
		slabp->s_mem = addr;
	} else {
		slabp = (struct slab *)addr;
		slabp->s_mem = addr + c->mgmt;
	}
	slabp->inuse = 0;
	slabp->free = NULL;
	for (unsigned int i = c->num; i-- > 0; ) {
		void *obj = (char *)slabp->s_mem + i * c->size;

		if (c->ctor)
			c->ctor(obj);
		*free_link(c, obj) = slabp->free;
		slabp->free = obj;
	}
	mark_slab_pages(c, page, slabp);
	flags = local_irq_save();
	list_add(&slabp->list, &c->slabs_free);
	c->nr_slabs++;
	c->grown = true;
	slab_pages += 1UL << c->gfporder;
	local_irq_restore(flags);
	return 0;
}

/* Gives an empty slab's pages back; it is off every list already. */
static void slab_destroy(kmem_cache_t *c, struct slab *slabp)
{
	struct page *page = virt_to_page(slabp->s_mem);

	for (unsigned int i = 0; i < (1U << c->gfporder); i++) {
		ClearPageSlab(page + i);
		INIT_LIST_HEAD(&page[i].list);
	}
	if (c->flags & CFLGS_OFF_SLAB)
		kmem_cache_free(&slab_cache, slabp);
	__free_pages(page, c->gfporder);
}

/* ------------------------------------------------------ objects */

void *kmem_cache_alloc(kmem_cache_t *c, unsigned int gfp_mask)
{
	struct list_head *l;
	struct slab *slabp;
	uint32_t flags = local_irq_save();
	void *obj;

	for (;;) {
		l = !list_empty(&c->slabs_partial) ? c->slabs_partial.next :
		    !list_empty(&c->slabs_free) ? c->slabs_free.next : NULL;
		if (l)
			break;
		local_irq_restore(flags);
		if (cache_grow(c, gfp_mask))
			return NULL;
		flags = local_irq_save();
	}
	slabp = list_entry(l, struct slab, list);
	obj = slabp->free;
	slabp->free = *free_link(c, obj);
	slabp->inuse++;
	c->active_objs++;
	list_move(&slabp->list, slabp->inuse == c->num ? &c->slabs_full
						       : &c->slabs_partial);
	local_irq_restore(flags);
	return obj;
}

/* The page of a direct-mapped address, or NULL. */
static struct page *obj_page(const void *obj)
{
	unsigned long pfn = __pa(obj) >> PAGE_SHIFT;

	if ((unsigned long)obj < PAGE_OFFSET || !pfn_valid(pfn) ||
	    PageHighMem(pfn_to_page(pfn)))
		return NULL;
	return pfn_to_page(pfn);
}

static bool on_free_chain(kmem_cache_t *c, struct slab *slabp,
			  const void *obj)
{
	for (void *p = slabp->free; p; p = *free_link(c, p))
		if (p == obj)
			return true;
	return false;
}

/* Why obj cannot be freed into c, or NULL if it can. */
static const char *bad_object(kmem_cache_t *c, const void *obj,
			      struct slab **slabpp)
{
	struct page *page = obj_page(obj);
	struct slab *slabp;
	unsigned long off;

	if (!page || !PageSlab(page))
		return "not an object of any cache";
	if (page_cache(page) != c)
		return "an object of another cache";
	slabp = page_slab(page);
	off = (const char *)obj - (const char *)slabp->s_mem;
	if ((const char *)obj < (const char *)slabp->s_mem ||
	    off % c->size || off / c->size >= c->num)
		return "not the start of an object";
	if (on_free_chain(c, slabp, obj))
		return "already free (freed twice)";
	*slabpp = slabp;
	return NULL;
}

static void cache_free(kmem_cache_t *c, void *obj, const void *caller)
{
	struct slab *slabp;
	const char *why;
	uint32_t flags = local_irq_save();

	why = bad_object(c, obj, &slabp);
	if (why) {
		char where[80];

		local_irq_restore(flags);
		ksym_snprint(where, sizeof(where), (unsigned long)caller);
		printk(KERN_ERR "kmem_cache_free(%s, %p): %s; not freed "
		       "(caller %s)\n", c ? c->name : "?", obj, why, where);
		return;
	}
	*free_link(c, obj) = slabp->free;
	slabp->free = obj;
	slabp->inuse--;
	c->active_objs--;
	list_move(&slabp->list, slabp->inuse ? &c->slabs_partial
					     : &c->slabs_free);
	local_irq_restore(flags);
}

void kmem_cache_free(kmem_cache_t *c, void *obj)
{
	cache_free(c, obj, __builtin_return_address(0));
}

/*
 * Gives up to count of c's free slabs back, the ones freed longest ago
 * first (the free list's tail); returns the number of pages freed.
 */
static int free_slabs(kmem_cache_t *c, unsigned long count)
{
	int pages = 0;

	while (count--) {
		uint32_t flags = local_irq_save();
		struct slab *slabp = NULL;

		if (!list_empty(&c->slabs_free)) {
			slabp = list_entry(c->slabs_free.prev, struct slab,
					   list);
			list_del(&slabp->list);
			c->nr_slabs--;
			slab_pages -= 1UL << c->gfporder;
		}
		local_irq_restore(flags);
		if (!slabp)
			break;
		slab_destroy(c, slabp);
		pages += 1 << c->gfporder;
	}
	return pages;
}

/* Gives every free slab back; returns the number of pages freed. */
int kmem_cache_shrink(kmem_cache_t *c)
{
	return free_slabs(c, -1UL);	/* all of them */
}

/* ------------------------------------------------------ reaping */

#define REAP_SCANLEN	10	/* caches looked at per call */
#define REAP_PERFECT	10	/* free slabs that end the search */

/* Where the last kmem_cache_reap() stopped: the next one goes on. */
static struct list_head *clock_searchp = &cache_chain;

static unsigned long nr_free_slabs(kmem_cache_t *c)
{
	unsigned long n = 0;
	struct list_head *l;

	list_for_each(l, &c->slabs_free)
		n++;
	return n;
}

/*
 * What reaping c is worth, in pages.  A cache that grew since the last
 * look is passed over (and looked at again next time): it will want
 * its free slabs soon.  Slabs of several pages, and slabs whose objects
 * a constructor must set up again, count a fifth less: they cost more
 * to make again (2.4.0's weights).
 */
static unsigned long reap_value(kmem_cache_t *c, unsigned long *nr_free)
{
	unsigned long pages;

	*nr_free = 0;
	if (c->grown) {
		c->grown = false;
		return 0;
	}
	*nr_free = nr_free_slabs(c);
	pages = *nr_free << c->gfporder;
	if (c->ctor)
		pages = (pages * 4 + 1) / 5;
	if (c->gfporder)
		pages = (pages * 4 + 1) / 5;
	return pages;
}

/*
 * Gives free slabs back to the buddy allocator (the seed's
 * kmem_cache_reap, called by refill_inactive and do_try_to_free_pages):
 * looks at up to REAP_SCANLEN caches, going round cache_chain from
 * where the last call stopped, picks the one whose free slabs are worth
 * most (stopping early at one with REAP_PERFECT of them) and frees 80%
 * of its free slabs, so that the cache keeps a few for its next
 * allocations.  Returns the pages freed (2.4.0 returns nothing; 2.4.27
 * returns this count).  gfp_mask is 2.4's: there it says
 * whether the reaper may sleep for the cache chain's semaphore; Pagoda
 * changes the chain with interrupts off and never has to.
 */
int kmem_cache_reap(unsigned int gfp_mask __unused)
{
	kmem_cache_t *best = NULL;
	unsigned long best_pages = 0, best_len = 0;
	uint32_t flags = local_irq_save();
	struct list_head *start;
	int scan = REAP_SCANLEN;

	if (clock_searchp == &cache_chain)	/* the list head */
		clock_searchp = cache_chain.next;
	start = clock_searchp;
	do {
		kmem_cache_t *c = list_entry(clock_searchp, kmem_cache_t,
					     next);
		unsigned long nr_free, pages = reap_value(c, &nr_free);

		clock_searchp = clock_searchp->next;
		if (clock_searchp == &cache_chain)
			clock_searchp = cache_chain.next;
		if (pages > best_pages) {
			best = c;
			best_pages = pages;
			best_len = nr_free;
			if (nr_free >= REAP_PERFECT)
				break;
		}
	} while (--scan && clock_searchp != start);
	local_irq_restore(flags);
	if (!best)
		return 0;
	return free_slabs(best, (best_len * 4 + 1) / 5);
}

/* Removes an unused cache: -EBUSY (and a message) if objects remain. */
int kmem_cache_destroy(kmem_cache_t *c)
{
	if (c->active_objs) {
		printk(KERN_ERR "kmem_cache_destroy(%s): %lu objects still "
		       "in use\n", c->name, c->active_objs);
		return -EBUSY;
	}
	kmem_cache_shrink(c);
	if (clock_searchp == &c->next)	/* kmem_cache_reap's hand */
		clock_searchp = c->next.prev;
	list_del(&c->next);
	kmem_cache_free(&cache_cache, c);
	return 0;
}

/* ------------------------------------------------------ kmalloc */

/*
 * size bytes, physically contiguous, from the smallest size-N cache
 * that fits (page-aligned from 4 KiB on); NULL if none or too big.
 */
void *kmalloc(size_t size, unsigned int gfp_mask)
{
	for (int i = 0; i < NR_SIZES; i++) {
		if (size > cache_sizes[i].size)
			continue;
		return kmem_cache_alloc(gfp_mask & __GFP_DMA ?
					cache_sizes[i].dma_cachep :
					cache_sizes[i].cachep, gfp_mask);
	}
	printk(KERN_WARNING "kmalloc: %lu bytes is more than the %lu "
	       "kmalloc can give\n", (unsigned long)size, KMALLOC_MAX_SIZE);
	return NULL;
}

void kfree(const void *obj)
{
	struct page *page;

	if (!obj)
		return;
	page = obj_page(obj);
	if (!page || !PageSlab(page)) {
		char where[80];

		ksym_snprint(where, sizeof(where),
			     (unsigned long)__builtin_return_address(0));
		printk(KERN_ERR "kfree(%p): not from kmalloc; not freed "
		       "(caller %s)\n", obj, where);
		return;
	}
	cache_free(page_cache(page), (void *)obj,
		   __builtin_return_address(0));
}

/* The two bootstrap caches are static; everything else is made here. */
void kmem_cache_init(void)
{
	static char names[2 * NR_SIZES][CACHE_NAMELEN];
	size_t size = 32;

	cache_setup(&cache_cache, "kmem_cache", sizeof(kmem_cache_t), 0, 0,
		    NULL);
	cache_setup(&slab_cache, "slab", sizeof(struct slab), 0, 0, NULL);
	for (int i = 0; i < NR_SIZES; i++, size <<= 1) {
		size_t align = size >= PAGE_SIZE ? PAGE_SIZE
						  : min(size, (size_t)L1_CACHE_BYTES);
		char *name = names[2 * i], *dma_name = names[2 * i + 1];

		snprintf(name, CACHE_NAMELEN, "size-%lu", (unsigned long)size);
		snprintf(dma_name, CACHE_NAMELEN, "size-%lu(DMA)",
			 (unsigned long)size);
		cache_sizes[i].size = size;
		cache_sizes[i].cachep = kmem_cache_create(name, size, align,
							  0, NULL);
		cache_sizes[i].dma_cachep = kmem_cache_create(dma_name, size,
						align, SLAB_CACHE_DMA, NULL);
		if (!cache_sizes[i].cachep || !cache_sizes[i].dma_cachep)
			panic("kmem_cache_init: cannot create %s", name);
	}
}

/* ------------------------------------------------------ slabinfo */

/* 2.4's /proc/slabinfo, version 1.1. */
static int cmd_slabinfo(int argc __unused, char **argv __unused)
{
	struct list_head *l;

	cprintf("slabinfo - version: 1.1\n");
	/* objects in use and in all, object size, slabs in use and in
	 * all, pages per slab: 2.4's columns, the header is 2.6's */
	cprintf("%-17s %6s %6s %6s %4s %4s %4s\n", "# name", "active",
		"objs", "size", "used", "slab", "pps");
	list_for_each(l, &cache_chain) {
		kmem_cache_t *c = list_entry(l, kmem_cache_t, next);

		cprintf("%-17s %6lu %6lu %6lu %4lu %4lu %4u\n", c->name,
			c->active_objs, c->nr_slabs * c->num,
			(unsigned long)c->size, c->nr_slabs - nr_free_slabs(c),
			c->nr_slabs, 1U << c->gfporder);
	}
	return 0;
}
SHELL_COMMAND(slabinfo, cmd_slabinfo, "slabinfo",
	      "the object caches, as in /proc/slabinfo");
