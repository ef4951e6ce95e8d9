/*
 * kytos-decode: check, repair and explain a solver's sample (DESIGN
 * section 5) as a plan for the cluster it was made from (section 6), or
 * as Kubernetes objects.  Options, I/O and exit codes only; the work is
 * lib/plan.c over lib/model.c.
 */
#include <err.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autoscale.h"
#include "cluster.h"
#include "io.h"
#include "json.h"
#include "model.h"
#include "plan.h"
#include "sample.h"

#include "cli.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kytos-decode [-hqVv] [-f json|k8s] [-m mode] cluster.json "
	    "[sample.json]\n");
}

/* Autoscale samples: lib/autoscale's plan, written whole or not at all. */
static int
autoscale_run(const struct cluster *c, const struct sample_set *s,
    const char *cname, const char *sname, int k8s)
{
	struct autoscale a;
	struct json *plan, *out;
	struct kerr e;

	if (autoscale_build(&a, c, &e) < 0)
		errx(1, "%s: %s", cname, e.msg);
	if ((plan = autoscale_decode(&a, s, &e)) == NULL)
		errx(1, "%s: %s", sname, e.msg);
	out = k8s ? autoscale_k8s(plan) : plan;
	cli_write_json(out);
	if (out != plan)
		json_free(out);
	json_free(plan);
	autoscale_release(&a);
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "mode",	required_argument,	NULL, 'm' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct cli_warn wc = { NULL, 0 };
	struct kwarn w = { cli_warn, &wc };
	struct model_options o;
	struct sample_set s;
	struct cluster c;
	struct model m;
	struct plan pl;
	struct json *out;
	struct kerr e;
	const char *cname, *sname;
	char *buf;
	size_t len;
	int ch, k8s = 0, verbose = 0, mode = -1, autoscale = 0;

	opterr = 0;	/* our own messages: the program name, not argv[0] */
	while ((ch = getopt_long(argc, argv, ":f:hm:qVv", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "k8s") == 0)
				k8s = 1;
			else if (strcmp(optarg, "json") == 0)
				k8s = 0;
			else
				cli_usage_error("-f: unknown format '%s'", optarg);
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'm':
			autoscale = strcmp(optarg, "autoscale") == 0;
			if ((mode = autoscale ? 0 :
			    model_mode_find(optarg)) < 0)
				cli_usage_error("-m: unknown mode '%s'", optarg);
			break;
		case 'q':
			wc.quiet = 1;
			break;
		case 'V':
			printf("kytos-decode %s\n", VERSION);
			return 0;
		case 'v':
			verbose = 1;
			break;
		default:
			cli_getopt_error(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		cli_usage_error("cluster.json: operand required");
	if (argc > 2)
		cli_usage_error("%s: two operands at most", argv[2]);

	if (io_read_all(argv[0], &buf, &len, &cname, &e) < 0)
		errx(1, "%s", e.msg);
	wc.name = cname;
	if (cluster_load(&c, buf, len, cname, &w, &e) < 0)
		errx(1, "%s", e.msg);
	free(buf);
	if (io_read_all(argc > 1 ? argv[1] : NULL, &buf, &len, &sname,
	    &e) < 0)
		errx(1, "%s", e.msg);
	if (sample_set_read(&s, buf, len, sname, &e) < 0)
		errx(1, "%s", e.msg);
	free(buf);
	/* Without -m the sample's own mode decides, as for plan_options. */
	if (mode < 0 && sample_set_kytos(&s, "mode") != NULL &&
	    strcmp(sample_set_kytos(&s, "mode"), "autoscale") == 0)
		autoscale = 1;
	if (autoscale) {
		ch = autoscale_run(&c, &s, cname, sname, k8s);
		sample_set_release(&s);
		cluster_release(&c);
		return ch;
	}
	if (plan_options(&o, &s, &c, cname, mode, &e) < 0)
		errx(1, "%s: %s", sname, e.msg);
	if (model_build(&m, &c, &o, &w, &e) < 0)
		errx(1, "%s: %s", cname, e.msg);
	if (plan_decode(&pl, &m, &s, &e) < 0)
		errx(1, "%s: %s", sname, e.msg);
	if (verbose)
		fprintf(stderr, "kytos-decode: %s of %d pods: %d moves, "
		    "%d repairs, objective %.17g (before %.17g)\n",
		    model_mode_name(o.mode), m.nmovers, pl.nmoves,
		    pl.nrepairs, pl.ea.total, pl.eb.total);
	out = k8s ? plan_k8s(&pl) : plan_json(&pl);
	cli_write_json(out);
	json_free(out);
	plan_release(&pl);
	model_release(&m);
	sample_set_release(&s);
	cluster_release(&c);
	return 0;
}
