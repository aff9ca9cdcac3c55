build-debug/obj/kernel/panic.o: kernel/panic.c kernel/kernel.h \
 kernel/console.h lib/compiler.h kernel/printk.h lib/errno.h lib/string.h \
 lib/vsprintf.h kernel/extable.h kernel/traps.h kernel/asm.h \
 kernel/ksyms.h kernel/power.h kernel/x86.h mm/page.h
kernel/kernel.h:
kernel/console.h:
lib/compiler.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/extable.h:
kernel/traps.h:
kernel/asm.h:
kernel/ksyms.h:
kernel/power.h:
kernel/x86.h:
mm/page.h:
