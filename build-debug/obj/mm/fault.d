build-debug/obj/mm/fault.o: mm/fault.c mm/fault.h kernel/traps.h \
 kernel/asm.h lib/compiler.h kernel/extable.h kernel/kernel.h \
 kernel/console.h kernel/printk.h lib/errno.h lib/string.h lib/vsprintf.h
mm/fault.h:
kernel/traps.h:
kernel/asm.h:
lib/compiler.h:
kernel/extable.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
