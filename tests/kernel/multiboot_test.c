/*
 * Parsing the Multiboot info block: fields count only when their flag
 * bit is set, the memory map is walked by each entry's own size, and
 * pointers outside the early mapping are refused.  The blocks here
 * are built by hand in kernel memory (low physical addresses).
 */
#include "boot/multiboot.h"
#include "kernel/multiboot.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "lib/string.h"
#include "mm/page.h"

static struct mb_info info;
static struct boot_info bi;
static char cmdline[] = "loglevel=3";
static char loader[] = "test loader";

/* Entries with a larger size field than the struct: must be skipped by it. */
static struct {
	struct mb_mmap_entry e;
	uint32_t pad;
} __attribute__((packed)) map[2] = {
	{ { sizeof(map[0]) - 4, 0, 0x9fc00, E820_RAM }, 0 },
	{ { sizeof(map[0]) - 4, 0x100000, 0x700000, E820_RAM }, 0 },
};

static void reset(uint32_t flags)
{
	memset(&info, 0, sizeof(info));
	info.flags = flags;
	info.mem_lower = 639;
	info.mem_upper = 7 * 1024;
	info.cmdline = __pa(cmdline);
	info.loader_name = __pa(loader);
	info.mmap_addr = __pa(map);
	info.mmap_length = sizeof(map);
}

static void all_fields_copied(struct ktest *t)
{
	reset(MULTIBOOT_INFO_MEMORY | MULTIBOOT_INFO_CMDLINE |
	      MULTIBOOT_INFO_MEM_MAP | MULTIBOOT_INFO_LOADER_NAME);
	KTEST_ASSERT_EQ(t, multiboot_parse(__pa(&info), &bi), 0);
	KTEST_EXPECT_STREQ(t, bi.cmdline, "loglevel=3");
	KTEST_EXPECT_STREQ(t, bi.loader, "test loader");
	KTEST_EXPECT_EQ(t, bi.nr_map, 2);
	KTEST_EXPECT_EQ(t, bi.map[1].addr, 0x100000);
	KTEST_EXPECT_EQ(t, bi.map[1].size, 0x700000);
	KTEST_EXPECT_EQ(t, bi.map[1].type, E820_RAM);
}

static void fields_without_their_flag_are_ignored(struct ktest *t)
{
	reset(MULTIBOOT_INFO_MEM_MAP);
	KTEST_ASSERT_EQ(t, multiboot_parse(__pa(&info), &bi), 0);
	KTEST_EXPECT_STREQ(t, bi.cmdline, "");
	KTEST_EXPECT_STREQ(t, bi.loader, "");
	KTEST_EXPECT_EQ(t, bi.mem_upper_kb, 0);
	KTEST_EXPECT_EQ(t, bi.nr_map, 2);
}

static void memory_fields_stand_in_for_a_missing_map(struct ktest *t)
{
	reset(MULTIBOOT_INFO_MEMORY);
	KTEST_ASSERT_EQ(t, multiboot_parse(__pa(&info), &bi), 0);
	KTEST_EXPECT_EQ(t, bi.nr_map, 2);
	KTEST_EXPECT_EQ(t, bi.map[0].size, 639 * 1024);
	KTEST_EXPECT_EQ(t, bi.map[1].addr, 1 << 20);
	KTEST_EXPECT_EQ(t, bi.map[1].size, 7 << 20);
}

static void no_memory_information_is_refused(struct ktest *t)
{
	reset(MULTIBOOT_INFO_CMDLINE);
	KTEST_EXPECT_EQ(t, multiboot_parse(__pa(&info), &bi), -EINVAL);
}

static void pointers_beyond_the_early_map_are_refused(struct ktest *t)
{
	reset(MULTIBOOT_INFO_MEMORY | MULTIBOOT_INFO_CMDLINE |
	      MULTIBOOT_INFO_MEM_MAP);
	info.cmdline = 64 << 20;
	info.mmap_addr = 0xfffff000;
	KTEST_ASSERT_EQ(t, multiboot_parse(__pa(&info), &bi), 0);
	KTEST_EXPECT_STREQ(t, bi.cmdline, "");
	KTEST_EXPECT_EQ(t, bi.nr_map, 2);	/* from mem_lower/upper */
	KTEST_EXPECT_EQ(t, multiboot_parse(64 << 20, &bi), -EINVAL);
}

static void the_real_boot_info_is_sane(struct ktest *t)
{
	KTEST_EXPECT_GT(t, boot_info.nr_map, 0);
	KTEST_EXPECT_GE(t, e820_end_of_ram(), 4 << 20);
	KTEST_EXPECT_TRUE(t, boot_info.flags & MULTIBOOT_INFO_MEM_MAP);
}

static const struct ktest_case multiboot_cases[] = {
	KTEST_CASE(all_fields_copied),
	KTEST_CASE(fields_without_their_flag_are_ignored),
	KTEST_CASE(memory_fields_stand_in_for_a_missing_map),
	KTEST_CASE(no_memory_information_is_refused),
	KTEST_CASE(pointers_beyond_the_early_map_are_refused),
	KTEST_CASE(the_real_boot_info_is_sane),
};
KTEST_SUITE(multiboot, multiboot_cases);
