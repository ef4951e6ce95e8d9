/*
 * test_caspian.c: caspian-plan's planner against brute force.  Tiny random
 * instances (a few jobs, two or three regions, a short horizon, tight
 * capacity, previous plans) are solved by enumerating every combination of
 * starts (and "left out") with the model's costs computed here from the
 * input, independently of lib/cplan.c; the planner must reach the same
 * objective and prove it.  The original's synthetic example is checked the
 * same way.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian.h"
#include "check.h"
#include "cplan.h"
#include "json.h"
#include "rng.h"

#define MAXJ 5
#define MAXS 64

struct opt {
	int r, t;		/* r = -1: left out */
	double cost;
};

struct brute {
	const struct caspian *c;
	struct opt opts[MAXJ][MAXS];
	int nopt[MAXJ];
	int live[MAXJ];		/* job can be planned at all */
	double *use;
	double best;
};

static int
fits_alone(const struct caspian *c, const struct caspian_job *j, int r, int t)
{
	int s, k;

	for (s = t; s < t + j->runtime; s++)
		for (k = 0; k < CASPIAN_NRES; k++)
			if (j->need[k] > c->cap[((size_t)r * c->horizon + s) *
			    CASPIAN_NRES + k] + 1e-9)
				return 0;
	return 1;
}

static void
options(struct brute *b)
{
	const struct caspian *c = b->c;
	int j, r, t;

	for (j = 0; j < c->njobs; j++) {
		const struct caspian_job *jb = &c->jobs[j];
		double power = (jb->need[CASPIAN_CPU] * c->watt_cpu +
		    jb->need[CASPIAN_GPU] * c->watt_gpu) / 1000, worst = 0;
		int n = 0;

		for (r = 0; r < c->nregions; r++) {
			if (!jb->allowed[r])
				continue;
			if (!c->migration_allow && jb->prev_region >= 0 &&
			    r != jb->prev_region)
				continue;
			for (t = jb->release; t + jb->runtime - 1 <=
			    jb->deadline; t++) {
				double g = 0;
				int s;

				if (!fits_alone(c, jb, r, t))
					continue;
				for (s = t; s < t + jb->runtime; s++)
					g += c->ci[(size_t)r * c->horizon + s];
				g *= power * c->slot_seconds / 3600;
				if (jb->prev_region >= 0 &&
				    r != jb->prev_region)
					g += c->lambda_plan_dev + jb->data_gb *
					    c->net[jb->prev_region *
					    c->nregions + r];
				b->opts[j][n].r = r;
				b->opts[j][n].t = t;
				b->opts[j][n++].cost = g;
				worst = fmax(worst, g);
			}
		}
		b->live[j] = n > 0;
		if (n > 0) {
			b->opts[j][n].r = -1;
			b->opts[j][n++].cost = CPLAN_UNSCHEDULED_COST + worst;
		}
		b->nopt[j] = n;
	}
}

static int
room(struct brute *b, int j, const struct opt *o, double sign)
{
	const struct caspian *c = b->c;
	const struct caspian_job *jb = &c->jobs[j];
	int s, k, ok = 1;

	for (s = o->t; s < o->t + jb->runtime; s++)
		for (k = 0; k < CASPIAN_NRES; k++) {
			size_t i = ((size_t)o->r * c->horizon + s) *
			    CASPIAN_NRES + k;

			b->use[i] += sign * jb->need[k];
			if (b->use[i] > c->cap[i] + 1e-9)
				ok = 0;
		}
	return ok;
}

static void
enumerate(struct brute *b, int j, double cost)
{
	int i;

	if (cost >= b->best)
		return;
	if (j == b->c->njobs) {
		b->best = cost;
		return;
	}
	if (!b->live[j]) {
		enumerate(b, j + 1, cost);
		return;
	}
	for (i = 0; i < b->nopt[j]; i++) {
		const struct opt *o = &b->opts[j][i];

		if (o->r < 0) {
			enumerate(b, j + 1, cost + o->cost);
			continue;
		}
		if (room(b, j, o, 1))
			enumerate(b, j + 1, cost + o->cost);
		room(b, j, o, -1);
	}
}

static double
brute_force(const struct caspian *c)
{
	struct brute b;

	memset(&b, 0, sizeof(b));
	b.c = c;
	b.best = INFINITY;
	b.use = calloc((size_t)c->nregions * c->horizon * CASPIAN_NRES,
	    sizeof(double));
	options(&b);
	enumerate(&b, 0, 0);
	free(b.use);
	return b.best;
}

/* Plan c and check the objective and status against brute force. */
static void
check_instance(const struct caspian *c, const char *label)
{
	struct cplan_params p;
	struct json *out;
	enum cplan_status st;
	struct kerr e;
	double want = brute_force(c), got;

	cplan_params_defaults(&p);
	p.gap = 0;
	p.time_limit = 0;
	CHECK(cplan_solve(c, &p, &out, &st, &e) == 0);
	got = json_number(json_get(out, "objective"));
	if (fabs(got - want) > 1e-6 * fmax(1, want))
		fprintf(stderr, "%s: objective %.17g, brute force %.17g\n",
		    label, got, want);
	CHECK_NEAR(got, want, 1e-6 * fmax(1, want));
	CHECK(st == CPLAN_OPTIMAL);
	CHECK(strcmp(json_string(json_get(out, "solver_status")),
	    "Optimal") == 0);
	json_free(out);
}

static void
load(struct caspian *c, const char *text)
{
	struct kerr e;

	caspian_init(c);
	if (caspian_load(c, text, strlen(text), "test", &e) == -1 ||
	    caspian_fill_carbons(c, 0, 0, &e) == -1) {
		fprintf(stderr, "%s\n", e.msg);
		CHECK(0);
	}
}

/* Append printf output to a growing buffer. */
static void
cat(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
cat(char *buf, size_t cap, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + n, cap - n, fmt, ap);
	va_end(ap);
}

static void
test_synthetic(void)
{
	static char buf[65536];
	const char *reg[] = { "KR", "JP", "US" };
	const int base[] = { 400, 300, 350 };
	struct caspian c;
	int H = 8, i, r, t;

	buf[0] = '\0';
	cat(buf, sizeof(buf), "{\"regions\": [\"KR\", \"JP\", \"US\"], "
	    "\"horizon_slots\": %d, \"slot_seconds\": 3600, \"jobs\": [", H);
	for (i = 0; i < 3; i++)
		cat(buf, sizeof(buf), "%s{\"job_id\": \"job-%d\", \"cpu\": %d, "
		    "\"mem_gb\": 4, \"runtime_slots\": 2, \"release_slot\": 0, "
		    "\"deadline_slot\": %d, \"data_gb\": 1.5}", i ? ", " : "",
		    i, i % 3 + 1, H - 1 < 4 + i ? H - 1 : 4 + i);
	cat(buf, sizeof(buf), "], \"capacities\": [");
	for (r = 0; r < 3; r++)
		for (t = 0; t < H; t++)
			cat(buf, sizeof(buf), "%s{\"region\": \"%s\", "
			    "\"slot\": "
			    "%d, \"cpu_cap\": 6, \"mem_gb_cap\": 24}",
			    r || t ? ", " : "", reg[r], t);
	cat(buf, sizeof(buf), "], \"carbons\": [");
	for (r = 0; r < 3; r++)
		for (t = 0; t < H; t++)
			cat(buf, sizeof(buf), "%s{\"region\": \"%s\", "
			    "\"slot\": "
			    "%d, \"ci_gco2_per_kwh\": %d}", r || t ? ", " : "",
			    reg[r], t, base[r] + (t % 4) * 20);
	cat(buf, sizeof(buf), "]}");
	load(&c, buf);
	/* All in JP at slots 0-1: 6 cores * 30 W * (300 + 320) g/kWh. */
	CHECK_NEAR(brute_force(&c), 6 * 0.03 * 620, 1e-9);
	check_instance(&c, "synthetic");
	caspian_release(&c);
}

/* Random tiny instances with tight capacity, GPUs and previous plans. */
static void
test_random(void)
{
	static char buf[65536];
	struct rng g;
	int n;

	rng_seed(&g, 42, 0);
	for (n = 0; n < 60; n++) {
		struct caspian c;
		char label[32];
		int R = 2 + (int)rng_below(&g, 2);
		int H = 3 + (int)rng_below(&g, 3);
		int J = 2 + (int)rng_below(&g, MAXJ - 1), j, r, t;

		buf[0] = '\0';
		cat(buf, sizeof(buf), "{\"regions\": [\"A\", \"B\"%s], "
		    "\"horizon_slots\": %d, \"slot_seconds\": %d, "
		    "\"migration_allow\": %s, \"costs\": {\"watt_gpu\": 200, "
		    "\"lambda_plan_dev\": %d}, \"network_costs\": {\"A\": "
		    "{\"B\": 3}, \"B\": {\"A\": 1}}, \"jobs\": [", R == 3 ?
		    ", \"C\"" : "", H, rng_below(&g, 2) ? 3600 : 1800,
		    rng_below(&g, 4) ? "true" : "false",
		    (int)rng_below(&g, 30));
		for (j = 0; j < J; j++) {
			int run = 1 + (int)rng_below(&g, 2);
			int rel = (int)rng_below(&g, (uint32_t)H);
			int dl = rel + (int)rng_below(&g, (uint32_t)(H - rel));

			cat(buf, sizeof(buf), "%s{\"job_id\": \"j%d\", "
			    "\"cpu\": "
			    "%u, \"mem_gb\": %u, \"gpu\": %u, "
			    "\"runtime_slots\": %d, \"release_slot\": %d, "
			    "\"deadline_slot\": %d, \"data_gb\": %u%s}",
			    j ? ", " : "", j, 1 + rng_below(&g, 4),
			    1 + rng_below(&g, 8), rng_below(&g, 4) == 0,
			    run, rel, dl, rng_below(&g, 5),
			    rng_below(&g, 5) == 0 ?
			    ", \"affinity_regions\": [\"B\"]" : "");
		}
		cat(buf, sizeof(buf), "], \"capacities\": [");
		for (r = 0; r < R; r++)
			for (t = 0; t < H; t++)
				cat(buf, sizeof(buf), "%s{\"region\": \"%c\", "
				    "\"slot\": %d, \"cpu_cap\": %u, "
				    "\"mem_gb_cap\": %u, \"gpu_cap\": %u}",
				    r || t ? ", " : "", 'A' + r, t,
				    2 + rng_below(&g, 5), 4 + rng_below(&g, 8),
				    rng_below(&g, 2));
		cat(buf, sizeof(buf), "], \"carbons\": [");
		for (r = 0; r < R; r++)
			for (t = 0; t < H; t++)
				cat(buf, sizeof(buf), "%s{\"region\": \"%c\", "
				    "\"slot\": %d, \"ci_gco2_per_kwh\": %u}",
				    r || t ? ", " : "", 'A' + r, t,
				    50 + rng_below(&g, 500));
		cat(buf, sizeof(buf), "], \"prev_plan\": {\"j0\": {\"region\": "
		    "\"A\", \"start_slot\": 0}, \"j1\": {\"region\": \"B\"}}}");
		load(&c, buf);
		snprintf(label, sizeof(label), "random %d", n);
		check_instance(&c, label);
		caspian_release(&c);
	}
}

int
main(void)
{
	test_synthetic();
	test_random();
	return check_status();
}
