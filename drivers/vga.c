/*
 * VGA text mode (80x25 at physical 0xB8000): a mirror of the serial
 * console for make run GUI=1.  Write-only; it scrolls and keeps the
 * hardware cursor after the last character.
 */
#include "drivers/vga.h"
#include "kernel/x86.h"
#include "lib/string.h"
#include "mm/page.h"

#define VGA_COLS	80
#define VGA_ROWS	25
#define VGA_ATTR	0x0700		/* light grey on black */
#define VGA_CRTC	0x3D4

static uint16_t *const screen = (uint16_t *)__va(0xB8000);
static int row, col;

static void move_cursor(void)
{
	unsigned pos = row * VGA_COLS + col;

	outb(VGA_CRTC, 0x0F);
	outb(VGA_CRTC + 1, pos & 0xFF);
	outb(VGA_CRTC, 0x0E);
	outb(VGA_CRTC + 1, pos >> 8);
}

static void scroll(void)
{
	memmove(screen, screen + VGA_COLS,
		(VGA_ROWS - 1) * VGA_COLS * sizeof(*screen));
	for (int i = 0; i < VGA_COLS; i++)
		screen[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR | ' ';
	row = VGA_ROWS - 1;
}

void vga_init(void)
{
	for (int i = 0; i < VGA_ROWS * VGA_COLS; i++)
		screen[i] = VGA_ATTR | ' ';
	row = col = 0;
	move_cursor();
}

void vga_putc(char c)
{
	switch (c) {
	case '\n':
		col = 0;
		row++;
		break;
	case '\r':
		col = 0;
		break;
	case '\b':
		if (col)
			col--;
		break;
	default:
		screen[row * VGA_COLS + col] = VGA_ATTR | (uint8_t)c;
		if (++col == VGA_COLS) {
			col = 0;
			row++;
		}
	}
	if (row == VGA_ROWS)
		scroll();
	move_cursor();
}
