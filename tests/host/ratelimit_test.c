/* lib/ratelimit.c: a burst per interval, and the count held back. */
#include "lib/ktest.h"
#include "lib/ratelimit.h"

/* Three per 10 ticks: the fourth and fifth are held back. */
static void a_burst_then_silence(struct ktest *t)
{
	struct ratelimit_state rs = RATELIMIT_STATE_INIT(10, 3);

	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, ratelimit(&rs, 100 + i), 0);
	KTEST_EXPECT_EQ(t, ratelimit(&rs, 105), -1);
	KTEST_EXPECT_EQ(t, ratelimit(&rs, 109), -1);
}

/* The next interval lets one through, which hears of the two held. */
static void the_next_message_counts_the_held_back(struct ktest *t)
{
	struct ratelimit_state rs = RATELIMIT_STATE_INIT(10, 1);

	KTEST_EXPECT_EQ(t, ratelimit(&rs, 0), 0);
	KTEST_EXPECT_EQ(t, ratelimit(&rs, 1), -1);
	KTEST_EXPECT_EQ(t, ratelimit(&rs, 2), -1);
	KTEST_EXPECT_EQ(t, ratelimit(&rs, 10), 2);
	KTEST_EXPECT_EQ(t, ratelimit(&rs, 20), 0);	/* counted once */
}

/* A message that must go out hears of those held back, once. */
static void a_forced_message_takes_the_count(struct ktest *t)
{
	struct ratelimit_state rs = RATELIMIT_STATE_INIT(10, 1);

	KTEST_EXPECT_EQ(t, ratelimit(&rs, 0), 0);
	KTEST_EXPECT_EQ(t, ratelimit(&rs, 1), -1);
	KTEST_EXPECT_EQ(t, ratelimit_missed(&rs), 1);
	KTEST_EXPECT_EQ(t, ratelimit_missed(&rs), 0);
	KTEST_EXPECT_EQ(t, ratelimit(&rs, 10), 0);
}

/* Time that wraps round (jiffies) still starts a new interval. */
static void wrapping_time(struct ktest *t)
{
	struct ratelimit_state rs = RATELIMIT_STATE_INIT(10, 1);

	KTEST_EXPECT_EQ(t, ratelimit(&rs, -5UL), 0);
	KTEST_EXPECT_EQ(t, ratelimit(&rs, 2), -1);
	KTEST_EXPECT_EQ(t, ratelimit(&rs, 5), 1);
}

static const struct ktest_case ratelimit_cases[] = {
	KTEST_CASE(a_burst_then_silence),
	KTEST_CASE(the_next_message_counts_the_held_back),
	KTEST_CASE(a_forced_message_takes_the_count),
	KTEST_CASE(wrapping_time),
};
KTEST_SUITE(host_ratelimit, ratelimit_cases);
