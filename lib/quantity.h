/*
 * quantity.h: Kubernetes resource quantities ("100m", "1.5", "129e6",
 * "123Mi") read exactly as k8s.io/apimachinery's ParseQuantity reads them,
 * then rounded to the whole units kytos uses.
 *
 * A parsed quantity is held as an exact count of nano-units, the finest
 * scale Kubernetes keeps: ParseQuantity rounds every non-zero value up to
 * a whole nano-unit, and so do we, with integer arithmetic only (no binary
 * floating point ever touches the digits).
 */
#ifndef KYTOS_QUANTITY_H
#define KYTOS_QUANTITY_H

#include "err.h"

__extension__ typedef unsigned __int128 quantity_nanos;

struct quantity {
	quantity_nanos nanos;	/* |value| in units of 1e-9, rounded up */
	int negative;
};

/* The units results are given in. */
enum quantity_unit {
	QUANTITY_MILLI,		/* 1/1000: CPU in millicores */
	QUANTITY_ONE,		/* whole units: pods, GPUs, bytes */
	QUANTITY_MEBI		/* whole units first, then 2^20 of them: MiB */
};

/*
 * Parse s.  Fails with "bad quantity 's'" for what Kubernetes rejects.
 * Binary-suffixed values are capped at 2^63 - 1 units as Kubernetes does;
 * decimal ones past 10^28 units fail with "quantity too large 's'".
 * Negative values parse (q->negative): the caller decides about them.
 */
int quantity_parse(const char *s, struct quantity *q, struct kerr *e);

/* *sum += q (both non-negative). */
void quantity_add(struct quantity *sum, const struct quantity *q);
/* *max = the larger of *max and q. */
void quantity_max(struct quantity *max, const struct quantity *q);

/*
 * q in unit, rounded up (round_up != 0) or down, as a count that a double
 * holds exactly (at most 2^53).  QUANTITY_MEBI rounds to whole units the
 * way Kubernetes' Value() does (up), then to MiB in the direction asked.
 * Fails with "quantity too large" past 2^53 of the unit.
 */
int quantity_to(const struct quantity *q, enum quantity_unit unit,
    int round_up, long long *out, struct kerr *e);

#endif
