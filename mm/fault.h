#ifndef MM_FAULT_H
#define MM_FAULT_H

#include "kernel/traps.h"

void do_page_fault(struct pt_regs *regs, unsigned long address);

#endif
