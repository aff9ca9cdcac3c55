build-debug/obj/tests/common/cmdline_test.o: tests/common/cmdline_test.c \
 lib/cmdline.h lib/compiler.h lib/errno.h lib/ktest.h lib/string.h \
 lib/vsprintf.h
lib/cmdline.h:
lib/compiler.h:
lib/errno.h:
lib/ktest.h:
lib/string.h:
lib/vsprintf.h:
