/*
 * Calls on a descriptor that another thread uses while the call
 * sleeps in a fault on user memory (the suite boots with a swap disk:
 * the page is swapped out and locked by the case, so the fault
 * sleeps).  readv and writev (kernel/read_write.c) with a piece table
 * that the other thread changes: the call reads it from user memory
 * twice, once to check the lengths and once to move each piece, and
 * the second read may find other lengths; the answer must still be
 * one a read or write can give, never a byte count past what a long
 * holds.  getdents64 (kernel/readdir.c) of the root while the other
 * thread lists it too: no entry is given twice.
 */
#include "kernel/abi.h"
#include "kernel/file.h"
#include "kernel/fork.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "lib/ktest.h"
#include "mm/filemap.h"
#include "mm/highmem.h"
#include "mm/pgtable.h"
#include "tests/kernel/ktest_swap.h"
#include "tests/kernel/ktest_tasks.h"

/* The piece table's middle length, in the kernel's view of its page,
 * and the table's last page, which the case holds locked. */
struct table_change {
	uint32_t *len;
	struct page *page;
};

/* Once the call sleeps reading the table's last page, makes the
 * middle piece long, then lets the page go. */
static int lengthen_the_middle(void *arg)
{
	struct table_change *c = arg;

	ktest_wait_for_page_waiter(c->page);
	*c->len = 0x7ffff000;
	unlock_page(c->page);
	return 0;
}

/* Puts /dev/null at a descriptor of current's table. */
static int open_null(void)
{
	struct file *f = get_empty_filp(device_by_path("/dev/null"),
					O_WRONLY);
	int fd = get_unused_fd(0);

	if (!f || fd < 0) {
		if (f)
			fput(f);
		return -1;
	}
	fd_install(fd, f, false);
	return fd;
}

/*
 * writev of three pieces to /dev/null (which does not look at them):
 * 0x7ffff000 + 1 + 0xffe bytes, a long's most, when the lengths are
 * checked; the middle one is 0x7ffff000 by the time it is written.
 * The call writes no more than a long can count.
 */
static void writev_rereads_no_length_past_a_long(struct ktest *t)
{
	static struct table_change c;	/* the thread may outlive a failure */
	struct mm_struct *mm = enter_swapping_mm(t);
	bool own_table;
	unsigned long addr, table;
	struct page *first;
	int pid, fd;

	if (!mm)
		return;
	addr = map_written_pages(2, 7);
	table = addr + PAGE_SIZE - 2 * sizeof(struct iovec);
	KTEST_ASSERT_EQ(t, put_u32(table + 4, 0x7ffff000), 0);
	KTEST_ASSERT_EQ(t, put_u32(table + 12, 1), 0);
	KTEST_ASSERT_EQ(t, put_u32(table + 20, 0xffe), 0);
	first = follow_page(mm, addr);
	KTEST_ASSERT_NOT_NULL(t, first);
	c.len = (uint32_t *)((char *)page_address(first) +
			     (table + 12 - addr));
	c.page = swap_out_page(mm, addr + PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, !pte_present(*pte_of(mm, addr + PAGE_SIZE)));
	own_table = ktest_enter_files();
	KTEST_ASSERT_NOT_NULL(t, current->files);
	fd = open_null();
	KTEST_ASSERT_TRUE(t, fd >= 0);
	if (!ktest_lock_page(t, c.page, "the piece table's last page"))
		return;
	pid = kernel_thread(lengthen_the_middle, &c, "other thread");
	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_EXPECT_EQ(t, sys_writev(fd, (struct iovec *)table, 3),
			0x7ffff000);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	close_fd(fd);
	ktest_leave_files(own_table);
	leave_mm(t, mm);
}

/* The other thread's view: the case's mm and table, its buffer. */
struct other_lister {
	struct mm_struct *mm;
	struct files_struct *files;
	struct page *page;	/* the case's buffer's, locked */
	int fd;			/* the root, open */
	unsigned long buf;
	long got;		/* what its getdents64 gave */
};

/*
 * Once the case's getdents64 sleeps on its buffer's page, lets the
 * page go and lists the root through the same file: nothing runs in
 * between (one CPU, no preemption), so the case is still asleep in
 * its copy, its listing half done, when this one starts.
 */
static int list_meanwhile(void *arg)
{
	struct other_lister *o = arg;

	use_mm(o->mm);
	current->files = o->files;	/* as CLONE_FILES shares it */
	o->files->count++;
	ktest_wait_for_page_waiter(o->page);
	unlock_page(o->page);
	o->got = sys_getdents64(o->fd, (void *)o->buf, PAGE_SIZE);
	use_mm(NULL);
	return 0;
}

/*
 * getdents64 of the root whose copy to the buffer sleeps in a fault,
 * while another thread lists the root through the same file: the
 * entries go to one or the other, none to both (2.4.0's vfs_readdir
 * holds the directory's semaphore).  The case's buffer holds the whole
 * listing, so the other thread, coming second, finds the end.
 */
static void getdents64_gives_no_entry_twice(struct ktest *t)
{
	static struct other_lister o;	/* it may outlive a failure */
	struct mm_struct *mm = enter_swapping_mm(t);
	struct file *root;
	unsigned long addr;
	bool own_table;
	long got;
	int pid;

	if (!mm)
		return;
	addr = map_written_pages(2, 7);
	o.mm = mm;
	o.buf = addr + PAGE_SIZE;
	o.got = -1;
	o.page = swap_out_page(mm, addr);
	KTEST_ASSERT_TRUE(t, !pte_present(*pte_of(mm, addr)));
	own_table = ktest_enter_files();
	KTEST_ASSERT_NOT_NULL(t, current->files);
	o.files = current->files;
	root = get_empty_filp(&root_dir_fops, O_RDONLY);
	KTEST_ASSERT_NOT_NULL(t, root);
	o.fd = get_unused_fd(0);
	KTEST_ASSERT_TRUE(t, o.fd >= 0);
	fd_install(o.fd, root, false);
	if (!ktest_lock_page(t, o.page, "getdents64's buffer"))
		return;
	pid = kernel_thread(list_meanwhile, &o, "other thread");
	KTEST_ASSERT_TRUE(t, pid > 0);
	got = sys_getdents64(o.fd, (void *)addr, PAGE_SIZE);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_TRUE(t, got > 0);
	KTEST_EXPECT_EQ(t, o.got, 0);	/* the end: all were the case's */
	close_fd(o.fd);
	ktest_leave_files(own_table);
	leave_mm(t, mm);
}

static const struct ktest_case read_write_cases[] = {
	KTEST_CASE(writev_rereads_no_length_past_a_long),
	KTEST_CASE(getdents64_gives_no_entry_twice),
};
KTEST_SUITE(read_write, read_write_cases);
