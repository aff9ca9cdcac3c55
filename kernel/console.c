/*
 * The console: output goes to the serial port and the VGA mirror;
 * input comes from the serial port's interrupt through the line
 * discipline (kernel/n_tty.c), read by the shell (console_getc) and by
 * user programs (read() on descriptor 0, console_read).  Readers sleep
 * on the tty's read_wait, and so does a poll() of the console
 * (console_poll).  Ctrl-C, Ctrl-\ and Ctrl-Z are n_tty's (ISIG).
 *
 * cprintf() is for what a command or test prints for its user; it is
 * never filtered.  Kernel log messages go through printk() instead.
 */
#include "kernel/console.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "kernel/abi.h"
#include "kernel/exit.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/tty.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "lib/vsprintf.h"


void console_init(void)
{
	serial_init();
	vga_init();
}

void console_write(const char *s, size_t n)
{
	uint32_t flags = local_irq_save();

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
		vga_putc(s[i]);
	}
	local_irq_restore(flags);
}

/* One byte out as it is, for n_tty (its echo and OPOST's output). */
void console_putc(char c)
{
	serial_putc(c);
	vga_putc(c);
}

/* The console's foreground process group is now pgrp (the shell's
 * run, tcsetpgrp). */
void console_set_pgrp(int pgrp)
{
	console_tty.pgrp = pgrp;
}

/* Called from the serial interrupt: a byte typed, for n_tty. */
void console_input(char c)
{
	n_tty_receive_char(&console_tty, c);
}

/* Writable always, readable while a read would find something (a line
 * in canonical mode); poll() wakes with the input (n_tty's
 * normal_poll). */
unsigned int console_poll(struct file *f, struct poll_table *pt)
{
	poll_wait(f, &console_tty.read_wait, pt);
	return POLLOUT | POLLWRNORM |
	       (console_has_input() ? POLLIN | POLLRDNORM : 0);
}

/* May current read the console: its group the foreground, or the
 * console not its controlling terminal? */
static bool in_foreground(void)
{
	const struct task_struct *me = current->group_leader;

	return me->tty != &console_tty || me->pgrp == console_tty.pgrp;
}

/*
 * n_tty's job_control(), before a program's read: a process of the
 * console's session outside its foreground group may not read it.
 * As in 2.4.0 its group is sent SIGTTIN, and the read starts again
 * once that is dealt with (-ERESTARTSYS): a handler runs, or by
 * default the process stops until a SIGCONT, which a shell's fg sends
 * once it has given the group the console.  With SIGTTIN ignored or
 * blocked, or in an orphaned group (whose stop nobody would end),
 * -EIO, as in 2.4.0.
 */
long console_job_control(void)
{
	int pgrp = current->group_leader->pgrp;

	if (in_foreground())
		return 0;
	if (signal_ignored_or_blocked(SIGTTIN) || is_orphaned_pgrp(pgrp))
		return -EIO;
	kill_pg(pgrp, SIGTTIN);
	return -ERESTARTSYS;
}

/*
 * Reads up to n bytes into buf, a kernel buffer, as the console's
 * settings say (n_tty_read); -EAGAIN if nothing is there and nonblock
 * says not to wait (O_NONBLOCK: n_tty_read's answer, given where the
 * bytes are taken, since a reader whose buffer faulted in may find
 * that another took the byte it saw).  -ERESTARTSYS if a signal comes
 * first (read is started again after a handler with SA_RESTART).
 */
long console_read(char *buf, size_t n, bool nonblock)
{
	return n_tty_read(&console_tty, buf, n, nonblock);
}

/*
 * Waits for the next input byte.  A task sleeps until the serial IRQ
 * queues one; with interrupts off (a panic) it polls the UART.
 */
int console_getc(void)
{
	char c;

	if (!irqs_enabled()) {
		int p;

		while ((p = serial_poll_getc()) < 0)
			;
		return p;
	}
	while (console_read(&c, 1, false) != 1)
		;
	return (unsigned char)c;
}

/* True if a read would find input (for commands that stop on a key,
 * which the shell runs with its own settings: a byte). */
bool console_has_input(void)
{
	return n_tty_input_available(&console_tty);
}

int vcprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
}

int cprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vcprintf(fmt, ap);
	va_end(ap);
	return n;
}
