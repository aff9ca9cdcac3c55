/*
 * systest: the small calls a program of the outside world makes about
 * itself and the machine, with raw system calls:
 *
 *   - getuid, geteuid, getgid, getegid in their 16-bit and 32-bit
 *     forms agree and do not fail; getgroups(32) counts the groups;
 *   - sysinfo gives RAM, swap, processes and uptime in bounds.
 *
 * Linux agrees with every check (tests/scenarios/native.py runs it
 * there).  Prints a line per check and exits with the number failed.
 */
#include "user/lib/libc.h"

#define NEVER_MAPPED	0x1000

static int failures;

static void check(bool ok, const char *what)
{
	printf("systest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long sys0(long nr)
{
	return __syscall(nr, 0, 0, 0, 0, 0, 0);
}

/* The 16-bit call gives what the 32-bit one does (ids below 65535). */
static bool same_id(long nr16, long nr32)
{
	long id = sys0(nr32);

	return id >= 0 && (id >= 65535 || sys0(nr16) == id);
}

static void ids(void)
{
	unsigned groups[64];
	long n = __syscall(__NR_getgroups32, 0, 0, 0, 0, 0, 0);

	check(same_id(__NR_getuid, __NR_getuid32) &&
	      same_id(__NR_geteuid, __NR_geteuid32) &&
	      same_id(__NR_getgid, __NR_getgid32) &&
	      same_id(__NR_getegid, __NR_getegid32),
	      "getuid, geteuid, getgid, getegid: 16 and 32 bits agree");
	check(n >= 0 && n <= 64 && __syscall(__NR_getgroups32, 64,
					     (long)groups, 0, 0, 0, 0) == n &&
	      __syscall(__NR_getgroups32, -1, (long)groups, 0, 0, 0, 0) ==
	      -EINVAL, "getgroups32: a count, the same with a list; "
	      "size -1 EINVAL");
}

static void system_info(void)
{
	struct sysinfo si;
	unsigned long long ram;
	long ret = __syscall(__NR_sysinfo, (long)&si, 0, 0, 0, 0, 0);

	ram = (unsigned long long)si.totalram * si.mem_unit;
	check(ret == 0 && si.mem_unit >= 1 && ram >= (1 << 20) &&
	      si.freeram > 0 && si.freeram <= si.totalram &&
	      si.freeswap <= si.totalswap && si.procs >= 1 &&
	      si.uptime >= 0 && si.freehigh <= si.totalhigh,
	      "sysinfo: RAM, swap, processes, uptime in bounds");
	check(__syscall(__NR_sysinfo, NEVER_MAPPED, 0, 0, 0, 0, 0) == -EFAULT,
	      "sysinfo into a bad pointer: EFAULT");
}

int main(int argc __unused, char **argv __unused)
{
	ids();
	system_info();
	printf("systest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
