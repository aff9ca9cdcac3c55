/*
 * Forced into every file of the host unit-test build (-include).
 *
 * lib/ defines memcpy, strlen, snprintf... under their C names.  On
 * the host those names belong to the C library (and ASan intercepts
 * them), so here ours are renamed with a pg_ prefix: the tests call
 * and check our implementations, and libc keeps its own.
 */
#ifndef TESTS_HOST_HOST_H
#define TESTS_HOST_HOST_H

/* The C library's headers first, before the renames below. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define memset		pg_memset
#define memcpy		pg_memcpy
#define memmove		pg_memmove
#define memcmp		pg_memcmp
#define strlen		pg_strlen
#define strnlen		pg_strnlen
#define strcmp		pg_strcmp
#define strncmp		pg_strncmp
#define strchr		pg_strchr
#define strstr		pg_strstr
#define strlcpy		pg_strlcpy
#define strsep		pg_strsep
#define strerror	pg_strerror
#define vsnprintf	pg_vsnprintf
#define snprintf	pg_snprintf
#define isdigit		pg_isdigit
#define isspace		pg_isspace
#define isprint		pg_isprint
#define isxdigit	pg_isxdigit
#define tolower		pg_tolower

/*
 * The mm/ files see "physical memory" at the address of the arena the
 * tests allocate (tests/host/mm_fixture.c), instead of 0xC0000000.
 */
extern unsigned long host_page_offset;
#define PAGE_OFFSET	host_page_offset

#endif
