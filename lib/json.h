/*
 * json.h: the project's JSON, over cJSON.  Only lib/json*.c include cJSON;
 * everything else sees struct json, an opaque node of a parsed or built
 * document.
 *
 * Ownership: json_parse* and json_new_* return trees the caller frees with
 * json_free (the root only).  json_set and json_push take ownership of the
 * child they are given.  Every other function borrows.  Builders abort() on
 * out of memory rather than silently dropping a field.
 */
#ifndef KYTOS_JSON_H
#define KYTOS_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

struct json;

enum json_type {
	JSON_INVALID, JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING,
	JSON_ARRAY, JSON_OBJECT
};

/*
 * Parse one document; anything but white space after it is an error.
 * Errors read "name:line:col: what".
 */
struct json *json_parse(const char *text, size_t len, const char *name,
    struct kerr *e);
/*
 * Parse the next of several documents in a row, starting at *pos and moving
 * it past the document.  At the end of input returns NULL with e->msg
 * empty; on error returns NULL with e->msg set.
 */
struct json *json_parse_next(const char *text, size_t len, size_t *pos,
    const char *name, struct kerr *e);
void json_free(struct json *v);

enum json_type json_type(const struct json *v);
/* "null", "a boolean", "a number", "a string", "an array", "an object" */
const char *json_type_name(const struct json *v);
/* Member of an object by key (exact case), or NULL. */
struct json *json_get(const struct json *obj, const char *key);
/* Elements of an array or members of an object, in order. */
size_t json_size(const struct json *v);
struct json *json_first(const struct json *v);
struct json *json_next(const struct json *v);
/* The key of an object member. */
const char *json_key(const struct json *member);
double json_number(const struct json *v);
const char *json_string(const struct json *v);
int json_bool(const struct json *v);

/*
 * Typed member access with messages that name the place: `where` is the
 * path of obj ("pods[3]"), so a missing or mistyped member reads
 * "pods[3].cpu_request: missing" or "pods[3].cpu_request: expected a
 * number, got a string".  An absent optional member leaves *out unchanged
 * and returns 0; null counts as absent.
 */
int json_want_number(const struct json *obj, const char *where,
    const char *key, int required, double *out, struct kerr *e);
int json_want_string(const struct json *obj, const char *where,
    const char *key, int required, const char **out, struct kerr *e);
int json_want_bool(const struct json *obj, const char *where,
    const char *key, int required, int *out, struct kerr *e);
int json_want_array(const struct json *obj, const char *where,
    const char *key, int required, const struct json **out, struct kerr *e);
int json_want_object(const struct json *obj, const char *where,
    const char *key, int required, const struct json **out, struct kerr *e);

/* Building. */
struct json *json_new_object(void);
struct json *json_new_array(void);
struct json *json_new_number(double v);
struct json *json_new_string(const char *s);
struct json *json_new_bool(int b);
struct json *json_new_null(void);
/* Add (or replace) obj[key] = child; returns child. */
struct json *json_set(struct json *obj, const char *key, struct json *child);
struct json *json_set_number(struct json *obj, const char *key, double v);
struct json *json_set_string(struct json *obj, const char *key,
    const char *s);
struct json *json_set_bool(struct json *obj, const char *key, int b);
struct json *json_set_null(struct json *obj, const char *key);
/* Append child to an array; returns child. */
struct json *json_push(struct json *arr, struct json *child);
/* Deep copy. */
struct json *json_dup(const struct json *v);
/* Detach obj[key] and return it (caller owns), or NULL. */
struct json *json_take(struct json *obj, const char *key);

/*
 * Print: pretty (two-space indent, arrays of scalars on one line) or
 * compact (one line).  Numbers read back identically; NaN and infinities
 * print as null.  json_print returns a heap string the caller frees.
 */
char *json_print(const struct json *v, int pretty);
int json_write(FILE *fp, const struct json *v, int pretty);

#endif
