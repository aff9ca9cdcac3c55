/*
 * memhog SIZE [PASSES]: fills SIZE bytes of anonymous memory and checks
 * that it keeps what was written.
 *
 * Pass p writes, into every 32-bit word, a pattern made from the
 * word's address, the pid and p; every later pass first checks the
 * previous pass's pattern, and a last read-only pass checks the final
 * one.  A page lost, mixed up with another page or another process's
 * page, or swapped back wrong is reported by address:
 *
 *   memhog: FAIL at 0x40006000: expected 0xf91c02b2, found 0xacd0ae2d (pass 1)
 *
 * Exit status: 0 if every word checked out, 1 on a mismatch or when
 * the memory cannot be had, 2 for bad arguments.
 */
#include "user/lib/libc.h"
#include "user/lib/pattern.h"

#define MAX_REPORTS	5
/*
 * The most one process can map on Pagoda: mmap2 areas start at 1 GiB
 * and end 8 MiB (the stack's limit) below 3 GiB (mm/mm_types.h).
 */
#define MAX_SIZE	(2040UL << 20)

/*
 * One walk over the buffer: checks the pattern of pass `check` (if not
 * 0), then writes that of pass `write` (if not 0).  Returns the number
 * of mismatches.
 */
static unsigned long walk(uint32_t *buf, unsigned long words, uint32_t pid,
			  uint32_t check, uint32_t write)
{
	unsigned long bad = 0;

	for (unsigned long i = 0; i < words; i++) {
		uintptr_t addr = (uintptr_t)&buf[i];

		if (check && buf[i] != pattern(addr, pid, check)) {
			if (++bad <= MAX_REPORTS)
				printf("memhog: FAIL at %#010lx: expected "
				       "%#010x, found %#010x (pass %u)\n",
				       (unsigned long)addr,
				       pattern(addr, pid, check), buf[i],
				       check);
		}
		if (write)
			buf[i] = pattern(addr, pid, write);
	}
	return bad;
}

static int usage(void)
{
	printf("usage: memhog SIZE [PASSES]   (SIZE like 8M; PASSES >= 1, "
	       "default 2)\n");
	return 2;
}

int main(int argc, char **argv)
{
	uint64_t size = 0;
	unsigned long passes = 2, words, bad = 0;
	uint32_t *buf, pid = getpid();

	if (argc < 2 || argc > 3)
		return usage();
	if (memparse(argv[1], &size) || size < 4 || size > MAX_SIZE) {
		printf("memhog: bad SIZE '%s': give 4 bytes to 2040M, "
		       "e.g. 8M\n", argv[1]);
		if (size > MAX_SIZE)
			printf("memhog: a process maps at most 2040M: from "
			       "1 GiB up to the stack's 8 MiB below 3 GiB\n");
		return 2;
	}
	if (argc == 3 && (kstrtoul(argv[2], 10, &passes) || !passes)) {
		printf("memhog: bad PASSES '%s': give a number >= 1\n",
		       argv[2]);
		return 2;
	}
	words = size / 4;
	buf = malloc(words * 4);
	if (!buf) {
		printf("memhog: cannot allocate %lu KiB: %s\n",
		       (unsigned long)(size >> 10), strerror(errno));
		return 1;
	}
	printf("memhog: %lu KiB, %lu passes\n", (unsigned long)(size >> 10),
	       passes);
	for (uint32_t p = 1; p <= passes; p++) {
		bad += walk(buf, words, pid, p - 1, p);
		printf("memhog: pass %u/%lu %s\n", p, passes,
		       bad ? "FAILED" : "ok");
	}
	bad += walk(buf, words, pid, passes, 0);
	if (bad) {
		printf("memhog: FAIL: %lu words wrong\n", bad);
		return 1;
	}
	printf("memhog: %lu KiB verified after %lu passes\n",
	       (unsigned long)(size >> 10), passes);
	return 0;
}
