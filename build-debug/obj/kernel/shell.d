build-debug/obj/kernel/shell.o: kernel/shell.c kernel/shell.h \
 lib/compiler.h kernel/kernel.h kernel/console.h kernel/printk.h \
 lib/errno.h lib/string.h lib/vsprintf.h lib/ctype.h
kernel/shell.h:
lib/compiler.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
lib/ctype.h:
