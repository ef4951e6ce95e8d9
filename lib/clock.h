/*
 * clock.h: wall-clock seconds for solvers' time limits and stats, on the
 * monotonic clock (so a changed system time cannot cut a solve short).
 */
#ifndef KYTOS_CLOCK_H
#define KYTOS_CLOCK_H

#include <time.h>

/* Mark the start of a timed span. */
void clock_start(struct timespec *t0);
/* Seconds since clock_start(t0). */
double clock_elapsed(const struct timespec *t0);

#endif
