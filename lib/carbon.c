/*
 * carbon.c: reading carbon-intensity series (Electricity Maps CSV and
 * forecast JSON, Carbon Aware SDK forecast JSON) and resampling them to
 * plan slots.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carbon.h"
#include "json.h"
#include "number.h"

void
carbon_set_init(struct carbon_set *cs)
{
	memset(cs, 0, sizeof(*cs));
}

void
carbon_set_release(struct carbon_set *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		free(cs->s[i].zone);
		free(cs->s[i].p);
	}
	for (i = 0; i < cs->nnames; i++)
		free(cs->names[i]);
	free(cs->s);
	free(cs->names);
	memset(cs, 0, sizeof(*cs));
}

static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 16;
	void *np;

	if (need <= *cap)
		return p;
	while (c < need)
		c *= 2;
	if ((np = realloc(p, c * size)) == NULL)
		abort();	/* as the JSON builders: never lose data */
	*cap = c;
	return np;
}

static char *
xstrdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		abort();
	return d;
}

/* Keep a copy of a name the points of one file refer to. */
static const char *
set_name(struct carbon_set *cs, const char *name)
{
	char **nn;

	if ((nn = realloc(cs->names, (cs->nnames + 1) * sizeof(*nn))) == NULL)
		abort();
	cs->names = nn;
	nn[cs->nnames] = xstrdup(name);
	return nn[cs->nnames++];
}

static struct carbon_series *
set_series(struct carbon_set *cs, const char *zone)
{
	struct carbon_series *s;
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->s[i].zone, zone) == 0)
			return &cs->s[i];
	cs->s = grow(cs->s, &cs->cap, cs->n + 1, sizeof(*cs->s));
	s = &cs->s[cs->n++];
	memset(s, 0, sizeof(*s));
	s->zone = xstrdup(zone);
	return s;
}

static void
series_add(struct carbon_series *s, long long t, long len, double v,
    const char *file, long line)
{
	struct carbon_point *p;

	s->p = grow(s->p, &s->cap, s->n + 1, sizeof(*s->p));
	p = &s->p[s->n++];
	p->t = t;
	p->len = len;
	p->v = v;
	p->file = file;
	p->line = line;
}

const struct carbon_series *
carbon_find(const struct carbon_set *cs, const char *zone)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->s[i].zone, zone) == 0)
			return &cs->s[i];
	return NULL;
}

/* Times. */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
digits(const char **sp, int n, int *out)
{
	const char *s = *sp;
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*sp = s + n;
	*out = v;
	return 0;
}

int
carbon_parse_time(const char *s, long long *t)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, sign = 0;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};

	if (digits(&s, 4, &y) || *s++ != '-' || digits(&s, 2, &mo) ||
	    *s++ != '-' || digits(&s, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && (y % 4 != 0 ||
	    (y % 100 == 0 && y % 400 != 0))))
		return -1;
	if (*s == 'T' || *s == ' ') {
		s++;
		if (digits(&s, 2, &h) || *s++ != ':' || digits(&s, 2, &mi))
			return -1;
		if (*s == ':') {
			s++;
			if (digits(&s, 2, &sec))
				return -1;
			if (*s == '.') {
				/* Fractions of a second are dropped. */
				s++;
				if (!isdigit((unsigned char)*s))
					return -1;
				while (isdigit((unsigned char)*s))
					s++;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return -1;
		if (*s == 'Z') {
			s++;
		} else if (*s == '+' || *s == '-') {
			sign = *s++ == '-' ? -1 : 1;
			if (digits(&s, 2, &oh))
				return -1;
			if (*s == ':')
				s++;
			if (digits(&s, 2, &om) || oh > 23 || om > 59)
				return -1;
		}
	}
	if (*s != '\0')
		return -1;
	*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	    sign * (oh * 3600 + om * 60);
	return 0;
}

char *
carbon_format_time(char *buf, long long t)
{
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	long long secs = t - days * 86400, z, era, doe, yoe, y, doy, mp;
	int d, m;

	/* civil_from_days, the inverse of days_from_civil. */
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	if (secs % 60 != 0)
		snprintf(buf, 64, "%04lld-%02d-%02dT%02lld:%02lld:%02lldZ", y, m,
		    d, secs / 3600, secs / 60 % 60, secs % 60);
	else
		snprintf(buf, 64, "%04lld-%02d-%02dT%02lld:%02lldZ", y, m, d,
		    secs / 3600, secs / 60 % 60);
	return buf;
}

/* The zone a file stands for when it does not say: "KR_2023.csv" -> "KR". */
static void
zone_from_name(const char *name, char *zone, size_t size)
{
	const char *b = strrchr(name, '/');
	size_t n;

	b = b ? b + 1 : name;
	n = strcspn(b, "_.");
	if (n == 0 || n >= size) {
		snprintf(zone, size, "%s", n == 0 ? "unknown" : b);
		zone[size - 1] = '\0';
		return;
	}
	memcpy(zone, b, n);
	zone[n] = '\0';
}

/* CSV. */

#define CSV_MAXF 64

/*
 * Split one line (NUL-terminated, modified in place) into fields, with
 * RFC 4180 quotes.  Returns the number of fields, or -1 on a bad quote.
 */
static int
csv_split(char *line, char **f)
{
	char *r = line, *w = line;
	int n = 0;

	for (;;) {
		if (n == CSV_MAXF)
			return n + 1;
		f[n++] = w;
		if (*r == '"') {
			r++;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else {
					*w++ = *r++;
				}
			}
			if (*r != ',' && *r != '\0')
				return -1;
		} else {
			while (*r != ',' && *r != '\0')
				*w++ = *r++;
		}
		if (*r == '\0') {
			*w = '\0';
			return n;
		}
		*w++ = '\0';
		r++;
	}
}

