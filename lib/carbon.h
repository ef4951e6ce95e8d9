/*
 * carbon.h: carbon-intensity time series for caspian.  Reads Electricity
 * Maps hourly CSV, Electricity Maps forecast JSON and Carbon Aware SDK
 * forecast JSON into per-zone series, and resamples a series to the slots
 * of a plan (time-weighted average when slots are longer than the data,
 * linear interpolation when shorter).
 *
 * Ownership: struct carbon_set owns its series and their strings;
 * carbon_set_release frees them; carbon_json returns a tree the caller
 * frees.  Everything else borrows.
 */
#ifndef KYTOS_CARBON_H
#define KYTOS_CARBON_H

#include <stddef.h>

#include "err.h"
#include "json.h"

/* One reading: value over [t, t + len) seconds, from file:line. */
struct carbon_point {
	long long t;
	long len;	/* 0 until known: the series' step is used */
	double v;
	const char *file;
	long line;	/* text line; -(index + 1) in a JSON array */
};

struct carbon_series {
	char *zone;
	struct carbon_point *p;
	size_t n, cap;
};

struct carbon_set {
	struct carbon_series *s;
	size_t n, cap;
	char **names;	/* file names the points point at */
	size_t nnames;
};

void carbon_set_init(struct carbon_set *cs);
void carbon_set_release(struct carbon_set *cs);

/*
 * Add the readings of one file (CSV or either JSON format, told apart by
 * the first character) to the set.  name is used in messages and copied.
 * Rows without a value are skipped with a warning; malformed rows are
 * errors "name:line: what".
 */
int carbon_load(struct carbon_set *cs, const char *text, size_t len,
    const char *name, const struct kwarn *w, struct kerr *e);

/* The series of zone, or NULL. */
const struct carbon_series *carbon_find(const struct carbon_set *cs,
    const char *zone);

/*
 * Resample series s to nslots slots of slot_len seconds from start into
 * out[].  Sorts s (hence not const); duplicates (the same time twice) and
 * gaps inside the window are reported as warnings naming file:line; the
 * first of two duplicates is kept and gaps are bridged linearly.  A window
 * the data does not cover is an error naming the zone and the time.
 */
int carbon_resample(struct carbon_series *s, long long start, long slot_len,
    size_t nslots, double *out, const struct kwarn *w, struct kerr *e);

/* -r REGION=ZONE: the name a zone's series has in the output. */
struct carbon_map {
	const char *region, *zone;
};

/*
 * The {"carbons": [{region, slot, ci_gco2_per_kwh}]} document of caspian's
 * input: every series of the set resampled (carbon_resample), in the
 * order zones were first read, values rounded to 1e-6.  Regions are the
 * zone ids unless mapped; a mapping naming a zone the set lacks, and two
 * zones with one region name, are errors.  The caller frees the result
 * with json_free.
 */
struct json *carbon_json(struct carbon_set *cs, const struct carbon_map *map,
    size_t nmap, long long start, long slot_len, size_t nslots,
    const struct kwarn *w, struct kerr *e);

/*
 * ISO-8601 UTC time to epoch seconds, without the C library's time zone:
 * "2023-06-01", "2023-06-01T00:00Z", "2023-06-01 00:00:00",
 * "2023-06-01T00:00:00.000+02:00" (a space or T; seconds, fraction and
 * offset optional; no offset means UTC).  Returns 0 or -1.
 */
int carbon_parse_time(const char *s, long long *t);

/* Epoch seconds as "2023-06-01T00:00Z" (":SS" added when not 0); buf[64]. */
char *carbon_format_time(char *buf, long long t);

#endif
