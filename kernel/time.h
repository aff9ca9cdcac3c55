#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#define HZ	100

extern volatile unsigned long jiffies;

void time_init(void);

#endif
