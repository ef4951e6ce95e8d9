/*
 * quantity.c: Kubernetes resource quantities, exactly.
 *
 * The grammar is the one of apimachinery's parseQuantityString scanner,
 * which is laxer than its documented regular expression: a sign, digits
 * with an optional point (either part may be empty: "1.", ".5", even "."
 * and "m" read as 0), then a suffix that is one of n u m k M G T P E,
 * Ki Mi Gi Ti Pi Ei, or e/E and a signed integer exponent.  Nothing else,
 * no white space; "K" is no suffix.
 *
 * The value is digits * 10^e10 * 2^e2.  We multiply the decimal digit
 * string by 2^e2 (at most 2^60) in place, then shift the decimal point to
 * nano-units and round up, so the result is exact for every input.
 */
#include <stdlib.h>
#include <string.h>

#include "quantity.h"

#define NANO	9
/* 2^63 - 1 units: ParseQuantity caps binary-suffixed values here. */
#define MAX_UNITS	9223372036854775807ULL
/*
 * Decimal ones it keeps at any size; we stop at 10^37 nano-units (10^28
 * units, far past any resource), where 128-bit arithmetic still has room
 * for a factor of ten.
 */
#define LIMIT_DEC	((quantity_nanos)10000000000000000000ULL * \
	(quantity_nanos)1000000000000000000ULL)

static const struct {
	const char *s;
	int e10, e2;
} suffixes[] = {
	{ "", 0, 0 }, { "n", -9, 0 }, { "u", -6, 0 }, { "m", -3, 0 },
	{ "k", 3, 0 }, { "M", 6, 0 }, { "G", 9, 0 }, { "T", 12, 0 },
	{ "P", 15, 0 }, { "E", 18, 0 },
	{ "Ki", 0, 10 }, { "Mi", 0, 20 }, { "Gi", 0, 30 }, { "Ti", 0, 40 },
	{ "Pi", 0, 50 }, { "Ei", 0, 60 },
};

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* The scanner: split s into digits, fraction length and suffix. */
static int
scan(const char *s, int *neg, const char **num, size_t *nnum,
    const char **den, size_t *nden, const char **suf)
{
	const char *p = s;

	*neg = 0;
	if (*p == '-' || *p == '+')
		*neg = *p++ == '-';
	while (*p == '0')
		p++;
	*num = p;
	while (isdig(*p))
		p++;
	*nnum = (size_t)(p - *num);
	*den = p;
	*nden = 0;
	if (*p == '.') {
		*den = ++p;
		while (isdig(*p))
			p++;
		*nden = (size_t)(p - *den);
	}
	*suf = p;
	while (*p != '\0' && strchr("eEinumkKMGTP", *p) != NULL)
		p++;
	if (*p == '-' || *p == '+')
		p++;
	while (isdig(*p))
		p++;
	return *p == '\0' ? 0 : -1;
}

/* The suffix's exponents; an e/E exponent must fit an int32 as in Go. */
static int
interpret(const char *suf, long long *e10, int *e2, int *binary)
{
	const char *p;
	long long v = 0;
	size_t i;
	int neg = 0;

	*binary = 0;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (strcmp(suf, suffixes[i].s) == 0) {
			*e10 = suffixes[i].e10;
			*e2 = suffixes[i].e2;
			*binary = *e2 != 0;
			return 0;
		}
	if (suf[0] != 'e' && suf[0] != 'E')
		return -1;
	p = suf + 1;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p == '\0')
		return -1;
	for (; *p != '\0'; p++) {
		if (!isdig(*p))
			return -1;
		v = v * 10 + (*p - '0');
		if (v > 2147483647LL)
			return -1;
	}
	*e10 = neg ? -v : v;
	*e2 = 0;
	return 0;
}

int
quantity_parse(const char *s, struct quantity *q, struct kerr *e)
{
	const quantity_nanos cap = (quantity_nanos)MAX_UNITS * 1000000000U;
	const quantity_nanos limit = LIMIT_DEC;
	const char *num, *den, *suf;
	size_t nnum, nden, nd, i, keep;
	long long e10, k;
	unsigned char *d = NULL;
	quantity_nanos v = 0;
	int neg, e2, binary, big = 0, sticky = 0, rc = -1;

	if (*s == '\0' || scan(s, &neg, &num, &nnum, &den, &nden, &suf) ||
	    interpret(suf, &e10, &e2, &binary)) {
		kerr_set(e, "bad quantity '%s'", s);
		goto out;
	}
	/* Room for the digits times 2^60 < 10^19. */
	nd = nnum + nden;
	if ((d = malloc(nd + 20)) == NULL) {
		kerr_set(e, "out of memory");
		goto out;
	}
	memset(d, 0, 20);
	for (i = 0; i < nnum; i++)
		d[20 + i] = (unsigned char)(num[i] - '0');
	for (i = 0; i < nden; i++)
		d[20 + nnum + i] = (unsigned char)(den[i] - '0');
	nd += 20;
	for (; e2 > 0; e2--) {
		unsigned carry = 0;

		for (i = nd; i-- > 0;) {
			unsigned t = d[i] * 2u + carry;

			d[i] = (unsigned char)(t % 10);
			carry = t / 10;
		}
	}
	/* Nano-units: move the point by e10 - nden + 9, rounding up. */
	k = e10 - (long long)nden + NANO;
	keep = nd;
	if (k < 0)
		keep = (long long)nd + k > 0 ? (size_t)((long long)nd + k) : 0;
	for (i = 0; i < nd; i++) {
		if (i >= keep) {
			sticky |= d[i] != 0;
			continue;
		}
		v = v * 10 + d[i];
		if (v > limit)
			big = 1, v = limit + 1;
	}
	for (; k > 0 && v != 0 && !big; k--) {
		v *= 10;
		if (v > limit)
			big = 1;
	}
	v += sticky;
	if (!binary && (big || v > limit)) {
		kerr_set(e, "quantity too large '%s'", s);
		goto out;
	}
	if (binary && (big || v > cap))
		v = cap;
	q->nanos = v;
	q->negative = neg && v != 0;
	rc = 0;
out:
	free(d);
	return rc;
}

void
quantity_add(struct quantity *sum, const struct quantity *q)
{
	/* Saturate: a sum past 10^37 is "too large" for quantity_to anyway. */
	if (sum->nanos > LIMIT_DEC || q->nanos > LIMIT_DEC)
		sum->nanos = LIMIT_DEC + 1;
	else
		sum->nanos += q->nanos;
}

void
quantity_max(struct quantity *max, const struct quantity *q)
{
	if (q->nanos > max->nanos)
		max->nanos = q->nanos;
}

static quantity_nanos
divide(quantity_nanos a, quantity_nanos b, int round_up)
{
	return a / b + (round_up && a % b != 0);
}

int
quantity_to(const struct quantity *q, enum quantity_unit unit, int round_up,
    long long *out, struct kerr *e)
{
	quantity_nanos v;

	switch (unit) {
	case QUANTITY_MILLI:
		v = divide(q->nanos, 1000000, round_up);
		break;
	case QUANTITY_ONE:
		v = divide(q->nanos, 1000000000, round_up);
		break;
	default:
		v = divide(divide(q->nanos, 1000000000, 1), 1 << 20,
		    round_up);
		break;
	}
	if (v > ((quantity_nanos)1 << 53))
		return kerr_set(e, "quantity too large");
	*out = (long long)v * (q->negative ? -1 : 1);
	return 0;
}
