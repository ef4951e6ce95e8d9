/* io.c: read a whole input, check outputs at exit. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"

int
io_read_all(const char *path, char **buf, size_t *len, const char **name,
    struct kerr *e)
{
	FILE *fp;
	char *b = NULL, *nb;
	size_t n = 0, cap = 0, r;
	int stdin_ = (path == NULL || strcmp(path, "-") == 0);

	*name = stdin_ ? "<stdin>" : path;
	fp = stdin_ ? stdin : fopen(path, "rb");
	if (fp == NULL)
		return kerr_set(e, "%s: %s", path, strerror(errno));
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 131072;
			if ((nb = realloc(b, cap + 1)) == NULL) {
				free(b);
				if (!stdin_)
					fclose(fp);
				return kerr_set(e, "%s: out of memory", *name);
			}
			b = nb;
		}
		r = fread(b + n, 1, cap - n, fp);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(fp)) {
		int saved = errno;

		free(b);
		if (!stdin_)
			fclose(fp);
		return kerr_set(e, "%s: %s", *name, strerror(saved));
	}
	if (!stdin_)
		fclose(fp);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

int
io_close(FILE *fp, const char *name, struct kerr *e)
{
	if (fflush(fp) != 0 || ferror(fp))
		return kerr_set(e, "%s: %s", name,
		    errno ? strerror(errno) : "write error");
	return 0;
}

int
io_write_file(const char *path, const char *data, size_t len, struct kerr *e)
{
	char *tmp;
	size_t plen = strlen(path);
	FILE *fp;
	int rc = -1;

	if ((tmp = malloc(plen + 16)) == NULL)
		return kerr_set(e, "%s: out of memory", path);
	snprintf(tmp, plen + 16, "%s.tmp%ld", path, (long)getpid());
	if ((fp = fopen(tmp, "wb")) == NULL) {
		kerr_set(e, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (fwrite(data, 1, len, fp) != len || fflush(fp) != 0) {
		kerr_set(e, "%s: %s", tmp, strerror(errno));
		fclose(fp);
		unlink(tmp);
		goto out;
	}
	if (fclose(fp) != 0 || rename(tmp, path) != 0) {
		kerr_set(e, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}
