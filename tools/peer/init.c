/*
 * The /init of the peer benchmark's initramfs (tools/bench_peer.py): it
 * lets Debian's Linux 686 kernel run the very memhog binary Pagoda runs,
 * on the same QEMU machine, and report the same counters.
 *
 *   1. mount /proc and /dev (devtmpfs), open /dev/console as 0, 1, 2;
 *   2. load the virtio-blk modules named in /modules.order, in order;
 *   3. wait for /dev/vda and swapon it;
 *   4. print "peer: start", run /memhog with init's own arguments (what
 *      follows "--" on the kernel command line), print "peer: end STATUS";
 *   5. print /proc/vmstat's swap and fault counters before and after
 *      the run, power off.
 *
 * There is no libc for i686 on the build machine, so this file makes its
 * own system calls (Linux i386 numbers, int 0x80) and is built with
 * -nostdlib -static.  Any failure prints "peer: error ..." and powers off:
 * the host script then reports it.
 */

#define SYS_exit		1
#define SYS_fork		2
#define SYS_read		3
#define SYS_write		4
#define SYS_open		5
#define SYS_close		6
#define SYS_waitpid		7
#define SYS_execve		11
#define SYS_mount		21
#define SYS_dup2		63
#define SYS_swapon		87
#define SYS_reboot		88
#define SYS_nanosleep		162
#define SYS_finit_module	350

#define O_RDONLY	0
#define O_RDWR		2

static long sys3(long nr, long a, long b, long c)
{
	long ret;

	asm volatile("int $0x80" : "=a"(ret)
		     : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

static long sys5(long nr, long a, long b, long c, long d, long e)
{
	long ret;

	asm volatile("int $0x80" : "=a"(ret)
		     : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
		     : "memory");
	return ret;
}

static unsigned long length(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void say(const char *s)
{
	sys3(SYS_write, 1, (long)s, length(s));
}

static void say_number(long value)
{
	char buf[24], *p = buf + sizeof(buf) - 1;
	int negative = value < 0;
	unsigned long v = negative ? -value : value;

	*p = '\0';
	do
		*--p = '0' + v % 10;
	while (v /= 10);
	if (negative)
		*--p = '-';
	say(p);
}

static void power_off(void)
{
	/* LINUX_REBOOT_MAGIC1, MAGIC2, LINUX_REBOOT_CMD_POWER_OFF */
	sys3(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc);
	for (;;)
		;
}

static void fail(const char *what, long err)
{
	say("peer: error ");
	say(what);
	say(": ");
	say_number(err);
	say("\n");
	power_off();
}

static void pause_ms(long ms)
{
	long ts[2] = { ms / 1000, (ms % 1000) * 1000000 };

	sys3(SYS_nanosleep, (long)ts, 0, 0);
}

/* Read a whole small file into buf (NUL-terminated); its length or -errno. */
static long slurp(const char *path, char *buf, long size)
{
	long fd = sys3(SYS_open, (long)path, O_RDONLY, 0), got = 0, n;

	if (fd < 0)
		return fd;
	while (got < size - 1 &&
	       (n = sys3(SYS_read, fd, (long)buf + got, size - 1 - got)) > 0)
		got += n;
	sys3(SYS_close, fd, 0, 0);
	buf[got] = '\0';
	return got;
}

static void load_modules(void)
{
	static char order[1024];
	char *name = order;

	if (slurp("/modules.order", order, sizeof(order)) < 0)
		fail("reading /modules.order", -1);
	for (char *p = order; *p; p++) {
		if (*p != '\n')
			continue;
		*p = '\0';
		long fd = sys3(SYS_open, (long)name, O_RDONLY, 0);
		long err = fd < 0 ? fd : sys3(SYS_finit_module, fd, (long)"", 0);

		if (err < 0 && err != -17)	/* -EEXIST: built in */
			fail(name, err);
		sys3(SYS_close, fd, 0, 0);
		name = p + 1;
	}
}

static void swap_on_vda(void)
{
	long err = -1;

	/* The virtio driver probes the disk asynchronously. */
	for (int tries = 0; tries < 100 && err < 0; tries++) {
		err = sys3(SYS_swapon, (long)"/dev/vda", 0, 0);
		if (err < 0)
			pause_ms(50);
	}
	if (err < 0)
		fail("swapon /dev/vda", err);
}

/*
 * Print the lines of /proc/vmstat that the Pagoda side reports too, as
 * "peer: vmstat WHEN NAME VALUE" (WHEN is before or after).
 */
static void print_counters(const char *when)
{
	static const char *const names[] = {
		"pswpin ", "pswpout ", "pgmajfault ", "pgfault ",
	};
	static char text[16384];
	char *line = text;

	if (slurp("/proc/vmstat", text, sizeof(text)) < 0)
		fail("reading /proc/vmstat", -1);
	for (char *p = text; *p; p++) {
		if (*p != '\n')
			continue;
		*p = '\0';
		for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			const char *n = names[i];
			unsigned long k = 0;

			while (n[k] && line[k] == n[k])
				k++;
			if (!n[k]) {
				say("peer: vmstat ");
				say(when);
				say(" ");
				say(line);
				say("\n");
			}
		}
		line = p + 1;
	}
}

static void run_memhog(char **argv, char **envp)
{
	long pid, status = 0;

	argv[0] = "/memhog";
	say("peer: start\n");
	pid = sys3(SYS_fork, 0, 0, 0);
	if (pid == 0) {
		sys3(SYS_execve, (long)"/memhog", (long)argv, (long)envp);
		sys3(SYS_exit, 127, 0, 0);
	}
	if (pid < 0)
		fail("fork", pid);
	if (sys3(SYS_waitpid, pid, (long)&status, 0) < 0)
		fail("waitpid", -1);
	say("peer: end ");
	say_number(status);
	say("\n");
}

void init_main(int argc, char **argv, char **envp)
{
	long fd;

	(void)argc;
	sys5(SYS_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0);
	sys5(SYS_mount, (long)"devtmpfs", (long)"/dev", (long)"devtmpfs", 0, 0);
	fd = sys3(SYS_open, (long)"/dev/console", O_RDWR, 0);
	if (fd >= 0) {
		for (int i = 0; i < 3; i++)
			sys3(SYS_dup2, fd, i, 0);
	}
	load_modules();
	swap_on_vda();
	print_counters("before");
	run_memhog(argv, envp);
	print_counters("after");
	say("peer: done\n");
	power_off();
}

/* The kernel starts init with argc, argv[], envp[] on the stack. */
asm(".globl _start\n"
    "_start:\n"
    "	mov (%esp), %eax\n"
    "	lea 4(%esp), %ebx\n"
    "	lea 8(%esp,%eax,4), %ecx\n"
    "	and $-16, %esp\n"
    "	push %ecx\n"
    "	push %ebx\n"
    "	push %eax\n"
    "	call init_main\n");
