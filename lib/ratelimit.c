/* See ratelimit.h. */
#include "lib/ratelimit.h"

int ratelimit(struct ratelimit_state *rs, unsigned long now)
{
	if (!rs->started || now - rs->begin >= rs->interval) {
		rs->started = true;
		rs->begin = now;
		rs->printed = 0;
	}
	if (rs->printed >= rs->burst) {
		rs->missed++;
		return -1;
	}
	rs->printed++;
	return ratelimit_missed(rs);
}

int ratelimit_missed(struct ratelimit_state *rs)
{
	int missed = rs->missed;

	rs->missed = 0;
	return missed;
}
