/*
 * rng.h: a small, fast, seedable generator (xoshiro256**, seeded through
 * splitmix64) so every stochastic path is reproducible from one seed.
 */
#ifndef KYTOS_RNG_H
#define KYTOS_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* Seed from a 64-bit seed and a stream number (e.g. the read index). */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(struct rng *r);
/* Uniform double in [0, 1). */
double rng_uniform(struct rng *r);
/* Uniform integer in [0, n), n > 0. */
uint32_t rng_below(struct rng *r, uint32_t n);

#endif
