build-debug/obj/lib/ktest.o: lib/ktest.c lib/ktest.h lib/compiler.h \
 lib/glob.h lib/string.h
lib/ktest.h:
lib/compiler.h:
lib/glob.h:
lib/string.h:
