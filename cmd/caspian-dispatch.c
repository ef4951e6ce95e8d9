/*
 * caspian-dispatch: a caspian plan on stdin and the jobs file in, the
 * AppWrappers of the jobs that start at --slot out (DESIGN 8), as one
 * Kubernetes List on stdout or one file per region with -o DIR.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dispatch.h"
#include "io.h"
#include "json.h"
#include "number.h"

#include "cli.h"

enum { OPT_API = 256, OPT_DEFAULTS, OPT_SLOT };

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: caspian-dispatch [-hV] [--api v1beta2|v1beta1] "
	    "[--defaults FILE] [-o DIR]\n"
	    "                        [--slot N] JOBS <PLAN\n");
}

/* Read and parse a whole JSON file; exits on error. */
static struct json *
load(const char *path, const char **name)
{
	struct kerr e;
	struct json *v;
	char *buf;
	size_t len;

	if (io_read_all(path, &buf, &len, name, &e) != 0)
		errx(1, "%s", e.msg);
	if ((v = json_parse(buf, len, *name, &e)) == NULL)
		errx(1, "%s", e.msg);
	free(buf);
	return v;
}

/* One file DIR/REGION.json per region that has jobs starting now. */
static int
write_dir(const char *dir, const struct json *list, struct kerr *e)
{
	struct json *split = dispatch_split(list);
	const struct json *r;
	char *path, *text;
	size_t n;
	int rc = 0;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		json_free(split);
		return kerr_set(e, "%s: %s", dir, strerror(errno));
	}
	for (r = json_first(split); r != NULL && rc == 0; r = json_next(r)) {
		/* Region names are label values: no '/', never "." or "..". */
		n = strlen(dir) + strlen(json_key(r)) + 7;
		if ((path = malloc(n)) == NULL)
			err(1, NULL);
		snprintf(path, n, "%s/%s.json", dir, json_key(r));
		text = json_print(r, 1);
		rc = io_write_file(path, text, strlen(text), e);
		free(text);
		free(path);
	}
	json_free(split);
	return rc;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{"api", required_argument, NULL, OPT_API},
		{"defaults", required_argument, NULL, OPT_DEFAULTS},
		{"help", no_argument, NULL, 'h'},
		{"output-dir", required_argument, NULL, 'o'},
		{"slot", required_argument, NULL, OPT_SLOT},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	struct dispatch_input in;
	struct json *plan, *jobs, *defaults = NULL, *list;
	const char *dir = NULL, *defaults_path = NULL;
	struct kerr e;
	int c;

	memset(&in, 0, sizeof(in));
	in.api = DISPATCH_V1BETA2;
	opterr = 0;	/* our own messages: argv[0] may be a long path */
	while ((c = getopt_long(argc, argv, ":ho:V", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'o':
			dir = optarg;
			break;
		case 'V':
			printf("caspian-dispatch %s\n", VERSION);
			return 0;
		case OPT_API:
			if (strcmp(optarg, "v1beta2") == 0)
				in.api = DISPATCH_V1BETA2;
			else if (strcmp(optarg, "v1beta1") == 0)
				in.api = DISPATCH_V1BETA1;
			else
				cli_usage_error("--api: expected v1beta2 or "
				    "v1beta1, got '%s'", optarg);
			break;
		case OPT_DEFAULTS:
			defaults_path = optarg;
			break;
		case OPT_SLOT:
			in.slot = cli_long("--slot", optarg, 0, 100000000);
			break;
		default:
			cli_getopt_error(c, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		cli_usage_error("%s", argc == 0 ? "no jobs file" :
		    "one jobs file expected");
	jobs = load(argv[0], &in.jobs_name);
	if (defaults_path != NULL)
		defaults = load(defaults_path, &in.defaults_name);
	plan = load(NULL, &in.plan_name);
	in.jobs = jobs;
	in.defaults = defaults;
	in.plan = plan;
	if ((list = dispatch_build(&in, &e)) == NULL)
		errx(1, "%s", e.msg);
	if (dir != NULL) {
		if (write_dir(dir, list, &e) != 0)
			errx(1, "%s", e.msg);
	} else
		cli_write_json(list);
	json_free(list);
	json_free(plan);
	json_free(jobs);
	json_free(defaults);
	return 0;
}
