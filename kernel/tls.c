/*
 * Thread-local storage: set_thread_area (243) and get_thread_area
 * (244), with Linux i386's ABI.  2.4.0 has neither: they came with
 * Linux 2.5's NPTL work, and Pagoda follows 2.6's i386 version
 * (sys_set_thread_area in arch/i386/kernel/process.c).  A static
 * glibc program calls set_thread_area before main to make a segment
 * whose base is its thread control block, and loads %gs with it.
 *
 * Each task has three descriptors (thread.tls_array), GDT entries
 * GDT_ENTRY_TLS_MIN..MAX while it runs: context_switch() and a change
 * to one's own copy them in (load_TLS, kernel/gdt.c); fork copies
 * them (a CLONE_SETTLS thread gets one entry of its own), exec empties
 * them.  The user's segment registers are saved
 * in every trap frame and reloaded on the way out (kernel/entry.S),
 * where a selector whose entry was emptied meanwhile becomes 0: the
 * program faults, with SIGSEGV, when it uses it.
 *
 * Refused, as later Linux refuses them (arch/x86/kernel/tls.c,
 * tls_desc_okay, Linux 3.19): 16-bit segments, code segments and
 * present-less ones, other than the two "empty" forms.  A segment
 * may reach past 3 GiB, as in every Linux: glibc's own has a 4 GiB
 * limit.  That is safe because the kernel's pages are supervisor
 * pages: a user access through such a segment faults in the page
 * tables (user program tlstest checks it).
 */
#include "kernel/tls.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/traps.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

/* Descriptor bits (Intel SDM vol. 3, 3.4.5) above bit 32. */
#define DESC_WRITABLE	(1ULL << 41)
#define DESC_TYPE_SHIFT	42		/* user_desc's contents: 2 bits */
#define DESC_USER_DATA	(0x7ULL << 44)	/* code/data (S), DPL 3 */
#define DESC_PRESENT	(1ULL << 47)
#define DESC_AVL	(1ULL << 52)	/* user_desc's "useable" */
#define DESC_32BIT	(1ULL << 54)
#define DESC_PAGES	(1ULL << 55)	/* limit in 4 KiB units */

/*
 * The "clear this entry" request: Linux 2.6's LDT_empty (not present,
 * read-only, all else 0), or all zeros, which programs used for the
 * same and Linux 3.19 accepts too.
 */
static bool desc_empty(const struct user_desc *info)
{
	bool zero = !info->base_addr && !info->limit && !info->contents &&
		    !info->limit_in_pages && !info->useable &&
		    !info->seg_32bit;

	return zero && info->read_exec_only == info->seg_not_present;
}

/* A segment a program may have: a present 32-bit data segment. */
static bool desc_okay(const struct user_desc *info)
{
	return info->seg_32bit && info->contents <= 1 &&
	       !info->seg_not_present;
}

/* The 8-byte GDT descriptor of info (Linux's LDT_entry_a and _b). */
static uint64_t make_desc(const struct user_desc *info)
{
	uint64_t base = info->base_addr, limit = info->limit;
	uint64_t d = (limit & 0xFFFF) | (base & 0xFFFFFF) << 16 |
		     (limit & 0xF0000) << 32 | (base >> 24) << 56 |
		     DESC_USER_DATA | DESC_PRESENT |
		     (uint64_t)info->contents << DESC_TYPE_SHIFT;

	if (!info->read_exec_only)
		d |= DESC_WRITABLE;
	if (info->useable)
		d |= DESC_AVL;
	if (info->seg_32bit)
		d |= DESC_32BIT;
	if (info->limit_in_pages)
		d |= DESC_PAGES;
	return d;
}

/* The user's view of descriptor d in GDT entry idx (for get_thread_area). */
static void read_desc(uint64_t d, int idx, struct user_desc *info)
{
	memset(info, 0, sizeof(*info));
	info->entry_number = idx;
	info->base_addr = ((d >> 16) & 0xFFFFFF) | (d >> 56) << 24;
	info->limit = (d & 0xFFFF) | ((d >> 32) & 0xF0000);
	info->seg_32bit = !!(d & DESC_32BIT);
	info->contents = (d >> DESC_TYPE_SHIFT) & 3;
	info->read_exec_only = !(d & DESC_WRITABLE);
	info->limit_in_pages = !!(d & DESC_PAGES);
	info->seg_not_present = !(d & DESC_PRESENT);
	info->useable = !!(d & DESC_AVL);
}

/* The first empty TLS entry of current, or -ESRCH (2.6's get_free_idx). */
static int get_free_idx(void)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		if (!current->thread.tls_array[i])
			return GDT_ENTRY_TLS_MIN + i;
	return -ESRCH;
}

/* A descriptor a program gives, copied in and checked: 0 or -errno. */
static int get_user_desc(struct user_desc *info,
			 const struct user_desc *u_info)
{
	if (copy_from_user(info, u_info, sizeof(*info)))
		return -EFAULT;
	/* before an entry is chosen, so a refusal writes nothing back */
	if (!desc_empty(info) && !desc_okay(info))
		return -EINVAL;
	return 0;
}

/* Puts info into p's TLS entry info->entry_number: 0, or -EINVAL. */
int set_tls_entry(struct task_struct *p, const struct user_desc *info)
{
	int idx = info->entry_number;

	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN] =
		desc_empty(info) ? 0 : make_desc(info);
	return 0;
}

long sys_set_thread_area(struct user_desc *u_info)
{
	struct user_desc info;
	int err = get_user_desc(&info, u_info);

	if (err)
		return err;
	if (info.entry_number == (unsigned)-1) {
		int idx = get_free_idx();

		if (idx < 0)
			return idx;
		if (put_user_u32(idx, &u_info->entry_number))
			return -EFAULT;
		info.entry_number = idx;
	}
	err = set_tls_entry(current, &info);
	if (!err)
		load_TLS(&current->thread);
	return err;
}

/*
 * clone's CLONE_SETTLS, in two steps around the making of the child:
 * read and check the descriptor (before, so that a bad one refuses
 * the clone), then give the child the entry with set_tls_entry()
 * (2.6's copy_thread; -1,
 * "any free entry", is EINVAL there as here).
 */
int clone_tls_read(const struct user_desc *u_info, struct user_desc *info)
{
	int err = get_user_desc(info, u_info);

	if (!err && (info->entry_number < GDT_ENTRY_TLS_MIN ||
		     info->entry_number > GDT_ENTRY_TLS_MAX))
		err = -EINVAL;
	return err;
}

long sys_get_thread_area(struct user_desc *u_info)
{
	struct user_desc info;
	uint32_t idx;

	if (copy_from_user(&idx, &u_info->entry_number, sizeof(idx)))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	read_desc(current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN], idx,
		  &info);
	if (copy_to_user(u_info, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

/* A new program starts with no TLS entries (part of Linux's flush_thread). */
void flush_tls(void)
{
	memset(current->thread.tls_array, 0,
	       sizeof(current->thread.tls_array));
	load_TLS(&current->thread);
}
