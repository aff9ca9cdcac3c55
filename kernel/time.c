/*
 * The system clock: the 8253/8254 PIT's channel 0 interrupts HZ times
 * a second on IRQ 0, and each tick advances jiffies, as in Linux.
 * The tick also charges the running task (its time slice, kernel/
 * sched.c) and runs the kernel timers that are due (kernel/timer.c).
 *
 * printk's time stamps come from the CPU's time stamp counter instead,
 * calibrated against the PIT's channel 2 first thing at boot (as 2.4's
 * calibrate_tsc does), so that messages printed before the tick runs
 * carry real times too.  (2.4 stamps no messages; 2.6's printk time
 * uses the TSC through sched_clock.)
 */
#include "kernel/time.h"
#include "kernel/abi.h"
#include "kernel/irq.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/softlockup.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "lib/errno.h"

#define PIT_HZ		1193182
#define PIT_CH0		0x40
#define PIT_CMD		0x43
#define PIT_MODE3_CH0	0x36	/* channel 0, lo/hi byte, square wave */
#define PIT_CH2		0x42
#define PIT_MODE0_CH2	0xb0	/* channel 2, lo/hi byte, count once */
#define PORT_B		0x61	/* bit 0: channel 2's gate, 5: its output */
#define CALIBRATE_MS	10
#define CALIBRATE_LATCH	(PIT_HZ * CALIBRATE_MS / 1000)
#define CALIBRATE_TRIES	5

volatile unsigned long jiffies;

static uint64_t tsc_at_boot;
static uint32_t tsc_khz;		/* 0 until calibrated */
static unsigned int tsc_counts;		/* calibrations it took */

static inline uint64_t rdtsc(void)
{
	uint64_t t;

	__asm__ __volatile__("rdtsc" : "=A"(t));
	return t;
}

/*
 * One calibration: counts TSC ticks while the PIT's channel 2 counts
 * CALIBRATE_MS down (its output goes high at the end), with the
 * speaker kept off.  Both run on the host's clock under QEMU, so the
 * host pausing the guest in the middle changes nothing; a pause
 * between starting the PIT and reading the TSC, or between the last
 * look that found the PIT still counting and the TSC read after the
 * one that found it done, does: their sum is try->gap, the most the
 * count can be off by.  (The first count of a boot has the code after
 * the loop translated in its end gap: about 60 us under TCG.)
 */
static void tsc_try_once(struct tsc_try *try)
{
	uint64_t before, last, seen, now;

	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);
	outb(PIT_CMD, PIT_MODE0_CH2);
	outb(PIT_CH2, CALIBRATE_LATCH & 0xff);
	before = rdtsc();
	outb(PIT_CH2, CALIBRATE_LATCH >> 8);	/* counting starts */
	try->start = seen = rdtsc();
	do {
		last = seen;	/* the PIT was still counting after this */
		seen = rdtsc();
	} while (!(inb(PORT_B) & 0x20));
	now = rdtsc();
	try->ticks = now - try->start;
	try->gap = (try->start - before) + (now - last);
}

/*
 * Can the count be off by more than 1/1000 (then so would every time
 * of the boot)?  Under QEMU's TCG on a loaded machine the host stops
 * the guest's CPU thread for milliseconds at a time: in three boots
 * there (ten counts of 20 ms), each boot's first count was 0.25-0.4%
 * long and three more were 5-18% long; the counts that passed this
 * test agreed within 0.003%.
 */
static bool tsc_try_disturbed(const struct tsc_try *try)
{
	return try->gap * 1000 > try->ticks;
}

/*
 * The calibration to trust of n: the first one nothing paused, or else
 * the one paused least for its length.
 */
const struct tsc_try *tsc_best_try(const struct tsc_try *tries,
				   unsigned int n)
{
	const struct tsc_try *best = &tries[0];

	for (unsigned int i = 0; i < n; i++) {
		if (!tsc_try_disturbed(&tries[i]))
			return &tries[i];
		if (tries[i].gap * best->ticks < best->gap * tries[i].ticks)
			best = &tries[i];
	}
	return best;
}

/*
 * The TSC's rate, from up to CALIBRATE_TRIES calibrations until one
 * is undisturbed (usually the second: see tsc_try_once()).  2.4's
 * calibrate_tsc counts once, over 50 ms; Linux 2.6.27's
 * native_calibrate_tsc() counts three times and refuses a count that
 * an SMI stretched (one pass of its loop 10 times the shortest), which
 * under TCG, where each inb takes QEMU's global lock, would refuse
 * most: here only the pauses at the ends count.  Two counts of 10 ms
 * take what one of 20 ms took before.  Times count from the first
 * calibration's start.
 */
void tsc_calibrate(void)
{
	struct tsc_try tries[CALIBRATE_TRIES];
	unsigned int n = 0;

	do
		tsc_try_once(&tries[n++]);
	while (n < CALIBRATE_TRIES && tsc_try_disturbed(&tries[n - 1]));
	tsc_khz = (uint32_t)(tsc_best_try(tries, n)->ticks / CALIBRATE_MS);
	tsc_at_boot = tries[0].start;
	tsc_counts = n;
}

/* Microseconds since tsc_calibrate() (0 before it). */
uint64_t boot_clock_us(void)
{
	if (!tsc_khz)
		return 0;
	return (rdtsc() - tsc_at_boot) * 1000 / tsc_khz;
}

void jiffies_to_timespec64(unsigned long j, struct timespec64 *ts)
{
	ts->tv_sec = j / HZ;
	ts->tv_nsec = (j % HZ) * (NSEC_PER_SEC / HZ);
}

/*
 * The wall clock (Linux's ktime_get_real_ts64): Pagoda has no
 * real-time clock driver, so it counts from the boot, in jiffies.
 */
void ktime_get_real_ts64(struct timespec64 *ts)
{
	jiffies_to_timespec64(jiffies, ts);
}

/* time (2.4.0's sys_time): the seconds, also written to *tloc. */
long sys_time(long *tloc)
{
	struct timespec64 ts;

	ktime_get_real_ts64(&ts);
	if (tloc && put_user_u32((uint32_t)ts.tv_sec, tloc))
		return -EFAULT;
	return (long)ts.tv_sec;
}

/*
 * gettimeofday (2.4.0's sys_gettimeofday): the wall clock to the
 * microsecond, and the time zone, which is UTC with no daylight
 * saving (2.4.0's sys_tz until settimeofday, which Pagoda lacks).
 * Either pointer may be NULL.
 */
long sys_gettimeofday(struct timeval *tv, struct timezone *tz)
{
	static const struct timezone utc;
	struct timespec64 ts;
	struct timeval t;

	ktime_get_real_ts64(&ts);
	t.tv_sec = (long)ts.tv_sec;
	t.tv_usec = ts.tv_nsec / 1000;
	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &utc, sizeof(utc)))
		return -EFAULT;
	return 0;
}

/* A time a sleep may be given: not negative, nsec below a second. */
bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       ts->tv_nsec < NSEC_PER_SEC;
}

/*
 * Reads a program's timespec: the 32-bit struct timespec, or with
 * time64 the __kernel_timespec of the time64 calls (Linux's
 * get_timespec64 and get_old_timespec32, kernel/time/time.c).  A
 * 32-bit kernel keeps the low half of a 64-bit tv_nsec, as Linux's
 * does: the high half is padding to it.
 */
int get_timespec64(struct timespec64 *ts, const void *uts, bool time64)
{
	struct __kernel_timespec k;
	struct timespec t;

	if (time64) {
		if (copy_from_user(&k, uts, sizeof(k)))
			return -EFAULT;
		ts->tv_sec = k.tv_sec;
		ts->tv_nsec = (long)k.tv_nsec;
		return 0;
	}
	if (copy_from_user(&t, uts, sizeof(t)))
		return -EFAULT;
	ts->tv_sec = t.tv_sec;
	ts->tv_nsec = t.tv_nsec;
	return 0;
}

/* Writes ts as get_timespec64() reads it. */
int put_timespec64(const struct timespec64 *ts, void *uts, bool time64)
{
	struct __kernel_timespec k = { ts->tv_sec, ts->tv_nsec };
	struct timespec t = { (long)ts->tv_sec, ts->tv_nsec };

	if (time64)
		return copy_to_user(uts, &k, sizeof(k)) ? -EFAULT : 0;
	return copy_to_user(uts, &t, sizeof(t)) ? -EFAULT : 0;
}

static void timer_interrupt(struct pt_regs *regs, void *dev __unused)
{
	jiffies++;
	scheduler_tick(user_mode(regs));
	softlockup_tick(regs, user_mode(regs));
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
	/* as 2.4's time_init(), and how often the count was paused */
	printk(KERN_INFO "Detected %u.%03u MHz processor (TSC counted %u "
	       "time%s)\n", tsc_khz / 1000, tsc_khz % 1000, tsc_counts,
	       tsc_counts == 1 ? "" : "s");
}
