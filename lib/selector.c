/*
 * selector.c: Kubernetes label selectors (the equality- and set-based
 * forms of kubectl -l), matched against an object's metadata.labels.
 */
#include <stdlib.h>
#include <string.h>

#include "selector.h"

enum op { OP_EXISTS, OP_ABSENT, OP_EQ, OP_NE, OP_IN, OP_NOTIN };

struct req {
	char *key;
	enum op op;
	char **vals;
	size_t nvals;
};

struct selector {
	struct req *reqs;
	size_t nreqs;
};

static int
namechar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	    c == '/';
}

static const char *
skip(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Copy the name (possibly empty) at *pp and move *pp past it. */
static char *
name(const char **pp)
{
	const char *p = skip(*pp), *start = p;

	while (namechar(*p))
		p++;
	*pp = p;
	return strndup(start, (size_t)(p - start));
}

static int
push_val(struct req *r, char *v)
{
	char **nv;

	if (v == NULL ||
	    (nv = realloc(r->vals, (r->nvals + 1) * sizeof(*nv))) == NULL) {
		free(v);
		return -1;
	}
	r->vals = nv;
	r->vals[r->nvals++] = v;
	return 0;
}

/* One requirement starting at *pp; leaves *pp after it. */
static int
parse_req(const char **pp, struct req *r, const char *text, struct kerr *e)
{
	const char *p = skip(*pp);
	int neg = 0;

	if (*p == '!') {
		neg = 1;
		p++;
	}
	if ((r->key = name(&p)) == NULL)
		return kerr_set(e, "out of memory");
	if (r->key[0] == '\0')
		return kerr_set(e, "bad selector '%s': missing key", text);
	p = skip(p);
	if (neg || *p == ',' || *p == '\0') {
		r->op = neg ? OP_ABSENT : OP_EXISTS;
	} else if (p[0] == '!' && p[1] == '=') {
		r->op = OP_NE;
		p += 2;
	} else if (p[0] == '=') {
		r->op = OP_EQ;
		p += p[1] == '=' ? 2 : 1;
	} else if (strncmp(p, "in", 2) == 0 && !namechar(p[2])) {
		r->op = OP_IN;
		p += 2;
	} else if (strncmp(p, "notin", 5) == 0 && !namechar(p[5])) {
		r->op = OP_NOTIN;
		p += 5;
	} else
		return kerr_set(e, "bad selector '%s': unexpected '%c'", text,
		    *p);
	if (r->op == OP_EQ || r->op == OP_NE) {
		if (push_val(r, name(&p)) == -1)
			return kerr_set(e, "out of memory");
	} else if (r->op == OP_IN || r->op == OP_NOTIN) {
		p = skip(p);
		if (*p++ != '(')
			return kerr_set(e, "bad selector '%s': expected '('",
			    text);
		for (;;) {
			if (push_val(r, name(&p)) == -1)
				return kerr_set(e, "out of memory");
			p = skip(p);
			if (*p == ')')
				break;
			if (*p++ != ',')
				return kerr_set(e, "bad selector '%s': "
				    "expected ',' or ')'", text);
		}
		p++;
	}
	*pp = p;
	return 0;
}

struct selector *
selector_new(const char *s, struct kerr *e)
{
	struct selector *sel;
	struct req *nr;
	const char *p = s;

	if ((sel = calloc(1, sizeof(*sel))) == NULL) {
		kerr_set(e, "out of memory");
		return NULL;
	}
	for (;;) {
		nr = realloc(sel->reqs, (sel->nreqs + 1) * sizeof(*nr));
		if (nr == NULL) {
			kerr_set(e, "out of memory");
			goto fail;
		}
		sel->reqs = nr;
		memset(&sel->reqs[sel->nreqs], 0, sizeof(*nr));
		if (parse_req(&p, &sel->reqs[sel->nreqs++], s, e) == -1)
			goto fail;
		p = skip(p);
		if (*p == '\0')
			break;
		if (*p++ != ',') {
			kerr_set(e, "bad selector '%s': unexpected '%c'", s,
			    p[-1]);
			goto fail;
		}
	}
	return sel;
fail:
	selector_free(sel);
	return NULL;
}

void
selector_free(struct selector *sel)
{
	size_t i, j;

	if (sel == NULL)
		return;
	for (i = 0; i < sel->nreqs; i++) {
		for (j = 0; j < sel->reqs[i].nvals; j++)
			free(sel->reqs[i].vals[j]);
		free(sel->reqs[i].vals);
		free(sel->reqs[i].key);
	}
	free(sel->reqs);
	free(sel);
}

static int
req_match(const struct req *r, const struct json *labels)
{
	const struct json *l = json_get(labels, r->key);
	const char *v = NULL;
	size_t i;
	int in = 0;

	if (l != NULL && json_type(l) == JSON_STRING)
		v = json_string(l);
	switch (r->op) {
	case OP_EXISTS:
		return v != NULL;
	case OP_ABSENT:
		return v == NULL;
	default:
		break;
	}
	for (i = 0; v != NULL && i < r->nvals; i++)
		in |= strcmp(v, r->vals[i]) == 0;
	return r->op == OP_EQ || r->op == OP_IN ? in : !in;
}

int
selector_match(const struct selector *sel, const struct json *labels)
{
	size_t i;

	for (i = 0; i < sel->nreqs; i++)
		if (!req_match(&sel->reqs[i], labels))
			return 0;
	return 1;
}
