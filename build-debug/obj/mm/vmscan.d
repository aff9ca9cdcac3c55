build-debug/obj/mm/vmscan.o: mm/vmscan.c mm/swap.h mm/mmzone.h lib/list.h \
 lib/compiler.h mm/internal.h mm/mm.h mm/page.h
mm/swap.h:
mm/mmzone.h:
lib/list.h:
lib/compiler.h:
mm/internal.h:
mm/mm.h:
mm/page.h:
