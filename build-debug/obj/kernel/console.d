build-debug/obj/kernel/console.o: kernel/console.c kernel/console.h \
 lib/compiler.h drivers/serial.h drivers/vga.h kernel/x86.h \
 lib/vsprintf.h
kernel/console.h:
lib/compiler.h:
drivers/serial.h:
drivers/vga.h:
kernel/x86.h:
lib/vsprintf.h:
