build-debug/obj/tests/kernel/page_alloc_test.o: \
 tests/kernel/page_alloc_test.c kernel/kernel.h kernel/console.h \
 lib/compiler.h kernel/printk.h lib/errno.h lib/string.h lib/vsprintf.h \
 kernel/ksyms.h kernel/sched.h lib/ktest.h mm/debug.h mm/mm.h lib/list.h \
 mm/mmzone.h mm/page.h mm/internal.h mm/vmscan.h \
 tests/common/buddy_model.h
kernel/kernel.h:
kernel/console.h:
lib/compiler.h:
kernel/printk.h:
lib/errno.h:
lib/string.h:
lib/vsprintf.h:
kernel/ksyms.h:
kernel/sched.h:
lib/ktest.h:
mm/debug.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
mm/internal.h:
mm/vmscan.h:
tests/common/buddy_model.h:
