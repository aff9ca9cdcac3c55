/*
 * tests/host/null_fault.c: a NULL dereference in a case fails that case
 * with the function and line that faulted, and the run goes on; a
 * wild pointer's fault and an ASan report still end ktest-host (each
 * is tried in a child process, whose report is read from a pipe).
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "lib/ktest.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

extern bool host_ktest_quiet;	/* tests/host/main.c */
extern char host_ktest_heard[];

struct pair {
	long first, second;
};
static struct pair *volatile stubbed;	/* what a stubbed lookup returns */
static int null_line, after_runs;

static void reads_through_null(struct ktest *t __unused)
{
	null_line = __LINE__ + 1;
	after_runs += stubbed->second;
}

static void runs_after(struct ktest *t __unused)
{
	after_runs++;
}

static const struct ktest_case null_cases[] = {
	{ "reads_null", reads_through_null },
	{ "after", runs_after },
};
static const struct ktest_suite null_suite = {
	"nulls", null_cases, ARRAY_SIZE(null_cases), false, NULL, NULL,
};
static const struct ktest_suite *const null_list[] = { &null_suite };

static void a_null_dereference_fails_its_case_and_the_run_goes_on(
	struct ktest *t)
{
	struct ktest_totals tot;
	char where[80];

	after_runs = 0;
	host_ktest_heard[0] = '\0';
	host_ktest_quiet = true;
	tot = ktest_run("nulls", null_list, null_list + 1);
	host_ktest_quiet = false;
	KTEST_EXPECT_EQ(t, after_runs, 1);
	KTEST_EXPECT_EQ(t, tot.passed, 1);
	KTEST_EXPECT_EQ(t, tot.failed, 1);
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "# reads_null: panic: "
				    "NULL pointer dereference: SIGSEGV at "
				    "address 0x8 in reads_through_null "));
	snprintf(where, sizeof(where), "%s:%d", __FILE__, null_line);
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, where));
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "not ok 1 reads_null\n"));
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "ok 2 after\n"));
}

static long *volatile wild;	/* an unmapped page, not near NULL */

static void reads_wild(struct ktest *t __unused)
{
	after_runs += *wild;
}

static void reads_freed_memory(struct ktest *t __unused)
{
	volatile char *buf = malloc(8);

	free((void *)buf);
	after_runs += buf[0];
}

/*
 * Runs fn as a case in a child; its stderr (ASan's report) goes to
 * report.  The exit status, as waitpid gives it.
 */
static int run_in_child(void (*fn)(struct ktest *t), char *report,
			size_t size)
{
	const struct ktest_case c = { "child", fn };
	const struct ktest_suite s = { "child", &c, 1, false, NULL, NULL };
	const struct ktest_suite *const list[] = { &s };
	int fds[2], status = -1;
	ssize_t got, len = 0;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		host_ktest_quiet = true;
		_exit(ktest_run("child", list, list + 1).failed ? 3 : 0);
	}
	close(fds[1]);
	while (len < (ssize_t)size - 1 &&
	       (got = read(fds[0], report + len, size - 1 - len)) > 0)
		len += got;
	report[len] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return status;
}

static void a_wild_fault_or_an_asan_report_still_ends_the_run(
	struct ktest *t)
{
	static char report[8192];
	void *page = mmap(NULL, 4096, PROT_READ,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status;

	KTEST_ASSERT_TRUE(t, page != MAP_FAILED);
	munmap(page, 4096);
	wild = page;
	status = run_in_child(reads_wild, report, sizeof(report));
	KTEST_EXPECT_TRUE(t, WIFEXITED(status) && WEXITSTATUS(status) == 1);
	KTEST_EXPECT_TRUE(t, strstr(report,
				    "ERROR: AddressSanitizer: SEGV"));
	status = run_in_child(reads_freed_memory, report, sizeof(report));
	KTEST_EXPECT_TRUE(t, WIFEXITED(status) && WEXITSTATUS(status) == 1);
	KTEST_EXPECT_TRUE(t, strstr(report, "ERROR: AddressSanitizer: "
				    "heap-use-after-free"));
}

static const struct ktest_case null_fault_cases[] = {
	KTEST_CASE(a_null_dereference_fails_its_case_and_the_run_goes_on),
	KTEST_CASE(a_wild_fault_or_an_asan_report_still_ends_the_run),
};
KTEST_SUITE(host_null_fault, null_fault_cases);
