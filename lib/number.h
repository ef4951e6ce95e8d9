/*
 * number.h: the one bounded parser for numbers in options and text (in the
 * spirit of OpenBSD strtonum): the whole string must be a number in range.
 */
#ifndef KYTOS_NUMBER_H
#define KYTOS_NUMBER_H

/*
 * Parse s as a decimal integer in [lo, hi].  On failure returns -1 and sets
 * *why to a static phrase ("not a number", "too small", "too large").
 */
int number_long(const char *s, long lo, long hi, long *out, const char **why);

/* Parse s as a finite double in [lo, hi]; same conventions. */
int number_double(const char *s, double lo, double hi, double *out,
    const char **why);

/*
 * Format a double so that it reads back identically (shortest of %.15g,
 * %.16g, %.17g that round-trips); integers print without a fraction.
 * buf must hold 32 bytes.  Returns buf.
 */
char *number_format(char *buf, double v);

#endif
