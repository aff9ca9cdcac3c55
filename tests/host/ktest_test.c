/*
 * lib/ktest.c itself: a suite with init and exit runs them around each
 * case, and a case whose init fails is not run and counts as failed.
 * The inner suite is run quietly (its KTAP would be read as ours).
 */
#include "lib/ktest.h"

extern bool host_ktest_quiet;	/* tests/host/main.c */

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

static const struct ktest_case ktest_cases[] = {
	KTEST_CASE(init_and_exit_run_around_each_case),
	KTEST_CASE(a_pattern_selects_single_cases),
};
KTEST_SUITE(host_ktest, ktest_cases);
