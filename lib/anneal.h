/*
 * anneal.h: heuristic QUBO solvers (simulated annealing and parallel
 * tempering) over a sparse (CSR) copy of a struct qubo, with reads run on
 * several threads and results that do not depend on the thread count.
 *
 * anneal_run borrows the QUBO and the parameters and fills a caller-owned
 * struct sample_set (released with sample_set_release) and struct
 * anneal_stats.  It never prints: progress goes through a callback.
 */
#ifndef KYTOS_ANNEAL_H
#define KYTOS_ANNEAL_H

#include <signal.h>
#include <stdint.h>

#include "err.h"
#include "qubo.h"
#include "sample.h"

/* SA; parallel tempering; SA then tabu search from each read's best. */
enum anneal_algorithm { ANNEAL_SA, ANNEAL_PT, ANNEAL_TABU };
enum anneal_schedule { ANNEAL_GEOMETRIC, ANNEAL_LINEAR };

struct anneal_progress {
	double seconds;		/* since the start */
	long reads_done;	/* reads finished so far */
	long reads;		/* reads asked for */
	double best;		/* best energy so far, in the file's sense */
	double beta_hot, beta_cold;
};

struct anneal_params {
	enum anneal_algorithm algorithm;
	enum anneal_schedule schedule;	/* SA only */
	long reads;		/* independent runs */
	long sweeps;		/* per read (PT: rounds of all replicas) */
	long replicas;		/* PT: temperatures per read */
	long tabu_iters;	/* TABU: iterations per read, 0: 10 n */
	uint64_t seed;
	int threads;		/* 0: every online core */
	int maximize;		/* the file's energies are to be maximised */
	long keep;		/* distinct samples to return */
	double beta_hot, beta_cold;	/* 0, 0: derived from the problem */
	double time_limit;	/* seconds, 0: none */
	int has_target;
	double target;		/* in the file's sense */
	/* Set asynchronously (SIGINT): stop and return the best so far. */
	const volatile sig_atomic_t *stop;
	/* Called at most once a second, from any thread, serialised. */
	void (*progress)(void *ctx, const struct anneal_progress *p);
	void *progress_ctx;
};

struct anneal_stats {
	long reads;		/* reads that make up the result */
	long sweeps;
	long replicas;		/* PT; 1 for SA */
	int threads;
	double seconds;
	double beta_hot, beta_cold;	/* the range used */
	double spin_updates;	/* proposals made over every read */
};

/*
 * Defaults: SA, 12 reads of 4000 sweeps (16 replicas for PT), seed 1, one
 * thread per core, keep 5, geometric schedule, betas derived from the QUBO.
 */
void anneal_params_defaults(struct anneal_params *p);

/*
 * The default inverse temperature range of a QUBO: hot accepts a typical
 * flip of the most strongly coupled variable in a random state with
 * probability 1/16, cold accepts an uphill step of half the smallest
 * nonzero weight with probability 1/100 (see anneal.c).  With groups,
 * the same rules apply to the compound group moves measured at a local
 * optimum instead.
 */
void anneal_beta_range(const struct qubo *q, double *hot, double *cold);

/* Solve; status "ok", "target" or "timeout".  Fails only on bad input. */
int anneal_run(const struct qubo *q, const struct anneal_params *p,
    struct sample_set *out, struct anneal_stats *st, struct kerr *e);

#endif
