/*
 * anneal.c: simulated annealing, parallel tempering, and annealing followed
 * by tabu search, for QUBOs.
 *
 * The problem is copied into compressed sparse rows (CSR) in minimisation
 * sense.  Each state caches its local fields f_i = sum_j W_ij x_j, so the
 * energy change of a move is known in O(1) and only an accepted move pays
 * O(degree) to update the fields of the neighbours.  Nothing is allocated
 * inside the sweep loop.
 *
 * Variables of a "c onehot" or "c atmostone" group move together: instead
 * of flipping one bit, a move makes another member the chosen one (or, for
 * atmostone, turns the chosen one off or a member on), so the group stays
 * feasible by construction.  Group moves are proposed at grouped
 * variables drawn at random, not in order (see state_sweep).
 *
 * Variables in no group but coupled to grouped ones are auxiliary (slack
 * bits of a penalised inequality, "used" flags): a group move changes the
 * right value of its auxiliary neighbours, and with them fixed nearly
 * every move of a tight capacity looks expensive.  So a group move is
 * compound: it also re-optimises the auxiliary components next to the
 * variables it changes, and Metropolis judges the total.  A component
 * whose couplings are W_kl = u_k u_l (the slack of (load + sum_k w_k b_k -
 * C)^2) is a binary expansion, set exactly by filling the largest bits
 * first; single variables and pairs are enumerated.
 *
 * Reads are independent: read k draws from the rng stream (seed, k), so
 * threads only change the speed, never the result.  With a target, the
 * result is made of reads 0..k where k is the first read, in read order,
 * that reached it; later reads are cancelled.
 */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "anneal.h"
#include "rng.h"

/* Beyond this beta * delta, exp(-beta * delta) < 1e-10: reject unseen. */
#define REJECT_BEYOND 23.0

/*
 * exp(-y) for 0 <= y <= REJECT_BEYOND, to about 1e-7 relative: libm's exp
 * was half the time of a hot sweep, and the Metropolis test needs no more.
 * y = n ln 2 - r with |r| <= ln 2 / 2, so exp(-y) = 2^-n e^r.
 */
static inline double
exp_neg(double y)
{
	union {
		double d;
		uint64_t u;
	} two;
	int n = (int)(y * 1.4426950408889634 + 0.5);
	double r = n * 0.6931471805599453 - y;
	double p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 +
	    r * (1.0 / 120 + r * (1.0 / 720))))));

	two.u = (uint64_t)(1023 - n) << 52;
	return p * two.d;
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

struct edge {
	int col;
	double w;
};

/* The problem in CSR form, minimisation sense, with its move groups. */
struct problem {
	int n;
	double *h;		/* linear weights */
	int *start;		/* n + 1 row starts into adj */
	struct edge *adj;	/* rows sorted by column */
	int *gid;		/* move group of each variable, or -1 */
	int ngroups;
	unsigned char *gonehot;	/* 1: onehot, 0: atmostone */
	int *gstart, *gmem;	/* members of each group */
	/*
	 * Auxiliary components re-optimised by group moves: the component
	 * of each variable (or -1), its kind and members (rank-one ones by
	 * decreasing u), and for each grouped variable the components it
	 * touches.
	 */
	int *cl;
	int ncl;
	unsigned char *ckind;
	int *cstart, *cmem;
	double *u;		/* rank one: W_kl = u_k u_l */
	int *vstart, *vcl;	/* n + 1 starts into vcl */
	int *vwoff;		/* for each vcl entry, its W_v,members in vw */
	double *vw;
	double eps;		/* energy changes below this are noise */
};

enum { AUX_NONE, AUX_ONE, AUX_PAIR, AUX_RANK1 };

/* Rank-one components longer than this are left to single flips. */
#define AUX_MAX 64

static void
problem_release(struct problem *p)
{
	free(p->h);
	free(p->start);
	free(p->adj);
	free(p->gid);
	free(p->gonehot);
	free(p->gstart);
	free(p->gmem);
	free(p->cl);
	free(p->ckind);
	free(p->cstart);
	free(p->cmem);
	free(p->u);
	free(p->vstart);
	free(p->vcl);
	free(p->vwoff);
	free(p->vw);
	memset(p, 0, sizeof(*p));
}

/*
 * Build the CSR rows.  The couplers are sorted by (i, j) with i < j, so
 * every row receives its lower columns first, in order, then its higher
 * ones, in order: the rows come out sorted without a sort.
 */
static void
problem_init(struct problem *p, const struct qubo *q, double sign)
{
	size_t k;
	int *fill, i, g, m, used;

	memset(p, 0, sizeof(*p));
	p->n = q->n;
	p->h = xcalloc((size_t)q->n, sizeof(double));
	p->start = xcalloc((size_t)q->n + 1, sizeof(int));
	p->adj = xcalloc(2 * q->nc, sizeof(struct edge));
	fill = xcalloc((size_t)q->n + 1, sizeof(int));
	for (i = 0; i < q->n; i++)
		p->h[i] = sign * q->diag[i];
	for (k = 0; k < q->nc; k++) {
		p->start[q->c[k].i + 1]++;
		p->start[q->c[k].j + 1]++;
	}
	for (i = 0; i < q->n; i++)
		p->start[i + 1] += p->start[i];
	for (k = 0; k < q->nc; k++) {
		int a = q->c[k].i, b = q->c[k].j;
		int ka = p->start[a] + fill[a]++, kb = p->start[b] + fill[b]++;

		p->adj[ka].col = b;
		p->adj[ka].w = sign * q->c[k].w;
		p->adj[kb].col = a;
		p->adj[kb].w = sign * q->c[k].w;
	}
	free(fill);

	/*
	 * Groups whose members are all still free become move groups; a
	 * group overlapping an earlier one is left to the penalties.
	 */
	p->gid = xcalloc((size_t)q->n, sizeof(int));
	for (i = 0; i < q->n; i++)
		p->gid[i] = -1;
	p->gonehot = xcalloc(q->ngroups, 1);
	p->gstart = xcalloc(q->ngroups + 1, sizeof(int));
	used = 0;
	for (k = 0; k < q->ngroups; k++)
		used += q->groups[k].n;
	p->gmem = xcalloc((size_t)used, sizeof(int));
	used = 0;
	for (k = 0; k < q->ngroups; k++) {
		const struct qubo_group *qg = &q->groups[k];
		int ok = 1;

		for (m = 0; m < qg->n; m++)
			ok = ok && p->gid[qg->vars[m]] < 0;
		if (!ok)
			continue;
		g = p->ngroups++;
		p->gonehot[g] = qg->kind == QUBO_ONEHOT;
		p->gstart[g] = used;
		for (m = 0; m < qg->n; m++) {
			p->gid[qg->vars[m]] = g;
			p->gmem[used++] = qg->vars[m];
		}
		p->gstart[g + 1] = used;
	}
}

/*
 * Scales of the flips.  *maxd: the largest |delta| a flip can have,
 * max_i max(|h_i + negative W_i.|, |h_i + positive W_i.|).  *typd: the
 * largest typical |delta| in a random state, where x_j are fair coins:
 * max_i |h_i + sum_j W_ij / 2| + sqrt(sum_j W_ij^2) / 2 (mean plus
 * standard deviation).  *mind: the smallest nonzero |weight|.
 */
static void
problem_scale(const struct problem *p, double *maxd, double *typd,
    double *mind)
{
	double big = 0, typ = 0, small = HUGE_VAL, neg, pos, sq, a;
	int i, k;

	for (i = 0; i < p->n; i++) {
		a = fabs(p->h[i]);
		if (a > 0 && a < small)
			small = a;
		neg = pos = p->h[i];
		sq = 0;
		for (k = p->start[i]; k < p->start[i + 1]; k++) {
			a = p->adj[k].w;
			if (a < 0)
				neg += a;
			else
				pos += a;
			sq += a * a;
			if (a != 0 && fabs(a) < small)
				small = fabs(a);
		}
		big = fmax(big, fmax(fabs(neg), fabs(pos)));
		typ = fmax(typ, fabs((neg + pos) / 2) + sqrt(sq) / 2);
	}
	*maxd = big;
	*typd = typ;
	*mind = small == HUGE_VAL ? 0 : small;
}

static void problem_aux(struct problem *);
static void problem_move_scale(const struct problem *, double *, double *);

/*
 * Hot: a typical flip of the most strongly coupled variable in a random
 * state is accepted with probability 1/16.  Cold: an uphill step of half
 * the smallest weight (a spin's quantum in Ising form) is accepted with
 * probability 1/100, as D-Wave's.  D-Wave's hot end accepts the largest
 * possible flip with probability 1/2: on bqp1000 and G-set that is 10 to
 * 40 times hotter, and the first half of the sweeps shuffle at random
 * while every accepted flip costs a row update.  Measured on bqp1000_1,
 * G1 and G43 (1000 sweeps, 40 reads), probability 1/16 gave the most hits
 * per CPU second; 1/2 half as many, 1/256 fewer on G-set.
 */
void
anneal_beta_range(const struct qubo *q, double *hot, double *cold)
{
	struct problem p;
	double maxd, typd, mind;

	problem_init(&p, q, 1);
	problem_scale(&p, &maxd, &typd, &mind);
	if (p.ngroups > 0) {
		problem_aux(&p);
		p.eps = 1e-12 * (1 + maxd);
		problem_move_scale(&p, &typd, &mind);
	}
	problem_release(&p);
	if (typd == 0 || mind == 0) {
		*hot = 0.1;
		*cold = 1;
		return;
	}
	*hot = log(16) / typd;
	*cold = log(100) / (mind / 2);
	if (*cold < *hot)
		*cold = *hot;
}

/* W_ab by binary search in the sorted row a; 0 when not coupled. */
static inline double
problem_weight(const struct problem *p, int a, int b)
{
	int lo = p->start[a], hi = p->start[a + 1] - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (p->adj[mid].col == b)
			return p->adj[mid].w;
		if (p->adj[mid].col < b)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

/* Sort key of rank-one members: u descending, then index. */
struct aux_key {
	double u;
	int v;
};

static int
cmp_aux_key(const void *a, const void *b)
{
	const struct aux_key *x = a, *y = b;

	if (x->u != y->u)
		return x->u > y->u ? -1 : 1;
	return (x->v > y->v) - (x->v < y->v);
}

/*
 * Is the component mem[0..m-1] a clique with W_kl = u_k u_l, u > 0?  Then
 * fill u and sort mem by decreasing u.  u_a^2 = W_ab W_ac / W_bc.
 */
static int
aux_rank1(struct problem *p, int *mem, int m)
{
	struct aux_key *key;
	double wab, wac, wbc, w, tol;
	int k, l;

	if (m < 3 || m > AUX_MAX)
		return 0;
	for (k = 0; k < m; k++) {
		int deg = 0;

		for (l = p->start[mem[k]]; l < p->start[mem[k] + 1]; l++)
			deg += p->cl[p->adj[l].col] == p->cl[mem[k]];
		if (deg != m - 1)
			return 0;
	}
	wab = problem_weight(p, mem[0], mem[1]);
	wac = problem_weight(p, mem[0], mem[2]);
	wbc = problem_weight(p, mem[1], mem[2]);
	if (!(wab > 0 && wac > 0 && wbc > 0))
		return 0;
	p->u[mem[0]] = sqrt(wab * wac / wbc);
	for (k = 1; k < m; k++)
		p->u[mem[k]] = problem_weight(p, mem[0], mem[k]) /
		    p->u[mem[0]];
	for (k = 0; k < m; k++)
		for (l = k + 1; l < m; l++) {
			w = problem_weight(p, mem[k], mem[l]);
			tol = 1e-9 * fabs(w);
			if (!(w > 0) ||
			    fabs(w - p->u[mem[k]] * p->u[mem[l]]) > tol)
				return 0;
		}
	key = xcalloc((size_t)m, sizeof(*key));
	for (k = 0; k < m; k++) {
		key[k].u = p->u[mem[k]];
		key[k].v = mem[k];
	}
	qsort(key, (size_t)m, sizeof(*key), cmp_aux_key);
	for (k = 0; k < m; k++)
		mem[k] = key[k].v;
	free(key);
	return 1;
}

/*
 * The auxiliary components: connected components of the ungrouped
 * variables over their couplings among themselves, kept when some grouped
 * variable touches them.  Nothing is done for QUBOs without groups.
 */
static void
problem_aux(struct problem *p)
{
	int *queue, *mark, i, j, k, c, head, tail, m, used, nw;

	p->cl = xcalloc((size_t)p->n, sizeof(int));
	p->u = xcalloc((size_t)p->n, sizeof(double));
	p->vstart = xcalloc((size_t)p->n + 1, sizeof(int));
	for (i = 0; i < p->n; i++)
		p->cl[i] = -1;
	if (p->ngroups == 0)
		return;
	p->cstart = xcalloc((size_t)p->n + 1, sizeof(int));
	p->cmem = xcalloc((size_t)p->n, sizeof(int));
	p->ckind = xcalloc((size_t)p->n, 1);
	queue = p->cmem;
	used = 0;
	for (i = 0; i < p->n; i++) {
		if (p->gid[i] >= 0 || p->cl[i] >= 0)
			continue;
		c = p->ncl++;
		p->cstart[c] = used;
		head = tail = used;
		p->cl[i] = c;
		queue[tail++] = i;
		while (head < tail) {
			j = queue[head++];
			for (k = p->start[j]; k < p->start[j + 1]; k++) {
				int v = p->adj[k].col;

				if (p->gid[v] < 0 && p->cl[v] < 0) {
					p->cl[v] = c;
					queue[tail++] = v;
				}
			}
		}
		used = tail;
		p->cstart[c + 1] = used;
		m = used - p->cstart[c];
		if (m == 1)
			p->ckind[c] = AUX_ONE;
		else if (m == 2)
			p->ckind[c] = AUX_PAIR;
		else if (aux_rank1(p, p->cmem + p->cstart[c], m))
			p->ckind[c] = AUX_RANK1;
		else
			p->ckind[c] = AUX_NONE;
	}
	/*
	 * The components each grouped variable touches, each once; no
	 * more entries than couplings.
	 */
	mark = xcalloc((size_t)p->ncl + 1, sizeof(int));
	for (c = 0; c < p->ncl; c++)
		mark[c] = -1;
	p->vcl = xcalloc((size_t)p->start[p->n], sizeof(int));
	p->vwoff = xcalloc((size_t)p->start[p->n], sizeof(int));
	used = nw = 0;
	for (i = 0; i < p->n; i++) {
		p->vstart[i] = used;
		if (p->gid[i] < 0)
			continue;
		for (k = p->start[i]; k < p->start[i + 1]; k++) {
			c = p->cl[p->adj[k].col];
			if (c >= 0 && p->ckind[c] != AUX_NONE &&
			    mark[c] != i) {
				mark[c] = i;
				p->vwoff[used] = nw;
				p->vcl[used++] = c;
				nw += p->cstart[c + 1] - p->cstart[c];
			}
		}
	}
	p->vstart[p->n] = used;
	free(mark);
	/* the couplings, so that a move looks none up */
	p->vw = xcalloc((size_t)nw, sizeof(double));
	for (i = 0; i < p->n; i++)
		for (k = p->vstart[i]; k < p->vstart[i + 1]; k++) {
			c = p->vcl[k];
			for (j = p->cstart[c]; j < p->cstart[c + 1]; j++)
				p->vw[p->vwoff[k] + j - p->cstart[c]] =
				    problem_weight(p, p->cmem[j], i);
		}
}

/* One annealing state: assignment, cached fields, chosen group members. */
struct state {
	unsigned char *x;
	double *f;		/* f_i = sum_j W_ij x_j */
	int *cur;		/* chosen member of each group, or -1 */
	double e;		/* energy without the offset, kept up to date */
	/* A compound move's auxiliary flips, and components seen. */
	int *flips, nflips;
	long *seen, tick;
};

static void
state_init(struct state *s, const struct problem *p)
{
	s->x = xcalloc((size_t)p->n, 1);
	s->f = xcalloc((size_t)p->n, sizeof(double));
	s->cur = xcalloc((size_t)p->ngroups, sizeof(int));
	s->e = 0;
	s->flips = xcalloc((size_t)p->n, sizeof(int));
	s->nflips = 0;
	s->seen = xcalloc((size_t)p->ncl, sizeof(long));
	s->tick = 0;
}

static void
state_release(struct state *s)
{
	free(s->x);
	free(s->f);
	free(s->cur);
	free(s->flips);
	free(s->seen);
}

/* Recompute the fields, the chosen members and the energy from x. */
static void
state_sync(struct state *s, const struct problem *p)
{
	double e = 0;
	int i, k, g;

	for (g = 0; g < p->ngroups; g++)
		s->cur[g] = -1;
	for (i = 0; i < p->n; i++) {
		double f = 0;

		for (k = p->start[i]; k < p->start[i + 1]; k++)
			f += p->adj[k].w * s->x[p->adj[k].col];
		s->f[i] = f;
		if (s->x[i]) {
			e += p->h[i] + f / 2;
			if (p->gid[i] >= 0)
				s->cur[p->gid[i]] = i;
		}
	}
	s->e = e;
}

/* A random state that satisfies every move group. */
static void
state_random(struct state *s, const struct problem *p, struct rng *r)
{
	int i, g, n;

	for (i = 0; i < p->n; i++)
		s->x[i] = p->gid[i] < 0 ?
		    (unsigned char)(rng_next(r) >> 63) : 0;
	for (g = 0; g < p->ngroups; g++) {
		n = p->gstart[g + 1] - p->gstart[g];
		/* atmostone: "none" is one more choice */
		i = (int)rng_below(r, (uint32_t)(n + !p->gonehot[g]));
		if (i < n)
			s->x[p->gmem[p->gstart[g] + i]] = 1;
	}
	state_sync(s, p);
}

static inline void
state_flip(struct state *s, const struct problem *p, int i)
{
	const struct edge *ed = p->adj + p->start[i],
	    *end = p->adj + p->start[i + 1];
	double *f = s->f;

	/* two loops rather than a multiply by the sign in the hot path */
	if ((s->x[i] ^= 1) != 0)
		for (; ed < end; ed++)
			f[ed->col] += ed->w;
	else
		for (; ed < end; ed++)
			f[ed->col] -= ed->w;
}

/*
 * The move "at" variable i: flip it if it is free; in a group, make it the
 * chosen member (swap), or turn it off/on for atmostone.  Returns 0 when
 * there is no move (i is already the chosen member of a onehot group).
 * *other is the member that leaves, or -1.
 */
static inline int
state_move(const struct state *s, const struct problem *p, int i,
    double *delta, int *other)
{
	int g = p->gid[i], a;
	double li = p->h[i] + s->f[i];

	*other = -1;
	if (g < 0) {
		*delta = s->x[i] ? -li : li;
		return 1;
	}
	a = s->cur[g];
	if (a == i) {
		if (p->gonehot[g])
			return 0;
		*delta = -li;
	} else if (a < 0) {
		*delta = li;
	} else {
		*delta = li - problem_weight(p, i, a) - (p->h[a] + s->f[a]);
		*other = a;
	}
	return 1;
}

static inline void
state_apply(struct state *s, const struct problem *p, int i, int other,
    double delta)
{
	int g = p->gid[i];

	if (other >= 0)
		state_flip(s, p, other);
	state_flip(s, p, i);
	if (g >= 0)
		s->cur[g] = s->x[i] ? i : -1;
	s->e += delta;
}

/*
 * The linear weight of auxiliary variable k once the move is made: its
 * field from outside its component, changed by the move's variables chg
 * (dir +1 on, -1 off; w[c] their couplings to the component, or NULL),
 * k being the member at pos.  inner is k's field from its own component.
 */
static inline double
aux_linear(const struct state *s, const struct problem *p, int k, int pos,
    double inner, const double *const *w, const int *dir, int nchg)
{
	double l = p->h[k] + s->f[k] - inner;
	int c;

	for (c = 0; c < nchg; c++)
		if (w[c] != NULL)
			l += dir[c] * w[c][pos];
	return l;
}

/*
 * Best values of component c after the move: append the flips to
 * s->flips and return the energy change they bring (<= 0).
 */
static double
aux_best(struct state *s, const struct problem *p, int c,
    const double *const *chg, const int *dir, int nchg)
{
	const int *mem = p->cmem + p->cstart[c];
	int m = p->cstart[c + 1] - p->cstart[c], k, a, b, x, y, bx, by;
	double S = 0, S2 = 0, cur = 0, best = 0, l, la, lb, w, e, tol;

	switch (p->ckind[c]) {
	case AUX_ONE:
		a = mem[0];
		l = aux_linear(s, p, a, 0, 0, chg, dir, nchg);
		/* the change of flipping a */
		e = s->x[a] ? -l : l;
		if (e < -p->eps) {
			s->flips[s->nflips++] = a;
			return e;
		}
		return 0;
	case AUX_PAIR:
		a = mem[0];
		b = mem[1];
		w = problem_weight(p, a, b);
		la = aux_linear(s, p, a, 0, w * s->x[b], chg, dir, nchg);
		lb = aux_linear(s, p, b, 1, w * s->x[a], chg, dir, nchg);
		cur = la * s->x[a] + lb * s->x[b] + w * s->x[a] * s->x[b];
		best = cur;
		bx = s->x[a];
		by = s->x[b];
		for (x = 0; x < 2; x++)
			for (y = 0; y < 2; y++) {
				e = la * x + lb * y + w * x * y;
				if (e < best - p->eps) {
					best = e;
					bx = x;
					by = y;
				}
			}
		if (bx != s->x[a])
			s->flips[s->nflips++] = a;
		if (by != s->x[b])
			s->flips[s->nflips++] = b;
		return best - cur;
	case AUX_RANK1:
		break;
	default:
		return 0;
	}
	/*
	 * E(b) = sum_k l_k b_k + (S^2 - sum_k u_k^2 b_k) / 2 with S = sum_k
	 * u_k b_k.  Filling from the largest u, bit k goes on when its cost
	 * l_k + u_k S is at most -u_k^2 / 2: it does not overshoot the
	 * target of the square, which smaller bits can still reach.
	 */
	for (k = 0; k < m; k++)
		if (s->x[mem[k]])
			S += p->u[mem[k]];
	for (k = 0; k < m; k++) {
		a = mem[k];
		l = aux_linear(s, p, a, k, p->u[a] * (S - p->u[a] * s->x[a]),
		    chg, dir, nchg);
		if (s->x[a])
			cur += l - p->u[a] * p->u[a] / 2;
		tol = 1e-9 * p->u[a] * p->u[a];
		e = l + p->u[a] * S2;
		/* new bits go into flips[] tentatively: x is not touched */
		if (e <= -p->u[a] * p->u[a] / 2 + tol) {
			best += e;
			S2 += p->u[a];
			if (!s->x[a])
				s->flips[s->nflips++] = a;
		} else if (s->x[a])
			s->flips[s->nflips++] = a;
	}
	cur += S * S / 2;
	if (best < cur - p->eps)
		return best - cur;
	/* no better: drop this component's flips */
	while (s->nflips > 0 && p->cl[s->flips[s->nflips - 1]] == c)
		s->nflips--;
	return 0;
}

/*
 * The rest of a compound group move at i (other leaving): re-optimise the
 * auxiliary components touched by i or other, leaving the flips in
 * s->flips; returns their energy change.  Nothing is changed in x.
 */
static double
state_compound(struct state *s, const struct problem *p, int i, int other)
{
	int chg[2], dir[2], nchg = 0, t, t2, k, kk, c, v;
	const double *w[2];
	double d = 0;

	s->nflips = 0;
	if (p->ncl == 0)
		return 0;
	chg[nchg] = i;
	dir[nchg++] = s->x[i] ? -1 : 1;
	if (other >= 0) {
		chg[nchg] = other;
		dir[nchg++] = -1;
	}
	s->tick++;
	for (t = 0; t < nchg; t++) {
		v = chg[t];
		for (k = p->vstart[v]; k < p->vstart[v + 1]; k++) {
			c = p->vcl[k];
			if (s->seen[c] == s->tick)
				continue;
			s->seen[c] = s->tick;
			/* the couplings of each changed variable to c */
			for (t2 = 0; t2 < nchg; t2++) {
				w[t2] = NULL;
				for (kk = p->vstart[chg[t2]];
				    kk < p->vstart[chg[t2] + 1]; kk++)
					if (p->vcl[kk] == c)
						w[t2] = p->vw + p->vwoff[kk];
			}
			d += aux_best(s, p, c, w, dir, nchg);
		}
	}
	return d;
}

/* Flip the auxiliary variables of an accepted compound move. */
static inline void
state_aux_apply(struct state *s, const struct problem *p)
{
	double l;
	int k, a;

	for (k = 0; k < s->nflips; k++) {
		a = s->flips[k];
		l = p->h[a] + s->f[a];
		s->e += s->x[a] ? -l : l;
		state_flip(s, p, a);
	}
	s->nflips = 0;
}

/*
 * Make the group move at i and its auxiliary flips, updating the energy
 * from the fields (exact, unlike the estimate that accepted it).
 */
static inline void
state_apply_compound(struct state *s, const struct problem *p, int i,
    int other)
{
	double d = 0;
	int o;

	state_move(s, p, i, &d, &o);
	state_apply(s, p, i, other, d);
	state_aux_apply(s, p);
}

/*
 * One Metropolis sweep: a move proposed at every free variable in order,
 * and as many group moves at grouped variables drawn at random.  Not in
 * order: the members of a group are consecutive, so a group that stepped
 * down (freeing capacity through its slack) was offered its own step back
 * up at once, and in the next proposals; with a tight shared capacity
 * (autoscale headroom) no other group ever got the room, and a sweep
 * ended where it began at any temperature.
 */
static void
state_sweep(struct state *s, const struct problem *p, double beta,
    struct rng *r)
{
	double d, li, e = 0;
	int i, j, other, ngm = p->ngroups > 0 ? p->gstart[p->ngroups] : 0;

	for (j = 0; j < p->n; j++) {
		i = j;
		if (p->gid[i] >= 0)
			i = p->gmem[rng_below(r, (uint32_t)ngm)];
		if (p->gid[i] < 0) {
			/* the common case, kept free of calls */
			li = p->h[i] + s->f[i];
			d = s->x[i] ? -li : li;
			if (d > 0 && (beta * d > REJECT_BEYOND ||
			    rng_uniform(r) >= exp_neg(beta * d)))
				continue;
			state_flip(s, p, i);
			e += d;
			continue;
		}
		if (!state_move(s, p, i, &d, &other))
			continue;
		d += state_compound(s, p, i, other);
		if (d > 0 && (beta * d > REJECT_BEYOND ||
		    rng_uniform(r) >= exp_neg(beta * d)))
			continue;
		state_apply_compound(s, p, i, other);
	}
	s->e += e;
}

/* Descend to a local optimum of the move set: no move improves. */
static void
state_polish(struct state *s, const struct problem *p)
{
	double d;
	int i, other, improved;

	do {
		improved = 0;
		for (i = 0; i < p->n; i++) {
			if (!state_move(s, p, i, &d, &other))
				continue;
			if (p->gid[i] >= 0) {
				d += state_compound(s, p, i, other);
				if (d >= -p->eps)
					continue;
				state_apply_compound(s, p, i, other);
			} else {
				if (d >= -p->eps)
					continue;
				state_apply(s, p, i, other, d);
			}
			improved = 1;
		}
	} while (improved);
}

/*
 * Scales of group moves, for QUBOs with move groups: their penalties
 * (one-hot, capacity with slack re-optimised by compound moves) dominate
 * the weights, so the scales of single flips make the whole schedule hot
 * for the objective (on a 20x200 kytos rebalance QUBO even the cold end
 * accepted any change of the objective).  So measure the moves instead:
 * from a random state (fixed stream) descended to a local optimum, the
 * uphill compound moves at every grouped variable; *typd is their mean,
 * *mind the smallest.
 */
static void
problem_move_scale(const struct problem *p, double *typd, double *mind)
{
	struct state s;
	struct rng r;
	double d, sum = 0, small = HUGE_VAL;
	long np = 0;
	int i, other;

	state_init(&s, p);
	rng_seed(&r, 0, UINT64_MAX);
	state_random(&s, p, &r);
	state_polish(&s, p);
	for (i = 0; i < p->n; i++) {
		if (p->gid[i] < 0 || !state_move(&s, p, i, &d, &other))
			continue;
		d += state_compound(&s, p, i, other);
		s.nflips = 0;
		if (d <= p->eps)
			continue;
		sum += d;
		np++;
		if (d < small)
			small = d;
	}
	state_release(&s);
	if (np > 0) {
		*typd = sum / (double)np;
		*mind = small;
	}
}

/* What became of a read. */
struct result {
	int done;		/* has a state */
	int hit;		/* reached the target */
	int stopped;		/* cut short by the time limit or a signal */
	double e;		/* exact energy, the file's sense */
	int *ones;
	int nones;
	double updates;		/* proposals made */
};

/* State shared by the workers of one anneal_run. */
struct shared {
	const struct qubo *q;
	const struct problem *p;
	const struct anneal_params *par;
	double sign;		/* +1 minimise, -1 maximise */
	double hot, cold;
	double target;		/* internal sense */
	struct timespec t0;
	struct result *res;
	atomic_long next;	/* next read to start */
	atomic_long first_hit;	/* lowest read index that hit, or LONG_MAX */
	atomic_int stopped;
	pthread_mutex_t lock;	/* guards what follows */
	long reads_done;
	int have_best;
	double best;		/* internal sense */
	double last_report;
};

static double
elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* Report progress if a second has passed; the caller holds the lock. */
static void
report_locked(struct shared *sh, double now)
{
	struct anneal_progress pr;

	if (sh->par->progress == NULL || now - sh->last_report < 1.0)
		return;
	sh->last_report = now;
	pr.seconds = now;
	pr.reads_done = sh->reads_done;
	pr.reads = sh->par->reads;
	pr.best = sh->have_best ? sh->sign * sh->best : NAN;
	pr.beta_hot = sh->hot;
	pr.beta_cold = sh->cold;
	sh->par->progress(sh->par->progress_ctx, &pr);
}

/*
 * Between sweeps: 1 to go on, 0 to stop (time, signal, or cancelled).
 * best is the read's best energy so far (internal sense, no offset), for
 * the progress report.
 */
static int
read_go_on(struct shared *sh, long idx, int *stopped, double best)
{
	const struct anneal_params *par = sh->par;
	double now;

	if (atomic_load(&sh->first_hit) < idx)
		return 0;
	if (atomic_load(&sh->stopped) || (par->stop != NULL && *par->stop)) {
		atomic_store(&sh->stopped, 1);
		*stopped = 1;
		return 0;
	}
	if (par->time_limit > 0 || par->progress != NULL) {
		now = elapsed(&sh->t0);
		if (par->time_limit > 0 && now >= par->time_limit) {
			atomic_store(&sh->stopped, 1);
			*stopped = 1;
			return 0;
		}
		if (par->progress != NULL) {
			pthread_mutex_lock(&sh->lock);
			best += sh->sign * sh->q->offset;
			if (best < HUGE_VAL && (!sh->have_best ||
			    best < sh->best)) {
				sh->best = best;
				sh->have_best = 1;
			}
			report_locked(sh, now);
			pthread_mutex_unlock(&sh->lock);
		}
	}
	return 1;
}

/* Work space of one thread, allocated once for all its reads. */
struct worker {
	struct shared *sh;
	struct state *st;	/* replicas (SA: one) */
	int nst;
	int *perm;		/* PT: replica at each temperature */
	double *beta;		/* PT: the temperature ladder */
	unsigned char *best;	/* best assignment of the read */
	long *tabu;		/* tabu search: when a move is free again */
	struct rng r;
};

/* Keep the state if it beats the best of the read. */
static inline void
keep_best(struct worker *wk, const struct state *s, double *best)
{
	if (s->e < *best - wk->sh->p->eps) {
		*best = s->e;
		memcpy(wk->best, s->x, (size_t)wk->sh->p->n);
	}
}

static int
reached(const struct shared *sh, double e)
{
	return sh->par->has_target &&
	    e <= sh->target + 1e-9 * fmax(1, fabs(sh->target));
}

static double
exact(const struct shared *sh, const unsigned char *x)
{
	return sh->sign * qubo_energy(sh->q, x);
}

/*
 * The energy kept during the sweeps drifts by rounding; a target hit is
 * confirmed on the exact energy before the read stops on it.
 */
static int
hit_confirmed(const struct shared *sh, const struct worker *wk, double best)
{
	return reached(sh, best + sh->q->offset * sh->sign) &&
	    reached(sh, exact(sh, wk->best));
}

static double
sa_beta(const struct shared *sh, long k, long n)
{
	double t = n > 1 ? (double)k / (double)(n - 1) : 1;

	if (sh->par->schedule == ANNEAL_LINEAR)
		return sh->hot + (sh->cold - sh->hot) * t;
	return sh->hot * pow(sh->cold / sh->hot, t);
}

/* One SA read; the read's best assignment is left in wk->best. */
static void
read_sa(struct worker *wk, long idx, struct result *res)
{
	struct shared *sh = wk->sh;
	struct state *s = &wk->st[0];
	long k, n = sh->par->sweeps;
	double best;

	state_random(s, sh->p, &wk->r);
	best = s->e;
	memcpy(wk->best, s->x, (size_t)sh->p->n);
	for (k = 0; k < n; k++) {
		if (!read_go_on(sh, idx, &res->stopped, best))
			break;
		state_sweep(s, sh->p, sa_beta(sh, k, n), &wk->r);
		res->updates += sh->p->n;
		keep_best(wk, s, &best);
		if (hit_confirmed(sh, wk, best)) {
			res->hit = 1;
			break;
		}
	}
}

/*
 * One parallel tempering read: replicas on a geometric ladder from hot to
 * cold, a sweep each per round, then exchanges between neighbours (even
 * pairs on even rounds, odd pairs on odd ones).
 */
static void
read_pt(struct worker *wk, long idx, struct result *res)
{
	struct shared *sh = wk->sh;
	long k, n = sh->par->sweeps;
	int m, R = wk->nst, a, b;
	double best = HUGE_VAL, d;

	for (m = 0; m < R; m++) {
		state_random(&wk->st[m], sh->p, &wk->r);
		wk->perm[m] = m;
		keep_best(wk, &wk->st[m], &best);
	}
	for (k = 0; k < n; k++) {
		if (!read_go_on(sh, idx, &res->stopped, best))
			break;
		for (m = 0; m < R; m++) {
			state_sweep(&wk->st[wk->perm[m]], sh->p, wk->beta[m],
			    &wk->r);
			keep_best(wk, &wk->st[wk->perm[m]], &best);
		}
		res->updates += (double)R * sh->p->n;
		for (m = (int)(k & 1); m + 1 < R; m += 2) {
			a = wk->perm[m];
			b = wk->perm[m + 1];
			d = (wk->beta[m] - wk->beta[m + 1]) *
			    (wk->st[a].e - wk->st[b].e);
			if (d >= 0 || rng_uniform(&wk->r) < exp(d)) {
				wk->perm[m] = b;
				wk->perm[m + 1] = a;
			}
		}
		if (hit_confirmed(sh, wk, best)) {
			res->hit = 1;
			break;
		}
	}
}

/*
 * Tabu search from the read's best state: at each iteration make the best
 * move that is not tabu (or that beats the best energy: aspiration), ties
 * broken at random, and forbid moving that variable again for a tenure of
 * n/100 + 1..10 iterations.  Only free variables move; members of move
 * groups stay where annealing left them.  Checks between blocks of n
 * iterations, as between sweeps.
 */
static void
read_tabu(struct worker *wk, long idx, struct result *res)
{
	struct shared *sh = wk->sh;
	const struct problem *p = sh->p;
	struct state *s = &wk->st[0];
	long it, iters = sh->par->tabu_iters, base = p->n / 100;
	double best, d, bd;
	int i, bi, ties;

	if (iters == 0)
		iters = 10L * p->n;
	memcpy(s->x, wk->best, (size_t)p->n);
	state_sync(s, p);
	best = s->e;
	memset(wk->tabu, 0, (size_t)p->n * sizeof(long));
	for (it = 1; it <= iters; it++) {
		if (it % (p->n + 1) == 0) {
			if (!read_go_on(sh, idx, &res->stopped, best))
				break;
			if (hit_confirmed(sh, wk, best)) {
				res->hit = 1;
				break;
			}
		}
		bi = -1;
		bd = HUGE_VAL;
		ties = 0;
		for (i = 0; i < p->n; i++) {
			if (p->gid[i] >= 0)
				continue;
			d = p->h[i] + s->f[i];
			if (s->x[i])
				d = -d;
			if (wk->tabu[i] >= it && s->e + d >= best - p->eps)
				continue;
			if (d < bd - p->eps) {
				bd = d;
				bi = i;
				ties = 1;
			} else if (d <= bd + p->eps &&
			    rng_below(&wk->r, (uint32_t)++ties) == 0)
				bi = i;
		}
		if (bi < 0)
			break;
		state_flip(s, p, bi);
		s->e += bd;
		wk->tabu[bi] = it + base + 1 + (long)rng_below(&wk->r, 10);
		res->updates += p->n;	/* every move was weighed */
		keep_best(wk, s, &best);
	}
	if (!res->hit && hit_confirmed(sh, wk, best))
		res->hit = 1;
}

/* Run read idx and store its polished best state. */
static void
read_run(struct worker *wk, long idx)
{
	struct shared *sh = wk->sh;
	struct result *res = &sh->res[idx];
	struct state *s = &wk->st[0];
	int i, n = sh->p->n;

	rng_seed(&wk->r, sh->par->seed, (uint64_t)idx);
	if (sh->par->algorithm == ANNEAL_PT)
		read_pt(wk, idx, res);
	else
		read_sa(wk, idx, res);
	if (sh->par->algorithm == ANNEAL_TABU && !res->hit &&
	    !res->stopped && atomic_load(&sh->first_hit) >= idx)
		read_tabu(wk, idx, res);
	if (atomic_load(&sh->first_hit) < idx)
		return;		/* cancelled: a read before it hit */
	memcpy(s->x, wk->best, (size_t)n);
	state_sync(s, sh->p);
	state_polish(s, sh->p);
	res->e = sh->sign * exact(sh, s->x);
	if (reached(sh, sh->sign * res->e))
		res->hit = 1;
	for (i = 0; i < n; i++)
		res->nones += s->x[i];
	res->ones = xcalloc((size_t)res->nones, sizeof(int));
	res->nones = 0;
	for (i = 0; i < n; i++)
		if (s->x[i])
			res->ones[res->nones++] = i;
	res->done = 1;
	if (res->hit) {
		long cur = atomic_load(&sh->first_hit);

		while (idx < cur &&
		    !atomic_compare_exchange_weak(&sh->first_hit, &cur, idx))
			;
	}
	pthread_mutex_lock(&sh->lock);
	sh->reads_done++;
	if (!sh->have_best || sh->sign * res->e < sh->best) {
		sh->best = sh->sign * res->e;
		sh->have_best = 1;
	}
	if (sh->par->progress != NULL)
		report_locked(sh, elapsed(&sh->t0));
	pthread_mutex_unlock(&sh->lock);
}

static void *
worker_main(void *arg)
{
	struct worker *wk = arg;
	struct shared *sh = wk->sh;
	long idx;

	for (;;) {
		idx = atomic_fetch_add(&sh->next, 1);
		if (idx >= sh->par->reads || atomic_load(&sh->first_hit) < idx)
			break;
		if (atomic_load(&sh->stopped) ||
		    (sh->par->stop != NULL && *sh->par->stop)) {
			atomic_store(&sh->stopped, 1);
			break;
		}
		read_run(wk, idx);
	}
	return NULL;
}

static void
worker_init(struct worker *wk, struct shared *sh)
{
	const struct anneal_params *par = sh->par;
	int m;

	memset(wk, 0, sizeof(*wk));
	wk->sh = sh;
	wk->nst = par->algorithm == ANNEAL_PT ? (int)par->replicas : 1;
	wk->st = xcalloc((size_t)wk->nst, sizeof(*wk->st));
	for (m = 0; m < wk->nst; m++)
		state_init(&wk->st[m], sh->p);
	wk->perm = xcalloc((size_t)wk->nst, sizeof(int));
	wk->beta = xcalloc((size_t)wk->nst, sizeof(double));
	for (m = 0; m < wk->nst; m++)
		wk->beta[m] = wk->nst > 1 ? sh->hot * pow(sh->cold / sh->hot,
		    (double)m / (wk->nst - 1)) : sh->cold;
	wk->best = xcalloc((size_t)sh->p->n, 1);
	wk->tabu = xcalloc((size_t)sh->p->n, sizeof(long));
}

static void
worker_release(struct worker *wk)
{
	int m;

	for (m = 0; m < wk->nst; m++)
		state_release(&wk->st[m]);
	free(wk->st);
	free(wk->perm);
	free(wk->beta);
	free(wk->best);
	free(wk->tabu);
}

void
anneal_params_defaults(struct anneal_params *p)
{
	memset(p, 0, sizeof(*p));
	p->algorithm = ANNEAL_SA;
	p->schedule = ANNEAL_GEOMETRIC;
	p->reads = 12;
	p->sweeps = 4000;
	p->replicas = 16;
	p->seed = 1;
	p->threads = 0;
	p->keep = 5;
}

/* Order of results: energy (internal sense), then the ones, then index. */
static int
cmp_ones(const struct result *x, const struct result *y)
{
	int k;

	for (k = 0; k < x->nones && k < y->nones; k++)
		if (x->ones[k] != y->ones[k])
			return x->ones[k] < y->ones[k] ? -1 : 1;
	return (x->nones > y->nones) - (x->nones < y->nones);
}

struct ranked {
	const struct result *r;
	double key;		/* energy, internal sense */
	long idx;
};

static int
cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int c;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if ((c = cmp_ones(x->r, y->r)) != 0)
		return c;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Distinct states of reads 0..last, best first, into out. */
static void
collect(const struct shared *sh, long last, struct sample_set *out)
{
	struct ranked *rk;
	long k, nr = 0;
	size_t ns = 0, keep = (size_t)sh->par->keep;
	int kept = 0;		/* the previous state is among the samples */

	rk = xcalloc((size_t)last + 1, sizeof(*rk));
	for (k = 0; k <= last; k++)
		if (sh->res[k].done) {
			rk[nr].r = &sh->res[k];
			rk[nr].key = sh->sign * sh->res[k].e;
			rk[nr].idx = k;
			nr++;
		}
	qsort(rk, (size_t)nr, sizeof(*rk), cmp_ranked);
	out->samples = xcalloc((size_t)nr, sizeof(*out->samples));
	for (k = 0; k < nr; k++) {
		struct sample *sm;

		if (k > 0 && rk[k].key == rk[k - 1].key &&
		    cmp_ones(rk[k].r, rk[k - 1].r) == 0) {
			if (kept)
				out->samples[ns - 1].count++;
			continue;
		}
		if ((kept = ns < keep) == 0)
			continue;
		sm = &out->samples[ns++];
		sm->energy = rk[k].r->e;
		sm->nones = (size_t)rk[k].r->nones;
		sm->ones = xcalloc(sm->nones, sizeof(int));
		memcpy(sm->ones, rk[k].r->ones, sm->nones * sizeof(int));
		sm->count = 1;
	}
	out->nsamples = ns;
	if (ns > 0) {
		out->has_energy = 1;
		out->energy = out->samples[0].energy;
		out->nones = out->samples[0].nones;
		out->ones = xcalloc(out->nones, sizeof(int));
		memcpy(out->ones, out->samples[0].ones,
		    out->nones * sizeof(int));
	}
	free(rk);
}

int
anneal_run(const struct qubo *q, const struct anneal_params *par,
    struct sample_set *out, struct anneal_stats *st, struct kerr *e)
{
	struct problem p;
	struct shared sh;
	struct worker *wk;
	pthread_t *tid;
	long k, last, fh;
	int t, nt, started;

	if (par->reads < 1 || par->sweeps < 1 || par->keep < 1 ||
	    (par->algorithm == ANNEAL_PT && par->replicas < 2))
		return kerr_set(e, "bad parameters");
	memset(&sh, 0, sizeof(sh));
	sh.q = q;
	sh.par = par;
	sh.sign = par->maximize ? -1 : 1;
	problem_init(&p, q, sh.sign);
	problem_aux(&p);
	{
		double maxd, typd, mind;

		problem_scale(&p, &maxd, &typd, &mind);
		p.eps = 1e-12 * (1 + maxd);
	}
	sh.p = &p;
	if (par->beta_hot > 0 && par->beta_cold > 0) {
		sh.hot = par->beta_hot;
		sh.cold = par->beta_cold;
	} else
		anneal_beta_range(q, &sh.hot, &sh.cold);
	sh.target = sh.sign * par->target;
	sh.res = xcalloc((size_t)par->reads, sizeof(*sh.res));
	atomic_init(&sh.next, 0);
	atomic_init(&sh.first_hit, LONG_MAX);
	atomic_init(&sh.stopped, 0);
	pthread_mutex_init(&sh.lock, NULL);
	clock_gettime(CLOCK_MONOTONIC, &sh.t0);

	nt = par->threads;
	if (nt <= 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);

		nt = c > 0 ? (int)(c < 256 ? c : 256) : 1;
	}
	if (nt > par->reads)
		nt = (int)par->reads;
	wk = xcalloc((size_t)nt, sizeof(*wk));
	tid = xcalloc((size_t)nt, sizeof(*tid));
	for (t = 0; t < nt; t++)
		worker_init(&wk[t], &sh);
	/* Thread 0 is this one; if no thread starts, it does all reads. */
	started = 0;
	for (t = 1; t < nt; t++)
		if (pthread_create(&tid[t], NULL, worker_main, &wk[t]) != 0)
			break;
	started = t;
	worker_main(&wk[0]);
	for (t = 1; t < started; t++)
		pthread_join(tid[t], NULL);

	fh = atomic_load(&sh.first_hit);
	last = fh < par->reads ? fh : par->reads - 1;
	collect(&sh, last, out);
	snprintf(out->solver, sizeof(out->solver), "kytos-anneal");
	out->maximize = par->maximize;
	out->num_variables = q->n;
	if (out->has_energy && reached(&sh, sh.sign * out->energy))
		snprintf(out->status, sizeof(out->status), "target");
	else if (atomic_load(&sh.stopped))
		snprintf(out->status, sizeof(out->status), "timeout");
	else
		snprintf(out->status, sizeof(out->status), "ok");

	memset(st, 0, sizeof(*st));
	for (k = 0; k <= last; k++) {
		st->reads += sh.res[k].done;
		st->spin_updates += sh.res[k].updates;
	}
	st->sweeps = par->sweeps;
	st->replicas = par->algorithm == ANNEAL_PT ? par->replicas : 1;
	st->threads = started;
	st->seconds = elapsed(&sh.t0);
	st->beta_hot = sh.hot;
	st->beta_cold = sh.cold;

	for (k = 0; k < par->reads; k++)
		free(sh.res[k].ones);
	for (t = 0; t < nt; t++)
		worker_release(&wk[t]);
	free(wk);
	free(tid);
	free(sh.res);
	pthread_mutex_destroy(&sh.lock);
	problem_release(&p);
	return 0;
}
