build-debug/obj/tests/common/buddy_model_test.o: \
 tests/common/buddy_model_test.c lib/ktest.h lib/compiler.h lib/string.h \
 kernel/sched.h mm/debug.h mm/mm.h lib/list.h mm/mmzone.h mm/page.h \
 tests/common/buddy_model.h
lib/ktest.h:
lib/compiler.h:
lib/string.h:
kernel/sched.h:
mm/debug.h:
mm/mm.h:
lib/list.h:
mm/mmzone.h:
mm/page.h:
tests/common/buddy_model.h:
