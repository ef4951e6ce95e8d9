/* qubo.c: reading, writing and building QUBO problems. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "number.h"
#include "qubo.h"

void
qubo_init(struct qubo *q)
{
	memset(q, 0, sizeof(*q));
}

void
qubo_release(struct qubo *q)
{
	size_t k;
	int i;

	for (i = 0; q->names != NULL && i < q->n; i++)
		free(q->names[i]);
	for (k = 0; k < q->ngroups; k++)
		free(q->groups[k].vars);
	for (k = 0; k < 2 * q->nkytos; k++)
		free(q->kytos[k]);
	for (k = 0; k < q->nmeta; k++)
		free(q->meta[k].line);
	free(q->diag);
	free(q->has_diag);
	free(q->c);
	free(q->names);
	free(q->groups);
	free(q->kytos);
	free(q->meta);
	free(q->topology);
	memset(q, 0, sizeof(*q));
}

int
qubo_resize(struct qubo *q, int n, struct kerr *e)
{
	int i;

	if (n < 0)
		return kerr_set(e, "negative number of variables");
	q->diag = mem_realloc(q->diag, (size_t)n, sizeof(*q->diag));
	q->has_diag = mem_realloc(q->has_diag, 1, (size_t)n);
	q->names = mem_realloc(q->names, (size_t)n, sizeof(*q->names));
	for (i = q->n; i < n; i++) {
		q->diag[i] = 0;
		q->has_diag[i] = 0;
		q->names[i] = NULL;
	}
	q->n = n;
	return 0;
}

void
qubo_add(struct qubo *q, int i, int j, double w)
{
	if (i > j) {
		int t = i;

		i = j;
		j = t;
	}
	if (i == j) {
		q->diag[i] += w;
		q->has_diag[i] = 1;
		return;
	}
	if (q->nc == q->capc) {
		q->capc = q->capc ? 2 * q->capc : 1024;
		q->c = mem_realloc(q->c, q->capc, sizeof(*q->c));
	}
	q->c[q->nc].i = i;
	q->c[q->nc].j = j;
	q->c[q->nc].w = w;
	q->nc++;
}

void
qubo_meta_add(struct qubo *q, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = mem_realloc(NULL, 1, (size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	q->meta = mem_realloc(q->meta, (q->nmeta + 1), sizeof(*q->meta));
	q->meta[q->nmeta].line = s;
	q->meta[q->nmeta].lineno = 0;
	q->nmeta++;
}

/* Error for a metadata line: "line N: what" when read, "what" when built. */
static int
meta_err(struct kerr *e, const struct qubo_meta *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The message is "LINE: what" for a line read (the reader puts the file
 * name in front) and "metadata 'c …': what" for a line a builder added. */
static int
meta_err(struct kerr *e, const struct qubo_meta *m, const char *fmt, ...)
{
	char buf[KERR_MAX / 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (m->lineno > 0)
		return kerr_set(e, "%ld: %s", m->lineno, buf);
	return kerr_set(e, "metadata 'c %.200s': %s", m->line, buf);
}

static const char *
next_word(const char **p, size_t *len)
{
	const char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '\r' || *s == '\n') {
		*p = s;
		return NULL;
	}
	w = s;
	while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
		s++;
	*len = (size_t)(s - w);
	*p = s;
	return w;
}

static int
meta_index(const struct qubo *q, const struct qubo_meta *m, const char *w,
    size_t len, int *out, struct kerr *e)
{
	char buf[32];
	const char *why;
	long v;

	if (len >= sizeof(buf))
		return meta_err(e, m, "bad variable index '%.*s'", (int)len, w);
	memcpy(buf, w, len);
	buf[len] = '\0';
	if (number_long(buf, 0, q->n > 0 ? q->n - 1 : -1, &v, &why) < 0) {
		if (strcmp(why, "not a number") == 0)
			return meta_err(e, m, "bad variable index '%s'", buf);
		return meta_err(e, m, "variable index %s out of range (%d "
		    "variables)", buf, q->n);
	}
	*out = (int)v;
	return 0;
}

static int
meta_group(struct qubo *q, const struct qubo_meta *m, const char *p,
    enum qubo_group_kind kind, struct kerr *e)
{
	struct qubo_group g;
	const char *w;
	size_t len;
	int v, k;

	g.kind = kind;
	g.vars = NULL;
	g.n = 0;
	while ((w = next_word(&p, &len)) != NULL) {
		if (meta_index(q, m, w, len, &v, e) < 0)
			goto fail;
		for (k = 0; k < g.n; k++)
			if (g.vars[k] == v) {
				meta_err(e, m, "variable %d twice in one group",
				    v);
				goto fail;
			}
		g.vars = mem_realloc(g.vars, (size_t)(g.n + 1), sizeof(int));
		g.vars[g.n++] = v;
	}
	if (g.n == 0) {
		meta_err(e, m, "empty group");
		goto fail;
	}
	q->groups = mem_realloc(q->groups, (q->ngroups + 1), sizeof(g));
	q->groups[q->ngroups++] = g;
	return 0;
fail:
	free(g.vars);
	return -1;
}

static int
meta_parse(struct qubo *q, const struct qubo_meta *m, struct kerr *e)
{
	const char *p = m->line, *w, *eq, *rest;
	char buf[64];
	const char *why;
	size_t len;
	double d;
	int v;

	w = next_word(&p, &len);
	if (len == 6 && strncmp(w, "offset", 6) == 0) {
		if ((w = next_word(&p, &len)) == NULL || len >= sizeof(buf))
			return meta_err(e, m, "offset: expected a number");
		memcpy(buf, w, len);
		buf[len] = '\0';
		if (number_double(buf, -HUGE_VAL, HUGE_VAL, &d, &why) < 0)
			return meta_err(e, m, "offset: bad number '%s'", buf);
		if (next_word(&p, &len) != NULL)
			return meta_err(e, m, "offset: trailing text");
		q->offset += d;
	} else if (len == 3 && strncmp(w, "var", 3) == 0) {
		if ((w = next_word(&p, &len)) == NULL)
			return meta_err(e, m, "var: expected an index");
		if (meta_index(q, m, w, len, &v, e) < 0)
			return -1;
		while (*p == ' ' || *p == '\t')
			p++;
		rest = p;
		len = strcspn(rest, "\r\n");
		while (len > 0 && (rest[len - 1] == ' ' || rest[len - 1] == '\t'))
			len--;
		if (len == 0)
			return meta_err(e, m, "var %d: expected a kind", v);
		if (q->names[v] != NULL)
			return meta_err(e, m, "var %d named twice", v);
		q->names[v] = mem_realloc(NULL, 1, len + 1);
		memcpy(q->names[v], rest, len);
		q->names[v][len] = '\0';
	} else if (len == 6 && strncmp(w, "onehot", 6) == 0) {
		return meta_group(q, m, p, QUBO_ONEHOT, e);
	} else if (len == 9 && strncmp(w, "atmostone", 9) == 0) {
		return meta_group(q, m, p, QUBO_ATMOSTONE, e);
	} else if (len == 5 && strncmp(w, "kytos", 5) == 0) {
		while ((w = next_word(&p, &len)) != NULL) {
			eq = memchr(w, '=', len);
			if (eq == NULL || eq == w)
				return meta_err(e, m, "kytos: expected "
				    "key=value, got '%.*s'", (int)len, w);
			q->kytos = mem_realloc(q->kytos, 1,
			    2 * (q->nkytos + 1) * sizeof(char *));
			q->kytos[2 * q->nkytos] = mem_realloc(NULL, 1,
			    (size_t)(eq - w) + 1);
			memcpy(q->kytos[2 * q->nkytos], w, (size_t)(eq - w));
			q->kytos[2 * q->nkytos][eq - w] = '\0';
			q->kytos[2 * q->nkytos + 1] = mem_realloc(NULL, 1,
			    len - (size_t)(eq - w));
			memcpy(q->kytos[2 * q->nkytos + 1], eq + 1,
			    len - (size_t)(eq - w) - 1);
			q->kytos[2 * q->nkytos + 1][len - (eq - w) - 1] = '\0';
			q->nkytos++;
		}
	}
	return 0;
}

/* Is this comment text (after "c") one of our metadata keywords? */
static int
is_meta(const char *p)
{
	static const char *const kw[] = {
		"offset", "var", "onehot", "atmostone", "kytos"
	};
	size_t len, k;
	const char *w = next_word(&p, &len);

	if (w == NULL)
		return 0;
	for (k = 0; k < sizeof(kw) / sizeof(kw[0]); k++)
		if (len == strlen(kw[k]) && strncmp(w, kw[k], len) == 0)
			return 1;
	return 0;
}

static int
cmp_coupler(const void *a, const void *b)
{
	const struct qubo_coupler *x = a, *y = b;

	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	if (x->j != y->j)
		return x->j < y->j ? -1 : 1;
	return 0;
}

/* Stable order for duplicate detection on read: by (i, j), then position. */
struct entry {
	struct qubo_coupler c;
	long lineno;
};

static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int r = cmp_coupler(&x->c, &y->c);

	if (r != 0)
		return r;
	return (x->lineno > y->lineno) - (x->lineno < y->lineno);
}

