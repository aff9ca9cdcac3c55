build-debug/obj/mm/vmscan.o: mm/vmscan.c mm/vmscan.h mm/mmzone.h \
 lib/list.h lib/compiler.h mm/internal.h mm/mm.h mm/page.h
mm/vmscan.h:
mm/mmzone.h:
lib/list.h:
lib/compiler.h:
mm/internal.h:
mm/mm.h:
mm/page.h:
