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
