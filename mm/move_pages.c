/*
 * The move_pages system call (i386 317): moves single pages of a
 * process to the nodes asked for, or says where they are, with a
 * status for each (Linux 2.6.18's sys_move_pages(), do_move_pages()
 * and do_pages_stat() in mm/migrate.c; here in a file of their own so
 * that mm/migrate.c holds the seed's steps alone).  Linux 2.4.0 has
 * no such call.
 *
 * The pages are handled in chunks of MOVE_CHUNK, each chunk copied in,
 * isolated onto one list, migrated, its statuses copied out, as Linux
 * does since 2.6.28 (so the kernel never holds more than a chunk).
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "mm/memory.h"
#include "mm/mempolicy.h"
#include "mm/migrate.h"
#include "mm/mm_types.h"
#include "mm/mmap.h"

#define MOVE_CHUNK	16

/* One entry of the arrays move_pages() was given. */
struct page_to_node {
	unsigned long addr;
	struct page *page;	/* isolated for migration, else NULL */
	int node;		/* where it should go */
	int status;		/* what the caller will read */
};

/*
 * The page mapped at addr, or NULL with *err saying why: -EFAULT
 * outside every VMA or for the shared zero page (Linux's FOLL_DUMP
 * answer), -ENOENT for a page not present (never touched, or swapped
 * out).
 */
static struct page *lookup_page(struct mm_struct *mm, unsigned long addr,
				int *err)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct page *page;

	*err = -EFAULT;
	if (!vma || addr < vma->vm_start)
		return NULL;
	page = follow_page(mm, addr);
	*err = -ENOENT;
	if (!page)
		return NULL;
	*err = -EFAULT;
	if (PageReserved(page))
		return NULL;
	return page;
}

/* Query mode (nodes == NULL): each page's node, or why there is none. */
static void do_pages_stat(struct mm_struct *mm, struct page_to_node *pm,
			  int n)
{
	for (int i = 0; i < n; i++) {
		struct page *page = lookup_page(mm, pm[i].addr, &pm[i].status);

		if (page)
			pm[i].status = page_to_nid(page);
	}
}

/*
 * new_page_t of move_pages: the target of `page` is on the node its
 * entry asks for, and migrate_pages() writes the page's fate (0 or
 * -errno) into that entry's status.  private is the chunk, ended by
 * an entry whose addr is ~0UL.
 */
static struct page *new_page_node(struct page *page, unsigned long private,
				  int **result)
{
	struct page_to_node *pm = (struct page_to_node *)private;

	while (pm->addr != ~0UL && pm->page != page)
		pm++;
	if (pm->addr == ~0UL)
		return NULL;
	*result = &pm->status;
	return new_node_page(page, pm->node, result);
}

/*
 * Step 1 for one entry: the page is isolated onto list if it is not
 * on its node yet; status says what happened otherwise (its node if
 * it is already there, -EACCES if other processes share it and
 * MPOL_MF_MOVE_ALL was not given, -EBUSY if it cannot be isolated,
 * -ENOMEM once a target node has run out: node_full).
 */
static void isolate_entry(struct mm_struct *mm, struct page_to_node *pp,
			  bool move_all, bool node_full, struct list_head *list)
{
	struct page *page = lookup_page(mm, pp->addr, &pp->status);

	pp->page = NULL;
	if (!page)
		return;
	pp->status = page_to_nid(page);
	if (pp->status == pp->node)
		return;
	pp->status = -EACCES;
	if (page_mapcount(page) > 1 && !move_all)
		return;
	/* a page the allocator never reaches ends as "no memory" */
	pp->status = -ENOMEM;
	if (node_full)
		return;
	pp->status = -EBUSY;
	if (isolate_lru_page(page))
		return;
	pp->status = -ENOMEM;
	pp->page = page;
	list_add_tail(&page->lru, list);
}

/*
 * Moves the pages of one chunk.  Returns how many of the pages it
 * isolated did not move, or -ENOMEM when a target node ran out: from
 * then on (node_full) nothing more is moved, to any node, and every
 * page that would have been is -ENOMEM: the caller learns each page's
 * fate without an allocation failing once per chunk.
 */
static int do_move_pages(struct mm_struct *mm, struct page_to_node *pm,
			 int n, bool move_all, bool node_full)
{
	LIST_HEAD(list);
	int err = node_full ? -ENOMEM : 0, left = 0;

	for (int i = 0; i < n; i++)
		isolate_entry(mm, &pm[i], move_all, node_full, &list);
	pm[n].addr = ~0UL;
	if (!list_empty(&list))
		err = migrate_pages(&list, new_page_node, (unsigned long)pm);
	putback_lru_pages(&list);
	for (int i = 0; i < n; i++) {
		struct page *now;

		if (!pm[i].page)
			continue;
		if (pm[i].status) {
			left++;
			continue;
		}
		/* moved: the node its new page is on, as Linux reports */
		now = lookup_page(mm, pm[i].addr, &pm[i].status);
		if (now)
			pm[i].status = page_to_nid(now);
	}
	return err < 0 ? err : left;
}

/* Copies a chunk's addresses (and target nodes) in. */
static int copy_chunk_in(struct page_to_node *pm, int n, void *const *pages,
			 const int *nodes)
{
	for (int i = 0; i < n; i++) {
		uint32_t addr;
		int node = -1;

		if (copy_from_user(&addr, pages + i, sizeof(addr)))
			return -EFAULT;
		if (nodes && copy_from_user(&node, nodes + i, sizeof(node)))
			return -EFAULT;
		pm[i].addr = addr & PAGE_MASK;
		pm[i].node = node;
	}
	return 0;
}

/*
 * Every target node must exist and have memory, or the call fails
 * with -ENODEV before anything moves (Linux 2.6.18 checks them all
 * first, too); -EFAULT if the array cannot be read.
 */
static int check_nodes(const int *nodes, unsigned long nr_pages)
{
	for (unsigned long i = 0; i < nr_pages; i++) {
		int node;

		if (copy_from_user(&node, nodes + i, sizeof(node)))
			return -EFAULT;
		if (!node_online(node))
			return -ENODEV;
	}
	return 0;
}

static int copy_status_out(int *status, const struct page_to_node *pm,
			   int n)
{
	for (int i = 0; i < n; i++)
		if (put_user_u32(pm[i].status, status + i))
			return -EFAULT;
	return 0;
}

/*
 * The chunks, one after the other.  -EFAULT stops the call; -ENOMEM
 * (a node ran out) is the answer once every status is written.
 */
static long move_pages_chunks(struct mm_struct *mm, unsigned long nr_pages,
			      void *const *pages, const int *nodes,
			      int *status, bool move_all)
{
	struct page_to_node pm[MOVE_CHUNK + 1];
	bool node_full = false;
	long left = 0;

	for (unsigned long done = 0; done < nr_pages; done += MOVE_CHUNK) {
		int n = min(nr_pages - done, (unsigned long)MOVE_CHUNK);
		int err = copy_chunk_in(pm, n, pages + done,
					nodes ? nodes + done : NULL);

		if (err)
			return err;
		if (nodes)
			err = do_move_pages(mm, pm, n, move_all, node_full);
		else
			do_pages_stat(mm, pm, n);
		if (copy_status_out(status + done, pm, n))
			return -EFAULT;
		if (err == -ENOMEM)
			node_full = true;
		else
			left += err;
	}
	return node_full ? -ENOMEM : left;
}

/*
 * move_pages(pid, count, pages, nodes, status, flags): moves page
 * pages[i] of process pid (0: the caller) to node nodes[i], writing
 * into status[i] the node it is on afterwards, or -EFAULT (no VMA
 * there, or the zero page), -ENOENT (not present), -EACCES (shared
 * with another process and no MPOL_MF_MOVE_ALL), -EBUSY (cannot be
 * isolated now), -ENOMEM (the node ran out).  With nodes == NULL it
 * moves nothing and status[i] says where each page is.  Returns the
 * number of pages that did not move (as Linux since 4.17), or
 * -EINVAL (unknown flags, a kernel thread), -ESRCH (no such process),
 * -ENODEV (a node that is not online), -EFAULT (an array it cannot
 * read or write), -ENOMEM (a node ran out; the statuses are written).
 */
long sys_move_pages(int pid, unsigned long nr_pages, void *const *pages,
		    const int *nodes, int *status, int flags)
{
	struct task_struct *task;
	struct mm_struct *mm;
	long err;

	if (flags & ~(MPOL_MF_MOVE | MPOL_MF_MOVE_ALL))
		return -EINVAL;
	task = find_task_for_migration(pid);
	if (!task)
		return -ESRCH;
	if (nodes) {
		err = check_nodes(nodes, nr_pages);
		if (err)
			return err;
	}
	mm = get_task_mm(task);
	if (!mm)
		return -EINVAL;
	err = move_pages_chunks(mm, nr_pages, pages, nodes, status,
				flags & MPOL_MF_MOVE_ALL);
	mmput(mm);
	return err;
}
