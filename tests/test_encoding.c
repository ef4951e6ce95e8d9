/*
 * test_encoding.c: the QUBO of tiny models against the model itself, by
 * enumerating every state of the QUBO: for each assignment, the lowest
 * energy over its slack equals the model objective when the assignment is
 * feasible and lies above the optimum when not, so the ground state is the
 * constrained optimum.  Then the placement terms, each shown to change the
 * chosen node.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "encoding.h"
#include "model.h"

struct run {
	struct cluster c;
	struct model m;
	struct qubo q;
	struct encoding_info info;
	int best[16];		/* the ground state's assignment */
	double ground;		/* its energy */
};

static void
run_release(struct run *r)
{
	qubo_release(&r->q);
	model_release(&r->m);
	cluster_release(&r->c);
}

/* Assignment of a state, or -1 when a group is broken; radix index. */
static long
decode(const struct model *m, const unsigned char *x, int *a)
{
	long idx = 0;
	int i, k, n, lo = m->opt.mode == MODEL_RECOVERY;

	for (i = 0; i < m->nmovers; i++) {
		a[i] = -1;
		n = 0;
		for (k = 0; k < m->movers[i].ncand; k++)
			if (x[m->movers[i].var0 + k]) {
				a[i] = m->movers[i].cand[k];
				n++;
			}
		if (n > 1 || (n == 0 && !lo && m->movers[i].ncand > 0))
			return -1;
	}
	for (i = m->nmovers; i-- > 0;) {
		k = 0;
		if (a[i] >= 0)
			while (m->movers[i].cand[k] != a[i])
				k++;
		idx = idx * (m->movers[i].ncand + 1) + (a[i] >= 0 ? k + 1 : 0);
	}
	return idx;
}

/*
 * What kytos-decode does: rebuild the model from the c kytos pairs and
 * read the ground state back through the variable names.
 */
static void
check_roundtrip(struct run *r, long ground)
{
	struct model_options o;
	struct model m2;
	struct kerr e;
	char *names[64], a[128], b[128];
	int assign[16], i, n = 0, v;

	CHECK(model_options_kytos(&o, r->q.kytos, r->q.nkytos, &e) == 0);
	CHECK(o.mode == r->m.opt.mode && o.objective == r->m.opt.objective);
	CHECK(model_build(&m2, &r->c, &o, NULL, &e) == 0);
	CHECK(m2.nvars == r->m.nvars);
	for (v = 0; v < m2.nvars && v < r->m.nvars; v++)
		CHECK(strcmp(model_var_name(&m2, v, a, sizeof(a)),
		    model_var_name(&r->m, v, b, sizeof(b))) == 0);
	for (i = 0; i < 2; i++)
		CHECK(m2.w[i] == r->m.w[i]);
	for (v = 0; v < r->q.n && n < 64; v++)
		if ((ground >> v) & 1)
			names[n++] = r->q.names[v];
	CHECK(model_assign_names(&m2, names, (size_t)n, assign, &e) == 0);
	for (i = 0; i < m2.nmovers; i++)
		CHECK(assign[i] == r->best[i]);
	model_release(&m2);
}

static void
check_instance(struct run *r, const char *text, enum model_mode mode,
    enum model_objective obj, int wk, double wv)
{
	struct model_options o;
	struct model_eval ev;
	struct kerr e;
	unsigned char *x;
	double *minE, E, opt = 0;
	long idx, nas = 1, s, S, ground = 0;
	int i, a[16], found = 0;

