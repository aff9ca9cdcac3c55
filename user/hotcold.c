/*
 * hotcold HOT COLD [ROUNDS]: a small set of memory used all the time
 * beside a large one used rarely, to watch page aging at work.
 *
 * Each round walks the hot set SWEEPS times (every word checked and
 * rewritten) and then one slice of the cold set (the next 1/SLICES of
 * it, cyclically).  When HOT + COLD is more than memory, something
 * must be swapped out; an aging VM takes the cold pages, whose
 * accessed bits stay clear, and keeps the hot ones, which are found
 * referenced at every look.  The program counts its major faults
 * (getrusage) during the hot walks after the first rounds (the warm
 * up) and during the cold walks:
 *
 *	hotcold: hot set: 0 major faults in 48 walks of 1024 pages after warm-up
 *	hotcold: cold set: 1791 major faults in 16 slices
 *	hotcold: every word verified
 *
 * Exit status: 0 if every word checked out, 1 on a mismatch or when
 * the memory cannot be had, 2 for bad arguments.
 */
#include "user/lib/libc.h"
#include "user/lib/pattern.h"

#define SWEEPS		4	/* hot walks per round */
#define SLICES		8	/* cold walks per pass over the cold set */
#define WARM_ROUNDS	2
#define MAX_REPORTS	5

static unsigned long bad;

static long major_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

/*
 * Checks words [from, to) of buf against the pattern of pass `check`
 * and rewrites them with pass `check + 1`; seed tells the sets apart.
 */
static void walk(uint32_t *buf, unsigned long from, unsigned long to,
		 uint32_t seed, uint32_t check)
{
	for (unsigned long i = from; i < to; i++) {
		uintptr_t addr = (uintptr_t)&buf[i];

		if (buf[i] != pattern(addr, seed, check) && ++bad <= MAX_REPORTS)
			printf("hotcold: FAIL at %#010lx: expected %#010x, "
			       "found %#010x\n", (unsigned long)addr,
			       pattern(addr, seed, check), buf[i]);
		buf[i] = pattern(addr, seed, check + 1);
	}
}

static void fill(uint32_t *buf, unsigned long words, uint32_t seed)
{
	for (unsigned long i = 0; i < words; i++)
		buf[i] = pattern((uintptr_t)&buf[i], seed, 0);
}

static int usage(void)
{
	printf("usage: hotcold HOT COLD [ROUNDS]   (sizes like 4M; ROUNDS "
	       ">= %d, default %d)\n", WARM_ROUNDS + 1, 2 * SLICES);
	return 2;
}

int main(int argc, char **argv)
{
	uint64_t hot_size, cold_size;
	unsigned long rounds = 2 * SLICES, hot_words, cold_words, slice;
	uint32_t *hot, *cold, hot_pass = 0, cold_pass[SLICES] = { 0 };
	long hot_faults = 0, cold_faults = 0, before;

	if (argc < 3 || argc > 4 || memparse(argv[1], &hot_size) ||
	    memparse(argv[2], &cold_size) || hot_size < PAGE_SIZE ||
	    cold_size < SLICES * PAGE_SIZE || hot_size > (1UL << 30) ||
	    cold_size > (1UL << 30) ||
	    (argc == 4 && (kstrtoul(argv[3], 10, &rounds) ||
			   rounds <= WARM_ROUNDS)))
		return usage();
	hot_words = hot_size / 4;
	cold_words = cold_size / 4;
	slice = cold_words / SLICES;
	hot = malloc(hot_words * 4);
	cold = malloc(cold_words * 4);
	if (!hot || !cold) {
		printf("hotcold: cannot allocate: %s\n", strerror(errno));
		return 1;
	}
	printf("hotcold: hot %lu KiB, cold %lu KiB, %lu rounds\n",
	       (unsigned long)(hot_size >> 10),
	       (unsigned long)(cold_size >> 10), rounds);
	fill(hot, hot_words, 1);
	fill(cold, cold_words, 2);
	for (unsigned long r = 0; r < rounds; r++) {
		unsigned long s = r % SLICES;

		before = major_faults();
		for (int i = 0; i < SWEEPS; i++)
			walk(hot, 0, hot_words, 1, hot_pass++);
		if (r >= WARM_ROUNDS)
			hot_faults += major_faults() - before;
		before = major_faults();
		walk(cold, s * slice, (s + 1) * slice, 2, cold_pass[s]++);
		cold_faults += major_faults() - before;
	}
	printf("hotcold: hot set: %ld major faults in %lu walks of %lu "
	       "pages after warm-up\n", hot_faults,
	       (rounds - WARM_ROUNDS) * SWEEPS, hot_words * 4 / PAGE_SIZE);
	printf("hotcold: cold set: %ld major faults in %lu slices\n",
	       cold_faults, rounds);
	/* last, a read-only look at everything */
	for (unsigned long i = 0; i < hot_words; i++)
		if (hot[i] != pattern((uintptr_t)&hot[i], 1, hot_pass))
			bad++;
	for (unsigned long i = 0; i < cold_words; i++) {
		/* words past the last whole slice are never walked */
		unsigned long s = i / slice;

		if (cold[i] != pattern((uintptr_t)&cold[i], 2,
				       s < SLICES ? cold_pass[s] : 0))
			bad++;
	}
	if (bad) {
		printf("hotcold: FAIL: %lu words wrong\n", bad);
		return 1;
	}
	printf("hotcold: every word verified\n");
	return 0;
}
