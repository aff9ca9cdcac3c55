build-debug/obj/drivers/vga.o: drivers/vga.c drivers/vga.h kernel/x86.h \
 lib/compiler.h lib/string.h mm/page.h
drivers/vga.h:
kernel/x86.h:
lib/compiler.h:
lib/string.h:
mm/page.h:
