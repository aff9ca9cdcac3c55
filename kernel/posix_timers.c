/*
 * The POSIX clocks: clock_gettime (265), clock_getres (266) and
 * clock_nanosleep (267), and their time64 twins (403, 406 and 407)
 * that pass a 64-bit tv_sec.
 * Linux 2.4.0 has none of them (it has gettimeofday and nanosleep):
 * they came with the POSIX timers of Linux 2.6 (kernel/posix-
 * timers.c, now kernel/time/posix-timers.c), the time64 calls with
 * Linux 5.1.  glibc 2.36 on i386 reads every clock through them
 * (time() and gettimeofday() too) and sleeps with clock_nanosleep.
 *
 * Pagoda has no real-time clock driver, so CLOCK_REALTIME counts
 * from the boot, as CLOCK_MONOTONIC does: 1970-01-01 00:00:00 UTC is
 * the moment the timer tick started (ktime_get_real_ts64, time.c).
 * Both count jiffies, the tick
 * the sleeps wake on, so a sleep of a second lasts a second by them.
 * The CPU-time clocks give user and system time in ticks, as
 * getrusage() counts it: the process's, every thread's (Linux's
 * thread_group_cputime), or the calling thread's own.
 */
#include "kernel/abi.h"
#include "kernel/exit.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "lib/errno.h"

/*
 * The time of clock `which` (Linux's posix_clock k_clock.clock_get).
 * Pagoda has one clock source, the tick, and never sets the time, so
 * the wall clocks (REALTIME and its COARSE twin), the monotonic ones
 * (MONOTONIC, its RAW and COARSE twins) and BOOTTIME (Pagoda never
 * suspends) all read the same jiffies; Linux's coarse clocks are also
 * its tick's.  glibc's time() reads CLOCK_REALTIME_COARSE.
 */
static int clock_get(int which, struct timespec64 *ts)
{
	struct group_usage u;

	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ktime_get_real_ts64(ts);
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		jiffies_to_timespec64(jiffies, ts);
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		thread_group_usage(current, &u);
		jiffies_to_timespec64(u.utime + u.stime, ts);
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		jiffies_to_timespec64(current->utime + current->stime, ts);
		return 0;
	}
	return -EINVAL;
}

static long clock_gettime(int which, void *tp, bool time64)
{
	struct timespec64 ts;
	int err = clock_get(which, &ts);

	return err ? err : put_timespec64(&ts, tp, time64);
}

long sys_clock_gettime(int which, struct timespec *tp)
{
	return clock_gettime(which, tp, false);
}

long sys_clock_gettime64(int which, struct __kernel_timespec *tp)
{
	return clock_gettime(which, tp, true);
}

/*
 * clock_getres (Linux 2.6's sys_clock_getres): every clock advances
 * by a tick, 10 ms; tp may be NULL, which only checks the clock.
 */
static long clock_getres(int which, void *tp, bool time64)
{
	struct timespec64 ts;

	if (clock_get(which, &ts))	/* only to know the clock */
		return -EINVAL;
	ts.tv_sec = 0;
	ts.tv_nsec = NSEC_PER_SEC / HZ;
	return tp ? put_timespec64(&ts, tp, time64) : 0;
}

long sys_clock_getres(int which, struct timespec *tp)
{
	return clock_getres(which, tp, false);
}

long sys_clock_getres_time64(int which, struct __kernel_timespec *tp)
{
	return clock_getres(which, tp, true);
}

/* *t = *t - now of clock which; false if that time has passed. */
bool time_until(int which, struct timespec64 *t)
{
	struct timespec64 now;

	clock_get(which, &now);
	t->tv_sec -= now.tv_sec;
	t->tv_nsec -= now.tv_nsec;
	if (t->tv_nsec < 0) {
		t->tv_nsec += NSEC_PER_SEC;
		t->tv_sec--;
	}
	return t->tv_sec >= 0 && (t->tv_sec || t->tv_nsec);
}

/*
 * Sleeps on CLOCK_REALTIME, CLOCK_MONOTONIC or CLOCK_BOOTTIME (Linux's
 * common_nsleep): for *rqtp, or with TIMER_ABSTIME until the clock
 * reads *rqtp.  A signal ends it as it ends nanosleep (do_nanosleep):
 * -EINTR, and a relative sleep writes the time left to *rmtp.
 * Linux refuses the thread's CPU clock, the RAW and COARSE clocks
 * with EOPNOTSUPP (they have no nsleep), as here, but sleeps on the
 * process's; Pagoda refuses that with EINVAL, as glibc's sleeps never
 * use it.
 */
static long clock_nanosleep(int which, int flags, const void *rqtp,
			    void *rmtp, bool time64)
{
	struct timespec64 t;
	long ret;

	if (which == CLOCK_THREAD_CPUTIME_ID || which == CLOCK_MONOTONIC_RAW ||
	    which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE)
		return -EOPNOTSUPP;
	if (which != CLOCK_REALTIME && which != CLOCK_MONOTONIC &&
	    which != CLOCK_BOOTTIME)
		return -EINVAL;
	if (get_timespec64(&t, rqtp, time64))
		return -EFAULT;
	if (!timespec64_valid(&t))
		return -EINVAL;
	if ((flags & TIMER_ABSTIME) && !time_until(which, &t))
		return 0;
	ret = do_nanosleep(&t);
	if (ret == -EINTR && !(flags & TIMER_ABSTIME) && rmtp &&
	    put_timespec64(&t, rmtp, time64))
		return -EFAULT;
	return ret;
}

long sys_clock_nanosleep(int which, int flags, const struct timespec *rqtp,
			 struct timespec *rmtp)
{
	return clock_nanosleep(which, flags, rqtp, rmtp, false);
}

long sys_clock_nanosleep_time64(int which, int flags,
				const struct __kernel_timespec *rqtp,
				struct __kernel_timespec *rmtp)
{
	return clock_nanosleep(which, flags, rqtp, rmtp, true);
}
