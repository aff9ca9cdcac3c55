/* lib/vsprintf.c: every conversion, flag and length the kernel uses. */
#include "lib/ktest.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

/* Formats into a buffer and compares with the expected text. */
#define EXPECT_FMT(t, want, ...) do {					\
	char __buf[64];							\
	snprintf(__buf, sizeof(__buf), __VA_ARGS__);			\
	KTEST_EXPECT_STREQ(t, __buf, want);				\
} while (0)

static void integers(struct ktest *t)
{
	EXPECT_FMT(t, "0 -1 42", "%d %i %u", 0, -1, 42u);
	EXPECT_FMT(t, "-2147483648", "%d", (int)0x80000000);
	EXPECT_FMT(t, "4294967295", "%u", 0xffffffffu);
	EXPECT_FMT(t, "ff FF 0xff 17", "%x %X %#x %o", 255, 255, 255, 15);
	EXPECT_FMT(t, "-9223372036854775808", "%lld", (long long)(1ULL << 63));
	EXPECT_FMT(t, "18446744073709551615", "%llu", ~0ULL);
	EXPECT_FMT(t, "ffffffffffffffff", "%llx", ~0ULL);
	EXPECT_FMT(t, "123 -5 200", "%lu %hd %hhu", 123UL, (short)-5, 200);
	EXPECT_FMT(t, "4096", "%zu", (size_t)4096);
}

static void width_precision_flags(struct ktest *t)
{
	EXPECT_FMT(t, "   42|42   |00042", "%5d|%-5d|%05d", 42, 42, 42);
	EXPECT_FMT(t, "  -42|-0042|+42| 42", "%5d|%05d|%+d|% d", -42, -42,
		   42, 42);
	EXPECT_FMT(t, "00007|   007", "%.5d|%6.3d", 7, 7);
	EXPECT_FMT(t, "0x00ff", "%#06x", 255);
	EXPECT_FMT(t, "   ab", "%*s", 5, "ab");
	EXPECT_FMT(t, "ab   |", "%-*s|", 5, "ab");
	EXPECT_FMT(t, "pag", "%.3s", "pagoda");
	EXPECT_FMT(t, "[pa]", "[%.*s]", 2, "pagoda");
	EXPECT_FMT(t, "|", "%.0d|", 0);
}

static void strings_chars_percent(struct ktest *t)
{
	EXPECT_FMT(t, "kswapd c 100%", "%s %c 100%%", "kswapd", 'c');
	EXPECT_FMT(t, "  x|y  ", "%3c|%-3c", 'x', 'y');
}

static void pointers_are_full_width(struct ktest *t)
{
	char want[32], buf[32];
	int digits = 2 * sizeof(void *);

	snprintf(buf, sizeof(buf), "%p", (void *)0x1234);
	snprintf(want, sizeof(want), "%0*x", digits, 0x1234);
	KTEST_EXPECT_STREQ(t, buf, want);
}

static void truncation_and_return_value(struct ktest *t)
{
	char buf[5];

	memset(buf, 'z', sizeof(buf));
	KTEST_EXPECT_EQ(t, snprintf(buf, sizeof(buf), "%s", "abcdefgh"), 8);
	KTEST_EXPECT_STREQ(t, buf, "abcd");
	KTEST_EXPECT_EQ(t, snprintf(buf, 0, "%d", 12345), 5);
	KTEST_EXPECT_EQ(t, buf[0], 'a');	/* size 0 writes nothing */
	KTEST_EXPECT_EQ(t, snprintf(buf, sizeof(buf), "%05d", 1), 5);
	KTEST_EXPECT_STREQ(t, buf, "0000");
}

/* Formats without the compiler's format check, for bad formats. */
static void format_unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

static void bad_formats_do_not_crash(struct ktest *t)
{
	char buf[16];

	format_unchecked(buf, sizeof(buf), "%q", 1);
	KTEST_EXPECT_STREQ(t, buf, "%q");
	format_unchecked(buf, sizeof(buf), "a%", 1);
	KTEST_EXPECT_STREQ(t, buf, "a");
	format_unchecked(buf, sizeof(buf), "%s", (char *)NULL);
	KTEST_EXPECT_STREQ(t, buf, "(null)");
}

static const struct ktest_case vsprintf_cases[] = {
	KTEST_CASE(integers),
	KTEST_CASE(width_precision_flags),
	KTEST_CASE(strings_chars_percent),
	KTEST_CASE(pointers_are_full_width),
	KTEST_CASE(truncation_and_return_value),
	KTEST_CASE(bad_formats_do_not_crash),
};
KTEST_SUITE(lib_vsprintf, vsprintf_cases);
