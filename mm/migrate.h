/*
 * Page migration: moving the contents of user pages to other page
 * frames while the processes that map them keep running, as Linux
 * 2.6.16+ mm/migrate.c does (Linux 2.4.0 has no page migration; this
 * follows the shapes of 2.6.18-2.6.x).  The procedure, step by step,
 * is in mm/migrate.c and docs/migration.md.
 *
 * How a caller uses it (the three steps of "migrate_pages() in the
 * kernel"):
 *  1. isolate_lru_page() each page it wants to move and link it
 *     through page->lru on a private list;
 *  2. supply a new_page_t that allocates the target of each page;
 *  3. call migrate_pages(), then putback_lru_pages() on what is left.
 *
 * Counters: migrate_pages() counts pgmigrate_success and
 * pgmigrate_fail (mm/vmstat.h: PGMIGRATE_SUCCESS, PGMIGRATE_FAIL) once
 * per page, when that page's fate is decided.
 */
#ifndef MM_MIGRATE_H
#define MM_MIGRATE_H

#include "lib/list.h"

struct page;

/*
 * Allocates the page that `page` is to be copied to; `private` is
 * the caller's (e.g. the target node), passed through unchanged.
 * NULL means no page (migrate_pages() then stops with -ENOMEM).
 * It may set *result to an int of its own: migrate_pages() stores
 * there 0 when the page moved, or the -errno that kept it (the
 * per-page status move_pages(2) reports).
 */
typedef struct page *new_page_t(struct page *page, unsigned long private,
				int **result);

/*
 * Moves the pages on `from` (isolated, linked through page->lru).
 * Up to 10 passes: a page that answers -EAGAIN is tried again on the
 * next pass (blocking waits only after the first few passes);
 * -ENOMEM from the allocation stops everything; any other error is
 * permanent for that page.  A moved page leaves the list: its old
 * frame is freed and the new one is on the list the old one was on.
 * Returns the number of pages not moved (>= 0), which stay on `from`
 * for the caller's putback_lru_pages(), or a negative errno
 * (-ENOMEM) when it had to stop.
 */
int migrate_pages(struct list_head *from, new_page_t get_new_page,
		  unsigned long private);

/*
 * Takes `page` away from reclaim: off the active/inactive list it is
 * on (a 2.4 anonymous page that never went to swap is on none), marks
 * it isolated so swap_out, page_launder, refill_inactive_scan and
 * reclaim_page leave it alone, and takes a reference.  0, or -EBUSY
 * when the page is not a user page that can be isolated now (free,
 * slab, reserved, already isolated, or without a user mapping).
 * The caller then links it through page->lru on its own list.
 */
int isolate_lru_page(struct page *page);

/*
 * Undoes isolate_lru_page() for every page on `l`: back on its list
 * (or none), isolated mark cleared, the reference dropped (which
 * frees a page whose last user went away meanwhile).  `l` is empty
 * afterwards.
 */
void putback_lru_pages(struct list_head *l);

/*
 * How many present user PTEs map the page (the reverse map's count,
 * mm/rmap.c).  Swap and migration entries do not count.
 */
int page_mapcount(struct page *page);

/*
 * The steps of one page's move (mm/migrate.c), global so that GDB can
 * break on each, a lab can replace one, and the tests can call them.
 */
int unmap_and_move(struct page *newpage, struct page *page, int force);
void try_to_unmap(struct page *page);
int migrate_page_move_mapping(struct page *newpage, struct page *page);
void migrate_page_copy(struct page *newpage, struct page *page);
void remove_migration_ptes(struct page *new, struct page *old);

/* Debug knob: ms to sleep between steps 15 and 16 (0: none). */
extern unsigned int migrate_hold_ms;

#endif
