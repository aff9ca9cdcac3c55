/*
 * printk with Linux 2.4's log levels: a message may start with "<N>",
 * N from 0 (KERN_EMERG) to 7 (KERN_DEBUG).  It reaches the console if
 * N < console_loglevel (loglevel= on the command line, default 7);
 * every message is kept in the log buffer that "dmesg" prints.
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include "lib/compiler.h"

#define KERN_EMERG	"<0>"
#define KERN_ALERT	"<1>"
#define KERN_CRIT	"<2>"
#define KERN_ERR	"<3>"
#define KERN_WARNING	"<4>"
#define KERN_NOTICE	"<5>"
#define KERN_INFO	"<6>"
#define KERN_DEBUG	"<7>"

#define DEFAULT_MESSAGE_LOGLEVEL	4
#define DEFAULT_CONSOLE_LOGLEVEL	7

extern unsigned int console_loglevel;

int printk(const char *fmt, ...) __printf(1, 2);
void dmesg_print(void);
bool dmesg_contains(const char *text);

#endif
