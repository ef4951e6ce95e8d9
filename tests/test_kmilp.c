/*
 * test_kmilp.c: the MILPs of lib/kmilp against brute force.  Random tiny
 * clusters in every mode and objective: the optimum over every assignment
 * (scored by model_eval) equals kytos-milp's energy, the bound lies below
 * it, and the QUBO state kmilp_qubo_state gives has kytos-qubo's energy of
 * the same model.  The initial tangents under-estimate the load term by no
 * more than the documented 1 / (4 K^2) per term.  Random QUBOs, minimised
 * and maximised, against enumeration.  An infeasible instance.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "encoding.h"
#include "kmilp.h"
#include "model.h"
#include "qubo.h"
#include "rng.h"

#define MAXMOVERS 8

struct brute {
	double best;
	int feasible;		/* any feasible assignment */
};

/* Every assignment of the movers: a candidate, or nothing. */
static void
enumerate(const struct model *m, const struct qubo *q, struct brute *b,
    int *checked_qubo)
{
	int a[MAXMOVERS], idx[MAXMOVERS], i, done = 0;
	struct model_eval ev;
	unsigned char *x = calloc((size_t)q->n + 1, 1);

	b->best = INFINITY;
	b->feasible = 0;
	memset(idx, 0, sizeof(idx));
	while (!done) {
		for (i = 0; i < m->nmovers; i++)
			a[i] = idx[i] == 0 ? -1 :
			    m->movers[i].cand[idx[i] - 1];
		model_eval(m, a, &ev, NULL);
		if (ev.feasible) {
			b->feasible = 1;
			if (ev.total < b->best)
				b->best = ev.total;
			kmilp_qubo_state(m, q, a, x);
			CHECK_NEAR(qubo_energy(q, x), ev.total,
			    1e-6 * fmax(1, fabs(ev.total)));
			(*checked_qubo)++;
		}
		for (i = 0; i < m->nmovers; i++) {
			if (++idx[i] <= m->movers[i].ncand)
				break;
			idx[i] = 0;
		}
		done = i == m->nmovers;
	}
	free(x);
}

/* A random tiny cluster as JSON text. */
static char *
random_cluster(struct rng *r, int mode)
{
	static const char *zones[] = { "z1", "z2" };
	static const char *svcs[] = { "web", "db", "api" };
	char *buf = malloc(8192);
	int nn = 2 + (int)rng_below(r, 2), np = 3 + (int)rng_below(r, 3);
	int i, n, len = 0;

	len += sprintf(buf + len, "{\"nodes\": [");
	for (i = 0; i < nn; i++)
		len += sprintf(buf + len, "%s{\"id\": \"n%d\", "
		    "\"cpu_capacity\": %d, \"mem_capacity\": %d, "
		    "\"zone\": \"%s\", \"cost\": %d, \"alive\": %s, "
		    "\"images\": [\"%s\"]}", i ? ", " : "", i,
		    2000 + 1000 * (int)rng_below(r, 3),
		    4096 + 2048 * (int)rng_below(r, 2), zones[i % 2],
		    1 + (int)rng_below(r, 4),
		    mode == MODEL_RECOVERY && i == 0 ? "false" : "true",
		    i % 2 ? "img-a" : "img-b");
	len += sprintf(buf + len, "], \"pods\": [");
	for (i = 0; i < np; i++) {
		n = (int)rng_below(r, (uint32_t)nn + 1) - 1;
		if (mode == MODEL_PLACEMENT && i < 2)
			n = -1;
		if (mode == MODEL_RECOVERY && i < 3)
			n = 0;
		len += sprintf(buf + len, "%s{\"id\": \"p%d\", "
		    "\"cpu_request\": %d, \"mem_request\": %d, "
		    "\"service\": \"%s\", \"priority\": %d, "
		    "\"image\": \"img-%c\", \"talks_to\": [\"%s\"]",
		    i ? ", " : "", i, 250 * (1 + (int)rng_below(r, 6)),
		    512 * (1 + (int)rng_below(r, 4)),
		    svcs[rng_below(r, 3)], (int)rng_below(r, 3),
		    rng_below(r, 2) ? 'a' : 'b', svcs[rng_below(r, 3)]);
		if (n >= 0)
			len += sprintf(buf + len, ", \"current_node\": "
			    "\"n%d\"", n);
		len += sprintf(buf + len, "}");
	}
	sprintf(buf + len, "]}");
	return buf;
}

static void
test_clusters(void)
{
	struct rng r;
	struct cluster c;
	struct model m;
	struct model_options o;
	struct qubo q;
	struct encoding_info info;
	struct kmilp k;
	struct kmilp_params p;
	struct kmilp_result res;
	struct brute b;
	struct kerr e;
	char *text;
	int t, mode, obj, solved = 0, infeasible = 0, checked = 0;

	rng_seed(&r, 42, 0);
	for (t = 0; t < 120; t++) {
		mode = t % 3;
		obj = (t / 3) % 2;
		text = random_cluster(&r, mode);
		if (cluster_load(&c, text, strlen(text), "t", NULL, &e) < 0) {
			fprintf(stderr, "%s\n%s\n", e.msg, text);
			CHECK(0);
			free(text);
			continue;
		}
		free(text);
		model_options_defaults(&o);
		o.mode = (enum model_mode)mode;
		o.objective = (enum model_objective)obj;
		if (model_build(&m, &c, &o, NULL, &e) < 0) {
			cluster_release(&c);
			continue;
		}
		CHECK(m.nmovers <= MAXMOVERS);
		qubo_init(&q);
		CHECK(encoding_build(&q, &m, 0, &info, &e) == 0);
		enumerate(&m, &q, &b, &checked);
		CHECK(kmilp_build_model(&k, &m, 1 + t % 4, &e) == 0);
		kmilp_params_defaults(&p);
		CHECK(kmilp_solve(&k, &p, &res, &e) == 0);
		if (b.feasible) {
			CHECK(res.status == MILP_OPTIMAL);
			CHECK(res.has_solution);
			CHECK_NEAR(res.energy, b.best,
			    1e-6 * fmax(1, fabs(b.best)));
			CHECK(res.bound <= res.energy + 1e-6);
			CHECK_NEAR(res.gap, 0, 1e-6);
			solved++;
		} else {
			CHECK(res.status == MILP_INFEASIBLE);
			CHECK(!res.has_solution);
			infeasible++;
		}
		kmilp_result_release(&res);
		kmilp_release(&k);
		qubo_release(&q);
		model_release(&m);
		cluster_release(&c);
	}
	/* The generator must exercise both outcomes to mean anything. */
	CHECK(solved > 60);
	CHECK(checked > 1000);
	fprintf(stderr, "clusters: %d solved, %d infeasible, %d QUBO states\n",
	    solved, infeasible, checked);
}

/*
 * One round of K tangents: its bound is within w_lb * terms / (4 K^2) of
 * the optimum, and never above it.
 */
static void
test_tangent_error(void)
{
	static const char *text =
	    "{\"nodes\": [{\"id\": \"a\", \"cpu_capacity\": 4000, "
	    "\"mem_capacity\": 4000}, {\"id\": \"b\", \"cpu_capacity\": 3000, "
	    "\"mem_capacity\": 5000}, {\"id\": \"c\", \"cpu_capacity\": 2000, "
	    "\"mem_capacity\": 2000}], \"pods\": ["
	    "{\"id\": \"p1\", \"cpu_request\": 700, \"mem_request\": 300}, "
	    "{\"id\": \"p2\", \"cpu_request\": 1100, \"mem_request\": 900}, "
	    "{\"id\": \"p3\", \"cpu_request\": 300, \"mem_request\": 1700}, "
	    "{\"id\": \"p4\", \"cpu_request\": 1300, \"mem_request\": 500}]}";
	struct cluster c;
	struct model m;
	struct model_options o;
	struct kmilp k;
	struct kmilp_params p;
	struct kmilp_result res, exact;
	struct kerr e;
	int K;
	double err;

	CHECK(cluster_load(&c, text, strlen(text), "t", NULL, &e) == 0);
	model_options_defaults(&o);
	o.mode = MODEL_PLACEMENT;
	CHECK(model_build(&m, &c, &o, NULL, &e) == 0);
	CHECK(kmilp_build_model(&k, &m, 8, &e) == 0);
	kmilp_params_defaults(&p);
	CHECK(kmilp_solve(&k, &p, &exact, &e) == 0);
	CHECK(exact.status == MILP_OPTIMAL);
	kmilp_release(&k);
	for (K = 1; K <= 16; K *= 2) {
		CHECK(kmilp_build_model(&k, &m, K, &e) == 0);
		p.max_rounds = 1;
		CHECK(kmilp_solve(&k, &p, &res, &e) == 0);
		err = m.w[WEIGHT_LOAD_BALANCE] * k.nload / (4.0 * K * K);
		CHECK(res.bound <= exact.energy + 1e-9);
		CHECK(res.bound >= exact.energy - err - 1e-9);
		/* Not a test that cannot fail: one piece is coarse. */
		if (K == 1)
			CHECK(res.bound < exact.energy - 1e-6);
		kmilp_result_release(&res);
		kmilp_release(&k);
	}
	kmilp_result_release(&exact);
	model_release(&m);
	cluster_release(&c);
}

static void
test_qubos(void)
{
	struct rng r;
	struct qubo q;
	struct kmilp k;
	struct kmilp_params p;
	struct kmilp_result res;
	struct kerr e;
	unsigned char x[12];
	double best, v;
	long s;
	int t, n, i, j, mx;

	rng_seed(&r, 7, 0);
	for (t = 0; t < 60; t++) {
		mx = t % 2;
		n = 1 + (int)rng_below(&r, 12);
		qubo_init(&q);
		CHECK(qubo_resize(&q, n, &e) == 0);
		for (i = 0; i < n; i++) {
			qubo_add(&q, i, i, (double)rng_below(&r, 21) - 10);
			for (j = i + 1; j < n; j++)
				if (rng_below(&r, 2))
					qubo_add(&q, i, j,
					    (double)rng_below(&r, 21) - 10);
		}
		qubo_meta_add(&q, "offset %d", t);
		CHECK(qubo_finish(&q, &e) == 0);
		best = mx ? -INFINITY : INFINITY;
		for (s = 0; s < 1L << n; s++) {
			for (i = 0; i < n; i++)
				x[i] = (unsigned char)(s >> i & 1);
			v = qubo_energy(&q, x);
			best = mx ? fmax(best, v) : fmin(best, v);
		}
		CHECK(kmilp_build_qubo(&k, &q, mx, &e) == 0);
		kmilp_params_defaults(&p);
		CHECK(kmilp_solve(&k, &p, &res, &e) == 0);
		CHECK(res.status == MILP_OPTIMAL);
		CHECK_NEAR(res.energy, best, 1e-9);
		CHECK_NEAR(qubo_energy(&q, res.x), best, 1e-9);
		CHECK_NEAR(res.bound, best, 1e-6);
		kmilp_result_release(&res);
		kmilp_release(&k);
		qubo_release(&q);
	}
}

/* Two pending pods that fit the one node alone but not together. */
static void
test_infeasible(void)
{
	static const char *text =
	    "{\"nodes\": [{\"id\": \"a\", \"cpu_capacity\": 1000, "
	    "\"mem_capacity\": 1000}], \"pods\": ["
	    "{\"id\": \"p1\", \"cpu_request\": 600, \"mem_request\": 100}, "
	    "{\"id\": \"p2\", \"cpu_request\": 600, \"mem_request\": 100}]}";
	struct cluster c;
	struct model m;
	struct model_options o;
	struct kmilp k;
	struct kmilp_params p;
	struct kmilp_result res;
	struct kerr e;

	CHECK(cluster_load(&c, text, strlen(text), "t", NULL, &e) == 0);
	model_options_defaults(&o);
	o.mode = MODEL_PLACEMENT;
	CHECK(model_build(&m, &c, &o, NULL, &e) == 0);
	CHECK(kmilp_build_model(&k, &m, 4, &e) == 0);
	kmilp_params_defaults(&p);
	CHECK(kmilp_solve(&k, &p, &res, &e) == 0);
	CHECK(res.status == MILP_INFEASIBLE);
	CHECK(!res.has_solution);
	kmilp_result_release(&res);
	kmilp_release(&k);
	model_release(&m);
	cluster_release(&c);
}

int
main(void)
{
	test_clusters();
	test_tangent_error();
	test_qubos();
	test_infeasible();
	return check_status();
}
