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

/*
 * The glob list selects suites, or single cases: "mm_*" takes whole
 * suites, "host_buddy.expand_*" only the matching cases of host_buddy
 * (so a grader can run one case per process or boot).  An explicit-only
 * suite needs its exact name as the suite part of a pattern.
 */
#define PATTERN_MAX	128

/* Copies pattern number i of the list into buf; false past the end. */
static bool nth_pattern(const char *glob, int i, char *buf)
{
	const char *p = glob, *end;

	for (; i > 0; i--) {
		p = strchr(p, ',');
		if (!p)
			return false;
		p++;
	}
	end = strchr(p, ',');
	if (!end)
		end = p + strlen(p);
	if (end - p >= PATTERN_MAX)
		end = p + PATTERN_MAX - 1;
	memcpy(buf, p, end - p);
	buf[end - p] = '\0';
	return true;
}

/* Splits "suite.case" in place; returns the case part, or NULL. */
static char *case_part(char *pattern)
{
	char *dot = strchr(pattern, '.');

	if (!dot)
		return NULL;
	*dot = '\0';
	return dot + 1;
}

static bool suite_part_matches(const char *pattern,
			       const struct ktest_suite *s)
{
	if (s->explicit_only)
		return !strcmp(pattern, s->name);
	return glob_match(pattern, s->name);
}

static bool selected_case(const char *glob, const struct ktest_suite *s,
			  const struct ktest_case *c)
{
	char buf[PATTERN_MAX];

	for (int i = 0; nth_pattern(glob, i, buf); i++) {
		char *cpat = case_part(buf);

		if (!buf[0] || !suite_part_matches(buf, s))
			continue;
		if (!cpat || glob_match(cpat, c->name))
			return true;
	}
	return false;
}

/* A suite runs if at least one of its cases is selected. */
static bool selected(const char *glob, const struct ktest_suite *s)
{
	for (size_t i = 0; i < s->ncases; i++)
		if (selected_case(glob, s, &s->cases[i]))
			return true;
	return false;
}

/* The suite's init, as a part ktest_call() can run. */
static void init_part(struct ktest *t)
{
	t->ready = t->suite->init(t);
}

static void run_case(const struct ktest_suite *s, const struct ktest_case *c,
		     int nr, struct ktest_totals *tot)
{
	struct ktest t = { .name = c->name, .suite = s, .ready = !s->init };

	if (s->init)
		ktest_call(&t, init_part);
	if (t.ready) {
		/* exit also runs after a case the host stopped on a panic */
		ktest_call(&t, c->run);
		if (s->exit)
			ktest_call(&t, s->exit);
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

/*
 * Cases numbered below first are only listed, as skipped: after a case
 * panicked the kernel, the runner boots again to run the ones after it,
 * and learns the name of the one that panicked from the list.
 */
static bool run_suite(const char *glob, int first, const struct ktest_suite *s,
		      int nr, struct ktest_totals *tot)
{
	struct ktest_totals mine = { 0 };
	size_t planned = 0;
	int case_nr = 0;

	for (size_t i = 0; i < s->ncases; i++)
		planned += selected_case(glob, s, &s->cases[i]);
	out(INDENT "KTAP version 1\n" INDENT "# Subtest: %s\n", s->name);
	out(INDENT "1..%zu\n", planned);
	for (size_t i = 0; i < s->ncases; i++) {
		if (!selected_case(glob, s, &s->cases[i]))
			continue;
		if (++case_nr >= first) {
			run_case(s, &s->cases[i], case_nr, &mine);
			continue;
		}
		out(INDENT "ok %d %s # SKIP not run (test_from=%d)\n", case_nr,
		    s->cases[i].name, first);
		mine.skipped++;
	}
	out("# %s: pass:%d fail:%d skip:%d total:%zu\n", s->name,
	    mine.passed, mine.failed, mine.skipped, planned);
	out("%s %d %s\n", mine.failed ? "not ok" : "ok", nr, s->name);
	tot->passed += mine.passed;
	tot->failed += mine.failed;
	tot->skipped += mine.skipped;
	return !mine.failed;
}

struct ktest_totals ktest_run_from(const char *glob, int first,
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
			run_suite(glob, first, *s, ++tot.suites, &tot);
	out("# totals: pass:%d fail:%d skip:%d\n", tot.passed, tot.failed,
	    tot.skipped);
	return tot;
}

struct ktest_totals ktest_run(const char *glob,
			      const struct ktest_suite *const *start,
			      const struct ktest_suite *const *end)
{
	return ktest_run_from(glob, 1, start, end);
}
