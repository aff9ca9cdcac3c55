/*
 * The console: output goes to the serial port and the VGA mirror;
 * input comes from the serial port's interrupt through a small queue.
 *
 * cprintf() is for what a command or test prints for its user; it is
 * never filtered.  Kernel log messages go through printk() instead.
 */
#include "kernel/console.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "kernel/x86.h"
#include "lib/vsprintf.h"

#define INPUT_QUEUE	256

static char input[INPUT_QUEUE];
static unsigned in_head, in_tail;	/* free-running indices */

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

/* Called from the serial interrupt: queue one byte, drop on overflow. */
void console_input(char c)
{
	if (in_head - in_tail < INPUT_QUEUE)
		input[in_head++ % INPUT_QUEUE] = c;
}

/*
 * Waits for the next input byte.  With interrupts on it sleeps in
 * hlt until the serial IRQ queues one; with them off (early boot, a
 * panic) it polls the UART.
 */
int console_getc(void)
{
	for (;;) {
		uint32_t flags = local_irq_save();

		if (in_head != in_tail) {
			char c = input[in_tail++ % INPUT_QUEUE];

			local_irq_restore(flags);
			return (unsigned char)c;
		}
		if (!(flags & X86_EFLAGS_IF)) {
			int c = serial_poll_getc();

			if (c >= 0)
				return c;
			continue;
		}
		safe_halt();
	}
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
