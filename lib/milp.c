/*
 * milp.c: the project's one lp_solve wrapper.  The model is kept in our own
 * arrays (columns, and rows in compressed form) and handed to lp_solve only
 * to solve or export it, so that the relaxation, the MPS export (sanitised
 * names, always a minimisation) and repeated solves with changed bounds are
 * each one fresh lprec built the same way.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lpsolve/lp_lib.h>

#include "clock.h"
#include "milp.h"

struct milp {
	int ncols;
	double *lo, *hi, *obj;
	char *integer;
	char **cname;
	int nrows, rcap;
	int *rstart;		/* nrows + 1 offsets into ridx/rval */
	int *ridx;
	double *rval;
	size_t nnz, nzcap;
	char *rsense;
	double *rhs;
	char **rname;
	int maximize;
	double offset;
	int nint;
	int oom;		/* a failed allocation poisons the model */
};

/* How lp_solve is being asked to build the model. */
enum build_mode { BUILD_SOLVE, BUILD_RELAX, BUILD_LP, BUILD_MPS };

struct solve_ctx {
	const struct milp_params *p;
	struct timespec t0;
	double last_report;
	double incumbent;
	int has_incumbent;
	double bound;
	int maximize;
	double offset;
};

static char *
dupstr(const char *s)
{
	char *d;
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	if ((d = malloc(n)) != NULL)
		memcpy(d, s, n);
	return d;
}

struct milp *
milp_new(int ncols, struct kerr *e)
{
	struct milp *m;
	int j;

	if (ncols < 0) {
		kerr_set(e, "milp: negative column count %d", ncols);
		return NULL;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL)
		goto oom;
	m->ncols = ncols;
	m->lo = calloc((size_t)ncols + 1, sizeof(double));
	m->hi = calloc((size_t)ncols + 1, sizeof(double));
	m->obj = calloc((size_t)ncols + 1, sizeof(double));
	m->integer = calloc((size_t)ncols + 1, 1);
	m->cname = calloc((size_t)ncols + 1, sizeof(char *));
	m->rstart = calloc(1, sizeof(int));
	if (m->lo == NULL || m->hi == NULL || m->obj == NULL ||
	    m->integer == NULL || m->cname == NULL || m->rstart == NULL)
		goto oom;
	for (j = 0; j < ncols; j++)
		m->hi[j] = INFINITY;
	return m;
oom:
	milp_free(m);
	kerr_set(e, "milp: out of memory");
	return NULL;
}

void
milp_free(struct milp *m)
{
	int i;

	if (m == NULL)
		return;
	if (m->cname != NULL)
		for (i = 0; i < m->ncols; i++)
			free(m->cname[i]);
	if (m->rname != NULL)
		for (i = 0; i < m->nrows; i++)
			free(m->rname[i]);
	free(m->lo);
	free(m->hi);
	free(m->obj);
	free(m->integer);
	free(m->cname);
	free(m->rstart);
	free(m->ridx);
	free(m->rval);
	free(m->rsense);
	free(m->rhs);
	free(m->rname);
	free(m);
}

int
milp_ncols(const struct milp *m)
{
	return m->ncols;
}

int
milp_nrows(const struct milp *m)
{
	return m->nrows;
}

int
milp_set_col(struct milp *m, int j, double lo, double hi, int integer,
    double obj, const char *name)
{
	if (j < 0 || j >= m->ncols)
		return -1;
	m->lo[j] = lo;
	m->hi[j] = hi;
	if (integer && !m->integer[j])
		m->nint++;
	else if (!integer && m->integer[j])
		m->nint--;
	m->integer[j] = integer != 0;
	m->obj[j] = obj;
	free(m->cname[j]);
	m->cname[j] = NULL;
	if (name != NULL && (m->cname[j] = dupstr(name)) == NULL) {
		m->oom = 1;
		return -1;
	}
	return 0;
}

int
milp_set_bounds(struct milp *m, int j, double lo, double hi)
{
	if (j < 0 || j >= m->ncols)
		return -1;
	m->lo[j] = lo;
	m->hi[j] = hi;
	return 0;
}

