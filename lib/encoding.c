/*
 * encoding.c: the QUBO of a placement model (see encoding.h): objective
 * terms, penalties with slack bits, and the kytos metadata.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "encoding.h"
#include "mem.h"
#include "number.h"

/* Slack of one capacity (node, resource). */
struct slack {
	int node, res;
	double g;		/* unit */
	double room;		/* (cap - fixed) / g */
	int first, nbits;	/* variables first .. first + nbits - 1 */
	double *bit;		/* bit values in units of g */
};

/* Variables grouped by node. */
struct bynode {
	int *start;		/* nnodes + 1 */
	int *vars;
};

struct enc {
	const struct model *m;
	const struct cluster *c;
	struct bynode bn;
	int *used;		/* nnodes: "used" variable or -1 */
	struct slack *sl;
	int nsl;
	int n;			/* all variables */
};

static void
bynode_init(struct enc *x)
{
	const struct model *m = x->m;
	int *fill, v, n;

	x->bn.start = mem_calloc((size_t)x->c->nnodes + 1, sizeof(int));
	x->bn.vars = mem_calloc((size_t)m->nvars, sizeof(int));
	fill = mem_calloc((size_t)x->c->nnodes, sizeof(int));
	for (v = 0; v < m->nvars; v++)
		x->bn.start[m->vars[v].node + 1]++;
	for (n = 0; n < x->c->nnodes; n++)
		x->bn.start[n + 1] += x->bn.start[n];
	for (v = 0; v < m->nvars; v++) {
		n = m->vars[v].node;
		x->bn.vars[x->bn.start[n] + fill[n]++] = v;
	}
	free(fill);
}

static int
integral(double v)
{
	return v == floor(v) && fabs(v) < 1e15;
}

static long long
gcd(long long a, long long b)
{
	long long t;

	while (b != 0) {
		t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Plan the slack of (n, r), or return 0 when the capacity cannot bind. */
static int
slack_plan(struct enc *x, int n, int r, struct slack *s)
{
	const struct cluster *c = x->c;
	double cap = c->nodes[n].cap[r], fixed = x->m->fixed[n * c->nres + r];
	double total = fixed, room = cap - fixed, q, sum, w;
	long long g = 0;
	int k, v, exact = integral(room);

	for (k = x->bn.start[n]; k < x->bn.start[n + 1]; k++) {
		v = x->bn.vars[k];
		q = c->pods[x->m->vars[v].pod].req[r];
		total += q;
		if (q > 0 && integral(q))
			g = gcd(g, (long long)q);
		else if (q > 0)
			exact = 0;
	}
	if (total <= cap)
		return 0;
	memset(s, 0, sizeof(*s));
	s->node = n;
	s->res = r;
	if (exact && room > 0)
		g = gcd(g, (long long)room);
	if (exact && g > 0) {
		s->g = (double)g;
		s->room = room / (double)g;
	} else {
		s->g = room > 0 ? room / 1024 : 1;
		s->room = room > 0 ? 1024 : 0;
	}
	/* Bounded binary: 1, 2, 4, … then the rest, so the bits reach
	 * exactly room and nothing beyond it. */
	s->bit = mem_calloc(64, sizeof(double));
	for (sum = 0, w = 1; sum + w <= s->room; w *= 2) {
		s->bit[s->nbits++] = w;
		sum += w;
	}
	if (sum < s->room)
		s->bit[s->nbits++] = s->room - sum;
	return 1;
}

static void
plan(struct enc *x, struct encoding_info *info)
{
	const struct cluster *c = x->c;
	struct slack s;
	int n, r;

	x->n = x->m->nvars;
	x->used = mem_calloc((size_t)c->nnodes, sizeof(int));
	for (n = 0; n < c->nnodes; n++) {
		x->used[n] = -1;
		if (x->m->opt.objective == MODEL_PACK &&
		    x->bn.start[n + 1] > x->bn.start[n] &&
		    x->m->nfixed[n] == 0) {
			x->used[n] = x->n++;
			info->nused++;
		}
	}
	for (n = 0; n < c->nnodes; n++)
		for (r = 0; r < c->nres; r++) {
			if (x->bn.start[n + 1] == x->bn.start[n] ||
			    !slack_plan(x, n, r, &s))
				continue;
			s.first = x->n;
			x->n += s.nbits;
			info->nslack += s.nbits;
			x->sl = mem_realloc(x->sl, (size_t)x->nsl + 1,
			    sizeof(*x->sl));
			x->sl[x->nsl++] = s;
		}
	info->ncapacity = x->nsl;
}

/* Latency of pod p on node n to service s: the model's mean. */
static void
add_latency(struct enc *x, struct qubo *q, int v, double w, int s)
{
	const struct model *m = x->m;
	const struct cluster *c = x->c;
	int k, p = m->vars[v].pod, zn = c->nodes[m->vars[v].node].zidx;
	int qq, cnt = 0, u, j;
	const struct model_mover *mv;

	for (k = m->svc_start[s]; k < m->svc_start[s + 1]; k++)
		cnt += m->svc_pods[k] != p;
	if (cnt == 0)
		return;
	w /= cnt;
	for (k = m->svc_start[s]; k < m->svc_start[s + 1]; k++) {
		qq = m->svc_pods[k];
		if (qq == p)
			continue;
		if (m->role[qq] == MODEL_FIXED) {
			qubo_add(q, v, v, w * c->lat[zn * c->nzones +
			    c->nodes[c->pods[qq].node].zidx]);
			continue;
		}
		mv = &m->movers[m->mover_of[qq]];
		for (j = 0; j < mv->ncand; j++) {
			u = mv->var0 + j;
			qubo_add(q, v, u, w * c->lat[zn * c->nzones +
			    c->nodes[mv->cand[j]].zidx]);
		}
	}
}

/* The objective, constant included, into q (sized). */
static void
objective(struct enc *x, struct qubo *q, double *konst)
{
	const struct model *m = x->m;
	const struct cluster *c = x->c;
	const struct cluster_pod *pod;
	int n, r, a, b, u, v, s, *cnt;
	double cap, f, k2, wlb = m->w[WEIGHT_LOAD_BALANCE];
	double waa = m->w[WEIGHT_ANTI_AFFINITY];
	size_t t;

	*konst = 0;
	cnt = mem_calloc((size_t)c->nservices + 1, sizeof(int));
	for (n = 0; n < c->nnodes; n++) {
		if (!c->nodes[n].alive)
			continue;
		if (m->opt.objective == MODEL_BALANCE) {
			for (r = 0; r < 2; r++) {
				cap = c->nodes[n].cap[r];
				if (cap <= 0)
					continue;
				k2 = wlb / (cap * cap);
				f = m->fixed[n * c->nres + r];
				*konst += k2 * f * f;
				for (a = x->bn.start[n]; a < x->bn.start[n + 1];
				    a++) {
					u = x->bn.vars[a];
					f = c->pods[m->vars[u].pod].req[r];
					qubo_add(q, u, u, k2 * (f * f + 2 * f *
					    m->fixed[n * c->nres + r]));
					for (b = a + 1; b < x->bn.start[n + 1];
					    b++) {
						v = x->bn.vars[b];
						qubo_add(q, u, v, 2 * k2 * f *
						    c->pods[m->vars[v].pod].
						    req[r]);
					}
				}
			}
		} else if (m->nfixed[n] > 0) {
			*konst += m->w[WEIGHT_COST] * c->nodes[n].cost;
		} else if (x->used[n] >= 0) {
			qubo_add(q, x->used[n], x->used[n],
			    m->w[WEIGHT_COST] * c->nodes[n].cost);
		}
		/* Anti-affinity: fixed pairs, fixed with movers, movers. */
		memset(cnt, 0, ((size_t)c->nservices + 1) * sizeof(int));
		for (s = 0; s < c->npods; s++)
			if (m->role[s] == MODEL_FIXED && c->pods[s].node == n &&
			    c->pods[s].svc >= 0)
				*konst += waa * cnt[c->pods[s].svc]++;
		for (a = x->bn.start[n]; a < x->bn.start[n + 1]; a++) {
			u = x->bn.vars[a];
			s = c->pods[m->vars[u].pod].svc;
			if (s < 0)
				continue;
			if (cnt[s] > 0)
				qubo_add(q, u, u, waa * cnt[s]);
			for (b = a + 1; b < x->bn.start[n + 1]; b++) {
				v = x->bn.vars[b];
				if (c->pods[m->vars[v].pod].svc == s)
					qubo_add(q, u, v, waa);
			}
		}
	}
	free(cnt);
	for (v = 0; v < m->nvars; v++) {
		pod = &c->pods[m->vars[v].pod];
		n = m->vars[v].node;
		if (pod->node >= 0 && pod->node != n)
			qubo_add(q, v, v, m->w[WEIGHT_MOVE_COST] *
			    pod->move_cost);
		qubo_add(q, v, v, -m->movers[m->vars[v].mover].reward);
		if (m->w[WEIGHT_STARTUP] != 0 && pod->image != NULL &&
		    !cluster_node_has_image(c, n, pod->image))
			qubo_add(q, v, v, m->w[WEIGHT_STARTUP]);
		if (m->w[WEIGHT_LATENCY] != 0)
			for (t = 0; t < pod->ntalks; t++)
				add_latency(x, q, v, m->w[WEIGHT_LATENCY],
				    pod->talks_to[t]);
	}
}

/* A * (sum of vars - 1)^2, or A * pairs for at most one. */
static void
pen_groups(struct enc *x, struct qubo *q, double A, double *konst)
{
	const struct model *m = x->m;
	const struct model_mover *mv;
	int i, a, b, one = m->opt.mode != MODEL_RECOVERY;

	for (i = 0; i < m->nmovers; i++) {
		mv = &m->movers[i];
		if (mv->ncand == 0)
			continue;
		if (one)
			*konst += A;
		for (a = 0; a < mv->ncand; a++) {
			if (one)
				qubo_add(q, mv->var0 + a, mv->var0 + a, -A);
			for (b = a + 1; b < mv->ncand; b++)
				qubo_add(q, mv->var0 + a, mv->var0 + b,
				    one ? 2 * A : A);
		}
	}
}

/* A * (x - x y) for each mover variable on a node with a used bit. */
static void
pen_used(struct enc *x, struct qubo *q, double A)
{
	int n, a, u;

	for (n = 0; n < x->c->nnodes; n++) {
		if (x->used[n] < 0)
			continue;
		for (a = x->bn.start[n]; a < x->bn.start[n + 1]; a++) {
			u = x->bn.vars[a];
			qubo_add(q, u, u, A);
			qubo_add(q, u, x->used[n], -A);
		}
	}
}

/* A * (sum a_i y_i - T)^2 over the node's variables and slack bits. */
static void
pen_capacity(struct enc *x, struct qubo *q, double A, double *konst)
{
	const struct cluster *c = x->c;
	const struct slack *s;
	int i, a, b, k, n, na, *var;
	double *co, T;

	for (i = 0; i < x->nsl; i++) {
		s = &x->sl[i];
		n = s->node;
		na = x->bn.start[n + 1] - x->bn.start[n] + s->nbits;
		var = mem_calloc((size_t)na, sizeof(int));
		co = mem_calloc((size_t)na, sizeof(double));
		k = 0;
		for (a = x->bn.start[n]; a < x->bn.start[n + 1]; a++) {
			var[k] = x->bn.vars[a];
			co[k] = c->pods[x->m->vars[var[k]].pod].req[s->res] /
			    s->g;
			k++;
		}
		for (a = 0; a < s->nbits; a++) {
			var[k] = s->first + a;
			co[k] = s->bit[a];
			k++;
		}
		T = s->room;
		*konst += A * T * T;
		for (a = 0; a < na; a++) {
			if (co[a] == 0)
				continue;
			qubo_add(q, var[a], var[a], A * (co[a] * co[a] -
			    2 * T * co[a]));
			for (b = a + 1; b < na; b++)
				if (co[b] != 0)
					qubo_add(q, var[a], var[b], 2 * A *
					    co[a] * co[b]);
		}
		free(var);
		free(co);
	}
}

static void
metadata(struct enc *x, struct qubo *q, double A, double konst)
{
	const struct model *m = x->m;
	const struct cluster *c = x->c;
	const struct model_mover *mv;
	char a[32], hex[17], *line = NULL, buf[64];
	size_t len = 0, cap = 0, need;
	int i, k, v;

	qubo_meta_add(q, "kytos mode=%s objective=%s cluster=%s "
	    "candidates=%d penalty=%s", model_mode_name(m->opt.mode),
	    model_objective_name(m->opt.objective),
	    cluster_digest_hex(c, hex), m->opt.candidates,
	    number_format(a, A));
	for (k = 0; k < WEIGHT_COUNT; k++)
		qubo_meta_add(q, "kytos w.%s=%s", cluster_weight_name(k),
		    number_format(a, m->w[k]));
	qubo_meta_add(q, "offset %s", number_format(a, konst));
	for (v = 0; v < m->nvars; v++)
		qubo_meta_add(q, "var %d place %s %s", v,
		    c->pods[m->vars[v].pod].id, c->nodes[m->vars[v].node].id);
	for (k = 0; k < c->nnodes; k++)
		if (x->used[k] >= 0)
			qubo_meta_add(q, "var %d used %s", x->used[k],
			    c->nodes[k].id);
	for (i = 0; i < x->nsl; i++)
		for (k = 0; k < x->sl[i].nbits; k++)
			qubo_meta_add(q, "var %d slack %s %s %s",
			    x->sl[i].first + k, c->nodes[x->sl[i].node].id,
			    c->res[x->sl[i].res],
			    number_format(a, x->sl[i].bit[k] * x->sl[i].g));
	for (i = 0; i < m->nmovers; i++) {
		mv = &m->movers[i];
		if (mv->ncand == 0)
			continue;
		len = 0;
		for (k = 0; k < mv->ncand; k++) {
			snprintf(buf, sizeof(buf), " %d", mv->var0 + k);
			need = len + strlen(buf) + 1;
			if (need > cap) {
				cap = 2 * need;
				line = mem_realloc(line, cap, 1);
			}
			memcpy(line + len, buf, strlen(buf) + 1);
			len += strlen(buf);
		}
		qubo_meta_add(q, "%s%s", m->opt.mode == MODEL_RECOVERY ?
		    "atmostone" : "onehot", line);
	}
	free(line);
}

int
encoding_build(struct qubo *q, const struct model *m, double penalty,
    struct encoding_info *info, struct kerr *e)
{
	struct enc x;
	struct qubo obj;
	double konst, pk = 0, range = 0, A;
	size_t k;
	int i, rc = -1;

	memset(&x, 0, sizeof(x));
	memset(info, 0, sizeof(*info));
	x.m = m;
	x.c = m->c;
	qubo_init(&obj);
	bynode_init(&x);
	plan(&x, info);
	info->nplace = m->nvars;
	if (qubo_resize(&obj, x.n, e) < 0 || qubo_resize(q, x.n, e) < 0)
		goto out;
	objective(&x, &obj, &konst);
	if (qubo_finish(&obj, e) < 0)
		goto out;
	for (i = 0; i < obj.n; i++)
		range += fabs(obj.diag[i]);
	for (k = 0; k < obj.nc; k++)
		range += fabs(obj.c[k].w);
	if (!isfinite(range) || !isfinite(konst)) {
		kerr_set(e, "numbers too large for the QUBO");
		goto out;
	}
	A = penalty > 0 ? penalty : ceil(range) + 1;
	info->penalty = A;
	for (i = 0; i < obj.n; i++)
		if (obj.has_diag[i])
			qubo_add(q, i, i, obj.diag[i]);
	for (k = 0; k < obj.nc; k++)
		qubo_add(q, obj.c[k].i, obj.c[k].j, obj.c[k].w);
	pen_groups(&x, q, A, &pk);
	pen_used(&x, q, A);
	pen_capacity(&x, q, A, &pk);
	metadata(&x, q, A, konst + pk);
	rc = qubo_finish(q, e);
out:
	qubo_release(&obj);
	free(x.bn.start);
	free(x.bn.vars);
	free(x.used);
	for (i = 0; i < x.nsl; i++)
		free(x.sl[i].bit);
	free(x.sl);
	return rc;
}
