build-debug/obj/kernel/params.o: kernel/params.c kernel/params.h \
 lib/cmdline.h lib/compiler.h kernel/console.h kernel/printk.h \
 lib/string.h lib/vsprintf.h
kernel/params.h:
lib/cmdline.h:
lib/compiler.h:
kernel/console.h:
kernel/printk.h:
lib/string.h:
lib/vsprintf.h:
