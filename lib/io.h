/*
 * io.h: whole-input reading and checked output for the filters.
 */
#ifndef KYTOS_IO_H
#define KYTOS_IO_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

/*
 * Read all of path ("-" or NULL: stdin) into a NUL-terminated heap buffer
 * the caller frees.  *name is set to the name to use in messages: the path,
 * or "<stdin>" (a static string).  Fails with "path: strerror".
 */
int io_read_all(const char *path, char **buf, size_t *len, const char **name,
    struct kerr *e);

/* Flush and check a stream at exit, so that >/dev/full fails loudly. */
int io_close(FILE *fp, const char *name, struct kerr *e);

/* Write the string to path atomically (temp file + rename). */
int io_write_file(const char *path, const char *data, size_t len,
    struct kerr *e);

#endif
