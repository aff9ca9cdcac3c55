#ifndef MM_INIT_H
#define MM_INIT_H

#include "lib/compiler.h"

extern uint32_t swapper_pg_dir[1024];
extern unsigned long max_low_pfn;

void paging_init(void);

#endif
