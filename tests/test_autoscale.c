/*
 * test_autoscale.c: the autoscale model.  The HPA formula on a grid against
 * a reference written another way; on random tiny clusters, the QUBO
 * ground state (every bit vector enumerated), the MILP optimum and the
 * decoded recommendation all equal the constrained optimum found by
 * enumerating replica counts; scale-in is never blocked; short room goes
 * to higher-priority and more under-served services first; node_size.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autoscale.h"
#include "check.h"
#include "mem.h"
#include "rng.h"

static void
load(struct cluster *c, struct autoscale *a, const char *text)
{
	struct kerr e;

	if (cluster_load(c, text, strlen(text), "t", NULL, &e) < 0 ||
	    autoscale_build(a, c, &e) < 0) {
		fprintf(stderr, "%s\n%s\n", e.msg, text);
		abort();
	}
}

/*
 * The reference HPA: raw by counting replicas until they carry the rate;
 * the tolerance as a band of whole counts around current.
 */
static long
ref_wanted(long cur, double rate, double target, long min, long max,
    long *raw)
{
	long n = 0, band = cur / 10, w;

	while ((double)n * target < rate - 1e-9 * rate)
		n++;
	*raw = n;
	w = cur > 0 && n >= cur - band && n <= cur + band ? cur : n;
	return w < min ? min : w > max ? max : w;
}

static void
test_hpa_grid(void)
{
	static const double rates[] = { 0, 1, 99, 100, 101, 250, 999.5, 1000,
	    1050, 1099, 1100, 1101, 1200, 2000, 10000 };
	static const double targets[] = { 0.1, 7, 50, 100, 300, 1000 };
	static const long mins[] = { 0, 1, 3 }, maxs[] = { 5, 12, 1000000 };
	long cur, raw, rraw, w;
	const char *clamp;
	size_t i, j, k, l;

	for (cur = 0; cur <= 40; cur++)
		for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
			for (j = 0; j < sizeof(targets) / sizeof(targets[0]);
			    j++)
				for (k = 0; k < 3; k++)
					for (l = 0; l < 3; l++) {
						w = autoscale_wanted(cur,
						    rates[i], targets[j],
						    mins[k], maxs[l], &raw,
						    &clamp);
						CHECK(w == ref_wanted(cur,
						    rates[i], targets[j],
						    mins[k], maxs[l], &rraw));
						CHECK(raw == rraw);
					}
	/* Spot values: exact quotients, the 10% band, the clamps. */
	CHECK(autoscale_wanted(3, 1200, 300, 1, 10, &raw, &clamp) == 4);
	CHECK(raw == 4 && clamp == NULL);
	CHECK(autoscale_wanted(1, 0.7, 0.1, 1, 100, &raw, &clamp) == 7);
	CHECK(autoscale_wanted(10, 1100, 100, 1, 100, &raw, &clamp) == 10);
	CHECK(autoscale_wanted(10, 1101, 100, 1, 100, &raw, &clamp) == 12);
	CHECK(autoscale_wanted(10, 900, 100, 1, 100, &raw, &clamp) == 10);
	CHECK(autoscale_wanted(10, 800, 100, 1, 100, &raw, &clamp) == 8);
	CHECK(autoscale_wanted(2, 5000, 100, 1, 6, &raw, &clamp) == 6);
	CHECK(raw == 50 && clamp != NULL &&
	    strcmp(clamp, "max_replicas") == 0);
	CHECK(autoscale_wanted(5, 0, 100, 2, 6, &raw, &clamp) == 2);
	CHECK(raw == 0 && clamp != NULL &&
	    strcmp(clamp, "min_replicas") == 0);
}

/* The constrained optimum by enumerating every count vector. */
static double
brute(const struct autoscale *a, long *best)
{
	long *r = mem_calloc((size_t)a->nsvcs, sizeof(*r));
	double v, bestv = INFINITY;
	int k;

	for (k = 0; k < a->nsvcs; k++)
		r[k] = a->svcs[k].lo;
	for (;;) {
		if (autoscale_feasible(a, r) &&
		    (v = autoscale_objective(a, r)) < bestv - 1e-9) {
			bestv = v;
			memcpy(best, r, (size_t)a->nsvcs * sizeof(*r));
		}
		for (k = 0; k < a->nsvcs; k++) {
			if (++r[k] <= a->svcs[k].hi)
				break;
			r[k] = a->svcs[k].lo;
		}
		if (k == a->nsvcs)
			break;
	}
	free(r);
	return bestv;
}

/* The plan of a state, through sample JSON text as a solver writes it. */
static struct json *
decode_state(const struct autoscale *a, const struct qubo *q,
    const unsigned char *x)
{
	struct sample_set s, back;
	struct json *j, *plan;
	struct kerr e;
	char *text;
	int i;

	sample_set_init(&s);
	strcpy(s.solver, "test");
	strcpy(s.status, "ok");
	s.num_variables = q->n;
	s.has_energy = 1;
	s.energy = qubo_energy(q, x);
	s.ones = mem_calloc((size_t)q->n + 1, sizeof(int));
	for (i = 0; i < q->n; i++)
		if (x[i])
			s.ones[s.nones++] = i;
	j = sample_set_json(&s, q);
	text = json_print(j, 0);
	sample_set_init(&back);
	if (sample_set_read(&back, text, strlen(text), "s", &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		abort();
	}
	plan = autoscale_decode(a, &back, &e);
	if (plan == NULL)
		fprintf(stderr, "%s\n", e.msg);
	CHECK(plan != NULL);
	free(text);
	json_free(j);
	sample_set_release(&s);
	sample_set_release(&back);
	return plan;
}

static long
plan_count(const struct json *plan, int k, const char *key)
{
	const struct json *sc = json_get(plan, "scaling"), *v;

	for (v = json_first(sc); k > 0; k--)
		v = json_next(v);
	return (long)json_number(json_get(v, key));
}

static const char *
plan_limit(const struct json *plan, int k)
{
	const struct json *sc = json_get(plan, "scaling"), *v;

	for (v = json_first(sc); k > 0; k--)
		v = json_next(v);
	v = json_get(v, "limited_by");
	return json_type(v) == JSON_STRING ? json_string(v) : "null";
}

/* Random tiny clusters: ground state = MILP = brute force = decode. */
static void
test_exhaustive(void)
{
	struct rng g;
	struct cluster c;
	struct autoscale a;
	struct qubo q;
	struct kerr e;
	struct milp *m;
	struct milp_params p;
	struct milp_result res;
	struct json *plan;
	unsigned char *x, *xb;
	long best[4], mcount[4];
	char text[4096];
	double opt, en, ground, infeas, use[2];
	size_t len;
	unsigned long s, ns;
	int t, k, i, r, nsvc, tested = 0, tight = 0;

	rng_seed(&g, 8, 0);
	for (t = 0; t < 200 && tested < 40; t++) {
		nsvc = 2 + (int)rng_below(&g, 2);
		len = (size_t)snprintf(text, sizeof(text),
		    "{\"margin\": %.2f, \"nodes\": ["
		    "{\"id\": \"n1\", \"cpu_capacity\": %u, "
		    "\"mem_capacity\": %u},"
		    "{\"id\": \"n2\", \"cpu_capacity\": 1000, "
		    "\"mem_capacity\": 2048}],"
		    "\"pods\": [{\"id\": \"p\", \"cpu_request\": %u, "
		    "\"mem_request\": 512, \"current_node\": \"n1\"}], "
		    "\"services\": [",
		    0.1 * rng_below(&g, 4), 1000 + 1000 * rng_below(&g, 6),
		    2048 + 2048 * rng_below(&g, 4), 250 * rng_below(&g, 5));
		for (k = 0; k < nsvc; k++)
			len += (size_t)snprintf(text + len, sizeof(text) - len,
			    "%s{\"name\": \"s%d\", \"autoscale\": true, "
			    "\"replicas\": %u, \"request_rate\": %u, "
			    "\"target_rate\": 100, \"max_replicas\": %u, "
			    "\"priority\": %u, \"cpu_request\": %u, "
			    "\"mem_request\": %u}", k ? ", " : "", k,
			    rng_below(&g, 4), 50 * rng_below(&g, 14),
			    2 + rng_below(&g, 4), rng_below(&g, 3),
			    250 * (1 + rng_below(&g, 3)),
			    256 * (1 + rng_below(&g, 4)));
		snprintf(text + len, sizeof(text) - len, "]}");
		load(&c, &a, text);
		if (a.nvars > 16 || a.nvars == a.nsvcs) {
			autoscale_release(&a);
			cluster_release(&c);
			continue;
		}
		tested++;
		opt = brute(&a, best);
		/*
		 * Scale-in is never blocked, and scale-out never takes the
		 * cluster below the margin unless the floors already do.
		 */
		for (r = 0; r < 2; r++)
			use[r] = a.base[r];
		for (k = 0; k < a.nsvcs; k++) {
			if (a.svcs[k].wanted <= a.svcs[k].current)
				CHECK(best[k] == a.svcs[k].wanted);
			for (r = 0; r < 2; r++)
				use[r] += (double)(best[k] - a.svcs[k].lo) *
				    a.svcs[k].req[r];
		}
		for (r = 0; r < 2; r++)
			CHECK(use[r] <= (1 - c.margin) * a.total[r] + 1e-6 ||
			    use[r] == a.base[r]);
		/* Binding: the optimum leaves some service short of hi. */
		for (k = 0; k < a.nsvcs; k++)
			if (best[k] < a.svcs[k].hi) {
				tight++;
				break;
			}
		qubo_init(&q);
		CHECK(autoscale_qubo(&q, &a, 0, &e) == 0);
		CHECK(q.n == a.nvars);
		x = mem_calloc((size_t)q.n, 1);
		xb = mem_calloc((size_t)q.n, 1);
		/* The state of the optimum sits at its objective. */
		autoscale_state(&a, best, x);
		CHECK_NEAR(qubo_energy(&q, x), opt, 1e-6);
		ground = INFINITY;
		infeas = INFINITY;
		ns = 1UL << q.n;
		for (s = 0; s < ns; s++) {
			long cnt[4];
			int ok = 1;

			for (i = 0; i < q.n; i++)
				x[i] = (s >> i) & 1;
			en = qubo_energy(&q, x);
			if (en < ground - 1e-9) {
				ground = en;
				memcpy(xb, x, (size_t)q.n);
			}
			/* Is the replica part a one-hot choice? */
			for (k = 0; k < a.nsvcs && ok; k++) {
				int n1 = 0;

				for (i = 0; i <= a.svcs[k].hi - a.svcs[k].lo;
				    i++)
					if (x[a.svcs[k].var0 + i]) {
						n1++;
						cnt[k] = a.svcs[k].lo + i;
					}
				ok = n1 == 1;
			}
			if (!ok || !autoscale_feasible(&a, cnt)) {
				if (en < infeas)
					infeas = en;
			} else {
				/* Feasible: at least its objective. */
				CHECK(en >= autoscale_objective(&a, cnt) -
				    1e-6);
			}
		}
		CHECK_NEAR(ground, opt, 1e-6);
		CHECK(infeas > opt + 1e-9);
		plan = decode_state(&a, &q, xb);
		if (plan != NULL) {
			CHECK(json_bool(json_get(plan, "feasible")));
			CHECK(json_size(json_get(plan, "repairs")) == 0);
			for (k = 0; k < a.nsvcs; k++)
				mcount[k] = plan_count(plan, k,
				    "recommended");
			CHECK_NEAR(autoscale_objective(&a, mcount), opt, 1e-6);
			json_free(plan);
		}
		m = autoscale_milp(&a, &e);
		CHECK(m != NULL);
		milp_params_defaults(&p);
		if (m != NULL && milp_solve(m, &p, &res, &e) == 0) {
			CHECK(res.status == MILP_OPTIMAL);
			CHECK_NEAR(res.objective, opt, 1e-6);
			autoscale_counts_milp(&a, res.x, mcount);
			CHECK(autoscale_feasible(&a, mcount));
			CHECK_NEAR(autoscale_objective(&a, mcount), opt, 1e-6);
			free(res.x);
		} else
			CHECK(0);
		milp_free(m);
		free(x);
		free(xb);
		qubo_release(&q);
		autoscale_release(&a);
		cluster_release(&c);
	}
	fprintf(stderr, "exhaustive: %d clusters, %d with a binding "
	    "headroom\n", tested, tight);
	CHECK(tested >= 30);
	/* The headroom rule bound some optima and not others. */
	CHECK(tight >= 10 && tight <= tested - 5);
}

#define NODES "\"nodes\": [{\"id\": \"n\", \"cpu_capacity\": 4000, " \
	"\"mem_capacity\": 8192}]"

/* Decode the ground state of a small instance found by enumeration. */
static struct json *
solve(const struct autoscale *a)
{
	struct qubo q;
	struct kerr e;
	unsigned char *x, *xb;
	double en, ground = INFINITY;
	unsigned long s;
	struct json *plan;
	int i;

	qubo_init(&q);
	CHECK(autoscale_qubo(&q, a, 0, &e) == 0);
	CHECK(q.n <= 22);
	x = mem_calloc((size_t)q.n, 1);
	xb = mem_calloc((size_t)q.n, 1);
	for (s = 0; s < 1UL << q.n; s++) {
		for (i = 0; i < q.n; i++)
			x[i] = (s >> i) & 1;
		if ((en = qubo_energy(&q, x)) < ground) {
			ground = en;
			memcpy(xb, x, (size_t)q.n);
		}
	}
	plan = decode_state(a, &q, xb);
	free(x);
	free(xb);
	qubo_release(&q);
	return plan;
}

/* Solve text exactly; check each service's recommendation and limit. */
static void
expect(const char *text, int n, const long *rec, const char *const *lim)
{
	struct cluster c;
	struct autoscale a;
	struct json *plan;
	int k;

	load(&c, &a, text);
	CHECK(a.nsvcs == n);
	plan = solve(&a);
	for (k = 0; k < n && plan != NULL; k++) {
		CHECK(plan_count(plan, k, "recommended") == rec[k]);
		CHECK(strcmp(plan_limit(plan, k), lim[k]) == 0);
	}
	json_free(plan);
	autoscale_release(&a);
	cluster_release(&c);
}

#define PAIR(cpu, a, b) "{" NODES ", \"pods\": [{\"id\": \"x\", " \
	"\"cpu_request\": " #cpu ", \"mem_request\": 0, " \
	"\"current_node\": \"n\"}], " \
	"\"services\": [" a ", " b "]}"

static void
test_behaviour(void)
{
	/*
	 * Full already (1000 + 6 * 500 of 4000 used, margin 0.2): "big"
	 * still scales in from 6 to 2 (its pods are not in the file, only
	 * its count), "up" gets its min_replicas floor and the room the
	 * scale-in frees: 3200 - (4000 - 4 * 500 + 500) = 700, one more.
	 */
	static const long r1[] = { 2, 2 }, r2[] = { 1, 2 }, r3[] = { 3, 2 };
	static const long r4[] = { 0, 3, 2 };
	static const char *const l1[] = { "null", "margin" };
	static const char *const lm[] = { "margin", "margin" };
	static const char *const l4[] = { "node_size", "max_replicas",
	    "min_replicas" };

	expect(PAIR(1000, "{\"name\": \"big\", \"autoscale\": true, "
	    "\"replicas\": 6, \"request_rate\": 200, \"target_rate\": 100, "
	    "\"cpu_request\": 500, \"mem_request\": 10}",
	    "{\"name\": \"up\", \"autoscale\": true, \"replicas\": 0, "
	    "\"request_rate\": 1000, \"target_rate\": 100, "
	    "\"cpu_request\": 500, \"mem_request\": 10}"), 2, r1, l1);
	/* Room for one more replica: the higher priority gets it. */
	expect(PAIR(200, "{\"name\": \"lo\", \"autoscale\": true, "
	    "\"replicas\": 1, \"request_rate\": 300, \"target_rate\": 100, "
	    "\"cpu_request\": 1000, \"mem_request\": 10}",
	    "{\"name\": \"hi\", \"autoscale\": true, \"replicas\": 1, "
	    "\"priority\": 1, \"request_rate\": 300, \"target_rate\": 100, "
	    "\"cpu_request\": 1000, \"mem_request\": 10}"), 2, r2, lm);
	/*
	 * Same priority, room for one: the more under-served service (1 of
	 * 4 replicas) first.
	 */
	expect(PAIR(700, "{\"name\": \"most\", \"autoscale\": true, "
	    "\"replicas\": 3, \"request_rate\": 400, \"target_rate\": 100, "
	    "\"cpu_request\": 500, \"mem_request\": 10}",
	    "{\"name\": \"few\", \"autoscale\": true, \"replicas\": 1, "
	    "\"request_rate\": 400, \"target_rate\": 100, "
	    "\"cpu_request\": 500, \"mem_request\": 10}"), 2, r3, lm);
	/* A replica larger than any node cannot scale out; clamps say so. */
	expect("{" NODES ", \"services\": ["
	    "{\"name\": \"huge\", \"autoscale\": true, \"replicas\": 0, "
	    "\"min_replicas\": 0, "
	    "\"request_rate\": 500, \"target_rate\": 100, "
	    "\"cpu_request\": 5000, \"mem_request\": 10},"
	    "{\"name\": \"capped\", \"autoscale\": true, \"replicas\": 1, "
	    "\"request_rate\": 900, \"target_rate\": 100, "
	    "\"max_replicas\": 3, \"cpu_request\": 100},"
	    "{\"name\": \"floor\", \"autoscale\": true, \"replicas\": 1, "
	    "\"request_rate\": 0, \"target_rate\": 100, "
	    "\"min_replicas\": 2, \"cpu_request\": 100}]}", 3, r4, l4);
}

static void
test_errors(void)
{
	struct cluster c;
	struct autoscale a;
	struct kerr e;
	const char *t1 = "{" NODES ", \"services\": [{\"name\": \"s\"}]}";
	const char *t2 = "{" NODES ", \"services\": [{\"name\": \"s\"}, "
	    "{\"name\": \"u\", \"autoscale\": true}]}";

	CHECK(cluster_load(&c, t1, strlen(t1), "t", NULL, &e) == 0);
	CHECK(autoscale_build(&a, &c, &e) < 0);
	CHECK(strcmp(e.msg, "services: no autoscale service") == 0);
	cluster_release(&c);
	CHECK(cluster_load(&c, t2, strlen(t2), "t", NULL, &e) == 0);
	CHECK(autoscale_build(&a, &c, &e) < 0);
	CHECK(strcmp(e.msg, "services[1].target_rate: missing for an "
	    "autoscale service") == 0);
	cluster_release(&c);
}

int
main(void)
{
	test_hpa_grid();
	test_exhaustive();
	test_behaviour();
	test_errors();
	return check_status();
}
