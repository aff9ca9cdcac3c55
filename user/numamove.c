/*
 * numamove [PAGES [ROUNDS]]: moves its own pages from node to node
 * with move_pages(2) and migrate_pages(2), checking every word after
 * each move, and checks the answers both calls give to bad arguments.
 *
 * Each round moves all PAGES pages to the next node (move_pages in odd
 * rounds, migrate_pages in even ones), asks where they are (every
 * page must say the node it was sent to), checks the pattern the last
 * round wrote into every word and writes a new one (so a moved page
 * must also still be writable).  The nodes are found by asking
 * move_pages to move one page to nodes 0 to 7: ENODEV means there is
 * no such node.  On a one-node machine (a Linux host) every move is
 * to node 0 and the rest is the same.
 *
 * numamove PAGES to NODE: one move_pages of all pages to NODE, then
 * how many pages each status got, and every word checked.  A node
 * too full to take them all answers ENOMEM for the pages it could
 * not take, and they stay where they were, intact.
 *
 * Exit status: 0 if every check passed, 1 otherwise, 2 for bad
 * arguments.
 */
#include "user/lib/libc.h"
#include "user/lib/pattern.h"

#define MAX_NODES	8
#define MAX_PAGES	16384
#define BAD_PID		0x7ffffff0	/* above any pid_max */
#define BAD_PTR		((void *)16)	/* user space, never mapped */

static void *addrs[MAX_PAGES + 2];
static int nodes[MAX_PAGES + 2];
static int status[MAX_PAGES + 2];
static int failures;

static long move_pages(int pid, unsigned long n, void **pages,
		       const int *to, int *st, int flags)
{
	return __syscall(__NR_move_pages, pid, n, (long)pages, (long)to,
			 (long)st, flags);
}

static long migrate_pages(int pid, unsigned long maxnode,
			  const unsigned long *from, const unsigned long *to)
{
	return __syscall(__NR_migrate_pages, pid, maxnode, (long)from,
			 (long)to, 0, 0);
}

static void check(bool ok, const char *what)
{
	if (!ok) {
		printf("numamove: FAIL: %s\n", what);
		failures++;
	}
}

/* A call that must fail with err: says so, or fails the run. */
static void expect_error(long ret, int err, const char *call)
{
	if (ret == -err) {
		printf("numamove: %s: %s: ok\n", call, strerror(err));
		return;
	}
	printf("numamove: FAIL: %s returned %ld, expected -%d (%s)\n", call,
	       ret, err, strerror(err));
	failures++;
}

/* The nodes move_pages can move a page to, in *found; their number. */
static int find_nodes(int *found)
{
	int n = 0;

	for (int nid = 0; nid < MAX_NODES; nid++) {
		long ret = move_pages(0, 1, addrs, &nid, status,
				      MPOL_MF_MOVE);

		if (ret == 0 && status[0] == nid)
			found[n++] = nid;
		else if (ret != -ENODEV)
			check(false, "move_pages of one page answered neither "
				     "its node nor ENODEV");
	}
	return n;
}

/* Checks pass `check`'s pattern in every word, writes pass `write`'s. */
static unsigned long walk(uint32_t *buf, unsigned long words, uint32_t pid,
			  uint32_t check, uint32_t write)
{
	unsigned long bad = 0;

	for (unsigned long i = 0; i < words; i++) {
		uintptr_t addr = (uintptr_t)&buf[i];

		if (check && buf[i] != pattern(addr, pid, check) &&
		    ++bad <= 3)
			printf("numamove: FAIL at %#010lx: expected %#010x, "
			       "found %#010x (round %u)\n", (unsigned long)addr,
			       pattern(addr, pid, check), buf[i], check);
		buf[i] = pattern(addr, pid, write);
	}
	return bad;
}

/* Where are the pages?  Each must be on `node` (-1: on some node). */
static bool all_on(unsigned long pages, int node)
{
	if (move_pages(0, pages, addrs, NULL, status, 0))
		return false;
	for (unsigned long i = 0; i < pages; i++)
		if (node < 0 ? status[i] < 0 : status[i] != node)
			return false;
	return true;
}

/* One round: all pages to `node`, by move_pages or by migrate_pages. */
static bool move_all(unsigned long pages, int node, unsigned long from,
		     bool by_move_pages)
{
	unsigned long to = 1UL << node;

	if (by_move_pages) {
		for (unsigned long i = 0; i < pages; i++)
			nodes[i] = node;
		if (move_pages(0, pages, addrs, nodes, status, MPOL_MF_MOVE))
			return false;
		for (unsigned long i = 0; i < pages; i++)
			if (status[i] != node)
				return false;
		return true;
	}
	return migrate_pages(0, 32, &from, &to) == 0;
}

/*
 * The statuses of pages that cannot move (query and move mode alike):
 * a page never touched is -ENOENT, an address outside every mapping
 * -EFAULT.
 */
static void check_page_statuses(char *untouched, char *unmapped)
{
	void *two[2] = { untouched, unmapped };
	int to[2] = { 0, 0 }, st[2];

	check(move_pages(0, 2, two, NULL, st, 0) == 0 && st[0] == -ENOENT &&
	      st[1] == -EFAULT, "query of an untouched and an unmapped page");
	check(move_pages(0, 2, two, to, st, MPOL_MF_MOVE) == 0 &&
	      st[0] == -ENOENT && st[1] == -EFAULT,
	      "move of an untouched and an unmapped page");
	printf("numamove: untouched page ENOENT, unmapped page EFAULT: ok\n");
}

static void check_bad_arguments(void)
{
	unsigned long none = 0, far[2] = { 0, 1UL << 8 }, node0 = 1;
	int node = 64, minus = -1;

	expect_error(move_pages(0, 1, addrs, NULL, status, 0x100), EINVAL,
		     "move_pages(flags 0x100)");
	expect_error(move_pages(BAD_PID, 1, addrs, NULL, status, 0), ESRCH,
		     "move_pages(no such pid)");
	expect_error(move_pages(0, 1, addrs, &node, status, MPOL_MF_MOVE),
		     ENODEV, "move_pages(node 64)");
	expect_error(move_pages(0, 1, addrs, &minus, status, MPOL_MF_MOVE),
		     ENODEV, "move_pages(node -1)");
	expect_error(move_pages(0, 1, BAD_PTR, NULL, status, 0), EFAULT,
		     "move_pages(bad pages array)");
	expect_error(move_pages(0, 1, addrs, NULL, BAD_PTR, 0), EFAULT,
		     "move_pages(bad status array)");
	expect_error(migrate_pages(0, 1UL << 20, &node0, &node0), EINVAL,
		     "migrate_pages(maxnode 1M)");
	expect_error(migrate_pages(BAD_PID, 32, &node0, &node0), ESRCH,
		     "migrate_pages(no such pid)");
	expect_error(migrate_pages(0, 64, far, far), EINVAL,
		     "migrate_pages(node 40)");
	expect_error(migrate_pages(0, 32, &node0, BAD_PTR), EFAULT,
		     "migrate_pages(bad mask)");
	expect_error(migrate_pages(0, 32, &node0, &none), EINVAL,
		     "migrate_pages(no target node)");
}

/* numamove PAGES to NODE: one move, and what became of each page. */
static int move_once(char *buf, unsigned long pages, int node, uint32_t pid)
{
	unsigned long moved = 0, nomem = 0, other = 0;
	long ret;

	for (unsigned long i = 0; i < pages; i++)
		nodes[i] = node;
	ret = move_pages(0, pages, addrs, nodes, status, MPOL_MF_MOVE);
	for (unsigned long i = 0; i < pages; i++) {
		if (status[i] == node)
			moved++;
		else if (status[i] == -ENOMEM)
			nomem++;
		else
			other++;
	}
	printf("numamove: to node %d: %lu pages there, %lu ENOMEM, %lu other"
	       " (move_pages: %s)\n", node, moved, nomem, other,
	       ret < 0 ? strerror(-ret) : "ok");
	check(ret == (nomem ? -ENOMEM : 0), "move_pages said ENOMEM iff "
					    "a page did");
	check(!other, "every page moved or ENOMEM");
	check(!walk((uint32_t *)buf, pages * PAGE_SIZE / 4, pid, 1, 2),
	      "every word kept");
	if (failures)
		return 1;
	printf("numamove: %lu pages verified\n", pages);
	return 0;
}

static int usage(void)
{
	printf("usage: numamove [PAGES [ROUNDS]]   (PAGES 1-%d, default 256;"
	       " ROUNDS >= 1, default 20)\n"
	       "       numamove PAGES to NODE\n", MAX_PAGES);
	return 2;
}

int main(int argc, char **argv)
{
	unsigned long pages = 256, rounds = 20, from = 0;
	int found[MAX_NODES], n;
	uint32_t pid = getpid();
	char *buf;

	bool once = argc == 4 && !strcmp(argv[2], "to");

	if ((argc > 3 && !once) ||
	    (argc > 1 && (kstrtoul(argv[1], 10, &pages) || !pages ||
			  pages > MAX_PAGES)) ||
	    (argc > 2 && kstrtoul(argv[once ? 3 : 2], 10, &rounds)) ||
	    (!once && !rounds))
		return usage();
	buf = mmap(NULL, (pages + 2) * PAGE_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED || munmap(buf + (pages + 1) * PAGE_SIZE,
					PAGE_SIZE)) {
		printf("numamove: FAIL: no memory: %s\n", strerror(errno));
		return 1;
	}
	for (unsigned long i = 0; i < pages; i++)
		addrs[i] = buf + i * PAGE_SIZE;
	walk((uint32_t *)buf, pages * PAGE_SIZE / 4, pid, 0, 1);
	if (once)
		return move_once(buf, pages, rounds, pid);
	n = find_nodes(found);
	for (int i = 0; i < n; i++)
		from |= 1UL << found[i];
	check(n > 0 && found[0] == 0, "node 0 is there");
	check(all_on(pages, -1), "every page is on a node");
	printf("numamove: %lu pages, every one on a node: ok\n", pages);
	check_page_statuses(buf + pages * PAGE_SIZE,
			    buf + (pages + 1) * PAGE_SIZE);
	for (uint32_t r = 1; r <= rounds && n; r++) {
		int node = found[r % n];

		check(move_all(pages, node, from, r & 1), "a move of all");
		check(all_on(pages, node), "every page is where it was sent");
		check(!walk((uint32_t *)buf, pages * PAGE_SIZE / 4, pid, r,
			    r + 1), "every word kept through the move");
	}
	printf("numamove: %lu rounds of moves, every word verified: %s\n",
	       rounds, failures ? "FAILED" : "ok");
	check_bad_arguments();
	if (failures)
		return 1;
	printf("numamove: all checks passed\n");
	return 0;
}
