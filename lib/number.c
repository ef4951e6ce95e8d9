/* number.c: bounded number parsing and round-trip formatting. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "number.h"

int
number_long(const char *s, long lo, long hi, long *out, const char **why)
{
	char *end;
	long v;

	errno = 0;
	if (s == NULL || *s == '\0' || *s == ' ' || *s == '\t') {
		*why = "not a number";
		return -1;
	}
	v = strtol(s, &end, 10);
	if (*end != '\0') {
		*why = "not a number";
		return -1;
	}
	if ((errno == ERANGE && v < 0) || v < lo) {
		*why = "too small";
		return -1;
	}
	if (errno == ERANGE || v > hi) {
		*why = "too large";
		return -1;
	}
	*out = v;
	return 0;
}

int
number_double(const char *s, double lo, double hi, double *out,
    const char **why)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0' || *s == ' ' || *s == '\t') {
		*why = "not a number";
		return -1;
	}
	v = strtod(s, &end);
	if (*end != '\0' || isnan(v)) {
		*why = "not a number";
		return -1;
	}
	if (!isfinite(v)) {
		*why = "not finite";
		return -1;
	}
	if (v < lo) {
		*why = "too small";
		return -1;
	}
	if (v > hi) {
		*why = "too large";
		return -1;
	}
	*out = v;
	return 0;
}

char *
number_format(char *buf, double v)
{
	int prec;

	if (!isfinite(v)) {
		snprintf(buf, 32, "null");
		return buf;
	}
	if (v == 0)
		v = 0;	/* no "-0" */
	if (fabs(v) < 1e15 && v == (double)(long long)v) {
		snprintf(buf, 32, "%lld", (long long)v);
		return buf;
	}
	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}
