/*
 * mm/swapfile.c on the host: the swap map allocator, priorities, the
 * header checks and the swap-entry encoding.  Host-only because the
 * cases reset the global swap state, which a running kernel uses.
 */
#include <stdlib.h>
#include "mm/swap.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/ktest.h"
#include "tests/host/kernel_shim.h"
#include "tests/host/swap_fixture.h"

static unsigned long offset_of(swp_entry_t e)
{
	return SWP_OFFSET(e);
}

/* nr_swap_pages must equal the free slots of all areas. */
static long free_slots(void)
{
	long n = 0;
	unsigned int i;

	for (i = 0; i < nr_swapfiles; i++)
		if ((swap_info[i].flags & SWP_WRITEOK) == SWP_WRITEOK)
			n += swap_info[i].pages - swap_area_used(&swap_info[i]);
	return n;
}

static void entry_encoding_round_trips(struct ktest *t)
{
	static const unsigned long offsets[] = {
		1, 2, 255, 256, 4097, 1UL << 23, SWP_OFFSET_LIMIT - 1 };
	unsigned long type, i;

	/* The documented layout: type in bits 1-6, offset from bit 8. */
	KTEST_EXPECT_EQ(t, SWP_ENTRY(1, 1).val, 0x102);
	KTEST_EXPECT_EQ(t, SWP_ENTRY(63, 0).val, 0x7e);
	for (type = 0; type < 64; type++) {
		for (i = 0; i < ARRAY_SIZE(offsets); i++) {
			swp_entry_t e = SWP_ENTRY(type, offsets[i]);
			pte_t pte = swp_entry_to_pte(e);

			KTEST_EXPECT_EQ(t, SWP_TYPE(e), type);
			KTEST_EXPECT_EQ(t, SWP_OFFSET(e), offsets[i]);
			KTEST_EXPECT_EQ(t, pte_val(pte) & 1, 0);	/* !P */
			KTEST_EXPECT_EQ(t, pte_val(pte) & 0x80, 0);
			KTEST_EXPECT_NE(t, pte_val(pte), 0);
			KTEST_EXPECT_EQ(t, pte_to_swp_entry(pte).val, e.val);
		}
	}
}

static void mkswap_header_accepted(struct ktest *t)
{
	union swap_header *h = swap_fixture_mkswap(256);
	char why[160] = "";

	KTEST_EXPECT_EQ(t, swap_header_check(h, 256, why, sizeof(why)), 0);
	KTEST_EXPECT_STREQ(t, why, "");
	/* The layout mkswap writes: fields at 1024, list at 1536. */
	KTEST_EXPECT_EQ(t, offsetof(union swap_header, info.version), 1024);
	KTEST_EXPECT_EQ(t, offsetof(union swap_header, info.badpages), 1536);
	KTEST_EXPECT_EQ(t, MAX_SWAP_BADPAGES, 637);
	KTEST_EXPECT_EQ(t, sizeof(*h), PAGE_SIZE);
	free(h);
}

/* Checks that header h on disk_pages is refused, saying `words`. */
static void expect_refused(struct ktest *t, union swap_header *h,
			   unsigned long disk_pages, const char *words)
{
	char why[160] = "";

	KTEST_EXPECT_EQ(t, swap_header_check(h, disk_pages, why, sizeof(why)),
			-EINVAL);
	if (!strstr(why, words))
		ktest_fail(t, __FILE__, __LINE__, "reason \"%s\" lacks \"%s\"",
			   why, words);
	free(h);
}

static void bad_headers_refused(struct ktest *t)
{
	union swap_header *h;

	expect_refused(t, calloc(1, sizeof(*h)), 256, "no swap signature");
	h = swap_fixture_mkswap(256);
	memcpy(h->magic.magic, "SWAP-SPACE", SWAP_MAGIC_LEN);
	expect_refused(t, h, 256, "version 0");
	h = swap_fixture_mkswap(256);
	h->info.version = 2;
	expect_refused(t, h, 256, "version 2");
	expect_refused(t, swap_fixture_mkswap(512), 256,
		       "last_page 511 lies past the end of the disk "
		       "(256 pages)");
	expect_refused(t, swap_fixture_mkswap(257), 256, "last_page 256");
	h = swap_fixture_mkswap(256);
	h->info.nr_badpages = MAX_SWAP_BADPAGES + 1;
	expect_refused(t, h, 256, "638 bad pages listed");
	h = swap_fixture_mkswap(256);
	swap_fixture_add_bad(h, 0);
	expect_refused(t, h, 256, "bad page 0 is not in 1..255");
	h = swap_fixture_mkswap(256);
	swap_fixture_add_bad(h, 256);
	expect_refused(t, h, 256, "bad page 256");
	h = swap_fixture_mkswap(3);
	swap_fixture_add_bad(h, 1);
	swap_fixture_add_bad(h, 2);
	expect_refused(t, h, 3, "no usable pages");
	expect_refused(t, swap_fixture_mkswap(1), 1, "no usable pages");
}

static void setup_marks_header_and_bad_pages(struct ktest *t)
{
	union swap_header *h = swap_fixture_mkswap(100);
	struct swap_info_struct *p;

	swap_fixture_reset();
	swap_fixture_add_bad(h, 7);
	swap_fixture_add_bad(h, 99);
	p = swap_fixture_swapon(h, 1);
	KTEST_EXPECT_EQ(t, p->max, 100);
	KTEST_EXPECT_EQ(t, p->pages, 97);	/* last_page - nr_badpages */
	KTEST_EXPECT_EQ(t, p->swap_map[0], SWAP_MAP_BAD);
	KTEST_EXPECT_EQ(t, p->swap_map[7], SWAP_MAP_BAD);
	KTEST_EXPECT_EQ(t, p->swap_map[99], SWAP_MAP_BAD);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 97);
	KTEST_EXPECT_EQ(t, total_swap_pages, 97);
	KTEST_EXPECT_EQ(t, swap_area_used(p), 0);
}

/*
 * Runs of 257 (2.4.0's scan_swap_map: the slot that starts a run, then
 * SWAPFILE_CLUSTER more), holes skipped while an empty stretch of 256
 * exists, then first fit once none is left.
 */
static void cluster_allocation_order(struct ktest *t)
{
	unsigned long i, off;

	swap_fixture_reset();
	/* slots 1..1023 */
	swap_fixture_swapon(swap_fixture_mkswap(1024), 1);
	for (i = 1; i <= 300; i++)
		KTEST_ASSERT_EQ(t, offset_of(get_swap_page()), i);
	swap_free(SWP_ENTRY(0, 10));
	swap_free(SWP_ENTRY(0, 20));
	/* The run that began at 258 goes on: the holes wait. */
	for (i = 301; i <= 514; i++)
		KTEST_ASSERT_EQ(t, offset_of(get_swap_page()), i);
	/* A new run in the next empty stretch of 256: 515..771. */
	for (i = 515; i <= 771; i++)
		KTEST_ASSERT_EQ(t, offset_of(get_swap_page()), i);
	/* 772..1023 is only 252 slots: no empty stretch, so first fit. */
	KTEST_EXPECT_EQ(t, offset_of(get_swap_page()), 10);
	KTEST_EXPECT_EQ(t, offset_of(get_swap_page()), 20);
	KTEST_EXPECT_EQ(t, offset_of(get_swap_page()), 772);
	for (off = 773; off <= 1023; off++)
		KTEST_ASSERT_EQ(t, offset_of(get_swap_page()), off);
	KTEST_EXPECT_EQ(t, get_swap_page().val, 0);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 0);
	KTEST_EXPECT_EQ(t, free_slots(), 0);
}

/* A run goes on even when an empty stretch opens up before it. */
static void run_continues_past_freed_cluster(struct ktest *t)
{
	unsigned long i;
	char why[160];

	swap_fixture_reset();
	swap_fixture_swapon(swap_fixture_mkswap(1024), 1);
	for (i = 1; i <= 600; i++)
		KTEST_ASSERT_EQ(t, offset_of(get_swap_page()), i);
	for (i = 1; i <= 256; i++)
		swap_free(SWP_ENTRY(0, i));
	/* The run that began at 515 has 171 slots left. */
	for (i = 601; i <= 771; i++)
		KTEST_ASSERT_EQ(t, offset_of(get_swap_page()), i);
	/* Then a new run: the first empty stretch, at 1. */
	KTEST_EXPECT_EQ(t, offset_of(get_swap_page()), 1);
	KTEST_EXPECT_EQ(t, free_slots(), nr_swap_pages);
	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), 0);
}

/* 2.4.0's search, slot by slot: the first empty stretch of 256 from
 * lowest_bit on, else the first free slot. */
static unsigned long first_empty_stretch(const struct swap_info_struct *p)
{
	unsigned long off, nr;

	for (off = p->lowest_bit; off + SWAPFILE_CLUSTER - 1 <= p->highest_bit;
	     off++) {
		for (nr = off; nr < off + SWAPFILE_CLUSTER; nr++)
			if (p->swap_map[nr])
				break;
		if (nr == off + SWAPFILE_CLUSTER)
			return off;
	}
	for (off = p->lowest_bit; off <= p->highest_bit; off++)
		if (!p->swap_map[off])
			return off;
	return 0;
}

/* A full area of 2048 slots with [from, to) freed. */
static struct swap_info_struct *full_area_but(const unsigned long (*holes)[2],
					      unsigned int n)
{
	struct swap_info_struct *p;

	swap_fixture_reset();
	p = swap_fixture_swapon(swap_fixture_mkswap(2048), 1);
	while (get_swap_page().val)
		;
	for (unsigned int i = 0; i < n; i++)
		for (unsigned long off = holes[i][0]; off < holes[i][1]; off++)
			if (p->swap_map[off])
				swap_free(SWP_ENTRY(0, off));
	p->cluster_nr = 0;	/* the next slot starts a run */
	return p;
}

/*
 * A new run starts where 2.4.0's slot-by-slot search would start it,
 * whatever the pattern of free slots: stretches just short of 256,
 * exactly 256, used slots right before and after them
 * (find_empty_cluster looks from a stretch's end and skips what it
 * knows is free).
 */
static void new_run_starts_in_the_first_empty_stretch(struct ktest *t)
{
	/* 5 and 257 used: the stretch from 6 is one short, from 258 fits */
	static const unsigned long one_short[][2] = {
		{ 1, 5 }, { 6, 257 }, { 258, 700 } };
	static const unsigned int lengths[] = { 1, 3, 254, 255, 256, 257, 300 };
	unsigned long seed = 12345, holes[6][2];
	struct swap_info_struct *p;
	unsigned long expected;

	p = full_area_but(one_short, ARRAY_SIZE(one_short));
	KTEST_EXPECT_EQ(t, first_empty_stretch(p), 258);
	KTEST_EXPECT_EQ(t, offset_of(get_swap_page()), 258);
	for (unsigned int round = 0; round < 200; round++) {
		unsigned int n = 1 + round % 6;

		for (unsigned int i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			holes[i][0] = 1 + (seed >> 8) % 2000;
			holes[i][1] = min(2048UL, holes[i][0] +
					  lengths[(seed >> 20) % 7]);
		}
		p = full_area_but((const unsigned long (*)[2])holes, n);
		expected = first_empty_stretch(p);
		KTEST_ASSERT_EQ(t, offset_of(get_swap_page()), expected);
	}
}

/*
 * valid_swaphandles: the aligned window of 1 << page_cluster slots
 * around an entry, from its start up to the first slot not in use.  As
 * in 2.4.0, the first window starts at the header (slot 0, bad), so
 * nothing in it is read ahead.
 */
static void readahead_window_is_aligned(struct ktest *t)
{
	int saved = page_cluster;
	unsigned long i, off = 99;

	swap_fixture_reset();
	swap_fixture_swapon(swap_fixture_mkswap(64), 1);
	for (i = 1; i <= 10; i++)
		KTEST_ASSERT_EQ(t, offset_of(get_swap_page()), i);
	page_cluster = 2;
	KTEST_EXPECT_EQ(t, valid_swaphandles(SWP_ENTRY(0, 2), &off), 0);
	KTEST_EXPECT_EQ(t, off, 0);
	KTEST_EXPECT_EQ(t, valid_swaphandles(SWP_ENTRY(0, 6), &off), 4);
	KTEST_EXPECT_EQ(t, off, 4);
	KTEST_EXPECT_EQ(t, valid_swaphandles(SWP_ENTRY(0, 11), &off), 3);
	KTEST_EXPECT_EQ(t, off, 8);
	page_cluster = saved;
}

/* An area smaller than a run never has an empty run: first fit. */
static void first_fit_in_small_area(struct ktest *t)
{
	unsigned long i;

	swap_fixture_reset();
	swap_fixture_swapon(swap_fixture_mkswap(64), 1);
	for (i = 1; i <= 63; i++)
		KTEST_ASSERT_EQ(t, offset_of(get_swap_page()), i);
	swap_free(SWP_ENTRY(0, 40));
	swap_free(SWP_ENTRY(0, 5));
	KTEST_EXPECT_EQ(t, offset_of(get_swap_page()), 5);
	KTEST_EXPECT_EQ(t, offset_of(get_swap_page()), 40);
	KTEST_EXPECT_EQ(t, get_swap_page().val, 0);
}

static void bad_slots_never_handed_out(struct ktest *t)
{
	union swap_header *h = swap_fixture_mkswap(600);
	struct swap_info_struct *p;
	long n = 0;
	swp_entry_t e;

	swap_fixture_reset();
	swap_fixture_add_bad(h, 2);
	swap_fixture_add_bad(h, 5);
	swap_fixture_add_bad(h, 300);
	swap_fixture_add_bad(h, 599);
	p = swap_fixture_swapon(h, 1);
	while ((e = get_swap_page()).val) {
		unsigned long off = SWP_OFFSET(e);

		KTEST_EXPECT_TRUE(t, off != 0 && off != 2 && off != 5 &&
				  off != 300 && off != 599);
		KTEST_EXPECT_EQ(t, p->swap_map[off], 1);
		n++;
	}
	KTEST_EXPECT_EQ(t, n, 595);
	KTEST_EXPECT_EQ(t, n, p->pages);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 0);
	KTEST_EXPECT_EQ(t, swap_area_used(p), 595);
	KTEST_EXPECT_EQ(t, p->swap_map[300], SWAP_MAP_BAD);
}

static void counts_follow_users(struct ktest *t)
{
	swp_entry_t e;

	swap_fixture_reset();
	swap_fixture_swapon(swap_fixture_mkswap(16), 1);
	e = get_swap_page();
	KTEST_EXPECT_EQ(t, nr_swap_pages, 14);
	KTEST_EXPECT_EQ(t, swap_count(e), 1);
	KTEST_EXPECT_EQ(t, swap_duplicate(e), 1);
	KTEST_EXPECT_EQ(t, swap_duplicate(e), 1);
	KTEST_EXPECT_EQ(t, swap_count(e), 3);
	swap_free(e);
	swap_free(e);
	KTEST_EXPECT_EQ(t, swap_count(e), 1);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 14);
	swap_free(e);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 15);
	KTEST_EXPECT_EQ(t, free_slots(), 15);
	KTEST_EXPECT_FALSE(t, host_printk_has("swap"));
}

static void count_saturates_at_max(struct ktest *t)
{
	swp_entry_t e;
	long i;

	swap_fixture_reset();
	swap_fixture_swapon(swap_fixture_mkswap(16), 1);
	e = get_swap_page();
	for (i = 1; i < SWAP_MAP_MAX; i++)
		swap_duplicate(e);
	KTEST_EXPECT_EQ(t, swap_count(e), SWAP_MAP_MAX);
	KTEST_EXPECT_FALSE(t, host_printk_has("overflow"));
	KTEST_EXPECT_EQ(t, swap_duplicate(e), 1);
	KTEST_EXPECT_EQ(t, swap_count(e), SWAP_MAP_MAX);
	KTEST_EXPECT_TRUE(t, host_printk_has("VM: swap entry overflow"));
	/* Stuck: nobody knows how many users are left. */
	for (i = 0; i < 2 * SWAP_MAP_MAX; i++)
		swap_free(e);
	KTEST_EXPECT_EQ(t, swap_count(e), SWAP_MAP_MAX);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 14);
}

static void bad_entries_reported(struct ktest *t)
{
	swap_fixture_reset();
	swap_fixture_swapon(swap_fixture_mkswap(16), 1);
	swap_free(SWP_ENTRY(5, 1));
	KTEST_EXPECT_TRUE(t, host_printk_has("swap_free: Bad swap file entry"
					     " 0000010a"));
	swap_free(SWP_ENTRY(0, 16));
	KTEST_EXPECT_TRUE(t, host_printk_has("Bad swap offset entry"));
	swap_free(SWP_ENTRY(0, 3));
	KTEST_EXPECT_TRUE(t, host_printk_has("Unused swap offset entry"));
	/* Entry 0 means "no entry": ignored without a word. */
	host_printk_clear();
	swap_free(SWP_ENTRY(0, 0));
	KTEST_EXPECT_STREQ(t, host_printk_log(), "");
	/* The header slot of another area is a real, refused entry. */
	swap_fixture_swapon(swap_fixture_mkswap(16), 1);
	KTEST_EXPECT_EQ(t, swap_duplicate(SWP_ENTRY(1, 0)), 0);
	KTEST_EXPECT_TRUE(t, host_printk_has("swap_duplicate: Bad swap slot"));
	KTEST_EXPECT_EQ(t, swap_duplicate(SWP_ENTRY(0, 4)), 0);
	KTEST_EXPECT_EQ(t, swap_count(SWP_ENTRY(0, 4)), 0);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 30);
	KTEST_EXPECT_EQ(t, swap_area_used(&swap_info[0]), 0);
}

/*
 * A slot in use whose I/O failed keeps its users, and when the last one
 * lets go it is bad for good: not free, not usable, not counted.
 */
static void a_failed_slot_goes_bad_when_its_users_go(struct ktest *t)
{
	struct swap_info_struct *p;
	char why[160];
	swp_entry_t e, x;

	swap_fixture_reset();
	p = swap_fixture_swapon(swap_fixture_mkswap(16), 1);
	e = get_swap_page();
	swap_duplicate(e);
	KTEST_EXPECT_TRUE(t, mark_swap_slot_bad(e));
	KTEST_EXPECT_FALSE(t, mark_swap_slot_bad(e));	/* once */
	KTEST_EXPECT_FALSE(t, mark_swap_slot_bad(SWP_ENTRY(0, 9))); /* free */
	KTEST_EXPECT_EQ(t, swap_count(e), 2);
	KTEST_EXPECT_TRUE(t, swap_entry_used(e) && swap_slot_marked_bad(e));
	KTEST_EXPECT_EQ(t, swap_area_bad_in_use(p), 1);
	swap_free(e);
	KTEST_EXPECT_EQ(t, swap_count(e), 1);
	KTEST_EXPECT_EQ(t, p->pages, 15);
	swap_free(e);
	KTEST_EXPECT_EQ(t, p->swap_map[SWP_OFFSET(e)], SWAP_MAP_BAD);
	KTEST_EXPECT_FALSE(t, swap_entry_used(e));
	KTEST_EXPECT_EQ(t, swap_area_bad_in_use(p), 0);
	KTEST_EXPECT_EQ(t, p->pages, 14);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 14);
	KTEST_EXPECT_EQ(t, total_swap_pages, 14);
	KTEST_EXPECT_EQ(t, p->found_bad, 1);
	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), 0);
	while ((x = get_swap_page()).val)
		KTEST_EXPECT_NE(t, x.val, e.val);
	KTEST_EXPECT_FALSE(t, host_printk_has("swap"));
}

/*
 * The same while swapoff empties the area (out of swap_list, its slots
 * in use counted against nr_swap_pages): the counts still add up, and
 * put back in the list the area has one usable slot less.
 */
static void a_failed_slot_while_swapoff_empties_the_area(struct ktest *t)
{
	struct swap_info_struct *p;
	char why[160];
	swp_entry_t e;

	swap_fixture_reset();
	p = swap_fixture_swapon(swap_fixture_mkswap(16), 1);
	e = get_swap_page();
	mark_swap_slot_bad(e);
	KTEST_EXPECT_EQ(t, unlist_swap_area(p), 0);
	KTEST_EXPECT_EQ(t, nr_swap_pages, -1);
	swap_free(e);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 0);
	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), 0);
	relist_swap_area(p);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 14);
	KTEST_EXPECT_EQ(t, total_swap_pages, 14);
	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), 0);
}

/*
 * An area out of use: its free slots are bad at once, those in use when
 * their users let go; the other area takes every new page.  Once only.
 */
static void an_area_out_of_use_has_no_free_slot(struct ktest *t)
{
	struct swap_info_struct *p, *q;
	char why[160];
	swp_entry_t e[3];

	swap_fixture_reset();
	p = swap_fixture_swapon(swap_fixture_mkswap(16), 2);
	q = swap_fixture_swapon(swap_fixture_mkswap(8), 1);
	for (int i = 0; i < 3; i++)
		e[i] = get_swap_page();
	swap_area_out_of_use(p);
	KTEST_EXPECT_TRUE(t, p->out_of_use);
	KTEST_EXPECT_EQ(t, p->pages, 3);
	KTEST_EXPECT_EQ(t, p->found_bad, 15);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 7);
	KTEST_EXPECT_EQ(t, total_swap_pages, 10);
	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), 0);
	KTEST_EXPECT_EQ(t, SWP_TYPE(get_swap_page()), q - swap_info);
	swap_area_out_of_use(p);			/* no change */
	KTEST_EXPECT_EQ(t, p->found_bad, 15);
	for (int i = 0; i < 3; i++) {
		KTEST_EXPECT_TRUE(t, swap_slot_marked_bad(e[i]));
		swap_free(e[i]);
	}
	KTEST_EXPECT_EQ(t, p->pages, 0);
	KTEST_EXPECT_EQ(t, total_swap_pages, 7);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 6);
	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), 0);
	p->swap_map[5] = 0;				/* freed behind our back */
	p->lowest_bit = p->highest_bit = 5;
	p->pages++;
	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), -1);
	KTEST_EXPECT_STREQ(t, why, "swap area 0: an area out of use has a "
			   "free slot (slot 5)");
}

/* Read-ahead's window ends before a slot that failed. */
static void readahead_stops_at_a_failed_slot(struct ktest *t)
{
	int cluster = page_cluster;
	unsigned long first;
	swp_entry_t e[8];

	swap_fixture_reset();
	swap_fixture_swapon(swap_fixture_mkswap(16), 1);
	for (int i = 0; i < 8; i++)
		e[i] = get_swap_page();			/* slots 1-8 */
	page_cluster = 2;	/* 4-slot windows; slots 4-7: no header */
	KTEST_EXPECT_EQ(t, valid_swaphandles(e[4], &first), 4);
	KTEST_EXPECT_EQ(t, first, 4);
	mark_swap_slot_bad(e[5]);			/* slot 6 */
	KTEST_EXPECT_EQ(t, valid_swaphandles(e[4], &first), 2);
	KTEST_EXPECT_EQ(t, first, 4);
	page_cluster = cluster;
}

static void higher_priority_first(struct ktest *t)
{
	struct swap_info_struct *low, *high;
	swp_entry_t e;
	int i;

	swap_fixture_reset();
	low = swap_fixture_swapon(swap_fixture_mkswap(8), 1);
	high = swap_fixture_swapon(swap_fixture_mkswap(4), 5);
	for (i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, SWP_TYPE(get_swap_page()), high - swap_info);
	e = get_swap_page();
	KTEST_EXPECT_EQ(t, SWP_TYPE(e), low - swap_info);
	/* Room in the better area again: it is used first. */
	swap_free(SWP_ENTRY(high - swap_info, 2));
	KTEST_EXPECT_EQ(t, get_swap_page().val, SWP_ENTRY(high - swap_info,
							  2).val);
	KTEST_EXPECT_EQ(t, SWP_TYPE(get_swap_page()), low - swap_info);
}

static void equal_priorities_round_robin(struct ktest *t)
{
	int a, b, c, i;

	swap_fixture_reset();
	/* 3 and 7 slots */
	a = swap_fixture_swapon(swap_fixture_mkswap(4), 3) - swap_info;
	b = swap_fixture_swapon(swap_fixture_mkswap(8), 3) - swap_info;
	c = swap_fixture_swapon(swap_fixture_mkswap(8), 1) - swap_info;
	/* b went in before a (equal priority: the newer first). */
	KTEST_EXPECT_EQ(t, swap_list.head, b);
	for (i = 0; i < 3; i++) {
		KTEST_EXPECT_EQ(t, SWP_TYPE(get_swap_page()), b);
		KTEST_EXPECT_EQ(t, SWP_TYPE(get_swap_page()), a);
	}
	/* a is full: b alone, then c. */
	for (i = 0; i < 4; i++)
		KTEST_EXPECT_EQ(t, SWP_TYPE(get_swap_page()), b);
	KTEST_EXPECT_EQ(t, SWP_TYPE(get_swap_page()), c);
	KTEST_EXPECT_EQ(t, free_slots(), nr_swap_pages);
}

static void default_priorities_go_down(struct ktest *t)
{
	struct swap_info_struct *p, *q;

	swap_fixture_reset();
	p = swap_fixture_swapon(swap_fixture_mkswap(8), -1);
	q = swap_fixture_swapon(swap_fixture_mkswap(8), -1);
	KTEST_EXPECT_LT(t, p->prio, 0);
	KTEST_EXPECT_EQ(t, q->prio, p->prio - 1);
	KTEST_EXPECT_EQ(t, swap_list.head, p - swap_info);
	KTEST_EXPECT_EQ(t, p->next, q - swap_info);
	KTEST_EXPECT_EQ(t, SWP_TYPE(get_swap_page()), p - swap_info);
}

static void swapoff_busy_then_clean(struct ktest *t)
{
	struct swap_info_struct *p, *q;
	swp_entry_t e;

	swap_fixture_reset();
	p = swap_fixture_swapon(swap_fixture_mkswap(8), 2);
	q = swap_fixture_swapon(swap_fixture_mkswap(8), 1);
	e = get_swap_page();
	KTEST_EXPECT_EQ(t, SWP_TYPE(e), p - swap_info);
	KTEST_EXPECT_EQ(t, disable_swap_area(p), -EBUSY);
	/* Nothing changed: still listed, counted and allocatable. */
	KTEST_EXPECT_EQ(t, nr_swap_pages, 13);
	KTEST_EXPECT_EQ(t, total_swap_pages, 14);
	KTEST_EXPECT_EQ(t, SWP_TYPE(get_swap_page()), p - swap_info);
	swap_free(e);
	swap_free(SWP_ENTRY(p - swap_info, 2));
	KTEST_EXPECT_EQ(t, disable_swap_area(p), 0);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 7);
	KTEST_EXPECT_EQ(t, total_swap_pages, 7);
	KTEST_EXPECT_EQ(t, swap_list.head, q - swap_info);
	KTEST_EXPECT_EQ(t, SWP_TYPE(get_swap_page()), q - swap_info);
	KTEST_EXPECT_EQ(t, disable_swap_area(p), -EINVAL);
}

static void swap_info_slots_reused(struct ktest *t)
{
	struct swap_info_struct *p;
	int i;

	swap_fixture_reset();
	for (i = 0; i < MAX_SWAPFILES; i++)
		KTEST_ASSERT_NOT_NULL(t, alloc_swap_info());
	KTEST_EXPECT_NULL(t, alloc_swap_info());
	KTEST_EXPECT_EQ(t, nr_swapfiles, MAX_SWAPFILES);
	free_swap_info(&swap_info[3]);
	p = alloc_swap_info();
	KTEST_EXPECT_PTR_EQ(t, p, &swap_info[3]);
	swap_fixture_reset();
}

/* Checks that check_swap_invariants fails and says `words`. */
static void expect_broken(struct ktest *t, const char *words)
{
	char why[160] = "";

	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), -1);
	if (!strstr(why, words))
		ktest_fail(t, __FILE__, __LINE__, "report \"%s\" lacks "
			   "\"%s\"", why, words);
}

static void invariants_name_what_broke(struct ktest *t)
{
	struct swap_info_struct *p, *q;
	char why[160];
	swp_entry_t e;

	swap_fixture_reset();
	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), 0);
	p = swap_fixture_swapon(swap_fixture_mkswap(64), 2);
	q = swap_fixture_swapon(swap_fixture_mkswap(32), 1);
	e = get_swap_page();
	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), 0);
	nr_swap_pages++;
	expect_broken(t, "nr_swap_pages 94 / total_swap_pages 94, but the "
		      "areas have 93 free of 94 slots");
	nr_swap_pages--;
	p->swap_map[SWP_OFFSET(e)] = 0;	/* freed behind our back */
	expect_broken(t, "swap area 0: free slot outside [lowest_bit, "
		      "highest_bit] (slot 1)");
	p->swap_map[SWP_OFFSET(e)] = 1;
	p->swap_map[0] = 0;
	expect_broken(t, "the header slot 0 is not marked SWAP_MAP_BAD");
	p->swap_map[0] = SWAP_MAP_BAD;
	q->prio = 5;
	expect_broken(t, "type 1 (priority 5) after type 0 (priority 2)");
	q->prio = 1;
	q->flags = SWP_USED;
	expect_broken(t, "swap_list holds type 1, which is not an area in "
		      "use");
	q->flags = SWP_WRITEOK;
	KTEST_EXPECT_EQ(t, check_swap_invariants(why, sizeof(why)), 0);
}

static const struct ktest_case swapfile_cases[] = {
	KTEST_CASE(entry_encoding_round_trips),
	KTEST_CASE(mkswap_header_accepted),
	KTEST_CASE(bad_headers_refused),
	KTEST_CASE(setup_marks_header_and_bad_pages),
	KTEST_CASE(cluster_allocation_order),
	KTEST_CASE(run_continues_past_freed_cluster),
	KTEST_CASE(new_run_starts_in_the_first_empty_stretch),
	KTEST_CASE(readahead_window_is_aligned),
	KTEST_CASE(first_fit_in_small_area),
	KTEST_CASE(bad_slots_never_handed_out),
	KTEST_CASE(counts_follow_users),
	KTEST_CASE(count_saturates_at_max),
	KTEST_CASE(bad_entries_reported),
	KTEST_CASE(a_failed_slot_goes_bad_when_its_users_go),
	KTEST_CASE(a_failed_slot_while_swapoff_empties_the_area),
	KTEST_CASE(an_area_out_of_use_has_no_free_slot),
	KTEST_CASE(readahead_stops_at_a_failed_slot),
	KTEST_CASE(higher_priority_first),
	KTEST_CASE(equal_priorities_round_robin),
	KTEST_CASE(default_priorities_go_down),
	KTEST_CASE(swapoff_busy_then_clean),
	KTEST_CASE(swap_info_slots_reused),
	KTEST_CASE(invariants_name_what_broke),
};
KTEST_SUITE(mm_swapfile, swapfile_cases);
