/*
 * caspian-carbon: carbon-intensity CSV or forecast JSON in, the "carbons"
 * array of caspian's input (DESIGN 7) out, resampled to the plan's slots.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carbon.h"
#include "io.h"
#include "json.h"
#include "number.h"

#include "cli.h"

enum { OPT_SLOT_SECONDS = 256, OPT_SLOTS, OPT_START };

struct opts {
	int quiet;
	long slots, slot_seconds;
	const char *start;
	struct carbon_map *map;
	size_t nmap;
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: caspian-carbon [-hqV] [-r REGION=ZONE] "
	    "--start TIME [--slots N]\n"
	    "                      [--slot-seconds SECONDS] FILE ...\n");
}

/* -r REGION=ZONE[,REGION=ZONE...]: arg is split in place. */
static void
opt_map(struct opts *o, char *arg)
{
	char *item, *eq, *next;

	for (item = arg; item != NULL; item = next) {
		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		eq = strchr(item, '=');
		if (eq == NULL || eq == item || eq[1] == '\0')
			cli_usage_error("-r: expected REGION=ZONE, got '%s'",
			    item);
		*eq = '\0';
		o->map = realloc(o->map, (o->nmap + 1) * sizeof(*o->map));
		if (o->map == NULL)
			err(1, NULL);
		o->map[o->nmap].region = item;
		o->map[o->nmap++].zone = eq + 1;
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"quiet", no_argument, NULL, 'q'},
		{"region", required_argument, NULL, 'r'},
		{"slot-seconds", required_argument, NULL, OPT_SLOT_SECONDS},
		{"slots", required_argument, NULL, OPT_SLOTS},
		{"start", required_argument, NULL, OPT_START},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	struct opts o = {0, 24, 3600, NULL, NULL, 0};
	struct kwarn w = {cli_warn, NULL};
	struct carbon_set cs;
	struct json *doc;
	struct kerr e;
	long long start;
	const char *name;
	char *buf;
	size_t len;
	int c, i;

	opterr = 0;	/* our own messages: argv[0] may be a long path */
	while ((c = getopt_long(argc, argv, ":hqr:V", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'q':
			o.quiet = 1;
			break;
		case 'r':
			opt_map(&o, optarg);
			break;
		case 'V':
			printf("caspian-carbon %s\n", VERSION);
			return 0;
		case OPT_SLOT_SECONDS:
			o.slot_seconds = cli_long("--slot-seconds", optarg, 1,
			    31622400);
			break;
		case OPT_SLOTS:
			o.slots = cli_long("--slots", optarg, 1, 1000000);
			break;
		case OPT_START:
			o.start = optarg;
			break;
		default:
			cli_getopt_error(c, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (o.start == NULL) {
		cli_usage_error("--start: missing");
	}
	if (carbon_parse_time(o.start, &start) != 0) {
		cli_usage_error("--start: not an ISO-8601 time '%s'",
		    o.start);
	}
	if (argc == 0) {
		cli_usage_error("no input file");
	}
	if (o.quiet)
		w.fn = NULL;
	carbon_set_init(&cs);
	for (i = 0; i < argc; i++) {
		if (io_read_all(argv[i], &buf, &len, &name, &e) != 0)
			errx(1, "%s", e.msg);
		if (carbon_load(&cs, buf, len, name, &w, &e) != 0)
			errx(1, "%s", e.msg);
		free(buf);
	}
	if ((doc = carbon_json(&cs, o.map, o.nmap, start, o.slot_seconds,
	    (size_t)o.slots, &w, &e)) == NULL)
		errx(1, "%s", e.msg);
	cli_write_json(doc);
	json_free(doc);
	carbon_set_release(&cs);
	free(o.map);
	return 0;
}