static int
grow_rows(struct milp *m)
{
	int cap = m->rcap ? 2 * m->rcap : 64;
	void *p;

	if ((p = realloc(m->rstart, ((size_t)cap + 1) * sizeof(int))) == NULL)
		return -1;
	m->rstart = p;
	if ((p = realloc(m->rsense, (size_t)cap)) == NULL)
		return -1;
	m->rsense = p;
	if ((p = realloc(m->rhs, (size_t)cap * sizeof(double))) == NULL)
		return -1;
	m->rhs = p;
	if ((p = realloc(m->rname, (size_t)cap * sizeof(char *))) == NULL)
		return -1;
	m->rname = p;
	m->rcap = cap;
	return 0;
}

static int
grow_nz(struct milp *m, size_t need)
{
	size_t cap = m->nzcap ? m->nzcap : 256;
	void *p;

	while (cap < need)
		cap *= 2;
	if ((p = realloc(m->ridx, cap * sizeof(int))) == NULL)
		return -1;
	m->ridx = p;
	if ((p = realloc(m->rval, cap * sizeof(double))) == NULL)
		return -1;
	m->rval = p;
	m->nzcap = cap;
	return 0;
}

int
milp_add_row(struct milp *m, int n, const int *cols, const double *vals,
    enum milp_sense sense, double rhs, const char *name)
{
	int k;

	if (n < 0)
		return -1;
	for (k = 0; k < n; k++)
		if (cols[k] < 0 || cols[k] >= m->ncols)
			return -1;
	if ((m->nrows == m->rcap && grow_rows(m) == -1) ||
	    (m->nnz + (size_t)n > m->nzcap && grow_nz(m, m->nnz + n) == -1)) {
		m->oom = 1;
		return -1;
	}
	for (k = 0; k < n; k++) {
		m->ridx[m->nnz + k] = cols[k];
		m->rval[m->nnz + k] = vals[k];
	}
	m->nnz += n;
	m->rsense[m->nrows] = (char)sense;
	m->rhs[m->nrows] = rhs;
	m->rname[m->nrows] = NULL;
	if (name != NULL && (m->rname[m->nrows] = dupstr(name)) == NULL) {
		m->oom = 1;
		return -1;
	}
	m->nrows++;
	m->rstart[m->nrows] = (int)m->nnz;
	return 0;
}

void
milp_set_maximize(struct milp *m, int maximize)
{
	m->maximize = maximize != 0;
}

void
milp_set_offset(struct milp *m, double offset)
{
	m->offset = offset;
}

void
milp_params_defaults(struct milp_params *p)
{
	memset(p, 0, sizeof(*p));
	p->time_limit = 0;
	p->gap = 1e-9;
	p->stop = NULL;
	p->progress = NULL;
	p->ctx = NULL;
	p->has_cutoff = 0;
	p->cutoff = 0;
}

const char *
milp_status_name(enum milp_status s)
{
	switch (s) {
	case MILP_OPTIMAL:
		return "optimal";
	case MILP_FEASIBLE:
		return "feasible";
	case MILP_INFEASIBLE:
		return "infeasible";
	case MILP_UNBOUNDED:
		return "unbounded";
	case MILP_TIMEOUT:
		return "timeout";
	case MILP_FAILED:
		break;
	}
	return "failed";
}

/*
 * Names for export: lp_solve's LP format reads "a-b" as a minus b and
 * "3x" as 3 times x, and MPS readers choke on spaces, so every name is
 * reduced to [A-Za-z0-9_], starts with a letter or underscore, and is made
 * unique with the index when two reduce to the same string.
 */
static char *
clean_name(const char *s)
{
	char *d;
	size_t n, k, o = 0;

	n = strlen(s);
	if ((d = malloc(n + 2 + 16)) == NULL)
		return NULL;
	if (n == 0 || isdigit((unsigned char)s[0]))
		d[o++] = '_';
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];

		d[o++] = (char)(isalnum(c) && c < 128 ? c : '_');
	}
	d[o] = '\0';
	return d;
}

static int
cmp_str(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(*x, *y);
}

/* Make names unique: a name that occurs twice gets "_<index>" appended. */
static int
uniquify(char **names, int n)
{
	char **sorted;
	int i, j, dup = 0;

	if (n < 2)
		return 0;
	if ((sorted = malloc((size_t)n * sizeof(char *))) == NULL)
		return -1;
	for (i = 0, j = 0; i < n; i++)
		if (names[i] != NULL)
			sorted[j++] = names[i];
	qsort(sorted, (size_t)j, sizeof(char *), cmp_str);
	for (i = 1; i < j; i++)
		if (strcmp(sorted[i - 1], sorted[i]) == 0)
			dup = 1;
	free(sorted);
	if (!dup)
		return 0;
	for (i = 0; i < n; i++) {
		char *p;
		size_t len;

		if (names[i] == NULL)
			continue;
		len = strlen(names[i]);
		if ((p = realloc(names[i], len + 16)) == NULL)
			return -1;
		snprintf(p + len, 16, "_%d", i);
		names[i] = p;
	}
	return 0;
}

static void
free_names(char **names, int n)
{
	int i;

	if (names == NULL)
		return;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static char **
export_names(char **src, int n)
{
	char **d;
	int i;

	if ((d = calloc((size_t)n + 1, sizeof(char *))) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (src[i] != NULL && (d[i] = clean_name(src[i])) == NULL)
			goto fail;
	if (uniquify(d, n) == -1)
		goto fail;
	return d;
fail:
	free_names(d, n);
	return NULL;
}

/*
 * Build a fresh lprec.  BUILD_RELAX drops integrality; BUILD_LP and
 * BUILD_MPS use export names and put the offset in the objective;
 * BUILD_MPS also writes a maximisation as the minimisation of its negation.
 */
static lprec *
build(struct milp *m, enum build_mode mode, const struct milp_params *p,
    struct kerr *e)
{
	lprec *lp;
	double *row = NULL, sign = 1;
	int *idx = NULL, j, i, ok = 1, width;
	char **cn = NULL, **rn = NULL;

	if (m->oom) {
		kerr_set(e, "milp: out of memory");
		return NULL;
	}
	if ((lp = make_lp(0, m->ncols)) == NULL) {
		kerr_set(e, "milp: lp_solve: cannot create the model");
		return NULL;
	}
	set_verbose(lp, NEUTRAL);
	set_outputfile(lp, "");
	if (mode == BUILD_LP || mode == BUILD_MPS) {
		if ((cn = export_names(m->cname, m->ncols)) == NULL ||
		    (rn = export_names(m->rname, m->nrows)) == NULL) {
			ok = 0;
			goto done;
		}
	}
	if (mode == BUILD_MPS && m->maximize)
		sign = -1;
	width = m->ncols;
	for (i = 0; i < m->nrows; i++)
		if (m->rstart[i + 1] - m->rstart[i] > width)
			width = m->rstart[i + 1] - m->rstart[i];
	idx = malloc(((size_t)width + 1) * sizeof(int));
	row = malloc(((size_t)width + 1) * sizeof(double));
	if (idx == NULL || row == NULL) {
		ok = 0;
		goto done;
	}
	for (j = 0; j < m->ncols; j++) {
		idx[j] = j + 1;
		row[j] = sign * m->obj[j];
	}
	ok = ok && set_obj_fnex(lp, m->ncols, row, idx);
	if (m->maximize && mode != BUILD_MPS)
		set_maxim(lp);
	else
		set_minim(lp);
	if (mode == BUILD_LP || mode == BUILD_MPS)
		ok = ok && set_rh(lp, 0, sign * m->offset);
	ok = ok && set_add_rowmode(lp, TRUE);
	for (i = 0; ok && i < m->nrows; i++) {
		int k, n = 0, type;

		for (k = m->rstart[i]; k < m->rstart[i + 1]; k++) {
			idx[n] = m->ridx[k] + 1;
			row[n++] = m->rval[k];
		}
		type = m->rsense[i] == MILP_LE ? LE :
		    m->rsense[i] == MILP_GE ? GE : EQ;
		ok = add_constraintex(lp, n, row, idx, type, m->rhs[i]);
	}
	/*
	 * A cutoff is an objective row: lp_solve 5.5's set_obj_bound did not
	 * prune in our tests, and a row provably does.  "Better than" is
	 * strict, up to a relative 1e-9.
	 */
	if (ok && mode == BUILD_SOLVE && p != NULL && p->has_cutoff) {
		double c = p->cutoff - m->offset;
		double tol = 1e-9 * fmax(1, fabs(p->cutoff));

		for (j = 0; j < m->ncols; j++) {
			idx[j] = j + 1;
			row[j] = m->obj[j];
		}
		ok = add_constraintex(lp, m->ncols, row, idx,
		    m->maximize ? GE : LE, m->maximize ? c + tol : c - tol);
	}
	ok = ok && set_add_rowmode(lp, FALSE);
	for (j = 0; ok && j < m->ncols; j++) {
		double lo = m->lo[j], hi = m->hi[j];

		if (isinf(lo) && lo < 0)
			lo = -get_infinite(lp);
		if (isinf(hi))
			hi = get_infinite(lp);
		ok = set_bounds(lp, j + 1, lo, hi);
		if (ok && m->integer[j] && mode != BUILD_RELAX)
			ok = set_int(lp, j + 1, TRUE);
		if (ok && cn != NULL && cn[j] != NULL)
			ok = set_col_name(lp, j + 1, cn[j]);
	}
	for (i = 0; ok && rn != NULL && i < m->nrows; i++)
		if (rn[i] != NULL)
			ok = set_row_name(lp, i + 1, rn[i]);
done:
	free(idx);
	free(row);
	free_names(cn, m->ncols);
	free_names(rn, m->nrows);
	if (!ok) {
		delete_lp(lp);
		kerr_set(e, "milp: lp_solve: cannot build the model "
		    "(out of memory)");
		return NULL;
	}
	return lp;
}

/* lp_solve calls this often; nonzero stops it (time limit or SIGINT). */
static int __WINAPI
on_abort(lprec *lp, void *h)
{
	struct solve_ctx *c = h;
	double t = clock_since(&c->t0);

	if (c->p->stop != NULL && *c->p->stop)
		return TRUE;
	if (c->p->time_limit > 0 && t >= c->p->time_limit)
		return TRUE;
	if (c->p->node_limit > 0 && get_total_nodes(lp) >= c->p->node_limit)
		return TRUE;
	if (c->p->progress != NULL && t - c->last_report >= 1.0) {
		double g = NAN;

		if (c->has_incumbent)
			g = fabs(c->incumbent - c->bound) /
			    fmax(fabs(c->incumbent), 1e-9);
		c->last_report = t;
		c->p->progress(c->p->ctx, t,
		    c->has_incumbent ? c->incumbent : NAN, c->bound, g);
	}
	return FALSE;
}

/* Improved solutions: keep the incumbent, report progress. */
static void __WINAPI
on_msg(lprec *lp, void *h, int msg)
{
	struct solve_ctx *c = h;
	double t = clock_since(&c->t0);

	if (!(msg & (MSG_MILPFEASIBLE | MSG_MILPBETTER)))
		return;
	c->incumbent = get_working_objective(lp) + c->offset;
	c->has_incumbent = 1;
	if (c->p->progress != NULL) {
		c->last_report = t;
		c->p->progress(c->p->ctx, t, c->incumbent, c->bound,
		    fabs(c->incumbent - c->bound) /
		    fmax(fabs(c->incumbent), 1e-9));
	}
}

static double
rel_gap(double obj, double bound)
{
	double d = fabs(obj - bound);

	if (d <= 1e-9 * fmax(1, fabs(obj)))
		return 0;
	return d / fmax(fabs(obj), 1e-9);
}

/* Run lp_solve on a built lprec and fill r. */
static int
run(struct milp *m, lprec *lp, struct solve_ctx *c, int relax,
    struct milp_result *r, struct kerr *e)
{
	int ret, has_x = 0;
	double *vars;
	const struct milp_params *p = c->p;

	if (p->time_limit > 0)
		set_timeout(lp, (long)ceil(p->time_limit) + 1);
	if (!relax) {
		set_mip_gap(lp, FALSE, p->gap > 0 ? p->gap : 1e-9);
		set_mip_gap(lp, TRUE, 1e-9);
	}
	put_abortfunc(lp, on_abort, c);
	put_msgfunc(lp, on_msg, c, MSG_MILPFEASIBLE | MSG_MILPBETTER);
	ret = solve(lp);
	switch (ret) {
	case OPTIMAL:
	case PRESOLVED:
		r->status = MILP_OPTIMAL;
		has_x = 1;
		break;
	case SUBOPTIMAL:
		r->status = MILP_FEASIBLE;
		has_x = 1;
		break;
	case INFEASIBLE:
		r->status = MILP_INFEASIBLE;
		break;
	case UNBOUNDED:
		r->status = MILP_UNBOUNDED;
		break;
	case USERABORT:
	case TIMEOUT:
		has_x = !relax && (c->has_incumbent ||
		    get_solutioncount(lp) > 0);
		r->status = has_x ? MILP_FEASIBLE : MILP_TIMEOUT;
		break;
	case NOMEMORY:
		return kerr_set(e, "milp: lp_solve: out of memory");
	default:
		r->status = MILP_FAILED;
		break;
	}
	r->seconds = clock_since(&c->t0);
	if (!has_x)
		return 0;
	if (!get_ptr_variables(lp, &vars))
		return kerr_set(e, "milp: lp_solve: no solution to read");
	if ((r->x = malloc(((size_t)m->ncols + 1) * sizeof(double))) == NULL)
		return kerr_set(e, "milp: out of memory");
	memcpy(r->x, vars, (size_t)m->ncols * sizeof(double));
	r->objective = get_objective(lp) + m->offset;
	return 0;
}

static void
result_init(struct milp_result *r)
{
	memset(r, 0, sizeof(*r));
	r->status = MILP_FAILED;
	r->objective = NAN;
	r->bound = NAN;
	r->gap = NAN;
}

/* A solve's bookkeeping, its clock started now. */
static void
solve_ctx_init(struct solve_ctx *c, const struct milp *m,
    const struct milp_params *p)
{
	memset(c, 0, sizeof(*c));
	c->p = p;
	c->maximize = m->maximize;
	c->offset = m->offset;
	c->bound = NAN;
	clock_start(&c->t0);
}

int
milp_solve_relaxation(struct milp *m, const struct milp_params *p,
    struct milp_result *r, struct kerr *e)
{
	struct solve_ctx c;
	lprec *lp;
	int rc;

	result_init(r);
	solve_ctx_init(&c, m, p);
	if ((lp = build(m, BUILD_RELAX, p, e)) == NULL)
		return -1;
	rc = run(m, lp, &c, 1, r, e);
	delete_lp(lp);
	if (rc == 0 && r->status == MILP_OPTIMAL) {
		r->bound = r->objective;
		r->gap = 0;
	}
	return rc;
}

int
milp_solve(struct milp *m, const struct milp_params *p,
    struct milp_result *r, struct kerr *e)
{
	struct milp_result root;
	struct solve_ctx c;
	lprec *lp;
	int rc;

	result_init(r);
	solve_ctx_init(&c, m, p);
	/*
	 * lp_solve reports no global bound during branch and bound, so the
	 * bound is the root LP's, solved first on its own.
	 */
	if (m->nint > 0 && !p->no_root_bound) {
		if (milp_solve_relaxation(m, p, &root, e) == -1)
			return -1;
		free(root.x);
		if (root.status == MILP_INFEASIBLE) {
			r->status = MILP_INFEASIBLE;
			r->seconds = clock_since(&c.t0);
			return 0;
		}
		if (root.status == MILP_OPTIMAL)
			c.bound = root.objective;
	}
	if ((lp = build(m, BUILD_SOLVE, p, e)) == NULL)
		return -1;
	rc = run(m, lp, &c, 0, r, e);
	delete_lp(lp);
	if (rc == -1)
		return -1;
	if (r->status == MILP_OPTIMAL) {
		r->bound = r->objective;
		r->gap = 0;
	} else if (r->status == MILP_FEASIBLE) {
		r->bound = c.bound;
		if (!isnan(c.bound))
			r->gap = rel_gap(r->objective, c.bound);
	} else
		r->bound = c.bound;
	r->seconds = clock_since(&c.t0);
	return 0;
}

static int
write_model(struct milp *m, const char *path, enum build_mode mode,
    struct kerr *e)
{
	lprec *lp;
	int ok;

	if ((lp = build(m, mode, NULL, e)) == NULL)
		return -1;
	errno = 0;
	ok = mode == BUILD_LP ? write_lp(lp, (char *)path) :
	    write_freemps(lp, (char *)path);
	delete_lp(lp);
	if (!ok)
		return kerr_set(e, "%s: %s", path,
		    errno ? strerror(errno) : "cannot write the model");
	return 0;
}

int
milp_write_lp(struct milp *m, const char *path, struct kerr *e)
{
	return write_model(m, path, BUILD_LP, e);
}

int
milp_write_mps(struct milp *m, const char *path, struct kerr *e)
{
	return write_model(m, path, BUILD_MPS, e);
}
