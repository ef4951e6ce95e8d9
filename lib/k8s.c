/*
 * k8s.c: kubectl's nodes and pods in, kytos cluster JSON out.
 *
 * What the scheduler and the descheduler would see is what we write: a
 * node's allocatable resources (rounded down), a pod's effective request
 * (the scheduler's computePodResourceRequest, rounded up), whether the
 * descheduler could evict the pod.  Out of memory aborts (lib/mem.h), as
 * the JSON builders do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "k8s.h"
#include "mem.h"
#include "number.h"
#include "quantity.h"

#define PATH_MAX_LEN	512
#define EXAMPLES	3	/* pod ids named in a summary warning */

/* Priority buckets: the small scale the models use (see kytos-state(1)). */
#define PRIO_SYSTEM_NODE	2000001000.0	/* system-node-critical */
#define PRIO_SYSTEM_CLUSTER	2000000000.0	/* system-cluster-critical */
#define PRIO_USER_MAX		1000000000.0	/* highest user class */
#define PRIO_HIGH		1000000.0

/* A resource list: cpu, memory and extended resources by name. */
struct res {
	char *name;
	struct quantity q;
};

struct rlist {
	struct res *v;
	size_t n;
};

struct node_rec {
	char *id;
	long long cpu, mem;
	int alive, schedulable;
	char *zone;
	struct json *extra;
	struct json *images;
};

struct pod_rec {
	char *id;
	char *node;		/* spec.nodeName, or NULL: pending */
	long long cpu, mem;
	char *service;
	int priority, movable, norequests;
	int pinned;		/* bound to its node: DaemonSet, mirror pods */
	char *image;
	struct json *extra;
};

struct k8s {
	const struct k8s_options *o;
	struct node_rec *nodes;
	size_t nnodes;
	char **skipped;		/* nodes left out by the selectors */
	size_t nskipped;
	struct pod_rec *pods;
	size_t npods;
	size_t terminal, other;
	unsigned char *ns_seen;	/* the options' namespaces met in pods */
	unsigned char *exns_seen;
};

void
k8s_options_defaults(struct k8s_options *o)
{
	memset(o, 0, sizeof(*o));
}

struct k8s *
k8s_new(const struct k8s_options *o)
{
	struct k8s *k = mem_calloc(1, sizeof(*k));

	k->o = o;
	k->ns_seen = mem_calloc(o->nnamespaces + 1, 1);
	k->exns_seen = mem_calloc(o->nexclude_namespaces + 1, 1);
	return k;
}

static void
node_release(struct node_rec *n)
{
	free(n->id);
	free(n->zone);
	json_free(n->extra);
	json_free(n->images);
}

static void
pod_release(struct pod_rec *p)
{
	free(p->id);
	free(p->node);
	free(p->service);
	free(p->image);
	json_free(p->extra);
}

void
k8s_free(struct k8s *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->nnodes; i++)
		node_release(&k->nodes[i]);
	for (i = 0; i < k->npods; i++)
		pod_release(&k->pods[i]);
	for (i = 0; i < k->nskipped; i++)
		free(k->skipped[i]);
	free(k->nodes);
	free(k->pods);
	free(k->skipped);
	free(k->ns_seen);
	free(k->exns_seen);
	free(k);
}

static struct res *
rlist_get(struct rlist *rl, const char *name)
{
	size_t i;

	for (i = 0; i < rl->n; i++)
		if (strcmp(rl->v[i].name, name) == 0)
			return &rl->v[i];
	rl->v = mem_realloc(rl->v, rl->n + 1, sizeof(*rl->v));
	memset(&rl->v[rl->n], 0, sizeof(rl->v[rl->n]));
	rl->v[rl->n].name = mem_strdup(name);
	return &rl->v[rl->n++];
}

static void
rlist_add(struct rlist *dst, const struct rlist *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		quantity_add(&rlist_get(dst, src->v[i].name)->q,
		    &src->v[i].q);
}

static void
rlist_max(struct rlist *dst, const struct rlist *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		quantity_max(&rlist_get(dst, src->v[i].name)->q,
		    &src->v[i].q);
}

static void
rlist_release(struct rlist *rl)
{
	size_t i;

	for (i = 0; i < rl->n; i++)
		free(rl->v[i].name);
	free(rl->v);
	rl->v = NULL;
	rl->n = 0;
}

/*
 * Extended resources, as Kubernetes defines them: a domain-qualified name
 * outside kubernetes.io ("nvidia.com/gpu"), not a quota "requests." name.
 * Other native resources (ephemeral-storage, hugepages-*) are not modelled.
 */
static int
is_extended(const char *name)
{
	return strchr(name, '/') != NULL &&
	    strstr(name, "kubernetes.io/") == NULL &&
	    strncmp(name, "requests.", 9) != 0;
}

static int
modelled(const char *name)
{
	return strcmp(name, "cpu") == 0 || strcmp(name, "memory") == 0 ||
	    strcmp(name, "pods") == 0 || is_extended(name);
}

/*
 * A quantity value: a string as the API prints it, or a JSON number
 * (which Quantity's JSON decoding also takes).  Negative values are an
 * error: the API server never admits them.
 */
static int
quantity_value(const struct json *v, const char *path, struct quantity *q,
    struct kerr *e)
{
	char buf[32];
	const char *s;

	if (json_type(v) == JSON_NUMBER)
		s = number_format(buf, json_number(v));
	else if (json_type(v) == JSON_STRING)
		s = json_string(v);
	else
		return kerr_set(e, "%s: expected a quantity string, got %s",
		    path, json_type_name(v));
	if (quantity_parse(s, q, e) == -1)
		return kerr_prefix(e, "%s", path);
	if (q->negative)
		return kerr_set(e, "%s: negative quantity '%s'", path, s);
	return 0;
}

static int
quantity_get(const struct quantity *q, const char *path, const char *key,
    enum quantity_unit unit, int round_up, long long *out, struct kerr *e)
{
	if (quantity_to(q, unit, round_up, out, e) == -1)
		return kerr_set(e, "%s.%s: quantity too large", path, key);
	return 0;
}

/*
 * Read a requests-like object (container requests, pod overhead) at path
 * into rl, keeping what the model uses and checking the rest.
 */
static int
requests_read(const struct json *obj, const char *path, struct rlist *rl,
    int *has_cpu, int *has_mem, struct kerr *e)
{
	const struct json *m;
	struct quantity q;
	char p[PATH_MAX_LEN];

	for (m = json_first(obj); m != NULL; m = json_next(m)) {
		snprintf(p, sizeof(p), "%s.%s", path, json_key(m));
		if (quantity_value(m, p, &q, e) == -1)
			return -1;
		if (!modelled(json_key(m)))
			continue;
		quantity_add(&rlist_get(rl, json_key(m))->q, &q);
		*has_cpu |= strcmp(json_key(m), "cpu") == 0;
		*has_mem |= strcmp(json_key(m), "memory") == 0;
	}
	return 0;
}

/* spec.<field>[i].resources.requests of each container into rl[i]. */
static int
containers_read(const struct json *spec, const char *field, int required,
    struct rlist **rls, size_t *n, const struct json **arr, int *has_cpu,
    int *has_mem, struct kerr *e)
{
	const struct json *c, *res, *req;
	char p[PATH_MAX_LEN];
	size_t i;

	*rls = NULL;
	*n = 0;
	if (json_want_array(spec, "spec", field, required, arr, e) == -1)
		return -1;
	if (*arr == NULL)
		return 0;
	*rls = mem_calloc(json_size(*arr) + 1, sizeof(**rls));
	for (c = json_first(*arr), i = 0; c != NULL; c = json_next(c), i++) {
		*n = i + 1;
		snprintf(p, sizeof(p), "spec.%s[%zu]", field, i);
		if (json_type(c) != JSON_OBJECT)
			return kerr_set(e, "%s: expected an object, got %s", p,
			    json_type_name(c));
		if (json_want_object(c, p, "resources", 0, &res, e) == -1)
			return -1;
		if (res == NULL)
			continue;
		snprintf(p, sizeof(p), "spec.%s[%zu].resources", field, i);
		if (json_want_object(res, p, "requests", 0, &req, e) == -1)
			return -1;
		snprintf(p, sizeof(p), "spec.%s[%zu].resources.requests",
		    field, i);
		if (req != NULL && requests_read(req, p, &(*rls)[i], has_cpu,
		    has_mem, e) == -1)
			return -1;
	}
	return 0;
}

static void
rlists_free(struct rlist *rls, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rlist_release(&rls[i]);
	free(rls);
}

/*
 * The scheduler's effective request (PodRequests in k8s.io/component-
 * helpers): the sum of the containers, with restartable (sidecar) init
 * containers added to it; at least what each init container needs beside
 * the sidecars started before it; CPU and memory from spec.resources when
 * the pod sets them there; plus the pod overhead.
 */
static int
pod_requests(const struct json *spec, struct rlist *out, int *has_cpu,
    int *has_mem, struct kerr *e)
{
	const struct json *ctrs, *inits, *ic, *ovh, *pres = NULL, *preq;
	struct rlist *c = NULL, *ini = NULL, side = { 0 }, imax = { 0 };
	struct rlist cand = { 0 }, ovl = { 0 }, pod = { 0 };
	const char *policy;
	char p[64];
	size_t nc = 0, ni = 0, i;
	int rc = -1;

	if (containers_read(spec, "containers", 1, &c, &nc, &ctrs, has_cpu,
	    has_mem, e) == -1 ||
	    containers_read(spec, "initContainers", 0, &ini, &ni, &inits,
	    has_cpu, has_mem, e) == -1)
		goto out;
	for (i = 0; i < nc; i++)
		rlist_add(out, &c[i]);
	for (ic = json_first(inits), i = 0; i < ni; ic = json_next(ic), i++) {
		policy = NULL;
		snprintf(p, sizeof(p), "spec.initContainers[%zu]", i);
		if (json_want_string(ic, p, "restartPolicy", 0, &policy,
		    e) == -1)
			goto out;
		if (policy != NULL && strcmp(policy, "Always") == 0) {
			rlist_add(out, &ini[i]);
			rlist_add(&side, &ini[i]);
			rlist_add(&cand, &side);
		} else {
			rlist_add(&cand, &ini[i]);
			rlist_add(&cand, &side);
		}
		rlist_max(&imax, &cand);
		rlist_release(&cand);
	}
	rlist_max(out, &imax);
	/* Pod-level requests (PodLevelResources) replace the sum. */
	if (json_want_object(spec, "spec", "resources", 0, &pres, e) == -1 ||
	    json_want_object(pres, "spec.resources", "requests", 0, &preq,
	    e) == -1)
		goto out;
	if (preq != NULL) {
		if (requests_read(preq, "spec.resources.requests", &pod,
		    has_cpu, has_mem, e) == -1)
			goto out;
		for (i = 0; i < pod.n; i++)
			if (strcmp(pod.v[i].name, "cpu") == 0 ||
			    strcmp(pod.v[i].name, "memory") == 0)
				rlist_get(out, pod.v[i].name)->q = pod.v[i].q;
	}
	if (json_want_object(spec, "spec", "overhead", 0, &ovh, e) == -1)
		goto out;
	if (ovh != NULL) {
		if (requests_read(ovh, "spec.overhead", &ovl, has_cpu, has_mem,
		    e) == -1)
			goto out;
		rlist_add(out, &ovl);
	}
	rc = 0;
out:
	rlists_free(c, nc);
	rlists_free(ini, ni);
	rlist_release(&side);
	rlist_release(&imax);
	rlist_release(&cand);
	rlist_release(&ovl);
	rlist_release(&pod);
	return rc;
}

static int
strcmp_p(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* qsort and bsearch, which must not see a NULL array even when empty. */
static void
sort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 0)
		qsort(v, n, size, cmp);
}

static void *
find(const void *key, const void *v, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	return n > 0 ? bsearch(key, v, n, size, cmp) : NULL;
}

/*
 * Image names as pod specs usually spell them: kubelet reports
 * "docker.io/library/nginx:1.25" for the "nginx:1.25" of a pod spec.
 */
static const char *
image_short(const char *s)
{
	if (strncmp(s, "docker.io/library/", 18) == 0)
		return s + 18;
	if (strncmp(s, "docker.io/", 10) == 0)
		return s + 10;
	return s;
}

static int
res_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct res *const *)a)->name,
	    (*(const struct res *const *)b)->name);
}

/* Extended resources of rl into obj, sorted by name, after "pods". */
static int
extra_set(struct json *obj, const struct rlist *rl, int round_up,
    const char *path, struct kerr *e)
{
	const struct res **ext = mem_calloc(rl->n + 1, sizeof(*ext));
	long long v;
	size_t i, n = 0;
	int rc = -1;

	for (i = 0; i < rl->n; i++)
		if (is_extended(rl->v[i].name))
			ext[n++] = &rl->v[i];
	sort(ext, n, sizeof(*ext), res_cmp);
	for (i = 0; i < n; i++) {
		if (quantity_get(&ext[i]->q, path, ext[i]->name, QUANTITY_ONE,
		    round_up, &v, e) == -1)
			goto out;
		/* A pod requesting none of a resource needs no entry. */
		if (v != 0 || !round_up)
			json_set_number(obj, ext[i]->name, (double)v);
	}
	rc = 0;
out:
	free(ext);
	return rc;
}

static int
node_images(struct node_rec *n, const struct json *status, struct kerr *e)
{
	const struct json *imgs, *img, *names, *nm;
	const char **all = NULL;
	size_t count = 0, i;
	char p[PATH_MAX_LEN];

	n->images = json_new_array();
	if (json_want_array(status, "status", "images", 0, &imgs, e) == -1)
		return -1;
	for (img = json_first(imgs), i = 0; img != NULL;
	    img = json_next(img), i++) {
		snprintf(p, sizeof(p), "status.images[%zu]", i);
		if (json_want_array(img, p, "names", 0, &names, e) == -1) {
			free(all);
			return -1;
		}
		for (nm = json_first(names); nm != NULL; nm = json_next(nm)) {
			if (json_type(nm) != JSON_STRING)
				continue;
			all = mem_realloc(all, count + 1, sizeof(*all));
			all[count++] = image_short(json_string(nm));
		}
	}
	sort(all, count, sizeof(*all), strcmp_p);
	for (i = 0; i < count; i++)
		if (i == 0 || strcmp(all[i], all[i - 1]) != 0)
			json_push(n->images, json_new_string(all[i]));
	free(all);
	return 0;
}

/* Whether the node takes new pods: not cordoned, no hard taint. */
static int
node_schedulable(const struct json *spec, struct kerr *e)
{
	const struct json *taints, *t;
	const char *effect;
	int unsched = 0;
	size_t i;
	char p[64];

	if (json_want_bool(spec, "spec", "unschedulable", 0, &unsched, e) ==
	    -1 || json_want_array(spec, "spec", "taints", 0, &taints, e) == -1)
		return -1;
	if (unsched)
		return 0;
	for (t = json_first(taints), i = 0; t != NULL; t = json_next(t), i++) {
		effect = NULL;
		snprintf(p, sizeof(p), "spec.taints[%zu]", i);
		if (json_want_string(t, p, "effect", 1, &effect, e) == -1)
			return -1;
		if (strcmp(effect, "NoSchedule") == 0 ||
		    strcmp(effect, "NoExecute") == 0)
			return 0;
	}
	return 1;
}

static int
node_alive(const struct json *status, struct kerr *e)
{
	const struct json *conds, *c;
	const char *type, *st;
	size_t i;
	char p[64];

	if (json_want_array(status, "status", "conditions", 0, &conds, e) ==
	    -1)
		return -1;
	for (c = json_first(conds), i = 0; c != NULL; c = json_next(c), i++) {
		type = st = NULL;
		snprintf(p, sizeof(p), "status.conditions[%zu]", i);
		if (json_want_string(c, p, "type", 1, &type, e) == -1 ||
		    json_want_string(c, p, "status", 1, &st, e) == -1)
			return -1;
		if (strcmp(type, "Ready") == 0)
			return strcmp(st, "True") == 0;
	}
	return 0;
}

static int
node_read(struct k8s *k, const struct json *obj, const char *pos,
    struct kerr *e)
{
	const struct json *meta, *labels = NULL, *spec = NULL, *status;
	const struct json *alloc = NULL, *m;
	const char *name = NULL, *zone = NULL, *field = "allocatable";
	struct node_rec n;
	struct rlist rl = { 0 };
	struct quantity q;
	char p[PATH_MAX_LEN];
	long long pods;
	size_t i;
	int ok;

	if (json_want_object(obj, "", "metadata", 1, &meta, e) == -1 ||
	    json_want_string(meta, "metadata", "name", 1, &name, e) == -1)
		return kerr_prefix(e, "%s", pos);
	memset(&n, 0, sizeof(n));
	if (json_want_object(meta, "metadata", "labels", 0, &labels, e) ==
	    -1)
		goto fail;
	ok = k->o->select == NULL || selector_match(k->o->select, labels);
	for (i = 0; i < k->o->nskip; i++)
		if (selector_match(k->o->skip[i], labels))
			ok = 0;
	if (!ok) {
		k->skipped = mem_realloc(k->skipped, k->nskipped + 1,
		    sizeof(char *));
		k->skipped[k->nskipped++] = mem_strdup(name);
		return 0;
	}
	if (json_want_string(labels, "metadata.labels",
	    "topology.kubernetes.io/zone", 0, &zone, e) == -1)
		goto fail;
	if (zone == NULL && json_want_string(labels, "metadata.labels",
	    "failure-domain.beta.kubernetes.io/zone", 0, &zone, e) == -1)
		goto fail;
	if (json_want_object(obj, "", "spec", 0, &spec, e) == -1 ||
	    json_want_object(obj, "", "status", 1, &status, e) == -1 ||
	    json_want_object(status, "status", "allocatable", 0, &alloc, e) ==
	    -1)
		goto fail;
	/* Kubernetes takes allocatable to be the capacity when unset. */
	if (alloc == NULL) {
		field = "capacity";
		if (json_want_object(status, "status", "capacity", 0, &alloc,
		    e) == -1)
			goto fail;
		if (alloc == NULL) {
			kerr_set(e, "status.allocatable: missing");
			goto fail;
		}
	}
	for (m = json_first(alloc); m != NULL; m = json_next(m)) {
		snprintf(p, sizeof(p), "status.%s.%s", field, json_key(m));
		if (quantity_value(m, p, &q, e) == -1)
			goto fail;
		if (modelled(json_key(m)))
			rlist_get(&rl, json_key(m))->q = q;
	}
	snprintf(p, sizeof(p), "status.%s", field);
	if (json_get(alloc, "cpu") == NULL ||
	    json_get(alloc, "memory") == NULL) {
		kerr_set(e, "%s.%s: missing", p,
		    json_get(alloc, "cpu") == NULL ? "cpu" : "memory");
		goto fail;
	}
	n.extra = json_new_object();
	if (quantity_get(&rlist_get(&rl, "cpu")->q, p, "cpu", QUANTITY_MILLI,
	    0, &n.cpu, e) == -1 ||
	    quantity_get(&rlist_get(&rl, "memory")->q, p, "memory",
	    QUANTITY_MEBI, 0, &n.mem, e) == -1)
		goto fail;
	if (json_get(alloc, "pods") != NULL) {
		if (quantity_get(&rlist_get(&rl, "pods")->q, p, "pods",
		    QUANTITY_ONE, 0, &pods, e) == -1)
			goto fail;
		json_set_number(n.extra, "pods", (double)pods);
	}
	if (extra_set(n.extra, &rl, 0, p, e) == -1)
		goto fail;
	if ((n.alive = node_alive(status, e)) == -1 ||
	    (n.schedulable = node_schedulable(spec, e)) == -1 ||
	    node_images(&n, status, e) == -1)
		goto fail;
	n.id = mem_strdup(name);
	n.zone = zone != NULL ? mem_strdup(zone) : NULL;
	k->nodes = mem_realloc(k->nodes, k->nnodes + 1, sizeof(n));
	k->nodes[k->nnodes++] = n;
	rlist_release(&rl);
	return 0;
fail:
	rlist_release(&rl);
	node_release(&n);
	return kerr_prefix(e, "nodes/%s", name);
}

/* Kubernetes priorities on the model's scale: 0 (none) to 4. */
static int
priority_bucket(double p)
{
	if (p >= PRIO_SYSTEM_NODE)
		return 4;
	if (p > PRIO_USER_MAX)
		return 3;
	if (p >= PRIO_HIGH)
		return 2;
	if (p >= 1)
		return 1;
	return 0;
}

/* Whether s is in list; seen[i] records that list[i] was met. */
static int
listed(const char *s, const char **list, size_t n, unsigned char *seen)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0) {
			seen[i] = 1;
			return 1;
		}
	return 0;
}

/*
 * The controlling owner gives the service; its kind and the pod's
 * annotations say whether the descheduler may evict the pod: not a
 * DaemonSet's, a mirror or static pod, or one without owners.
 */
static int
pod_owner(struct pod_rec *pr, const struct json *meta, const char *ns,
    struct kerr *e)
{
	const struct json *owners, *o, *ann, *labels;
	const char *kind, *name, *hash = NULL, *mirror = NULL, *src = NULL;
	char p[64];
	size_t i, len, hl;
	int ctl;

	if (json_want_array(meta, "metadata", "ownerReferences", 0, &owners,
	    e) == -1 ||
	    json_want_object(meta, "metadata", "annotations", 0, &ann, e) ==
	    -1 ||
	    json_want_object(meta, "metadata", "labels", 0, &labels, e) == -1)
		return -1;
	if (json_want_string(ann, "metadata.annotations",
	    "kubernetes.io/config.mirror", 0, &mirror, e) == -1 ||
	    json_want_string(ann, "metadata.annotations",
	    "kubernetes.io/config.source", 0, &src, e) == -1 ||
	    json_want_string(labels, "metadata.labels", "pod-template-hash", 0,
	    &hash, e) == -1)
		return -1;
	pr->pinned = mirror != NULL || (src != NULL && strcmp(src, "api") != 0);
	pr->movable = json_size(owners) > 0 && !pr->pinned;
	for (o = json_first(owners), i = 0; o != NULL; o = json_next(o), i++) {
		snprintf(p, sizeof(p), "metadata.ownerReferences[%zu]", i);
		ctl = 0;
		if (json_want_string(o, p, "kind", 1, &kind, e) == -1 ||
		    json_want_string(o, p, "name", 1, &name, e) == -1 ||
		    json_want_bool(o, p, "controller", 0, &ctl, e) == -1)
			return -1;
		if (strcmp(kind, "DaemonSet") == 0)
			pr->pinned = 1, pr->movable = 0;
		if (!ctl || pr->service != NULL || strcmp(kind, "Node") == 0)
			continue;
		/* A Deployment's ReplicaSet is "<deployment>-<hash>". */
		len = strlen(name);
		if (strcmp(kind, "ReplicaSet") == 0 && hash != NULL &&
		    (hl = strlen(hash)) + 1 < len &&
		    name[len - hl - 1] == '-' &&
		    strcmp(name + len - hl, hash) == 0)
			len -= hl + 1;
		pr->service = mem_calloc(strlen(ns) + len + 2, 1);
		sprintf(pr->service, "%s/%.*s", ns, (int)len, name);
	}
	return 0;
}

static int
pod_read(struct k8s *k, const struct json *obj, const char *pos,
    struct kerr *e)
{
	const struct json *meta, *spec, *status = NULL, *c0;
	const char *name = NULL, *ns = "default", *phase = NULL;
	const char *node = NULL, *image = NULL, *pclass = NULL;
	struct pod_rec pr;
	struct rlist rl = { 0 };
	double prio = 0;
	int has_cpu = 0, has_mem = 0, in_ns, out_ns;

	if (json_want_object(obj, "", "metadata", 1, &meta, e) == -1 ||
	    json_want_string(meta, "metadata", "name", 1, &name, e) == -1 ||
	    json_want_string(meta, "metadata", "namespace", 0, &ns, e) == -1)
		return kerr_prefix(e, "%s", pos);
	memset(&pr, 0, sizeof(pr));
	pr.id = mem_calloc(strlen(ns) + strlen(name) + 2, 1);
	sprintf(pr.id, "%s/%s", ns, name);
	if (json_want_object(obj, "", "status", 0, &status, e) == -1 ||
	    json_want_string(status, "status", "phase", 0, &phase, e) == -1)
		goto fail;
	/* Finished pods hold no resources. */
	if (phase != NULL && (strcmp(phase, "Succeeded") == 0 ||
	    strcmp(phase, "Failed") == 0)) {
		k->terminal++;
		pod_release(&pr);
		return 0;
	}
	if (json_want_object(obj, "", "spec", 1, &spec, e) == -1 ||
	    json_want_string(spec, "spec", "nodeName", 0, &node, e) == -1 ||
	    json_want_number(spec, "spec", "priority", 0, &prio, e) == -1 ||
	    json_want_string(spec, "spec", "priorityClassName", 0, &pclass,
	    e) == -1 ||
	    pod_requests(spec, &rl, &has_cpu, &has_mem, e) == -1)
		goto fail;
	/* Admission fills spec.priority; objects written by hand may not. */
	if (json_get(spec, "priority") == NULL && pclass != NULL) {
		if (strcmp(pclass, "system-node-critical") == 0)
			prio = PRIO_SYSTEM_NODE;
		else if (strcmp(pclass, "system-cluster-critical") == 0)
			prio = PRIO_SYSTEM_CLUSTER;
	}
	pr.priority = priority_bucket(prio);
	pr.norequests = !has_cpu || !has_mem;
	if (quantity_get(&rlist_get(&rl, "cpu")->q, "requests", "cpu",
	    QUANTITY_MILLI, 1, &pr.cpu, e) == -1 ||
	    quantity_get(&rlist_get(&rl, "memory")->q, "requests", "memory",
	    QUANTITY_MEBI, 1, &pr.mem, e) == -1)
		goto fail;
	pr.extra = json_new_object();
	json_set_number(pr.extra, "pods", 1);
	if (extra_set(pr.extra, &rl, 1, "requests", e) == -1)
		goto fail;
	if (pod_owner(&pr, meta, ns, e) == -1)
		goto fail;
	in_ns = listed(ns, k->o->namespaces, k->o->nnamespaces, k->ns_seen);
	out_ns = listed(ns, k->o->exclude_namespaces, k->o->nexclude_namespaces,
	    k->exns_seen);
	if ((k->o->nnamespaces > 0 && !in_ns) || out_ns)
		pr.movable = 0;
	c0 = json_first(json_get(spec, "containers"));
	if (json_want_string(c0, "spec.containers[0]", "image", 0, &image,
	    e) == -1)
		goto fail;
	if (image != NULL)
		pr.image = mem_strdup(image_short(image));
	if (node != NULL && *node != '\0')
		pr.node = mem_strdup(node);
	k->pods = mem_realloc(k->pods, k->npods + 1, sizeof(pr));
	k->pods[k->npods++] = pr;
	rlist_release(&rl);
	return 0;
fail:
	rlist_release(&rl);
	kerr_prefix(e, "pods/%s", pr.id);
	pod_release(&pr);
	return -1;
}

