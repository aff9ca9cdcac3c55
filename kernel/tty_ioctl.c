/*
 * ioctl on the console (2.4.0's fs/ioctl.c and drivers/char/
 * tty_ioctl.c, for the requests a C library and a shell ask of a
 * terminal):
 *
 *   TCGETS      its settings (struct termios), which isatty() and
 *               tcgetattr() read (kernel/tty_io.c has the first ones);
 *   TCSETS      tcsetattr() changes them, kept for the console until
 *   TCSETSW     changed again (kernel/n_tty.c acts on them); TCSETSW
 *   TCSETSF     waits for output to be sent (it always is: the same),
 *               TCSETSF also drops what was typed and not read;
 *   TCFLSH      tcflush(): TCIFLUSH and TCIOFLUSH drop the input,
 *               TCOFLUSH has nothing to drop; else EINVAL;
 *   TCXONC      tcflow(): TCIOFF and TCION send VSTOP and VSTART;
 *               TCOON is done (output is never stopped); TCOOFF is
 *               EINVAL, as Pagoda cannot stop its console's output
 *               (the kernel's messages must go out);
 *   TIOCGWINSZ  its size: 80 columns by 24 rows (a serial line
 *   TIOCSWINSZ  cannot tell; Linux's default for a console too) until
 *               set; a change sends SIGWINCH to the foreground group;
 *   TIOCGPGRP   tcgetpgrp() and tcsetpgrp(): its foreground process
 *   TIOCSPGRP   group, which Ctrl-C and Ctrl-\ signal (kernel/tty_io.c).
 *
 * A descriptor not open is EBADF, one on /dev/null or /dev/zero
 * ENOTTY (so isatty() says no); other requests ENOTTY, as Linux
 * answers a request the tty does not know.  A bad pointer is EFAULT,
 * and nothing changed.
 *
 * Before the device, any descriptor takes the requests of 2.4.0's
 * fs/ioctl.c: FIOCLEX and FIONCLEX (close-on-exec, as F_SETFD sets
 * it) and FIONBIO (O_NONBLOCK from an int, as F_SETFL sets it).
 */
#include "kernel/console.h"
#include "kernel/file.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/tty.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

/* TCSETS, TCSETSW, TCSETSF (2.4.0's set_termios); from a background
 * group, SIGTTOU first (tty_check_change), as for TCFLSH and TCXONC. */
static long set_termios(struct tty_struct *tty, const void *arg,
			bool flush)
{
	struct termios t;
	long ret = tty_check_change(tty);

	if (ret)
		return ret;
	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	if (flush)
		n_tty_flush_buffer(tty);
	n_tty_set_termios(tty, &t);
	return 0;
}

/* TIOCSWINSZ (2.4.0's tiocswinsz): a new size, told to the
 * foreground group by SIGWINCH. */
static long tiocswinsz(struct tty_struct *tty, const void *arg)
{
	struct winsize ws;

	if (copy_from_user(&ws, arg, sizeof(ws)))
		return -EFAULT;
	if (!memcmp(&ws, &tty->winsize, sizeof(ws)))
		return 0;
	tty->winsize = ws;
	if (tty->pgrp > 0)
		kill_pg(tty->pgrp, SIGWINCH);
	return 0;
}

/* TCFLSH: arg says which queue. */
static long tcflsh(struct tty_struct *tty, unsigned long arg)
{
	switch (arg) {
	case TCIFLUSH:
	case TCIOFLUSH:
		n_tty_flush_buffer(tty);
		return 0;
	case TCOFLUSH:
		return 0;	/* output is sent as it is written */
	}
	return -EINVAL;
}

/* TCXONC: tell the other end to stop or start sending (TCIOFF,
 * TCION), or start output, which is never stopped (TCOON). */
static long tcxonc(struct tty_struct *tty, unsigned long arg)
{
	unsigned char c;

	switch (arg) {
	case TCOON:
		return 0;
	case TCIOFF:
	case TCION:
		c = tty->termios.c_cc[arg == TCIOFF ? VSTOP : VSTART];
		if (c)
			n_tty_write(tty, (const char *)&c, 1);
		return 0;
	}
	return -EINVAL;
}

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

/* The console's requests (2.4.0's tty_ioctl and n_tty_ioctl). */
static long tty_ioctl(struct tty_struct *tty, unsigned int cmd, void *arg)
{
	switch (cmd) {
	case TCGETS:
		return copy_to_user(arg, &tty->termios,
				    sizeof(tty->termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, arg, cmd == TCSETSF);
	case TCFLSH:
	case TCXONC: {
		long ret = tty_check_change(tty);

		if (ret)
			return ret;
		return cmd == TCFLSH ? tcflsh(tty, (unsigned long)arg) :
				       tcxonc(tty, (unsigned long)arg);
	}
	case TIOCGWINSZ:
		return copy_to_user(arg, &tty->winsize,
				    sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return tiocswinsz(tty, arg);
	case TIOCGPGRP:
		return tiocgpgrp(tty, arg);
	case TIOCSPGRP:
		return tiocspgrp(tty, arg);
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
	return f->f_op->is_tty ? tty_ioctl(&console_tty, cmd, arg) : -ENOTTY;
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
