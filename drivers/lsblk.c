/*
 * The shell's lsblk: the disks in the columns of util-linux lsblk
 * (NAME MAJ:MIN RM SIZE RO TYPE MOUNTPOINTS), a swap area showing as
 * [SWAP] as it does on Linux, plus the serial number.
 */
#include "drivers/blkdev.h"
#include "kernel/kernel.h"
#include "kernel/shell.h"
#include "mm/swap.h"

/*
 * lsblk's human sizes: the largest unit that leaves at least 1, with
 * one decimal unless the value is whole (512B, 1M, 1.5G).
 */
static void format_size(char *buf, size_t len, uint64_t bytes)
{
	static const char units[] = "BKMGTP";
	uint64_t scale = 1;
	unsigned int u = 0, tenths;

	while (u + 1 < sizeof(units) - 1 && bytes >= scale * 1024) {
		scale *= 1024;
		u++;
	}
	tenths = (bytes % scale * 10 + scale / 2) / scale;
	if (u == 0)
		snprintf(buf, len, "%lluB", (unsigned long long)bytes);
	else if (tenths == 0 || tenths == 10)
		snprintf(buf, len, "%llu%c",
			 (unsigned long long)(bytes / scale + tenths / 10),
			 units[u]);
	else
		snprintf(buf, len, "%llu.%u%c",
			 (unsigned long long)(bytes / scale), tenths, units[u]);
}

/*
 * The columns as util-linux lays them out: SIZE (5 wide at least, as
 * wide as its widest value) and the numbers right-aligned under their
 * headings, the words left-aligned.
 */
static int cmd_lsblk(int argc __unused, char **argv __unused)
{
	struct list_head *pos;
	int width = 5;
	char size[16];

	list_for_each(pos, &all_block_devices) {
		struct block_device *b =
			list_entry(pos, struct block_device, list);

		format_size(size, sizeof(size), b->nr_sectors * SECTOR_SIZE);
		width = max(width, (int)strlen(size));
	}
	cprintf("NAME MAJ:MIN RM %*s RO TYPE MOUNTPOINTS SERIAL\n", width,
		"SIZE");
	list_for_each(pos, &all_block_devices) {
		struct block_device *b =
			list_entry(pos, struct block_device, list);

		format_size(size, sizeof(size), b->nr_sectors * SECTOR_SIZE);
		cprintf("%-4s %3d:%-3d %2d %*s %2d disk %-11s %s\n", b->name,
			b->major, b->minor, 0, width, size, b->readonly,
			swap_info_of(b) ? "[SWAP]" : "", b->serial);
	}
	return 0;
}
SHELL_COMMAND(lsblk, cmd_lsblk, "lsblk",
	      "list the disks (as util-linux lsblk)");
