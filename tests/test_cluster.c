/* test_cluster.c: loading cluster JSON, its defaults and its errors. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "cluster.h"

static int
load(struct cluster *c, const char *text, struct kerr *e)
{
	return cluster_load(c, text, strlen(text), "t.json", NULL, e);
}

/* The error message loading text gives, or "" when it loads. */
static const char *
error_of(const char *text)
{
	static struct kerr e;
	struct cluster c;

	if (load(&c, text, &e) == 0) {
		cluster_release(&c);
		return "";
	}
	return e.msg;
}

#define ERR(text, want) do { \
	const char *got_ = error_of(text); \
	CHECK(strcmp(got_, want) == 0); \
	if (strcmp(got_, want) != 0) \
		fprintf(stderr, "  got  '%s'\n  want '%s'\n", got_, want); \
} while (0)

static void
test_full(void)
{
	const char *text =
	    "{\"nodes\": ["
	    "{\"id\": \"n1\", \"cpu_capacity\": 4000, \"mem_capacity\": 8000,"
	    " \"zone\": \"b\", \"extra_capacity\": {\"pods\": 110,"
	    " \"gpu\": 2}, \"images\": [\"nginx\"]},"
	    "{\"id\": \"n0\", \"cpu_capacity\": 2000, \"mem_capacity\": 4000,"
	    " \"zone\": \"a\", \"alive\": false, \"cost\": 3},"
	    "{\"id\": \"n2\", \"cpu_capacity\": 1000, \"mem_capacity\": 1000,"
	    " \"schedulable\": false}],"
	    "\"pods\": ["
	    "{\"id\": \"p1\", \"cpu_request\": 500, \"mem_request\": 100,"
	    " \"current_node\": \"n0\", \"service\": \"web\","
	    " \"priority\": 2, \"image\": \"nginx\","
	    " \"extra_request\": {\"pods\": 1}, \"talks_to\": [\"db\"]},"
	    "{\"id\": \"p2\", \"cpu_request\": 100, \"mem_request\": 50,"
	    " \"service\": \"db\", \"movable\": false, \"move_cost\": 4,"
	    " \"desire\": 7}],"
	    "\"services\": [{\"name\": \"web\", \"replicas\": 3,"
	    " \"autoscale\": true, \"target_rate\": 10}],"
	    "\"latency\": {\"a\": {\"b\": 2.5}}, \"margin\": 0.1,"
	    "\"weights\": {\"anti_affinity\": 20}}";
	struct cluster c;
	struct kerr e;
	char hex[17];
	int gpu, pods;

	CHECK(load(&c, text, &e) == 0);
	CHECK(c.nnodes == 3 && c.npods == 2);
	CHECK(c.nres == 4);
	CHECK(strcmp(c.res[0], "cpu") == 0 && strcmp(c.res[1], "mem") == 0);
	gpu = cluster_res_find(&c, "gpu");
	pods = cluster_res_find(&c, "pods");
	CHECK(gpu == 2 && pods == 3);	/* extras sorted by name */
	CHECK(c.nodes[0].cap[gpu] == 2 && c.nodes[0].cap[pods] == 110);
	CHECK(c.nodes[1].cap[gpu] == 0);	/* no entry: none of it */
	CHECK(c.nodes[1].alive == 0 && c.nodes[1].cost == 3);
	CHECK(c.nodes[0].alive == 1 && c.nodes[0].cost == 1);
	CHECK(c.nodes[2].schedulable == 0);
	CHECK(c.pods[0].node == 1 && c.pods[1].node == -1);
	CHECK(c.pods[0].desire == 3);		/* 1 + priority */
	CHECK(c.pods[1].desire == 7 && c.pods[1].move_cost == 4);
	CHECK(c.pods[0].movable == 1 && c.pods[1].movable == 0);
	CHECK(c.pods[0].req[pods] == 1 && c.pods[1].req[pods] == 0);
	CHECK(cluster_node_has_image(&c, 0, "nginx"));
	CHECK(!cluster_node_has_image(&c, 1, "nginx"));
	/* Services: services[] first, then as pods name them. */
	CHECK(c.nservices == 2);
	CHECK(strcmp(c.services[0].name, "web") == 0);
	CHECK(c.services[0].declared && c.services[0].replicas == 3);
	CHECK(c.services[0].npods == 1 && c.services[0].autoscale);
	CHECK(!c.services[1].declared && c.services[1].replicas == 1);
	CHECK(c.pods[0].ntalks == 1 && c.pods[0].talks_to[0] == 1);
	/* Zones a, b and the unnamed zone of n2. */
	CHECK(c.nzones == 3);
	CHECK(c.nodes[0].zidx == 1 && c.nodes[1].zidx == 0);
	CHECK(c.nodes[2].zidx == 2);
	CHECK(c.lat[0 * 3 + 1] == 2.5 && c.lat[1 * 3 + 0] == 2.5);
	CHECK(c.lat[0 * 3 + 2] == 1 && c.lat[2 * 3 + 2] == 0);
	CHECK(c.margin == 0.1);
	CHECK(c.has_weight[WEIGHT_ANTI_AFFINITY]);
	CHECK(c.weights[WEIGHT_ANTI_AFFINITY] == 20);
	CHECK(!c.has_weight[WEIGHT_LOAD_BALANCE]);
	CHECK(cluster_node_find(&c, "n2") == 2);
	CHECK(cluster_pod_find(&c, "p9") == -1);
	/* FNV-1a of "n1\0n0\0n2\0\0p1\0p2\0", computed independently. */
	cluster_digest_hex(&c, hex);
	CHECK(strlen(hex) == 16);
	CHECK(strcmp(hex, "25bca55f8b603c6f") == 0);
	if (strcmp(hex, "25bca55f8b603c6f") != 0)
		fprintf(stderr, "  digest %s\n", hex);
	cluster_release(&c);
}

