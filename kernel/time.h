#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "lib/compiler.h"

#define HZ	100
/* log2 of the power of two nearest HZ (2.4's linux/timex.h): 128 */
#define SHIFT_HZ	7

extern volatile unsigned long jiffies;

void time_init(void);
void tsc_calibrate(void);
uint64_t boot_clock_us(void);

#endif
