/* printf-style formatting into a buffer (lib/vsprintf.c). */
#ifndef LIB_VSPRINTF_H
#define LIB_VSPRINTF_H

#include <stdarg.h>
#include <stddef.h>
#include "lib/compiler.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif
