/*
 * The kernel's object allocator (Linux 2.4's include/linux/slab.h):
 * named caches of equal-sized objects, and kmalloc/kfree on top of a
 * set of caches of sizes 32 bytes to 128 KiB.  See mm/slab.c.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include "lib/compiler.h"

typedef struct kmem_cache_s kmem_cache_t;

/* kmem_cache_create() flags, with 2.4's values. */
#define SLAB_HWCACHE_ALIGN	0x00002000UL	/* align to a cache line */
#define SLAB_CACHE_DMA		0x00004000UL	/* objects in ZONE_DMA */

#define KMALLOC_MAX_SIZE	(128UL << 10)

kmem_cache_t *kmem_cache_create(const char *name, size_t size, size_t align,
				unsigned long flags, void (*ctor)(void *));
int kmem_cache_destroy(kmem_cache_t *cachep);
int kmem_cache_shrink(kmem_cache_t *cachep);
int kmem_cache_reap(unsigned int gfp_mask);
void *kmem_cache_alloc(kmem_cache_t *cachep, unsigned int gfp_mask);
void kmem_cache_free(kmem_cache_t *cachep, void *objp);

void *kmalloc(size_t size, unsigned int gfp_mask);
void kfree(const void *objp);

/* Pages held by all caches (meminfo's Slab:). */
extern unsigned long slab_pages;

void kmem_cache_init(void);

#endif
