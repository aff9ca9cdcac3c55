/* What almost every kernel file needs: logging, panic and BUG. */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include "kernel/console.h"
#include "kernel/printk.h"
#include "lib/compiler.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

__noreturn void panic(const char *fmt, ...) __printf(1, 2);
__noreturn void panic_halt(const char *msg);
bool panic_in_progress(void);
void dump_stack(void);
void show_backtrace(unsigned long eip, unsigned long ebp);

/* Linux's BUG(): a broken kernel invariant, reported where it broke. */
#define BUG() panic("kernel BUG at %s:%d!", __FILE__, __LINE__)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)

#endif
