/*
 * forktest: fork() and copy-on-write, checked from inside a process.
 *
 * Sharing is measured with the minor-fault count (getrusage): after
 * fork, a child reading pages its parent wrote takes no faults (the
 * pages are mapped, shared), while its first write to each takes one
 * (the copy).  Isolation is checked with values: neither side sees
 * the other's writes.  Then exit statuses, getppid and waitpid.
 *
 * Prints one line per check ("ok" or what went wrong) and exits with
 * the number of failed checks.
 */
#include "user/lib/libc.h"

#define PAGES		64
#define CHILDREN	8

static char *buf;
static int failures;

static void check(bool ok, const char *what, const char *detail)
{
	printf("forktest: %s: %s%s\n", what, ok ? "ok" : "FAILED: ",
	       ok ? "" : detail);
	failures += !ok;
}

static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static void fill(char value)
{
	for (int i = 0; i < PAGES; i++)
		memset(buf + i * PAGE_SIZE, value + i, PAGE_SIZE);
}

/* True if every page i holds value + i throughout. */
static bool holds(char value)
{
	for (int i = 0; i < PAGES; i++)
		for (unsigned long j = 0; j < PAGE_SIZE; j += 512)
			if (buf[i * PAGE_SIZE + j] != (char)(value + i))
				return false;
	return true;
}

/* Waits for pid; its exit status, or -1 if it did not exit normally. */
static int wait_exit_status(int pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * Child: reads share the parent's pages (no faults), writes copy them
 * (a fault per page).  Exit bits: 1 values wrong, 2 reads faulted,
 * 4 writes did not fault per page, 8 own writes lost.
 */
static int child_shares_then_copies(void)
{
	long f0 = minor_faults(), f1, f2;
	int bad = 0;

	if (!holds('A'))
		bad |= 1;
	f1 = minor_faults();
	if (f1 - f0 > 4)		/* a stack page or two may be copied */
		bad |= 2;
	fill('B');
	f2 = minor_faults();
	if (f2 - f1 < PAGES)
		bad |= 4;
	if (!holds('B'))
		bad |= 8;
	return bad;
}

static void test_cow_sharing(void)
{
	char detail[96];
	int pid, code;

	fill('A');
	pid = fork();
	if (pid == 0)
		exit(child_shares_then_copies());
	code = wait_exit_status(pid);
	snprintf(detail, sizeof(detail), "child exit code %d (1 values, "
		 "2 reads faulted, 4 writes not copied, 8 writes lost)", code);
	check(code == 0, "child reads share pages, writes copy them", detail);
	check(holds('A'), "child's writes stay in the child",
	      "the parent sees the child's data");
}

static void test_parent_writes_private(void)
{
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	int pid = fork();

	if (pid == 0) {
		nanosleep(&pause, NULL);	/* let the parent write first */
		exit(holds('A') ? 0 : 1);
	}
	fill('C');
	check(wait_exit_status(pid) == 0, "parent's writes stay in the parent",
	      "the child sees the parent's new data");
	check(holds('C'), "parent keeps its own writes", "parent data lost");
}

static void test_exit_codes(void)
{
	int parent = getpid(), seen = 0, status, pid;

	for (int i = 0; i < CHILDREN; i++)
		if (fork() == 0)
			exit(getppid() == parent ? 10 + i : 99);
	while ((pid = waitpid(-1, &status, 0)) > 0)
		if (WIFEXITED(status) && WEXITSTATUS(status) >= 10 &&
		    WEXITSTATUS(status) < 10 + CHILDREN)
			seen |= 1 << (WEXITSTATUS(status) - 10);
	check(seen == (1 << CHILDREN) - 1, "children exit with their codes",
	      "wrong or missing exit codes (or getppid)");
	check(pid == -1 && errno == ECHILD, "no children left: ECHILD",
	      "waitpid(-1) did not fail with ECHILD");
}

static void test_wnohang(void)
{
	int status = 0, pid = fork(), got = 0, tries = 0;

	if (pid == 0)
		exit(7);
	while ((got = waitpid(pid, &status, WNOHANG)) == 0 && ++tries < 100000)
		sched_yield();
	check(got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "WNOHANG polls until the child is a zombie",
	      "waitpid with WNOHANG never returned the child");
}

int main(int argc __unused, char **argv __unused)
{
	buf = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		printf("forktest: mmap: %s\n", strerror(errno));
		return 1;
	}
	test_cow_sharing();
	test_parent_writes_private();
	test_exit_codes();
	test_wnohang();
	if (failures)
		printf("forktest: %d checks FAILED\n", failures);
	else
		printf("forktest: all checks passed\n");
	return failures;
}
