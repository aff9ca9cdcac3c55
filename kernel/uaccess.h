/*
 * Copying to and from user memory (Linux's asm-i386/uaccess.h).
 *
 * A system call never trusts a pointer it is given.  access_ok()
 * refuses ranges that reach into the kernel; a range below that may
 * still be unmapped, so the copy itself runs on an instruction with
 * an exception-table fixup (kernel/extable.h): when the page-fault
 * handler finds no VMA it resumes at the fixup, and the copy returns
 * how many bytes it could not copy.  Callers turn that into -EFAULT.
 * Faults on valid user memory are ordinary: the page is brought in
 * (demand-zero, copy-on-write) and the copy goes on.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include "lib/compiler.h"
#include "mm/mm_types.h"

/* Does [addr, addr + size) lie in the user part of the address space? */
static inline bool access_ok(const void *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/* Both return the number of bytes NOT copied: 0 on success. */
unsigned long copy_to_user(void *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void *from, unsigned long n);

/* 0, or -EFAULT. */
int put_user_u32(uint32_t val, void *uaddr);

/* *uaddr = new if it holds old, atomically; *cur gets what it held.
 * 0, or -EFAULT (2.6's futex_atomic_cmpxchg_inatomic). */
int cmpxchg_user_u32(uint32_t *uaddr, uint32_t old, uint32_t new,
		     uint32_t *cur);

/*
 * Copies the string at src, at most count bytes of it: its length,
 * or count if no NUL came in count bytes (dst is then not ended), or
 * -EFAULT.  Linux's strncpy_from_user().
 */
long strncpy_from_user(char *dst, const char *src, long count);

#endif
