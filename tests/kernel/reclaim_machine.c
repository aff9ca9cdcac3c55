/*
 * tests/common/reclaim_machine.h in the kernel: the running kernel is
 * the machine, with whatever else is on its lists meanwhile (kswapd,
 * the shell), so only the invariants can be checked at the end.
 */
#include "tests/common/reclaim_machine.h"
#include "mm/debug.h"

bool reclaim_machine_up(struct ktest *t __unused)
{
	return true;
}

void reclaim_machine_down(struct ktest *t)
{
	if (check_mm_invariants())
		ktest_fail(t, __FILE__, __LINE__, "invariant broken: %s",
			   mm_invariant_report);
}
