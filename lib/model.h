/*
 * model.h: the constrained placement model of DESIGN section 4, shared by
 * kytos-qubo (its QUBO), kytos-milp (its MILP) and kytos-decode (checking
 * and scoring a plan), so that all three mean the same thing.
 *
 * For a mode, objective and weights, model_build decides which pods move
 * (the movers), which are fixed load and which are ignored; gives each
 * mover its candidate nodes; numbers the variables x[p,n] (mover p on
 * candidate n), named "place <pod> <node>"; and model_eval scores ANY
 * assignment (a node or -1 per mover), candidate or not.
 *
 * Who moves:
 *   rebalance  movable pods on live schedulable nodes, and pending pods
 *   recovery   movable pods of dead nodes (alive: false)
 *   placement  pending pods (no current_node)
 * Every other pod on a live node is fixed load (pinned pods, pods of
 * cordoned nodes, and in recovery and placement the pods that stay).
 * Outside recovery the pods of dead nodes are ignored with a warning; in
 * recovery pending pods are ignored, and pinned pods of dead nodes too,
 * with a warning.  A mover that fits no node gets no variable (a warning
 * gives its reason).
 *
 * Candidates of a mover: live, schedulable nodes where it fits beside the
 * fixed load in every resource.  With candidates = K > 0, a mover with more
 * than K + 1 keeps its current node and up to K others, picked round by
 * round (one per mover per round, pending pods and pods of the hottest
 * nodes first): each pick is the node of lowest estimated cost (the
 * objective's marginal terms against a projected load: fixed load, movers
 * at their current nodes, 1/K of each earlier pick's request) among those
 * within budget: nodes whose capacity could not overflow even if every
 * candidate chosen so far landed there.  So pruning never makes a
 * capacity bind, and the QUBO needs no slack bits for it; only a mover
 * with no node at all (pending) takes a node over budget.  Ties go to the
 * lower node index.  Candidates are kept in node order.
 *
 * Objective (minimised; each part already multiplied by its weight):
 *   load_balance   w * sum over live nodes, CPU and memory with capacity
 *                  > 0, of (load / capacity)^2          (objective balance)
 *   cost           w * sum over live nodes holding a pod of cost_n
 *                                                       (objective pack)
 *   move_cost      w * sum of move_cost of movers placed off their node
 *   anti_affinity  w * pairs of pods of one service on one node
 *   desire         - sum over placed movers of their reward
 *   latency        w * for each placed mover and each service it talks to,
 *                  the mean latency from its zone to that service's
 *                  counted pods (placement only)
 *   startup        w * placed movers whose image the node lacks
 *                  (placement only)
 * A mover's reward is w_desire * desire, except in recovery where rewards
 * form a ladder by priority: level L's base exceeds the largest cost any
 * of its pods can add when placed plus the rewards of every pod of lower
 * priority, so that dropping a pod never pays and a lower-priority pod is
 * never kept instead of a higher one.
 *
 * Default weights (model_default_weight): load_balance 100, move_cost 1,
 * anti_affinity 10, desire 1, latency 5, startup 5, cost 10.  With these a
 * skewed cluster is rebalanced (moving a 500m pod from a node at 90% to one
 * at 30% of 4000m saves 12 of load balance for 1 of move cost) while a
 * balanced one is left alone (the load term is convex: any move from a
 * level state costs balance and move cost both).  Options override the
 * cluster's weights, which override the defaults.
 *
 * Ownership: a struct model borrows its cluster (which must outlive it)
 * and owns the rest; model_release frees it.
 */
#ifndef KYTOS_MODEL_H
#define KYTOS_MODEL_H

#include <stddef.h>

#include "cluster.h"
#include "err.h"

enum model_mode { MODEL_REBALANCE, MODEL_RECOVERY, MODEL_PLACEMENT };
enum model_objective { MODEL_BALANCE, MODEL_PACK };

/* What a pod is in the model. */
enum model_role { MODEL_IGNORED, MODEL_FIXED, MODEL_MOVER };

struct model_options {
	enum model_mode mode;
	enum model_objective objective;
	int candidates;		/* 0: every candidate node */
	double weights[WEIGHT_COUNT];
	int has_weight[WEIGHT_COUNT];	/* set: overrides the cluster */
};

/* One pod that moves. */
struct model_mover {
	int pod;		/* cluster pod index */
	int *cand;		/* candidate node indices, ascending */
	int ncand;
	int var0;		/* variable of cand[k] is var0 + k */
	double reward;		/* taken off the objective when placed */
	const char *reason;	/* ncand == 0: "no_node", "too_large" or
				 * "capacity" (DESIGN section 6) */
};

struct model_var {
	int mover;		/* index into movers */
	int pod;		/* cluster pod index */
	int node;		/* cluster node index */
};

struct model {
	const struct cluster *c;	/* borrowed */
	struct model_options opt;
	double w[WEIGHT_COUNT];	/* effective weights; latency and startup
				 * are 0 outside placement */
	enum model_role *role;	/* npods */
	int *mover_of;		/* npods: mover index or -1 */
	struct model_mover *movers;
	int nmovers;
	struct model_var *vars;
	int nvars;
	double *fixed;		/* nnodes * nres: fixed pods' load */
	int *nfixed;		/* nnodes: fixed pods per node */
	int *svc_pods;		/* counted pods (fixed and movers) of each
				 * service: svc_pods[svc_start[s]..
				 * svc_start[s + 1]) */
	int *svc_start;		/* nservices + 1 */
};

/* The result of model_eval. */
struct model_eval {
	double total;		/* sum of the parts below */
	double load_balance, cost, move_cost, anti_affinity, desire;
	double latency, startup;
	int feasible;		/* capacities hold, no mover is on a dead
				 * or cordoned node and, outside recovery,
				 * every mover with a candidate is placed */
	int capacity_violations;	/* (node, resource) pairs over */
	int anti_affinity_violations;	/* same-service pairs on a node */
	int nodes_used;		/* live nodes holding a pod */
	int placed, unplaced, moves;	/* movers */
	int bad_nodes;		/* movers on a dead or cordoned node */
	double cpu_util_max, cpu_util_stddev;	/* over live nodes */
	double mem_util_max, mem_util_stddev;
};

void model_options_defaults(struct model_options *o);
double model_default_weight(int w);
const char *model_mode_name(enum model_mode m);
int model_mode_find(const char *name);		/* -1: unknown */
const char *model_objective_name(enum model_objective o);
/*
 * Set a weight from "name=value" (the -w option of the tools): fails with
 * "expected name=value, got '<arg>'", "unknown weight '<name>'" or "<why>
 * '<arg>'" for a value that is not a number >= 0.
 */
int model_options_weight(struct model_options *o, const char *arg,
    struct kerr *e);
int model_objective_find(const char *name);	/* -1: unknown */

/*
 * Build the model.  Fails when the mode has nothing to move: "pods: no pod
 * to move" (rebalance), "nodes: no dead node holds a pod" (recovery),
 * "pods: no pending pod" (placement).  Warns through w about ignored pods.
 */
int model_build(struct model *m, const struct cluster *c,
    const struct model_options *o, const struct kwarn *w, struct kerr *e);
void model_release(struct model *m);

/* The variable of (pod, node), or -1. */
int model_var_find(const struct model *m, int pod, int node);
/* "place <pod> <node>" into buf; returns buf. */
char *model_var_name(const struct model *m, int v, char *buf, size_t size);

/*
 * Score an assignment: assign[k] is the node of mover k, or -1 (unplaced).
 * load, when not NULL, receives nnodes * nres loads (fixed and placed).
 */
void model_eval(const struct model *m, const int *assign,
    struct model_eval *out, double *load);

/*
 * Options back from "c kytos" pairs (key, value, key, value, … as struct
 * qubo and struct sample_set keep them): mode, objective, candidates and
 * w.<weight>; other keys are ignored.  A missing mode or a bad value is an
 * error "kytos: mode: …".  With the cluster, this rebuilds the very model
 * a QUBO was written from.
 */
int model_options_kytos(struct model_options *o, char *const *kytos,
    size_t nkytos, struct kerr *e);

/*
 * An assignment from variable names: every "place <pod> <node>" puts the
 * pod on the node (candidate or not); other names (used, slack) and NULL
 * are skipped; movers not named are -1.  Errors: an unknown pod or node,
 * a pod that is not a mover, a pod placed twice.
 */
int model_assign_names(const struct model *m, char *const *names,
    size_t n, int *assign, struct kerr *e);

/* The node of every mover at its current node, -1 for pending pods and
 * pods of dead nodes: the "before" state. */
void model_current(const struct model *m, int *assign);

#endif
