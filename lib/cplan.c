/*
 * cplan.c: the caspian planner (see cplan.h for the strategy).
 *
 * Candidates are the (region, start) pairs where a job fits alone: its
 * allowed regions, starts in its window, every slot of the run within each
 * resource's capacity.  Everything works on candidates: the greedy plan and
 * local search, the MILP columns (one binary per candidate, one continuous
 * "unscheduled" column per job) and the capacity rows, one per region, slot
 * and resource that the candidates covering it could overload.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "cplan.h"
#include "milp.h"
#include "rng.h"

#define EPS 1e-9
/* Subgradient iterations for the Lagrangian bound. */
#define LAGRANGE_ITERS 20000
/*
 * Fewer for models small enough for the LP, whose bound with cover cuts is
 * better: the time goes to LNS instead.
 */
#define LAGRANGE_SMALL 5000
/* Halve the subgradient step after this many iterations without progress. */
#define LAGRANGE_STALL 100
/* RINS time when there is no time limit. */
#define RINS_SECONDS 10
/* Iterated local search: iterations times candidates. */
#define ILS_WORK 12000000
/* Cheaper starts per job that an ejection pass tries. */
#define EJECT_TRIES 10
/* Models up to this many candidates get lp_solve's LP and branch and bound. */
#define LP_MAX_CANDS 40000
/* Models up to this many candidates are always proven exactly. */
#define EXACT_MAX_CANDS 2000
/* Jobs freed by one LNS move; LNS moves. */
#define LNS_JOBS 16
#define LNS_ITERS 2000
/* Rounds of cover cuts, and the share of the time limit they may use. */
#define CUT_ROUNDS 30
#define CUT_SHARE 0.3
#define LNS_NODES 500
/* Rounds of cover cuts in an LNS sub-MILP. */
#define LNS_CUT_ROUNDS 5
/* Shares of the time limit that ILS and LNS may run until. */
#define ILS_SHARE 0.3
#define LNS_SHARE 0.97

enum reason { R_NONE, R_WINDOW, R_AFFINITY, R_TOO_LARGE, R_MIGRATION,
	R_CAPACITY };

static const char *const reason_name[] = {
	"", "window", "affinity", "too_large", "migration", "capacity"
};

struct keyed {
	double key;
	int j;
};

struct cand {
	int job;
	int region;
	int start;
	double carbon;		/* grams */
	double cost;		/* carbon plus migration penalty */
};

struct planner {
	const struct caspian *c;
	const struct cplan_params *p;
	struct timespec t0;
	int ncand;
	struct cand *cand;	/* grouped by job, cheapest first */
	int *jstart;		/* njobs + 1 offsets into cand */
	enum reason *reason;	/* per job, before solving */
	double *ucost;		/* cost of leaving a job out */
	double *use;		/* [(r * H + t) * NRES + k] */
	int *assign;		/* per job: candidate or -1 */
	int *best;		/* best plan so far */
	double best_obj;
	double bound;
	struct keyed *order;	/* jobs, hardest to place first */
	int norder;
	int nvars, nrows;
	struct milp *m;
};

void
cplan_params_defaults(struct cplan_params *p)
{
	memset(p, 0, sizeof(*p));
	p->time_limit = 60;
	p->gap = 1e-6;
	p->use_milp = 1;
}

const char *
cplan_status_name(enum cplan_status s)
{
	switch (s) {
	case CPLAN_OPTIMAL:
		return "Optimal";
	case CPLAN_FEASIBLE:
		return "Feasible";
	case CPLAN_INFEASIBLE:
		return "Infeasible";
	case CPLAN_UNBOUNDED:
		return "Unbounded";
	case CPLAN_NOT_SOLVED:
		break;
	}
	return "Not Solved";
}

static double *
cap_at(const struct caspian *c, int r, int t)
{
	return &c->cap[((size_t)r * c->horizon + t) * CASPIAN_NRES];
}

static double
penalty(const struct caspian *c, const struct caspian_job *j, int r)
{
	if (j->prev_region < 0 || j->prev_region == r)
		return 0;
	return c->lambda_plan_dev +
	    c->net[j->prev_region * c->nregions + r] * j->data_gb;
}

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	if (x->region != y->region)
		return x->region - y->region;
	return x->start - y->start;
}

/*
 * Per-job checks and candidates.  Linear in the number of (job, region,
 * slot) triples: prefix sums of carbon and of "does not fit here" slots
 * give every start's carbon and fit in O(1).
 */
static int
candidates(struct planner *pl, struct kerr *e)
{
	const struct caspian *c = pl->c;
	int H = c->horizon, R = c->nregions, j, r, t, cap = 0;
	double *pre = NULL, hours = c->slot_seconds / 3600;
	int *bad = NULL;

	pre = malloc(((size_t)R * (H + 1)) * sizeof(double));
	bad = malloc(((size_t)H + 1) * sizeof(int));
	pl->jstart = calloc((size_t)c->njobs + 1, sizeof(int));
	pl->reason = calloc((size_t)c->njobs + 1, sizeof(enum reason));
	pl->ucost = calloc((size_t)c->njobs + 1, sizeof(double));
	if (pre == NULL || bad == NULL || pl->jstart == NULL ||
	    pl->reason == NULL || pl->ucost == NULL)
		goto oom;
	for (r = 0; r < R; r++) {
		pre[r * (H + 1)] = 0;
		for (t = 0; t < H; t++)
			pre[r * (H + 1) + t + 1] = pre[r * (H + 1) + t] +
			    c->ci[(size_t)r * H + t];
	}
	for (j = 0; j < c->njobs; j++) {
		const struct caspian_job *jb = &c->jobs[j];
		double power = (jb->need[CASPIAN_CPU] * c->watt_cpu +
		    jb->need[CASPIAN_GPU] * c->watt_gpu) / 1000;
		int last = jb->deadline - jb->runtime + 1, any_region = 0;
		int fits_any = 0, fits_prev = 0;

		pl->jstart[j] = pl->ncand;
		if (last < jb->release) {
			pl->reason[j] = R_WINDOW;
			continue;
		}
		for (r = 0; r < R; r++) {
			int k;

			if (!jb->allowed[r])
				continue;
			any_region = 1;
			bad[0] = 0;
			for (t = 0; t < H; t++) {
				const double *cp = cap_at(c, r, t);
				int b = 0;

				for (k = 0; k < CASPIAN_NRES; k++)
					if (jb->need[k] > cp[k] + EPS)
						b = 1;
				bad[t + 1] = bad[t] + b;
			}
			for (t = jb->release; t <= last; t++) {
				struct cand *cd;

				if (bad[t + jb->runtime] - bad[t] != 0)
					continue;
				fits_any = 1;
				if (r == jb->prev_region)
					fits_prev = 1;
				/* Without migration, only the old region. */
				if (!c->migration_allow &&
				    jb->prev_region >= 0 &&
				    r != jb->prev_region)
					continue;
				if (pl->ncand == cap) {
					void *np;

					cap = cap ? 2 * cap : 1024;
					np = realloc(pl->cand,
					    (size_t)cap * sizeof(*pl->cand));
					if (np == NULL)
						goto oom;
					pl->cand = np;
				}
				cd = &pl->cand[pl->ncand++];
				cd->job = j;
				cd->region = r;
				cd->start = t;
				cd->carbon = power * hours *
				    (pre[r * (H + 1) + t + jb->runtime] -
				    pre[r * (H + 1) + t]);
				cd->cost = cd->carbon + penalty(c, jb, r);
			}
		}
		if (!any_region)
			pl->reason[j] = R_AFFINITY;
		else if (!fits_any)
			pl->reason[j] = R_TOO_LARGE;
		else if (!c->migration_allow && jb->prev_region >= 0 &&
		    !fits_prev)
			pl->reason[j] = R_MIGRATION;
		if (pl->reason[j] != R_NONE) {
			pl->ncand = pl->jstart[j];
			continue;
		}
		qsort(pl->cand + pl->jstart[j], (size_t)(pl->ncand -
		    pl->jstart[j]), sizeof(*pl->cand), cmp_cand);
		pl->ucost[j] = CPLAN_UNSCHEDULED_COST +
		    pl->cand[pl->ncand - 1].cost;
	}
	pl->jstart[c->njobs] = pl->ncand;
	free(pre);
	free(bad);
	return 0;
oom:
	free(pre);
	free(bad);
	return kerr_set(e, "out of memory");
}

static int
fits(const struct planner *pl, const struct cand *cd)
{
	const struct caspian *c = pl->c;
	const struct caspian_job *jb = &c->jobs[cd->job];
	int t, k;

	for (t = cd->start; t < cd->start + jb->runtime; t++) {
		const double *cp = cap_at(c, cd->region, t);
		const double *u = &pl->use[((size_t)cd->region * c->horizon +
		    t) * CASPIAN_NRES];

		for (k = 0; k < CASPIAN_NRES; k++)
			if (jb->need[k] > 0 &&
			    u[k] + jb->need[k] > cp[k] + EPS)
				return 0;
	}
	return 1;
}

