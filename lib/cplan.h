/*
 * cplan.h: the caspian planner.  Places the jobs of a struct caspian over
 * regions and start slots, minimising carbon plus migration penalties under
 * CPU, memory and GPU capacity (DESIGN §7), and builds the plan JSON.
 *
 * Strategy: per-job checks first (window, affinity, too_large, migration);
 * then a greedy plan and local search, the LP relaxation of the tight model
 * (per region and slot capacity rows over the start variables) with cover
 * cuts for a bound and for LP-guided rounding, large neighbourhood search
 * with exact sub-MILPs, and lp_solve's branch and bound with the best plan
 * so far as a cutoff, within the time limit.
 *
 * Ownership: cplan_solve returns a JSON tree the caller frees with
 * json_free.  Everything else borrows.
 */
#ifndef KYTOS_CPLAN_H
#define KYTOS_CPLAN_H

#include <signal.h>

#include "caspian.h"
#include "err.h"
#include "json.h"

/*
 * The cost of leaving a job out for lack of room ("capacity"), in grams
 * equivalent: this plus the job's most expensive start, so that any plan
 * placing one more job is better.
 */
#define CPLAN_UNSCHEDULED_COST 1e6

enum cplan_status {
	CPLAN_OPTIMAL, CPLAN_FEASIBLE, CPLAN_INFEASIBLE, CPLAN_UNBOUNDED,
	CPLAN_NOT_SOLVED
};

struct cplan_params {
	double time_limit;		/* seconds, 0 = none */
	double gap;			/* relative gap to stop at */
	int strict;			/* any unscheduled job: Infeasible */
	int use_milp;			/* branch and bound (default 1) */
	const char *lp_path;		/* write the model, or NULL */
	const char *mps_path;
	volatile sig_atomic_t *stop;
	void (*progress)(void *ctx, double seconds, double incumbent,
	    double bound, double gap);
	void *ctx;
};

void cplan_params_defaults(struct cplan_params *p);

/*
 * Plan, and build the output JSON (DESIGN §7) in *out; *status says what
 * was proven.  Returns -1 only on errors (out of memory, solver failure,
 * model files that cannot be written).
 */
int cplan_solve(const struct caspian *c, const struct cplan_params *p,
    struct json **out, enum cplan_status *status, struct kerr *e);

/* "Optimal", "Feasible", "Infeasible", "Unbounded", "Not Solved" */
const char *cplan_status_name(enum cplan_status s);

#endif
