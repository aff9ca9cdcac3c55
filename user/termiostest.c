/*
 * termiostest: the terminal's settings, on descriptor 0 (a terminal:
 * Pagoda's console, or a pseudo-terminal on Linux), with raw ioctl
 * calls.  Someone types what it asks for ("termiostest: type ..."):
 * tests/scenarios/terminal.py does, under Pagoda and on the host.
 *
 *   - TCGETS: a terminal starts canonical and echoing (ICANON, ECHO,
 *     ICRNL, ISIG), VMIN 1; TCSETS's settings come back from TCGETS;
 *   - non-canonical, VMIN 0 and VTIME 0: a read with nothing typed is
 *     0 at once; VTIME 2: 0 after the wait;
 *   - VMIN 3, echo off: "abc" typed comes in one read, not echoed;
 *   - VMIN 1, VTIME 0, O_NONBLOCK: nothing typed is EAGAIN;
 *   - TCSETSF drops what was typed and not read;
 *   - back to canonical: a line typed with an erase in it is read
 *     as edited, "\r" as "\n"; a Ctrl-D alone is end of file;
 *   - TIOCSWINSZ's size comes back from TIOCGWINSZ;
 *   - a bad pointer EFAULT, an unknown request ENOTTY, a bad TCFLSH
 *     or TCXONC argument EINVAL.
 *
 * Prints a line per check and exits with the number failed; the
 * settings it found are put back before it exits.  "termiostest line"
 * reads one line as the terminal gives it and prints its bytes in hex.
 */
#include "user/lib/libc.h"

#define NEVER_MAPPED	0x1000

static int failures;

static void check(bool ok, const char *what)
{
	printf("termiostest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long tty_ioctl(unsigned int cmd, long arg)
{
	return __syscall(__NR_ioctl, 0, cmd, arg, 0, 0, 0);
}

static long get(struct termios *t)
{
	return tty_ioctl(TCGETS, (long)t);
}

static long set(unsigned int how, const struct termios *t)
{
	return tty_ioctl(how, (long)t);
}

/* Non-canonical, echo off, with VMIN and VTIME. */
static struct termios raw(const struct termios *from, int min, int time)
{
	struct termios t = *from;

	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = min;
	t.c_cc[VTIME] = time;
	return t;
}

static long read0(char *buf, unsigned long n)
{
	return __syscall(__NR_read, 0, (long)buf, n, 0, 0, 0);
}

static long setfl(long flags)
{
	return __syscall(__NR_fcntl, 0, F_SETFL, flags, 0, 0, 0);
}

/* Waits up to 20 s for input on 0: whether some came. */
static bool input_comes(void)
{
	struct pollfd p = { .fd = 0, .events = POLLIN };

	return __syscall(__NR_poll, (long)&p, 1, 20000, 0, 0, 0) == 1;
}

static void settings(struct termios *saved)
{
	struct termios t, back;

	check(!get(saved) && (saved->c_lflag & (ICANON | ECHO | ISIG)) ==
	      (ICANON | ECHO | ISIG) && (saved->c_iflag & ICRNL) &&
	      saved->c_cc[VMIN] == 1,
	      "TCGETS: canonical, echo, ICRNL, ISIG, VMIN 1");
	t = raw(saved, 0, 0);
	check(!set(TCSETS, &t) && !get(&back) &&
	      back.c_lflag == t.c_lflag && back.c_iflag == t.c_iflag &&
	      back.c_oflag == t.c_oflag && back.c_cc[VMIN] == 0 &&
	      back.c_cc[VTIME] == 0 && back.c_cc[VINTR] == t.c_cc[VINTR],
	      "TCSETS: the settings come back from TCGETS");
}

static void raw_reads(const struct termios *saved)
{
	struct termios t = raw(saved, 0, 2);
	char buf[8] = "";
	long n;

	check(read0(buf, sizeof(buf)) == 0,
	      "VMIN 0, VTIME 0: nothing typed reads 0 at once");
	check(!set(TCSETSW, &t) && read0(buf, sizeof(buf)) == 0,
	      "VMIN 0, VTIME 2: nothing typed reads 0 after the wait");
	t = raw(saved, 3, 0);
	set(TCSETS, &t);
	printf("termiostest: type abc\n");
	n = read0(buf, sizeof(buf));
	check(n == 3 && !memcmp(buf, "abc", 3),
	      "VMIN 3: the three bytes typed in one read");
	t = raw(saved, 1, 0);
	set(TCSETS, &t);
	setfl(O_NONBLOCK);
	n = read0(buf, 1);
	check(n == -EAGAIN, "O_NONBLOCK, nothing typed: EAGAIN");
	setfl(0);
	printf("termiostest: type junk\n");
	t = raw(saved, 0, 0);
	check(input_comes() && !set(TCSETSF, &t) &&
	      read0(buf, sizeof(buf)) == 0,
	      "TCSETSF: what was typed is dropped");
}

static void canonical(const struct termios *saved)
{
	char buf[32] = "";
	long n;

	set(TCSETS, saved);
	printf("termiostest: type a line\n");
	n = read0(buf, sizeof(buf));
	check(n == 4 && !memcmp(buf, "xyw\n", 4),
	      "canonical: the line as edited, Enter as \\n");
	printf("termiostest: type Ctrl-D\n");
	check(read0(buf, sizeof(buf)) == 0, "canonical: Ctrl-D is end of file");
}

static void window_and_errors(void)
{
	struct winsize was, ws = { .ws_row = 30, .ws_col = 100 }, back;

	check(!tty_ioctl(TIOCGWINSZ, (long)&was) &&
	      !tty_ioctl(TIOCSWINSZ, (long)&ws) &&
	      !tty_ioctl(TIOCGWINSZ, (long)&back) && back.ws_row == 30 &&
	      back.ws_col == 100 && !tty_ioctl(TIOCSWINSZ, (long)&was),
	      "TIOCSWINSZ: the size comes back from TIOCGWINSZ");
	check(tty_ioctl(TCGETS, NEVER_MAPPED) == -EFAULT &&
	      tty_ioctl(TCSETS, NEVER_MAPPED) == -EFAULT &&
	      tty_ioctl(TIOCGWINSZ, NEVER_MAPPED) == -EFAULT &&
	      tty_ioctl(TIOCSWINSZ, NEVER_MAPPED) == -EFAULT,
	      "bad pointers: EFAULT");
	check(tty_ioctl(0x54ff, 0) == -ENOTTY,
	      "an unknown request: ENOTTY");
	check(tty_ioctl(TCFLSH, 7) == -EINVAL &&
	      tty_ioctl(TCXONC, 7) == -EINVAL && !tty_ioctl(TCFLSH, TCIFLUSH),
	      "TCFLSH, TCXONC: a bad argument EINVAL");
}

/* "termiostest line": one read, its bytes in hex. */
static int print_line(void)
{
	unsigned char buf[32];
	long n = read0((char *)buf, sizeof(buf));

	printf("termiostest: line ");
	for (long i = 0; i < n; i++)
		printf("%02x", buf[i]);
	printf("\n");
	return n < 0;
}

int main(int argc, char **argv)
{
	struct termios saved;

	if (argc == 2 && !strcmp(argv[1], "line"))
		return print_line();

	settings(&saved);
	raw_reads(&saved);
	canonical(&saved);
	window_and_errors();
	set(TCSETS, &saved);
	if (!failures)
		printf("termiostest: all checks passed\n");
	return failures;
}
