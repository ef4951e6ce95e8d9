/*
 * sample.h: sample JSON (DESIGN section 5), the output of every solver and
 * the input of kytos-decode.
 *
 * A struct sample_set owns its storage (sample_set_release frees it).
 * sample_set_json borrows the set and the QUBO it came from (for names and
 * the kytos metadata) and returns a new tree the caller frees.
 */
#ifndef KYTOS_SAMPLE_H
#define KYTOS_SAMPLE_H

#include <stddef.h>

#include "err.h"
#include "json.h"
#include "qubo.h"

struct sample {
	double energy;
	int *ones;		/* sorted indices of the variables set to 1 */
	size_t nones;
	long count;		/* reads that ended in this state */
};

struct sample_set {
	char solver[32];
	char status[16];	/* "ok", "target", "timeout", "optimal", … */
	int maximize;		/* sense: energies are in the file's sense */
	int num_variables;
	int has_energy;		/* 0: no solution ("energy": null) */
	double energy;		/* best */
	int *ones;		/* best state, sorted */
	size_t nones;
	struct sample *samples;	/* distinct states, best first */
	size_t nsamples;
	int has_bound;		/* kytos-milp: bound and gap */
	double bound, gap;
	char **names;		/* read back: names[k] names ones[k], or NULL */
	char **kytos;		/* read back: key, value, key, value, … */
	size_t nkytos;
};

void sample_set_init(struct sample_set *s);
void sample_set_release(struct sample_set *s);

/*
 * The sample JSON object: solver, status, sense, num_variables, energy,
 * ones, names (where q names them), samples, bound and gap (when set), meta
 * (the kytos pairs of q).  The caller adds "stats".
 */
struct json *sample_set_json(const struct sample_set *s, const struct qubo *q);

/* Read sample JSON as any solver writes it; errors name the place. */
int sample_set_read(struct sample_set *s, const char *text, size_t len,
    const char *name, struct kerr *e);
/* A kytos metadata value read back, or NULL. */
const char *sample_set_kytos(const struct sample_set *s, const char *key);

#endif
