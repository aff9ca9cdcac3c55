build-debug/obj/mm/init.o: mm/init.c mm/init.h lib/compiler.h \
 mm/bootmem.h kernel/kernel.h kernel/console.h kernel/printk.h \
 lib/errno.h lib/string.h lib/vsprintf.h kernel/multiboot.h kernel/x86.h \
 mm/debug.h mm/mm.h lib/list.h mm/mmzone.h mm/page.h mm/fixmap.h \
 mm/highmem.h mm/internal.h mm/numa.h mm/slab.h
mm/init.h:
lib/compiler.h:
mm/bootmem.h:
kernel/kernel.h:
kernel/console.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/multiboot.h:
kernel/x86.h:
mm/debug.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
mm/fixmap.h:
mm/highmem.h:
mm/internal.h:
mm/numa.h:
mm/slab.h:
