/* lib/cmdline.c: parsing the kernel command line against a table. */
#include "lib/cmdline.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

static char reports[512];

static void report(const char *fmt, ...)
{
	size_t used = strlen(reports);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reports + used, sizeof(reports) - used, fmt, ap);
	va_end(ap);
}

/* A table like the kernel's, with its own variables. */
static unsigned int level;
static uint64_t mem;
static char init[16];
static bool noswap;
static int calls;

static int set_numa(const char *v, const char **why)
{
	calls++;
	if (strcmp(v, "fake=2")) {
		*why = "expected fake=N";
		return -EINVAL;
	}
	return 0;
}

static const struct kernel_param params[] = {
	{ .name = "loglevel", .type = PARAM_UINT, .var = &level,
	  .min = 0, .max = 8 },
	{ .name = "mem", .type = PARAM_SIZE, .var = &mem,
	  .min = 4 << 20, .max = UINT64_MAX },
	{ .name = "init", .type = PARAM_STRING, .var = init,
	  .max = sizeof(init) },
	{ .name = "noswap", .type = PARAM_FLAG, .var = &noswap },
	{ .name = "numa", .type = PARAM_CALL, .set = set_numa },
};

/* Parses line with fresh defaults; returns the number rejected. */
static int parse(const char *line)
{
	char buf[256];

	strlcpy(buf, line, sizeof(buf));
	reports[0] = '\0';
	level = 7;
	mem = 0;
	strlcpy(init, "shell", sizeof(init));
	noswap = false;
	calls = 0;
	return parse_args(buf, params, ARRAY_SIZE(params), report);
}

static void good_values_are_applied(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, parse("loglevel=3 mem=64M init=memhog noswap "
				 "numa=fake=2"), 0);
	KTEST_EXPECT_EQ(t, level, 3);
	KTEST_EXPECT_EQ(t, mem, 64 << 20);
	KTEST_EXPECT_STREQ(t, init, "memhog");
	KTEST_EXPECT_TRUE(t, noswap);
	KTEST_EXPECT_EQ(t, calls, 1);
	KTEST_EXPECT_STREQ(t, reports, "");
}

static void bad_values_keep_defaults(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, parse("loglevel=banana loglevel=9 mem=12Q "
				 "mem=1M numa=real"), 5);
	KTEST_EXPECT_EQ(t, level, 7);
	KTEST_EXPECT_EQ(t, mem, 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(reports,
		"loglevel=banana rejected (not a number)"));
	KTEST_EXPECT_NOT_NULL(t, strstr(reports,
		"loglevel=9 rejected (out of range)"));
	KTEST_EXPECT_NOT_NULL(t, strstr(reports,
		"mem=1M rejected (out of range)"));
	KTEST_EXPECT_NOT_NULL(t, strstr(reports,
		"numa=real rejected (expected fake=N)"));
}

static void unknown_and_malformed_words(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, parse("bogus=1 =x loglevel noswap=1 "
				 "init=0123456789abcdefXYZ loglevel=2"), 5);
	KTEST_EXPECT_EQ(t, level, 2);		/* the good word still counts */
	KTEST_EXPECT_FALSE(t, noswap);
	KTEST_EXPECT_STREQ(t, init, "shell");
	KTEST_EXPECT_NOT_NULL(t, strstr(reports,
		"unknown parameter 'bogus' ignored"));
	KTEST_EXPECT_NOT_NULL(t, strstr(reports, "'=x' has no key"));
	KTEST_EXPECT_NOT_NULL(t, strstr(reports,
		"'loglevel' needs a value"));
	KTEST_EXPECT_NOT_NULL(t, strstr(reports,
		"noswap=1 rejected (takes no value)"));
	KTEST_EXPECT_NOT_NULL(t, strstr(reports, "(too long)"));
}

/*
 * An empty value names nothing (test= from an empty variable in a
 * script): reported, and the default kept, where it was taken as a
 * program or glob "" (test= then booted to the shell and waited).
 */
static void empty_values_are_rejected(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, parse("init= init=\"\" loglevel=2"), 2);
	KTEST_EXPECT_STREQ(t, init, "shell");
	KTEST_EXPECT_EQ(t, level, 2);
	KTEST_EXPECT_NOT_NULL(t, strstr(reports, "init= rejected (empty)"));
}

static void quoted_values_hold_spaces(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, parse("init=\"memhog 8M\" loglevel=1"), 0);
	KTEST_EXPECT_STREQ(t, init, "memhog 8M");
	KTEST_EXPECT_EQ(t, level, 1);
	KTEST_EXPECT_EQ(t, parse("init=\"memhog 8M loglevel=1"), 1);
	KTEST_EXPECT_STREQ(t, init, "shell");
	KTEST_EXPECT_NOT_NULL(t, strstr(reports, "unterminated quote"));
}

static void numbers_are_strict(struct ktest *t)
{
	unsigned long v = 99;
	uint64_t s = 99;

	KTEST_EXPECT_EQ(t, kstrtoul("0x1f", 0, &v), 0);
	KTEST_EXPECT_EQ(t, v, 31);
	KTEST_EXPECT_EQ(t, kstrtoul("12x", 0, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("", 0, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("19", 8, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("99999999999999999999999", 10, &v),
			-ERANGE);
	KTEST_EXPECT_EQ(t, v, 31);		/* untouched on error */
	KTEST_EXPECT_EQ(t, memparse("3G", &s), 0);
	KTEST_EXPECT_EQ(t, s, 3ULL << 30);
	KTEST_EXPECT_EQ(t, memparse("4096k", &s), 0);
	KTEST_EXPECT_EQ(t, s, 4096ULL << 10);
	KTEST_EXPECT_EQ(t, memparse("8MiB", &s), 0);
	KTEST_EXPECT_EQ(t, s, 8ULL << 20);
	KTEST_EXPECT_EQ(t, memparse("8MB", &s), 0);
	KTEST_EXPECT_EQ(t, memparse("M", &s), -EINVAL);
	KTEST_EXPECT_EQ(t, memparse("8T", &s), -EINVAL);
	KTEST_EXPECT_EQ(t, memparse("17179869184G", &s), -ERANGE);
}

static void boot_image_name_is_skipped(struct ktest *t)
{
	KTEST_EXPECT_STREQ(t, cmdline_skip_image("/boot/kernel.elf a=1"),
			   "a=1");
	KTEST_EXPECT_STREQ(t, cmdline_skip_image("build/kernel.elf"), "");
	KTEST_EXPECT_STREQ(t, cmdline_skip_image("kernel.elf  a=1"), "a=1");
	KTEST_EXPECT_STREQ(t, cmdline_skip_image("/boot/pagoda a=1"), "a=1");
	KTEST_EXPECT_STREQ(t, cmdline_skip_image("a=1 b"), "a=1 b");
	KTEST_EXPECT_STREQ(t, cmdline_skip_image("init=/bin/x"),
			   "init=/bin/x");
	KTEST_EXPECT_STREQ(t, cmdline_skip_image("noswap"), "noswap");
}

static const struct ktest_case cmdline_cases[] = {
	KTEST_CASE(good_values_are_applied),
	KTEST_CASE(bad_values_keep_defaults),
	KTEST_CASE(unknown_and_malformed_words),
	KTEST_CASE(empty_values_are_rejected),
	KTEST_CASE(quoted_values_hold_spaces),
	KTEST_CASE(numbers_are_strict),
	KTEST_CASE(boot_image_name_is_skipped),
};
KTEST_SUITE(cmdline, cmdline_cases);
