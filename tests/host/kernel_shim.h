/*
 * What the mm/ files built for the host need from the kernel, kept as
 * small as possible (tests/host/kernel_shim.c): printk goes into a
 * buffer that tests read to check a message was given.
 */
#ifndef TESTS_HOST_KERNEL_SHIM_H
#define TESTS_HOST_KERNEL_SHIM_H

#include <stdbool.h>

/* Everything printk'd since the last host_printk_clear(). */
const char *host_printk_log(void);
void host_printk_clear(void);
bool host_printk_has(const char *text);

/* The gfp_mask of the last kmalloc (tests/host/slab.c). */
extern unsigned int host_kmalloc_gfp;

#endif
