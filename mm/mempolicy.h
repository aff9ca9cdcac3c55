/*
 * Moving a process's pages between nodes (Linux 2.6.16's
 * mm/mempolicy.c: the migrate_pages system call and what it calls;
 * Linux 2.4.0 has none of this).  move_pages is in mm/move_pages.c.
 */
#ifndef MM_MEMPOLICY_H
#define MM_MEMPOLICY_H

#include "mm/mm.h"

struct mm_struct;
struct task_struct;

/* The node a page frame belongs to. */
static inline int page_to_nid(const struct page *page)
{
	return page_zone(page)->zone_pgdat->node_id;
}

/* A node that exists and has memory (Linux's N_MEMORY state). */
bool node_online(int nid);

/* The task's mm with a reference taken (mmput() it), or NULL. */
struct mm_struct *get_task_mm(struct task_struct *task);

/* pid 0 is the caller, as in the system calls; NULL if none. */
struct task_struct *find_task_for_migration(int pid);

/* Allocates the target of a migration on node `private`, that node only. */
struct page *new_node_page(struct page *page, unsigned long private,
			   int **result);

/* What do_migrate_pages() did. */
struct migrate_stats {
	unsigned long moved;	/* pages now on their new node */
	unsigned long failed;	/* pages that should have moved, did not */
};

int do_migrate_pages(struct mm_struct *mm, unsigned long from,
		     unsigned long to, struct migrate_stats *stats);

#endif
