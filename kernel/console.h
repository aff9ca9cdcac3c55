#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdarg.h>
#include "lib/compiler.h"

void console_init(void);
void console_write(const char *s, size_t n);
void console_putc(char c);
void console_input(char c);
int console_getc(void);
long console_read(char *buf, size_t n, bool nonblock);
long console_job_control(void);
void console_set_pgrp(int pgrp);
struct file;
struct poll_table;
unsigned int console_poll(struct file *f, struct poll_table *pt);
bool console_has_input(void);
int cprintf(const char *fmt, ...) __printf(1, 2);
int vcprintf(const char *fmt, va_list ap);

#endif
