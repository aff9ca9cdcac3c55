build-debug/obj/kernel/printk.o: kernel/printk.c kernel/printk.h \
 lib/compiler.h kernel/console.h kernel/params.h lib/cmdline.h \
 kernel/time.h kernel/x86.h lib/string.h lib/vsprintf.h
kernel/printk.h:
lib/compiler.h:
kernel/console.h:
kernel/params.h:
lib/cmdline.h:
kernel/time.h:
kernel/x86.h:
lib/string.h:
lib/vsprintf.h:
