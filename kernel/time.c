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
#define CALIBRATE_MS	20
#define CALIBRATE_LATCH	(PIT_HZ * CALIBRATE_MS / 1000)

volatile unsigned long jiffies;

static uint64_t tsc_at_boot;
static uint32_t tsc_khz;		/* 0 until calibrated */

static inline uint64_t rdtsc(void)
{
	uint64_t t;

	__asm__ __volatile__("rdtsc" : "=A"(t));
	return t;
}

/*
 * Counts TSC ticks while the PIT's channel 2 counts CALIBRATE_MS down
 * (its output goes high at the end), with the speaker kept off.
 */
void tsc_calibrate(void)
{
	uint64_t start;

	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);
	outb(PIT_CMD, PIT_MODE0_CH2);
	outb(PIT_CH2, CALIBRATE_LATCH & 0xff);
	outb(PIT_CH2, CALIBRATE_LATCH >> 8);
	start = rdtsc();
	while (!(inb(PORT_B) & 0x20))
		;
	tsc_khz = (uint32_t)((rdtsc() - start) / CALIBRATE_MS);
	tsc_at_boot = start;
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
}
