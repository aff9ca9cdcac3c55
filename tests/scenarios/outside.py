"""Outside binaries: i386 programs built for Linux, not for Pagoda.
A static glibc program asking for random bytes (getrandom, arc4random,
getentropy), a static musl program (Debian's musl-dev for i386, built
with its musl-gcc.specs), and Debian's static shells (bash-static,
zsh-static, sash).  make check fetches musl-dev and the shells into
BUILD/i386 with tools/debfetch.py; without Debian's archive the
scenarios that need them are skipped, saying so."""

import re
import subprocess

from pagoda_test import scenario

# glibc 2.36's arc4random() (new in 2.36) reads getrandom and, when
# that is ENOSYS, /dev/urandom; with neither it aborts: "Fatal glibc
# error: cannot get entropy for arc4random".
GLIBCRAND_C = r"""
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static int failures;

/* 2.4.0's /dev/urandom (1:9): reads give what they ask. */
static int urandom(void)
{
	unsigned char a[300] = { 0 };
	struct stat st;
	int fd = open("/dev/urandom", O_RDONLY), ok;

	ok = fd >= 0 && read(fd, a, sizeof(a)) == sizeof(a) &&
	     (a[0] | a[299]) && fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
	     major(st.st_rdev) == 1 && minor(st.st_rdev) == 9;
	close(fd);
	return ok;
}

static void check(int ok, const char *what)
{
	printf("glibcrand: %s: %s\n", what, ok ? "ok" : "FAILED");
	fflush(stdout);
	failures += !ok;
}

int main(void)
{
	static unsigned char big[65536];
	unsigned char a[16] = { 0 }, b[16] = { 0 }, e[32];
	unsigned n = 0;

	check(getrandom(a, 16, 0) == 16 && getrandom(b, 16, 0) == 16 &&
	      memcmp(a, b, 16), "getrandom: 16 bytes, two calls differ");
	check(getrandom(a, 16, GRND_NONBLOCK) == 16 &&
	      getrandom(a, 16, GRND_RANDOM) == 16 &&
	      getrandom(a, 16, 4 /* GRND_INSECURE */) == 16,
	      "getrandom: GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE");
	check(getrandom(a, 16, 8) == -1 && errno == EINVAL &&
	      getrandom(a, 16, 4 | GRND_RANDOM) == -1 && errno == EINVAL &&
	      getrandom((void *)8, 16, 0) == -1 && errno == EFAULT &&
	      getrandom(a, 0, 0) == 0,
	      "getrandom: bad flags EINVAL, a bad buffer EFAULT, 0 bytes 0");
	memset(big, 0, sizeof(big));
	check(getrandom(big, sizeof(big), 0) == sizeof(big) &&
	      (big[0] | big[65535] | big[30000]),
	      "getrandom: 64 KiB in one call");
	check(getentropy(e, sizeof(e)) == 0, "getentropy: 32 bytes");
	for (int i = 0; i < 100; i++)
		n |= arc4random_uniform(100) >= 100;
	check(!n && arc4random() != arc4random(), "arc4random");
	check(urandom(), "/dev/urandom: 300 bytes, a character device 1:9");
	printf("glibcrand: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""

# A robust mutex whose owner thread exits holding it: the next
# pthread_mutex_lock() returns EOWNERDEAD (the kernel marks the word at
# the owner's exit, from the list set_robust_list gave it), and the
# new owner may make it consistent.  Without the list it waits for ever.
GLIBCROBUST_C = r"""
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t m;
static int failures;

static void check(int ok, const char *what)
{
	printf("glibcrobust: %s: %s\n", what, ok ? "ok" : "FAILED");
	fflush(stdout);
	failures += !ok;
}

static volatile int held;

/* Locks m and exits holding it, after a nap if asked (so that a
 * waiter is asleep in FUTEX_WAIT by then). */
static void *hold(void *nap)
{
	struct timespec t = { 0, 300000000 };

	pthread_mutex_lock(&m);
	held = 1;
	if (nap)
		nanosleep(&t, NULL);
	return NULL;
}

static void *wait_for_it(void *arg)
{
	(void)arg;
	return (void *)(long)pthread_mutex_lock(&m);
}

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_t t, w;
	void *r;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
	check(pthread_mutex_init(&m, &attr) == 0, "a robust mutex");
	pthread_create(&t, NULL, hold, NULL);
	pthread_join(t, NULL);
	check(pthread_mutex_lock(&m) == EOWNERDEAD,
	      "its owner exited: the next lock gets EOWNERDEAD");
	check(pthread_mutex_consistent(&m) == 0 &&
	      pthread_mutex_unlock(&m) == 0 && pthread_mutex_lock(&m) == 0,
	      "made consistent, it locks again");
	/* a waiter asleep in the kernel when the owner exits is woken */
	pthread_mutex_unlock(&m);
	pthread_create(&t, NULL, hold, (void *)1);
	while (!held)
		sched_yield();
	pthread_create(&w, NULL, wait_for_it, NULL);
	pthread_join(w, &r);
	pthread_join(t, NULL);
	check((long)r == EOWNERDEAD,
	      "a waiter asleep when the owner exits is woken: EOWNERDEAD");
	printf("glibcrobust: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""

# musl 1.2.3: malloc (mallocng: brk, mmap, munmap, mremap, madvise),
# pthreads (clone with CLONE_DETACHED, which Linux ignores), fork,
# execve, wait, clocks, signals, getrandom.
MUSL_C = r"""
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures, counter;
static __thread int mine = 5;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sigjmp_buf jump;

static void check(int ok, const char *what)
{
	printf("musl: %s: %s\n", what, ok ? "ok" : "FAILED");
	fflush(stdout);
	failures += !ok;
}

static int heap(void)
{
	static unsigned char *p[1000];
	unsigned seed = 1;

	for (int round = 0; round < 8; round++) {
		for (int i = 0; i < 1000; i++) {
			size_t n = (seed = seed * 1103515245 + 12345) >> 8;

			n %= i % 50 ? 3000 : 300000;
			if (!(p[i] = malloc(n + 1)))
				return 0;
			memset(p[i], i, n + 1);
		}
		for (int i = 0; i < 1000; i += 2)
			free(p[i]);
		for (int i = 1; i < 1000; i += 2) {
			if (!(p[i] = realloc(p[i], 200000 + i)) ||
			    p[i][0] != (unsigned char)i)
				return 0;
			p[i][200000] = 1;
		}
		for (int i = 1; i < 1000; i += 2)
			free(p[i]);
	}
	return 1;
}

static void *add(void *arg)
{
	for (int i = 0; i < 10000; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	mine = (int)(long)arg;
	return (void *)(long)mine;
}

static int threads(void)
{
	pthread_t t[4];
	int sum = 0;

	for (long i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, add, (void *)(i + 10)))
			return 0;
	for (int i = 0; i < 4; i++) {
		void *r;

		pthread_join(t[i], &r);
		sum += (int)(long)r;
	}
	return counter == 40000 && sum == 46 && mine == 5;
}

static void *ender(void *arg)
{
	exit((int)(long)arg);		/* exit_group */
}

static void *faulter(void *arg)
{
	*(volatile int *)arg = 1;
	return NULL;
}

/* A child that runs fn in a thread while its main thread sleeps:
 * the status wait gives. */
static int in_child_thread(void *(*fn)(void *), void *arg)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t t;

		if (pthread_create(&t, NULL, fn, arg))
			_exit(100);
		for (;;)
			pause();
	}
	waitpid(pid, &status, 0);
	return status;
}

static int spawn(char *self)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		execl(self, "musl", "child", (char *)NULL);
		_exit(100);
	}
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 7;
}

static void on_segv(int sig)
{
	siglongjmp(jump, sig);
}

static int sleeps(void)
{
	struct timespec a, b, d = { 0, 200000000 };
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &a);
	nanosleep(&d, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	return ms >= 200;
}

int main(int argc, char **argv)
{
	unsigned char r1[16], r2[16];
	int status;

	if (argc == 2 && !strcmp(argv[1], "child"))
		return 7;
	check(heap(), "malloc, realloc, free: every byte kept");
	check(threads(), "4 pthreads, a contended mutex, __thread, join");
	status = in_child_thread(ender, (void *)9);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 9,
	      "exit() in a thread ends the process with its status");
	status = in_child_thread(faulter, (void *)16);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a fault in a thread kills the process");
	check(spawn(argv[0]), "fork, execl, waitpid: the child's status");
	check(sleeps(), "nanosleep 0.2 s by CLOCK_MONOTONIC");
	check(getrandom(r1, 16, 0) == 16 && getrandom(r2, 16, 0) == 16 &&
	      memcmp(r1, r2, 16), "getrandom: two calls differ");
	signal(SIGSEGV, on_segv);
	check(sigsetjmp(jump, 1) == SIGSEGV ||
	      (*(volatile int *)8 = 1, 0), "a caught SIGSEGV, siglongjmp");
	printf("musl: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
"""


def fetched(lab, name, what):
    """BUILD/i386/NAME, which tools/debfetch.py WHAT fetched, or a skip."""
    path = lab.build / "i386" / name
    if not path.is_file():
        lab.skip(f"no {path}: python3 tools/debfetch.py {what} "
                 f"{lab.build / 'i386'} fetches it (Debian's archive needed)")
    return path


def compile_c(lab, name, text, flags=()):
    source = lab.tmpdir / f"{name}.c"
    source.write_text(text)
    binary = lab.tmpdir / name
    built = subprocess.run(["i686-linux-gnu-gcc", "-static", "-O2", *flags,
                            "-o", str(binary), str(source)],
                           capture_output=True, text=True)
    assert built.returncode == 0, f"i686-linux-gnu-gcc {flags} failed:\n{built.stderr}"
    return binary


def run_checks_as_init(lab, program, cases, wait):
    """Runs `program` under init= and expects "NAME: CASE: ok" for each
    case, in order, then "NAME: all checks passed" and status 0."""
    name = program.name
    vm = lab.boot(modules=[program], append=f"init={name}")
    status = vm.wait_exit(timeout=wait)
    printed = [line.strip() for line in vm.output.replace("\r", "").split("\n")
               if line.startswith(f"{name}:")]
    assert printed == [f"{name}: {case}: ok" for case in cases] \
        + [f"{name}: all checks passed"], "\n".join(printed) + "\n" + vm.tail()
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()
    assert status.code == 33, f"QEMU exited {status.code}, expected 33 (status 0)"


@scenario("static_glibc_program_gets_random_bytes", timeout=90)
def glibc_random(lab):
    """Red before: getrandom was ENOSYS, arc4random aborted, and
    /dev/urandom was ENOENT."""
    program = compile_c(lab, "glibcrand", GLIBCRAND_C)
    run_checks_as_init(lab, program, (
        "getrandom: 16 bytes, two calls differ",
        "getrandom: GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE",
        "getrandom: bad flags EINVAL, a bad buffer EFAULT, 0 bytes 0",
        "getrandom: 64 KiB in one call", "getentropy: 32 bytes", "arc4random",
        "/dev/urandom: 300 bytes, a character device 1:9"), wait=60)


@scenario("static_glibc_robust_mutex_outlives_its_owner", timeout=90)
def glibc_robust(lab):
    """Red before set_robust_list: the lock after the owner's exit
    waited for ever."""
    program = compile_c(lab, "glibcrobust", GLIBCROBUST_C, ["-pthread"])
    run_checks_as_init(lab, program, (
        "a robust mutex", "its owner exited: the next lock gets EOWNERDEAD",
        "made consistent, it locks again",
        "a waiter asleep when the owner exits is woken: EOWNERDEAD"), wait=60)


@scenario("static_musl_program_runs", timeout=120)
def musl_program(lab):
    """Red before: pthread_create failed (EAGAIN: clone refused
    CLONE_DETACHED) and getrandom was ENOSYS."""
    specs = fetched(lab, "musl-gcc.specs", "musl")
    program = compile_c(lab, "musl", MUSL_C, ["-specs", str(specs)])
    run_checks_as_init(lab, program, (
        "malloc, realloc, free: every byte kept",
        "4 pthreads, a contended mutex, __thread, join",
        "exit() in a thread ends the process with its status",
        "a fault in a thread kills the process",
        "fork, execl, waitpid: the child's status",
        "nanosleep 0.2 s by CLOCK_MONOTONIC", "getrandom: two calls differ",
        "a caught SIGSEGV, siglongjmp"), wait=100)


@scenario("debian_static_shells_run_programs", timeout=200)
def debian_shells(lab):
    """Debian's bash-static, zsh-static and sash (i386, glibc inside).
    zsh was red before: its SIGCHLD handler's wait3 asks for
    WCONTINUED, which wait4 refused (EINVAL: 'wait failed')."""
    shells = [fetched(lab, name, "shells") for name in ("bash", "zsh", "sash")]
    vm = lab.boot(modules=shells)
    vm.expect_prompt()
    printed = vm.run("run bash -c 'x=$((6*7)); echo bash $x; memhog 1M 1; echo status $?'",
                     timeout=60)
    assert re.search(r"^bash 42\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert "memhog: 1024 KiB verified" in printed, printed
    assert re.search(r"^status 0\r?$", printed, re.MULTILINE), printed + vm.tail()
    printed = vm.run("run zsh -c 'memhog 1M 1; echo zsh status $?; sleep 1 & wait; echo waited'",
                     timeout=60)
    assert "memhog: 1024 KiB verified" in printed, printed + vm.tail()
    assert "wait failed" not in printed, printed
    assert re.search(r"^zsh status 0\r?\nwaited\r?$", printed, re.MULTILINE), \
        printed + vm.tail()
    printed = vm.run("run sash -c '-echo sash hi'", timeout=60)
    assert re.search(r"^sash hi\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()
