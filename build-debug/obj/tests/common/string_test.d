build-debug/obj/tests/common/string_test.o: tests/common/string_test.c \
 lib/ktest.h lib/compiler.h lib/string.h
lib/ktest.h:
lib/compiler.h:
lib/string.h:
