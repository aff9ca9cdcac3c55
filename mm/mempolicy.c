/*
 * Moving a process's pages between nodes: the migrate_pages system
 * call (i386 294) and the shell's migrate and numastat commands, as
 * Linux 2.6.16's mm/mempolicy.c has sys_migrate_pages(),
 * do_migrate_pages() and migrate_to_node(), and as numactl's
 * migratepages and numastat use them.  Linux 2.4.0 has none of this.
 *
 * Each is a user of page migration's three steps (mm/migrate.h):
 * isolate_lru_page() every page to move onto a list per target node,
 * migrate_pages() each list with new_node_page() as the allocator,
 * putback_lru_pages() what is left.
 */
#include "mm/mempolicy.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/shell.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "lib/cmdline.h"
#include "lib/errno.h"
#include "mm/memory.h"
#include "mm/migrate.h"
#include "mm/mm_types.h"

#define BITS_PER_LONG		32
#define ALL_NODES		((1UL << MAX_NUMNODES) - 1)
#define MAX_MASK_BITS		(PAGE_SIZE * 8)	/* Linux's get_nodes() limit */

bool node_online(int nid)
{
	return nid >= 0 && nid < MAX_NUMNODES && NODE_DATA(nid)->node_size;
}

static unsigned long online_nodes(void)
{
	unsigned long mask = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_online(nid))
			mask |= 1UL << nid;
	return mask;
}

struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm = task->mm;

	if (mm)
		mm->mm_users++;
	return mm;
}

struct task_struct *find_task_for_migration(int pid)
{
	if (pid == 0)
		return current;
	if (pid < 0)
		return NULL;
	return find_task_by_pid(pid);
}

/*
 * The target of one migration: a page of node `private` and of no
 * other (__GFP_THISNODE), or NULL, which makes migrate_pages() stop
 * with -ENOMEM (Linux 2.6.18's new_node_page()).  It may reclaim, as
 * a page fault would.
 */
struct page *new_node_page(struct page *page __unused, unsigned long private,
			   int **result __unused)
{
	return alloc_pages_node(private, GFP_HIGHUSER | __GFP_THISNODE, 0);
}

/*
 * Reads a node mask from user space the way Linux's get_nodes() does:
 * maxnode - 1 bits are significant (so maxnode 0 and 1 mean an empty
 * mask, as does a NULL pointer); more than a page of bits is -EINVAL;
 * a node Pagoda cannot have (>= MAX_NUMNODES) is -EINVAL; a mask it
 * cannot read is -EFAULT.
 */
static int get_nodes(unsigned long *nodes, const unsigned long *nmask,
		     unsigned long maxnode)
{
	unsigned long nlongs, bits;

	*nodes = 0;
	if (maxnode > MAX_MASK_BITS)
		return -EINVAL;
	if (maxnode <= 1 || !nmask)
		return 0;
	bits = maxnode - 1;
	nlongs = (bits + BITS_PER_LONG - 1) / BITS_PER_LONG;
	for (unsigned long k = 0; k < nlongs; k++) {
		unsigned long word, left = bits - k * BITS_PER_LONG;

		if (copy_from_user(&word, nmask + k, sizeof(word)))
			return -EFAULT;
		if (left < BITS_PER_LONG)
			word &= (1UL << left) - 1;
		if (k == 0) {
			*nodes = word & ALL_NODES;
			word &= ~ALL_NODES;
		}
		if (word)
			return -EINVAL;
	}
	return 0;
}

static int nth_node(unsigned long mask, int n)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if ((mask >> nid & 1) && n-- == 0)
			return nid;
	return -1;
}

/*
 * Where node s goes when `from` moves to `to` (Linux's bitmap_remap of
 * one bit): the k-th node of from goes to the (k mod |to|)-th node of
 * to; a node not in from stays.
 */
static int node_remap(int s, unsigned long from, unsigned long to)
{
	int k;

	if (!(from >> s & 1) || !to)
		return s;
	k = __builtin_popcountl(from & ((1UL << s) - 1));
	return nth_node(to, k % __builtin_popcountl(to));
}

/*
 * Step 1 for a whole address space: every page mapped in mm whose node
 * remaps to another is isolated onto that node's list.  Nothing here
 * sleeps, so the VMAs and page tables cannot change under the walk.
 */
static void isolate_mm_pages(struct mm_struct *mm, unsigned long from,
			     unsigned long to, struct list_head *lists,
			     struct migrate_stats *stats)
{
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next) {
		for (unsigned long addr = vma->vm_start; addr < vma->vm_end;
		     addr += PAGE_SIZE) {
			struct page *page = follow_page(mm, addr);
			int s, d;

			if (!page || PageReserved(page))
				continue;	/* absent, or the zero page */
			s = page_to_nid(page);
			d = node_remap(s, from, to);
			if (d == s)
				continue;
			if (isolate_lru_page(page)) {
				stats->failed++;	/* busy, say */
				continue;
			}
			list_add_tail(&page->lru, &lists[d]);
		}
	}
}

static unsigned long list_length(struct list_head *list)
{
	unsigned long n = 0;

	for (struct list_head *p = list->next; p != list; p = p->next)
		n++;
	return n;
}

/*
 * Steps 2 and 3 for one target node (Linux's migrate_to_node()):
 * migrate the list to `node`, count what moved, put back the rest.
 */
static int migrate_to_node(struct list_head *list, int node,
			   struct migrate_stats *stats)
{
	unsigned long isolated = list_length(list), left;
	int err;

	if (!isolated)
		return 0;
	err = migrate_pages(list, new_node_page, node);
	left = list_length(list);
	stats->moved += isolated - left;
	stats->failed += left;
	putback_lru_pages(list);
	return err;
}

/*
 * Moves every page of mm on a node of `from` to the node of `to` that
 * node_remap() gives (Linux's do_migrate_pages).  Returns the number
 * of pages that should have moved and did not, or -ENOMEM when a
 * target node ran out.  Departure: Linux walks the address space once
 * per (source, target) pair, choosing an order in which no page moves
 * twice; here one walk sorts every page to its target's list, which
 * moves each page at most once too.
 */
int do_migrate_pages(struct mm_struct *mm, unsigned long from,
		     unsigned long to, struct migrate_stats *stats)
{
	struct list_head lists[MAX_NUMNODES];
	int err = 0;

	stats->moved = stats->failed = 0;
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		INIT_LIST_HEAD(&lists[nid]);
	isolate_mm_pages(mm, from, to, lists, stats);
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		int ret = migrate_to_node(&lists[nid], nid, stats);

		if (ret < 0)
			err = ret;
	}
	return err < 0 ? err : (int)stats->failed;
}

/*
 * migrate_pages(pid, maxnode, old_nodes, new_nodes): moves the pages
 * of process pid (0: the caller) that are on old_nodes to new_nodes.
 * Returns how many could not be moved, or -EINVAL (a bad mask, a
 * target node that is not online, no target at all, a kernel thread),
 * -EFAULT (a mask it cannot read), -ESRCH (no such process), -ENOMEM.
 * Every process may move every process's pages (Pagoda has no users):
 * as with Linux's CAP_SYS_NICE, shared pages move too.
 */
long sys_migrate_pages(int pid, unsigned long maxnode,
		       const unsigned long *old_nodes,
		       const unsigned long *new_nodes)
{
	unsigned long from, to;
	struct task_struct *task;
	struct migrate_stats stats;
	struct mm_struct *mm;
	int err;

	err = get_nodes(&from, old_nodes, maxnode);
	if (!err)
		err = get_nodes(&to, new_nodes, maxnode);
	if (err)
		return err;
	task = find_task_for_migration(pid);
	if (!task)
		return -ESRCH;
	if ((to & ~online_nodes()) || !to)
		return -EINVAL;
	mm = get_task_mm(task);
	if (!mm)
		return -EINVAL;
	err = do_migrate_pages(mm, from, to, &stats);
	mmput(mm);
	return err;
}

/* ------------------------------------------------------ the shell */

/* The process of a shell argument, or NULL after saying why. */
static struct task_struct *shell_task(const char *cmd, const char *arg)
{
	struct task_struct *task;
	unsigned long pid;

	if (kstrtoul(arg, 10, &pid) || !pid || pid > 0x7fffffff) {
		cprintf("%s: '%s' is not a process id\n", cmd, arg);
		return NULL;
	}
	task = find_task_by_pid(pid);
	if (!task) {
		cprintf("%s: (%lu): no such process\n", cmd, pid);
		return NULL;
	}
	if (!task->mm) {
		cprintf("%s: (%lu): %s has no user pages\n", cmd, pid,
			task->comm);
		return NULL;
	}
	return task;
}

/* migrate PID NODE: as numactl's "migratepages PID all NODE". */
static int cmd_migrate(int argc, char **argv)
{
	struct migrate_stats stats;
	struct task_struct *task;
	struct mm_struct *mm;
	unsigned long node;
	int err;

	if (argc != 3)
		return shell_usage(argv[0]);
	if (kstrtoul(argv[2], 10, &node) || !node_online(node)) {
		cprintf("migrate: no node '%s' (nodes 0-%d)\n", argv[2],
			numnodes - 1);
		return -EINVAL;
	}
	task = shell_task("migrate", argv[1]);
	if (!task)
		return -ESRCH;
	mm = get_task_mm(task);
	err = do_migrate_pages(mm, ALL_NODES, 1UL << node, &stats);
	mmput(mm);
	cprintf("migrate: pid %d: %lu pages moved to node %lu, "
		"%lu not moved%s\n", task->pid, stats.moved, node,
		stats.failed, err == -ENOMEM ? " (node full)" : "");
	return 0;
}
SHELL_COMMAND(migrate, cmd_migrate, "migrate PID NODE",
	      "move all pages of process PID to NODE (numactl's migratepages)");

/* numastat PID: the process's resident pages on each node. */
static int cmd_numastat(int argc, char **argv)
{
	unsigned long pages[MAX_NUMNODES] = { 0 }, total = 0;
	struct task_struct *task;
	struct mm_struct *mm;

	if (argc != 2)
		return shell_usage(argv[0]);
	task = shell_task("numastat", argv[1]);
	if (!task)
		return -ESRCH;
	mm = task->mm;
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		for (unsigned long a = vma->vm_start; a < vma->vm_end;
		     a += PAGE_SIZE) {
			struct page *page = follow_page(mm, a);

			if (page && !PageReserved(page))
				pages[page_to_nid(page)]++;
		}
	cprintf("Per-node resident pages for pid %d (%s)\n", task->pid,
		task->comm);
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_online(nid)) {
			cprintf("Node %d %8lu\n", nid, pages[nid]);
			total += pages[nid];
		}
	cprintf("Total  %8lu\n", total);
	return 0;
}
SHELL_COMMAND(numastat, cmd_numastat, "numastat PID",
	      "resident pages of process PID on each node");
