/* Page locks (mm/filemap.c). */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

struct page;

void lock_page(struct page *page);
int TryLockPage(struct page *page);
void unlock_page(struct page *page);
void wait_on_page(struct page *page);

#endif
