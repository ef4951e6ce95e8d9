/*
 * test_k8s.c: kytos-state's output is cluster JSON that lib/cluster (what
 * kytos-qubo, kytos-milp and kytos-decode load) accepts, with the numbers
 * worked out by hand from the inputs.  Runs from the top of the tree, with
 * the shared data at ../shared/data.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cluster.h"
#include "io.h"
#include "k8s.h"

#define K8S	"../shared/data/k8s/"
#define TD	"testdata/kytos-state/"

/* Read the files into a cluster through k8s and lib/cluster. */
static int
load(struct cluster *c, const struct k8s_options *o, const char **files)
{
	struct k8s *k = k8s_new(o);
	struct json *root;
	struct kerr e;
	const char *name;
	char *buf, *text;
	size_t len;
	int rc = -1;

	cluster_init(c);
	for (; *files != NULL; files++) {
		if (io_read_all(*files, &buf, &len, &name, &e) == -1 ||
		    k8s_read(k, buf, len, name, &e) == -1) {
			fprintf(stderr, "%s\n", e.msg);
			goto out;
		}
		free(buf);
	}
	if ((root = k8s_cluster(k, NULL, &e)) == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		goto out;
	}
	text = json_print(root, 1);
	json_free(root);
	rc = cluster_load(c, text, strlen(text), "cluster", NULL, &e);
	if (rc == -1)
		fprintf(stderr, "%s\n", e.msg);
	free(text);
out:
	k8s_free(k);
	return rc;
}

static double
req(const struct cluster *c, const char *pod, const char *res)
{
	int p = cluster_pod_find(c, pod), r = cluster_res_find(c, res);

	return p < 0 || r < 0 ? -1 : c->pods[p].req[r];
}

static double
cap(const struct cluster *c, const char *node, const char *res)
{
	int n = cluster_node_find(c, node), r = cluster_res_find(c, res);

	return n < 0 || r < 0 ? -1 : c->nodes[n].cap[r];
}

