/*
 * cluster.h: the cluster JSON of DESIGN section 3, loaded and validated
 * into indexed arrays that the models use.
 *
 * Every resource is an index: 0 is CPU (millicores), 1 is memory (MiB),
 * then each extra resource named in any node's extra_capacity or pod's
 * extra_request, sorted by name.  A node without an entry for a resource
 * has none of it; a pod without one requests none.
 *
 * Services: every name in services[] and every pod's service, in that
 * order (services[] first, then pods' services as first met); entries only
 * pods name have declared == 0 and defaults.
 *
 * Zones: every node zone and every zone named in latency, sorted by name;
 * nodes without a zone share the unnamed zone, index nzones - 1 (which
 * exists only when such a node does).  lat[z1 * nzones + z2] is the
 * latency: given values win (a value given one way serves both ways), else
 * 0 inside a zone and 1 between zones.
 *
 * Ownership: a struct cluster owns all its storage; cluster_release frees
 * it.  Strings point into that storage.
 */
#ifndef KYTOS_CLUSTER_H
#define KYTOS_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum { CLUSTER_CPU, CLUSTER_MEM };

/* The weights of the objective (DESIGN section 4), by index. */
enum cluster_weight {
	WEIGHT_LOAD_BALANCE, WEIGHT_MOVE_COST, WEIGHT_ANTI_AFFINITY,
	WEIGHT_DESIRE, WEIGHT_LATENCY, WEIGHT_STARTUP, WEIGHT_COST,
	WEIGHT_COUNT
};

struct cluster_node {
	const char *id;
	const char *zone;	/* NULL: none */
	int zidx;		/* zone index */
	double cost;		/* default 1 */
	int alive;		/* default 1 */
	int schedulable;	/* default 1 */
	double *cap;		/* nres capacities */
	const char **images;	/* images already pulled */
	size_t nimages;
};

struct cluster_pod {
	const char *id;
	double *req;		/* nres requests */
	int node;		/* current node index, -1: pending */
	int svc;		/* service index, -1: none */
	double priority;	/* default 0, >= 0 */
	int movable;		/* default 1 */
	double move_cost;	/* default 1 */
	double desire;		/* default 1 + priority */
	const char *image;	/* NULL: none */
	int *talks_to;		/* services (known ones) it talks to */
	size_t ntalks;
};

struct cluster_service {
	const char *name;
	int declared;		/* listed in services[] */
	int npods;		/* pods naming it */
	long replicas;		/* default npods */
	double request_rate, target_rate;	/* 0: not given */
	long min_replicas, max_replicas;
	int has_min, has_max;
	int autoscale;		/* default 0 */
	double cpu_request, mem_request;	/* 0: not given */
	double priority;	/* default 0 */
};

struct cluster {
	struct cluster_node *nodes;
	int nnodes;
	struct cluster_pod *pods;
	int npods;
	struct cluster_service *services;
	int nservices;
	const char **res;	/* resource names: "cpu", "mem", extras */
	int nres;
	const char **zones;	/* zone names; "" for the unnamed zone */
	int nzones;
	double *lat;		/* nzones * nzones */
	double margin;		/* default 0.2, in [0, 1) */
	double weights[WEIGHT_COUNT];	/* as given (0 where not) */
	int has_weight[WEIGHT_COUNT];
	/* private */
	char **strs;
	size_t nstrs;
};

void cluster_init(struct cluster *c);
void cluster_release(struct cluster *c);

/*
 * Load and check cluster JSON text.  Errors read "name: where: what" with
 * where a JSON path: "pods[3].current_node: unknown node 'node-9'".
 * Rejected: missing required members, wrong types, unknown members of
 * weights, negative or non-finite numbers or numbers beyond 1e15, ids
 * with white space (they name QUBO variables), duplicate ids or service
 * names, unknown current nodes, an empty nodes list.  Warned (through w): talks_to naming a service no
 * pod or services[] entry has.  On failure c is released.
 */
int cluster_load(struct cluster *c, const char *text, size_t len,
    const char *name, const struct kwarn *w, struct kerr *e);

/* Node or pod index by id, or -1 (linear search: for tools, not loops). */
int cluster_node_find(const struct cluster *c, const char *id);
int cluster_pod_find(const struct cluster *c, const char *id);

/* Resource index by name, or -1. */
int cluster_res_find(const struct cluster *c, const char *name);

/* Does node n hold the image?  A NULL image is never held. */
int cluster_node_has_image(const struct cluster *c, int n,
    const char *image);

/*
 * The cluster digest: FNV-1a 64 over the node ids then the pod ids, each
 * followed by a NUL byte, with a NUL between the lists; written as 16
 * lower-case hex digits and a NUL into buf (17 bytes).  kytos-qubo writes
 * it as "c kytos cluster=<digest>" so a sample is only decoded against the
 * cluster it was made from.
 */
uint64_t cluster_digest(const struct cluster *c);
char *cluster_digest_hex(const struct cluster *c, char buf[17]);

/* Weight names as in the JSON ("load_balance", …), and back (-1: none). */
const char *cluster_weight_name(int w);
int cluster_weight_find(const char *name);

#endif
