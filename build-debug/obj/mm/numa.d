build-debug/obj/mm/numa.o: mm/numa.c mm/numa.h mm/mmzone.h lib/list.h \
 lib/compiler.h kernel/acpi.h kernel/kernel.h kernel/console.h \
 kernel/printk.h lib/errno.h lib/string.h lib/vsprintf.h kernel/params.h \
 lib/cmdline.h kernel/x86.h mm/bootmem.h mm/mm.h mm/page.h
mm/numa.h:
mm/mmzone.h:
lib/list.h:
lib/compiler.h:
kernel/acpi.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/params.h:
lib/cmdline.h:
kernel/x86.h:
mm/bootmem.h:
mm/mm.h:
mm/page.h:
