/*
 * lib/ktest.c itself: a suite with init and exit runs them around each
 * case, and a case whose init fails is not run and counts as failed;
 * on the host, a case that BUG()s or never ends fails and the run goes
 * on.
 * The inner suite is run quietly (its KTAP would be read as ours).
 */
#include "lib/ktest.h"
#include "kernel/kernel.h"

extern bool host_ktest_quiet;	/* tests/host/main.c */
extern char host_ktest_heard[];

static int inits, runs, exits;

/* The second case's init fails. */
static bool counting_init(struct ktest *t __unused)
{
	return ++inits != 2;
}

static void counting_run(struct ktest *t __unused)
{
	runs++;
}

static void counting_exit(struct ktest *t __unused)
{
	exits++;
}

static const struct ktest_case inner_cases[] = {
	{ "first", counting_run },
	{ "second", counting_run },
	{ "third", counting_run },
};
static const struct ktest_suite inner = {
	"inner", inner_cases, ARRAY_SIZE(inner_cases), false,
	counting_init, counting_exit,
};
static const struct ktest_suite *const inner_list[] = { &inner };

static void init_and_exit_run_around_each_case(struct ktest *t)
{
	struct ktest_totals tot;

	inits = runs = exits = 0;
	host_ktest_quiet = true;
	tot = ktest_run("inner", inner_list, inner_list + 1);
	host_ktest_quiet = false;
	KTEST_EXPECT_EQ(t, inits, 3);
	KTEST_EXPECT_EQ(t, runs, 2);	/* not the one whose init failed */
	KTEST_EXPECT_EQ(t, exits, 2);
	KTEST_EXPECT_EQ(t, tot.passed, 2);
	KTEST_EXPECT_EQ(t, tot.failed, 1);
}

/* "suite.case" patterns run single cases; a case glob matching none fails. */
static void a_pattern_selects_single_cases(struct ktest *t)
{
	struct ktest_totals tot;

	inits = 2;		/* no init fails */
	runs = exits = 0;
	host_ktest_quiet = true;
	tot = ktest_run("inner.th*,inner.first", inner_list, inner_list + 1);
	KTEST_EXPECT_EQ(t, runs, 2);
	KTEST_EXPECT_EQ(t, tot.passed, 2);
	KTEST_EXPECT_EQ(t, tot.failed, 0);
	runs = 0;
	tot = ktest_run("inner.nonesuch", inner_list, inner_list + 1);
	host_ktest_quiet = false;
	KTEST_EXPECT_EQ(t, runs, 0);
	KTEST_EXPECT_EQ(t, tot.suites, 0);
	KTEST_EXPECT_EQ(t, tot.failed, 1);
}

/*
 * ktest_run_from lists the cases before the first-th, by name, without
 * running them (the runner's reboot after a case panicked).
 */
static void run_from_lists_the_cases_before_first(struct ktest *t)
{
	struct ktest_totals tot;

	inits = 2;		/* no init fails */
	runs = exits = 0;
	host_ktest_heard[0] = '\0';
	host_ktest_quiet = true;
	tot = ktest_run_from("inner", 3, inner_list, inner_list + 1);
	host_ktest_quiet = false;
	KTEST_EXPECT_EQ(t, runs, 1);
	KTEST_EXPECT_EQ(t, exits, 1);
	KTEST_EXPECT_EQ(t, tot.passed, 1);
	KTEST_EXPECT_EQ(t, tot.skipped, 2);
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "    1..3\n"
				    "    ok 1 first # SKIP not run "
				    "(test_from=3)\n    ok 2 second # SKIP "
				    "not run (test_from=3)\n    ok 3 third\n"));
}

static int bug_line;

static void bug_run(struct ktest *t __unused)
{
	runs++;
	bug_line = __LINE__ + 1;
	BUG();
}

static const struct ktest_case bug_cases[] = {
	{ "bugs", bug_run },
	{ "after", counting_run },
};
static const struct ktest_suite bug_suite = {
	"buggy", bug_cases, ARRAY_SIZE(bug_cases), false,
	counting_init, counting_exit,
};
static const struct ktest_case ok_cases[] = {
	{ "next_suite", counting_run },
};
static const struct ktest_suite ok_suite = {
	"fine", ok_cases, ARRAY_SIZE(ok_cases), false, NULL, NULL,
};
static const struct ktest_suite *const bug_list[] = { &bug_suite, &ok_suite };

/*
 * On the host a BUG() fails its case by name, with the BUG's file and
 * line; the suite's exit still runs, then the next case and suite.
 */
static void a_bug_fails_its_case_and_the_run_goes_on(struct ktest *t)
{
	struct ktest_totals tot;
	char where[64];

	inits = 2;		/* no init fails */
	runs = exits = 0;
	host_ktest_heard[0] = '\0';
	host_ktest_quiet = true;
	tot = ktest_run("buggy,fine", bug_list, bug_list + 2);
	host_ktest_quiet = false;
	KTEST_EXPECT_EQ(t, runs, 3);
	KTEST_EXPECT_EQ(t, exits, 2);
	KTEST_EXPECT_EQ(t, tot.suites, 2);
	KTEST_EXPECT_EQ(t, tot.passed, 2);
	KTEST_EXPECT_EQ(t, tot.failed, 1);
	snprintf(where, sizeof(where), "%s:%d", __FILE__, bug_line);
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "# bugs: panic: "
				    "kernel BUG at "));
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, where));
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "not ok 1 bugs\n"));
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "ok 2 after\n"));
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "ok 2 fine\n"));
}

extern unsigned int host_case_cpu_seconds;	/* tests/host/case_guard.c */

static void spin_run(struct ktest *t __unused)
{
	volatile unsigned long spins = 0;

	for (;;)
		spins++;
}

static const struct ktest_case spin_cases[] = {
	{ "spins", spin_run },
	{ "after", counting_run },
};
static const struct ktest_suite spin_suite = {
	"spinning", spin_cases, ARRAY_SIZE(spin_cases), false,
	counting_init, counting_exit,
};
static const struct ktest_suite *const spin_list[] = { &spin_suite, &ok_suite };

/*
 * On the host a case that never ends (a stubbed function left a loop
 * of its caller nothing to end on) fails by name once it used its CPU
 * time; the suite's exit still runs, then the next case and suite.
 */
static void a_case_that_never_ends_fails_and_the_run_goes_on(struct ktest *t)
{
	unsigned int limit = host_case_cpu_seconds;
	struct ktest_totals tot;

	inits = 2;		/* no init fails */
	runs = exits = 0;
	host_ktest_heard[0] = '\0';
	host_ktest_quiet = true;
	host_case_cpu_seconds = 1;
	tot = ktest_run("spinning,fine", spin_list, spin_list + 2);
	host_case_cpu_seconds = limit;
	host_ktest_quiet = false;
	KTEST_EXPECT_EQ(t, runs, 2);	/* after and next_suite */
	KTEST_EXPECT_EQ(t, exits, 2);
	KTEST_EXPECT_EQ(t, tot.passed, 2);
	KTEST_EXPECT_EQ(t, tot.failed, 1);
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "# spins: panic: it used "
				    "1 s of CPU and never ended"));
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "not ok 1 spins\n"));
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "ok 2 after\n"));
	KTEST_EXPECT_TRUE(t, strstr(host_ktest_heard, "ok 2 fine\n"));
}

static const struct ktest_case ktest_cases[] = {
	KTEST_CASE(init_and_exit_run_around_each_case),
	KTEST_CASE(a_pattern_selects_single_cases),
	KTEST_CASE(run_from_lists_the_cases_before_first),
	KTEST_CASE(a_bug_fails_its_case_and_the_run_goes_on),
	KTEST_CASE(a_case_that_never_ends_fails_and_the_run_goes_on),
};
KTEST_SUITE(host_ktest, ktest_cases);
