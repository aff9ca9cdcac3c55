/*
 * sysfuzz [COUNT [SEED]]: makes COUNT (default 100000) system calls
 * with random arguments: the calls Pagoda implements but exit,
 * sigreturn, the interval timers, mremap, mlockall and the calls that
 * change limits or priorities (clone: fork-like flags, flags Linux
 * refuses, and threads and vfork children that make a few calls and
 * exit; futex never blocks long; execve only in ways that fail;
 * rt_sigaction with no handlers; open only of /dev/null and /dev/zero
 * or read-only, descriptors kept to 20..31, pipes non-blocking there),
 * with bad pointers (NULL, unmapped, kernel addresses, read-only
 * text), absurd lengths, bad descriptors, flags and signal numbers.
 * The kernel must survive all of it, and the process too.
 *
 * Where Linux's answer is certain (a bad descriptor is EBADF, a NULL
 * buffer EFAULT, a length of 0 to mmap EINVAL...), the result is
 * checked and any other answer is printed as unexpected.  The same
 * binary runs on Linux, which must agree.
 *
 * The fuzzing is kept harmless to its host: signals go only to itself
 * and its own children (and only ones ignored by default), memory is
 * only unmapped or re-protected inside regions it mapped itself, and
 * nothing blocks for long.
 */
#include "user/lib/libc.h"

/* MAP_FIXED, munmap and mprotect happen here (or in our own regions) */
#define WINDOW_SIZE	(1UL << 20)
#define MAX_REGIONS	16
#define MAX_REGION_SIZE	(1UL << 20)
#define MAX_CHILDREN	4
#define MAX_REPORTS	20
#define NOBODY		0x7ffffff0	/* a pid no system has */

struct region {
	unsigned long addr, len;
};

static uint32_t rng;
static char scratch[8192];		/* a good buffer */
static unsigned long window;		/* PROT_NONE to start with */
static struct region regions[MAX_REGIONS];
static int nregions, children, mypid;
static const char *self;		/* argv[0]: a program that exists */
static unsigned long unexpected;

/* xorshift32: the same sequence on every system for a given seed. */
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static bool one_in(uint32_t n)
{
	return rnd() % n == 0;
}

#define PICK(array)	((array)[rnd() % ARRAY_SIZE(array)])

/* Addresses that can never be mapped, on Pagoda or on Linux. */
static const unsigned long never_mapped[] = { 0, 0x1000, 0xfffff000 };
/* Other unreadable ones: odd, or the kernel's (Pagoda's and i386's). */
static const unsigned long unreadable[] = {
	1, 0xfff, 0xc0000000, 0xc0100000, 0xffffffff,
};
static const unsigned long lengths[] = {
	0, 1, 16, 4096, 65536, 0x7fffffff, 0xffffffff,
};

static unsigned long bad_ptr(void)
{
	return one_in(2) ? PICK(never_mapped) : PICK(unreadable);
}

static bool in_scratch(unsigned long p)
{
	return p >= (unsigned long)scratch &&
	       p < (unsigned long)scratch + sizeof(scratch);
}

/* Bad, good, or read-only (our own code: bad only to write into). */
static unsigned long any_ptr(void)
{
	switch (rnd() % 4) {
	case 0:		return bad_ptr();
	case 1:		return (unsigned long)rnd + rnd() % 64;
	default:	return (unsigned long)scratch + rnd() % 4096;
	}
}

/* Readable: writing it to the console would print garbage. */
static bool readable(unsigned long p)
{
	return in_scratch(p) || (p >= (unsigned long)rnd &&
				 p < (unsigned long)rnd + 64);
}

static bool is_never_mapped(unsigned long p)
{
	for (unsigned i = 0; i < ARRAY_SIZE(never_mapped); i++)
		if (p == never_mapped[i])
			return true;
	return false;
}

/*
 * Whether a 0-byte read or write of a kernel address fails depends on
 * the kernel (32-bit Linux says EFAULT, 64-bit Linux says 0): checked
 * only for user addresses.
 */
static bool user_address(unsigned long p)
{
	return p < 0xc0000000;
}

static long call(long nr, long a, long b, long c, long d, long e, long f)
{
	return __syscall(nr, a, b, c, d, e, f);
}

static void expect(const char *what, long got, long want)
{
	if (got == want || ++unexpected > MAX_REPORTS)
		return;
	printf("sysfuzz: unexpected: %s returned %ld, expected %ld\n",
	       what, got, want);
}

static void fuzz_write(void)
{
	static const int fds[] = { 1, 2, -1, 1000, 0x7fffffff };
	int fd = PICK(fds);
	unsigned long buf = any_ptr(), len = PICK(lengths);
	bool console = fd == 1 || fd == 2;
	long ret;

	if (console && readable(buf))
		len = 0;		/* keep the output readable */
	ret = call(__NR_write, fd, buf, len, 0, 0, 0);
	if (!console)
		expect("write to a bad descriptor", ret, -EBADF);
	else if (!len && user_address(buf))
		expect("write of 0 bytes", ret, 0);
	else if (is_never_mapped(buf) && len && len <= 4096)
		expect("write from an unmapped buffer", ret, -EFAULT);
}

static void fuzz_read(void)
{
	static const int fds[] = { -1, 1000, 0x7fffffff, 0 };
	int fd = PICK(fds);
	unsigned long buf = any_ptr(), len = PICK(lengths);
	long ret;

	if (fd == 0)
		len = 0;		/* never wait for input */
	ret = call(__NR_read, fd, buf, len, 0, 0, 0);
	if (fd)
		expect("read from a bad descriptor", ret, -EBADF);
	else if (user_address(buf))
		expect("read of 0 bytes", ret, 0);
}

static void fuzz_nanosleep(void)
{
	static const long nsecs[] = { 0, -1, 1000000000, 1 };
	struct timespec *t = (struct timespec *)scratch;
	unsigned long req = (unsigned long)t, rem = any_ptr();
	long ret;

	t->tv_sec = one_in(8) ? -1 : 0;
	t->tv_nsec = PICK(nsecs);
	if (t->tv_nsec == 1 && !one_in(64))
		t->tv_nsec = 0;		/* a real sleep, but rarely */
	if (one_in(2))
		req = bad_ptr();
	ret = call(__NR_nanosleep, req, rem, 0, 0, 0, 0);
	if (is_never_mapped(req))
		expect("nanosleep with an unmapped request", ret, -EFAULT);
	else if (req == (unsigned long)t)
		expect("nanosleep", ret, t->tv_sec < 0 || t->tv_nsec < 0 ||
		       t->tv_nsec >= 1000000000 ? -EINVAL : 0);
}

static void fuzz_getrusage(void)
{
	static const int whos[] = { RUSAGE_SELF, RUSAGE_CHILDREN, 99, -99 };
	int who = PICK(whos);
	unsigned long buf = any_ptr();
	long ret = call(__NR_getrusage, who, buf, 0, 0, 0, 0);

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN)
		expect("getrusage with a bad who", ret, -EINVAL);
	else if (is_never_mapped(buf))
		expect("getrusage into an unmapped buffer", ret, -EFAULT);
	else if (in_scratch(buf))
		expect("getrusage", ret, 0);
}

/* Clocks Linux has (the eight Pagoda has) and ones it has not. */
static const int clock_ids[] = {
	CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
	CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE,
	CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME, 16, 99,
};

static bool is_clock(int clock)
{
	return clock >= CLOCK_REALTIME && clock <= CLOCK_BOOTTIME;
}

/* clock_gettime, or clock_gettime64 */
static void fuzz_clock_gettime(void)
{
	int clock = PICK(clock_ids);
	unsigned long tp = any_ptr();
	long ret = call(one_in(2) ? __NR_clock_gettime : __NR_clock_gettime64,
			clock, tp, 0, 0, 0, 0);

	if (!is_clock(clock))
		expect("clock_gettime of a bad clock", ret, -EINVAL);
	else if (is_never_mapped(tp))
		expect("clock_gettime into an unmapped buffer", ret, -EFAULT);
	else if (in_scratch(tp))
		expect("clock_gettime", ret, 0);
}

/*
 * clock_nanosleep, or clock_nanosleep_time64, on the two clocks one
 * can sleep on or a bad one: a relative sleep of 0 (1 ns, rarely),
 * or with TIMER_ABSTIME a time long past, so nothing blocks.
 */
static void fuzz_clock_nanosleep(void)
{
	static const int clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, 99 };
	static const long nsecs[] = { 0, -1, 1000000000, 1 };
	struct __kernel_timespec *t64 = (struct __kernel_timespec *)scratch;
	struct timespec *t = (struct timespec *)scratch;
	int clock = PICK(clocks), flags = one_in(2) ? TIMER_ABSTIME : 0;
	bool time64 = one_in(2);
	long sec = one_in(8) ? -1 : 0, nsec = PICK(nsecs);
	unsigned long req = one_in(2) ? bad_ptr() : (unsigned long)scratch;
	long ret;

	if (nsec == 1 && !flags && !one_in(64))
		nsec = 0;
	if (time64) {
		t64->tv_sec = sec;
		t64->tv_nsec = nsec;
	} else {
		t->tv_sec = sec;
		t->tv_nsec = nsec;
	}
	ret = call(time64 ? __NR_clock_nanosleep_time64 :
		   __NR_clock_nanosleep, clock, flags, req, any_ptr(), 0, 0);
	if (clock == 99)
		expect("clock_nanosleep on a bad clock", ret, -EINVAL);
	else if (is_never_mapped(req))
		expect("clock_nanosleep with an unmapped request", ret,
		       -EFAULT);
	else if (req == (unsigned long)scratch)
		expect("clock_nanosleep", ret, sec < 0 || nsec < 0 ||
		       nsec >= 1000000000 ? -EINVAL : 0);
}

static void fuzz_uname(void)
{
	unsigned long buf = any_ptr();
	long ret = call(__NR_uname, buf, 0, 0, 0, 0, 0);

	if (is_never_mapped(buf))
		expect("uname into an unmapped buffer", ret, -EFAULT);
	else if (in_scratch(buf))
		expect("uname", ret, 0);
}

/*
 * The calls that fill a buffer about the process or the machine:
 * sysinfo, times, gettimeofday, getitimer, ugetrlimit, clock_getres,
 * getcwd (a page, room for any path), fstat64.  A bad selector (which, resource, clock, fd) is refused
 * before the buffer is looked at; an unmapped buffer EFAULT (NULL is
 * allowed where noted); one in scratch works.
 */
