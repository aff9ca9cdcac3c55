/* Page locks (mm/filemap.c). */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

#include "kernel/wait.h"

struct page;

void page_waitqueue_init(void);
wait_queue_head_t *page_waitqueue(const struct page *page);
void lock_page(struct page *page);
int TryLockPage(struct page *page);
void unlock_page(struct page *page);
void wait_on_page(struct page *page);

#endif
