/*
 * Hardware interrupts through the two 8259 PICs (IRQ 0-15 on vectors
 * 32-47).  A driver hands in its own struct irqaction (as Linux 2.4's
 * setup_irq does), so no allocation is needed; several actions may
 * share a line, and each decides whether the interrupt was its own.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "kernel/traps.h"

struct irqaction {
	void (*handler)(struct pt_regs *regs, void *dev);
	const char *name;
	void *dev;
	struct irqaction *next;
	unsigned long count;	/* times this line fired with us on it */
};

void init_IRQ(void);
void setup_irq(unsigned irq, struct irqaction *action);
void do_IRQ(unsigned irq, struct pt_regs *regs);
void enable_irq(unsigned irq);
unsigned long irq_count(unsigned irq);
bool in_interrupt(void);

#endif
