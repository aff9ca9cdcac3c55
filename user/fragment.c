/*
 * fragment SIZE [CHECKS]: leaves free memory in single pages, for
 * compaction to gather.
 *
 * It maps SIZE bytes, writes a pattern into every word (so the pages
 * come from wherever the allocator has them), then frees every other
 * page (MADV_DONTNEED): half the memory is free again, but each free
 * page sits between two pages still in use, so no large block can
 * form.  madvise, not munmap: munmap would split the mapping into a
 * VMA per kept page, and each new VMA's slab page would be taken from
 * the single pages just freed, a kernel page compaction cannot move
 * in nearly every block.  Then, once a
 * second, it checks every word of the pages it kept, CHECKS times
 * (default: until killed), printing
 *
 *	fragment: check 3 ok
 *
 * so a test can see its pages stay intact while compaction moves them.
 * SIZE is at most 32M.
 *
 * Exit status: 0 if every check passed, 1 on a wrong word or no
 * memory, 2 for bad arguments.
 */
#include "user/lib/libc.h"
#include "user/lib/pattern.h"

#define MAX_SIZE	(32UL << 20)
#define WORDS		(PAGE_SIZE / 4)

/* Wrong words on the kept (even) pages of buf. */
static unsigned long check(uint32_t *buf, unsigned long pages, uint32_t pid)
{
	unsigned long bad = 0;

	for (unsigned long p = 0; p < pages; p += 2)
		for (unsigned long w = 0; w < WORDS; w++) {
			uint32_t *word = &buf[p * WORDS + w];

			if (*word != pattern((uintptr_t)word, pid, 1) &&
			    ++bad <= 3)
				printf("fragment: FAIL at %p: %#010x\n",
				       (void *)word, *word);
		}
	return bad;
}

int main(int argc, char **argv)
{
	struct timespec second = { 1, 0 };
	unsigned long pages, checks = ~0UL;
	uint32_t pid = getpid(), *buf;
	uint64_t size;

	if (argc < 2 || argc > 3 || memparse(argv[1], &size) ||
	    size < 2 * PAGE_SIZE || size > MAX_SIZE ||
	    (argc == 3 && (kstrtoul(argv[2], 10, &checks) || !checks))) {
		printf("usage: fragment SIZE [CHECKS]   (SIZE 8K to 32M)\n");
		return 2;
	}
	pages = size / PAGE_SIZE;
	buf = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		printf("fragment: cannot map %lu pages: %s\n", pages,
		       strerror(errno));
		return 1;
	}
	for (unsigned long i = 0; i < pages * WORDS; i++)
		buf[i] = pattern((uintptr_t)&buf[i], pid, 1);
	for (unsigned long p = 1; p < pages; p += 2) {
		long err = __syscall(__NR_madvise,
				     (uintptr_t)buf + p * PAGE_SIZE,
				     PAGE_SIZE, MADV_DONTNEED, 0, 0, 0);

		if (err) {
			printf("fragment: madvise: %s\n", strerror(-err));
			return 1;
		}
	}
	printf("fragment: %lu pages written, every other one freed\n",
	       pages);
	for (unsigned long c = 1; c <= checks; c++) {
		if (check(buf, pages, pid)) {
			printf("fragment: check %lu FAILED\n", c);
			return 1;
		}
		printf("fragment: check %lu ok\n", c);
		nanosleep(&second, NULL);
	}
	return 0;
}
