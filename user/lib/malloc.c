/*
 * malloc and free.  Large requests (>= 128 KiB, glibc's default
 * threshold) get their own anonymous mapping, given back to the kernel
 * by free().  Small ones come from the brk heap: a first-fit list of
 * free blocks, split when much bigger than asked; freed blocks go back
 * on the list (not coalesced: the programs here allocate little).
 */
#include "user/lib/libc.h"

#define MMAP_THRESHOLD	(128UL << 10)
#define ALIGNMENT	16UL
#define MIN_SPLIT	64UL

struct block {
	unsigned long size;	/* usable bytes after this header */
	bool mapped;		/* from mmap, not the heap */
	struct block *next;	/* on the free list */
	unsigned long pad;	/* keeps the header 16 bytes */
};

static struct block *free_list;

static void *map_block(unsigned long size)
{
	unsigned long total = ALIGN_UP(size + sizeof(struct block),
				       PAGE_SIZE);
	struct block *b = mmap(NULL, total, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (b == MAP_FAILED)
		return NULL;
	b->size = total - sizeof(*b);
	b->mapped = true;
	return b + 1;
}

static struct block *take_free(unsigned long size)
{
	for (struct block **p = &free_list; *p; p = &(*p)->next) {
		struct block *b = *p;

		if (b->size < size)
			continue;
		*p = b->next;
		if (b->size - size >= MIN_SPLIT + sizeof(*b)) {
			struct block *rest = (struct block *)
				((char *)(b + 1) + size);

			rest->size = b->size - size - sizeof(*b);
			rest->mapped = false;
			rest->next = free_list;
			free_list = rest;
			b->size = size;
		}
		return b;
	}
	return NULL;
}

void *malloc(unsigned long size)
{
	struct block *b;

	if (size >= MMAP_THRESHOLD)
		return map_block(size);
	size = ALIGN_UP(size ? size : 1, ALIGNMENT);
	b = take_free(size);
	if (!b) {
		b = sbrk(size + sizeof(*b));
		if (b == (void *)-1)
			return NULL;
		b->size = size;
		b->mapped = false;
	}
	return b + 1;
}

void free(void *ptr)
{
	struct block *b = (struct block *)ptr - 1;

	if (!ptr)
		return;
	if (b->mapped) {
		munmap(b, b->size + sizeof(*b));
		return;
	}
	b->next = free_list;
	free_list = b;
}
