/*
 * test_plan.c: kytos-decode's checks on tiny clusters, over every sample
 * a solver could write: each subset of the place variables, feasible or
 * not.  Whatever comes in, the plan has no capacity violation, accounts
 * for every mover once, and orders its moves make-before-break; a
 * feasible sample is kept as it is, scored as model_eval scores it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plan.h"

static const char *const tiny =
    "{\"nodes\": ["
    "{\"id\": \"a\", \"cpu_capacity\": 4000, \"mem_capacity\": 8192},"
    "{\"id\": \"b\", \"cpu_capacity\": 3000, \"mem_capacity\": 8192}],"
    "\"pods\": ["
    "{\"id\": \"web-1\", \"cpu_request\": 2000, \"mem_request\": 1024,"
    " \"current_node\": \"a\", \"service\": \"web\"},"
    "{\"id\": \"web-2\", \"cpu_request\": 1000, \"mem_request\": 1024,"
    " \"current_node\": \"a\", \"service\": \"web\"},"
    "{\"id\": \"job\", \"cpu_request\": 1000, \"mem_request\": 2048}]}";

static const char *const recovery =
    "{\"nodes\": ["
    "{\"id\": \"dead\", \"cpu_capacity\": 4000, \"mem_capacity\": 8192,"
    " \"alive\": false},"
    "{\"id\": \"s1\", \"cpu_capacity\": 2000, \"mem_capacity\": 8192},"
    "{\"id\": \"s2\", \"cpu_capacity\": 2000, \"mem_capacity\": 8192}],"
    "\"pods\": ["
    "{\"id\": \"keep\", \"cpu_request\": 1000, \"mem_request\": 512,"
    " \"current_node\": \"s1\"},"
    "{\"id\": \"lo-1\", \"cpu_request\": 1000, \"mem_request\": 512,"
    " \"current_node\": \"dead\"},"
    "{\"id\": \"lo-2\", \"cpu_request\": 1000, \"mem_request\": 512,"
    " \"current_node\": \"dead\"},"
    "{\"id\": \"hi\", \"cpu_request\": 2000, \"mem_request\": 512,"
    " \"current_node\": \"dead\", \"priority\": 3}]}";

/* Three full nodes with two pods each: many samples are swaps that need
 * a hop or are reported as cycles. */
static const char *const swap =
    "{\"nodes\": ["
    "{\"id\": \"a\", \"cpu_capacity\": 2000, \"mem_capacity\": 4096},"
    "{\"id\": \"b\", \"cpu_capacity\": 2000, \"mem_capacity\": 4096},"
    "{\"id\": \"c\", \"cpu_capacity\": 3000, \"mem_capacity\": 4096}],"
    "\"pods\": ["
    "{\"id\": \"x\", \"cpu_request\": 1500, \"mem_request\": 1024,"
    " \"current_node\": \"a\"},"
    "{\"id\": \"y\", \"cpu_request\": 1500, \"mem_request\": 1024,"
    " \"current_node\": \"b\"},"
    "{\"id\": \"z\", \"cpu_request\": 1500, \"mem_request\": 1024,"
    " \"current_node\": \"c\"}]}";

/* Priorities, an extra resource (pod slots) and a pending pod: repairs
 * that preempt and overloads in a resource other than CPU. */
static const char *const slots =
    "{\"nodes\": ["
    "{\"id\": \"a\", \"cpu_capacity\": 2000, \"mem_capacity\": 4096,"
    " \"extra_capacity\": {\"pods\": 2}},"
    "{\"id\": \"b\", \"cpu_capacity\": 2000, \"mem_capacity\": 4096,"
    " \"extra_capacity\": {\"pods\": 2}}],"
    "\"pods\": ["
    "{\"id\": \"p1\", \"cpu_request\": 1000, \"mem_request\": 512,"
    " \"current_node\": \"a\", \"extra_request\": {\"pods\": 1}},"
    "{\"id\": \"p2\", \"cpu_request\": 1000, \"mem_request\": 512,"
    " \"current_node\": \"a\", \"priority\": 2,"
    " \"extra_request\": {\"pods\": 1}},"
    "{\"id\": \"p3\", \"cpu_request\": 1500, \"mem_request\": 512,"
    " \"current_node\": \"b\", \"priority\": 1,"
    " \"extra_request\": {\"pods\": 1}},"
    "{\"id\": \"p4\", \"cpu_request\": 500, \"mem_request\": 512,"
    " \"priority\": 3, \"extra_request\": {\"pods\": 1}}]}";

static void
build(struct cluster *c, struct model *m, const char *text,
    enum model_mode mode, enum model_objective obj)
{
	struct model_options o;
	struct kerr e;

	if (cluster_load(c, text, strlen(text), "t", NULL, &e) < 0 ||
	    (model_options_defaults(&o), o.mode = mode, o.objective = obj,
	    model_build(m, c, &o, NULL, &e) < 0)) {
		fprintf(stderr, "%s\n", e.msg);
		abort();
	}
}

/* Does the load put on node n by pod p stay within every capacity? */
static int
room(const struct cluster *c, const double *load, int p, int n)
{
	int r;

	for (r = 0; r < c->nres; r++)
		if (load[n * c->nres + r] + c->pods[p].req[r] >
		    c->nodes[n].cap[r])
			return 0;
	return 1;
}

static void
shift(const struct cluster *c, double *load, int p, int n, int sign)
{
	int r;

	if (n < 0 || !c->nodes[n].alive)
		return;
	for (r = 0; r < c->nres; r++)
		load[n * c->nres + r] += sign * c->pods[p].req[r];
}

/* The checks every plan passes, whatever its sample. */
static void
check_plan(const struct model *m, const struct plan *pl)
{
	const struct cluster *c = m->c;
	struct model_eval ev;
	double *load;
	int *seen, *last, i, j, k, p, incycle;

	model_eval(m, pl->after, &ev, NULL);
	CHECK(pl->ea.capacity_violations == 0);
	CHECK_NEAR(pl->ea.total, ev.total, 1e-9);
	/* Every mover once: stays, placements, unplaced, or its moves. */
	seen = calloc((size_t)m->nmovers, sizeof(int));
	last = calloc((size_t)m->nmovers, sizeof(int));
	for (k = 0; k < m->nmovers; k++) {
		p = m->movers[k].pod;
		last[k] = c->pods[p].node;
	}
	load = calloc((size_t)c->nnodes * (size_t)c->nres, sizeof(double));
	memcpy(load, m->fixed, (size_t)c->nnodes * (size_t)c->nres *
	    sizeof(double));
	for (k = 0; k < m->nmovers; k++)
		shift(c, load, m->movers[k].pod, pl->before[k], 1);
	for (i = 0; i < pl->nmoves; i++) {
		k = pl->moves[i].mover;
		p = m->movers[k].pod;
		CHECK(pl->moves[i].step == i + 1);
		CHECK(pl->moves[i].from == last[k]);
		incycle = 0;
		for (j = 0; j < pl->ncycle; j++)
			incycle |= pl->cycle[j] == k;
		if (!incycle)
			CHECK(room(c, load, p, pl->moves[i].to));
		shift(c, load, p, pl->moves[i].to, 1);
		shift(c, load, p, pl->moves[i].from, -1);
		last[k] = pl->moves[i].to;
		if (!pl->moves[i].temporary)
			seen[k]++;
	}
	for (k = 0; k < m->nmovers; k++) {
		p = m->movers[k].pod;
		if (pl->after[k] < 0) {
			seen[k]++;
			CHECK(pl->reason[k] != NULL);
		} else if (c->pods[p].node < 0 ||
		    pl->after[k] == c->pods[p].node) {
			seen[k]++;	/* placement or stay */
		} else {
			CHECK(last[k] == pl->after[k]);
		}
		CHECK(seen[k] == 1);
	}
	free(seen);
	free(last);
	free(load);
}

/*
 * Decode every subset of the place variables (index-named, no names) and
 * check each plan; returns the best objective among feasible samples and
 * checks that decoding it gives that objective.
 */
static void
check_all(const char *text, enum model_mode mode, enum model_objective obj,
    double want_best)
{
	struct cluster c;
	struct model m;
	struct sample_set s;
	struct plan pl;
	struct model_eval ev;
	struct kerr e;
	int *assign, *ones, mask, v, k, nfeas = 0, ok;
	double best = 0;

	build(&c, &m, text, mode, obj);
	CHECK(m.nvars <= 12);
	assign = calloc((size_t)m.nmovers, sizeof(int));
	ones = calloc((size_t)m.nvars + 1, sizeof(int));
	for (mask = 0; mask < 1 << m.nvars; mask++) {
		sample_set_init(&s);
		s.has_energy = 1;
		s.ones = ones;
		s.nones = 0;
		for (k = 0; k < m.nmovers; k++)
			assign[k] = -1;
		ok = 1;
		for (v = 0; v < m.nvars; v++)
			if (mask & 1 << v) {
				ones[s.nones++] = v;
				if (assign[m.vars[v].mover] >= 0)
					ok = 0;
				assign[m.vars[v].mover] = m.vars[v].node;
			}
		if (plan_decode(&pl, &m, &s, &e) < 0) {
			fprintf(stderr, "%s\n", e.msg);
			CHECK(0);
			continue;
		}
		check_plan(&m, &pl);
		model_eval(&m, assign, &ev, NULL);
		if (ok && ev.feasible) {
			/* A feasible sample is kept as it is. */
			CHECK(pl.feasible);
			CHECK(pl.nrepairs == 0 || mode == MODEL_RECOVERY);
			if (pl.nrepairs == 0) {
				CHECK(memcmp(assign, pl.after,
				    (size_t)m.nmovers * sizeof(int)) == 0);
				CHECK_NEAR(pl.ea.total, ev.total, 1e-9);
			}
			if (nfeas++ == 0 || ev.total < best)
				best = ev.total;
		} else {
			CHECK(!pl.feasible);
			CHECK(pl.nrepairs > 0);
		}
		/* Repairs are greedy, and a tight cluster can defeat them:
		 * a pod they leave out is listed as such. */
		for (k = 0; k < m.nmovers; k++)
			if (pl.after[k] < 0 && mode != MODEL_RECOVERY &&
			    m.movers[k].ncand > 0) {
				for (v = 0; v < pl.nrepairs; v++)
					if (pl.repairs[v].mover == k &&
					    pl.repairs[v].to < 0)
						break;
				CHECK(v < pl.nrepairs);
			}
		/* On these instances they always find a full plan. */
		CHECK(pl.ea.feasible || mode == MODEL_RECOVERY);
		plan_release(&pl);
	}
	CHECK(nfeas > 0);
	if (want_best == want_best)	/* NaN: no hand-computed optimum */
		CHECK_NEAR(best, want_best, 1e-6);
	free(assign);
	free(ones);
	model_release(&m);
	cluster_release(&c);
}

/* Names map back to variables; a wrong name is an error. */
static void
test_names(void)
{
	struct cluster c;
	struct model m;
	struct sample_set s;
	struct plan pl;
	struct kerr e;
	char buf[64], *names[2];
	int ones[2] = { 1, 3 };

	build(&c, &m, tiny, MODEL_REBALANCE, MODEL_BALANCE);
	sample_set_init(&s);
	s.has_energy = 1;
	s.ones = ones;
	s.nones = 2;
	s.names = names;
	/* Listed out of index order on purpose: names win. */
	names[0] = strdup(model_var_name(&m, 2, buf, sizeof(buf)));
	names[1] = strdup(model_var_name(&m, 5, buf, sizeof(buf)));
	CHECK(plan_decode(&pl, &m, &s, &e) == 0);
	CHECK(pl.after[m.vars[2].mover] == m.vars[2].node);
	CHECK(pl.after[m.vars[5].mover] == m.vars[5].node);
	plan_release(&pl);
	free(names[1]);
	names[1] = strdup("place job nowhere");
	CHECK(plan_decode(&pl, &m, &s, &e) < 0);
	CHECK(strcmp(e.msg, "names[1]: unknown node 'nowhere'") == 0);
	plan_release(&pl);
	free(names[0]);
	free(names[1]);
	model_release(&m);
	cluster_release(&c);
}

/*
 * A rotation of full nodes: pod i moves from node i to node i + 1 (mod
 * n).  With a spare node one pod hops through it and nothing is left in
 * cycles; without, all n wait on each other and are reported.
 */
static void
test_rotation(int n, int spare)
{
	struct cluster c;
	struct model m;
	struct sample_set s;
	struct plan pl;
	struct kerr e;
	char text[4096];
	size_t len = 0;
	int i, k, hops = 0, ones[16];

	len += (size_t)snprintf(text + len, sizeof(text) - len,
	    "{\"nodes\": [");
	for (i = 0; i < n + spare; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "%s{\"id\": \"n%d\", \"cpu_capacity\": 2000, "
		    "\"mem_capacity\": 2048}", i ? "," : "", i);
	len += (size_t)snprintf(text + len, sizeof(text) - len,
	    "], \"pods\": [");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "%s{\"id\": \"p%d\", \"cpu_request\": 1500, "
		    "\"mem_request\": 1024, \"current_node\": \"n%d\"}",
		    i ? "," : "", i, i);
	snprintf(text + len, sizeof(text) - len, "]}");
	build(&c, &m, text, MODEL_REBALANCE, MODEL_BALANCE);
	sample_set_init(&s);
	s.has_energy = 1;
	s.ones = ones;
	s.nones = (size_t)n;
	for (k = 0; k < n; k++)
		ones[k] = model_var_find(&m, m.movers[k].pod, (k + 1) % n);
	CHECK(plan_decode(&pl, &m, &s, &e) == 0);
	check_plan(&m, &pl);
	CHECK(pl.feasible && pl.nrepairs == 0);
	for (i = 0; i < pl.nmoves; i++)
		hops += pl.moves[i].temporary;
	CHECK(hops == (spare ? 1 : 0));
	CHECK(pl.nmoves == n + hops);
	CHECK(pl.ncycle == (spare ? 0 : n));
	plan_release(&pl);
	model_release(&m);
	cluster_release(&c);
}

int
main(void)
{
	/*
	 * The optima, by hand.  tiny: web-2 moves to b, job joins web-1
	 * on a: 100 * ((3/4)^2 + (3/8)^2 + (1/3)^2 + (1/8)^2) + 1 - 3.
	 * tiny, pack: everything on a (10 + 10 anti-affinity - 3) ties
	 * with using both nodes (20 - 3).  tiny, placement: job goes to
	 * b, beside the fixed web pair on a (10 of anti-affinity).
	 * recovery: hi on s2 and one lo on s1, both full: load 100 * (1 +
	 * 1/64 + 1 + 1/256), moves 2, rewards on the ladder 1 + 114.5 for
	 * a lo (its worst cost 113.5, + 1) and 4 + 445.5 for hi (213.5 + 1
	 * + the two lo rewards 231).  swap: nobody moves.
	 */
	check_all(tiny, MODEL_REBALANCE, MODEL_BALANCE,
	    100 * (0.5625 + 0.140625 + 1.0 / 9 + 0.015625) + 1 - 3);
	check_all(tiny, MODEL_REBALANCE, MODEL_PACK, 17);
	check_all(tiny, MODEL_PLACEMENT, MODEL_BALANCE,
	    100 * (0.5625 + 0.0625 + 1.0 / 9 + 0.0625) + 10 - 1);
	check_all(recovery, MODEL_RECOVERY, MODEL_BALANCE,
	    100 * (1 + 1.0 / 64 + 1 + 1.0 / 256) + 2 - 115.5 - 449.5);
	check_all(swap, MODEL_REBALANCE, MODEL_BALANCE,
	    100 * (0.75 * 0.75 * 2 + 0.25 * 0.25 * 3 + 0.5 * 0.5) - 3);
	check_all(slots, MODEL_REBALANCE, MODEL_BALANCE, NAN);
	check_all(slots, MODEL_REBALANCE, MODEL_PACK, NAN);
	test_names();
	test_rotation(5, 1);
	test_rotation(5, 0);
	test_rotation(2, 1);
	return check_status();
}
