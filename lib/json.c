/* json.c: struct json over cJSON, with positioned errors and our printer. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "number.h"

#define C(v)	((cJSON *)(v))
#define J(v)	((struct json *)(v))

static void *
must(void *p)
{
	if (p == NULL)
		abort();
	return p;
}

static void
position(const char *text, const char *at, int *line, int *col)
{
	const char *p;

	*line = 1;
	*col = 1;
	for (p = text; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else
			(*col)++;
	}
}

static size_t
skip_ws(const char *text, size_t len, size_t pos)
{
	while (pos < len && (text[pos] == ' ' || text[pos] == '\t' ||
	    text[pos] == '\n' || text[pos] == '\r'))
		pos++;
	return pos;
}

struct json *
json_parse_next(const char *text, size_t len, size_t *pos, const char *name,
    struct kerr *e)
{
	const char *end = NULL;
	cJSON *v;
	size_t p = skip_ws(text, len, *pos);
	int line, col;

	e->msg[0] = '\0';
	if (p >= len)
		return NULL;
	v = cJSON_ParseWithLengthOpts(text + p, len - p, &end, 0);
	if (v == NULL) {
		if (end == NULL || end < text + p)
			end = text + p;
		position(text, end, &line, &col);
		if (end >= text + len)
			kerr_set(e, "%s:%d:%d: invalid JSON: unexpected end "
			    "of input", name, line, col);
		else
			kerr_set(e, "%s:%d:%d: invalid JSON", name, line, col);
		return NULL;
	}
	*pos = (size_t)(end - text);
	return J(v);
}

struct json *
json_parse(const char *text, size_t len, const char *name, struct kerr *e)
{
	size_t pos = 0, p;
	struct json *v;
	int line, col;

	if (memchr(text, '\0', len) != NULL) {
		position(text, memchr(text, '\0', len), &line, &col);
		kerr_set(e, "%s:%d:%d: invalid JSON: NUL byte", name, line,
		    col);
		return NULL;
	}
	v = json_parse_next(text, len, &pos, name, e);
	if (v == NULL) {
		if (e->msg[0] == '\0')
			kerr_set(e, "%s: empty input", name);
		return NULL;
	}
	p = skip_ws(text, len, pos);
	if (p < len) {
		position(text, text + p, &line, &col);
		kerr_set(e, "%s:%d:%d: invalid JSON: text after the document",
		    name, line, col);
		json_free(v);
		return NULL;
	}
	return v;
}

void
json_free(struct json *v)
{
	cJSON_Delete(C(v));
}

enum json_type
json_type(const struct json *v)
{
	const cJSON *c = C(v);

	if (c == NULL)
		return JSON_INVALID;
	switch (c->type & 0xff) {
	case cJSON_NULL:	return JSON_NULL;
	case cJSON_False:
	case cJSON_True:	return JSON_BOOL;
	case cJSON_Number:	return JSON_NUMBER;
	case cJSON_String:	return JSON_STRING;
	case cJSON_Array:	return JSON_ARRAY;
	case cJSON_Object:	return JSON_OBJECT;
	default:		return JSON_INVALID;
	}
}

const char *
json_type_name(const struct json *v)
{
	switch (json_type(v)) {
	case JSON_NULL:		return "null";
	case JSON_BOOL:		return "a boolean";
	case JSON_NUMBER:	return "a number";
	case JSON_STRING:	return "a string";
	case JSON_ARRAY:	return "an array";
	case JSON_OBJECT:	return "an object";
	default:		return "nothing";
	}
}

struct json *
json_get(const struct json *obj, const char *key)
{
	if (json_type(obj) != JSON_OBJECT)
		return NULL;
	return J(cJSON_GetObjectItemCaseSensitive(C(obj), key));
}

size_t
json_size(const struct json *v)
{
	const cJSON *c;
	size_t n = 0;

	if (v == NULL)
		return 0;
	for (c = C(v)->child; c != NULL; c = c->next)
		n++;
	return n;
}

struct json *
json_first(const struct json *v)
{
	return v == NULL ? NULL : J(C(v)->child);
}

struct json *
json_next(const struct json *v)
{
	return v == NULL ? NULL : J(C(v)->next);
}

const char *
json_key(const struct json *member)
{
	return C(member)->string;
}

double
json_number(const struct json *v)
{
	return C(v)->valuedouble;
}

const char *
json_string(const struct json *v)
{
	return C(v)->valuestring;
}

int
json_bool(const struct json *v)
{
	return (C(v)->type & 0xff) == cJSON_True;
}

static int
want(const struct json *obj, const char *where, const char *key,
    int required, enum json_type t, const char *tname,
    const struct json **out, struct kerr *e)
{
	const struct json *v = json_get(obj, key);
	const char *dot = (where && *where) ? "." : "";

	if (where == NULL)
		where = "";
	if (v == NULL || json_type(v) == JSON_NULL) {
		if (required)
			return kerr_set(e, "%s%s%s: missing", where, dot, key);
		*out = NULL;
		return 0;
	}
	if (json_type(v) != t)
		return kerr_set(e, "%s%s%s: expected %s, got %s", where, dot,
		    key, tname, json_type_name(v));
	*out = v;
	return 0;
}

int
json_want_number(const struct json *obj, const char *where, const char *key,
    int required, double *out, struct kerr *e)
{
	const struct json *v;

	if (want(obj, where, key, required, JSON_NUMBER, "a number", &v, e))
		return -1;
	if (v != NULL)
		*out = json_number(v);
	return 0;
}

int
json_want_string(const struct json *obj, const char *where, const char *key,
    int required, const char **out, struct kerr *e)
{
	const struct json *v;

	if (want(obj, where, key, required, JSON_STRING, "a string", &v, e))
		return -1;
	if (v != NULL)
		*out = json_string(v);
	return 0;
}

int
json_want_bool(const struct json *obj, const char *where, const char *key,
    int required, int *out, struct kerr *e)
{
	const struct json *v;

	if (want(obj, where, key, required, JSON_BOOL, "a boolean", &v, e))
		return -1;
	if (v != NULL)
		*out = json_bool(v);
	return 0;
}

int
json_want_array(const struct json *obj, const char *where, const char *key,
    int required, const struct json **out, struct kerr *e)
{
	return want(obj, where, key, required, JSON_ARRAY, "an array", out, e);
}

int
json_want_object(const struct json *obj, const char *where, const char *key,
    int required, const struct json **out, struct kerr *e)
{
	return want(obj, where, key, required, JSON_OBJECT, "an object", out,
	    e);
}

struct json *
json_new_object(void)
{
	return J(must(cJSON_CreateObject()));
}

struct json *
json_new_array(void)
{
	return J(must(cJSON_CreateArray()));
}

struct json *
json_new_number(double v)
{
	return J(must(cJSON_CreateNumber(v)));
}

struct json *
json_new_string(const char *s)
{
	return J(must(cJSON_CreateString(s ? s : "")));
}

struct json *
json_new_bool(int b)
{
	return J(must(cJSON_CreateBool(b)));
}

struct json *
json_new_null(void)
{
	return J(must(cJSON_CreateNull()));
}

struct json *
json_set(struct json *obj, const char *key, struct json *child)
{
	if (cJSON_GetObjectItemCaseSensitive(C(obj), key) != NULL) {
		if (!cJSON_ReplaceItemInObjectCaseSensitive(C(obj), key,
		    C(child)))
			abort();
	} else if (!cJSON_AddItemToObject(C(obj), key, C(child)))
		abort();
	return child;
}

struct json *
json_set_number(struct json *obj, const char *key, double v)
{
	return json_set(obj, key, json_new_number(v));
}

struct json *
json_set_string(struct json *obj, const char *key, const char *s)
{
	return json_set(obj, key, json_new_string(s));
}

struct json *
json_set_bool(struct json *obj, const char *key, int b)
{
	return json_set(obj, key, json_new_bool(b));
}

struct json *
json_set_null(struct json *obj, const char *key)
{
	return json_set(obj, key, json_new_null());
}

struct json *
json_push(struct json *arr, struct json *child)
{
	if (!cJSON_AddItemToArray(C(arr), C(child)))
		abort();
	return child;
}

struct json *
json_dup(const struct json *v)
{
	return J(must(cJSON_Duplicate(C(v), 1)));
}

struct json *
json_take(struct json *obj, const char *key)
{
	return J(cJSON_DetachItemFromObjectCaseSensitive(C(obj), key));
}

/* The printer: a growable buffer. */
struct sbuf {
	char *b;
	size_t n, cap;
};

static void
sb_put(struct sbuf *sb, const char *s, size_t n)
{
	if (sb->n + n + 1 > sb->cap) {
		while (sb->n + n + 1 > sb->cap)
			sb->cap = sb->cap ? sb->cap * 2 : 256;
		sb->b = must(realloc(sb->b, sb->cap));
	}
	memcpy(sb->b + sb->n, s, n);
	sb->n += n;
	sb->b[sb->n] = '\0';
}

static void
sb_str(struct sbuf *sb, const char *s)
{
	sb_put(sb, s, strlen(s));
}

static void
sb_quote(struct sbuf *sb, const char *s)
{
	const unsigned char *p;
	char esc[8];

	sb_put(sb, "\"", 1);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':	sb_put(sb, "\\\"", 2); break;
		case '\\':	sb_put(sb, "\\\\", 2); break;
		case '\n':	sb_put(sb, "\\n", 2); break;
		case '\t':	sb_put(sb, "\\t", 2); break;
		case '\r':	sb_put(sb, "\\r", 2); break;
		case '\b':	sb_put(sb, "\\b", 2); break;
		case '\f':	sb_put(sb, "\\f", 2); break;
		default:
			if (*p < 0x20) {
				snprintf(esc, sizeof(esc), "\\u%04x", *p);
				sb_put(sb, esc, 6);
			} else
				sb_put(sb, (const char *)p, 1);
		}
	}
	sb_put(sb, "\"", 1);
}

static void
sb_indent(struct sbuf *sb, int depth)
{
	int i;

	sb_put(sb, "\n", 1);
	for (i = 0; i < depth; i++)
		sb_put(sb, "  ", 2);
}

static int
all_scalars(const cJSON *c)
{
	for (c = c->child; c != NULL; c = c->next)
		if (cJSON_IsArray(c) || cJSON_IsObject(c))
			return 0;
	return 1;
}

static void
print_value(struct sbuf *sb, const cJSON *c, int pretty, int depth)
{
	char num[32];
	const cJSON *k;
	int obj, inline_;

	switch (c->type & 0xff) {
	case cJSON_NULL:	sb_str(sb, "null"); return;
	case cJSON_False:	sb_str(sb, "false"); return;
	case cJSON_True:	sb_str(sb, "true"); return;
	case cJSON_Number:
		sb_str(sb, number_format(num, c->valuedouble));
		return;
	case cJSON_String:	sb_quote(sb, c->valuestring); return;
	case cJSON_Raw:		sb_str(sb, c->valuestring); return;
	default:		break;
	}
	obj = cJSON_IsObject(c);
	sb_put(sb, obj ? "{" : "[", 1);
	if (c->child == NULL) {
		sb_put(sb, obj ? "}" : "]", 1);
		return;
	}
	inline_ = !pretty || (!obj && all_scalars(c));
	for (k = c->child; k != NULL; k = k->next) {
		if (!inline_)
			sb_indent(sb, depth + 1);
		if (obj) {
			sb_quote(sb, k->string ? k->string : "");
			sb_str(sb, pretty ? ": " : ":");
		}
		print_value(sb, k, pretty, depth + 1);
		if (k->next != NULL)
			sb_str(sb, inline_ && pretty ? ", " : ",");
	}
	if (!inline_)
		sb_indent(sb, depth);
	sb_put(sb, obj ? "}" : "]", 1);
}

char *
json_print(const struct json *v, int pretty)
{
	struct sbuf sb = { NULL, 0, 0 };

	print_value(&sb, C(v), pretty, 0);
	sb_put(&sb, "\n", 1);
	return sb.b;
}

int
json_write(FILE *fp, const struct json *v, int pretty)
{
	char *s = json_print(v, pretty);
	size_t n = strlen(s);
	int rc = fwrite(s, 1, n, fp) == n ? 0 : -1;

	free(s);
	return rc;
}
