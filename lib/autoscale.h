/*
 * autoscale.h: the autoscale model of DESIGN section 4 ("Autoscale"),
 * shared by kytos-qubo (its QUBO), kytos-milp (its MILP) and kytos-decode
 * (the scaling[] entries of section 6), so that all three mean the same
 * thing.
 *
 * Every service with "autoscale": true takes part; it needs target_rate
 * (request_rate missing counts as 0).  Defaults: current = replicas (the
 * number of its pods), min_replicas 1 and no max_replicas bound, as in the
 * Kubernetes HPA.  A replica requests the service's cpu_request and
 * mem_request, or where one is not given the largest request of its pods
 * (0 without pods), rounded up to whole millicores and MiB.
 *
 * The HPA convention (autoscale_wanted):
 *   raw    = ceil(request_rate / target_rate)
 *   wanted = current when current > 0 and |raw / current - 1| <= 0.1,
 *            else raw; then clamped to [min_replicas, max_replicas]
 *
 * The decision: each service's count r ranges over [lo, hi]:
 *   wanted <= current   lo = hi = wanted: scale-in is never blocked
 *   wanted >  current   lo = max(current, min_replicas), hi = wanted, or
 *                       hi = lo when one replica fits no live schedulable
 *                       node in CPU and memory at once (node_size)
 * min_replicas is a floor the margin never overrides.
 *
 * Headroom: total is the allocatable CPU and memory of the live
 * schedulable nodes, used the requests of the other pods on them plus
 * current * request of each autoscale service (its pods in the file or
 * not); with every service at lo the use is base = used + sum (lo -
 * current) * request.
 * Scale-out beyond lo may use room = floor(total - margin * total - base)
 * (0 when negative) of each resource:
 *   sum over services of (r - lo) * request  <=  room
 * so it never takes the cluster below margin free, and scale-in (already
 * in base) is never blocked.  Headroom fractions are 1 - use / total (0
 * without allocatable capacity).
 *
 * Objective (minimised), the unserved load weighted by priority and by how
 * under-served the service is:
 *   cost_s(r) = (1 + priority) * U^2 / request_rate,
 *   U = max(0, request_rate - r * target_rate)    (0 when the rate is 0)
 * that is (1 + priority) * unserved load * unserved fraction: a replica
 * is worth more to a higher-priority service, and, at equal priority, to
 * the service that serves the smaller fraction of its load.  cost_s falls
 * as r grows, so with room to spare every service gets hi.
 *
 * limited_by: "node_size" or "margin" when recommended < wanted (the
 * reason hi = lo, else the headroom), otherwise "min_replicas" or
 * "max_replicas" when that clamp set wanted, otherwise null.
 *
 * QUBO (autoscale_qubo).  Variables: "replicas <service> <r>" for every r
 * in [lo, hi] of every service in order (a one-hot group each; a single
 * value is a group of one), then the slack bits of each resource whose
 * constraint can bind, "slack margin <cpu|mem> <value>".  Energy =
 * offset + sum_s cost_s(r_s) + A * penalties:
 *   one-hot   (sum_r x[s,r] - 1)^2 per service
 *   headroom  ((sum (r - lo) * req * x[s,r] + slack - room) / g)^2
 * where g is the greatest common divisor of the requests of the services
 * that can scale out (the room is rounded down to a multiple of g: the
 * same counts fit), and the slack a bounded binary expansion (1, 2, 4, …,
 * and a last bit making the sum exactly room / g).
 * A constraint is left out when every service at hi fits in the room.
 * A feasible state with its best slack has penalty 0 and energy equal to
 * the objective; every violation costs at least A.  The automatic A is 1 +
 * max_s (cost_s(lo) - cost_s(hi)), rounded up, and that is enough for the
 * ground state to be the constrained optimum: mending a broken one-hot
 * group (none set: take lo, which uses no room; several: keep one) costs
 * at most that range and removes at least A of penalty; then each unit v
 * of headroom exceeded is mended by lowering one count above lo that uses
 * the resource (each frees at least one unit), which costs at most the
 * largest one-replica step, below A, and removes A v^2 >= A v.
 *
 * MILP (autoscale_milp): the same binaries x[s,r] as the QUBO's first
 * variables, one-hot rows, the headroom rows, the same objective.
 *
 * Ownership: a struct autoscale borrows its cluster (which must outlive
 * it) and owns the rest; autoscale_release frees it.
 */
#ifndef KYTOS_AUTOSCALE_H
#define KYTOS_AUTOSCALE_H

#include "cluster.h"
#include "err.h"
#include "json.h"
#include "milp.h"
#include "qubo.h"
#include "sample.h"

/* The widest range [lo, hi] of one service. */
#define AUTOSCALE_MAX_COUNTS 1000

struct autoscale_svc {
	int svc;		/* cluster service index */
	long current, raw, wanted;
	const char *clamp;	/* "min_replicas", "max_replicas" or NULL:
				 * the clamp that set wanted */
	long lo, hi;		/* the decision range */
	int node_size;		/* hi held at lo: a replica fits no node */
	double req[2];		/* per replica: CPU, memory */
	double weight;		/* 1 + priority */
	int var0;		/* count lo + k is variable var0 + k */
};

/* The headroom constraint of one resource in the QUBO. */
struct autoscale_slack {
	int active;		/* can bind: has slack bits */
	double g;		/* unit */
	int var0, nbits;	/* slack variables */
	double *bits;		/* their values in units of g */
};

struct autoscale {
	const struct cluster *c;	/* borrowed */
	struct autoscale_svc *svcs;
	int nsvcs;
	int nrepl;		/* replica variables */
	int nvars;		/* all QUBO variables */
	double total[2];	/* allocatable, live schedulable nodes */
	double used[2];		/* requests of the pods on them */
	double base[2];		/* used with every service at lo */
	double room[2];		/* scale-out budget beyond lo */
	struct autoscale_slack slack[2];
};

/*
 * The HPA convention for one service (min and max already defaulted):
 * returns wanted, sets *raw and *clamp ("min_replicas", "max_replicas" or
 * NULL).
 */
long autoscale_wanted(long current, double request_rate, double target_rate,
    long min, long max, long *raw, const char **clamp);

/*
 * Build the model.  Fails with "services: no autoscale service",
 * "services[i].target_rate: missing for an autoscale service", or when a
 * range [lo, hi] holds more than AUTOSCALE_MAX_COUNTS counts.
 */
int autoscale_build(struct autoscale *a, const struct cluster *c,
    struct kerr *e);
void autoscale_release(struct autoscale *a);

/* cost_s(r) of service k (index into svcs). */
double autoscale_cost(const struct autoscale *a, int k, long r);
/* The objective of counts[nsvcs]. */
double autoscale_objective(const struct autoscale *a, const long *counts);
/* Does counts[] keep every count in range and the headroom rule? */
int autoscale_feasible(const struct autoscale *a, const long *counts);
/* The penalty A chosen automatically. */
double autoscale_penalty(const struct autoscale *a);

/* The QUBO; penalty <= 0 chooses A.  q is initialised by the caller. */
int autoscale_qubo(struct qubo *q, const struct autoscale *a, double penalty,
    struct kerr *e);
/* The MILP (caller frees with milp_free), or NULL. */
struct milp *autoscale_milp(const struct autoscale *a, struct kerr *e);
/*
 * The QUBO state of counts[]: x[nvars] with the replica bits and the best
 * slack bits (greedy, exact for a bounded binary expansion).
 */
void autoscale_state(const struct autoscale *a, const long *counts,
    unsigned char *x);
/* Counts from a MILP solution's x (nrepl values). */
void autoscale_counts_milp(const struct autoscale *a, const double *x,
    long *counts);

/*
 * Decode a sample into the plan JSON of DESIGN section 6: mode,
 * feasible, objective, before, after (replicas and headroom), scaling[]
 * and repairs[].  Checks the kytos metadata (mode=autoscale, the cluster
 * digest) and the variable names; a service with no count or several
 * takes lo and a state over the headroom is cut back (lowest cost first),
 * each said in repairs.  Returns a new tree, or NULL with e set.
 */
struct json *autoscale_decode(const struct autoscale *a,
    const struct sample_set *s, struct kerr *e);
/*
 * The changes of a plan (autoscale_decode's) as a Kubernetes List of
 * autoscaling/v1 Scale objects, one per service whose count changes: the
 * service "namespace/name" (bare: "default") names the scaled workload.
 */
struct json *autoscale_k8s(const struct json *plan);
/* The plan JSON of counts[] (already feasible). */
struct json *autoscale_plan(const struct autoscale *a, const long *counts,
    struct json *repairs);

#endif
