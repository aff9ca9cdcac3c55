/*
 * selecttest: select (_newselect, 142), pselect6 (308) and
 * pselect6_time64 (413) on a pipe, with raw system calls:
 *
 *   - an empty pipe's write end is ready, its read end not; a byte
 *     makes the read end ready; no writer left makes it ready (end of
 *     file), no reader left the write end (EPIPE to come);
 *   - a timeout ends the wait with 0, the sets cleared and the time
 *     left, 0, written back; a child's write ends a wait with no
 *     timeout, and one of 10 s with some time left;
 *   - a signal ends the wait with EINTR; a time of LONG_MAX seconds
 *     and a whole second's microseconds too (their sum does not fit a
 *     long) is a long wait, not a short one, and most of it is left;
 *   - bits at n and above are not looked at, and come back clear; n
 *     past the descriptor table is the table;
 *   - a closed descriptor asked about EBADF, n below 0 or a negative
 *     time EINVAL, a set or time that cannot be read EFAULT;
 *   - pselect6: the timespec's time left written back, a nanosecond
 *     count past a second EINVAL, a mask size other than 8 EINVAL;
 *     with a mask that lets a blocked SIGALRM in, the handler runs,
 *     the call says EINTR and the caller's mask is back after.
 *
 * Linux agrees with every check (tests/scenarios/native.py runs it
 * there).  Prints a line per check and exits with the number failed.
 */
#include "user/lib/libc.h"

#define NEVER_MAPPED	0x1000
#define SET_WORDS	32		/* a C library's fd_set: 1024 bits */

static int failures;
static volatile int alarms;

static void check(bool ok, const char *what)
{
	printf("selecttest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long call3(long nr, long a, long b, long c)
{
	return __syscall(nr, a, b, c, 0, 0, 0);
}

static long select5(int n, unsigned long *in, unsigned long *out,
		    unsigned long *ex, struct timeval *tv)
{
	return __syscall(__NR__newselect, n, (long)in, (long)out, (long)ex,
			 (long)tv, 0);
}

/* Asks whether fd can be read (in) or written (out) in a wait of tv. */
static long ready(int fd, bool write, struct timeval *tv)
{
	unsigned long set[SET_WORDS] = { 1UL << fd };
	long ret = select5(fd + 1, write ? NULL : set, write ? set : NULL,
			   NULL, tv);

	return ret == 1 && set[0] != 1UL << fd ? -1 : ret;
}

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };

	__syscall(__NR_nanosleep, (long)&t, 0, 0, 0, 0, 0);
}

static void on_alarm(int sig __unused)
{
	alarms++;
}

static void set_handler(int sig, void (*handler)(int))
{
	struct k_sigaction sa = { handler, 0, NULL, 0 };

	__syscall(__NR_rt_sigaction, sig, (long)&sa, 0, sizeof(sigset64_t),
		  0, 0);
}

/* SIGALRM once, in ms milliseconds. */
static void alarm_in(long ms)
{
	struct itimerval it = { { 0, 0 }, { 0, ms * 1000 } };

	call3(__NR_setitimer, ITIMER_REAL, (long)&it, 0);
}

static sigset64_t procmask(int how, sigset64_t set)
{
	sigset64_t old = 0;

	__syscall(__NR_rt_sigprocmask, how, (long)&set, (long)&old,
		  sizeof(sigset64_t), 0, 0);
	return old;
}

static bool new_pipe(int fds[2])
{
	return call3(__NR_pipe, (long)fds, 0, 0) == 0;
}

static void readiness(int p[2])
{
	struct timeval zero = { 0, 0 }, tv = { 0, 200000 };
	unsigned long in[SET_WORDS] = { 1UL << p[0] };

	check(ready(p[1], true, &zero) == 1 && ready(p[0], false, &zero) == 0,
	      "an empty pipe: the write end ready, the read end not");
	check(select5(p[0] + 1, in, NULL, NULL, &tv) == 0 && !in[0] &&
	      tv.tv_sec == 0 && tv.tv_usec == 0,
	      "a timeout: 0, the set cleared, the time left 0 written back");
	write(p[1], "x", 1);
	check(ready(p[0], false, &zero) == 1,
	      "a byte in the pipe: the read end ready");
	in[0] = 1UL << p[0];
	check(select5(p[0], in, NULL, NULL, &zero) == 0 && !in[0],
	      "a bit at n is not looked at, and comes back clear");
	in[0] = 1UL << p[0];
	check(select5(8 * sizeof(in), in, NULL, NULL, &zero) == 1 &&
	      in[0] == 1UL << p[0],
	      "n of a whole fd_set: the descriptors open are asked");
	read(p[0], in, 1);
}

static void wakeups(int p[2])
{
	struct timeval tv = { 10, 0 }, longest = { 0x7fffffffL, 1000000 };
	unsigned long in[SET_WORDS] = { 1UL << p[0] };
	char c;
	int pid = fork(), status;
	long ret;

	if (!pid) {
		nap_ms(200);
		write(p[1], "y", 1);
		exit(0);
	}
	ret = select5(p[0] + 1, in, NULL, NULL, NULL);
	check(ret == 1 && in[0] == 1UL << p[0] && read(p[0], &c, 1) == 1,
	      "a child's write ends a wait with no timeout");
	waitpid(pid, &status, 0);
	pid = fork();
	if (!pid) {
		nap_ms(200);
		write(p[1], "z", 1);
		exit(0);
	}
	in[0] = 1UL << p[0];
	ret = select5(p[0] + 1, in, NULL, NULL, &tv);
	check(read(p[0], &c, 1) == 1 && ret == 1 && tv.tv_sec < 10 &&
	      (tv.tv_sec > 0 || tv.tv_usec > 0),
	      "a wait of 10 s a write ends: some time left written back");
	waitpid(pid, &status, 0);
	set_handler(SIGALRM, on_alarm);
	alarm_in(100);
	in[0] = 1UL << p[0];
	check(select5(p[0] + 1, in, NULL, NULL, NULL) == -EINTR &&
	      alarms == 1,
	      "a signal ends the wait: EINTR");
	alarm_in(100);
	in[0] = 1UL << p[0];
	check(select5(p[0] + 1, in, NULL, NULL, &longest) == -EINTR &&
	      alarms == 2 && longest.tv_sec >= 0x7ffffffeL,
	      "a time whose microseconds carry past LONG_MAX s: "
	      "most of it left");
}

static void errors(int p[2])
{
	struct timeval zero = { 0, 0 }, bad = { 0, -1 };
	unsigned long in[SET_WORDS] = { 1UL << 20 };

	check(select5(21, in, NULL, NULL, &zero) == -EBADF,
	      "a closed descriptor asked about: EBADF");
	in[0] = 1UL << p[0];
	check(select5(-1, in, NULL, NULL, &zero) == -EINVAL &&
	      select5(p[0] + 1, in, NULL, NULL, &bad) == -EINVAL,
	      "n below 0, a negative time: EINVAL");
	check(select5(p[0] + 1, (void *)NEVER_MAPPED, NULL, NULL, &zero) ==
	      -EFAULT &&
	      select5(p[0] + 1, in, NULL, NULL, (void *)NEVER_MAPPED) ==
	      -EFAULT,
	      "a set or a time that cannot be read: EFAULT");
}

static long pselect6(int n, unsigned long *in, void *ts, void *sig,
		     bool time64)
{
	return __syscall(time64 ? __NR_pselect6_time64 : __NR_pselect6, n,
			 (long)in, 0, 0, (long)ts, (long)sig);
}

static void pselects(int p[2])
{
	struct timespec ts = { 0, 100000000 }, bad = { 0, 1000000000 };
	struct __kernel_timespec ts64 = { 0, 100000000 };
	unsigned long in[SET_WORDS] = { 1UL << p[0] };
	sigset64_t empty = 0, alrm = 1ULL << (SIGALRM - 1), old;
	struct { sigset64_t *ss; unsigned long len; } sig = { &empty, 8 };

	check(pselect6(p[0] + 1, in, &ts, NULL, false) == 0 && !in[0] &&
	      ts.tv_sec == 0 && ts.tv_nsec == 0,
	      "pselect6: a timeout, 0 and the time left written back");
	in[0] = 1UL << p[0];
	check(pselect6(p[0] + 1, in, &ts64, NULL, true) == 0 && !in[0] &&
	      ts64.tv_sec == 0 && ts64.tv_nsec == 0,
	      "pselect6_time64: the same with a 64-bit timespec");
	check(pselect6(p[0] + 1, in, &bad, NULL, false) == -EINVAL,
	      "pselect6: a nanosecond count past a second: EINVAL");
	sig.len = 4;
	check(pselect6(p[0] + 1, in, NULL, &sig, false) == -EINVAL,
	      "pselect6: a mask size other than 8: EINVAL");
	check(pselect6(p[0] + 1, in, NULL, (void *)NEVER_MAPPED, false) ==
	      -EFAULT, "pselect6: a mask that cannot be read: EFAULT");
	sig.len = 8;
	old = procmask(SIG_BLOCK, alrm);
	alarms = 0;
	alarm_in(100);
	in[0] = 1UL << p[0];
	check(pselect6(p[0] + 1, in, NULL, &sig, false) == -EINTR &&
	      alarms == 1 && procmask(SIG_SETMASK, old) == (old | alrm),
	      "pselect6 lets a blocked SIGALRM in: EINTR, our mask back");
}

int main(int argc __unused, char **argv __unused)
{
	int p[2];

	if (!new_pipe(p)) {
		printf("selecttest: no pipe\n");
		return 1;
	}
	readiness(p);
	wakeups(p);
	errors(p);
	pselects(p);
	call3(__NR_close, p[1], 0, 0);
	check(ready(p[0], false, NULL) == 1,
	      "no writer left: the read end ready (end of file)");
	call3(__NR_close, p[0], 0, 0);
	if (new_pipe(p)) {
		call3(__NR_close, p[0], 0, 0);
		check(ready(p[1], true, NULL) == 1,
		      "no reader left: the write end ready (EPIPE to come)");
		call3(__NR_close, p[1], 0, 0);
	}
	printf("selecttest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
