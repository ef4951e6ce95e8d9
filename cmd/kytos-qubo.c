/*
 * kytos-qubo: write the QUBO of one placement mode for a cluster JSON
 * (DESIGN section 4).  Options, I/O and exit codes only; the model is
 * lib/model.c and its QUBO lib/encoding.c.
 */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autoscale.h"
#include "cluster.h"
#include "encoding.h"
#include "io.h"
#include "model.h"
#include "number.h"
#include "qubo.h"

#include "cli.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kytos-qubo -m rebalance|recovery|placement|autoscale "
	    "[-hqVv]\n"
	    "                  [-w name=value] [--candidates k] "
	    "[--objective balance|pack]\n"
	    "                  [--penalty a] [file]\n");
}

/* -m autoscale: lib/autoscale's QUBO, written whole or not at all. */
static int
autoscale_write(const struct cluster *c, const char *name, double penalty,
    int verbose)
{
	struct autoscale a;
	struct qubo q;
	struct kerr e;
	char *text = NULL;
	size_t tlen = 0;
	FILE *mem;

	if (autoscale_build(&a, c, &e) < 0)
		errx(1, "%s: %s", name, e.msg);
	qubo_init(&q);
	if (autoscale_qubo(&q, &a, penalty, &e) < 0)
		errx(1, "%s: %s", name, e.msg);
	if ((mem = open_memstream(&text, &tlen)) == NULL)
		err(1, "open_memstream");
	fprintf(mem, "c kytos-qubo: autoscale of %d service%s on %d node%s\n",
	    a.nsvcs, a.nsvcs == 1 ? "" : "s", c->nnodes,
	    c->nnodes == 1 ? "" : "s");
	if (qubo_write(mem, &q) < 0 || fclose(mem) != 0)
		errx(1, "out of memory");
	if (verbose)
		fprintf(stderr, "kytos-qubo: %d variables (%d replicas, %d "
		    "slack), %zu couplers\n", q.n, a.nrepl, a.nvars - a.nrepl,
		    q.nc);
	if (fwrite(text, 1, tlen, stdout) != tlen ||
	    io_close(stdout, "<stdout>", &e) < 0)
		errx(1, "%s", e.msg);
	free(text);
	qubo_release(&q);
	autoscale_release(&a);
	return 0;
}

enum { OPT_CANDIDATES = 256, OPT_OBJECTIVE, OPT_PENALTY };

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "candidates", required_argument, NULL, OPT_CANDIDATES },
		{ "help",	no_argument,	   NULL, 'h' },
		{ "mode",	required_argument, NULL, 'm' },
		{ "objective",	required_argument, NULL, OPT_OBJECTIVE },
		{ "penalty",	required_argument, NULL, OPT_PENALTY },
		{ "quiet",	no_argument,	   NULL, 'q' },
		{ "verbose",	no_argument,	   NULL, 'v' },
		{ "version",	no_argument,	   NULL, 'V' },
		{ "weight",	required_argument, NULL, 'w' },
		{ NULL,		0,		   NULL, 0 }
	};
	struct model_options o;
	struct encoding_info info;
	struct cli_warn wc = { NULL, 0 };
	struct kwarn w = { cli_warn, &wc };
	struct cluster c;
	struct model m;
	struct qubo q;
	struct kerr e;
	const char *name;
	char *buf = NULL, *text = NULL;
	size_t len, tlen = 0;
	double penalty = 0;
	int ch, k, verbose = 0, mode = -1, autoscale = 0;
	FILE *mem;

	model_options_defaults(&o);
	opterr = 0;	/* our own messages: the program name, not argv[0] */
	while ((ch = getopt_long(argc, argv, ":hm:qVvw:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout);
			return 0;
		case 'm':
			autoscale = strcmp(optarg, "autoscale") == 0;
			if ((mode = autoscale ? 0 :
			    model_mode_find(optarg)) < 0)
				cli_bad_value("-m", "unknown mode", optarg);
			o.mode = (enum model_mode)mode;
			break;
		case 'q':
			wc.quiet = 1;
			break;
		case 'V':
			printf("kytos-qubo %s\n", VERSION);
			return 0;
		case 'v':
			verbose = 1;
			break;
		case 'w':
			if (model_options_weight(&o, optarg, &e) < 0)
				cli_usage_error("-w: %s", e.msg);
			break;
		case OPT_CANDIDATES:
			o.candidates = (int)cli_long("--candidates", optarg, 0,
			    INT_MAX);
			break;
		case OPT_OBJECTIVE:
			if ((k = model_objective_find(optarg)) < 0)
				cli_bad_value("--objective", "unknown objective",
				    optarg);
			o.objective = (enum model_objective)k;
			break;
		case OPT_PENALTY:
			penalty = cli_double("--penalty", optarg, 0, 1e300);
			if (penalty == 0)
				cli_bad_value("--penalty", "too small", optarg);
			break;
		default:
			cli_getopt_error(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (mode < 0)
		cli_usage_error("-m: mode required");
	if (argc > 1)
		cli_usage_error("%s: one input at most", argv[1]);

	if (io_read_all(argc ? argv[0] : NULL, &buf, &len, &name, &e) < 0)
		errx(1, "%s", e.msg);
	wc.name = name;
	if (cluster_load(&c, buf, len, name, &w, &e) < 0)
		errx(1, "%s", e.msg);
	free(buf);
	if (autoscale) {
		k = autoscale_write(&c, name, penalty, verbose);
		cluster_release(&c);
		return k;
	}
	if (model_build(&m, &c, &o, &w, &e) < 0)
		errx(1, "%s: %s", name, e.msg);
	qubo_init(&q);
	if (encoding_build(&q, &m, penalty, &info, &e) < 0)
		errx(1, "%s: %s", name, e.msg);
	/* Build the whole text first: nothing partial reaches stdout. */
	if ((mem = open_memstream(&text, &tlen)) == NULL)
		err(1, "open_memstream");
	fprintf(mem, "c kytos-qubo: %s of %d moving pod%s on %d node%s\n",
	    model_mode_name(o.mode), m.nmovers, m.nmovers == 1 ? "" : "s",
	    c.nnodes, c.nnodes == 1 ? "" : "s");
	if (qubo_write(mem, &q) < 0 || fclose(mem) != 0)
		errx(1, "out of memory");
	if (verbose)
		fprintf(stderr, "kytos-qubo: %d variables (%d place, %d used, "
		    "%d slack in %d capacities), %zu couplers, penalty %.17g\n",
		    q.n, info.nplace, info.nused, info.nslack, info.ncapacity,
		    q.nc, info.penalty);
	if (fwrite(text, 1, tlen, stdout) != tlen ||
	    io_close(stdout, "<stdout>", &e) < 0)
		errx(1, "%s", e.msg);
	free(text);
	qubo_release(&q);
	model_release(&m);
	cluster_release(&c);
	return 0;
}
