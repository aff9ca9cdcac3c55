build-debug/obj/kernel/power.o: kernel/power.c kernel/power.h \
 lib/compiler.h kernel/kernel.h kernel/console.h kernel/printk.h \
 lib/errno.h lib/string.h lib/vsprintf.h kernel/shell.h kernel/x86.h
kernel/power.h:
lib/compiler.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/shell.h:
kernel/x86.h:
