/*
 * ktest: a small KUnit-like test framework, used both inside the
 * kernel (test=GLOB, shell "test GLOB") and in the host unit-test
 * build (build/host/ktest-host).  Output is KTAP version 1.
 *
 *	static void strlen_counts(struct ktest *t)
 *	{
 *		KTEST_EXPECT_EQ(t, strlen("abc"), 3);
 *	}
 *	static const struct ktest_case string_cases[] = {
 *		KTEST_CASE(strlen_counts),
 *	};
 *	KTEST_SUITE(lib_string, string_cases);
 *
 * EXPECT records a failure and goes on; ASSERT also returns from the
 * calling function (so use it in the case function itself).
 * Integer comparisons are done as long long; use the PTR variants
 * for pointers.
 */
#ifndef LIB_KTEST_H
#define LIB_KTEST_H

#include <stdarg.h>
#include "lib/compiler.h"

struct ktest {
	const char *name;
	bool failed;
	const char *skip_reason;
	const struct ktest_suite *suite;
	bool ready;		/* no init, or it returned true */
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	size_t ncases;
	bool explicit_only;	/* runs only when named exactly */
	/* Around each case, if set: the machine it needs (KUnit's
	 * init/exit).  A case whose init returns false is not run and
	 * fails (init may say why in t, or skip it). */
	bool (*init)(struct ktest *t);
	void (*exit)(struct ktest *t);
};

struct ktest_totals {
	int suites, passed, failed, skipped;
};

#define KTEST_CASE(fn)	{ #fn, fn }

/*
 * The section holds pointers, not the suites themselves: pointers
 * have one size and alignment, so the table has no padding holes.
 */
#define __KTEST_SUITE(sym, sname, cases, expl, ini, ext)		\
	static const struct ktest_suite sym = {				\
		#sname, cases, ARRAY_SIZE(cases), expl, ini, ext };	\
	static const struct ktest_suite *const __ktest_ptr_##sname	\
		__section("ktest_suites") = &sym

#define KTEST_SUITE(sname, cases) \
	__KTEST_SUITE(__ktest_suite_##sname, sname, cases, false, NULL, NULL)
/* A suite whose cases each run between init(t) and exit(t). */
#define KTEST_SUITE_INIT_EXIT(sname, cases, init, exit) \
	__KTEST_SUITE(__ktest_suite_##sname, sname, cases, false, init, exit)
/* A suite that must not run by wildcard (a deliberate crash demo). */
#define KTEST_EXPLICIT_SUITE(sname, cases) \
	__KTEST_SUITE(__ktest_xsuite_##sname, sname, cases, true, NULL, NULL)

void ktest_fail(struct ktest *t, const char *file, int line,
		const char *fmt, ...) __printf(4, 5);
void ktest_fail_cmp(struct ktest *t, const char *file, int line,
		    const char *a, const char *op, const char *b,
		    long long va, long long vb);
void ktest_skip(struct ktest *t, const char *reason);
void ktest_log(struct ktest *t, const char *fmt, ...) __printf(2, 3);

#define __KTEST_CMP(t, a, op, b, on_fail) do {				\
	long long __a = (long long)(a), __b = (long long)(b);		\
	if (!(__a op __b)) {						\
		ktest_fail_cmp(t, __FILE__, __LINE__, #a, #op, #b,	\
			       __a, __b);				\
		on_fail;						\
	}								\
} while (0)

#define __KTEST_PCMP(t, a, op, b, on_fail) \
	__KTEST_CMP(t, (uintptr_t)(a), op, (uintptr_t)(b), on_fail)

#define __KTEST_TRUE(t, cond, on_fail) do {				\
	if (!(cond)) {							\
		ktest_fail(t, __FILE__, __LINE__,			\
			   "expected %s to be true", #cond);		\
		on_fail;						\
	}								\
} while (0)

#define __KTEST_STREQ(t, a, b, on_fail) do {				\
	const char *__a = (a), *__b = (b);				\
	if (strcmp(__a, __b)) {						\
		ktest_fail(t, __FILE__, __LINE__,			\
			   "expected %s == %s, got \"%s\" vs \"%s\"",	\
			   #a, #b, __a, __b);				\
		on_fail;						\
	}								\
} while (0)

#define KTEST_EXPECT_EQ(t, a, b)	__KTEST_CMP(t, a, ==, b, )
#define KTEST_EXPECT_NE(t, a, b)	__KTEST_CMP(t, a, !=, b, )
#define KTEST_EXPECT_LT(t, a, b)	__KTEST_CMP(t, a, <, b, )
#define KTEST_EXPECT_LE(t, a, b)	__KTEST_CMP(t, a, <=, b, )
#define KTEST_EXPECT_GT(t, a, b)	__KTEST_CMP(t, a, >, b, )
#define KTEST_EXPECT_GE(t, a, b)	__KTEST_CMP(t, a, >=, b, )
#define KTEST_EXPECT_TRUE(t, c)		__KTEST_TRUE(t, c, )
#define KTEST_EXPECT_FALSE(t, c)	__KTEST_TRUE(t, !(c), )
#define KTEST_EXPECT_PTR_EQ(t, a, b)	__KTEST_PCMP(t, a, ==, b, )
#define KTEST_EXPECT_PTR_NE(t, a, b)	__KTEST_PCMP(t, a, !=, b, )
#define KTEST_EXPECT_NULL(t, p)		__KTEST_PCMP(t, p, ==, NULL, )
#define KTEST_EXPECT_NOT_NULL(t, p)	__KTEST_PCMP(t, p, !=, NULL, )
#define KTEST_EXPECT_STREQ(t, a, b)	__KTEST_STREQ(t, a, b, )

#define KTEST_ASSERT_EQ(t, a, b)	__KTEST_CMP(t, a, ==, b, return)
#define KTEST_ASSERT_NE(t, a, b)	__KTEST_CMP(t, a, !=, b, return)
#define KTEST_ASSERT_TRUE(t, c)		__KTEST_TRUE(t, c, return)
#define KTEST_ASSERT_NOT_NULL(t, p)	__KTEST_PCMP(t, p, !=, NULL, return)

/* Runs the suites in [start, end) whose names match the glob list. */
struct ktest_totals ktest_run(const char *glob,
			      const struct ktest_suite *const *start,
			      const struct ktest_suite *const *end);
/*
 * The same, but in each suite the selected cases numbered below first
 * are listed as skipped ("# SKIP not run (test_from=N)"), not run.
 */
struct ktest_totals ktest_run_from(const char *glob, int first,
				   const struct ktest_suite *const *start,
				   const struct ktest_suite *const *end);

/* Each environment (kernel, host) says where the KTAP text goes. */
void ktest_vprint(const char *fmt, va_list ap);

/*
 * ...and how it calls one part of a case (the suite's init, the case,
 * the suite's exit).  The kernel calls fn straight, so a BUG() in a
 * case stops the boot (kernel/selftest.c).  The host catches a panic()
 * or BUG() in fn: the case fails with its message and the run goes on
 * (tests/host/case_guard.c).
 */
void ktest_call(struct ktest *t, void (*fn)(struct ktest *t));

#endif
