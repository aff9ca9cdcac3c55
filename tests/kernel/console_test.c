/*
 * The console: what cprintf writes must also reach the VGA text
 * buffer (the mirror of the serial port), and printk must keep every
 * message in the log buffer even when loglevel hides it.  A read with
 * O_NONBLOCK never waits for input, even when another reader takes
 * the byte it saw while its buffer faulted in (the suite boots with a
 * swap disk for that buffer: tests/suites.py).
 */
#include "kernel/abi.h"
#include "kernel/console.h"
#include "kernel/file.h"
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/time.h"
#include "kernel/tty.h"
#include "kernel/x86.h"
#include "lib/ktest.h"
#include "mm/filemap.h"
#include "mm/page.h"
#include "tests/kernel/ktest_swap.h"
#include "tests/kernel/ktest_tasks.h"

#define VGA_CELLS	(80 * 25)

/* True if the VGA screen shows text anywhere (one row or across two). */
static bool vga_shows(const char *text)
{
	const uint16_t *screen = __va(0xB8000);
	size_t n = strlen(text);

	for (size_t i = 0; i + n <= VGA_CELLS; i++) {
		size_t k = 0;

		while (k < n && (char)(screen[i + k] & 0xFF) == text[k])
			k++;
		if (k == n)
			return true;
	}
	return false;
}

static void output_is_mirrored_to_vga(struct ktest *t)
{
	KTEST_EXPECT_FALSE(t, vga_shows("mirror-check-7431"));
	cprintf("# mirror-check-%d\n", 7431);
	KTEST_EXPECT_TRUE(t, vga_shows("mirror-check-7431"));
}

static void hidden_messages_are_still_logged(struct ktest *t)
{
	unsigned int saved = console_loglevel;

	console_loglevel = 0;		/* the console shows nothing */
	printk(KERN_DEBUG "quiet-%d\n", 9182);
	console_loglevel = saved;
	KTEST_EXPECT_FALSE(t, vga_shows("quiet-9182"));
	KTEST_EXPECT_TRUE(t, dmesg_contains("quiet-9182"));
}

/* A byte arrives on the serial line (console_input runs in its IRQ). */
static void type_byte(char c)
{
	uint32_t flags = local_irq_save();

	console_input(c);
	local_irq_restore(flags);
}

/* Takes every byte queued, so that none is left to the next reader. */
static void drain_input(void)
{
	char c;

	while (console_has_input())
		console_read(&c, 1, true);
}

/*
 * A line one longer than the shell takes (256 characters) and its
 * Enter, typed before anyone reads (a paste, or a test's serial line
 * faster than the shell): every byte is queued, none dropped, in order,
 * so that the shell sees the Enter and can say the line is too long.
 */
static void a_whole_shell_line_typed_at_once_is_kept(struct ktest *t)
{
	static char line[257];
	long got = 0, n;

	drain_input();
	for (int i = 0; i < 257; i++)
		type_byte(i == 256 ? '\r' : 'a' + i % 26);
	while (got < 257 && console_has_input()) {
		n = console_read(line + got, sizeof(line) - got, true);
		if (n <= 0)
			break;
		got += n;
	}
	drain_input();
	KTEST_EXPECT_EQ(t, got, 257);
	KTEST_EXPECT_EQ(t, line[0], 'a');
	KTEST_EXPECT_EQ(t, line[255], 'a' + 255 % 26);
	KTEST_EXPECT_EQ(t, line[256], '\r');
}

/* Types each byte of s (console_input runs in the serial IRQ). */
static void type_bytes(const char *s)
{
	while (*s)
		type_byte(*s++);
}

/*
 * The console takes settings as a program's tcsetattr would: a
 * terminal's usual lines (canonical, echo, ICRNL) with lflag and iflag
 * in place of its flags; *saved keeps what it had (the shell's raw
 * settings), for put_back.  No foreground group, so that a signal key
 * signals no one (the suite runs in init).
 */
static int with_settings(struct termios *saved, unsigned int lflag,
			 unsigned int iflag, int min, int time)
{
	struct termios t = console_tty.termios;
	int pgrp = console_tty.pgrp;

	*saved = t;
	t.c_lflag = lflag;
	t.c_iflag = iflag;
	t.c_cc[VERASE] = 0x7f;
	t.c_cc[VKILL] = 0x15;
	t.c_cc[VEOF] = 4;
	t.c_cc[VWERASE] = 0x17;
	t.c_cc[VINTR] = 3;
	t.c_cc[VMIN] = min;
	t.c_cc[VTIME] = time;
	drain_input();
	n_tty_set_termios(&console_tty, &t);
	console_tty.pgrp = 0;
	return pgrp;
}

/* The suite's own settings again; an echo left mid-line is ended, so
 * that the next result starts a line. */
static void put_back(const struct termios *saved, int pgrp)
{
	if (console_tty.column)
		n_tty_write(&console_tty, "\n", 1);
	n_tty_flush_buffer(&console_tty);
	n_tty_set_termios(&console_tty, saved);
	console_tty.pgrp = pgrp;
}

/* What one read of up to n bytes gives, as a string ("" for 0). */
static long read_some(char *buf, size_t n)
{
	long got = console_read(buf, n - 1, true);

	buf[got > 0 ? got : 0] = '\0';
	return got;
}

#define CANON	(ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN)

/*
 * Canonical mode: nothing is read before the line ends; VERASE,
 * VWERASE and VKILL edit it, "\r" is "\n" (ICRNL), and each read has
 * one line; VEOF ends a line without itself, alone it reads 0.
 */
static void canonical_reads_whole_edited_lines(struct ktest *t)
{
	struct termios saved;
	int pgrp = with_settings(&saved, CANON | ISIG, ICRNL, 1, 0);
	char buf[64];

	type_bytes("ab\x7f");
	KTEST_EXPECT_FALSE(t, console_has_input());
	type_bytes("c\rone two\x17three\rjunk\x15x\n");
	KTEST_EXPECT_EQ(t, read_some(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "ac\n");
	KTEST_EXPECT_EQ(t, read_some(buf, sizeof(buf)), 10);
	KTEST_EXPECT_STREQ(t, buf, "one three\n");
	KTEST_EXPECT_EQ(t, read_some(buf, sizeof(buf)), 2);
	KTEST_EXPECT_STREQ(t, buf, "x\n");
	type_bytes("xy\x04\x04");
	KTEST_EXPECT_EQ(t, read_some(buf, sizeof(buf)), 2);
	KTEST_EXPECT_STREQ(t, buf, "xy");
	KTEST_EXPECT_EQ(t, read_some(buf, sizeof(buf)), 0);
	KTEST_EXPECT_EQ(t, read_some(buf, sizeof(buf)), -EAGAIN);
	put_back(&saved, pgrp);
}

/*
 * Echo: typed text is shown as it comes (ECHO), a control character
 * as ^X (ECHOCTL); with ECHO off nothing is, but ECHONL's newline.
 */
static void typed_text_is_echoed_as_settings_say(struct ktest *t)
{
	struct termios saved;
	int pgrp = with_settings(&saved, CANON, ICRNL, 1, 0);

	type_bytes("q7\x01z-echo\r");
	KTEST_EXPECT_TRUE(t, vga_shows("q7^Az-echo"));
	put_back(&saved, pgrp);
	pgrp = with_settings(&saved, ICANON | ECHONL, ICRNL, 1, 0);
	type_bytes("hidden-echo-5521\r");
	KTEST_EXPECT_FALSE(t, vga_shows("hidden-echo-5521"));
	KTEST_EXPECT_TRUE(t, console_has_input());
	put_back(&saved, pgrp);
}

/*
 * Non-canonical reads, 2.4.0's VMIN and VTIME: VMIN 0 and VTIME 0
 * read what is there or 0; VMIN 0 and VTIME 1 wait a tenth of a second
 * for a byte, then 0; a byte typed is read as it is (no ICRNL, no
 * signal from Ctrl-C without ISIG); INLCR and IGNCR translate.
 */
static void raw_reads_follow_vmin_and_vtime(struct ktest *t)
{
	struct termios saved;
	int pgrp = with_settings(&saved, 0, 0, 0, 0);
	char buf[16];
	unsigned long start;

	KTEST_EXPECT_EQ(t, console_read(buf, sizeof(buf), false), 0);
	type_bytes("a\r\x03");
	KTEST_EXPECT_EQ(t, read_some(buf, sizeof(buf)), 3);
	KTEST_EXPECT_STREQ(t, buf, "a\r\x03");
	put_back(&saved, pgrp);
	pgrp = with_settings(&saved, 0, INLCR | IGNCR, 0, 1);
	start = jiffies;
	KTEST_EXPECT_EQ(t, console_read(buf, sizeof(buf), false), 0);
	KTEST_EXPECT_TRUE(t, jiffies - start >= HZ / 10);
	type_bytes("b\r\n");
	KTEST_EXPECT_EQ(t, console_read(buf, sizeof(buf), false), 2);
	KTEST_EXPECT_EQ(t, buf[0], 'b');
	KTEST_EXPECT_EQ(t, buf[1], '\r');
	put_back(&saved, pgrp);
}

/*
 * VMIN 2: one byte typed is not enough for a reader that waits; the
 * second one ends the read with both.  The reader is a thread.
 */
static int read_two(void *arg)
{
	char *buf = arg;

	return console_read(buf, 4, false);
}

static void vmin_waits_for_that_many_bytes(struct ktest *t)
{
	static char buf[4];
	struct termios saved;
	int pgrp = with_settings(&saved, 0, 0, 2, 0);
	int pid;

	type_byte('1');
	pid = kernel_thread(read_two, buf, "reader");
	KTEST_ASSERT_TRUE(t, pid > 0);
	for (int i = 0; i < HZ / 5; i++)
		schedule_timeout_uninterruptible(1);
	KTEST_EXPECT_EQ(t, console_tty.read_cnt, 0u);	/* it took one */
	type_byte('2');
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 2);
	KTEST_EXPECT_EQ(t, buf[0], '1');
	KTEST_EXPECT_EQ(t, buf[1], '2');
	put_back(&saved, pgrp);
}

/*
 * A line longer than the buffer, typed unechoed: what does not fit is
 * dropped, but the last place is kept for Enter, so that the line
 * ends and is read whole (it never ended: the buffer was full); a
 * second Enter finds no room and is dropped, marking no byte queued
 * as a line's end (the first read ended after one byte).
 */
static void an_overlong_line_still_ends(struct ktest *t)
{
	struct termios saved;
	int pgrp = with_settings(&saved, ICANON, ICRNL, 1, 0);
	long got = 0, n, first = 0;
	char chunk[64];

	for (int i = 0; i < N_TTY_BUF_SIZE + 4; i++)
		type_byte('a');
	type_bytes("\r\r");
	while ((n = console_read(chunk, sizeof(chunk), true)) > 0) {
		first = first ? first : n;
		got += n;
		if (chunk[n - 1] == '\n')
			break;
	}
	KTEST_EXPECT_EQ(t, first, (long)sizeof(chunk));
	KTEST_EXPECT_EQ(t, got, N_TTY_BUF_SIZE);
	KTEST_EXPECT_EQ(t, console_read(chunk, sizeof(chunk), true), -EAGAIN);
	put_back(&saved, pgrp);
}

/* ISIG: Ctrl-C is no input, and drops the line being typed. */
static void a_signal_key_drops_the_line(struct ktest *t)
{
	struct termios saved;
	int pgrp = with_settings(&saved, CANON | ISIG, ICRNL, 1, 0);
	char buf[16];

	type_bytes("lost\x03kept\r");
	KTEST_EXPECT_EQ(t, read_some(buf, sizeof(buf)), 5);
	KTEST_EXPECT_STREQ(t, buf, "kept\n");
	put_back(&saved, pgrp);
}

