build-debug/obj/lib/cmdline.o: lib/cmdline.c lib/cmdline.h lib/compiler.h \
 lib/ctype.h lib/errno.h lib/string.h
lib/cmdline.h:
lib/compiler.h:
lib/ctype.h:
lib/errno.h:
lib/string.h:
