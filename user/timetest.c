/*
 * timetest: clock_gettime, clock_nanosleep (each also as its time64
 * twin) and uname with raw system calls:
 *
 *   - the clocks read back, the CPU clock advances in a busy loop;
 *   - a relative sleep lasts at least as long as asked, by
 *     CLOCK_MONOTONIC; with TIMER_ABSTIME it ends when the clock
 *     reads the time given (not that long from now), at once if that
 *     time has passed;
 *   - a clock that is not one EINVAL, a bad pointer EFAULT, a
 *     nanosecond count outside 0..999999999 EINVAL; sleeping on the
 *     thread's CPU clock EOPNOTSUPP;
 *   - uname names the system; a bad pointer EFAULT.
 *
 * Linux agrees with every check (tests/scenarios/native.py runs it
 * there).  Prints a line per check and exits with the number failed.
 */
#include "user/lib/libc.h"

#define NEVER_MAPPED	0x1000
#define BAD_CLOCK	99
#define MSEC		1000000LL	/* nanoseconds */

static int failures;

static void check(bool ok, const char *what)
{
	printf("timetest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long gettime(int clock, struct timespec *tp)
{
	return __syscall(__NR_clock_gettime, clock, (long)tp, 0, 0, 0, 0);
}

static long gettime64(int clock, struct __kernel_timespec *tp)
{
	return __syscall(__NR_clock_gettime64, clock, (long)tp, 0, 0, 0, 0);
}

static long nsleep(int clock, int flags, const struct timespec *req)
{
	return __syscall(__NR_clock_nanosleep, clock, flags, (long)req, 0, 0,
			 0);
}

static long nsleep64(int clock, int flags,
		     const struct __kernel_timespec *req)
{
	return __syscall(__NR_clock_nanosleep_time64, clock, flags, (long)req,
			 0, 0, 0);
}

/* CLOCK_MONOTONIC in nanoseconds (-1 if it fails). */
static long long now_ns(void)
{
	struct __kernel_timespec t;

	if (gettime64(CLOCK_MONOTONIC, &t))
		return -1;
	return t.tv_sec * 1000 * MSEC + t.tv_nsec;
}

static long long cpu_ns(int clock)
{
	struct timespec t;

	if (gettime(clock, &t))
		return -1;
	return (long long)t.tv_sec * 1000 * MSEC + t.tv_nsec;
}

static void read_clocks(void)
{
	static const int clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC,
		CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID };
	struct __kernel_timespec t64;
	struct timespec t;
	bool ok = true;

	for (unsigned i = 0; i < ARRAY_SIZE(clocks); i++)
		ok = ok && !gettime(clocks[i], &t) && t.tv_nsec >= 0 &&
		     t.tv_nsec < 1000 * MSEC && !gettime64(clocks[i], &t64) &&
		     t64.tv_nsec >= 0 && t64.tv_nsec < 1000 * MSEC &&
		     t64.tv_sec >= t.tv_sec;
	check(ok, "clock_gettime and clock_gettime64 read the four clocks");
	check(gettime(BAD_CLOCK, &t) == -EINVAL &&
	      gettime64(BAD_CLOCK, &t64) == -EINVAL,
	      "clock_gettime(64) of a clock that is not one: EINVAL");
	check(gettime(CLOCK_MONOTONIC, (void *)NEVER_MAPPED) == -EFAULT &&
	      gettime64(CLOCK_PROCESS_CPUTIME_ID, (void *)NEVER_MAPPED) ==
	      -EFAULT, "clock_gettime(64) into a bad pointer: EFAULT");
}

/* Spins until a CPU clock shows 100 ms (or 10 s pass, by the wall). */
static void cpu_clock(int clock, const char *what)
{
	long long cpu0 = cpu_ns(clock), wall0 = now_ns();
	volatile unsigned long spin = 0;

	while (cpu_ns(clock) - cpu0 < 100 * MSEC &&
	       now_ns() - wall0 < 10000 * MSEC)
		spin++;
	check(cpu0 >= 0 && cpu_ns(clock) - cpu0 >= 100 * MSEC, what);
}

static void relative(void)
{
	struct timespec one = { 1, 0 };
	struct __kernel_timespec fifth = { 0, 200 * MSEC };
	long long t0 = now_ns();
	long ret = nsleep(CLOCK_MONOTONIC, 0, &one);
	long long t1 = now_ns();

	check(ret == 0 && t1 - t0 >= 1000 * MSEC,
	      "clock_nanosleep(1 s) lasts at least 1 s");
	ret = nsleep64(CLOCK_REALTIME, 0, &fifth);
	check(ret == 0 && now_ns() - t1 >= 200 * MSEC,
	      "clock_nanosleep_time64(0.2 s) lasts at least 0.2 s");
}

/* After relative(): CLOCK_MONOTONIC reads more than a second. */
static void absolute(void)
{
	long long t0 = now_ns(), until = t0 + 300 * MSEC, t1;
	struct __kernel_timespec at = { until / (1000 * MSEC),
					until % (1000 * MSEC) };
	struct timespec past = { 1, 0 };
	long ret = nsleep64(CLOCK_MONOTONIC, TIMER_ABSTIME, &at);

	t1 = now_ns();
	check(ret == 0 && t1 >= until && t1 - t0 < t0,
	      "TIMER_ABSTIME sleeps until the clock reads that time");
	t0 = now_ns();
	check(nsleep(CLOCK_REALTIME, TIMER_ABSTIME, &past) == 0 &&
	      now_ns() - t0 < 500 * MSEC,
	      "TIMER_ABSTIME with a time passed returns at once");
}

static void sleep_errors(void)
{
	struct timespec big = { 0, 1000 * MSEC }, neg = { 0, -1 };
	struct timespec negsec = { -1, 0 }, zero = { 0, 0 };
	struct __kernel_timespec big64 = { 0, 1000 * MSEC };
	struct __kernel_timespec zero64 = { 0, 0 };
	void *bad = (void *)NEVER_MAPPED;

	check(nsleep(CLOCK_MONOTONIC, 0, &big) == -EINVAL &&
	      nsleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &neg) == -EINVAL &&
	      nsleep(CLOCK_REALTIME, 0, &negsec) == -EINVAL &&
	      nsleep64(CLOCK_MONOTONIC, 0, &big64) == -EINVAL,
	      "clock_nanosleep(64) with nsec >= 1e9, < 0 or sec < 0: EINVAL");
	check(nsleep(BAD_CLOCK, 0, &zero) == -EINVAL &&
	      nsleep64(BAD_CLOCK, 0, &zero64) == -EINVAL,
	      "clock_nanosleep(64) on a clock that is not one: EINVAL");
	check(nsleep(CLOCK_THREAD_CPUTIME_ID, 0, &zero) == -EOPNOTSUPP,
	      "clock_nanosleep on the thread's CPU clock: EOPNOTSUPP");
	check(nsleep(CLOCK_MONOTONIC, 0, bad) == -EFAULT &&
	      nsleep64(CLOCK_REALTIME, TIMER_ABSTIME, bad) == -EFAULT,
	      "clock_nanosleep(64) from a bad pointer: EFAULT");
}

static void uname_checks(void)
{
	struct new_utsname u;

	check(__syscall(__NR_uname, (long)&u, 0, 0, 0, 0, 0) == 0 &&
	      (!strcmp(u.sysname, "Pagoda") || !strcmp(u.sysname, "Linux")) &&
	      u.release[0] && u.machine[0], "uname names the system");
	check(__syscall(__NR_uname, NEVER_MAPPED, 0, 0, 0, 0, 0) == -EFAULT,
	      "uname into a bad pointer: EFAULT");
}

int main(int argc __unused, char **argv __unused)
{
	read_clocks();
	cpu_clock(CLOCK_PROCESS_CPUTIME_ID,
		  "CLOCK_PROCESS_CPUTIME_ID advances in a busy loop");
	cpu_clock(CLOCK_THREAD_CPUTIME_ID,
		  "CLOCK_THREAD_CPUTIME_ID advances in a busy loop");
	relative();
	absolute();
	sleep_errors();
	uname_checks();
	printf("timetest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
