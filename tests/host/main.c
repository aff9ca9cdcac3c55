/*
 * The host unit-test runner: every suite linked into this binary (the
 * portable ones of tests/common, built against lib/ under ASan and
 * UBSan) prints KTAP on stdout.  Usage: ktest-host [GLOB]
 */
#include "lib/ktest.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

extern const struct ktest_suite *const __start_ktest_suites[];
extern const struct ktest_suite *const __stop_ktest_suites[];

/*
 * Set while a test of ktest itself runs suites of its own: their KTAP
 * goes into host_ktest_heard (as much as fits), for the test to read.
 */
bool host_ktest_quiet;
char host_ktest_heard[4096];

void ktest_vprint(const char *fmt, va_list ap)
{
	size_t len = strlen(host_ktest_heard);

	if (!host_ktest_quiet)
		vprintf(fmt, ap);
	else
		vsnprintf(host_ktest_heard + len,
			  sizeof(host_ktest_heard) - len, fmt, ap);
}

int main(int argc, char **argv)
{
	struct ktest_totals t;

	/*
	 * Line by line: a case that crashes (UBSan stops the program) or
	 * leaks (LeakSanitizer ends it with _exit, no stdio flush) would
	 * otherwise take with it the KTAP lines still buffered, of its
	 * own suite and of every suite after it, which then look failed.
	 */
	setvbuf(stdout, NULL, _IOLBF, 0);
	t = ktest_run(argc > 1 ? argv[1] : "*", __start_ktest_suites,
		      __stop_ktest_suites);
	return t.failed ? 1 : 0;
}
