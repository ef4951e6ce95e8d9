/*
 * milp.h: mixed-integer linear programs, solved with lp_solve 5.5.  Only
 * lib/milp.c includes lp_solve; the rest of the code sees this API, so the
 * solver can be swapped in one file.
 *
 * Ownership: struct milp owns the model (names are copied); a result's x is
 * malloc'd and the caller frees it.  Everything else borrows.
 */
#ifndef KYTOS_MILP_H
#define KYTOS_MILP_H

#include <signal.h>
#include <stddef.h>

#include "err.h"

struct milp;	/* opaque; owns the lp_solve model */

enum milp_sense { MILP_LE, MILP_GE, MILP_EQ };

enum milp_status {
	MILP_OPTIMAL,		/* proven optimal (within the gap) */
	MILP_FEASIBLE,		/* a solution, limit reached */
	MILP_INFEASIBLE,
	MILP_UNBOUNDED,
	MILP_TIMEOUT,		/* limit reached, no solution */
	MILP_FAILED		/* numerical or other solver failure */
};

/* ncols columns, all continuous in [0, +inf) with objective 0 to start. */
struct milp *milp_new(int ncols, struct kerr *e);
void milp_free(struct milp *m);

int milp_set_col(struct milp *m, int j, double lo, double hi, int integer,
    double obj, const char *name);		/* name may be NULL */
int milp_add_row(struct milp *m, int n, const int *cols,
    const double *vals, enum milp_sense sense, double rhs,
    const char *name);			/* name may be NULL */
void milp_set_maximize(struct milp *m, int maximize);
void milp_set_offset(struct milp *m, double offset);	/* objective constant */

struct milp_params {
	double time_limit;		/* seconds, 0 = none */
	double gap;			/* relative gap to stop at */
	volatile sig_atomic_t *stop;	/* set by a SIGINT handler, or NULL */
	/* progress: called at most once a second and on each improvement */
	void (*progress)(void *ctx, double seconds, double incumbent,
	    double bound, double gap);
	void *ctx;
	int has_cutoff;			/* only solutions better than cutoff */
	double cutoff;
	/* stop after this many branch-and-bound nodes, 0 = none; unlike a
	 * time limit, it keeps the result reproducible */
	long node_limit;
	/* skip the separate root LP solve (no bound in the result): for
	 * callers that solved the relaxation themselves */
	int no_root_bound;
};
/*
 * With a cutoff, MILP_INFEASIBLE means "nothing better than the cutoff"
 * (the caller's own incumbent stands); the bound stays that of the model
 * without the cutoff.
 */
void milp_params_defaults(struct milp_params *p);

struct milp_result {
	enum milp_status status;
	double objective;	/* incl. offset, when a solution exists */
	double bound;		/* a proven bound (root LP or better) */
	double gap;		/* relative, 0 when optimal */
	double *x;		/* ncols values, caller frees; NULL if none */
	double seconds;
};

/* Solve the MILP.  The result's x is malloc'd. */
int milp_solve(struct milp *m, const struct milp_params *p,
    struct milp_result *r, struct kerr *e);
/* Solve the LP relaxation only (for bounds and LP-guided rounding). */
int milp_solve_relaxation(struct milp *m, const struct milp_params *p,
    struct milp_result *r, struct kerr *e);
/* Model export: lp_solve LP format, and free MPS as a minimisation with
 * names reduced to [A-Za-z0-9_] (DESIGN §2 "Model export"). */
int milp_write_lp(struct milp *m, const char *path, struct kerr *e);
int milp_write_mps(struct milp *m, const char *path, struct kerr *e);
const char *milp_status_name(enum milp_status s);	/* "optimal", … */

/* Sizes of the model as built so far. */
int milp_ncols(const struct milp *m);
int milp_nrows(const struct milp *m);
/* Change a column's bounds (e.g. to fix it for LP-guided rounding). */
int milp_set_bounds(struct milp *m, int j, double lo, double hi);

#endif