/* Objects without a kind (insights archives strip it): by their shape. */
static const char *
sniff(const struct json *obj)
{
	const struct json *spec = json_get(obj, "spec");
	const struct json *status = json_get(obj, "status");

	if (json_type(json_get(obj, "items")) == JSON_ARRAY)
		return "List";
	if (json_get(spec, "containers") != NULL)
		return "Pod";
	if (json_get(status, "nodeInfo") != NULL ||
	    json_get(status, "allocatable") != NULL ||
	    json_get(status, "capacity") != NULL)
		return "Node";
	return NULL;
}

static int
object_read(struct k8s *k, const struct json *obj, const char *pos,
    const char *implied, struct kerr *e)
{
	const struct json *items, *it;
	const char *kind = NULL;
	char ipos[64], item_kind[64];
	size_t i, len;

	if (json_type(obj) != JSON_OBJECT)
		return kerr_set(e, "%s: expected an object, got %s", pos,
		    json_type_name(obj));
	if (json_want_string(obj, pos, "kind", 0, &kind, e) == -1)
		return -1;
	if (kind == NULL)
		kind = implied;
	if (kind == NULL && (kind = sniff(obj)) == NULL)
		return kerr_set(e, "%s: no kind, and not a Node, a Pod or a "
		    "List", pos);
	if (strcmp(kind, "Node") == 0)
		return node_read(k, obj, pos, e);
	if (strcmp(kind, "Pod") == 0)
		return pod_read(k, obj, pos, e);
	len = strlen(kind);
	if (len < 4 || strcmp(kind + len - 4, "List") != 0 ||
	    json_get(obj, "items") == NULL) {
		k->other++;
		return 0;
	}
	/* A NodeList's items have no kind of their own; a List's do. */
	snprintf(item_kind, sizeof(item_kind), "%.*s", (int)(len - 4), kind);
	if (json_want_array(obj, pos, "items", 1, &items, e) == -1)
		return -1;
	for (it = json_first(items), i = 0; it != NULL;
	    it = json_next(it), i++) {
		snprintf(ipos, sizeof(ipos), "items[%zu]", i);
		if (object_read(k, it, ipos,
		    item_kind[0] != '\0' ? item_kind : NULL, e) == -1)
			return -1;
	}
	return 0;
}

int
k8s_read(struct k8s *k, const char *text, size_t len, const char *name,
    struct kerr *e)
{
	struct json *doc;
	size_t pos = 0, ndoc = 0;
	char where[64];
	int rc;

	for (;;) {
		doc = json_parse_next(text, len, &pos, name, e);
		if (doc == NULL) {
			if (e->msg[0] != '\0')
				return -1;
			break;
		}
		snprintf(where, sizeof(where), "document %zu", ++ndoc);
		rc = object_read(k, doc, where, NULL, e);
		json_free(doc);
		if (rc == -1)
			return kerr_prefix(e, "%s", name);
	}
	if (ndoc == 0)
		return kerr_set(e, "%s: empty input", name);
	return 0;
}

static int
node_cmp(const void *a, const void *b)
{
	return strcmp(((const struct node_rec *)a)->id,
	    ((const struct node_rec *)b)->id);
}

static int
pod_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pod_rec *)a)->id,
	    ((const struct pod_rec *)b)->id);
}

/* "N pods <what>: a, b, c, ..." naming the first pods of a list. */
static void
warn_pods(const struct kwarn *w, const char *what, char **ids, size_t n)
{
	char buf[KERR_MAX];
	size_t i, len;

	if (n == 0)
		return;
	len = (size_t)snprintf(buf, sizeof(buf), "%zu pod%s %s: ", n,
	    n == 1 ? "" : "s", what);
	for (i = 0; i < n && i < EXAMPLES && len < sizeof(buf); i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    i > 0 ? ", " : "", ids[i]);
	if (n > EXAMPLES && len < sizeof(buf))
		snprintf(buf + len, sizeof(buf) - len, ", ...");
	kwarn(w, "%s", buf);
}

static struct json *
node_json(const struct node_rec *n)
{
	struct json *o = json_new_object();

	json_set_string(o, "id", n->id);
	json_set_number(o, "cpu_capacity", (double)n->cpu);
	json_set_number(o, "mem_capacity", (double)n->mem);
	if (n->zone != NULL)
		json_set_string(o, "zone", n->zone);
	json_set_bool(o, "alive", n->alive);
	json_set_bool(o, "schedulable", n->schedulable);
	json_set(o, "extra_capacity", json_dup(n->extra));
	json_set(o, "images", json_dup(n->images));
	return o;
}

static struct json *
pod_json(const struct pod_rec *p)
{
	struct json *o = json_new_object();

	json_set_string(o, "id", p->id);
	json_set_number(o, "cpu_request", (double)p->cpu);
	json_set_number(o, "mem_request", (double)p->mem);
	if (p->node != NULL)
		json_set_string(o, "current_node", p->node);
	if (p->service != NULL)
		json_set_string(o, "service", p->service);
	json_set_number(o, "priority", p->priority);
	json_set_bool(o, "movable", p->movable);
	if (p->image != NULL)
		json_set_string(o, "image", p->image);
	json_set(o, "extra_request", json_dup(p->extra));
	return o;
}

struct json *
k8s_cluster(struct k8s *k, const struct kwarn *w, struct kerr *e)
{
	struct json *root, *nodes, *pods;
	struct node_rec key;
	char **unknown, **excluded, **noreq, **adopted;
	size_t i, nu = 0, nx = 0, nr = 0, na = 0;
	int bound;

	if (k->nnodes == 0)
		return kerr_set(e, k->nskipped > 0 ? "no nodes match the "
		    "node selectors" : "no nodes in input"), NULL;
	sort(k->nodes, k->nnodes, sizeof(*k->nodes), node_cmp);
	sort(k->pods, k->npods, sizeof(*k->pods), pod_cmp);
	sort(k->skipped, k->nskipped, sizeof(*k->skipped), strcmp_p);
	for (i = 1; i < k->nnodes; i++)
		if (strcmp(k->nodes[i].id, k->nodes[i - 1].id) == 0)
			return kerr_set(e, "nodes/%s: duplicate node",
			    k->nodes[i].id), NULL;
	for (i = 1; i < k->npods; i++)
		if (strcmp(k->pods[i].id, k->pods[i - 1].id) == 0)
			return kerr_set(e, "pods/%s: duplicate pod",
			    k->pods[i].id), NULL;
	unknown = mem_calloc(k->npods + 1, sizeof(char *));
	excluded = mem_calloc(k->npods + 1, sizeof(char *));
	noreq = mem_calloc(k->npods + 1, sizeof(char *));
	adopted = mem_calloc(k->npods + 1, sizeof(char *));
	root = json_new_object();
	nodes = json_set(root, "nodes", json_new_array());
	pods = json_set(root, "pods", json_new_array());
	for (i = 0; i < k->nnodes; i++)
		json_push(nodes, node_json(&k->nodes[i]));
	for (i = 0; i < k->npods; i++) {
		key.id = k->pods[i].node;
		bound = key.id == NULL || find(&key, k->nodes, k->nnodes,
		    sizeof(key), node_cmp) != NULL;
		if (!bound && k->o->adopt && !k->pods[i].pinned) {
			free(k->pods[i].node);
			k->pods[i].node = NULL;
			adopted[na++] = k->pods[i].id;
		} else if (!bound) {
			if (find(&key.id, k->skipped, k->nskipped,
			    sizeof(char *), strcmp_p) != NULL)
				excluded[nx++] = k->pods[i].id;
			else
				unknown[nu++] = k->pods[i].id;
			continue;
		}
		if (k->pods[i].norequests)
			noreq[nr++] = k->pods[i].id;
		json_push(pods, pod_json(&k->pods[i]));
	}
	/* A namespace no pod has is likely a typo. */
	for (i = 0; i < k->o->nnamespaces; i++)
		if (!k->ns_seen[i])
			kwarn(w, "-n: no pod in namespace '%s'",
			    k->o->namespaces[i]);
	for (i = 0; i < k->o->nexclude_namespaces; i++)
		if (!k->exns_seen[i])
			kwarn(w, "--exclude-namespace: no pod in namespace "
			    "'%s'", k->o->exclude_namespaces[i]);
	if (k->terminal > 0)
		kwarn(w, "skipped %zu finished pod%s (Succeeded or Failed)",
		    k->terminal, k->terminal == 1 ? "" : "s");
	if (k->other > 0)
		kwarn(w, "ignored %zu object%s neither node nor pod",
		    k->other, k->other == 1 ? "" : "s");
	warn_pods(w, "on nodes not in the input left out", unknown, nu);
	warn_pods(w, "on nodes excluded by the selectors left out",
	    excluded, nx);
	warn_pods(w, "on nodes not in the cluster adopted as pending",
	    adopted, na);
	warn_pods(w, "without a cpu or memory request (counted as 0)",
	    noreq, nr);
	free(unknown);
	free(excluded);
	free(noreq);
	free(adopted);
	return root;
}
