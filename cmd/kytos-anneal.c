/*
 * kytos-anneal: solve a QUBO heuristically (simulated annealing or parallel
 * tempering) and write sample JSON.  Options, I/O and exit codes only; the
 * solver is lib/anneal.c.
 */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anneal.h"
#include "io.h"
#include "json.h"
#include "number.h"
#include "qubo.h"
#include "sample.h"

#include "cli.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kytos-anneal [-ehmqVv] [-a sa|pt|tabu] [-j threads] "
	    "[-k keep] [-n sweeps]\n"
	    "                    [-r reads] [-s seed] [-t seconds] "
	    "[--beta-range hot,cold]\n"
	    "                    [--replicas n] [--schedule geometric|linear] "
	    "[--tabu-iters n]\n"
	    "                    [--target energy] [file]\n");
}

static void
opt_beta_range(const char *arg, struct anneal_params *p)
{
	char buf[128], *comma;

	if (strlen(arg) >= sizeof(buf) || (comma = strchr(arg, ',')) == NULL)
		cli_bad_value("--beta-range", "expected HOT,COLD, got", arg);
	snprintf(buf, sizeof(buf), "%s", arg);
	buf[comma - arg] = '\0';
	p->beta_hot = cli_double("--beta-range", buf, 0x1p-1000, 1e300);
	p->beta_cold = cli_double("--beta-range", buf + (comma - arg) + 1,
	    0x1p-1000, 1e300);
	if (p->beta_hot > p->beta_cold)
		cli_bad_value("--beta-range", "hot beta above cold beta in", arg);
}

static void
on_progress(void *ctx, const struct anneal_progress *pr)
{
	(void)ctx;
	fprintf(stderr, "kytos-anneal: %.1fs reads %ld/%ld best %.17g "
	    "beta %.4g..%.4g\n", pr->seconds, pr->reads_done, pr->reads,
	    pr->best, pr->beta_hot, pr->beta_cold);
}

enum { OPT_BETA = 256, OPT_REPLICAS, OPT_SCHEDULE, OPT_TABU, OPT_TARGET };

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "algorithm",	required_argument,	NULL, 'a' },
		{ "beta-range",	required_argument,	NULL, OPT_BETA },
		{ "exit-status", no_argument,		NULL, 'e' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "keep",	required_argument,	NULL, 'k' },
		{ "maximize",	no_argument,		NULL, 'm' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "reads",	required_argument,	NULL, 'r' },
		{ "replicas",	required_argument,	NULL, OPT_REPLICAS },
		{ "schedule",	required_argument,	NULL, OPT_SCHEDULE },
		{ "seed",	required_argument,	NULL, 's' },
		{ "sweeps",	required_argument,	NULL, 'n' },
		{ "tabu-iters",	required_argument,	NULL, OPT_TABU },
		{ "target",	required_argument,	NULL, OPT_TARGET },
		{ "threads",	required_argument,	NULL, 'j' },
		{ "time-limit",	required_argument,	NULL, 't' },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct anneal_params par;
	struct anneal_stats st;
	struct sample_set ss;
	struct qubo q;
	struct kerr e;
	struct cli_warn wc = { NULL, 0 };
	struct kwarn w = { cli_warn, &wc };
	struct json *out, *stats;
	const char *name;
	char *buf;
	size_t len;
	int ch, verbose = 0, exit_status = 0, rc;

	anneal_params_defaults(&par);
	opterr = 0;	/* our own messages: getopt's carry the full path */
	while ((ch = getopt_long(argc, argv, ":a:ehj:k:mn:qr:s:t:Vv", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			if (strcmp(optarg, "sa") == 0)
				par.algorithm = ANNEAL_SA;
			else if (strcmp(optarg, "pt") == 0)
				par.algorithm = ANNEAL_PT;
			else if (strcmp(optarg, "tabu") == 0)
				par.algorithm = ANNEAL_TABU;
			else
				cli_bad_value("-a", "unknown algorithm", optarg);
			break;
		case 'e':
			exit_status = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'j':
			par.threads = (int)cli_long("-j", optarg, 1, 1024);
			break;
		case 'k':
			par.keep = cli_long("-k", optarg, 1, 1000000);
			break;
		case 'm':
			par.maximize = 1;
			break;
		case 'n':
			par.sweeps = cli_long("-n", optarg, 1, 1000000000L);
			break;
		case 'q':
			wc.quiet = 1;
			break;
		case 'r':
			par.reads = cli_long("-r", optarg, 1, 1000000L);
			break;
		case 's':
			par.seed = (uint64_t)cli_long("-s", optarg, 0,
			    LONG_MAX);
			break;
		case 't':
			par.time_limit = cli_double("-t", optarg, 1e-6, 1e9);
			break;
		case 'V':
			printf("kytos-anneal %s\n", VERSION);
			return 0;
		case 'v':
			verbose = 1;
			break;
		case OPT_BETA:
			opt_beta_range(optarg, &par);
			break;
		case OPT_REPLICAS:
			par.replicas = cli_long("--replicas", optarg, 2, 4096);
			break;
		case OPT_SCHEDULE:
			if (strcmp(optarg, "geometric") == 0)
				par.schedule = ANNEAL_GEOMETRIC;
			else if (strcmp(optarg, "linear") == 0)
				par.schedule = ANNEAL_LINEAR;
			else
				cli_bad_value("--schedule", "unknown schedule",
				    optarg);
			break;
		case OPT_TABU:
			par.tabu_iters = cli_long("--tabu-iters", optarg, 1,
			    LONG_MAX);
			break;
		case OPT_TARGET:
			par.target = cli_double("--target", optarg, -HUGE_VAL,
			    HUGE_VAL);
			par.has_target = 1;
			break;
		default:
			cli_getopt_error(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		cli_usage_error("too many operands");

	if (io_read_all(argc ? argv[0] : NULL, &buf, &len, &name, &e) < 0)
		errx(1, "%s", e.msg);
	qubo_init(&q);
	if (qubo_read(&q, buf, len, name, &w, &e) < 0)
		errx(1, "%s", e.msg);
	free(buf);

	par.stop = cli_catch_sigint();
	if (verbose)
		par.progress = on_progress;

	sample_set_init(&ss);
	if (anneal_run(&q, &par, &ss, &st, &e) < 0)
		errx(1, "%s", e.msg);
	out = sample_set_json(&ss, &q);
	stats = json_set(out, "stats", json_new_object());
	json_set_string(stats, "algorithm", par.algorithm == ANNEAL_PT ?
	    "pt" : par.algorithm == ANNEAL_TABU ? "tabu" : "sa");
	json_set_number(stats, "reads", (double)st.reads);
	json_set_number(stats, "sweeps", (double)st.sweeps);
	if (par.algorithm == ANNEAL_PT)
		json_set_number(stats, "replicas", (double)st.replicas);
	json_set_number(stats, "threads", st.threads);
	json_set_number(stats, "beta_hot", st.beta_hot);
	json_set_number(stats, "beta_cold", st.beta_cold);
	json_set_number(stats, "spin_updates", st.spin_updates);
	json_set_number(stats, "seconds", st.seconds);
	cli_write_json(out);
	json_free(out);
	rc = 0;
	if (exit_status && strcmp(ss.status, "timeout") == 0)
		rc = 3;
	sample_set_release(&ss);
	qubo_release(&q);
	return rc;
}
