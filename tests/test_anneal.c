/*
 * test_anneal.c: lib/anneal against exhaustive enumeration on random QUBOs
 * of up to 16 variables (SA, PT and SA + tabu; minimum, maximum, with and
 * without onehot and atmostone groups), determinism across threads,
 * --target, polishing; placement QUBOs with slack bits (compound moves)
 * against enumeration of every placement and slack.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "anneal.h"
#include "check.h"
#include "rng.h"

static void
bits(unsigned long v, int n, unsigned char *x)
{
	int i;

	for (i = 0; i < n; i++)
		x[i] = (unsigned char)((v >> i) & 1);
}

/* Do the groups of q hold for x (onehot: one member, atmostone: <= 1)? */
static int
feasible(const struct qubo *q, const unsigned char *x)
{
	size_t g;
	int k, on;

	for (g = 0; g < q->ngroups; g++) {
		for (on = 0, k = 0; k < q->groups[g].n; k++)
			on += x[q->groups[g].vars[k]];
		if (on > 1 || (on == 0 && q->groups[g].kind == QUBO_ONEHOT))
			return 0;
	}
	return 1;
}

/* The best energy over every (feasible, if asked) assignment. */
static double
brute(const struct qubo *q, int maximize, int groups)
{
	unsigned char x[16];
	double best = maximize ? -HUGE_VAL : HUGE_VAL, e;
	unsigned long v;

	for (v = 0; v < 1UL << q->n; v++) {
		bits(v, q->n, x);
		if (groups && !feasible(q, x))
			continue;
		e = qubo_energy(q, x);
		if (maximize ? e > best : e < best)
			best = e;
	}
	return best;
}

/* A random QUBO; with groups, disjoint onehot/atmostone groups first. */
static void
random_qubo(struct qubo *q, struct rng *r, int n, int groups)
{
	struct kerr e;
	int i, j, at = 0;

	qubo_init(q);
	qubo_resize(q, n, &e);
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++)
			if (rng_below(r, 2))
				qubo_add(q, i, j,
				    (double)((int)rng_below(r, 41) - 20) / 4);
	qubo_meta_add(q, "offset 1.5");
	while (groups && at + 2 <= n && rng_below(r, 4) != 0) {
		int size = 2 + (int)rng_below(r, 3);

		if (at + size > n)
			size = n - at;
		if (size == 2)
			qubo_meta_add(q, "%s %d %d", rng_below(r, 2) ?
			    "onehot" : "atmostone", at, at + 1);
		else if (size == 3)
			qubo_meta_add(q, "%s %d %d %d", rng_below(r, 2) ?
			    "onehot" : "atmostone", at, at + 1, at + 2);
		else
			qubo_meta_add(q, "%s %d %d %d %d", rng_below(r, 2) ?
			    "onehot" : "atmostone", at, at + 1, at + 2,
			    at + 3);
		at += size;
	}
	qubo_finish(q, &e);
}

static void
to_x(const struct qubo *q, const int *ones, size_t n, unsigned char *x)
{
	size_t k;

	memset(x, 0, (size_t)q->n);
	for (k = 0; k < n; k++)
		x[ones[k]] = 1;
}

/* Every sample: energy right, groups kept, no improving single flip. */
static void
check_samples(const struct qubo *q, const struct sample_set *s, int maximize,
    int groups)
{
	unsigned char x[16];
	size_t k;
	int i;

	CHECK(s->has_energy && s->nsamples >= 1);
	for (k = 0; k < s->nsamples; k++) {
		double e;

		to_x(q, s->samples[k].ones, s->samples[k].nones, x);
		e = qubo_energy(q, x);
		CHECK(e == s->samples[k].energy);
		if (k > 0)
			CHECK(maximize ? s->samples[k].energy <=
			    s->samples[k - 1].energy : s->samples[k].energy >=
			    s->samples[k - 1].energy);
		if (groups) {
			CHECK(feasible(q, x));
			continue;
		}
		for (i = 0; i < q->n; i++) {
			double f;

			x[i] ^= 1;
			f = qubo_energy(q, x);
			x[i] ^= 1;
			CHECK(maximize ? f <= e + 1e-9 : f >= e - 1e-9);
		}
	}
}

static int
same_samples(const struct sample_set *a, const struct sample_set *b)
{
	size_t k;

	if (a->nsamples != b->nsamples || strcmp(a->status, b->status) != 0)
		return 0;
	for (k = 0; k < a->nsamples; k++)
		if (a->samples[k].energy != b->samples[k].energy ||
		    a->samples[k].count != b->samples[k].count ||
		    a->samples[k].nones != b->samples[k].nones ||
		    memcmp(a->samples[k].ones, b->samples[k].ones,
		    a->samples[k].nones * sizeof(int)) != 0)
			return 0;
	return 1;
}

static void
solve(const struct qubo *q, const struct anneal_params *p,
    struct sample_set *s)
{
	struct anneal_stats st;
	struct kerr e;

	sample_set_init(s);
	CHECK(anneal_run(q, p, s, &st, &e) == 0);
}

/* SA and PT find the exhaustive optimum, minimised and maximised. */
static void
test_optimum(int groups)
{
	struct anneal_params p;
	struct sample_set s;
	struct qubo q;
	struct rng r;
	int t, alg, max;

	rng_seed(&r, groups ? 5 : 3, 0);
	for (t = 0; t < 24; t++) {
		random_qubo(&q, &r, 1 + (int)rng_below(&r, 16), groups);
		for (alg = 0; alg < 3; alg++)
			for (max = 0; max < 2; max++) {
				anneal_params_defaults(&p);
				p.algorithm = alg == 2 ? ANNEAL_TABU :
				    alg ? ANNEAL_PT : ANNEAL_SA;
				p.replicas = 4;
				p.reads = 8;
				p.sweeps = 100;
				p.keep = 4;
				p.threads = 2;
				p.maximize = max;
				p.seed = (uint64_t)t;
				solve(&q, &p, &s);
				CHECK(strcmp(s.status, "ok") == 0);
				CHECK(s.maximize == max);
				CHECK(s.num_variables == q.n);
				CHECK_NEAR(s.energy, brute(&q, max, groups),
				    1e-9);
				check_samples(&q, &s, max, groups);
				sample_set_release(&s);
			}
		qubo_release(&q);
	}
}

/* One thread or three: the same samples; a target stops in read order. */
static void
test_threads_target(void)
{
	struct anneal_params p;
	struct sample_set a, b;
	struct qubo q;
	struct rng r;
	double best;
	int t, j;

	rng_seed(&r, 9, 0);
	for (t = 0; t < 10; t++) {
		random_qubo(&q, &r, 16, t & 1);
		best = brute(&q, 0, t & 1);
		anneal_params_defaults(&p);
		p.reads = 40;
		p.sweeps = 3;
		p.keep = 40;
		p.threads = 1;
		solve(&q, &p, &a);
		for (j = 2; j <= 3; j++) {
			p.threads = j;
			solve(&q, &p, &b);
			CHECK(same_samples(&a, &b));
			sample_set_release(&b);
		}
		sample_set_release(&a);
		p.algorithm = ANNEAL_TABU;
		p.tabu_iters = 30;
		p.threads = 1;
		solve(&q, &p, &a);
		p.threads = 3;
		solve(&q, &p, &b);
		CHECK(same_samples(&a, &b));
		sample_set_release(&a);
		sample_set_release(&b);
		p.algorithm = ANNEAL_SA;

		/* the optimum as target: status target, same on 1 and 3 */
		p.has_target = 1;
		p.target = best;
		p.threads = 1;
		solve(&q, &p, &a);
		p.threads = 3;
		solve(&q, &p, &b);
		CHECK(same_samples(&a, &b));
		if (strcmp(a.status, "target") == 0)
			CHECK_NEAR(a.energy, best, 1e-9);
		else
			CHECK(a.energy > best && strcmp(a.status, "ok") == 0);
		sample_set_release(&a);
		sample_set_release(&b);

		/* an easy target stops at read 0 */
		p.target = best + 1000;
		solve(&q, &p, &a);
		CHECK(strcmp(a.status, "target") == 0);
		CHECK(a.nsamples == 1 && a.samples[0].count == 1);
		sample_set_release(&a);

		/* maximised: the target is in the file's sense */
		p.maximize = 1;
		p.target = brute(&q, 1, t & 1);
		p.sweeps = 100;
		solve(&q, &p, &a);
		CHECK(strcmp(a.status, "target") == 0);
		CHECK_NEAR(a.energy, p.target, 1e-9);
		sample_set_release(&a);
		qubo_release(&q);
	}
}

/* The default beta range: the documented rule on a small case. */
static void
test_beta(void)
{
	struct qubo q;
	struct kerr e;
	double hot, cold;

	/* h = (1, -2), W01 = 4: typical |delta| of x0 is |1 + 2| + 2 = 5, of
	 * x1 |-2 + 2| + 2 = 2; smallest weight 1 */
	qubo_init(&q);
	qubo_resize(&q, 2, &e);
	qubo_add(&q, 0, 0, 1);
	qubo_add(&q, 1, 1, -2);
	qubo_add(&q, 0, 1, 4);
	qubo_finish(&q, &e);
	anneal_beta_range(&q, &hot, &cold);
	CHECK_NEAR(hot, log(16) / 5, 1e-15);
	CHECK_NEAR(cold, log(100) / 0.5, 1e-12);
	qubo_release(&q);
}

/* Stopped before any read: status timeout, no state (energy null). */
static void
test_stop(void)
{
	static const volatile sig_atomic_t stop = 1;
	struct anneal_params p;
	struct sample_set s;
	struct qubo q;
	struct rng r;

	rng_seed(&r, 1, 0);
	random_qubo(&q, &r, 10, 1);
	anneal_params_defaults(&p);
	p.stop = &stop;
	solve(&q, &p, &s);
	CHECK(strcmp(s.status, "timeout") == 0);
	CHECK(!s.has_energy && s.nsamples == 0 && s.nones == 0);
	sample_set_release(&s);
	qubo_release(&q);
}

/*
 * A small placement QUBO as kytos-qubo writes it: 4 pods onehot over 3
 * nodes, a random cost per placement and per pair of pods on a node, and
 * a capacity of 5 per node, requests 1..3, as A (load + slack - 5)^2 with
 * slack bits 1, 2, 2 (variables 12 + 3 n + k).
 */
static void
slack_qubo(struct qubo *q, struct rng *r, double *req)
{
	static const double bit[3] = { 1, 2, 2 };
	const double A = 40;
	struct kerr e;
	int p, n, a, b, na, var[7];
	double co[7];

	qubo_init(q);
	qubo_resize(q, 21, &e);
	for (p = 0; p < 4; p++) {
		req[p] = 1 + rng_below(r, 3);
		qubo_meta_add(q, "onehot %d %d %d", 3 * p, 3 * p + 1,
		    3 * p + 2);
		for (n = 0; n < 3; n++)
			qubo_add(q, 3 * p + n, 3 * p + n,
			    (double)rng_below(r, 9) / 2);
	}
	for (n = 0; n < 3; n++) {
		for (a = 0; a < 4; a++)
			for (b = a + 1; b < 4; b++)
				qubo_add(q, 3 * a + n, 3 * b + n,
				    (double)rng_below(r, 5) / 2);
		na = 0;
		for (p = 0; p < 4; p++) {
			var[na] = 3 * p + n;
			co[na++] = req[p];
		}
		for (a = 0; a < 3; a++) {
			var[na] = 12 + 3 * n + a;
			co[na++] = bit[a];
		}
		for (a = 0; a < na; a++) {
			qubo_add(q, var[a], var[a],
			    A * (co[a] * co[a] - 10 * co[a]));
			for (b = a + 1; b < na; b++)
				qubo_add(q, var[a], var[b],
				    2 * A * co[a] * co[b]);
		}
	}
	qubo_meta_add(q, "offset %g", 3 * 25 * A);
	qubo_finish(q, &e);
}

/* Every placement (3^4) with every slack (2^9): the least energy. */
static double
slack_brute(const struct qubo *q)
{
	unsigned char x[21];
	double best = HUGE_VAL, e;
	int pl, sl, p, v;

	for (pl = 0; pl < 81; pl++)
		for (sl = 0; sl < 512; sl++) {
			memset(x, 0, sizeof(x));
			for (v = pl, p = 0; p < 4; p++, v /= 3)
				x[3 * p + v % 3] = 1;
			for (v = 0; v < 9; v++)
				x[12 + v] = (unsigned char)((sl >> v) & 1);
			e = qubo_energy(q, x);
			if (e < best)
				best = e;
		}
	return best;
}

/*
 * With the slack re-optimised inside each group move, short runs reach
 * the optimum: 8 reads of 100 sweeps (with the slack left fixed during
 * a move, most of these runs ended above it).
 */
static void
test_slack(void)
{
	struct anneal_params p;
	struct sample_set s;
	struct qubo q;
	struct rng r;
	double req[4];
	int t;

	rng_seed(&r, 11, 0);
	for (t = 0; t < 20; t++) {
		slack_qubo(&q, &r, req);
		anneal_params_defaults(&p);
		p.reads = 8;
		p.sweeps = 100;
		p.threads = 1;
		p.seed = (uint64_t)t;
		solve(&q, &p, &s);
		CHECK_NEAR(s.energy, slack_brute(&q), 1e-9);
		sample_set_release(&s);
		qubo_release(&q);
	}
}

int
main(void)
{
	test_optimum(0);
	test_optimum(1);
	test_threads_target();
	test_beta();
	test_stop();
	test_slack();
	return check_status();
}
