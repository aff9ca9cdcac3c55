build-debug/obj/tests/kernel/numa_test.o: tests/kernel/numa_test.c \
 kernel/kernel.h kernel/console.h lib/compiler.h kernel/printk.h \
 lib/errno.h lib/string.h lib/vsprintf.h lib/ktest.h mm/internal.h \
 mm/mm.h lib/list.h mm/mmzone.h mm/page.h mm/numa.h
kernel/kernel.h:
kernel/console.h:
lib/compiler.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
lib/ktest.h:
mm/internal.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
mm/numa.h:
