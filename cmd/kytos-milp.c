/*
 * kytos-milp: solve a placement model (cluster JSON) or a QUBO exactly with
 * lp_solve, and write sample JSON with a bound and gap (DESIGN sections 4
 * and 5).  Options, I/O and exit codes only; the MILP is lib/kmilp.c.
 */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autoscale.h"
#include "cluster.h"
#include "encoding.h"
#include "io.h"
#include "json.h"
#include "kmilp.h"
#include "mem.h"
#include "model.h"
#include "number.h"
#include "qubo.h"
#include "sample.h"

#include "cli.h"

struct opts {
	struct model_options mo;
	struct kmilp_params kp;
	int mode_set, model_set, maximize, pieces, exit_status;
	int autoscale;		/* -m autoscale: lib/autoscale's model */
	int quiet, verbose;
	const char *lp, *mps;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kytos-milp -m rebalance|recovery|placement|autoscale "
	    "[-ehqVv]\n"
	    "                  [-g gap] [-t seconds] [-w name=value] "
	    "[--candidates k]\n"
	    "                  [--lp file] [--mps file] "
	    "[--objective balance|pack]\n"
	    "                  [--pieces k] [--rounds n] [file]\n"
	    "       kytos-milp [-ehqVvx] [-g gap] [-t seconds] [--lp file] "
	    "[--mps file] [file]\n");
}

static void
on_progress(void *ctx, double seconds, double incumbent, double bound,
    double gap)
{
	(void)ctx;
	fprintf(stderr, "kytos-milp: %.1fs incumbent %.17g bound %.17g "
	    "gap %.3g\n", seconds, incumbent, bound, gap);
}

static void
on_round(void *ctx, int round, double seconds, double value, double bound,
    int cuts)
{
	(void)ctx;
	fprintf(stderr, "kytos-milp: %.1fs round %d best %.17g bound %.17g, "
	    "%d tangent%s added\n", seconds, round, value, bound, cuts,
	    cuts == 1 ? "" : "s");
}

/* Cluster JSON starts with '{'; everything else is QUBO text. */
static int
is_json(const char *buf)
{
	while (*buf == ' ' || *buf == '\t' || *buf == '\n' || *buf == '\r')
		buf++;
	return *buf == '{';
}

enum {
	OPT_CANDIDATES = 256, OPT_LP, OPT_MPS, OPT_OBJECTIVE, OPT_PIECES,
	OPT_ROUNDS
};

static void
parse(int argc, char *argv[], struct opts *o)
{
	static const struct option longopts[] = {
		{ "candidates",	required_argument,	NULL, OPT_CANDIDATES },
		{ "exit-status", no_argument,		NULL, 'e' },
		{ "gap",	required_argument,	NULL, 'g' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "lp",		required_argument,	NULL, OPT_LP },
		{ "maximize",	no_argument,		NULL, 'x' },
		{ "mode",	required_argument,	NULL, 'm' },
		{ "mps",	required_argument,	NULL, OPT_MPS },
		{ "objective",	required_argument,	NULL, OPT_OBJECTIVE },
		{ "pieces",	required_argument,	NULL, OPT_PIECES },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "rounds",	required_argument,	NULL, OPT_ROUNDS },
		{ "time-limit",	required_argument,	NULL, 't' },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "weight",	required_argument,	NULL, 'w' },
		{ NULL,		0,			NULL, 0 }
	};
	struct kerr e;
	int ch, k;

	opterr = 0;	/* our own messages: the program name, not argv[0] */
	while ((ch = getopt_long(argc, argv, ":eg:hm:qt:Vvw:x", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'e':
			o->exit_status = 1;
			break;
		case 'g':
			o->kp.mp.gap = cli_double("-g", optarg, 0, 0.999);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'm':
			o->autoscale = strcmp(optarg, "autoscale") == 0;
			if ((k = o->autoscale ? 0 :
			    model_mode_find(optarg)) < 0)
				cli_bad_value("-m", "unknown mode", optarg);
			o->mo.mode = (enum model_mode)k;
			o->mode_set = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 't':
			o->kp.mp.time_limit = cli_double("-t", optarg, 0,
			    1e9);
			if (o->kp.mp.time_limit == 0)
				cli_bad_value("-t", "too small", optarg);
			break;
		case 'V':
			printf("kytos-milp %s\n", VERSION);
			exit(0);
		case 'v':
			o->verbose = 1;
			break;
		case 'w':
			if (model_options_weight(&o->mo, optarg, &e) < 0)
				cli_usage_error("-w: %s", e.msg);
			o->model_set = 1;
			break;
		case 'x':
			o->maximize = 1;
			break;
		case OPT_CANDIDATES:
			o->mo.candidates = (int)cli_long("--candidates",
			    optarg, 0, INT_MAX);
			o->model_set = 1;
			break;
		case OPT_LP:
			o->lp = optarg;
			break;
		case OPT_MPS:
			o->mps = optarg;
			break;
		case OPT_OBJECTIVE:
			if ((k = model_objective_find(optarg)) < 0)
				cli_bad_value("--objective", "unknown objective",
				    optarg);
			o->mo.objective = (enum model_objective)k;
			o->model_set = 1;
			break;
		case OPT_PIECES:
			o->pieces = (int)cli_long("--pieces", optarg, 1,
			    10000);
			o->model_set = 1;
			break;
		case OPT_ROUNDS:
			o->kp.max_rounds = (int)cli_long("--rounds", optarg,
			    1, 1000000);
			o->model_set = 1;
			break;
		default:
			cli_getopt_error(ch, argv);
		}
	}
}

