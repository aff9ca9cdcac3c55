/*
 * ktest-host's catch of a NULL pointer dereference in a case
 * (tests/host/null_fault.c, used by case_guard.c).  Its own file: the
 * C library's <signal.h> and the kernel's headers define the same
 * names (sa_handler).
 */
#ifndef TESTS_HOST_NULL_FAULT_H
#define TESTS_HOST_NULL_FAULT_H

#include "lib/compiler.h"

/*
 * From now on a SIGSEGV at an address in the first 64 KiB calls
 * fail(msg), msg naming the address and the function and line that
 * faulted; fail must not return (it jumps out of the handler).  Any
 * other fault goes to the handler that was there before (ASan's).
 */
void null_fault_catch(__noreturn void (*fail)(const char *msg));

/* The handler that was there before is back. */
void null_fault_release(void);

#endif
