build-debug/obj/kernel/sched.o: kernel/sched.c kernel/sched.h
kernel/sched.h:
