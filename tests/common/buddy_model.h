/*
 * The machine tests/common/buddy_model_test.c runs on: the real one in
 * the kernel (tests/kernel/page_alloc_test.c), a fixture of 4096 pages
 * on the host (tests/host/mm_fixture.c).
 */
#ifndef TESTS_COMMON_BUDDY_MODEL_H
#define TESTS_COMMON_BUDDY_MODEL_H

#include "lib/compiler.h"

bool buddy_model_machine(void);	/* false: could not set it up */
void buddy_model_done(void);

#endif
