/*
 * fdtest: the descriptor table, with raw system calls:
 *
 *   - open of /dev/null (reads end of file, writes swallowed),
 *     /dev/zero (reads zeros), fstat64 of them (character devices
 *     1:3 and 1:5), ioctl on them ENOTTY, O_CREAT|O_EXCL EEXIST;
 *   - a long read of /dev/zero gives all it asked for, and stops
 *     where the buffer's mapping ends;
 *   - the access mode: read on an O_WRONLY descriptor, write on an
 *     O_RDONLY one EBADF; F_GETFL gives the mode;
 *   - close, and again EBADF; dup takes the lowest free descriptor;
 *   - dup2 and dup3: to a free or a used descriptor, to itself, bad
 *     descriptors EBADF, dup3's same descriptor or bad flags EINVAL,
 *     O_CLOEXEC;
 *   - fcntl: F_DUPFD from a floor, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD,
 *     EMFILE at RLIMIT_NOFILE, EINVAL past it and for an unknown
 *     command, EBADF on a closed descriptor;
 *   - fork copies the table (the child's close leaves the parent's);
 *     CLONE_FILES shares it;
 *   - execve closes the close-on-exec descriptors, keeps the others,
 *     in a copy of a table it shares;
 *   - an access mode of 3 (neither read nor write), F_SETFL, mmap
 *     of a descriptor, the ioctls any descriptor takes;
 *   - the root directory: open for reading (for writing or O_CREAT
 *     EISDIR, a device with O_DIRECTORY ENOTDIR), read EISDIR,
 *     getdents64 gives "." and ".." as directories, in buffers of any
 *     size that holds a record (too small EINVAL), then 0 at the end,
 *     again after an lseek to 0; ENOTDIR on a device, EBADF on a
 *     closed descriptor.
 *
 * "fdtest console" is for a scenario that types two bytes and Enter
 * (the console is canonical): a readv of a console descriptor that
 * another thread closes (and opens /dev/zero at) meanwhile reads both
 * from the console, as the call holds the file it started on; the rest
 * of the line dropped (TCFLSH), O_NONBLOCK reads nothing but EAGAIN.
 *
 * The program runs itself through argv[0] (as exectest does).  Linux
 * agrees with every check (tests/scenarios/native.py runs it there).
 * Prints a line per check and exits with the number failed.
 */
#include "user/lib/libc.h"

#define NEVER_MAPPED	0x1000

static int failures;

