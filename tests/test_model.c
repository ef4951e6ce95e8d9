/*
 * test_model.c: the constrained model on tiny clusters, its optimum found
 * by enumerating every assignment: moving sets, defaults that rebalance a
 * skewed cluster and leave a balanced one alone, the recovery ladder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model.h"

static void
build(struct cluster *c, struct model *m, const char *text,
    enum model_mode mode, enum model_objective obj)
{
	struct model_options o;
	struct kerr e;

	if (cluster_load(c, text, strlen(text), "t", NULL, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		abort();
	}
	model_options_defaults(&o);
	o.mode = mode;
	o.objective = obj;
	if (model_build(m, c, &o, NULL, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		abort();
	}
}

/*
 * The best feasible assignment by enumeration over each mover's
 * candidates (and -1 in recovery); returns its objective, best[] filled.
 */
static double
best_by_enumeration(const struct model *m, int *best)
{
	int *a = calloc((size_t)m->nmovers + 1, sizeof(int));
	int *k = calloc((size_t)m->nmovers + 1, sizeof(int));
	int i, lo = m->opt.mode == MODEL_RECOVERY ? -1 : 0, found = 0;
	double bestv = 0;
	struct model_eval ev;

	for (i = 0; i < m->nmovers; i++)
		k[i] = m->movers[i].ncand == 0 ? -1 : lo;
	for (;;) {
		for (i = 0; i < m->nmovers; i++)
			a[i] = k[i] < 0 ? -1 : m->movers[i].cand[k[i]];
		model_eval(m, a, &ev, NULL);
		if (ev.feasible && (!found || ev.total < bestv - 1e-9)) {
			found = 1;
			bestv = ev.total;
			memcpy(best, a, (size_t)m->nmovers * sizeof(int));
		}
		for (i = 0; i < m->nmovers; i++) {
			if (m->movers[i].ncand > 0 &&
			    ++k[i] < m->movers[i].ncand)
				break;
			k[i] = m->movers[i].ncand == 0 ? -1 : lo;
		}
		if (i == m->nmovers)
			break;
	}
	free(a);
	free(k);
	CHECK(found);
	return bestv;
}

#define NODE(id, cpu, mem) "{\"id\": \"" id "\", \"cpu_capacity\": " \
	#cpu ", \"mem_capacity\": " #mem "}"
#define POD(id, cpu, mem, node) "{\"id\": \"" id "\", \"cpu_request\": " \
	#cpu ", \"mem_request\": " #mem ", \"current_node\": \"" node "\"}"

static void
test_skewed_and_balanced(void)
{
	const char *skewed = "{\"nodes\": [" NODE("a", 4000, 4000) ","
	    NODE("b", 4000, 4000) "], \"pods\": ["
	    POD("p1", 1000, 1000, "a") "," POD("p2", 1000, 1000, "a") ","
	    POD("p3", 1000, 1000, "a") "," POD("p4", 500, 500, "b") "]}";
	const char *balanced = "{\"nodes\": [" NODE("a", 4000, 4000) ","
	    NODE("b", 4000, 4000) "], \"pods\": ["
	    POD("p1", 1000, 1000, "a") "," POD("p2", 1000, 1000, "b") ","
	    POD("p3", 500, 500, "a") "," POD("p4", 500, 500, "b") "]}";
	struct cluster c;
	struct model m;
	struct model_eval ev;
	int best[8], cur[8];

	build(&c, &m, skewed, MODEL_REBALANCE, MODEL_BALANCE);
	CHECK(m.nmovers == 4 && m.nvars == 8);
	best_by_enumeration(&m, best);
	model_eval(&m, best, &ev, NULL);
	CHECK(ev.moves == 1);	/* one 1000m pod to b: 2000/1500 */
	CHECK(ev.cpu_util_max == 0.5);
	model_current(&m, cur);
	model_eval(&m, cur, &ev, NULL);
	CHECK(ev.moves == 0 && ev.cpu_util_max == 0.75);
	/* 100 * 2 * (0.75^2 + 0.125^2) - 4 desire */
	CHECK_NEAR(ev.total, 100 * 2 * (0.5625 + 0.015625) - 4, 1e-9);
	model_release(&m);
	cluster_release(&c);

	build(&c, &m, balanced, MODEL_REBALANCE, MODEL_BALANCE);
	best_by_enumeration(&m, best);
	model_eval(&m, best, &ev, NULL);
	CHECK(ev.moves == 0);
	model_release(&m);
	cluster_release(&c);
}

static void
test_roles_and_candidates(void)
{
	const char *text = "{\"nodes\": ["
	    "{\"id\": \"a\", \"cpu_capacity\": 1000, \"mem_capacity\": 1000},"
	    "{\"id\": \"b\", \"cpu_capacity\": 1000, \"mem_capacity\": 1000,"
	    " \"schedulable\": false},"
	    "{\"id\": \"c\", \"cpu_capacity\": 3000, \"mem_capacity\": 3000,"
	    " \"alive\": false},"
	    "{\"id\": \"d\", \"cpu_capacity\": 2000, \"mem_capacity\": 500}],"
	    "\"pods\": ["
	    POD("on-a", 600, 100, "a") "," POD("on-b", 100, 100, "b") ","
	    POD("on-c", 100, 100, "c") ","
	    "{\"id\": \"pin\", \"cpu_request\": 300, \"mem_request\": 100,"
	    " \"current_node\": \"a\", \"movable\": false},"
	    "{\"id\": \"new\", \"cpu_request\": 800, \"mem_request\": 100},"
	    "{\"id\": \"huge\", \"cpu_request\": 5000, \"mem_request\": 1}]}";
	struct cluster c;
	struct model m;
	char buf[64];

	build(&c, &m, text, MODEL_REBALANCE, MODEL_BALANCE);
	CHECK(m.role[0] == MODEL_MOVER && m.role[1] == MODEL_FIXED);
	CHECK(m.role[2] == MODEL_IGNORED && m.role[3] == MODEL_FIXED);
	CHECK(m.role[4] == MODEL_MOVER && m.role[5] == MODEL_MOVER);
	CHECK(m.nmovers == 3);
	/* on-a: a (300 fixed + 600 fits), not b (cordoned), d */
	CHECK(m.movers[0].ncand == 2 && m.movers[0].cand[0] == 0 &&
	    m.movers[0].cand[1] == 3);
	/* new: 800 beside the pinned 300 on a does not fit: only d */
	CHECK(m.movers[1].ncand == 1 && m.movers[1].cand[0] == 3);
	CHECK(m.movers[2].ncand == 0);
	CHECK(strcmp(m.movers[2].reason, "too_large") == 0);
	CHECK(m.fixed[0 * c.nres + CLUSTER_CPU] == 300);
	CHECK(m.nvars == 3);
	CHECK(model_var_find(&m, 4, 3) == 2);
	CHECK(model_var_find(&m, 4, 0) == -1);
	CHECK(strcmp(model_var_name(&m, 2, buf, sizeof(buf)),
	    "place new d") == 0);
	/* Any node may be scored, but a cordoned one is infeasible. */
	{
		struct model_eval ev;
		int a[3] = { 1, 3, -1 };

		model_eval(&m, a, &ev, NULL);
		CHECK(!ev.feasible && ev.bad_nodes == 1 && ev.moves == 1);
		a[0] = 0;
		model_eval(&m, a, &ev, NULL);
		CHECK(ev.feasible && ev.bad_nodes == 0 && ev.unplaced == 1);
	}
	model_release(&m);
	cluster_release(&c);

	build(&c, &m, text, MODEL_RECOVERY, MODEL_BALANCE);
	CHECK(m.nmovers == 1 && m.movers[0].pod == 2);
	CHECK(m.role[4] == MODEL_IGNORED && m.role[0] == MODEL_FIXED);
	model_release(&m);
	cluster_release(&c);

	build(&c, &m, text, MODEL_PLACEMENT, MODEL_BALANCE);
	CHECK(m.nmovers == 2 && m.movers[0].pod == 4);
	model_release(&m);
	cluster_release(&c);
}

/*
 * Recovery with too little room: the survivor takes the high-priority pod
 * even though two low ones would bring more plain desire.
 */
static void
test_recovery_ladder(void)
{
	const char *text = "{\"nodes\": ["
	    "{\"id\": \"dead\", \"cpu_capacity\": 4000, \"mem_capacity\": 4000,"
	    " \"alive\": false}," NODE("live", 2000, 2000) "], \"pods\": ["
	    "{\"id\": \"lo1\", \"cpu_request\": 1000, \"mem_request\": 1000,"
	    " \"current_node\": \"dead\", \"priority\": 0, \"desire\": 5},"
	    "{\"id\": \"lo2\", \"cpu_request\": 1000, \"mem_request\": 1000,"
	    " \"current_node\": \"dead\", \"priority\": 0, \"desire\": 5},"
	    "{\"id\": \"hi\", \"cpu_request\": 2000, \"mem_request\": 2000,"
	    " \"current_node\": \"dead\", \"priority\": 1, \"desire\": 1}]}";
	struct cluster c;
	struct model m;
	struct model_eval ev;
	int best[3];

	build(&c, &m, text, MODEL_RECOVERY, MODEL_BALANCE);
	CHECK(m.nmovers == 3);
	CHECK(m.movers[2].reward > m.movers[0].reward + m.movers[1].reward);
	best_by_enumeration(&m, best);
	CHECK(best[0] == -1 && best[1] == -1 && best[2] == 1);
	model_eval(&m, best, &ev, NULL);
	CHECK(ev.placed == 1 && ev.unplaced == 2 && ev.moves == 1);
	model_release(&m);
	cluster_release(&c);
}

/*
 * Pruning: each mover keeps its current node and at most K others, and
 * no capacity can overflow even if every candidate landed on it (the
 * budget), so the QUBO needs no slack; K at least the node count prunes
 * nothing.
 */
static void
test_candidates(void)
{
	const char *text = "{\"nodes\": [" NODE("n0", 4000, 8000) ","
	    NODE("n1", 4000, 8000) "," NODE("n2", 4000, 8000) ","
	    NODE("n3", 4000, 8000) "," NODE("n4", 2000, 4000) "], \"pods\": ["
	    POD("a", 1000, 1000, "n0") "," POD("b", 1000, 1000, "n0") ","
	    POD("c", 1000, 1000, "n0") "," POD("d", 1000, 1000, "n0") ","
	    POD("e", 500, 500, "n1") "," POD("f", 500, 500, "n1") ","
	    POD("g", 1500, 500, "n1") "," POD("h", 500, 500, "n2") ","
	    POD("i", 250, 250, "n3") "]}";
	struct model_options o;
	struct cluster c;
	struct model m, full;
	struct kerr e;
	double load[5];
	int k, j, n, budget_ok = 1, has_cur;

	CHECK(cluster_load(&c, text, strlen(text), "t", NULL, &e) == 0);
	model_options_defaults(&o);
	CHECK(model_build(&full, &c, &o, NULL, &e) == 0);
	o.candidates = 2;
	CHECK(model_build(&m, &c, &o, NULL, &e) == 0);
	CHECK(m.nmovers == 9);
	memset(load, 0, sizeof(load));
	for (k = 0; k < m.nmovers; k++) {
		CHECK(m.movers[k].ncand >= 1 && m.movers[k].ncand <= 3);
		has_cur = 0;
		for (j = 0; j < m.movers[k].ncand; j++) {
			n = m.movers[k].cand[j];
			has_cur |= n == c.pods[m.movers[k].pod].node;
			if (j > 0)
				CHECK(n > m.movers[k].cand[j - 1]);
			load[n] += c.pods[m.movers[k].pod].req[CLUSTER_CPU];
		}
		CHECK(has_cur);
	}
	for (n = 0; n < 5; n++)
		budget_ok &= load[n] <= c.nodes[n].cap[CLUSTER_CPU];
	CHECK(budget_ok);
	/* The pods of the full node n0 get somewhere to go. */
	CHECK(m.movers[0].ncand > 1);
	model_release(&m);
	o.candidates = 5;
	CHECK(model_build(&m, &c, &o, NULL, &e) == 0);
	CHECK(m.nvars == full.nvars);
	model_release(&m);
	model_release(&full);
	cluster_release(&c);
}

int
main(void)
{
	test_skewed_and_balanced();
	test_roles_and_candidates();
	test_recovery_ladder();
	test_candidates();
	return check_status();
}
