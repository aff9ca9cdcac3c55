build-debug/obj/kernel/traps.o: kernel/traps.c kernel/traps.h \
 kernel/asm.h lib/compiler.h kernel/extable.h kernel/irq.h \
 kernel/kernel.h kernel/console.h kernel/printk.h lib/errno.h \
 lib/string.h lib/vsprintf.h kernel/power.h kernel/x86.h mm/fault.h
kernel/traps.h:
kernel/asm.h:
lib/compiler.h:
kernel/extable.h:
kernel/irq.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/power.h:
kernel/x86.h:
mm/fault.h:
