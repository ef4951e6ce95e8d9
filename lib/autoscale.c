/*
 * autoscale.c: the autoscale model (see autoscale.h): the HPA convention,
 * the decision ranges and headroom, its QUBO and MILP, and the decoding of
 * a sample into scaling[] entries.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autoscale.h"
#include "mem.h"
#include "number.h"

static const char *res_name[2] = { "cpu", "mem" };

long
autoscale_wanted(long current, double request_rate, double target_rate,
    long min, long max, long *raw, const char **clamp)
{
	double q = request_rate / target_rate, n = nearbyint(q);
	long r, w;

	/* 0.7 / 0.1 is 6.9999999999999991: an exact quotient stays exact. */
	if (fabs(q - n) <= 1e-9 * fmax(1, n))
		q = n;
	r = q >= (double)LONG_MAX ? LONG_MAX : (long)ceil(q);
	*raw = r;
	/* Integers only: |raw / current - 1| <= 0.1 without rounding. */
	if (current > 0 && (r > current ? r - current : current - r) * 10 <=
	    current)
		w = current;
	else
		w = r;
	*clamp = NULL;
	if (w < min) {
		w = min;
		*clamp = "min_replicas";
	} else if (w > max) {
		w = max;
		*clamp = "max_replicas";
	}
	return w;
}

/* Does one replica of request req fit some live schedulable node? */
static int
fits_node(const struct cluster *c, const double *req)
{
	int n;

	for (n = 0; n < c->nnodes; n++)
		if (c->nodes[n].alive && c->nodes[n].schedulable &&
		    req[CLUSTER_CPU] <= c->nodes[n].cap[CLUSTER_CPU] &&
		    req[CLUSTER_MEM] <= c->nodes[n].cap[CLUSTER_MEM])
			return 1;
	return 0;
}

static void
svc_request(const struct cluster *c, int svc, double *req)
{
	const struct cluster_service *s = &c->services[svc];
	double given[2] = { s->cpu_request, s->mem_request };
	int p, r;

	for (r = 0; r < 2; r++) {
		req[r] = given[r];
		if (given[r] > 0)
			continue;
		for (p = 0; p < c->npods; p++)
			if (c->pods[p].svc == svc && c->pods[p].req[r] > req[r])
				req[r] = c->pods[p].req[r];
	}
	for (r = 0; r < 2; r++)
		req[r] = ceil(req[r]);
}

static double
gcd(double a, double b)
{
	double t;

	while (b > 0) {
		t = fmod(a, b);
		a = b;
		b = t;
	}
	return a;
}

/*
 * The slack of resource r: active when every service at hi overflows.
 * Scale-out only ever uses multiples of g, the requests' common divisor,
 * so the room rounds down to one: the same counts fit, and the slack
 * needs fewer bits with coefficients of a few units (an annealer's moves
 * then cross small barriers).
 */
static void
slack_build(struct autoscale *a, int r, int *nv)
{
	struct autoscale_slack *sl = &a->slack[r];
	double need = 0, g = 0, left, bit;
	int k;

	for (k = 0; k < a->nsvcs; k++) {
		need += (double)(a->svcs[k].hi - a->svcs[k].lo) *
		    a->svcs[k].req[r];
		if (a->svcs[k].hi > a->svcs[k].lo)
			g = gcd(a->svcs[k].req[r], g);
	}
	if (need <= a->room[r])
		return;
	a->room[r] = floor(a->room[r] / g) * g;
	sl->active = 1;
	sl->g = g;
	sl->var0 = *nv;
	/* Bounded binary: 1, 2, 4, … and a last bit summing to room / g. */
	left = a->room[r] / g;
	for (bit = 1; left > 0; bit *= 2) {
		sl->bits = mem_realloc(sl->bits, (size_t)sl->nbits + 1,
		    sizeof(*sl->bits));
		sl->bits[sl->nbits++] = fmin(bit, left);
		left -= fmin(bit, left);
	}
	*nv += sl->nbits;
}

int
autoscale_build(struct autoscale *a, const struct cluster *c,
    struct kerr *e)
{
	const struct cluster_service *s;
	struct autoscale_svc *v;
	double keep;
	long min, max;
	int i, k, p, r;

	memset(a, 0, sizeof(*a));
	a->c = c;
	for (i = 0; i < c->nservices; i++) {
		s = &c->services[i];
		if (!s->autoscale)
			continue;
		if (s->target_rate <= 0) {
			autoscale_release(a);
			return kerr_set(e, "services[%d].target_rate: missing "
			    "for an autoscale service", i);
		}
		a->svcs = mem_realloc(a->svcs, (size_t)a->nsvcs + 1,
		    sizeof(*a->svcs));
		v = &a->svcs[a->nsvcs++];
		memset(v, 0, sizeof(*v));
		v->svc = i;
		v->current = s->replicas;
		v->weight = 1 + s->priority;
		min = s->has_min ? s->min_replicas : 1;
		max = s->has_max ? s->max_replicas : LONG_MAX;
		v->wanted = autoscale_wanted(v->current, s->request_rate,
		    s->target_rate, min, max, &v->raw, &v->clamp);
		svc_request(c, i, v->req);
		if (v->wanted <= v->current) {
			v->lo = v->hi = v->wanted;
		} else {
			v->lo = v->current > min ? v->current : min;
			v->hi = v->wanted;
			if (v->hi > v->lo && !fits_node(c, v->req)) {
				v->hi = v->lo;
				v->node_size = 1;
			}
		}
		/* A one-hot group of n counts has n (n - 1) / 2 couplers. */
		if (v->hi - v->lo >= AUTOSCALE_MAX_COUNTS) {
			/* the message first: v is freed with a */
			kerr_set(e, "services[%d]: %ld to %ld replicas: "
			    "more than %d counts to choose from", i, v->lo,
			    v->hi, AUTOSCALE_MAX_COUNTS);
			autoscale_release(a);
			return -1;
		}
		v->var0 = a->nrepl;
		a->nrepl += (int)(v->hi - v->lo + 1);
	}
	if (a->nsvcs == 0)
		return kerr_set(e, "services: no autoscale service");

	for (i = 0; i < c->nnodes; i++)
		if (c->nodes[i].alive && c->nodes[i].schedulable)
			for (r = 0; r < 2; r++)
				a->total[r] += c->nodes[i].cap[r];
	/*
	 * An autoscale service uses current replicas' worth whatever pods
	 * the file lists for it (kubectl output may hold some, or none).
	 */
	for (p = 0; p < c->npods; p++) {
		i = c->pods[p].node;
		if (i >= 0 && c->nodes[i].alive && c->nodes[i].schedulable &&
		    (c->pods[p].svc < 0 ||
		    !c->services[c->pods[p].svc].autoscale))
			for (r = 0; r < 2; r++)
				a->used[r] += c->pods[p].req[r];
	}
	for (k = 0; k < a->nsvcs; k++)
		for (r = 0; r < 2; r++)
			a->used[r] += (double)a->svcs[k].current *
			    a->svcs[k].req[r];
	a->nvars = a->nrepl;
	for (r = 0; r < 2; r++) {
		a->base[r] = a->used[r];
		for (k = 0; k < a->nsvcs; k++)
			a->base[r] += (double)(a->svcs[k].lo -
			    a->svcs[k].current) * a->svcs[k].req[r];
		keep = c->margin * a->total[r];
		/* 1e-6: 0.8 * 8000 must leave 6400, not 6399. */
		a->room[r] = floor(a->total[r] - keep - a->base[r] + 1e-6);
		if (a->room[r] < 0)
			a->room[r] = 0;
		slack_build(a, r, &a->nvars);
	}
	return 0;
}

void
autoscale_release(struct autoscale *a)
{
	free(a->svcs);
	free(a->slack[0].bits);
	free(a->slack[1].bits);
	memset(a, 0, sizeof(*a));
}

double
autoscale_cost(const struct autoscale *a, int k, long r)
{
	const struct autoscale_svc *v = &a->svcs[k];
	const struct cluster_service *s = &a->c->services[v->svc];
	double u;

	if (s->request_rate <= 0)
		return 0;
	u = s->request_rate - (double)r * s->target_rate;
	if (u <= 0)
		return 0;
	return v->weight * u * u / s->request_rate;
}

double
autoscale_objective(const struct autoscale *a, const long *counts)
{
	double t = 0;
	int k;

	for (k = 0; k < a->nsvcs; k++)
		t += autoscale_cost(a, k, counts[k]);
	return t;
}

int
autoscale_feasible(const struct autoscale *a, const long *counts)
{
	double use;
	int k, r;

	for (k = 0; k < a->nsvcs; k++)
		if (counts[k] < a->svcs[k].lo || counts[k] > a->svcs[k].hi)
			return 0;
	for (r = 0; r < 2; r++) {
		use = 0;
		for (k = 0; k < a->nsvcs; k++)
			use += (double)(counts[k] - a->svcs[k].lo) *
			    a->svcs[k].req[r];
		if (use > a->room[r])
			return 0;
	}
	return 1;
}

/*
 * The largest range of one service's cost is enough (see autoscale.h): an
 * annealer fares better with a penalty that does not dwarf the objective.
 */
double
autoscale_penalty(const struct autoscale *a)
{
	double t = 0, d;
	int k;

	for (k = 0; k < a->nsvcs; k++) {
		d = autoscale_cost(a, k, a->svcs[k].lo) -
		    autoscale_cost(a, k, a->svcs[k].hi);
		if (d > t)
			t = d;
	}
	return ceil(1 + t);
}

/* Variable v's replica count and service, or -1 for a slack bit. */
static int
var_service(const struct autoscale *a, int v, long *count)
{
	int lo = 0, hi = a->nsvcs - 1, mid;

	if (v >= a->nrepl)
		return -1;
	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		if (a->svcs[mid].var0 <= v)
			lo = mid;
		else
			hi = mid - 1;
	}
	*count = a->svcs[lo].lo + (v - a->svcs[lo].var0);
	return lo;
}

/* The headroom penalty's linear coefficient of variable v (units of g). */
static double
var_coef(const struct autoscale *a, int r, int v)
{
	const struct autoscale_slack *sl = &a->slack[r];
	long count;
	int k;

	if ((k = var_service(a, v, &count)) >= 0)
		return (double)(count - a->svcs[k].lo) * a->svcs[k].req[r] /
		    sl->g;
	if (v >= sl->var0 && v < sl->var0 + sl->nbits)
		return sl->bits[v - sl->var0];
	return 0;
}

/* "c onehot" with the count variables of one service. */
static int
onehot_meta(struct qubo *q, const struct autoscale_svc *v, struct kerr *e)
{
	char *line = NULL;
	size_t len = 0;
	FILE *fp;
	long i;

	if ((fp = open_memstream(&line, &len)) == NULL)
		return kerr_set(e, "out of memory");
	fputs("onehot", fp);
	for (i = 0; i <= v->hi - v->lo; i++)
		fprintf(fp, " %ld", v->var0 + i);
	if (fclose(fp) != 0) {
		free(line);
		return kerr_set(e, "out of memory");
	}
	qubo_meta_add(q, "%s", line);
	free(line);
	return 0;
}

int
autoscale_qubo(struct qubo *q, const struct autoscale *a, double penalty,
    struct kerr *e)
{
	const struct autoscale_svc *v;
	const struct autoscale_slack *sl;
	double konst = 0, ci, cj, room;
	char buf[64], dig[17];
	int i, j, k, r, n;
	long count;

	if (penalty <= 0)
		penalty = autoscale_penalty(a);
	if (qubo_resize(q, a->nvars, e) < 0)
		return -1;
	qubo_meta_add(q, "kytos mode=autoscale cluster=%s penalty=%s",
	    cluster_digest_hex(a->c, dig), number_format(buf, penalty));
	for (k = 0; k < a->nsvcs; k++) {
		v = &a->svcs[k];
		n = (int)(v->hi - v->lo + 1);
		konst += autoscale_cost(a, k, v->hi) + penalty;
		for (i = 0; i < n; i++) {
			qubo_add(q, v->var0 + i, v->var0 + i,
			    autoscale_cost(a, k, v->lo + i) -
			    autoscale_cost(a, k, v->hi) - penalty);
			for (j = i + 1; j < n; j++)
				qubo_add(q, v->var0 + i, v->var0 + j,
				    2 * penalty);
		}
	}
	for (r = 0; r < 2; r++) {
		sl = &a->slack[r];
		if (!sl->active)
			continue;
		room = a->room[r] / sl->g;
		konst += penalty * room * room;
		/* A (sum c_i x_i - room)^2 over the variables that count. */
		for (i = 0; i < a->nvars; i++) {
			if ((ci = var_coef(a, r, i)) == 0)
				continue;
			qubo_add(q, i, i, penalty * (ci * ci - 2 * room * ci));
			for (j = i + 1; j < a->nvars; j++)
				if ((cj = var_coef(a, r, j)) != 0)
					qubo_add(q, i, j,
					    2 * penalty * ci * cj);
		}
	}
	qubo_meta_add(q, "offset %s", number_format(buf, konst));
	for (i = 0; i < a->nrepl; i++) {
		k = var_service(a, i, &count);
		qubo_meta_add(q, "var %d replicas %s %ld", i,
		    a->c->services[a->svcs[k].svc].name, count);
	}
	for (r = 0; r < 2; r++) {
		sl = &a->slack[r];
		for (i = 0; sl->active && i < sl->nbits; i++)
			qubo_meta_add(q, "var %d slack margin %s %s",
			    sl->var0 + i, res_name[r],
			    number_format(buf, sl->bits[i] * sl->g));
	}
	for (k = 0; k < a->nsvcs; k++)
		if (onehot_meta(q, &a->svcs[k], e) < 0)
			return -1;
	return qubo_finish(q, e);
}

struct milp *
autoscale_milp(const struct autoscale *a, struct kerr *e)
{
	const struct autoscale_svc *v;
	struct milp *m;
	double *val = NULL, off = 0;
	int *col = NULL, i, k, r, n;
	char name[64];

	if ((m = milp_new(a->nrepl, e)) == NULL)
		return NULL;
	col = mem_calloc((size_t)a->nrepl, sizeof(*col));
	val = mem_calloc((size_t)a->nrepl, sizeof(*val));
	for (k = 0; k < a->nsvcs; k++) {
		v = &a->svcs[k];
		n = (int)(v->hi - v->lo + 1);
		off += autoscale_cost(a, k, v->hi);
		for (i = 0; i < n; i++) {
			snprintf(name, sizeof(name), "r%d_%ld", k, v->lo + i);
			if (milp_set_col(m, v->var0 + i, 0, 1, 1,
			    autoscale_cost(a, k, v->lo + i) -
			    autoscale_cost(a, k, v->hi), name) < 0)
				goto fail;
			col[i] = v->var0 + i;
			val[i] = 1;
		}
		snprintf(name, sizeof(name), "onehot%d", k);
		if (milp_add_row(m, n, col, val, MILP_EQ, 1, name) < 0)
			goto fail;
	}
	for (r = 0; r < 2; r++) {
		if (!a->slack[r].active)
			continue;
		n = 0;
		for (i = 0; i < a->nrepl; i++) {
			val[n] = var_coef(a, r, i);
			if (val[n] != 0)
				col[n++] = i;
		}
		snprintf(name, sizeof(name), "margin_%s", res_name[r]);
		if (milp_add_row(m, n, col, val, MILP_LE,
		    a->room[r] / a->slack[r].g, name) < 0)
			goto fail;
	}
	milp_set_offset(m, off);
	free(col);
	free(val);
	return m;
fail:
	kerr_prefix(e, "autoscale");
	free(col);
	free(val);
	milp_free(m);
	return NULL;
}

void
autoscale_state(const struct autoscale *a, const long *counts,
    unsigned char *x)
{
	const struct autoscale_slack *sl;
	double left;
	int i, k, r;

	memset(x, 0, (size_t)a->nvars);
	for (k = 0; k < a->nsvcs; k++)
		if (counts[k] >= a->svcs[k].lo && counts[k] <= a->svcs[k].hi)
			x[a->svcs[k].var0 + (counts[k] - a->svcs[k].lo)] = 1;
	for (r = 0; r < 2; r++) {
		sl = &a->slack[r];
		if (!sl->active)
			continue;
		left = a->room[r] / sl->g;
		for (i = 0; i < a->nrepl; i++)
			if (x[i])
				left -= var_coef(a, r, i);
		/* Largest bit first: the expansion reaches every value. */
		for (i = sl->nbits - 1; i >= 0; i--)
			if (sl->bits[i] <= left) {
				x[sl->var0 + i] = 1;
				left -= sl->bits[i];
			}
	}
}

void
autoscale_counts_milp(const struct autoscale *a, const double *x,
    long *counts)
{
	long count;
	int i, k;

	for (k = 0; k < a->nsvcs; k++)
		counts[k] = a->svcs[k].lo;
	for (i = 0; i < a->nrepl; i++)
		if (x[i] > 0.5 && (k = var_service(a, i, &count)) >= 0)
			counts[k] = count;
}

static void
headroom(const struct autoscale *a, const double *use, struct json *obj)
{
	struct json *h = json_set(obj, "headroom", json_new_object());
	int r;

	for (r = 0; r < 2; r++)
		json_set_number(h, res_name[r], a->total[r] > 0 ?
		    1 - use[r] / a->total[r] : 0);
}

struct json *
autoscale_plan(const struct autoscale *a, const long *counts,
    struct json *repairs)
{
	const struct autoscale_svc *v;
	struct json *plan, *o, *arr, *ent;
	double use[2], now = 0, after = 0, wanted = 0;
	const char *lim;
	int k, r;

	plan = json_new_object();
	json_set_string(plan, "mode", "autoscale");
	json_set_bool(plan, "feasible", autoscale_feasible(a, counts));
	o = json_set(plan, "objective", json_new_object());
	json_set_number(o, "total", autoscale_objective(a, counts));
	for (k = 0; k < a->nsvcs; k++) {
		now += (double)a->svcs[k].current;
		after += (double)counts[k];
		wanted += (double)a->svcs[k].wanted;
	}
	o = json_set(plan, "before", json_new_object());
	json_set_number(o, "replicas", now);
	headroom(a, a->used, o);
	for (r = 0; r < 2; r++) {
		use[r] = a->used[r];
		for (k = 0; k < a->nsvcs; k++)
			use[r] += (double)(counts[k] - a->svcs[k].current) *
			    a->svcs[k].req[r];
	}
	o = json_set(plan, "after", json_new_object());
	json_set_number(o, "replicas", after);
	headroom(a, use, o);
	arr = json_set(plan, "scaling", json_new_array());
	for (k = 0; k < a->nsvcs; k++) {
		v = &a->svcs[k];
		ent = json_push(arr, json_new_object());
		json_set_string(ent, "service", a->c->services[v->svc].name);
		json_set_number(ent, "current", (double)v->current);
		json_set_number(ent, "raw", (double)v->raw);
		json_set_number(ent, "wanted", (double)v->wanted);
		json_set_number(ent, "recommended", (double)counts[k]);
		if (counts[k] < v->wanted)
			lim = v->node_size ? "node_size" : "margin";
		else
			lim = v->clamp;
		if (lim != NULL)
			json_set_string(ent, "limited_by", lim);
		else
			json_set_null(ent, "limited_by");
	}
	json_set(plan, "repairs", repairs != NULL ? repairs :
	    json_new_array());
	return plan;
}

static void
repair_add(struct json *repairs, const struct autoscale *a, int k,
    const char *why, long to)
{
	struct json *ent = json_push(repairs, json_new_object());

	json_set_string(ent, "service", a->c->services[a->svcs[k].svc].name);
	json_set_string(ent, "why", why);
	json_set_number(ent, "to", (double)to);
}

/* Cut scale-out back until the headroom holds: cheapest step first. */
static void
repair_margin(const struct autoscale *a, long *counts, struct json *repairs)
{
	double d, best;
	int k, bk;

	while (!autoscale_feasible(a, counts)) {
		bk = -1;
		best = 0;
		for (k = 0; k < a->nsvcs; k++) {
			if (counts[k] <= a->svcs[k].lo)
				continue;
			d = autoscale_cost(a, k, counts[k] - 1) -
			    autoscale_cost(a, k, counts[k]);
			if (bk < 0 || d < best) {
				bk = k;
				best = d;
			}
		}
		if (bk < 0)
			break;	/* every count at lo: feasible by design */
		counts[bk]--;
		repair_add(repairs, a, bk, "over margin", counts[bk]);
	}
}

struct json *
autoscale_decode(const struct autoscale *a, const struct sample_set *s,
    struct kerr *e)
{
	struct json *repairs, *plan;
	const char *mode, *dig;
	char want[17], name[512];
	long *counts, count;
	int *nset, k;
	size_t i;

	mode = sample_set_kytos(s, "mode");
	dig = sample_set_kytos(s, "cluster");
	if (mode == NULL || strcmp(mode, "autoscale") != 0) {
		kerr_set(e, "meta.kytos.mode: '%s', not 'autoscale'",
		    mode != NULL ? mode : "");
		return NULL;
	}
	if (dig == NULL || strcmp(dig, cluster_digest_hex(a->c, want)) != 0) {
		kerr_set(e, "meta.kytos.cluster: '%s': sample of another "
		    "cluster (this one is '%s')", dig != NULL ? dig : "",
		    want);
		return NULL;
	}
	if (!s->has_energy) {
		kerr_set(e, "energy: no solution to decode (status '%s')",
		    s->status);
		return NULL;
	}
	if (s->num_variables != a->nvars) {
		kerr_set(e, "num_variables: %d, but the autoscale model of "
		    "this cluster has %d", s->num_variables, a->nvars);
		return NULL;
	}
	for (i = 0; i < s->nones; i++) {
		k = var_service(a, s->ones[i], &count);
		if (s->names == NULL || s->names[i] == NULL || k < 0)
			continue;
		snprintf(name, sizeof(name), "replicas %s %ld",
		    a->c->services[a->svcs[k].svc].name, count);
		if (strcmp(s->names[i], name) != 0) {
			kerr_set(e, "names[%zu]: '%s', not '%s'", i,
			    s->names[i], name);
			return NULL;
		}
	}
	counts = mem_calloc((size_t)a->nsvcs, sizeof(*counts));
	nset = mem_calloc((size_t)a->nsvcs, sizeof(*nset));
	for (i = 0; i < s->nones; i++)
		if ((k = var_service(a, s->ones[i], &count)) >= 0 &&
		    nset[k]++ == 0)
			counts[k] = count;
	repairs = json_new_array();
	for (k = 0; k < a->nsvcs; k++) {
		if (nset[k] == 1)
			continue;
		counts[k] = a->svcs[k].lo;
		repair_add(repairs, a, k, nset[k] == 0 ? "no count chosen" :
		    "several counts chosen", counts[k]);
	}
	repair_margin(a, counts, repairs);
	plan = autoscale_plan(a, counts, repairs);
	free(nset);
	free(counts);
	return plan;
}

struct json *
autoscale_k8s(const struct json *plan)
{
	const struct json *v;
	struct json *o, *items, *x, *md;
	const char *svc, *slash;
	double cur, rec;

	o = json_new_object();
	json_set_string(o, "apiVersion", "v1");
	json_set_string(o, "kind", "List");
	items = json_set(o, "items", json_new_array());
	for (v = json_first(json_get(plan, "scaling")); v != NULL;
	    v = json_next(v)) {
		svc = json_string(json_get(v, "service"));
		cur = json_number(json_get(v, "current"));
		rec = json_number(json_get(v, "recommended"));
		if (svc == NULL || cur == rec)
			continue;
		x = json_push(items, json_new_object());
		json_set_string(x, "apiVersion", "autoscaling/v1");
		json_set_string(x, "kind", "Scale");
		md = json_set(x, "metadata", json_new_object());
		slash = strchr(svc, '/');
		json_set_string(md, "name", slash != NULL ? slash + 1 : svc);
		if (slash != NULL) {
			char *ns = mem_strdup(svc);

			ns[slash - svc] = '\0';
			json_set_string(md, "namespace", ns);
			free(ns);
		} else
			json_set_string(md, "namespace", "default");
		json_set_number(json_set(x, "spec", json_new_object()),
		    "replicas", rec);
	}
	return o;
}
