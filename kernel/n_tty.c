/*
 * The console's line discipline, Linux 2.4.0's drivers/char/n_tty.c
 * for the one terminal Pagoda has (struct tty_struct, kernel/tty.h).
 *
 * Each byte from the serial interrupt goes through n_tty_receive_char:
 * input translation (IGNCR, ICRNL, INLCR), signals (ISIG: VINTR is
 * SIGINT, VQUIT SIGQUIT and VSUSP SIGTSTP to the foreground group),
 * in canonical
 * mode (ICANON) line editing (VERASE, VWERASE, VKILL, VLNEXT,
 * VREPRINT; VEOF, VEOL, VEOL2 and '\n' end a line), and echo (ECHO,
 * ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL), all at the time the byte
 * arrives, as in 2.4.0.  n_tty_read hands a canonical reader one line
 * at a time, a non-canonical one bytes as VMIN and VTIME say.
 * n_tty_write sends a program's output with OPOST's translation.
 *
 * VSTART and VSTOP are kept in c_cc but have no action here: the
 * console's output is never stopped (see the README's departures).
 */
#include "kernel/console.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/tty.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "mm/mm.h"
#include "lib/ctype.h"
#include "lib/string.h"

#define BUF_MASK	(N_TTY_BUF_SIZE - 1)
/* The byte a VEOF leaves in the buffer: it ends the line, no reader
 * gets it (2.4.0's __DISABLED_CHAR). */
#define DISABLED_CHAR	'\0'

#define I_FLAG(tty, f)	((tty)->termios.c_iflag & (f))
#define O_FLAG(tty, f)	((tty)->termios.c_oflag & (f))
#define L_FLAG(tty, f)	((tty)->termios.c_lflag & (f))

/* Is c the special character c_cc[v]?  0 there disables it. */
static bool is_char(const struct tty_struct *tty, unsigned char c, int v)
{
	unsigned char cc = tty->termios.c_cc[v];

	return cc != DISABLED_CHAR && c == cc;
}

static void set_eol(struct tty_struct *tty, unsigned int i)
{
	tty->read_eol[i / 8] |= 1 << (i % 8);
}

static bool test_and_clear_eol(struct tty_struct *tty, unsigned int i)
{
	bool eol = tty->read_eol[i / 8] & (1 << (i % 8));

	tty->read_eol[i / 8] &= ~(1 << (i % 8));
	return eol;
}

/* 2.4.0's put_tty_queue: a byte that does not fit is dropped. */
static void put_tty_queue(struct tty_struct *tty, unsigned char c)
{
	if (tty->read_cnt >= N_TTY_BUF_SIZE)
		return;
	tty->read_buf[tty->read_head] = c;
	tty->read_head = (tty->read_head + 1) & BUF_MASK;
	tty->read_cnt++;
}

/*
 * Empties the input (2.4.0's n_tty_flush_buffer): TCFLSH, TCSETSF,
 * and a signal key without NOFLSH.  Interrupts are off around it.
 * The buffer is emptied where its head is (2.4.0's reset_buffer_flags
 * puts it back at 0): a signal key in the type-ahead n_tty_hand_over
 * takes again in place must not move its writes ahead of its reads.
 */
void n_tty_flush_buffer(struct tty_struct *tty)
{
	uint32_t flags = local_irq_save();

	tty->read_tail = tty->canon_head = tty->read_head;
	tty->read_cnt = tty->canon_data = 0;
	memset(tty->read_eol, 0, sizeof(tty->read_eol));
	tty->lnext = false;
	local_irq_restore(flags);
}

/*
 * One output byte with OPOST's translation (2.4.0's opost): '\n' as
 * "\r\n" with ONLCR, '\r' as '\n' with OCRNL or dropped at column 0
 * with ONOCR; column follows the cursor for erasing a tab.
 */
static void opost(struct tty_struct *tty, unsigned char c)
{
	if (O_FLAG(tty, OPOST)) {
		switch (c) {
		case '\n':
			if (O_FLAG(tty, ONLRET))
				tty->column = 0;
			if (O_FLAG(tty, ONLCR)) {
				console_putc('\r');
				tty->column = 0;
			}
			tty->canon_column = tty->column;
			break;
		case '\r':
			if (O_FLAG(tty, ONOCR) && tty->column == 0)
				return;
			if (O_FLAG(tty, OCRNL)) {
				c = '\n';
				if (O_FLAG(tty, ONLRET))
					tty->canon_column = tty->column = 0;
				break;
			}
			tty->canon_column = tty->column = 0;
			break;
		case '\t':
			tty->column = (tty->column | 7) + 1;
			break;
		case '\b':
			if (tty->column > 0)
				tty->column--;
			break;
		default:
			if (!iscntrl(c))
				tty->column++;
		}
	}
	console_putc(c);
}

/* A program's output (2.4.0's write_chan and opost_block). */
void n_tty_write(struct tty_struct *tty, const char *buf, size_t n)
{
	uint32_t flags = local_irq_save();

	for (size_t i = 0; i < n; i++)
		opost(tty, buf[i]);
	local_irq_restore(flags);
}

/* Echoes c, a control character as ^X with ECHOCTL (echo_char). */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	if (L_FLAG(tty, ECHOCTL) && iscntrl(c) && c != '\t') {
		console_putc('^');
		console_putc(c ^ 0100);
		tty->column += 2;
	} else {
		opost(tty, c);
	}
}

/* Echoes c as a character of the line, noting where the line began. */
static void echo_input(struct tty_struct *tty, unsigned char c)
{
	if (tty->canon_head == tty->read_head)
		tty->canon_column = tty->column;
	echo_char(tty, c);
}

/* Moves the cursor back over the last character of the line, c. */
static void rub_out(struct tty_struct *tty, unsigned char c)
{
	unsigned int col = tty->canon_column;
	int cells = 1;

	if (c == '\t') {
		/* the tab's width: where the line before it ends */
		for (unsigned int i = tty->canon_head; i != tty->read_head;
		     i = (i + 1) & BUF_MASK) {
			unsigned char k = tty->read_buf[i];

			if (k == '\t')
				col = (col | 7) + 1;
			else if (!iscntrl(k))
				col++;
			else if (L_FLAG(tty, ECHOCTL))
				col += 2;
		}
		while (tty->column > col) {
			console_putc('\b');
			tty->column--;
		}
		return;
	}
	if (iscntrl(c))
		cells = L_FLAG(tty, ECHOCTL) ? 2 : 0;
	while (cells--) {
		console_putc('\b');
		console_putc(' ');
		console_putc('\b');
		if (tty->column > 0)
			tty->column--;
	}
}

/*
 * VERASE, VWERASE and VKILL in canonical mode (2.4.0's eraser): take
 * back the line's last character, word (letters, digits and '_', and
 * what follows them) or all of it, and wipe them from the screen (with
 * ECHOE; else the erase key is echoed; a kill without ECHOKE echoes
 * the key and, with ECHOK, a newline).
 */
static void eraser(struct tty_struct *tty, unsigned char c)
{
	enum { ERASE, WERASE, KILL } kind = KILL;
	int seen_alnums = 0;

	if (tty->read_head == tty->canon_head)
		return;
	if (is_char(tty, c, VERASE))
		kind = ERASE;
	else if (is_char(tty, c, VWERASE))
		kind = WERASE;
	if (kind == KILL && (!L_FLAG(tty, ECHO) || !L_FLAG(tty, ECHOK) ||
			     !L_FLAG(tty, ECHOKE) || !L_FLAG(tty, ECHOE))) {
		tty->read_cnt -= (tty->read_head - tty->canon_head) & BUF_MASK;
		tty->read_head = tty->canon_head;
		if (L_FLAG(tty, ECHO)) {
			echo_char(tty, c);
			if (L_FLAG(tty, ECHOK))
				opost(tty, '\n');
		}
		return;
	}
	while (tty->read_head != tty->canon_head) {
		unsigned int head = (tty->read_head - 1) & BUF_MASK;
		unsigned char k = tty->read_buf[head];

		if (kind == WERASE) {
			if (isalnum(k) || k == '_')
				seen_alnums++;
			else if (seen_alnums)
				break;
		}
		tty->read_head = head;
		tty->read_cnt--;
		if (L_FLAG(tty, ECHO)) {
			if (kind == ERASE && !L_FLAG(tty, ECHOE))
				echo_char(tty, c);
			else
				rub_out(tty, k);
		}
		if (kind == ERASE)
			break;
	}
}

/*
 * A signal key with ISIG (2.4.0's isig): sig to the foreground group,
 * and what was typed is dropped unless NOFLSH.  The key is echoed as
 * Linux 2.6.25 does (2.4.0 echoes nothing), and a newline after it,
 * so that what the shell prints next starts a line.
 */
static void isig(struct tty_struct *tty, int sig, unsigned char c)
{
	if (tty->pgrp > 0)
		kill_pg(tty->pgrp, sig);
	if (!L_FLAG(tty, NOFLSH))
		n_tty_flush_buffer(tty);
	if (L_FLAG(tty, ECHO)) {
		echo_char(tty, c);
		opost(tty, '\n');
	}
}

/* A byte that ends a line: readers in canonical mode may have it.
 * None when the buffer is full, lest the mark fall on a byte queued. */
