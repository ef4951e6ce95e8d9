/*
 * model.c: the constrained placement model (see model.h): movers,
 * candidates, variables and the scoring of any assignment.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "model.h"
#include "number.h"

static const double default_weights[WEIGHT_COUNT] = {
	100, 1, 10, 1, 5, 5, 10
};

static const char *const mode_names[] = {
	"rebalance", "recovery", "placement"
};

static const char *const objective_names[] = { "balance", "pack" };

/* A candidate node with its estimated cost, for pruning. */
struct scored {
	int fit;		/* preferred first */
	double s;
	int n;
};

void
model_options_defaults(struct model_options *o)
{
	memset(o, 0, sizeof(*o));
	o->mode = MODEL_REBALANCE;
	o->objective = MODEL_BALANCE;
	o->candidates = 0;
}

int
model_options_weight(struct model_options *o, const char *arg,
    struct kerr *e)
{
	char name[64];
	const char *eq = strchr(arg, '='), *why;
	double v;
	int k;

	if (eq == NULL || (size_t)(eq - arg) >= sizeof(name))
		return kerr_set(e, "expected name=value, got '%s'", arg);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if ((k = cluster_weight_find(name)) < 0)
		return kerr_set(e, "unknown weight '%s'", name);
	if (number_double(eq + 1, 0, 1e300, &v, &why) < 0)
		return kerr_set(e, "%s '%s'", why, arg);
	o->weights[k] = v;
	o->has_weight[k] = 1;
	return 0;
}

double
model_default_weight(int w)
{
	return w >= 0 && w < WEIGHT_COUNT ? default_weights[w] : 0;
}

const char *
model_mode_name(enum model_mode m)
{
	return mode_names[m];
}

int
model_mode_find(const char *name)
{
	int k;

	for (k = 0; k < 3; k++)
		if (strcmp(mode_names[k], name) == 0)
			return k;
	return -1;
}

const char *
model_objective_name(enum model_objective o)
{
	return objective_names[o];
}

int
model_objective_find(const char *name)
{
	int k;

	for (k = 0; k < 2; k++)
		if (strcmp(objective_names[k], name) == 0)
			return k;
	return -1;
}

void
model_release(struct model *m)
{
	int k;

	for (k = 0; k < m->nmovers; k++)
		free(m->movers[k].cand);
	free(m->role);
	free(m->mover_of);
	free(m->movers);
	free(m->vars);
	free(m->fixed);
	free(m->nfixed);
	free(m->svc_pods);
	free(m->svc_start);
	memset(m, 0, sizeof(*m));
}

/* The role of pod p in the mode. */
static enum model_role
role_of(const struct cluster *c, enum model_mode mode, int p)
{
	const struct cluster_pod *pod = &c->pods[p];
	const struct cluster_node *n;

	if (pod->node < 0)
		return mode == MODEL_RECOVERY ? MODEL_IGNORED : MODEL_MOVER;
	n = &c->nodes[pod->node];
	if (!n->alive)
		return mode == MODEL_RECOVERY && pod->movable ? MODEL_MOVER :
		    MODEL_IGNORED;
	if (mode == MODEL_REBALANCE && pod->movable && n->schedulable)
		return MODEL_MOVER;
	return MODEL_FIXED;
}

static int
fits(const struct model *m, int p, int n, int with_fixed)
{
	const struct cluster *c = m->c;
	int r;

	for (r = 0; r < c->nres; r++)
		if ((with_fixed ? m->fixed[n * c->nres + r] : 0) +
		    c->pods[p].req[r] > c->nodes[n].cap[r])
			return 0;
	return 1;
}

static int
cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->fit != y->fit)
		return y->fit - x->fit;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return (x->n > y->n) - (x->n < y->n);
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Latency from node n to the counted pods of service s (placed as in
 * where[]: a node per pod, -1 for none), divided by their number. */
static double
latency_to(const struct model *m, int p, int n, int s, const int *where)
{
	const struct cluster *c = m->c;
	int k, q, cnt = 0, zn = c->nodes[n].zidx;
	double sum = 0;

	for (k = m->svc_start[s]; k < m->svc_start[s + 1]; k++) {
		q = m->svc_pods[k];
		if (q == p)
			continue;
		cnt++;
		if (where[q] >= 0)
			sum += c->lat[zn * c->nzones + c->nodes[where[q]].zidx];
	}
	return cnt > 0 ? sum / cnt : 0;
}

/*
 * Estimated cost of putting mover p on node n given the projected load
 * proj and pod positions where[]: the objective's marginal terms.
 */
static double
estimate(const struct model *m, int p, int n, const double *proj,
    const int *where)
{
	const struct cluster *c = m->c;
	const struct cluster_pod *pod = &c->pods[p];
	double s = 0, cap, l, used = 0;
	int r, q, i;
	size_t k;

	for (r = 0; r < c->nres; r++)
		used += proj[n * c->nres + r];
	if (m->opt.objective == MODEL_PACK) {
		if (used == 0)
			s += m->w[WEIGHT_COST] * c->nodes[n].cost;
	} else {
		for (r = 0; r < 2; r++) {
			cap = c->nodes[n].cap[r];
			l = proj[n * c->nres + r];
			if (cap > 0)
				s += m->w[WEIGHT_LOAD_BALANCE] *
				    ((l + pod->req[r]) * (l + pod->req[r]) -
				    l * l) / (cap * cap);
		}
	}
	if (pod->svc >= 0)
		for (i = m->svc_start[pod->svc];
		    i < m->svc_start[pod->svc + 1]; i++) {
			q = m->svc_pods[i];
			if (q != p && where[q] == n)
				s += m->w[WEIGHT_ANTI_AFFINITY];
		}
	for (k = 0; k < pod->ntalks; k++)
		s += m->w[WEIGHT_LATENCY] *
		    latency_to(m, p, n, pod->talks_to[k], where);
	if (pod->image != NULL && !cluster_node_has_image(c, n, pod->image))
		s += m->w[WEIGHT_STARTUP];
	return s;
}

/* The load of node n could reach at most poss; does p still fit in it? */
static int
fits_budget(const struct model *m, const double *poss, int p, int n)
{
	const struct cluster *c = m->c;
	int r;

	for (r = 0; r < c->nres; r++)
		if (poss[n * c->nres + r] + c->pods[p].req[r] >
		    c->nodes[n].cap[r])
			return 0;
	return 1;
}

/* How urgently a mover needs new candidates: pending pods and pods of
 * dead nodes first, then by the utilisation of their node, hottest first. */
static double
need(const struct model *m, const double *proj, int p)
{
	const struct cluster *c = m->c;
	int n = c->pods[p].node, r;
	double u = 0;

	if (n < 0 || !c->nodes[n].alive)
		return HUGE_VAL;
	for (r = 0; r < 2; r++)
		if (c->nodes[n].cap[r] > 0 &&
		    proj[n * c->nres + r] / c->nodes[n].cap[r] > u)
			u = proj[n * c->nres + r] / c->nodes[n].cap[r];
	return u;
}

/* Is node n among mover k's first npick picks? */
static int
picked(const int *pick, int npick, int n)
{
	int t;

	for (t = 0; t < npick; t++)
		if (pick[t] == n)
			return 1;
	return 0;
}

/*
 * Keep the current node and up to K others of each mover.  Picks go round
 * by round (one per mover per round, movers in order of need), each the
 * node of lowest estimated cost among those whose capacity the pod cannot
 * overflow even if every candidate chosen so far landed there (the
 * budget).  A capacity kept out of reach needs no slack bits, and slack
 * is what makes a QUBO hard to anneal; a mover with no node at all (a
 * pending pod) takes its best node over budget rather than none.
 */
static void
prune(struct model *m)
{
	const struct cluster *c = m->c;
	struct model_mover *mv;
	struct scored *order, best;
	double *proj, *poss, sc;
	size_t size = (size_t)c->nnodes * (size_t)c->nres * sizeof(double);
	int *where, *pick, *npick, i, j, n, r, t, keep, cur, fit;
	int K = m->opt.candidates;

	proj = mem_calloc((size_t)c->nnodes * (size_t)c->nres, sizeof(double));
	poss = mem_calloc((size_t)c->nnodes * (size_t)c->nres, sizeof(double));
	where = mem_calloc((size_t)c->npods, sizeof(int));
	order = mem_calloc((size_t)m->nmovers, sizeof(*order));
	pick = mem_calloc((size_t)m->nmovers * (size_t)K, sizeof(int));
	npick = mem_calloc((size_t)m->nmovers, sizeof(int));
	memcpy(proj, m->fixed, size);
	for (i = 0; i < c->npods; i++) {
		where[i] = m->role[i] != MODEL_IGNORED &&
		    c->pods[i].node >= 0 && c->nodes[c->pods[i].node].alive ?
		    c->pods[i].node : -1;
		if (m->role[i] == MODEL_MOVER && where[i] >= 0)
			for (r = 0; r < c->nres; r++)
				proj[where[i] * c->nres + r] +=
				    c->pods[i].req[r];
	}
	memcpy(poss, proj, size);
	/* Movers that keep every candidate count in the budget first. */
	for (i = 0; i < m->nmovers; i++) {
		mv = &m->movers[i];
		if (mv->ncand > K + 1)
			continue;
		for (j = 0; j < mv->ncand; j++)
			if (mv->cand[j] != c->pods[mv->pod].node)
				for (r = 0; r < c->nres; r++)
					poss[mv->cand[j] * c->nres + r] +=
					    c->pods[mv->pod].req[r];
	}
	for (i = 0; i < m->nmovers; i++) {
		order[i].s = -need(m, proj, m->movers[i].pod);
		order[i].n = i;
		order[i].fit = 1;
	}
	qsort(order, (size_t)m->nmovers, sizeof(*order), cmp_scored);
	for (t = 0; t < K; t++)
		for (j = 0; j < m->nmovers; j++) {
			i = order[j].n;
			mv = &m->movers[i];
			cur = c->pods[mv->pod].node;
			if (mv->ncand <= K + 1 || npick[i] < t)
				continue;
			best.n = -1;
			best.s = 0;
			best.fit = 0;
			for (n = 0; n < mv->ncand; n++) {
				if (mv->cand[n] == cur ||
				    picked(pick + i * K, npick[i], mv->cand[n]))
					continue;
				fit = fits_budget(m, poss, mv->pod,
				    mv->cand[n]);
				if (!fit && (npick[i] > 0 || cur >= 0))
					continue;
				sc = estimate(m, mv->pod, mv->cand[n], proj,
				    where);
				if (best.n < 0 || fit > best.fit ||
				    (fit == best.fit && sc < best.s)) {
					best.n = mv->cand[n];
					best.s = sc;
					best.fit = fit;
				}
			}
			if (best.n < 0)
				continue;
			pick[i * K + npick[i]++] = best.n;
			for (r = 0; r < c->nres; r++) {
				poss[best.n * c->nres + r] +=
				    c->pods[mv->pod].req[r];
				proj[best.n * c->nres + r] +=
				    c->pods[mv->pod].req[r] / K;
			}
		}
	for (i = 0; i < m->nmovers; i++) {
		mv = &m->movers[i];
		if (mv->ncand <= K + 1)
			continue;
		keep = 0;
		for (n = 0; n < mv->ncand; n++)
			if (mv->cand[n] == c->pods[mv->pod].node)
				mv->cand[keep++] = mv->cand[n];
		for (t = 0; t < npick[i]; t++)
			mv->cand[keep++] = pick[i * K + t];
		mv->ncand = keep;
		qsort(mv->cand, (size_t)keep, sizeof(int), cmp_int);
	}
	free(proj);
	free(poss);
	free(where);
	free(order);
	free(pick);
	free(npick);
}

/* Cost a mover can add at most when placed: bounds for the ladder. */
static double
worst_cost(const struct model *m, const struct model_mover *mv)
{
	const struct cluster *c = m->c;
	const struct cluster_pod *pod = &c->pods[mv->pod];
	double best = 0, s, cap;
	int k, r, n;

	for (k = 0; k < mv->ncand; k++) {
		n = mv->cand[k];
		s = 0;
		if (m->opt.objective == MODEL_PACK) {
			s = m->w[WEIGHT_COST] * c->nodes[n].cost;
		} else {
			/* (l + q)^2 - l^2 <= 2 q cap - q^2 when l + q <= cap */
			for (r = 0; r < 2; r++) {
				cap = c->nodes[n].cap[r];
				if (cap > 0)
					s += m->w[WEIGHT_LOAD_BALANCE] * 2 *
					    pod->req[r] / cap;
			}
		}
		if (s > best)
			best = s;
	}
	best += m->w[WEIGHT_MOVE_COST] * pod->move_cost;
	if (pod->svc >= 0)
		best += m->w[WEIGHT_ANTI_AFFINITY] *
		    (m->svc_start[pod->svc + 1] - m->svc_start[pod->svc]);
	return best;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Recovery: rewards as a ladder of priority levels (see model.h). */
static void
ladder(struct model *m)
{
	const struct cluster *c = m->c;
	double *prio, base, below = 0, worst;
	int i, j, k, np = 0;

	prio = mem_calloc((size_t)m->nmovers, sizeof(double));
	for (i = 0; i < m->nmovers; i++)
		prio[i] = c->pods[m->movers[i].pod].priority;
	qsort(prio, (size_t)m->nmovers, sizeof(double), cmp_double);
	for (i = 0; i < m->nmovers; i++)
		if (np == 0 || prio[np - 1] != prio[i])
			prio[np++] = prio[i];
	for (k = 0; k < np; k++) {
		worst = 0;
		for (i = 0; i < m->nmovers; i++)
			if (c->pods[m->movers[i].pod].priority == prio[k])
				worst = fmax(worst,
				    worst_cost(m, &m->movers[i]));
		base = worst + 1 + below;
		for (j = 0; j < m->nmovers; j++)
			if (c->pods[m->movers[j].pod].priority == prio[k]) {
				m->movers[j].reward += base;
				if (m->movers[j].ncand > 0)
					below += m->movers[j].reward;
			}
	}
	free(prio);
}

static void
candidates(struct model *m, struct model_mover *mv)
{
	const struct cluster *c = m->c;
	int n, live = 0, big = 1;

	mv->cand = mem_calloc((size_t)c->nnodes, sizeof(int));
	for (n = 0; n < c->nnodes; n++) {
		if (!c->nodes[n].alive || !c->nodes[n].schedulable)
			continue;
		live = 1;
		if (fits(m, mv->pod, n, 0))
			big = 0;
		if (fits(m, mv->pod, n, 1))
			mv->cand[mv->ncand++] = n;
	}
	if (mv->ncand == 0)
		mv->reason = !live ? "no_node" : big ? "too_large" :
		    "capacity";
}

int
model_build(struct model *m, const struct cluster *c,
    const struct model_options *o, const struct kwarn *w, struct kerr *e)
{
	struct model_mover *mv;
	int i, k, r, p, *ignored;

	memset(m, 0, sizeof(*m));
	m->c = c;
	m->opt = *o;
	for (k = 0; k < WEIGHT_COUNT; k++)
		m->w[k] = o->has_weight[k] ? o->weights[k] :
		    c->has_weight[k] ? c->weights[k] : default_weights[k];
	if (o->mode != MODEL_PLACEMENT)
		m->w[WEIGHT_LATENCY] = m->w[WEIGHT_STARTUP] = 0;
	m->role = mem_calloc((size_t)c->npods, sizeof(*m->role));
	m->mover_of = mem_calloc((size_t)c->npods, sizeof(int));
	m->movers = mem_calloc((size_t)c->npods, sizeof(*m->movers));
	m->fixed = mem_calloc((size_t)c->nnodes * (size_t)c->nres,
	    sizeof(double));
	m->nfixed = mem_calloc((size_t)c->nnodes, sizeof(int));
	ignored = mem_calloc((size_t)c->nnodes, sizeof(int));
	for (p = 0; p < c->npods; p++) {
		m->role[p] = role_of(c, o->mode, p);
		m->mover_of[p] = -1;
		if (m->role[p] == MODEL_MOVER) {
			m->mover_of[p] = m->nmovers;
			m->movers[m->nmovers++].pod = p;
		} else if (m->role[p] == MODEL_FIXED) {
			k = c->pods[p].node;
			m->nfixed[k]++;
			for (r = 0; r < c->nres; r++)
				m->fixed[k * c->nres + r] += c->pods[p].req[r];
		} else if (c->pods[p].node >= 0 && o->mode != MODEL_RECOVERY) {
			ignored[c->pods[p].node]++;
		} else if (c->pods[p].node >= 0) {
			kwarn(w, "pods[%d]: pod '%s' is pinned to dead node "
			    "'%s': not recovered", p, c->pods[p].id,
			    c->nodes[c->pods[p].node].id);
		}
	}
	for (k = 0; k < c->nnodes; k++)
		if (ignored[k] > 0)
			kwarn(w, "nodes[%d]: node '%s' is dead: its %d pod%s "
			    "ignored", k, c->nodes[k].id, ignored[k],
			    ignored[k] == 1 ? " is" : "s are");
	free(ignored);
	if (m->nmovers == 0) {
		model_release(m);
		return kerr_set(e, "%s", o->mode == MODEL_REBALANCE ?
		    "pods: no pod to move" : o->mode == MODEL_RECOVERY ?
		    "nodes: no dead node holds a pod" :
		    "pods: no pending pod");
	}

	/* Counted pods per service, for anti-affinity and latency. */
	m->svc_start = mem_calloc((size_t)c->nservices + 1, sizeof(int));
	m->svc_pods = mem_calloc((size_t)c->npods, sizeof(int));
	for (p = 0; p < c->npods; p++)
		if (m->role[p] != MODEL_IGNORED && c->pods[p].svc >= 0)
			m->svc_start[c->pods[p].svc + 1]++;
	for (k = 0; k < c->nservices; k++)
		m->svc_start[k + 1] += m->svc_start[k];
	{
		int *fill = mem_calloc((size_t)c->nservices + 1, sizeof(int));

		for (p = 0; p < c->npods; p++)
			if (m->role[p] != MODEL_IGNORED && c->pods[p].svc >= 0)
				m->svc_pods[m->svc_start[c->pods[p].svc] +
				    fill[c->pods[p].svc]++] = p;
		free(fill);
	}

	for (i = 0; i < m->nmovers; i++) {
		mv = &m->movers[i];
		candidates(m, mv);
		mv->reward = m->w[WEIGHT_DESIRE] * c->pods[mv->pod].desire;
		if (mv->ncand == 0)
			kwarn(w, "pods[%d]: pod '%s' fits no node (%s): left "
			    "unplaced", mv->pod, c->pods[mv->pod].id,
			    mv->reason);
	}
	if (o->candidates > 0)
		prune(m);
	if (o->mode == MODEL_RECOVERY)
		ladder(m);
	for (i = 0; i < m->nmovers; i++) {
		m->movers[i].var0 = m->nvars;
		m->nvars += m->movers[i].ncand;
	}
	m->vars = mem_calloc((size_t)m->nvars, sizeof(*m->vars));
	for (i = 0; i < m->nmovers; i++)
		for (k = 0; k < m->movers[i].ncand; k++) {
			r = m->movers[i].var0 + k;
			m->vars[r].mover = i;
			m->vars[r].pod = m->movers[i].pod;
			m->vars[r].node = m->movers[i].cand[k];
		}
	return 0;
}

int
model_var_find(const struct model *m, int pod, int node)
{
	const struct model_mover *mv;
	int k;

	if (pod < 0 || pod >= m->c->npods || m->mover_of[pod] < 0)
		return -1;
	mv = &m->movers[m->mover_of[pod]];
	for (k = 0; k < mv->ncand; k++)
		if (mv->cand[k] == node)
			return mv->var0 + k;
	return -1;
}

char *
model_var_name(const struct model *m, int v, char *buf, size_t size)
{
	snprintf(buf, size, "place %s %s", m->c->pods[m->vars[v].pod].id,
	    m->c->nodes[m->vars[v].node].id);
	return buf;
}

void
model_current(const struct model *m, int *assign)
{
	const struct cluster *c = m->c;
	int k, n;

	for (k = 0; k < m->nmovers; k++) {
		n = c->pods[m->movers[k].pod].node;
		assign[k] = n >= 0 && c->nodes[n].alive ? n : -1;
	}
}

static void
util_stats(const struct cluster *c, const double *load, int r, double *max,
    double *sd)
{
	double u, sum = 0, sq = 0;
	int n, cnt = 0;

	*max = 0;
	for (n = 0; n < c->nnodes; n++) {
		if (!c->nodes[n].alive || c->nodes[n].cap[r] <= 0)
			continue;
		u = load[n * c->nres + r] / c->nodes[n].cap[r];
		if (u > *max)
			*max = u;
		sum += u;
		sq += u * u;
		cnt++;
	}
	if (cnt == 0) {
		*sd = 0;
		return;
	}
	u = sq / cnt - (sum / cnt) * (sum / cnt);
	*sd = u > 0 ? sqrt(u) : 0;
}

void
model_eval(const struct model *m, const int *assign, struct model_eval *out,
    double *load)
{
	const struct cluster *c = m->c;
	const struct cluster_pod *pod;
	const struct cluster_node *node;
	double *ld, u;
	int *where, *cnt, *npods, k, n, p, r, s;
	size_t t;

	memset(out, 0, sizeof(*out));
	ld = load != NULL ? load : mem_calloc((size_t)c->nnodes *
	    (size_t)c->nres, sizeof(double));
	memcpy(ld, m->fixed, (size_t)c->nnodes * (size_t)c->nres *
	    sizeof(double));
	where = mem_calloc((size_t)c->npods, sizeof(int));
	npods = mem_calloc((size_t)c->nnodes, sizeof(int));
	cnt = mem_calloc((size_t)c->nnodes * ((size_t)c->nservices + 1),
	    sizeof(int));
	out->feasible = 1;
	for (p = 0; p < c->npods; p++)
		where[p] = m->role[p] == MODEL_FIXED ? c->pods[p].node : -1;
	for (k = 0; k < m->nmovers; k++) {
		p = m->movers[k].pod;
		n = assign[k];
		where[p] = n;
		if (n < 0) {
			out->unplaced++;
			if (m->opt.mode != MODEL_RECOVERY &&
			    m->movers[k].ncand > 0)
				out->feasible = 0;
			continue;
		}
		out->placed++;
		if (!c->nodes[n].alive || !c->nodes[n].schedulable) {
			out->bad_nodes++;
			out->feasible = 0;
		}
		for (r = 0; r < c->nres; r++)
			ld[n * c->nres + r] += c->pods[p].req[r];
		if (c->pods[p].node >= 0 && c->pods[p].node != n) {
			out->moves++;
			out->move_cost += m->w[WEIGHT_MOVE_COST] *
			    c->pods[p].move_cost;
		}
		out->desire -= m->movers[k].reward;
		pod = &c->pods[p];
		if (pod->image != NULL &&
		    !cluster_node_has_image(c, n, pod->image))
			out->startup += m->w[WEIGHT_STARTUP];
	}
	/* Latency needs every mover placed first. */
	for (k = 0; k < m->nmovers; k++) {
		pod = &c->pods[m->movers[k].pod];
		if (assign[k] < 0)
			continue;
		for (t = 0; t < pod->ntalks; t++)
			out->latency += m->w[WEIGHT_LATENCY] *
			    latency_to(m, m->movers[k].pod, assign[k],
			    pod->talks_to[t], where);
	}
	for (p = 0; p < c->npods; p++) {
		if ((n = where[p]) < 0)
			continue;
		npods[n]++;
		s = c->pods[p].svc;
		if (s >= 0) {
			out->anti_affinity_violations +=
			    cnt[n * (c->nservices + 1) + s];
			cnt[n * (c->nservices + 1) + s]++;
		}
	}
	out->anti_affinity = m->w[WEIGHT_ANTI_AFFINITY] *
	    out->anti_affinity_violations;
	for (n = 0; n < c->nnodes; n++) {
		node = &c->nodes[n];
		if (!node->alive)
			continue;
		if (npods[n] > 0) {
			out->nodes_used++;
			if (m->opt.objective == MODEL_PACK)
				out->cost += m->w[WEIGHT_COST] * node->cost;
		}
		for (r = 0; r < c->nres; r++)
			if (ld[n * c->nres + r] > node->cap[r]) {
				out->capacity_violations++;
				out->feasible = 0;
			}
		if (m->opt.objective != MODEL_BALANCE)
			continue;
		for (r = 0; r < 2; r++)
			if (node->cap[r] > 0) {
				u = ld[n * c->nres + r] / node->cap[r];
				out->load_balance += m->w[WEIGHT_LOAD_BALANCE] *
				    u * u;
			}
	}
	util_stats(c, ld, CLUSTER_CPU, &out->cpu_util_max,
	    &out->cpu_util_stddev);
	util_stats(c, ld, CLUSTER_MEM, &out->mem_util_max,
	    &out->mem_util_stddev);
	out->total = out->load_balance + out->cost + out->move_cost +
	    out->anti_affinity + out->desire + out->latency + out->startup;
	if (load == NULL)
		free(ld);
	free(where);
	free(npods);
	free(cnt);
}

int
model_options_kytos(struct model_options *o, char *const *kytos,
    size_t nkytos, struct kerr *e)
{
	const char *key, *val, *why;
	int k, mode = 0;
	size_t i;
	double d;
	long l;

	model_options_defaults(o);
	for (i = 0; i < nkytos; i++) {
		key = kytos[2 * i];
		val = kytos[2 * i + 1];
		if (strcmp(key, "mode") == 0) {
			if ((k = model_mode_find(val)) < 0)
				return kerr_set(e, "kytos: mode: unknown mode "
				    "'%s'", val);
			o->mode = (enum model_mode)k;
			mode = 1;
		} else if (strcmp(key, "objective") == 0) {
			if ((k = model_objective_find(val)) < 0)
				return kerr_set(e, "kytos: objective: unknown "
				    "objective '%s'", val);
			o->objective = (enum model_objective)k;
		} else if (strcmp(key, "candidates") == 0) {
			if (number_long(val, 0, 1L << 30, &l, &why) < 0)
				return kerr_set(e, "kytos: candidates: %s "
				    "'%s'", why, val);
			o->candidates = (int)l;
		} else if (strncmp(key, "w.", 2) == 0) {
			if ((k = cluster_weight_find(key + 2)) < 0)
				return kerr_set(e, "kytos: %s: unknown weight",
				    key);
			if (number_double(val, 0, 1e300, &d, &why) < 0)
				return kerr_set(e, "kytos: %s: %s '%s'", key,
				    why, val);
			o->weights[k] = d;
			o->has_weight[k] = 1;
		}
	}
	if (!mode)
		return kerr_set(e, "kytos: mode: missing");
	return 0;
}

int
model_assign_names(const struct model *m, char *const *names, size_t n,
    int *assign, struct kerr *e)
{
	const struct cluster *c = m->c;
	char pod[512], node[512];
	int k, p, nd, mv;
	size_t i;

	for (k = 0; k < m->nmovers; k++)
		assign[k] = -1;
	for (i = 0; i < n; i++) {
		if (names[i] == NULL || strncmp(names[i], "place ", 6) != 0)
			continue;
		if (sscanf(names[i] + 6, "%511s %511s", pod, node) != 2)
			return kerr_set(e, "'%s': expected place <pod> "
			    "<node>", names[i]);
		if ((p = cluster_pod_find(c, pod)) < 0)
			return kerr_set(e, "'%s': unknown pod '%s'", names[i],
			    pod);
		if ((nd = cluster_node_find(c, node)) < 0)
			return kerr_set(e, "'%s': unknown node '%s'",
			    names[i], node);
		if ((mv = m->mover_of[p]) < 0)
			return kerr_set(e, "'%s': pod '%s' does not move in "
			    "%s", names[i], pod, model_mode_name(m->opt.mode));
		if (assign[mv] >= 0)
			return kerr_set(e, "'%s': pod '%s' placed twice",
			    names[i], pod);
		assign[mv] = nd;
	}
	return 0;
}