static void
apply(struct planner *pl, int ci, double sign)
{
	const struct caspian *c = pl->c;
	const struct cand *cd = &pl->cand[ci];
	const struct caspian_job *jb = &c->jobs[cd->job];
	int t, k;

	for (t = cd->start; t < cd->start + jb->runtime; t++) {
		double *u = &pl->use[((size_t)cd->region * c->horizon + t) *
		    CASPIAN_NRES];

		for (k = 0; k < CASPIAN_NRES; k++)
			u[k] += sign * jb->need[k];
	}
}

static void
place(struct planner *pl, int j, int ci)
{
	if (pl->assign[j] >= 0)
		apply(pl, pl->assign[j], -1);
	pl->assign[j] = ci;
	if (ci >= 0)
		apply(pl, ci, 1);
}

static double
job_cost(const struct planner *pl, int j)
{
	if (pl->reason[j] != R_NONE)
		return 0;
	return pl->assign[j] >= 0 ? pl->cand[pl->assign[j]].cost :
	    pl->ucost[j];
}

static double
objective(const struct planner *pl)
{
	double s = 0;
	int j;

	for (j = 0; j < pl->c->njobs; j++)
		s += job_cost(pl, j);
	return s;
}

/* Start over from an empty plan (usage zero). */
static void
clear_plan(struct planner *pl)
{
	size_t n = (size_t)pl->c->nregions * pl->c->horizon * CASPIAN_NRES;
	int j;

	memset(pl->use, 0, n * sizeof(double));
	for (j = 0; j < pl->c->njobs; j++)
		pl->assign[j] = -1;
}

/* The cheapest candidate of j that fits now, or -1. */
static int
cheapest_fit(const struct planner *pl, int j, double below)
{
	int ci;

	for (ci = pl->jstart[j]; ci < pl->jstart[j + 1]; ci++) {
		if (pl->cand[ci].cost >= below - EPS)
			break;
		if (fits(pl, &pl->cand[ci]))
			return ci;
	}
	return -1;
}

/*
 * Local search: move each job to its cheapest start that fits beside the
 * others, until a pass improves nothing.  Each move strictly lowers the
 * objective, so it ends.
 */
static int eject_pass(struct planner *, int);

/* Moves, then ejections when moves are stuck, until neither helps. */
static void
local_search(struct planner *pl)
{
	int j, improved = 1, pass;

	for (pass = 0; improved && pass < 100; pass++) {
		improved = 0;
		for (j = 0; j < pl->c->njobs; j++) {
			int old = pl->assign[j], ci;
			double cur;

			if (pl->reason[j] != R_NONE)
				continue;
			cur = job_cost(pl, j);
			place(pl, j, -1);
			ci = cheapest_fit(pl, j, cur);
			if (ci >= 0 && ci != old) {
				place(pl, j, ci);
				improved = 1;
			} else
				place(pl, j, old);
		}
		if (!improved)
			improved = eject_pass(pl, EJECT_TRIES);
	}
}

/*
 * Ejection: put job j at candidate ci by moving one job b that shares a
 * slot of the run out of the way, to b's cheapest start that fits
 * afterwards (or out of the plan).  Kept only when the objective drops.
 */
static int
eject(struct planner *pl, int j, int ci)
{
	const struct caspian *c = pl->c;
	const struct cand *cd = &pl->cand[ci];
	int b, oldj = pl->assign[j];
	double before = job_cost(pl, j);

	for (b = 0; b < c->njobs; b++) {
		const struct cand *bd;
		int oldb = pl->assign[b], nb;
		double delta;

		if (b == j || oldb < 0)
			continue;
		bd = &pl->cand[oldb];
		if (bd->region != cd->region ||
		    bd->start >= cd->start + c->jobs[j].runtime ||
		    cd->start >= bd->start + c->jobs[b].runtime)
			continue;
		place(pl, j, -1);
		place(pl, b, -1);
		if (!fits(pl, cd)) {
			place(pl, b, oldb);
			place(pl, j, oldj);
			continue;
		}
		place(pl, j, ci);
		/* Only a start for b cheap enough to make the swap pay. */
		nb = cheapest_fit(pl, b, before + bd->cost - cd->cost);
		if (nb >= 0) {
			place(pl, b, nb);
			delta = job_cost(pl, j) + job_cost(pl, b) - before -
			    bd->cost;
			if (delta < -EPS * fmax(1, before))
				return 1;
		}
		place(pl, b, -1);
		place(pl, j, -1);
		place(pl, b, oldb);
		place(pl, j, oldj);
	}
	return 0;
}

/*
 * Ejection pass: jobs left out first (each is worth a million), then each
 * job toward its cheapest few starts.
 */
static int
eject_pass(struct planner *pl, int tries)
{
	const struct caspian *c = pl->c;
	int j, ci, n, improved = 0;

	for (j = 0; j < c->njobs; j++) {
		if (pl->reason[j] != R_NONE || pl->assign[j] >= 0)
			continue;
		for (ci = pl->jstart[j]; ci < pl->jstart[j + 1]; ci++)
			if (eject(pl, j, ci)) {
				improved = 1;
				break;
			}
	}
	for (j = 0; j < c->njobs && tries > 0; j++) {
		double cur;

		if (pl->reason[j] != R_NONE || pl->assign[j] < 0)
			continue;
		cur = job_cost(pl, j);
		for (ci = pl->jstart[j], n = 0; ci < pl->jstart[j + 1] &&
		    n < tries && pl->cand[ci].cost < cur - EPS; ci++, n++)
			if (eject(pl, j, ci)) {
				improved = 1;
				break;
			}
	}
	return improved;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return x->j - y->j;
}

/* Place jobs in the given order, each at its cheapest fitting start. */
static void
place_in_order(struct planner *pl, const struct keyed *order, int n,
    const int *hint)
{
	int i;

	for (i = 0; i < n; i++) {
		int j = order[i].j, ci = -1;

		if (hint != NULL && hint[j] >= 0 &&
		    fits(pl, &pl->cand[hint[j]]))
			ci = hint[j];
		if (ci < 0)
			ci = cheapest_fit(pl, j, INFINITY);
		if (ci >= 0)
			place(pl, j, ci);
	}
}

static void
keep_if_better(struct planner *pl)
{
	double obj = objective(pl);

	if (obj < pl->best_obj - EPS * fmax(1, fabs(obj))) {
		pl->best_obj = obj;
		memcpy(pl->best, pl->assign, (size_t)pl->c->njobs *
		    sizeof(int));
	}
}

/*
 * Greedy: the hardest jobs to place first (largest share of capacity
 * times runtime, over the square root of its number of starts), each at its
 * cheapest fitting start; then local search.
 */
static int
greedy(struct planner *pl, struct kerr *e)
{
	const struct caspian *c = pl->c;
	struct keyed *order;
	double mean[CASPIAN_NRES] = { 0 };
	size_t cells = (size_t)c->nregions * c->horizon, i;
	int j, k, n = 0;

	if ((order = calloc((size_t)c->njobs + 1, sizeof(*order))) == NULL)
		return kerr_set(e, "out of memory");
	pl->order = order;
	for (i = 0; i < cells; i++)
		for (k = 0; k < CASPIAN_NRES; k++)
			mean[k] += c->cap[i * CASPIAN_NRES + k] / cells;
	for (j = 0; j < c->njobs; j++) {
		double size = 0;

		if (pl->reason[j] != R_NONE)
			continue;
		for (k = 0; k < CASPIAN_NRES; k++)
			if (mean[k] > 0)
				size = fmax(size, c->jobs[j].need[k] / mean[k]);
		/* Few options make a job hard too: affinity, a tight window. */
		order[n].key = size * c->jobs[j].runtime /
		    sqrt((double)(pl->jstart[j + 1] - pl->jstart[j]));
		order[n++].j = j;
	}
	qsort(order, (size_t)n, sizeof(*order), cmp_keyed);
	pl->norder = n;
	clear_plan(pl);
	place_in_order(pl, order, n, NULL);
	local_search(pl);
	keep_if_better(pl);
	return 0;
}

static double rel_gap(double, double);

/*
 * Reduced costs of job j's candidates under multipliers mu: the cost plus
 * the multipliers of every slot and resource the run uses, from prefix
 * sums per region (w has room for nregions * (horizon + 1)).
 */
static void
reduced_costs(const struct planner *pl, const double *mu, int j, double *w,
    double *red)
{
	const struct caspian *c = pl->c;
	const struct caspian_job *jb = &c->jobs[j];
	int H = c->horizon, r, t, k, ci;

	for (r = 0; r < c->nregions; r++) {
		double acc = 0;

		if (!jb->allowed[r])
			continue;
		w[r * (H + 1) + jb->release] = 0;
		for (t = jb->release; t <= jb->deadline; t++) {
			const double *m = &mu[((size_t)r * H + t) *
			    CASPIAN_NRES];

			for (k = 0; k < CASPIAN_NRES; k++)
				acc += m[k] * jb->need[k];
			w[r * (H + 1) + t + 1] = acc;
		}
	}
	for (ci = pl->jstart[j]; ci < pl->jstart[j + 1]; ci++) {
		const struct cand *cd = &pl->cand[ci];

		red[ci - pl->jstart[j]] = cd->cost + w[cd->region * (H + 1) +
		    cd->start + jb->runtime] - w[cd->region * (H + 1) +
		    cd->start];
	}
}

/*
 * Price-guided plan: jobs in the greedy's order, each at the start of
 * least reduced cost that fits, so that congested slots are avoided by
 * the jobs with good alternatives; then local search on the true costs.
 */
static int
price_round(struct planner *pl, const double *mu, struct kerr *e)
{
	const struct caspian *c = pl->c;
	int maxc = 1, j, i, q;
	double *w, *red;
	struct keyed *byred;

	for (j = 0; j < c->njobs; j++)
		if (pl->jstart[j + 1] - pl->jstart[j] > maxc)
			maxc = pl->jstart[j + 1] - pl->jstart[j];
	w = malloc(((size_t)c->nregions * (c->horizon + 1) + 1) *
	    sizeof(double));
	red = malloc((size_t)maxc * sizeof(double));
	byred = malloc((size_t)maxc * sizeof(*byred));
	if (w == NULL || red == NULL || byred == NULL) {
		free(w);
		free(red);
		free(byred);
		return kerr_set(e, "out of memory");
	}
	clear_plan(pl);
	for (i = 0; i < pl->norder; i++) {
		int n;

		j = pl->order[i].j;
		n = pl->jstart[j + 1] - pl->jstart[j];
		reduced_costs(pl, mu, j, w, red);
		for (q = 0; q < n; q++) {
			byred[q].key = -red[q];
			byred[q].j = pl->jstart[j] + q;
		}
		qsort(byred, (size_t)n, sizeof(*byred), cmp_keyed);
		for (q = 0; q < n; q++)
			if (fits(pl, &pl->cand[byred[q].j])) {
				place(pl, j, byred[q].j);
				break;
			}
	}
	local_search(pl);
	keep_if_better(pl);
	free(w);
	free(red);
	free(byred);
	return 0;
}

/*
 * Lagrangian relaxation of the capacity rows: with multipliers mu >= 0 on
 * every region, slot and resource, the problem splits into one choice per
 * job (its start of least cost plus the multipliers of the slots it uses,
 * or being left out), and
 *
 *	L(mu) = sum over jobs of that least cost - sum of mu * capacity
 *
 * is a lower bound for every mu.  Subgradient steps (Polyak's, toward the
 * best plan's objective) raise it toward the LP bound in time linear in
 * the candidates, where lp_solve's simplex on a large model is far slower.
 * The jobs' choices, repaired to fit, are plans too.
 */
static int
lagrange(struct planner *pl, int iters, struct kerr *e)
{
	const struct caspian *c = pl->c;
	int H = c->horizon, R = c->nregions, nj = c->njobs, it, j, k, stall = 0;
	size_t cells = (size_t)R * H, n = cells * CASPIAN_NRES, i;
	double *mu, *bestmu, *g, *d, *w, *red, theta = 2, bestL = pl->bound;
	double beta = 0.5;
	int *choice, rc = 0, maxc = 1;

	for (j = 0; j < nj; j++)
		if (pl->jstart[j + 1] - pl->jstart[j] > maxc)
			maxc = pl->jstart[j + 1] - pl->jstart[j];
	mu = calloc(n + 1, sizeof(double));
	bestmu = calloc(n + 1, sizeof(double));
	g = malloc((n + 1) * sizeof(double));
	d = calloc(n + 1, sizeof(double));
	w = malloc(((size_t)R * (H + 1) + 1) * sizeof(double));
	red = malloc((size_t)maxc * sizeof(double));
	choice = malloc(((size_t)nj + 1) * sizeof(int));
	if (mu == NULL || bestmu == NULL || g == NULL || d == NULL ||
	    w == NULL || red == NULL || choice == NULL) {
		rc = kerr_set(e, "out of memory");
		goto out;
	}
	for (it = 0; it < iters; it++) {
		double L = 0, norm = 0, step;

		if (pl->p->stop != NULL && *pl->p->stop)
			break;
		/* The rest of the time is for the LP and branch and bound. */
		if (pl->p->time_limit > 0 &&
		    clock_since(&pl->t0) >= 0.4 * pl->p->time_limit)
			break;
		for (i = 0; i < n; i++)
			g[i] = -c->cap[i];
		for (j = 0; j < nj; j++) {
			const struct caspian_job *jb = &c->jobs[j];
			double best;
			int t, ci;

			choice[j] = -1;
			if (pl->reason[j] != R_NONE)
				continue;
			reduced_costs(pl, mu, j, w, red);
			best = pl->ucost[j];
			for (ci = pl->jstart[j]; ci < pl->jstart[j + 1]; ci++)
				if (red[ci - pl->jstart[j]] < best) {
					best = red[ci - pl->jstart[j]];
					choice[j] = ci;
				}
			L += best;
			if (choice[j] >= 0) {
				const struct cand *cd = &pl->cand[choice[j]];

				for (t = cd->start; t < cd->start +
				    jb->runtime; t++)
					for (k = 0; k < CASPIAN_NRES; k++)
						g[((size_t)cd->region * H + t) *
						    CASPIAN_NRES + k] +=
						    jb->need[k];
			}
		}
		for (i = 0; i < n; i++) {
			L -= mu[i] * c->cap[i];
			/* Projected: a zero multiplier cannot go lower. */
			if (mu[i] <= 0 && g[i] < 0)
				g[i] = 0;
			/* Deflected (Camerini-Fratta-Maffioli): less zigzag. */
			g[i] += beta * d[i];
			d[i] = g[i];
			norm += g[i] * g[i];
		}
		if (L > bestL + EPS * fmax(1, fabs(L))) {
			bestL = L;
			memcpy(bestmu, mu, n * sizeof(double));
			stall = 0;
		} else if (++stall >= LAGRANGE_STALL) {
			/* Restart from the best multipliers, shorter steps. */
			theta /= 2;
			stall = 0;
			memcpy(mu, bestmu, n * sizeof(double));
			memset(d, 0, n * sizeof(double));
			continue;
		}
		if ((it % 2000 == 1999 || norm == 0) &&
		    (rc = price_round(pl, mu, e)) == -1)
			break;
		if (norm == 0 || theta < 1e-4 ||
		    rel_gap(pl->best_obj, bestL) <= pl->p->gap)
			break;
		/*
		 * Polyak's step toward the best plan, but never aiming more
		 * than 10% above the bound: a plan that leaves jobs out costs
		 * millions and would throw the multipliers far off.
		 */
		step = theta * (fmin(pl->best_obj, bestL + 0.1 * fabs(bestL)) -
		    L) / norm;
		for (i = 0; i < n; i++)
			mu[i] = fmax(0, mu[i] + step * g[i]);
	}
	if (bestL > pl->bound)
		pl->bound = bestL;
	if (rc == 0)
		rc = price_round(pl, bestmu, e);
out:
	free(mu);
	free(bestmu);
	free(g);
	free(d);
	free(w);
	free(red);
	free(choice);
	return rc;
}

/*
 * LP-guided rounding: jobs the LP is surest about first, each at the
 * start the LP gives most weight to when it fits, else the cheapest that
 * does; then local search.
 */
static int
lp_round(struct planner *pl, const double *x, struct kerr *e)
{
	const struct caspian *c = pl->c;
	struct keyed *order;
	int *hint, j, n = 0;

	order = calloc((size_t)c->njobs + 1, sizeof(*order));
	hint = malloc(((size_t)c->njobs + 1) * sizeof(int));
	if (order == NULL || hint == NULL) {
		free(order);
		free(hint);
		return kerr_set(e, "out of memory");
	}
	for (j = 0; j < c->njobs; j++) {
		int ci;
		double top = -1;

		hint[j] = -1;
		if (pl->reason[j] != R_NONE)
			continue;
		for (ci = pl->jstart[j]; ci < pl->jstart[j + 1]; ci++)
			if (x[ci] > top + EPS) {
				top = x[ci];
				hint[j] = ci;
			}
		order[n].key = top;
		order[n++].j = j;
	}
	qsort(order, (size_t)n, sizeof(*order), cmp_keyed);
	clear_plan(pl);
	place_in_order(pl, order, n, hint);
	local_search(pl);
	keep_if_better(pl);
	free(order);
	free(hint);
	return 0;
}

/*
 * Cover cuts.  A capacity row of region r, slot t and resource k is a
 * knapsack over the jobs that could run there: y_j, the sum of job j's
 * starts covering the slot, is at most 1 by the job's own row.  When a set
 * C of jobs needs more than the capacity together, at most |C| - 1 of them
 * fit, and so at most |C| - 1 of C and of the jobs needing at least as
 * much as the largest of C (the extended cover).  These cut off the
 * fractional packings that keep the LP bound 1-3% below the optimum.
 * Separation is greedy on the LP solution x: the jobs in order of
 * (1 - y_j) / need, until they overflow.
 */
struct cover_item {
	int cell;
	int job;
	double y;
};

static int
cmp_cover_item(const void *a, const void *b)
{
	const struct cover_item *x = a, *y = b;

	if (x->cell != y->cell)
		return x->cell - y->cell;
	return x->job - y->job;
}

/*
 * Add to m the cuts x violates; returns how many, or -1 on errors.  Column
 * q of m is candidate map[q] (q when map is NULL), and the capacity is
 * what use leaves (all of it when use is NULL).
 */
static int
cover_cuts(struct planner *pl, struct milp *mdl, const int *map, int ncol,
    const double *x, const double *use, struct kerr *e)
{
	const struct caspian *c = pl->c;
	int H = c->horizon, q, t, k, n = 0, i, from, to, ncuts = 0, rc = -1;
	struct cover_item *it = NULL;
	struct keyed *ord = NULL;
	int *cols = NULL, *inc = NULL, cap = 0;
	double *vals = NULL;

	for (q = 0; q < ncol; q++)
		if (x[q] > 1e-6)
			cap += c->jobs[pl->cand[map ? map[q] : q].job].runtime;
	it = malloc(((size_t)cap + 1) * sizeof(*it));
	ord = malloc(((size_t)cap + 1) * sizeof(*ord));
	inc = calloc((size_t)c->njobs + 1, sizeof(int));
	cols = malloc(((size_t)ncol + 1) * sizeof(int));
	vals = malloc(((size_t)ncol + 1) * sizeof(double));
	if (it == NULL || ord == NULL || inc == NULL || cols == NULL ||
	    vals == NULL) {
		kerr_set(e, "out of memory");
		goto out;
	}
	for (q = 0; q < ncol; q++) {
		const struct cand *cd = &pl->cand[map ? map[q] : q];

		if (x[q] <= 1e-6)
			continue;
		for (t = cd->start; t < cd->start +
		    c->jobs[cd->job].runtime; t++) {
			it[n].cell = cd->region * H + t;
			it[n].job = cd->job;
			it[n++].y = x[q];
		}
	}
	qsort(it, (size_t)n, sizeof(*it), cmp_cover_item);
	/* Merge the starts of a job covering the same slot. */
	for (i = 0, to = 0; i < n; i++)
		if (to > 0 && it[to - 1].cell == it[i].cell &&
		    it[to - 1].job == it[i].job)
			it[to - 1].y += it[i].y;
		else
			it[to++] = it[i];
	n = to;
	for (from = 0; from < n; from = to) {
		int cell = it[from].cell, r = cell / H;
		const double *cp = &c->cap[(size_t)cell * CASPIAN_NRES];

		for (to = from; to < n && it[to].cell == cell; to++)
			;
		for (k = 0; k < CASPIAN_NRES; k++) {
			double need = 0, ysum = 0, most = 0, room = cp[k];
			int m = 0, size = 0;

			if (use != NULL)
				room -= use[(size_t)cell * CASPIAN_NRES + k];

			for (i = from; i < to; i++) {
				double w = c->jobs[it[i].job].need[k];

				if (w <= 0)
					continue;
				ord[m].key = -(1 - fmin(it[i].y, 1)) / w;
				ord[m++].j = it[i].job;
			}
			qsort(ord, (size_t)m, sizeof(*ord), cmp_keyed);
			for (q = 0; q < m && need <= room + EPS; q++) {
				const struct caspian_job *jb =
				    &c->jobs[ord[q].j];

				need += jb->need[k];
				most = fmax(most, jb->need[k]);
				ysum += -ord[q].key * jb->need[k];
				inc[ord[q].j] = 1;
				size++;
			}
			/* ysum is the deficit sum(1 - y) here. */
			if (need <= room + EPS || ysum >= 1 - 1e-4) {
				for (i = 0; i < q; i++)
					inc[ord[i].j] = 0;
				continue;
			}
			for (i = 0; i < q; i++)
				inc[ord[i].j] = 1;
			m = q;
			q = 0;
			for (i = 0; i < ncol; i++) {
				const struct cand *cd =
				    &pl->cand[map ? map[i] : i];
				const struct caspian_job *jb =
				    &c->jobs[cd->job];

				if (cd->region != r || cd->start > cell % H ||
				    cd->start + jb->runtime <= cell % H)
					continue;
				if (!inc[cd->job] && jb->need[k] < most - EPS)
					continue;
				cols[q] = i;
				vals[q++] = 1;
			}
			for (i = 0; i < m; i++)
				inc[ord[i].j] = 0;
			if (milp_add_row(mdl, q, cols, vals, MILP_LE,
			    size - 1, NULL) == -1) {
				kerr_set(e, "out of memory");
				goto out;
			}
			ncuts++;
		}
	}
	rc = ncuts;
out:
	free(it);
	free(ord);
	free(inc);
	free(cols);
	free(vals);
	return rc;
}

/* Restore the best plan into assign/use. */
static void
restore_best(struct planner *pl)
{
	int j;

	clear_plan(pl);
	for (j = 0; j < pl->c->njobs; j++)
		if (pl->best[j] >= 0)
			place(pl, j, pl->best[j]);
}

/*
 * The MILP: column ci is candidate ci; column ncand + j is job j's
 * "unscheduled" (continuous: with binary starts and Σx + u = 1 it is 0 or
 * 1 anyway).  Capacity rows only where the jobs that could run there can
 * exceed the capacity.
 */
static int
build_model(struct planner *pl, struct kerr *e)
{
	const struct caspian *c = pl->c;
	int H = c->horizon, R = c->nregions, nj = c->njobs, j, ci, k, rc = -1;
	size_t cells = (size_t)R * H, cell, *cnt = NULL, *pos = NULL;
	double *maxload = NULL, *vals = NULL;
	int *stamp = NULL, *cols = NULL, *rowcols = NULL, width = 1;
	int want_names = pl->p->lp_path != NULL || pl->p->mps_path != NULL;
	char name[512];

	if ((pl->m = milp_new(pl->ncand + nj, e)) == NULL)
		return -1;
	cnt = calloc(cells + 1, sizeof(size_t));
	pos = calloc(cells + 1, sizeof(size_t));
	maxload = calloc(cells * CASPIAN_NRES + 1, sizeof(double));
	stamp = malloc((cells + 1) * sizeof(int));
	if (cnt == NULL || pos == NULL || maxload == NULL || stamp == NULL)
		goto oom;
	for (cell = 0; cell < cells; cell++)
		stamp[cell] = -1;
	for (ci = 0; ci < pl->ncand; ci++) {
		const struct cand *cd = &pl->cand[ci];
		const struct caspian_job *jb = &c->jobs[cd->job];
		int t;

		if (want_names)
			snprintf(name, sizeof(name), "x_%s_%s_%d", jb->id,
			    c->regions[cd->region], cd->start);
		milp_set_col(pl->m, ci, 0, 1, 1, cd->cost,
		    want_names ? name : NULL);
		for (t = cd->start; t < cd->start + jb->runtime; t++) {
			cell = (size_t)cd->region * H + t;
			cnt[cell]++;
			if (stamp[cell] != cd->job) {
				stamp[cell] = cd->job;
				for (k = 0; k < CASPIAN_NRES; k++)
					maxload[cell * CASPIAN_NRES + k] +=
					    jb->need[k];
			}
		}
	}
	for (cell = 0; cell < cells; cell++) {
		pos[cell + 1] = pos[cell] + cnt[cell];
		if (cnt[cell] > (size_t)width)
			width = (int)cnt[cell];
	}
	rowcols = malloc((pos[cells] + 1) * sizeof(int));
	cols = malloc(((size_t)width + pl->ncand + 1) * sizeof(int));
	vals = malloc(((size_t)width + pl->ncand + 1) * sizeof(double));
	if (rowcols == NULL || cols == NULL || vals == NULL)
		goto oom;
	memset(cnt, 0, cells * sizeof(size_t));
	for (ci = 0; ci < pl->ncand; ci++) {
		const struct cand *cd = &pl->cand[ci];
		int t;

		for (t = cd->start; t < cd->start +
		    c->jobs[cd->job].runtime; t++) {
			cell = (size_t)cd->region * H + t;
			rowcols[pos[cell] + cnt[cell]++] = ci;
		}
	}
	/* One start per job, or unscheduled. */
	for (j = 0; j < nj; j++) {
		int n = 0;

		if (want_names)
			snprintf(name, sizeof(name), "u_%s", c->jobs[j].id);
		if (pl->reason[j] != R_NONE) {
			milp_set_col(pl->m, pl->ncand + j, 0, 0, 0, 0,
			    want_names ? name : NULL);
			continue;
		}
		milp_set_col(pl->m, pl->ncand + j, 0, 1, 0, pl->ucost[j],
		    want_names ? name : NULL);
		for (ci = pl->jstart[j]; ci < pl->jstart[j + 1]; ci++) {
			cols[n] = ci;
			vals[n++] = 1;
		}
		cols[n] = pl->ncand + j;
		vals[n++] = 1;
		if (want_names)
			snprintf(name, sizeof(name), "one_%s", c->jobs[j].id);
		if (milp_add_row(pl->m, n, cols, vals, MILP_EQ, 1,
		    want_names ? name : NULL) == -1)
			goto oom;
	}
	for (cell = 0; cell < cells; cell++) {
		static const char *const rname[] = { "cpu", "mem", "gpu" };
		int r = (int)(cell / H), t = (int)(cell % H);
		const double *cp = cap_at(c, r, t);

		for (k = 0; k < CASPIAN_NRES; k++) {
			size_t q;
			int n = 0;

			if (maxload[cell * CASPIAN_NRES + k] <= cp[k] + EPS)
				continue;
			for (q = pos[cell]; q < pos[cell + 1]; q++) {
				const struct cand *cd = &pl->cand[rowcols[q]];

				if (c->jobs[cd->job].need[k] <= 0)
					continue;
				cols[n] = rowcols[q];
				vals[n++] = c->jobs[cd->job].need[k];
			}
			if (want_names)
				snprintf(name, sizeof(name), "%s_%s_%d",
				    rname[k], c->regions[r], t);
			if (milp_add_row(pl->m, n, cols, vals, MILP_LE, cp[k],
			    want_names ? name : NULL) == -1)
				goto oom;
		}
	}
	pl->nvars = pl->ncand + nj;
	pl->nrows = milp_nrows(pl->m);
	rc = 0;
	goto out;
oom:
	kerr_set(e, "out of memory");
out:
	free(cnt);
	free(pos);
	free(maxload);
	free(stamp);
	free(rowcols);
	free(cols);
	free(vals);
	return rc;
}

static double
rel_gap(double obj, double bound)
{
	double d = obj - bound;

	if (d <= EPS * fmax(1, fabs(obj)))
		return 0;
	return d / fmax(fabs(obj), EPS);
}

static double
remaining(const struct planner *pl)
{
	double left;

	if (pl->p->time_limit <= 0)
		return 0;
	left = pl->p->time_limit - clock_since(&pl->t0);
	return left > 0.01 ? left : 0.01;
}

static void
report(const struct planner *pl)
{
	if (pl->p->progress != NULL)
		pl->p->progress(pl->p->ctx, clock_since(&pl->t0), pl->best_obj,
		    pl->bound, rel_gap(pl->best_obj, pl->bound));
}

/* lp_solve's progress, in the planner's clock and best. */
static void
milp_progress(void *ctx, double seconds, double incumbent, double bound,
    double gap)
{
	const struct planner *pl = ctx;
	double best = pl->best_obj;

	(void)seconds;
	(void)bound;
	(void)gap;
	if (!isnan(incumbent) && incumbent < best)
		best = incumbent;
	pl->p->progress(pl->p->ctx, clock_since(&pl->t0), best, pl->bound,
	    rel_gap(best, pl->bound));
}

/* Take a MILP solution when it is better than the best plan. */
static void
take_solution(struct planner *pl, const double *x)
{
	int j, ci;

	clear_plan(pl);
	for (j = 0; j < pl->c->njobs; j++)
		for (ci = pl->jstart[j]; ci < pl->jstart[j + 1]; ci++)
			if (x[ci] > 0.5) {
				place(pl, j, ci);
				break;
			}
	keep_if_better(pl);
}

/* Put a saved plan back. */
static void
load_plan(struct planner *pl, const int *a)
{
	int j;

	clear_plan(pl);
	for (j = 0; j < pl->c->njobs; j++)
		if (a[j] >= 0)
			place(pl, j, a[j]);
}

/*
 * Iterated local search: take a few random jobs out, put each back at a
 * random start among its cheap ones that fit, run local search, and keep
 * the result when it is better.  The kicks get the search out of the local
 * optima that single moves and ejections cannot leave.  A fixed seed and
 * an iteration count (not the clock) keep the plan reproducible.
 */
static int
ils(struct planner *pl, int iters, struct kerr *e)
{
	const struct caspian *c = pl->c;
	struct rng g;
	int *cur, *live, nlive = 0, it, j;
	double cur_obj;

	cur = malloc(((size_t)c->njobs + 1) * sizeof(int));
	live = malloc(((size_t)c->njobs + 1) * sizeof(int));
	if (cur == NULL || live == NULL) {
		free(cur);
		free(live);
		return kerr_set(e, "out of memory");
	}
	for (j = 0; j < c->njobs; j++)
		if (pl->reason[j] == R_NONE)
			live[nlive++] = j;
	rng_seed(&g, 1, 0);
	load_plan(pl, pl->best);
	memcpy(cur, pl->best, (size_t)c->njobs * sizeof(int));
	cur_obj = pl->best_obj;
	for (it = 0; it < iters && nlive > 0; it++) {
		int k, kick = 2 + (int)rng_below(&g, 4), out[8], seen;
		uint32_t q;
		double obj;

		if (pl->p->stop != NULL && *pl->p->stop)
			break;
		/* Leave branch and bound (small models only) its share. */
		if (pl->p->time_limit > 0 && clock_since(&pl->t0) >=
		    ILS_SHARE *
		    pl->p->time_limit)
			break;
		/*
		 * The kick: a random job and others running beside it (same
		 * region, overlapping), whose places are worth exchanging.
		 */
		out[0] = live[rng_below(&g, (uint32_t)nlive)];
		for (k = 1, q = rng_below(&g, (uint32_t)nlive), seen = 0;
		    k < kick && seen < nlive; seen++, q = (q + 1) % nlive) {
			const struct cand *a, *b;

			if (pl->assign[out[0]] < 0 || pl->assign[live[q]] < 0 ||
			    live[q] == out[0])
				continue;
			a = &pl->cand[pl->assign[out[0]]];
			b = &pl->cand[pl->assign[live[q]]];
			if (a->region == b->region &&
			    b->start <= a->start + c->jobs[out[0]].runtime &&
			    a->start <= b->start + c->jobs[live[q]].runtime)
				out[k++] = live[q];
		}
		kick = k;
		for (k = 0; k < kick; k++)
			place(pl, out[k], -1);
		for (k = 0; k < kick; k++) {
			int jj = out[k], tries, ci;
			int n = pl->jstart[jj + 1] - pl->jstart[jj];

			if (pl->assign[jj] >= 0 || n == 0)
				continue;
			for (tries = 0; tries < 8; tries++) {
				ci = pl->jstart[jj] + (int)rng_below(&g,
				    (uint32_t)(n < 20 ? n : 20));
				if (fits(pl, &pl->cand[ci])) {
					place(pl, jj, ci);
					break;
				}
			}
			if (pl->assign[jj] < 0)
				place(pl, jj, cheapest_fit(pl, jj, INFINITY));
		}
		local_search(pl);
		obj = objective(pl);
		if (obj <= cur_obj + EPS * fmax(1, fabs(cur_obj))) {
			cur_obj = obj;
			memcpy(cur, pl->assign, (size_t)c->njobs * sizeof(int));
			keep_if_better(pl);
		} else
			load_plan(pl, cur);
	}
	free(cur);
	free(live);
	return 0;
}

/*
 * RINS (relaxation induced neighbourhood search): fix every job whose
 * start in the best plan the LP relaxation also takes (x >= 0.99), and let
 * lp_solve's branch and bound search the rest, a small MILP, for a better
 * plan within a share of the time left.
 */
static int
rins(struct planner *pl, const double *x, struct kerr *e)
{
	struct milp_params mp;
	struct milp_result r;
	int j, nfree = 0, rc = 0;

	for (j = 0; j < pl->c->njobs; j++) {
		int b = pl->best[j];

		if (pl->reason[j] != R_NONE)
			continue;
		if (b >= 0 && x[b] >= 0.99)
			milp_set_bounds(pl->m, b, 1, 1);
		else
			nfree++;
	}
	if (nfree > 0) {
		milp_params_defaults(&mp);
		mp.stop = pl->p->stop;
		mp.gap = 1e-9;
		mp.has_cutoff = 1;
		mp.cutoff = pl->best_obj;
		mp.time_limit = pl->p->time_limit > 0 ?
		    remaining(pl) / 2 : RINS_SECONDS;
		if ((rc = milp_solve(pl->m, &mp, &r, e)) == 0) {
			if (r.x != NULL) {
				take_solution(pl, r.x);
				restore_best(pl);
				local_search(pl);
				keep_if_better(pl);
			}
			free(r.x);
		}
	}
	/* Undo the fixes (made on the plan before RINS changed it). */
	for (j = 0; j < pl->ncand; j++)
		milp_set_bounds(pl->m, j, 0, 1);
	return rc;
}

/*
 * Within the gap: done.  Small models are proven exactly by lp_solve
 * anyway, in a blink, so that the answer does not depend on how close the
 * Lagrangian bound came.
 */
static int
settled(const struct planner *pl)
{
	double g = rel_gap(pl->best_obj, pl->bound);

	if (pl->ncand <= EXACT_MAX_CANDS)
		return g == 0;
	return g <= pl->p->gap;
}

/*
 * Large neighbourhood search with exact re-optimisation ("ruin and
 * recreate"): free the jobs nearest to a seeded random job (running in the
 * same region at overlapping or nearby times; every region in one move out
 * of two), keep everyone else where they are, and solve the placement of
 * the freed jobs exactly with lp_solve: a small MILP over their starts
 * that fit beside the fixed jobs, with the capacity left over, and their
 * current cost as a cutoff.  A move is taken only when it is strictly
 * better, so the plan never gets worse.  Exact sub-problems find the
 * exchanges between several jobs that kicks and single moves miss.
 */
struct lns {
	struct planner *pl;
	struct keyed *near;	/* live jobs by closeness */
	int *live, nlive;
	int *freed, nfreed;
	int *col, ncol;		/* sub-MILP columns: candidates */
	int *rcols;		/* one row's columns */
	double *rvals;
	int *cellcnt;		/* per (region, slot): columns covering it */
	int *cellpos;
	int *cellcols;
	int *stamp;		/* per job: the row it was last counted in */
	int tick;
};

/* Closeness of job j's place to the seed's (smaller is closer). */
static double
lns_distance(const struct planner *pl, int s, int j, int cross)
{
	const struct caspian *c = pl->c;
	const struct cand *a, *b;
	double d = 0;

	if (pl->assign[j] < 0)
		return 0;
	a = &pl->cand[pl->assign[s]];
	b = &pl->cand[pl->assign[j]];
	if (b->start > a->start + c->jobs[s].runtime)
		d = b->start - (a->start + c->jobs[s].runtime);
	else if (a->start > b->start + c->jobs[j].runtime)
		d = a->start - (b->start + c->jobs[j].runtime);
	if (a->region != b->region && !cross)
		d += c->horizon;
	return d;
}

static int cover_cuts(struct planner *, struct milp *, const int *, int,
    const double *, const double *, struct kerr *);

/*
 * How much job j stands to gain from a start in the seed's region beside
 * the seed's run (the seed's place and its neighbours' are those it would
 * take), or 1e9 for the jobs running there: those are freed first.
 */
static double
lns_want(const struct planner *pl, int s, int j)
{
	const struct caspian *c = pl->c;
	const struct cand *a = &pl->cand[pl->assign[s]];
	double cur = job_cost(pl, j);
	int ci;

	if (lns_distance(pl, s, j, 0) == 0)
		return 1e9;
	for (ci = pl->jstart[j]; ci < pl->jstart[j + 1]; ci++) {
		const struct cand *b = &pl->cand[ci];

		if (b->cost >= cur - EPS)
			break;
		if (b->region == a->region &&
		    b->start <= a->start + c->jobs[s].runtime &&
		    a->start <= b->start + c->jobs[j].runtime)
			return cur - b->cost;
	}
	return -1e9;
}

/*
 * Build and solve the sub-MILP of the freed jobs (already out of the
 * plan).  Places them at its solution when better than cutoff; returns 1
 * then, 0 when nothing better was found, -1 on errors.
 */
static int
lns_solve(struct lns *L, double cutoff, struct kerr *e)
{
	struct planner *pl = L->pl;
	const struct caspian *c = pl->c;
	int H = c->horizon, i, q, k, t, n, rc = 0, cell, ncells = 0, round;
	struct milp *m;
	struct milp_params mp;
	struct milp_result r;

	L->ncol = 0;
	for (i = 0; i < L->nfreed; i++) {
		int j = L->freed[i], ci;

		for (ci = pl->jstart[j]; ci < pl->jstart[j + 1]; ci++)
			if (pl->cand[ci].cost < cutoff && fits(pl, &pl->cand[ci]))
				L->col[L->ncol++] = ci;
	}
	if ((m = milp_new(L->ncol + L->nfreed, e)) == NULL)
		return -1;
	/* Columns grouped by job, in the order of freed[]. */
	for (q = 0, i = 0; i < L->nfreed; i++) {
		int j = L->freed[i];

		n = 0;
		for (; q < L->ncol && pl->cand[L->col[q]].job == j; q++) {
			milp_set_col(m, q, 0, 1, 1, pl->cand[L->col[q]].cost,
			    NULL);
			L->rcols[n] = q;
			L->rvals[n++] = 1;
		}
		milp_set_col(m, L->ncol + i, 0, 1, 0, pl->ucost[j], NULL);
		L->rcols[n] = L->ncol + i;
		L->rvals[n++] = 1;
		if (milp_add_row(m, n, L->rcols, L->rvals, MILP_EQ, 1,
		    NULL) == -1)
			goto fail;
	}
	/* Capacity rows where the freed jobs could overload a slot. */
	for (q = 0; q < L->ncol; q++) {
		const struct cand *cd = &pl->cand[L->col[q]];

		for (t = cd->start; t < cd->start +
		    c->jobs[cd->job].runtime; t++)
			L->cellcnt[cd->region * H + t]++;
	}
	for (cell = 0; cell < c->nregions * H; cell++) {
		L->cellpos[cell] = ncells;
		ncells += L->cellcnt[cell];
		L->cellcnt[cell] = 0;
	}
	for (q = 0; q < L->ncol; q++) {
		const struct cand *cd = &pl->cand[L->col[q]];

		for (t = cd->start; t < cd->start +
		    c->jobs[cd->job].runtime; t++) {
			cell = cd->region * H + t;
			L->cellcols[L->cellpos[cell] + L->cellcnt[cell]++] = q;
		}
	}
	for (cell = 0; cell < c->nregions * H; cell++) {
		const double *cp = &c->cap[(size_t)cell * CASPIAN_NRES];
		const double *u = &pl->use[(size_t)cell * CASPIAN_NRES];
		int from = L->cellpos[cell], to = from + L->cellcnt[cell];

		if (to == from)
			continue;
		for (k = 0; k < CASPIAN_NRES; k++) {
			double most = 0;

			n = 0;
			L->tick++;
			for (q = from; q < to; q++) {
				const struct cand *cd =
				    &pl->cand[L->col[L->cellcols[q]]];
				double need = c->jobs[cd->job].need[k];

				if (need <= 0)
					continue;
				if (L->stamp[cd->job] != L->tick) {
					L->stamp[cd->job] = L->tick;
					most += need;
				}
				L->rcols[n] = L->cellcols[q];
				L->rvals[n++] = need;
			}
			if (most <= cp[k] - u[k] + EPS)
				continue;
			if (milp_add_row(m, n, L->rcols, L->rvals, MILP_LE,
			    cp[k] - u[k], NULL) == -1)
				goto fail;
		}
		L->cellcnt[cell] = 0;
	}
	milp_params_defaults(&mp);
	mp.stop = pl->p->stop;
	mp.time_limit = pl->p->time_limit > 0 ? remaining(pl) :
	    RINS_SECONDS;
	/*
	 * Cover cuts make the sub-MILP's LP tight enough that branch and
	 * bound is quick, and often prove at the root that nothing better
	 * than the cutoff exists.
	 */
	for (round = 0; round < LNS_CUT_ROUNDS; round++) {
		if (milp_solve_relaxation(m, &mp, &r, e) == -1)
			goto fail;
		n = 0;
		if (r.status == MILP_OPTIMAL && r.objective >= cutoff -
		    EPS * fmax(1, cutoff))
			n = -2;
		else if (r.status == MILP_OPTIMAL)
			n = cover_cuts(pl, m, L->col, L->ncol, r.x, pl->use, e);
		free(r.x);
		if (n == -1)
			goto fail;
		if (n == -2 || r.status != MILP_OPTIMAL) {
			milp_free(m);
			return 0;
		}
		if (n == 0)
			break;
	}
	mp.gap = 1e-9;
	mp.has_cutoff = 1;
	mp.cutoff = cutoff;
	mp.node_limit = LNS_NODES;
	mp.no_root_bound = 1;
	if (milp_solve(m, &mp, &r, e) == -1)
		goto fail;
	if (r.x != NULL && r.objective < cutoff - EPS * fmax(1, cutoff)) {
		for (i = 0, q = 0; i < L->nfreed; i++) {
			int j = L->freed[i];

			for (; q < L->ncol && pl->cand[L->col[q]].job == j;
			    q++)
				if (r.x[q] > 0.5 && pl->assign[j] < 0)
					place(pl, j, L->col[q]);
		}
		rc = 1;
	}
	free(r.x);
	milp_free(m);
	return rc;
fail:
	milp_free(m);
	return -1;
}

static int
lns(struct planner *pl, int iters, const double *lpx, struct kerr *e)
{
	const struct caspian *c = pl->c;
	struct lns L;
	struct rng g;
	size_t cells = (size_t)c->nregions * c->horizon, nmax, cmax;
	int it = 0, j, i, rc = 0, maxw = 1;

	memset(&L, 0, sizeof(L));
	L.pl = pl;
	for (j = 0; j < c->njobs; j++)
		if (pl->jstart[j + 1] - pl->jstart[j] > maxw)
			maxw = pl->jstart[j + 1] - pl->jstart[j];
	L.near = malloc(((size_t)c->njobs + 1) * sizeof(*L.near));
	L.live = malloc(((size_t)c->njobs + 1) * sizeof(int));
	nmax = LNS_JOBS;
	cmax = (size_t)LNS_JOBS * maxw;
	L.freed = malloc((nmax + 1) * sizeof(int));
	L.col = malloc((cmax + 1) * sizeof(int));
	L.rcols = malloc((cmax + nmax + 1) * sizeof(int));
	L.rvals = malloc((cmax + nmax + 1) * sizeof(double));
	L.cellcnt = calloc(cells + 1, sizeof(int));
	L.cellpos = calloc(cells + 1, sizeof(int));
	L.cellcols = malloc((cmax * c->horizon + 1) * sizeof(int));
	L.stamp = malloc(((size_t)c->njobs + 1) * sizeof(int));
	if (L.near == NULL || L.live == NULL || L.freed == NULL ||
	    L.col == NULL || L.rcols == NULL || L.rvals == NULL ||
	    L.cellcnt == NULL || L.cellpos == NULL || L.cellcols == NULL ||
	    L.stamp == NULL) {
		rc = kerr_set(e, "out of memory");
		goto out;
	}
	for (j = 0; j < c->njobs; j++) {
		L.stamp[j] = -1;
		if (pl->reason[j] == R_NONE)
			L.live[L.nlive++] = j;
	}
	rng_seed(&g, 2, 0);
	restore_best(pl);
	for (it = 0; it < iters && L.nlive > 1 && !settled(pl); it++) {
		int s, n = 0, mode = it % (lpx != NULL ? 4 : 3), tries;
		double cutoff = 0;

		if (pl->p->stop != NULL && *pl->p->stop)
			break;
		/* Large models: no branch and bound after. */
		if (pl->p->time_limit > 0 && clock_since(&pl->t0) >=
		    (pl->ncand > LP_MAX_CANDS ? 0.98 : LNS_SHARE) *
		    pl->p->time_limit)
			break;
		/* Where the LP disagrees, start from such a job. */
		for (tries = 0; tries < 20; tries++) {
			s = L.live[rng_below(&g, (uint32_t)L.nlive)];
			if (mode != 3 || pl->assign[s] < 0 ||
			    lpx[pl->assign[s]] < 0.99)
				break;
		}
		if (pl->assign[s] < 0)
			continue;
		for (i = 0; i < L.nlive; i++) {
			j = L.live[i];
			if (mode == 3)
				L.near[n].key = -(lns_distance(pl, s, j, 1) +
				    rng_uniform(&g)) - (lpx[pl->assign[j] < 0 ?
				    pl->ncand + j : pl->assign[j]] > 0.99 ?
				    10 * c->horizon : 0);
			else if (mode == 2)
				L.near[n].key = lns_want(pl, s, j) +
				    rng_uniform(&g);
			else
				L.near[n].key = -(lns_distance(pl, s, j,
				    mode) + rng_uniform(&g));
			L.near[n++].j = j;
		}
		qsort(L.near, (size_t)n, sizeof(*L.near), cmp_keyed);
		L.nfreed = n < LNS_JOBS ? n : LNS_JOBS;
		/* Sorted by job, so the sub-MILP's columns group by job. */
		for (i = 0; i < L.nfreed; i++)
			L.freed[i] = L.near[i].j;
		qsort(L.freed, (size_t)L.nfreed, sizeof(int), cmp_int);
		for (i = 0; i < L.nfreed; i++) {
			cutoff += job_cost(pl, L.freed[i]);
			place(pl, L.freed[i], -1);
		}
		if ((rc = lns_solve(&L, cutoff, e)) == -1)
			break;
		if (rc == 1) {
			keep_if_better(pl);
			report(pl);
		}
		restore_best(pl);
		rc = 0;
		/* Everyone was freed: that was an exact solve. */
		if (L.nfreed == L.nlive)
			break;
	}
out:
	restore_best(pl);
	free(L.near);
	free(L.live);
	free(L.freed);
	free(L.col);
	free(L.rcols);
	free(L.rvals);
	free(L.cellcnt);
	free(L.cellpos);
	free(L.cellcols);
	free(L.stamp);
	return rc;
}

/*
 * Rounds of cover cuts and LP solves while they raise the bound; *r ends
 * as the last optimal LP solution.
 */
static int
cut_rounds(struct planner *pl, struct milp_result *r, struct kerr *e)
{
	struct milp_params mp;
	struct milp_result nr;
	int round, n, stalled = 0;

	milp_params_defaults(&mp);
	mp.stop = pl->p->stop;
	for (round = 0; round < CUT_ROUNDS; round++) {
		if (pl->p->time_limit > 0 && clock_since(&pl->t0) >=
		    CUT_SHARE * pl->p->time_limit)
			break;
		if ((n = cover_cuts(pl, pl->m, NULL, pl->ncand, r->x, NULL,
		    e)) == -1)
			return -1;
		if (n == 0)
			break;
		mp.time_limit = remaining(pl);
		if (milp_solve_relaxation(pl->m, &mp, &nr, e) == -1)
			return -1;
		if (nr.status != MILP_OPTIMAL) {
			free(nr.x);
			break;
		}
		/* Stalled: the same covers keep coming back. */
		stalled = nr.objective < r->objective + 1e-5 *
		    fmax(1, fabs(r->objective)) ? stalled + 1 : 0;
		free(r->x);
		*r = nr;
		if (stalled >= 2)
			break;
	}
	return 0;
}

static int
solve(struct planner *pl, enum cplan_status *status, struct kerr *e)
{
	const struct cplan_params *p = pl->p;
	struct milp_params mp;
	struct milp_result r;
	double *lpx = NULL;
	int j;

	if (greedy(pl, e) == -1)
		return -1;
	/* A bound for free: every job at its cheapest start. */
	pl->bound = 0;
	for (j = 0; j < pl->c->njobs; j++)
		if (pl->reason[j] == R_NONE)
			pl->bound += pl->cand[pl->jstart[j]].cost;
	report(pl);
	if (rel_gap(pl->best_obj, pl->bound) > p->gap &&
	    lagrange(pl, pl->ncand <= LP_MAX_CANDS ? LAGRANGE_SMALL :
	    LAGRANGE_ITERS, e) == -1)
		return -1;
	report(pl);
	if (build_model(pl, e) == -1)
		return -1;
	if (p->lp_path != NULL && milp_write_lp(pl->m, p->lp_path, e) == -1)
		return -1;
	if (p->mps_path != NULL &&
	    milp_write_mps(pl->m, p->mps_path, e) == -1)
		return -1;
	*status = CPLAN_FEASIBLE;
	/*
	 * lp_solve's simplex is too slow on large models to help within the
	 * time limit: those rely on the Lagrangian bound and plans.
	 */
	milp_params_defaults(&mp);
	mp.stop = p->stop;
	if (!settled(pl) && pl->ncand <= LP_MAX_CANDS) {
		mp.time_limit = remaining(pl);
		if (milp_solve_relaxation(pl->m, &mp, &r, e) == -1)
			return -1;
		if (r.status == MILP_OPTIMAL && cut_rounds(pl, &r, e) == -1) {
			free(r.x);
			return -1;
		}
		if (r.status == MILP_OPTIMAL) {
			if (r.objective > pl->bound)
				pl->bound = r.objective;
			if (lp_round(pl, r.x, e) == -1) {
				free(r.x);
				return -1;
			}
			lpx = r.x;
		} else
			free(r.x);
		report(pl);
	}
	if (!settled(pl) && ils(pl, ILS_WORK / (pl->ncand + 1), e) == -1) {
		free(lpx);
		return -1;
	}
	report(pl);
	if (!settled(pl) && p->use_milp && lns(pl, LNS_ITERS, lpx, e) == -1) {
		free(lpx);
		return -1;
	}
	report(pl);
	if (lpx != NULL && !settled(pl) && p->use_milp &&
	    rins(pl, lpx, e) == -1) {
		free(lpx);
		return -1;
	}
	free(lpx);
	report(pl);
	if (settled(pl) || pl->ncand > LP_MAX_CANDS || !p->use_milp ||
	    (p->stop != NULL && *p->stop))
		goto done;
	if (p->time_limit > 0 && clock_since(&pl->t0) >= p->time_limit)
		goto done;
	mp.time_limit = remaining(pl);
	/*
	 * Our own bound decides "within the gap"; lp_solve searches exactly,
	 * so that its "optimal" proves the plan.
	 */
	mp.gap = 1e-9;
	mp.has_cutoff = 1;
	mp.cutoff = pl->best_obj;
	if (p->progress != NULL) {
		mp.progress = milp_progress;
		mp.ctx = pl;
	}
	if (milp_solve(pl->m, &mp, &r, e) == -1)
		return -1;
	if (r.x != NULL)
		take_solution(pl, r.x);
	free(r.x);
	/*
	 * Optimal under the cutoff, or nothing better than the cutoff: the
	 * best plan is proven optimal.
	 */
	if (r.status == MILP_OPTIMAL || r.status == MILP_INFEASIBLE)
		pl->bound = pl->best_obj;
done:
	restore_best(pl);
	if (rel_gap(pl->best_obj, pl->bound) <= p->gap)
		*status = CPLAN_OPTIMAL;
	report(pl);
	return 0;
}

/*
 * The carbon-blind baseline (DESIGN §7): input order, previous region
 * first, then regions in order, each at its earliest start that fits.
 */
static double
baseline(struct planner *pl)
{
	const struct caspian *c = pl->c;
	double carbon = 0;
	int j;

	clear_plan(pl);
	for (j = 0; j < c->njobs; j++) {
		int r, best = -1, ci, pass;

		if (pl->reason[j] != R_NONE)
			continue;
		for (pass = 0; pass < 2 && best < 0; pass++)
			for (r = 0; r < c->nregions && best < 0; r++) {
				int prev = r == c->jobs[j].prev_region;

				if ((pass == 0) != prev)
					continue;
				for (ci = pl->jstart[j]; ci < pl->jstart[j + 1];
				    ci++) {
					const struct cand *cd = &pl->cand[ci];

					if (cd->region != r || !fits(pl, cd))
						continue;
					if (best < 0 ||
					    cd->start < pl->cand[best].start)
						best = ci;
				}
			}
		if (best >= 0) {
			place(pl, j, best);
			carbon += pl->cand[best].carbon;
		}
	}
	return carbon;
}

/* Round for output, so sums print without binary noise. */
static double
rnd(double v, double unit)
{
	double scale = round(1 / unit);

	return round(v * scale) / scale;
}

static struct json *
output(struct planner *pl, enum cplan_status status)
{
	const struct caspian *c = pl->c;
	struct json *o = json_new_object(), *plans, *un, *base, *st;
	double carbon = 0, pen = 0, base_g;
	int j, migrations = 0, solved = status == CPLAN_OPTIMAL ||
	    status == CPLAN_FEASIBLE;

	json_set_string(o, "solver_status", cplan_status_name(status));
	plans = json_new_array();
	un = json_new_array();
	for (j = 0; j < c->njobs; j++) {
		const struct caspian_job *jb = &c->jobs[j];
		struct json *u;
		enum reason why = pl->reason[j];

		if (why == R_NONE && pl->best[j] < 0)
			why = R_CAPACITY;
		if (why != R_NONE) {
			u = json_push(un, json_new_object());
			json_set_string(u, "job_id", jb->id);
			json_set_string(u, "reason", reason_name[why]);
			if (why == R_CAPACITY)
				pen += pl->ucost[j];
			continue;
		}
		if (!solved)
			continue;
		{
			const struct cand *cd = &pl->cand[pl->best[j]];
			struct json *pj = json_push(plans, json_new_object());
			int mig = jb->prev_region >= 0 &&
			    cd->region != jb->prev_region;

			json_set_string(pj, "job_id", jb->id);
			json_set_string(pj, "region", c->regions[cd->region]);
			json_set_number(pj, "start_slot", cd->start);
			json_set_number(pj, "end_slot",
			    cd->start + jb->runtime - 1);
			json_set_number(pj, "co2_kg", rnd(cd->carbon / 1000,
			    1e-9));
			json_set_bool(pj, "migrated", mig);
			carbon += cd->carbon;
			pen += cd->cost - cd->carbon;
			migrations += mig;
		}
	}
	if (solved) {
		json_set_number(o, "co2_estimate_kg", rnd(carbon / 1000, 1e-9));
		json_set_number(o, "penalty", rnd(pen, 1e-6));
		json_set_number(o, "migrations", migrations);
		json_set_number(o, "objective", rnd(pl->best_obj, 1e-6));
		json_set_number(o, "bound", rnd(fmin(pl->bound, pl->best_obj),
		    1e-6));
		json_set_number(o, "gap", rnd(rel_gap(pl->best_obj,
		    pl->bound), 1e-9));
	} else {
		json_set_null(o, "co2_estimate_kg");
		json_set_null(o, "penalty");
		json_set_number(o, "migrations", 0);
		json_set_null(o, "objective");
		json_set_null(o, "bound");
		json_set_null(o, "gap");
	}
	json_set(o, "plans", plans);
	json_set(o, "unscheduled", un);
	base_g = baseline(pl);
	base = json_set(o, "baseline", json_new_object());
	json_set_number(base, "co2_estimate_kg", rnd(base_g / 1000, 1e-9));
	if (solved && base_g > 0)
		json_set_number(base, "savings_pct",
		    rnd((base_g - carbon) / base_g * 100, 1e-6));
	else
		json_set_number(base, "savings_pct", 0);
	st = json_set(o, "stats", json_new_object());
	json_set_number(st, "variables", pl->nvars);
	json_set_number(st, "constraints", pl->nrows);
	json_set_number(st, "seconds", rnd(clock_since(&pl->t0), 1e-6));
	return o;
}

int
cplan_solve(const struct caspian *c, const struct cplan_params *p,
    struct json **out, enum cplan_status *status, struct kerr *e)
{
	struct planner pl;
	size_t cells = (size_t)c->nregions * c->horizon;
	int j, rc = -1;

	memset(&pl, 0, sizeof(pl));
	pl.c = c;
	pl.p = p;
	pl.best_obj = INFINITY;
	clock_start(&pl.t0);
	*out = NULL;
	pl.use = calloc(cells * CASPIAN_NRES + 1, sizeof(double));
	pl.assign = malloc(((size_t)c->njobs + 1) * sizeof(int));
	pl.best = malloc(((size_t)c->njobs + 1) * sizeof(int));
	if (pl.use == NULL || pl.assign == NULL || pl.best == NULL) {
		kerr_set(e, "out of memory");
		goto out;
	}
	for (j = 0; j < c->njobs; j++)
		pl.best[j] = pl.assign[j] = -1;
	if (candidates(&pl, e) == -1)
		goto out;
	*status = CPLAN_FEASIBLE;
	/* Solve even under --strict, so every reason can be reported. */
	if (solve(&pl, status, e) == -1)
		goto out;
	if (p->strict)
		for (j = 0; j < c->njobs; j++)
			if (pl.reason[j] != R_NONE || pl.best[j] < 0)
				*status = CPLAN_INFEASIBLE;
	*out = output(&pl, *status);
	rc = 0;
out:
	milp_free(pl.m);
	free(pl.cand);
	free(pl.jstart);
	free(pl.reason);
	free(pl.ucost);
	free(pl.use);
	free(pl.assign);
	free(pl.best);
	free(pl.order);
	return rc;
}
