/* lib/glob.c: the patterns of test=GLOB. */
#include "lib/glob.h"
#include "lib/ktest.h"

static void literal_and_wildcards(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, glob_match("lib_string", "lib_string"));
	KTEST_EXPECT_FALSE(t, glob_match("lib_string", "lib_strings"));
	KTEST_EXPECT_TRUE(t, glob_match("lib_*", "lib_string"));
	KTEST_EXPECT_TRUE(t, glob_match("*", ""));
	KTEST_EXPECT_TRUE(t, glob_match("*_test", "buddy_test"));
	KTEST_EXPECT_TRUE(t, glob_match("b?ddy", "buddy"));
	KTEST_EXPECT_FALSE(t, glob_match("b?ddy", "bddy"));
	KTEST_EXPECT_TRUE(t, glob_match("*a*b*", "xxaxxbxx"));
	KTEST_EXPECT_FALSE(t, glob_match("*a*b*", "xxbxxaxx"));
	KTEST_EXPECT_FALSE(t, glob_match("", "x"));
}

/* A '*' must be able to give back characters it took (backtracking). */
static void star_backtracks(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, glob_match("*ab", "aab"));
	KTEST_EXPECT_TRUE(t, glob_match("a*a*a", "aaaa"));
	KTEST_EXPECT_FALSE(t, glob_match("a*a*a*b", "aaaaaaaa"));
}

static void comma_lists(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, glob_match_list("traps,lib_*", "lib_glob"));
	KTEST_EXPECT_TRUE(t, glob_match_list("traps,lib_*", "traps"));
	KTEST_EXPECT_FALSE(t, glob_match_list("traps,lib_*", "timer"));
	KTEST_EXPECT_FALSE(t, glob_match_list("traps,", "tr"));
	KTEST_EXPECT_FALSE(t, glob_match_list(",", "x"));
}

static const struct ktest_case glob_cases[] = {
	KTEST_CASE(literal_and_wildcards),
	KTEST_CASE(star_backtracks),
	KTEST_CASE(comma_lists),
};
KTEST_SUITE(lib_glob, glob_cases);
