/*
 * dispatch.c: AppWrapper objects for the jobs a caspian plan starts now.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"

#define NAME_MAX_LEN 63
#define NAME_BASE_LEN 54

char *
dispatch_name(char *buf, const char *id)
{
	uint32_t h = 2166136261u;
	const unsigned char *s;
	size_t n = 0;
	int ok = 1;

	for (s = (const unsigned char *)id; *s; s++) {
		h = (h ^ *s) * 16777619u;
		if (!(islower(*s) || isdigit(*s) || *s == '-'))
			ok = 0;
	}
	n = strlen(id);
	if (ok && n > 0 && n <= NAME_MAX_LEN && id[0] != '-' &&
	    id[n - 1] != '-') {
		memcpy(buf, id, n + 1);
		return buf;
	}
	n = 0;
	for (s = (const unsigned char *)id; *s && n < NAME_BASE_LEN; s++) {
		if (isalnum(*s) && *s < 128)
			buf[n++] = (char)tolower(*s);
		else if (n > 0 && buf[n - 1] != '-')
			buf[n++] = '-';
	}
	while (n > 0 && buf[n - 1] == '-')
		n--;
	if (n == 0)
		n = (size_t)snprintf(buf, 8, "job");
	snprintf(buf + n, 64 - n, "-%08x", (unsigned)h);
	return buf;
}

/* A label value: at most 63 of [A-Za-z0-9-_.], alphanumeric at the ends. */
static int
label_value_ok(const char *v)
{
	size_t i, n = strlen(v);

	if (n == 0 || n > 63 || !isalnum((unsigned char)v[0]) ||
	    !isalnum((unsigned char)v[n - 1]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)v[i]) && strchr("-_.", v[i]) == NULL)
			return 0;
	return 1;
}

/* Kubernetes quantities: whole units when whole, else rounded up. */
static struct json *
quantity(double v, double scale, const char *whole, const char *part)
{
	char buf[64];

	if (v == floor(v))
		snprintf(buf, sizeof(buf), "%.0f%s", v, whole);
	else
		snprintf(buf, sizeof(buf), "%.0f%s", ceil(v * scale - 1e-9),
		    part);
	return json_new_string(buf);
}

/* What a job needs: its fields, with the defaults where it has none. */
struct job {
	const char *id, *image, *namespace;
	const struct json *command, *labels;
	double cpu, mem_gb, gpu;
};

static int
job_command_ok(const struct json *c, const char *where, struct kerr *e)
{
	const struct json *a;
	long i = 0;

	if (c == NULL || json_type(c) == JSON_STRING)
		return 0;
	if (json_type(c) != JSON_ARRAY)
		return kerr_set(e, "%s.command: expected an array or a string, "
		    "got %s", where, json_type_name(c));
	for (a = json_first(c); a; a = json_next(a), i++)
		if (json_type(a) != JSON_STRING)
			return kerr_set(e, "%s.command[%ld]: expected a string, "
			    "got %s", where, i, json_type_name(a));
	return 0;
}

static int
job_labels_ok(const struct json *l, const char *where, struct kerr *e)
{
	const struct json *a;

	if (l == NULL)
		return 0;
	if (json_type(l) != JSON_OBJECT)
		return kerr_set(e, "%s.labels: expected an object, got %s",
		    where, json_type_name(l));
	for (a = json_first(l); a; a = json_next(a))
		if (json_type(a) != JSON_STRING)
			return kerr_set(e, "%s.labels.%s: expected a string, "
			    "got %s", where, json_key(a), json_type_name(a));
	return 0;
}

/* Image, command, namespace and labels of obj (a job or the defaults). */
static int
job_fields(struct job *j, const struct json *obj, const char *where,
    struct kerr *e)
{
	const struct json *c = json_get(obj, "command");
	const struct json *l = json_get(obj, "labels");

	if (json_want_string(obj, where, "image", 0, &j->image, e) != 0 ||
	    json_want_string(obj, where, "namespace", 0, &j->namespace,
	    e) != 0 || job_command_ok(c, where, e) != 0 ||
	    job_labels_ok(l, where, e) != 0)
		return -1;
	if (c != NULL && json_type(c) != JSON_NULL)
		j->command = c;
	if (l != NULL)
		j->labels = l;
	return 0;
}

static int
job_load(struct job *j, const struct job *defaults, const struct json *obj,
    const char *where, struct kerr *e)
{
	const struct json *dl = defaults->labels;

	*j = *defaults;
	j->labels = NULL;
	j->cpu = j->mem_gb = j->gpu = 0;
	if (json_type(obj) != JSON_OBJECT)
		return kerr_set(e, "%s: expected an object, got %s", where,
		    json_type_name(obj));
	if (json_want_string(obj, where, "job_id", 1, &j->id, e) != 0 ||
	    json_want_number(obj, where, "cpu", 0, &j->cpu, e) != 0 ||
	    json_want_number(obj, where, "mem_gb", 0, &j->mem_gb, e) != 0 ||
	    json_want_number(obj, where, "gpu", 0, &j->gpu, e) != 0 ||
	    job_fields(j, obj, where, e) != 0)
		return -1;
	if (j->labels == NULL)
		j->labels = dl;
	if (j->cpu < 0 || j->mem_gb < 0 || j->gpu < 0)
		return kerr_set(e, "%s: negative resource request", where);
	if (j->gpu != floor(j->gpu))
		return kerr_set(e, "%s.gpu: not a whole number of GPUs", where);
	if (j->image == NULL)
		return kerr_set(e, "%s: no image (give one in the job or in "
		    "the defaults)", where);
	return 0;
}

static void
labels_add(struct json *dst, const struct json *src)
{
	const struct json *a;

	if (src == NULL)
		return;
	for (a = json_first(src); a; a = json_next(a))
		json_set_string(dst, json_key(a), json_string(a));
}

/*
 * The user's labels (defaults, then the job's) go on the AppWrapper only:
 * a queue label on the wrapped Job would make Kueue admit it a second
 * time.  Both carry caspian's own.
 */
static struct json *
labels_new(const struct job *defaults, const struct job *j,
    const char *name, const char *region)
{
	struct json *l = json_new_object();

	if (defaults != NULL) {
		labels_add(l, defaults->labels);
		if (j->labels != defaults->labels)
			labels_add(l, j->labels);
	}
	json_set_string(l, "caspian-job", name);
	json_set_string(l, "caspian-region", region);
	return l;
}

static struct json *
resources_new(const struct job *j, int limits_only)
{
	struct json *r = json_new_object();
	char buf[32];

	if (!limits_only && j->cpu > 0)
		json_set(r, "cpu", quantity(j->cpu, 1000, "", "m"));
	if (!limits_only && j->mem_gb > 0)
		json_set(r, "memory", quantity(j->mem_gb, 1000, "G", "M"));
	if (j->gpu > 0) {
		snprintf(buf, sizeof(buf), "%.0f", j->gpu);
		json_set_string(r, "nvidia.com/gpu", buf);
	}
	return r;
}

/* The batch/v1 Job: one pod, run to completion, never restarted in place. */
static struct json *
job_object(const struct job *j, const char *name, const char *ns,
    const struct json *labels)
{
	struct json *job = json_new_object(), *md, *spec, *tmpl, *pspec, *c,
	    *res, *cmd;
	const struct json *a;

	json_set_string(job, "apiVersion", "batch/v1");
	json_set_string(job, "kind", "Job");
	md = json_set(job, "metadata", json_new_object());
	json_set_string(md, "name", name);
	if (ns != NULL)
		json_set_string(md, "namespace", ns);
	json_set(md, "labels", json_dup(labels));
	spec = json_set(job, "spec", json_new_object());
	json_set_number(spec, "backoffLimit", 0);
	tmpl = json_set(spec, "template", json_new_object());
	md = json_set(tmpl, "metadata", json_new_object());
	json_set(md, "labels", json_dup(labels));
	pspec = json_set(tmpl, "spec", json_new_object());
	json_set_string(pspec, "restartPolicy", "Never");
	c = json_push(json_set(pspec, "containers", json_new_array()),
	    json_new_object());
	json_set_string(c, "name", "job");
	json_set_string(c, "image", j->image);
	if (j->command != NULL && json_type(j->command) == JSON_STRING) {
		cmd = json_set(c, "command", json_new_array());
		json_push(cmd, json_new_string("sh"));
		json_push(cmd, json_new_string("-c"));
		json_push(cmd, json_new_string(json_string(j->command)));
	} else if (j->command != NULL) {
		cmd = json_set(c, "command", json_new_array());
		for (a = json_first(j->command); a; a = json_next(a))
			json_push(cmd, json_new_string(json_string(a)));
	}
	res = json_set(c, "resources", json_new_object());
	json_set(res, "requests", resources_new(j, 0));
	/* Extended resources (GPUs) must have limits equal to requests. */
	if (j->gpu > 0)
		json_set(res, "limits", resources_new(j, 1));
	return job;
}

