/*
 * test_milp.c: lib/milp against models with known answers: a knapsack
 * checked by enumeration, an infeasible and an unbounded model, the LP
 * relaxation bound, cutoffs, node limits, the objective constant, and the
 * exported LP and MPS files re-read by the lp_solve CLI.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "milp.h"

static const double kval[] = { 10, 13, 7, 8, 4, 9 };
static const double kwt[] = { 3, 4, 2, 3, 1, 5 };
#define KN 6
#define KCAP 10

/* The knapsack's optimum by enumeration of all 2^KN subsets. */
static double
knap_best(void)
{
	double best = 0;
	int s, i;

	for (s = 0; s < 1 << KN; s++) {
		double v = 0, w = 0;

		for (i = 0; i < KN; i++)
			if (s >> i & 1) {
				v += kval[i];
				w += kwt[i];
			}
		if (w <= KCAP && v > best)
			best = v;
	}
	return best;
}

/* The fractional knapsack (Dantzig's bound), the LP relaxation's value. */
static double
knap_lp(void)
{
	int order[KN], i, j;
	double cap = KCAP, v = 0;

	for (i = 0; i < KN; i++)
		order[i] = i;
	for (i = 0; i < KN; i++)
		for (j = i + 1; j < KN; j++)
			if (kval[order[j]] / kwt[order[j]] >
			    kval[order[i]] / kwt[order[i]]) {
				int t = order[i];

				order[i] = order[j];
				order[j] = t;
			}
	for (i = 0; i < KN && cap > 0; i++) {
		double f = fmin(1, cap / kwt[order[i]]);

		v += f * kval[order[i]];
		cap -= f * kwt[order[i]];
	}
	return v;
}

static struct milp *
knapsack(double offset)
{
	struct kerr e;
	struct milp *m = milp_new(KN, &e);
	int cols[KN], i;
	char name[32];

	for (i = 0; i < KN; i++) {
		/* Names that need cleaning for export. */
		snprintf(name, sizeof(name), "item-%d/x.y", i);
		CHECK(milp_set_col(m, i, 0, 1, 1, kval[i], name) == 0);
		cols[i] = i;
	}
	CHECK(milp_add_row(m, KN, cols, kwt, MILP_LE, KCAP, "cap a") == 0);
	milp_set_maximize(m, 1);
	milp_set_offset(m, offset);
	return m;
}

/* Run the lp_solve CLI on a file and return its objective value. */
static double
cli_objective(const char *args, const char *path)
{
	char cmd[512], line[512];
	FILE *fp;
	double v = NAN;

	snprintf(cmd, sizeof(cmd), "lp_solve %s '%s' 2>&1", args, path);
	if ((fp = popen(cmd, "r")) == NULL)
		return NAN;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (sscanf(line, "Value of objective function: %lf", &v) == 1)
			break;
	while (fgets(line, sizeof(line), fp) != NULL)
		;
	pclose(fp);
	return v;
}

static void
test_knapsack(void)
{
	struct milp_params p;
	struct milp_result r;
	struct kerr e;
	struct milp *m = knapsack(0);
	double best = knap_best(), w = 0;
	int i;

	milp_params_defaults(&p);
	CHECK(milp_solve(m, &p, &r, &e) == 0);
	CHECK(r.status == MILP_OPTIMAL);
	CHECK_NEAR(r.objective, best, 1e-6);
	CHECK(r.x != NULL);
	for (i = 0; r.x != NULL && i < KN; i++) {
		CHECK(fabs(r.x[i]) < 1e-6 || fabs(r.x[i] - 1) < 1e-6);
		w += r.x[i] * kwt[i];
	}
	CHECK(w <= KCAP + 1e-6);
	CHECK_NEAR(r.gap, 0, 1e-12);
	free(r.x);

	CHECK(milp_solve_relaxation(m, &p, &r, &e) == 0);
	CHECK(r.status == MILP_OPTIMAL);
	CHECK_NEAR(r.objective, knap_lp(), 1e-6);
	CHECK(r.objective >= best - 1e-9);
	free(r.x);

	/* A cutoff above the optimum leaves nothing to find. */
	p.has_cutoff = 1;
	p.cutoff = best + 0.5;
	CHECK(milp_solve(m, &p, &r, &e) == 0);
	CHECK(r.status == MILP_INFEASIBLE);
	CHECK(r.x == NULL);
	free(r.x);
	/* One below still finds it. */
	p.cutoff = best - 0.5;
	CHECK(milp_solve(m, &p, &r, &e) == 0);
	CHECK(r.status == MILP_OPTIMAL);
	CHECK_NEAR(r.objective, best, 1e-6);
	free(r.x);
	/* Without the separate root LP: the same optimum. */
	p.no_root_bound = 1;
	CHECK(milp_solve(m, &p, &r, &e) == 0);
	CHECK(r.status == MILP_OPTIMAL);
	CHECK_NEAR(r.objective, best, 1e-6);
	free(r.x);
	/*
	 * A node limit stops branch and bound early, the same way each time:
	 * whatever it found is feasible, no better than the optimum, and the
	 * same in a second run.
	 */
	milp_params_defaults(&p);
	p.node_limit = 1;
	CHECK(milp_solve(m, &p, &r, &e) == 0);
	CHECK(r.status == MILP_OPTIMAL || r.status == MILP_FEASIBLE ||
	    r.status == MILP_TIMEOUT);
	{
		struct milp_result r2;
		double obj = r.x != NULL ? r.objective : NAN;

		CHECK(r.x == NULL || r.objective <= best + 1e-6);
		free(r.x);
		CHECK(milp_solve(m, &p, &r2, &e) == 0);
		CHECK(r2.status == r.status);
		CHECK(r2.x == NULL || fabs(r2.objective - obj) < 1e-9);
		free(r2.x);
	}
	/* A stop flag raised before the start: stopped, nothing found. */
	{
		volatile sig_atomic_t stop = 1;

		milp_params_defaults(&p);
		p.stop = &stop;
		CHECK(milp_solve(m, &p, &r, &e) == 0);
		CHECK(r.status == MILP_TIMEOUT || r.status == MILP_FEASIBLE);
		CHECK(r.status != MILP_TIMEOUT || r.x == NULL);
		free(r.x);
	}
	milp_free(m);

	/* The objective constant is added, in the model's sense. */
	m = knapsack(100);
	milp_params_defaults(&p);
	CHECK(milp_solve(m, &p, &r, &e) == 0);
	CHECK_NEAR(r.objective, best + 100, 1e-6);
	CHECK_NEAR(r.bound, best + 100, 1e-6);
	free(r.x);
	milp_free(m);
}

static void
test_infeasible_unbounded(void)
{
	struct milp_params p;
	struct milp_result r;
	struct kerr e;
	struct milp *m;
	int cols[2] = { 0, 1 };
	double ones[2] = { 1, 1 }, pm[2] = { 1, -1 };

	milp_params_defaults(&p);
	m = milp_new(2, &e);
	milp_set_col(m, 0, 0, 1, 1, 1, "x");
	milp_set_col(m, 1, 0, 1, 1, 1, "y");
	milp_add_row(m, 2, cols, ones, MILP_GE, 3, NULL);
	CHECK(milp_solve(m, &p, &r, &e) == 0);
	CHECK(r.status == MILP_INFEASIBLE);
	CHECK(r.x == NULL);
	CHECK(strcmp(milp_status_name(r.status), "infeasible") == 0);
	milp_free(m);

	/* Integrality alone makes this one infeasible: 2x = 1. */
	m = milp_new(1, &e);
	milp_set_col(m, 0, 0, 10, 1, 1, NULL);
	milp_add_row(m, 1, cols, (double[]){ 2 }, MILP_EQ, 1, NULL);
	CHECK(milp_solve(m, &p, &r, &e) == 0);
	CHECK(r.status == MILP_INFEASIBLE);
	free(r.x);
	CHECK(milp_solve_relaxation(m, &p, &r, &e) == 0);
	CHECK(r.status == MILP_OPTIMAL);
	CHECK_NEAR(r.objective, 0.5, 1e-9);
	free(r.x);
	milp_free(m);

	m = milp_new(2, &e);
	milp_set_col(m, 0, 0, INFINITY, 1, 1, NULL);
	milp_set_col(m, 1, 0, INFINITY, 0, 0, NULL);
	milp_add_row(m, 2, cols, pm, MILP_LE, 1, NULL);
	milp_set_maximize(m, 1);
	CHECK(milp_solve(m, &p, &r, &e) == 0);
	CHECK(r.status == MILP_UNBOUNDED);
	CHECK(strcmp(milp_status_name(r.status), "unbounded") == 0);
	free(r.x);
	milp_free(m);

	/* Bad column or row indices are refused, not stored. */
	m = milp_new(2, &e);
	CHECK(milp_set_col(m, 2, 0, 1, 0, 0, NULL) == -1);
	CHECK(milp_add_row(m, 1, (int[]){ 5 }, ones, MILP_LE, 1, NULL) == -1);
	CHECK(milp_nrows(m) == 0);
	CHECK(milp_ncols(m) == 2);
	milp_free(m);
}

static void
test_export(void)
{
	char lp[64], mps[64];
	struct kerr e;
	struct milp *m = knapsack(7);
	double best = knap_best() + 7;
	FILE *fp;
	char line[256];
	int bad = 0;

	snprintf(lp, sizeof(lp), "/tmp/test_milp.%ld.lp", (long)getpid());
	snprintf(mps, sizeof(mps), "/tmp/test_milp.%ld.mps", (long)getpid());
	CHECK(milp_write_lp(m, lp, &e) == 0);
	CHECK(milp_write_mps(m, mps, &e) == 0);
	CHECK_NEAR(cli_objective("-S3", lp), best, 1e-6);
	/* MPS is a minimisation of the negated objective. */
	CHECK_NEAR(cli_objective("-S3 -fmps", mps), -best, 1e-6);
	/* Names are reduced to [A-Za-z0-9_]. */
	if ((fp = fopen(mps, "r")) != NULL) {
		while (fgets(line, sizeof(line), fp) != NULL)
			if (strstr(line, "item_0_x_y") != NULL)
				bad |= 1;
			else if (strchr(line, '/') != NULL ||
			    strstr(line, "item-") != NULL)
				bad |= 2;
		fclose(fp);
	}
	CHECK(bad == 1);
	CHECK(milp_write_lp(m, "/nonexistent/dir/x.lp", &e) == -1);
	unlink(lp);
	unlink(mps);
	milp_free(m);
}

int
main(void)
{
	test_knapsack();
	test_infeasible_unbounded();
	test_export();
	return check_status();
}