	if (cluster_load(&r->c, text, strlen(text), "t", NULL, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		abort();
	}
	model_options_defaults(&o);
	o.mode = mode;
	o.objective = obj;
	if (wk >= 0) {
		o.weights[wk] = wv;
		o.has_weight[wk] = 1;
	}
	if (model_build(&r->m, &r->c, &o, NULL, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		abort();
	}
	qubo_init(&r->q);
	CHECK(encoding_build(&r->q, &r->m, 0, &r->info, &e) == 0);
	CHECK(r->q.n <= 22);
	if (r->q.n > 22)
		return;
	for (i = 0; i < r->m.nmovers; i++)
		nas *= r->m.movers[i].ncand + 1;
	minE = malloc((size_t)nas * sizeof(double));
	for (idx = 0; idx < nas; idx++)
		minE[idx] = HUGE_VAL;
	x = calloc((size_t)r->q.n, 1);
	S = 1L << r->q.n;
	r->ground = HUGE_VAL;
	for (s = 0; s < S; s++) {
		for (i = 0; i < r->q.n; i++)
			x[i] = (s >> i) & 1;
		E = qubo_energy(&r->q, x);
		if (E < r->ground) {
			r->ground = E;
			ground = s;
		}
		if ((idx = decode(&r->m, x, a)) >= 0 && E < minE[idx])
			minE[idx] = E;
	}
	for (i = 0; i < r->q.n; i++)
		x[i] = (ground >> i) & 1;
	CHECK(decode(&r->m, x, r->best) >= 0);
	/* Every assignment: feasible ones at their objective exactly. */
	for (s = 0; s < S; s++) {
		for (i = 0; i < r->q.n; i++)
			x[i] = (s >> i) & 1;
		if (s >> r->m.nvars != 0)
			break;
		if ((idx = decode(&r->m, x, a)) < 0)
			continue;
		model_eval(&r->m, a, &ev, NULL);
		if (ev.feasible) {
			CHECK_NEAR(minE[idx], ev.total, 1e-6);
			if (!found || ev.total < opt)
				opt = ev.total;
			found = 1;
		}
	}
	CHECK(found);
	/* The ground state is a feasible optimum; infeasible states lie
	 * above it. */
	CHECK_NEAR(r->ground, opt, 1e-6);
	model_eval(&r->m, r->best, &ev, NULL);
	CHECK(ev.feasible);
	CHECK_NEAR(ev.total, opt, 1e-6);
	for (s = 0; s < S && s >> r->m.nvars == 0; s++) {
		for (i = 0; i < r->q.n; i++)
			x[i] = (s >> i) & 1;
		if ((idx = decode(&r->m, x, a)) < 0)
			continue;
		model_eval(&r->m, a, &ev, NULL);
		if (!ev.feasible)
			CHECK(minE[idx] > opt + 0.5);
	}
	free(x);
	free(minE);
	check_roundtrip(r, ground);
}

#define NODE(id, cpu, mem) "{\"id\": \"" id "\", \"cpu_capacity\": " \
	#cpu ", \"mem_capacity\": " #mem "}"
#define POD(id, cpu, mem, node) "{\"id\": \"" id "\", \"cpu_request\": " \
	#cpu ", \"mem_request\": " #mem ", \"current_node\": \"" node "\"}"

/* Skewed: three pods on a, b nearly empty, capacity binds on a. */
static void
test_rebalance(void)
{
	const char *text = "{\"nodes\": [" NODE("a", 4000, 64000) ","
	    NODE("b", 3000, 1100) "], \"pods\": ["
	    "{\"id\": \"w1\", \"cpu_request\": 2000, \"mem_request\": 300,"
	    " \"current_node\": \"a\", \"service\": \"web\"},"
	    "{\"id\": \"w2\", \"cpu_request\": 1000, \"mem_request\": 500,"
	    " \"current_node\": \"a\", \"service\": \"web\"},"
	    "{\"id\": \"x\", \"cpu_request\": 1000, \"mem_request\": 700}]}";
	struct run r;

	check_instance(&r, text, MODEL_REBALANCE, MODEL_BALANCE, -1, 0);
	CHECK(r.info.nslack > 0);
	CHECK(r.best[0] != r.best[1]);	/* anti-affinity splits web */
	run_release(&r);
	check_instance(&r, text, MODEL_REBALANCE, MODEL_PACK, -1, 0);
	CHECK(r.info.nused == 2);
	run_release(&r);
}

/* Pack: three half-empty nodes, one pinned pod on c. */
static void
test_pack(void)
{
	const char *text = "{\"nodes\": [" NODE("a", 2000, 8000) ","
	    NODE("b", 2000, 8000) "," NODE("c", 2000, 8000) "], \"pods\": ["
	    POD("p1", 1000, 100, "a") "," POD("p2", 1000, 100, "b") ","
	    "{\"id\": \"pin\", \"cpu_request\": 1000, \"mem_request\": 100,"
	    " \"current_node\": \"c\", \"movable\": false}]}";
	struct run r;
	struct model_eval ev;

	check_instance(&r, text, MODEL_REBALANCE, MODEL_PACK, -1, 0);
	CHECK(r.info.nused == 2);
	model_eval(&r.m, r.best, &ev, NULL);
	CHECK(ev.nodes_used == 2);	/* one pod joins the pinned one */
	run_release(&r);
}

/* Recovery: a dead node's pods on survivors with room for some only. */
static void
test_recovery(void)
{
	const char *text = "{\"nodes\": ["
	    "{\"id\": \"dead\", \"cpu_capacity\": 4000, \"mem_capacity\": 4000,"
	    " \"alive\": false}," NODE("s1", 2000, 8000) ","
	    NODE("s2", 2000, 8000) "], \"pods\": ["
	    POD("keep", 1000, 100, "s1") ","
	    "{\"id\": \"lo1\", \"cpu_request\": 1000, \"mem_request\": 100,"
	    " \"current_node\": \"dead\", \"priority\": 0},"
	    "{\"id\": \"lo2\", \"cpu_request\": 1000, \"mem_request\": 100,"
	    " \"current_node\": \"dead\", \"priority\": 0},"
	    "{\"id\": \"hi\", \"cpu_request\": 2000, \"mem_request\": 100,"
	    " \"current_node\": \"dead\", \"priority\": 3}]}";
	struct run r;
	struct model_eval ev;

	check_instance(&r, text, MODEL_RECOVERY, MODEL_BALANCE, -1, 0);
	/* hi takes s2 whole; one low pod fits beside keep on s1. */
	CHECK(r.best[2] == 2);
	CHECK((r.best[0] == 1) != (r.best[1] == 1));
	model_eval(&r.m, r.best, &ev, NULL);
	CHECK(ev.placed == 2 && ev.unplaced == 1);
	run_release(&r);
}

/*
 * Recovery with room to spare: the evicted pods level the survivors'
 * load instead of filling the node that has room for both (no node is
 * pushed to the edge).
 */
static void
test_recovery_level(void)
{
	const char *text = "{\"nodes\": ["
	    "{\"id\": \"dead\", \"cpu_capacity\": 4000, \"mem_capacity\": 4000,"
	    " \"alive\": false}," NODE("s1", 4000, 8000) ","
	    NODE("s2", 4000, 8000) "], \"pods\": ["
	    "{\"id\": \"fixed\", \"cpu_request\": 2000, \"mem_request\": 100,"
	    " \"current_node\": \"s1\", \"movable\": false},"
	    POD("e1", 1000, 100, "dead") "," POD("e2", 1000, 100, "dead") ","
	    POD("e3", 1000, 100, "dead") "]}";
	struct run r;
	struct model_eval ev;

	check_instance(&r, text, MODEL_RECOVERY, MODEL_BALANCE, -1, 0);
	model_eval(&r.m, r.best, &ev, NULL);
	CHECK(ev.placed == 3);
	/* s1 3000 and s2 2000: the most level split, no node full */
	CHECK(ev.cpu_util_max == 0.75);
	run_release(&r);
}

/*
 * Placement: api talks to db (on a, zone za); b in zone zb is emptier.
 * Balance alone picks b, latency picks a; an image cached on a does too.
 */
#define PLACE_NODES "\"nodes\": [" \
	"{\"id\": \"a\", \"cpu_capacity\": 4000, \"mem_capacity\": 4000," \
	" \"zone\": \"za\", \"images\": [\"big:1\"]}," \
	"{\"id\": \"b\", \"cpu_capacity\": 4000, \"mem_capacity\": 4000," \
	" \"zone\": \"zb\"}]"
static void
test_placement(void)
{
	const char *lat = "{" PLACE_NODES ", \"pods\": ["
	    "{\"id\": \"db\", \"cpu_request\": 1000, \"mem_request\": 0,"
	    " \"current_node\": \"a\", \"service\": \"db\"},"
	    POD("other", 500, 0, "b") ","
	    "{\"id\": \"api\", \"cpu_request\": 500, \"mem_request\": 0,"
	    " \"talks_to\": [\"db\"]}]}";
	const char *img = "{" PLACE_NODES ", \"pods\": ["
	    POD("db", 1000, 0, "a") "," POD("other", 500, 0, "b") ","
	    "{\"id\": \"api\", \"cpu_request\": 500, \"mem_request\": 0,"
	    " \"image\": \"big:1\"}]}";
	struct run r;

	check_instance(&r, lat, MODEL_PLACEMENT, MODEL_BALANCE,
	    WEIGHT_LATENCY, 0);
	CHECK(r.best[0] == 1);
	run_release(&r);
	check_instance(&r, lat, MODEL_PLACEMENT, MODEL_BALANCE, -1, 0);
	CHECK(r.best[0] == 0);
	run_release(&r);
	check_instance(&r, img, MODEL_PLACEMENT, MODEL_BALANCE,
	    WEIGHT_STARTUP, 0);
	CHECK(r.best[0] == 1);
	run_release(&r);
	check_instance(&r, img, MODEL_PLACEMENT, MODEL_BALANCE, -1, 0);
	CHECK(r.best[0] == 0);
	run_release(&r);
}

static void
test_kytos_errors(void)
{
	char *kv[] = { "mode", "sideways", "w.speed", "1" };
	char *kv2[] = { "objective", "pack" };
	char *kv3[] = { "mode", "placement", "w.latency", "-1" };
	struct model_options o;
	struct kerr e;

	CHECK(model_options_kytos(&o, kv, 1, &e) < 0);
	CHECK(strcmp(e.msg, "kytos: mode: unknown mode 'sideways'") == 0);
	CHECK(model_options_kytos(&o, kv2, 1, &e) < 0);
	CHECK(strcmp(e.msg, "kytos: mode: missing") == 0);
	CHECK(model_options_kytos(&o, kv3, 2, &e) < 0);
	CHECK(strcmp(e.msg, "kytos: w.latency: too small '-1'") == 0);
}

int
main(void)
{
	test_rebalance();
	test_pack();
	test_recovery();
	test_recovery_level();
	test_placement();
	test_kytos_errors();
	return check_status();
}
