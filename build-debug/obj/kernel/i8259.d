build-debug/obj/kernel/i8259.o: kernel/i8259.c kernel/irq.h \
 kernel/traps.h kernel/asm.h lib/compiler.h kernel/x86.h
kernel/irq.h:
kernel/traps.h:
kernel/asm.h:
lib/compiler.h:
kernel/x86.h:
