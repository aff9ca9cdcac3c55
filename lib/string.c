/*
 * String and memory functions.  Plain byte loops except where a
 * rep-string instruction is both simpler and much faster.
 */
#include "lib/string.h"
#include "lib/compiler.h"

/*
 * memset and memcpy are rep-string instructions in the kernel, four
 * bytes at a time: swap I/O clears an 808-byte request and the swap
 * cache a 260-byte radix-tree node each time it needs one, and under
 * QEMU's TCG a byte loop costs four instructions a byte where a
 * "rep stosl" costs one step per word (memhog 96M in 64 MiB: 150
 * instructions per page swapped out, 3% of the kernel's).  The host
 * build (x86-64, under ASan, which checks each store of a loop) keeps
 * the loops.
 */
#ifdef __i386__
void *memset(void *dst, int c, size_t n)
{
	void *d = dst;
	size_t words = n / 4;

	asm volatile("rep stosl\n\t"
		     "movl %[tail], %%ecx\n\t"
		     "rep stosb"
		     : "+D"(d), "+c"(words)
		     : "a"((unsigned char)c * 0x01010101U), [tail] "rm"(n % 4)
		     : "memory");
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t words = n / 4;

	asm volatile("rep movsl\n\t"
		     "movl %[tail], %%ecx\n\t"
		     "rep movsb"
		     : "+D"(d), "+S"(src), "+c"(words)
		     : [tail] "rm"(n % 4)
		     : "memory");
	return dst;
}
#else
void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}
#endif

/* Copies correctly when the areas overlap, in either direction. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}

/* BSD strlcpy: always terminates (if size > 0), returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/* Splits off the token before the first delimiter, as in BSD libc. */
char *strsep(char **stringp, const char *delim)
{
	char *start = *stringp, *p;

	if (!start)
		return NULL;
	for (p = start; *p; p++) {
		if (strchr(delim, *p)) {
			*p = '\0';
			*stringp = p + 1;
			return start;
		}
	}
	*stringp = NULL;
	return start;
}
