/*
 * Swap areas for the host unit tests: the global swap state reset, a
 * header as mkswap writes it, and an area set up from a header the way
 * swapon does it (mm/swapon.c), without a disk behind it unless the
 * test gives one (tests/host/ramdisk.h).
 */
#ifndef TESTS_HOST_SWAP_FIXTURE_H
#define TESTS_HOST_SWAP_FIXTURE_H

#include "mm/swap.h"

/* Forgets every area (the maps of earlier cases are freed). */
void swap_fixture_reset(void);

/* A header as mkswap writes it for a disk of `pages` pages. */
union swap_header *swap_fixture_mkswap(unsigned long pages);

/* Lists page as bad in h. */
void swap_fixture_add_bad(union swap_header *h, uint32_t page);

/* An area set up from h (which it frees) at priority prio. */
struct swap_info_struct *swap_fixture_swapon(union swap_header *h, int prio);

#endif
