/*
 * Isolating a page for a migration test, on the kernel and the host:
 * isolate_lru_page() must say yes and mean it.  A stub that answers 0
 * without isolating leaves the page on its LRU list; put on the test's
 * list too, the next walk of either list runs off into the list heads
 * (on the host an ASan report ended the whole run).
 */
#ifndef TESTS_COMMON_ISOLATE_H
#define TESTS_COMMON_ISOLATE_H

#include "lib/ktest.h"
#include "mm/migrate.h"
#include "mm/mm.h"

/* True if isolate_lru_page() took the page; else t fails, naming it. */
static inline bool isolated_for_test(struct ktest *t, struct page *page)
{
	int rc = isolate_lru_page(page);

	if (!rc && PageIsolated(page))
		return true;
	ktest_fail(t, __FILE__, __LINE__, "isolate_lru_page(pfn %lu) "
		   "returned %d, %s", page_to_pfn(page), rc,
		   rc ? "expected 0 (a user page)"
		      : "but the page is not isolated (PG_isolated clear)");
	return false;
}

#endif
