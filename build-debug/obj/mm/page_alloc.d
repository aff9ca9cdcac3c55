build-debug/obj/mm/page_alloc.o: mm/page_alloc.c mm/internal.h mm/mm.h \
 lib/compiler.h lib/list.h mm/mmzone.h mm/page.h kernel/kernel.h \
 kernel/console.h kernel/printk.h lib/errno.h lib/string.h lib/vsprintf.h \
 kernel/sched.h kernel/x86.h mm/debug.h mm/vmscan.h
mm/internal.h:
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
kernel/sched.h:
kernel/x86.h:
mm/debug.h:
mm/vmscan.h:
