build-debug/obj/kernel/time.o: kernel/time.c kernel/time.h kernel/irq.h \
 kernel/traps.h kernel/asm.h lib/compiler.h kernel/x86.h
kernel/time.h:
kernel/irq.h:
kernel/traps.h:
kernel/asm.h:
lib/compiler.h:
kernel/x86.h:
