/* Copying to and from user memory: see uaccess.h. */
#include "kernel/uaccess.h"
#include "lib/errno.h"

/*
 * "rep movsb" can be interrupted and resumed at any byte: if it
 * faults for good, ecx still holds the bytes left, which is what the
 * fixup (the instruction after it) returns.
 */
static unsigned long __copy_user(void *to, const void *from, unsigned long n)
{
	__asm__ __volatile__(
		"1:	rep movsb\n"
		"2:\n"
		"	.pushsection __ex_table, \"a\"\n"
		"	.balign 4\n"
		"	.long 1b, 2b\n"
		"	.popsection\n"
		: "+c"(n), "+D"(to), "+S"(from) : : "memory");
	return n;
}

unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	return access_ok(to, n) ? __copy_user(to, from, n) : n;
}

unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	return access_ok(from, n) ? __copy_user(to, from, n) : n;
}

int put_user_u32(uint32_t val, void *uaddr)
{
	return copy_to_user(uaddr, &val, sizeof(val)) ? -EFAULT : 0;
}

/*
 * One "lock cmpxchg" on the user word.  A fault in it is handled as
 * any user access from the kernel (the page comes in, maybe after a
 * sleep) and the instruction runs again, comparing what the word
 * holds then: no other thread can change the word between the compare
 * and the store.  A fault for good lands at 2 with -EFAULT still set.
 */
int cmpxchg_user_u32(uint32_t *uaddr, uint32_t old, uint32_t new,
		     uint32_t *cur)
{
	int err;

	if (!access_ok(uaddr, sizeof(*uaddr)))
		return -EFAULT;
	__asm__ __volatile__(
		"	movl %4, %0\n"
		"1:	lock cmpxchgl %3, %2\n"
		"	xorl %0, %0\n"
		"2:\n"
		"	.pushsection __ex_table, \"a\"\n"
		"	.balign 4\n"
		"	.long 1b, 2b\n"
		"	.popsection\n"
		: "=&r"(err), "+a"(old), "+m"(*uaddr)
		: "r"(new), "i"(-EFAULT) : "memory");
	*cur = old;
	return err;
}

/* A byte at a time: short strings (exec's), and simple to step. */
long strncpy_from_user(char *dst, const char *src, long count)
{
	for (long i = 0; i < count; i++) {
		if (copy_from_user(dst + i, src + i, 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return count;
}
