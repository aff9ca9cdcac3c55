build-debug/obj/tests/kernel/traps_test.o: tests/kernel/traps_test.c \
 kernel/extable.h kernel/traps.h kernel/asm.h lib/compiler.h lib/errno.h \
 lib/ktest.h mm/page.h
kernel/extable.h:
kernel/traps.h:
kernel/asm.h:
lib/compiler.h:
lib/errno.h:
lib/ktest.h:
mm/page.h:
