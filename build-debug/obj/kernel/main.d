build-debug/obj/kernel/main.o: kernel/main.c kernel/kernel.h \
 kernel/console.h lib/compiler.h kernel/printk.h lib/errno.h lib/string.h \
 lib/vsprintf.h kernel/irq.h kernel/traps.h kernel/asm.h \
 kernel/multiboot.h kernel/params.h lib/cmdline.h kernel/shell.h \
 kernel/time.h kernel/x86.h drivers/serial.h mm/init.h mm/bootmem.h \
 mm/mm.h lib/list.h mm/mmzone.h mm/page.h
kernel/kernel.h:
kernel/console.h:
lib/compiler.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/irq.h:
kernel/traps.h:
kernel/asm.h:
kernel/multiboot.h:
kernel/params.h:
lib/cmdline.h:
kernel/shell.h:
kernel/time.h:
kernel/x86.h:
drivers/serial.h:
mm/init.h:
mm/bootmem.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