static struct json *
appwrapper_new(const struct dispatch_input *in, const struct job *defaults,
    const struct job *j, const char *name, const char *region, long start)
{
	struct json *aw = json_new_object(), *md, *spec, *labels, *an, *item,
	    *job, *cpr;
	const char *ns = j->namespace ? j->namespace : "default";
	char buf[32];

	labels = labels_new(NULL, j, name, region);
	json_set_string(aw, "apiVersion", in->api == DISPATCH_V1BETA1 ?
	    "workload.codeflare.dev/v1beta1" :
	    "workload.codeflare.dev/v1beta2");
	json_set_string(aw, "kind", "AppWrapper");
	md = json_set(aw, "metadata", json_new_object());
	json_set_string(md, "name", name);
	json_set_string(md, "namespace", ns);
	json_set(md, "labels", labels_new(defaults, j, name, region));
	an = json_set(md, "annotations", json_new_object());
	json_set_string(an, "caspian-job-id", j->id);
	/* Annotation values are strings. */
	snprintf(buf, sizeof(buf), "%ld", start);
	json_set_string(an, "caspian-start-slot", buf);
	spec = json_set(aw, "spec", json_new_object());
	if (in->api == DISPATCH_V1BETA2) {
		job = job_object(j, name, NULL, labels);
		item = json_push(json_set(spec, "components",
		    json_new_array()), json_new_object());
		json_set(item, "template", job);
	} else {
		/* MCAD finds the wrapped objects by this label. */
		json_set_string(labels, "appwrapper.mcad.ibm.com", name);
		job = job_object(j, name, ns, labels);
		json_set_number(json_set(spec, "schedulingSpec",
		    json_new_object()), "minAvailable", 1);
		item = json_push(json_set(json_set(spec, "resources",
		    json_new_object()), "GenericItems", json_new_array()),
		    json_new_object());
		json_set_number(item, "replicas", 1);
		json_set_string(item, "completionstatus", "Complete");
		cpr = json_push(json_set(item, "custompodresources",
		    json_new_array()), json_new_object());
		json_set_number(cpr, "replicas", 1);
		json_set(cpr, "requests", resources_new(j, 0));
		json_set(cpr, "limits", resources_new(j, 0));
		json_set(item, "generictemplate", job);
	}
	json_free(labels);
	return aw;
}

static const struct json *
jobs_array(const struct dispatch_input *in, struct kerr *e)
{
	const struct json *arr = in->jobs;

	if (json_type(arr) == JSON_OBJECT &&
	    json_want_array(arr, "", "jobs", 1, &arr, e) != 0) {
		kerr_prefix(e, "%s", in->jobs_name);
		return NULL;
	}
	if (json_type(arr) != JSON_ARRAY) {
		kerr_set(e, "%s: expected {\"jobs\": [...]} or an array, "
		    "got %s", in->jobs_name, json_type_name(arr));
		return NULL;
	}
	return arr;
}

/*
 * Plan entries and jobs are looked up by sorted index, so that a plan of
 * thousands of jobs is checked in n log n.
 */
struct entry {
	const char *id, *region;
	char name[64];
	const struct json *obj;
	long idx, start;
};

static int
entry_by_name(const void *a, const void *b)
{
	const struct entry *p = a, *q = b;
	int c = strcmp(p->name, q->name);

	return c ? c : (p->idx > q->idx) - (p->idx < q->idx);
}

static int
entry_by_id(const void *a, const void *b)
{
	const struct entry *p = a, *q = b;
	int c = strcmp(p->id, q->id);

	return c ? c : (p->idx > q->idx) - (p->idx < q->idx);
}

static int
entry_by_id_only(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->id,
	    ((const struct entry *)b)->id);
}

/* The jobs sorted by id; a job_id given twice is an error. */
static struct entry *
jobs_index(const struct json *arr, const char *name, size_t *n,
    struct kerr *e)
{
	struct entry *v = calloc(json_size(arr) + 1, sizeof(*v));
	const struct json *j;
	char where[64];
	size_t i = 0;

	if (v == NULL)
		abort();
	for (j = json_first(arr); j; j = json_next(j), i++) {
		snprintf(where, sizeof(where), "jobs[%zu]", i);
		if (json_type(j) != JSON_OBJECT) {
			kerr_set(e, "%s: %s: expected an object, got %s", name,
			    where, json_type_name(j));
			goto fail;
		}
		if (json_want_string(j, where, "job_id", 1, &v[i].id, e) != 0) {
			kerr_prefix(e, "%s", name);
			goto fail;
		}
		v[i].obj = j;
		v[i].idx = (long)i;
	}
	qsort(v, i, sizeof(*v), entry_by_id);
	for (*n = i, i = 1; i < *n; i++)
		if (strcmp(v[i].id, v[i - 1].id) == 0) {
			kerr_set(e, "%s: jobs[%ld]: job '%s' given twice (first "
			    "at jobs[%ld])", name, v[i].idx, v[i].id,
			    v[i - 1].idx);
			goto fail;
		}
	return v;
fail:
	free(v);
	return NULL;
}

static int
plan_entry(const struct json *p, const char *where, struct entry *en,
    struct kerr *e)
{
	double start;

	if (json_type(p) != JSON_OBJECT)
		return kerr_set(e, "%s: expected an object, got %s", where,
		    json_type_name(p));
	if (json_want_string(p, where, "job_id", 1, &en->id, e) != 0 ||
	    json_want_string(p, where, "region", 1, &en->region, e) != 0 ||
	    json_want_number(p, where, "start_slot", 1, &start, e) != 0)
		return -1;
	if (start != floor(start) || fabs(start) > 1e9)
		return kerr_set(e, "%s.start_slot: not a whole number", where);
	if (!label_value_ok(en->region))
		return kerr_set(e, "%s.region: '%s' is not a Kubernetes "
		    "label value", where, en->region);
	en->start = (long)start;
	dispatch_name(en->name, en->id);
	return 0;
}

/*
 * The plan's entries, checked: a job planned twice would be dispatched
 * twice, and two ids with one name would overwrite each other.  The
 * error reported is the first in plan order.
 */
static struct entry *
plan_index(const struct json *plans, const char *name, size_t *n,
    struct kerr *e)
{
	struct entry *v = calloc(json_size(plans) + 1, sizeof(*v)), *s;
	const struct json *p;
	char where[64];
	size_t i = 0, bad = 0;

	if (v == NULL || (s = calloc(json_size(plans) + 1, sizeof(*s))) == NULL)
		abort();
	for (p = json_first(plans); p; p = json_next(p), i++) {
		snprintf(where, sizeof(where), "plans[%zu]", i);
		v[i].idx = (long)i;
		if (plan_entry(p, where, &v[i], e) != 0) {
			kerr_prefix(e, "%s", name);
			goto fail;
		}
	}
	*n = i;
	memcpy(s, v, i * sizeof(*s));
	qsort(s, i, sizeof(*s), entry_by_name);
	for (i = 1; i < *n; i++)
		if (strcmp(s[i].name, s[i - 1].name) == 0 &&
		    (bad == 0 || s[i].idx < s[bad].idx))
			bad = i;
	if (bad > 0) {
		if (strcmp(s[bad].id, s[bad - 1].id) == 0)
			kerr_set(e, "%s: plans[%ld]: job '%s' planned twice "
			    "(first at plans[%ld])", name, s[bad].idx,
			    s[bad].id, s[bad - 1].idx);
		else
			kerr_set(e, "%s: plans[%ld]: jobs '%s' and '%s' have "
			    "the same name '%s'", name, s[bad].idx,
			    s[bad - 1].id, s[bad].id, s[bad].name);
		goto fail;
	}
	free(s);
	return v;
fail:
	free(s);
	free(v);
	return NULL;
}

struct json *
dispatch_build(const struct dispatch_input *in, struct kerr *e)
{
	struct json *list = json_new_object(), *items;
	struct entry *pv = NULL, *jv = NULL, key, *found;
	const struct json *plans, *jobs;
	size_t np = 0, nj = 0, i;
	struct job defaults, j;
	char jwhere[64];

	memset(&defaults, 0, sizeof(defaults));
	json_set_string(list, "apiVersion", "v1");
	json_set_string(list, "kind", "List");
	items = json_set(list, "items", json_new_array());
	if (in->defaults != NULL) {
		if (json_type(in->defaults) != JSON_OBJECT) {
			kerr_set(e, "%s: expected an object, got %s",
			    in->defaults_name, json_type_name(in->defaults));
			goto fail;
		}
		if (job_fields(&defaults, in->defaults, "", e) != 0) {
			kerr_prefix(e, "%s", in->defaults_name);
			goto fail;
		}
	}
	if ((jobs = jobs_array(in, e)) == NULL ||
	    (jv = jobs_index(jobs, in->jobs_name, &nj, e)) == NULL)
		goto fail;
	if (json_type(in->plan) != JSON_OBJECT) {
		kerr_set(e, "%s: expected a plan object, got %s",
		    in->plan_name, json_type_name(in->plan));
		goto fail;
	}
	if (json_want_array(in->plan, "", "plans", 1, &plans, e) != 0) {
		kerr_prefix(e, "%s", in->plan_name);
		goto fail;
	}
	if ((pv = plan_index(plans, in->plan_name, &np, e)) == NULL)
		goto fail;
	for (i = 0; i < np; i++) {
		if (pv[i].start != in->slot)
			continue;
		key.id = pv[i].id;
		key.idx = -1;
		found = bsearch(&key, jv, nj, sizeof(*jv), entry_by_id_only);
		if (found == NULL) {
			kerr_set(e, "%s: plans[%zu]: unknown job '%s' (not in "
			    "%s)", in->plan_name, i, pv[i].id, in->jobs_name);
			goto fail;
		}
		snprintf(jwhere, sizeof(jwhere), "jobs[%ld]", found->idx);
		if (job_load(&j, &defaults, found->obj, jwhere, e) != 0) {
			kerr_prefix(e, "%s", in->jobs_name);
			goto fail;
		}
		json_push(items, appwrapper_new(in, &defaults, &j, pv[i].name,
		    pv[i].region, pv[i].start));
	}
	free(pv);
	free(jv);
	return list;
fail:
	free(pv);
	free(jv);
	json_free(list);
	return NULL;
}

struct json *
dispatch_split(const struct json *list)
{
	struct json *out = json_new_object(), *l;
	const struct json *it, *labels;
	const char *region;

	for (it = json_first(json_get(list, "items")); it;
	    it = json_next(it)) {
		labels = json_get(json_get(it, "metadata"), "labels");
		region = json_string(json_get(labels, "caspian-region"));
		if ((l = json_get(out, region)) == NULL) {
			l = json_set(out, region, json_new_object());
			json_set_string(l, "apiVersion", "v1");
			json_set_string(l, "kind", "List");
			json_set(l, "items", json_new_array());
		}
		json_push(json_get(l, "items"), json_dup(it));
	}
	return out;
}
