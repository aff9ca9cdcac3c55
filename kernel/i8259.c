/*
 * The 8259A programmable interrupt controllers of the PC: a master
 * (IRQ 0-7) with a slave cascaded on its IRQ 2 (IRQ 8-15).  The BIOS
 * leaves them on vectors that clash with CPU exceptions, so we remap
 * them to 32-47, as every protected-mode kernel must.
 */
#include "kernel/irq.h"
#include "kernel/x86.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xA0
#define PIC2_DATA	0xA1
#define PIC_EOI		0x20
#define OCW3_READ_ISR	0x0B

static uint16_t irq_mask = 0xFFFF & ~(1 << 2);	/* cascade stays open */

static void write_mask(void)
{
	outb(PIC1_DATA, irq_mask & 0xFF);
	outb(PIC2_DATA, irq_mask >> 8);
}

void init_8259A(void)
{
	outb(PIC1_CMD, 0x11);			/* ICW1: edge, cascade, ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, FIRST_IRQ_VECTOR);	/* ICW2: vector base */
	outb(PIC2_DATA, FIRST_IRQ_VECTOR + 8);
	outb(PIC1_DATA, 1 << 2);		/* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 2);			/* ICW3: slave identity */
	outb(PIC1_DATA, 0x01);			/* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	write_mask();
}

void enable_irq(unsigned irq)
{
	uint32_t flags = local_irq_save();

	irq_mask &= ~(1u << irq);
	write_mask();
	local_irq_restore(flags);
}

/*
 * A spurious interrupt (noise on IRQ 7 or 15) is one the PIC reports
 * but has no bit in its in-service register for; it must not be
 * acknowledged to the chip that did not raise it.
 */
bool i8259_spurious(unsigned irq)
{
	uint16_t port = irq < 8 ? PIC1_CMD : PIC2_CMD;

	if ((irq & 7) != 7)
		return false;
	outb(port, OCW3_READ_ISR);
	if (inb(port) & 0x80)
		return false;
	if (irq == 15)
		outb(PIC1_CMD, PIC_EOI);	/* the master did see it */
	return true;
}

/* End of interrupt: the slave first, then the master it cascades to. */
void i8259_eoi(unsigned irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