static void
test_errors(void)
{
#define N1 "{\"id\": \"n1\", \"cpu_capacity\": 1, \"mem_capacity\": 1}"
	ERR("[]", "t.json: expected an object, got an array");
	ERR("{}", "t.json: nodes: missing");
	ERR("{\"nodes\": []}", "t.json: nodes: empty list");
	ERR("{\"nodes\": [3]}",
	    "t.json: nodes[0]: expected an object, got a number");
	ERR("{\"nodes\": [{\"id\": \"n\", \"cpu_capacity\": 1}]}",
	    "t.json: nodes[0].mem_capacity: missing");
	ERR("{\"nodes\": [{\"id\": \"n\", \"cpu_capacity\": \"1\","
	    " \"mem_capacity\": 1}]}",
	    "t.json: nodes[0].cpu_capacity: expected a number, got a string");
	ERR("{\"nodes\": [{\"id\": \"n\", \"cpu_capacity\": -1,"
	    " \"mem_capacity\": 1}]}",
	    "t.json: nodes[0].cpu_capacity: negative value -1");
	ERR("{\"nodes\": [{\"id\": \"n\", \"cpu_capacity\": 1e999,"
	    " \"mem_capacity\": 1}]}",
	    "t.json: nodes[0].cpu_capacity: not a finite number");
	ERR("{\"nodes\": [{\"id\": \"a b\", \"cpu_capacity\": 1,"
	    " \"mem_capacity\": 1}]}",
	    "t.json: nodes[0].id: white space in 'a b'");
	ERR("{\"nodes\": [" N1 ", " N1 "]}",
	    "t.json: nodes[1].id: duplicate id 'n1' (also nodes[0])");
	ERR("{\"nodes\": [" N1 "], \"pods\": [{\"id\": \"p\","
	    " \"cpu_request\": 1, \"mem_request\": 1,"
	    " \"current_node\": \"node-9\"}]}",
	    "t.json: pods[0].current_node: unknown node 'node-9'");
	ERR("{\"nodes\": [" N1 "], \"pods\": [{\"id\": \"p\","
	    " \"cpu_request\": 1, \"mem_request\": 1},"
	    " {\"id\": \"p\", \"cpu_request\": 1, \"mem_request\": 1}]}",
	    "t.json: pods[1].id: duplicate id 'p' (also pods[0])");
	ERR("{\"nodes\": [" N1 "], \"pods\": [{\"id\": \"p\","
	    " \"cpu_request\": 1, \"mem_request\": 1,"
	    " \"extra_request\": {\"gpu\": -2}}]}",
	    "t.json: pods[0].extra_request.gpu: negative value -2");
	ERR("{\"nodes\": [" N1 "], \"weights\": {\"speed\": 1}}",
	    "t.json: weights.speed: unknown weight");
	ERR("{\"nodes\": [" N1 "], \"margin\": 1}",
	    "t.json: margin: not below 1: 1");
	ERR("{\"nodes\": [" N1 "], \"services\": [{\"name\": \"s\"},"
	    " {\"name\": \"s\"}]}",
	    "t.json: services[1].name: duplicate name 's' (also services[0])");
	ERR("{\"nodes\": [" N1 "], \"services\": [{\"name\": \"s\","
	    " \"replicas\": 1.5}]}",
	    "t.json: services[0].replicas: not an integer: 1.5");
	ERR("{\"nodes\": [" N1 "], \"latency\": {\"a\": {\"b\": true}}}",
	    "t.json: latency.a.b: expected a number, got a boolean");
	ERR("{\"nodes\": [" N1 "], \"pods\": [{\"id\": \"p\","
	    " \"cpu_request\": 1, \"mem_request\": 1, \"talks_to\": [1]}]}",
	    "t.json: pods[0].talks_to[0]: expected a string, got a number");
	ERR("{\"nodes\": [" N1 "]}", "");
#undef N1
}

int
main(void)
{
	test_full();
	test_errors();
	return check_status();
}
