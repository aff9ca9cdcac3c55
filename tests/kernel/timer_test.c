/* The PIT tick: jiffies advance with interrupts on, not with them off. */
#include "kernel/irq.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "lib/ktest.h"

/* Waits (in hlt) until n more ticks have happened. */
static void wait_ticks(unsigned long n)
{
	unsigned long start = jiffies;

	while (jiffies - start < n)
		hlt();
}

static void jiffies_advance(struct ktest *t)
{
	unsigned long irq0 = irq_count(0), start = jiffies;

	KTEST_ASSERT_TRUE(t, irqs_enabled());
	wait_ticks(5);
	KTEST_EXPECT_GE(t, jiffies - start, 5);
	KTEST_EXPECT_GE(t, irq_count(0) - irq0, 5);
}

static void no_ticks_with_interrupts_off(struct ktest *t)
{
	unsigned long start;
	uint32_t flags = local_irq_save();

	start = jiffies;
	for (volatile int i = 0; i < 2000000; i++)
		;
	KTEST_EXPECT_EQ(t, jiffies, start);
	local_irq_restore(flags);
	wait_ticks(1);
	KTEST_EXPECT_GT(t, jiffies, start);
}

static const struct ktest_case timer_cases[] = {
	KTEST_CASE(jiffies_advance),
	KTEST_CASE(no_ticks_with_interrupts_off),
};
KTEST_SUITE(timer, timer_cases);
