build-debug/obj/mm/slab.o: mm/slab.c mm/slab.h lib/compiler.h \
 kernel/kernel.h kernel/console.h kernel/printk.h lib/errno.h \
 lib/string.h lib/vsprintf.h kernel/ksyms.h kernel/shell.h kernel/x86.h \
 mm/mm.h lib/list.h mm/mmzone.h mm/page.h
mm/slab.h:
lib/compiler.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/ksyms.h:
kernel/shell.h:
kernel/x86.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
