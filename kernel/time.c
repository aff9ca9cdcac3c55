/*
 * The system clock: the 8253/8254 PIT's channel 0 interrupts HZ times
 * a second on IRQ 0, and each tick advances jiffies, as in Linux.
 * The tick also charges the running task (its time slice, kernel/
 * sched.c) and runs the kernel timers that are due (kernel/timer.c).
 */
#include "kernel/time.h"
#include "kernel/irq.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "kernel/x86.h"

#define PIT_HZ		1193182
#define PIT_CH0		0x40
#define PIT_CMD		0x43
#define PIT_MODE3_CH0	0x36	/* channel 0, lo/hi byte, square wave */

volatile unsigned long jiffies;

static void timer_interrupt(struct pt_regs *regs, void *dev __unused)
{
	jiffies++;
	scheduler_tick(user_mode(regs));
	run_timer_list();
}

static struct irqaction timer_action = {
	.handler = timer_interrupt,
	.name = "timer",
};

void time_init(void)
{
	unsigned divisor = (PIT_HZ + HZ / 2) / HZ;

	outb(PIT_CMD, PIT_MODE3_CH0);
	outb(PIT_CH0, divisor & 0xFF);
	outb(PIT_CH0, divisor >> 8);
	setup_irq(0, &timer_action);
}
