build-debug/obj/mm/bootmem.o: mm/bootmem.c mm/bootmem.h lib/compiler.h \
 kernel/kernel.h kernel/console.h kernel/printk.h lib/errno.h \
 lib/string.h lib/vsprintf.h kernel/multiboot.h kernel/params.h \
 lib/cmdline.h mm/internal.h mm/mm.h lib/list.h mm/mmzone.h mm/page.h
mm/bootmem.h:
lib/compiler.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/multiboot.h:
kernel/params.h:
lib/cmdline.h:
mm/internal.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
