build-debug/obj/tests/kernel/oops_demo.o: tests/kernel/oops_demo.c \
 lib/ktest.h lib/compiler.h
lib/ktest.h:
lib/compiler.h:
