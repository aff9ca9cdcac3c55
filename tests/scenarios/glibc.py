"""A static glibc program (i686-linux-gnu-gcc -static, Debian's
libc6-dev-i386-cross, installed by tools/setup-host.sh) under Pagoda:
before main, glibc sets up thread-local storage (set_thread_area, %gs),
reads AT_RANDOM for its stack guard and picks SSE2 string functions;
then printf, malloc of a few MiB, a __thread variable, exit statuses,
and floating point in two programs at once (each keeps its own FPU
registers across switches).  A second program forks with glibc's fork()
(clone with CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID) and waits with
waitpid() and wait() (wait4).  A third sleeps and reads the clocks
with sleep(), nanosleep(), clock_gettime(), clock(), time(),
gettimeofday() and uname() (the calls clock_nanosleep_time64,
clock_gettime64 and uname).  A fourth fills SSE registers and exits;
the next program must not find those values in its own.  A fifth
catches signals: a stack overflow on a sigaltstack, SA_RESTART and
EINTR around waitpid, and execs from a pthread.  A sixth selects on a
pipe and moves children among process groups and sessions."""

import re
import subprocess
import time

from pagoda_test import scenario
from pagoda_test.disks import make_image

GLIBC_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static __thread int counter = 40;

/* Sums i * step for i = 1..n in the FPU: exact, so compared with ==. */
static int spin(long n, int shift)
{
	double step = 1.0 / (1 << shift), sum = 0;

	for (long i = 1; i <= n; i++)
		sum += i * step;
	return sum == step * ((double)n * (n + 1) / 2);
}

int main(int argc, char **argv)
{
	size_t words = (4u << 20) / sizeof(unsigned);
	unsigned *p = malloc(words * sizeof(unsigned));

	if (argc == 4 && !strcmp(argv[1], "spin")) {
		int ok = spin(atol(argv[2]), atoi(argv[3]));

		printf("glibc: spin %s %s: %s\n", argv[2], argv[3],
		       ok ? "ok" : "WRONG SUM");
		return !ok;
	}
	if (!p)
		return 100;
	for (size_t i = 0; i < words; i++)
		p[i] = i * 2654435761u;
	for (size_t i = 0; i < words; i++)
		if (p[i] != i * 2654435761u)
			return 101;
	free(p);
	counter += argc;
	printf("glibc: hello %d, 4 MiB checked, __thread %d, %.2f\n",
	       1234, counter, counter / 8.0);
	return argc > 1 ? atoi(argv[1]) : 0;
}
"""

# Children copy-on-write a 4 MiB buffer the parent filled; the parent
# waits for two by pid and two with wait(), checks their statuses and
# its own buffer.  Then clone(CLONE_THREAD) without CLONE_SIGHAND must
# be refused, as Linux refuses it.
GLIBCFORK_C = r"""
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 4
#define WORDS ((4u << 20) / sizeof(unsigned))
#define PATTERN(i) ((unsigned)(i) * 2654435761u)

static int failures;

static void check(int ok, const char *what)
{
	printf("glibcfork: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

/* The child's copy still holds the parent's words; it writes its own. */
static void child(unsigned *buf, int n)
{
	for (size_t i = 0; i < WORDS; i++)
		if (buf[i] != PATTERN(i))
			_exit(100);
	for (size_t i = 0; i < WORDS; i++)
		buf[i] = PATTERN(i) ^ n;
	sched_yield();
	for (size_t i = 0; i < WORDS; i++)
		if (buf[i] != (PATTERN(i) ^ n))
			_exit(101);
	exit(10 + n);
}

int main(void)
{
	unsigned *buf = malloc(WORDS * sizeof(unsigned));
	pid_t pids[CHILDREN];
	int status, ok = 1, seen = 0;

	if (!buf)
		return 100;
	for (size_t i = 0; i < WORDS; i++)
		buf[i] = PATTERN(i);
	fflush(stdout);
	for (int n = 0; n < CHILDREN; n++) {
		pids[n] = fork();
		if (pids[n] == 0)
			child(buf, n);
		ok = ok && pids[n] > 0;
	}
	check(ok, "fork() made 4 children");
	for (int n = 1; n >= 0; n--)
		ok = ok && waitpid(pids[n], &status, 0) == pids[n] &&
		     WIFEXITED(status) && WEXITSTATUS(status) == 10 + n;
	check(ok, "waitpid(pid) gives each its own status");
	for (int k = 0; k < 2; k++) {
		pid_t pid = wait(&status);

		for (int n = 2; n < CHILDREN; n++)
			if (pid == pids[n] && WIFEXITED(status) &&
			    WEXITSTATUS(status) == 10 + n)
				seen |= 1 << n;
	}
	check(seen == 0xc, "wait() reaps the others, statuses right");
	check(wait(&status) == -1 && errno == ECHILD, "then wait(): ECHILD");
	ok = 1;
	for (size_t i = 0; i < WORDS; i++)
		ok = ok && buf[i] == PATTERN(i);
	check(ok, "the parent's buffer is unchanged");
	long ret = syscall(SYS_clone, CLONE_VM | CLONE_THREAD | SIGCHLD, 0, 0,
			   0, 0);
	if (ret == 0)
		_exit(99);
	check(ret == -1 && errno == EINVAL,
	      "clone(CLONE_THREAD without CLONE_SIGHAND): EINVAL");
	printf("glibcfork: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""

# sleep(1) and nanosleep measured with CLOCK_MONOTONIC (at least the
# time asked, at most 30 s: TCG on a loaded host is slow), clock() in a
# busy loop (of at most 10 s), time() and gettimeofday() beside
# CLOCK_REALTIME, time() leaving errno alone (it reads
# CLOCK_REALTIME_COARSE, and ignores a failure) and advancing, uname.
GLIBCTIME_C = r"""
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/utsname.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("glibctime: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static double since(const struct timespec *t0)
{
	struct timespec t;

	if (clock_gettime(CLOCK_MONOTONIC, &t))
		return -1;
	return (t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) / 1e9;
}

int main(void)
{
	struct timespec t0, req = { 0, 300000000 }, rt;
	struct timeval tv;
	struct utsname u;
	volatile unsigned long spin = 0;
	clock_t c0, c1;
	time_t now;
	double d;
	int ok;

	ok = clock_gettime(CLOCK_MONOTONIC, &t0) == 0;
	check(ok && sleep(1) == 0 && (d = since(&t0)) >= 1.0 && d < 30,
	      "sleep(1) lasts at least 1 s by CLOCK_MONOTONIC");
	ok = clock_gettime(CLOCK_MONOTONIC, &t0) == 0;
	check(ok && nanosleep(&req, NULL) == 0 && (d = since(&t0)) >= 0.3 &&
	      d < 30, "nanosleep(0.3 s) lasts at least 0.3 s");
	c0 = clock();
	ok = c0 != (clock_t)-1 && clock_gettime(CLOCK_MONOTONIC, &t0) == 0;
	while (ok && clock() - c0 < CLOCKS_PER_SEC / 5 && since(&t0) < 10)
		spin++;
	c1 = clock();
	check(ok && c1 - c0 >= CLOCKS_PER_SEC / 5 && spin > 0,
	      "clock() advances in a busy loop");
	ok = clock_gettime(CLOCK_REALTIME, &rt) == 0 &&
	     gettimeofday(&tv, NULL) == 0 && (now = time(NULL)) != -1;
	check(ok && tv.tv_sec - rt.tv_sec <= 1 && now - rt.tv_sec <= 1 &&
	      tv.tv_sec >= rt.tv_sec && now >= rt.tv_sec,
	      "time() and gettimeofday() agree with CLOCK_REALTIME");
	errno = 0;
	now = time(NULL);
	ok = errno == 0 && clock_gettime(CLOCK_MONOTONIC, &t0) == 0;
	while (ok && time(NULL) == now && since(&t0) < 10)
		spin++;
	check(ok && time(NULL) == now + 1,
	      "time() sets no errno and advances within a second");
	check(uname(&u) == 0 && !strcmp(u.sysname, "Pagoda") &&
	      !strcmp(u.machine, "i686"), "uname: Pagoda on i686");
	printf("glibctime: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""


# What glibc asks about the process and the machine: the ids (all 0:
# Pagoda has no users), sysconf's RAM from sysinfo (64 MiB booted),
# one CPU (sched_getaffinity), the stack's limit, nice; alarm() with a
# handler set by signal().
GLIBCSYS_C = r"""
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>

static volatile sig_atomic_t alarmed;

static void on_alarm(int sig)
{
	alarmed = sig == SIGALRM;
}

static int failures;

static void check(int ok, const char *what)
{
	printf("glibcsys: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

int main(void)
{
	long phys = sysconf(_SC_PHYS_PAGES), avphys = sysconf(_SC_AVPHYS_PAGES);
	long mib = phys / (1048576 / sysconf(_SC_PAGESIZE));

	check(getuid() == 0 && geteuid() == 0 && getgid() == 0 &&
	      getegid() == 0, "getuid(), geteuid(), getgid(), getegid(): 0");
	check(mib >= 48 && mib <= 64 && avphys > 0 && avphys < phys,
	      "sysconf(_SC_PHYS_PAGES): the RAM, _SC_AVPHYS_PAGES less");
	struct rlimit stack, more;
	check(get_nprocs() == 1 && sysconf(_SC_NPROCESSORS_ONLN) == 1,
	      "get_nprocs(), _SC_NPROCESSORS_ONLN: one CPU");
	check(getrlimit(RLIMIT_STACK, &stack) == 0 &&
	      stack.rlim_cur == 8 << 20 && stack.rlim_max == 8 << 20 &&
	      setrlimit(RLIMIT_STACK, &stack) == 0,
	      "getrlimit(RLIMIT_STACK): 8 MiB; set to itself: 0");
	more = stack;
	more.rlim_cur = more.rlim_max = RLIM_INFINITY;
	check(setrlimit(RLIMIT_STACK, &more) == -1 && errno == EPERM,
	      "setrlimit to change a limit: EPERM");
	check(nice(3) == 3 && getpriority(PRIO_PROCESS, 0) == 3,
	      "nice(3), getpriority: 3");
	struct winsize ws;
	check(isatty(0) && isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 &&
	      ws.ws_col == 80 && ws.ws_row == 24,
	      "isatty(0), isatty(1); TIOCGWINSZ: 80 by 24");
	struct stat st;
	check(fstat(1, &st) == 0 && S_ISCHR(st.st_mode) &&
	      !fopen("/etc/passwd", "r") && errno == ENOENT,
	      "fstat(1): a character device; fopen of a file: ENOENT");
	struct iovec iov[2] = { { "glibcsys: writev", 16 },
				{ ": ok\n", 5 } };
	fflush(stdout);
	if (writev(1, iov, 2) != 21)
		check(0, "writev");
	struct timespec three = { 3, 0 };
	signal(SIGALRM, on_alarm);
	check(alarm(1) == 0 && nanosleep(&three, NULL) == -1 && alarmed,
	      "alarm(1): the SIGALRM handler runs, the sleep ends");
	printf("glibcsys: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""

GLIBCSYS_CASES = ("getuid(), geteuid(), getgid(), getegid(): 0",
                  "sysconf(_SC_PHYS_PAGES): the RAM, _SC_AVPHYS_PAGES less",
                  "get_nprocs(), _SC_NPROCESSORS_ONLN: one CPU",
                  "getrlimit(RLIMIT_STACK): 8 MiB; set to itself: 0",
                  "setrlimit to change a limit: EPERM",
                  "nice(3), getpriority: 3",
                  "isatty(0), isatty(1); TIOCGWINSZ: 80 by 24",
                  "fstat(1): a character device; fopen of a file: ENOENT",
                  "writev",
                  "alarm(1): the SIGALRM handler runs, the sleep ends")


# A student's "lock this memory and watch it never swap", in 16 MiB of
# RAM: two 3 MiB buffers filled, one mlock()ed; 24 MiB written twice
# (swap in use, by sysinfo); reading the unlocked buffer back takes
# page faults (its pages went to swap), the locked one none (they
# stayed mapped), and both hold their words.
GLIBCLOCK_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>

#define WORDS ((3u << 20) / sizeof(unsigned))

static int failures;

static void check(int ok, const char *what)
{
	printf("glibclock: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

/* Page faults so far: a page still mapped takes none. */
static long faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt + ru.ru_majflt;
}

/* Faults taken reading buf back; -1 if a word is wrong. */
static long read_back(const unsigned *buf, unsigned seed)
{
	long f0 = faults();

	for (size_t i = 0; i < WORDS; i++)
		if (buf[i] != i * seed)
			return -1;
	return faults() - f0;
}

int main(void)
{
	unsigned *locked = malloc(WORDS * 4), *loose = malloc(WORDS * 4);
	size_t big = (24u << 20) / sizeof(unsigned);
	unsigned *hog = malloc(big * 4);
	struct sysinfo si;

	if (!locked || !loose || !hog)
		return 100;
	for (size_t i = 0; i < WORDS; i++) {
		locked[i] = i * 7;
		loose[i] = i * 9;
	}
	check(mlock(locked, WORDS * 4) == 0, "mlock(3 MiB)");
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < big; i += 1024)
			hog[i] = i + pass;
	check(sysinfo(&si) == 0 && si.freeswap < si.totalswap,
	      "24 MiB written twice: swap in use");
	check(read_back(loose, 9) > 0, "the unlocked buffer faults back in");
	check(read_back(locked, 7) == 0, "the locked one was never unmapped");
	check(munlock(locked, WORDS * 4) == 0, "munlock");
	printf("glibclock: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""


# "fill": loads a pattern into xmm4-7 and leaves at once (exit_group,
# so glibc's exit code cannot overwrite them).  Otherwise: reads
# xmm4-7 first thing in main (nothing before main makes that pattern).
FPULEAK_C = r"""
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	unsigned char seen[4][16], pattern[16];

	memset(pattern, 0xa5, sizeof(pattern));
	if (argc > 1 && !strcmp(argv[1], "fill")) {
		__asm__ __volatile__("movdqu %0, %%xmm4\n\tmovdqu %0, %%xmm5\n\t"
				     "movdqu %0, %%xmm6\n\tmovdqu %0, %%xmm7\n\t"
				     "movl $252, %%eax\n\txorl %%ebx, %%ebx\n\t"
				     "int $0x80" : : "m"(pattern) : "memory");
	}
	__asm__ __volatile__("movdqu %%xmm4, %0\n\tmovdqu %%xmm5, %1\n\t"
			     "movdqu %%xmm6, %2\n\tmovdqu %%xmm7, %3"
			     : "=m"(seen[0]), "=m"(seen[1]), "=m"(seen[2]),
			       "=m"(seen[3]));
	for (int i = 0; i < 4; i++)
		if (!memcmp(seen[i], pattern, sizeof(pattern))) {
			printf("fpuleak: xmm%d holds the last program's value\n",
			       i + 4);
			return 1;
		}
	printf("fpuleak: xmm4-7 start fresh: ok\n");
	return 0;
}
"""


# fork() then execv() of a path and execvp() of a name (glibc's $PATH
# search, with glibc's default path: init= gives no environment), each
# child's status through waitpid(); execv() of no program fails with
# ENOENT and the caller goes on; posix_spawnp() runs sleep 1 (glibc's
# clone(CLONE_VM | CLONE_VFORK) child execs it) and returns while it
# sleeps; a SIGCHLD handler set with sigaction() runs, a waitpid()
# inside it reaps the child, and the x87 control word it changes is
# the program's own again after it (the signal frame's FPU image).
GLIBCEXEC_C = r"""
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;
static volatile sig_atomic_t handled, reaped;

static void check(int ok, const char *what)
{
	printf("glibcexec: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

/* Loads cw into the x87 control word (if not 0); returns the old. */
static unsigned short x87_control(unsigned short cw)
{
	unsigned short old;

	__asm__ __volatile__("fnstcw %0" : "=m"(old));
	if (cw)
		__asm__ __volatile__("fldcw %0" : : "m"(cw));
	return old;
}

static void on_sigchld(int sig)
{
	int status;

	handled += sig == SIGCHLD;
	if (waitpid(-1, &status, WNOHANG) > 0 && WIFEXITED(status))
		reaped = WEXITSTATUS(status) + 1;
	x87_control(0x0f7f);	/* round toward zero, until sigreturn */
}

/* Runs argv in a child with execv (path) or execvp; its status. */
static int run(int search, const char *path, char *const argv[])
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (search)
			execvp(path, argv);
		else
			execv(path, argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * posix_spawnp: glibc's clone(CLONE_VM | CLONE_VFORK) child execs
 * argv; the parent goes on once it has (the vfork wake at exec, not
 * at exit: running says whether the child still ran then).  Its
 * status.
 */
static int spawn(char *const argv[], int *running)
{
	int status;
	pid_t pid;

	fflush(stdout);
	if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, NULL))
		return -1;
	*running = waitpid(pid, &status, WNOHANG) == 0;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(void)
{
	char *memhog[] = { "memhog", "4M", "1", NULL };
	char *sleep[] = { "sleep", "x", NULL };
	char *sleep1[] = { "sleep", "1", NULL };
	struct sigaction sa;
	int running;
	pid_t pid;

	check(run(0, "/bin/memhog", memhog) == 0,
	      "execv(\"/bin/memhog\"): memhog 4M ran, status 0");
	check(run(1, "sleep", sleep) == 2,
	      "execvp(\"sleep\") finds it on the path, its status 2");
	check(execv("/bin/no-such-program", memhog) == -1 && errno == ENOENT,
	      "execv of no program: -1, ENOENT, the caller goes on");
	check(spawn(sleep1, &running) == 0 && running,
	      "posix_spawnp(\"sleep\"): back at its exec, status 0");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sigaction(SIGCHLD, &sa, NULL);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		usleep(200000);
		_exit(5);
	}
	for (int i = 0; pid > 0 && !handled && i < 500; i++)
		usleep(10000);		/* a handler ends it early */
	check(handled == 1 && reaped == 6,
	      "a SIGCHLD handler runs; its waitpid reaps the child");
	check(x87_control(0) == 0x037f,
	      "the FPU control word the handler set ends with it");
	printf("glibcexec: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""


# pthreads: four threads each fill a slice of one malloc'd area and
# check it, three passes, between them a mutex contended by all four,
# which a barrier starts together (its holder yields now and then: the
# others must sleep on its futex
# and be woken, and trylock counts that they found it held); a
# condition variable's timed wait runs out, another is signalled;
# pthread_join gives each thread's verdict.  Run with more memory than
# RAM, the shared address space's pages go to swap and back.  A child
# process whose second thread dereferences NULL must die of SIGSEGV.
# A SIGUSR1 handler one thread sets runs when another raises it (the
# threads share their actions); a SIGUSR2 sent to the process while
# the leader blocks it runs its handler in the thread that does not.
GLIBCTHREADS_C = r"""
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define THREADS 4
#define PATTERN(i, n, pass) ((unsigned)(i) * 2654435761u ^ (n) << 24 ^ (pass))

static int failures;
static size_t words;			/* per thread */
static unsigned *area;			/* THREADS slices, one mm */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t all_in;	/* the mutex's loops start together */
static long counter, contended;
static __thread int mine;

static void check(int ok, const char *what)
{
	printf("glibcthreads: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

/* Writes its slice, then checks it pass after pass (pages of the one
 * address space go to swap and come back between passes); counts under
 * the mutex, contended by every thread. */
static void *worker(void *arg)
{
	int n = (int)(long)arg;
	unsigned *p = area + n * words;
	long bad = 0;

	mine = n;
	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < words; i++)
			p[i] = PATTERN(i, n, pass);
		/* all four run the loop at once, so the holder's first
		 * yield finds another at the mutex, whatever the swap */
		pthread_barrier_wait(&all_in);
		for (int k = 0; k < 20000; k++) {
			if (pthread_mutex_trylock(&lock)) {
				__atomic_add_fetch(&contended, 1,
						   __ATOMIC_RELAXED);
				pthread_mutex_lock(&lock);
			}
			counter++;
			if (k % 1000 == 0)
				sched_yield();	/* the others find it held */
			pthread_mutex_unlock(&lock);
		}
		for (size_t i = 0; i < words; i++)
			bad += p[i] != PATTERN(i, n, pass);
	}
	return (void *)(bad * 1000 + (mine != n) + 7 * (n + 1));
}

static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int ready;

static void *signaller(void *arg)
{
	(void)arg;
	usleep(100000);
	pthread_mutex_lock(&lock);
	ready = 1;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* A timed wait that runs out (an absolute CLOCK_REALTIME futex wait),
 * then one that another thread's signal ends. */
static int cond_waits(void)
{
	struct timespec t;
	pthread_t s;
	int timed_out, ret = 0;

	pthread_mutex_lock(&lock);
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_nsec += 200000000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	timed_out = pthread_cond_timedwait(&cond, &lock, &t) == ETIMEDOUT;
	pthread_create(&s, NULL, signaller, NULL);
	t.tv_sec += 30;
	while (!ready && ret == 0)
		ret = pthread_cond_timedwait(&cond, &lock, &t);
	pthread_mutex_unlock(&lock);
	pthread_join(s, NULL);
	return timed_out && ready && ret == 0;
}

/* A child process whose second thread dereferences NULL. */
static void *crasher(void *arg)
{
	(void)arg;
	*(volatile int *)0 = 1;
	return NULL;
}

static int crashing_process(void)
{
	pid_t pid = fork();
	pthread_t t;
	int status;

	if (pid == 0) {
		pthread_create(&t, NULL, crasher, NULL);
		for (;;)
			sleep(1);
		_exit(3);
	}
	return waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	       WTERMSIG(status) == SIGSEGV;
}

/* Signal handlers: the threads share them; masks are each thread's. */
static volatile sig_atomic_t usr1_runs, usr2_in_waiter;
static pthread_t waiter_thread;

static void on_usr1(int sig) { usr1_runs += sig == SIGUSR1; }
static void on_usr2(int sig)
{
	usr2_in_waiter = sig == SIGUSR2 &&
			 pthread_equal(pthread_self(), waiter_thread);
}

static void *set_usr1_handler(void *arg)
{
	(void)arg;
	signal(SIGUSR1, on_usr1);
	return NULL;
}

static void *usr2_waiter(void *arg)
{
	sigset_t usr2;

	(void)arg;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	pthread_sigmask(SIG_UNBLOCK, &usr2, NULL);
	for (int i = 0; !usr2_in_waiter && i < 300; i++)
		usleep(10000);
	return NULL;
}

/* A handler one thread set runs in another. */
static int handler_is_shared(void)
{
	pthread_t t;

	pthread_create(&t, NULL, set_usr1_handler, NULL);
	pthread_join(t, NULL);
	raise(SIGUSR1);
	return usr1_runs == 1;
}

/* kill() of the process reaches the thread that does not block it. */
static int signal_finds_unblocked_thread(void)
{
	sigset_t usr2;

	signal(SIGUSR2, on_usr2);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &usr2, NULL);
	pthread_create(&waiter_thread, NULL, usr2_waiter, NULL);
	usleep(50000);
	kill(getpid(), SIGUSR2);
	pthread_join(waiter_thread, NULL);
	return usr2_in_waiter;
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? atoi(argv[1]) : 8;
	pthread_t t[THREADS];
	int ok = 1;

	words = (mib << 20) / sizeof(unsigned) / THREADS;
	area = malloc(words * sizeof(unsigned) * THREADS);
	if (!area || pthread_barrier_init(&all_in, NULL, THREADS))
		return 100;
	for (long n = 0; n < THREADS; n++)
		ok = ok && pthread_create(&t[n], NULL, worker, (void *)n) == 0;
	check(ok, "pthread_create made 4 threads");
	for (long n = 0; n < THREADS; n++) {
		void *ret = NULL;

		ok = ok && pthread_join(t[n], &ret) == 0 &&
		     (long)ret == 7 * (n + 1);
	}
	check(ok, "pthread_join: each thread's memory verified, 3 passes");
	check(counter == THREADS * 3 * 20000L && contended > 0,
	      "a contended mutex lost no increment");
	check(cond_waits(), "pthread_cond_timedwait: times out, then is signalled");
	check(crashing_process(), "a segfault in a thread kills its process");
	check(handler_is_shared(), "a handler one thread sets runs in another");
	check(signal_finds_unblocked_thread(),
	      "kill() reaches the thread that does not block the signal");
	printf("glibcthreads: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""

# Signals as glibc programs use them: a SIGSEGV handler on a
# sigaltstack survives a real stack overflow (siglongjmp back out),
# signal()'s handlers restart an interrupted waitpid (SA_RESTART),
# sigaction's without SA_RESTART make it fail with EINTR, and a pthread
# that execs ends the other threads, the program keeping its pid.
GLIBCSIG_C = r"""
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;
static sigjmp_buf back;
static volatile sig_atomic_t usr1s;
static char *self;

static void check(int ok, const char *what)
{
	printf("glibcsig: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static void on_segv(int sig)
{
	siglongjmp(back, sig);
}

/* Recurses until the stack limit: each frame's page is touched. */
static int deep(int n)
{
	volatile char page[4096];

	page[0] = n;
	return deep(n + 1) + page[0];
}

static int overflow_caught(void)
{
	static char alt[65536];
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };
	struct sigaction sa = { .sa_handler = on_segv,
				.sa_flags = SA_ONSTACK | SA_NODEFER };

	if (sigaltstack(&ss, NULL) || sigaction(SIGSEGV, &sa, NULL))
		return 0;
	if (sigsetjmp(back, 1) == 0)
		deep(0);
	return 1;
}

static void on_usr1(int sig)
{
	usr1s += sig == SIGUSR1;
}

/* waitpid for a child that sends SIGUSR1 during the wait: its result
 * and errno, the child's status in *status. */
static int wait_through_usr1(int *status)
{
	pid_t parent = getpid(), pid = fork();
	int ret;

	if (pid == 0) {
		usleep(200000);
		kill(parent, SIGUSR1);
		usleep(200000);
		_exit(3);
	}
	usr1s = 0;
	ret = waitpid(pid, status, 0);
	if (ret < 0 && errno == EINTR)
		waitpid(pid, NULL, 0);
	return ret < 0 ? -errno : ret == pid;
}

static void *exec_self(void *arg)
{
	char *argv[] = { self, "pid", arg, NULL };

	execv(self, argv);
	return NULL;
}

/* A child whose second thread execs "glibcsig pid PID" (which checks
 * that it runs as PID, the leader); its status. */
static int exec_in_pthread(void)
{
	static char pid[16];
	pthread_t t;
	int status;
	pid_t child = fork();

	if (child == 0) {
		snprintf(pid, sizeof(pid), "%d", getpid());
		pthread_create(&t, NULL, exec_self, pid);
		sleep(100);
		_exit(99);
	}
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	int status = 0;

	if (argc == 3 && !strcmp(argv[1], "pid"))
		return getpid() != atoi(argv[2]) || gettid() != getpid();
	self = argv[0];
	check(overflow_caught(),
	      "a stack overflow's SIGSEGV caught on a sigaltstack");
	signal(SIGUSR1, on_usr1);
	check(wait_through_usr1(&status) == 1 && usr1s == 1 &&
	      WEXITSTATUS(status) == 3,
	      "signal()'s SA_RESTART: waitpid goes on after the handler");
	sigaction(SIGUSR1, &sa, NULL);
	check(wait_through_usr1(&status) == -EINTR && usr1s == 1,
	      "sigaction without SA_RESTART: waitpid fails with EINTR");
	check(exec_in_pthread() == 0,
	      "execv in a pthread: alone in the program, with the pid");
	printf("glibcsig: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""


# select() and pselect() (glibc 2.36 calls pselect6_time64), the
# console's foreground group, process groups and sessions through glibc.
GLIBCJOB_C = r"""
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("glibcjob: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

int main(void)
{
	struct timeval tv = { 0, 200000 };
	struct timespec ts = { 0, 100000000 };
	sigset_t none;
	fd_set in;
	int p[2], status = -1;
	pid_t pid;

	if (pipe(p))
		return 100;
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	check(select(p[0] + 1, &in, NULL, NULL, &tv) == 0 && !FD_ISSET(p[0], &in)
	      && tv.tv_sec == 0 && tv.tv_usec == 0,
	      "select() on an empty pipe times out, the time left 0");
	write(p[1], "x", 1);
	FD_SET(p[0], &in);
	check(select(p[0] + 1, &in, NULL, NULL, NULL) == 1 && FD_ISSET(p[0], &in),
	      "select() sees a byte in the pipe");
	sigemptyset(&none);
	FD_SET(p[0], &in);
	check(pselect(p[0] + 1, &in, NULL, NULL, &ts, &none) == 1,
	      "pselect() with a mask sees it too");
	check(tcgetpgrp(0) == getpgrp() && getpgid(0) == getpgrp() &&
	      getsid(0) > 0,
	      "tcgetpgrp(0): our group is the console's foreground");
	pid = fork();
	if (!pid) {
		setpgid(0, 0);
		pause();
		_exit(1);
	}
	setpgid(pid, pid);
	check(getpgid(pid) == pid && killpg(pid, SIGTERM) == 0 &&
	      waitpid(-pid, &status, 0) == pid && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGTERM,
	      "setpgid, killpg, waitpid(-pgrp) reap a child's group");
	pid = fork();
	if (!pid)
		_exit(setsid() == getpid() && tcgetpgrp(0) == -1 &&
		      errno == ENOTTY ? 0 : 1);
	check(waitpid(pid, &status, 0) == pid && status == 0,
	      "setsid() in a child: a session without the console");
	printf("glibcjob: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""

def build_glibc_program(lab, name="glibc", source_text=GLIBC_C):
    source = lab.tmpdir / f"{name}.c"
    source.write_text(source_text)
    binary = lab.tmpdir / name
    built = subprocess.run(["i686-linux-gnu-gcc", "-static", "-O2", "-o", str(binary),
                            str(source)], capture_output=True, text=True)
    assert built.returncode == 0, \
        f"i686-linux-gnu-gcc -static failed (libc6-dev-i386-cross?):\n{built.stderr}"
    return binary


@scenario("static_glibc_program_runs_as_init", timeout=90)
def static_glibc_as_init(lab):
    vm = lab.boot(modules=[build_glibc_program(lab)], append='init="glibc 7"')
    status = vm.wait_exit(timeout=80)
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()
    assert "glibc: hello 1234, 4 MiB checked, __thread 42, 5.25" in vm.output, vm.tail()
    assert "init: glibc exited with status 7" in vm.output, vm.tail()
    assert status.code == 35, f"QEMU exited {status.code}, expected 35 (status 7)"


@scenario("static_glibc_programs_keep_their_fpu", timeout=150)
def static_glibc_fpu(lab):
    vm = lab.boot(modules=[build_glibc_program(lab)])
    vm.expect_prompt()
    printed = vm.run("run glibc")
    assert printed.strip() == "glibc: hello 1234, 4 MiB checked, __thread 41, 5.12", printed
    assert re.search(r"^\[\d+\] glibc$", vm.run("run glibc spin 4000000 1 &"), re.MULTILINE)
    printed = vm.run("run glibc spin 3000000 2", timeout=120)
    assert "glibc: spin 3000000 2: ok" in printed, printed
    # the background job's line may come before or after the prompt,
    # and in pieces: wait for all of it, wherever it is
    done = re.compile(r"glibc: spin 4000000 1: (ok|WRONG SUM)")
    deadline = time.monotonic() + 120
    while not done.search(vm.output):
        assert time.monotonic() < deadline, vm.tail()
        time.sleep(0.2)
    assert "glibc: spin 4000000 1: ok" in vm.output, vm.tail()


def run_checks_as_init(lab, name, source_text, cases, wait=100):
    """Builds and runs a glibc program printing "NAME: CASE: ok" for each
    check and "NAME: all checks passed" under init=, and expects those
    lines, in order, and exit status 0."""
    program = build_glibc_program(lab, name, source_text)
    vm = lab.boot(modules=[program], append=f'init="{name}"')
    status = vm.wait_exit(timeout=wait)
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()
    printed = [line for line in vm.output.replace("\r", "").split("\n")
               if line.startswith(f"{name}:")]
    assert printed == [f"{name}: {case}: ok" for case in cases] \
        + [f"{name}: all checks passed"], "\n".join(printed) + "\n" + vm.tail()
    assert status.code == 33, f"QEMU exited {status.code}, expected 33 (status 0)"
    return vm


def run_checks_at_prompt(vm, command, name, cases, timeout):
    """Runs `run COMMAND` at the shell's prompt and expects the lines
    "NAME: CASE: ok" for each case, in order, then "NAME: all checks
    passed"."""
    printed = vm.run(f"run {command}", timeout=timeout)
    got = [line.strip() for line in printed.replace("\r", "").split("\n")
           if line.startswith(f"{name}:")]
    assert got == [f"{name}: {case}: ok" for case in cases] \
        + [f"{name}: all checks passed"], printed + vm.tail()


@scenario("static_glibc_program_forks_and_waits", timeout=120)
def static_glibc_forks(lab):
    run_checks_as_init(lab, "glibcfork", GLIBCFORK_C, (
        "fork() made 4 children", "waitpid(pid) gives each its own status",
        "wait() reaps the others, statuses right", "then wait(): ECHILD",
        "the parent's buffer is unchanged",
        "clone(CLONE_THREAD without CLONE_SIGHAND): EINVAL"))


@scenario("static_glibc_program_execs_programs", timeout=120)
def static_glibc_execs(lab):
    run_checks_as_init(lab, "glibcexec", GLIBCEXEC_C, (
        'execv("/bin/memhog"): memhog 4M ran, status 0',
        'execvp("sleep") finds it on the path, its status 2',
        "execv of no program: -1, ENOENT, the caller goes on",
        'posix_spawnp("sleep"): back at its exec, status 0',
        "a SIGCHLD handler runs; its waitpid reaps the child",
        "the FPU control word the handler set ends with it"))


SIGNAL_CASES = ("a stack overflow's SIGSEGV caught on a sigaltstack",
                "signal()'s SA_RESTART: waitpid goes on after the handler",
                "sigaction without SA_RESTART: waitpid fails with EINTR",
                "execv in a pthread: alone in the program, with the pid")


@scenario("static_glibc_program_catches_signals", timeout=120)
def static_glibc_signals(lab):
    vm = run_checks_as_init(lab, "glibcsig", GLIBCSIG_C, SIGNAL_CASES)
    # The overflow's SIGSEGV was caught: nothing was killed.
    assert "segfault at" not in vm.output, vm.tail()


@scenario("static_glibc_program_sleeps_and_reads_clocks", timeout=90)
def static_glibc_time(lab):
    run_checks_as_init(lab, "glibctime", GLIBCTIME_C, (
        "sleep(1) lasts at least 1 s by CLOCK_MONOTONIC",
        "nanosleep(0.3 s) lasts at least 0.3 s", "clock() advances in a busy loop",
        "time() and gettimeofday() agree with CLOCK_REALTIME",
        "time() sets no errno and advances within a second",
        "uname: Pagoda on i686"), wait=80)


@scenario("static_glibc_program_asks_about_itself_and_the_machine", timeout=90)
def static_glibc_sys(lab):
    run_checks_as_init(lab, "glibcsys", GLIBCSYS_C, GLIBCSYS_CASES, wait=80)


@scenario("static_glibc_locked_memory_stays_in_ram", timeout=200)
def static_glibc_mlock(lab):
    swap = make_image(lab.tmpdir / "swap.img", "64M", mkswap=True)
    program = build_glibc_program(lab, "glibclock", GLIBCLOCK_C)
    vm = lab.boot(mem="16M", swap=[swap], modules=[program])
    vm.expect_prompt()
    run_checks_at_prompt(vm, "glibclock", "glibclock", (
        "mlock(3 MiB)", "24 MiB written twice: swap in use",
        "the unlocked buffer faults back in", "the locked one was never unmapped",
        "munlock"), timeout=160)
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


@scenario("a_new_program_starts_with_fresh_sse_registers", timeout=90)
def static_glibc_fresh_sse(lab):
    vm = lab.boot(modules=[build_glibc_program(lab, "fpuleak", FPULEAK_C)])
    vm.expect_prompt()
    vm.run("run fpuleak fill")
    printed = vm.run("run fpuleak")
    assert "fpuleak: xmm4-7 start fresh: ok" in printed, printed + vm.tail()


THREAD_CASES = ("pthread_create made 4 threads",
                "pthread_join: each thread's memory verified, 3 passes",
                "a contended mutex lost no increment",
                "pthread_cond_timedwait: times out, then is signalled",
                "a segfault in a thread kills its process",
                "a handler one thread sets runs in another",
                "kill() reaches the thread that does not block the signal")


@scenario("static_glibc_threads_share_memory_under_pressure", timeout=400)
def static_glibc_threads_under_pressure(lab):
    """24 MiB written by four pthreads in 16 MiB of RAM: pages of the
    one address space they share go to swap and come back (one mm on
    mmlist, walked once), each thread's slice verified on every pass."""
    swap = make_image(lab.tmpdir / "swap.img", "128M", mkswap=True)
    program = build_glibc_program(lab, "glibcthreads", GLIBCTHREADS_C)
    vm = lab.boot(mem="16M", swap=[swap], modules=[program])
    vm.expect_prompt()
    run_checks_at_prompt(vm, "glibcthreads 24", "glibcthreads", THREAD_CASES, timeout=330)
    stats = dict(re.findall(r"^(\w+) (\d+)$", vm.run("vmstat"), re.MULTILINE))
    assert int(stats["pswpout"]) > 2048 and int(stats["pswpin"]) > 0, stats
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


@scenario("static_glibc_threads_as_init", timeout=120)
def static_glibc_threads_as_init(lab):
    run_checks_as_init(lab, "glibcthreads", GLIBCTHREADS_C, THREAD_CASES)


@scenario("static_glibc_program_selects_and_moves_groups", timeout=90)
def static_glibc_job(lab):
    run_checks_as_init(lab, "glibcjob", GLIBCJOB_C, (
        "select() on an empty pipe times out, the time left 0",
        "select() sees a byte in the pipe",
        "pselect() with a mask sees it too",
        "tcgetpgrp(0): our group is the console's foreground",
        "setpgid, killpg, waitpid(-pgrp) reap a child's group",
        "setsid() in a child: a session without the console"), wait=80)
