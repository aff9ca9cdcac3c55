/*
 * 16550 UART on COM1: Pagoda's primary console, for input and output.
 *
 * Output is polled (wait for the transmit holding register to empty)
 * so printk works from any context, even with interrupts off in a
 * panic.  Input arrives by IRQ 4 and is queued for the console; with
 * interrupts off the console polls instead (serial_poll_getc).
 */
#include "drivers/serial.h"
#include "kernel/console.h"
#include "kernel/irq.h"
#include "kernel/x86.h"

#define COM1		0x3F8
#define COM1_IRQ	4

/* Register offsets from the base port. */
#define UART_DATA	0	/* RBR/THR, or divisor low with DLAB */
#define UART_IER	1	/* interrupt enable, or divisor high */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control; bit 7 = DLAB */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define IER_RX		0x01
#define MCR_DTR_RTS_OUT2 0x0B	/* OUT2 gates the IRQ line on PCs */

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x80);		/* DLAB on */
	outb(COM1 + UART_DATA, 1);		/* divisor 1: 115200 baud */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x03);		/* 8N1, DLAB off */
	outb(COM1 + UART_FCR, 0xC7);		/* FIFO on, cleared, 14 B */
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
}

void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
		;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

/* Returns the next received byte, or -1 if none is waiting. */
int serial_poll_getc(void)
{
	if (!(inb(COM1 + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(COM1 + UART_DATA);
}

/* Drains the receive FIFO into the console's input queue. */
static void serial_interrupt(struct pt_regs *regs __unused, void *dev __unused)
{
	int c;

	while ((c = serial_poll_getc()) >= 0)
		console_input((char)c);
}

static struct irqaction serial_action = {
	.handler = serial_interrupt,
	.name = "serial",
};

void serial_irq_init(void)
{
	setup_irq(COM1_IRQ, &serial_action);
	outb(COM1 + UART_IER, IER_RX);
}
