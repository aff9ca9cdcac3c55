build-debug/obj/kernel/gdt.o: kernel/gdt.c kernel/traps.h kernel/asm.h \
 lib/compiler.h
kernel/traps.h:
kernel/asm.h:
lib/compiler.h:
