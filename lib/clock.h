/*
 * clock.h: elapsed wall time for time limits and progress reports (the
 * monotonic clock, so that a clock change cannot stop a solver early).
 */
#ifndef KYTOS_CLOCK_H
#define KYTOS_CLOCK_H

#include <time.h>

void clock_start(struct timespec *t0);
/* Seconds since clock_start(t0). */
double clock_since(const struct timespec *t0);

#endif
