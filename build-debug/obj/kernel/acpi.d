build-debug/obj/kernel/acpi.o: kernel/acpi.c kernel/acpi.h lib/compiler.h \
 kernel/kernel.h kernel/console.h kernel/printk.h lib/errno.h \
 lib/string.h lib/vsprintf.h mm/fixmap.h mm/highmem.h mm/mm.h lib/list.h \
 mm/mmzone.h mm/page.h
kernel/acpi.h:
lib/compiler.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
mm/fixmap.h:
mm/highmem.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
