/*
 * pipetest: pipes, with raw system calls:
 *
 *   - pipe gives the two lowest free descriptors, a read end
 *     (O_RDONLY) and a write end (O_WRONLY), each a FIFO to fstat,
 *     not a terminal; the wrong end is EBADF;
 *   - bytes come out in the order they went in, a read returning what
 *     is there; end of file once every write end is closed (a dup'd
 *     one too); a write with no reader left is EPIPE, and SIGPIPE
 *     kills a writer that does not ignore it; a write of 0 bytes is 0;
 *   - pipe2: O_CLOEXEC, O_NONBLOCK (an empty read and a full pipe's
 *     write EAGAIN, an empty pipe with no writer end of file), other
 *     flags EINVAL, a bad pointer EFAULT with no descriptor left open;
 *     F_SETFL's O_NONBLOCK on one end; neither end can seek (ESPIPE);
 *   - a megabyte from a child arrives whole and in order; writes of
 *     PIPE_BUF bytes or fewer from three writers never interleave;
 *   - a signal ends a blocked read (EINTR), or it starts again with
 *     SA_RESTART; a blocked write returns what it wrote;
 *   - a writer killed while it waits for room: what it wrote stays,
 *     in whole writes, then end of file; a reader killed while it
 *     waits: the writer then gets EPIPE;
 *   - a thread's close of a descriptor another thread sleeps reading
 *     leaves that read its file: a write still reaches it;
 *   - poll: an empty pipe's read end is not ready, its write end is;
 *     a timeout ends a wait with 0, a signal with EINTR; a write wakes
 *     a poll asleep on the read end; no writer left is POLLHUP, no reader POLLERR; a
 *     negative descriptor is skipped, a closed one POLLNVAL, too many
 *     EINVAL, a bad pointer EFAULT.
 *
 * "pipetest pump SIZE" sends SIZE bytes through a pipe from a child
 * and checks each (the memory-pressure scenario); "pipetest block
 * read|write" sleeps for ever in a pipe's read, or in a write to a
 * full one, until killed, "pipetest block close" beside its pipe,
 * closing the write end at SIGUSR1 (the kernel suite pipe).
 *
 * Linux agrees with every check (tests/scenarios/native.py runs it
 * there); no check depends on the pipe's size, which is a page here
 * and 64 KiB there.  Prints a line per check and exits with the
 * number failed.
 */
#include "user/lib/libc.h"

#define NEVER_MAPPED	((void *)0x1000)
#define S_IFMT		0170000
#define S_IFIFO		0010000
#define BIG		(1024 * 1024)

static int failures;
static volatile int alarms, alarm_writes_to = -1;

static void check(bool ok, const char *what)
{
	printf("pipetest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long call3(long nr, long a, long b, long c)
{
	return __syscall(nr, a, b, c, 0, 0, 0);
}

static long pipe2(int fd[2], int flags)
{
	return call3(__NR_pipe2, (long)fd, flags, 0);
}

static long pipe(int fd[2])
{
	return call3(__NR_pipe, (long)fd, 0, 0);
}

static long close(int fd)
{
	return call3(__NR_close, fd, 0, 0);
}

static long fcntl(int fd, int cmd, long arg)
{
	return call3(__NR_fcntl64, fd, cmd, arg);
}

static long rd(int fd, void *buf, unsigned long n)
{
	return call3(__NR_read, fd, (long)buf, n);
}

static long wr(int fd, const void *buf, unsigned long n)
{
	return call3(__NR_write, fd, (long)buf, n);
}

static long wait4(int pid, int *status)
{
	return __syscall(__NR_wait4, pid, (long)status, 0, 0, 0, 0);
}

static void set_handler(int sig, void (*handler)(int), unsigned long flags)
{
	struct k_sigaction sa = { handler, flags, NULL, 0 };

	__syscall(__NR_rt_sigaction, sig, (long)&sa, 0, sizeof(sigset64_t),
		  0, 0);
}

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };

	__syscall(__NR_nanosleep, (long)&t, 0, 0, 0, 0, 0);
}

/* fd's st_mode and st_ino (fstat64), or false. */
static bool stat_of(int fd, unsigned *mode, unsigned long long *ino)
{
	unsigned char st[96];

	if (call3(__NR_fstat64, fd, (long)st, 0))
		return false;
	memcpy(mode, st + 16, 4);
	memcpy(ino, st + 88, 8);
	return true;
}

/* The byte at offset i of a pump's stream: not periodic in 4096. */
static unsigned char pattern(unsigned long i)
{
	return (unsigned char)(i * 7 + i / 251);
}

/* Writes n bytes of the stream from offset `from` in pieces of odd
 * sizes; false if a write failed. */
static bool send(int fd, unsigned long from, unsigned long n)
{
	static unsigned char buf[5003];

	while (n) {
		unsigned long len = min(n, (unsigned long)(from % 3 ?
							   sizeof(buf) : 777));

		for (unsigned long i = 0; i < len; i++)
			buf[i] = pattern(from + i);
		if (wr(fd, buf, len) != (long)len)
			return false;
		from += len;
		n -= len;
	}
	return true;
}

/*
 * Reads to end of file, checking the stream: the bytes read, or -1 at
 * the first wrong one or a failed read.  The buffer is larger than
 * the pipe, so that a read sleeps part-filled while the writer waits
 * (a page of it may go to swap meanwhile, and the pipe's copy fault
 * it back in).
 */
static long receive(int fd)
{
	static unsigned char buf[256 * 1024];
	unsigned long got = 0;
	long n;

	while ((n = rd(fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)
			if (buf[i] != pattern(got + i))
				return -1;
		got += n;
	}
	return n ? -1 : (long)got;
}

/* A child writing `size` bytes of the stream into a new pipe, whose
 * read end the caller gets; the child's pid in *pid. */
static int start_pump(unsigned long size, int *pid)
{
	int fd[2];

	if (pipe(fd))
		return -1;
	*pid = fork();
	if (*pid == 0) {
		close(fd[0]);
		exit(send(fd[1], 0, size) ? 0 : 1);
	}
	close(fd[1]);
	return fd[0];
}

static int exit_code(int pid)
{
	int status = 0;

	if (wait4(pid, &status) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void ends(void)
{
	int fd[2], low = call3(__NR_dup, 0, 0, 0);
	unsigned mode_r = 0, mode_w = 0;
	unsigned long long ino_r = 0, ino_w = 1;
	unsigned char tio[64];
	char c;

	close(low);
	check(pipe(fd) == 0 && fd[0] == low && fd[1] == low + 1 &&
	      fcntl(fd[0], F_GETFL, 0) == O_RDONLY &&
	      fcntl(fd[1], F_GETFL, 0) == O_WRONLY &&
	      fcntl(fd[0], F_GETFD, 0) == 0,
	      "pipe: the two lowest free descriptors, O_RDONLY and O_WRONLY");
	check(stat_of(fd[0], &mode_r, &ino_r) &&
	      stat_of(fd[1], &mode_w, &ino_w) &&
	      (mode_r & S_IFMT) == S_IFIFO && mode_w == mode_r &&
	      ino_r == ino_w &&
	      call3(__NR_ioctl, fd[0], TCGETS, (long)tio) == -ENOTTY,
	      "fstat: both ends one FIFO, not a terminal");
	check(rd(fd[1], &c, 1) == -EBADF && wr(fd[0], "x", 1) == -EBADF,
	      "read of the write end, write of the read end: EBADF");
	close(fd[0]);
	close(fd[1]);
}

static void bytes_in_order(void)
{
	int fd[2], dup_w;
	char buf[100];
	long a, b, c;

	pipe(fd);
	a = wr(fd[1], "hello, ", 7);
	b = wr(fd[1], "pipe", 4);
	c = rd(fd[0], buf, sizeof(buf));
	check(a == 7 && b == 4 && c == 11 && !memcmp(buf, "hello, pipe", 11),
	      "bytes come out in order, a read takes what is there");
	dup_w = call3(__NR_dup, fd[1], 0, 0);
	close(fd[1]);
	a = wr(dup_w, "x", 1);
	b = rd(fd[0], buf, sizeof(buf));
	close(dup_w);
	c = rd(fd[0], buf, sizeof(buf));
	check(a == 1 && b == 1 && c == 0,
	      "end of file once every write end is closed, a dup'd one too");
	close(fd[0]);
}

static void no_reader(void)
{
	int fd[2], pid, status = 0;
	long ret, zero;

	pipe(fd);
	close(fd[0]);
	set_handler(SIGPIPE, SIG_IGN, 0);
	zero = wr(fd[1], "x", 0);
	ret = wr(fd[1], "x", 1);
	set_handler(SIGPIPE, SIG_DFL, 0);
	check(zero == 0 && ret == -EPIPE,
	      "no reader: EPIPE (SIGPIPE ignored), a write of 0 bytes 0");
	pid = fork();
	if (pid == 0) {
		wr(fd[1], "x", 1);
		exit(0);
	}
	wait4(pid, &status);
	close(fd[1]);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	      "no reader: SIGPIPE kills a writer that does not catch it");
}

static void pipe2_flags(void)
{
	int fd[2] = { -1, -1 }, before = call3(__NR_dup, 0, 0, 0);
	char buf[64];
	long full = 0, n;

	close(before);
	check(pipe2(fd, O_CLOEXEC) == 0 &&
	      fcntl(fd[0], F_GETFD, 0) == FD_CLOEXEC &&
	      fcntl(fd[1], F_GETFD, 0) == FD_CLOEXEC,
	      "pipe2: O_CLOEXEC on both ends");
	close(fd[0]);
	close(fd[1]);
	check(pipe2(fd, O_TRUNC) == -EINVAL && pipe2(fd, -1) == -EINVAL &&
	      pipe2(NEVER_MAPPED, 0) == -EFAULT &&
	      pipe(NEVER_MAPPED) == -EFAULT &&
	      call3(__NR_dup, 0, 0, 0) == before,
	      "pipe2: other flags EINVAL, a bad pointer EFAULT, nothing open");
	close(before);
	pipe2(fd, O_NONBLOCK);
	n = rd(fd[0], buf, sizeof(buf));
	while (wr(fd[1], buf, sizeof(buf)) == sizeof(buf))
		full += sizeof(buf);
	check(n == -EAGAIN && full >= 4096 && wr(fd[1], buf, 1) == -EAGAIN &&
	      fcntl(fd[1], F_GETFL, 0) == (O_WRONLY | O_NONBLOCK),
	      "O_NONBLOCK: an empty read, a full pipe's write EAGAIN");
	while ((n = rd(fd[0], buf, sizeof(buf))) > 0)
		full -= n;
	close(fd[1]);
	check(n == -EAGAIN && full == 0 && rd(fd[0], buf, 1) == 0,
	      "O_NONBLOCK: everything read back, then end of file");
	close(fd[0]);
	pipe(fd);
	check(fcntl(fd[0], F_SETFL, O_NONBLOCK) == 0 &&
	      rd(fd[0], buf, 1) == -EAGAIN &&
	      fcntl(fd[0], F_GETFL, 0) == (O_RDONLY | O_NONBLOCK) &&
	      fcntl(fd[1], F_GETFL, 0) == O_WRONLY &&
	      call3(__NR_lseek, fd[0], 0, SEEK_CUR) == -ESPIPE &&
	      call3(__NR_lseek, fd[1], 0, SEEK_CUR) == -ESPIPE,
	      "F_SETFL O_NONBLOCK on one end: EAGAIN; lseek ESPIPE");
	close(fd[0]);
	close(fd[1]);
}

static void a_megabyte(void)
{
	int pid, fd = start_pump(BIG, &pid);
	long got = receive(fd);

	close(fd);
	check(got == BIG && exit_code(pid) == 0,
	      "a megabyte from a child, in odd pieces, whole and in order");
}

/* Writer `c` of atomic(): `count` writes of `len` bytes of c. */
static void write_records(int fd, char c, unsigned long len, int count)
{
	static char buf[PIPE_BUF];

	memset(buf, c, len);
	for (int i = 0; i < count; i++)
		if (wr(fd, buf, len) != (long)len)
			exit(1);
	exit(0);
}

/* The length of writer c's records in atomic(): 0 for no writer. */
static unsigned long record_length(char c)
{
	return c == 'a' ? PIPE_BUF : c == 'b' ? 1000 : c == 'c' ? 2222 : 0;
}

/*
 * Three children write records of PIPE_BUF, 1000 and 2222 bytes at
 * once, and the parent reads in small pieces, so that the pipe is
 * seldom empty when a writer comes; the stream must be whole
 * records, each of one writer's byte.
 */
static void atomic(void)
{
	static char buf[700];
	int fd[2], pids[3], records = 0, codes = 0;
	unsigned long left = 0;
	char in = 0;
	bool whole = true;
	long n;

	pipe(fd);
	for (int i = 0; i < 3; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			write_records(fd[1], 'a' + i, record_length('a' + i),
				      100);
	}
	close(fd[1]);
	while ((n = rd(fd[0], buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++) {
			if (!left) {
				in = buf[i];
				left = record_length(in);
				records++;
			}
			whole = whole && left && buf[i] == in;
			left -= !!left;
		}
	}
	close(fd[0]);
	for (int i = 0; i < 3; i++)
		codes += exit_code(pids[i]) != 0;
	check(whole && !left && records == 300 && !codes,
	      "writes of PIPE_BUF bytes or fewer never interleave");
}

static void on_alarm(int sig __unused)
{
	if (++alarms == 2 && alarm_writes_to >= 0)
		wr(alarm_writes_to, "!", 1);
}

/* An interval timer of 20 ms on, or off. */
static void ticking(bool on)
{
	struct itimerval it = { { 0, on ? 20000 : 0 }, { 0, on ? 20000 : 0 } };

	__syscall(__NR_setitimer, ITIMER_REAL, (long)&it, 0, 0, 0, 0);
}

/*
 * A read of an empty pipe, under a timer's SIGALRMs.  Without
 * SA_RESTART the first one ends it; with SA_RESTART it starts again
 * until the second handler writes a byte, which it then returns.
 */
static void signals(void)
{
	static char big[BIG];
	int fd[2];
	char c = 0;
	long ret;

	pipe(fd);
	set_handler(SIGALRM, on_alarm, 0);
	alarms = 0;
	ticking(true);
	ret = rd(fd[0], &c, 1);
	ticking(false);
	check(ret == -EINTR && alarms >= 1,
	      "a signal ends a blocked read: EINTR without SA_RESTART");
	set_handler(SIGALRM, on_alarm, SA_RESTART);
	alarms = 0;
	alarm_writes_to = fd[1];
	ticking(true);
	ret = rd(fd[0], &c, 1);
	ticking(false);
	alarm_writes_to = -1;
	check(ret == 1 && c == '!' && alarms >= 2,
	      "with SA_RESTART the read starts again and gets the handler's byte");
	ticking(true);
	ret = wr(fd[1], big, sizeof(big));
	ticking(false);
	set_handler(SIGALRM, SIG_DFL, 0);
	check(ret > 0 && ret < BIG,
	      "a signal ends a blocked write: the bytes it wrote");
	close(fd[0]);
	close(fd[1]);
}

/*
 * A child writes 100-byte records until the pipe is full and it
 * sleeps; killed there, it leaves whole records, then end of file.
 */
static void killed_writer(void)
{
	static char buf[100];
	int fd[2], pid, status = 0, records = 0;
	bool whole = true;
	long n;

	pipe(fd);
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		for (int i = 0;; i++) {
			memset(buf, 'A' + i % 26, sizeof(buf));
			wr(fd[1], buf, sizeof(buf));
		}
	}
	close(fd[1]);
	nap_ms(200);		/* likely asleep by then; either way ... */
	kill(pid, SIGKILL);
	wait4(pid, &status);
	while ((n = rd(fd[0], buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)	/* records: reads may split */
			whole = whole && buf[i] == 'A' + records % 26;
		records += n == sizeof(buf);
		whole = whole && n == sizeof(buf);
	}
	close(fd[0]);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && whole &&
	      records > 0 && n == 0,
	      "a writer killed asleep: its whole writes stay, then end of file");
}

/* A child sleeps reading; killed, it leaves no reader: EPIPE. */
static void killed_reader(void)
{
	int fd[2], pid, status = 0;
	char c;
	long ret;

	pipe(fd);
	pid = fork();
	if (pid == 0) {
		close(fd[1]);
		rd(fd[0], &c, 1);
		exit(1);
	}
	close(fd[0]);
	nap_ms(100);
	kill(pid, SIGKILL);
	wait4(pid, &status);
	set_handler(SIGPIPE, SIG_IGN, 0);
	ret = wr(fd[1], "x", 1);
	set_handler(SIGPIPE, SIG_DFL, 0);
	close(fd[1]);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
	      ret == -EPIPE,
	      "a reader killed asleep: the writer then gets EPIPE");
}

#define THREAD_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
			 CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_CLEARTID)

static char stack[16384] __attribute__((aligned(16)));
static volatile int tid_word, thread_read;

/* A thread's read of one byte from *fd: the byte, or -errno. */
static int reading_thread(void *fd)
{
	unsigned char c;
	long n = rd(*(int *)fd, &c, 1);

	thread_read = n == 1 ? c : n;
	return 0;
}

/* Waits for the thread whose id is in tid_word to exit (its
 * CLONE_CHILD_CLEARTID wake); false after 10 s. */
static bool join(void)
{
	struct timespec limit = { 10, 0 };
	int v;

	while ((v = tid_word) != 0)
		if (__syscall(__NR_futex, (long)&tid_word, FUTEX_WAIT, v,
			      (long)&limit, 0, 0) == -ETIMEDOUT)
			return false;
	return true;
}

/*
 * A thread asleep reading a pipe keeps its file when another thread
 * closes the descriptor (the table is shared): a write then reaches
 * it, not EPIPE; once it has returned, no reader is left.  Tried again
 * later if the close came before the thread's read (EBADF).
 */
static void close_under_a_reader(void)
{
	long wrote = 0, after = 0, tid;
	int fd[2];
	bool joined = false;

	set_handler(SIGPIPE, SIG_IGN, 0);
	for (long ms = 50; ms <= 1600; ms *= 2) {
		pipe(fd);
		thread_read = 0;
		/* tid_word: the id (CLONE_PARENT_SETTID), 0 once it exits */
		tid = clone_fn(THREAD_FLAGS, stack + sizeof(stack),
			       reading_thread, &fd[0], (int *)&tid_word, NULL,
			       (int *)&tid_word);
		nap_ms(ms);
		close(fd[0]);
		wrote = wr(fd[1], "z", 1);
		joined = tid > 0 && join();
		after = wr(fd[1], "z", 1);
		close(fd[1]);
		if (thread_read != -EBADF)
			break;
	}
	set_handler(SIGPIPE, SIG_DFL, 0);
	check(joined && wrote == 1 && thread_read == 'z' && after == -EPIPE,
	      "a reader asleep keeps its file when another thread closes it");
}

/* pipetest pump SIZE: SIZE bytes through a pipe, each checked. */
static long poll(struct pollfd *fds, unsigned long n, long ms)
{
	return call3(__NR_poll, (long)fds, n, ms);
}

static void polled(void)
{
	struct pollfd p[2];
	int fd[2], hold[2], pid;
	struct itimerval watchdog = { { 0, 0 }, { 5, 0 } };
	long ready, timed_out, interrupted, woken;
	char c;

	pipe(fd);
	/* each end asked what it is for: 2.4.0's pipe_poll answers both
	 * ends alike, an empty pipe POLLOUT, later Linux by end */
	p[0] = (struct pollfd){ fd[0], POLLIN, -1 };
	p[1] = (struct pollfd){ fd[1], POLLOUT, -1 };
	ready = poll(p, 2, 0);
	check(ready == 1 && p[0].revents == 0 && p[1].revents == POLLOUT,
	      "poll: an empty pipe's read end waits, its write end is ready");
	timed_out = poll(p, 1, 30);
	set_handler(SIGALRM, on_alarm, 0);
	ticking(true);
	interrupted = poll(p, 1, -1);
	ticking(false);
	/* the writer stays until the poll is over, so its exit (and
	 * SIGCHLD) cannot be what ends the poll */
	pipe(hold);
	pid = fork();
	if (pid == 0) {
		close(hold[1]);
		nap_ms(50);
		ready = wr(fd[1], "w", 1);
		exit(ready != 1 || rd(hold[0], &c, 1) != 0);
	}
	close(hold[0]);
	/* a watchdog: a lost wake-up ends at its SIGALRM after 5 s
	 * (which counts in alarms), not in a hang */
	alarms = 0;
	__syscall(__NR_setitimer, ITIMER_REAL, (long)&watchdog, 0, 0, 0, 0);
	woken = poll(p, 1, -1);
	ticking(false);
	set_handler(SIGALRM, SIG_DFL, 0);
	close(hold[1]);
	check(timed_out == 0 && interrupted == -EINTR,
	      "poll: a timeout gives 0, a signal EINTR");
	check(woken == 1 && p[0].revents == POLLIN && !alarms &&
	      rd(fd[0], &c, 1) == 1 && c == 'w' && exit_code(pid) == 0,
	      "poll: a write wakes a poll asleep on the read end");
	close(fd[1]);
	ready = poll(p, 1, 0);
	check(ready == 1 && p[0].revents == POLLHUP,
	      "poll: the read end with no writer left: POLLHUP");
	pipe(fd);
	close(fd[0]);
	p[0] = (struct pollfd){ fd[1], POLLOUT, 0 };
	ready = poll(p, 1, 0);
	check(ready == 1 && p[0].revents == (POLLOUT | POLLERR),
	      "poll: the write end with no reader left: POLLERR");
	close(fd[1]);
	p[0] = (struct pollfd){ -1, POLLIN, -1 };
	p[1] = (struct pollfd){ fd[1], POLLIN, -1 };
	ready = poll(p, 2, 0);
	check(ready == 1 && p[0].revents == 0 && p[1].revents == POLLNVAL &&
	      poll(p, 1 << 20, 0) == -EINVAL &&
	      poll(NEVER_MAPPED, 1, 0) == -EFAULT,
	      "poll: fd -1 skipped, a closed one POLLNVAL, EINVAL, EFAULT");
}

static int pump(const char *arg)
{
	uint64_t size;
	int pid, fd;
	long got;

	if (memparse(arg, &size) || !size || size > 0x7fffffff) {
		printf("pipetest: bad size %s\n", arg);
		return 2;
	}
	fd = start_pump(size, &pid);
	got = receive(fd);
	if (got != (long)size || exit_code(pid) != 0) {
		printf("pipetest: pump: FAILED after %ld bytes\n", got);
		return 1;
	}
	printf("pipetest: pump: %lu KiB verified\n", (unsigned long)(size >> 10));
	return 0;
}

static int block_fd[2];

static void close_write_end(int sig __unused)
{
	close(block_fd[1]);
}

/* pipetest block read|write|close: asleep in a pipe until killed; or,
 * for close, asleep beside it, closing its write end at SIGUSR1. */
static int block(const char *how)
{
	static char buf[PIPE_BUF];

	set_handler(SIGUSR1, close_write_end, 0);
	if (pipe(block_fd))
		return 2;
	if (!strcmp(how, "read"))
		rd(block_fd[0], buf, 1);
	else if (!strcmp(how, "write"))
		for (;;)
			wr(block_fd[1], buf, sizeof(buf));
	else
		for (;;)
			nap_ms(1000);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "pump"))
		return pump(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "block"))
		return block(argv[2]);
	ends();
	bytes_in_order();
	no_reader();
	pipe2_flags();
	a_megabyte();
	atomic();
	signals();
	killed_writer();
	killed_reader();
	close_under_a_reader();
	polled();
	printf("pipetest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
