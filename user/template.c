/*
 * template: a program of your own, to copy.  Build it against user/lib
 * and boot with it (docs/processes.md, "Programs of your own"):
 *
 *	make prog SRC=mine.c          # -> build/progs/mine
 *	make run PROG=build/progs/mine
 *	pagoda> run mine 4M
 *
 * user/lib/libc.h has what Linux's libc would give you for the system
 * calls Pagoda implements: printf, malloc/free (large blocks by mmap2),
 * fork, waitpid, getpid, kill, nanosleep, getrusage, strerror, ...
 * A program built this way is a static Linux i386 executable: it runs
 * on Linux too.  No floating point: user/lib's printf has none, and
 * user/lib is built without FPU registers.
 *
 * This one touches SIZE bytes (default 1M) and says how many page
 * faults that cost.  Exit status 0 on success, 2 for bad arguments.
 */
#include "user/lib/libc.h"

int main(int argc, char **argv)
{
	uint64_t size = 1 << 20;
	struct rusage before, after;
	char *buf;

	if (argc > 2 || (argc == 2 && memparse(argv[1], &size))) {
		printf("usage: %s [SIZE]   (SIZE like 4M)\n", argv[0]);
		return 2;
	}
	buf = malloc(size);
	if (!buf) {
		printf("%s: cannot allocate %lu bytes: %s\n", argv[0],
		       (unsigned long)size, strerror(errno));
		return 1;
	}
	getrusage(RUSAGE_SELF, &before);
	for (uint64_t i = 0; i < size; i += 4096)
		buf[i] = 1;
	getrusage(RUSAGE_SELF, &after);
	printf("%s: touched %lu KiB with %ld page faults\n", argv[0],
	       (unsigned long)(size >> 10),
	       after.ru_minflt - before.ru_minflt);
	free(buf);
	return 0;
}
