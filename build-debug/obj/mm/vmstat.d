build-debug/obj/mm/vmstat.o: mm/vmstat.c kernel/kernel.h kernel/console.h \
 lib/compiler.h kernel/printk.h lib/errno.h lib/string.h lib/vsprintf.h \
 kernel/shell.h mm/mm.h lib/list.h mm/mmzone.h mm/page.h
kernel/kernel.h:
kernel/console.h:
lib/compiler.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/shell.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
