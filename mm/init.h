#ifndef MM_INIT_H
#define MM_INIT_H

#include "lib/compiler.h"
#include "mm/bootmem.h"

extern uint32_t swapper_pg_dir[1024];

void paging_init(void);

#endif
