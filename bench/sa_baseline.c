/*
 * sa_baseline.c: the benchmark's yardstick, a plain textbook simulated
 * annealer run on the same machine as kytos-anneal, so that the ratios in
 * bench/anneal.sh do not depend on how busy the machine is.
 *
 * It does what D-Wave's SimulatedAnnealingSampler core does by default:
 * one thread, sequential sweeps, cached local fields in sparse rows, a
 * geometric schedule over D-Wave's default range (hot: the largest flip
 * accepted with probability 1/2; cold: half the smallest weight accepted
 * with probability 1/100), libm exp().  Written for this benchmark; no
 * code of D-Wave's.
 *
 *   sa_baseline [-m] reads sweeps file.qubo
 *
 * prints "best seconds updates".  Input: qbsolv text; comments skipped.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct prob {
	int n;
	double *h;
	int *start, *col;
	double *w;
};

static uint64_t
next(uint64_t *s)
{
	/* xorshift64*: fast and good enough for a yardstick */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static double
uniform(uint64_t *s)
{
	return (double)(next(s) >> 11) * 0x1.0p-53;
}

static int
load(const char *path, double sign, struct prob *p)
{
	FILE *fp = fopen(path, "r");
	char line[256];
	int *ci = NULL, *cj = NULL, *fill, i, j, nc = 0, cap = 0, k;
	double *cw = NULL, v;

	if (fp == NULL)
		return -1;
	p->n = 0;
	p->h = NULL;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == 'c' || line[0] == '\n')
			continue;
		if (line[0] == 'p') {
			if (sscanf(line, "p qubo %*s %d", &p->n) != 1)
				return -1;
			p->h = calloc((size_t)p->n, sizeof(double));
			continue;
		}
		if (p->h == NULL || sscanf(line, "%d %d %lf", &i, &j, &v) != 3)
			return -1;
		if (i == j) {
			p->h[i] += sign * v;
			continue;
		}
		if (nc == cap) {
			cap = cap ? 2 * cap : 1024;
			ci = realloc(ci, (size_t)cap * sizeof(int));
			cj = realloc(cj, (size_t)cap * sizeof(int));
			cw = realloc(cw, (size_t)cap * sizeof(double));
		}
		ci[nc] = i;
		cj[nc] = j;
		cw[nc++] = sign * v;
	}
	fclose(fp);
	p->start = calloc((size_t)p->n + 1, sizeof(int));
	p->col = malloc((size_t)(2 * nc + 1) * sizeof(int));
	p->w = malloc((size_t)(2 * nc + 1) * sizeof(double));
	fill = calloc((size_t)p->n, sizeof(int));
	for (k = 0; k < nc; k++) {
		p->start[ci[k] + 1]++;
		p->start[cj[k] + 1]++;
	}
	for (i = 0; i < p->n; i++)
		p->start[i + 1] += p->start[i];
	for (k = 0; k < nc; k++) {
		i = p->start[ci[k]] + fill[ci[k]]++;
		p->col[i] = cj[k];
		p->w[i] = cw[k];
		j = p->start[cj[k]] + fill[cj[k]]++;
		p->col[j] = ci[k];
		p->w[j] = cw[k];
	}
	free(fill);
	free(ci);
	free(cj);
	free(cw);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct prob p;
	struct timespec t0, t1;
	unsigned char *x;
	double *f, hot, cold, maxd = 0, mind = HUGE_VAL, best = HUGE_VAL;
	double sign = 1, e, beta, d;
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	long reads, sweeps, r, s;
	int i, k, a = 1;

	if (argc > 1 && strcmp(argv[1], "-m") == 0) {
		sign = -1;
		a++;
	}
	if (argc - a != 3 || load(argv[a + 2], sign, &p) < 0) {
		fprintf(stderr, "usage: sa_baseline [-m] reads sweeps file\n");
		return 2;
	}
	reads = atol(argv[a]);
	sweeps = atol(argv[a + 1]);
	/* D-Wave's max_i 2 (|h_i| + sum_j |J_ij|) in Ising form is, in QUBO
	 * form, max_i max(|h_i + positive W_i.|, |h_i + negative W_i.|) */
	for (i = 0; i < p.n; i++) {
		double pos = p.h[i], neg = p.h[i];

		if (p.h[i] != 0)
			mind = fmin(mind, fabs(p.h[i]));
		for (k = p.start[i]; k < p.start[i + 1]; k++) {
			if (p.w[k] > 0)
				pos += p.w[k];
			else
				neg += p.w[k];
			if (p.w[k] != 0)
				mind = fmin(mind, fabs(p.w[k]));
		}
		maxd = fmax(maxd, fmax(fabs(pos), fabs(neg)));
	}
	hot = log(2) / maxd;
	cold = log(100) / (mind / 2);
	x = malloc((size_t)p.n);
	f = malloc((size_t)p.n * sizeof(double));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (r = 0; r < reads; r++) {
		for (i = 0; i < p.n; i++)
			x[i] = (unsigned char)(next(&seed) >> 63);
		e = 0;
		for (i = 0; i < p.n; i++) {
			f[i] = 0;
			for (k = p.start[i]; k < p.start[i + 1]; k++)
				f[i] += p.w[k] * x[p.col[k]];
			if (x[i])
				e += p.h[i] + f[i] / 2;
		}
		for (s = 0; s < sweeps; s++) {
			beta = hot * pow(cold / hot, sweeps > 1 ?
			    (double)s / (double)(sweeps - 1) : 1);
			for (i = 0; i < p.n; i++) {
				d = p.h[i] + f[i];
				if (x[i])
					d = -d;
				if (d > 0 && exp(-beta * d) <= uniform(&seed))
					continue;
				x[i] ^= 1;
				for (k = p.start[i]; k < p.start[i + 1]; k++)
					f[p.col[k]] += x[i] ? p.w[k] : -p.w[k];
				e += d;
			}
		}
		if (e < best)
			best = e;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.17g %.6f %.0f\n", sign * best, (double)(t1.tv_sec -
	    t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9,
	    (double)reads * (double)sweeps * p.n);
	return 0;
}
