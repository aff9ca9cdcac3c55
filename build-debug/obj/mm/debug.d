build-debug/obj/mm/debug.o: mm/debug.c mm/debug.h mm/mm.h lib/compiler.h \
 lib/list.h mm/mmzone.h mm/page.h kernel/kernel.h kernel/console.h \
 kernel/printk.h lib/errno.h lib/string.h lib/vsprintf.h kernel/ksyms.h \
 kernel/x86.h mm/highmem.h
mm/debug.h:
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
kernel/ksyms.h:
kernel/x86.h:
mm/highmem.h:
