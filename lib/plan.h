/*
 * plan.h: a solver's sample decoded against its cluster and model into a
 * checked plan (DESIGN section 6), as kytos-decode writes it.
 *
 * plan_options rebuilds the model options from the sample's kytos
 * metadata (mode, objective, candidates, weights) after checking that the
 * sample was made from this cluster (its digest).  plan_decode maps the
 * sample's "place <pod> <node>" variables back to an assignment, checks
 * every constraint itself, repairs what is broken (a pod on several nodes
 * or on none, an overloaded node) and lists each repair, scores the state
 * before and after with model_eval, and orders the moves
 * make-before-break.
 *
 * Repairs, in this order, each greedy and cheapest first by the model's
 * marginal objective (latency is left out of the estimate; the totals
 * reported are model_eval's, exact):
 *   1. a pod set on several nodes keeps the cheapest of them where it fits
 *      beside the pods already kept (the cheapest overall if none fits);
 *   2. while a node is over a capacity, the pod on it whose relocation to
 *      a candidate node with room costs least moves there; when none can,
 *      the pod of lowest priority there is unplaced;
 *   3. a pod on no node is placed on its cheapest candidate with room,
 *      highest priority first: in rebalance and placement this is a
 *      repair (the model wants every pod placed); in recovery a pod the
 *      solver dropped although it fits is placed too (the model's rewards
 *      make that always better).  When no candidate has room, the
 *      cheapest single move of another pod that makes room is made; else
 *      pods of lower priority are preempted from the candidate that needs
 *      the fewest taken off (lowest priority first), as kube-scheduler
 *      does; they go to their cheapest node with room, or are unplaced.
 * Only a pod that uses the overloaded resource is moved or unplaced in 2.
 *
 * Make-before-break: starting from the current state (pending pods are
 * bound after every move), the first pending move in pod order whose
 * target has room while the pod still holds its source is done, again
 * and again.  When none can go (the moves wait on each other), one pod is
 * routed through a live, schedulable node with room: two steps, the first
 * marked temporary.  When no node has room, the waiting pods are listed in
 * cycles and their moves follow, break-before-make.
 *
 * Ownership: a struct plan borrows its model (and through it the cluster),
 * which must outlive it; plan_release frees the rest.  plan_json and
 * plan_k8s return new trees the caller frees with json_free.
 */
#ifndef KYTOS_PLAN_H
#define KYTOS_PLAN_H

#include "err.h"
#include "json.h"
#include "model.h"
#include "sample.h"

struct plan_move {
	int step;		/* 1-based */
	int mover;
	int from, to;		/* node indices */
	int temporary;		/* a hop on the way to break a cycle */
};

struct plan_repair {
	int mover;
	char why[128];
	int to;			/* node index, -1: unplaced */
};

struct plan {
	const struct model *m;	/* borrowed */
	int *before, *after;	/* nmovers: node or -1 */
	const char **reason;	/* nmovers: why unplaced, or NULL */
	struct model_eval eb, ea;
	int feasible;		/* the sample met every constraint */
	struct plan_move *moves;
	int nmoves;
	int *cycle;		/* movers whose moves could not be ordered */
	int ncycle;
	struct plan_repair *repairs;
	int nrepairs;
	char solver[32], status[16];
	int has_energy;
	double energy;
};

/*
 * Model options from the sample's kytos metadata.  Fails when the metadata
 * is missing or malformed, when the sample was made from another cluster
 * than c (named cname in messages), or when mode >= 0 and the sample's
 * mode differs.  Messages read "meta: kytos: mode: …".
 */
int plan_options(struct model_options *o, const struct sample_set *s,
    const struct cluster *c, const char *cname, int mode, struct kerr *e);

/*
 * Decode s against m into pl.  Fails on a sample with no solution and on
 * variables that are not the model's: "names[3]: unknown pod 'x'".
 */
int plan_decode(struct plan *pl, const struct model *m,
    const struct sample_set *s, struct kerr *e);
void plan_release(struct plan *pl);

/* The plan JSON of DESIGN section 6. */
struct json *plan_json(const struct plan *pl);
/* A Kubernetes List: policy/v1 Eviction per moved pod, v1 Binding per
 * placement. */
struct json *plan_k8s(const struct plan *pl);

#endif