static void fuzz_info(void)
{
	static const int selectors[] = { 0, 1, 2, 3, 7, 15, 16, 99, -1 };
	unsigned long buf = any_ptr();
	int sel = PICK(selectors);
	bool bad = is_never_mapped(buf), good = in_scratch(buf);
	long ret = 0, want_bad = 0;

	switch (rnd() % 8) {
	case 0:
		ret = call(__NR_sysinfo, buf, 0, 0, 0, 0, 0);
		break;
	case 1:		/* NULL: only the return value */
		ret = call(__NR_times, buf, 0, 0, 0, 0, 0);
		bad = bad && buf;
		good = false;
		break;
	case 2:		/* either pointer may be NULL */
		ret = call(__NR_gettimeofday, buf, 0, 0, 0, 0, 0);
		bad = bad && buf;
		good = good || !buf;
		break;
	case 3:
		ret = call(__NR_getitimer, sel, buf, 0, 0, 0, 0);
		want_bad = sel < 0 || sel > ITIMER_PROF ? -EINVAL : 0;
		break;
	case 4:
		ret = call(__NR_ugetrlimit, sel, buf, 0, 0, 0, 0);
		want_bad = sel < 0 || sel >= RLIM_NLIMITS ? -EINVAL : 0;
		break;
	case 5:		/* NULL: only checks the clock */
		ret = call(__NR_clock_getres, sel, buf, 0, 0, 0, 0);
		want_bad = sel < 0 || sel > CLOCK_BOOTTIME ? -EINVAL : 0;
		bad = bad && buf;
		good = good || !buf;
		break;
	case 6:
		ret = call(__NR_getcwd, buf, 4096, 0, 0, 0, 0);
		break;
	default:
		ret = call(__NR_fstat64, sel, buf, 0, 0, 0, 0);
		want_bad = sel < 0 || sel > 2 ? -EBADF : 0;
		break;
	}
	if (want_bad)
		expect("an info call with a bad selector", ret, want_bad);
	else if (bad)
		expect("an info call into an unmapped buffer", ret, -EFAULT);
	else if (good)
		expect("an info call", ret < 0 ? ret : 0, 0);
}

/*
 * madvise, mlock and munlock on a random range of the window: whatever
 * they do there is harmless; misaligned starts and advice that is none
 * are EINVAL.
 */
static void fuzz_madvise_mlock(void)
{
	static const int advice[] = { MADV_NORMAL, MADV_RANDOM,
		MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTNEED, 99 };
	unsigned long page = rnd() % (WINDOW_SIZE / PAGE_SIZE);
	unsigned long addr = window + page * PAGE_SIZE;
	unsigned long len = min((rnd() % 8) * PAGE_SIZE + (one_in(4) ? 1 : 0),
				WINDOW_SIZE - page * PAGE_SIZE);
	int adv = PICK(advice);
	long ret;

	if (one_in(8))
		addr++;
	switch (rnd() % 3) {
	case 0:
		ret = call(__NR_madvise, addr, len, adv, 0, 0, 0);
		if (adv == 99 || (addr & (PAGE_SIZE - 1)))
			expect("madvise, bad advice or start", ret, -EINVAL);
		break;
	case 1:
		call(__NR_mlock, addr, len, 0, 0, 0, 0);
		break;
	default:
		call(__NR_munlock, addr, len, 0, 0, 0, 0);
		break;
	}
}

/* waitpid, or wait4 with a rusage pointer (bad ones as for status) */
static void fuzz_waitpid(void)
{
	static const int pids[] = { -1, 0, NOBODY };
	static const int options[] = { 0, WNOHANG, WNOHANG, 0x100 };
	int pid = PICK(pids), opt = PICK(options);
	/* a bad status pointer only when no child can be reaped: Linux
	 * and Pagoda differ on whether such a child is still a zombie */
	unsigned long status = children ? (unsigned long)scratch : any_ptr();
	unsigned long ru = children ? (unsigned long)scratch : any_ptr();
	long ret = one_in(2) ? call(__NR_waitpid, pid, status, opt, 0, 0, 0)
			     : call(__NR_wait4, pid, status, opt, ru, 0, 0);

	if (opt == 0x100)
		expect("waitpid or wait4 with bad options", ret, -EINVAL);
	else if (!children || pid == NOBODY)
		expect("waitpid or wait4 without children", ret, -ECHILD);
	if (ret > 0)
		children--;
}

static void fuzz_kill(void)
{
	static const int harmless[] = { 0, SIGCHLD, SIGURG, SIGWINCH };
	long ret;

	switch (rnd() % 4) {
	case 0:
		ret = call(__NR_kill, mypid, PICK(harmless), 0, 0, 0, 0);
		expect("kill(self, ignored signal)", ret, 0);
		break;
	case 1:
		ret = call(__NR_kill, mypid, one_in(2) ? 65 : -1, 0, 0, 0,
			   0);
		expect("kill with a bad signal", ret, -EINVAL);
		break;
	case 2:
		ret = call(__NR_kill, NOBODY, one_in(2) ? 0 : SIGTERM, 0, 0,
			   0, 0);
		expect("kill of nobody", ret, -ESRCH);
		break;
	default:
		call(__NR_getpid, 0, 0, 0, 0, 0, 0);
		break;
	}
}

static void fuzz_brk(void)
{
	static unsigned long start;
	unsigned long cur = call(__NR_brk, 0, 0, 0, 0, 0, 0);
	const unsigned long targets[] = {
		0, cur, cur + 4096, cur + (1 << 20), cur - 4096, 0x1000,
		0xffffffff, start,
	};

	if (!start)
		start = cur;
	call(__NR_brk, PICK(targets), 0, 0, 0, 0, 0);
}

static void forget_region(int i)
{
	regions[i] = regions[--nregions];
}

static void fuzz_mmap(void)
{
	static const unsigned long sizes[] = {
		4096, 8192, 65536, MAX_REGION_SIZE, 0x7fffffff, 0xfffff000,
	};
	/* above 2 GiB too: an address there is negative as a long */
	const unsigned long hints[] = {
		(unsigned long)scratch, 0x20000000, 0x50000000, 0x80000000,
		0x9ffff000, 0xbf000000, 0xfffff000,
	};
	unsigned long len = PICK(sizes), addr = 0;
	long prot = rnd() % 8, flags = MAP_PRIVATE | MAP_ANONYMOUS, ret;

	switch (rnd() % 8) {
	case 0:
		ret = call(__NR_mmap2, 0, 0, prot, flags, -1, 0);
		expect("mmap of 0 bytes", ret, -EINVAL);
		return;
	case 1:
		ret = call(__NR_mmap2, 0, PAGE_SIZE, prot, MAP_ANONYMOUS, -1,
			   0);
		expect("mmap, neither private nor shared", ret, -EINVAL);
		return;
	case 2:
		ret = call(__NR_mmap2, 0, PAGE_SIZE, prot, MAP_PRIVATE, 1000,
			   0);
		expect("mmap of a bad descriptor", ret, -EBADF);
		return;
	case 3:
		ret = call(__NR_mmap2, window + 1, PAGE_SIZE, prot,
			   flags | MAP_FIXED, -1, 0);
		expect("mmap at an unaligned fixed address", ret, -EINVAL);
		return;
	case 4:
		addr = window + (rnd() % (WINDOW_SIZE / PAGE_SIZE)) * PAGE_SIZE;
		len = min(len, window + WINDOW_SIZE - addr);
		call(__NR_mmap2, addr, len, prot, flags | MAP_FIXED, -1, 0);
		return;
	default:
		/* only a hint, never at an address other calls expect to
		 * be unmapped (Linux maps at a hint whenever it is free) */
		addr = one_in(2) ? 0 : PICK(hints);
		break;
	}
	ret = call(__NR_mmap2, addr, len, prot, flags, -1, 0);
	if (ret < 0 && ret > -4096)
		return;
	if (prot & PROT_WRITE)		/* touch: a page fault for real */
		*(volatile char *)(ret + (rnd() % len & ~(PAGE_SIZE - 1))) = 1;
	if (len > MAX_REGION_SIZE || nregions == MAX_REGIONS)
		call(__NR_munmap, ret, len, 0, 0, 0, 0);
	else
		regions[nregions++] = (struct region){ ret, len };
}

/* Somewhere it is safe to unmap or re-protect: ours alone. */
static unsigned long own_range(unsigned long *len)
{
	if (nregions && one_in(2)) {
		struct region *r = &regions[rnd() % nregions];

		*len = PAGE_SIZE * (1 + rnd() % (r->len / PAGE_SIZE));
		return r->addr;
	}
	*len = PAGE_SIZE * (1 + rnd() % (WINDOW_SIZE / PAGE_SIZE / 4));
	return window + PAGE_SIZE * (rnd() % (WINDOW_SIZE / PAGE_SIZE / 2));
}

static void fuzz_munmap(void)
{
	unsigned long len, addr = own_range(&len);
	long ret;

	switch (rnd() % 4) {
	case 0:
		ret = call(__NR_munmap, addr + 1, len, 0, 0, 0, 0);
		expect("munmap of an unaligned address", ret, -EINVAL);
		break;
	case 1:
		ret = call(__NR_munmap, addr, 0, 0, 0, 0, 0);
		expect("munmap of 0 bytes", ret, -EINVAL);
		break;
	default:
		for (int i = 0; i < nregions; i++)
			if (regions[i].addr == addr)
				forget_region(i);
		call(__NR_munmap, addr, len, 0, 0, 0, 0);
		break;
	}
}

static void fuzz_mprotect(void)
{
	unsigned long len, addr = own_range(&len);
	long ret;

	switch (rnd() % 4) {
	case 0:
		ret = call(__NR_mprotect, addr + 1, len, PROT_READ, 0, 0, 0);
		expect("mprotect of an unaligned address", ret, -EINVAL);
		break;
	case 1:
		ret = call(__NR_mprotect, addr, len, 0x100, 0, 0, 0);
		expect("mprotect with bad bits", ret, -EINVAL);
		break;
	case 2:
		ret = call(__NR_mprotect, 0x1000, len, PROT_READ, 0, 0, 0);
		expect("mprotect of unmapped memory", ret, -ENOMEM);
		break;
	default:
		call(__NR_mprotect, addr, len, rnd() % 8, 0, 0, 0);
		break;
	}
}