static int
csv_column(char **f, int nf, const char *prefix, const char *needle)
{
	int i;

	for (i = 0; i < nf; i++)
		if (strncasecmp(f[i], prefix, strlen(prefix)) == 0 &&
		    (needle == NULL || strstr(f[i], needle) != NULL))
			return i;
	return -1;
}

static int
carbon_load_csv(struct carbon_set *cs, char *text, const char *name,
    const struct kwarn *w, struct kerr *e)
{
	char *f[CSV_MAXF], *line, *next, zone0[64];
	const char *file = set_name(cs, name);
	int nf, nh = 0, ct = -1, cv = -1, cz = -1;
	long lineno = 0;
	long long t;
	double v;
	const char *why;

	zone_from_name(name, zone0, sizeof(zone0));
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	for (line = text; line != NULL && *line != '\0'; line = next) {
		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (*line != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (*line == '\0')
			continue;
		if ((nf = csv_split(line, f)) < 0)
			return kerr_set(e, "%s:%ld: unterminated quote", name,
			    lineno);
		if (nf > CSV_MAXF)
			return kerr_set(e, "%s:%ld: more than %d fields", name,
			    lineno, CSV_MAXF);
		if (nh == 0) {
			nh = nf;
			ct = csv_column(f, nf, "Datetime", NULL);
			cv = csv_column(f, nf, "Carbon Intensity", "direct");
			if (cv < 0)
				cv = csv_column(f, nf, "Carbon Intensity",
				    NULL);
			cz = csv_column(f, nf, "Zone Id", NULL);
			if (ct < 0)
				return kerr_set(e, "%s:%ld: no 'Datetime (UTC)' "
				    "column", name, lineno);
			if (cv < 0)
				return kerr_set(e, "%s:%ld: no 'Carbon Intensity "
				    "(direct)' column", name, lineno);
			continue;
		}
		if (nf != nh)
			return kerr_set(e, "%s:%ld: expected %d fields, got %d",
			    name, lineno, nh, nf);
		if (carbon_parse_time(f[ct], &t) != 0)
			return kerr_set(e, "%s:%ld: bad time '%s'", name,
			    lineno, f[ct]);
		if (*f[cv] == '\0') {
			kwarn(w, "%s:%ld: no carbon intensity, row skipped",
			    name, lineno);
			continue;
		}
		if (number_double(f[cv], 0, 1e6, &v, &why) != 0)
			return kerr_set(e, "%s:%ld: carbon intensity: %s '%s'",
			    name, lineno, why, f[cv]);
		series_add(set_series(cs, cz >= 0 && *f[cz] ? f[cz] : zone0),
		    t, 0, v, file, lineno);
	}
	if (nh == 0)
		return kerr_set(e, "%s: empty file", name);
	return 0;
}

/*
 * JSON: points remember "file: array" as their file and -(index + 1) as
 * their line, so that messages can say "file: forecast[3]".
 */

static int
json_point(struct carbon_series *s, const struct json *el, const char *file,
    const char *where, long idx, const char *tkey, const char *vkey,
    long len, struct kerr *e)
{
	const char *ts;
	double v;
	long long t;

	if (json_type(el) != JSON_OBJECT)
		return kerr_set(e, "%s: expected an object, got %s", where,
		    json_type_name(el));
	if (json_want_string(el, where, tkey, 1, &ts, e) != 0 ||
	    json_want_number(el, where, vkey, 1, &v, e) != 0)
		return -1;
	if (carbon_parse_time(ts, &t) != 0)
		return kerr_set(e, "%s.%s: bad time '%s'", where, tkey, ts);
	if (v < 0)
		return kerr_set(e, "%s.%s: negative carbon intensity", where,
		    vkey);
	series_add(s, t, len, v, file, -idx - 1);
	return 0;
}

/* Electricity Maps: {"zone": "DE", "forecast": [{datetime, carbonIntensity}]} */
static int
load_em(struct carbon_set *cs, const struct json *doc, const char *name,
    struct kerr *e)
{
	const struct json *arr, *el;
	const char *zone = NULL, *file;
	char zone0[64], where[64], fbuf[KERR_MAX];
	struct carbon_series *s;
	long i = 0;

	if (json_want_array(doc, "", "forecast", 1, &arr, e) != 0 ||
	    json_want_string(doc, "", "zone", 0, &zone, e) != 0)
		return -1;
	zone_from_name(name, zone0, sizeof(zone0));
	s = set_series(cs, zone ? zone : zone0);
	snprintf(fbuf, sizeof(fbuf), "%s: forecast", name);
	file = set_name(cs, fbuf);
	for (el = json_first(arr); el; el = json_next(el), i++) {
		snprintf(where, sizeof(where), "forecast[%ld]", i);
		if (json_point(s, el, file, where, i, "datetime",
		    "carbonIntensity", 0, e) != 0)
			return -1;
	}
	return 0;
}

/* Carbon Aware SDK: [{"forecastData": [{location, timestamp, duration, value}]}] */
static int
load_sdk_one(struct carbon_set *cs, const struct json *doc, const char *name,
    const char *at, struct kerr *e)
{
	const struct json *arr, *el;
	const char *loc, *file;
	char where[128], fbuf[KERR_MAX];
	double dur;
	long i = 0;

	if (json_want_array(doc, at, "forecastData", 1, &arr, e) != 0)
		return -1;
	snprintf(fbuf, sizeof(fbuf), "%s: %s%sforecastData", name, at,
	    *at ? "." : "");
	file = set_name(cs, fbuf);
	for (el = json_first(arr); el; el = json_next(el), i++) {
		snprintf(where, sizeof(where), "%s%sforecastData[%ld]", at,
		    *at ? "." : "", i);
		if (json_type(el) != JSON_OBJECT)
			return kerr_set(e, "%s: expected an object, got %s",
			    where, json_type_name(el));
		dur = 0;
		if (json_want_string(el, where, "location", 1, &loc, e) != 0 ||
		    json_want_number(el, where, "duration", 0, &dur, e) != 0)
			return -1;
		if (dur < 0 || dur > 525600 || dur != (long)dur)
			return kerr_set(e, "%s.duration: not a whole number "
			    "of minutes", where);
		if (json_point(set_series(cs, loc), el, file, where, i,
		    "timestamp", "value", (long)dur * 60, e) != 0)
			return -1;
	}
	return 0;
}

static int
carbon_load_json(struct carbon_set *cs, const char *text, size_t len,
    const char *name, struct kerr *e)
{
	struct json *doc, *el;
	char at[32];
	int rc = -1;
	long i = 0;

	if ((doc = json_parse(text, len, name, e)) == NULL)
		return -1;
	if (json_type(doc) == JSON_ARRAY) {
		for (el = json_first(doc); el; el = json_next(el), i++) {
			snprintf(at, sizeof(at), "[%ld]", i);
			if (json_type(el) != JSON_OBJECT) {
				kerr_set(e, "%s: expected an object, got %s",
				    at, json_type_name(el));
				goto out;
			}
			if (load_sdk_one(cs, el, name, at, e) != 0)
				goto out;
		}
		rc = 0;
	} else if (json_type(doc) == JSON_OBJECT &&
	    json_get(doc, "forecastData") != NULL) {
		rc = load_sdk_one(cs, doc, name, "", e);
	} else if (json_type(doc) == JSON_OBJECT &&
	    json_get(doc, "forecast") != NULL) {
		rc = load_em(cs, doc, name, e);
	} else {
		kerr_set(e, "not a forecast: expected 'forecast' (Electricity "
		    "Maps) or 'forecastData' (Carbon Aware SDK)");
	}
out:
	json_free(doc);
	if (rc != 0 && strncmp(e->msg, name, strlen(name)) != 0)
		kerr_prefix(e, "%s", name);
	return rc;
}

int
carbon_load(struct carbon_set *cs, const char *text, size_t len,
    const char *name, const struct kwarn *w, struct kerr *e)
{
	const char *p = text;
	char *copy;
	int rc;

	while (p < text + len && isspace((unsigned char)*p))
		p++;
	if (p < text + len && (*p == '{' || *p == '['))
		return carbon_load_json(cs, text, len, name, e);
	if ((copy = malloc(len + 1)) == NULL)
		return kerr_set(e, "%s: out of memory", name);
	memcpy(copy, text, len);
	copy[len] = '\0';
	rc = carbon_load_csv(cs, copy, name, w, e);
	free(copy);
	return rc;
}

/* Resampling. */

static int
point_cmp(const void *a, const void *b)
{
	const struct carbon_point *p = a, *q = b;

	if (p->t != q->t)
		return p->t < q->t ? -1 : 1;
	/* Stable: points were added in read order. */
	return p < q ? -1 : p > q;
}

/* "file:line" for CSV points, "file: forecast[i]" style for JSON ones. */
static char *
point_where(char *buf, size_t size, const struct carbon_point *p)
{
	if (p->line < 0)
		snprintf(buf, size, "%s[%ld]", p->file, -p->line - 1);
	else
		snprintf(buf, size, "%s:%ld", p->file, p->line);
	return buf;
}

/*
 * Integral of the piecewise function over [a, b), given it covers it.
 * Slots come in order: *from is the first reading that can still matter,
 * so that resampling a year is linear, not quadratic.
 */
static double
integrate(const struct carbon_point *p, size_t n, long step, long long a,
    long long b, size_t *from)
{
	double sum = 0, x, y, va, vb, vx, vy;
	long long end, lo, hi;
	size_t i;

	/* Readings (and the gaps after them) that end by a are done with. */
	while (*from + 1 < n && p[*from + 1].t <= a)
		(*from)++;
	for (i = *from; i < n && p[i].t < b; i++) {
		end = p[i].t + (p[i].len ? p[i].len : step);
		/* The reading itself: constant over [t, end). */
		lo = p[i].t > a ? p[i].t : a;
		hi = end < b ? end : b;
		if (hi > lo)
			sum += p[i].v * (double)(hi - lo);
		/* A gap to the next reading: a straight line across it. */
		if (i + 1 < n && p[i + 1].t > end) {
			lo = end > a ? end : a;
			hi = p[i + 1].t < b ? p[i + 1].t : b;
			if (hi > lo) {
				va = p[i].v;
				vb = p[i + 1].v;
				x = (double)(lo - end);
				y = (double)(hi - end);
				vx = va + (vb - va) * x /
				    (double)(p[i + 1].t - end);
				vy = va + (vb - va) * y /
				    (double)(p[i + 1].t - end);
				sum += (vx + vy) / 2 * (y - x);
			}
		}
	}
	return sum;
}

/* Linear interpolation between reading times at time s (*from: above). */
static double
interpolate(const struct carbon_point *p, size_t n, long long s,
    size_t *from)
{
	size_t i;

	while (*from + 1 < n && p[*from + 1].t <= s)
		(*from)++;
	for (i = *from; i + 1 < n; i++)
		if (p[i + 1].t > s)
			return p[i].v + (p[i + 1].v - p[i].v) *
			    (double)(s - p[i].t) / (double)(p[i + 1].t - p[i].t);
	return p[n - 1].v;
}

int
carbon_resample(struct carbon_series *s, long long start, long slot_len,
    size_t nslots, double *out, const struct kwarn *w, struct kerr *e)
{
	struct carbon_point *p = s->p;
	long long end = start + slot_len * (long long)nslots, last_end, gend;
	char b1[KERR_MAX], b2[KERR_MAX], t1[64], t2[64];
	long step = 0;
	size_t i, n, from = 0;

	if (s->n == 0)
		return kerr_set(e, "zone '%s': no data", s->zone);
	qsort(p, s->n, sizeof(*p), point_cmp);
	/* Drop duplicates, keeping the first read. */
	for (i = 1, n = 1; i < s->n; i++) {
		if (p[i].t == p[n - 1].t) {
			if (p[i].t >= start - slot_len && p[i].t < end)
				kwarn(w, "%s: duplicate time %s (first at %s), "
				    "ignored", point_where(b1, sizeof(b1),
				    &p[i]), carbon_format_time(t1, p[i].t),
				    point_where(b2, sizeof(b2), &p[n - 1]));
			continue;
		}
		p[n++] = p[i];
	}
	s->n = n;
	/*
	 * The data's step: the shortest reading, a reading without a stated
	 * length lasting until the next one.
	 */
	for (i = 0; i < n; i++) {
		long d = p[i].len;

		if (d == 0 && i + 1 < n)
			d = (long)(p[i + 1].t - p[i].t);
		if (d > 0 && (step == 0 || d < step))
			step = d;
	}
	if (step == 0)
		step = 3600;
	for (i = 0; i + 1 < n; i++) {
		gend = p[i].t + (p[i].len ? p[i].len : step);
		if (p[i + 1].t > gend && p[i + 1].t > start && gend < end)
			kwarn(w, "%s: gap: no data from %s to %s, interpolated",
			    point_where(b1, sizeof(b1), &p[i + 1]),
			    carbon_format_time(t1, gend),
			    carbon_format_time(t2, p[i + 1].t));
	}
	last_end = p[n - 1].t + (p[n - 1].len ? p[n - 1].len : step);
	if (start < p[0].t)
		return kerr_set(e, "zone '%s': no data for %s", s->zone,
		    carbon_format_time(t1, start));
	if (slot_len >= step) {
		if (end > last_end)
			return kerr_set(e, "zone '%s': no data for %s",
			    s->zone, carbon_format_time(t1,
			    last_end > start ? last_end : start));
		for (i = 0; i < nslots; i++)
			out[i] = integrate(p, n, step,
			    start + slot_len * (long long)i,
			    start + slot_len * (long long)(i + 1), &from) /
			    (double)slot_len;
	} else {
		if (start + slot_len * (long long)(nslots - 1) >= last_end)
			return kerr_set(e, "zone '%s': no data for %s",
			    s->zone, carbon_format_time(t1,
			    last_end > start ? last_end : start));
		for (i = 0; i < nslots; i++)
			out[i] = interpolate(p, n,
			    start + slot_len * (long long)i, &from);
	}
	return 0;
}

/* The region name of a zone: mapped, else the zone id itself. */
static const char *
region_of(const struct carbon_map *map, size_t nmap, const char *zone)
{
	size_t i;

	for (i = 0; i < nmap; i++)
		if (strcmp(map[i].zone, zone) == 0)
			return map[i].region;
	return zone;
}

struct json *
carbon_json(struct carbon_set *cs, const struct carbon_map *map, size_t nmap,
    long long start, long slot_len, size_t nslots, const struct kwarn *w,
    struct kerr *e)
{
	struct json *doc = json_new_object(), *arr, *el;
	const char *r;
	double *v;
	size_t i, j, t;

	arr = json_set(doc, "carbons", json_new_array());
	if ((v = calloc(nslots ? nslots : 1, sizeof(*v))) == NULL) {
		kerr_set(e, "out of memory");
		goto fail;
	}
	for (i = 0; i < nmap; i++)
		if (carbon_find(cs, map[i].zone) == NULL) {
			kerr_set(e, "-r %s=%s: no zone '%s' in the input",
			    map[i].region, map[i].zone, map[i].zone);
			goto fail;
		}
	for (i = 0; i < cs->n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(region_of(map, nmap, cs->s[i].zone),
			    region_of(map, nmap, cs->s[j].zone)) == 0) {
				kerr_set(e, "region '%s': zones '%s' and '%s' "
				    "both map to it", region_of(map, nmap,
				    cs->s[i].zone), cs->s[j].zone,
				    cs->s[i].zone);
				goto fail;
			}
	for (i = 0; i < cs->n; i++) {
		if (carbon_resample(&cs->s[i], start, slot_len, nslots, v, w,
		    e) != 0)
			goto fail;
		r = region_of(map, nmap, cs->s[i].zone);
		for (t = 0; t < nslots; t++) {
			el = json_push(arr, json_new_object());
			json_set_string(el, "region", r);
			json_set_number(el, "slot", (double)t);
			/* Rounded to 1e-6: no noise from the averaging. */
			json_set_number(el, "ci_gco2_per_kwh",
			    round(v[t] * 1e6) / 1e6);
		}
	}
	free(v);
	return doc;
fail:
	free(v);
	json_free(doc);
	return NULL;
}
