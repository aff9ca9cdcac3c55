/* Random bytes for the kernel (kernel/random.c). */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

void get_random_bytes(char *buf, unsigned long n);

#endif
