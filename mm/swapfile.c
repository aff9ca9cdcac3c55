/*
 * Swap areas and their slots (Linux 2.4: mm/swapfile.c).
 *
 * Each area has a swap_map: one counter per page-sized slot.
 * get_swap_page() finds a free slot, swap_duplicate() adds a user,
 * swap_free() drops one; a slot whose count falls to 0 is free again.
 * sys_swapon() checks a disk's swap header and adds the area;
 * sys_swapoff() takes it away again when none of its slots is in use.
 *
 * There is no lock: Pagoda runs on one CPU, the kernel is not
 * preempted, and none of this is called from interrupt handlers.
 * (2.4 had swap_list_lock and a lock per area for SMP.)
 */
#include "mm/swap.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

struct swap_info_struct swap_info[MAX_SWAPFILES];
unsigned int nr_swapfiles;	/* slots of swap_info ever used */
struct swap_list_t swap_list = { -1, -1 };
long nr_swap_pages;
long total_swap_pages;

static int least_priority;	/* the default priority goes down: -1, -2 */

/*
 * Marks slot offset as taken with one user and keeps the free-slot
 * window [lowest_bit, highest_bit] and nr_swap_pages in step.
 */
static inline __attribute__((always_inline)) unsigned long
take_slot(struct swap_info_struct *si, unsigned long offset)
{
	if (offset == si->lowest_bit)
		si->lowest_bit++;
	if (offset == si->highest_bit)
		si->highest_bit--;
	if (si->lowest_bit > si->highest_bit) {
		/* Full: an empty window until swap_free widens it. */
		si->lowest_bit = si->max;
		si->highest_bit = 0;
	}
	si->swap_map[offset] = 1;
	si->cluster_next = offset + 1;
	nr_swap_pages--;
	return offset;
}

/*
 * The first SWAPFILE_CLUSTER free slots in a row at or above
 * lowest_bit, not necessarily aligned; returns the first, or 0.
 *
 * The answer is 2.4.0's, found with fewer looks.  2.4.0 tries each
 * stretch from its start, and at the first used slot tries again just
 * after it, so it looks at every slot of a full area on its way: about
 * 74000 instructions each time a run starts, under memhog 96M in
 * 64 MiB.  Here a stretch is tried from its end backwards: no stretch
 * that starts at or before the last used slot found can be empty, and
 * the slots after it are known free, so the next try looks only at
 * slots past the stretch just tried.  Each slot is looked at once at
 * most, and in a full area one slot in 256.
 */
static unsigned long find_empty_cluster(struct swap_info_struct *si)
{
	unsigned long offset = si->lowest_bit, known_free = offset, nr;

	while (offset + SWAPFILE_CLUSTER - 1 <= si->highest_bit) {
		/* [offset, known_free) are free; look at the rest */
		nr = offset + SWAPFILE_CLUSTER - 1;
		while (nr >= known_free && !si->swap_map[nr])
			nr--;
		if (nr < known_free)
			return offset;
		known_free = offset + SWAPFILE_CLUSTER;
		offset = nr + 1;
	}
	return 0;
}

/*
 * One free slot of si, or 0 if it is full (2.4: scan_swap_map).
 * Slots are handed out in runs of SWAPFILE_CLUSTER + 1 consecutive ones,
 * so that pages swapped out together lie together on the disk: first
 * the rest of the current run, then a fresh run in an empty stretch,
 * and only when no such stretch is left, the first free slot.
 */
static unsigned long scan_swap_map(struct swap_info_struct *si)
{
	unsigned long offset;

	if (si->cluster_nr) {
		while (si->cluster_next <= si->highest_bit) {
			offset = si->cluster_next++;
			if (si->swap_map[offset])
				continue;
			si->cluster_nr--;
			return take_slot(si, offset);
		}
	}
	/* A new run starts: this slot and SWAPFILE_CLUSTER more after it
	 * (2.4.0's count, so a run is 257 slots) */
	si->cluster_nr = SWAPFILE_CLUSTER;
	offset = find_empty_cluster(si);
	if (offset)
		return take_slot(si, offset);
	for (offset = si->lowest_bit; offset <= si->highest_bit; offset++)
		if (!si->swap_map[offset])
			return take_slot(si, offset);
	si->lowest_bit = si->max;
	si->highest_bit = 0;
	return 0;
}

/* The area after "type" in swap_list, if it has the same priority. */
static int next_of_same_prio(int type)
{
	int next = swap_info[type].next;

	if (next < 0 || swap_info[next].prio != swap_info[type].prio)
		return -1;
	return next;
}

/*
 * A free swap slot with one user, or an entry of 0 when swap is full
 * (2.4: get_swap_page).  Areas are tried from swap_list.next on: the
 * highest priority first, and round-robin among areas of equal
 * priority, so their disks share the work; an area of lower priority
 * is used only when all of the higher ones are full.
 */
swp_entry_t get_swap_page(void)
{
	swp_entry_t entry = { 0 };
	int type = swap_list.next;
	bool wrapped = false;

	if (type < 0 || nr_swap_pages <= 0)
		return entry;
	for (;;) {
		struct swap_info_struct *p = &swap_info[type];
		unsigned long offset = 0;

		if ((p->flags & SWP_WRITEOK) == SWP_WRITEOK)
			offset = scan_swap_map(p);
		if (offset) {
			int next = next_of_same_prio(type);

			/* The next caller starts at the next equal area. */
			swap_list.next = next < 0 ? swap_list.head : next;
			return SWP_ENTRY(type, offset);
		}
		if (!wrapped && next_of_same_prio(type) < 0) {
			/* Back to the top, then down through the rest. */
			type = swap_list.head;
			wrapped = true;
			continue;
		}
		type = p->next;
		if (type < 0)
			return entry;
	}
}

/*
 * The area of entry, if entry names a used slot of an area in use;
 * otherwise says what is wrong (in 2.4's words) and returns NULL.
 * Inline: swap_free(), swap_duplicate() and swap_count() run for each
 * page swapped out and in, and 2.4.0 writes these checks out in each.
 */
static inline struct swap_info_struct *swap_info_get(swp_entry_t entry,
						     const char *caller)
{
	unsigned long type = SWP_TYPE(entry), offset = SWP_OFFSET(entry);
	struct swap_info_struct *p;
	const char *what;

	if (!entry.val)
		return NULL;
	what = "Bad swap file entry";
	if (type >= nr_swapfiles)
		goto bad;
	p = &swap_info[type];
	what = "Bad swap file entry (area not in use)";
	if (!(p->flags & SWP_USED))
		goto bad;
	what = "Bad swap offset entry";
	if (offset >= p->max)
		goto bad;
	what = "Unused swap offset entry";
	if (!p->swap_map[offset])
		goto bad;
	what = "Bad swap slot (header or bad page)";
	if (p->swap_map[offset] == SWAP_MAP_BAD)
		goto bad;
	return p;
bad:
	printk(KERN_ERR "%s: %s %08lx\n", caller, what, entry.val);
	return NULL;
}

/*
 * A slot marked bad has lost its last user: it leaves the usable
 * slots for good, as the header's bad pages never entered them.  An
 * area swapoff is emptying (out of swap_list) counted it out of
 * nr_swap_pages as a slot in use when it was unlisted, and
 * relist_swap_area() will not count it in again: that is given back.
 */
static void slot_gone_bad(struct swap_info_struct *p)
{
	p->pages--;
	if ((p->flags & SWP_WRITEOK) == SWP_WRITEOK)
		total_swap_pages--;
	else
		nr_swap_pages++;
}

/*
 * Drops one user of the slot; at 0 the slot is free again (2.4:
 * swap_free), or bad for good if its I/O failed.  A count stuck at
 * SWAP_MAP_MAX is not decremented: after an overflow nobody knows how
 * many users are left.
 */
void swap_free(swp_entry_t entry)
{
	struct swap_info_struct *p = swap_info_get(entry, "swap_free");
	unsigned long offset = SWP_OFFSET(entry);

	if (!p)
		return;
	/* Freed room in a better area: allocate from it next time. */
	if ((p->flags & SWP_WRITEOK) == SWP_WRITEOK &&
	    (swap_list.next < 0 || p->prio > swap_info[swap_list.next].prio))
		swap_list.next = SWP_TYPE(entry);
	if (swap_map_count(p->swap_map[offset]) >= SWAP_MAP_MAX)
		return;
	if (swap_map_count(--p->swap_map[offset]))
		return;
	if (p->swap_map[offset] == SWAP_MAP_BAD) {
		slot_gone_bad(p);
		return;
	}
	if (offset < p->lowest_bit)
		p->lowest_bit = offset;
	if (offset > p->highest_bit)
		p->highest_bit = offset;
	nr_swap_pages++;
}

/*
 * Adds one user to a slot in use (2.4: swap_duplicate), as when a
 * swapped-out page's PTE is copied by fork.  Returns 1, or 0 if entry
 * is not a slot in use.  Past SWAP_MAP_MAX users the count saturates.
 */
__reclaim_hot
int swap_duplicate(swp_entry_t entry)
{
	struct swap_info_struct *p = swap_info_get(entry, "swap_duplicate");
	unsigned long offset = SWP_OFFSET(entry);
	static int overflows;

	if (!p)
		return 0;
	if (swap_map_count(p->swap_map[offset]) < SWAP_MAP_MAX)
		p->swap_map[offset]++;
	else if (overflows++ < 5)
		printk(KERN_WARNING "VM: swap entry overflow\n");
	return 1;
}

/* swap_count() of an entry that is not a slot in use: says what is
 * wrong with it, and returns 0. */
int swap_count_bad_entry(swp_entry_t entry)
{
	swap_info_get(entry, "swap_count");
	return 0;
}

/* Whether entry's area still takes pages (swapoff is not emptying it). */
bool swap_entry_writable(swp_entry_t entry)
{
	unsigned long type = SWP_TYPE(entry);

	return type < nr_swapfiles &&
	       (swap_info[type].flags & SWP_WRITEOK) == SWP_WRITEOK;
}

/*
 * A slot in use whose I/O failed (mm/page_io.c, mm/memory.c): no page
 * is ever given it again.  Its users keep it until they let go; then
 * swap_free() makes it SWAP_MAP_BAD instead of free.  True if it was
 * not marked before.
 */
bool mark_swap_slot_bad(swp_entry_t entry)
{
	unsigned short *map;

	if (!swap_entry_used(entry))
		return false;
	map = &swap_info[SWP_TYPE(entry)].swap_map[SWP_OFFSET(entry)];
	if (*map & SWAP_MAP_BAD)
		return false;
	*map |= SWAP_MAP_BAD;
	swap_info[SWP_TYPE(entry)].found_bad++;
	return true;
}

/*
 * Writes to p keep failing (mm/page_io.c counts them): it is taken out
 * of use.  Every free slot is marked bad at once, every slot in use
 * for when its users let go, so nothing is written to it again and
 * nr_swap_pages falls as if it were full; what is on it already can
 * still be read back, and swapoff empties it as usual.  (2.4.0 went on
 * writing to it, and failing, for ever.)  An area swapoff is emptying
 * is left to it.
 */
void swap_area_out_of_use(struct swap_info_struct *p)
{
	unsigned long i, free = 0;

	if ((p->flags & SWP_WRITEOK) != SWP_WRITEOK || p->out_of_use)
		return;
	for (i = 1; i < p->max; i++) {
		if (p->swap_map[i] & SWAP_MAP_BAD)
			continue;
		free += !p->swap_map[i];
		p->swap_map[i] |= SWAP_MAP_BAD;
		p->found_bad++;
	}
	p->pages -= free;
	total_swap_pages -= free;
	nr_swap_pages -= free;
	p->lowest_bit = p->max;
	p->highest_bit = 0;
	p->cluster_nr = 0;
	p->out_of_use = true;
}

/*
 * How many slots a read-ahead window holds while a process reads its
 * memory back in order: swapin_readahead_async() (mm/memory.c) ramps
 * it up, a fault that has to read sets it back to 0, which stands for
 * 2.4's 1 << page_cluster.  Not in 2.4: see valid_swaphandles().
 */
unsigned int swapin_window;

/*
 * The slots swap-in reads together with entry's (2.4's
 * valid_swaphandles): the window from the start of the aligned block
 * of 1 << page_cluster slots around it, up to the first slot not in
 * use (free, bad, past the end, or whose I/O failed).  *offset gets
 * the first; returns how many (0 if the window starts with a slot not
 * in use: the first window, as in 2.4.0, since slot 0 is the header).
 * Departure: the window is that block, as in 2.4.0, unless a reader in
 * order has ramped swapin_window up (Linux 2.6.23's on-demand
 * read-ahead grows its window so for files); then it is that many
 * slots from entry's own.  Read-ahead found entry through the
 * reader's PTEs (next_entry_to_read, mm/memory.c), and the slots
 * before it in its block are most likely free (pages the reader has
 * already taken back), where the window from the block's start would
 * end at once.
 */
int valid_swaphandles(swp_entry_t entry, unsigned long *offset)
{
	unsigned long type = SWP_TYPE(entry);
	unsigned long toff = swapin_window ? SWP_OFFSET(entry) :
			     SWP_OFFSET(entry) >> page_cluster << page_cluster;
	unsigned long end = toff + max(1UL << page_cluster,
				       (unsigned long)swapin_window);
	int n = 0;

	*offset = toff;
	while (toff < end && swap_entry_used(SWP_ENTRY(type, toff)) &&
	       !swap_slot_marked_bad(SWP_ENTRY(type, toff))) {
		toff++;
		n++;
	}
	return n;
}

/*
 * Checks page 0 of a disk of disk_pages pages for a swap area that
 * can be used as it is (2.4: the header part of sys_swapon).  Returns
 * 0, or -EINVAL with the reason, in words a user can act on, in why.
 */
int swap_header_check(const union swap_header *h, uint64_t disk_pages,
		      char *why, size_t len)
{
	const char *magic = h->magic.magic;
	uint32_t i, last = h->info.last_page, nbad = h->info.nr_badpages;

	if (!memcmp(magic, "SWAP-SPACE", SWAP_MAGIC_LEN)) {
		snprintf(why, len, "old-style (version 0) swap area: "
			 "run mkswap to make a version 1 area");
		return -EINVAL;
	}
	if (memcmp(magic, "SWAPSPACE2", SWAP_MAGIC_LEN)) {
		snprintf(why, len, "no swap signature (SWAPSPACE2 at the end "
			 "of page 0): not a swap area, run mkswap first");
		return -EINVAL;
	}
	if (h->info.version != 1) {
		snprintf(why, len, "swap header version %u; only version 1 "
			 "is supported", h->info.version);
		return -EINVAL;
	}
	if (last >= disk_pages) {
		snprintf(why, len, "the header's last_page %u lies past the "
			 "end of the disk (%llu pages): truncated disk, or "
			 "mkswap was given a larger size", last,
			 (unsigned long long)disk_pages);
		return -EINVAL;
	}
	if (nbad > MAX_SWAP_BADPAGES) {
		snprintf(why, len, "%u bad pages listed; a header holds at "
			 "most %lu", nbad,
			 (unsigned long)MAX_SWAP_BADPAGES);
		return -EINVAL;
	}
	for (i = 0; i < nbad; i++) {
		uint32_t bad = h->info.badpages[i];

		if (bad == 0 || bad > last) {
			snprintf(why, len, "bad page %u is not in 1..%u "
				 "(last_page)", bad, last);
			return -EINVAL;
		}
	}
	if (last <= nbad) {
		snprintf(why, len, "no usable pages (last_page %u, %u bad)",
			 last, nbad);
		return -EINVAL;
	}
	return 0;
}

/*
 * Builds the swap_map of a checked header: max slots in map (slot 0
 * is the header; max may be less than last_page + 1 when the map was
 * limited).  The header slot and the bad pages are marked
 * SWAP_MAP_BAD, so no search ever hands them out.  Returns the number
 * of usable slots.
 */
int setup_swap_area(struct swap_info_struct *p, const union swap_header *h,
		    unsigned long max, unsigned short *map)
{
	unsigned long i;

	memset(map, 0, max * sizeof(*map));
	map[0] = SWAP_MAP_BAD;
	for (i = 0; i < h->info.nr_badpages; i++)
		if (h->info.badpages[i] < max)
			map[h->info.badpages[i]] = SWAP_MAP_BAD;
	p->swap_map = map;
	p->max = max;
	p->lowest_bit = 1;
	p->highest_bit = max - 1;
	p->cluster_next = 1;
	p->cluster_nr = 0;
	p->pages = 0;
	for (i = 1; i < max; i++)
		if (map[i] != SWAP_MAP_BAD)
			p->pages++;
	return p->pages;
}

/* A free entry of swap_info, marked used; NULL if all are taken. */
struct swap_info_struct *alloc_swap_info(void)
{
	unsigned int type;

	for (type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *p = &swap_info[type];

		if (p->flags & SWP_USED)
			continue;
		memset(p, 0, sizeof(*p));
		p->flags = SWP_USED;
		p->next = -1;
		if (type >= nr_swapfiles)
			nr_swapfiles = type + 1;
		return p;
	}
	return NULL;
}

void free_swap_info(struct swap_info_struct *p)
{
	p->flags = 0;
	p->swap_map = NULL;
	p->users = NULL;
	p->bdev = NULL;
}

/*
 * Links an area into swap_list before the first area of lower or equal
 * priority and counts its slots in: all of them, since
 * unlist_swap_area() counted them all out (its slots in use count
 * against nr_swap_pages meanwhile, and each one freed gives one back).
 */
void relist_swap_area(struct swap_info_struct *p)
{
	int type = p - swap_info, i, prev = -1;

	for (i = swap_list.head; i >= 0; i = swap_info[i].next) {
		if (p->prio >= swap_info[i].prio)
			break;
		prev = i;
	}
	p->next = i;
	if (prev < 0)
		swap_list.head = swap_list.next = type;
	else
		swap_info[prev].next = type;
	p->flags = SWP_WRITEOK;
	nr_swap_pages += p->pages;
	total_swap_pages += p->pages;
}

/*
 * Opens a set-up area for allocation with priority prio.  prio < 0
 * picks the next default priority (-1, -2, ...), as 2.4's swapon
 * without -p does, so later areas are used after earlier ones.
 */
void enable_swap_area(struct swap_info_struct *p, int prio)
{
	p->prio = prio >= 0 ? prio : --least_priority;
	relist_swap_area(p);
}

/* Slots of p with users (not free, not header or bad). */
unsigned long swap_area_used(const struct swap_info_struct *p)
{
	unsigned long i, used = 0;

	for (i = 1; i < p->max; i++)
		if (swap_map_count(p->swap_map[i]))
			used++;
	return used;
}

/* Slots of p marked bad that their users still hold. */
unsigned long swap_area_bad_in_use(const struct swap_info_struct *p)
{
	unsigned long i, held = 0;

	for (i = 1; i < p->max; i++)
		held += p->swap_map[i] > SWAP_MAP_BAD;
	return held;
}

/*
 * Takes an area out of swap_list, used or not (2.4: the start of
 * sys_swapoff): no slot of it is handed out any more.  Its slots are
 * counted out of nr_swap_pages and total_swap_pages: the ones in use
 * count against nr_swap_pages until they are freed.  -EINVAL if it is
 * not in the list.
 */
int unlist_swap_area(struct swap_info_struct *p)
{
	int type = p - swap_info, i, prev = -1;

	for (i = swap_list.head; i >= 0 && i != type; i = swap_info[i].next)
		prev = i;
	if (i < 0)
		return -EINVAL;
	if (prev < 0)
		swap_list.head = p->next;
	else
		swap_info[prev].next = p->next;
	if (swap_list.next == type)
		swap_list.next = swap_list.head;
	p->flags = SWP_USED;
	nr_swap_pages -= p->pages;
	total_swap_pages -= p->pages;
	return 0;
}

/* Takes an unused area out of swap_list; -EBUSY if a slot is in use. */
int disable_swap_area(struct swap_info_struct *p)
{
	if (swap_area_used(p))
		return -EBUSY;
	return unlist_swap_area(p);
}

/* The first broken invariant of area p (in use), or NULL; adds its
 * free and usable slots to *nfree and *npages. */
static const char *check_swap_area(const struct swap_info_struct *p,
				   long *nfree, long *npages,
				   unsigned long *where)
{
	unsigned long i, free = 0, good = 0;

	if (p->swap_map[0] != SWAP_MAP_BAD)
		return "the header slot 0 is not marked SWAP_MAP_BAD";
	for (i = 1; i < p->max; i++) {
		if (p->swap_map[i] == SWAP_MAP_BAD)
			continue;
		good++;
		if (p->swap_map[i])
			continue;
		free++;
		*where = i;
		if (i < p->lowest_bit || i > p->highest_bit)
			return "free slot outside [lowest_bit, highest_bit]";
	}
	if (good != (unsigned long)p->pages)
		return "pages differs from the slots not marked bad";
	if (p->out_of_use && free)
		return "an area out of use has a free slot";
	*nfree += free;
	*npages += good;
	return NULL;
}

/*
 * The swap invariants: every area in use is in swap_list, in
 * decreasing priority; its free slots lie inside its search window;
 * nr_swap_pages counts the free slots (neither in use nor marked bad)
 * and total_swap_pages the usable ones (an area swapoff is emptying
 * counts minus its slots in use); an area out of use has no free slot.
 * Returns 0, or -1 with the first broken one named in why.
 */
int check_swap_invariants(char *why, size_t len)
{
	long nfree = 0, npages = 0;
	unsigned int listed = 0, writeok = 0, i;
	unsigned long where = 0;
	int type, prev = -1;

	for (type = swap_list.head; type >= 0; type = swap_info[type].next) {
		const struct swap_info_struct *p = &swap_info[type];
		const char *broken;

		if (++listed > MAX_SWAPFILES ||
		    (p->flags & SWP_WRITEOK) != SWP_WRITEOK) {
			snprintf(why, len, "swap_list holds type %d, which "
				 "is not an area in use (or loops)", type);
			return -1;
		}
		if (prev >= 0 && swap_info[prev].prio < p->prio) {
			snprintf(why, len, "swap_list: type %d (priority %d) "
				 "after type %d (priority %d)", type, p->prio,
				 prev, swap_info[prev].prio);
			return -1;
		}
		broken = check_swap_area(p, &nfree, &npages, &where);
		if (broken) {
			snprintf(why, len, "swap area %d: %s (slot %lu)", type,
				 broken, where);
			return -1;
		}
		prev = type;
	}
	for (i = 0; i < nr_swapfiles; i++) {
		const struct swap_info_struct *p = &swap_info[i];

		writeok += (p->flags & SWP_WRITEOK) == SWP_WRITEOK;
		/* being emptied by swapoff: its slots in use count against */
		if (p->flags == SWP_USED && p->swap_map)
			nfree -= swap_area_used(p);
	}
	if (writeok != listed) {
		snprintf(why, len, "%u areas are in use but swap_list holds "
			 "%u", writeok, listed);
		return -1;
	}
	if (nfree != nr_swap_pages || npages != total_swap_pages) {
		snprintf(why, len, "nr_swap_pages %ld / total_swap_pages %ld, "
			 "but the areas have %ld free of %ld slots",
			 nr_swap_pages, total_swap_pages, nfree, npages);
		return -1;
	}
	return 0;
}
