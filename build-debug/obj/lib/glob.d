build-debug/obj/lib/glob.o: lib/glob.c lib/glob.h lib/string.h
lib/glob.h:
lib/string.h:
