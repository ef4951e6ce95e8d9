/*
 * test_json.c: lib/json's printer.  Numbers read back identically (random
 * doubles, integers, extremes), strings with every control character and
 * non-ASCII text survive a print and parse, NaN prints as null, and
 * positioned parse errors name the line and column.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "json.h"
#include "number.h"
#include "rng.h"

/* Print v alone in an array, parse it back, return the number. */
static double
number_round_trip(double v, int pretty)
{
	struct json *a = json_new_array(), *b;
	struct kerr e;
	char *text;
	double back = NAN;

	json_push(a, json_new_number(v));
	text = json_print(a, pretty);
	b = json_parse(text, strlen(text), "t", &e);
	CHECK(b != NULL);
	if (b != NULL) {
		CHECK(json_size(b) == 1);
		back = json_number(json_first(b));
		json_free(b);
	}
	free(text);
	json_free(a);
	return back;
}

static void
test_numbers(void)
{
	static const double fixed[] = {
		0, 1, -1, 0.1, -0.1, 1.0 / 3, 2.0 / 3, 1e-300, -1e300,
		4.9406564584124654e-324, 1.7976931348623157e308,
		9007199254740993.0, 123456789012345678.0, 0.30000000000000004,
		371438, -6660, 1e15, 1e16, 1e-7
	};
	struct rng r;
	union {
		uint64_t u;
		double d;
	} bitsv;
	size_t k;
	int t;

	for (k = 0; k < sizeof(fixed) / sizeof(fixed[0]); k++) {
		CHECK(number_round_trip(fixed[k], 0) == fixed[k]);
		CHECK(number_round_trip(fixed[k], 1) == fixed[k]);
	}
	rng_seed(&r, 3, 0);
	for (t = 0; t < 20000; t++) {
		bitsv.u = rng_next(&r);
		if (!isfinite(bitsv.d))
			continue;
		CHECK(number_round_trip(bitsv.d, t & 1) == bitsv.d);
	}
	/* integers print without a fraction, -0 as 0 */
	{
		char buf[32];

		CHECK(strcmp(number_format(buf, 42), "42") == 0);
		CHECK(strcmp(number_format(buf, -0.0), "0") == 0);
		CHECK(strcmp(number_format(buf, 0.5), "0.5") == 0);
	}
}

static void
test_strings(void)
{
	char s[300], *text;
	struct json *o = json_new_object(), *b;
	struct kerr e;
	int k, n = 0;

	for (k = 1; k < 128; k++)
		s[n++] = (char)k;
	s[n] = '\0';
	strcat(s, "caf\xc3\xa9 \xe2\x82\x82 \"q\" \\");
	json_set_string(o, "key \"with\" quotes\n", s);
	json_set_number(o, "nan", NAN);
	json_set_number(o, "inf", HUGE_VAL);
	text = json_print(o, 1);
	/* control characters are escaped: no raw byte below 0x20 but \n */
	for (k = 0; text[k] != '\0'; k++)
		CHECK((unsigned char)text[k] >= 0x20 || text[k] == '\n');
	CHECK(strstr(text, "\"nan\": null") != NULL);
	CHECK(strstr(text, "\"inf\": null") != NULL);
	b = json_parse(text, strlen(text), "t", &e);
	CHECK(b != NULL);
	if (b != NULL) {
		const struct json *v = json_get(b, "key \"with\" quotes\n");

		CHECK(v != NULL && json_type(v) == JSON_STRING &&
		    strcmp(json_string(v), s) == 0);
		json_free(b);
	}
	free(text);
	json_free(o);
}

static void
test_errors(void)
{
	struct kerr e;

	CHECK(json_parse("{\n  \"a\": 1,\n  ]", 15, "f", &e) == NULL);
	CHECK(strncmp(e.msg, "f:3:", 4) == 0);
	CHECK(json_parse("[1] x", 5, "f", &e) == NULL);
	CHECK(strncmp(e.msg, "f:1:", 4) == 0);
}

int
main(void)
{
	test_numbers();
	test_strings();
	test_errors();
	return check_status();
}
