/* mem.c: allocation that aborts on out of memory (see mem.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void *
mem_calloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		abort();
	return p;
}

void *
mem_realloc(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		abort();
	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = realloc(p, n * size)) == NULL)
		abort();
	return p;
}

char *
mem_strdup(const char *s)
{
	char *d;
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	d = mem_calloc(n, 1);
	memcpy(d, s, n);
	return d;
}
