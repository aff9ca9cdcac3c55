/*
 * The end of a test program whose checks run in a child (a session of
 * its own, so that nothing outside it is touched on the host's Linux):
 * pgrptest and stoptest.
 */
#include "user/lib/libc.h"

/*
 * Runs checks() in a forked child, which exits with the number of
 * checks that failed; says "NAME: all checks passed" or "NAME: FAILED"
 * and returns that number (1 if the child did not exit).
 */
int checks_in_child(const char *name, int (*checks)(void))
{
	int pid = fork(), status = -1, failures;

	if (!pid)
		exit(checks());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		failures = 1;
	else
		failures = WEXITSTATUS(status);
	printf("%s: %s\n", name, failures ? "FAILED" : "all checks passed");
	return failures;
}
