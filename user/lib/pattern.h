/*
 * The word a test program stores at an address, so that any word read
 * back can be checked: a mix of the address, a seed (the pid, or the
 * writer's number) and a pass, different in every bit between
 * neighbouring words and pages.  A page lost, mixed up with another
 * page or another process's page, or swapped back wrong does not
 * match.
 */
#ifndef USER_LIB_PATTERN_H
#define USER_LIB_PATTERN_H

#include "lib/compiler.h"

static inline uint32_t pattern(uintptr_t addr, uint32_t seed, uint32_t pass)
{
	uint32_t x = addr ^ (seed << 22) ^ (pass * 0x9E3779B9u);

	x ^= x >> 15;
	x *= 0x2C1B3C6Du;
	x ^= x >> 12;
	return x;
}

#endif
