/*
 * The console: what cprintf writes must also reach the VGA text
 * buffer (the mirror of the serial port), and printk must keep every
 * message in the log buffer even when loglevel hides it.
 */
#include "kernel/kernel.h"
#include "lib/ktest.h"
#include "mm/page.h"

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

static const struct ktest_case console_cases[] = {
	KTEST_CASE(output_is_mirrored_to_vga),
	KTEST_CASE(hidden_messages_are_still_logged),
};
KTEST_SUITE(console, console_cases);
