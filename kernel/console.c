/*
 * The console: output goes to the serial port and the VGA mirror;
 * input comes from the serial port's interrupt through a small queue,
 * read by the shell (console_getc) and by user programs (read() on
 * descriptor 0, console_read).  Readers sleep on input_wait, and so does a
 * poll() of the console (console_poll).
 *
 * Ctrl-C and Ctrl-\ send SIGINT and SIGQUIT to the console's
 * foreground process group (kernel/tty_io.c), as 2.4.0's n_tty does
 * (isig), and are not queued; when no process of that group takes
 * the signal (the kernel shell's own group, at its prompt) the byte
 * is input like any other.  Ctrl-Z sends SIGTSTP so (n_tty's VSUSP).
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

/* What was typed and not read yet: n_tty's read buffer size in 2.4.0
 * (N_TTY_BUF_SIZE), so that a whole shell line (255 characters and its
 * Enter) fits even when it arrives faster than the shell takes it. */
#define INPUT_QUEUE	4096
#define CTRL_C		0x03
#define CTRL_BACKSLASH	0x1c
#define CTRL_Z		0x1a

static char input[INPUT_QUEUE];
static unsigned in_head, in_tail;	/* free-running indices */
static DECLARE_WAIT_QUEUE_HEAD(input_wait);

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

/* The console's foreground process group is now pgrp (the shell's
 * run, tcsetpgrp). */
void console_set_pgrp(int pgrp)
{
	console_tty.pgrp = pgrp;
}

/* n_tty's isig: sig to the foreground group; whether a process took it. */
static bool isig(int sig)
{
	return console_tty.pgrp > 0 && !kill_pg(console_tty.pgrp, sig);
}

/* Called from the serial interrupt: queue one byte; like 2.4.0's
 * put_tty_queue, drop it if the queue is full. */
void console_input(char c)
{
	if ((c == CTRL_C && isig(SIGINT)) ||
	    (c == CTRL_BACKSLASH && isig(SIGQUIT)) ||
	    (c == CTRL_Z && isig(SIGTSTP))) {
		console_write(c == CTRL_C ? "^C\n" :
			      c == CTRL_Z ? "^Z\n" : "^\\\n", 3);
		return;
	}
	if (in_head - in_tail < INPUT_QUEUE)
		input[in_head++ % INPUT_QUEUE] = c;
	wake_up_interruptible(&input_wait);
}

static bool input_ready(void)
{
	return in_head != in_tail;
}

/* Writable always, readable while a byte is queued; poll() wakes with
 * the next byte (n_tty's normal_poll). */
unsigned int console_poll(struct file *f, struct poll_table *pt)
{
	poll_wait(f, &input_wait, pt);
	return POLLOUT | POLLWRNORM | (input_ready() ? POLLIN | POLLRDNORM : 0);
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
 * Takes up to n queued bytes, at least one, sleeping until there is
 * one; or -EAGAIN if none is queued and nonblock says not to wait
 * (O_NONBLOCK: n_tty_read's answer, given where the bytes are taken,
 * since a reader whose buffer faulted in may find that another took
 * the byte it saw).  -ERESTARTSYS if a signal comes first (n_tty_read's
 * answer: read is started again after a handler with SA_RESTART).
 */
long console_read(char *buf, size_t n, bool nonblock)
{
	uint32_t flags;
	size_t got = 0;

	if (nonblock && !input_ready())
		return -EAGAIN;
	if (wait_event_interruptible(input_wait, input_ready()))
		return -ERESTARTSYS;
	flags = local_irq_save();
	while (got < n && input_ready())
		buf[got++] = input[in_tail++ % INPUT_QUEUE];
	local_irq_restore(flags);
	return got;
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

/* True if a byte is waiting (for commands that stop on a key). */
bool console_has_input(void)
{
	return in_head != in_tail;
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
