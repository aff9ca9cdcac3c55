build-debug/obj/tests/kernel/slab_test.o: tests/kernel/slab_test.c \
 kernel/kernel.h kernel/console.h lib/compiler.h kernel/printk.h \
 lib/errno.h lib/string.h lib/vsprintf.h lib/ktest.h mm/debug.h mm/mm.h \
 lib/list.h mm/mmzone.h mm/page.h mm/slab.h
kernel/kernel.h:
kernel/console.h:
lib/compiler.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
lib/ktest.h:
mm/debug.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
mm/slab.h:
