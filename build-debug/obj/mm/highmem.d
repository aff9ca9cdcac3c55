build-debug/obj/mm/highmem.o: mm/highmem.c mm/highmem.h mm/mm.h \
 lib/compiler.h lib/list.h mm/mmzone.h mm/page.h kernel/kernel.h \
 kernel/console.h kernel/printk.h lib/errno.h lib/string.h lib/vsprintf.h \
 kernel/x86.h mm/fixmap.h
mm/highmem.h:
mm/mm.h:
lib/compiler.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/x86.h:
mm/fixmap.h:
