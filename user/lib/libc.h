/*
 * The tiny C library of Pagoda's user programs.  Everything goes
 * through the Linux i386 system calls of kernel/abi.h, so a program
 * built with it runs unchanged on Linux.  String functions, printf
 * formatting and size parsing are the kernel's own lib/ code.
 */
#ifndef USER_LIB_LIBC_H
#define USER_LIB_LIBC_H

#include <stdarg.h>
#include "kernel/abi.h"
#include "lib/cmdline.h"
#include "lib/compiler.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define PAGE_SIZE	4096UL

extern int errno;

int main(int argc, char **argv);

/* The raw call: returns -errno on failure, errno untouched. */
long __syscall(long nr, long a1, long a2, long a3, long a4, long a5,
	       long a6);

/* A child (a thread, with CLONE_VM) running fn(arg) on stack's top:
 * its id or -errno (user/lib/clone.c). */
long clone_fn(unsigned long flags, void *stack, int (*fn)(void *),
	      void *arg, int *ptid, void *tls, int *ctid);

/* The usual wrappers: -1 and errno on failure. */
__noreturn void exit(int status);
int fork(void);
long read(int fd, void *buf, unsigned long count);
long write(int fd, const void *buf, unsigned long count);
int waitpid(int pid, int *status, int options);
int getpid(void);
int getppid(void);
int kill(int pid, int sig);
void *sbrk(long increment);
void *mmap(void *addr, unsigned long len, int prot, int flags, int fd,
	   unsigned long offset);
int munmap(void *addr, unsigned long len);
int mprotect(void *addr, unsigned long len, int prot);
int sched_yield(void);
int nanosleep(const struct timespec *req, struct timespec *rem);
int getrusage(int who, struct rusage *usage);

/* stdio, on write(); unbuffered, so each call is one write. */
int printf(const char *fmt, ...) __printf(1, 2);
int checks_in_child(const char *name, int (*checks)(void));
int dprintf(int fd, const char *fmt, ...) __printf(2, 3);
const char *strerror(int err);

/* Memory: small blocks on brk, large ones (>= 128 KiB) on mmap. */
void *malloc(unsigned long size);
void free(void *ptr);

#endif