/*
 * The shell hands a program the console (n_tty_hand_over) with
 * type-ahead that wraps past the buffer's end and holds a signal key
 * the program's settings act on: the key drops what came before it,
 * and what follows it is kept whole (taken again in place, its writes
 * stay behind its reads).
 */
static void type_ahead_past_a_signal_key_is_kept(struct ktest *t)
{
	struct termios saved, program;
	int pgrp = with_settings(&saved, 0, 0, 1, 0);
	char buf[32];

	for (int i = 0; i < N_TTY_BUF_SIZE - 6; i++)
		type_byte('x');
	drain_input();			/* the next byte goes in at 4090 */
	type_bytes("ab\x03" "0123456789");
	program = console_tty.termios;
	program.c_lflag = ISIG;
	n_tty_hand_over(&console_tty, &program);
	KTEST_EXPECT_EQ(t, read_some(buf, sizeof(buf)), 10);
	KTEST_EXPECT_STREQ(t, buf, "0123456789");
	put_back(&saved, pgrp);
}

/* A reader whose buffer's page the case holds locked, and its rival. */
struct rival_reader {
	struct page *page;
	bool reader_done;
};

/*
 * Once the reader sleeps on its buffer's page (its fault waits for the
 * lock), takes the byte it saw and unlocks the page.  If the reader
 * then waits for input, as an O_NONBLOCK read must not, a byte is
 * typed after 2 s so that it returns (and the case fails, not hangs).
 */
static int rival_takes_the_byte(void *arg)
{
	struct rival_reader *r = arg;
	char c;

	ktest_wait_for_page_waiter(r->page);
	console_read(&c, 1, true);
	unlock_page(r->page);
	for (int i = 0; i < 2 * HZ && !r->reader_done; i++)
		schedule_timeout_uninterruptible(1);
	if (!r->reader_done)
		type_byte('y');
	return 0;
}

/*
 * An O_NONBLOCK read sees a byte typed, then sleeps faulting in its
 * buffer (swapped out, its page locked); meanwhile another reader
 * takes the byte.  The read is -EAGAIN, not a wait for the next key.
 */
static void nonblocking_read_does_not_wait_after_its_fault(struct ktest *t)
{
	static struct rival_reader r;	/* the rival may outlive a failure */
	struct mm_struct *mm = enter_swapping_mm(t);
	struct file *f;
	unsigned long addr;
	long got;
	int pid;

	if (!mm)
		return;
	addr = map_written_pages(1, 7);
	r.page = swap_out_page(mm, addr);
	r.reader_done = false;
	KTEST_ASSERT_TRUE(t, !pte_present(*pte_of(mm, addr)));
	f = get_empty_filp(&console_fops, O_RDWR | O_NONBLOCK);
	KTEST_ASSERT_NOT_NULL(t, f);
	drain_input();
	if (!ktest_lock_page(t, r.page, "the reader's buffer"))
		return;
	type_byte('x');
	pid = kernel_thread(rival_takes_the_byte, &r, "rival");
	KTEST_ASSERT_TRUE(t, pid > 0);
	got = f->f_op->read(f, (char *)addr, 1);
	r.reader_done = true;
	KTEST_EXPECT_EQ(t, got, -EAGAIN);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	drain_input();
	fput(f);
	leave_mm(t, mm);
}

static const struct ktest_case console_cases[] = {
	KTEST_CASE(nonblocking_read_does_not_wait_after_its_fault),
	KTEST_CASE(a_whole_shell_line_typed_at_once_is_kept),
	KTEST_CASE(canonical_reads_whole_edited_lines),
	KTEST_CASE(typed_text_is_echoed_as_settings_say),
	KTEST_CASE(raw_reads_follow_vmin_and_vtime),
	KTEST_CASE(vmin_waits_for_that_many_bytes),
	KTEST_CASE(a_signal_key_drops_the_line),
	KTEST_CASE(type_ahead_past_a_signal_key_is_kept),
	KTEST_CASE(an_overlong_line_still_ends),
	KTEST_CASE(output_is_mirrored_to_vga),
	KTEST_CASE(hidden_messages_are_still_logged),
};
KTEST_SUITE(console, console_cases);
