build-debug/obj/kernel/extable.o: kernel/extable.c kernel/extable.h \
 kernel/traps.h kernel/asm.h lib/compiler.h lib/errno.h
kernel/extable.h:
kernel/traps.h:
kernel/asm.h:
lib/compiler.h:
lib/errno.h:
