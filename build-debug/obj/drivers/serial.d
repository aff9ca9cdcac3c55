build-debug/obj/drivers/serial.o: drivers/serial.c drivers/serial.h \
 kernel/console.h lib/compiler.h kernel/irq.h kernel/traps.h kernel/asm.h \
 kernel/x86.h
drivers/serial.h:
kernel/console.h:
lib/compiler.h:
kernel/irq.h:
kernel/traps.h:
kernel/asm.h:
kernel/x86.h:
