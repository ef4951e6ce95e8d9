/*
 * plan.c: decode a sample into a checked, repaired and ordered plan (see
 * plan.h), and write it as plan JSON or Kubernetes objects.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "plan.h"

/* The load a partial assignment puts on the nodes, for greedy repairs. */
struct state {
	const struct model *m;
	double *load;		/* nnodes * nres */
	int *npods;		/* nnodes: pods counted there */
	int *svc;		/* nnodes * nservices: pods of each service */
};

static void
state_init(struct state *st, const struct model *m)
{
	const struct cluster *c = m->c;
	int p, n, ns = c->nservices > 0 ? c->nservices : 1;

	st->m = m;
	st->load = mem_calloc((size_t)c->nnodes * (size_t)c->nres,
	    sizeof(double));
	memcpy(st->load, m->fixed, (size_t)c->nnodes * (size_t)c->nres *
	    sizeof(double));
	st->npods = mem_calloc((size_t)c->nnodes, sizeof(int));
	memcpy(st->npods, m->nfixed, (size_t)c->nnodes * sizeof(int));
	st->svc = mem_calloc((size_t)c->nnodes * (size_t)ns, sizeof(int));
	for (p = 0; p < c->npods; p++)
		if (m->role[p] == MODEL_FIXED && c->pods[p].svc >= 0) {
			n = c->pods[p].node;
			st->svc[n * c->nservices + c->pods[p].svc]++;
		}
}

static void
state_release(struct state *st)
{
	free(st->load);
	free(st->npods);
	free(st->svc);
}

/* Add (sign 1) or remove (sign -1) pod p on node n. */
static void
state_put(struct state *st, int p, int n, int sign)
{
	const struct cluster *c = st->m->c;
	int r;

	for (r = 0; r < c->nres; r++)
		st->load[n * c->nres + r] += sign * c->pods[p].req[r];
	st->npods[n] += sign;
	if (c->pods[p].svc >= 0)
		st->svc[n * c->nservices + c->pods[p].svc] += sign;
}

/* Does pod p fit on node n beside the load?  (Capacities only.) */
static int
state_fits(const struct state *st, int p, int n)
{
	const struct cluster *c = st->m->c;
	int r;

	for (r = 0; r < c->nres; r++)
		if (st->load[n * c->nres + r] + c->pods[p].req[r] >
		    c->nodes[n].cap[r])
			return 0;
	return 1;
}

/* The first resource over capacity on node n, or -1. */
static int
state_over(const struct state *st, int n)
{
	const struct cluster *c = st->m->c;
	int r;

	for (r = 0; r < c->nres; r++)
		if (st->load[n * c->nres + r] > c->nodes[n].cap[r])
			return r;
	return -1;
}

/*
 * The objective's change when mover k (not in the state) is put on node
 * n: the marginal terms of model_eval, without latency.
 */
static double
state_delta(const struct state *st, int k, int n)
{
	const struct model *m = st->m;
	const struct cluster *c = m->c;
	const struct cluster_pod *pod = &c->pods[m->movers[k].pod];
	double d = -m->movers[k].reward, cap, l;
	int r;

	if (m->opt.objective == MODEL_PACK) {
		if (st->npods[n] == 0)
			d += m->w[WEIGHT_COST] * c->nodes[n].cost;
	} else {
		for (r = 0; r < 2; r++) {
			cap = c->nodes[n].cap[r];
			l = st->load[n * c->nres + r];
			if (cap > 0)
				d += m->w[WEIGHT_LOAD_BALANCE] *
				    ((l + pod->req[r]) * (l + pod->req[r]) -
				    l * l) / (cap * cap);
		}
	}
	if (pod->node >= 0 && pod->node != n)
		d += m->w[WEIGHT_MOVE_COST] * pod->move_cost;
	if (pod->svc >= 0)
		d += m->w[WEIGHT_ANTI_AFFINITY] *
		    st->svc[n * c->nservices + pod->svc];
	if (pod->image != NULL && !cluster_node_has_image(c, n, pod->image))
		d += m->w[WEIGHT_STARTUP];
	return d;
}

/*
 * The candidate of mover k with room and the least marginal cost, other
 * than node skip; -1 if none has room.
 */
static int
state_best(const struct state *st, int k, int skip, double *cost)
{
	const struct model_mover *mv = &st->m->movers[k];
	double d;
	int i, n, best = -1;

	for (i = 0; i < mv->ncand; i++) {
		n = mv->cand[i];
		if (n == skip || !state_fits(st, mv->pod, n))
			continue;
		d = state_delta(st, k, n);
		if (best < 0 || d < *cost) {
			best = n;
			*cost = d;
		}
	}
	return best;
}

int
plan_options(struct model_options *o, const struct sample_set *s,
    const struct cluster *c, const char *cname, int mode, struct kerr *e)
{
	char digest[17];
	const char *v;

	if (s->nkytos == 0)
		return kerr_set(e, "meta: kytos: missing: the sample was not "
		    "made from a kytos QUBO");
	if (model_options_kytos(o, s->kytos, s->nkytos, e) < 0)
		return kerr_prefix(e, "meta");
	if (mode >= 0 && (int)o->mode != mode)
		return kerr_set(e, "meta: kytos: mode: the sample is for '%s', "
		    "not '%s'", model_mode_name(o->mode),
		    model_mode_name((enum model_mode)mode));
	if ((v = sample_set_kytos(s, "cluster")) == NULL)
		return kerr_set(e, "meta: kytos: cluster: missing");
	cluster_digest_hex(c, digest);
	if (strcmp(v, digest) != 0)
		return kerr_set(e, "meta: kytos: cluster: the sample was made "
		    "from cluster %s, not from '%s' (%s)", v, cname, digest);
	return 0;
}

/*
 * Into *v the model variable named by the sample's k-th one, or -1 for a
 * helper variable (slack bits, used flags): by name when the sample has
 * names, else by index (the place variables come first, in model order).
 */
static int
one_var(const struct model *m, const struct sample_set *s, size_t k,
    int *v, struct kerr *e)
{
	const struct cluster *c = m->c;
	const char *name, *sp;
	char pod[256];
	int p, n;

	*v = -1;
	if (s->names == NULL) {
		if (s->ones[k] < m->nvars)
			*v = s->ones[k];
		return 0;
	}
	if ((name = s->names[k]) == NULL || strncmp(name, "place ", 6) != 0)
		return 0;
	if ((sp = strchr(name + 6, ' ')) == NULL ||
	    (size_t)(sp - name - 6) >= sizeof(pod))
		return kerr_set(e, "names[%zu]: malformed variable '%s'", k,
		    name);
	memcpy(pod, name + 6, (size_t)(sp - name - 6));
	pod[sp - name - 6] = '\0';
	if ((p = cluster_pod_find(c, pod)) < 0)
		return kerr_set(e, "names[%zu]: unknown pod '%s'", k, pod);
	if ((n = cluster_node_find(c, sp + 1)) < 0)
		return kerr_set(e, "names[%zu]: unknown node '%s'", k, sp + 1);
	if ((*v = model_var_find(m, p, n)) < 0)
		return kerr_set(e, "names[%zu]: '%s' is not a variable of the "
		    "%s model", k, name, model_mode_name(m->opt.mode));
	return 0;
}

static void
repair_add(struct plan *pl, int k, int to, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
repair_add(struct plan *pl, int k, int to, const char *fmt, ...)
{
	struct plan_repair *r;
	va_list ap;

	pl->repairs = mem_realloc(pl->repairs, (size_t)pl->nrepairs + 1,
	    sizeof(*pl->repairs));
	r = &pl->repairs[pl->nrepairs++];
	r->mover = k;
	r->to = to;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

/* Step 1: a pod set on several nodes keeps one (see plan.h). */
static void
repair_multi(struct plan *pl, struct state *st, int k, const int *set,
    int nset)
{
	const struct cluster *c = pl->m->c;
	char list[96];
	double d, best = 0;
	int i, fit, bestfit = 0, n = -1;
	size_t len = 0;

	list[0] = '\0';
	for (i = 0; i < nset; i++) {
		fit = state_fits(st, pl->m->movers[k].pod, set[i]);
		d = state_delta(st, k, set[i]);
		if (n < 0 || fit > bestfit || (fit == bestfit && d < best)) {
			n = set[i];
			best = d;
			bestfit = fit;
		}
		if (len < sizeof(list))
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%s%s", i ? ", " : "", c->nodes[set[i]].id);
	}
	pl->after[k] = n;
	state_put(st, pl->m->movers[k].pod, n, 1);
	repair_add(pl, k, n, "on %d nodes: %s", nset, list);
}

/* The mover on node n using resource r to unplace when nothing can
 * leave: lowest priority, then the last in pod order. */
static int
victim(const struct plan *pl, int n, int r)
{
	const struct cluster *c = pl->m->c;
	int k, v = -1;

	for (k = 0; k < pl->m->nmovers; k++)
		if (pl->after[k] == n &&
		    c->pods[pl->m->movers[k].pod].req[r] > 0 && (v < 0 ||
		    c->pods[pl->m->movers[k].pod].priority <=
		    c->pods[pl->m->movers[v].pod].priority))
			v = k;
	return v;
}

/* Step 2: empty every overloaded node down to its capacity. */
static void
repair_overload(struct plan *pl, struct state *st)
{
	const struct model *m = pl->m;
	const struct cluster *c = m->c;
	double here, cost = 0, bestcost = 0;
	int n, r, k, t, bk, bt;

	for (n = 0; n < c->nnodes; n++) {
		while ((r = state_over(st, n)) >= 0) {
			bk = bt = -1;
			for (k = 0; k < m->nmovers; k++) {
				/* Only a pod using the resource helps. */
				if (pl->after[k] != n ||
				    c->pods[m->movers[k].pod].req[r] <= 0)
					continue;
				state_put(st, m->movers[k].pod, n, -1);
				here = state_delta(st, k, n);
				t = state_best(st, k, n, &cost);
				state_put(st, m->movers[k].pod, n, 1);
				if (t >= 0 && (bk < 0 ||
				    cost - here < bestcost)) {
					bk = k;
					bt = t;
					bestcost = cost - here;
				}
			}
			if (bk < 0 && (bk = victim(pl, n, r)) < 0)
				break;	/* fixed load alone is over */
			state_put(st, m->movers[bk].pod, n, -1);
			pl->after[bk] = bt;
			if (bt >= 0)
				state_put(st, m->movers[bk].pod, bt, 1);
			repair_add(pl, bk, bt, "%s over %s", c->nodes[n].id,
			    c->res[r]);
		}
	}
}

static int
cmp_priority(const void *a, const void *b, const struct model *m)
{
	double x = m->c->pods[m->movers[*(const int *)a].pod].priority;
	double y = m->c->pods[m->movers[*(const int *)b].pod].priority;

	if (x != y)
		return x > y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

/*
 * The lower-priority movers to take off node n so that mover k fits
 * there, lowest priority first (then the last in pod order), into out;
 * returns how many, or -1 when even all of them leave too little room.
 * The state is left as it was.
 */
static int
preempt_set(struct plan *pl, struct state *st, int k, int n, int *out)
{
	const struct model *m = pl->m;
	const struct cluster *c = m->c;
	double prio = c->pods[m->movers[k].pod].priority, lo;
	int q, v, nout = 0, i;

	while (!state_fits(st, m->movers[k].pod, n)) {
		v = -1;
		lo = prio;
		for (q = 0; q < m->nmovers; q++)
			if (pl->after[q] == n &&
			    c->pods[m->movers[q].pod].priority < prio &&
			    (v < 0 || c->pods[m->movers[q].pod].priority <=
			    lo)) {
				v = q;
				lo = c->pods[m->movers[q].pod].priority;
			}
		if (v < 0)
			break;
		out[nout++] = v;
		state_put(st, m->movers[v].pod, n, -1);
		pl->after[v] = -2;	/* taken off, for this search */
	}
	q = state_fits(st, m->movers[k].pod, n);
	for (i = 0; i < nout; i++) {
		pl->after[out[i]] = n;
		state_put(st, m->movers[out[i]].pod, n, 1);
	}
	return q ? nout : -1;
}

/*
 * Make room for mover k by taking lower-priority movers off one of its
 * candidates (the one needing fewest), as kube-scheduler preempts; they
 * go where they fit, else are unplaced.  Returns the node, or -1.
 */
static int
preempt(struct plan *pl, struct state *st, int k)
{
	const struct model *m = pl->m;
	const struct model_mover *mv = &m->movers[k];
	int *set, *best, i, n, cnt, nbest = -1, t = -1, q, to;
	double cost = 0;

	set = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	best = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	for (i = 0; i < mv->ncand; i++) {
		n = mv->cand[i];
		cnt = preempt_set(pl, st, k, n, set);
		if (cnt >= 0 && (nbest < 0 || cnt < nbest)) {
			nbest = cnt;
			t = n;
			memcpy(best, set, (size_t)cnt * sizeof(int));
		}
	}
	if (t >= 0) {
		for (i = 0; i < nbest; i++)
			state_put(st, m->movers[best[i]].pod, t, -1);
		pl->after[k] = t;
		state_put(st, mv->pod, t, 1);
		for (i = 0; i < nbest; i++) {
			q = best[i];
			to = state_best(st, q, t, &cost);
			pl->after[q] = to;
			if (to >= 0)
				state_put(st, m->movers[q].pod, to, 1);
			repair_add(pl, q, to, "preempted by %s",
			    m->c->pods[mv->pod].id);
		}
	}
	free(set);
	free(best);
	return t;
}

/*
 * Make room for mover k on one of its candidates by moving one pod from
 * there to another node with room, the cheapest such pair; returns the
 * node, or -1.
 */
static int
make_room(struct plan *pl, struct state *st, int k)
{
	const struct model *m = pl->m;
	const struct model_mover *mv = &m->movers[k];
	double d, here, cost = 0, best = 0;
	int i, n, q, t, bn = -1, bq = -1, bt = -1;

	for (i = 0; i < mv->ncand; i++) {
		n = mv->cand[i];
		for (q = 0; q < m->nmovers; q++) {
			if (pl->after[q] != n)
				continue;
			state_put(st, m->movers[q].pod, n, -1);
			if (state_fits(st, mv->pod, n)) {
				here = state_delta(st, q, n);
				d = state_delta(st, k, n);
				state_put(st, mv->pod, n, 1);
				t = state_best(st, q, n, &cost);
				state_put(st, mv->pod, n, -1);
				if (t >= 0 && (bn < 0 ||
				    d + cost - here < best)) {
					bn = n;
					bq = q;
					bt = t;
					best = d + cost - here;
				}
			}
			state_put(st, m->movers[q].pod, n, 1);
		}
	}
	if (bn < 0)
		return -1;
	state_put(st, m->movers[bq].pod, bn, -1);
	pl->after[k] = bn;
	state_put(st, mv->pod, bn, 1);
	pl->after[bq] = bt;
	state_put(st, m->movers[bq].pod, bt, 1);
	repair_add(pl, bq, bt, "made room for %s", m->c->pods[mv->pod].id);
	return bn;
}

/* Step 3: place the pods on no node, highest priority first. */
static void
repair_unplaced(struct plan *pl, struct state *st)
{
	const struct model *m = pl->m;
	const char *why;
	int *order, i, j, k, t, no = 0;
	double cost = 0;

	order = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	for (k = 0; k < m->nmovers; k++)
		if (pl->after[k] < 0 && m->movers[k].ncand > 0)
			order[no++] = k;
	/* Insertion sort: stable, and the lists are short. */
	for (i = 1; i < no; i++)
		for (j = i; j > 0 && cmp_priority(&order[j - 1], &order[j],
		    m) > 0; j--) {
			k = order[j];
			order[j] = order[j - 1];
			order[j - 1] = k;
		}
	for (i = 0; i < no; i++) {
		k = order[i];
		why = m->opt.mode == MODEL_RECOVERY ? "dropped but fits" :
		    "on no node";
		t = state_best(st, k, -1, &cost);
		if (t >= 0) {
			pl->after[k] = t;
			state_put(st, m->movers[k].pod, t, 1);
		} else if ((t = make_room(pl, st, k)) >= 0) {
			/* one pod moved over for it: listed */
		} else if ((t = preempt(pl, st, k)) >= 0) {
			why = m->opt.mode == MODEL_RECOVERY ?
			    "dropped but outranks pods that fit" :
			    "on no node, room made by preemption";
		}
		if (t >= 0 || m->opt.mode != MODEL_RECOVERY)
			repair_add(pl, k, t, "%s", why);
	}
	free(order);
}

/* Why each unplaced mover is unplaced (DESIGN section 6). */
static void
reasons(struct plan *pl)
{
	const struct model *m = pl->m;
	const struct cluster *c = m->c;
	double top = -1;
	int k;

	for (k = 0; k < m->nmovers; k++)
		if (pl->after[k] >= 0 &&
		    c->pods[m->movers[k].pod].priority > top)
			top = c->pods[m->movers[k].pod].priority;
	for (k = 0; k < m->nmovers; k++) {
		if (pl->after[k] >= 0)
			continue;
		if (m->movers[k].ncand == 0)
			pl->reason[k] = m->movers[k].reason;
		else if (m->opt.mode == MODEL_RECOVERY &&
		    c->pods[m->movers[k].pod].priority < top)
			pl->reason[k] = "priority";
		else
			pl->reason[k] = "capacity";
	}
}

static void
move_add(struct plan *pl, int k, int from, int to, int temporary)
{
	struct plan_move *mv;

	pl->moves = mem_realloc(pl->moves, (size_t)pl->nmoves + 1,
	    sizeof(*pl->moves));
	mv = &pl->moves[pl->nmoves++];
	mv->step = pl->nmoves;
	mv->mover = k;
	mv->from = from;
	mv->to = to;
	mv->temporary = temporary;
}

/*
 * A live, schedulable node other than a and b where pod p fits now, the
 * one left with the most free CPU (then the lowest index); -1 if none.
 */
static int
hop_node(const struct state *st, int p, int a, int b)
{
	const struct cluster *c = st->m->c;
	double freecpu, best = 0;
	int n, h = -1;

	for (n = 0; n < c->nnodes; n++) {
		if (n == a || n == b || !c->nodes[n].alive ||
		    !c->nodes[n].schedulable || !state_fits(st, p, n))
			continue;
		freecpu = c->nodes[n].cap[CLUSTER_CPU] -
		    st->load[n * c->nres + CLUSTER_CPU];
		if (h < 0 || freecpu > best) {
			h = n;
			best = freecpu;
		}
	}
	return h;
}

/* Order the moves make-before-break (see plan.h). */
static void
order_moves(struct plan *pl)
{
	const struct model *m = pl->m;
	const struct cluster *c = m->c;
	struct state st;
	int *from, *pending, *hopped, np = 0, i, j, k, p, h, progress;

	state_init(&st, m);
	from = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	hopped = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	pending = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	for (k = 0; k < m->nmovers; k++) {
		p = m->movers[k].pod;
		from[k] = c->pods[p].node;
		if (pl->before[k] >= 0)
			state_put(&st, p, pl->before[k], 1);
		if (from[k] >= 0 && pl->after[k] >= 0 &&
		    pl->after[k] != from[k])
			pending[np++] = k;
	}
	while (np > 0) {
		progress = 0;
		for (i = 0; i < np; i++) {
			k = pending[i];
			p = m->movers[k].pod;
			if (!state_fits(&st, p, pl->after[k]))
				continue;
			state_put(&st, p, pl->after[k], 1);
			if (c->nodes[from[k]].alive)
				state_put(&st, p, from[k], -1);
			move_add(pl, k, from[k], pl->after[k], 0);
			for (j = i; j + 1 < np; j++)
				pending[j] = pending[j + 1];
			np--;
			i--;
			progress = 1;
		}
		if (progress)
			continue;
		/*
		 * Stuck: route one waiting pod through a node with room.  A
		 * pod hops once at most, so that this ends.
		 */
		for (i = 0; i < np; i++) {
			k = pending[i];
			p = m->movers[k].pod;
			if (hopped[k])
				continue;
			h = hop_node(&st, p, from[k], pl->after[k]);
			if (h < 0)
				continue;
			state_put(&st, p, h, 1);
			if (c->nodes[from[k]].alive)
				state_put(&st, p, from[k], -1);
			move_add(pl, k, from[k], h, 1);
			from[k] = h;
			hopped[k] = 1;
			progress = 1;
			break;
		}
		if (progress)
			continue;
		/* No room anywhere: report them, break-before-make. */
		pl->cycle = mem_calloc((size_t)np, sizeof(int));
		for (i = 0; i < np; i++) {
			k = pending[i];
			pl->cycle[pl->ncycle++] = k;
			move_add(pl, k, from[k], pl->after[k], 0);
		}
		np = 0;
	}
	free(from);
	free(pending);
	free(hopped);
	state_release(&st);
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int
plan_decode(struct plan *pl, const struct model *m,
    const struct sample_set *s, struct kerr *e)
{
	struct state st;
	int *vars, *set, nv = 0, nset, i, j, k, v, n, nmulti = 0, nnone = 0;

	memset(pl, 0, sizeof(*pl));
	pl->m = m;
	snprintf(pl->solver, sizeof(pl->solver), "%s", s->solver);
	snprintf(pl->status, sizeof(pl->status), "%s", s->status);
	pl->has_energy = s->has_energy;
	pl->energy = s->energy;
	if (!s->has_energy)
		return kerr_set(e, "energy: the sample holds no solution "
		    "(status '%s')", s->status);
	vars = mem_calloc(s->nones + 1, sizeof(int));
	for (i = 0; (size_t)i < s->nones; i++) {
		if (one_var(m, s, (size_t)i, &v, e) < 0) {
			free(vars);
			return -1;
		}
		if (v >= 0)
			vars[nv++] = v;
	}
	qsort(vars, (size_t)nv, sizeof(int), cmp_int);
	/* Two names may name one variable: count it once. */
	for (i = j = 0; i < nv; i++)
		if (j == 0 || vars[j - 1] != vars[i])
			vars[j++] = vars[i];
	nv = j;

	pl->before = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	pl->after = mem_calloc((size_t)m->nmovers + 1, sizeof(int));
	pl->reason = mem_calloc((size_t)m->nmovers + 1, sizeof(char *));
	set = mem_calloc((size_t)m->c->nnodes + 1, sizeof(int));
	model_current(m, pl->before);
	for (k = 0; k < m->nmovers; k++)
		pl->after[k] = -1;
	state_init(&st, m);

	/* Pods on one node first, so that a pod on several chooses among
	 * nodes loaded with them. */
	for (i = 0; i < nv; i = j) {
		k = m->vars[vars[i]].mover;
		for (j = i; j < nv && m->vars[vars[j]].mover == k; j++)
			;
		if (j - i == 1) {
			n = m->vars[vars[i]].node;
			pl->after[k] = n;
			state_put(&st, m->movers[k].pod, n, 1);
		}
	}
	for (i = 0; i < nv; i = j) {
		k = m->vars[vars[i]].mover;
		nset = 0;
		for (j = i; j < nv && m->vars[vars[j]].mover == k; j++)
			set[nset++] = m->vars[vars[j]].node;
		if (j - i > 1) {
			nmulti++;
			repair_multi(pl, &st, k, set, nset);
		}
	}
	for (k = 0; k < m->nmovers; k++)
		if (pl->after[k] < 0 && m->movers[k].ncand > 0 &&
		    m->opt.mode != MODEL_RECOVERY)
			nnone++;
	i = pl->nrepairs;
	repair_overload(pl, &st);
	pl->feasible = nmulti == 0 && nnone == 0 && pl->nrepairs == i;
	repair_unplaced(pl, &st);
	reasons(pl);
	state_release(&st);
	free(set);
	free(vars);

	model_eval(m, pl->before, &pl->eb, NULL);
	model_eval(m, pl->after, &pl->ea, NULL);
	order_moves(pl);
	return 0;
}

void
plan_release(struct plan *pl)
{
	free(pl->before);
	free(pl->after);
	free(pl->reason);
	free(pl->moves);
	free(pl->cycle);
	free(pl->repairs);
	memset(pl, 0, sizeof(*pl));
}

static struct json *
objective_json(const struct model *m, const struct model_eval *ev)
{
	struct json *o = json_new_object();

	json_set_number(o, "total", ev->total);
	if (m->opt.objective == MODEL_PACK)
		json_set_number(o, "cost", ev->cost);
	else
		json_set_number(o, "load_balance", ev->load_balance);
	json_set_number(o, "move_cost", ev->move_cost);
	json_set_number(o, "anti_affinity", ev->anti_affinity);
	json_set_number(o, "desire", ev->desire);
	if (m->opt.mode == MODEL_PLACEMENT) {
		json_set_number(o, "latency", ev->latency);
		json_set_number(o, "startup", ev->startup);
	}
	return o;
}

static struct json *
state_json(const struct model *m, const struct model_eval *ev)
{
	struct json *o = json_new_object();

	json_set(o, "objective", objective_json(m, ev));
	json_set_number(o, "nodes_used", ev->nodes_used);
	json_set_number(o, "cpu_util_max", ev->cpu_util_max);
	json_set_number(o, "cpu_util_stddev", ev->cpu_util_stddev);
	json_set_number(o, "mem_util_max", ev->mem_util_max);
	json_set_number(o, "mem_util_stddev", ev->mem_util_stddev);
	json_set_number(o, "anti_affinity_violations",
	    ev->anti_affinity_violations);
	json_set_number(o, "capacity_violations", ev->capacity_violations);
	json_set_number(o, "placed", ev->placed);
	json_set_number(o, "unplaced", ev->unplaced);
	return o;
}

struct json *
plan_json(const struct plan *pl)
{
	const struct model *m = pl->m;
	const struct cluster *c = m->c;
	struct json *o, *a, *x;
	int i, k, p;

	o = json_new_object();
	json_set_string(o, "mode", model_mode_name(m->opt.mode));
	json_set_bool(o, "feasible", pl->feasible);
	json_set_string(o, "solver", pl->solver);
	json_set_string(o, "status", pl->status);
	json_set_number(o, "energy", pl->energy);
	json_set(o, "objective", objective_json(m, &pl->ea));
	json_set(o, "before", state_json(m, &pl->eb));
	json_set(o, "after", state_json(m, &pl->ea));

	a = json_set(o, "moves", json_new_array());
	for (i = 0; i < pl->nmoves; i++) {
		x = json_push(a, json_new_object());
		json_set_number(x, "step", pl->moves[i].step);
		json_set_string(x, "pod",
		    c->pods[m->movers[pl->moves[i].mover].pod].id);
		json_set_string(x, "from", c->nodes[pl->moves[i].from].id);
		json_set_string(x, "to", c->nodes[pl->moves[i].to].id);
		if (pl->moves[i].temporary)
			json_set_bool(x, "temporary", 1);
	}
	a = json_set(o, "stays", json_new_array());
	for (k = 0; k < m->nmovers; k++) {
		p = m->movers[k].pod;
		if (pl->after[k] >= 0 && pl->after[k] == c->pods[p].node)
			json_push(a, json_new_string(c->pods[p].id));
	}
	a = json_set(o, "placements", json_new_array());
	for (k = 0; k < m->nmovers; k++) {
		p = m->movers[k].pod;
		if (pl->after[k] < 0 || c->pods[p].node >= 0)
			continue;
		x = json_push(a, json_new_object());
		json_set_string(x, "pod", c->pods[p].id);
		json_set_string(x, "node", c->nodes[pl->after[k]].id);
	}
	a = json_set(o, "unplaced", json_new_array());
	for (k = 0; k < m->nmovers; k++) {
		if (pl->after[k] >= 0)
			continue;
		p = m->movers[k].pod;
		x = json_push(a, json_new_object());
		json_set_string(x, "pod", c->pods[p].id);
		json_set_number(x, "priority", c->pods[p].priority);
		json_set_string(x, "reason", pl->reason[k]);
	}
	a = json_set(o, "repairs", json_new_array());
	for (i = 0; i < pl->nrepairs; i++) {
		x = json_push(a, json_new_object());
		json_set_string(x, "pod",
		    c->pods[m->movers[pl->repairs[i].mover].pod].id);
		json_set_string(x, "why", pl->repairs[i].why);
		if (pl->repairs[i].to >= 0)
			json_set_string(x, "to",
			    c->nodes[pl->repairs[i].to].id);
		else
			json_set_null(x, "to");
	}
	a = json_set(o, "cycles", json_new_array());
	for (i = 0; i < pl->ncycle; i++)
		json_push(a, json_new_string(
		    c->pods[m->movers[pl->cycle[i]].pod].id));
	return o;
}

/* metadata {name, namespace} of a pod id "namespace/name" (bare names
 * are in "default"). */
static struct json *
pod_meta(const char *id)
{
	struct json *md = json_new_object();
	const char *slash = strchr(id, '/');
	char ns[256];

	if (slash == NULL || (size_t)(slash - id) >= sizeof(ns)) {
		json_set_string(md, "name", slash ? slash + 1 : id);
		json_set_string(md, "namespace", "default");
		return md;
	}
	memcpy(ns, id, (size_t)(slash - id));
	ns[slash - id] = '\0';
	json_set_string(md, "name", slash + 1);
	json_set_string(md, "namespace", ns);
	return md;
}

struct json *
plan_k8s(const struct plan *pl)
{
	const struct model *m = pl->m;
	const struct cluster *c = m->c;
	struct json *o, *items, *x, *t;
	unsigned char *done;
	int i, k, p;

	o = json_new_object();
	json_set_string(o, "apiVersion", "v1");
	json_set_string(o, "kind", "List");
	items = json_set(o, "items", json_new_array());
	done = mem_calloc((size_t)m->nmovers + 1, 1);
	for (i = 0; i < pl->nmoves; i++) {
		k = pl->moves[i].mover;
		if (done[k])
			continue;	/* a pod is evicted once */
		done[k] = 1;
		x = json_push(items, json_new_object());
		json_set_string(x, "apiVersion", "policy/v1");
		json_set_string(x, "kind", "Eviction");
		json_set(x, "metadata", pod_meta(c->pods[m->movers[k].pod].id));
	}
	free(done);
	for (k = 0; k < m->nmovers; k++) {
		p = m->movers[k].pod;
		if (pl->after[k] < 0 || c->pods[p].node >= 0)
			continue;
		x = json_push(items, json_new_object());
		json_set_string(x, "apiVersion", "v1");
		json_set_string(x, "kind", "Binding");
		json_set(x, "metadata", pod_meta(c->pods[p].id));
		t = json_set(x, "target", json_new_object());
		json_set_string(t, "apiVersion", "v1");
		json_set_string(t, "kind", "Node");
		json_set_string(t, "name", c->nodes[pl->after[k]].id);
	}
	return o;
}
