build-debug/obj/kernel/irq.o: kernel/irq.c kernel/irq.h kernel/traps.h \
 kernel/asm.h lib/compiler.h kernel/kernel.h kernel/console.h \
 kernel/printk.h lib/errno.h lib/string.h lib/vsprintf.h kernel/x86.h
kernel/irq.h:
kernel/traps.h:
kernel/asm.h:
lib/compiler.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/x86.h:
