/*
 * Swapping disks on and off (Linux 2.4: sys_swapon and sys_swapoff of
 * mm/swapfile.c, and /proc/swaps), with the shell's swapon, swapoff
 * and swapinfo, and swapping on at boot.  The swap map and its
 * allocator are in mm/swapfile.c; this file is the part that reads
 * the disk.
 *
 * swapon reads page 0 and nothing else, so a disk it refuses (no
 * signature, a bad header, too small, read-only) is left exactly as
 * it was: not a byte is written to it.
 */
#include "drivers/blkdev.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "kernel/shell.h"
#include "lib/cmdline.h"
#include "mm/mm.h"
#include "mm/swap.h"

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
	if (error)
		return refuse(name, error, why);
	max = swap_map_slots(name, header->info.last_page);
	p->map_order = get_order(max * sizeof(*map));
	map = (void *)__get_free_pages(GFP_KERNEL, p->map_order);
	if (!map)
		return refuse(name, -ENOMEM, "no memory for the swap map");
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

/*
 * Stops swapping to disk name (2.4: sys_swapoff).  Slots still in use
 * would have to be read back into memory first, which needs the
 * reclaim issue's swap cache: until then that is -EBUSY, and the area
 * stays as it was.
 */
int sys_swapoff(const char *name)
{
	struct block_device *bdev = blkdev_get(name);
	struct swap_info_struct *p = bdev ? swap_info_of(bdev) : NULL;
	unsigned long used;

	if (!p || (p->flags & SWP_WRITEOK) != SWP_WRITEOK) {
		printk(KERN_ERR "swapoff: %s: not a swap area\n", name);
		return -EINVAL;
	}
	used = swap_area_used(p);
	if (disable_swap_area(p)) {
		printk(KERN_ERR "swapoff: %s: %lu pages still swapped out; "
		       "swapoff cannot read them back in yet\n", name, used);
		return -EBUSY;
	}
	free_pages((unsigned long)p->swap_map, p->map_order);
	printk(KERN_INFO "Removing Swap: %dk swap-space on %s\n",
	       p->pages << (PAGE_SHIFT - 10), name);
	free_swap_info(p);
	swap_debug_check("swapoff");
	return 0;
}

/* Whether page 0 of bdev ends with the swap signature. */
static bool has_swap_signature(struct block_device *bdev)
{
	union swap_header *h = (void *)__get_free_page(GFP_KERNEL);
	bool found;

	if (!h)
		return false;
	found = bdev->nr_sectors >= PAGE_SIZE >> SECTOR_SHIFT &&
		!blk_rw_sync(bdev, READ, 0, h, PAGE_SIZE) &&
		!memcmp(h->magic.magic, "SWAPSPACE2", SWAP_MAGIC_LEN);
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

	if (argc == 1) {
		cprintf("%d swap areas added\n", swapon_all());
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "-p")) {
		if (kstrtoul(argv[2], 0, &prio) || prio > 32767) {
			cprintf("swapon: bad priority '%s' (0 to 32767)\n",
				argv[2]);
			return -EINVAL;
		}
		dev = argv[3];
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
SHELL_COMMAND(swapon, cmd_swapon, "swapon [[-p PRIO] DEV]",
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

/*
 * The swap areas in the format of Linux's /proc/swaps (2.6 and later:
 * the name padded to 40 columns, sizes in KiB).  Areas are listed in
 * swap_info order, as Linux does.
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
	return 0;
}
SHELL_COMMAND(swapinfo, cmd_swapinfo, "swapinfo",
	      "the swap areas, as Linux's /proc/swaps");
