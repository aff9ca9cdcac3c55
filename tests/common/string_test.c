/* lib/string.c: the C string and memory functions. */
#include "lib/errno.h"
#include "lib/ktest.h"
#include "lib/string.h"

static void memset_fills_exactly(struct ktest *t)
{
	char buf[8] = "abcdefg";

	memset(buf + 1, 'x', 3);
	KTEST_EXPECT_STREQ(t, buf, "axxxefg");
	KTEST_EXPECT_PTR_EQ(t, memset(buf, 0, 0), buf);
	KTEST_EXPECT_EQ(t, buf[0], 'a');
}

static void memcpy_copies_bytes(struct ktest *t)
{
	char dst[6] = "-----";

	KTEST_EXPECT_PTR_EQ(t, memcpy(dst, "abc", 3), dst);
	KTEST_EXPECT_STREQ(t, dst, "abc--");
}

/*
 * Every length up to 40 at each alignment: the kernel's memset and
 * memcpy go a word at a time and finish the last bytes one by one.
 */
static void memset_memcpy_every_length_and_alignment(struct ktest *t)
{
	unsigned char buf[48], src[48];

	for (unsigned int i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + 1);
	for (unsigned int off = 0; off < 4; off++) {
		for (unsigned int n = 0; n <= 40; n++) {
			for (unsigned int i = 0; i < sizeof(buf); i++)
				buf[i] = 0xee;
			KTEST_EXPECT_PTR_EQ(t, memset(buf + off, 0xa5, n),
					    buf + off);
			for (unsigned int i = 0; i < sizeof(buf); i++)
				KTEST_ASSERT_EQ(t, buf[i], i >= off &&
						i < off + n ? 0xa5 : 0xee);
			KTEST_EXPECT_PTR_EQ(t, memcpy(buf + off, src + 3, n),
					    buf + off);
			for (unsigned int i = 0; i < sizeof(buf); i++)
				KTEST_ASSERT_EQ(t, buf[i], i >= off &&
						i < off + n ? src[3 + i - off] :
						0xee);
		}
	}
}

static void memmove_handles_overlap(struct ktest *t)
{
	char fwd[] = "123456789", back[] = "123456789";

	memmove(fwd + 2, fwd, 5);	/* destination after the source */
	KTEST_EXPECT_STREQ(t, fwd, "121234589");
	memmove(back, back + 2, 5);	/* destination before the source */
	KTEST_EXPECT_STREQ(t, back, "345676789");
}

static void memcmp_orders_unsigned(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, memcmp("abc", "abc", 3), 0);
	KTEST_EXPECT_LT(t, memcmp("abc", "abd", 3), 0);
	KTEST_EXPECT_GT(t, memcmp("\xff", "\x01", 1), 0);
	KTEST_EXPECT_EQ(t, memcmp("abc", "abd", 2), 0);
}

static void strlen_and_strnlen(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, strlen(""), 0);
	KTEST_EXPECT_EQ(t, strlen("pagoda"), 6);
	KTEST_EXPECT_EQ(t, strnlen("pagoda", 3), 3);
	KTEST_EXPECT_EQ(t, strnlen("pa", 8), 2);
}

static void strcmp_family(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, strcmp("kswapd", "kswapd"), 0);
	KTEST_EXPECT_LT(t, strcmp("a", "b"), 0);
	KTEST_EXPECT_GT(t, strcmp("ab", "a"), 0);
	KTEST_EXPECT_LT(t, strcmp("a", "\xe9"), 0);	/* unsigned compare */
	KTEST_EXPECT_EQ(t, strncmp("abcX", "abcY", 3), 0);
	KTEST_EXPECT_NE(t, strncmp("abcX", "abcY", 4), 0);
}

static void strchr_finds_first(struct ktest *t)
{
	const char *s = "a=b=c";

	KTEST_EXPECT_PTR_EQ(t, strchr(s, '='), s + 1);
	KTEST_EXPECT_PTR_EQ(t, strchr(s, '\0'), s + 5);
	KTEST_EXPECT_NULL(t, strchr(s, 'z'));
}

static void strstr_finds_substrings(struct ktest *t)
{
	const char *s = "page_launder";

	KTEST_EXPECT_PTR_EQ(t, strstr(s, "launder"), s + 5);
	KTEST_EXPECT_PTR_EQ(t, strstr(s, ""), s);
	KTEST_EXPECT_NULL(t, strstr(s, "laundry"));
	KTEST_EXPECT_NULL(t, strstr("", "a"));
}

static void strlcpy_truncates_and_terminates(struct ktest *t)
{
	char buf[4];

	KTEST_EXPECT_EQ(t, strlcpy(buf, "abcdef", sizeof(buf)), 6);
	KTEST_EXPECT_STREQ(t, buf, "abc");
	KTEST_EXPECT_EQ(t, strlcpy(buf, "x", sizeof(buf)), 1);
	KTEST_EXPECT_STREQ(t, buf, "x");
}

static void strsep_splits_words(struct ktest *t)
{
	char line[] = "run memhog  64M";
	char *p = line;

	KTEST_EXPECT_STREQ(t, strsep(&p, " "), "run");
	KTEST_EXPECT_STREQ(t, strsep(&p, " "), "memhog");
	KTEST_EXPECT_STREQ(t, strsep(&p, " "), "");
	KTEST_EXPECT_STREQ(t, strsep(&p, " "), "64M");
	KTEST_EXPECT_NULL(t, p);
	KTEST_EXPECT_NULL(t, strsep(&p, " "));
}

static void strerror_names_errors(struct ktest *t)
{
	KTEST_EXPECT_STREQ(t, strerror(EBUSY), "Device or resource busy");
	KTEST_EXPECT_STREQ(t, strerror(-EINVAL), "Invalid argument");
	KTEST_EXPECT_STREQ(t, strerror(ESRCH), "No such process");
	KTEST_EXPECT_STREQ(t, strerror(15), "Unknown error");	/* ENOTBLK */
	KTEST_EXPECT_STREQ(t, strerror(100000), "Unknown error");
}

static const struct ktest_case string_cases[] = {
	KTEST_CASE(memset_fills_exactly),
	KTEST_CASE(memcpy_copies_bytes),
	KTEST_CASE(memset_memcpy_every_length_and_alignment),
	KTEST_CASE(memmove_handles_overlap),
	KTEST_CASE(memcmp_orders_unsigned),
	KTEST_CASE(strlen_and_strnlen),
	KTEST_CASE(strcmp_family),
	KTEST_CASE(strchr_finds_first),
	KTEST_CASE(strstr_finds_substrings),
	KTEST_CASE(strlcpy_truncates_and_terminates),
	KTEST_CASE(strsep_splits_words),
	KTEST_CASE(strerror_names_errors),
};
KTEST_SUITE(lib_string, string_cases);