/* Usage errors that depend on the kind of input. */
static void
check_input(const struct opts *o, int json)
{
	const char *msg = NULL;

	if (json && !o->mode_set)
		msg = "-m: mode required for cluster input";
	else if (json && o->maximize)
		msg = "-x: only for QUBO input";
	else if (!json && o->mode_set)
		msg = "-m: only for cluster input";
	else if (!json && o->model_set)
		msg = "model options (-w, --candidates, --objective, "
		    "--pieces, --rounds) are only for cluster input";
	if (msg != NULL)
		cli_usage_error("%s", msg);
}

/* The solution as a sample set over the QUBO's variables. */
static void
result_samples(const struct kmilp_result *r, const struct qubo *q,
    const unsigned char *x, int maximize, struct sample_set *s)
{
	int i;

	snprintf(s->solver, sizeof(s->solver), "kytos-milp");
	snprintf(s->status, sizeof(s->status), "%s",
	    milp_status_name(r->status));
	s->maximize = maximize;
	s->num_variables = q->n;
	s->has_bound = 1;
	s->bound = r->bound;
	s->gap = r->gap;
	if (!r->has_solution)
		return;
	s->has_energy = 1;
	s->energy = r->energy;
	s->ones = mem_calloc((size_t)q->n + 1, sizeof(int));
	for (i = 0; i < q->n; i++)
		if (x[i])
			s->ones[s->nones++] = i;
	s->samples = mem_calloc(1, sizeof(*s->samples));
	s->nsamples = 1;
	s->samples[0].energy = r->energy;
	s->samples[0].ones = mem_calloc(s->nones + 1, sizeof(int));
	memcpy(s->samples[0].ones, s->ones, s->nones * sizeof(int));
	s->samples[0].nones = s->nones;
	s->samples[0].count = 1;
}

static int
exit_code(enum milp_status s)
{
	switch (s) {
	case MILP_OPTIMAL:
		return 0;
	case MILP_FEASIBLE:
		return 3;
	case MILP_INFEASIBLE:
		return 4;
	case MILP_UNBOUNDED:
		return 5;
	default:
		return 6;
	}
}

/*
 * -m autoscale: lib/autoscale's MILP (linear as built, so solved once),
 * its answer written as the state of the QUBO kytos-qubo writes.
 */
static int
autoscale_run(const struct opts *o, const struct cluster *c,
    const char *name)
{
	struct autoscale a;
	struct qubo q;
	struct milp *lp;
	struct milp_result mr;
	struct kmilp_result r;
	struct sample_set ss;
	struct json *out, *stats;
	struct kerr e;
	unsigned char *x;
	long *counts;

	qubo_init(&q);
	if (autoscale_build(&a, c, &e) < 0 ||
	    autoscale_qubo(&q, &a, 0, &e) < 0 ||
	    (lp = autoscale_milp(&a, &e)) == NULL ||
	    milp_solve(lp, &o->kp.mp, &mr, &e) < 0 ||
	    (o->lp != NULL && milp_write_lp(lp, o->lp, &e) < 0) ||
	    (o->mps != NULL && milp_write_mps(lp, o->mps, &e) < 0))
		errx(1, "%s: %s", name, e.msg);
	memset(&r, 0, sizeof(r));
	r.status = mr.status;
	r.has_solution = mr.x != NULL;
	r.bound = mr.bound;
	r.gap = mr.gap;
	x = mem_calloc((size_t)q.n + 1, 1);
	counts = mem_calloc((size_t)a.nsvcs, sizeof(*counts));
	if (r.has_solution) {
		autoscale_counts_milp(&a, mr.x, counts);
		autoscale_state(&a, counts, x);
		r.energy = qubo_energy(&q, x);
	}
	sample_set_init(&ss);
	result_samples(&r, &q, x, 0, &ss);
	out = sample_set_json(&ss, &q);
	stats = json_set(out, "stats", json_new_object());
	json_set_number(stats, "variables", milp_ncols(lp));
	json_set_number(stats, "constraints", milp_nrows(lp));
	json_set_number(stats, "seconds", mr.seconds);
	cli_write_json(out);
	json_free(out);
	sample_set_release(&ss);
	free(counts);
	free(x);
	free(mr.x);
	milp_free(lp);
	qubo_release(&q);
	autoscale_release(&a);
	return o->exit_status ? exit_code(r.status) : 0;
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct cli_warn wc = { NULL, 0 };
	struct kwarn w = { cli_warn, &wc };
	struct cluster c;
	struct model m;
	struct qubo q, in;
	struct kmilp k;
	struct kmilp_result r;
	struct sample_set ss;
	struct encoding_info info;
	struct json *out, *stats;
	struct kerr e;
	const char *name;
	char *buf;
	unsigned char *x;
	size_t len;
	int json, rc;

	memset(&o, 0, sizeof(o));
	model_options_defaults(&o.mo);
	kmilp_params_defaults(&o.kp);
	o.pieces = 8;
	parse(argc, argv, &o);
	argc -= optind;
	argv += optind;
	if (argc > 1)
		cli_usage_error("%s: one input at most", argv[1]);
	wc.quiet = o.quiet;

	if (io_read_all(argc ? argv[0] : NULL, &buf, &len, &name, &e) < 0)
		errx(1, "%s", e.msg);
	wc.name = name;
	json = is_json(buf);
	check_input(&o, json);
	qubo_init(&q);
	qubo_init(&in);
	if (json) {
		if (cluster_load(&c, buf, len, name, &w, &e) < 0)
			errx(1, "%s", e.msg);
		if (o.autoscale) {
			free(buf);
			rc = autoscale_run(&o, &c, name);
			cluster_release(&c);
			return rc;
		}
		if (model_build(&m, &c, &o.mo, &w, &e) < 0)
			errx(1, "%s: %s", name, e.msg);
		/* kytos-qubo's QUBO of the same model: its variables,
		 * names and metadata are the sample's. */
		if (encoding_build(&q, &m, 0, &info, &e) < 0 ||
		    kmilp_build_model(&k, &m, o.pieces, &e) < 0)
			errx(1, "%s: %s", name, e.msg);
	} else {
		if (qubo_read(&in, buf, len, name, &w, &e) < 0)
			errx(1, "%s", e.msg);
		if (kmilp_build_qubo(&k, &in, o.maximize, &e) < 0)
			errx(1, "%s: %s", name, e.msg);
	}
	free(buf);

	o.kp.mp.stop = cli_catch_sigint();
	if (o.verbose) {
		o.kp.mp.progress = on_progress;
		o.kp.round = on_round;
	}
	if (kmilp_solve(&k, &o.kp, &r, &e) < 0)
		errx(1, "%s: %s", name, e.msg);
	/* After the solve: the model then holds every tangent added. */
	if ((o.lp != NULL && milp_write_lp(k.lp, o.lp, &e) < 0) ||
	    (o.mps != NULL && milp_write_mps(k.lp, o.mps, &e) < 0))
		errx(1, "%s", e.msg);

	sample_set_init(&ss);
	if (json) {
		x = mem_calloc((size_t)q.n + 1, 1);
		if (r.has_solution)
			kmilp_qubo_state(&m, &q, r.assign, x);
		result_samples(&r, &q, x, 0, &ss);
		free(x);
		out = sample_set_json(&ss, &q);
	} else {
		result_samples(&r, &in, r.x, o.maximize, &ss);
		out = sample_set_json(&ss, &in);
	}
	if (isnan(r.bound))
		json_set_null(out, "bound");
	if (isnan(r.gap))
		json_set_null(out, "gap");
	stats = json_set(out, "stats", json_new_object());
	json_set_number(stats, "variables", milp_ncols(k.lp));
	json_set_number(stats, "constraints", milp_nrows(k.lp));
	if (json) {
		json_set_number(stats, "pieces", o.pieces);
		json_set_number(stats, "tangents_added", r.cuts);
	}
	json_set_number(stats, "rounds", r.rounds);
	json_set_number(stats, "seconds", r.seconds);
	cli_write_json(out);
	json_free(out);
	rc = o.exit_status ? exit_code(r.status) : 0;
	sample_set_release(&ss);
	kmilp_result_release(&r);
	kmilp_release(&k);
	if (json) {
		model_release(&m);
		cluster_release(&c);
	}
	qubo_release(&q);
	qubo_release(&in);
	return rc;
}
