build-debug/obj/tests/common/glob_test.o: tests/common/glob_test.c \
 lib/glob.h lib/ktest.h lib/compiler.h
lib/glob.h:
lib/ktest.h:
lib/compiler.h:
