/*
 * kmilp.c: placement models and QUBOs as MILPs for lib/milp, and the
 * refinement loop that makes the linearised load-balance term exact (see
 * kmilp.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "cluster.h"
#include "kmilp.h"
#include "mem.h"
#include "rng.h"

/* One load term w_lb * (u)^2, u = (F + sum req[k] x[vars[k]]) / C. */
struct kmilp_load {
	int node, res;
	int col;		/* its z column */
	double F, C;
	int *vars;
	double *req;
	int n;
};

/* A product of two x columns in the objective. */
struct pair {
	int a, b;		/* a < b */
	double w;
};

struct pairs {
	struct pair *p;
	size_t n, cap;
};

static void
pairs_add(struct pairs *ps, int a, int b, double w)
{
	int t;

	if (w == 0 || a == b)
		return;
	if (a > b) {
		t = a;
		a = b;
		b = t;
	}
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 64;
		ps->p = mem_realloc(ps->p, ps->cap, sizeof(*ps->p));
	}
	ps->p[ps->n].a = a;
	ps->p[ps->n].b = b;
	ps->p[ps->n].w = w;
	ps->n++;
}

static int
pair_cmp(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return 0;
}

/* Sort and sum duplicates; drop what sums to zero. */
static void
pairs_merge(struct pairs *ps)
{
	size_t i, o = 0;

	if (ps->n == 0)
		return;
	qsort(ps->p, ps->n, sizeof(*ps->p), pair_cmp);
	for (i = 0; i < ps->n; i++) {
		if (o > 0 && ps->p[o - 1].a == ps->p[i].a &&
		    ps->p[o - 1].b == ps->p[i].b)
			ps->p[o - 1].w += ps->p[i].w;
		else
			ps->p[o++] = ps->p[i];
	}
	ps->n = o;
	for (i = 0, o = 0; i < ps->n; i++)
		if (ps->p[i].w != 0)
			ps->p[o++] = ps->p[i];
	ps->n = o;
}

/*
 * Same-service movers that may share a node: the pairs among the k of them
 * placed there, C(k, 2), are convex in k, so a variable t above the lines
 * through (j, C(j, 2)) and (j + 1, C(j + 1, 2)) for j = 1 .. k - 1 equals
 * C(k, 2) at every integer k.  Tighter in the LP than a product per pair.
 */
struct group {
	int *vars;
	int n;
};

/* A stable counting sort of idx[0..n) by key[idx[i]] in [0, nkeys). */
static void
count_sort(int *idx, int n, const int *key, int nkeys)
{
	int *cnt = mem_calloc((size_t)nkeys + 1, sizeof(int));
	int *out = mem_calloc((size_t)n + 1, sizeof(int)), i;

	for (i = 0; i < n; i++)
		cnt[key[idx[i]] + 1]++;
	for (i = 0; i < nkeys; i++)
		cnt[i + 1] += cnt[i];
	for (i = 0; i < n; i++)
		out[cnt[key[idx[i]]]++] = idx[i];
	memcpy(idx, out, (size_t)n * sizeof(int));
	free(cnt);
	free(out);
}

/* Variables of pods with a service, grouped by (node, service). */
static struct group *
groups_build(const struct model *m, int *ngroups)
{
	struct group *g;
	int *idx, *svc, *node, n = 0, i, j;

	idx = mem_calloc((size_t)m->nvars + 1, sizeof(int));
	svc = mem_calloc((size_t)m->nvars + 1, sizeof(int));
	node = mem_calloc((size_t)m->nvars + 1, sizeof(int));
	for (i = 0; i < m->nvars; i++) {
		svc[i] = m->c->pods[m->vars[i].pod].svc;
		node[i] = m->vars[i].node;
		if (svc[i] >= 0)
			idx[n++] = i;
	}
	/* Radix: by service, then stably by node. */
	count_sort(idx, n, svc, m->c->nservices);
	count_sort(idx, n, node, m->c->nnodes);
	free(svc);
	free(node);
	g = mem_calloc((size_t)n + 1, sizeof(*g));
	*ngroups = 0;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && m->vars[idx[j]].node ==
		    m->vars[idx[i]].node && m->c->pods[m->vars[idx[j]].pod].svc
		    == m->c->pods[m->vars[idx[i]].pod].svc; j++)
			;
		if (j - i < 2)
			continue;
		g[*ngroups].vars = mem_calloc((size_t)(j - i), sizeof(int));
		memcpy(g[*ngroups].vars, idx + i, (size_t)(j - i) *
		    sizeof(int));
		g[*ngroups].n = j - i;
		(*ngroups)++;
	}
	free(idx);
	return g;
}

void
kmilp_params_defaults(struct kmilp_params *p)
{
	memset(p, 0, sizeof(*p));
	milp_params_defaults(&p->mp);
	p->max_rounds = 200;
}

void
kmilp_result_release(struct kmilp_result *r)
{
	free(r->assign);
	free(r->x);
	memset(r, 0, sizeof(*r));
}

void
kmilp_release(struct kmilp *k)
{
	int i;

	milp_free(k->lp);
	for (i = 0; i < k->nload; i++) {
		free(k->load[i].vars);
		free(k->load[i].req);
	}
	free(k->load);
	memset(k, 0, sizeof(*k));
}

double
kmilp_gap(double value, double bound)
{
	double d = fabs(value - bound);

	if (isnan(d))
		return NAN;
	if (d <= 1e-9 * fmax(1, fabs(value)))
		return 0;
	return d / fmax(fabs(value), 1e-9);
}

/* The tangent of u^2 at a: z >= 2a u - a^2, written in x. */
static int
load_tangent(struct kmilp *k, const struct kmilp_load *L, double a,
    struct kerr *e)
{
	int *cols = mem_calloc((size_t)L->n + 1, sizeof(int)), i, rc;
	double *vals = mem_calloc((size_t)L->n + 1, sizeof(double));

	cols[0] = L->col;
	vals[0] = 1;
	for (i = 0; i < L->n; i++) {
		cols[i + 1] = L->vars[i];
		vals[i + 1] = -2 * a * L->req[i] / L->C;
	}
	rc = milp_add_row(k->lp, L->n + 1, cols, vals, MILP_GE,
	    2 * a * L->F / L->C - a * a, NULL);
	free(cols);
	free(vals);
	if (rc < 0)
		return kerr_set(e, "milp: out of memory");
	return 0;
}

/* The linear coefficients and products of the objective, in x. */
static void
objective_terms(const struct model *m, double *lin, struct pairs *ps)
{
	const struct cluster *c = m->c;
	const struct cluster_pod *pod;
	int *fixcnt, v, v2, k, n, p, q, s, cnt, j;
	size_t t;
	double wlat = m->w[WEIGHT_LATENCY], la;

	/* Fixed pods per (node, service), for anti-affinity. */
	fixcnt = mem_calloc((size_t)c->nnodes * ((size_t)c->nservices + 1),
	    sizeof(int));
	for (p = 0; p < c->npods; p++)
		if (m->role[p] == MODEL_FIXED && c->pods[p].svc >= 0)
			fixcnt[c->pods[p].node * (c->nservices + 1) +
			    c->pods[p].svc]++;
	for (v = 0; v < m->nvars; v++) {
		k = m->vars[v].mover;
		p = m->vars[v].pod;
		n = m->vars[v].node;
		pod = &c->pods[p];
		if (pod->node >= 0 && pod->node != n)
			lin[v] += m->w[WEIGHT_MOVE_COST] * pod->move_cost;
		lin[v] -= m->movers[k].reward;
		if (pod->image != NULL && !cluster_node_has_image(c, n,
		    pod->image))
			lin[v] += m->w[WEIGHT_STARTUP];
		if (pod->svc >= 0) {
			lin[v] += m->w[WEIGHT_ANTI_AFFINITY] *
			    fixcnt[n * (c->nservices + 1) + pod->svc];
		}
		if (wlat == 0)
			continue;
		/* Latency: fixed peers are linear, moving peers products. */
		for (t = 0; t < pod->ntalks; t++) {
			s = pod->talks_to[t];
			cnt = 0;
			for (j = m->svc_start[s]; j < m->svc_start[s + 1]; j++)
				cnt += m->svc_pods[j] != p;
			if (cnt == 0)
				continue;
			for (j = m->svc_start[s]; j < m->svc_start[s + 1];
			    j++) {
				q = m->svc_pods[j];
				if (q == p)
					continue;
				if (m->role[q] == MODEL_FIXED) {
					lin[v] += wlat * c->lat[
					    c->nodes[n].zidx * c->nzones +
					    c->nodes[c->pods[q].node].zidx] /
					    cnt;
					continue;
				}
				if (m->mover_of[q] < 0)
					continue;
				for (v2 = m->movers[m->mover_of[q]].var0;
				    v2 < m->movers[m->mover_of[q]].var0 +
				    m->movers[m->mover_of[q]].ncand; v2++) {
					la = c->lat[c->nodes[n].zidx *
					    c->nzones + c->nodes[
					    m->vars[v2].node].zidx];
					pairs_add(ps, v, v2, wlat * la / cnt);
				}
			}
		}
	}
	free(fixcnt);
}

int
kmilp_build_model(struct kmilp *k, const struct model *m, int pieces,
    struct kerr *e)
{
	const struct cluster *c = m->c;
	struct pairs ps = { NULL, 0, 0 };
	struct group *groups = NULL;
	struct kmilp_load *L;
	double *lin, *S, F, C, lo, hi, wlb = m->w[WEIGHT_LOAD_BALANCE];
	double wcost = m->w[WEIGHT_COST];
	int *assign, *usedcol, *von, *cols = NULL, ncols, col, v, n, r, i;
	int kk;
	int rc = -1, nv = m->nvars, ngroups = 0, g;
	double *vals = NULL, rhs;
	char name[512];
	struct model_eval ev;
	size_t t;

	memset(k, 0, sizeof(*k));
	k->m = m;
	for (n = 0; n < c->nnodes; n++)
		for (r = 0; c->nodes[n].alive && r < c->nres; r++)
			if (m->fixed[n * c->nres + r] > c->nodes[n].cap[r])
				k->infeasible = 1;
	lin = mem_calloc((size_t)nv + 1, sizeof(double));
	objective_terms(m, lin, &ps);
	pairs_merge(&ps);

	/* The constant: the model's value with every mover unplaced. */
	assign = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	for (i = 0; i < m->nmovers; i++)
		assign[i] = -1;
	model_eval(m, assign, &ev, NULL);
	free(assign);
	k->konst = ev.total;

	/* Load per (node, resource) of the variables on it. */
	S = mem_calloc((size_t)c->nnodes * (size_t)c->nres + 1,
	    sizeof(double));
	von = mem_calloc((size_t)c->nnodes + 1, sizeof(int));
	for (v = 0; v < nv; v++)
		von[m->vars[v].node]++;
	for (v = 0; v < nv; v++)
		for (r = 0; r < c->nres; r++)
			S[m->vars[v].node * c->nres + r] +=
			    c->pods[m->vars[v].pod].req[r];
	ncols = nv;
	usedcol = mem_calloc((size_t)c->nnodes + 1, sizeof(int));
	for (n = 0; n < c->nnodes; n++) {
		usedcol[n] = -1;
		if (m->opt.objective == MODEL_PACK && wcost *
		    c->nodes[n].cost != 0 && m->nfixed[n] == 0 &&
		    c->nodes[n].alive && von[n] > 0)
			usedcol[n] = ncols++;
	}
	k->nused = ncols - nv;
	k->load = mem_calloc((size_t)c->nnodes * 2 + 1, sizeof(*k->load));
	for (n = 0; m->opt.objective == MODEL_BALANCE && wlb != 0 &&
	    n < c->nnodes; n++) {
		for (r = 0; r < 2 && c->nodes[n].alive; r++) {
			C = c->nodes[n].cap[r];
			F = m->fixed[n * c->nres + r];
			if (C <= 0 || S[n * c->nres + r] <= 0)
				continue;
			L = &k->load[k->nload++];
			L->node = n;
			L->res = r;
			L->col = ncols++;
			L->F = F;
			L->C = C;
			L->vars = mem_calloc((size_t)nv, sizeof(int));
			L->req = mem_calloc((size_t)nv, sizeof(double));
			for (v = 0; v < nv; v++)
				if (m->vars[v].node == n &&
				    c->pods[m->vars[v].pod].req[r] > 0) {
					L->vars[L->n] = v;
					L->req[L->n++] =
					    c->pods[m->vars[v].pod].req[r];
				}
			/* The z column replaces this term's constant. */
			k->konst -= wlb * (F / C) * (F / C);
		}
	}
	k->npairs = (int)ps.n;
	ncols += (int)ps.n;
	if (m->w[WEIGHT_ANTI_AFFINITY] != 0)
		groups = groups_build(m, &ngroups);
	ncols += ngroups;

	if ((k->lp = milp_new(ncols > 0 ? ncols : 1, e)) == NULL)
		goto done;
	for (v = 0; v < nv; v++)
		if (milp_set_col(k->lp, v, 0, 1, 1, lin[v],
		    model_var_name(m, v, name, sizeof(name))) < 0)
			goto oom;
	for (n = 0; n < c->nnodes; n++) {
		if (usedcol[n] < 0)
			continue;
		snprintf(name, sizeof(name), "used %s", c->nodes[n].id);
		if (milp_set_col(k->lp, usedcol[n], 0, 1, 1,
		    wcost * c->nodes[n].cost, name) < 0)
			goto oom;
	}
	for (i = 0; i < k->nload; i++) {
		L = &k->load[i];
		lo = L->F / L->C;
		snprintf(name, sizeof(name), "load %s %s",
		    c->nodes[L->node].id, c->res[L->res]);
		if (milp_set_col(k->lp, L->col, lo * lo, INFINITY, 0, wlb,
		    name) < 0)
			goto oom;
	}
	col = nv + k->nused + k->nload;
	for (t = 0; t < ps.n; t++) {
		snprintf(name, sizeof(name), "pair %d %d", ps.p[t].a,
		    ps.p[t].b);
		if (milp_set_col(k->lp, col + (int)t, 0, 1, 0, ps.p[t].w,
		    name) < 0)
			goto oom;
	}
	col += (int)ps.n;
	for (g = 0; g < ngroups; g++) {
		const struct model_var *mv = &m->vars[groups[g].vars[0]];

		snprintf(name, sizeof(name), "pairs %s %s",
		    c->nodes[mv->node].id,
		    c->services[c->pods[mv->pod].svc].name);
		if (milp_set_col(k->lp, col + g, 0, groups[g].n *
		    (groups[g].n - 1) / 2.0, 0, m->w[WEIGHT_ANTI_AFFINITY],
		    name) < 0)
			goto oom;
	}
	col -= (int)ps.n;
	milp_set_offset(k->lp, k->konst);

	cols = mem_calloc((size_t)nv + 3, sizeof(int));
	vals = mem_calloc((size_t)nv + 3, sizeof(double));
	/* One node per mover (at most one in recovery). */
	for (kk = 0; kk < m->nmovers; kk++) {
		if (m->movers[kk].ncand == 0)
			continue;
		for (i = 0; i < m->movers[kk].ncand; i++) {
			cols[i] = m->movers[kk].var0 + i;
			vals[i] = 1;
		}
		snprintf(name, sizeof(name), "one %s",
		    c->pods[m->movers[kk].pod].id);
		if (milp_add_row(k->lp, m->movers[kk].ncand, cols, vals,
		    m->opt.mode == MODEL_RECOVERY ? MILP_LE : MILP_EQ, 1,
		    name) < 0)
			goto oom;
	}
	/* Capacities that can bind. */
	for (n = 0; n < c->nnodes; n++)
		for (r = 0; r < c->nres; r++) {
			F = m->fixed[n * c->nres + r];
			if (S[n * c->nres + r] <= 0 ||
			    F + S[n * c->nres + r] <= c->nodes[n].cap[r])
				continue;
			for (i = 0, v = 0; v < nv; v++)
				if (m->vars[v].node == n &&
				    c->pods[m->vars[v].pod].req[r] > 0) {
					cols[i] = v;
					vals[i++] =
					    c->pods[m->vars[v].pod].req[r];
				}
			snprintf(name, sizeof(name), "cap %s %s",
			    c->nodes[n].id, c->res[r]);
			if (milp_add_row(k->lp, i, cols, vals, MILP_LE,
			    c->nodes[n].cap[r] - F, name) < 0)
				goto oom;
		}
	/* Pack: a node is used when a mover lands on it. */
	for (v = 0; v < nv; v++) {
		if (usedcol[m->vars[v].node] < 0)
			continue;
		cols[0] = v;
		vals[0] = 1;
		cols[1] = usedcol[m->vars[v].node];
		vals[1] = -1;
		if (milp_add_row(k->lp, 2, cols, vals, MILP_LE, 0, NULL) < 0)
			goto oom;
	}
	/* Products: only the side the objective pushes against. */
	for (t = 0; t < ps.n; t++) {
		cols[0] = col + (int)t;
		vals[0] = 1;
		if (ps.p[t].w > 0) {
			cols[1] = ps.p[t].a;
			cols[2] = ps.p[t].b;
			vals[1] = vals[2] = -1;
			if (milp_add_row(k->lp, 3, cols, vals, MILP_GE, -1,
			    NULL) < 0)
				goto oom;
		} else {
			for (i = 0; i < 2; i++) {
				cols[1] = i ? ps.p[t].b : ps.p[t].a;
				vals[1] = -1;
				if (milp_add_row(k->lp, 2, cols, vals,
				    MILP_LE, 0, NULL) < 0)
					goto oom;
			}
		}
	}
	/* Same-service pairs on a node: t >= j k - j (j + 1) / 2. */
	for (g = 0; g < ngroups; g++) {
		cols[0] = col + (int)ps.n + g;
		vals[0] = 1;
		for (i = 0; i < groups[g].n; i++)
			cols[i + 1] = groups[g].vars[i];
		for (kk = 1; kk < groups[g].n; kk++) {
			for (i = 0; i < groups[g].n; i++)
				vals[i + 1] = -kk;
			if (milp_add_row(k->lp, groups[g].n + 1, cols, vals,
			    MILP_GE, -kk * (kk + 1) / 2.0, NULL) < 0)
				goto oom;
		}
	}
	/* Load: tangents at the midpoints of `pieces` equal pieces of the
	 * reachable range, capacity capping it at 1. */
	for (i = 0; i < k->nload; i++) {
		L = &k->load[i];
		lo = L->F / L->C;
		hi = fmin(1, (L->F + S[L->node * c->nres + L->res]) / L->C);
		if (hi <= lo)
			hi = (L->F + S[L->node * c->nres + L->res]) / L->C;
		for (kk = 0; kk < pieces; kk++) {
			rhs = lo + (kk + 0.5) * (hi - lo) / pieces;
			if (load_tangent(k, L, rhs, e) < 0)
				goto done;
		}
	}
	k->nrows0 = milp_nrows(k->lp);
	rc = 0;
	goto done;
oom:
	kerr_set(e, "milp: out of memory");
done:
	free(cols);
	free(vals);
	free(lin);
	free(S);
	free(usedcol);
	free(von);
	free(ps.p);
	for (g = 0; g < ngroups; g++)
		free(groups[g].vars);
	free(groups);
	if (rc < 0)
		kmilp_release(k);
	return rc;
}

int
kmilp_build_qubo(struct kmilp *k, const struct qubo *q, int maximize,
    struct kerr *e)
{
	int cols[3], i;
	double vals[3];
	size_t t;
	char name[64];

	memset(k, 0, sizeof(*k));
	k->q = q;
	k->maximize = maximize;
	k->npairs = (int)q->nc;
	if ((k->lp = milp_new(q->n + (int)q->nc > 0 ? q->n + (int)q->nc : 1,
	    e)) == NULL)
		return -1;
	milp_set_maximize(k->lp, maximize);
	milp_set_offset(k->lp, q->offset);
	for (i = 0; i < q->n; i++) {
		snprintf(name, sizeof(name), "x%d", i);
		if (milp_set_col(k->lp, i, 0, 1, 1, q->diag[i], name) < 0)
			goto oom;
	}
	for (t = 0; t < q->nc; t++) {
		const struct qubo_coupler *cp = &q->c[t];
		int col = q->n + (int)t;

		snprintf(name, sizeof(name), "y%d_%d", cp->i, cp->j);
		if (milp_set_col(k->lp, col, 0, 1, 0, cp->w, name) < 0)
			goto oom;
		cols[0] = col;
		vals[0] = 1;
		/* A coupler the solve wants small gets y >= x_i + x_j - 1;
		 * one it wants large gets y <= x_i, y <= x_j. */
		if ((cp->w > 0) != (maximize != 0)) {
			cols[1] = cp->i;
			cols[2] = cp->j;
			vals[1] = vals[2] = -1;
			if (milp_add_row(k->lp, 3, cols, vals, MILP_GE, -1,
			    NULL) < 0)
				goto oom;
		} else {
			cols[1] = cp->i;
			vals[1] = -1;
			if (milp_add_row(k->lp, 2, cols, vals, MILP_LE, 0,
			    NULL) < 0)
				goto oom;
			cols[1] = cp->j;
			if (milp_add_row(k->lp, 2, cols, vals, MILP_LE, 0,
			    NULL) < 0)
				goto oom;
		}
	}
	k->nrows0 = milp_nrows(k->lp);
	return 0;
oom:
	kmilp_release(k);
	return kerr_set(e, "milp: out of memory");
}

/*
 * A proven bound from one solve.  lp_solve stops within a relative gap g
 * of its own (|value - bound| / (1 + |bound|)) and milp then reports the
 * value as the bound: widen it by that much so it stays a bound.
 */
static double
solve_bound(const struct milp_result *res, const struct milp_params *mp,
    int maximize)
{
	double b = res->bound, g = mp->gap, d;

	if (res->status == MILP_OPTIMAL && g > 1e-9 && g < 1) {
		d = g * (1 + fabs(res->objective)) / (1 - g);
		b = maximize ? res->objective + d : res->objective - d;
	}
	return b;
}

/*
 * A first incumbent for a QUBO: one-flip descent from a few seeded random
 * states.  lp_solve takes no starting solution, but a cutoff at this value
 * prunes its branch and bound, and a solve that finds nothing better proves
 * the incumbent optimal.  Returns its energy; x receives the state.
 */
static double
qubo_descent(const struct qubo *q, int maximize, unsigned char *x)
{
	struct rng r;
	double *field, best = 0, e, d, sign = maximize ? -1 : 1;
	unsigned char *y;
	int *start, *adj, i, j, t, improved, first = 1;
	double *w;
	size_t k;

	/* CSR adjacency: both ends of every coupler. */
	start = mem_calloc((size_t)q->n + 1, sizeof(int));
	adj = mem_calloc(2 * q->nc + 1, sizeof(int));
	w = mem_calloc(2 * q->nc + 1, sizeof(double));
	for (k = 0; k < q->nc; k++) {
		start[q->c[k].i + 1]++;
		start[q->c[k].j + 1]++;
	}
	for (i = 0; i < q->n; i++)
		start[i + 1] += start[i];
	{
		int *fill = mem_calloc((size_t)q->n + 1, sizeof(int));

		for (k = 0; k < q->nc; k++) {
			i = q->c[k].i;
			j = q->c[k].j;
			adj[start[i] + fill[i]] = j;
			w[start[i] + fill[i]++] = q->c[k].w;
			adj[start[j] + fill[j]] = i;
			w[start[j] + fill[j]++] = q->c[k].w;
		}
		free(fill);
	}
	field = mem_calloc((size_t)q->n + 1, sizeof(double));
	y = mem_calloc((size_t)q->n + 1, 1);
	rng_seed(&r, 1, 0);
	for (t = 0; t < 32; t++) {
		for (i = 0; i < q->n; i++)
			y[i] = (unsigned char)rng_below(&r, 2);
		/* field[i]: the energy change of setting x_i from 0 to 1. */
		for (i = 0; i < q->n; i++) {
			field[i] = q->diag[i];
			for (j = start[i]; j < start[i + 1]; j++)
				field[i] += w[j] * y[adj[j]];
		}
		do {
			improved = 0;
			for (i = 0; i < q->n; i++) {
				d = y[i] ? -field[i] : field[i];
				if (sign * d >= -1e-12)
					continue;
				y[i] ^= 1;
				for (j = start[i]; j < start[i + 1]; j++)
					field[adj[j]] += y[i] ? w[j] : -w[j];
				improved = 1;
			}
		} while (improved);
		e = qubo_energy(q, y);
		if (first || sign * e < sign * best) {
			best = e;
			memcpy(x, y, (size_t)q->n);
			first = 0;
		}
	}
	free(start);
	free(adj);
	free(w);
	free(field);
	free(y);
	return best;
}

static int
solve_qubo(struct kmilp *k, const struct kmilp_params *p,
    struct kmilp_result *r, struct kerr *e)
{
	struct milp_params mp = p->mp;
	struct milp_result res;
	double heur;
	int i;

	r->x = mem_calloc((size_t)k->q->n + 1, 1);
	heur = qubo_descent(k->q, k->maximize, r->x);
	mp.has_cutoff = k->q->n > 0;
	mp.cutoff = heur;
	if (milp_solve(k->lp, &mp, &res, e) < 0)
		return -1;
	r->rounds = 1;
	if (res.status == MILP_FAILED) {
		free(res.x);
		return kerr_set(e, "milp: lp_solve failed");
	}
	r->has_solution = 1;
	r->energy = heur;
	r->status = res.status;
	r->bound = solve_bound(&res, &p->mp, k->maximize);
	if (res.x != NULL) {
		for (i = 0; i < k->q->n; i++)
			r->x[i] = res.x[i] > 0.5;
		r->energy = qubo_energy(k->q, r->x);
	} else if (res.status == MILP_INFEASIBLE) {
		/* Nothing better than the descent's state: it is optimal. */
		r->status = MILP_OPTIMAL;
		r->bound = heur;
	} else if (res.status == MILP_TIMEOUT)
		r->status = MILP_FEASIBLE;
	free(res.x);
	return 0;
}

/* The assignment of a MILP solution, scored by the true model. */
static void
solution_assign(const struct model *m, const double *x, int *assign)
{
	int kk, i;

	for (kk = 0; kk < m->nmovers; kk++) {
		assign[kk] = -1;
		for (i = 0; i < m->movers[kk].ncand; i++)
			if (x[m->movers[kk].var0 + i] > 0.5)
				assign[kk] = m->movers[kk].cand[i];
	}
}

/* Add a tangent wherever the solution's z under-estimates u^2. */
static int
refine(struct kmilp *k, const double *x, int *cuts, struct kerr *e)
{
	const struct kmilp_load *L;
	double u;
	int i, j;

	*cuts = 0;
	for (i = 0; i < k->nload; i++) {
		L = &k->load[i];
		u = L->F;
		for (j = 0; j < L->n; j++)
			if (x[L->vars[j]] > 0.5)
				u += L->req[j];
		u /= L->C;
		if (u * u - x[L->col] <= 1e-9 * fmax(1, u * u))
			continue;
		if (load_tangent(k, L, u, e) < 0)
			return -1;
		(*cuts)++;
	}
	return 0;
}

/*
 * Improve a feasible assignment by single moves (a mover to another
 * candidate, or out in recovery), scored by model_eval, until none helps:
 * a better incumbent, hence a tighter cutoff, before lp_solve starts.
 * Bounded by passes, so its cost stays a small multiple of the model's.
 */
static double
model_descent(const struct model *m, int *assign, double value)
{
	struct model_eval ev;
	int k, i, old, improved, pass, to;

	for (pass = 0; pass < 50; pass++) {
		improved = 0;
		for (k = 0; k < m->nmovers; k++) {
			old = assign[k];
			for (i = -1; i < m->movers[k].ncand; i++) {
				if (i < 0 && m->opt.mode != MODEL_RECOVERY)
					continue;
				to = i < 0 ? -1 : m->movers[k].cand[i];
				if (to == old)
					continue;
				assign[k] = to;
				model_eval(m, assign, &ev, NULL);
				if (ev.feasible && ev.total < value -
				    1e-9 * fmax(1, fabs(value))) {
					value = ev.total;
					old = to;
					improved = 1;
				}
			}
			assign[k] = old;
		}
		if (!improved)
			break;
	}
	return value;
}

/* Tangents at the loads of an assignment: tight where the incumbent is. */
static int
tangents_at(struct kmilp *k, const int *assign, struct kerr *e)
{
	const struct model *m = k->m;
	double *x = mem_calloc((size_t)milp_ncols(k->lp) + 1, sizeof(double));
	int kk, i, cuts, rc;

	for (kk = 0; kk < m->nmovers; kk++)
		for (i = 0; i < m->movers[kk].ncand; i++)
			if (m->movers[kk].cand[i] == assign[kk])
				x[m->movers[kk].var0 + i] = 1;
	/* z = 0 everywhere: every term with a load gets its tangent. */
	rc = refine(k, x, &cuts, e);
	free(x);
	return rc;
}

static int
solve_model(struct kmilp *k, const struct kmilp_params *p,
    struct kmilp_result *r, struct kerr *e)
{
	const struct model *m = k->m;
	struct milp_params mp = p->mp;
	struct milp_result res;
	struct model_eval ev;
	struct timespec t0;
	double best = INFINITY, b;
	int *assign, cuts, converged = 0, rc = -1, i;

	clock_start(&t0);
	r->bound = -INFINITY;
	if (k->infeasible) {
		r->status = MILP_INFEASIBLE;
		r->bound = NAN;
		return 0;
	}
	assign = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	r->assign = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	/*
	 * The current placement, when feasible and made of the model's
	 * variables (so the sample can name it), is a first incumbent.
	 */
	model_current(m, assign);
	model_eval(m, assign, &ev, NULL);
	for (i = 0; i < m->nmovers && ev.feasible; i++)
		if (assign[i] < 0 ||
		    model_var_find(m, m->movers[i].pod, assign[i]) < 0)
			ev.feasible = 0;
	if (ev.feasible) {
		best = model_descent(m, assign, ev.total);
		memcpy(r->assign, assign, (size_t)m->nmovers * sizeof(int));
		r->has_solution = 1;
		if (tangents_at(k, assign, e) < 0)
			goto done;
	}
	for (;;) {
		if (p->mp.time_limit > 0) {
			mp.time_limit = p->mp.time_limit - clock_since(&t0);
			if (mp.time_limit <= 0)
				break;
		}
		/*
		 * Only solutions better than the incumbent: the MILP's value
		 * never exceeds the true one, so none that could improve on
		 * it is cut off, and branch and bound prunes with it.
		 */
		mp.has_cutoff = r->has_solution;
		mp.cutoff = best;
		if (milp_solve(k->lp, &mp, &res, e) < 0)
			goto done;
		r->rounds++;
		if (res.status == MILP_INFEASIBLE && r->has_solution) {
			/* Nothing better than the incumbent: it is optimal. */
			r->bound = best;
			converged = 1;
			free(res.x);
			break;
		}
		if (res.status == MILP_INFEASIBLE ||
		    res.status == MILP_UNBOUNDED) {
			/* The same constraints as the model's: its answer. */
			r->status = res.status;
			r->bound = NAN;
			free(res.x);
			rc = 0;
			goto done;
		}
		if (res.status == MILP_FAILED) {
			free(res.x);
			kerr_set(e, "milp: lp_solve failed");
			goto done;
		}
		/* Every round's MILP under-estimates the model: its bound
		 * holds, and later rounds only tighten it. */
		b = solve_bound(&res, &p->mp, 0);
		if (!isnan(b) && b > r->bound)
			r->bound = b;
		if (res.x == NULL)
			break;
		solution_assign(m, res.x, assign);
		model_eval(m, assign, &ev, NULL);
		if (ev.total < best) {
			best = ev.total;
			memcpy(r->assign, assign, (size_t)m->nmovers *
			    sizeof(int));
			r->has_solution = 1;
		}
		if (refine(k, res.x, &cuts, e) < 0) {
			free(res.x);
			goto done;
		}
		r->cuts += cuts;
		if (p->round != NULL)
			p->round(p->mp.ctx, r->rounds, clock_since(&t0), best,
			    r->bound, cuts);
		if (res.status != MILP_OPTIMAL) {
			free(res.x);
			break;
		}
		free(res.x);
		if (cuts == 0) {
			converged = 1;
			break;
		}
		if ((p->mp.stop != NULL && *p->mp.stop) ||
		    r->rounds >= p->max_rounds)
			break;
	}
	if (r->has_solution) {
		r->energy = best;
		r->status = converged ? MILP_OPTIMAL : MILP_FEASIBLE;
	} else
		r->status = MILP_TIMEOUT;
	if (isinf(r->bound))
		r->bound = NAN;
	/* The bound cannot exceed a value the model reaches. */
	if (r->has_solution && r->bound > best)
		r->bound = best;
	rc = 0;
done:
	free(assign);
	return rc;
}

int
kmilp_solve(struct kmilp *k, const struct kmilp_params *p,
    struct kmilp_result *r, struct kerr *e)
{
	struct timespec t0;
	int rc;

	memset(r, 0, sizeof(*r));
	r->bound = NAN;
	r->gap = NAN;
	clock_start(&t0);
	rc = k->q != NULL ? solve_qubo(k, p, r, e) : solve_model(k, p, r, e);
	if (rc == 0 && r->has_solution && !isnan(r->bound)) {
		r->gap = kmilp_gap(r->energy, r->bound);
		/* lp_solve's value of an optimum may differ from the exact
		 * energy in the last digit: write the bound as proven. */
		if (r->gap == 0)
			r->bound = r->energy;
	}
	r->seconds = clock_since(&t0);
	if (rc < 0)
		kmilp_result_release(r);
	return rc;
}

/* Bits of one slack in variable order: powers of two, then the rest. */
static void
slack_fill(unsigned char *x, const int *vars, const double *val, int n,
    double target)
{
	double eps = 1e-9 * fmax(1, fabs(target));
	int i;

	if (n == 0)
		return;
	/*
	 * The last bit is the rest (room minus the powers) or the largest
	 * power: taking it first when it fits leaves a remainder the
	 * powers reach in binary, greedily from the largest.
	 */
	if (val[n - 1] <= target + eps) {
		x[vars[n - 1]] = 1;
		target -= val[n - 1];
	}
	for (i = n - 2; i >= 0; i--)
		if (val[i] <= target + eps) {
			x[vars[i]] = 1;
			target -= val[i];
		}
}

void
kmilp_qubo_state(const struct model *m, const struct qubo *q,
    const int *assign, unsigned char *x)
{
	const struct cluster *c = m->c;
	double *load, *val;
	int *vars, i, kk, n, r, cur = -1, curres = -1, nb = 0;
	char node[256], res[256];
	double v;

	memset(x, 0, (size_t)q->n);
	for (kk = 0; kk < m->nmovers; kk++)
		for (i = 0; assign[kk] >= 0 && i < m->movers[kk].ncand; i++)
			if (m->movers[kk].cand[i] == assign[kk] &&
			    m->movers[kk].var0 + i < q->n)
				x[m->movers[kk].var0 + i] = 1;
	load = mem_calloc((size_t)c->nnodes * (size_t)c->nres + 1,
	    sizeof(double));
	{
		struct model_eval ev;

		model_eval(m, assign, &ev, load);
	}
	vars = mem_calloc((size_t)q->n + 1, sizeof(int));
	val = mem_calloc((size_t)q->n + 1, sizeof(double));
	for (i = 0; i < q->n; i++) {
		if (q->names == NULL || q->names[i] == NULL)
			continue;
		if (sscanf(q->names[i], "used %255s", node) == 1) {
			if ((n = cluster_node_find(c, node)) < 0)
				continue;
			for (kk = 0; kk < m->nmovers; kk++)
				if (assign[kk] == n)
					x[i] = 1;
			continue;
		}
		if (sscanf(q->names[i], "slack %255s %255s %lf", node, res,
		    &v) != 3)
			continue;
		n = cluster_node_find(c, node);
		r = cluster_res_find(c, res);
		if (n < 0 || r < 0)
			continue;
		if (n != cur || r != curres) {
			if (cur >= 0)
				slack_fill(x, vars, val, nb, c->nodes[cur].cap[
				    curres] - load[cur * c->nres + curres]);
			cur = n;
			curres = r;
			nb = 0;
		}
		vars[nb] = i;
		val[nb++] = v;
	}
	if (cur >= 0)
		slack_fill(x, vars, val, nb, c->nodes[cur].cap[curres] -
		    load[cur * c->nres + curres]);
	free(vars);
	free(val);
	free(load);
}
