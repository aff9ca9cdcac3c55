#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "lib/compiler.h"

#define HZ	100
/* log2 of the power of two nearest HZ (2.4's linux/timex.h): 128 */
#define SHIFT_HZ	7

extern volatile unsigned long jiffies;

/*
 * The kernel's timespec (Linux's timespec64): whatever a program
 * passes, the old 32-bit struct timespec or the time64 calls'
 * __kernel_timespec, is read into one of these.
 */
struct timespec64 {
	long long tv_sec;
	long tv_nsec;
};

#define NSEC_PER_SEC	1000000000L

void time_init(void);

/* One calibration of the TSC against the PIT (kernel/time.c). */
struct tsc_try {
	uint64_t start;		/* TSC when the PIT started counting */
	uint64_t ticks;		/* TSC ticks until its end was seen */
	uint64_t gap;		/* the longest stretch between two looks */
};

void tsc_calibrate(void);
const struct tsc_try *tsc_best_try(const struct tsc_try *tries,
				   unsigned int n);
uint64_t boot_clock_us(void);
void jiffies_to_timespec64(unsigned long j, struct timespec64 *ts);
void ktime_get_real_ts64(struct timespec64 *ts);
bool timespec64_valid(const struct timespec64 *ts);
int get_timespec64(struct timespec64 *ts, const void *uts, bool time64);
int put_timespec64(const struct timespec64 *ts, void *uts, bool time64);

#endif
