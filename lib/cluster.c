/*
 * cluster.c: load and validate cluster JSON (DESIGN section 3) into the
 * indexed struct cluster of cluster.h.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "json.h"
#include "mem.h"
#include "number.h"

static const char *const weight_names[WEIGHT_COUNT] = {
	"load_balance", "move_cost", "anti_affinity", "desire", "latency",
	"startup", "cost"
};

/* Number checks, as flags for want_num. */
enum { NUM_NONNEG = 1, NUM_INT = 2, NUM_POS = 4 };

/* A string sorted with its index, for duplicate and lookup checks. */
struct ent {
	const char *s;
	int i;
};

void
cluster_init(struct cluster *c)
{
	memset(c, 0, sizeof(*c));
}

void
cluster_release(struct cluster *c)
{
	size_t k;
	int i;

	for (i = 0; i < c->nnodes; i++) {
		free(c->nodes[i].cap);
		free(c->nodes[i].images);
	}
	for (i = 0; i < c->npods; i++) {
		free(c->pods[i].req);
		free(c->pods[i].talks_to);
	}
	free(c->nodes);
	free(c->pods);
	free(c->services);
	free(c->res);
	free(c->zones);
	free(c->lat);
	for (k = 0; k < c->nstrs; k++)
		free(c->strs[k]);
	free(c->strs);
	cluster_init(c);
}

/* Keep a copy of s in the cluster's storage. */
static const char *
keep(struct cluster *c, const char *s)
{
	c->strs = mem_realloc(c->strs, c->nstrs + 1, sizeof(*c->strs));
	c->strs[c->nstrs] = mem_strdup(s);
	return c->strs[c->nstrs++];
}

static int
want_num(const struct json *obj, const char *where, const char *key,
    int required, int flags, double *out, struct kerr *e)
{
	double v = *out;
	const char *dot = *where != '\0' ? "." : "";
	char buf[32];

	if (json_want_number(obj, where, key, required, &v, e) < 0)
		return -1;
	if (json_get(obj, key) == NULL ||
	    json_type(json_get(obj, key)) == JSON_NULL)
		return 0;
	if (!isfinite(v))
		return kerr_set(e, "%s%s%s: not a finite number", where, dot,
		    key);
	/* Far beyond any cluster, and squares must stay finite. */
	if (fabs(v) > 1e15)
		return kerr_set(e, "%s%s%s: too large: %s", where, dot, key,
		    number_format(buf, v));
	if ((flags & NUM_NONNEG) && v < 0)
		return kerr_set(e, "%s%s%s: negative value %s", where, dot, key,
		    number_format(buf, v));
	if ((flags & NUM_POS) && v <= 0)
		return kerr_set(e, "%s%s%s: not positive: %s", where, dot, key,
		    number_format(buf, v));
	if ((flags & NUM_INT) && v != floor(v))
		return kerr_set(e, "%s%s%s: not an integer: %s", where, dot,
		    key, number_format(buf, v));
	*out = v;
	return 0;
}

/* Ids name QUBO variables ("place <pod> <node>"): one word, not empty. */
static int
want_id(const struct json *obj, const char *where, const char *key,
    const char **out, struct kerr *e)
{
	const char *s = NULL, *p;

	if (json_want_string(obj, where, key, 1, &s, e) < 0)
		return -1;
	if (*s == '\0')
		return kerr_set(e, "%s.%s: empty", where, key);
	for (p = s; *p != '\0'; p++)
		if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p))
			return kerr_set(e, "%s.%s: white space in '%s'",
			    where, key, s);
	*out = s;
	return 0;
}

static int
want_elem_object(const struct json *v, const char *where, struct kerr *e)
{
	if (json_type(v) != JSON_OBJECT)
		return kerr_set(e, "%s: expected an object, got %s", where,
		    json_type_name(v));
	return 0;
}

static int
cmp_ent(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	int r = strcmp(x->s, y->s);

	if (r != 0)
		return r;
	return (x->i > y->i) - (x->i < y->i);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Index of s in a sorted ent array, or -1. */
static int
ent_find(const struct ent *v, int n, const char *s)
{
	int lo = 0, hi = n - 1, mid, r;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		r = strcmp(v[mid].s, s);
		if (r == 0) {
			while (mid > 0 && strcmp(v[mid - 1].s, s) == 0)
				mid--;
			return v[mid].i;
		}
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Add name to a sorted-later list of distinct names. */
static void
name_add(const char ***v, int *n, const char *s)
{
	int k;

	for (k = 0; k < *n; k++)
		if (strcmp((*v)[k], s) == 0)
			return;
	*v = mem_realloc(*v, (size_t)*n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

static int
index_of(const char *const *v, int n, const char *s)
{
	int k;

	for (k = 0; k < n; k++)
		if (strcmp(v[k], s) == 0)
			return k;
	return -1;
}

/* Collect extra resource names from one extra_capacity/extra_request. */
static int
collect_res(struct cluster *c, const struct json *obj, const char *where,
    const char *key, struct kerr *e)
{
	const struct json *x = NULL, *m;

	if (json_want_object(obj, where, key, 0, &x, e) < 0)
		return -1;
	if (x == NULL)
		return 0;
	for (m = json_first(x); m != NULL; m = json_next(m)) {
		if (strcmp(json_key(m), "cpu") == 0 ||
		    strcmp(json_key(m), "mem") == 0)
			return kerr_set(e, "%s.%s.%s: given as %s_%s", where,
			    key, json_key(m), json_key(m),
			    strcmp(key, "extra_capacity") == 0 ? "capacity" :
			    "request");
		if (index_of(c->res, c->nres, json_key(m)) < 0)
			name_add(&c->res, &c->nres, keep(c, json_key(m)));
	}
	return 0;
}

/* Fill v[2..] from an extra_capacity/extra_request object. */
static int
load_extra(const struct cluster *c, const struct json *obj,
    const char *where, const char *key, double *v, struct kerr *e)
{
	const struct json *x = NULL, *m;
	char w[256];
	int r;

	if (json_want_object(obj, where, key, 0, &x, e) < 0)
		return -1;
	if (x == NULL)
		return 0;
	snprintf(w, sizeof(w), "%s.%s", where, key);
	for (m = json_first(x); m != NULL; m = json_next(m)) {
		r = index_of(c->res, c->nres, json_key(m));
		if (want_num(x, w, json_key(m), 1, NUM_NONNEG, &v[r], e) < 0)
			return -1;
	}
	return 0;
}

static int
load_node(struct cluster *c, const struct json *v, int i, struct kerr *e)
{
	struct cluster_node *n = &c->nodes[i];
	const struct json *imgs = NULL, *x;
	const char *s;
	char where[64], w2[96];
	size_t k;

	snprintf(where, sizeof(where), "nodes[%d]", i);
	n->cost = 1;
	n->alive = 1;
	n->schedulable = 1;
	n->zone = NULL;
	n->cap = mem_calloc((size_t)c->nres, sizeof(double));
	if (want_id(v, where, "id", &s, e) < 0)
		return -1;
	n->id = keep(c, s);
	if (want_num(v, where, "cpu_capacity", 1, NUM_NONNEG,
	    &n->cap[CLUSTER_CPU], e) < 0 ||
	    want_num(v, where, "mem_capacity", 1, NUM_NONNEG,
	    &n->cap[CLUSTER_MEM], e) < 0 ||
	    want_num(v, where, "cost", 0, NUM_NONNEG, &n->cost, e) < 0 ||
	    json_want_bool(v, where, "alive", 0, &n->alive, e) < 0 ||
	    json_want_bool(v, where, "schedulable", 0, &n->schedulable,
	    e) < 0 ||
	    load_extra(c, v, where, "extra_capacity", n->cap, e) < 0)
		return -1;
	s = NULL;
	if (json_want_string(v, where, "zone", 0, &s, e) < 0)
		return -1;
	if (s != NULL && *s != '\0')
		n->zone = keep(c, s);
	if (json_want_array(v, where, "images", 0, &imgs, e) < 0)
		return -1;
	if (imgs == NULL)
		return 0;
	n->images = mem_calloc(json_size(imgs), sizeof(*n->images));
	for (x = json_first(imgs), k = 0; x != NULL; x = json_next(x), k++) {
		if (json_type(x) != JSON_STRING) {
			snprintf(w2, sizeof(w2), "%s.images[%zu]", where, k);
			return kerr_set(e, "%s: expected a string, got %s", w2,
			    json_type_name(x));
		}
		n->images[n->nimages++] = keep(c, json_string(x));
	}
	return 0;
}

static int
service_add(struct cluster *c, const char *name)
{
	struct cluster_service *s;
	int k;

	for (k = 0; k < c->nservices; k++)
		if (strcmp(c->services[k].name, name) == 0)
			return k;
	c->services = mem_realloc(c->services, (size_t)c->nservices + 1,
	    sizeof(*c->services));
	s = &c->services[c->nservices];
	memset(s, 0, sizeof(*s));
	s->name = keep(c, name);
	return c->nservices++;
}

static int
load_pod(struct cluster *c, const struct json *v, int i,
    const struct ent *nodes, struct kerr *e)
{
	struct cluster_pod *p = &c->pods[i];
	const char *s;
	char where[64];

	snprintf(where, sizeof(where), "pods[%d]", i);
	p->node = -1;
	p->svc = -1;
	p->movable = 1;
	p->move_cost = 1;
	p->req = mem_calloc((size_t)c->nres, sizeof(double));
	if (want_id(v, where, "id", &s, e) < 0)
		return -1;
	p->id = keep(c, s);
	if (want_num(v, where, "cpu_request", 1, NUM_NONNEG,
	    &p->req[CLUSTER_CPU], e) < 0 ||
	    want_num(v, where, "mem_request", 1, NUM_NONNEG,
	    &p->req[CLUSTER_MEM], e) < 0 ||
	    want_num(v, where, "priority", 0, NUM_NONNEG, &p->priority,
	    e) < 0 ||
	    want_num(v, where, "move_cost", 0, NUM_NONNEG, &p->move_cost,
	    e) < 0 ||
	    json_want_bool(v, where, "movable", 0, &p->movable, e) < 0 ||
	    load_extra(c, v, where, "extra_request", p->req, e) < 0)
		return -1;
	p->desire = 1 + p->priority;
	if (want_num(v, where, "desire", 0, NUM_NONNEG, &p->desire, e) < 0)
		return -1;
	s = NULL;
	if (json_want_string(v, where, "current_node", 0, &s, e) < 0)
		return -1;
	if (s != NULL) {
		p->node = ent_find(nodes, c->nnodes, s);
		if (p->node < 0)
			return kerr_set(e, "%s.current_node: unknown node "
			    "'%s'", where, s);
	}
	s = NULL;
	if (json_want_string(v, where, "service", 0, &s, e) < 0)
		return -1;
	if (s != NULL) {
		p->svc = service_add(c, s);
		c->services[p->svc].npods++;
	}
	s = NULL;
	if (json_want_string(v, where, "image", 0, &s, e) < 0)
		return -1;
	if (s != NULL)
		p->image = keep(c, s);
	return 0;
}

/* talks_to after every service is known. */
static int
load_talks(struct cluster *c, const struct json *v, int i,
    const struct kwarn *w, struct kerr *e)
{
	struct cluster_pod *p = &c->pods[i];
	const struct json *a = NULL, *x;
	char where[64];
	size_t k;
	int s;

	snprintf(where, sizeof(where), "pods[%d]", i);
	if (json_want_array(v, where, "talks_to", 0, &a, e) < 0)
		return -1;
	if (a == NULL)
		return 0;
	p->talks_to = mem_calloc(json_size(a), sizeof(int));
	for (x = json_first(a), k = 0; x != NULL; x = json_next(x), k++) {
		if (json_type(x) != JSON_STRING)
			return kerr_set(e, "%s.talks_to[%zu]: expected a "
			    "string, got %s", where, k, json_type_name(x));
		for (s = 0; s < c->nservices; s++)
			if (strcmp(c->services[s].name, json_string(x)) == 0)
				break;
		if (s == c->nservices) {
			kwarn(w, "%s.talks_to[%zu]: unknown service '%s'",
			    where, k, json_string(x));
			continue;
		}
		p->talks_to[p->ntalks++] = s;
	}
	return 0;
}

static int
load_service(struct cluster *c, const struct json *v, int i,
    struct kerr *e)
{
	struct cluster_service *s;
	const char *name;
	char where[64];
	double d;
	int k;

	snprintf(where, sizeof(where), "services[%d]", i);
	if (want_elem_object(v, where, e) < 0 ||
	    want_id(v, where, "name", &name, e) < 0)
		return -1;
	for (k = 0; k < c->nservices; k++)
		if (strcmp(c->services[k].name, name) == 0)
			return kerr_set(e, "%s.name: duplicate name '%s' "
			    "(also services[%d])", where, name, k);
	k = service_add(c, name);
	s = &c->services[k];
	s->declared = 1;
	d = -1;
	if (want_num(v, where, "replicas", 0, NUM_NONNEG | NUM_INT, &d,
	    e) < 0)
		return -1;
	s->replicas = (long)d;
	d = -1;
	if (want_num(v, where, "min_replicas", 0, NUM_NONNEG | NUM_INT, &d,
	    e) < 0)
		return -1;
	s->has_min = d >= 0;
	s->min_replicas = s->has_min ? (long)d : 0;
	d = -1;
	if (want_num(v, where, "max_replicas", 0, NUM_NONNEG | NUM_INT, &d,
	    e) < 0)
		return -1;
	s->has_max = d >= 0;
	s->max_replicas = s->has_max ? (long)d : 0;
	if (s->has_min && s->has_max && s->min_replicas > s->max_replicas)
		return kerr_set(e, "%s.max_replicas: %ld below min_replicas "
		    "%ld", where, s->max_replicas, s->min_replicas);
	if (want_num(v, where, "request_rate", 0, NUM_NONNEG,
	    &s->request_rate, e) < 0 ||
	    want_num(v, where, "target_rate", 0, NUM_POS, &s->target_rate,
	    e) < 0 ||
	    want_num(v, where, "cpu_request", 0, NUM_NONNEG, &s->cpu_request,
	    e) < 0 ||
	    want_num(v, where, "mem_request", 0, NUM_NONNEG, &s->mem_request,
	    e) < 0 ||
	    want_num(v, where, "priority", 0, NUM_NONNEG, &s->priority,
	    e) < 0 ||
	    json_want_bool(v, where, "autoscale", 0, &s->autoscale, e) < 0)
		return -1;
	return 0;
}

static int
load_latency(struct cluster *c, const struct json *root, struct kerr *e)
{
	const struct json *lat = NULL, *a, *b;
	int *given, i, j, k, unnamed = 0;
	char where[256];
	double d;

	if (json_want_object(root, "", "latency", 0, &lat, e) < 0)
		return -1;
	for (i = 0; i < c->nnodes; i++) {
		if (c->nodes[i].zone != NULL)
			name_add(&c->zones, &c->nzones, c->nodes[i].zone);
		else
			unnamed = 1;
	}
	for (a = lat ? json_first(lat) : NULL; a != NULL; a = json_next(a)) {
		snprintf(where, sizeof(where), "latency.%s", json_key(a));
		if (want_elem_object(a, where, e) < 0)
			return -1;
		if (*json_key(a) == '\0')
			return kerr_set(e, "latency: empty zone name");
		name_add(&c->zones, &c->nzones, keep(c, json_key(a)));
		for (b = json_first(a); b != NULL; b = json_next(b)) {
			if (*json_key(b) == '\0')
				return kerr_set(e, "%s: empty zone name",
				    where);
			name_add(&c->zones, &c->nzones, keep(c, json_key(b)));
		}
	}
	if (c->nzones > 1)
		qsort(c->zones, (size_t)c->nzones, sizeof(*c->zones),
		    cmp_str);
	if (unnamed)
		name_add(&c->zones, &c->nzones, "");
	for (i = 0; i < c->nnodes; i++)
		c->nodes[i].zidx = c->nodes[i].zone == NULL ? c->nzones - 1 :
		    index_of(c->zones, c->nzones, c->nodes[i].zone);
	k = c->nzones;
	c->lat = mem_calloc((size_t)k * (size_t)k, sizeof(double));
	given = mem_calloc((size_t)k * (size_t)k, sizeof(int));
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			c->lat[i * k + j] = i == j ? 0 : 1;
	/* Explicit values first, then mirror them where the other way is
	 * not given. */
	for (a = lat ? json_first(lat) : NULL; a != NULL; a = json_next(a)) {
		snprintf(where, sizeof(where), "latency.%s", json_key(a));
		i = index_of(c->zones, k, json_key(a));
		for (b = json_first(a); b != NULL; b = json_next(b)) {
			j = index_of(c->zones, k, json_key(b));
			d = 0;
			if (want_num(a, where, json_key(b), 1, NUM_NONNEG, &d,
			    e) < 0) {
				free(given);
				return -1;
			}
			c->lat[i * k + j] = d;
			given[i * k + j] = 1;
		}
	}
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			if (given[i * k + j] && !given[j * k + i])
				c->lat[j * k + i] = c->lat[i * k + j];
	free(given);
	return 0;
}

static int
load_weights(struct cluster *c, const struct json *root, struct kerr *e)
{
	const struct json *ws = NULL, *m;
	int k;

	if (json_want_object(root, "", "weights", 0, &ws, e) < 0)
		return -1;
	for (m = ws ? json_first(ws) : NULL; m != NULL; m = json_next(m)) {
		k = cluster_weight_find(json_key(m));
		if (k < 0)
			return kerr_set(e, "weights.%s: unknown weight",
			    json_key(m));
		if (want_num(ws, "weights", json_key(m), 1, NUM_NONNEG,
		    &c->weights[k], e) < 0)
			return -1;
		c->has_weight[k] = 1;
	}
	return 0;
}

/* Sorted ids with a check for duplicates. */
static int
index_ids(struct ent *v, int n, const char *what, struct kerr *e)
{
	int k;

	qsort(v, (size_t)n, sizeof(*v), cmp_ent);
	for (k = 1; k < n; k++)
		if (strcmp(v[k].s, v[k - 1].s) == 0)
			return kerr_set(e, "%s[%d].id: duplicate id '%s' "
			    "(also %s[%d])", what, v[k].i, v[k].s, what,
			    v[k - 1].i);
	return 0;
}

static int
load(struct cluster *c, const struct json *root, const struct kwarn *w,
    struct kerr *e)
{
	const struct json *nodes = NULL, *pods = NULL, *svcs = NULL, *v;
	struct ent *nidx = NULL, *pidx = NULL;
	char where[64];
	int i, rc = -1;

	if (json_type(root) != JSON_OBJECT)
		return kerr_set(e, "expected an object, got %s",
		    json_type_name(root));
	if (json_want_array(root, "", "nodes", 1, &nodes, e) < 0 ||
	    json_want_array(root, "", "pods", 0, &pods, e) < 0 ||
	    json_want_array(root, "", "services", 0, &svcs, e) < 0)
		return -1;
	if (json_size(nodes) == 0)
		return kerr_set(e, "nodes: empty list");
	name_add(&c->res, &c->nres, "cpu");
	name_add(&c->res, &c->nres, "mem");
	for (v = json_first(nodes), i = 0; v != NULL; v = json_next(v), i++) {
		snprintf(where, sizeof(where), "nodes[%d]", i);
		if (want_elem_object(v, where, e) < 0 ||
		    collect_res(c, v, where, "extra_capacity", e) < 0)
			return -1;
	}
	for (v = pods ? json_first(pods) : NULL, i = 0; v != NULL;
	    v = json_next(v), i++) {
		snprintf(where, sizeof(where), "pods[%d]", i);
		if (want_elem_object(v, where, e) < 0 ||
		    collect_res(c, v, where, "extra_request", e) < 0)
			return -1;
	}
	if (c->nres > 3)
		qsort(c->res + 2, (size_t)c->nres - 2, sizeof(*c->res),
		    cmp_str);

	c->nnodes = (int)json_size(nodes);
	c->nodes = mem_calloc((size_t)c->nnodes, sizeof(*c->nodes));
	nidx = mem_calloc((size_t)c->nnodes, sizeof(*nidx));
	for (v = json_first(nodes), i = 0; v != NULL; v = json_next(v), i++) {
		if (load_node(c, v, i, e) < 0)
			goto out;
		nidx[i].s = c->nodes[i].id;
		nidx[i].i = i;
	}
	if (index_ids(nidx, c->nnodes, "nodes", e) < 0 ||
	    load_latency(c, root, e) < 0)
		goto out;

	for (v = svcs ? json_first(svcs) : NULL, i = 0; v != NULL;
	    v = json_next(v), i++)
		if (load_service(c, v, i, e) < 0)
			goto out;
	c->npods = pods ? (int)json_size(pods) : 0;
	c->pods = mem_calloc((size_t)c->npods, sizeof(*c->pods));
	pidx = mem_calloc((size_t)c->npods, sizeof(*pidx));
	for (v = pods ? json_first(pods) : NULL, i = 0; v != NULL;
	    v = json_next(v), i++) {
		if (load_pod(c, v, i, nidx, e) < 0)
			goto out;
		pidx[i].s = c->pods[i].id;
		pidx[i].i = i;
	}
	if (index_ids(pidx, c->npods, "pods", e) < 0)
		goto out;
	for (v = pods ? json_first(pods) : NULL, i = 0; v != NULL;
	    v = json_next(v), i++)
		if (load_talks(c, v, i, w, e) < 0)
			goto out;
	for (i = 0; i < c->nservices; i++)
		if (c->services[i].replicas < 0 || !c->services[i].declared)
			c->services[i].replicas = c->services[i].npods;

	c->margin = 0.2;
	if (want_num(root, "", "margin", 0, NUM_NONNEG, &c->margin, e) < 0)
		goto out;
	if (c->margin >= 1)
		kerr_set(e, "margin: not below 1: %s",
		    number_format(where, c->margin));
	else
		rc = load_weights(c, root, e);
out:
	free(nidx);
	free(pidx);
	return rc;
}

int
cluster_load(struct cluster *c, const char *text, size_t len,
    const char *name, const struct kwarn *w, struct kerr *e)
{
	struct json *root;
	int rc;

	cluster_init(c);
	if ((root = json_parse(text, len, name, e)) == NULL)
		return -1;
	e->msg[0] = '\0';
	rc = load(c, root, w, e);
	json_free(root);
	if (rc < 0) {
		cluster_release(c);
		return kerr_prefix(e, "%s", name);
	}
	return 0;
}

int
cluster_node_find(const struct cluster *c, const char *id)
{
	int i;

	for (i = 0; i < c->nnodes; i++)
		if (strcmp(c->nodes[i].id, id) == 0)
			return i;
	return -1;
}

int
cluster_pod_find(const struct cluster *c, const char *id)
{
	int i;

	for (i = 0; i < c->npods; i++)
		if (strcmp(c->pods[i].id, id) == 0)
			return i;
	return -1;
}

int
cluster_res_find(const struct cluster *c, const char *name)
{
	return index_of(c->res, c->nres, name);
}

int
cluster_node_has_image(const struct cluster *c, int n, const char *image)
{
	size_t k;

	if (image == NULL)
		return 0;
	for (k = 0; k < c->nodes[n].nimages; k++)
		if (strcmp(c->nodes[n].images[k], image) == 0)
			return 1;
	return 0;
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	do {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	} while (*s++ != '\0');
	return h;
}

uint64_t
cluster_digest(const struct cluster *c)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	int i;

	for (i = 0; i < c->nnodes; i++)
		h = fnv(h, c->nodes[i].id);
	h = fnv(h, "");
	for (i = 0; i < c->npods; i++)
		h = fnv(h, c->pods[i].id);
	return h;
}

char *
cluster_digest_hex(const struct cluster *c, char buf[17])
{
	snprintf(buf, 17, "%016llx", (unsigned long long)cluster_digest(c));
	return buf;
}

const char *
cluster_weight_name(int w)
{
	return w >= 0 && w < WEIGHT_COUNT ? weight_names[w] : NULL;
}

int
cluster_weight_find(const char *name)
{
	int k;

	for (k = 0; k < WEIGHT_COUNT; k++)
		if (strcmp(weight_names[k], name) == 0)
			return k;
	return -1;
}
