/*
 * timetest: clock_gettime, clock_getres, clock_nanosleep (each also
 * as its time64 twin), time, gettimeofday and uname with raw system
 * calls:
 *
 *   - the eight clocks read back, the coarse ones beside the others,
 *     each has a resolution of at most a tick; the CPU clocks advance
 *     in a busy loop; time and gettimeofday agree with CLOCK_REALTIME
 *     and time advances by a second across a second's sleep;
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
#define UNUSED_CLOCK	10	/* Linux's old CLOCK_SGI_CYCLE */
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

static const int clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC,
	CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID,
	CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE,
	CLOCK_BOOTTIME };

static long sys_time(long *tloc)
{
	return __syscall(__NR_time, (long)tloc, 0, 0, 0, 0, 0);
}

static long gettimeofday(struct timeval *tv, void *tz)
{
	return __syscall(__NR_gettimeofday, (long)tv, (long)tz, 0, 0, 0, 0);
}

static long getres(int clock, struct timespec *tp)
{
	return __syscall(__NR_clock_getres, clock, (long)tp, 0, 0, 0, 0);
}

static long getres64(int clock, struct __kernel_timespec *tp)
{
	return __syscall(__NR_clock_getres_time64, clock, (long)tp, 0, 0, 0,
			 0);
}

/* The seconds of clock `clock` (-1 if it fails). */
static long seconds(int clock)
{
	struct timespec t;

	return gettime(clock, &t) ? -1 : t.tv_sec;
}

static void read_clocks(void)
{
	struct __kernel_timespec t64;
	struct timespec t;
	bool ok = true;

	for (unsigned i = 0; i < ARRAY_SIZE(clocks); i++)
		ok = ok && !gettime(clocks[i], &t) && t.tv_nsec >= 0 &&
		     t.tv_nsec < 1000 * MSEC && !gettime64(clocks[i], &t64) &&
		     t64.tv_nsec >= 0 && t64.tv_nsec < 1000 * MSEC &&
		     t64.tv_sec >= t.tv_sec;
	check(ok, "clock_gettime and clock_gettime64 read the eight clocks");
	check(gettime(BAD_CLOCK, &t) == -EINVAL &&
	      gettime64(BAD_CLOCK, &t64) == -EINVAL &&
	      gettime(UNUSED_CLOCK, &t) == -EINVAL,
	      "clock_gettime(64) of a clock that is not one: EINVAL");
	check(gettime(CLOCK_MONOTONIC, (void *)NEVER_MAPPED) == -EFAULT &&
	      gettime64(CLOCK_PROCESS_CPUTIME_ID, (void *)NEVER_MAPPED) ==
	      -EFAULT, "clock_gettime(64) into a bad pointer: EFAULT");
}

/* Each clock ticks at most every 10 ms (Pagoda's: one jiffy). */
static void resolutions(void)
{
	struct __kernel_timespec r64;
	struct timespec r;
	bool ok = true;

	for (unsigned i = 0; i < ARRAY_SIZE(clocks); i++)
		ok = ok && !getres(clocks[i], &r) && r.tv_sec == 0 &&
		     r.tv_nsec > 0 && r.tv_nsec <= 10 * MSEC &&
		     !getres64(clocks[i], &r64) && r64.tv_sec == 0 &&
		     r64.tv_nsec == r.tv_nsec && !getres(clocks[i], NULL);
	check(ok, "clock_getres(64): each clock's tick, at most 10 ms");
	check(getres(BAD_CLOCK, &r) == -EINVAL &&
	      getres64(UNUSED_CLOCK, &r64) == -EINVAL &&
	      getres(CLOCK_MONOTONIC, (void *)NEVER_MAPPED) == -EFAULT &&
	      getres64(CLOCK_REALTIME_COARSE, (void *)NEVER_MAPPED) ==
	      -EFAULT, "clock_getres(64): no such clock EINVAL, bad pointer "
	      "EFAULT");
}

/*
 * The coarse clocks read what their fine twins read, to a tick;
 * time() is CLOCK_REALTIME's seconds (glibc's time() reads
 * CLOCK_REALTIME_COARSE), gettimeofday too.  Linux's time and coarse
 * clocks may lag the fine ones by a tick: a second either way.
 */
static void wall_clocks(void)
{
	long rt = seconds(CLOCK_REALTIME), t, tloc = -1;
	struct timeval tv;
	struct { int minuteswest, dsttime; } tz;

	check(rt >= 0 && seconds(CLOCK_REALTIME_COARSE) - rt <= 1 &&
	      rt - seconds(CLOCK_REALTIME_COARSE) <= 1 &&
	      seconds(CLOCK_MONOTONIC_COARSE) -
	      seconds(CLOCK_MONOTONIC) <= 1 && seconds(CLOCK_BOOTTIME) >=
	      seconds(CLOCK_MONOTONIC) && seconds(CLOCK_MONOTONIC_RAW) >= 0,
	      "the coarse clocks and BOOTTIME beside their twins");
	t = sys_time(&tloc);
	check(t - rt <= 1 && rt - t <= 1 && tloc == t && sys_time(NULL) >= t,
	      "time: CLOCK_REALTIME's seconds, also in *tloc");
	check(gettimeofday(&tv, &tz) == 0 && tv.tv_sec >= rt &&
	      tv.tv_sec - rt <= 1 && tv.tv_usec >= 0 &&
	      tv.tv_usec < 1000000 && gettimeofday(&tv, NULL) == 0,
	      "gettimeofday agrees with CLOCK_REALTIME");
	check(sys_time((long *)NEVER_MAPPED) == -EFAULT &&
	      gettimeofday((void *)NEVER_MAPPED, NULL) == -EFAULT &&
	      gettimeofday(&tv, (void *)NEVER_MAPPED) == -EFAULT,
	      "time and gettimeofday into a bad pointer: EFAULT");
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
	long s0 = sys_time(NULL);
	long ret = nsleep(CLOCK_MONOTONIC, 0, &one);
	long long t1 = now_ns();

	check(ret == 0 && t1 - t0 >= 1000 * MSEC,
	      "clock_nanosleep(1 s) lasts at least 1 s");
	check(sys_time(NULL) - s0 >= 1 &&
	      seconds(CLOCK_REALTIME_COARSE) - s0 >= 1,
	      "time and CLOCK_REALTIME_COARSE advance across it");
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
	check(nsleep(CLOCK_THREAD_CPUTIME_ID, 0, &zero) == -EOPNOTSUPP &&
	      nsleep(CLOCK_MONOTONIC_RAW, 0, &zero) == -EOPNOTSUPP &&
	      nsleep64(CLOCK_REALTIME_COARSE, 0, &zero64) == -EOPNOTSUPP &&
	      nsleep(CLOCK_MONOTONIC_COARSE, 0, &zero) == -EOPNOTSUPP,
	      "clock_nanosleep on the thread CPU, RAW, COARSE clocks: "
	      "EOPNOTSUPP");
	check(nsleep(CLOCK_BOOTTIME, 0, &zero) == 0 &&
	      nsleep64(CLOCK_BOOTTIME, TIMER_ABSTIME, &zero64) == 0,
	      "clock_nanosleep(64) on CLOCK_BOOTTIME");
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
	resolutions();
	wall_clocks();
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
