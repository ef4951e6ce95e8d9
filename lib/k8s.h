/*
 * k8s.h: Kubernetes objects as kubectl and the API server print them
 * (List, NodeList, PodList, single Node and Pod objects, in any mix and
 * any number of documents in a row) turned into the kytos cluster JSON of
 * DESIGN section 3.
 *
 * Ownership: k8s_new returns a reader the caller frees with k8s_free; it
 * borrows the options, which must outlive it.  k8s_read copies what it
 * needs from the text.  k8s_cluster returns a new tree the caller frees
 * with json_free.
 */
#ifndef KYTOS_K8S_H
#define KYTOS_K8S_H

#include <stddef.h>

#include "err.h"
#include "json.h"
#include "selector.h"

struct k8s_options {
	/*
	 * Pods that may move: those of these namespaces (none listed: all)
	 * and not of the excluded ones.  The others stay as fixed load
	 * (movable false), since they still use their nodes' capacity.
	 */
	const char **namespaces;
	size_t nnamespaces;
	const char **exclude_namespaces;
	size_t nexclude_namespaces;
	/* Nodes kept: matching select (NULL: all) and none of skip[]. */
	const struct selector *select;
	const struct selector **skip;
	size_t nskip;
	/*
	 * Pods on nodes not in the cluster (unknown or skipped) become
	 * pending pods instead of being left out, unless pinned to their
	 * node (DaemonSet, mirror and static pods).
	 */
	int adopt;
};

void k8s_options_defaults(struct k8s_options *o);

struct k8s;

struct k8s *k8s_new(const struct k8s_options *o);
void k8s_free(struct k8s *k);

/*
 * Read every document of one input; name is used in messages, which read
 * "name: pods/ns/pod: spec.containers[0].resources.requests.cpu: bad
 * quantity '1x'".
 */
int k8s_read(struct k8s *k, const char *text, size_t len, const char *name,
    struct kerr *e);

/*
 * The cluster of everything read: nodes and pods sorted by id.  Pods on
 * nodes not in it are left out (or adopted); these and the other lossy
 * choices (pods without requests, terminal pods, other kinds) are reported
 * through w.
 * Fails when no node is left, or on a duplicate node or pod.
 */
struct json *k8s_cluster(struct k8s *k, const struct kwarn *w,
    struct kerr *e);

#endif
