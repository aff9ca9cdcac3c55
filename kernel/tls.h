/*
 * Thread-local storage segments: set_thread_area and get_thread_area
 * (kernel/tls.c).
 */
#ifndef KERNEL_TLS_H
#define KERNEL_TLS_H

#include "kernel/abi.h"

void flush_tls(void);
long sys_set_thread_area(struct user_desc *u_info);
long sys_get_thread_area(struct user_desc *u_info);

#endif
