build-debug/obj/mm/meminfo.o: mm/meminfo.c kernel/kernel.h \
 kernel/console.h lib/compiler.h kernel/printk.h lib/errno.h lib/string.h \
 lib/vsprintf.h kernel/shell.h mm/internal.h mm/mm.h lib/list.h \
 mm/mmzone.h mm/page.h mm/slab.h mm/vmscan.h
kernel/kernel.h:
kernel/console.h:
lib/compiler.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/shell.h:
mm/internal.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
mm/slab.h:
mm/vmscan.h:
