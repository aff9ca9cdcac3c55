/* The built-in symbol table that makes backtraces readable. */
#include "kernel/ksyms.h"
#include "lib/ktest.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

void start_kernel(uint32_t magic, uint32_t info_phys);
void do_trap(void *regs);

static void functions_resolve_to_their_names(struct ktest *t)
{
	unsigned long off = 1, size = 0;
	const char *name = ksym_lookup((unsigned long)start_kernel, &off,
				       &size);

	KTEST_ASSERT_NOT_NULL(t, name);
	KTEST_EXPECT_STREQ(t, name, "start_kernel");
	KTEST_EXPECT_EQ(t, off, 0);
	KTEST_EXPECT_GT(t, size, 0);
}

static void inner_addresses_give_offsets(struct ktest *t)
{
	unsigned long addr = (unsigned long)do_trap + 3, off, size;
	char buf[64];

	KTEST_EXPECT_STREQ(t, ksym_lookup(addr, &off, &size), "do_trap");
	KTEST_EXPECT_EQ(t, off, 3);
	ksym_snprint(buf, sizeof(buf), addr);
	KTEST_EXPECT_EQ(t, strncmp(buf, "do_trap+0x3/0x", 14), 0);
}

/* A return address at the very start of a function names the caller. */
static void return_addresses_name_the_call(struct ktest *t)
{
	unsigned long next = (unsigned long)do_trap, off, size;
	const char *before = ksym_lookup(next - 1, &off, &size);
	char buf[64], want[64];

	KTEST_ASSERT_NOT_NULL(t, before);
	ksym_snprint_return(buf, sizeof(buf), next);
	snprintf(want, sizeof(want), "%s+0x%lx/0x%lx", before, off + 1, size);
	KTEST_EXPECT_STREQ(t, buf, want);
	ksym_snprint_return(buf, sizeof(buf), next + 3);
	KTEST_EXPECT_EQ(t, strncmp(buf, "do_trap+0x3/0x", 14), 0);
}

static void names_resolve_to_addresses(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, ksym_address("start_kernel"),
			(unsigned long)start_kernel);
	KTEST_EXPECT_EQ(t, ksym_address("no_such_function"), 0);
}

static void data_is_not_a_function(struct ktest *t)
{
	static int data;
	unsigned long off, size;
	char buf[32];

	KTEST_EXPECT_NULL(t, ksym_lookup((unsigned long)&data, &off, &size));
	ksym_snprint(buf, sizeof(buf), 0x1234);
	KTEST_EXPECT_STREQ(t, buf, "0x00001234");
}

static const struct ktest_case ksyms_cases[] = {
	KTEST_CASE(functions_resolve_to_their_names),
	KTEST_CASE(inner_addresses_give_offsets),
	KTEST_CASE(return_addresses_name_the_call),
	KTEST_CASE(names_resolve_to_addresses),
	KTEST_CASE(data_is_not_a_function),
};
KTEST_SUITE(ksyms, ksyms_cases);
