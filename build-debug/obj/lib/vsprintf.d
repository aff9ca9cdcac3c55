build-debug/obj/lib/vsprintf.o: lib/vsprintf.c lib/vsprintf.h \
 lib/compiler.h lib/ctype.h lib/string.h
lib/vsprintf.h:
lib/compiler.h:
lib/ctype.h:
lib/string.h:
