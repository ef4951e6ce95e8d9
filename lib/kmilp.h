/*
 * kmilp.h: the exact side of kytos (kytos-milp).  A placement model of
 * lib/model (DESIGN section 4), or a QUBO, as a mixed-integer linear
 * program for lib/milp, solved to a proven optimum or to an honest bound.
 *
 * Cluster models.  Columns: first the model's x[p,n] in model order
 * (binary, the variables kytos-qubo numbers the same way), then
 *   used   u_n >= x[p,n], cost w_cost * cost_n, for each candidate node
 *          without fixed pods                          (objective pack)
 *   load   z_n,r >= the tangents of (load / capacity)^2, weight w_lb, for
 *          each candidate node and CPU and memory        (objective balance)
 *   pair   y >= x_a + x_b - 1 for every product of the objective with a
 *          positive coefficient (in placement, the latency between two
 *          moving pods)
 *   pairs  t >= C(k, 2) for the k same-service pods on one node, through
 *          the secants of C(k, 2), exact at integer k   (anti-affinity)
 * and rows: one-hot (= 1, or <= 1 in recovery) per mover, and each
 * capacity that can bind.  Every other term of the objective is linear in
 * x or constant; the constant is the model's value with every mover
 * unplaced.
 *
 * The load term u^2 (u the load fraction of one node and resource) is
 * convex, so its tangents under-estimate it: the MILP is a relaxation and
 * its bound is a bound of the true optimum.  The first model has `pieces`
 * tangents per term at the midpoints of K equal pieces of the reachable
 * range [lo, hi] of u, which under-estimates u^2 by at most
 * ((hi - lo) / 2K)^2 <= 1 / (4 K^2) per term.  kmilp_solve then refines:
 * it scores the solution with model_eval (the true objective), adds a
 * tangent at every u where the MILP under-estimates, and solves again,
 * until the MILP's value equals the true value of its solution (then that
 * solution is optimal for the true model) or a limit is reached.  The
 * current placement (when feasible), improved by single moves, gets
 * tangents at its loads; it and then the best solution so far cut off each
 * solve: only better ones are sought, so a solve that finds none proves
 * the incumbent optimal.
 *
 * QUBOs.  Columns x_i (binary) then one y per coupler with y = x_i x_j
 * enforced only on the side the objective pushes against: y >= x_i + x_j
 * - 1 when the coupler is positive (in the solve's sense of "worse"),
 * y <= x_i and y <= x_j when negative.  A one-flip descent from 32 seeded
 * random states gives the first incumbent and the cutoff.
 *
 * Ownership: a struct kmilp borrows its model or QUBO (which must outlive
 * it) and owns the rest; kmilp_release frees it.  Results own their
 * arrays; kmilp_result_release frees them.
 */
#ifndef KYTOS_KMILP_H
#define KYTOS_KMILP_H

#include "err.h"
#include "milp.h"
#include "model.h"
#include "qubo.h"

struct kmilp_load;		/* one load term: a node and a resource */

struct kmilp {
	struct milp *lp;	/* the model, for solving and export */
	const struct model *m;	/* cluster input, or NULL */
	const struct qubo *q;	/* QUBO input, or NULL */
	int maximize;		/* QUBO input only */
	double konst;		/* the model's constant (cluster input) */
	int infeasible;		/* fixed load alone exceeds a capacity */
	struct kmilp_load *load;
	int nload;
	int nused, npairs, nrows0;	/* sizes, for stats */
};

struct kmilp_params {
	struct milp_params mp;	/* time limit, gap, stop, progress */
	int max_rounds;		/* refinement rounds of the load term */
	/* with a progress callback: one call per refinement round */
	void (*round)(void *ctx, int round, double seconds, double value,
	    double bound, int cuts);
};

struct kmilp_result {
	enum milp_status status;
	int has_solution;
	double energy;		/* true objective (cluster) or QUBO energy */
	double bound;		/* proven bound of the optimum; NAN: none */
	double gap;		/* relative; NAN when no solution or bound */
	int *assign;		/* cluster: nmovers nodes (-1 unplaced) */
	unsigned char *x;	/* QUBO: n values */
	int rounds;		/* MILPs solved */
	int cuts;		/* tangents added by refinement */
	double seconds;
};

void kmilp_params_defaults(struct kmilp_params *p);
void kmilp_result_release(struct kmilp_result *r);

/* The MILP of a placement model, with `pieces` >= 1 initial tangents. */
int kmilp_build_model(struct kmilp *k, const struct model *m, int pieces,
    struct kerr *e);
/* The MILP of a QUBO, minimised or maximised. */
int kmilp_build_qubo(struct kmilp *k, const struct qubo *q, int maximize,
    struct kerr *e);
void kmilp_release(struct kmilp *k);

/* Solve; refines the load term of cluster models (see above). */
int kmilp_solve(struct kmilp *k, const struct kmilp_params *p,
    struct kmilp_result *r, struct kerr *e);

/*
 * The QUBO state of an assignment, for the QUBO kytos-qubo writes of the
 * same model (lib/encoding): "place" variables from assign, each "used
 * <node>" set when a mover is placed on the node, and the "slack <node>
 * <resource> <value>" bits of each capacity set to its free room, so that
 * a feasible assignment has the QUBO energy of its model objective.
 * x has q->n entries.
 */
void kmilp_qubo_state(const struct model *m, const struct qubo *q,
    const int *assign, unsigned char *x);

/* Relative gap |value - bound| / max(|value|, 1e-9), 0 when within 1e-9. */
double kmilp_gap(double value, double bound);

#endif
