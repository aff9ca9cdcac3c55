build-debug/obj/tests/common/vsprintf_test.o: \
 tests/common/vsprintf_test.c lib/ktest.h lib/compiler.h lib/string.h \
 lib/vsprintf.h
lib/ktest.h:
lib/compiler.h:
lib/string.h:
lib/vsprintf.h:
