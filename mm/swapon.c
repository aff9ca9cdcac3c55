/*
 * Swapping disks on and off (Linux 2.4: sys_swapon and sys_swapoff of
 * mm/swapfile.c, and /proc/swaps), with the shell's swapon, swapoff
 * and swapinfo, and swapping on at boot.  The swap map and its
 * allocator are in mm/swapfile.c; this file is the part that reads
 * the disk.
 *
 * swapon reads page 0 (and, to say why a header there has no
 * signature, where mkswap -p would have put it) and nothing else, so
 * a disk it refuses (no signature, a bad header, too small,
 * read-only) is left exactly as it was: not a byte is written to it.
 * swapoff brings every page on the area back into memory first
 * (try_to_unuse).
 */
#include "drivers/blkdev.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "kernel/shell.h"
#include "lib/cmdline.h"
#include "mm/mm.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "mm/filemap.h"
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"

static bool noswap;
KERNEL_PARAM_FLAG(noswap, noswap,
		  "do not swap on disks with a swap signature at boot");

/* The swap area on bdev, if it is one. */
struct swap_info_struct *swap_info_of(const struct block_device *bdev)
{
	unsigned int i;

	for (i = 0; i < nr_swapfiles; i++)
		if ((swap_info[i].flags & SWP_USED) &&
		    swap_info[i].bdev == bdev)
			return &swap_info[i];
	return NULL;
}

/* Debug builds check the swap invariants after every change. */
static void swap_debug_check(const char *what)
{
#ifdef CONFIG_DEBUG
	char why[160];

	if (check_swap_invariants(why, sizeof(why)))
		panic("%s: swap invariant broken: %s", what, why);
#else
	(void)what;
#endif
}

/* Refuses swapon of name: says why, returns error. */
static int refuse(const char *name, int error, const char *why)
{
	printk(KERN_ERR "swapon: %s: %s\n", name, why);
	return error;
}

/* Checks on the disk itself, before its header is read. */
static int check_swap_disk(const char *name, struct block_device *bdev)
{
	char why[96];

	if (!bdev)
		return refuse(name, -ENODEV, "no such disk");
	if (swap_info_of(bdev))
		return refuse(name, -EBUSY, "already a swap area");
	if (bdev->readonly)
		return refuse(name, -EROFS, "read-only disk: a swap area "
			      "must be writable");
	if (bdev->block_size > PAGE_SIZE)
		return refuse(name, -EINVAL, "disk blocks larger than a "
			      "page");
	if (!bdev->nr_sectors)
		return refuse(name, -EINVAL, "empty disk (0 bytes)");
	if (bdev->nr_sectors < PAGE_SIZE >> SECTOR_SHIFT) {
		snprintf(why, sizeof(why), "too small for a swap header: "
			 "%llu bytes, a header needs %lu",
			 (unsigned long long)bdev->nr_sectors * SECTOR_SIZE,
			 PAGE_SIZE);
		return refuse(name, -EINVAL, why);
	}
	return 0;
}

/*
 * How many slots of an area of last_page + 1 pages get a swap map:
 * all of them if the map fits in one block of the buddy allocator
 * (4 GiB of swap) and an entry can name them; else as many as fit.
 */
static unsigned long swap_map_slots(const char *name, uint32_t last_page)
{
	unsigned long max = (unsigned long)last_page + 1;
	unsigned long limit = min((PAGE_SIZE << (MAX_ORDER - 1)) /
				  sizeof(unsigned short), SWP_OFFSET_LIMIT);

	if (max > limit) {
		printk(KERN_WARNING "swapon: %s: using the first %lu of %lu "
		       "pages (the largest swap map Pagoda can hold)\n", name,
		       limit, max);
		max = limit;
	}
	return max;
}

/*
 * The page size a header without a signature at the end of our page 0
 * was made for (mkswap -p 8192 ... 65536: the signature ends the first
 * page of that size), or 0.  Only to say so: the area's slots would be
 * pages of that size, which Pagoda cannot swap in and out.  Reads into
 * buf (a page); pages past the disk's end are not looked at.
 */
static unsigned long other_page_size(struct block_device *bdev, char *buf)
{
	unsigned long size;

	for (size = 2 * PAGE_SIZE; size <= 16 * PAGE_SIZE; size *= 2) {
		sector_t sector = (size - PAGE_SIZE) >> SECTOR_SHIFT;

		if (size > bdev->nr_sectors << SECTOR_SHIFT ||
		    blk_rw_sync(bdev, READ, sector, buf, PAGE_SIZE))
			break;
		if (!memcmp(buf + PAGE_SIZE - SWAP_MAGIC_LEN, "SWAPSPACE2",
			    SWAP_MAGIC_LEN))
			return size;
	}
	return 0;
}

/* The partition table page 0 holds: "MBR", "GPT", or NULL if none. */
static const char *partition_table(const unsigned char *page)
{
	if (page[510] != 0x55 || page[511] != 0xaa)	/* boot signature */
		return NULL;
	if (!memcmp(page + 512, "EFI PART", 8))
		return "GPT";
	for (int i = 0; i < 4; i++)
		if (page[446 + 16 * i + 4])	/* a partition's type */
			return "MBR";
	return NULL;
}

/*
 * A reason that says more than "no swap signature", where page 0
 * (in header, which may be read over) shows one: a partition table
 * (Linux would swap on the partition, Pagoda has none), or a header
 * made for larger pages.
 */
static void why_no_signature(struct block_device *bdev,
			     union swap_header *header, char *why, size_t len)
{
	const char *table = partition_table((unsigned char *)header);
	unsigned long size = 0;

	if (table) {
		snprintf(why, len, "a partition table (%s) and no swap "
			 "signature on the whole disk: Pagoda swaps to whole "
			 "disks, not to partitions", table);
		return;
	}
	/* mkswap -p writes version 1 at byte 1024 all the same */
	if (header->info.version == 1)
		size = other_page_size(bdev, (char *)header);
	if (size)
		snprintf(why, len, "a swap area made for %lu-byte pages "
			 "(mkswap -p); Pagoda's pages are %lu bytes: run "
			 "mkswap without -p", size, PAGE_SIZE);
}

/*
 * Reads and checks the header in page 0, builds the swap map and opens
 * the area (2.4: sys_swapon).  header is a page to read it into.
 */
static int activate_swap(struct swap_info_struct *p, const char *name,
			 union swap_header *header, int prio)
{
	char why[160];
	unsigned short *map;
	unsigned long max;
	int error;

	error = blk_rw_sync(p->bdev, READ, 0, header, PAGE_SIZE);
	if (error) {
		snprintf(why, sizeof(why), "cannot read the swap header: %s",
			 strerror(error));
		return refuse(name, error, why);
	}
	error = swap_header_check(header, blkdev_pages(p->bdev), why,
				  sizeof(why));
	if (error) {
		if (memcmp(header->magic.magic, "SWAPSPACE2", SWAP_MAGIC_LEN) &&
		    memcmp(header->magic.magic, "SWAP-SPACE", SWAP_MAGIC_LEN))
			why_no_signature(p->bdev, header, why, sizeof(why));
		return refuse(name, error, why);
	}
	max = swap_map_slots(name, header->info.last_page);
	p->map_order = get_order(max * sizeof(*map));
	map = (void *)__get_free_pages(GFP_KERNEL, p->map_order);
	/* As large again, for check_mm_invariants() to count in. */
	p->users = (void *)__get_free_pages(GFP_KERNEL, p->map_order);
	if (!map || !p->users) {
		free_pages((unsigned long)map, p->map_order);
		free_pages((unsigned long)p->users, p->map_order);
		p->users = NULL;
		return refuse(name, -ENOMEM, "no memory for the swap map");
	}
	setup_swap_area(p, header, max, map);
	enable_swap_area(p, prio);
	printk(KERN_INFO "Adding Swap: %dk swap-space (priority %d) on %s\n",
	       p->pages << (PAGE_SHIFT - 10), p->prio, name);
	return 0;
}

/*
 * Makes disk name a swap area of priority prio (-1: the next default
 * priority, -2, -3, ...).  Returns 0 or a negative errno, after saying
 * why in the kernel log.  Nothing is ever written to the disk.
 */
int sys_swapon(const char *name, int prio)
{
	struct block_device *bdev = blkdev_get(name);
	struct swap_info_struct *p;
	union swap_header *header;
	int error = check_swap_disk(name, bdev);

	if (error)
		return error;
	p = alloc_swap_info();
	if (!p)
		return refuse(name, -EPERM, "all swap areas are in use");
	header = (void *)__get_free_page(GFP_KERNEL);
	if (!header) {
		free_swap_info(p);
		return refuse(name, -ENOMEM, "no memory for the header");
	}
	p->bdev = bdev;
	error = activate_swap(p, name, header, prio);
	if (error)
		free_swap_info(p);
	free_page((unsigned long)header);
	swap_debug_check("swapon");
	return error;
}

/* ------------------------------------------------ swapoff */

/*
 * The VMA that maps addr now, or NULL.  unuse_pte sleeps, and the
 * owner of mm may change its mappings meanwhile: mprotect splits a VMA
 * (the one looked up before may now end below addr, while the part
 * with addr has other permissions) or merges it into its neighbour
 * (kfree: a pointer kept would dangle), munmap removes it.  So a VMA
 * is never kept across the sleep: it is looked up again after.
 */
static struct vm_area_struct *vma_now(struct mm_struct *mm,
				      unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && addr >= vma->vm_start ? vma : NULL;
}

/*
 * lock_page for swapoff, which the shell runs and waits for: gives up
 * (-ETIMEDOUT) while the page stays locked and the disk of its slot
 * has requests the watchdog found late (drivers/blk_timeout.c), where
 * lock_page would wait, and the shell with it, for a read the disk may
 * never answer.  The page's unlock still ends the wait at once.
 */
static int lock_swapoff_page(struct page *page, swp_entry_t entry)
{
	struct block_device *bdev = swap_info[SWP_TYPE(entry)].bdev;

	while (!lock_page_timeout(page, HZ)) {
		if (bdev->late) {
			printk(KERN_ERR "swapoff: %s does not answer the read "
			       "of slot %lu: given up\n", bdev->name,
			       SWP_OFFSET(entry));
			return -ETIMEDOUT;
		}
	}
	return 0;
}

/*
 * One swap PTE of area `type` at addr: its page comes back (from the
 * swap cache, or read), the PTE maps it again and lets go of the slot
 * (2.4's unuse_pte, with do_swap_page's reading).  A page whose slot
 * has no other user leaves the swap cache.  0, or -ENOMEM/-EIO (or
 * -ETIMEDOUT, its disk not answering) if the page cannot be had.  May sleep: the PTE and the VMA are looked at
 * again after.  (2.4.0's try_to_unuse reads the page before it walks
 * the page tables, under locks, without sleeping.)
 */
static int unuse_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	pte_t orig = *ptep;
	swp_entry_t entry = pte_to_swp_entry(orig);
	struct vm_area_struct *vma;
	struct page *page;

again:
	page = lookup_swap_cache(entry);
	if (!page) {
		swapin_readahead(entry);
		page = read_swap_cache_async(entry);
		if (!page)
			return pte_val(*ptep) == pte_val(orig) ? -ENOMEM : 0;
	}
	if (lock_swapoff_page(page, entry)) {
		page_cache_release(page);
		return -ETIMEDOUT;
	}
	if (!PageUptodate(page))	/* read with others, and failed */
		page = read_alone(page, entry);
	/*
	 * Migrated while we slept on its lock: the slot holds the new
	 * page now.  Look again: each time round follows a migration
	 * that finished (we slept on the lock until its step 19, as
	 * migration_entry_wait does), so this ends as soon as nobody
	 * moves the page under us; Linux's do_swap_page retries the
	 * same way (the fault is taken again).
	 */
	if (page && !still_cached_for(page, entry)) {
		unlock_page(page);
		page_cache_release(page);
		goto again;
	}
	if (page && pte_chain_prepare()) {	/* may sleep: before the look */
		unlock_page(page);
		page_cache_release(page);
		return -ENOMEM;
	}
	vma = vma_now(mm, addr);
	if (!vma || pte_val(*ptep) != pte_val(orig)) {
		/* unmapped, or faulted in, meanwhile */
		if (page) {
			unlock_page(page);
			page_cache_release(page);
		}
		return 0;
	}
	if (!page) {
		printk(KERN_ERR "swapoff: cannot read slot %lu back in (the "
		       "page at %08lx)\n", SWP_OFFSET(entry), addr);
		return -EIO;
	}
	/* The page's reference becomes the PTE's; read-only, so that a
	 * write copies it if it is shared (fork). */
	set_pte(ptep, mk_pte(page, vma->vm_page_prot));
	page_add_rmap(page, ptep);
	mm->rss++;
	swap_free(entry);
	if (swap_count(entry) == 1)		/* the cache's alone */
		delete_from_swap_cache_nolock(page);
	unlock_page(page);
	return 0;
}

/*
 * Every swap PTE of mm that names area `type` (2.4's unuse_process,
 * one address at a time: unuse_pte may sleep, and the VMAs may change
 * meanwhile, so each address is looked up afresh).
 */
static int unuse_mm(struct mm_struct *mm, int type)
{
	unsigned long addr = 0;

	while (addr < TASK_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		pmd_t *pmd;
		pte_t *pte;
		int err;

		if (!vma)
			break;
		if (addr < vma->vm_start)
			addr = vma->vm_start;
		pmd = pmd_offset(pgd_offset(mm, addr), addr);
		/* no page table: on to the next 4 MiB */
		if (pmd_none(*pmd) || pmd_bad(*pmd)) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE;
			continue;
		}
		pte = pte_offset(pmd, addr);
		if (!pte_none(*pte) && !pte_present(*pte) &&
		    (int)SWP_TYPE(pte_to_swp_entry(*pte)) == type) {
			err = unuse_pte(mm, addr, pte);
			if (err)
				return err;
		}
		addr += PAGE_SIZE;
		cond_resched();
	}
	return 0;
}

/* The next mm on mmlist after mm (the first if NULL), with a user more. */
static struct mm_struct *next_mm(struct mm_struct *mm)
{
	struct list_head *pos = mm ? mm->mmlist.next : mmlist.next;
	struct mm_struct *next;

	if (pos == &mmlist)
		return NULL;
	next = list_entry(pos, struct mm_struct, mmlist);
	next->mm_users++;
	return next;
}

/*
 * Empties area `type` (2.4's try_to_unuse): every process's pages on
 * it come back into memory, then the swap-cache pages nobody else
 * uses leave it.  Unlike 2.4, which walks every process once per slot,
 * one walk over every process brings them all back.  0, or an error
 * with the area unchanged but for the slots already emptied.
 */
static int try_to_unuse(int type)
{
	struct swap_info_struct *p = &swap_info[type];
	struct mm_struct *mm = next_mm(NULL);
	unsigned long i;
	int err = 0;

	while (mm) {
		struct mm_struct *next;

		err = unuse_mm(mm, type);
		/* the next one first: mm stays on the list while we hold it */
		next = err ? NULL : next_mm(mm);
		mmput(mm);
		mm = next;
	}
	for (i = 1; !err && i < p->max; i++) {
		swp_entry_t entry = SWP_ENTRY(type, i);
		struct page *page;

		if (!swap_map_count(p->swap_map[i]))
			continue;
		page = lookup_swap_cache(entry);
		if (page) {
			bool gone;

			err = lock_swapoff_page(page, entry);
			if (err) {
				page_cache_release(page);
				break;
			}
			gone = !still_cached_for(page, entry);
			if (!gone && swap_count(entry) == 1)
				delete_from_swap_cache_nolock(page);
			unlock_page(page);
			page_cache_release(page);
			if (gone) {	/* migrated (or dropped): look again */
				i--;
				continue;
			}
		}
		if (swap_map_count(p->swap_map[i])) {
			printk(KERN_ERR "swapoff: slot %lu still has %u users "
			       "that are no process's page tables\n", i,
			       swap_map_count(p->swap_map[i]));
			err = -EBUSY;
		}
	}
	return err;
}

/*
 * Can memory and the other swap areas take the used pages of p?  2.4
 * just tries (and may need the OOM killer); Linux later checks first,
 * as here: free and clean pages above the high watermarks, and the
 * other areas' free slots.
 */
static bool room_for(const char *name, struct swap_info_struct *p,
		     unsigned long used)
{
	long room = nr_free_pages() + nr_inactive_clean_pages() -
		    freepages.high;
	long other = nr_swap_pages - (p->pages - used);

	room = max(room, 0L) + max(other, 0L);
	if ((long)used <= room)
		return true;
	printk(KERN_ERR "swapoff: %s: %lu pages swapped out, but memory and "
	       "the other swap areas have room for %ld\n", name, used, room);
	return false;
}

/*
 * Stops swapping to disk name (2.4: sys_swapoff): the area takes no
 * new pages, every page on it comes back into memory (try_to_unuse),
 * and then it goes.  If that cannot be done (no room, a slot that
 * cannot be read), the area is put back as it was and the error says
 * why; the pages already brought back stay in memory.
 */
int sys_swapoff(const char *name)
{
	struct block_device *bdev = blkdev_get(name);
	struct swap_info_struct *p = bdev ? swap_info_of(bdev) : NULL;
	unsigned long used;
	int error;

	if (!p || (p->flags & SWP_WRITEOK) != SWP_WRITEOK) {
		printk(KERN_ERR "swapoff: %s: not a swap area\n", name);
		return -EINVAL;
	}
	used = swap_area_used(p);
	if (!room_for(name, p, used))
		return -ENOMEM;
	unlist_swap_area(p);
	error = try_to_unuse(p - swap_info);
	if (error) {
		relist_swap_area(p);
		printk(KERN_ERR "swapoff: %s: %lu pages still swapped out, "
		       "area kept\n", name, swap_area_used(p));
		swap_debug_check("swapoff");
		return error;
	}
	free_pages((unsigned long)p->swap_map, p->map_order);
	free_pages((unsigned long)p->users, p->map_order);
	printk(KERN_INFO "Removing Swap: %dk swap-space on %s\n",
	       p->pages << (PAGE_SHIFT - 10), name);
	free_swap_info(p);
	swap_debug_check("swapoff");
	return 0;
}

/*
 * Whether page 0 of bdev ends with the swap signature.  A disk whose
 * page 0 cannot be read is said so: it may be a swap disk gone bad.
 */
static bool has_swap_signature(struct block_device *bdev)
{
	union swap_header *h = (void *)__get_free_page(GFP_KERNEL);
	bool found = false;
	int error;

	if (!h)
		return false;
	if (bdev->nr_sectors >= PAGE_SIZE >> SECTOR_SHIFT) {
		error = blk_rw_sync(bdev, READ, 0, h, PAGE_SIZE);
		found = !error && !memcmp(h->magic.magic, "SWAPSPACE2",
					  SWAP_MAGIC_LEN);
		if (error)
			printk(KERN_ERR "swapon: %s: cannot read page 0 to "
			       "look for a swap signature: %s\n", bdev->name,
			       strerror(error));
	}
	free_page((unsigned long)h);
	return found;
}

/*
 * swapon -a: every disk that is not swapped on yet and carries a swap
 * signature.  Disks without one are data, and are not touched.
 * Returns how many areas were added.
 */
static int swapon_all(void)
{
	struct list_head *pos;
	int added = 0;

	list_for_each(pos, &all_block_devices) {
		struct block_device *b =
			list_entry(pos, struct block_device, list);

		if (!swap_info_of(b) && has_swap_signature(b) &&
		    !sys_swapon(b->name, -1))
			added++;
	}
	return added;
}

/* At boot, after the disks are found: swapon -a, unless noswap. */
void swap_init(void)
{
	if (noswap) {
		printk(KERN_INFO "swap: noswap given, no swap areas\n");
		return;
	}
	swapon_all();
}

static int cmd_swapon(int argc, char **argv)
{
	unsigned long prio;
	const char *dev;
	int error;

	if (argc == 1 || (argc == 2 && !strcmp(argv[1], "-a"))) {
		cprintf("%d swap areas added\n", swapon_all());
		return 0;
	}
	if (!strcmp(argv[1], "-p")) {
		if (argc != 4) {
			cprintf("swapon: -p takes a priority and a disk: "
				"swapon -p PRIO DEV\n");
			return -EINVAL;
		}
		if (kstrtoul(argv[2], 0, &prio) || prio > 32767) {
			cprintf("swapon: bad priority '%s' (0 to 32767)\n",
				argv[2]);
			return -EINVAL;
		}
		dev = argv[3];
	} else if (argv[1][0] == '-') {
		cprintf("swapon: unknown option '%s' (only -p PRIO)\n",
			argv[1]);
		return -EINVAL;
	} else if (argc == 2) {
		prio = -1;	/* the next default priority */
		dev = argv[1];
	} else {
		return shell_usage(argv[0]);
	}
	error = sys_swapon(dev, (int)prio);
	if (error)
		cprintf("swapon: %s: %s\n", dev, strerror(error));
	return error;
}
SHELL_COMMAND(swapon, cmd_swapon, "swapon [-a | [-p PRIO] DEV]",
	      "swap on DEV, or on every disk with a swap signature");

static int cmd_swapoff(int argc, char **argv)
{
	int error;

	if (argc != 2)
		return shell_usage(argv[0]);
	error = sys_swapoff(argv[1]);
	if (error)
		cprintf("swapoff: %s: %s\n", argv[1], strerror(error));
	return error;
}
SHELL_COMMAND(swapoff, cmd_swapoff, "swapoff DEV", "stop swapping on DEV");

/* The first few slots of p marked bad (the header's too), by number. */
static void list_bad_slots(const struct swap_info_struct *p)
{
	unsigned long i, shown = 0;

	cprintf("; bad:");
	for (i = 1; i < p->max; i++) {
		if (!(p->swap_map[i] & SWAP_MAP_BAD))
			continue;
		if (shown++ == 8) {
			cprintf(" ...");
			break;
		}
		cprintf(" %lu", i);
	}
}

/*
 * After the table, a line for an area with slots found bad since
 * swapon (its I/O failed: mm/page_io.c): how many, how many of them
 * their users still hold (they go when those exit), which ones, and
 * whether it is out of use.  Linux's /proc/swaps has no such line.
 */
static void show_bad_slots(const struct swap_info_struct *p)
{
	unsigned long held = swap_area_bad_in_use(p);

	if (!p->found_bad)
		return;
	cprintf("/dev/%s: %u bad slot%s found since swapon", p->bdev->name,
		p->found_bad, p->found_bad == 1 ? "" : "s");
	if (held)
		cprintf(", %lu of them still held by their users", held);
	list_bad_slots(p);
	if (p->out_of_use)
		cprintf("; out of use: its writes kept failing");
	cprintf("\n");
}

/*
 * The swap areas in the format of Linux's /proc/swaps (2.6 and later:
 * the name padded to 40 columns, sizes in KiB), then their bad slots.
 * Areas are listed in swap_info order, as Linux does.
 */
static int cmd_swapinfo(int argc __unused, char **argv __unused)
{
	unsigned int i;

	cprintf("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	for (i = 0; i < nr_swapfiles; i++) {
		struct swap_info_struct *p = &swap_info[i];
		unsigned long size, used;
		int len;

		if ((p->flags & SWP_WRITEOK) != SWP_WRITEOK)
			continue;
		size = p->pages << (PAGE_SHIFT - 10);
		used = swap_area_used(p) << (PAGE_SHIFT - 10);
		len = cprintf("/dev/%s", p->bdev->name);
		cprintf("%*s%s\t%lu\t%s%lu\t%s%d\n", len < 40 ? 40 - len : 1,
			" ", "partition", size, size < 10000000 ? "\t" : "",
			used, used < 10000000 ? "\t" : "", p->prio);
	}
	for (i = 0; i < nr_swapfiles; i++)
		if ((swap_info[i].flags & SWP_WRITEOK) == SWP_WRITEOK)
			show_bad_slots(&swap_info[i]);
	return 0;
}
SHELL_COMMAND(swapinfo, cmd_swapinfo, "swapinfo",
	      "the swap areas, as Linux's /proc/swaps");
