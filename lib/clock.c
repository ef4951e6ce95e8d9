/* clock.c: elapsed wall time on the monotonic clock. */
#include "clock.h"

void
clock_start(struct timespec *t0)
{
	clock_gettime(CLOCK_MONOTONIC, t0);
}

double
clock_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}
