/*
 * Exception delivery: deliberate faults on instructions that carry an
 * exception-table fixup must reach the trap handler with the right
 * vector, error code and CR2, and resume at the fixup.
 */
#include "kernel/extable.h"
#include "kernel/traps.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "mm/page.h"

/*
 * Runs "setup", then "insn" with a fixup on it; returns 1 if insn
 * faulted, else 0.
 */
#define TRY_FAULTING(setup, insn, ...) ({				\
	int __faulted;							\
	__asm__ __volatile__(						\
		"	movl $0, %0\n"					\
		setup "\n"						\
		"1:	" insn "\n"					\
		"	jmp 3f\n"					\
		"2:	movl $1, %0\n"					\
		"3:\n"							\
		"	.pushsection __ex_table, \"a\"\n"		\
		"	.balign 4\n"					\
		"	.long 1b, 2b\n"					\
		"	.popsection\n"					\
		: "=&r"(__faulted) : __VA_ARGS__ : "eax", "edx", "memory"); \
	__faulted;							\
})

static void null_read_is_a_not_present_fault(struct ktest *t)
{
	unsigned long before = last_fixup.count;
	uint32_t v = 0xdeadbeef;

	KTEST_EXPECT_EQ(t, probe_read_u32(NULL, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, v, 0);
	KTEST_EXPECT_EQ(t, last_fixup.count, before + 1);
	KTEST_EXPECT_EQ(t, last_fixup.vector, X86_TRAP_PF);
	KTEST_EXPECT_EQ(t, last_fixup.address, 0);
	/* Kernel-mode read of a page that is not present: no bits. */
	KTEST_EXPECT_EQ(t, last_fixup.error_code, 0);
}

static void write_fault_sets_cr2_and_write_bit(struct ktest *t)
{
	unsigned long addr = 0x00400010;	/* user range: unmapped */

	KTEST_EXPECT_EQ(t, TRY_FAULTING("", "movl $1, (%1)", "r"(addr)), 1);
	KTEST_EXPECT_EQ(t, last_fixup.vector, X86_TRAP_PF);
	KTEST_EXPECT_EQ(t, last_fixup.address, addr);
	KTEST_EXPECT_EQ(t, last_fixup.error_code, PF_WRITE);
}

static void mapped_read_does_not_fault(struct ktest *t)
{
	static uint32_t word = 0x12345678;
	unsigned long before = last_fixup.count;
	uint32_t v = 0;

	KTEST_EXPECT_EQ(t, probe_read_u32(&word, &v), 0);
	KTEST_EXPECT_EQ(t, v, 0x12345678);
	KTEST_EXPECT_EQ(t, last_fixup.count, before);
}

static void divide_error_is_delivered(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, TRY_FAULTING("xorl %%edx, %%edx\n"
					"	movl $1, %%eax",
					"divl %1", "r"(0)), 1);
	KTEST_EXPECT_EQ(t, last_fixup.vector, X86_TRAP_DE);
}

static void invalid_opcode_is_delivered(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, TRY_FAULTING("", "ud2", "r"(0)), 1);
	KTEST_EXPECT_EQ(t, last_fixup.vector, X86_TRAP_UD);
}

static void general_protection_is_delivered(struct ktest *t)
{
	/* Loading a selector beyond the GDT's limit. */
	KTEST_EXPECT_EQ(t, TRY_FAULTING("movl %1, %%eax",
					"movl %%eax, %%fs", "r"(0xfff8)), 1);
	KTEST_EXPECT_EQ(t, last_fixup.vector, X86_TRAP_GP);
	KTEST_EXPECT_EQ(t, last_fixup.error_code, 0xfff8);
}

static void null_page_is_unmapped_after_boot(struct ktest *t)
{
	uint32_t v;

	/* boot/head.S mapped 0-16 MiB at 0; paging_init() dropped it. */
	KTEST_EXPECT_EQ(t, probe_read_u32((void *)0x100000, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_read_u32(__va(0x100000), &v), 0);
}

static const struct ktest_case traps_cases[] = {
	KTEST_CASE(null_read_is_a_not_present_fault),
	KTEST_CASE(write_fault_sets_cr2_and_write_bit),
	KTEST_CASE(mapped_read_does_not_fault),
	KTEST_CASE(divide_error_is_delivered),
	KTEST_CASE(invalid_opcode_is_delivered),
	KTEST_CASE(general_protection_is_delivered),
	KTEST_CASE(null_page_is_unmapped_after_boot),
};
KTEST_SUITE(traps, traps_cases);
