/*
 * The shell's word splitting (kernel/shell.c shell_split): blanks
 * separate words, quotes and backslashes as a POSIX shell reads them,
 * and a trailing unquoted '&' becomes shell_ampersand, which `run`
 * takes as "in the background".
 */
#include "kernel/shell.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "lib/string.h"

#define MAX_WORDS	8

struct split {
	char line[128];
	char *argv[MAX_WORDS + 1];
	int argc;
};

static struct split *split(struct split *s, const char *line)
{
	strlcpy(s->line, line, sizeof(s->line));
	s->argc = shell_split(s->line, s->argv, MAX_WORDS);
	return s;
}

static void blanks_separate_words(struct ktest *t)
{
	struct split s;

	split(&s, "  run\tmemhog  8M 1 ");
	KTEST_ASSERT_EQ(t, s.argc, 4);
	KTEST_EXPECT_STREQ(t, s.argv[0], "run");
	KTEST_EXPECT_STREQ(t, s.argv[1], "memhog");
	KTEST_EXPECT_STREQ(t, s.argv[2], "8M");
	KTEST_EXPECT_STREQ(t, s.argv[3], "1");
	KTEST_EXPECT_NULL(t, s.argv[4]);
	KTEST_EXPECT_EQ(t, split(&s, "   ")->argc, 0);
}

static void quotes_keep_blanks_in_a_word(struct ktest *t)
{
	struct split s;

	split(&s, "run sh -c 'seq 1 10 | wc -l' \"a  b\"");
	KTEST_ASSERT_EQ(t, s.argc, 5);
	KTEST_EXPECT_STREQ(t, s.argv[3], "seq 1 10 | wc -l");
	KTEST_EXPECT_STREQ(t, s.argv[4], "a  b");
	/* pieces run together into one word; '' is an empty word */
	split(&s, "x'y z'\"w\" '' v");
	KTEST_ASSERT_EQ(t, s.argc, 3);
	KTEST_EXPECT_STREQ(t, s.argv[0], "xy zw");
	KTEST_EXPECT_STREQ(t, s.argv[1], "");
	KTEST_EXPECT_STREQ(t, s.argv[2], "v");
}

static void backslashes_escape(struct ktest *t)
{
	struct split s;

	/* outside quotes: the next character; in "...": only \" and \\;
	 * in '...': nothing */
	split(&s, "a\\ b \"c\\\"d\\\\e\\n\" 'f\\g'");
	KTEST_ASSERT_EQ(t, s.argc, 3);
	KTEST_EXPECT_STREQ(t, s.argv[0], "a b");
	KTEST_EXPECT_STREQ(t, s.argv[1], "c\"d\\e\\n");
	KTEST_EXPECT_STREQ(t, s.argv[2], "f\\g");
}

static void a_trailing_ampersand_is_its_own_word(struct ktest *t)
{
	struct split s;

	split(&s, "run memhog 8M &");
	KTEST_ASSERT_EQ(t, s.argc, 4);
	KTEST_EXPECT_PTR_EQ(t, s.argv[3], shell_ampersand);
	split(&s, "run memhog 8M&  ");
	KTEST_ASSERT_EQ(t, s.argc, 4);
	KTEST_EXPECT_STREQ(t, s.argv[2], "8M");
	KTEST_EXPECT_PTR_EQ(t, s.argv[3], shell_ampersand);
	/* quoted, or not at the end: an ordinary character */
	split(&s, "run sh -c 'sleep 1&' a&b");
	KTEST_ASSERT_EQ(t, s.argc, 5);
	KTEST_EXPECT_STREQ(t, s.argv[3], "sleep 1&");
	KTEST_EXPECT_STREQ(t, s.argv[4], "a&b");
	split(&s, "run x '&'");
	KTEST_ASSERT_EQ(t, s.argc, 3);
	KTEST_EXPECT_STREQ(t, s.argv[2], "&");
	KTEST_EXPECT_PTR_NE(t, s.argv[2], shell_ampersand);
}

static void bad_lines_are_refused(struct ktest *t)
{
	struct split s;

	KTEST_EXPECT_EQ(t, split(&s, "run sh -c 'no end")->argc, -EINVAL);
	KTEST_EXPECT_EQ(t, split(&s, "a \"b")->argc, -EINVAL);
	KTEST_EXPECT_EQ(t, split(&s, "1 2 3 4 5 6 7 8")->argc, 8);
	KTEST_EXPECT_EQ(t, split(&s, "1 2 3 4 5 6 7 8 9")->argc, -E2BIG);
	KTEST_EXPECT_EQ(t, split(&s, "1 2 3 4 5 6 7 8 &")->argc, -E2BIG);
}

static const struct ktest_case shell_cases[] = {
	KTEST_CASE(blanks_separate_words),
	KTEST_CASE(quotes_keep_blanks_in_a_word),
	KTEST_CASE(backslashes_escape),
	KTEST_CASE(a_trailing_ampersand_is_its_own_word),
	KTEST_CASE(bad_lines_are_refused),
};
KTEST_SUITE(shell, shell_cases);