int
main(void)
{
	const char *honeycomb[] = { K8S "eks-honeycomb-nodes.json",
	    K8S "eks-honeycomb-pods.json", NULL };
	const char *requests[] = { TD "requests.in", NULL };
	const char *cloud[] = { TD "cloudability-nodes.json",
	    K8S "eks-cloudability-pods.json", NULL };
	const char *openshift[] = {
	    K8S "openshift-gcp-nodes/ci-ln-d53y532-f76d1-2btqq-master-0.json",
	    K8S "openshift-gcp-nodes/ci-ln-d53y532-f76d1-2btqq-worker-b-7x8mw"
	    ".json",
	    K8S "openshift-pods/openshift-monitoring__prometheus-k8s-0.json",
	    K8S "openshift-pods/di-288312__data-hub-flow-agent-1a3a7e88888b7f"
	    "e0630189-qcwhm-547b57cc5fvmg8.json",
	    K8S "openshift-pods/openshift-etcd__etcd-master-0.imeixner2021070"
	    "7.lab.upshift.rdu2.redhat.com.json",
	    NULL };
	struct k8s_options o;
	struct cluster c;
	int p;

	k8s_options_defaults(&o);

	/* 31127824Ki = 30398.27 MiB of allocatable, rounded down. */
	CHECK(load(&c, &o, honeycomb) == 0);
	CHECK(c.nnodes == 2 && c.npods == 11);
	CHECK(cap(&c, "duckboat-01", "cpu") == 7910);
	CHECK(cap(&c, "duckboat-01", "mem") == 30398);
	CHECK(cap(&c, "duckboat-02", "pods") == 58);
	CHECK(!c.nodes[0].schedulable && c.nodes[0].alive);
	CHECK(req(&c, "kube-system/calico-node-h2bjp", "cpu") == 250);
	CHECK(req(&c, "kube-system/calico-node-h2bjp", "mem") == 0);
	CHECK(req(&c, "kube-system/calico-node-h2bjp", "pods") == 1);
	p = cluster_pod_find(&c, "kube-system/calico-node-h2bjp");
	CHECK(p >= 0 && !c.pods[p].movable && c.pods[p].priority == 4);
	cluster_release(&c);

	/*
	 * The hand-made fixture: sidecar needs max(500m + 250m + 100m,
	 * 2, 800m + 100m) + 10m of CPU and max(1Gi + 129e6 + 64Mi, 100Mi,
	 * 3Gi + 64Mi) + 1Mi = 3137 MiB of memory.
	 */
	CHECK(load(&c, &o, requests) == 0);
	CHECK(c.nnodes == 2 && c.npods == 8);
	CHECK(req(&c, "ml/sidecar", "cpu") == 2010);
	CHECK(req(&c, "ml/sidecar", "mem") == 3137);
	CHECK(req(&c, "ml/sidecar", "nvidia.com/gpu") == 1);
	/* Pod-level requests replace the containers' sum, not overhead. */
	CHECK(req(&c, "ml/podlevel", "cpu") == 1010);
	CHECK(req(&c, "ml/podlevel", "mem") == 1024);
	CHECK(req(&c, "ml/podlevel", "example.com/foo") == 2);
	CHECK(req(&c, "ml/round", "cpu") == 101);
	CHECK(req(&c, "ml/round", "mem") == 124);
	CHECK(req(&c, "ml/web-5d8f9c7b6d-x2x9z", "example.com/foo") == 1);
	CHECK(cap(&c, "gpu-1", "nvidia.com/gpu") == 2);
	CHECK(cap(&c, "cpu-1", "nvidia.com/gpu") == 0);
	CHECK(cap(&c, "cpu-1", "mem") == 15258);
	p = cluster_pod_find(&c, "ml/web-5d8f9c7b6d-x2x9z");
	CHECK(p >= 0 && c.pods[p].node == -1 && c.pods[p].svc >= 0 &&
	    strcmp(c.services[c.pods[p].svc].name, "ml/web") == 0);
	cluster_release(&c);

	/* Two coredns replicas of one service on one node. */
	CHECK(load(&c, &o, cloud) == 0);
	CHECK(c.nnodes == 2 && c.npods == 6);
	p = cluster_pod_find(&c, "kube-system/coredns-7f5998f4c-5fblt");
	CHECK(p >= 0 && c.pods[p].movable && c.pods[p].svc >= 0 &&
	    c.services[c.pods[p].svc].npods == 2);
	p = cluster_pod_find(&c, "stress-test/stress2");
	CHECK(p >= 0 && !c.pods[p].movable);
	cluster_release(&c);

	/*
	 * Pods of another cluster: left out, or pending with adopt except
	 * the static etcd pod.  prometheus-k8s-0 requests 70m + 6 x 1m and
	 * 1Gi + 10 + 100 + 20 + 20 + 20 + 10 MiB.
	 */
	CHECK(load(&c, &o, openshift) == 0);
	CHECK(c.nnodes == 2 && c.npods == 0);
	cluster_release(&c);
	o.adopt = 1;
	CHECK(load(&c, &o, openshift) == 0);
	CHECK(c.nnodes == 2 && c.npods == 2);
	CHECK(req(&c, "openshift-monitoring/prometheus-k8s-0", "cpu") == 76);
	CHECK(req(&c, "openshift-monitoring/prometheus-k8s-0", "mem") == 1204);
	CHECK(req(&c, "di-288312/data-hub-flow-agent-1a3a7e88888b7fe0630189-"
	    "qcwhm-547b57cc5fvmg8", "mem") == 1056);
	CHECK(cluster_pod_find(&c, "openshift-etcd/etcd-master-0."
	    "imeixner20210707.lab.upshift.rdu2.redhat.com") == -1);
	cluster_release(&c);
	return check_status();
}
