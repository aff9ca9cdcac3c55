/*
 * The PIT tick: jiffies advance with interrupts on, not with them off.
 * And the TSC's calibration against the PIT: a calibration the host
 * paused is not the one the clock uses (tsc_best_try()).
 */
#include "kernel/irq.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "lib/ktest.h"

/* CF, PF, AF, ZF, SF and OF: what arithmetic in between may change. */
#define X86_EFLAGS_ARITH	0x8d5

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

/*
 * Nested save/restore pairs: interrupts stay off until the outermost
 * restore, which turns them back on (with popfl, kernel/x86.h) and
 * puts the other flags back as they were; then the tick comes.
 */
static void irq_restore_puts_back_what_save_found(struct ktest *t)
{
	uint32_t outer, inner, before = read_eflags();
	unsigned long start;

	KTEST_ASSERT_TRUE(t, before & X86_EFLAGS_IF);
	outer = local_irq_save();
	KTEST_EXPECT_FALSE(t, irqs_enabled());
	inner = local_irq_save();
	local_irq_restore(inner);
	KTEST_EXPECT_FALSE(t, irqs_enabled());
	local_irq_restore(outer);
	KTEST_ASSERT_TRUE(t, irqs_enabled());
	KTEST_EXPECT_EQ(t, read_eflags() & ~X86_EFLAGS_ARITH,
			before & ~X86_EFLAGS_ARITH);
	start = jiffies;
	wait_ticks(1);
	KTEST_EXPECT_GT(t, jiffies, start);
}

/*
 * Calibrations of a 2 GHz TSC over 20 ms (40 M ticks), as
 * tsc_calibrate() tries them.  A pause of 80 M ticks (the guest's CPU
 * thread descheduled for 40 ms) made the first count three times the
 * window: every time of the boot would read a third of the truth.
 */
static void a_paused_calibration_is_not_used(struct ktest *t)
{
	const struct tsc_try tries[] = {
		{ .start = 1000, .ticks = 120000000, .gap = 80000000 },
		{ .start = 200000000, .ticks = 40000100, .gap = 3000 },
	};

	KTEST_EXPECT_PTR_EQ(t, tsc_best_try(tries, 2), &tries[1]);
	/* short pauses (1/1000 of the window or less) are taken */
	KTEST_EXPECT_PTR_EQ(t, tsc_best_try(&tries[1], 1), &tries[1]);
}

static void when_every_calibration_paused_the_least_paused_is_used(
	struct ktest *t)
{
	const struct tsc_try tries[] = {
		{ .ticks = 120000000, .gap = 80000000 },
		{ .ticks = 41000000, .gap = 1000000 },	/* 1/41 paused */
		{ .ticks = 60000000, .gap = 20000000 },
	};

	KTEST_EXPECT_PTR_EQ(t, tsc_best_try(tries, 3), &tries[1]);
}

static const struct ktest_case timer_cases[] = {
	KTEST_CASE(jiffies_advance),
	KTEST_CASE(no_ticks_with_interrupts_off),
	KTEST_CASE(irq_restore_puts_back_what_save_found),
	KTEST_CASE(a_paused_calibration_is_not_used),
	KTEST_CASE(when_every_calibration_paused_the_least_paused_is_used),
};
KTEST_SUITE(timer, timer_cases);
