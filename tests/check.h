/*
 * check.h: the unit tests' one macro.  CHECK(cond) records a failure with
 * its place and goes on; main returns check_status() (0 when all passed).
 */
#ifndef KYTOS_CHECK_H
#define KYTOS_CHECK_H

#include <math.h>
#include <stdio.h>

static int check_failures;
static int check_count;

#define CHECK(cond) do { \
	check_count++; \
	if (!(cond)) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, \
		    __LINE__, #cond); \
	} \
} while (0)

#define CHECK_NEAR(a, b, tol) do { \
	double check_a_ = (a), check_b_ = (b); \
	check_count++; \
	if (!(fabs(check_a_ - check_b_) <= (tol))) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: %s = %.17g, want %s = %.17g\n", \
		    __FILE__, __LINE__, #a, check_a_, #b, check_b_); \
	} \
} while (0)

static inline int
check_status(void)
{
	fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures);
	return check_failures != 0;
}

#endif
