/*
 * hotcold HOT COLD [ROUNDS]: a small set of memory used all the time
 * beside a large one used rarely, to watch page aging at work.
 *
 * Each round walks one slice of the cold set (the next 1/SLICES of it,
 * cyclically), and after each cold page walks the next few pages of
 * the hot set, so that the hot set is walked SWEEPS times per round,
 * all the time (every word checked and rewritten).  When HOT + COLD is
 * more than memory, something must be swapped out; an aging VM takes
 * the cold pages, whose accessed bits stay clear, and keeps the hot
 * ones, which are found referenced at every look.  The program counts
 * its major faults (getrusage) on the hot set after the first rounds
 * (the warm up) and on the cold set (few: swap read-ahead runs ahead
 * of a walk in order, swapin_readahead_async in mm/memory.c):
 *
 *	hotcold: hot set: 0 major faults in 43008 page walks after warm-up
 *	hotcold: cold set: 29 major faults in 16 slices
 *	hotcold: every word verified
 *
 * Exit status: 0 if every word checked out, 1 on a mismatch or when
 * the memory cannot be had, 2 for bad arguments.
 */
#include "user/lib/libc.h"
#include "user/lib/pattern.h"

#define SWEEPS		4	/* hot walks per round */
#define SLICES		8	/* cold walks per pass over the set */
#define WARM_ROUNDS	2
#define MAX_REPORTS	5
#define WORDS_PER_PAGE	(PAGE_SIZE / 4)

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

		if (buf[i] != pattern(addr, seed, check) &&
		    ++bad <= MAX_REPORTS)
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
	printf("usage: hotcold HOT COLD [ROUNDS]   (sizes like 4M, COLD at "
	       "least %d pages; ROUNDS > %d, default %d)\n", SLICES,
	       WARM_ROUNDS, 2 * SLICES);
	return 2;
}

/* The last, read-only look at n words: the pass each should show. */
static void check_all(uint32_t *buf, unsigned long n, uint32_t seed,
		      const uint32_t *passes, unsigned long per_pass,
		      unsigned long passes_nr)
{
	for (unsigned long i = 0; i < n; i++) {
		/* past the last: never walked */
		unsigned long k = i / per_pass;
		uint32_t want = pattern((uintptr_t)&buf[i], seed,
					k < passes_nr ? passes[k] : 0);

		if (buf[i] != want && ++bad <= MAX_REPORTS)
			printf("hotcold: FAIL at %#010lx: expected %#010x, "
			       "found %#010x\n", (unsigned long)&buf[i], want,
			       buf[i]);
	}
}

int main(int argc, char **argv)
{
	uint64_t hot_size, cold_size;
	unsigned long rounds = 2 * SLICES, hot_pages, slice_pages, per_cold;
	unsigned long next = 0;
	uint32_t *hot, *cold, *hot_pass, cold_pass[SLICES] = { 0 };
	long hot_faults = 0, cold_faults = 0, before;

	if (argc < 3 || argc > 4 || memparse(argv[1], &hot_size) ||
	    memparse(argv[2], &cold_size) || hot_size < PAGE_SIZE ||
	    cold_size < SLICES * PAGE_SIZE || hot_size > (1UL << 30) ||
	    cold_size > (1UL << 30) ||
	    (argc == 4 && (kstrtoul(argv[3], 10, &rounds) ||
			   rounds <= WARM_ROUNDS)))
		return usage();
	hot_pages = hot_size / PAGE_SIZE;
	slice_pages = cold_size / PAGE_SIZE / SLICES;
	per_cold = max(SWEEPS * hot_pages / slice_pages, 1UL);
	hot = malloc(hot_size);
	cold = malloc(cold_size);
	hot_pass = malloc(hot_pages * sizeof(*hot_pass));
	if (!hot || !cold || !hot_pass) {
		printf("hotcold: cannot allocate: %s\n", strerror(errno));
		return 1;
	}
	memset(hot_pass, 0, hot_pages * sizeof(*hot_pass));
	printf("hotcold: hot %lu KiB, cold %lu KiB, %lu rounds\n",
	       (unsigned long)(hot_size >> 10),
	       (unsigned long)(cold_size >> 10), rounds);
	fill(hot, hot_pages * WORDS_PER_PAGE, 1);
	fill(cold, cold_size / 4, 2);
	for (unsigned long r = 0; r < rounds; r++) {
		unsigned long s = r % SLICES;

		for (unsigned long p = 0; p < slice_pages; p++) {
			unsigned long at = (s * slice_pages + p) *
					   WORDS_PER_PAGE;

			before = major_faults();
			walk(cold, at, at + WORDS_PER_PAGE, 2, cold_pass[s]);
			cold_faults += major_faults() - before;
			before = major_faults();
			for (unsigned long h = 0; h < per_cold; h++) {
				at = next * WORDS_PER_PAGE;
				walk(hot, at, at + WORDS_PER_PAGE, 1,
				     hot_pass[next]++);
				next = (next + 1) % hot_pages;
			}
			if (r >= WARM_ROUNDS)
				hot_faults += major_faults() - before;
		}
		cold_pass[s]++;
	}
	printf("hotcold: hot set: %ld major faults in %lu page walks after "
	       "warm-up\n", hot_faults,
	       (rounds - WARM_ROUNDS) * slice_pages * per_cold);
	printf("hotcold: cold set: %ld major faults in %lu slices\n",
	       cold_faults, rounds);
	check_all(hot, hot_size / 4, 1, hot_pass, WORDS_PER_PAGE, hot_pages);
	check_all(cold, cold_size / 4, 2, cold_pass,
		  slice_pages * WORDS_PER_PAGE, SLICES);
	if (bad) {
		printf("hotcold: FAIL: %lu words wrong\n", bad);
		return 1;
	}
	printf("hotcold: every word verified\n");
	return 0;
}