static void end_line(struct tty_struct *tty, unsigned char c)
{
	if (tty->read_cnt >= N_TTY_BUF_SIZE)
		return;
	set_eol(tty, tty->read_head);
	put_tty_queue(tty, c);
	tty->canon_head = tty->read_head;
	tty->canon_data++;
}

/*
 * The keys canonical mode edits with (2.4.0's n_tty_receive_char,
 * under tty->icanon): whether c was one of them.
 */
static bool receive_canon(struct tty_struct *tty, unsigned char c)
{
	bool iexten = L_FLAG(tty, IEXTEN), echo = L_FLAG(tty, ECHO);

	if (is_char(tty, c, VERASE) || is_char(tty, c, VKILL) ||
	    (iexten && is_char(tty, c, VWERASE))) {
		eraser(tty, c);
	} else if (iexten && is_char(tty, c, VLNEXT)) {
		tty->lnext = true;
		if (echo && L_FLAG(tty, ECHOCTL)) {
			console_putc('^');
			console_putc('\b');
		}
	} else if (iexten && echo && is_char(tty, c, VREPRINT)) {
		echo_char(tty, c);
		opost(tty, '\n');
		for (unsigned int i = tty->canon_head; i != tty->read_head;
		     i = (i + 1) & BUF_MASK)
			echo_char(tty, tty->read_buf[i]);
	} else if (c == '\n') {
		if (echo || L_FLAG(tty, ECHONL))
			opost(tty, '\n');
		end_line(tty, c);
	} else if (is_char(tty, c, VEOF)) {
		end_line(tty, DISABLED_CHAR);
	} else if (is_char(tty, c, VEOL) ||
		   (iexten && is_char(tty, c, VEOL2))) {
		if (echo)
			echo_input(tty, c);
		end_line(tty, c);
	} else {
		return false;
	}
	return true;
}

/*
 * The read buffer, a page (2.4.0's n_tty_open and alloc_buf), when
 * init takes the console: until then what is typed is dropped, as
 * n_tty_receive_buf drops it without a buffer.  Kept out of the
 * kernel image, whose end stays below 2 MiB, the end of the first
 * order-9 block (scenario compaction.swapon_compacts_for_its_swap_map
 * failed with a static buffer there: the image took its second one).
 */
int n_tty_open(struct tty_struct *tty)
{
	unsigned long page = __get_free_page(GFP_KERNEL);

	if (!page)
		return -ENOMEM;
	tty->read_buf = (unsigned char *)page;
	return 0;
}

/*
 * One byte from the serial line, in its interrupt (2.4.0's
 * n_tty_receive_char).  A full buffer drops the byte and, with ECHO,
 * rings the bell, as 2.4.0 does; its last place is kept for a line's
 * end, with or without ECHO (2.4.0 kept it only when echoing, and a
 * full line typed unechoed could then never end).
 */
void n_tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	if (!tty->read_buf)
		return;
	if (tty->lnext) {
		tty->lnext = false;
	} else {
		if (c == '\r') {
			if (I_FLAG(tty, IGNCR))
				return;
			if (I_FLAG(tty, ICRNL))
				c = '\n';
		} else if (c == '\n' && I_FLAG(tty, INLCR)) {
			c = '\r';
		}
		if (L_FLAG(tty, ISIG) && is_char(tty, c, VINTR)) {
			isig(tty, SIGINT, c);
			return;
		}
		if (L_FLAG(tty, ISIG) && is_char(tty, c, VQUIT)) {
			isig(tty, SIGQUIT, c);
			return;
		}
		if (L_FLAG(tty, ISIG) && is_char(tty, c, VSUSP)) {
			isig(tty, SIGTSTP, c);
			return;
		}
		if (L_FLAG(tty, ICANON) && receive_canon(tty, c))
			goto wake;
	}
	if (tty->read_cnt >= N_TTY_BUF_SIZE - 1 &&
	    (L_FLAG(tty, ECHO) || L_FLAG(tty, ICANON))) {
		if (L_FLAG(tty, ECHO))
			console_putc('\a');
		return;
	}
	if (L_FLAG(tty, ECHO)) {
		if (c == '\n')
			opost(tty, '\n');
		else
			echo_input(tty, c);
	}
	put_tty_queue(tty, c);
wake:
	wake_up_interruptible(&tty->read_wait);
}

/* Whether a read would find something (2.4.0's input_available_p):
 * a whole line in canonical mode, else a byte. */
bool n_tty_input_available(struct tty_struct *tty)
{
	return L_FLAG(tty, ICANON) ? tty->canon_data > 0 : tty->read_cnt > 0;
}

/* Takes one byte from the buffer: whether it ended a line. */
static bool take_byte(struct tty_struct *tty, unsigned char *c)
{
	bool eol = test_and_clear_eol(tty, tty->read_tail);

	*c = tty->read_buf[tty->read_tail];
	tty->read_tail = (tty->read_tail + 1) & BUF_MASK;
	tty->read_cnt--;
	if (eol && tty->canon_data)
		tty->canon_data--;
	return eol;
}

/*
 * Copies into buf (at most nr) what one pass of read_chan takes: in
 * canonical mode up to the end of the line, whose VEOF is not copied;
 * else what is there.  Interrupts are off.
 */
static size_t take_input(struct tty_struct *tty, char *buf, size_t nr)
{
	size_t got = 0;
	unsigned char c;

	while (got < nr && tty->read_cnt) {
		bool eol = take_byte(tty, &c);

		if (!L_FLAG(tty, ICANON) || !eol || c != DISABLED_CHAR)
			buf[got++] = c;
		if (eol && L_FLAG(tty, ICANON))
			break;
	}
	return got;
}

/*
 * Reads into buf (a kernel buffer) as 2.4.0's read_chan does.  In
 * canonical mode one line, or the part of it that fits; 0 for a VEOF
 * at the start of a line.  Else with c_cc's VMIN and VTIME (tenths of
 * a second): MIN bytes, the wait for each after the first ended by
 * TIME (MIN > 0, TIME > 0) or not (TIME 0); or what is there, waiting
 * up to TIME for a first byte and then 0 (MIN 0).  -EAGAIN if nothing
 * is there and nonblock; -ERESTARTSYS if a signal comes first.
 */
long n_tty_read(struct tty_struct *tty, char *buf, size_t nr, bool nonblock)
{
	DECLARE_WAITQUEUE(wait, current);
	long timeout = MAX_SCHEDULE_TIMEOUT, time = 0, ret = 0;
	size_t minimum = 0, got = 0;
	uint32_t flags;

	if (!L_FLAG(tty, ICANON)) {
		time = HZ / 10 * tty->termios.c_cc[VTIME];
		minimum = tty->termios.c_cc[VMIN];
		if (!minimum) {
			timeout = time;
			time = 0;
			minimum = 1;
		}
	}
	while (got < nr) {
		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		if (!n_tty_input_available(tty)) {
			if (!timeout)
				break;
			if (nonblock) {
				ret = -EAGAIN;
				break;
			}
			if (signal_pending(current)) {
				ret = -ERESTARTSYS;
				break;
			}
			timeout = schedule_timeout(timeout);
			continue;
		}
		flags = local_irq_save();
		got += take_input(tty, buf + got, nr - got);
		local_irq_restore(flags);
		if (got >= minimum)
			break;
		if (time)
			timeout = time;
	}
	finish_wait(&tty->read_wait, &wait);
	return got ? (long)got : ret;
}

/*
 * New settings (2.4.0's change_termios and n_tty_set_termios).  When
 * ICANON changes, what is typed and not read is made one line if
 * canonical mode begins (so that no byte waits behind a stale line
 * start), as Linux 3.12's n_tty_set_termios does; 2.4.0 left
 * canon_head where it was, and an erase could then run past the
 * reader.
 */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *t)
{
	uint32_t flags = local_irq_save();
	bool canon_change = (tty->termios.c_lflag ^ t->c_lflag) & ICANON;

	tty->termios = *t;
	if (canon_change) {
		memset(tty->read_eol, 0, sizeof(tty->read_eol));
		tty->canon_head = tty->read_head;
		tty->canon_data = 0;
		if ((t->c_lflag & ICANON) && tty->read_cnt) {
			set_eol(tty, (tty->read_head - 1) & BUF_MASK);
			tty->canon_data = 1;
		}
	}
	local_irq_restore(flags);
	wake_up_interruptible(&tty->read_wait);
}

/*
 * The kernel shell gives a program the console with settings t: what
 * was typed ahead at the shell's prompt, after the command's Enter, is
 * taken again under t, as if typed now (echoed, edited into lines),
 * since under the shell's raw settings nothing of it was done.  It is
 * taken again in place: the buffer is emptied at its tail, and each
 * byte is read before the one it becomes is written (taking a byte
 * again queues at most one).  2.4.0 has no such helper: there a
 * shell's own tcsetattr leaves type-ahead as it was received.
 */
void n_tty_hand_over(struct tty_struct *tty, const struct termios *t)
{
	uint32_t flags = local_irq_save();
	unsigned int from = tty->read_tail, n = tty->read_cnt;

	tty->read_head = tty->canon_head = tty->read_tail;
	tty->read_cnt = tty->canon_data = 0;
	memset(tty->read_eol, 0, sizeof(tty->read_eol));
	tty->termios = *t;
	for (unsigned int i = 0; i < n; i++)
		n_tty_receive_char(tty, tty->read_buf[(from + i) & BUF_MASK]);
	local_irq_restore(flags);
	wake_up_interruptible(&tty->read_wait);
}
