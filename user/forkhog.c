/*
 * forkhog SIZE CHILDREN: children sharing their parent's memory, much
 * of it swapped out, and copying it on write.
 *
 * The parent fills SIZE bytes with its pattern (user/lib/pattern.h,
 * seed 0) and forks CHILDREN children.  Each child checks every word
 * of the parent's pattern (pages swapped out before the fork come back
 * through swap entries the children share), then writes its own
 * pattern (seed: its number) into every other page, which copies those
 * pages, and checks both kinds of page again.  The parent waits for
 * them all and checks that its own memory never changed.
 *
 *	forkhog: 24576 KiB, 3 children
 *	forkhog: child 1: shared and copied pages verified
 *	...
 *	forkhog: parent's pages verified after 3 children
 *
 * (a child's line is printed by the parent once the child has exited
 * with every word right, in order, so the output is always the same).
 *
 * Exit status: 0 if every word checked out in every process, 1 if not
 * (or memory or a child could not be had), 2 for bad arguments.
 */
#include "user/lib/libc.h"
#include "user/lib/pattern.h"

#define MAX_CHILDREN	16
#define MAX_REPORTS	5
#define WORDS_PER_PAGE	(PAGE_SIZE / 4)

static uint32_t *buf;
static unsigned long words;

/* The seed page i holds: the writer's, on odd pages after its writes. */
static uint32_t seed_of(unsigned long word, uint32_t writer)
{
	return (word / WORDS_PER_PAGE) % 2 ? writer : 0;
}

/* Mismatches against what `writer` should see (0: the parent). */
static unsigned long check(const char *who, uint32_t writer)
{
	unsigned long bad = 0;

	for (unsigned long i = 0; i < words; i++) {
		uintptr_t addr = (uintptr_t)&buf[i];
		uint32_t want = pattern(addr, seed_of(i, writer), 0);

		if (buf[i] != want && ++bad <= MAX_REPORTS)
			printf("forkhog: %s: FAIL at %#010lx: expected "
			       "%#010x, found %#010x\n", who,
			       (unsigned long)addr, want, buf[i]);
	}
	return bad;
}

/* A child: read everything shared, write the odd pages, read again. */
static int child(uint32_t n)
{
	char who[16];
	unsigned long bad;

	snprintf(who, sizeof(who), "child %u", n);
	bad = check(who, 0);
	for (unsigned long i = WORDS_PER_PAGE; i < words;
	     i += 2 * WORDS_PER_PAGE)
		for (unsigned long j = i; j < i + WORDS_PER_PAGE && j < words;
		     j++)
			buf[j] = pattern((uintptr_t)&buf[j], n, 0);
	bad += check(who, n);
	return bad ? 1 : 0;
}

static int usage(void)
{
	printf("usage: forkhog SIZE CHILDREN   (SIZE like 16M; 1 to %d "
	       "children)\n", MAX_CHILDREN);
	return 2;
}

int main(int argc, char **argv)
{
	int pids[MAX_CHILDREN + 1], failed = 0;
	unsigned long children;
	uint64_t size;

	if (argc != 3 || memparse(argv[1], &size) || size < PAGE_SIZE ||
	    size > (1UL << 30) || kstrtoul(argv[2], 10, &children) ||
	    !children || children > MAX_CHILDREN)
		return usage();
	words = size / 4;
	/* mapped, not malloc'd: page aligned, so that "every other page"
	 * is every other page of memory (malloc's header would put each
	 * of ours across two, and every page would be copied) */
	buf = mmap(NULL, words * 4, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		printf("forkhog: cannot allocate: %s\n", strerror(errno));
		return 1;
	}
	printf("forkhog: %lu KiB, %lu children\n",
	       (unsigned long)(size >> 10), children);
	for (unsigned long i = 0; i < words; i++)
		buf[i] = pattern((uintptr_t)&buf[i], 0, 0);
	for (uint32_t n = 1; n <= children; n++) {
		pids[n] = fork();
		if (pids[n] == 0)
			exit(child(n));
		if (pids[n] < 0) {
			printf("forkhog: fork: %s\n", strerror(errno));
			failed++;
		}
	}
	/* in order, so that the report reads the same every time */
	for (uint32_t n = 1; n <= children; n++) {
		int status;

		if (pids[n] < 0)
			continue;
		if (waitpid(pids[n], &status, 0) != pids[n] ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			failed++;
			continue;
		}
		printf("forkhog: child %u: shared and copied pages verified\n",
		       n);
	}
	if (check("parent", 0) || failed) {
		printf("forkhog: FAIL: %d children failed\n", failed);
		return 1;
	}
	printf("forkhog: parent's pages verified after %lu children\n",
	       children);
	return 0;
}
