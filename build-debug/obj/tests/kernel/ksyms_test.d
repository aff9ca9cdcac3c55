build-debug/obj/tests/kernel/ksyms_test.o: tests/kernel/ksyms_test.c \
 kernel/ksyms.h lib/ktest.h lib/compiler.h lib/string.h
kernel/ksyms.h:
lib/ktest.h:
lib/compiler.h:
lib/string.h:
