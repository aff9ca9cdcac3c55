/*
 * A ktest-host case that runs too long fails by name
 * (tests/host/cpu_limit.h): a stubbed function can leave a loop of its
 * caller nothing to end on (memlist_del stubbed: a free list that never
 * empties), and ktest-host then ran until the runner killed it, naming
 * no case and losing every suite after it.  CPU time, not the clock: a
 * loaded machine does not stretch it, and the code under test cannot
 * sleep (the host's schedule() panics when the only task would).
 */
#include <signal.h>
#include <sys/time.h>
#include "tests/host/cpu_limit.h"
#include "lib/vsprintf.h"

static __noreturn void (*fail_case)(const char *msg);
static unsigned int limit;

static void on_limit(int sig __unused)
{
	char msg[128];


	snprintf(msg, sizeof(msg), "it used %u s of CPU and never ended (a "
		 "loop that nothing ends?)", limit);
	fail_case(msg);
}

static void set_timer(unsigned int seconds)
{
	struct itimerval timer = { .it_value = { .tv_sec = seconds } };

	setitimer(ITIMER_PROF, &timer, NULL);
}

void cpu_limit_arm(unsigned int seconds, __noreturn void (*fail)(const char *msg))
{
	struct sigaction sa = { .sa_handler = on_limit };

	fail_case = fail;
	limit = seconds;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPROF, &sa, NULL);
	set_timer(limit);
}

void cpu_limit_disarm(void)
{
	set_timer(0);
}
