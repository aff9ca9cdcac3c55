/*
 * Thread-local storage segments: set_thread_area and get_thread_area
 * (kernel/tls.c).
 */
#ifndef KERNEL_TLS_H
#define KERNEL_TLS_H

#include "kernel/abi.h"

struct task_struct;

void flush_tls(void);
int clone_tls_read(const struct user_desc *u_info, struct user_desc *info);
int set_tls_entry(struct task_struct *p, const struct user_desc *info);
long sys_set_thread_area(struct user_desc *u_info);
long sys_get_thread_area(struct user_desc *u_info);

#endif
