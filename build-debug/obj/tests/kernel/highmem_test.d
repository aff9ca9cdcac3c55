build-debug/obj/tests/kernel/highmem_test.o: tests/kernel/highmem_test.c \
 kernel/kernel.h kernel/console.h lib/compiler.h kernel/printk.h \
 lib/errno.h lib/string.h lib/vsprintf.h lib/ktest.h mm/fixmap.h \
 mm/highmem.h mm/mm.h lib/list.h mm/mmzone.h mm/page.h mm/debug.h \
 mm/internal.h
kernel/kernel.h:
kernel/console.h:
lib/compiler.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
lib/ktest.h:
mm/fixmap.h:
mm/highmem.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
mm/debug.h:
mm/internal.h:
