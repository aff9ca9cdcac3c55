build-debug/obj/kernel/entry.o: kernel/entry.S kernel/asm.h
kernel/asm.h:
