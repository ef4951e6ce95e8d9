/*
 * mem.h: allocation that aborts on out of memory, for the model builders
 * whose every allocation is small next to the input (as json.h's builders
 * do): a half-built model is never worth returning.
 */
#ifndef KYTOS_MEM_H
#define KYTOS_MEM_H

#include <stddef.h>

/* Zeroed n * size bytes; aborts on overflow or out of memory. */
void *mem_calloc(size_t n, size_t size);
/* Resize p to n * size bytes; aborts on overflow or out of memory. */
void *mem_realloc(void *p, size_t n, size_t size);
/* A heap copy of s; NULL gives NULL. */
char *mem_strdup(const char *s);

#endif
