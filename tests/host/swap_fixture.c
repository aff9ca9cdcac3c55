/* See swap_fixture.h. */
#include "tests/host/swap_fixture.h"
#include "tests/host/kernel_shim.h"
#include "lib/string.h"

void swap_fixture_reset(void)
{
	unsigned int i;

	for (i = 0; i < MAX_SWAPFILES; i++) {
		free(swap_info[i].swap_map);
		free(swap_info[i].users);
	}
	memset(swap_info, 0, sizeof(swap_info));
	nr_swapfiles = 0;
	swap_list.head = swap_list.next = -1;
	nr_swap_pages = total_swap_pages = 0;
	host_printk_clear();
}

union swap_header *swap_fixture_mkswap(unsigned long pages)
{
	union swap_header *h = calloc(1, sizeof(*h));

	memcpy(h->magic.magic, "SWAPSPACE2", SWAP_MAGIC_LEN);
	h->info.version = 1;
	h->info.last_page = pages - 1;
	return h;
}

void swap_fixture_add_bad(union swap_header *h, uint32_t page)
{
	h->info.badpages[h->info.nr_badpages++] = page;
}

struct swap_info_struct *swap_fixture_swapon(union swap_header *h, int prio)
{
	struct swap_info_struct *p = alloc_swap_info();
	unsigned long max = h->info.last_page + 1;

	setup_swap_area(p, h, max, calloc(max, sizeof(unsigned short)));
	/* the invariant checker's scratch, as swapon() allocates it */
	p->users = calloc(max, sizeof(*p->users));
	enable_swap_area(p, prio);
	free(h);
	return p;
}
