/*
 * caspian-plan: carbon-aware placement of batch jobs over regions and time
 * slots (DESIGN §7).  Reads the jobs JSON, writes the plan JSON.  Options,
 * I/O and exit codes only; the work is in lib/caspian.c and lib/cplan.c.
 */
#include <err.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian.h"
#include "cplan.h"
#include "io.h"
#include "json.h"
#include "number.h"

#include "cli.h"

enum {
	OPT_CARBONS = 256, OPT_CARBON_DEFAULT, OPT_LP, OPT_MPS, OPT_STRICT
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: caspian-plan [-ehVv] [-g gap] [-t seconds] "
	    "[--carbon-default g]\n"
	    "                    [--carbons file] [--lp file] [--mps file] "
	    "[--strict] [file]\n");
}

static void
progress(void *ctx, double seconds, double incumbent, double bound,
    double gap)
{
	(void)ctx;
	fprintf(stderr, "caspian-plan: %.2fs objective %.6g bound %.6g "
	    "gap %.4f%%\n", seconds, incumbent, bound, 100 * gap);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "carbon-default", required_argument, NULL,
		    OPT_CARBON_DEFAULT },
		{ "carbons", required_argument, NULL, OPT_CARBONS },
		{ "exit-status", no_argument, NULL, 'e' },
		{ "gap", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ "lp", required_argument, NULL, OPT_LP },
		{ "mps", required_argument, NULL, OPT_MPS },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "time-limit", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const int codes[] = { 0, 3, 4, 5, 6 };
	struct cplan_params p;
	struct caspian c;
	struct kerr e;
	struct json *out = NULL;
	enum cplan_status status;
	const char *carbons = NULL, *in = NULL, *name, *cname;
	char *buf = NULL;
	size_t len;
	double dflt = 0;
	int ch, exit_status = 0, has_dflt = 0;

	cplan_params_defaults(&p);
	/* Our own messages: getopt's would name the full path of argv[0]. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":eg:ht:Vv", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'e':
			exit_status = 1;
			break;
		case 'g':
			p.gap = cli_double("-g", optarg, 0, 1);
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 't':
			p.time_limit = cli_double("-t", optarg, 0, 1e9);
			break;
		case 'V':
			printf("caspian-plan %s\n", VERSION);
			return 0;
		case 'v':
			p.progress = progress;
			break;
		case OPT_CARBON_DEFAULT:
			dflt = cli_double("--carbon-default", optarg, 0, 1e9);
			has_dflt = 1;
			break;
		case OPT_CARBONS:
			carbons = optarg;
			break;
		case OPT_LP:
			p.lp_path = optarg;
			break;
		case OPT_MPS:
			p.mps_path = optarg;
			break;
		case OPT_STRICT:
			p.strict = 1;
			break;
		default:
			cli_getopt_error(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		cli_usage_error("%s: one input at most", argv[1]);
	if (argc == 1)
		in = argv[0];
	p.stop = cli_catch_sigint();

	caspian_init(&c);
	if (io_read_all(in, &buf, &len, &name, &e) == -1)
		errx(1, "%s", e.msg);
	if (caspian_load(&c, buf, len, name, &e) == -1)
		errx(1, "%s", e.msg);
	free(buf);
	cname = name;
	if (carbons != NULL) {
		if (io_read_all(carbons, &buf, &len, &cname, &e) == -1)
			errx(1, "%s", e.msg);
		if (caspian_load_carbons(&c, buf, len, cname, &e) == -1)
			errx(1, "%s", e.msg);
		free(buf);
	}
	if (caspian_fill_carbons(&c, has_dflt, dflt, &e) == -1)
		errx(1, "%s: %s", cname, e.msg);
	if (cplan_solve(&c, &p, &out, &status, &e) == -1)
		errx(1, "%s", e.msg);
	cli_write_json(out);
	json_free(out);
	caspian_release(&c);
	return exit_status ? codes[status] : 0;
}
