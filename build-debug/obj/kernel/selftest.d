build-debug/obj/kernel/selftest.o: kernel/selftest.c kernel/kernel.h \
 kernel/console.h lib/compiler.h kernel/printk.h lib/errno.h lib/string.h \
 lib/vsprintf.h kernel/params.h lib/cmdline.h kernel/power.h \
 kernel/shell.h lib/ktest.h
kernel/kernel.h:
kernel/console.h:
lib/compiler.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/params.h:
lib/cmdline.h:
kernel/power.h:
kernel/shell.h:
lib/ktest.h:
