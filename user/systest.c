/*
 * systest: the small calls a program of the outside world makes about
 * itself and the machine, with raw system calls:
 *
 *   - getuid, geteuid, getgid, getegid in their 16-bit and 32-bit
 *     forms agree and do not fail; getgroups(32) counts the groups;
 *   - sysinfo gives RAM, swap, processes and uptime in bounds;
 *   - madvise: MADV_DONTNEED pages read back as zeroes, the other
 *     advice keeps the data, bad ranges and advice are refused;
 *   - mlock and munlock a range (MADV_DONTNEED refused while locked),
 *     mlockall's bad flags, munlockall;
 *   - mremap shrinks, grows in place, moves (MREMAP_MAYMOVE) with the
 *     data, refuses bad arguments;
 *   - alarm, setitimer and getitimer: SIGALRM after the time asked,
 *     again and again with an interval, SIGVTALRM and SIGPROF in a
 *     busy loop, the time left read back, bad arguments refused;
 *   - times, the resource limits (getrlimit, ugetrlimit, prlimit64 and
 *     setrlimit agree), sched_getaffinity, getpriority and setpriority;
 *   - writev prints a line of three pieces; readv's and writev's
 *     errors; ioctl's on a descriptor that is none, a request no
 *     descriptor knows;
 *   - open and openat of a missing path ENOENT; fstat64 and statx of
 *     stdout agree (the console, or the host's pipe), a bad fd EBADF;
 *     statx of /dev/null's path a character device 1:3, of / a
 *     directory (busybox's stat, ls -l and test -c, -d);
 *   - poll: /dev/null readable and writable at once, stdout writable,
 *     a descriptor not open POLLNVAL, none at all a timeout of 0;
 *     too many EINVAL, a bad array EFAULT (busybox's line editing);
 *   - lseek and _llseek of /dev/null: 0 (dd seek=N of=/dev/null);
 *     of stdout (the console, or the host's pipe) ESPIPE; a bad whence
 *     EINVAL, a bad fd EBADF;
 *   - chdir to / and getcwd: "/", its length with the NUL; a small
 *     buffer ERANGE, a bad one EFAULT; chdir to a missing directory
 *     ENOENT, to a program ENOTDIR (busybox's pwd and ash's cd);
 *   - readlink: nothing is a symbolic link (EINVAL), a missing path
 *     ENOENT, a size of 0 EINVAL (glibc's realpath);
 *   - umask gives the old mask and keeps the low 9 bits of the new,
 *     a child inherits it (ash's umask); access to a program, a
 *     device and / (busybox's which), a missing path ENOENT, a bad
 *     mode EINVAL, a bad path EFAULT.
 *
 * Linux agrees with every check (tests/scenarios/native.py runs it
 * there).  Prints a line per check and exits with the number failed.
 */
#include "user/lib/libc.h"

#define NEVER_MAPPED	0x1000

static int failures;

static void check(bool ok, const char *what)
{
	printf("systest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long sys0(long nr)
{
	return __syscall(nr, 0, 0, 0, 0, 0, 0);
}

/* The 16-bit call gives what the 32-bit one does (ids below 65535). */
static bool same_id(long nr16, long nr32)
{
	long id = sys0(nr32);

	return id >= 0 && (id >= 65535 || sys0(nr16) == id);
}

static void ids(void)
{
	unsigned groups[64];
	long n = __syscall(__NR_getgroups32, 0, 0, 0, 0, 0, 0);

	check(same_id(__NR_getuid, __NR_getuid32) &&
	      same_id(__NR_geteuid, __NR_geteuid32) &&
	      same_id(__NR_getgid, __NR_getgid32) &&
	      same_id(__NR_getegid, __NR_getegid32),
	      "getuid, geteuid, getgid, getegid: 16 and 32 bits agree");
	check(n >= 0 && n <= 64 && __syscall(__NR_getgroups32, 64,
					     (long)groups, 0, 0, 0, 0) == n &&
	      __syscall(__NR_getgroups32, -1, (long)groups, 0, 0, 0, 0) ==
	      -EINVAL, "getgroups32: a count, the same with a list; "
	      "size -1 EINVAL");
}

static void system_info(void)
{
	struct sysinfo si;
	unsigned long long ram;
	long ret = __syscall(__NR_sysinfo, (long)&si, 0, 0, 0, 0, 0);

	ram = (unsigned long long)si.totalram * si.mem_unit;
	check(ret == 0 && si.mem_unit >= 1 && ram >= (1 << 20) &&
	      si.freeram > 0 && si.freeram <= si.totalram &&
	      si.freeswap <= si.totalswap && si.procs >= 1 &&
	      si.uptime >= 0 && si.freehigh <= si.totalhigh,
	      "sysinfo: RAM, swap, processes, uptime in bounds");
	check(__syscall(__NR_sysinfo, NEVER_MAPPED, 0, 0, 0, 0, 0) == -EFAULT,
	      "sysinfo into a bad pointer: EFAULT");
}

static long madvise(unsigned long addr, unsigned long len, int advice)
{
	return __syscall(__NR_madvise, addr, len, advice, 0, 0, 0);
}

/* n pages mapped, page i's words all i + 1 (0 if the map failed). */
static unsigned long map_filled(unsigned n)
{
	char *p = mmap(NULL, n * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	for (unsigned i = 0; i < n; i++)
		memset(p + i * PAGE_SIZE, i + 1, PAGE_SIZE);
	return (unsigned long)p;
}

/* Every byte of page i of addr is c. */
static bool page_is(unsigned long addr, unsigned i, int c)
{
	const unsigned char *p = (const unsigned char *)addr + i * PAGE_SIZE;

	for (unsigned long k = 0; k < PAGE_SIZE; k++)
		if (p[k] != c)
			return false;
	return true;
}

static void advice(void)
{
	unsigned long a = map_filled(4);

	check(a && madvise(a, PAGE_SIZE, MADV_NORMAL) == 0 &&
	      madvise(a, 4 * PAGE_SIZE, MADV_SEQUENTIAL) == 0 &&
	      madvise(a + PAGE_SIZE, PAGE_SIZE, MADV_RANDOM) == 0 &&
	      madvise(a, 4 * PAGE_SIZE - 100, MADV_WILLNEED) == 0 &&
	      page_is(a, 0, 1) && page_is(a, 3, 4),
	      "madvise NORMAL, SEQUENTIAL, RANDOM, WILLNEED: data kept");
	check(a && madvise(a + PAGE_SIZE, 2 * PAGE_SIZE - 1, MADV_DONTNEED) ==
	      0 && page_is(a, 0, 1) && page_is(a, 1, 0) && page_is(a, 2, 0) &&
	      page_is(a, 3, 4), "madvise(MADV_DONTNEED): the pages read 0");
	check(a && munmap((void *)(a + PAGE_SIZE), PAGE_SIZE) == 0 &&
	      madvise(a, 3 * PAGE_SIZE, MADV_DONTNEED) == -ENOMEM &&
	      page_is(a, 0, 0) && page_is(a, 3, 4),
	      "madvise over a hole: ENOMEM, the rest advised");
	check(madvise(a + 1, PAGE_SIZE, MADV_NORMAL) == -EINVAL &&
	      madvise(a, PAGE_SIZE, 999) == -EINVAL &&
	      madvise(a, 0, MADV_DONTNEED) == 0 &&
	      madvise(NEVER_MAPPED, PAGE_SIZE, MADV_NORMAL) == -ENOMEM,
	      "madvise: misaligned or bad advice EINVAL, unmapped ENOMEM");
	munmap((void *)a, 4 * PAGE_SIZE);
}

static void locks(void)
{
	unsigned long a = map_filled(4);

	check(a && __syscall(__NR_mlock, a + 10, 3 * PAGE_SIZE, 0, 0, 0, 0) ==
	      0 && madvise(a + PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED) == -EINVAL &&
	      page_is(a, 1, 2) && __syscall(__NR_munlock, a, 4 * PAGE_SIZE, 0,
					    0, 0, 0) == 0 &&
	      madvise(a + PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED) == 0 &&
	      page_is(a, 1, 0), "mlock, MADV_DONTNEED refused, munlock");
	check(__syscall(__NR_mlock, NEVER_MAPPED, PAGE_SIZE, 0, 0, 0, 0) ==
	      -ENOMEM && __syscall(__NR_mlockall, 0, 0, 0, 0, 0, 0) ==
	      -EINVAL && __syscall(__NR_mlockall, 8, 0, 0, 0, 0, 0) ==
	      -EINVAL && sys0(__NR_munlockall) == 0,
	      "mlock unmapped ENOMEM, mlockall bad flags EINVAL, munlockall");
	munmap((void *)a, 4 * PAGE_SIZE);
}

static unsigned long mremap(unsigned long addr, unsigned long old_len,
			    unsigned long new_len, unsigned long flags)
{
	return __syscall(__NR_mremap, addr, old_len, new_len, flags, 0, 0);
}

static void remaps(void)
{
	unsigned long a = map_filled(4), b;

	check(a && mremap(a, 4 * PAGE_SIZE, 2 * PAGE_SIZE, 0) == a &&
	      mremap(a, 2 * PAGE_SIZE, 3 * PAGE_SIZE, 0) == a &&
	      page_is(a, 1, 2) && page_is(a, 2, 0),
	      "mremap shrinks, grows in place: data kept, new page 0");
	b = mremap(a, 3 * PAGE_SIZE, 64 * PAGE_SIZE, MREMAP_MAYMOVE);
	check(!(b & (PAGE_SIZE - 1)) && page_is(b, 0, 1) && page_is(b, 1, 2) &&
	      page_is(b, 63, 0), "mremap(MREMAP_MAYMOVE) grows: data kept");
	check(mmap((void *)(b + 64 * PAGE_SIZE), PAGE_SIZE, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
	      MAP_FAILED && mremap(b, 64 * PAGE_SIZE, 65 * PAGE_SIZE, 0) ==
	      (unsigned long)-ENOMEM && page_is(b, 0, 1),
	      "mremap with no room and no MREMAP_MAYMOVE: ENOMEM");
	check(mremap(b + 1, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE) ==
	      (unsigned long)-EINVAL && mremap(b, PAGE_SIZE, 2 * PAGE_SIZE,
					      8) == (unsigned long)-EINVAL &&
	      mremap(b, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_FIXED) ==
	      (unsigned long)-EINVAL && mremap(b, PAGE_SIZE, 0, 0) ==
	      (unsigned long)-EINVAL && mremap(NEVER_MAPPED, PAGE_SIZE,
					      PAGE_SIZE * 2, 0) ==
	      (unsigned long)-EFAULT, "mremap: bad flags, address, length "
	      "EINVAL; unmapped EFAULT");
	munmap((void *)b, 65 * PAGE_SIZE);
}

static volatile int alarms, vtalrms, profs;

static void on_timer(int sig)
{
	alarms += sig == SIGALRM;
	vtalrms += sig == SIGVTALRM;
	profs += sig == SIGPROF;
}

static void catch(int sig)
{
	struct k_sigaction sa = { on_timer, 0, NULL, 0 };

	__syscall(__NR_rt_sigaction, sig, (long)&sa, 0, sizeof(sigset64_t), 0,
		  0);
}

/* CLOCK_MONOTONIC in milliseconds. */
static long long now_ms(void)
{
	struct timespec t;

	__syscall(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&t, 0, 0, 0, 0);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static long alarm(unsigned seconds)
{
	return __syscall(__NR_alarm, seconds, 0, 0, 0, 0, 0);
}

static long setitimer(int which, long usec, long interval,
		      struct itimerval *old)
{
	struct itimerval v = { { 0, interval }, { usec / 1000000,
						  usec % 1000000 } };

	return __syscall(__NR_setitimer, which, (long)&v, (long)old, 0, 0, 0);
}

static long getitimer(int which, struct itimerval *v)
{
	return __syscall(__NR_getitimer, which, (long)v, 0, 0, 0, 0);
}

/* Sleeps until *count reaches n or ms pass (a signal ends a sleep). */
static void wait_for(volatile int *count, int n, long long ms)
{
	long long t0 = now_ms();
	struct timespec tenth = { 0, 100000000 };

	while (*count < n && now_ms() - t0 < ms)
		nanosleep(&tenth, NULL);
}

/*
 * A child exits with its timer armed; the next child (likely on the
 * freed child's task memory) sleeps and exits unhit, as do we.
 */
static bool child_timer_ends_with_it(void)
{
	struct timespec fifth = { 0, 200000000 };
	int pid = fork(), status, before = alarms;

	if (pid == 0) {
		setitimer(ITIMER_REAL, 10000, 10000, NULL);
		exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status)
		return false;
	pid = fork();
	if (pid == 0)
		exit(nanosleep(&fifth, NULL) == 0 ? 0 : 1);
	return pid > 0 && waitpid(pid, &status, 0) == pid && status == 0 &&
	       alarms == before;
}

static void timers(void)
{
	struct itimerval v;
	long long t0;
	long left;

	catch(SIGALRM);
	t0 = now_ms();
	check(alarm(1) == 0, "alarm(1) with none set: 0");
	wait_for(&alarms, 1, 3000);
	check(alarms == 1 && now_ms() - t0 >= 1000,
	      "SIGALRM after a second, not before");
	alarm(5);
	left = alarm(0);
	check(left == 5 && getitimer(ITIMER_REAL, &v) == 0 &&
	      v.it_value.tv_sec == 0 && v.it_value.tv_usec == 0,
	      "alarm gives the seconds left; alarm(0) cancels");
	alarm(5);
	left = alarm(0x80000000U);
	check(left == 5 && getitimer(ITIMER_REAL, &v) == 0 &&
	      v.it_value.tv_sec > 5 && (unsigned long)alarm(0) > 5,
	      "alarm past INT_MAX seconds: armed for long, not refused");
	alarms = 0;
	check(setitimer(ITIMER_REAL, 100000, 100000, NULL) == 0 &&
	      getitimer(ITIMER_REAL, &v) == 0 && v.it_value.tv_sec == 0 &&
	      v.it_value.tv_usec <= 100000 && v.it_interval.tv_usec == 100000,
	      "setitimer(ITIMER_REAL), getitimer reads it back");
	wait_for(&alarms, 3, 3000);
	check(alarms >= 3 && setitimer(ITIMER_REAL, 0, 0, &v) == 0 &&
	      v.it_interval.tv_usec == 100000,
	      "an interval timer fires again and again");
	catch(SIGVTALRM);
	catch(SIGPROF);
	t0 = now_ms();
	setitimer(ITIMER_VIRTUAL, 50000, 0, NULL);
	setitimer(ITIMER_PROF, 50000, 0, NULL);
	/* mostly user time: a clock read is system time */
	while ((!vtalrms || !profs) && now_ms() - t0 < 5000)
		for (volatile int i = 0; i < 100000; i++)
			;
	check(vtalrms == 1 && profs == 1,
	      "ITIMER_VIRTUAL and ITIMER_PROF fire in a busy loop");
	check(child_timer_ends_with_it(),
	      "a child's interval timer ends with the child");
	check(setitimer(3, 0, 0, NULL) == -EINVAL &&
	      setitimer(ITIMER_REAL, 0, 1000000, NULL) == -EINVAL &&
	      getitimer(-1, &v) == -EINVAL &&
	      __syscall(__NR_setitimer, ITIMER_REAL, NEVER_MAPPED, 0, 0, 0,
			0) == -EFAULT &&
	      getitimer(ITIMER_PROF, (void *)NEVER_MAPPED) == -EFAULT,
	      "itimers: bad which or usec EINVAL, bad pointers EFAULT");
}

static long call2(long nr, long a, long b)
{
	return __syscall(nr, a, b, 0, 0, 0, 0);
}

static void times_check(void)
{
	struct tms a, b;
	long t0 = call2(__NR_times, (long)&a, 0), t1;
	struct timespec c0, c;

	__syscall(__NR_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, (long)&c0, 0,
		  0, 0, 0);
	do
		__syscall(__NR_clock_gettime, CLOCK_PROCESS_CPUTIME_ID,
			  (long)&c, 0, 0, 0, 0);
	while ((c.tv_sec - c0.tv_sec) * 1000 +
	       (c.tv_nsec - c0.tv_nsec) / 1000000 < 100);
	t1 = call2(__NR_times, (long)&b, 0);
	check(b.tms_utime + b.tms_stime - a.tms_utime - a.tms_stime >= 5 &&
	      t1 - t0 >= 5 && b.tms_cutime >= 0,
	      "times: CPU ticks and ticks since boot grow in a busy loop");
	check(call2(__NR_times, NEVER_MAPPED, 0) == -EFAULT,
	      "times into a bad pointer: EFAULT");
}

static void limits(void)
{
	struct rlimit r, old;
	struct rlimit64 r64;
	bool inf;

	check(call2(__NR_ugetrlimit, RLIMIT_STACK, (long)&r) == 0 &&
	      __syscall(__NR_prlimit64, 0, RLIMIT_STACK, 0, (long)&r64, 0,
			0) == 0 && call2(__NR_getrlimit, RLIMIT_STACK,
					 (long)&old) == 0 &&
	      r.rlim_cur >= (1 << 20),
	      "ugetrlimit, prlimit64, getrlimit: RLIMIT_STACK, 1 MiB or more");
	inf = r.rlim_cur == RLIM_INFINITY;
	check(inf ? r64.rlim_cur == RLIM64_INFINITY &&
		    old.rlim_cur == 0x7fffffff
		  : r64.rlim_cur == r.rlim_cur && old.rlim_cur == r.rlim_cur,
	      "the three agree, infinity in each one's form");
	old = r;
	r.rlim_cur = r.rlim_max + (r.rlim_max != RLIM_INFINITY);
	r.rlim_max = r.rlim_cur - 1;
	check(call2(__NR_setrlimit, RLIMIT_STACK, (long)&old) == 0 &&
	      call2(__NR_setrlimit, RLIMIT_STACK, (long)&r) == -EINVAL &&
	      call2(__NR_setrlimit, 99, (long)&old) == -EINVAL &&
	      call2(__NR_ugetrlimit, 99, (long)&r) == -EINVAL &&
	      call2(__NR_ugetrlimit, RLIMIT_STACK, NEVER_MAPPED) == -EFAULT &&
	      __syscall(__NR_prlimit64, 0x7ffffff0, RLIMIT_STACK, 0,
			(long)&r64, 0, 0) == -ESRCH,
	      "setrlimit to the limit: 0; cur above max, no such resource "
	      "EINVAL; bad pointer EFAULT; no such pid ESRCH");
}

/* Last: a raised nice is for good (lowering it needs root on Linux). */
static void cpus_and_priority(void)
{
	unsigned long mask[32] = { 0 };
	long n = __syscall(__NR_sched_getaffinity, 0, sizeof(mask),
			   (long)mask, 0, 0, 0);

	check(n > 0 && n <= (long)sizeof(mask) && (n & 3) == 0 &&
	      mask[0] != 0 && __syscall(__NR_sched_getaffinity, 0, 1,
					(long)mask, 0, 0, 0) == -EINVAL,
	      "sched_getaffinity: a mask of whole longs; 1 byte EINVAL");
	check(call2(__NR_getpriority, PRIO_PROCESS, 0) == 20 &&
	      __syscall(__NR_setpriority, PRIO_PROCESS, 0, 5, 0, 0, 0) == 0 &&
	      call2(__NR_getpriority, PRIO_PROCESS, getpid()) == 15,
	      "getpriority: 20 - nice; setpriority(5): 15");
	check(call2(__NR_getpriority, PRIO_PROCESS, 0x7ffffff0) == -ESRCH &&
	      call2(__NR_getpriority, 99, 0) == -EINVAL,
	      "getpriority: no such pid ESRCH, bad which EINVAL");
}

static void vectors(void)
{
	static const char *const piece[] = { "systest: writev", " of three",
					     " pieces: ok\n" };
	struct iovec iov[3], bad = { NULL, 0x80000000UL };
	long len = 0, n;

	for (int i = 0; i < 3; i++) {
		iov[i].iov_base = (void *)piece[i];
		iov[i].iov_len = strlen(piece[i]);
		len += iov[i].iov_len;
	}
	n = __syscall(__NR_writev, 1, (long)iov, 3, 0, 0, 0);
	if (n != len)
		check(false, "writev of three pieces");
	check(__syscall(__NR_writev, 57, (long)iov, 3, 0, 0, 0) == -EBADF &&
	      __syscall(__NR_writev, 1, (long)iov, 1025, 0, 0, 0) == -EINVAL &&
	      __syscall(__NR_writev, 1, NEVER_MAPPED, 2, 0, 0, 0) == -EFAULT &&
	      __syscall(__NR_writev, 1, (long)&bad, 1, 0, 0, 0) == -EINVAL &&
	      __syscall(__NR_readv, 0, (long)iov, 0, 0, 0, 0) == 0 &&
	      __syscall(__NR_readv, 0, NEVER_MAPPED, 1, 0, 0, 0) == -EFAULT,
	      "readv, writev: bad fd EBADF, 1025 pieces or a length past "
	      "2 GiB EINVAL, bad array EFAULT");
	check(__syscall(__NR_ioctl, 57, TCGETS, (long)iov, 0, 0, 0) ==
	      -EBADF && __syscall(__NR_ioctl, 1, 0x12345678, 0, 0, 0, 0) ==
	      -ENOTTY, "ioctl: bad fd EBADF, unknown request ENOTTY");
}

/* statx of path into stx: its st_mode, or 0. */
static unsigned stat_mode(const char *path, unsigned char *stx)
{
	memset(stx, 0, 256);
	if (__syscall(__NR_statx, -100, (long)path, 0, 0x7ff, (long)stx, 0))
		return 0;
	return stx[28] | stx[29] << 8;
}

static void files(void)
{
	static const char missing[] = "/no/such/systest-file";
	unsigned char st64[96], stx[256];
	unsigned mode64;

	check(__syscall(__NR_open, (long)missing, 0, 0, 0, 0, 0) == -ENOENT &&
	      __syscall(__NR_openat, -100, (long)missing, 0, 0, 0, 0) ==
	      -ENOENT && __syscall(__NR_open, NEVER_MAPPED, 0, 0, 0, 0, 0) ==
	      -EFAULT, "open, openat of no such path ENOENT, bad path EFAULT");
	memset(stx, 0, sizeof(stx));
	check(call2(__NR_fstat64, 1, (long)st64) == 0 &&
	      __syscall(__NR_statx, 1, (long)"", 0x1000, 0x7ff, (long)stx, 0)
	      == 0 && (memcpy(&mode64, st64 + 16, 4), 1) &&
	      (mode64 & 0xffff) == (unsigned)(stx[28] | stx[29] << 8) &&
	      call2(__NR_fstat64, 57, (long)st64) == -EBADF &&
	      __syscall(__NR_statx, 57, (long)"", 0x1000, 0x7ff, (long)stx, 0)
	      == -EBADF, "fstat64, statx(AT_EMPTY_PATH) of stdout agree; "
	      "bad fd EBADF");
	check(stat_mode("/dev/null", stx) == 020666 &&
	      !memcmp(stx + 128, "\1\0\0\0\3\0\0\0", 8) &&
	      (stat_mode("/", stx) & 0170000) == 0040000,
	      "statx: /dev/null a character device 1:3, / a directory");
	memset(stx, 0, sizeof(stx));
	check(__syscall(__NR_statx, -100, (long)"", 0x1000, 0x7ff, (long)stx,
			0) == 0 && ((stx[28] | stx[29] << 8) & 0170000) == 0040000,
	      "statx(AT_FDCWD, \"\", AT_EMPTY_PATH): the working directory");
}

static void directories(const char *self)
{
	char cwd[16] = "xxxxxxxx";

	/* first: argv[0] may be relative to where we started; room for
	 * any working directory (Linux's PATH_MAX), else Linux says
	 * ERANGE before it looks at the buffer */
	check(call2(__NR_getcwd, (long)cwd, 1) == -ERANGE &&
	      call2(__NR_getcwd, NEVER_MAPPED, 4096) == -EFAULT &&
	      call2(__NR_chdir, (long)"/no/such/systest-dir", 0) == -ENOENT &&
	      call2(__NR_chdir, (long)self, 0) == -ENOTDIR &&
	      call2(__NR_chdir, NEVER_MAPPED, 0) == -EFAULT,
	      "getcwd: 1 byte ERANGE, bad buffer EFAULT; chdir: no such "
	      "directory ENOENT, a program ENOTDIR, bad path EFAULT");
	check(call2(__NR_chdir, (long)"/", 0) == 0 &&
	      call2(__NR_getcwd, (long)cwd, sizeof(cwd)) == 2 &&
	      !strcmp(cwd, "/"), "chdir(\"/\"), getcwd: \"/\", 2 bytes");
}

static void polls(void)
{
	long null = __syscall(__NR_open, (long)"/dev/null", O_RDWR, 0, 0, 0, 0);
	struct pollfd p[4] = {
		{ null, POLLIN | POLLOUT, -1 }, { 1, POLLOUT, -1 },
		{ 57, POLLIN, -1 }, { -1, POLLIN, -1 },
	};

	check(__syscall(__NR_poll, (long)p, 4, 1000, 0, 0, 0) == 3 &&
	      p[0].revents == (POLLIN | POLLOUT) && p[1].revents == POLLOUT &&
	      p[2].revents == POLLNVAL && p[3].revents == 0,
	      "poll: /dev/null in and out, stdout out, not open POLLNVAL, "
	      "-1 nothing");
	check(__syscall(__NR_poll, 0, 0, 20, 0, 0, 0) == 0 &&
	      __syscall(__NR_poll, (long)p, 0x10000000, 0, 0, 0, 0) ==
	      -EINVAL &&
	      __syscall(__NR_poll, NEVER_MAPPED, 1, 0, 0, 0, 0) == -EFAULT,
	      "poll: no descriptors times out, too many EINVAL, bad array "
	      "EFAULT");
	__syscall(__NR_close, null, 0, 0, 0, 0, 0);
}

static void seeks(void)
{
	long null = __syscall(__NR_open, (long)"/dev/null", O_RDWR, 0, 0, 0, 0);
	long long result = -1;

	check(null >= 0 && __syscall(__NR_lseek, null, 4096, SEEK_SET, 0, 0,
				     0) == 0 &&
	      __syscall(__NR__llseek, null, 1, 512, (long)&result, SEEK_CUR,
			0) == 0 && result == 0,
	      "lseek, _llseek of /dev/null: 0");
	check(__syscall(__NR_lseek, 1, 0, SEEK_CUR, 0, 0, 0) == -ESPIPE &&
	      __syscall(__NR_lseek, null, 0, 7, 0, 0, 0) == -EINVAL &&
	      __syscall(__NR_lseek, 57, 0, SEEK_SET, 0, 0, 0) == -EBADF &&
	      __syscall(__NR__llseek, null, 0, 0, NEVER_MAPPED, SEEK_SET,
			0) == -EFAULT, "lseek: stdout ESPIPE, bad whence "
	      "EINVAL, bad fd EBADF; _llseek into a bad pointer EFAULT");
	__syscall(__NR_close, null, 0, 0, 0, 0, 0);
}

static void readlinks(const char *self)
{
	char buf[64];

	check(__syscall(__NR_readlink, (long)"/dev/null", (long)buf,
			sizeof(buf), 0, 0, 0) == -EINVAL &&
	      __syscall(__NR_readlink, (long)self, (long)buf, sizeof(buf), 0,
			0, 0) == -EINVAL &&
	      __syscall(__NR_readlink, (long)"/", (long)buf, sizeof(buf), 0,
			0, 0) == -EINVAL &&
	      __syscall(__NR_readlink, (long)"/no/such/systest-link",
			(long)buf, sizeof(buf), 0, 0, 0) == -ENOENT &&
	      __syscall(__NR_readlink, (long)"/dev/null", (long)buf, 0, 0, 0,
			0) == -EINVAL, "readlink: no link EINVAL, missing "
	      "ENOENT, size 0 EINVAL");
}

static void umask_and_access(const char *self)
{
	long old = call2(__NR_umask, 077, 0), status;
	int pid;

	check(old >= 0 && old <= 0777 && call2(__NR_umask, 01777, 0) == 077 &&
	      call2(__NR_umask, 027, 0) == 0777 &&
	      call2(__NR_umask, old, 0) == 027, "umask: the old mask back, "
	      "9 bits of the new kept");
	call2(__NR_umask, 056, 0);
	pid = fork();
	if (pid == 0)
		exit(call2(__NR_umask, 0, 0) == 056 ? 0 : 1);
	check(pid > 0 && waitpid(pid, (int *)&status, 0) == pid &&
	      status == 0, "umask: a child inherits it");
	call2(__NR_umask, old, 0);
	check(call2(__NR_access, (long)self, X_OK) == 0 &&
	      call2(__NR_access, (long)self, F_OK) == 0 &&
	      call2(__NR_access, (long)"/dev/null", R_OK | W_OK) == 0 &&
	      call2(__NR_access, (long)"/", X_OK) == 0,
	      "access: a program F_OK and X_OK, /dev/null R_OK|W_OK, / X_OK");
	check(call2(__NR_access, (long)"/no/such/systest-file", F_OK) ==
	      -ENOENT && call2(__NR_access, (long)"/dev/null", 8) == -EINVAL &&
	      call2(__NR_access, NEVER_MAPPED, F_OK) == -EFAULT,
	      "access: no such path ENOENT, bad mode EINVAL, bad path EFAULT");
}

int main(int argc __unused, char **argv)
{
	ids();
	system_info();
	advice();
	locks();
	remaps();
	timers();
	times_check();
	vectors();
	files();
	polls();
	seeks();
	readlinks(argv[0]);
	umask_and_access(argv[0]);
	directories(argv[0]);
	limits();
	cpus_and_priority();
	printf("systest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