static void
merge_couplers(struct qubo *q)
{
	size_t r, w = 0;

	for (r = 0; r < q->nc; r++) {
		if (w > 0 && q->c[w - 1].i == q->c[r].i &&
		    q->c[w - 1].j == q->c[r].j)
			q->c[w - 1].w += q->c[r].w;
		else
			q->c[w++] = q->c[r];
	}
	q->nc = w;
}

int
qubo_finish(struct qubo *q, struct kerr *e)
{
	if (q->nc > 1) {
		qsort(q->c, q->nc, sizeof(*q->c), cmp_coupler);
		merge_couplers(q);
	}
	for (; q->parsed_meta < q->nmeta; q->parsed_meta++)
		if (meta_parse(q, &q->meta[q->parsed_meta], e) < 0)
			return -1;
	return 0;
}

/* Parse one whitespace-separated field of an entry line. */
static int
field(const char **p, char *buf, size_t size)
{
	size_t len;
	const char *w = next_word(p, &len);

	if (w == NULL)
		return 0;
	if (len >= size)
		len = size - 1;
	memcpy(buf, w, len);
	buf[len] = '\0';
	return 1;
}

struct reader {
	const char *name;
	const struct kwarn *w;
	struct kerr *e;
	struct entry *ent;
	size_t nent, capent;
	int maxidx;		/* COO: largest index seen */
};

static int
rd_err(struct reader *r, long lineno, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
rd_err(struct reader *r, long lineno, const char *fmt, ...)
{
	char buf[KERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return kerr_set(r->e, "%s:%ld: %s", r->name, lineno, buf);
}

/* Parse "i j w" into the reader's entry list.  limit < 0: no upper bound. */
static int
rd_entry(struct reader *r, const char *p, long lineno, int limit,
    int *is_diag)
{
	char fi[64], fj[64], fw[64], extra[8];
	const char *why;
	long i, j;
	double w;

	if (!field(&p, fi, sizeof(fi)) || !field(&p, fj, sizeof(fj)) ||
	    !field(&p, fw, sizeof(fw)) || field(&p, extra, sizeof(extra)))
		return rd_err(r, lineno, "expected 'i j weight'");
	if (number_long(fi, 0, limit < 0 ? 2147483646L : limit - 1, &i,
	    &why) < 0 || number_long(fj, 0, limit < 0 ? 2147483646L :
	    limit - 1, &j, &why) < 0) {
		/* name the field at fault: i if it fails alone, else j */
		const char *bad = number_long(fi, 0, limit < 0 ?
		    2147483646L : limit - 1, &i, &why) < 0 ? fi : fj;

		number_long(bad, 0, limit < 0 ? 2147483646L : limit - 1, &i,
		    &why);
		if (strcmp(why, "not a number") == 0)
			return rd_err(r, lineno, "bad index '%s'", bad);
		return rd_err(r, lineno, "index '%s' out of range (%d "
		    "variables)", bad, limit);
	}
	if (number_double(fw, -HUGE_VAL, HUGE_VAL, &w, &why) < 0)
		return rd_err(r, lineno, "bad weight '%s'", fw);
	if (i > j) {
		long t = i;

		i = j;
		j = t;
	}
	if (r->nent == r->capent) {
		r->capent = r->capent ? 2 * r->capent : 1024;
		r->ent = mem_realloc(r->ent, r->capent, sizeof(*r->ent));
	}
	r->ent[r->nent].c.i = (int)i;
	r->ent[r->nent].c.j = (int)j;
	r->ent[r->nent].c.w = w;
	r->ent[r->nent].lineno = lineno;
	r->nent++;
	if (j > r->maxidx)
		r->maxidx = (int)j;
	*is_diag = (i == j);
	return 0;
}

/* Move the entries into q: diagonal summed, couplers sorted and merged. */
static int
rd_commit(struct reader *r, struct qubo *q, int spin)
{
	size_t k;

	/* qsort(NULL, 0) is undefined: a p line with no entries has none */
	if (r->nent > 1)
		qsort(r->ent, r->nent, sizeof(*r->ent), cmp_entry);
	for (k = 0; k < r->nent; k++) {
		const struct qubo_coupler *c = &r->ent[k].c;

		if (k > 0 && r->ent[k - 1].c.i == c->i &&
		    r->ent[k - 1].c.j == c->j)
			kwarn(r->w, "%s:%ld: duplicate entry (%d, %d) summed",
			    r->name, r->ent[k].lineno, c->i, c->j);
		if (spin) {
			/* s = 2x - 1 */
			if (c->i == c->j) {
				q->diag[c->i] += 2 * c->w;
				q->has_diag[c->i] = 1;
				q->offset -= c->w;
			} else {
				qubo_add(q, c->i, c->j, 4 * c->w);
				q->diag[c->i] -= 2 * c->w;
				q->diag[c->j] -= 2 * c->w;
				q->has_diag[c->i] = q->has_diag[c->j] = 1;
				q->offset += c->w;
			}
		} else
			qubo_add(q, c->i, c->j, c->w);
	}
	return 0;
}

int
qubo_read(struct qubo *q, const char *text, size_t len, const char *name,
    const struct kwarn *w, struct kerr *e)
{
	struct reader r;
	const char *p = text, *end = text + len, *nl, *s;
	char word[64], fn[64], fd[64], fc[64], extra[8];
	long lineno = 0, v, ndiag_hdr = 0, ncpl_hdr = 0, ndiag = 0, ncpl = 0;
	long pline = 0;
	const char *why;
	int have_p = 0, coo = -1, spin = 0, is_diag = 0, rc = -1;

	memset(&r, 0, sizeof(r));
	r.name = name;
	r.w = w;
	r.e = e;
	r.maxidx = -1;
	qubo_release(q);
	if (memchr(text, '\0', len) != NULL)
		return kerr_set(e, "%s: NUL byte in QUBO text", name);
	for (; p < end; p = nl + 1) {
		size_t ll;

		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		ll = (size_t)(nl - p);
		if (ll > 0 && p[ll - 1] == '\r')
			ll--;
		s = p;
		while (s < p + ll && (*s == ' ' || *s == '\t'))
			s++;
		if (s == p + ll)
			continue;	/* blank */
		if (*s == 'c' && (s + 1 == p + ll || s[1] == ' ' ||
		    s[1] == '\t')) {
			char *line;

			if (!is_meta(s + 1))
				continue;
			line = mem_realloc(NULL, 1, (size_t)(p + ll - s));
			memcpy(line, s + 2, (size_t)(p + ll - s - 2));
			line[p + ll - s - 2] = '\0';
			q->meta = mem_realloc(q->meta, 1,
			    (q->nmeta + 1) * sizeof(*q->meta));
			q->meta[q->nmeta].line = line;
			q->meta[q->nmeta].lineno = lineno;
			q->nmeta++;
			continue;
		}
		if (*s == '#') {
			const char *t = s + 1;

			if (field(&t, word, sizeof(word)) &&
			    strncmp(word, "vartype=", 8) == 0) {
				if (strcmp(word + 8, "SPIN") == 0)
					spin = 1;
				else if (strcmp(word + 8, "BINARY") != 0) {
					rd_err(&r, lineno, "unknown vartype "
					    "'%s'", word + 8);
					goto out;
				}
			}
			continue;
		}
		if (*s == 'p' && (s[1] == ' ' || s[1] == '\t')) {
			const char *t = s + 1;
			char line[256];
			size_t cl = (size_t)(p + ll - t);

			if (have_p) {
				rd_err(&r, lineno, "second p line (first on "
				    "line %ld)", pline);
				goto out;
			}
			if (coo == 1) {
				rd_err(&r, lineno, "p line after entries");
				goto out;
			}
			if (cl >= sizeof(line))
				cl = sizeof(line) - 1;
			memcpy(line, t, cl);
			line[cl] = '\0';
			t = line;
			if (!field(&t, word, sizeof(word)) ||
			    strcmp(word, "qubo") != 0 ||
			    !field(&t, fd, sizeof(fd)) ||
			    !field(&t, fn, sizeof(fn)) ||
			    !field(&t, fc, sizeof(fc)) ||
			    !field(&t, extra, sizeof(extra)) ||
			    field(&t, word, sizeof(word))) {
				rd_err(&r, lineno, "bad header: expected 'p "
				    "qubo <topology> <maxNodes> <nNodes> "
				    "<nCouplers>'");
				goto out;
			}
			q->topology = mem_strdup(fd);
			if (number_long(fn, 0, 2147483646L, &v, &why) < 0) {
				rd_err(&r, lineno, "bad header: maxNodes '%s' "
				    "%s", fn, why);
				goto out;
			}
			if (qubo_resize(q, (int)v, e) < 0)
				goto out;
			if (number_long(fc, 0, 2147483646L, &ndiag_hdr,
			    &why) < 0) {
				rd_err(&r, lineno, "bad header: nNodes '%s' "
				    "%s", fc, why);
				goto out;
			}
			if (number_long(extra, 0, 1L << 62, &ncpl_hdr,
			    &why) < 0) {
				rd_err(&r, lineno, "bad header: nCouplers "
				    "'%s' %s", extra, why);
				goto out;
			}
			have_p = 1;
			pline = lineno;
			coo = 0;
			continue;
		}
		/* An entry line. */
		if (coo == -1)
			coo = 1;
		{
			char line[256];
			size_t cl = (size_t)(p + ll - s);

			if (cl >= sizeof(line)) {
				rd_err(&r, lineno, "expected 'i j weight'");
				goto out;
			}
			memcpy(line, s, cl);
			line[cl] = '\0';
			if (rd_entry(&r, line, lineno, coo ? -1 : q->n,
			    &is_diag) < 0)
				goto out;
		}
		if (is_diag)
			ndiag++;
		else
			ncpl++;
	}
	if (coo == -1) {
		kerr_set(e, "%s: empty input: no p line and no entries", name);
		goto out;
	}
	if (coo == 0) {
		if (ndiag != ndiag_hdr) {
			kerr_set(e, "%s:%ld: header says %ld diagonal entries, "
			    "found %ld", name, pline, ndiag_hdr, ndiag);
			goto out;
		}
		if (ncpl != ncpl_hdr) {
			kerr_set(e, "%s:%ld: header says %ld couplers, found "
			    "%ld", name, pline, ncpl_hdr, ncpl);
			goto out;
		}
	} else {
		if (qubo_resize(q, r.maxidx + 1, e) < 0)
			goto out;
		q->coo = 1;
	}
	if (spin && !q->coo) {
		kerr_set(e, "%s: vartype=SPIN applies to COO text only", name);
		goto out;
	}
	rd_commit(&r, q, spin);
	if (qubo_finish(q, e) < 0) {
		char tmp[KERR_MAX];

		memcpy(tmp, e->msg, sizeof(tmp));
		tmp[sizeof(tmp) / 2] = '\0';
		kerr_set(e, "%.200s:%s", name, tmp);
		goto out;
	}
	if (q->topology == NULL)
		q->topology = mem_strdup("0");
	rc = 0;
out:
	free(r.ent);
	if (rc < 0)
		qubo_release(q);
	return rc;
}

int
qubo_write(FILE *fp, const struct qubo *q)
{
	char a[32];
	size_t k, nd = 0;
	int i;

	for (k = 0; k < q->nmeta; k++)
		fprintf(fp, "c %s\n", q->meta[k].line);
	for (i = 0; i < q->n; i++)
		nd += q->has_diag[i] != 0;
	fprintf(fp, "p qubo %s %d %zu %zu\n", q->topology ? q->topology : "0",
	    q->n, nd, q->nc);
	for (i = 0; i < q->n; i++)
		if (q->has_diag[i])
			fprintf(fp, "%d %d %s\n", i, i,
			    number_format(a, q->diag[i]));
	for (k = 0; k < q->nc; k++)
		fprintf(fp, "%d %d %s\n", q->c[k].i, q->c[k].j,
		    number_format(a, q->c[k].w));
	return ferror(fp) ? -1 : 0;
}

double
qubo_energy(const struct qubo *q, const unsigned char *x)
{
	double e = q->offset;
	size_t k;
	int i;

	for (i = 0; i < q->n; i++)
		if (x[i])
			e += q->diag[i];
	for (k = 0; k < q->nc; k++)
		if (x[q->c[k].i] && x[q->c[k].j])
			e += q->c[k].w;
	return e;
}

const char *
qubo_kytos_get(const struct qubo *q, const char *key)
{
	size_t k;

	for (k = q->nkytos; k-- > 0;)
		if (strcmp(q->kytos[2 * k], key) == 0)
			return q->kytos[2 * k + 1];
	return NULL;
}
