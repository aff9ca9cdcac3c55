/*
 * kmalloc/kfree for the host unit tests: plain malloc, so that
 * AddressSanitizer sees every object lib/ code allocates (overflows,
 * use after free, and leaks at exit).  The kernel's own allocator,
 * mm/slab.c, needs real pages and is tested in the kernel.
 */
#include "mm/slab.h"

void *kmalloc(size_t size, unsigned int gfp_mask __unused)
{
	return malloc(size);
}

void kfree(const void *objp)
{
	free((void *)objp);
}
