build-debug/obj/kernel/multiboot.o: kernel/multiboot.c kernel/multiboot.h \
 lib/compiler.h boot/multiboot.h kernel/kernel.h kernel/console.h \
 kernel/printk.h lib/errno.h lib/string.h lib/vsprintf.h mm/page.h
kernel/multiboot.h:
lib/compiler.h:
boot/multiboot.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
mm/page.h:
