/*
 * caspian.h: the caspian jobs input (DESIGN §7, the seed's OptimizeInput as
 * JSON), loaded and checked into flat arrays that the planner (cplan.h)
 * reads.  Every error names its place: "jobs[3].runtime_slots: expected a
 * number, got a string", "carbons[12].region: unknown region 'XX'".
 *
 * Ownership: struct caspian owns everything in it (names are copied);
 * caspian_release frees it.  Nothing is kept of the parsed JSON.
 */
#ifndef KYTOS_CASPIAN_H
#define KYTOS_CASPIAN_H

#include <stddef.h>

#include "err.h"

enum { CASPIAN_CPU, CASPIAN_MEM, CASPIAN_GPU, CASPIAN_NRES };

struct caspian_job {
	char *id;
	double need[CASPIAN_NRES];	/* cpu cores, memory GB, GPUs */
	int runtime;			/* slots */
	int release, deadline;		/* first, last slot to run in */
	double data_gb;
	unsigned char *allowed;		/* nregions flags: affinity */
	int prev_region;		/* index, or -1 when not in prev_plan */
};

struct caspian {
	int nregions;
	char **regions;
	int horizon;			/* slots */
	double slot_seconds;
	int njobs;
	struct caspian_job *jobs;
	double *cap;		/* [(r * horizon + t) * CASPIAN_NRES + k] */
	double *ci;		/* [r * horizon + t], gCO2/kWh */
	unsigned char *has_ci;	/* [r * horizon + t] */
	double watt_cpu, watt_gpu, lambda_plan_dev;
	double *net;		/* [from * nregions + to], cost per GB */
	int migration_allow;
};

void caspian_init(struct caspian *c);
void caspian_release(struct caspian *c);

/*
 * Load the jobs input.  Messages are "name: where: what", JSON syntax
 * errors "name:line:col: what".
 */
int caspian_load(struct caspian *c, const char *text, size_t len,
    const char *name, struct kerr *e);
/*
 * Replace the carbons with those of another document ({"carbons": […]},
 * caspian-carbon's output).  Call after caspian_load.
 */
int caspian_load_carbons(struct caspian *c, const char *text, size_t len,
    const char *name, struct kerr *e);
/*
 * Check that every region and slot has a carbon point, or fill the missing
 * ones with dflt when has_dflt.  Fails with "carbons: no point for region
 * 'JP' slot 7".
 */
int caspian_fill_carbons(struct caspian *c, int has_dflt, double dflt,
    struct kerr *e);

/* Index of a region by name, or -1. */
int caspian_region(const struct caspian *c, const char *name);

#endif