/*
 * A child, by fork or by clone with fork-like flags and any tid
 * pointers (Linux ignores faults on them), that makes a few harmless
 * calls and exits with a random code.
 */
static void fuzz_fork(void)
{
	static const unsigned long tid_flags[] = {
		0, CLONE_PARENT_SETTID, CLONE_CHILD_SETTID,
		CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID,
	};
	long pid;

	if (children >= MAX_CHILDREN || !one_in(64))
		return;
	if (one_in(2))
		pid = call(__NR_fork, 0, 0, 0, 0, 0, 0);
	else
		pid = call(__NR_clone, SIGCHLD | PICK(tid_flags), 0, any_ptr(),
			   0, any_ptr(), 0);
	if (pid == 0) {
		for (int i = 0; i < 20; i++) {
			call(__NR_getppid, 0, 0, 0, 0, 0, 0);
			call(__NR_sched_yield, 0, 0, 0, 0, 0, 0);
		}
		call(__NR_exit, rnd() & 0x7f, 0, 0, 0, 0, 0);
	}
	if (pid > 0)
		children++;
}

/* Flag mixes Linux refuses: signal handlers shared, memory not. */
static void fuzz_clone(void)
{
	static const unsigned long bad_flags[] = {
		CLONE_SIGHAND, CLONE_THREAD, CLONE_SIGHAND | CLONE_THREAD,
	};
	long ret = call(__NR_clone, SIGCHLD | PICK(bad_flags), 0, any_ptr(),
			0, any_ptr(), 0);

	if (ret == 0)
		call(__NR_exit, 0, 0, 0, 0, 0, 0);
	expect("clone sharing handlers but not memory", ret, -EINVAL);
}

#define THREAD_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
			 CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_CLEARTID)

static char thread_stack[8192] __attribute__((aligned(16)));

/* A present 32-bit data segment for TLS entry `entry`, in scratch. */
static struct user_desc *tls_desc(int entry)
{
	struct user_desc *d = (struct user_desc *)scratch;

	memset(d, 0, sizeof(*d));
	d->entry_number = entry;
	d->limit = 0xfffff;
	d->seg_32bit = 1;
	return d;
}
static volatile int thread_tid;

/* A thread's or vfork child's life: a few calls on its own stack,
 * touching none of the fuzzer's state. */
static int short_life(void *arg __unused)
{
	for (int i = 0; i < 10; i++) {
		call(__NR_gettid, 0, 0, 0, 0, 0, 0);
		call(__NR_futex, (long)&thread_tid, FUTEX_WAKE, 1, 0, 0, 0);
		call(__NR_sched_yield, 0, 0, 0, 0, 0, 0);
	}
	return 0;
}

/*
 * A thread (one at a time: the stack is shared) with CLONE_SETTLS from
 * a bad pointer or a bad entry, which Linux refuses, or without it; or
 * a CLONE_VFORK child, which the fuzzer waits for.
 */
static void fuzz_thread(void)
{
	static const int entries[] = { -1, 0, 100 };
	char *top = thread_stack + sizeof(thread_stack);
	long ret;

	if (thread_tid || !one_in(16))
		return;
	switch (rnd() % 4) {
	case 0:
		ret = clone_fn(THREAD_FLAGS | CLONE_SETTLS, top, short_life,
			       NULL, (int *)&thread_tid,
			       (void *)PICK(never_mapped), (int *)&thread_tid);
		expect("clone(CLONE_SETTLS) from an unmapped pointer", ret,
		       -EFAULT);
		break;
	case 1:
		ret = clone_fn(THREAD_FLAGS | CLONE_SETTLS, top, short_life,
			       NULL, (int *)&thread_tid, tls_desc(PICK(entries)),
			       (int *)&thread_tid);
		expect("clone(CLONE_SETTLS) of a bad entry", ret, -EINVAL);
		break;
	case 2:
		ret = clone_fn(CLONE_VM | CLONE_VFORK | SIGCHLD, top,
			       short_life, NULL, NULL, NULL, NULL);
		expect("a vfork child, reaped",
		       ret > 0 ? waitpid(ret, NULL, 0) == ret : ret, 1);
		break;
	default:
		clone_fn(THREAD_FLAGS, top, short_life, NULL,
			 (int *)&thread_tid, NULL, (int *)&thread_tid);
		break;
	}
}

/*
 * futex with any operation, word, value, timeout and bitset.  A wait
 * never blocks long: its timeout is at most a millisecond (or absolute,
 * and then passed), or bad; only a word that holds another value may
 * wait without one (EAGAIN at once).
 */
static void fuzz_futex(void)
{
	static const int ops[] = {
		FUTEX_WAIT, FUTEX_WAKE, FUTEX_WAIT_BITSET, FUTEX_WAKE_BITSET,
		99, 127,
	};
	static const int flags[] = { 0, FUTEX_PRIVATE_FLAG,
				     FUTEX_CLOCK_REALTIME };
	struct timespec *ts = (struct timespec *)(scratch + 4096);
	int *word = (int *)(scratch + (rnd() % 1024) * 4);
	int cmd = PICK(ops), op = cmd | PICK(flags);
	bool wait = cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET;
	unsigned long uaddr = one_in(2) ? (unsigned long)word : bad_ptr();
	unsigned long tp = one_in(4) ? bad_ptr() : (unsigned long)ts;
	unsigned val3 = one_in(8) ? 0 : rnd() | 1;
	int val = one_in(2) ? (int)rnd() : *word + 1;
	long ret;

	ts->tv_sec = 0;
	ts->tv_nsec = one_in(8) ? 1000000000 + rnd() % 1000 : rnd() % 1000000;
	if (wait && !tp && val == *word)
		return;
	ret = call(__NR_futex, uaddr, op, val, tp, 0, val3);
	if (cmd == 99 || cmd == 127)
		expect("futex, no such operation", ret, -ENOSYS);
	else if (wait && tp && tp != (unsigned long)ts) {
		if (is_never_mapped(tp))
			expect("futex wait, unmapped timeout", ret, -EFAULT);
	} else if (wait && tp && ts->tv_nsec >= 1000000000)
		expect("futex wait, nsec >= 1e9", ret, -EINVAL);
	else if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		expect("futex on CLOCK_REALTIME, not WAIT_BITSET", ret,
		       -ENOSYS);
	else if ((cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAKE_BITSET) &&
		 !val3)
		expect("futex bitset 0", ret, -EINVAL);
	else if (uaddr & 3)
		expect("futex on a misaligned word", ret, -EINVAL);
	else if (wait && is_never_mapped(uaddr))
		expect("futex wait on an unmapped word", ret, -EFAULT);
	else if (wait && uaddr == (unsigned long)word && val != *word)
		expect("futex wait, the word differs", ret, -EAGAIN);
	else if (!wait && uaddr == (unsigned long)word)
		expect("futex wake, nobody waits", ret, 0);
}

/*
 * set_thread_area and get_thread_area with bad pointers or entries;
 * set_tid_address with any pointer (the kernel writes 0 there at exit,
 * ignoring a fault).  No segment register is ever loaded.
 */
static void fuzz_thread_area(void)
{
	static const int entries[] = { -1, 0, 100, 0x7fffffff };
	struct user_desc *d = (struct user_desc *)scratch;
	unsigned long ptr = bad_ptr();
	long ret;

	switch (rnd() % 4) {
	case 0:
		ret = call(one_in(2) ? __NR_set_thread_area
				     : __NR_get_thread_area, ptr, 0, 0, 0, 0,
			   0);
		if (is_never_mapped(ptr))
			expect("set or get_thread_area, unmapped", ret,
			       -EFAULT);
		break;
	case 1:
		d = tls_desc(PICK(entries));
		if (d->entry_number == (unsigned)-1)
			break;		/* a real entry: leave them be */
		ret = call(__NR_set_thread_area, (long)d, 0, 0, 0, 0, 0);
		expect("set_thread_area of a bad entry", ret, -EINVAL);
		break;
	case 2:
		memset(d, 0, sizeof(*d));
		d->entry_number = PICK(entries);
		ret = call(__NR_get_thread_area, (long)d, 0, 0, 0, 0, 0);
		expect("get_thread_area of a bad entry", ret, -EINVAL);
		break;
	default:
		ret = call(__NR_set_tid_address, any_ptr(), 0, 0, 0, 0, 0);
		expect("set_tid_address", ret, mypid);
		break;
	}
}

/*
 * execve that must fail: a bad path (EFAULT), a program nobody has
 * (ENOENT, whatever the arrays), or this very program with an
 * unreadable argv or argv string (EFAULT).  Never a NULL argv with a
 * real program: Linux 5.18+ would run it with an empty one.
 */
static void fuzz_execve(void)
{
	static const char *const missing[] = { "/no/such/program", "" };
	unsigned long bad = PICK(unreadable), argv[2] = { (long)self, bad };
	long ret;

	switch (rnd() % 3) {
	case 0:
		ret = call(__NR_execve, bad_ptr(), any_ptr(), any_ptr(), 0, 0,
			   0);
		expect("execve of a bad path", ret, -EFAULT);
		break;
	case 1:
		ret = call(__NR_execve, (long)PICK(missing), any_ptr(),
			   any_ptr(), 0, 0, 0);
		expect("execve of no program", ret, -ENOENT);
		break;
	default:
		ret = call(__NR_execve, (long)self,
			   one_in(2) ? (long)bad : (long)argv, 0, 0, 0, 0);
		expect("execve with a bad argv", ret, -EFAULT);
		break;
	}
}

/*
 * rt_sigaction and rt_sigprocmask: only SIG_DFL and SIG_IGN for
 * signals that are harmless either way (a handler could be anywhere),
 * masks of our own, bad pointers, signals and sizes.
 */
static void fuzz_signals(void)
{
	/* not SIGCHLD: ignoring it makes Linux 2.6+ reap children at
	 * once (2.4.0 and Pagoda do not), and the fuzzer reaps its own */
	static const int sigs[] = { SIGCONT, SIGURG, SIGWINCH, SIGUSR1 };
	static const int bad_sigs[] = { 0, -1, 65, SIGKILL, SIGSTOP };
	static const sigset64_t masks[] = { 0, 1ULL << (SIGURG - 1) };
	struct k_sigaction sa = { one_in(2) ? SIG_DFL : SIG_IGN, 0, NULL,
				  PICK(masks) };
	unsigned long bad = bad_ptr(), size = one_in(2) ? 8 : 4;
	int how = rnd() % 4;
	long ret;

	switch (rnd() % 4) {
	case 0:
		call(__NR_rt_sigaction, PICK(sigs), (long)&sa, any_ptr(), 8,
		     0, 0);
		break;
	case 1:
		ret = call(__NR_rt_sigaction, PICK(bad_sigs), (long)&sa,
			   any_ptr(), 8, 0, 0);
		expect("rt_sigaction of a bad signal", ret, -EINVAL);
		break;
	case 2:
		ret = call(__NR_rt_sigaction, PICK(sigs), bad, 0, size, 0, 0);
		expect("rt_sigaction from a bad pointer or size", ret,
		       size != 8 ? -EINVAL : bad ? -EFAULT : 0);
		break;
	default:
		ret = call(__NR_rt_sigprocmask, how, (long)&masks[1],
			   any_ptr(), 8, 0, 0);
		if (how > SIG_SETMASK)
			expect("rt_sigprocmask with a bad how", ret, -EINVAL);
		break;
	}
}

static void fuzz_misc(void)
{
	static const long bad_numbers[] = { -1, 1000, 9999, 0x7fffffff };

	switch (rnd() % 4) {
	case 0:
		expect("getpid", call(__NR_getpid, 0, 0, 0, 0, 0, 0), mypid);
		break;
	case 1:
		call(__NR_getppid, 0, 0, 0, 0, 0, 0);
		break;
	case 2:
		expect("sched_yield", call(__NR_sched_yield, 0, 0, 0, 0, 0, 0),
		       0);
		break;
	default:
		expect("a system call that does not exist",
		       call(PICK(bad_numbers), rnd(), rnd(), rnd(), 0, 0, 0),
		       -ENOSYS);
		break;
	}
}

/* Is fd (any number) an open pipe end?  (fstat64's st_mode.) */
static bool is_pipe(int fd)
{
	unsigned char st[96];
	unsigned mode;

	if (call(__NR_fstat64, fd, (long)st, 0, 0, 0, 0))
		return false;
	memcpy(&mode, st + 16, 4);
	return (mode & 0170000) == 0010000;
}

/*
 * open, close, dup, dup2, dup3, fcntl and lseek.  Descriptors are kept
 * to 20..31 (an open one is moved there at once), so that the low ones
 * other fuzzers call bad stay closed.  A descriptor never opened (19,
 * -1, past every limit) is EBADF, dup3 to itself, fcntl's unknown
 * command or lseek's unknown whence EINVAL.
 */
static void fuzz_fds(void)
{
	static const char *const paths[] = { "/dev/null", "/dev/zero" };
	static const int flags[] = { O_RDONLY, O_RDWR | O_CLOEXEC,
				     O_WRONLY | O_CREAT | O_TRUNC };
	static const int bad_fds[] = { -1, 19, 1000, 0x7fffffff };
	static const int cmds[] = { F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD,
				    F_SETFD, F_GETFL, 9999, -1 };
	int fd = 20 + rnd() % 12, bad = PICK(bad_fds), cmd = PICK(cmds);
	bool open = call(__NR_fcntl64, fd, F_GETFD, 0, 0, 0, 0) >= 0;
	long ret;

	switch (rnd() % 5) {
	case 0:		/* a bad path only read-only: nothing is made */
		ret = one_in(4) ? call(__NR_open, any_ptr(), O_RDONLY, 0, 0,
				       0, 0)
				: call(__NR_open, (long)PICK(paths),
				       PICK(flags), 0, 0, 0, 0);
		if (ret >= 0) {
			call(__NR_dup2, ret, fd, 0, 0, 0, 0);
			call(__NR_close, ret, 0, 0, 0, 0, 0);
		}
		break;
	case 1:
		expect("close of a bad descriptor",
		       call(__NR_close, bad, 0, 0, 0, 0, 0), -EBADF);
		expect("lseek of a bad descriptor",
		       call(__NR_lseek, bad, rnd(), rnd() % 3, 0, 0, 0),
		       -EBADF);
		/* 20..31 hold /dev/null or /dev/zero (0) or a pipe's end
		 * (ESPIPE) if anything; 3 and 4 are later Linux's
		 * SEEK_DATA and SEEK_HOLE */
		ret = one_in(4) ? 7 : rnd() % 3;
		expect("lseek", call(__NR_lseek, fd, rnd(), ret, 0, 0, 0),
		       !open ? -EBADF : ret > SEEK_END ? -EINVAL :
		       is_pipe(fd) ? -ESPIPE : 0);
		call(__NR_close, fd, 0, 0, 0, 0, 0);
		break;
	case 2:
		expect("dup2 from a bad descriptor",
		       call(__NR_dup2, bad, fd, 0, 0, 0, 0), -EBADF);
		expect("dup3 to itself, open or not",
		       call(__NR_dup3, fd, fd, 0, 0, 0, 0), -EINVAL);
		call(__NR_dup3, fd, 20 + rnd() % 12, rnd() % 2 ? O_CLOEXEC :
		     (long)rnd(), 0, 0, 0);
		break;
	case 3:
		expect("fcntl of a bad descriptor",
		       call(__NR_fcntl64, bad, cmd, 20, 0, 0, 0), -EBADF);
		ret = call(__NR_fcntl64, fd, cmd, rnd() % 2 ? 20 : (long)rnd(),
			   0, 0, 0);
		if (!open)
			expect("fcntl of a closed descriptor", ret, -EBADF);
		else if (cmd == 9999 || cmd == -1)
			expect("fcntl, no such command", ret, -EINVAL);
		else if ((cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) &&
			 ret >= 0)
			call(__NR_close, ret, 0, 0, 0, 0, 0);
		break;
	default:
		ret = call(__NR_dup, one_in(2) ? fd : bad, 0, 0, 0, 0, 0);
		if (ret >= 0)
			call(__NR_close, ret, 0, 0, 0, 0, 0);
		break;
	}
}

/*
 * pipe and pipe2, and reads and writes of the pipes made.  Kept ends
 * are non-blocking and go to 20..31 with fuzz_fds' descriptors, which
 * may close or move them: a read or write never waits, and one whose
 * other end is gone is end of file or EPIPE (SIGPIPE is ignored:
 * main).  A bad pointer to pipe2 is EFAULT, bad flags EINVAL; a write
 * of PIPE_BUF bytes or fewer from good memory is whole or not at all.
 */
static void fuzz_pipes(void)
{
	static const int flags[] = { 0, O_CLOEXEC, O_NONBLOCK,
				     O_NONBLOCK | O_CLOEXEC, O_TRUNC, -1 };
	int flag = PICK(flags), fd[2], end = 20 + rnd() % 12;
	unsigned long buf = any_ptr(), len = PICK(lengths);
	bool good_flags = !(flag & ~(O_NONBLOCK | O_CLOEXEC));
	long ret;

	switch (rnd() % 3) {
	case 0:
		expect("pipe2 to a bad pointer or with bad flags",
		       call(__NR_pipe2, bad_ptr(), flag, 0, 0, 0, 0),
		       good_flags ? -EFAULT : -EINVAL);
		break;
	case 1:		/* kept only if non-blocking */
		if (one_in(4))
			flag = 0;
		ret = flag ? call(__NR_pipe2, (long)fd, flag, 0, 0, 0, 0)
			   : call(__NR_pipe, (long)fd, 0, 0, 0, 0, 0);
		if (ret)
			break;
		if (flag & O_NONBLOCK && good_flags) {
			call(__NR_dup2, fd[0], end, 0, 0, 0, 0);
			call(__NR_dup2, fd[1], 20 + rnd() % 12, 0, 0, 0, 0);
		}
		call(__NR_close, fd[0], 0, 0, 0, 0, 0);
		call(__NR_close, fd[1], 0, 0, 0, 0, 0);
		break;
	default:
		if (!is_pipe(end))
			break;
		ret = call(one_in(2) ? __NR_read : __NR_write, end, buf, len,
			   0, 0, 0);
		if (ret < 0 && ret != -EAGAIN && ret != -EFAULT &&
		    ret != -EBADF && ret != -EPIPE)
			expect("a pipe's read or write", ret, -EAGAIN);
		if (in_scratch(buf) && len && len <= PIPE_BUF && ret > 0)
			expect("a pipe's read, or its write of PIPE_BUF bytes "
			       "or fewer", ret, ret < (long)len &&
			       call(__NR_fcntl64, end, F_GETFL, 0, 0, 0, 0) ==
			       (O_RDONLY | O_NONBLOCK) ? ret : (long)len);
		break;
	}
}

static void (*const fuzzers[])(void) = {
	fuzz_write, fuzz_read, fuzz_nanosleep, fuzz_getrusage, fuzz_waitpid,
	fuzz_kill, fuzz_brk, fuzz_mmap, fuzz_munmap, fuzz_mprotect,
	fuzz_fork, fuzz_clone, fuzz_thread_area, fuzz_misc,
	fuzz_clock_gettime, fuzz_clock_nanosleep, fuzz_uname, fuzz_execve,
	fuzz_signals, fuzz_thread, fuzz_futex, fuzz_info,
	fuzz_madvise_mlock, fuzz_fds, fuzz_pipes,
};

int main(int argc, char **argv)
{
	unsigned long count = 100000, seed = 1;
	int status;

	if (argc > 3 || (argc > 1 && kstrtoul(argv[1], 10, &count)) ||
	    (argc > 2 && (kstrtoul(argv[2], 10, &seed) || !seed))) {
		printf("usage: sysfuzz [COUNT [SEED]]   (SEED > 0)\n");
		return 2;
	}
	rng = seed;
	mypid = getpid();
	call(__NR_rt_sigaction, SIGPIPE, (long)&(struct k_sigaction){
		SIG_IGN, 0, NULL, 0 }, 0, sizeof(sigset64_t), 0, 0);
	self = argv[0];
	window = (unsigned long)mmap(NULL, WINDOW_SIZE, PROT_NONE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (window == (unsigned long)MAP_FAILED) {
		printf("sysfuzz: mmap: %s\n", strerror(errno));
		return 1;
	}
	for (unsigned long i = 0; i < count; i++)
		fuzzers[rnd() % ARRAY_SIZE(fuzzers)]();
	while (waitpid(-1, &status, 0) > 0)
		;
	printf("sysfuzz: %lu calls (seed %lu), %s\n", count, seed,
	       unexpected ? "unexpected results" : "all results as expected");
	return unexpected ? 1 : 0;
}
