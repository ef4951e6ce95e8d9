/*
 * caspian.c: load and check the caspian jobs input (DESIGN §7).  Every
 * value is checked where it is read, so that a message can say which job,
 * which field and why; cross-references (regions, job ids) are checked
 * against the tables built first.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian.h"
#include "json.h"

#define MAX_HORIZON 100000

static char *
dupstr(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

void
caspian_init(struct caspian *c)
{
	memset(c, 0, sizeof(*c));
	c->slot_seconds = 3600;
	c->watt_cpu = 30;
	c->watt_gpu = 0;
	c->lambda_plan_dev = 100;
	c->migration_allow = 1;
}

void
caspian_release(struct caspian *c)
{
	int i;

	for (i = 0; i < c->nregions; i++)
		free(c->regions[i]);
	free(c->regions);
	for (i = 0; i < c->njobs; i++) {
		free(c->jobs[i].id);
		free(c->jobs[i].allowed);
	}
	free(c->jobs);
	free(c->cap);
	free(c->ci);
	free(c->has_ci);
	free(c->net);
	caspian_init(c);
}

int
caspian_region(const struct caspian *c, const char *name)
{
	int i;

	for (i = 0; i < c->nregions; i++)
		if (strcmp(c->regions[i], name) == 0)
			return i;
	return -1;
}

/* A non-negative number member; absent leaves *out alone. */
static int
want_nonneg(const struct json *o, const char *where, const char *key,
    int required, double *out, struct kerr *e)
{
	double v = *out;

	if (json_want_number(o, where, key, required, &v, e) == -1)
		return -1;
	if (v < 0)
		return kerr_set(e, "%s.%s: negative value %g", where, key, v);
	*out = v;
	return 0;
}

/* An integer member in [lo, hi]; what names the range in messages. */
static int
want_int(const struct json *o, const char *where, const char *key,
    int required, long lo, long hi, int *out, struct kerr *e)
{
	double v = *out;

	if (json_want_number(o, where, key, required, &v, e) == -1)
		return -1;
	if (v != floor(v))
		return kerr_set(e, "%s.%s: expected an integer, got %g",
		    where, key, v);
	if (v < (double)lo)
		return kerr_set(e, "%s.%s: %g is less than %ld", where, key,
		    v, lo);
	if (v > (double)hi)
		return kerr_set(e, "%s.%s: %g is more than %ld", where, key,
		    v, hi);
	*out = (int)v;
	return 0;
}

/* A slot member, which must lie inside the horizon. */
static int
want_slot(const struct caspian *c, const struct json *o, const char *where,
    const char *key, int required, int *out, struct kerr *e)
{
	int v = *out;

	if (want_int(o, where, key, required, -(long)MAX_HORIZON,
	    MAX_HORIZON, &v, e) == -1)
		return -1;
	if (v < 0 || v >= c->horizon)
		return kerr_set(e, "%s.%s: slot %d outside the horizon 0..%d",
		    where, key, v, c->horizon - 1);
	*out = v;
	return 0;
}

/* A region name member that must be one of regions[]. */
static int
want_region(const struct caspian *c, const struct json *o, const char *where,
    const char *key, int *out, struct kerr *e)
{
	const char *s;

	if (json_want_string(o, where, key, 1, &s, e) == -1)
		return -1;
	if ((*out = caspian_region(c, s)) == -1)
		return kerr_set(e, "%s.%s: unknown region '%s'", where, key, s);
	return 0;
}

static int
load_regions(struct caspian *c, const struct json *root, struct kerr *e)
{
	const struct json *a, *v;
	int i = 0;

	if (json_want_array(root, "", "regions", 1, &a, e) == -1)
		return -1;
	if (json_size(a) == 0)
		return kerr_set(e, "regions: empty");
	if ((c->regions = calloc(json_size(a), sizeof(char *))) == NULL)
		return kerr_set(e, "out of memory");
	for (v = json_first(a); v != NULL; v = json_next(v), i++) {
		if (json_type(v) != JSON_STRING)
			return kerr_set(e, "regions[%d]: expected a string, "
			    "got %s", i, json_type_name(v));
		if (caspian_region(c, json_string(v)) != -1)
			return kerr_set(e, "regions[%d]: duplicate '%s'", i,
			    json_string(v));
		if ((c->regions[i] = dupstr(json_string(v))) == NULL)
			return kerr_set(e, "out of memory");
		c->nregions = i + 1;
	}
	return 0;
}

static int
load_job(struct caspian *c, const struct json *o, int i, struct kerr *e)
{
	struct caspian_job *j = &c->jobs[i];
	const struct json *aff, *v;
	const char *id;
	char where[64];
	int k;

	snprintf(where, sizeof(where), "jobs[%d]", i);
	if (json_type(o) != JSON_OBJECT)
		return kerr_set(e, "%s: expected an object, got %s", where,
		    json_type_name(o));
	j->prev_region = -1;
	if ((j->allowed = calloc((size_t)c->nregions, 1)) == NULL)
		return kerr_set(e, "out of memory");
	if (json_want_string(o, where, "job_id", 1, &id, e) == -1)
		return -1;
	if ((j->id = dupstr(id)) == NULL)
		return kerr_set(e, "out of memory");
	for (k = 0; k < i; k++)
		if (strcmp(c->jobs[k].id, id) == 0)
			return kerr_set(e, "%s.job_id: duplicate '%s'", where,
			    id);
	if (want_nonneg(o, where, "cpu", 1, &j->need[CASPIAN_CPU], e) ||
	    want_nonneg(o, where, "mem_gb", 1, &j->need[CASPIAN_MEM], e) ||
	    want_nonneg(o, where, "gpu", 0, &j->need[CASPIAN_GPU], e) ||
	    want_nonneg(o, where, "data_gb", 0, &j->data_gb, e))
		return -1;
	j->runtime = 1;
	if (want_int(o, where, "runtime_slots", 1, 1, MAX_HORIZON,
	    &j->runtime, e) == -1)
		return -1;
	j->release = 0;
	j->deadline = c->horizon - 1;
	if (want_slot(c, o, where, "release_slot", 0, &j->release, e) ||
	    want_slot(c, o, where, "deadline_slot", 0, &j->deadline, e))
		return -1;
	aff = NULL;
	if (json_want_array(o, where, "affinity_regions", 0, &aff, e) == -1)
		return -1;
	if (aff == NULL || json_size(aff) == 0) {
		memset(j->allowed, 1, (size_t)c->nregions);
		return 0;
	}
	k = 0;
	for (v = json_first(aff); v != NULL; v = json_next(v), k++) {
		int r;

		if (json_type(v) != JSON_STRING)
			return kerr_set(e, "%s.affinity_regions[%d]: expected "
			    "a string, got %s", where, k, json_type_name(v));
		/*
		 * A region this input does not plan for is no error: the job
		 * just cannot go there (and with none left, it is reported
		 * with reason "affinity").
		 */
		if ((r = caspian_region(c, json_string(v))) != -1)
			j->allowed[r] = 1;
	}
	return 0;
}

static int
load_capacities(struct caspian *c, const struct json *root, struct kerr *e)
{
	const struct json *a = NULL, *o;
	unsigned char *seen;
	int i = 0, rc = -1;

	if (json_want_array(root, "", "capacities", 0, &a, e) == -1)
		return -1;
	if (a == NULL)
		return 0;
	if ((seen = calloc((size_t)c->nregions * c->horizon, 1)) == NULL)
		return kerr_set(e, "out of memory");
	for (o = json_first(a); o != NULL; o = json_next(o), i++) {
		char where[64];
		int r, t = 0;
		double *cap;

		snprintf(where, sizeof(where), "capacities[%d]", i);
		if (json_type(o) != JSON_OBJECT) {
			kerr_set(e, "%s: expected an object, got %s", where,
			    json_type_name(o));
			goto out;
		}
		if (want_region(c, o, where, "region", &r, e) ||
		    want_slot(c, o, where, "slot", 1, &t, e))
			goto out;
		if (seen[r * c->horizon + t]) {
			kerr_set(e, "%s: duplicate entry for region '%s' "
			    "slot %d", where, c->regions[r], t);
			goto out;
		}
		seen[r * c->horizon + t] = 1;
		cap = &c->cap[((size_t)r * c->horizon + t) * CASPIAN_NRES];
		if (want_nonneg(o, where, "cpu_cap", 1, &cap[CASPIAN_CPU], e) ||
		    want_nonneg(o, where, "mem_gb_cap", 1, &cap[CASPIAN_MEM],
		    e) ||
		    want_nonneg(o, where, "gpu_cap", 0, &cap[CASPIAN_GPU], e))
			goto out;
	}
	rc = 0;
out:
	free(seen);
	return rc;
}

/* Carbons from an array, into ci/has_ci (which start cleared). */
static int
load_carbon_array(struct caspian *c, const struct json *a, struct kerr *e)
{
	const struct json *o;
	int i = 0;

	for (o = json_first(a); o != NULL; o = json_next(o), i++) {
		char where[64];
		int r, t = 0;
		size_t k;
		double v = 0;

		snprintf(where, sizeof(where), "carbons[%d]", i);
		if (json_type(o) != JSON_OBJECT)
			return kerr_set(e, "%s: expected an object, got %s",
			    where, json_type_name(o));
		if (want_region(c, o, where, "region", &r, e) ||
		    want_slot(c, o, where, "slot", 1, &t, e) ||
		    want_nonneg(o, where, "ci_gco2_per_kwh", 1, &v, e))
			return -1;
		k = (size_t)r * c->horizon + t;
		if (c->has_ci[k])
			return kerr_set(e, "%s: duplicate point for region "
			    "'%s' slot %d", where, c->regions[r], t);
		c->has_ci[k] = 1;
		c->ci[k] = v;
	}
	return 0;
}

static int
load_network(struct caspian *c, const struct json *root, struct kerr *e)
{
	const struct json *o = NULL, *from, *to;

	if (json_want_object(root, "", "network_costs", 0, &o, e) == -1)
		return -1;
	if (o == NULL)
		return 0;
	for (from = json_first(o); from != NULL; from = json_next(from)) {
		char where[256];
		int f = caspian_region(c, json_key(from));

		snprintf(where, sizeof(where), "network_costs.%s",
		    json_key(from));
		if (f == -1)
			return kerr_set(e, "%s: unknown region '%s'", where,
			    json_key(from));
		if (json_type(from) != JSON_OBJECT)
			return kerr_set(e, "%s: expected an object, got %s",
			    where, json_type_name(from));
		for (to = json_first(from); to != NULL; to = json_next(to)) {
			int t = caspian_region(c, json_key(to));
			double v = 0;

			if (t == -1)
				return kerr_set(e, "%s.%s: unknown region "
				    "'%s'", where, json_key(to), json_key(to));
			if (want_nonneg(from, where, json_key(to), 1, &v, e))
				return -1;
			c->net[f * c->nregions + t] = v;
		}
	}
	return 0;
}

static int
load_prev(struct caspian *c, const struct json *root, struct kerr *e)
{
	const struct json *o = NULL, *p;

	if (json_want_object(root, "", "prev_plan", 0, &o, e) == -1)
		return -1;
	if (o == NULL)
		return 0;
	/* A job of the previous plan that is gone (finished) is ignored. */
	for (p = json_first(o); p != NULL; p = json_next(p)) {
		char where[256];
		int i, r, start = 0;

		snprintf(where, sizeof(where), "prev_plan.%s", json_key(p));
		if (json_type(p) != JSON_OBJECT)
			return kerr_set(e, "%s: expected an object, got %s",
			    where, json_type_name(p));
		if (want_region(c, p, where, "region", &r, e) ||
		    want_int(p, where, "start_slot", 0, -(long)MAX_HORIZON,
		    MAX_HORIZON, &start, e))
			return -1;
		for (i = 0; i < c->njobs; i++)
			if (strcmp(c->jobs[i].id, json_key(p)) == 0)
				c->jobs[i].prev_region = r;
	}
	return 0;
}

static int
load_root(struct caspian *c, const struct json *root, struct kerr *e)
{
	const struct json *a, *o, *costs = NULL;
	size_t cells;
	int i = 0;

	if (json_type(root) != JSON_OBJECT)
		return kerr_set(e, "expected an object, got %s",
		    json_type_name(root));
	if (load_regions(c, root, e) == -1)
		return -1;
	if (want_int(root, "", "horizon_slots", 1, 1, MAX_HORIZON,
	    &c->horizon, e) == -1)
		return -1;
	if (json_want_number(root, "", "slot_seconds", 0, &c->slot_seconds,
	    e) == -1)
		return -1;
	if (!(c->slot_seconds > 0))
		return kerr_set(e, "slot_seconds: %g is not positive",
		    c->slot_seconds);
	cells = (size_t)c->nregions * c->horizon;
	c->cap = calloc(cells * CASPIAN_NRES, sizeof(double));
	c->ci = calloc(cells, sizeof(double));
	c->has_ci = calloc(cells, 1);
	c->net = calloc((size_t)c->nregions * c->nregions, sizeof(double));
	if (c->cap == NULL || c->ci == NULL || c->has_ci == NULL ||
	    c->net == NULL)
		return kerr_set(e, "out of memory");
	if (json_want_array(root, "", "jobs", 1, &a, e) == -1)
		return -1;
	if ((c->jobs = calloc(json_size(a) + 1, sizeof(*c->jobs))) == NULL)
		return kerr_set(e, "out of memory");
	for (o = json_first(a); o != NULL; o = json_next(o), i++) {
		c->njobs = i + 1;
		if (load_job(c, o, i, e) == -1)
			return -1;
	}
	if (load_capacities(c, root, e) == -1)
		return -1;
	a = NULL;
	if (json_want_array(root, "", "carbons", 0, &a, e) == -1)
		return -1;
	if (a != NULL && load_carbon_array(c, a, e) == -1)
		return -1;
	if (json_want_object(root, "", "costs", 0, &costs, e) == -1)
		return -1;
	if (costs != NULL &&
	    (want_nonneg(costs, "costs", "watt_cpu", 0, &c->watt_cpu, e) ||
	    want_nonneg(costs, "costs", "watt_gpu", 0, &c->watt_gpu, e) ||
	    want_nonneg(costs, "costs", "lambda_plan_dev", 0,
	    &c->lambda_plan_dev, e)))
		return -1;
	if (load_network(c, root, e) == -1)
		return -1;
	if (json_want_bool(root, "", "migration_allow", 0, &c->migration_allow,
	    e) == -1)
		return -1;
	return load_prev(c, root, e);
}

/*
 * json_want_* name the place as "where.key"; at the top level where is
 * empty, so drop the leading dot they would leave.
 */
static void
strip_dot(struct kerr *e)
{
	if (e->msg[0] == '.')
		memmove(e->msg, e->msg + 1, strlen(e->msg));
}

int
caspian_load(struct caspian *c, const char *text, size_t len,
    const char *name, struct kerr *e)
{
	struct json *root;
	int rc;

	if ((root = json_parse(text, len, name, e)) == NULL)
		return -1;
	rc = load_root(c, root, e);
	json_free(root);
	if (rc == -1) {
		strip_dot(e);
		kerr_prefix(e, "%s", name);
	}
	return rc;
}

int
caspian_load_carbons(struct caspian *c, const char *text, size_t len,
    const char *name, struct kerr *e)
{
	struct json *root;
	const struct json *a;
	size_t cells = (size_t)c->nregions * c->horizon;
	int rc = -1;

	if ((root = json_parse(text, len, name, e)) == NULL)
		return -1;
	if (json_type(root) != JSON_OBJECT) {
		kerr_set(e, "expected an object, got %s",
		    json_type_name(root));
		goto out;
	}
	if (json_want_array(root, "", "carbons", 1, &a, e) == -1)
		goto out;
	memset(c->ci, 0, cells * sizeof(double));
	memset(c->has_ci, 0, cells);
	rc = load_carbon_array(c, a, e);
out:
	if (rc == -1)
		kerr_prefix(e, "%s", name);
	json_free(root);
	return rc;
}

int
caspian_fill_carbons(struct caspian *c, int has_dflt, double dflt,
    struct kerr *e)
{
	int r, t;

	for (r = 0; r < c->nregions; r++)
		for (t = 0; t < c->horizon; t++) {
			size_t k = (size_t)r * c->horizon + t;

			if (c->has_ci[k])
				continue;
			if (!has_dflt)
				return kerr_set(e, "carbons: no point for "
				    "region '%s' slot %d", c->regions[r], t);
			c->ci[k] = dflt;
		}
	return 0;
}
