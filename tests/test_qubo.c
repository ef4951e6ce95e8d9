/*
 * test_qubo.c: lib/qubo against brute force: energies of random QUBOs over
 * every assignment, the qbsolv writer and reader round trip, metadata kept
 * verbatim, COO with vartype=SPIN, duplicates, i > j, and the errors.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "qubo.h"
#include "rng.h"

/* Dense upper-triangular matrix energy, the definition itself. */
static double
dense_energy(int n, const double *m, double offset, const unsigned char *x)
{
	double e = offset;
	int i, j;

	for (i = 0; i < n; i++)
		for (j = i; j < n; j++)
			if (x[i] && x[j])
				e += m[i * n + j];
	return e;
}

static void
bits(unsigned long v, int n, unsigned char *x)
{
	int i;

	for (i = 0; i < n; i++)
		x[i] = (unsigned char)((v >> i) & 1);
}

static int nwarn;

static void
count_warning(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
	nwarn++;
}

static int
read_text(struct qubo *q, const char *text, struct kerr *e)
{
	struct kwarn w = { count_warning, NULL };

	return qubo_read(q, text, strlen(text), "t", &w, e);
}

static char *
write_text(const struct qubo *q)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	CHECK(fp != NULL);
	CHECK(qubo_write(fp, q) == 0);
	fclose(fp);
	return buf;
}

/* Random QUBOs: energy, writer and reader round trip. */
static void
test_random(void)
{
	struct rng r;
	struct kerr e;
	struct qubo q, back;
	unsigned char x[12];
	double m[12 * 12];
	int t, n, i, j;
	unsigned long v;

	rng_seed(&r, 7, 0);
	for (t = 0; t < 40; t++) {
		char *text;

		n = 1 + (int)rng_below(&r, 12);
		memset(m, 0, sizeof(m));
		qubo_init(&q);
		CHECK(qubo_resize(&q, n, &e) == 0);
		for (i = 0; i < n; i++)
			for (j = i; j < n; j++) {
				double w;

				if (rng_below(&r, 3) == 0)
					continue;
				/* odd fractions test the number printer */
				w = (double)((int)rng_below(&r, 2001) - 1000) /
				    (i == j ? 7 : 3);
				m[i * n + j] += w;
				/* half the couplers given as j i */
				if (rng_below(&r, 2))
					qubo_add(&q, j, i, w);
				else
					qubo_add(&q, i, j, w);
			}
		qubo_meta_add(&q, "offset %d", t - 20);
		qubo_meta_add(&q, "var 0 place pod-%d node-a", t);
		qubo_meta_add(&q, "kytos mode=test n=%d", n);
		CHECK(qubo_finish(&q, &e) == 0);
		CHECK_NEAR(q.offset, t - 20, 0);
		for (v = 0; v < 1UL << n; v++) {
			bits(v, n, x);
			CHECK_NEAR(qubo_energy(&q, x),
			    dense_energy(n, m, t - 20, x), 1e-9);
		}

		text = write_text(&q);
		qubo_init(&back);
		nwarn = 0;
		CHECK(read_text(&back, text, &e) == 0);
		CHECK(nwarn == 0);
		CHECK(back.n == n);
		CHECK(back.nc == q.nc);
		CHECK(back.offset == q.offset);
		CHECK(back.names[0] != NULL &&
		    strcmp(back.names[0], q.names[0]) == 0);
		CHECK(qubo_kytos_get(&back, "mode") != NULL &&
		    strcmp(qubo_kytos_get(&back, "mode"), "test") == 0);
		for (i = 0; i < n; i++)
			CHECK(back.diag[i] == q.diag[i]);
		for (i = 0; i < (int)q.nc && i < (int)back.nc; i++)
			CHECK(back.c[i].i == q.c[i].i &&
			    back.c[i].j == q.c[i].j && back.c[i].w == q.c[i].w);
		for (v = 0; v < 1UL << n; v++) {
			bits(v, n, x);
			CHECK(qubo_energy(&back, x) == qubo_energy(&q, x));
		}
		/* and writing it again gives the same text */
		{
			char *again = write_text(&back);

			CHECK(strcmp(again, text) == 0);
			free(again);
		}
		free(text);
		qubo_release(&back);
		qubo_release(&q);
	}
}

/* Metadata lines come back verbatim; groups and names are parsed. */
static void
test_meta(void)
{
	static const char text[] =
	    "c a plain comment, dropped\n"
	    "c kytos mode=rebalance cluster=abc123\n"
	    "c var 1 place default/web-1   node-2\n"
	    "c onehot 0 1 2\n"
	    "c atmostone 3 4\n"
	    "c offset -2.5\n"
	    "p qubo 0 5 2 1\n"
	    "0 0 1\n"
	    "4 4 -1\n"
	    "2 0 3\n";
	static const char want[] =
	    "c kytos mode=rebalance cluster=abc123\n"
	    "c var 1 place default/web-1   node-2\n"
	    "c onehot 0 1 2\n"
	    "c atmostone 3 4\n"
	    "c offset -2.5\n"
	    "p qubo 0 5 2 1\n"
	    "0 0 1\n"
	    "4 4 -1\n"
	    "0 2 3\n";
	struct qubo q;
	struct kerr e;
	char *out;

	qubo_init(&q);
	CHECK(read_text(&q, text, &e) == 0);
	CHECK(q.n == 5 && q.nc == 1 && q.c[0].i == 0 && q.c[0].j == 2);
	CHECK(q.offset == -2.5);
	CHECK(q.ngroups == 2);
	CHECK(q.groups[0].kind == QUBO_ONEHOT && q.groups[0].n == 3);
	CHECK(q.groups[1].kind == QUBO_ATMOSTONE && q.groups[1].n == 2);
	CHECK(q.names[1] != NULL &&
	    strcmp(q.names[1], "place default/web-1   node-2") == 0);
	CHECK(q.names[0] == NULL);
	CHECK(strcmp(qubo_kytos_get(&q, "cluster"), "abc123") == 0);
	CHECK(qubo_kytos_get(&q, "nothing") == NULL);
	out = write_text(&q);
	CHECK(strcmp(out, want) == 0);
	free(out);
	qubo_release(&q);
}

/* dimod COO, binary and spin, with duplicates summed and one warning. */
static void
test_coo(void)
{
	struct rng r;
	struct qubo q;
	struct kerr e;
	double h[6], J[6][6];
	unsigned char x[6];
	char text[4096];
	size_t len;
	int t, n, i, j;
	unsigned long v;

	qubo_init(&q);
	nwarn = 0;
	CHECK(read_text(&q, "0 1 2\n1 0 3\n2 2 -1\n", &e) == 0);
	CHECK(nwarn == 1);
	CHECK(q.n == 3 && q.coo && q.nc == 1 && q.c[0].w == 5);
	CHECK(q.diag[2] == -1);
	qubo_release(&q);

	rng_seed(&r, 11, 0);
	for (t = 0; t < 20; t++) {
		n = 2 + (int)rng_below(&r, 5);
		len = (size_t)snprintf(text, sizeof(text),
		    "# vartype=SPIN\n");
		for (i = 0; i < n; i++) {
			h[i] = (int)rng_below(&r, 9) - 4;
			len += (size_t)snprintf(text + len, sizeof(text) - len,
			    "%d %d %g\n", i, i, h[i]);
			for (j = i + 1; j < n; j++) {
				J[i][j] = (int)rng_below(&r, 9) - 4;
				len += (size_t)snprintf(text + len,
				    sizeof(text) - len, "%d %d %g\n", j, i,
				    J[i][j]);
			}
		}
		CHECK(read_text(&q, text, &e) == 0);
		CHECK(q.n == n);
		for (v = 0; v < 1UL << n; v++) {
			double ising = 0;

			bits(v, n, x);
			for (i = 0; i < n; i++) {
				ising += h[i] * (2 * x[i] - 1);
				for (j = i + 1; j < n; j++)
					ising += J[i][j] * (2 * x[i] - 1) *
					    (2 * x[j] - 1);
			}
			CHECK_NEAR(qubo_energy(&q, x), ising, 1e-9);
		}
		qubo_release(&q);
	}
}

/* Every malformed input fails with its place. */
static void
test_errors(void)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "", "t: empty input: no p line and no entries" },
		{ "c only\n", "t: empty input: no p line and no entries" },
		{ "p qubo 0 2 2\n", "t:1: bad header" },
		{ "p qubo 0 x 0 0\n",
		    "t:1: bad header: maxNodes 'x' not a number" },
		{ "p qubo 0 2 1 0\n0 0 1\n1 1 1\n",
		    "t:1: header says 1 diagonal entries, found 2" },
		{ "p qubo 0 2 0 2\n0 1 1\n",
		    "t:1: header says 2 couplers, found 1" },
		{ "p qubo 0 2 0 1\n0 2 1\n",
		    "t:2: index '2' out of range (2 variables)" },
		{ "p qubo 0 2 0 1\n0 b 1\n", "t:2: bad index 'b'" },
		{ "p qubo 0 2 0 1\n0 1 w\n", "t:2: bad weight 'w'" },
		{ "p qubo 0 2 0 1\n0 1 inf\n", "t:2: bad weight 'inf'" },
		{ "p qubo 0 2 0 1\n0 1\n", "t:2: expected 'i j weight'" },
		{ "p qubo 0 2 0 0\np qubo 0 2 0 0\n", "t:2: second p line" },
		{ "0 1 1\np qubo 0 2 0 0\n", "t:2: p line after entries" },
		{ "# vartype=FOO\n0 1 1\n", "t:1: unknown vartype 'FOO'" },
		{ "c onehot 0 9\np qubo 0 2 0 0\n",
		    "t:1: variable index 9 out of range" },
		{ "c onehot\np qubo 0 2 0 0\n", "t:1: empty group" },
		{ "c var 0 a\nc var 0 b\np qubo 0 2 0 0\n",
		    "t:2: var 0 named twice" },
		{ "c offset 1 2\np qubo 0 2 0 0\n",
		    "t:1: offset: trailing text" },
		{ "c kytos =x\np qubo 0 2 0 0\n",
		    "t:1: kytos: expected key=value" },
	};
	struct qubo q;
	struct kerr e;
	size_t k;

	qubo_init(&q);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		e.msg[0] = '\0';
		CHECK(read_text(&q, bad[k].text, &e) == -1);
		if (strncmp(e.msg, bad[k].msg, strlen(bad[k].msg)) != 0)
			fprintf(stderr, "case %zu: got '%s', want '%s'\n", k,
			    e.msg, bad[k].msg);
		CHECK(strncmp(e.msg, bad[k].msg, strlen(bad[k].msg)) == 0);
		CHECK(q.n == 0 && q.nc == 0);	/* nothing half-read kept */
	}
	/* a NUL byte */
	CHECK(qubo_read(&q, "p qubo 0 1 0 0\n\0", 16, "t", NULL, &e) == -1);
	qubo_release(&q);
}

int
main(void)
{
	test_random();
	test_meta();
	test_coo();
	test_errors();
	return check_status();
}
