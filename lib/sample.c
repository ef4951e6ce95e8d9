/* sample.c: writing and reading sample JSON. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sample.h"

void
sample_set_init(struct sample_set *s)
{
	memset(s, 0, sizeof(*s));
	strcpy(s->status, "ok");
}

void
sample_set_release(struct sample_set *s)
{
	size_t k;

	for (k = 0; k < s->nsamples; k++)
		free(s->samples[k].ones);
	for (k = 0; s->names != NULL && k < s->nones; k++)
		free(s->names[k]);
	for (k = 0; k < 2 * s->nkytos; k++)
		free(s->kytos[k]);
	free(s->samples);
	free(s->ones);
	free(s->names);
	free(s->kytos);
	memset(s, 0, sizeof(*s));
}

static struct json *
ones_json(const int *ones, size_t n)
{
	struct json *a = json_new_array();
	size_t k;

	for (k = 0; k < n; k++)
		json_push(a, json_new_number(ones[k]));
	return a;
}

struct json *
sample_set_json(const struct sample_set *s, const struct qubo *q)
{
	struct json *o = json_new_object(), *a, *m, *kj;
	size_t k;
	int named = 0;

	json_set_string(o, "solver", s->solver);
	json_set_string(o, "status", s->status);
	json_set_string(o, "sense", s->maximize ? "maximize" : "minimize");
	json_set_number(o, "num_variables", s->num_variables);
	if (s->has_energy)
		json_set_number(o, "energy", s->energy);
	else
		json_set_null(o, "energy");
	json_set(o, "ones", ones_json(s->ones, s->nones));
	if (q != NULL && q->names != NULL)
		for (k = 0; k < s->nones && !named; k++)
			named = q->names[s->ones[k]] != NULL;
	if (named) {
		a = json_set(o, "names", json_new_array());
		for (k = 0; k < s->nones; k++)
			json_push(a, q->names[s->ones[k]] ?
			    json_new_string(q->names[s->ones[k]]) :
			    json_new_null());
	}
	if (s->has_bound) {
		json_set_number(o, "bound", s->bound);
		json_set_number(o, "gap", s->gap);
	}
	a = json_set(o, "samples", json_new_array());
	for (k = 0; k < s->nsamples; k++) {
		struct json *e = json_push(a, json_new_object());

		json_set_number(e, "energy", s->samples[k].energy);
		json_set(e, "ones", ones_json(s->samples[k].ones,
		    s->samples[k].nones));
		json_set_number(e, "count", (double)s->samples[k].count);
	}
	m = json_set(o, "meta", json_new_object());
	if (q != NULL && q->nkytos > 0) {
		kj = json_set(m, "kytos", json_new_object());
		for (k = 0; k < q->nkytos; k++)
			json_set_string(kj, q->kytos[2 * k],
			    q->kytos[2 * k + 1]);
	}
	return o;
}

static int
read_ones(const struct json *a, const char *where, int nvars, int **out,
    size_t *n, struct kerr *e)
{
	const struct json *v;
	size_t k = 0;
	int *ones;

	*n = json_size(a);
	ones = calloc(*n ? *n : 1, sizeof(int));
	if (ones == NULL)
		return kerr_set(e, "%s: out of memory", where);
	for (v = json_first(a); v != NULL; v = json_next(v), k++) {
		double d;

		if (json_type(v) != JSON_NUMBER) {
			free(ones);
			return kerr_set(e, "%s[%zu]: expected a number, got %s",
			    where, k, json_type_name(v));
		}
		d = json_number(v);
		if (d != floor(d) || d < 0 || (nvars >= 0 && d >= nvars)) {
			free(ones);
			return kerr_set(e, "%s[%zu]: bad variable index %g",
			    where, k, d);
		}
		ones[k] = (int)d;
	}
	*out = ones;
	return 0;
}

int
sample_set_read(struct sample_set *s, const char *text, size_t len,
    const char *name, struct kerr *e)
{
	struct json *root;
	const struct json *ones = NULL, *names = NULL, *meta = NULL,
	    *kj = NULL, *v;
	const char *str;
	double d = -1;
	size_t k;
	int rc = -1;

	sample_set_init(s);
	if ((root = json_parse(text, len, name, e)) == NULL)
		return -1;
	if (json_type(root) != JSON_OBJECT) {
		kerr_set(e, "%s: expected an object, got %s", name,
		    json_type_name(root));
		goto out;
	}
	str = "";
	if (json_want_string(root, "", "solver", 0, &str, e) < 0)
		goto fail;
	snprintf(s->solver, sizeof(s->solver), "%s", str);
	str = "ok";
	if (json_want_string(root, "", "status", 0, &str, e) < 0)
		goto fail;
	snprintf(s->status, sizeof(s->status), "%s", str);
	str = "minimize";
	if (json_want_string(root, "", "sense", 0, &str, e) < 0)
		goto fail;
	if (strcmp(str, "maximize") == 0)
		s->maximize = 1;
	else if (strcmp(str, "minimize") != 0) {
		kerr_set(e, "%s: sense: expected 'minimize' or 'maximize', "
		    "got '%s'", name, str);
		goto out;
	}
	if (json_want_number(root, "", "num_variables", 0, &d, e) < 0)
		goto fail;
	s->num_variables = d >= 0 && d < 2147483647.0 ? (int)d : -1;
	v = json_get(root, "energy");
	if (v != NULL && json_type(v) == JSON_NUMBER) {
		s->has_energy = 1;
		s->energy = json_number(v);
	} else if (v != NULL && json_type(v) != JSON_NULL) {
		kerr_set(e, "%s: energy: expected a number, got %s", name,
		    json_type_name(v));
		goto out;
	}
	if (json_want_array(root, "", "ones", 1, &ones, e) < 0)
		goto fail;
	if (read_ones(ones, "ones", s->num_variables, &s->ones, &s->nones,
	    e) < 0)
		goto fail;
	if (json_want_array(root, "", "names", 0, &names, e) < 0)
		goto fail;
	if (names != NULL) {
		if (json_size(names) != s->nones) {
			kerr_set(e, "%s: names: %zu names for %zu ones", name,
			    json_size(names), s->nones);
			goto out;
		}
		s->names = calloc(s->nones ? s->nones : 1, sizeof(char *));
		if (s->names == NULL) {
			kerr_set(e, "%s: out of memory", name);
			goto out;
		}
		for (v = json_first(names), k = 0; v; v = json_next(v), k++) {
			if (json_type(v) == JSON_NULL)
				continue;
			if (json_type(v) != JSON_STRING) {
				kerr_set(e, "%s: names[%zu]: expected a string, "
				    "got %s", name, k, json_type_name(v));
				goto out;
			}
			if ((s->names[k] = strdup(json_string(v))) == NULL)
				abort();
		}
	}
	if (json_want_object(root, "", "meta", 0, &meta, e) < 0)
		goto fail;
	if (meta != NULL && json_want_object(meta, "meta", "kytos", 0, &kj,
	    e) < 0)
		goto fail;
	if (kj != NULL) {
		s->nkytos = json_size(kj);
		s->kytos = calloc(2 * s->nkytos + 1, sizeof(char *));
		if (s->kytos == NULL)
			abort();
		for (v = json_first(kj), k = 0; v; v = json_next(v), k++) {
			if (json_type(v) != JSON_STRING) {
				s->nkytos = k;
				kerr_set(e, "%s: meta.kytos.%s: expected a "
				    "string, got %s", name, json_key(v),
				    json_type_name(v));
				goto out;
			}
			if ((s->kytos[2 * k] = strdup(json_key(v))) == NULL ||
			    (s->kytos[2 * k + 1] = strdup(json_string(v))) ==
			    NULL)
				abort();
		}
	}
	v = json_get(root, "bound");
	if (v != NULL && json_type(v) == JSON_NUMBER) {
		s->has_bound = 1;
		s->bound = json_number(v);
		if ((v = json_get(root, "gap")) != NULL &&
		    json_type(v) == JSON_NUMBER)
			s->gap = json_number(v);
	}
	rc = 0;
	goto out;
fail:
	kerr_prefix(e, "%s", name);
out:
	json_free(root);
	if (rc < 0)
		sample_set_release(s);
	return rc;
}

const char *
sample_set_kytos(const struct sample_set *s, const char *key)
{
	size_t k;

	for (k = 0; k < s->nkytos; k++)
		if (strcmp(s->kytos[2 * k], key) == 0)
			return s->kytos[2 * k + 1];
	return NULL;
}
