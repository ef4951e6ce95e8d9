/* err.c: filling struct kerr and calling warning callbacks. */
#include <stdio.h>
#include <string.h>

#include "err.h"

int
kerr_vset(struct kerr *e, const char *fmt, va_list ap)
{
	if (e != NULL)
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return -1;
}

int
kerr_set(struct kerr *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kerr_vset(e, fmt, ap);
	va_end(ap);
	return -1;
}

int
kerr_prefix(struct kerr *e, const char *fmt, ...)
{
	char old[KERR_MAX];
	va_list ap;
	size_t n;

	if (e == NULL)
		return -1;
	memcpy(old, e->msg, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	n = strlen(e->msg);
	if (n + 2 < sizeof(e->msg)) {
		memcpy(e->msg + n, ": ", 2);
		n += 2;
		memcpy(e->msg + n, old, sizeof(e->msg) - n - 1);
		e->msg[sizeof(e->msg) - 1] = '\0';
	}
	return -1;
}

void
kwarn(const struct kwarn *w, const char *fmt, ...)
{
	char buf[KERR_MAX];
	va_list ap;

	if (w == NULL || w->fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	w->fn(w->ctx, buf);
}
