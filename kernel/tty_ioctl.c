/*
 * ioctl on the console (2.4.0's fs/ioctl.c and drivers/char/
 * tty_ioctl.c, for the requests a C library and a shell ask of a
 * terminal):
 *
 *   TCGETS      its termios, which glibc's isatty() and tcgetattr()
 *               read: Pagoda's console as it is, raw input with no
 *               echo but for Enter's "\r" read as "\n" (ICRNL), and
 *               ISIG (Ctrl-C is SIGINT, Ctrl-\ SIGQUIT), output with
 *               "\n" sent as "\r\n" (OPOST, ONLCR), 115200 8N1;
 *   TIOCGWINSZ  its size: 80 columns by 24 rows (a serial line
 *               cannot tell; Linux's default for a console too);
 *   TIOCGPGRP   tcgetpgrp() and tcsetpgrp(): its foreground process
 *   TIOCSPGRP   group, which Ctrl-C and Ctrl-\ signal (kernel/tty_io.c).
 *
 * A descriptor not open is EBADF, one on /dev/null or /dev/zero
 * ENOTTY (so isatty() says no); other requests ENOTTY, as Linux answers a request the tty does not know
 * (TCSETS among them: the console's settings cannot change).
 *
 * Before the device, any descriptor takes the requests of 2.4.0's
 * fs/ioctl.c: FIOCLEX and FIONCLEX (close-on-exec, as F_SETFD sets
 * it) and FIONBIO (O_NONBLOCK from an int, as F_SETFL sets it).
 */
#include "kernel/file.h"
#include "kernel/syscalls.h"
#include "kernel/tty.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

static const struct termios console_termios = {
	.c_iflag = ICRNL,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B115200 | CS8 | CREAD | CLOCAL,
	.c_lflag = ISIG,
	/* Ctrl-C, Ctrl-\; a byte a read */
	.c_cc = { [VINTR] = 3, [VQUIT] = 0x1c, [VMIN] = 1 },
};

static const struct winsize console_winsize = { .ws_row = 24, .ws_col = 80 };

/* FIONBIO: *arg, an int, says whether f is to be O_NONBLOCK. */
static long set_nonblock(struct file *f, const int *arg)
{
	int on;

	if (copy_from_user(&on, arg, sizeof(on)))
		return -EFAULT;
	if (on)
		f->f_flags |= O_NONBLOCK;
	else
		f->f_flags &= ~O_NONBLOCK;
	return 0;
}

/* The console's requests (2.4.0's tty_ioctl, of n_tty's termios). */
static long tty_ioctl(unsigned int cmd, void *arg)
{
	switch (cmd) {
	case TCGETS:
		return copy_to_user(arg, &console_termios,
				    sizeof(console_termios)) ? -EFAULT : 0;
	case TIOCGWINSZ:
		return copy_to_user(arg, &console_winsize,
				    sizeof(console_winsize)) ? -EFAULT : 0;
	case TIOCGPGRP:
		return tiocgpgrp(&console_tty, arg);
	case TIOCSPGRP:
		return tiocspgrp(&console_tty, arg);
	}
	return -ENOTTY;
}

static long do_ioctl(int fd, struct file *f, unsigned int cmd, void *arg)
{
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		set_close_on_exec(fd, cmd == FIOCLEX);
		return 0;
	case FIONBIO:
		return set_nonblock(f, arg);
	}
	return f->f_op->is_tty ? tty_ioctl(cmd, arg) : -ENOTTY;
}

/* The file is held (fget): FIONBIO's read of *arg may sleep. */
long sys_ioctl(int fd, unsigned int cmd, void *arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_ioctl(fd, f, cmd, arg);
	fput(f);
	return ret;
}
