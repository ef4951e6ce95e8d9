/*
 * qubo.h: QUBO problems and their text (DESIGN section 4): the qbsolv format
 * with kytos metadata comments, and dimod COO.
 *
 * E(x) = offset + sum_i diag[i] x_i + sum_k c[k].w x_{c[k].i} x_{c[k].j}
 *
 * A struct qubo owns all its storage; qubo_release frees it.  Metadata lines
 * (c offset / var / onehot / atmostone / kytos) are kept verbatim and written
 * back unchanged; their meaning is parsed into names, groups, offset and the
 * kytos key=value pairs.
 */
#ifndef KYTOS_QUBO_H
#define KYTOS_QUBO_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

enum qubo_group_kind { QUBO_ONEHOT, QUBO_ATMOSTONE };

struct qubo_group {
	enum qubo_group_kind kind;
	int *vars;		/* member variables, in file order */
	int n;
};

struct qubo_coupler {
	int i, j;		/* i < j */
	double w;
};

struct qubo_meta {
	char *line;		/* without the leading "c " and the newline */
	long lineno;		/* 0 when added by a builder */
};

struct qubo {
	int n;			/* number of variables */
	double *diag;		/* n linear weights */
	unsigned char *has_diag;	/* n flags: a diagonal entry was given */
	struct qubo_coupler *c;	/* sorted by (i, j), merged after finish */
	size_t nc, capc;
	double offset;		/* from c offset lines */
	char **names;		/* n entries; NULL where c var gave none */
	struct qubo_group *groups;
	size_t ngroups;
	char **kytos;		/* 2*nkytos strings: key, value, key, … */
	size_t nkytos;
	struct qubo_meta *meta;
	size_t nmeta, parsed_meta;
	char *topology;		/* the p line's first field, "0" by default */
	int coo;		/* read from dimod COO text */
};

void qubo_init(struct qubo *q);
void qubo_release(struct qubo *q);

/*
 * Read qbsolv or COO text (detected: a "p" line means qbsolv).  Strict:
 * every malformed line is an error "name:line: what"; header counts are
 * checked; duplicate entries are summed with a warning; i > j is swapped.
 */
int qubo_read(struct qubo *q, const char *text, size_t len, const char *name,
    const struct kwarn *w, struct kerr *e);
/* Write qbsolv text: metadata lines, p line, diagonal, couplers. */
int qubo_write(FILE *fp, const struct qubo *q);

/* Building: set the size, add terms (summed), add metadata, finish. */
int qubo_resize(struct qubo *q, int n, struct kerr *e);
void qubo_add(struct qubo *q, int i, int j, double w);
void qubo_meta_add(struct qubo *q, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Sort and merge couplers, parse new metadata.  Reading calls it too. */
int qubo_finish(struct qubo *q, struct kerr *e);

/* Energy of a 0/1 assignment x[0..n-1], offset included. */
double qubo_energy(const struct qubo *q, const unsigned char *x);
/* A kytos metadata value, or NULL. */
const char *qubo_kytos_get(const struct qubo *q, const char *key);

#endif
