/*
 * Rate limits for messages that one event can repeat many times a
 * second (a swap disk failing every request: issue 13 saw 738,000
 * lines in eight minutes, and a serial console that busy starves
 * everything else).  Linux 2.4.0 has only net_ratelimit(), for its
 * network messages; this follows Linux 2.6's printk_ratelimit() (at
 * most `burst` messages per `interval`, by default 10 per 5 seconds)
 * and the count of suppressed messages that later 2.6 kernels'
 * struct ratelimit_state keeps.  Here the count is handed back with
 * the next message let through, for it to say how many were held back.
 *
 * Time is the caller's (jiffies), so that lib/ stays free of hardware
 * and the host tests can move it on.  No lock: callers in interrupt
 * handlers and tasks on one CPU may at worst miscount one message.
 */
#ifndef LIB_RATELIMIT_H
#define LIB_RATELIMIT_H

#include <stdbool.h>

struct ratelimit_state {
	unsigned long interval;	/* ticks */
	unsigned int burst;	/* messages let through per interval */
	unsigned long begin;	/* when the current interval began */
	unsigned int printed;	/* let through in this interval */
	unsigned int missed;	/* held back since the last let through */
	bool started;		/* begin is set */
};

#define RATELIMIT_STATE_INIT(interval_ticks, burst_messages)		\
	{ .interval = (interval_ticks), .burst = (burst_messages) }

/*
 * May a message go out at time now?  Returns -1 if not (it is counted
 * as held back); otherwise how many were held back since the last one
 * that went out, which this message should mention.
 */
int ratelimit(struct ratelimit_state *rs, unsigned long now);

/*
 * For a message that must go out whatever the rate (it is the last word
 * on what the others were about): how many were held back since the
 * last one let through.  The count starts again from 0.
 */
int ratelimit_missed(struct ratelimit_state *rs);

#endif
