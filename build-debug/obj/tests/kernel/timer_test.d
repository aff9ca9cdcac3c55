build-debug/obj/tests/kernel/timer_test.o: tests/kernel/timer_test.c \
 kernel/irq.h kernel/traps.h kernel/asm.h lib/compiler.h kernel/time.h \
 kernel/x86.h lib/ktest.h
kernel/irq.h:
kernel/traps.h:
kernel/asm.h:
lib/compiler.h:
kernel/time.h:
kernel/x86.h:
lib/ktest.h:
