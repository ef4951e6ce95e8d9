/* test_selector.c: label selectors against a fixed set of labels. */
#include <string.h>

#include "check.h"
#include "selector.h"

static const char labels_text[] =
    "{\"node-role.kubernetes.io/master\": \"\","
    " \"topology.kubernetes.io/zone\": \"us-east1-b\","
    " \"kubernetes.io/arch\": \"amd64\"}";

static const struct {
	const char *sel;
	int match;
} cases[] = {
	{ "node-role.kubernetes.io/master", 1 },
	{ "!node-role.kubernetes.io/master", 0 },
	{ "!node-role.kubernetes.io/worker", 1 },
	{ "node-role.kubernetes.io/worker", 0 },
	{ "kubernetes.io/arch=amd64", 1 },
	{ "kubernetes.io/arch==amd64", 1 },
	{ "kubernetes.io/arch = amd64", 1 },
	{ "kubernetes.io/arch=arm64", 0 },
	{ "kubernetes.io/arch!=arm64", 1 },
	{ "kubernetes.io/arch!=amd64", 0 },
	{ "missing!=x", 1 },
	{ "missing=x", 0 },
	{ "node-role.kubernetes.io/master=", 1 },
	{ "topology.kubernetes.io/zone in (us-east1-c, us-east1-b)", 1 },
	{ "topology.kubernetes.io/zone in (us-east1-c)", 0 },
	{ "topology.kubernetes.io/zone notin (us-east1-c,us-east1-d)", 1 },
	{ "topology.kubernetes.io/zone notin (us-east1-b)", 0 },
	{ "missing notin (a)", 1 },
	{ "missing in (a)", 0 },
	{ "kubernetes.io/arch=amd64,node-role.kubernetes.io/master", 1 },
	{ "kubernetes.io/arch=amd64, !node-role.kubernetes.io/master", 0 },
	{ "topology.kubernetes.io/zone in (a,us-east1-b),kubernetes.io/arch",
	    1 },
};

static const char *bad[] = {
	"", ",", "a,", "=x", "a=b=c", "a in x", "a in (x", "a in (x,",
	"a notin", "a b", "a=(", "!", "a==b c",
};

int
main(void)
{
	struct selector *sel;
	struct json *labels;
	struct kerr e;
	size_t i;

	labels = json_parse(labels_text, strlen(labels_text), "labels", &e);
	CHECK(labels != NULL);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sel = selector_new(cases[i].sel, &e);
		if (sel == NULL)
			fprintf(stderr, "%s: %s\n", cases[i].sel, e.msg);
		CHECK(sel != NULL);
		if (sel == NULL)
			continue;
		if (selector_match(sel, labels) != cases[i].match)
			fprintf(stderr, "%s: want %d\n", cases[i].sel,
			    cases[i].match);
		CHECK(selector_match(sel, labels) == cases[i].match);
		/* No labels at all: only negative requirements hold. */
		selector_free(sel);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sel = selector_new(bad[i], &e);
		if (sel != NULL)
			fprintf(stderr, "'%s' parsed\n", bad[i]);
		CHECK(sel == NULL && strncmp(e.msg, "bad selector '", 14) == 0);
		selector_free(sel);
	}
	sel = selector_new("!a,b!=c,d notin (e)", &e);
	CHECK(sel != NULL && selector_match(sel, NULL));
	selector_free(sel);
	sel = selector_new("a", &e);
	CHECK(sel != NULL && !selector_match(sel, NULL));
	selector_free(sel);
	json_free(labels);
	return check_status();
}
