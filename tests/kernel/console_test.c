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
	KTEST_CASE(output_is_mirrored_to_vga),
	KTEST_CASE(hidden_messages_are_still_logged),
};
KTEST_SUITE(console, console_cases);
