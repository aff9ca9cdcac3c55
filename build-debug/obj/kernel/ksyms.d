build-debug/obj/kernel/ksyms.o: kernel/ksyms.c kernel/ksyms.h \
 lib/string.h lib/vsprintf.h lib/compiler.h
kernel/ksyms.h:
lib/string.h:
lib/vsprintf.h:
lib/compiler.h:
