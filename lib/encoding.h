/*
 * encoding.h: the QUBO of a placement model (DESIGN section 4), written by
 * kytos-qubo.
 *
 * Variables: first the model's x[p,n] in model order ("place <pod>
 * <node>"), then one "used <node>" per node that only movers could occupy
 * (objective pack), then the slack bits of each capacity that can bind
 * ("slack <node> <resource> <value>", value in the resource's units).
 *
 * Energy = offset + objective + A * penalties, where the penalties are
 *   one-hot      (sum_n x[p,n] - 1)^2 per mover      (rebalance, placement)
 *   at most one  sum_{n<m} x[p,n] x[p,m] per mover   (recovery)
 *   used         x[p,n] - x[p,n] y_n                 (pack: y_n >= x[p,n])
 *   capacity     ((load_n,r + slack_n,r - (cap - fixed)) / g)^2
 * A capacity gets slack only when the fixed load plus every candidate's
 * request can exceed it.  Its slack is a bounded binary expansion (1, 2,
 * 4, …, and a last bit making the sum exactly (cap - fixed) / g) in units
 * of g, the greatest common divisor of the free room and the candidates'
 * requests when all are integers (kytos-state writes them so); then a
 * feasible assignment with its best slack has penalty 0 and the energy
 * equals model_eval's total, and every violation costs at least A.  With
 * fractional amounts g = room / 1024 and a feasible assignment may keep a
 * residual penalty below A.
 *
 * The automatic A is 1 + the sum of the absolute values of the
 * objective's linear and quadratic coefficients, rounded up to an integer:
 * no change of assignment can gain that much objective, so every
 * infeasible state lies above every feasible one and the ground state is
 * the model's optimum.
 *
 * Metadata: "c kytos mode= objective= cluster=<digest> candidates=
 * penalty= w.<weight>=…" (every effective weight: kytos-decode rebuilds
 * the same model from them), "c offset", "c var" for every variable, and a
 * "c onehot" or "c atmostone" group per mover with candidates.
 *
 * Ownership: encoding_build fills a qubo the caller has initialised and
 * later releases; the model is borrowed.
 */
#ifndef KYTOS_ENCODING_H
#define KYTOS_ENCODING_H

#include "err.h"
#include "model.h"
#include "qubo.h"

struct encoding_info {
	double penalty;		/* A used */
	int nplace, nused, nslack;	/* variables of each kind */
	int ncapacity;		/* capacities with slack */
};

/* Build the QUBO of m; penalty <= 0 chooses A automatically. */
int encoding_build(struct qubo *q, const struct model *m, double penalty,
    struct encoding_info *info, struct kerr *e);

#endif
