/*
 * kmalloc/kfree for the host unit tests: plain malloc, so that
 * AddressSanitizer sees every object lib/ code allocates (overflows,
 * use after free, and leaks at exit).  The kernel's own allocator,
 * mm/slab.c, needs real pages and is tested in the kernel.  The last
 * call's gfp_mask is kept for the tests (kernel_shim.h).
 */
#include "mm/slab.h"

unsigned int host_kmalloc_gfp;

void *kmalloc(size_t size, unsigned int gfp_mask)
{
	host_kmalloc_gfp = gfp_mask;
	return malloc(size);
}

void kfree(const void *objp)
{
	free((void *)objp);
}

/* A cache is just its object size: every object is its own malloc. */
struct kmem_cache_s {
	size_t size;
};

kmem_cache_t *kmem_cache_create(const char *name __unused, size_t size,
				size_t align __unused,
				unsigned long flags __unused,
				void (*ctor)(void *) __unused)
{
	kmem_cache_t *c = malloc(sizeof(*c));

	if (c)
		c->size = size;
	return c;
}

void *kmem_cache_alloc(kmem_cache_t *cachep, unsigned int gfp_mask __unused)
{
	return malloc(cachep->size);
}

void kmem_cache_free(kmem_cache_t *cachep __unused, void *objp)
{
	free(objp);
}

/* Nothing is kept free here: reclaim finds no slab to give back. */
int kmem_cache_reap(unsigned int gfp_mask __unused)
{
	return 0;
}