static void check(bool ok, const char *what)
{
	printf("fdtest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long call3(long nr, long a, long b, long c)
{
	return __syscall(nr, a, b, c, 0, 0, 0);
}

static long open_dev(const char *path, int flags)
{
	return call3(__NR_open, (long)path, flags, 0);
}

static long fcntl(int fd, int cmd, long arg)
{
	return call3(__NR_fcntl64, fd, cmd, arg);
}

static long close(int fd)
{
	return call3(__NR_close, fd, 0, 0);
}

/* The st_mode and st_rdev fstat64 gives fd, or 0. */
static bool stat_is(int fd, unsigned mode, unsigned rdev)
{
	unsigned char st[96];
	unsigned m, r;

	if (call3(__NR_fstat64, fd, (long)st, 0))
		return false;
	memcpy(&m, st + 16, 4);
	memcpy(&r, st + 32, 4);
	return m == mode && r == rdev;
}

static void devices(void)
{
	char buf[100];
	unsigned char tio[64];
	long null = open_dev("/dev/null", O_RDWR);
	long zero = open_dev("/dev/zero", O_RDONLY);
	bool zeros = true;

	memset(buf, 0xff, sizeof(buf));
	check(null >= 3 && read(null, buf, sizeof(buf)) == 0 &&
	      write(null, "hello", 5) == 5 && stat_is(null, 020666, 0x103) &&
	      call3(__NR_ioctl, null, TCGETS, (long)tio) == -ENOTTY,
	      "/dev/null: end of file, writes taken, 1:3, not a tty");
	check(zero >= 3 && read(zero, buf, sizeof(buf)) == sizeof(buf) &&
	      stat_is(zero, 020666, 0x105), "/dev/zero: reads zeros, 1:5");
	for (unsigned i = 0; i < sizeof(buf); i++)
		zeros &= !buf[i];
	check(zeros, "/dev/zero: every byte 0");
	check(open_dev("/dev/null", O_WRONLY | O_CREAT | O_EXCL) ==
	      -EEXIST && open_dev("/dev/nosuch", O_RDONLY) == -ENOENT,
	      "open: O_CREAT|O_EXCL of /dev/null EEXIST, no such device "
	      "ENOENT");
	check(write(zero, "x", 1) == -1 && errno == EBADF &&
	      (fcntl(zero, F_GETFL, 0) & O_ACCMODE) == O_RDONLY,
	      "write on O_RDONLY EBADF, F_GETFL O_RDONLY");
	close(zero);
	zero = open_dev("/dev/zero", O_WRONLY);
	check(read(zero, buf, 1) == -1 && errno == EBADF &&
	      (fcntl(zero, F_GETFL, 0) & O_ACCMODE) == O_WRONLY,
	      "read on O_WRONLY EBADF, F_GETFL O_WRONLY");
	check(close(zero) == 0 && close(zero) == -EBADF &&
	      close(-1) == -EBADF && close(null) == 0,
	      "close, twice EBADF, -1 EBADF");
}

/*
 * /dev/zero fills a buffer of many pages in one read (dd's bs=1M),
 * and a read that runs into an unmapped page gives what went before.
 */
static void long_zero_reads(void)
{
	enum { LEN = 64 * 1024 };
	long zero = open_dev("/dev/zero", O_RDONLY);
	char *buf = mmap(NULL, LEN, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	bool zeros = true;

	memset(buf, 0xff, LEN);
	check(read(zero, buf, LEN) == LEN, "/dev/zero: a 64 KiB read "
	      "gives 64 KiB");
	for (unsigned i = 0; i < LEN; i++)
		zeros &= !buf[i];
	check(zeros, "/dev/zero: all 64 KiB are 0");
	munmap(buf + LEN / 2, LEN / 2);
	check(read(zero, buf, LEN) == LEN / 2, "/dev/zero: a read into a "
	      "half-mapped buffer gives the mapped half");
	munmap(buf, LEN / 2);
	close(zero);
}

static void dups(void)
{
	long fd = open_dev("/dev/null", O_RDONLY);
	long d = call3(__NR_dup, fd, 0, 0);

	check(fd >= 3 && d > fd && close(fd) == 0 &&
	      call3(__NR_dup, d, 0, 0) == fd && call3(__NR_dup, 57, 0, 0) ==
	      -EBADF, "dup: the lowest free descriptor, closed EBADF");
	check(call3(__NR_dup2, fd, 20, 0) == 20 &&
	      call3(__NR_dup2, d, 20, 0) == 20 &&
	      call3(__NR_dup2, d, d, 0) == d &&
	      call3(__NR_dup2, 57, 57, 0) == -EBADF &&
	      call3(__NR_dup2, 57, 21, 0) == -EBADF &&
	      call3(__NR_dup2, d, -1, 0) == -EBADF &&
	      call3(__NR_dup2, d, 1 << 24, 0) == -EBADF &&
	      fcntl(20, F_GETFD, 0) == 0,
	      "dup2: over a used descriptor, to itself, bad ones EBADF");
	check(call3(__NR_dup3, d, d, 0) == -EINVAL &&
	      call3(__NR_dup3, d, 21, 0x40) == -EINVAL &&
	      call3(__NR_dup3, d, 21, O_CLOEXEC) == 21 &&
	      fcntl(21, F_GETFD, 0) == FD_CLOEXEC,
	      "dup3: same descriptor or bad flags EINVAL, O_CLOEXEC");
	close(20);
	close(21);
	close(d);
	close(fd);
}

static void fcntls(void)
{
	struct rlimit64 lim;
	long fd = open_dev("/dev/null", O_RDONLY | O_CLOEXEC);
	long a, b, top;

	check(fd >= 3 && fcntl(fd, F_GETFD, 0) == FD_CLOEXEC &&
	      fcntl(fd, F_SETFD, 0) == 0 && fcntl(fd, F_GETFD, 0) == 0 &&
	      fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 &&
	      fcntl(fd, F_GETFD, 0) == FD_CLOEXEC,
	      "O_CLOEXEC, F_GETFD and F_SETFD");
	a = fcntl(fd, F_DUPFD, 10);
	b = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	check(a >= 10 && b > a && fcntl(a, F_GETFD, 0) == 0 &&
	      fcntl(b, F_GETFD, 0) == FD_CLOEXEC && close(a) == 0 &&
	      fcntl(fd, F_DUPFD, 10) == a,
	      "F_DUPFD, F_DUPFD_CLOEXEC: lowest from the floor");
	__syscall(__NR_prlimit64, 0, RLIMIT_NOFILE, 0, (long)&lim, 0, 0);
	top = lim.rlim_cur - 1;
	check(lim.rlim_cur >= 32 && fcntl(fd, F_DUPFD, top) == top &&
	      fcntl(fd, F_DUPFD, top) == -EMFILE &&
	      fcntl(fd, F_DUPFD, top + 1) == -EINVAL &&
	      call3(__NR_dup2, fd, top + 1, 0) == -EBADF,
	      "at RLIMIT_NOFILE: EMFILE, past it EINVAL or EBADF");
	check(fcntl(fd, 9999, 0) == -EINVAL && fcntl(57, F_GETFD, 0) ==
	      -EBADF, "fcntl: unknown command EINVAL, closed EBADF");
	close(top);
	close(a);
	close(b);
	close(fd);
}

/* The child's status, or -1. */
static int exit_status(int pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status >> 8;
}

static void fork_copies(void)
{
	long fd = open_dev("/dev/null", O_RDONLY);
	int pid = fork();
	char c;

	if (pid == 0)
		exit(read(fd, &c, 1) == 0 && close(fd) == 0 ? 0 : 1);
	check(exit_status(pid) == 0 && fcntl(fd, F_GETFD, 0) == 0 &&
	      read(fd, &c, 1) == 0,
	      "fork: the child has the descriptor, its close is its own");
	close(fd);
}

static long opened_by_child;
static int to_close;

/* A child on our memory: opens /dev/null, closes to_close. */
static int open_and_close(void *arg __unused)
{
	opened_by_child = open_dev("/dev/null", O_RDONLY);
	return close(to_close) == 0 ? 0 : 1;
}

/* A child made with flags (on our memory) runs fn(arg): its exit
 * status, or -1. */
static int clone_child(unsigned long flags, int (*fn)(void *), void *arg)
{
	static char stack[16384] __attribute__((aligned(16)));

	return exit_status(clone_fn(flags | CLONE_VM | SIGCHLD,
				    stack + sizeof(stack), fn, arg,
				    NULL, NULL, NULL));
}

/*
 * CLONE_FILES shares the table: what the child opens and closes is
 * opened and closed for us, and the table outlives the child; without
 * it the child's table is a copy.
 */
static void clone_files(void)
{
	long fd = open_dev("/dev/null", O_RDONLY);
	bool shared, copied;

	to_close = fd;
	shared = fd >= 3 && clone_child(CLONE_FILES, open_and_close, NULL) == 0 &&
		 opened_by_child >= 3 &&
		 fcntl(opened_by_child, F_GETFD, 0) == 0 &&
		 fcntl(fd, F_GETFD, 0) == -EBADF;
	close(opened_by_child);
	fd = open_dev("/dev/null", O_RDONLY);
	to_close = fd;
	copied = clone_child(0, open_and_close, NULL) == 0 && opened_by_child >= 3 &&
		 fcntl(fd, F_GETFD, 0) == 0 &&
		 (opened_by_child == fd ||
		  fcntl(opened_by_child, F_GETFD, 0) == -EBADF);
	check(shared && copied,
	      "CLONE_FILES: the child's open and close are ours; "
	      "without it, its own");
	close(fd);
}

static char self[256];

/* "fdtest child KEPT GONE": KEPT open, GONE closed. */
static int exec_child(char **argv)
{
	int kept = argv[2][0] - 'a', gone = argv[3][0] - 'a';

	return fcntl(kept, F_GETFD, 0) == 0 &&
	       fcntl(gone, F_GETFD, 0) == -EBADF ? 0 : 1;
}

static int exec_self(void *argv)
{
	call3(__NR_execve, (long)self, (long)argv, 0);
	return 100;
}

/*
 * The child's execve closes what is close-on-exec, in a forked copy
 * of the table and in one it shares (CLONE_FILES): that it gets a
 * copy first (Linux 2.6's unshare_files), so ours stays as it was.
 */
static void exec_closes(void)
{
	long kept = open_dev("/dev/null", O_RDONLY);
	long gone = open_dev("/dev/null", O_RDONLY | O_CLOEXEC);
	char k[2] = { 'a' + kept, 0 }, g[2] = { 'a' + gone, 0 };
	char *argv[] = { self, "child", k, g, NULL };
	int pid = fork();

	if (pid == 0)
		exit(exec_self(argv));
	check(exit_status(pid) == 0,
	      "execve: close-on-exec closed, the others kept");
	check(clone_child(CLONE_FILES, exec_self, argv) == 0 &&
	      fcntl(gone, F_GETFD, 0) == FD_CLOEXEC,
	      "execve with a shared table: closes in a copy, ours kept");
	close(kept);
	close(gone);
}

/* Linux opens a mode of 3 for ioctls only: neither read nor write. */
static void mode_3(void)
{
	char byte;
	long fd = open_dev("/dev/null", O_ACCMODE);

	check(fd >= 3 && read(fd, &byte, 1) == -1 && errno == EBADF &&
	      write(fd, &byte, 1) == -1 && errno == EBADF,
	      "access mode 3: read and write EBADF");
	close(fd);
}

/* /dev/null and /dev/zero swallow a write without reading it, and
 * /dev/null's read is end of file at once: the buffer is not touched
 * (write_null, read_null); /dev/zero's read into it is EFAULT. */
static void unread_buffers(void)
{
	long null = open_dev("/dev/null", O_RDWR);
	long zero = open_dev("/dev/zero", O_RDWR);

	check(call3(__NR_write, null, NEVER_MAPPED, 10) == 10 &&
	      call3(__NR_write, zero, NEVER_MAPPED, 10) == 10 &&
	      call3(__NR_read, null, NEVER_MAPPED, 10) == 0 &&
	      call3(__NR_read, zero, NEVER_MAPPED, 10) == -EFAULT,
	      "/dev/null, /dev/zero: a buffer not mapped, not looked at");
	close(null);
	close(zero);
}

/* The ioctls of any descriptor (2.4.0's sys_ioctl does them before
 * the device's): FIOCLEX, FIONCLEX, FIONBIO. */
static void generic_ioctls(void)
{
	long fd = open_dev("/dev/null", O_RDONLY);
	int on = 1, off = 0;

	check(fd >= 3 && call3(__NR_ioctl, fd, FIOCLEX, 0) == 0 &&
	      fcntl(fd, F_GETFD, 0) == FD_CLOEXEC &&
	      call3(__NR_ioctl, fd, FIONCLEX, 0) == 0 &&
	      fcntl(fd, F_GETFD, 0) == 0 &&
	      call3(__NR_ioctl, fd, FIONBIO, (long)&on) == 0 &&
	      (fcntl(fd, F_GETFL, 0) & O_NONBLOCK) &&
	      call3(__NR_ioctl, fd, FIONBIO, (long)&off) == 0 &&
	      !(fcntl(fd, F_GETFL, 0) & O_NONBLOCK) &&
	      call3(__NR_ioctl, fd, FIONBIO, NEVER_MAPPED) == -EFAULT &&
	      call3(__NR_ioctl, 57, FIOCLEX, 0) == -EBADF,
	      "ioctl FIOCLEX, FIONCLEX, FIONBIO on /dev/null");
	close(fd);
}

/* F_SETFL changes O_APPEND and O_NONBLOCK, nothing else (setfl()). */
static void setfl(void)
{
	long fd = open_dev("/dev/null", O_RDONLY);
	long mask = O_ACCMODE | O_APPEND | O_NONBLOCK | O_CREAT;

	check(fd >= 3 && fcntl(fd, F_SETFL, O_WRONLY | O_APPEND |
				O_NONBLOCK | O_CREAT) == 0 &&
	      (fcntl(fd, F_GETFL, 0) & mask) == (O_APPEND | O_NONBLOCK) &&
	      fcntl(fd, F_SETFL, O_APPEND) == 0 &&
	      (fcntl(fd, F_GETFL, 0) & mask) == O_APPEND &&
	      fcntl(57, F_SETFL, 0) == -EBADF,
	      "F_SETFL: O_APPEND and O_NONBLOCK, not the access mode");
	close(fd);
}

static long mmap_fd(long fd, int flags)
{
	return __syscall(__NR_mmap2, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			 flags, fd, 0);
}

/* mmap of a descriptor: /dev/zero's private mapping is anonymous
 * memory (drivers/char/mem.c's mmap_zero); /dev/null has no mmap
 * (ENODEV); a closed descriptor EBADF, a write-only one EACCES. */
static void mmaps(void)
{
	long zero = open_dev("/dev/zero", O_RDONLY);
	long wzero = open_dev("/dev/zero", O_WRONLY);
	long null = open_dev("/dev/null", O_RDWR);
	long p = mmap_fd(zero, MAP_PRIVATE);
	bool mapped = (unsigned long)p < -4095UL;

	if (mapped) {
		mapped = !*(volatile char *)p;
		*(volatile char *)p = 1;
		munmap((void *)p, PAGE_SIZE);
	}
	check(mapped, "mmap of /dev/zero, MAP_PRIVATE: zeros, writable");
	check(mmap_fd(null, MAP_PRIVATE) == -ENODEV &&
	      mmap_fd(wzero, MAP_PRIVATE) == -EACCES &&
	      mmap_fd(57, MAP_PRIVATE) == -EBADF,
	      "mmap: /dev/null ENODEV, write-only EACCES, closed EBADF");
	close(zero);
	close(wzero);
	close(null);
}

static volatile int reading;
static char typed[3];
static long readv_result;

/* The other thread: one readv of two one-byte pieces from fd. */
static int readv_two(void *fd)
{
	struct iovec iov[2] = { { &typed[0], 1 }, { &typed[1], 1 } };

	reading = 1;
	readv_result = call3(__NR_readv, (long)fd, (long)iov, 2);
	return 0;
}

static int console_checks(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	long fd = open_dev("/dev/tty", O_RDONLY), again;
	int pid = clone_fn(CLONE_VM | CLONE_FILES | SIGCHLD,
			   stack + sizeof(stack), readv_two, (void *)fd,
			   NULL, NULL, NULL);

	while (pid > 0 && !reading)
		sched_yield();
	sched_yield();		/* it sleeps in the read: one CPU */
	close(fd);
	again = open_dev("/dev/zero", O_RDONLY);
	printf("fdtest: type two bytes\n");
	check(exit_status(pid) == 0 && again == fd && readv_result == 2 &&
	      typed[0] == 'a' && typed[1] == 'b',
	      "readv: a descriptor closed meanwhile: both bytes read");
	fd = open_dev("/dev/tty", O_RDONLY);
	check(call3(__NR_ioctl, fd, TCFLSH, TCIFLUSH) == 0 &&
	      fcntl(fd, F_SETFL, O_NONBLOCK) == 0 &&
	      call3(__NR_read, fd, (long)typed, 1) == -EAGAIN,
	      "O_NONBLOCK: no byte typed, EAGAIN");
	return failures;
}

/*
 * Reads the directory fd in buffers of `size` bytes: how many entries,
 * and whether "." and ".." were among them as DT_DIR; the last call's
 * result in *last.
 */
static int count_entries(int fd, unsigned long size, bool *dots,
			 long *last)
{
	static char buf[4096] __attribute__((aligned(8)));
	int entries = 0, found = 0;

	while ((*last = call3(__NR_getdents64, fd, (long)buf, size)) > 0) {
		for (long at = 0; at < *last;) {
			struct linux_dirent64 *d = (void *)(buf + at);

			if (d->d_type == DT_DIR && (!strcmp(d->d_name, ".") ||
						    !strcmp(d->d_name, "..")))
				found++;
			entries++;
			at += d->d_reclen;
		}
	}
	*dots = found == 2;
	return entries;
}

static void directories(void)
{
	int fd = open_dev("/", O_RDONLY | O_DIRECTORY), null;
	int whole, by_one, again;
	bool dots_whole, dots_by_one, dots_again;
	long last_whole, last_by_one, last_again, tiny, closed, rewound;
	char c;

	check(fd >= 0 && open_dev("/", O_WRONLY) == -EISDIR &&
	      open_dev("/", O_RDONLY | O_CREAT) == -EISDIR &&
	      open_dev("/dev/null", O_RDONLY | O_DIRECTORY) == -ENOTDIR &&
	      call3(__NR_read, fd, (long)&c, 1) == -EISDIR,
	      "the root opens for reading only, read EISDIR, O_DIRECTORY");
	tiny = call3(__NR_getdents64, fd, (long)&c, 1);
	whole = count_entries(fd, 4096, &dots_whole, &last_whole);
	rewound = call3(__NR_lseek, fd, 0, SEEK_SET);
	again = count_entries(fd, 4096, &dots_again, &last_again);
	close(fd);
	fd = open_dev("/", O_RDONLY | O_DIRECTORY);
	/* 64 bytes hold one record of a name of up to 44 characters */
	by_one = count_entries(fd, 64, &dots_by_one, &last_by_one);
	close(fd);
	check(tiny == -EINVAL && whole >= 2 && dots_whole && !last_whole &&
	      dots_by_one && by_one == whole,
	      "getdents64: . and .., in small buffers too, then 0");
	check(rewound == 0 && again == whole && dots_again && !last_again,
	      "lseek to 0 on the directory: the same entries again");
	closed = call3(__NR_getdents64, fd, (long)&c, 1);
	null = open_dev("/dev/null", O_RDONLY);
	check(call3(__NR_getdents64, null, (long)&c, 1) == -ENOTDIR &&
	      closed == -EBADF,
	      "getdents64: ENOTDIR on a device, EBADF on a closed one");
	close(null);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "child"))
		return exec_child(argv);
	if (argc == 2 && !strcmp(argv[1], "console"))
		return console_checks();
	strlcpy(self, argv[0], sizeof(self));
	devices();
	long_zero_reads();
	dups();
	fcntls();
	fork_copies();
	clone_files();
	exec_closes();
	mode_3();
	setfl();
	mmaps();
	unread_buffers();
	generic_ioctls();
	directories();
	printf("fdtest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
