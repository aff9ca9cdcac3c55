build-debug/obj/boot/head.o: boot/head.S boot/multiboot.h
boot/multiboot.h:
