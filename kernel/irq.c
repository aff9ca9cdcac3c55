/* Dispatch of hardware interrupts to the actions set up on each line. */
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/x86.h"

void init_8259A(void);
bool i8259_spurious(unsigned irq);
void i8259_eoi(unsigned irq);

static struct irqaction *irq_actions[NR_IRQS];
static unsigned long irq_counts[NR_IRQS];
static unsigned irq_depth;		/* handlers running now */

/* True inside an interrupt handler, where nothing may sleep. */
bool in_interrupt(void)
{
	return irq_depth != 0;
}

void init_IRQ(void)
{
	init_8259A();
}

/* Adds an action to a line and unmasks it. */
void setup_irq(unsigned irq, struct irqaction *action)
{
	uint32_t flags;
	struct irqaction **p;

	BUG_ON(irq >= NR_IRQS);
	flags = local_irq_save();
	for (p = &irq_actions[irq]; *p; p = &(*p)->next)
		;
	action->next = NULL;
	*p = action;
	local_irq_restore(flags);
	enable_irq(irq);
}

/*
 * Called by do_trap() with interrupts off.  The EOI comes after the
 * handlers, so a level-triggered line (PCI) that a handler has just
 * quietened does not fire again at once.
 */
void do_IRQ(unsigned irq, struct pt_regs *regs)
{
	struct irqaction *a;

	if (i8259_spurious(irq))
		return;
	irq_counts[irq]++;
	irq_depth++;
	for (a = irq_actions[irq]; a; a = a->next) {
		a->count++;
		a->handler(regs, a->dev);
	}
	irq_depth--;
	i8259_eoi(irq);
}

unsigned long irq_count(unsigned irq)
{
	return irq < NR_IRQS ? irq_counts[irq] : 0;
}
