/*
 * The ktest runner: selects suites by glob, runs their cases in order
 * and prints KTAP version 1, with each suite as an indented subtest
 * as KUnit does.  Failure details are KTAP diagnostic lines ("# ...")
 * printed before the case's "not ok" line.
 */
#include "lib/ktest.h"
#include "lib/glob.h"
#include "lib/string.h"

#define INDENT	"    "

static __printf(1, 2) void out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktest_vprint(fmt, ap);
	va_end(ap);
}

void ktest_fail(struct ktest *t, const char *file, int line,
		const char *fmt, ...)
{
	va_list ap;

	t->failed = true;
	out(INDENT "# %s: EXPECTATION FAILED at %s:%d\n" INDENT "#   ",
	    t->name, file, line);
	va_start(ap, fmt);
	ktest_vprint(fmt, ap);
	va_end(ap);
	out("\n");
}

void ktest_fail_cmp(struct ktest *t, const char *file, int line,
		    const char *a, const char *op, const char *b,
		    long long va, long long vb)
{
	ktest_fail(t, file, line,
		   "expected %s %s %s, got %lld (%#llx) vs %lld (%#llx)",
		   a, op, b, va, (unsigned long long)va,
		   vb, (unsigned long long)vb);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skip_reason = reason;
}

void ktest_log(struct ktest *t, const char *fmt, ...)
{
	va_list ap;

	out(INDENT "# %s: ", t->name);
	va_start(ap, fmt);
	ktest_vprint(fmt, ap);
	va_end(ap);
	out("\n");
}

/* An explicit-only suite needs its exact name among the patterns. */
static bool selected(const char *glob, const struct ktest_suite *s)
{
	size_t n = strlen(s->name);
	const char *p = glob;

	if (!s->explicit_only)
		return glob_match_list(glob, s->name);
	for (; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, s->name, n) && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

static void run_case(const struct ktest_suite *s, const struct ktest_case *c,
		     int nr, struct ktest_totals *tot)
{
	struct ktest t = { .name = c->name };

	if (!s->init || s->init(&t)) {
		c->run(&t);
		if (s->exit)
			s->exit(&t);
	} else if (!t.failed && !t.skip_reason) {
		ktest_fail(&t, __FILE__, __LINE__, "the suite's init failed");
	}
	if (t.failed) {
		out(INDENT "not ok %d %s\n", nr, c->name);
		tot->failed++;
	} else if (t.skip_reason) {
		out(INDENT "ok %d %s # SKIP %s\n", nr, c->name,
		    t.skip_reason);
		tot->skipped++;
	} else {
		out(INDENT "ok %d %s\n", nr, c->name);
		tot->passed++;
	}
}

static bool run_suite(const struct ktest_suite *s, int nr,
		      struct ktest_totals *tot)
{
	struct ktest_totals mine = { 0 };

	out(INDENT "KTAP version 1\n" INDENT "# Subtest: %s\n", s->name);
	out(INDENT "1..%zu\n", s->ncases);
	for (size_t i = 0; i < s->ncases; i++)
		run_case(s, &s->cases[i], (int)i + 1, &mine);
	out("# %s: pass:%d fail:%d skip:%d total:%zu\n", s->name,
	    mine.passed, mine.failed, mine.skipped, s->ncases);
	out("%s %d %s\n", mine.failed ? "not ok" : "ok", nr, s->name);
	tot->passed += mine.passed;
	tot->failed += mine.failed;
	tot->skipped += mine.skipped;
	return !mine.failed;
}

struct ktest_totals ktest_run(const char *glob,
			      const struct ktest_suite *const *start,
			      const struct ktest_suite *const *end)
{
	struct ktest_totals tot = { 0 };
	const struct ktest_suite *const *s;
	int n = 0;

	for (s = start; s < end; s++)
		n += selected(glob, *s);
	out("KTAP version 1\n1..%d\n", n);
	if (!n) {
		out("# no test suite matches '%s'\n", glob);
		tot.failed = 1;
		return tot;
	}
	for (s = start; s < end; s++)
		if (selected(glob, *s))
			run_suite(*s, ++tot.suites, &tot);
	out("# totals: pass:%d fail:%d skip:%d\n", tot.passed, tot.failed,
	    tot.skipped);
	return tot;
}
