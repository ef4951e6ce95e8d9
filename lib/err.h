/*
 * err.h: the caller-owned error that every lib/ function fills instead of
 * printing or exiting.  A function returns 0 or -1 (or NULL); on failure
 * e->msg holds "where: what" ready for cmd/ to print as "tool: where: what".
 */
#ifndef KYTOS_ERR_H
#define KYTOS_ERR_H

#include <stdarg.h>

#define KERR_MAX 1024

struct kerr {
	char msg[KERR_MAX];
};

/* Set the message (printf format) and return -1, for "return kerr_set(...)". */
int kerr_set(struct kerr *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int kerr_vset(struct kerr *e, const char *fmt, va_list ap);

/* Put "prefix: " before the message already in e; returns -1. */
int kerr_prefix(struct kerr *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Warnings: lib/ reports them through a callback the caller supplies (cmd/
 * passes one that calls warnx).  A NULL callback drops them.
 */
struct kwarn {
	void (*fn)(void *ctx, const char *msg);
	void *ctx;
};

void kwarn(const struct kwarn *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
