/*
 * kytos-state: what `kubectl get nodes,pods -A -o json` prints, turned
 * into the kytos cluster JSON.  Options, I/O and exit codes only; the
 * work is in lib/k8s.c.
 */
#include <err.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "json.h"
#include "k8s.h"
#include "selector.h"

#include "cli.h"

#define MAX_NS	256

enum {
	OPT_ADOPT = 256,
	OPT_EXCLUDE_NAMESPACE,
	OPT_EXCLUDE_NODES
};

static const struct option longopts[] = {
	{ "adopt",		no_argument,	   NULL, OPT_ADOPT },
	{ "exclude-namespace",	required_argument, NULL,
	    OPT_EXCLUDE_NAMESPACE },
	{ "exclude-nodes",	required_argument, NULL, OPT_EXCLUDE_NODES },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "namespace",		required_argument, NULL, 'n' },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "selector",		required_argument, NULL, 'l' },
	{ "version",		no_argument,	   NULL, 'V' },
	{ NULL,			0,		   NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kytos-state [-hqV] [--adopt] [-l selector] [-n namespace]\n"
	    "                   [--exclude-namespace namespace]"
	    " [--exclude-nodes selector]\n"
	    "                   [file ...]\n");
}

/* Selectors given twice are joined: all their requirements must hold. */
static char *
join(char *old, const char *add)
{
	char *s;

	if (old == NULL)
		s = strdup(add);
	else if ((s = malloc(strlen(old) + strlen(add) + 2)) != NULL)
		sprintf(s, "%s,%s", old, add);
	if (s == NULL)
		err(1, NULL);
	free(old);
	return s;
}

int
main(int argc, char *argv[])
{
	const char *ns[MAX_NS], *exns[MAX_NS], *skip[MAX_NS], *name;
	const struct selector *skipsel[MAX_NS];
	char *select = NULL, *buf;
	struct selector *sel = NULL;
	struct k8s_options o;
	struct kwarn w = { cli_warn, NULL };
	struct k8s *k;
	struct json *cluster;
	struct kerr e;
	size_t nns = 0, nexns = 0, nskip = 0, len, j;
	int c, i;

	k8s_options_defaults(&o);
	opterr = 0;	/* our own messages: the program name, not argv[0] */
	while ((c = getopt_long(argc, argv, ":hl:n:qV", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'l':
			select = join(select, optarg);
			break;
		case 'n':
			if (nns == MAX_NS)
				cli_usage_error("-n: more than %d namespaces",
				    MAX_NS);
			ns[nns++] = optarg;
			break;
		case 'q':
			w.fn = NULL;
			break;
		case 'V':
			printf("kytos-state %s\n", VERSION);
			return 0;
		case OPT_ADOPT:
			o.adopt = 1;
			break;
		case OPT_EXCLUDE_NAMESPACE:
			if (nexns == MAX_NS)
				cli_usage_error("--exclude-namespace: more than %d "
				    "namespaces", MAX_NS);
			exns[nexns++] = optarg;
			break;
		case OPT_EXCLUDE_NODES:
			if (nskip == MAX_NS)
				cli_usage_error("--exclude-nodes: more than %d "
				    "selectors", MAX_NS);
			skip[nskip++] = optarg;
			break;
		default:
			cli_getopt_error(c, argv);
		}
	}
	argc -= optind;
	argv += optind;

	if (select != NULL && (sel = selector_new(select, &e)) == NULL)
		cli_usage_error("-l: %s", e.msg);
	for (j = 0; j < nskip; j++)
		if ((skipsel[j] = selector_new(skip[j], &e)) == NULL)
			cli_usage_error("--exclude-nodes: %s", e.msg);
	o.namespaces = ns;
	o.nnamespaces = nns;
	o.exclude_namespaces = exns;
	o.nexclude_namespaces = nexns;
	o.select = sel;
	o.skip = skipsel;
	o.nskip = nskip;

	k = k8s_new(&o);
	for (i = 0; i == 0 || i < argc; i++) {
		if (io_read_all(argc > 0 ? argv[i] : "-", &buf, &len, &name,
		    &e) == -1)
			errx(1, "%s", e.msg);
		if (k8s_read(k, buf, len, name, &e) == -1)
			errx(1, "%s", e.msg);
		free(buf);
	}
	if ((cluster = k8s_cluster(k, &w, &e)) == NULL)
		errx(1, "%s", e.msg);
	cli_write_json(cluster);
	json_free(cluster);
	k8s_free(k);
	selector_free(sel);
	for (j = 0; j < nskip; j++)
		selector_free((struct selector *)skipsel[j]);
	free(select);
	return 0;
}
